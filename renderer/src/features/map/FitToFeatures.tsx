import { latLngBounds } from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { Features } from './MapPage';
import type { Projection } from './projection';

/** Frames the whole office once, then flies to whatever the search picks. */
export function FitToFeatures({ features, flyTo, projection }: { features: Features; flyTo: { lat: number; lng: number; zoom: number; seq: number } | null; projection: Projection }) {
  const map = useMap();
  const framed = useRef(false);
  useEffect(() => {
    if (framed.current) return;
    const pts = [
      ...features.compounds.filter((c) => c.lat !== null && c.lng !== null).map((c) => projection.toView([c.lng!, c.lat!])),
      ...features.checkpoints.filter((c) => c.lat !== null && c.lng !== null).map((c) => projection.toView([c.lng!, c.lat!])),
    ];
    if (pts.length) map.fitBounds(latLngBounds(pts), { padding: [24, 24] });
    framed.current = true;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [features, map]);
  useEffect(() => {
    if (flyTo) map.flyTo(projection.toView([flyTo.lng, flyTo.lat]), flyTo.zoom, { duration: 0.6 });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [flyTo, map]);
  return null;
}
