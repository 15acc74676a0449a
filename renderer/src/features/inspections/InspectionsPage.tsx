import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, DatePicker, Drawer, Grid, Spin, Table, Tabs, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { InspectionKind, InspectionSlot, TargetKind } from '../../../../shared/domain/enums';
import { call } from '../../api/client';
import { hashParams } from '../../lib/hashParams';
import { useLoad } from '../../lib/useLoad';
import { useSession } from '../auth/me';
import { EntityTab } from '../places/EntityTab';
import { ChecklistsTab } from './ChecklistsTab';
import { DisinfectionTab } from './DisinfectionTab';
import { InspectionEntry } from './InspectionEntry';
import { readDraft } from './inspectionDraft';
import { premisesConfig } from './premisesConfig';
import { ProblemsTab } from './ProblemsTab';

type Row = Output<'inspections.list'>['rows'][number];

function InspectionsTab({ canWrite }: { canWrite: boolean }) {
  const phone = !Grid.useBreakpoint().md;
  const { me } = useSession();
  // An unsent inspection (kept in this browser) is offered again rather than hidden behind a button.
  const hasDraft = !!readDraft(me.username)?.targets.length;
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(13, 'day'), dayjs()]);
  const [page, setPage] = useState(1);
  const [reload, setReload] = useState(0);
  const [entering, setEntering] = useState(() => hashParams().get('new') === '1' || (phone && hasDraft));
  const list = useLoad(
    () => call('inspections.list', { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), page, pageSize: 20 }),
    [range, page, reload],
  );
  const report = `#/print/report/0?from=${range[0].format('YYYY-MM-DD')}&to=${range[1].format('YYYY-MM-DD')}`;
  // On a phone the entry form is the page; on a desk it slides in beside the list.
  if (phone && entering) return <InspectionEntry onSaved={() => (setEntering(false), setReload((n) => n + 1))} />;
  return (
    <>
      <div className="toolbar">
        {canWrite && (
          <Button type="primary" size={phone ? 'large' : 'middle'} icon={<PlusOutlined />} onClick={() => setEntering(true)} data-testid="inspection-new">
            {hasDraft ? '继续登记督查（有未提交的草稿）' : '登记督查'}
          </Button>
        )}
        <DatePicker.RangePicker
          value={range}
          onChange={(r) => r?.[0] && r[1] && (setRange([r[0], r[1]]), setPage(1))}
          allowClear={false}
          aria-label="日期范围"
        />
        <Button icon={<PrinterOutlined />} href={report}>
          督查通报
        </Button>
      </div>
      <Table<Row>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.rows ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        scroll={{ x: 900 }}
        columns={[
          { title: '日期', key: 'day', width: 120, render: (_, r) => `${r.day} ${InspectionSlot.labels[r.slot]}` },
          {
            title: '类型',
            dataIndex: 'kind',
            key: 'kind',
            width: 70,
            render: (k: Row['kind']) => (k === 'covert' ? <Tag color="purple">暗访</Tag> : InspectionKind.labels[k]),
          },
          { title: '督查人员', key: 'members', width: 160, render: (_, r) => r.members.join('、') },
          {
            title: '检查点位',
            key: 'targets',
            render: (_, r) =>
              r.targets.map((t) => (
                <div key={`${t.targetKind}${t.targetId}`}>
                  {TargetKind.labels[t.targetKind]} {t.name}
                  {t.failed.length ? (
                    <Tag color="red" style={{ marginLeft: 6 }}>
                      {t.failed.join('、')}
                    </Tag>
                  ) : (
                    <Tag color="green" style={{ marginLeft: 6 }}>
                      合格
                    </Tag>
                  )}
                </div>
              )),
          },
          { title: '问题', dataIndex: 'problems', key: 'problems', width: 60, align: 'right' },
        ]}
      />
      {!phone && (
        <Drawer open={entering} size={520} title="登记督查" onClose={() => setEntering(false)} destroyOnHidden>
          <InspectionEntry onSaved={() => (setEntering(false), setReload((n) => n + 1))} />
        </Drawer>
      )}
    </>
  );
}

/** 督查整改: problems and their rectification, inspection records, premises, disinfection, checklists. */
export function InspectionsPage() {
  const { can, me } = useSession();
  const write = can('inspections:write');
  const phone = !Grid.useBreakpoint().md;
  const refs = useLoad(async () => {
    const [communities, grids] = await Promise.all([call('communities.list', { pageSize: 500 }), call('grids.list', { pageSize: 500 })]);
    return {
      communities: communities.rows.map((r) => ({ value: r.id, label: r.name })),
      grids: grids.rows.map((r) => ({ value: r.id, label: r.name })),
      compounds: [],
    };
  }, []);
  const config = useMemo(() => (refs.data ? premisesConfig(refs.data) : null), [refs.data]);
  if (!refs.data || !config) return <Spin />;
  return (
    <Tabs
      destroyOnHidden
      defaultActiveKey={hashParams().get('tab') ?? (phone && readDraft(me.username)?.targets.length ? 'records' : 'problems')}
      items={[
        { key: 'problems', label: '问题清单', children: <ProblemsTab canWrite={write} communities={refs.data.communities} /> },
        { key: 'records', label: '督查记录', children: <InspectionsTab canWrite={write} /> },
        { key: 'premises', label: '经营场所', children: <EntityTab config={config} canWrite={write} canReveal={can('personal:unmask')} /> },
        { key: 'disinfection', label: '消杀记录', children: <DisinfectionTab canWrite={write} /> },
        { key: 'checklists', label: '检查表模板', children: <ChecklistsTab canWrite={write} /> },
      ]}
    />
  );
}
