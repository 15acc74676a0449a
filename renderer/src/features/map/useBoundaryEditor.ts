import '@geoman-io/leaflet-geoman-free';
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css';
import L from 'leaflet';
import { useEffect } from 'react';
import type { Point } from '../../../../shared/domain/geo';
import type { Projection } from './projection';

export interface BoundaryEdit {
  id: number;
  /** Filled by the editor: the ring as it is now, [lng, lat] closed. */
  ring: Point[] | null;
}

const ringOf = (layer: L.Polygon, projection: Projection): Point[] => {
  const pts = (layer.getLatLngs()[0] as L.LatLng[]).map((p) => projection.fromView(p.lat, p.lng));
  return [...pts, pts[0]!];
};

/**
 * Reshaping a compound boundary (drag its vertices) or drawing one where there is none,
 * with Geoman. Nothing is saved here: the panel saves `edit.ring`; leaving edit mode puts
 * the original shape back (undo before save), and a saved one comes back with the data.
 */
export function useBoundaryEditor(map: L.Map, layers: Map<number, L.Path>, edit: BoundaryEdit | null, projection: Projection) {
  useEffect(() => {
    if (!edit) return;
    const layer = layers.get(edit.id);
    if (layer instanceof L.Polygon) {
      const original = layer.getLatLngs();
      edit.ring = ringOf(layer, projection);
      layer.pm.enable({ allowSelfIntersection: false, snappable: false });
      const update = () => (edit.ring = ringOf(layer, projection));
      layer.on('pm:edit', update);
      layer.on('pm:markerdragend', update);
      return () => {
        layer.off('pm:edit', update);
        layer.off('pm:markerdragend', update);
        layer.pm.disable();
        // Put the old shape back; a saved one arrives with the reloaded data.
        layer.setLatLngs(original);
      };
    }
    // No polygon yet: draw one.
    let drawn: L.Polygon | null = null;
    const created = (e: { layer: L.Layer }) => {
      drawn = e.layer as L.Polygon;
      edit.ring = ringOf(drawn, projection);
      map.pm.disableDraw();
    };
    map.on('pm:create', created);
    map.pm.enableDraw('Polygon', { snappable: false });
    return () => {
      map.off('pm:create', created);
      map.pm.disableDraw();
      drawn?.remove();
    };
  }, [edit, layers, map, projection]);
}
