import { Card, Col, Row } from 'antd';
import { BackupsCard } from './BackupsCard';
import { DemoResetCard } from './DemoResetCard';
import { OfficeCard } from './OfficeCard';

export function SettingsPage() {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <OfficeCard />
      </Col>
      <Col xs={24} xl={12}>
        <BackupsCard />
      </Col>
      <Col xs={24}>
        <Card title="演示数据" size="small">
          <DemoResetCard />
        </Card>
      </Col>
    </Row>
  );
}
