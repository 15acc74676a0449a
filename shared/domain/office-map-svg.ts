import type { BriefingFiguresData } from '../api/briefing';
import type { ControlLevelCode } from './enums';

/**
 * The office drawn from a briefing's frozen points, as SVG markup: compounds coloured by
 * control level, active checkpoints as small triangles. A plain string, so the printed
 * page shows it and the Word export rasterises the very same picture. Only numbers and
 * fixed colours go in, never text from the data.
 */
export const LEVEL_COLOURS: Record<ControlLevelCode, string> = { sealed: '#cf1322', controlled: '#fa8c16', precaution: '#a0d911', normal: '#8c8c8c' };
const DRAW_ORDER: ControlLevelCode[] = ['normal', 'precaution', 'controlled', 'sealed'];
export const MAP_W = 640;
export const MAP_H = 340;

export function officeMapSvg(map: BriefingFiguresData['map']): string | null {
  const pts = [...map.compounds.map(([x, y]) => [x, y] as const), ...map.checkpoints];
  if (!pts.length) return null;
  const pad = 14;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // Equirectangular with the longitude squeezed by cos(latitude): true shape at a street's size.
  const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const scale = Math.min((MAP_W - 2 * pad) / Math.max((x1 - x0) * k, 1e-6), (MAP_H - 2 * pad) / Math.max(y1 - y0, 1e-6));
  const ox = (MAP_W - (x1 - x0) * k * scale) / 2;
  const oy = (MAP_H - (y1 - y0) * scale) / 2;
  const px = (x: number) => (ox + (x - x0) * k * scale).toFixed(1);
  const py = (y: number) => (MAP_H - oy - (y - y0) * scale).toFixed(1);
  const dots = DRAW_ORDER.flatMap((level) =>
    map.compounds
      .filter((c) => c[2] === level)
      .map(
        (c) =>
          `<circle cx="${px(c[0])}" cy="${py(c[1])}" r="${level === 'normal' ? 3 : 4.2}" fill="${LEVEL_COLOURS[level]}" fill-opacity="0.85" stroke="#fff" stroke-width="0.6"/>`,
      ),
  );
  const marks = map.checkpoints.map(([lng, lat]) => {
    const [x, y] = [Number(px(lng)), Number(py(lat))];
    return `<path d="M${x} ${(y - 3.2).toFixed(1)}L${(x + 2.8).toFixed(1)} ${(y + 2).toFixed(1)}L${(x - 2.8).toFixed(1)} ${(y + 2).toFixed(1)}Z" fill="#1f1f1f"/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_W} ${MAP_H}" width="${MAP_W}" height="${MAP_H}" role="img" aria-label="辖区小区管控等级示意图"><rect x="0" y="0" width="${MAP_W}" height="${MAP_H}" fill="#fafafa" stroke="#000" stroke-width="0.6"/>${dots.join('')}${marks.join('')}</svg>`;
}
