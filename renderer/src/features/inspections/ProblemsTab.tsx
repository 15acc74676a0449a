import { PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Descriptions, Form, Input, Radio, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Output } from '../../../../shared/api';
import { ProblemCategory, ProblemStatus, Responsible, TargetKind } from '../../../../shared/domain/enums';
import { call } from '../../api/client';
import { hashParams } from '../../lib/hashParams';
import { ExportButton } from '../../lib/ExportButton';
import { FormDrawer, FormModal } from '../../lib/FormModal';
import { useLoad } from '../../lib/useLoad';
import { useRemembered } from '../../lib/useRemembered';
import { enumOptions } from '../places/options';
import { PhotoInput, StoredPhoto } from './PhotoInput';

type Problem = Output<'problems.list'>['rows'][number];
const STATUS_TAG: Record<string, string> = { open: 'orange', fixed: 'blue', closed: 'green', overdue: 'red' };
const ACTIONS: Record<string, string> = {
  create: '发现问题',
  fix: '报告整改',
  recheckPass: '复查通过，销号',
  recheckFail: '复查不通过，退回整改',
  reassign: '改派',
  extend: '延期',
};

export const StatusTag = ({ status }: { status: Problem['status'] }) => <Tag color={STATUS_TAG[status]}>{ProblemStatus.labels[status]}</Tag>;

/** One problem: what, where, whose, its photos and every step so far; fix or re-check it here. */
function ProblemDrawer({ id, canWrite, onClose, onChanged }: { id: number; canWrite: boolean; onClose: () => void; onChanged: () => void }) {
  const { message } = App.useApp();
  const [reload, setReload] = useState(0);
  const p = useLoad(() => call('problems.get', { id }), [id, reload]);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [passed, setPassed] = useState(true);
  const act = async (what: 'fix' | 'recheck') => {
    try {
      if (what === 'fix') await call('problems.fix', { id, note, photos });
      else await call('problems.recheck', { id, passed, note, photos });
      message.success(what === 'fix' ? '已报告整改，等待复查' : passed ? '复查通过，已销号' : '已退回整改');
      setNote('');
      setPhotos([]);
      setReload((r) => r + 1);
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const d = p.data;
  return (
    <FormDrawer
      open
      size={520}
      title={d ? `${d.targetName} · ${d.item}` : '问题'}
      onClose={onClose}
      dirty={!!note.trim() || photos.length > 0}
      data-testid="problem-drawer"
    >
      {d && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="状态">
              <StatusTag status={d.status} />
            </Descriptions.Item>
            <Descriptions.Item label="点位">
              {TargetKind.labels[d.targetKind]} {d.targetName}（{d.communityName ?? '—'}）
            </Descriptions.Item>
            <Descriptions.Item label="类别">{ProblemCategory.labels[d.category]}</Descriptions.Item>
            <Descriptions.Item label="问题">{d.description ?? d.item}</Descriptions.Item>
            <Descriptions.Item label="责任方">
              {Responsible.labels[d.responsibleKind]} {d.responsibleName ?? ''}
              {d.responsibleUser ? `（账号 ${d.responsibleUser}）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="发现 / 期限">
              {d.foundOn} / {d.deadline}
            </Descriptions.Item>
          </Descriptions>
          {d.photos.length > 0 && (
            <Space wrap>
              {d.photos.map((ph) => (
                <StoredPhoto key={ph} id={ph} />
              ))}
            </Space>
          )}
          <Timeline
            items={d.history.map((h) => ({
              content: (
                <>
                  <div>
                    {dayjs(h.ts).format('MM-DD HH:mm')} {h.username} · {ACTIONS[h.action]}
                  </div>
                  {h.note && <Typography.Text type="secondary">{h.note}</Typography.Text>}
                  {h.photos.length > 0 && (
                    <Space wrap>
                      {h.photos.map((ph) => (
                        <StoredPhoto key={ph} id={ph} />
                      ))}
                    </Space>
                  )}
                </>
              ),
            }))}
          />
          {canWrite && d.status !== 'closed' && (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {d.status === 'fixed' && (
                <Radio.Group value={passed} onChange={(e) => setPassed(e.target.value)} optionType="button" buttonStyle="solid" size="large">
                  <Radio value>复查通过</Radio>
                  <Radio value={false}>不通过</Radio>
                </Radio.Group>
              )}
              <Input.TextArea
                rows={2}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                placeholder={d.status === 'fixed' ? '复查意见' : '整改情况'}
                aria-label={d.status === 'fixed' ? '复查意见' : '整改情况'}
                maxLength={300}
              />
              <PhotoInput value={photos} onChange={setPhotos} testId="action-photo" />
              <Button
                type="primary"
                size="large"
                block
                disabled={note.trim().length < 1}
                onClick={() => act(d.status === 'fixed' ? 'recheck' : 'fix')}
                data-testid="problem-act"
              >
                {d.status === 'fixed' ? '提交复查' : '报告已整改'}
              </Button>
            </Space>
          )}
        </Space>
      )}
    </FormDrawer>
  );
}

/** 问题清单: filter, open one, or reassign and extend many at once (with a reason, kept in each history). */
export function ProblemsTab({ canWrite, communities }: { canWrite: boolean; communities: { value: number; label: string }[] }) {
  const { message } = App.useApp();
  // A link (总览 → 逾期问题) names the status; the rest is what this user last chose.
  const linked = hashParams().get('status');
  const [filter, setFilter] = useRemembered<Record<string, unknown> & { page: number; pageSize: number }>(
    'problems',
    { page: 1, pageSize: 20 },
    { override: linked ? { status: linked, page: 1 } : undefined },
  );
  const { page, pageSize } = filter;
  const [reload, setReload] = useState(0);
  const [selected, setSelected] = useState<number[]>([]);
  const [open, setOpen] = useState<number | null>(null);
  const [bulk, setBulk] = useState<'reassign' | 'extend' | null>(null);
  const [form] = Form.useForm();
  const list = useLoad(() => call('problems.list', filter as never), [JSON.stringify(filter), reload]);
  const set = (k: string, v: unknown) => setFilter({ ...filter, [k]: v ?? undefined, page: 1 });
  const runBulk = async () => {
    const v = await form.validateFields();
    try {
      const r =
        bulk === 'reassign'
          ? await call('problems.reassign', {
              ids: selected,
              responsibleKind: v.responsibleKind,
              responsibleName: v.responsibleName || null,
              responsibleUser: v.responsibleUser || null,
              reason: v.reason,
            })
          : await call('problems.extend', { ids: selected, deadline: v.deadline.format('YYYY-MM-DD'), reason: v.reason });
      message.success(`已${bulk === 'reassign' ? '改派' : '延期'} ${r.changed} 条`);
      setBulk(null);
      setSelected([]);
      setReload((n) => n + 1);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <div className="toolbar">
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 140 }}
          options={enumOptions(ProblemStatus.labels)}
          value={filter.status as string}
          onChange={(v) => set('status', v)}
          aria-label="状态"
        />
        <Select
          allowClear
          placeholder="类别"
          style={{ width: 120 }}
          options={enumOptions(ProblemCategory.labels)}
          value={filter.category as string}
          onChange={(v) => set('category', v)}
          aria-label="类别"
        />
        <Select
          allowClear
          placeholder="社区"
          style={{ width: 140 }}
          options={communities}
          showSearch={{ optionFilterProp: 'label' }}
          value={filter.communityId as number}
          onChange={(v) => set('communityId', v)}
          aria-label="社区"
        />
        <Select
          allowClear
          placeholder="点位类型"
          style={{ width: 120 }}
          options={enumOptions(TargetKind.labels)}
          value={filter.targetKind as string}
          onChange={(v) => set('targetKind', v)}
          aria-label="点位类型"
        />
        <Input.Search
          allowClear
          placeholder="点位、问题或责任人"
          style={{ width: 220 }}
          defaultValue={filter.q as string}
          onSearch={(q) => set('q', q || undefined)}
        />
        <ExportButton
          personal
          run={(full) => {
            const { page: _p, pageSize: _s, ...current } = filter;
            return call('problems.export', { ...current, full } as never);
          }}
        />
        {canWrite && (
          <>
            <Button disabled={!selected.length} onClick={() => (form.resetFields(), setBulk('reassign'))}>
              批量改派（{selected.length}）
            </Button>
            <Button disabled={!selected.length} onClick={() => (form.resetFields(), setBulk('extend'))}>
              批量延期（{selected.length}）
            </Button>
          </>
        )}
      </div>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table<Problem>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.rows ?? []}
        rowSelection={
          canWrite
            ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as number[]), getCheckboxProps: (r) => ({ disabled: r.status === 'closed' }) }
            : undefined
        }
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          onChange: (p, size) => setFilter((f) => ({ ...f, page: size === f.pageSize ? p : 1, pageSize: size })),
          showTotal: (t) => `共 ${t} 条`,
        }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        scroll={{ x: 1000 }}
        columns={[
          { title: '状态', dataIndex: 'status', key: 'status', width: 110, render: (s: Problem['status']) => <StatusTag status={s} /> },
          { title: '点位', key: 'target', width: 200, render: (_, r) => `${TargetKind.labels[r.targetKind]} ${r.targetName}` },
          { title: '社区', dataIndex: 'communityName', key: 'communityName', width: 110 },
          { title: '问题', key: 'item', render: (_, r) => `${r.item}${r.description && r.description !== `${r.item}未落实` ? `：${r.description}` : ''}` },
          { title: '类别', dataIndex: 'category', key: 'category', width: 90, render: (c: Problem['category']) => ProblemCategory.labels[c] },
          {
            title: '责任方',
            key: 'resp',
            width: 160,
            render: (_, r) => `${Responsible.labels[r.responsibleKind]}${r.responsibleName ? ` ${r.responsibleName}` : ''}`,
          },
          { title: '期限', dataIndex: 'deadline', key: 'deadline', width: 100 },
          {
            title: '',
            key: 'notice',
            width: 60,
            render: (_, r) => (
              <Button
                type="link"
                size="small"
                icon={<PrinterOutlined />}
                href={`#/print/notice/${r.targetKind}-${r.targetId}`}
                onClick={(e) => e.stopPropagation()}
                aria-label="整改通知书"
                title="整改通知书"
              />
            ),
          },
        ]}
      />
      {open !== null && <ProblemDrawer id={open} canWrite={canWrite} onClose={() => setOpen(null)} onChanged={() => setReload((n) => n + 1)} />}
      <FormModal
        form={form}
        open={bulk !== null}
        title={bulk === 'reassign' ? `改派 ${selected.length} 条问题` : `延期 ${selected.length} 条问题`}
        okText="确定"
        cancelText="取消"
        onOk={runBulk}
        onCancel={() => setBulk(null)}
      >
        <Form form={form} layout="vertical">
          {bulk === 'reassign' ? (
            <>
              <Form.Item name="responsibleKind" label="责任方" rules={[{ required: true, message: '请选择责任方' }]}>
                <Select options={enumOptions(Responsible.labels)} />
              </Form.Item>
              <Form.Item name="responsibleName" label="责任单位或责任人">
                <Input maxLength={30} />
              </Form.Item>
              <Form.Item name="responsibleUser" label="责任人账号" tooltip="填写后，该账号报告整改后不能自己复查">
                <Input maxLength={40} />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="deadline" label="新的整改期限" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
            </Form.Item>
          )}
          <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请说明原因' }]}>
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  );
}
