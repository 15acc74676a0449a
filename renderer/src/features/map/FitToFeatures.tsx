import { type LatLngBounds, latLngBounds } from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import type { Features } from './MapPage';
import type { Projection } from './projection';

/** The extent of everything placed, where the map opens (null when nothing has a position). */
export function featureBounds(features: Features, projection: Projection): LatLngBounds | null {
  const pts = [
    ...features.compounds.filter((c) => c.lat !== null && c.lng !== null).map((c) => projection.toView([c.lng!, c.lat!])),
    ...features.checkpoints.filter((c) => c.lat !== null && c.lng !== null).map((c) => projection.toView([c.lng!, c.lat!])),
  ];
  return pts.length ? latLngBounds(pts) : null;
}

/**
 * Flies to whatever the search picks (the map opens framed on the office: see MapPage).
 * The container's `data-flown` names the last flight that has landed, so whoever clicks
 * relative to the picked place (a browser test, a screen reader's script) knows when the
 * centre is that place, not somewhere along the way.
 */
export function FlyTo({ flyTo, projection }: { flyTo: { lat: number; lng: number; zoom: number; seq: number } | null; projection: Projection }) {
  const map = useMap();
  useEffect(() => {
    if (!flyTo) return;
    const landed = () => {
      map.getContainer().dataset.flown = String(flyTo.seq);
    };
    map.once('moveend', landed);
    map.flyTo(projection.toView([flyTo.lng, flyTo.lat]), flyTo.zoom, { duration: 0.6 });
    return () => {
      map.off('moveend', landed);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [flyTo, map]);
  return null;
}
