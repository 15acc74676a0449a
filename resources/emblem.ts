/**
 * The app icon: a shield with a map pin (the office guarding its territory) in the app's red.
 * Geometry only, so it needs no font or browser, and each size is drawn at its own resolution
 * instead of being scaled down from the largest. make-icons.ts writes the files.
 */
import { crc32, deflateSync } from 'node:zlib';

/** The renderer theme's colorPrimary (renderer/src/main.tsx). */
export const APP_RED: readonly [number, number, number] = [0xb7, 0x1c, 0x1c];
const WHITE = [255, 255, 255] as const;
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
export const PNG_SIZE = 512;

/** Unit square, y down. The shield's sides run straight, then curve in to a point. */
function inShield(x: number, y: number): boolean {
  const top = 0.07,
    shoulder = 0.5,
    tip = 0.95,
    half = 0.37,
    corner = 0.07;
  if (y < top || y > tip) return false;
  const dx = Math.abs(x - 0.5);
  if (y <= shoulder) {
    if (dx > half) return false;
    // Rounded top corners.
    const cx = half - corner,
      cy = top + corner;
    return !(dx > cx && y < cy) || Math.hypot(dx - cx, y - cy) <= corner;
  }
  const t = (y - shoulder) / (tip - shoulder);
  return dx <= half * (1 - t * t);
}

const PIN = { x: 0.5, y: 0.4, r: 0.19, tipY: 0.8, hole: 0.075 };

/** A map pin: a circle and the triangle from the tip to the circle's tangent points. */
function inPin(x: number, y: number): boolean {
  const { x: cx, y: cy, r, tipY, hole } = PIN;
  const d = Math.hypot(x - cx, y - cy);
  if (d <= hole) return false;
  if (d <= r) return true;
  const dist = tipY - cy;
  const tangentY = cy + (r * r) / dist;
  if (y < tangentY || y > tipY) return false;
  const tangentHalf = r * Math.sqrt(1 - (r / dist) ** 2);
  return Math.abs(x - cx) <= (tangentHalf * (tipY - y)) / (tipY - tangentY);
}

/** RGBA pixels of the emblem at `size` px, anti-aliased by supersampling each pixel. */
export function drawEmblem(size: number): Uint8Array {
  const n = size <= 64 ? 8 : 4;
  const px = new Uint8Array(size * size * 4);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      let covered = 0,
        white = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (col + (sx + 0.5) / n) / size,
            y = (row + (sy + 0.5) / n) / size;
          if (!inShield(x, y)) continue;
          covered++;
          if (inPin(x, y)) white++;
        }
      }
      const o = (row * size + col) * 4;
      if (covered === 0) continue;
      const w = white / covered;
      for (let c = 0; c < 3; c++) px[o + c] = Math.round(APP_RED[c]! * (1 - w) + WHITE[c]! * w);
      px[o + 3] = Math.round((255 * covered) / (n * n));
    }
  }
  return px;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A truecolour-with-alpha PNG, every row unfiltered. */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, standard filters, not interlaced
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) raw.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())]);
}

/**
 * An ICO holding one PNG per size. PNG entries are what Windows Vista and later read at every
 * size; the directory stores 256 as 0 because its width and height are single bytes.
 */
export function encodeIco(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size % 256, e);
    header.writeUInt8(size % 256, e + 1);
    header.writeUInt8(0, e + 2); // no palette
    header.writeUInt8(0, e + 3);
    header.writeUInt16LE(1, e + 4); // colour planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}
