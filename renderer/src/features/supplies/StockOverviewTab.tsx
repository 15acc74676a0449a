import { WarningOutlined } from '@ant-design/icons';
import { Alert, App, Card, Col, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Output } from '../../../../shared/api';
import { SupplyCategory } from '../../../../shared/domain/enums';
import { packText } from '../../../../shared/domain/pack-text';
import { call } from '../../api/client';
import { ExportButton } from '../../lib/ExportButton';
import { useLoad } from '../../lib/useLoad';
import { MovesTable } from './MovesTable';

type Overview = Output<'stock.overview'>;
type ItemLine = Overview['items'][number];

/** 库存总览: what is there, how long it lasts at last week's pace, what runs low, and the trend. */
export function StockOverviewTab({ version, canWrite }: { version: number; canWrite: boolean }) {
  const { message } = App.useApp();
  const [reload, setReload] = useState(0);
  const data = useLoad(() => call('stock.overview', {}), [version, reload]);
  const [chartItems, setChartItems] = useState<number[] | null>(null);
  const o = data.data;
  const low = o?.items.filter((i) => i.low) ?? [];
  const shown =
    chartItems ??
    o?.items
      .filter((i) => i.onHand > 0)
      .slice(0, 4)
      .map((i) => i.itemId) ??
    [];
  const chartData = useMemo(() => o?.series.map((s) => ({ day: s.day.slice(5), ...s.stock })) ?? [], [o]);
  if (data.error) return <Alert type="error" showIcon title="无法读取库存" description={data.error} />;
  if (!o) return null;
  const setThreshold = async (days: number | null) => {
    if (!days) return;
    try {
      await call('supplies.setSettings', { coverDaysThreshold: days });
      setReload((r) => r + 1);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const colours = ['#b71c1c', '#1677ff', '#52c41a', '#fa8c16', '#722ed1', '#13c2c2'];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {low.length > 0 && (
        <Alert
          type="warning"
          showIcon
          icon={<WarningOutlined />}
          data-testid="low-stock"
          title={`库存预警：${low.map((i) => i.name).join('、')}`}
          description={`库存低于预警线，或按近 7 天的用量只够 ${o.coverDaysThreshold} 天以内。`}
        />
      )}
      <div className="toolbar" style={{ marginBottom: 0 }}>
        <span className="spacer" />
        <ExportButton run={() => call('stock.export', {})} />
      </div>
      <Table<ItemLine>
        size="small"
        rowKey="itemId"
        pagination={false}
        dataSource={o.items}
        data-testid="stock-table"
        rowClassName={(r) => (r.low ? 'row-error' : '')}
        columns={[
          { title: '物资', dataIndex: 'name', width: 140 },
          { title: '类别', dataIndex: 'category', width: 90, render: (v: ItemLine['category']) => SupplyCategory.labels[v] },
          { title: '现有库存', key: 'onHand', align: 'right', width: 200, render: (_, r) => packText(r.onHand, r) },
          { title: '近 7 天出库', dataIndex: 'out7d', align: 'right', width: 110, render: (v: number, r) => `${v.toLocaleString('zh-CN')} ${r.unit}` },
          {
            title: '可用天数',
            dataIndex: 'daysOfCover',
            align: 'right',
            width: 100,
            render: (v: number | null, r) => (v === null ? '—' : <span style={{ color: r.low ? '#cf1322' : undefined }}>{v} 天</span>),
          },
          {
            title: '状态',
            key: 'low',
            width: 80,
            render: (_, r) => (r.low ? <Tag color="red">预警</Tag> : r.onHand <= 0 ? <Tag>无库存</Tag> : <Tag color="green">正常</Tag>),
          },
        ]}
      />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title="近 30 天库存走势"
            extra={
              <Select
                mode="multiple"
                size="small"
                style={{ minWidth: 280 }}
                maxTagCount={3}
                value={shown}
                onChange={setChartItems}
                options={o.items.map((i) => ({ value: i.itemId, label: i.name }))}
                aria-label="走势图物资"
              />
            }
          >
            <ResponsiveContainer width="100%" height={260}>
              <LineChart data={chartData} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" fontSize={11} />
                <YAxis fontSize={11} width={60} />
                <Tooltip />
                {shown.map((id, i) => (
                  <Line
                    key={id}
                    type="stepAfter"
                    dataKey={String(id)}
                    name={o.items.find((x) => x.itemId === id)?.name}
                    stroke={colours[i % colours.length]}
                    dot={false}
                    isAnimationActive={false}
                  />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title="最近出入库">
            <MovesTable rows={o.recent} compact />
          </Card>
        </Col>
      </Row>
      <Typography.Text type="secondary">
        可用天数 = 现有库存 ÷ 近 7 天日均出库（分配与领用）。低于{' '}
        {canWrite ? (
          <InputNumber size="small" min={1} max={90} defaultValue={o.coverDaysThreshold} onChange={setThreshold} style={{ width: 64 }} aria-label="预警天数" />
        ) : (
          o.coverDaysThreshold
        )}{' '}
        天时预警；各物资还可在物资目录中设置库存预警线。
      </Typography.Text>
    </Space>
  );
}
