import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/**
 * The text of the QR code in a PNG (a screenshot of a printed page), read with jsQR — the
 * reader the gate page runs on the phone camera's frames. Throws when no code is read.
 */
export function decodeQrPng(png: Buffer): string {
  const { width, height, data } = PNG.sync.read(png);
  // The element's screenshot ends at the code's edge; on a card the paper around it is the
  // quiet zone a reader needs. Four modules at least; a pass's code has at most 57 across.
  const margin = Math.max(24, Math.ceil(width / 10));
  const w = width + 2 * margin;
  const h = height + 2 * margin;
  const rgba = new Uint8ClampedArray(w * h * 4).fill(255);
  for (let y = 0; y < height; y++) rgba.set(data.subarray(y * width * 4, (y + 1) * width * 4), ((y + margin) * w + margin) * 4);
  const code = jsQR(rgba, w, h, { inversionAttempts: 'dontInvert' });
  if (!code) throw new Error('no QR code was read from the picture');
  return code.data;
}
