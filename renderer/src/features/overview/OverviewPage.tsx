import { Alert, Card, Col, Progress, Row, Skeleton, Statistic, Typography } from 'antd';
import { call } from '../../api/client';
import { CheckpointStatus, ControlLevel, ManagementType } from '../../../../shared/domain/enums';
import { fmt } from '../../lib/format';
import { useDataVersion } from '../../lib/useDataVersion';
import { useLoad } from '../../lib/useLoad';
import { useSession } from '../auth/me';
import { AlertsPanel } from './AlertsPanel';
import { BackupStatusLine } from '../settings/BackupStatusLine';
import { LiveFigures } from './LiveFigures';

const CONTROL_COLORS: Record<string, string> = { sealed: '#cf1322', controlled: '#fa8c16', precaution: '#a0d911', normal: '#8c8c8c' };
const STATUS_COLORS: Record<string, string> = { active: '#389e0d', paused: '#faad14', removed: '#bfbfbf' };
const MANAGEMENT_COLORS: Record<string, string> = { managed: '#1677ff', self: '#13c2c2', unmanaged: '#cf1322' };

/** A labelled breakdown as bars: every figure comes from dashboard.summary. */
function Breakdown<K extends string>(props: {
  title: string;
  total: number;
  counts: Record<K, number>;
  labels: Record<K, string>;
  colors: Record<string, string>;
  testId: string;
}) {
  return (
    <Card title={props.title} size="small" data-testid={props.testId}>
      {(Object.keys(props.labels) as K[]).map((k) => (
        <div key={k} style={{ display: 'grid', gridTemplateColumns: '64px 1fr 56px', alignItems: 'center', gap: 8 }}>
          <span>{props.labels[k]}</span>
          <Progress percent={props.total ? (props.counts[k] / props.total) * 100 : 0} showInfo={false} strokeColor={props.colors[k]} />
          <span style={{ textAlign: 'right' }}>{fmt(props.counts[k])}</span>
        </div>
      ))}
    </Card>
  );
}

export function OverviewPage() {
  const version = useDataVersion();
  const { can } = useSession();
  const { data, error, loading } = useLoad(() => call('dashboard.summary', {}), [version]);
  if (error) return <Alert type="error" showIcon message="无法读取统计数据" description={error} />;
  if (loading && !data) return <Skeleton active />;
  if (!data) return null;
  const stats = [
    { id: 'communities', title: '社区（村）', value: data.communities },
    { id: 'grids', title: '片区', value: data.grids },
    { id: 'compounds', title: '小区', value: data.compounds },
    { id: 'checkpoints', title: '卡点', value: data.checkpoints },
    { id: 'households', title: '总户数', value: data.households },
    { id: 'population', title: '总人口', value: data.population },
  ];
  return (
    <>
      {can('system:backup') && <BackupStatusLine version={version} compact />}
      <AlertsPanel version={version} />
      {can('briefing:read') && <LiveFigures version={version} />}
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        辖区基本情况
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {stats.map((s) => (
          <Col key={s.id} xs={12} md={8} xl={4}>
            <Card className="stat-card" data-testid={`stat-${s.id}`}>
              <Statistic title={s.title} value={s.value} groupSeparator="," />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={8}>
          <Breakdown
            title="小区管理类型"
            testId="by-management"
            total={data.compounds}
            counts={data.compoundsByManagement}
            labels={ManagementType.labels}
            colors={MANAGEMENT_COLORS}
          />
        </Col>
        <Col xs={24} lg={8}>
          <Breakdown
            title="小区管控等级"
            testId="by-control"
            total={data.compounds}
            counts={data.compoundsByControl}
            labels={ControlLevel.labels}
            colors={CONTROL_COLORS}
          />
        </Col>
        <Col xs={24} lg={8}>
          <Breakdown
            title="卡点状态"
            testId="by-status"
            total={data.checkpoints}
            counts={data.checkpointsByStatus}
            labels={CheckpointStatus.labels}
            colors={STATUS_COLORS}
          />
        </Col>
      </Row>
    </>
  );
}
