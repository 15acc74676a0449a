import { Button, Card, Table, Typography } from 'antd';
import { call } from '../../api/client';
import { useLoad } from '../../lib/useLoad';

/** 设置 → 系统: calls slower than 100 ms since the program started (method and time only, never what was sent). */
export function SlowCallsCard() {
  const slow = useLoad(() => call('system.slowCalls', {}), []);
  return (
    <Card
      title="慢请求记录"
      size="small"
      style={{ marginTop: 16 }}
      extra={
        <Button size="small" onClick={() => slow.reload()}>
          刷新
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        本次启动以来耗时超过 100 毫秒的请求（最近 200 条，最新在前），只记接口名和耗时，不记录输入内容。
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey={(r) => `${r.at}-${r.method}`}
        loading={slow.loading}
        dataSource={slow.data ?? []}
        pagination={{ pageSize: 10 }}
        locale={{ emptyText: '没有超过 100 毫秒的请求' }}
        columns={[
          { title: '时间', dataIndex: 'at', render: (at: string) => new Date(at).toLocaleString('zh-CN', { hour12: false }) },
          { title: '接口', dataIndex: 'method' },
          { title: '耗时（毫秒）', dataIndex: 'ms', align: 'right' },
        ]}
      />
    </Card>
  );
}
