import { Alert, App, Button, Checkbox, Space, Spin } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { shiftLabel, shiftsOf } from '../../../../shared/domain/shifts';
import { call } from '../../api/client';
import { useLoad } from '../../lib/useLoad';

/** The shift a post stands at 20:00 (else its last one): what "tonight" means at a checkpoint. */
export function tonightShift(shifts: [number, number][]): number {
  const at = shifts.findIndex(([s, e]) => (e > s ? s <= 20 && 20 < e : 20 >= s || 20 < e));
  return at >= 0 ? at : shifts.length - 1;
}

/**
 * 安排今晚值守 for one checkpoint: the roster covering today (made on the spot when there is
 * none), the checkpoint's 执勤岗 and tonight's shift, and the people who fit it, nearest first.
 */
export function StaffTonight({ checkpoint }: { checkpoint: { id: number; name: string } }) {
  const { message } = App.useApp();
  const today = dayjs().format('YYYY-MM-DD');
  const [version, setVersion] = useState(0);
  const [picked, setPicked] = useState<number[]>([]);
  const [placed, setPlaced] = useState<string[] | null>(null);
  const slot = useLoad(async () => {
    const rosters = await call('rosters.list', {});
    const roster = rosters.find((r) => r.startDate <= today && today < dayjs(r.startDate).add(r.days, 'day').format('YYYY-MM-DD'));
    const posts = await call('posts.list', { q: checkpoint.name, pageSize: 50 });
    const post = posts.rows.find((p) => p.checkpointId === checkpoint.id);
    if (!roster || !post) return { roster, post, candidates: [], shift: null };
    const shifts = shiftsOf(post.pattern, post.customShifts);
    const shift = tonightShift(shifts);
    const day = dayjs(today).diff(dayjs(roster.startDate), 'day');
    const candidates = await call('rosters.candidates', { rosterId: roster.id, postId: post.id, day, shift });
    return { roster, post, day, shift, label: shiftLabel(shifts[shift]!), candidates };
  }, [checkpoint.id, version]);

  const newRoster = async () => {
    try {
      await call('rosters.create', { name: `${dayjs().format('M月D日')}起排班`, startDate: today, days: 7, minRestHours: 8, weeklyCapHours: 48 });
      setVersion((v) => v + 1);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const assign = async () => {
    const s = slot.data;
    if (!s?.roster || !s.post || s.shift === null || s.day === undefined) return;
    try {
      for (const personId of picked) await call('rosters.assign', { rosterId: s.roster.id, postId: s.post.id, day: s.day, shift: s.shift, personId });
      setPlaced(s.candidates.filter((c) => picked.includes(c.id)).map((c) => c.name));
      setPicked([]);
      setVersion((v) => v + 1);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  if (slot.error) return <Alert type="error" showIcon title={slot.error} />;
  if (!slot.data) return <Spin />;
  const { roster, post, candidates } = slot.data;
  if (!roster)
    return (
      <Alert
        type="info"
        showIcon
        title="今天没有排班表"
        action={<Button onClick={newRoster}>新建今天起一周的排班表</Button>}
        description="新建后即可为这个卡点安排今晚的值守人员。"
      />
    );
  if (!post) return <Alert type="warning" showIcon title={`没有找到“${checkpoint.name}”的执勤岗（卡点停用时岗位也停用）`} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="staff-tonight">
      <span>
        {roster.name} · {today} {slot.data.label} · 每班 {post.perShift} 人
      </span>
      {placed && <Alert type="success" showIcon title={`已安排：${placed.join('、')}`} />}
      <div style={{ maxHeight: 260, overflow: 'auto' }}>
        <Checkbox.Group
          value={picked}
          onChange={(v) => setPicked(v as number[])}
          options={candidates.slice(0, 30).map((c) => ({
            value: c.id,
            label: `${c.name}（${c.communityName ?? '街道'}）${c.fits ? '' : `：${c.why ?? '有冲突'}`}`,
          }))}
          style={{ display: 'flex', flexDirection: 'column' }}
        />
      </div>
      <Space>
        <Button type="primary" disabled={!picked.length} onClick={assign}>
          安排到今晚班次（{picked.length} 人）
        </Button>
        <Button href={`#/volunteers?tab=roster`}>在排班表中查看</Button>
      </Space>
    </Space>
  );
}
