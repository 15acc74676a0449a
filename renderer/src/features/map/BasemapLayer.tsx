import { TileLayer } from 'react-leaflet';
import type { Output } from '../../../../shared/api';

type Basemap = Output<'map.basemap'>;

/** The basemap's tile URL: an imported .mbtiles served by the app itself, or the configured XYZ server. */
export function tileUrl(b: Basemap): string | null {
  if (b.source === 'online') return b.url || null;
  if (b.source.startsWith('pack:')) return `tiles/${b.source.slice(5)}/{z}/{x}/{y}.png`;
  return null;
}

/** Tiles under the overlays; a failing server is reported once and the map keeps working. */
export function BasemapLayer({ basemap, onError }: { basemap: Basemap; onError: () => void }) {
  const url = tileUrl(basemap);
  if (!url) return null;
  // No crossOrigin: many tile servers send no CORS headers, and showing the map matters more
  // than putting foreign tiles into the PNG export (which leaves them out).
  return <TileLayer url={url} maxZoom={19} subdomains="abc" eventHandlers={{ tileerror: onError }} />;
}
