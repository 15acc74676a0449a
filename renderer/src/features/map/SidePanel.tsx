import { App, Button, Card, Descriptions, Space, Tag } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { CheckpointHours, CheckpointKind, CheckpointStatus, ControlLevel, ManagementType } from '../../../../shared/domain/enums';
import { fmt } from '../../lib/format';
import { useSession } from '../auth/me';
import type { Features, Selection } from './MapPage';
import type { BoundaryEdit } from './useBoundaryEditor';
import { LevelChange } from './LevelChange';

interface Props {
  features: Features;
  selected: NonNullable<Selection>;
  moving: { id: number; lat: number; lng: number } | null;
  onClose: () => void;
  onMoveStart: (id: number, lat: number, lng: number) => void;
  onMoveEnd: (saved: boolean) => void;
  boundaryEdit: BoundaryEdit | null;
  onBoundaryStart: (id: number) => void;
  onBoundaryEnd: (saved: boolean) => void;
  /** 封控: opens the flow (time and reason, then a checkpoint and tonight's people). */
  onSeal: (compoundId: number) => void;
  /** 解封 or another level was saved: the map reloads. */
  onLevelChanged: () => void;
}

/** Facts of the clicked compound or checkpoint, a link to edit it, and moving a checkpoint (undoable until saved). */
export function SidePanel({
  features,
  selected,
  moving,
  onClose,
  onMoveStart,
  onMoveEnd,
  boundaryEdit,
  onBoundaryStart,
  onBoundaryEnd,
  onSeal,
  onLevelChanged,
}: Props) {
  const { message } = App.useApp();
  const [levelFor, setLevelFor] = useState<number | null>(null);
  const canWrite = useSession().can('places:write');
  const editLink = (name: string) => (
    <Button type="link" href={`#/places?tab=${selected.kind === 'compound' ? 'compounds' : 'checkpoints'}&q=${encodeURIComponent(name)}`}>
      在列表中编辑
    </Button>
  );
  const saveBoundary = async (id: number) => {
    const ring = boundaryEdit?.ring;
    if (!ring) return message.warning('请先在地图上画出边界');
    try {
      await call('compounds.setBoundary', { id, boundary: { type: 'Polygon', coordinates: [ring] } });
      message.success('边界已保存');
      onBoundaryEnd(true);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  if (selected.kind === 'compound') {
    const c = features.compounds.find((x) => x.id === selected.id);
    if (!c) return null;
    const gates = features.checkpoints.filter((k) => k.compoundId === c.id);
    return (
      <div className="map-panel">
        <Card
          size="small"
          title={c.name}
          extra={
            <Button type="text" onClick={onClose} aria-label="关闭">
              ×
            </Button>
          }
          data-testid="map-panel"
        >
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="所属社区">{c.communityName}</Descriptions.Item>
            <Descriptions.Item label="所属片区">{c.gridName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="管理类型">{ManagementType.labels[c.managementType]}</Descriptions.Item>
            <Descriptions.Item label="管控等级">{ControlLevel.labels[c.controlLevel]}</Descriptions.Item>
            <Descriptions.Item label="户数">{fmt(c.households)}</Descriptions.Item>
            <Descriptions.Item label="人口">{fmt(c.population)}</Descriptions.Item>
            <Descriptions.Item label="卡点">{gates.length ? gates.map((g) => <Tag key={g.id}>{g.name}</Tag>) : '无'}</Descriptions.Item>
          </Descriptions>
          <Space wrap>
            {editLink(c.name)}
            {canWrite && !boundaryEdit && <Button onClick={() => onBoundaryStart(c.id)}>{c.boundary ? '修改边界' : '绘制边界'}</Button>}
            {canWrite && !boundaryEdit && c.controlLevel !== 'sealed' && (
              <Button danger onClick={() => onSeal(c.id)}>
                封控
              </Button>
            )}
            {canWrite && !boundaryEdit && <Button onClick={() => setLevelFor(c.id)}>{c.controlLevel === 'sealed' ? '解封' : '变更等级'}</Button>}
            {boundaryEdit?.id === c.id && (
              <>
                <span>{c.boundary ? '拖动顶点修改边界' : '在地图上依次点击各角，点第一个点结束'}</span>
                <Button type="primary" onClick={() => saveBoundary(c.id)}>
                  保存边界
                </Button>
                <Button onClick={() => onBoundaryEnd(false)}>撤销</Button>
              </>
            )}
          </Space>
        </Card>
        {levelFor === c.id && (
          <LevelChange
            compound={c}
            onClose={(changed) => {
              setLevelFor(null);
              if (changed) onLevelChanged();
            }}
          />
        )}
      </div>
    );
  }
  const k = features.checkpoints.find((x) => x.id === selected.id);
  if (!k) return null;
  const isMoving = moving?.id === k.id;
  const save = async () => {
    try {
      await call('checkpoints.move', { id: k.id, lng: Math.round(moving!.lng * 1e6) / 1e6, lat: Math.round(moving!.lat * 1e6) / 1e6 });
      message.success('位置已保存');
      onMoveEnd(true);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <div className="map-panel">
      <Card
        size="small"
        title={k.name}
        extra={
          <Button type="text" onClick={onClose} aria-label="关闭">
            ×
          </Button>
        }
        data-testid="map-panel"
      >
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="类型">{CheckpointKind.labels[k.kind]}</Descriptions.Item>
          <Descriptions.Item label="状态">{CheckpointStatus.labels[k.status]}</Descriptions.Item>
          <Descriptions.Item label="所属社区">{k.communityName}</Descriptions.Item>
          <Descriptions.Item label="所在小区">{k.compoundName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="值守">
            {CheckpointHours.labels[k.hours as keyof typeof CheckpointHours.labels] ?? k.hours}，每班 {k.staffPerShift} 人
          </Descriptions.Item>
          <Descriptions.Item label="位置">{k.lat !== null ? `${k.lng?.toFixed(6)}, ${k.lat.toFixed(6)}` : '未标注'}</Descriptions.Item>
        </Descriptions>
        <Space wrap>
          {editLink(k.name)}
          {canWrite && !isMoving && <Button onClick={() => onMoveStart(k.id, k.lat ?? 0, k.lng ?? 0)}>移动位置</Button>}
          {isMoving && (
            <>
              <span>在地图上点击新位置</span>
              <Button type="primary" onClick={save}>
                保存位置
              </Button>
              <Button onClick={() => onMoveEnd(false)}>撤销</Button>
            </>
          )}
        </Space>
      </Card>
    </div>
  );
}
