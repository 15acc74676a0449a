import 'leaflet/dist/leaflet.css';
import { Alert, Button, Checkbox, Space, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { MapContainer } from 'react-leaflet';
import type { Output } from '../../../../shared/api';
import { call } from '../../api/client';
import { useSession } from '../auth/me';
import { AddCheckpointModal, compoundAt, type Draft } from './AddCheckpoint';
import { SealFlow, type SealState } from './SealFlow';
import { useLoad } from '../../lib/useLoad';
import { FeatureLayers, type Layers } from './FeatureLayers';
import { Legend } from './Legend';
import { MapSearch } from './MapSearch';
import { MapTools } from './MapTools';
import { SidePanel } from './SidePanel';
import { BasemapLayer } from './BasemapLayer';
import { featureBounds, FlyTo } from './FitToFeatures';
import { gcj02, identity } from './projection';
import type { BoundaryEdit } from './useBoundaryEditor';

export type Features = Output<'map.features'>;
export type Selection = { kind: 'compound'; id: number } | { kind: 'checkpoint'; id: number } | null;

const LAYER_OPTIONS = [
  { value: 'basemap', label: '底图' },
  { value: 'office', label: '街道边界' },
  { value: 'grids', label: '片区' },
  { value: 'compounds', label: '小区' },
  { value: 'checkpoints', label: '卡点' },
  { value: 'labels', label: '名称' },
  { value: 'problems', label: '督查问题' },
  { value: 'premises', label: '经营场所' },
];

/**
 * 地图: the office's own geometry drawn without any basemap, so it works on a PC with no
 * internet at all. Canvas rendering keeps thousands of shapes fluid.
 */
export function MapPage() {
  const [version, setVersion] = useState(0);
  const features = useLoad(() => call('map.features', {}), [version]);
  const office = useLoad(() => call('office.get', {}), []);
  const basemap = useLoad(() => call('map.basemap', {}), []);
  const [tileError, setTileError] = useState<string | null>(null);
  const projection = basemap.data && basemap.data.source !== 'none' && basemap.data.crs === 'GCJ02' ? gcj02 : identity;
  const [layers, setLayers] = useState<(Layers[number] | 'basemap')[]>(['basemap', 'office', 'grids', 'compounds', 'checkpoints', 'labels', 'problems']);
  const [selected, setSelected] = useState<Selection>(null);
  const [flyTo, setFlyTo] = useState<{ lat: number; lng: number; zoom: number; seq: number } | null>(null);
  const [moving, setMoving] = useState<{ id: number; lat: number; lng: number } | null>(null);
  const data = features.data;
  const [drawn, setDrawn] = useState<{ compounds: number; checkpoints: number } | null>(null);
  const [boundaryEdit, setBoundaryEdit] = useState<BoundaryEdit | null>(null);
  const canWrite = useSession().can('places:write');
  // 添加卡点: waiting for the click that places it (with fields to start from), then the form.
  const [placing, setPlacing] = useState<{ defaults?: Record<string, unknown> } | null>(null);
  const [draft, setDraft] = useState<(Draft & { defaults?: Record<string, unknown> }) | null>(null);
  // 封控's flow, and the compound whose flow waits while its checkpoint is placed on the map.
  const [seal, setSeal] = useState<SealState | null>(null);
  const [sealWaiting, setSealWaiting] = useState<number | null>(null);
  const resumeSeal = (checkpoint: { id: number; name: string } | null) => {
    if (sealWaiting === null) return;
    setSeal(checkpoint ? { compoundId: sealWaiting, step: 'staff', checkpoint } : { compoundId: sealWaiting, step: 'checkpoint' });
    setSealWaiting(null);
  };

  // Opened already framed on the office: an animated fit after mounting would cost a zoom transition.
  const initialBounds = useMemo(() => (data ? featureBounds(data, projection) : null), [data, projection]);

  if (features.error) return <Alert type="error" showIcon title="无法读取地图数据" description={features.error} />;
  // The basemap decides the projection: waiting for it (fetched alongside) avoids drawing everything twice.
  if (!data || (!basemap.data && !basemap.error)) return <Spin />;
  return (
    <div className="map-page">
      <Space className="map-toolbar" wrap>
        <MapSearch
          onPick={(sel, lat, lng) => {
            setSelected(sel);
            setFlyTo((f) => ({ lat, lng, zoom: 17, seq: (f?.seq ?? 0) + 1 }));
          }}
          features={data}
        />
        <Checkbox.Group options={LAYER_OPTIONS} value={layers} onChange={(v) => setLayers(v as typeof layers)} />
        {canWrite && !placing && (
          <Button onClick={() => (setPlacing({}), setMoving(null), setBoundaryEdit(null))} disabled={!!moving || !!boundaryEdit}>
            添加卡点
          </Button>
        )}
        {placing && (
          <Space data-testid="map-placing">
            <span>在地图上点击卡点所在位置</span>
            <Button onClick={() => (setPlacing(null), resumeSeal(null))}>取消添加</Button>
          </Space>
        )}
        <MapTools officeName={office.data?.name ?? ''} onImported={() => setVersion((v) => v + 1)} />
        {drawn && (
          <span data-testid="map-status" className="map-status">
            已显示 {drawn.compounds} 个小区、{drawn.checkpoints} 个卡点
          </span>
        )}
      </Space>
      {tileError && <Alert type="warning" showIcon closable onClose={() => setTileError(null)} title={tileError} style={{ marginBottom: 8 }} />}
      <div className="map-body">
        <MapContainer
          className="map-canvas"
          preferCanvas
          {...(initialBounds ? { bounds: initialBounds, boundsOptions: { padding: [24, 24] } } : { center: [34.41, 115.65], zoom: 13 })}
          minZoom={5}
          maxZoom={19}
          attributionControl={false}
          data-testid="map"
        >
          {basemap.data && layers.includes('basemap') && <BasemapLayer basemap={basemap.data} onError={setTileError} />}
          <FlyTo flyTo={flyTo} projection={projection} />
          <FeatureLayers
            features={data}
            layers={layers.filter((l): l is Layers[number] => l !== 'basemap')}
            selected={selected}
            onSelect={setSelected}
            moving={moving}
            onPlace={(lat, lng) => moving && setMoving({ ...moving, lat, lng })}
            placing={
              placing
                ? ([lng, lat]) => {
                    setDraft({ lng, lat, compoundId: compoundAt(data, [lng, lat]), defaults: placing.defaults });
                    setPlacing(null);
                  }
                : null
            }
            onDrawn={setDrawn}
            boundaryEdit={boundaryEdit}
            projection={projection}
          />
          <Legend />
        </MapContainer>
        {selected && (
          <SidePanel
            features={data}
            selected={selected}
            moving={moving}
            onClose={() => (setSelected(null), setMoving(null), setBoundaryEdit(null))}
            boundaryEdit={boundaryEdit}
            onBoundaryStart={(id) => setBoundaryEdit({ id, ring: null })}
            onBoundaryEnd={(saved) => {
              setBoundaryEdit(null);
              if (saved) setVersion((v) => v + 1);
            }}
            onMoveStart={(id, lat, lng) => setMoving({ id, lat, lng })}
            onSeal={(compoundId) => setSeal({ compoundId, step: 'seal' })}
            onLevelChanged={() => setVersion((v) => v + 1)}
            onMoveEnd={(saved) => {
              setMoving(null);
              if (saved) setVersion((v) => v + 1);
            }}
          />
        )}
      </div>
      <SealFlow
        state={seal}
        features={data}
        onChange={setSeal}
        onSealed={() => setVersion((v) => v + 1)}
        onPlaceCheckpoint={(compoundId, name) => {
          setSealWaiting(compoundId);
          setSeal(null);
          setSelected(null);
          setPlacing({ defaults: { compoundId, kind: 'gate', name } });
        }}
      />
      <AddCheckpointModal
        draft={draft}
        defaults={draft?.defaults}
        features={data}
        onClose={(saved) => {
          setDraft(null);
          resumeSeal(saved && { id: saved.id, name: saved.name });
          if (!saved) return;
          setVersion((v) => v + 1);
          setSelected({ kind: 'checkpoint', id: saved.id });
        }}
      />
    </div>
  );
}
