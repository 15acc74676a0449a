import { Col, Form, InputNumber } from 'antd';
import { lat, lng } from '../../../../shared/api/common';
import { zodRule } from '../../lib/zodRule';

/** 经度/纬度 inputs (stored as WGS-84), shared by the compound and checkpoint forms. */
export function CoordinateFields() {
  return (
    <>
      <Col span={12}>
        <Form.Item name="lng" label="经度（WGS-84）" rules={[zodRule(lng.nullish())]}>
          <InputNumber style={{ width: '100%' }} precision={6} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="lat" label="纬度（WGS-84）" rules={[zodRule(lat.nullish())]}>
          <InputNumber style={{ width: '100%' }} precision={6} />
        </Form.Item>
      </Col>
    </>
  );
}
