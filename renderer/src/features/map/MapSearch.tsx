import { AutoComplete, Input } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { ringCentre, type Point } from '../../../../shared/domain/geo';
import type { Features, Selection } from './MapPage';

/** Name or pinyin initials (the core's search), then fly there and open the panel. */
export function MapSearch({ features, onPick }: { features: Features; onPick: (s: Selection, lat: number, lng: number) => void }) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [text, setText] = useState('');
  const search = async (q: string) => {
    if (!q.trim()) return setOptions([]);
    const [c, k] = await Promise.all([call('compounds.list', { q, pageSize: 8 }), call('checkpoints.list', { q, pageSize: 5 })]);
    setOptions([
      ...c.rows.map((r) => ({ value: `compound:${r.id}`, label: `小区 · ${r.name}（${r.communityName}）` })),
      ...k.rows.map((r) => ({ value: `checkpoint:${r.id}`, label: `卡点 · ${r.name}` })),
    ]);
  };
  const pick = (value: string) => {
    setText(options.find((o) => o.value === value)?.label.split(' · ')[1] ?? '');
    const [kind, idText] = value.split(':') as ['compound' | 'checkpoint', string];
    const id = Number(idText);
    if (kind === 'compound') {
      const c = features.compounds.find((x) => x.id === id);
      const centre = c?.boundary ? ringCentre(c.boundary.coordinates[0]! as Point[]) : c && c.lng !== null && c.lat !== null ? [c.lng, c.lat] : null;
      if (centre) onPick({ kind, id }, centre[1]!, centre[0]!);
    } else {
      const k = features.checkpoints.find((x) => x.id === id);
      if (k && k.lat !== null && k.lng !== null) onPick({ kind, id }, k.lat, k.lng);
    }
  };
  return (
    <AutoComplete options={options} value={text} onChange={setText} onSearch={search} onSelect={pick} style={{ width: 280 }}>
      <Input.Search placeholder="搜索小区或卡点（名称或拼音首字母）" aria-label="地图搜索" allowClear />
    </AutoComplete>
  );
}
