import L from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { TileLayer } from 'react-leaflet';
import type { Output } from '../../../../shared/api';
import { call } from '../../api/client';
import { useLoad } from '../../lib/useLoad';

type Basemap = Output<'map.basemap'>;
type Pack = Output<'tiles.list'>[number];

export const ONLINE_FAILED = '底图加载失败（网络不通或地址有误），地图的小区、卡点等数据仍可正常使用。';
export const PACK_MISSING = '所选离线瓦片包已不存在，请在“设置 → 系统 → 地图底图”中重新选择。地图的小区、卡点等数据仍可正常使用。';
export const PACK_FAILED = '离线瓦片包无法读取（文件可能已损坏），地图的小区、卡点等数据仍可正常使用。';

/** The basemap's tile URL: an imported .mbtiles served by the app itself, or the configured XYZ server. */
export function tileUrl(b: Basemap): string | null {
  if (b.source === 'online') return b.url || null;
  if (b.source.startsWith('pack:')) return `tiles/${b.source.slice(5)}/{z}/{x}/{y}.png`;
  return null;
}

/**
 * An imported pack: tiles are asked for only inside its bounds, and zooms beyond its
 * levels reuse the nearest level (scaled) instead of leaving the map blank. A pack covers
 * a district, not every tile, so a missing tile is normal; only a pack that yields no tile
 * at all is reported.
 */
function PackLayer({ id, onError }: { id: string; onError: (message: string) => void }) {
  const packs = useLoad(() => call('tiles.list', {}), [id]);
  const loaded = useRef(0);
  const pack: Pack | undefined = packs.data?.find((p) => p.id === id);
  const bounds = useMemo(() => (pack?.bounds ? L.latLngBounds([pack.bounds[1], pack.bounds[0]], [pack.bounds[3], pack.bounds[2]]) : undefined), [pack]);
  const missing = packs.data !== null && !pack;
  useEffect(() => {
    if (missing) onError(PACK_MISSING);
  }, [missing, onError]);
  if (!pack) return null;
  return (
    <TileLayer
      url={`tiles/${id}/{z}/{x}/{y}.png`}
      bounds={bounds}
      minNativeZoom={pack.minzoom}
      maxNativeZoom={pack.maxzoom}
      maxZoom={19}
      eventHandlers={{
        tileload: () => void loaded.current++,
        tileerror: () => loaded.current === 0 && onError(PACK_FAILED),
      }}
    />
  );
}

/** Tiles under the overlays; a failing server is reported once and the map keeps working. */
export function BasemapLayer({ basemap, onError }: { basemap: Basemap; onError: (message: string) => void }) {
  if (basemap.source.startsWith('pack:')) return <PackLayer id={basemap.source.slice(5)} onError={onError} />;
  const url = tileUrl(basemap);
  if (!url) return null;
  // No crossOrigin: many tile servers send no CORS headers, and showing the map matters more
  // than putting foreign tiles into the PNG export (which leaves them out).
  return <TileLayer url={url} maxZoom={19} subdomains="abc" eventHandlers={{ tileerror: () => onError(ONLINE_FAILED) }} />;
}
