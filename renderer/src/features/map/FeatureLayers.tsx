import L from 'leaflet';
import 'leaflet.markercluster';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Polygon, Tooltip, useMap, useMapEvents } from 'react-leaflet';
import { CheckpointKind, CheckpointStatus, PremisesKind, PremisesStatus } from '../../../../shared/domain/enums';
import { convexHull, padRing, type Point } from '../../../../shared/domain/geo';
import type { Features, Selection } from './MapPage';
import type { Projection } from './projection';
import { asText } from './as-text';
import { type BoundaryEdit, useBoundaryEditor } from './useBoundaryEditor';
import { CONTROL_COLORS, FEVER_COLOR, STATUS_COLORS, UNDERSTAFFED } from './styles';

export type Layers = ('office' | 'grids' | 'compounds' | 'checkpoints' | 'labels' | 'problems' | 'premises')[];
const LABEL_ZOOM = 16;
const CLUSTER_ABOVE = 300;
type Compound = Features['compounds'][number];

function pointsOf(c: Compound): Point[] {
  if (c.boundary) return c.boundary.coordinates[0]! as Point[];
  return c.lng !== null && c.lat !== null ? [[c.lng, c.lat]] : [];
}

/** Office boundary and grid areas are drawn as padded hulls of their compounds until real boundaries are drawn. */
function useOutlines(features: Features) {
  return useMemo(() => {
    const all = [
      ...features.compounds.flatMap(pointsOf),
      ...features.checkpoints.filter((k) => k.lng !== null && k.lat !== null).map((k) => [k.lng!, k.lat!] as Point),
    ];
    const byGrid = new Map<string, Point[]>();
    for (const c of features.compounds) if (c.gridName) byGrid.set(c.gridName, [...(byGrid.get(c.gridName) ?? []), ...pointsOf(c)]);
    return {
      office: all.length >= 3 ? padRing(convexHull(all), 0.004) : null,
      grids: [...byGrid].filter(([, pts]) => pts.length >= 3).map(([name, pts]) => ({ name, ring: padRing(convexHull(pts), 0.0015) })),
    };
  }, [features]);
}

const compoundStyle = (c: Compound, selected: boolean): L.PathOptions => {
  const color = CONTROL_COLORS[c.controlLevel]!;
  return { color: selected ? '#1d39c4' : color, weight: selected ? 3 : 1, fillColor: color, fillOpacity: c.controlLevel === 'normal' ? 0.25 : 0.5 };
};

interface Props {
  features: Features;
  layers: Layers;
  selected: Selection;
  onSelect: (s: Selection) => void;
  moving: { id: number; lat: number; lng: number } | null;
  onPlace: (lat: number, lng: number) => void;
  /** 添加卡点: the next click on the map is where the new checkpoint stands ([lng, lat] WGS-84). */
  placing?: ((p: [number, number]) => void) | null;
  /** How WGS-84 data are placed on the current basemap. */
  projection: Projection;
  /** The compound whose boundary is being edited or drawn, if any. */
  boundaryEdit: BoundaryEdit | null;
  /** Reports how many shapes are on the map now (what the status line shows). */
  onDrawn: (counts: { compounds: number; checkpoints: number }) => void;
}

/**
 * Compounds and checkpoints are created with plain Leaflet in one pass (thousands of
 * React components would make the first render slow); the few outlines use react-leaflet.
 */
export function FeatureLayers({ features, layers, selected, onSelect, moving, onPlace, placing, onDrawn, boundaryEdit, projection }: Props) {
  const toLatLng = (ring: Point[]) => ring.map(projection.toView);
  const map = useMap();
  const [zoom, setZoom] = useState(map.getZoom());
  useMapEvents({
    zoomend: () => setZoom(map.getZoom()),
    click: (e) => {
      if (placing) return placing(projection.fromView(e.latlng.lat, e.latlng.lng));
      if (!moving) return;
      const [lng, lat] = projection.fromView(e.latlng.lat, e.latlng.lng);
      onPlace(lat, lng);
    },
  });
  const outlines = useOutlines(features);
  const on = (l: Layers[number]) => layers.includes(l);
  const labels = on('labels') && zoom >= LABEL_ZOOM;

  // Handlers read the latest props through refs, so the layers are built once per data load.
  const latest = useRef({ onSelect, moving, editing: boundaryEdit !== null || !!placing });
  latest.current = { onSelect, moving, editing: boundaryEdit !== null || !!placing };
  const select = (s: Selection) => !latest.current.moving && !latest.current.editing && latest.current.onSelect(s);

  const built = useMemo(() => {
    const compoundLayers = new Map<number, L.Path>();
    const compoundGroup = L.layerGroup();
    // A key person's fever or symptoms waiting for action: the compound gets a thick red outline.
    const alarmed = new Set(features.alertingCompounds);
    const styleOf = (c: (typeof features.compounds)[number]) =>
      alarmed.has(c.id) ? { ...compoundStyle(c, false), color: FEVER_COLOR, weight: 4, dashArray: '6 4' } : compoundStyle(c, false);
    for (const c of features.compounds) {
      const layer = c.boundary
        ? L.polygon(toLatLng(c.boundary.coordinates[0]! as Point[]), styleOf(c))
        : c.lat !== null && c.lng !== null
          ? L.circleMarker(projection.toView([c.lng, c.lat]), { ...styleOf(c), radius: 7 })
          : null;
      if (!layer) continue;
      layer.on('click', () => select({ kind: 'compound', id: c.id }));
      compoundLayers.set(c.id, layer);
      compoundGroup.addLayer(layer);
    }
    const checkpointLayers = new Map<number, L.CircleMarker>();
    // Many checkpoints cluster into counted bubbles until zoomed in; a street office's hundred do not need it.
    const checkpointGroup: L.LayerGroup =
      features.checkpoints.length > CLUSTER_ABOVE ? L.markerClusterGroup({ disableClusteringAtZoom: 15, showCoverageOnHover: false }) : L.layerGroup();
    const staffing = new Map(features.staffing.map((s) => [s.checkpointId, s]));
    const alerting = new Set(features.alerting);
    for (const k of features.checkpoints) {
      if (k.lat === null || k.lng === null) continue;
      // With a roster for now, a red ring marks a checkpoint whose current shift is short of people.
      const st = staffing.get(k.id);
      const short = st !== undefined && st.have < st.need;
      // An unacknowledged fever at the checkpoint outweighs everything else: a large red marker.
      const fever = alerting.has(k.id);
      const layer = L.circleMarker(projection.toView([k.lng, k.lat]), {
        radius: fever ? 9 : short ? 6 : 5,
        color: short ? UNDERSTAFFED : '#fff',
        weight: short ? 3 : 2,
        fillColor: fever ? FEVER_COLOR : STATUS_COLORS[k.status],
        fillOpacity: 1,
      });
      const staffed = st ? `；当前班次 ${st.shift} 在岗 ${st.have}/${st.need} 人${short ? `，缺 ${st.need - st.have} 人` : ''}` : '';
      layer.bindTooltip(
        asText(() => `${k.name}（${CheckpointKind.labels[k.kind]}，${CheckpointStatus.labels[k.status]}${staffed}${fever ? '；有待处理的体温预警' : ''}）`),
      );
      layer.on('click', (e) => (L.DomEvent.stopPropagation(e), select({ kind: 'checkpoint', id: k.id })));
      checkpointLayers.set(k.id, layer);
      checkpointGroup.addLayer(layer);
    }
    // 督查: premises as small squares, places with open problems as amber (red when overdue) diamonds.
    const premisesGroup = L.layerGroup();
    for (const p of features.premises) {
      const layer = L.marker(projection.toView([p.lng, p.lat]), {
        icon: L.divIcon({ className: `premises-marker${p.status === 'open' ? '' : ' closed'}${p.openProblems ? ' has-problems' : ''}`, iconSize: [10, 10] }),
      });
      layer.bindTooltip(
        asText(
          () => `${p.name}（${PremisesKind.labels[p.kind]}，${PremisesStatus.labels[p.status]}${p.openProblems ? `；未销号问题 ${p.openProblems} 条` : ''}）`,
        ),
      );
      premisesGroup.addLayer(layer);
    }
    const problemGroup = L.layerGroup();
    for (const p of features.problems) {
      const layer = L.marker(projection.toView([p.lng, p.lat]), {
        icon: L.divIcon({ className: `problem-marker${p.overdue ? ' overdue' : ''}`, html: String(p.open), iconSize: [20, 20] }),
        zIndexOffset: 1000,
      });
      layer.bindTooltip(asText(() => `${p.name}：未销号问题 ${p.open} 条${p.overdue ? `，其中逾期 ${p.overdue} 条` : ''}`));
      layer.on('click', () => (window.location.hash = `#/inspections?tab=problems`));
      problemGroup.addLayer(layer);
    }
    return { compoundLayers, compoundGroup, checkpointLayers, checkpointGroup, styleOf, premisesGroup, problemGroup };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [features, projection]);

  const showCompounds = on('compounds');
  const showCheckpoints = on('checkpoints');
  const showProblems = on('problems');
  const showPremises = on('premises');
  useEffect(() => {
    if (showPremises) built.premisesGroup.addTo(map);
    if (showProblems) built.problemGroup.addTo(map);
    return () => {
      built.premisesGroup.remove();
      built.problemGroup.remove();
    };
  }, [built, map, showProblems, showPremises]);
  useEffect(() => {
    if (showCompounds) built.compoundGroup.addTo(map);
    if (showCheckpoints) built.checkpointGroup.addTo(map);
    const count = (g: L.LayerGroup) => (map.hasLayer(g) ? g.getLayers().length : 0);
    onDrawn({ compounds: count(built.compoundGroup), checkpoints: count(built.checkpointGroup) });
    return () => {
      built.compoundGroup.remove();
      built.checkpointGroup.remove();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [built, map, showCompounds, showCheckpoints]);

  useBoundaryEditor(map, built.compoundLayers, boundaryEdit, projection);

  // Selection: restyle just the two layers concerned.
  useEffect(() => {
    if (selected?.kind === 'compound') {
      const c = features.compounds.find((x) => x.id === selected.id);
      const layer = built.compoundLayers.get(selected.id);
      if (c && layer) layer.setStyle(compoundStyle(c, true)).bringToFront();
      return () => void (c && layer?.setStyle(built.styleOf(c)));
    }
    if (selected?.kind === 'checkpoint') {
      const layer = built.checkpointLayers.get(selected.id);
      layer?.setRadius(8);
      return () => void layer?.setRadius(5);
    }
  }, [selected, built, features]);

  // The checkpoint being moved follows the clicked position until it is saved or undone.
  useEffect(() => {
    if (!moving) return;
    const layer = built.checkpointLayers.get(moving.id);
    const original = layer?.getLatLng();
    layer?.setLatLng(projection.toView([moving.lng, moving.lat]));
    return () => void (original && layer?.setLatLng(original));
  }, [moving, built, projection]);

  // Names appear when zoomed in, for the compounds in view only.
  useEffect(() => {
    if (!labels || !showCompounds) return;
    const bounds = map.getBounds();
    const shown: L.Tooltip[] = [];
    for (const c of features.compounds) {
      const layer = built.compoundLayers.get(c.id);
      const centre = layer && ('getBounds' in layer ? (layer as L.Polygon).getBounds().getCenter() : (layer as L.CircleMarker).getLatLng());
      if (!centre || !bounds.contains(centre)) continue;
      shown.push(
        L.tooltip({ permanent: true, direction: 'center', className: 'map-label' })
          .setLatLng(centre)
          .setContent(asText(() => c.name))
          .addTo(map),
      );
    }
    return () => shown.forEach((t) => t.remove());
  }, [labels, showCompounds, built, features, map, zoom]);

  return (
    <>
      {on('office') && outlines.office && (
        <Polygon positions={toLatLng(outlines.office)} interactive={false} pathOptions={{ color: '#b71c1c', weight: 2, dashArray: '8 6', fill: false }} />
      )}
      {on('grids') &&
        outlines.grids.map((g) => (
          <Polygon key={g.name} positions={toLatLng(g.ring)} pathOptions={{ color: '#5b8ff9', weight: 1, dashArray: '4 4', fillOpacity: 0.03 }}>
            <Tooltip sticky>{g.name}</Tooltip>
          </Polygon>
        ))}
    </>
  );
}
