import { App, Button, Card, Form, Input, Radio, Select } from 'antd';
import { useEffect } from 'react';
import { Basemap } from '../../../../shared/api/map';
import { call } from '../../api/client';
import { useLoad } from '../../lib/useLoad';
import { showFieldIssues, zodRule } from '../../lib/zodRule';

/** 地图底图: none (schematic, works offline), or an online XYZ server with its coordinate system. */
export function BasemapCard() {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const current = useLoad(() => call('map.basemap', {}), []);
  const source = Form.useWatch('source', form);
  useEffect(() => {
    if (current.data) form.setFieldsValue(current.data);
  }, [current.data, form]);
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await call('map.setBasemap', v);
      message.success('底图设置已保存，重新打开地图后生效');
    } catch (e) {
      showFieldIssues(form, e);
      message.error((e as Error).message);
    }
  };
  return (
    <Card title="地图底图" size="small" style={{ marginTop: 16 }}>
      <Form form={form} layout="vertical" initialValues={{ source: 'none', url: '', crs: 'WGS84' }}>
        <Form.Item name="source" label="底图来源">
          <Radio.Group options={[{ value: 'none', label: '无底图（示意图，离线可用）' }, { value: 'online', label: '在线底图' }]} />
        </Form.Item>
        {source === 'online' && (
          <>
            <Form.Item name="url" label="瓦片地址（XYZ 模板）" rules={[zodRule(Basemap.shape.url)]} extra="例如单位内网或天地图等服务的地址，须包含 {z}、{x}、{y}；{s} 表示 a/b/c 子域名。">
              <Input placeholder="https://…/{z}/{x}/{y}.png" />
            </Form.Item>
            <Form.Item name="crs" label="底图坐标系">
              <Select options={[{ value: 'WGS84', label: 'WGS-84（天地图、OSM 等）' }, { value: 'GCJ02', label: 'GCJ-02（高德、腾讯等）' }]} style={{ width: 260 }} />
            </Form.Item>
          </>
        )}
        <Button type="primary" onClick={save}>保存</Button>
      </Form>
    </Card>
  );
}
