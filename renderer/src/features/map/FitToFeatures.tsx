import { latLngBounds } from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { Features } from './MapPage';

/** Frames the whole office once, then flies to whatever the search picks. */
export function FitToFeatures({ features, flyTo }: { features: Features; flyTo: { lat: number; lng: number; zoom: number; seq: number } | null }) {
  const map = useMap();
  const framed = useRef(false);
  useEffect(() => {
    if (framed.current) return;
    const pts = [
      ...features.compounds.filter((c) => c.lat !== null && c.lng !== null).map((c) => [c.lat!, c.lng!] as [number, number]),
      ...features.checkpoints.filter((c) => c.lat !== null && c.lng !== null).map((c) => [c.lat!, c.lng!] as [number, number]),
    ];
    if (pts.length) map.fitBounds(latLngBounds(pts), { padding: [24, 24] });
    framed.current = true;
  }, [features, map]);
  useEffect(() => {
    if (flyTo) map.flyTo([flyTo.lat, flyTo.lng], flyTo.zoom, { duration: 0.6 });
  }, [flyTo, map]);
  return null;
}
