import { crc32, inflateSync } from 'node:zlib';

/**
 * Readers for the installer's icon files, written from the PNG and ICO specifications
 * independently of resources/emblem.ts (which only ever writes unfiltered rows), so a test that
 * decodes a committed icon checks the file, not the writer against itself.
 */
export interface Png {
  width: number;
  height: number;
  /** RGBA, 8 bits per channel, rows top to bottom. */
  pixels: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function readPng(buf: Buffer): Png {
  if (!buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: bad signature');
  let at = 8,
    width = 0,
    height = 0;
  const idat: Buffer[] = [];
  for (;;) {
    if (at + 12 > buf.length) throw new Error('PNG ends before IEND');
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + length);
    if (crc32(buf.subarray(at + 4, at + 8 + length)) !== buf.readUInt32BE(at + 8 + length)) throw new Error(`PNG chunk ${type}: bad CRC`);
    at += 12 + length;
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = data.subarray(8);
      if (depth !== 8 || colour !== 6 || interlace !== 0)
        throw new Error(`PNG format not read here: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
  }
  return { width, height, pixels: unfilter(inflateSync(Buffer.concat(idat)), width, height) };
}

function unfilter(raw: Buffer, width: number, height: number): Uint8Array {
  const stride = width * 4;
  if (raw.length !== height * (stride + 1)) throw new Error('PNG data does not match its size');
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= 4 ? out[y * stride + i - 4]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + i]! : 0;
      const c = i >= 4 && y > 0 ? out[(y - 1) * stride + i - 4]! : 0;
      const predictor = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : NaN;
      if (Number.isNaN(predictor)) throw new Error(`PNG row ${y}: unknown filter ${filter}`);
      out[y * stride + i] = (line[i]! + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c,
    pa = Math.abs(p - a),
    pb = Math.abs(p - b),
    pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export interface IcoEntry {
  /** As the directory states it (a stored 0 means 256). */
  width: number;
  height: number;
  bitCount: number;
  image: Buffer;
}

export function readIco(buf: Buffer): IcoEntry[] {
  if (buf.length < 6 || buf.readUInt16LE(0) !== 0 || buf.readUInt16LE(2) !== 1) throw new Error('not an ICO: bad header');
  const count = buf.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const e = 6 + 16 * i;
    const size = buf.readUInt32LE(e + 8),
      offset = buf.readUInt32LE(e + 12);
    if (offset + size > buf.length) throw new Error(`ICO entry ${i} runs past the end of the file`);
    return { width: buf[e] || 256, height: buf[e + 1] || 256, bitCount: buf.readUInt16LE(e + 6), image: buf.subarray(offset, offset + size) };
  });
}
