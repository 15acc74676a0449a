import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Popover, Select, Space, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { Output } from '../../../../shared/api';
import { Attendance } from '../../../../shared/domain/enums';
import { call } from '../../api/client';

type Grid = Output<'rosters.grid'>;
type GridPost = Grid['posts'][number];
type Placement = GridPost['cells'][number][number][number];
const WEEK = '日一二三四五六';
const dayHead = (date: string) => `${date.slice(5)} 周${WEEK[new Date(`${date}T00:00:00Z`).getUTCDay()]}`;
/**
 * Least widths: a week (7 × 126 + 140 = 1,022 px) fits the page at 1440 px beside the menu,
 * so the 7th day is not cut off; wider windows stretch the columns.
 */
const POST_WIDTH = 140;
const DAY_WIDTH = 126;
const ATT_COLOURS = { present: 'green', absent: 'red', substituted: 'orange' } as const;

/**
 * 排班表: posts down, days × shifts across. People are tags: drag one onto another cell to
 * move it, or onto another person to swap the two; click it to mark attendance or remove
 * it, + to add someone (those who fit
 * first). A tag in red has a conflict; hovering says which. Every edit is saved at once.
 */
export function RosterGrid({ grid, rosterId, canWrite, onChanged }: { grid: Grid; rosterId: number; canWrite: boolean; onChanged: () => void }) {
  const { message } = App.useApp();
  const [dragging, setDragging] = useState<number | null>(null);
  const report = (conflicts: string[], done: string) =>
    conflicts.length ? message.warning(`${done}，但有冲突：${conflicts.join('；')}`) : message.success(done);
  const act = async (what: () => Promise<{ conflicts?: string[] } | unknown>, done: string) => {
    try {
      const r = (await what()) as { conflicts?: string[] };
      report(r?.conflicts ?? [], done);
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const drop = (post: GridPost, day: number, shift: number) => {
    if (dragging === null) return;
    const id = dragging;
    setDragging(null);
    void act(() => call('rosters.move', { assignmentId: id, postId: post.id, day, shift }), '已调整');
  };

  // Dropped on a person rather than on the cell: the two swap places.
  const swap = (target: number) => {
    if (dragging === null || dragging === target) return;
    const id = dragging;
    setDragging(null);
    void act(() => call('rosters.swap', { a: id, b: target }), '已对调');
  };

  const columns: ColumnsType<GridPost> = [
    {
      title: '岗位',
      key: 'post',
      fixed: 'left',
      width: POST_WIDTH,
      render: (_, p) => (
        <div>
          <div>{p.name}</div>
          <div className="roster-sub">
            {p.kindName} · 每班 {p.perShift} 人{p.communityName ? ` · ${p.communityName}` : ''}
          </div>
        </div>
      ),
    },
    ...grid.dates.map((date, day) => ({
      title: dayHead(date),
      key: `d${day}`,
      width: DAY_WIDTH,
      render: (_: unknown, p: GridPost) => (
        <div className="roster-day">
          {p.shifts.map((label, shift) => {
            const cell = p.cells[day]![shift]!;
            const short = cell.length < p.perShift;
            return (
              <div
                key={shift}
                className={`roster-cell${short ? ' short' : ''}`}
                data-testid={`cell-${p.id}-${day}-${shift}`}
                onDragOver={(e) => canWrite && e.preventDefault()}
                onDrop={(e) => (e.preventDefault(), drop(p, day, shift))}
              >
                <span className="roster-shift">{label.replace(':00', '').replace(':00', '')}</span>
                {cell.map((a) => (
                  <PlacementTag key={a.id} a={a} canWrite={canWrite} onDragStart={() => setDragging(a.id)} onDropOn={() => swap(a.id)} act={act} />
                ))}
                {short && <span className="roster-missing">缺 {p.perShift - cell.length}</span>}
                {canWrite && <AddPerson rosterId={rosterId} postId={p.id} day={day} shift={shift} act={act} />}
              </div>
            );
          })}
        </div>
      ),
    })),
  ];
  return (
    <Table<GridPost>
      size="small"
      bordered
      rowKey="id"
      pagination={false}
      columns={columns}
      dataSource={grid.posts}
      scroll={{ x: POST_WIDTH + grid.dates.length * DAY_WIDTH }}
      data-testid="roster-grid"
    />
  );
}

function PlacementTag({
  a,
  canWrite,
  onDragStart,
  onDropOn,
  act,
}: {
  a: Placement;
  canWrite: boolean;
  onDragStart: () => void;
  onDropOn: () => void;
  act: (w: () => Promise<unknown>, done: string) => Promise<void>;
}) {
  const [stoodBy, setStoodBy] = useState<number | null>(null);
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const colour = a.conflicts.length ? 'red' : a.attendance ? ATT_COLOURS[a.attendance] : a.source === 'manual' ? 'blue' : 'default';
  const tag = (
    <Tag
      color={colour}
      draggable={canWrite}
      onDragStart={onDragStart}
      onDragOver={(e) => canWrite && e.preventDefault()}
      onDrop={(e) => (e.preventDefault(), e.stopPropagation(), onDropOn())}
      className="roster-person"
      data-person={a.name}
    >
      {a.name}
      {a.attendance ? `·${Attendance.labels[a.attendance]}` : ''}
      {a.stoodBy ? `（${a.stoodBy}）` : ''}
    </Tag>
  );
  const withTip = a.conflicts.length ? <Tooltip title={a.conflicts.join('；')}>{tag}</Tooltip> : tag;
  if (!canWrite) return withTip;
  const search = async (q: string) => {
    const r = await call('people.list', { q, pageSize: 20 });
    setOptions(r.rows.map((p) => ({ value: p.id, label: p.name })));
  };
  return (
    <Popover
      trigger="click"
      title={`${a.name}${a.conflicts.length ? `：${a.conflicts.join('；')}` : ''}`}
      content={
        <Space orientation="vertical">
          <Space>
            <Button size="small" onClick={() => act(() => call('rosters.attend', { assignmentId: a.id, attendance: 'present' }), '已登记到岗')}>
              到岗
            </Button>
            <Button size="small" danger onClick={() => act(() => call('rosters.attend', { assignmentId: a.id, attendance: 'absent' }), '已登记缺岗')}>
              缺岗
            </Button>
            <Button size="small" onClick={() => act(() => call('rosters.attend', { assignmentId: a.id, attendance: null }), '已清除')}>
              清除
            </Button>
          </Space>
          <Space>
            <Select
              showSearch={{ filterOption: false, onSearch: search }}
              placeholder="替班人"
              size="small"
              style={{ width: 120 }}
              options={options}
              value={stoodBy}
              onChange={setStoodBy}
            />
            <Button
              size="small"
              disabled={!stoodBy}
              onClick={() => act(() => call('rosters.attend', { assignmentId: a.id, attendance: 'substituted', stoodBy }), '已登记替班')}
            >
              替班
            </Button>
          </Space>
          <Button size="small" danger type="link" onClick={() => act(() => call('rosters.unassign', { assignmentId: a.id }), '已移出该班次')}>
            移出该班次
          </Button>
        </Space>
      }
    >
      {withTip}
    </Popover>
  );
}

function AddPerson({
  rosterId,
  postId,
  day,
  shift,
  act,
}: {
  rosterId: number;
  postId: number;
  day: number;
  shift: number;
  act: (w: () => Promise<unknown>, done: string) => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<Output<'rosters.candidates'>>([]);
  const load = (q?: string) => call('rosters.candidates', { rosterId, postId, day, shift, q }).then(setList, () => setList([]));
  return (
    <Popover
      open={open}
      onOpenChange={(o) => (setOpen(o), o && load())}
      trigger="click"
      title="安排人员（可排的在前）"
      content={
        <Select
          autoFocus
          open
          showSearch={{ filterOption: false, onSearch: (q) => load(q) }}
          style={{ width: 260 }}
          placeholder="姓名或拼音首字母"
          options={list.map((c) => ({ value: c.id, label: `${c.name}${c.communityName ? `（${c.communityName}）` : ''}${c.fits ? '' : ` — ${c.why}`}` }))}
          onChange={(personId: number) => (setOpen(false), act(() => call('rosters.assign', { rosterId, postId, day, shift, personId }), '已安排'))}
          aria-label="安排人员"
        />
      }
    >
      <Button size="small" type="text" icon={<PlusOutlined />} aria-label="添加人员" className="roster-add" />
    </Popover>
  );
}
