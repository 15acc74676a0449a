/**
 * The current view as a PNG (for the briefing and for printing): background, basemap
 * tiles if any (same-origin, so the canvas stays exportable), the vector canvas, a title.
 */
export async function mapViewToPng(container: HTMLElement, title: string): Promise<Blob> {
  const box = container.getBoundingClientRect();
  const scale = window.devicePixelRatio || 1;
  const out = document.createElement('canvas');
  out.width = Math.round(box.width * scale);
  out.height = Math.round(box.height * scale);
  const g = out.getContext('2d')!;
  g.scale(scale, scale);
  g.fillStyle = '#eef2f6';
  g.fillRect(0, 0, box.width, box.height);
  const at = (el: Element) => {
    const r = el.getBoundingClientRect();
    return { x: r.left - box.left, y: r.top - box.top, w: r.width, h: r.height };
  };
  // Tiles from another origin would taint the canvas (no export at all): only the app's own are drawn.
  const own = [...container.querySelectorAll<HTMLImageElement>('img.leaflet-tile-loaded')].filter(
    (img) => new URL(img.src, location.href).origin === location.origin,
  );
  for (const img of own) {
    const p = at(img);
    g.drawImage(img, p.x, p.y, p.w, p.h);
  }
  for (const c of container.querySelectorAll<HTMLCanvasElement>('.leaflet-overlay-pane canvas')) {
    const p = at(c);
    g.drawImage(c, p.x, p.y, p.w, p.h);
  }
  g.fillStyle = 'rgba(255,255,255,0.85)';
  g.fillRect(8, 8, Math.min(box.width - 16, 16 + title.length * 16), 30);
  g.fillStyle = '#262626';
  g.font = '16px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
  g.fillText(title, 16, 29);
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('无法生成图片'))), 'image/png'));
}
