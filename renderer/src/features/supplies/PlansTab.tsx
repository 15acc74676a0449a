import { App, Button, Form, Input, Radio, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Input as CallInput, Output } from '../../../../shared/api';
import { PlanBasis, PlanStatus } from '../../../../shared/domain/enums';
import { toBaseUnits } from '../../../../shared/domain/pack-text';
import { call } from '../../api/client';
import { useLoad } from '../../lib/useLoad';
import { showFieldIssues } from '../../lib/zodRule';
import { useSession } from '../auth/me';
import { enumOptions } from '../places/options';
import { PlanDetail } from './PlanDetail';
import { STATUS_COLOURS } from './plan-status';
import { PlanCheckModal, type Preview, type SaveChoice } from './PlanCheckModal';
import { PlanItemsField } from './PlanItemsField';
import type { SupplyRefs } from './useRefs';
import { FormModal } from '../../lib/FormModal';

type PlanRow = Output<'plans.list'>['rows'][number];
type NewPlan = Omit<CallInput<'plans.create'>, 'dropEmpty' | 'acceptShort'>;

/** 分配方案: the list, a new plan from workload, and one plan's sheet. */
export function PlansTab({ refs, onChanged }: { refs: SupplyRefs; onChanged: () => void }) {
  const { message } = App.useApp();
  const { can } = useSession();
  const [version, setVersion] = useState(0);
  const [page, setPage] = useState(1);
  const list = useLoad(() => call('plans.list', { page, pageSize: 20 }), [page, version]);
  const [openId, setOpenId] = useState<number | null>(() => Number(new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('plan')) || null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const changed = () => (setVersion((v) => v + 1), onChanged());

  // The plan as typed, and what saving it would give, while the planner decides (PlanCheckModal).
  const [check, setCheck] = useState<{ plan: NewPlan; preview: Preview; smaller: Preview | null } | null>(null);
  const [saving, setSaving] = useState(false);

  if (openId !== null) return <PlanDetail id={openId} refs={refs} onBack={() => (setOpenId(null), changed())} onChanged={changed} />;

  const save = async (plan: NewPlan, choice: SaveChoice) => {
    setSaving(true);
    try {
      const created = await call('plans.create', {
        ...plan,
        items: plan.items.map((i) => ({ ...i, inUnits: choice === 'inUnits' })),
        dropEmpty: choice === 'dropEmpty',
        // Reached only after the cut was shown (PlanCheckModal) or when there is none.
        acceptShort: true,
      });
      setCheck(null);
      setCreating(false);
      changed();
      message.success(`已生成方案 ${created.planNo}，请核对各接收方数量`);
      setOpenId(created.id);
    } catch (e) {
      showFieldIssues(form, e);
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  const create = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const plan: NewPlan = {
      ...v,
      items: (v.items as { itemId: number; total: number; per?: 'pack' | 'unit' }[]).map((i) => ({
        itemId: i.itemId,
        total: toBaseUnits(i.total, i.per ?? 'unit', refs.items.find((x) => x.id === i.itemId) ?? { packSize: 1 }),
      })),
    };
    try {
      const preview = await call('plans.preview', plan);
      if (preview.empty === 0 && preview.shortfalls.length === 0) return void (await save(plan, 'asIs'));
      const smaller = preview.empty > 0 && preview.empty < preview.recipients ? await call('plans.preview', { ...plan, dropEmpty: true }) : null;
      setCheck({ plan, preview, smaller });
    } catch (e) {
      showFieldIssues(form, e);
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <div className="toolbar">
        <span className="spacer" />
        {can('supplies:write') && (
          <Button
            type="primary"
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({
                title: `${dayjs().format('M月D日')}防疫物资分配`,
                warehouseId: refs.warehouses[0]?.value,
                basis: 'population',
                recipients: 'community',
                items: [{ per: 'unit' }],
              });
              setCreating(true);
            }}
          >
            新建分配方案
          </Button>
        )}
      </div>
      <Table<PlanRow>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.rows ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 个方案` }}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '方案编号', dataIndex: 'planNo', width: 140 },
          { title: '方案名称', dataIndex: 'title' },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: PlanRow['status']) => <Tag color={STATUS_COLOURS[s]}>{PlanStatus.labels[s]}</Tag> },
          { title: '发放仓库', dataIndex: 'warehouseName', width: 120 },
          { title: '接收方', dataIndex: 'recipientCount', width: 80, align: 'right' },
          { title: '物资种类', dataIndex: 'itemCount', width: 80, align: 'right' },
          { title: '制表人', dataIndex: 'createdByName', width: 90 },
          { title: '创建时间', dataIndex: 'createdAt', width: 140, render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm') },
        ]}
      />
      <FormModal
        form={form}
        open={creating}
        title="新建分配方案"
        okText="按工作量计算"
        cancelText="取消"
        onOk={create}
        onCancel={() => setCreating(false)}
        destroyOnHidden
        width={640}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="title" label="方案名称" rules={[{ required: true, message: '请填写方案名称' }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="warehouseId" label="发放仓库" rules={[{ required: true, message: '请选择仓库' }]}>
              <Select options={refs.warehouses} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="basis" label="分配依据">
              <Select options={enumOptions(PlanBasis.labels)} style={{ width: 180 }} />
            </Form.Item>
          </Space>
          <Form.Item name="recipients" label="接收方">
            <Radio.Group
              options={[
                { value: 'community', label: '全部社区（村）' },
                { value: 'checkpoint', label: '全部在岗卡点' },
                { value: 'both', label: '社区和卡点' },
              ]}
            />
          </Form.Item>
          <Form.Item
            label="分配物资与计划数量"
            required
            extra="数量可按包装（箱/盒）或基本单位（瓶/只）填写；按整包装取整，零头留在库存；保存前会提示分不到物资的接收方和超出库存的数量"
          >
            <PlanItemsField items={refs.items} />
          </Form.Item>
        </Form>
      </FormModal>
      {check && (
        <PlanCheckModal
          preview={check.preview}
          smaller={check.smaller}
          busy={saving}
          onChoose={(c) => void save(check.plan, c)}
          onCancel={() => setCheck(null)}
        />
      )}
    </>
  );
}
