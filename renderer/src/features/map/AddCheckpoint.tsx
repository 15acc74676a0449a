import { App, Form, Modal } from 'antd';
import { useEffect } from 'react';
import type { Output } from '../../../../shared/api';
import type { Point } from '../../../../shared/domain/geo';
import { call } from '../../api/client';
import { useLoad } from '../../lib/useLoad';
import { showFieldIssues } from '../../lib/zodRule';
import { CheckpointFormFields } from '../places/checkpointsConfig';
import type { Features } from './MapPage';

type Checkpoint = Output<'checkpoints.create'>;

/** Ray casting: whether [lng, lat] lies inside the ring. */
function inside([x, y]: Point, ring: Point[]): boolean {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/** The compound whose drawn boundary holds the point, if any: a gate placed there most likely guards it. */
export function compoundAt(features: Features, p: Point): number | null {
  return features.compounds.find((c) => c.boundary && inside(p, c.boundary.coordinates[0]! as Point[]))?.id ?? null;
}

export interface Draft {
  /** WGS-84, already shifted back from the basemap's projection. */
  lng: number;
  lat: number;
  compoundId: number | null;
}

/**
 * 添加卡点 from the map: the clicked place fills the coordinates, the compound under it is
 * preselected, and the rest is the checkpoint form of 区域管理 › 卡点.
 */
export function AddCheckpointModal({
  draft,
  features,
  defaults,
  onClose,
}: {
  draft: Draft | null;
  features: Features;
  /** Fields to start from (the 封控 flow names the compound and a gate). */
  defaults?: Record<string, unknown>;
  onClose: (saved: Checkpoint | null) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const communities = useLoad(() => call('communities.list', { pageSize: 500, sort: 'name' }), []);
  const refs = {
    communities: (communities.data?.rows ?? []).map((r) => ({ value: r.id, label: r.name })),
    grids: [],
    compounds: features.compounds.map((c) => ({ value: c.id, label: `${c.name}（${c.communityName}）` })),
  };
  useEffect(() => {
    if (!draft) return;
    form.resetFields();
    form.setFieldsValue({
      kind: draft.compoundId ? 'gate' : 'road',
      hours: 'allDay',
      status: 'active',
      staffPerShift: 2,
      compoundId: draft.compoundId ?? undefined,
      lng: Math.round(draft.lng * 1e6) / 1e6,
      lat: Math.round(draft.lat * 1e6) / 1e6,
      ...defaults,
    });
  }, [draft, defaults, form]);
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const saved = await call('checkpoints.create', { ...v, compoundId: v.compoundId ?? null, communityId: v.compoundId ? null : (v.communityId ?? null) });
      message.success(`已添加卡点“${saved.name}”`);
      onClose(saved);
    } catch (e) {
      if (!showFieldIssues(form, e)) message.error((e as Error).message);
    }
  };
  return (
    <Modal open={!!draft} title="添加卡点" okText="保存" cancelText="取消" onOk={save} onCancel={() => onClose(null)} width={640} forceRender>
      <Form form={form} layout="vertical" aria-label="添加卡点">
        <CheckpointFormFields refs={refs} />
      </Form>
    </Modal>
  );
}
