import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, InputNumber, Popconfirm, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { PlanBasis, PlanStatus, RecipientKind } from '../../../../shared/domain/enums';
import { packText } from '../../../../shared/domain/pack-text';
import { call } from '../../api/client';
import { downloadBase64 } from '../../lib/download';
import { useSession } from '../auth/me';
import type { ApiError } from '../../../../shared/api/errors';
import { STATUS_COLOURS } from './plan-status';
import { PlanCheckModal, type Preview } from './PlanCheckModal';
import { type Per, PlanLineCell } from './PlanLineCell';
import type { SupplyRefs } from './useRefs';

type Plan = Output<'plans.get'>;
type Recipient = Plan['recipients'][number];
const key = (kind: string, refId: number) => `${kind}:${refId}`;

/**
 * One plan's sheet: recipients × items. In a draft the planner edits weights (then
 * recomputes) or any quantity (the item's total follows, checked against stock); the
 * status buttons walk it through 审批 and 发放.
 */
export function PlanDetail({ id, onBack, onChanged }: { id: number; refs: SupplyRefs; onBack: () => void; onChanged: () => void }) {
  const { message, modal } = App.useApp();
  const { can, me } = useSession();
  const [plan, setPlan] = useState<Plan | null>(null);
  // Unsaved edits of weights and limits, per recipient; 按新权重重新计算 sends them.
  const [edits, setEdits] = useState<Map<string, Partial<Pick<Recipient, 'weight' | 'minPacks' | 'maxPacks'>>>>(new Map());
  const [busy, setBusy] = useState(false);
  const [per, setPer] = useState<Per>('unit');
  // The cuts to the stock a recomputation would make, shown for confirmation as for a new plan.
  const [cut, setCut] = useState<Preview | null>(null);
  useEffect(() => {
    call('plans.get', { id }).then(setPlan, (e: Error) => message.error(e.message));
  }, [id, message]);
  if (!plan) return <Spin />;
  const draft = plan.status === 'draft' && can('supplies:write');
  // The core refuses the author's own approval; the page says so up front instead of offering it.
  const ownPlan = plan.createdBy.toLowerCase() === me.username.toLowerCase();
  const qty = new Map(plan.lines.map((l) => [`${key(l.kind, l.refId)}:${l.itemId}`, l]));

  /** `handled` may take an error over (true) instead of the error toast. */
  const run = async (what: () => Promise<Plan>, done?: string, handled?: (e: unknown) => boolean) => {
    setBusy(true);
    try {
      const next = await what();
      setPlan(next);
      onChanged();
      if (done) message.success(done);
      return true;
    } catch (e) {
      if (!handled?.(e)) message.error((e as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const recompute = (acceptShort = false) =>
    run(
      () =>
        call('plans.update', {
          id: plan.id,
          title: plan.title,
          basis: plan.basis,
          note: plan.note,
          items: plan.items.map((i) => ({ itemId: i.itemId, total: i.requested, inUnits: i.inUnits })),
          recipients: plan.recipients.map((r) => ({
            kind: r.kind,
            refId: r.refId,
            weight: r.weight,
            minPacks: r.minPacks,
            maxPacks: r.maxPacks,
            ...edits.get(key(r.kind, r.refId)),
          })),
          acceptShort,
        }),
      '已按新权重重新计算',
      (e) => {
        const short = (e as ApiError).code === 'CONFLICT' && !acceptShort ? ((e as ApiError).issues ?? []).map((i) => i.message) : [];
        if (short.length === 0) return false;
        setCut({ recipients: plan.recipients.length, empty: 0, emptyNames: [], shortfalls: short, items: [] });
        return true;
      },
    ).then((ok) => ok && (setEdits(new Map()), setCut(null)));
  const edit = (r: Recipient, field: 'weight' | 'minPacks' | 'maxPacks', value: number | null) =>
    setEdits((m) => new Map(m).set(key(r.kind, r.refId), { ...m.get(key(r.kind, r.refId)), [field]: field === 'weight' ? (value ?? 0) : value }));
  const edited = (r: Recipient, field: 'weight' | 'minPacks' | 'maxPacks') => {
    const e = edits.get(key(r.kind, r.refId));
    return e && field in e ? e[field] : r[field];
  };
  const setLine = (r: Recipient, itemId: number, value: number | null) => {
    if (value === null) return;
    run(() => call('plans.setLine', { id: plan.id, kind: r.kind, refId: r.refId, itemId, qty: value }));
  };
  const exportXlsx = async () => {
    try {
      const out = await call('plans.export', { id: plan.id });
      downloadBase64(out.fileName, out.base64);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  // Approval is a second person's check (the core refuses the plan's own author): ask before it counts.
  const approve = () =>
    modal.confirm({
      title: `确认审批方案 ${plan.planNo}？`,
      content: `制表人：${plan.createdByName}。将发放：${plan.items.map((i) => `${i.name} ${packText(i.total, i)}`).join('、')}，共 ${plan.recipients.length} 个接收方。审批后方案不能修改，除非撤回审批。`,
      okText: '确认审批',
      cancelText: '取消',
      onOk: () => run(() => call('plans.approve', { id: plan.id }), '方案已审批'),
    });
  const issue = () =>
    modal.confirm({
      title: `确认按方案 ${plan.planNo} 发放？`,
      content: `将从“${plan.warehouseName}”出库：${plan.items.map((i) => packText(i.total, i)).join('、')}。发放后不能修改。`,
      okText: '确认发放',
      cancelText: '取消',
      onOk: () => run(() => call('plans.issue', { id: plan.id }), '已发放，库存已扣减'),
    });

  const columns: ColumnsType<Recipient> = [
    { title: '序号', key: 'n', width: 56, fixed: 'left', render: (_, __, i) => i + 1 },
    {
      title: '接收方',
      dataIndex: 'name',
      width: 160,
      fixed: 'left',
      render: (n: string, r) => (
        <>
          {n} <Typography.Text type="secondary">{RecipientKind.labels[r.kind]}</Typography.Text>
        </>
      ),
    },
    {
      title: `工作量（${PlanBasis.labels[plan.basis].replace('按', '')}）`,
      dataIndex: 'workload',
      width: 120,
      align: 'right',
      render: (v: number) => v.toLocaleString('zh-CN'),
    },
    {
      title: '权重',
      key: 'weight',
      width: 110,
      render: (_, r) =>
        draft ? (
          <InputNumber size="small" min={0} value={edited(r, 'weight')} onChange={(v) => edit(r, 'weight', v)} aria-label={`${r.name}权重`} />
        ) : (
          r.weight.toLocaleString('zh-CN')
        ),
    },
    {
      title: '每种物资最低/最高（包）',
      key: 'limits',
      width: 150,
      render: (_, r) =>
        draft ? (
          <Space size={2}>
            <InputNumber
              size="small"
              min={0}
              precision={0}
              style={{ width: 64 }}
              value={edited(r, 'minPacks')}
              onChange={(v) => edit(r, 'minPacks', v)}
              aria-label={`${r.name}最低包数`}
            />
            <InputNumber
              size="small"
              min={0}
              precision={0}
              style={{ width: 64 }}
              value={edited(r, 'maxPacks')}
              onChange={(v) => edit(r, 'maxPacks', v)}
              aria-label={`${r.name}最高包数`}
            />
          </Space>
        ) : (
          [r.minPacks ?? '—', r.maxPacks ?? '—'].join(' / ')
        ),
    },
    ...plan.items.map((it): ColumnsType<Recipient>[number] => ({
      title: `${it.name}（${it.unit}）`,
      key: `item-${it.itemId}`,
      width: 150,
      align: 'right',
      render: (_, r) => {
        const line = qty.get(`${key(r.kind, r.refId)}:${it.itemId}`);
        if (!line) return '—';
        return <PlanLineCell line={line} item={it} editable={draft} per={per} label={`${r.name}${it.name}数量`} onSet={(v) => setLine(r, it.itemId, v)} />;
      },
    })),
    {
      title: '签收单',
      key: 'receipt',
      width: 96,
      fixed: 'right',
      render: (_, r) => (
        <Button type="link" size="small" href={`#/print/receipts/${plan.id}?recipient=${key(r.kind, r.refId)}`} aria-label={`打印${r.name}的签收单`}>
          打印签收单
        </Button>
      ),
    },
  ];
  const weightsChanged = edits.size > 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
          返回方案列表
        </Button>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {plan.planNo} {plan.title}
        </Typography.Title>
        <Tag color={STATUS_COLOURS[plan.status]} data-testid="plan-status">
          {PlanStatus.labels[plan.status]}
        </Tag>
        <span style={{ flex: 1 }} />
        {draft && plan.items.some((i) => i.packSize > 1) && (
          <Segmented<Per>
            value={per}
            onChange={setPer}
            options={[
              { value: 'unit', label: '按瓶/只录入' },
              { value: 'pack', label: '按箱/盒录入' },
            ]}
            aria-label="数量录入单位"
          />
        )}
        {draft && weightsChanged && (
          <Button onClick={() => void recompute()} loading={busy}>
            按新权重和上下限重新计算
          </Button>
        )}
        {plan.status === 'draft' && can('supplies:approve') && (
          <Button type="primary" onClick={approve} loading={busy} disabled={weightsChanged || ownPlan}>
            审批
          </Button>
        )}
        {plan.status === 'approved' && can('supplies:approve') && (
          <Button onClick={() => run(() => call('plans.revert', { id: plan.id }), '已撤回审批')} loading={busy}>
            撤回审批
          </Button>
        )}
        {plan.status === 'approved' && can('supplies:write') && (
          <Button type="primary" danger onClick={issue} loading={busy}>
            发放
          </Button>
        )}
        <Button icon={<PrinterOutlined />} href={`#/print/plan/${plan.id}`}>
          打印分配表
        </Button>
        <Button icon={<PrinterOutlined />} href={`#/print/receipts/${plan.id}`}>
          打印全部签收单
        </Button>
        <Button icon={<DownloadOutlined />} onClick={exportXlsx}>
          导出 Excel
        </Button>
        {draft && (
          <Popconfirm
            title="删除这个草稿方案？"
            okText="删除"
            cancelText="取消"
            onConfirm={() => call('plans.delete', { id: plan.id }).then(onBack, (e: Error) => message.error(e.message))}
          >
            <Button danger>删除</Button>
          </Popconfirm>
        )}
      </Space>
      <Descriptions size="small" column={4} bordered>
        <Descriptions.Item label="发放仓库">{plan.warehouseName}</Descriptions.Item>
        <Descriptions.Item label="分配依据">{PlanBasis.labels[plan.basis]}</Descriptions.Item>
        <Descriptions.Item label="制表">{`${plan.createdByName} ${dayjs(plan.createdAt).format('MM-DD HH:mm')}`}</Descriptions.Item>
        <Descriptions.Item label="审批/发放">
          {[
            plan.approvedByName && `审批 ${plan.approvedByName}`,
            plan.issuedByName && `发放 ${plan.issuedByName} ${dayjs(plan.issuedAt).format('MM-DD HH:mm')}`,
          ]
            .filter(Boolean)
            .join('；') || '—'}
        </Descriptions.Item>
      </Descriptions>
      {plan.status === 'draft' && can('supplies:approve') && ownPlan && (
        <Alert type="warning" showIcon data-testid="own-plan" title="此方案由您本人制定，不能由您审批，请由另一位有审批权限的同事审批。" />
      )}
      <Alert
        type="info"
        showIcon
        title="数量如何计算"
        description={
          <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="plan-explanation">
            {plan.items.map((i) => (
              <li key={i.itemId}>{i.explanation}</li>
            ))}
          </ul>
        }
      />
      <Table<Recipient>
        size="small"
        bordered
        rowKey={(r) => key(r.kind, r.refId)}
        columns={columns}
        dataSource={plan.recipients}
        pagination={plan.recipients.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        scroll={{ x: 850 + plan.items.length * 150 }}
        data-testid="plan-sheet"
        summary={() => (
          <Table.Summary fixed>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={5}>
                <b>合计</b>（仓库现有）
              </Table.Summary.Cell>
              {plan.items.map((it, i) => (
                <Table.Summary.Cell key={it.itemId} index={5 + i} align="right">
                  <b data-testid={`total-${it.itemId}`}>{packText(it.total, it)}</b>
                  <Typography.Text type={it.total > it.onHand ? 'danger' : 'secondary'}>（{it.onHand.toLocaleString('zh-CN')}）</Typography.Text>
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={5 + plan.items.length} />
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
      {cut && <PlanCheckModal preview={cut} smaller={null} busy={busy} onChoose={() => void recompute(true)} onCancel={() => setCut(null)} />}
    </Space>
  );
}
