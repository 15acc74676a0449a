import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Popconfirm, Select, Space, Table } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import type { SorterResult } from 'antd/es/table/interface';
import { type ReactNode, useState } from 'react';
import { showFieldIssues } from '../../lib/zodRule';
import { downloadBase64 } from '../../lib/download';
import { FormModal } from '../../lib/FormModal';
import { useLoad } from '../../lib/useLoad';
import { useRemembered } from '../../lib/useRemembered';
import { BulkEditModal, type BulkField } from '../../lib/BulkEditModal';
import { ListReload } from '../../lib/InlineCell';
import { RevealButton } from './RevealButton';

export interface ListQueryState {
  q?: string;
  page: number;
  pageSize: number;
  sort?: string;
  order: 'asc' | 'desc';
  [filter: string]: unknown;
}

export interface FilterDef {
  key: string;
  placeholder: string;
  options: { value: string | number; label: string }[];
}

/** Everything that differs between the 小区 / 卡点 / 社区 / 片区 tabs. */
export interface EntityConfig<Row extends { id: number }> {
  noun: string;
  list: (query: ListQueryState) => Promise<{ rows: Row[]; total: number }>;
  save: (values: Record<string, unknown>, editing: Row | null) => Promise<unknown>;
  /** Absent: rows are not deleted from this list (the 删除 link is not shown). */
  remove?: (id: number) => Promise<unknown>;
  /** False: rows come from elsewhere (an import); the list edits them but offers no 新建. */
  creatable?: boolean;
  /** 批量修改: the fields offered, and the core call that applies one to the selected rows. */
  bulk?: { fields: BulkField[]; apply: (ids: number[], key: string, value: unknown) => Promise<{ changed: number }> };
  columns: ColumnsType<Row>;
  filters: FilterDef[];
  /** The form's fields; receives the form to show/hide dependent fields. */
  fields: ReactNode;
  toForm: (row: Row | null) => Record<string, unknown>;
  /** Exports what the list shows (current search and filters) to .xlsx. */
  exportList?: (query: ListQueryState) => Promise<{ fileName: string; base64: string; rowCount: number }>;
  /** Column widths add up to this, so the table scrolls sideways instead of squeezing. */
  scrollX?: number;
}

/**
 * One list + form page for a territory table: search (name or pinyin initials),
 * filters, sorting and paging all done by the core in SQL.
 */
export function EntityTab<Row extends { id: number }>({
  config,
  onChanged,
  canWrite,
  canReveal = false,
  initialQuery,
}: {
  /** A search to start with (links from the map). */
  initialQuery?: string;
  config: EntityConfig<Row>;
  onChanged?: () => void;
  /** Hidden rather than disabled: a role that cannot write sees a read-only register. */
  canWrite: boolean;
  /** Offer 查看完整信息 (personal data unmasked, with a reason that is logged). */
  canReveal?: boolean;
}) {
  const { message } = App.useApp();
  // Remembered per user and list; a link from the map (initialQuery) replaces the stored search.
  // A list that holds personal data (it offers 查看完整信息, to this role or not) keeps its search
  // text out of the browser's storage: it may be a resident's name or the tail of an ID number.
  const [query, setQuery] = useRemembered<ListQueryState>(
    `entity:${config.noun}`,
    { page: 1, pageSize: 20, order: 'asc' },
    { transient: canReveal === undefined ? ['reveal'] : ['reveal', 'q'], override: initialQuery ? { q: initialQuery, page: 1 } : undefined },
  );
  const [editing, setEditing] = useState<Row | null | undefined>(undefined);
  const [selected, setSelected] = useState<number[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  const { data, loading, error, reload } = useLoad(() => config.list(query), [JSON.stringify(query)]);

  const setFilter = (key: string, value: unknown) => setQuery((q) => ({ ...q, [key]: value ?? undefined, page: 1 }));
  const open = (row: Row | null) => {
    form.resetFields();
    form.setFieldsValue(config.toForm(row));
    setEditing(row);
  };
  const submit = async () => {
    let values: Record<string, unknown>;
    try {
      values = await form.validateFields();
    } catch {
      return; // antd shows the field messages
    }
    setSaving(true);
    try {
      await config.save(values, editing ?? null);
      message.success('已保存');
      setEditing(undefined);
      reload();
      onChanged?.();
    } catch (e) {
      showFieldIssues(form, e);
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  const remove = async (row: Row) => {
    try {
      await config.remove!(row.id);
      message.success('已删除');
      reload();
      onChanged?.();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const onTableChange = (p: TablePaginationConfig, _f: unknown, s: SorterResult<Row> | SorterResult<Row>[]) => {
    const sorter = Array.isArray(s) ? s[0] : s;
    setQuery((q) => ({
      ...q,
      page: p.current ?? 1,
      pageSize: p.pageSize ?? 20,
      sort: sorter?.order ? String(sorter.columnKey) : undefined,
      order: sorter?.order === 'descend' ? 'desc' : 'asc',
    }));
  };

  const bulk = canWrite ? config.bulk : undefined;
  // A remembered sort shows its arrow again (controlled columns).
  const columns = config.columns.map((c) =>
    c.sorter ? { ...c, sortOrder: c.key === query.sort ? (query.order === 'desc' ? ('descend' as const) : ('ascend' as const)) : null } : c,
  );
  const actions: ColumnsType<Row>[number] = {
    title: '操作',
    key: 'actions',
    fixed: 'right',
    width: 120,
    render: (_: unknown, row: Row) => (
      <Space size="small">
        <Button type="link" size="small" onClick={() => open(row)}>
          编辑
        </Button>
        {config.remove && (
          <Popconfirm title={`确定删除这个${config.noun}？`} okText="删除" cancelText="取消" onConfirm={() => remove(row)}>
            <Button type="link" size="small" danger>
              删除
            </Button>
          </Popconfirm>
        )}
      </Space>
    ),
  };

  return (
    <>
      <div className="toolbar">
        <Input.Search
          allowClear
          defaultValue={query.q}
          placeholder="名称或拼音首字母"
          style={{ width: 220 }}
          aria-label={`搜索${config.noun}`}
          onSearch={(v) => setFilter('q', v.trim() || undefined)}
        />
        {config.filters.map((f) => (
          <Select
            key={f.key}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={f.placeholder}
            style={{ minWidth: 140 }}
            options={f.options}
            value={query[f.key] as string | number | undefined}
            onChange={(v) => setFilter(f.key, v)}
          />
        ))}
        <span className="spacer" />
        {config.exportList && (
          <Button
            icon={<DownloadOutlined />}
            onClick={async () => {
              try {
                // With 查看完整信息 on (a reason given), the export is complete too; the server checks and logs it.
                const { page: _p, pageSize: _s, reveal, ...filters } = query;
                const out = await config.exportList!({ ...filters, full: !!reveal } as unknown as ListQueryState);
                downloadBase64(out.fileName, out.base64);
                message.success(`已导出 ${out.rowCount} 条`);
              } catch (e) {
                message.error((e as Error).message);
              }
            }}
          >
            {query.reveal ? '导出 Excel（完整信息）' : '导出 Excel'}
          </Button>
        )}
        {canReveal && <RevealButton revealed={!!query.reveal} onChange={(reveal) => setQuery((q) => ({ ...q, reveal }))} />}
        {bulk && (
          <Button disabled={!selected.length} onClick={() => setBulkOpen(true)}>
            批量修改（{selected.length}）
          </Button>
        )}
        {canWrite && config.creatable !== false && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>
            新建{config.noun}
          </Button>
        )}
      </div>
      {error && (
        <div role="alert" style={{ color: '#cf1322', marginBottom: 8 }}>
          {error}
        </div>
      )}
      <ListReload.Provider value={reload}>
        <Table<Row>
          rowKey="id"
          size="middle"
          rowSelection={bulk ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as number[]), preserveSelectedRowKeys: true } : undefined}
          loading={loading}
          columns={canWrite ? [...columns, actions] : columns}
          dataSource={data?.rows ?? []}
          scroll={{ x: config.scrollX ?? 900 }}
          onChange={onTableChange}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (t) => `共 ${t} 条`,
          }}
        />
      </ListReload.Provider>
      {bulk && (
        <BulkEditModal
          open={bulkOpen}
          count={selected.length}
          noun={config.noun}
          fields={bulk.fields}
          onApply={async (key, value) => (await bulk.apply(selected, key, value)).changed}
          onClose={(changed) => {
            setBulkOpen(false);
            if (!changed) return;
            setSelected([]);
            reload();
            onChanged?.();
          }}
        />
      )}
      <FormModal
        form={form}
        open={editing !== undefined}
        title={`${editing ? '编辑' : '新建'}${config.noun}`}
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        onOk={submit}
        onCancel={() => setEditing(undefined)}
        destroyOnHidden
        forceRender
        width={640}
      >
        <Form form={form} layout="vertical" requiredMark>
          {config.fields}
        </Form>
      </FormModal>
    </>
  );
}
