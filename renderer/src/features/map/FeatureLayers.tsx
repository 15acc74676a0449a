import { CircleMarker, LayerGroup, Polygon, Tooltip, useMap, useMapEvents } from 'react-leaflet';
import { useMemo, useState } from 'react';
import { CheckpointKind, CheckpointStatus } from '../../../../shared/domain/enums';
import { convexHull, padRing, type Point } from '../../../../shared/domain/geo';
import type { Features, Selection } from './MapPage';
import { CONTROL_COLORS, STATUS_COLORS } from './styles';

export type Layers = ('office' | 'grids' | 'compounds' | 'checkpoints' | 'labels')[];
const LABEL_ZOOM = 16;
const toLatLng = (ring: Point[]) => ring.map(([x, y]) => [y, x] as [number, number]);

function pointsOf(c: Features['compounds'][number]): Point[] {
  if (c.boundary) return c.boundary.coordinates[0]! as Point[];
  return c.lng !== null && c.lat !== null ? [[c.lng, c.lat]] : [];
}

/** Office boundary and grid areas are drawn as padded hulls of their compounds until real boundaries are drawn. */
function useOutlines(features: Features) {
  return useMemo(() => {
    const all = [...features.compounds.flatMap(pointsOf), ...features.checkpoints.filter((k) => k.lng !== null && k.lat !== null).map((k) => [k.lng!, k.lat!] as Point)];
    const byGrid = new Map<string, Point[]>();
    for (const c of features.compounds) if (c.gridName) byGrid.set(c.gridName, [...(byGrid.get(c.gridName) ?? []), ...pointsOf(c)]);
    return {
      office: all.length >= 3 ? padRing(convexHull(all), 0.004) : null,
      grids: [...byGrid].filter(([, pts]) => pts.length >= 3).map(([name, pts]) => ({ name, ring: padRing(convexHull(pts), 0.0015) })),
    };
  }, [features]);
}

export function FeatureLayers(props: {
  features: Features;
  layers: Layers;
  selected: Selection;
  onSelect: (s: Selection) => void;
  moving: { id: number; lat: number; lng: number } | null;
  onPlace: (lat: number, lng: number) => void;
}) {
  const { features, layers, selected, moving } = props;
  // While a checkpoint is being placed, clicks only pick the new position.
  const onSelect = (s: Selection) => !moving && props.onSelect(s);
  const map = useMap();
  const [zoom, setZoom] = useState(map.getZoom());
  useMapEvents({
    zoomend: () => setZoom(map.getZoom()),
    click: (e) => moving && props.onPlace(e.latlng.lat, e.latlng.lng),
  });
  const outlines = useOutlines(features);
  const on = (l: Layers[number]) => layers.includes(l);
  const labels = on('labels') && zoom >= LABEL_ZOOM;
  return (
    <>
      {on('office') && outlines.office && (
        <Polygon positions={toLatLng(outlines.office)} interactive={false} pathOptions={{ color: '#b71c1c', weight: 2, dashArray: '8 6', fill: false }} />
      )}
      {on('grids') && (
        <LayerGroup>
          {outlines.grids.map((g) => (
            <Polygon key={g.name} positions={toLatLng(g.ring)} pathOptions={{ color: '#5b8ff9', weight: 1, dashArray: '4 4', fillOpacity: 0.03 }}>
              <Tooltip sticky>{g.name}</Tooltip>
            </Polygon>
          ))}
        </LayerGroup>
      )}
      {on('compounds') &&
        features.compounds.map((c) => {
          const color = CONTROL_COLORS[c.controlLevel]!;
          const isSel = selected?.kind === 'compound' && selected.id === c.id;
          const style = { color: isSel ? '#1d39c4' : color, weight: isSel ? 3 : 1, fillColor: color, fillOpacity: c.controlLevel === 'normal' ? 0.25 : 0.5 };
          const click = { click: () => onSelect({ kind: 'compound', id: c.id }) };
          const label = labels && <Tooltip permanent direction="center" className="map-label">{c.name}</Tooltip>;
          if (c.boundary) {
            return (
              <Polygon key={`c${c.id}`} positions={toLatLng(c.boundary.coordinates[0]! as Point[])} pathOptions={style} eventHandlers={click}>
                {label}
              </Polygon>
            );
          }
          if (c.lat === null || c.lng === null) return null;
          return (
            <CircleMarker key={`c${c.id}`} center={[c.lat, c.lng]} radius={7} pathOptions={style} eventHandlers={click}>
              {label}
            </CircleMarker>
          );
        })}
      {on('checkpoints') &&
        features.checkpoints.map((k) => {
          const pos = moving?.id === k.id ? { lat: moving.lat, lng: moving.lng } : k.lat !== null && k.lng !== null ? { lat: k.lat, lng: k.lng } : null;
          if (!pos) return null;
          const isSel = selected?.kind === 'checkpoint' && selected.id === k.id;
          return (
            <CircleMarker
              key={`k${k.id}`}
              center={[pos.lat, pos.lng]}
              radius={isSel ? 8 : 5}
              pathOptions={{ color: '#fff', weight: 2, fillColor: STATUS_COLORS[k.status], fillOpacity: 1 }}
              eventHandlers={{ click: (e) => (e.originalEvent.stopPropagation(), onSelect({ kind: 'checkpoint', id: k.id })) }}
            >
              <Tooltip>{`${k.name}（${CheckpointKind.labels[k.kind]}，${CheckpointStatus.labels[k.status]}）`}</Tooltip>
            </CircleMarker>
          );
        })}
    </>
  );
}
