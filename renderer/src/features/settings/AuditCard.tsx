import { App, Button, Card, DatePicker, Input, Select, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import type { AuditRow } from '../../../../shared/api/auth';
import { downloadBase64 } from '../../lib/download';
import { useLoad } from '../../lib/useLoad';
import { describeDetail, describeMethod } from '../../../../shared/api/audit-text';

const KIND_LABELS: Record<AuditRow['kind'], string> = {
  write: '修改数据',
  read_personal: '查看完整信息',
  export: '导出',
  auth: '登录/退出',
  security: '安全事件',
};

const ENTITIES = [
  { value: 'communities', label: '社区' },
  { value: 'grids', label: '片区' },
  { value: 'compounds', label: '小区' },
  { value: 'checkpoints', label: '卡点' },
  { value: 'users', label: '用户' },
  { value: 'backup', label: '备份' },
  { value: 'auth', label: '登录' },
];

/** 操作日志: who did or saw what, when and from where. Append-only. */
export function AuditCard() {
  const [q, setQ] = useState<{ username?: string; kind?: AuditRow['kind']; entity?: string; from?: string; to?: string; page: number }>({ page: 1 });
  const { message } = App.useApp();
  const log = useLoad(() => call('audit.list', { ...q, pageSize: 20 }), [JSON.stringify(q)]);
  const exportXlsx = async () => {
    try {
      const out = await call('audit.export', { username: q.username, kind: q.kind, entity: q.entity, from: q.from, to: q.to });
      downloadBase64(out.fileName, out.base64);
      message.success(`已导出 ${out.rowCount} 条`);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Card title="操作日志" size="small">
      <div className="toolbar">
        <Input.Search allowClear placeholder="用户名" style={{ width: 180 }} onSearch={(v) => setQ((o) => ({ ...o, username: v || undefined, page: 1 }))} />
        <Select
          allowClear
          placeholder="类型"
          style={{ width: 160 }}
          options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
          onChange={(kind) => setQ((o) => ({ ...o, kind, page: 1 }))}
        />
        <Select allowClear placeholder="对象" style={{ width: 140 }} options={ENTITIES} onChange={(entity) => setQ((o) => ({ ...o, entity, page: 1 }))} />
        <DatePicker.RangePicker
          onChange={(range) =>
            setQ((o) => ({
              ...o,
              from: range?.[0]?.startOf('day').toISOString(),
              to: range?.[1]?.add(1, 'day').startOf('day').toISOString(),
              page: 1,
            }))
          }
        />
        <span className="spacer" />
        <Button onClick={exportXlsx}>导出 Excel</Button>
      </div>
      <Table<AuditRow>
        rowKey="id"
        size="small"
        loading={log.loading}
        dataSource={log.data?.rows ?? []}
        pagination={{ current: q.page, pageSize: 20, total: log.data?.total ?? 0, onChange: (page) => setQ((o) => ({ ...o, page })) }}
        columns={[
          { title: '时间', dataIndex: 'ts', width: 170, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
          { title: '用户', dataIndex: 'username', width: 100 },
          { title: '来源', dataIndex: 'client', width: 120, render: (v: string) => (v === 'desktop' ? '本机窗口' : v) },
          { title: '类型', dataIndex: 'kind', width: 110, render: (v: AuditRow['kind']) => KIND_LABELS[v] },
          { title: '操作', dataIndex: 'method', width: 220, render: (v: string) => <span title={v}>{describeMethod(v)}</span> },
          { title: '对象', render: (_, r) => (r.entity ? `${r.entity}${r.entityId ? ` #${r.entityId}` : ''}` : '') },
          { title: '条数', dataIndex: 'rowCount', width: 60 },
          { title: '详情', dataIndex: 'detail', ellipsis: { showTitle: true }, render: (v: string | null) => describeDetail(v) },
        ]}
      />
    </Card>
  );
}
