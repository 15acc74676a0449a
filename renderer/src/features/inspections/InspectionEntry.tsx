import { CheckCircleFilled, CloseCircleFilled, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Segmented, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Output } from '../../../../shared/api';
import { InspectionKind, InspectionSlot, TargetKind, type TargetKindCode } from '../../../../shared/domain/enums';
import { call } from '../../api/client';
import { hashParams } from '../../lib/hashParams';
import { useLoad } from '../../lib/useLoad';
import { useSession } from '../auth/me';
import { clearDraft, readDraft, useInspectionDraft } from './inspectionDraft';
import { PhotoInput } from './PhotoInput';

type Checklist = Output<'checklists.current'>[number];
interface Failure {
  description: string;
  photos: string[];
}
interface TargetDraft {
  targetKind: TargetKindCode;
  targetId: number;
  name: string;
  failures: Record<string, Failure>;
}

const slotNow = () => {
  const h = dayjs().hour();
  return h < 11 ? 'am' : h < 16 ? 'noon' : 'pm';
};

/**
 * 登记督查, made for a phone on the office Wi-Fi: large buttons, one column, items passed
 * unless tapped, the camera one tap away. Everything is sent at once when 提交 is pressed,
 * so a dropped connection loses nothing already saved.
 */
export function InspectionEntry({ onSaved }: { onSaved?: () => void }) {
  const { message } = App.useApp();
  const { me } = useSession();
  const checklists = useLoad(() => call('checklists.current', {}), []);
  // An inspection entered here and not yet sent comes back after a reload (inspectionDraft.ts).
  const [restored] = useState(() => readDraft<TargetDraft>(me.username));
  const [slot, setSlot] = useState<string>(() => restored?.slot ?? slotNow());
  const [kind, setKind] = useState<string>(restored?.kind ?? 'routine');
  const [members, setMembers] = useState<number[]>(() => restored?.members.map((m) => m.value) ?? []);
  const [memberOptions, setMemberOptions] = useState<{ value: number; label: string }[]>(restored?.members ?? []);
  // Opened from a 场所码 poster (#/inspections?new=1&premises=<id>&name=…): that premises is already chosen.
  const [fromPoster] = useState(() => {
    const q = hashParams();
    const id = Number(q.get('premises'));
    return id > 0 ? { targetKind: 'premises' as const, targetId: id, name: q.get('name') || `经营场所 ${id}`, failures: {} } : null;
  });
  const [targetKind, setTargetKind] = useState<TargetKindCode>(fromPoster ? 'premises' : 'checkpoint');
  const [targetOptions, setTargetOptions] = useState<{ value: number; label: string }[]>([]);
  const [targets, setTargets] = useState<TargetDraft[]>(() => {
    const kept = restored?.targets ?? [];
    const posterKept = fromPoster && kept.some((t) => t.targetKind === 'premises' && t.targetId === fromPoster.targetId);
    return fromPoster && !posterKept ? [...kept, fromPoster] : kept;
  });
  const [saving, setSaving] = useState(false);
  // A draft keeps the day it was made: an evening's inspection sent next morning is still that evening's.
  const [day, setDay] = useState(() => restored?.day ?? dayjs().format('YYYY-MM-DD'));
  const { photosDropped } = useInspectionDraft<TargetDraft>({
    day,
    slot,
    kind,
    members: members.map((value) => ({ value, label: memberOptions.find((o) => o.value === value)?.label ?? String(value) })),
    targets,
  });
  const discard = () => {
    setTargets([]);
    setDay(dayjs().format('YYYY-MM-DD'));
    setSlot(slotNow());
  };

  const searchPeople = async (q: string) =>
    setMemberOptions((await call('people.list', { q, pageSize: 20 })).rows.map((p) => ({ value: p.id, label: p.name })));
  const searchTargets = async (q: string) =>
    setTargetOptions(
      (await call('inspections.targets', { targetKind, q })).map((t) => ({
        value: t.id,
        label: `${t.name}${t.communityName ? `（${t.communityName}）` : ''}`,
      })),
    );
  const listOf = (k: TargetKindCode): Checklist | undefined => checklists.data?.find((c) => c.targetKind === k);
  const update = (i: number, t: TargetDraft) => setTargets(targets.map((x, j) => (j === i ? t : x)));

  const submit = async () => {
    setSaving(true);
    try {
      const r = await call('inspections.create', {
        day,
        slot: slot as never,
        kind: kind as never,
        memberIds: members,
        targets: targets.map((t) => ({
          targetKind: t.targetKind,
          targetId: t.targetId,
          failures: Object.entries(t.failures).map(([itemKey, f]) => ({ itemKey, description: f.description || null, photos: f.photos })),
        })),
      });
      message.success(`已登记督查：${r.targets.length} 处，发现问题 ${r.problems} 条`);
      setTargets([]);
      setDay(dayjs().format('YYYY-MM-DD'));
      clearDraft(me.username);
      onSaved?.();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="inspect-entry" data-testid="inspection-entry">
      {restored && restored.targets.length > 0 && targets.length > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="inspection-draft"
          title={`已恢复未提交的督查（${dayjs(restored.savedAt).format('M月D日 HH:mm')} 填写）`}
          action={
            <Button size="small" danger onClick={discard}>
              丢弃
            </Button>
          }
        />
      )}
      {photosDropped && <Alert type="warning" showIcon title="照片太大，未能保存在草稿中；提交前请勿刷新页面" />}
      <Card size="small" title={`登记督查 · ${dayjs(day).format('M月D日')}`}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Segmented
            block
            size="large"
            value={slot}
            onChange={(v) => setSlot(String(v))}
            options={Object.entries(InspectionSlot.labels).map(([value, label]) => ({ value, label: `${label}查` }))}
          />
          <Segmented
            block
            size="large"
            value={kind}
            onChange={(v) => setKind(String(v))}
            options={Object.entries(InspectionKind.labels).map(([value, label]) => ({ value, label }))}
          />
          <Select
            mode="multiple"
            size="large"
            style={{ width: '100%' }}
            placeholder="督查人员（输入姓名）"
            aria-label="督查人员"
            filterOption={false}
            showSearch={{ onSearch: (q) => void searchPeople(q) }}
            onFocus={() => void searchPeople('')}
            options={memberOptions}
            value={members}
            onChange={setMembers}
          />
        </Space>
      </Card>
      {targets.map((t, i) => {
        const list = listOf(t.targetKind);
        return (
          <Card
            key={`${t.targetKind}:${t.targetId}`}
            size="small"
            className="inspect-target"
            title={`${TargetKind.labels[t.targetKind]}：${t.name}`}
            extra={
              <Button type="text" danger icon={<DeleteOutlined />} aria-label="移除该点位" onClick={() => setTargets(targets.filter((_, j) => j !== i))} />
            }
          >
            {list?.items.map((item) => {
              const failure = t.failures[item.key];
              return (
                <div key={item.key} className={`check-item${failure ? ' failed' : ''}`}>
                  <Button
                    block
                    size="large"
                    danger={!!failure}
                    icon={failure ? <CloseCircleFilled /> : <CheckCircleFilled style={{ color: '#389e0d' }} />}
                    onClick={() => {
                      const failures = { ...t.failures };
                      if (failure) delete failures[item.key];
                      else failures[item.key] = { description: '', photos: [] };
                      update(i, { ...t, failures });
                    }}
                    data-testid={`check-${item.key}`}
                  >
                    {item.label}：{failure ? '不合格' : '合格'}
                  </Button>
                  {failure && (
                    <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
                      <Input.TextArea
                        rows={2}
                        placeholder="问题描述（如：夜间无人登记外来车辆）"
                        aria-label={`${item.label}问题描述`}
                        value={failure.description}
                        maxLength={300}
                        onChange={(e) => update(i, { ...t, failures: { ...t.failures, [item.key]: { ...failure, description: e.target.value } } })}
                      />
                      <PhotoInput
                        testId={`photo-${item.key}`}
                        value={failure.photos}
                        onChange={(photos) => update(i, { ...t, failures: { ...t.failures, [item.key]: { ...failure, photos } } })}
                      />
                    </Space>
                  )}
                </div>
              );
            })}
          </Card>
        );
      })}
      <Card size="small" title="添加检查点位">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Segmented
            block
            size="large"
            value={targetKind}
            onChange={(v) => (setTargetKind(v as TargetKindCode), setTargetOptions([]))}
            options={Object.entries(TargetKind.labels).map(([value, label]) => ({ value, label }))}
          />
          <Select
            size="large"
            style={{ width: '100%' }}
            placeholder={`搜索${TargetKind.labels[targetKind]}（名称或拼音首字母）`}
            aria-label="检查点位"
            filterOption={false}
            showSearch={{ onSearch: (q) => void searchTargets(q) }}
            onFocus={() => void searchTargets('')}
            options={targetOptions}
            value={null}
            suffixIcon={<PlusOutlined />}
            onChange={(id: number) => {
              const label = targetOptions.find((o) => o.value === id)?.label ?? '';
              if (targets.some((t) => t.targetKind === targetKind && t.targetId === id)) return void message.info('该点位已在本次督查中');
              setTargets([...targets, { targetKind, targetId: id, name: label.replace(/（.*）$/, ''), failures: {} }]);
            }}
          />
        </Space>
      </Card>
      <Button type="primary" size="large" block loading={saving} disabled={!targets.length || !members.length} onClick={submit} data-testid="inspection-submit">
        提交（{targets.length} 处，{targets.reduce((n, t) => n + Object.keys(t.failures).length, 0)} 个问题）
      </Button>
      {!members.length && <Typography.Text type="secondary">请先选择督查人员</Typography.Text>}
    </div>
  );
}
