import { FileAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, List, Row, Space, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { hashParams } from '../../lib/hashParams';
import { useLoad } from '../../lib/useLoad';
import { useSession } from '../auth/me';
import { BriefingEditor } from './BriefingEditor';
import { RollupTab } from './RollupTab';

/** 每日简报: generate the day's briefing from the data, edit its paragraphs, print it; and roll up lower units' figures. */
export function BriefingPage() {
  const { message } = App.useApp();
  const { can } = useSession();
  const canWrite = can('briefing:write');
  const [version, setVersion] = useState(0);
  const list = useLoad(() => call('briefings.list', {}), [version]);
  const [selected, setSelected] = useState<number | null>(() => Number(hashParams().get('id')) || null);
  // Each morning the briefing is of the day before.
  const [day, setDay] = useState<Dayjs>(() => dayjs().subtract(1, 'day'));
  const open = selected ?? list.data?.[0]?.id ?? null;
  const generate = async () => {
    try {
      const b = await call('briefings.generate', { day: day.format('YYYY-MM-DD') });
      message.success(`已生成第 ${b.issueNo} 期`);
      setSelected(b.id);
      setVersion((v) => v + 1);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const briefings = (
    <Row gutter={16}>
      <Col xs={24} lg={6}>
        <Card size="small" title="简报" data-testid="briefing-list">
          {canWrite && (
            <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
              <DatePicker
                value={day}
                onChange={(d) => d && setDay(d)}
                allowClear={false}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                aria-label="简报日期"
                style={{ flex: 1 }}
              />
              <Button type="primary" icon={<FileAddOutlined />} onClick={generate} data-testid="briefing-generate">
                生成
              </Button>
            </Space.Compact>
          )}
          {list.data?.length ? (
            <List
              size="small"
              dataSource={list.data}
              renderItem={(r) => (
                <List.Item className={`briefing-item${r.id === open ? ' selected' : ''}`} onClick={() => setSelected(r.id)} style={{ cursor: 'pointer' }}>
                  <Space>
                    <Tag color={r.id === open ? 'red' : undefined}>
                      {r.year}年第{r.issueNo}期
                    </Tag>
                    <span>{r.day}</span>
                  </Space>
                </List.Item>
              )}
            />
          ) : (
            <Empty description="还没有简报" />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={18}>
        {open ? (
          <BriefingEditor key={open} id={open} canWrite={canWrite} onChanged={() => setVersion((v) => v + 1)} />
        ) : (
          <Typography.Paragraph type="secondary">选择日期并点“生成”：简报的数字取自当天的数据，各部分文字按数字预先写好，可以修改后打印。</Typography.Paragraph>
        )}
      </Col>
    </Row>
  );
  return (
    <Tabs
      destroyOnHidden
      defaultActiveKey={hashParams().get('tab') ?? 'briefings'}
      items={[
        { key: 'briefings', label: '每日简报', children: briefings },
        { key: 'rollup', label: '汇总下级报表', children: <RollupTab canWrite={canWrite} /> },
      ]}
    />
  );
}
