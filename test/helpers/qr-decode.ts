import { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import { PNG } from 'pngjs';

/**
 * The text of the QR code in a PNG (a screenshot of a printed page), read with ZXing —
 * the library the gate page uses on the phone camera.
 */
export function decodeQrPng(png: Buffer): string {
  const { width, height, data } = PNG.sync.read(png);
  // The element's screenshot ends at the code's edge; on a card the paper around it is the
  // quiet zone a reader needs (without it some codes' finder patterns are not found).
  // Four modules at least; a code has at most 57 modules across at the versions a pass uses.
  const margin = Math.max(24, Math.ceil(width / 10));
  const w = width + 2 * margin;
  const h = height + 2 * margin;
  const luminance = new Uint8ClampedArray(w * h).fill(255);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      luminance[(y + margin) * w + x + margin] = Math.round((data[i]! * 299 + data[i + 1]! * 587 + data[i + 2]! * 114) / 1000);
    }
  // TRY_HARDER: a phone camera's reader does too; a screenshot's anti-aliased module edges otherwise fail now and then.
  const hints = new Map([[DecodeHintType.TRY_HARDER, true]]);
  return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, w, h))), hints).getText();
}
