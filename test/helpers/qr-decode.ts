import { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import { PNG } from 'pngjs';

/**
 * The text of the QR code in a PNG (a screenshot of a printed page), read with ZXing —
 * the library the gate page uses on the phone camera.
 */
export function decodeQrPng(png: Buffer): string {
  const { width, height, data } = PNG.sync.read(png);
  const luminance = new Uint8ClampedArray(width * height);
  for (let i = 0; i < width * height; i++) luminance[i] = Math.round((data[i * 4]! * 299 + data[i * 4 + 1]! * 587 + data[i * 4 + 2]! * 114) / 1000);
  // TRY_HARDER: a phone camera's reader does too; a screenshot's anti-aliased module edges otherwise fail now and then.
  const hints = new Map([[DecodeHintType.TRY_HARDER, true]]);
  return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, width, height))), hints).getText();
}
