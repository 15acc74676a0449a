import { PNG } from 'pngjs';

/**
 * A short video, as Chromium's fake camera plays it (`--use-file-for-fake-video-capture`), of
 * a picture held up to the camera: the PNG scaled up on a grey desk, in a few frames that
 * drift by a pixel or two as a hand does. Y4M (4:2:0): a header, then per frame the luma plane
 * and two flat chroma planes.
 */
export function cameraVideoOf(png: Buffer, { width = 640, height = 480, scale = 2, frames = 4 } = {}): Buffer {
  const picture = PNG.sync.read(png);
  const luma = (x: number, y: number) => {
    const i = (y * picture.width + x) * 4;
    return Math.round(picture.data[i]! * 0.299 + picture.data[i + 1]! * 0.587 + picture.data[i + 2]! * 0.114);
  };
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`)];
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  for (let f = 0; f < frames; f++) {
    const y0 = Math.round((height - picture.height * scale) / 2) + (f % 2);
    const x0 = Math.round((width - picture.width * scale) / 2) + f;
    const plane = Buffer.alloc(width * height, 150);
    for (let y = 0; y < picture.height * scale; y++)
      for (let x = 0; x < picture.width * scale; x++) {
        const px = x0 + x;
        const py = y0 + y;
        if (px >= 0 && py >= 0 && px < width && py < height) plane[py * width + px] = luma(Math.floor(x / scale), Math.floor(y / scale));
      }
    parts.push(Buffer.from('FRAME\n'), plane, chroma);
  }
  return Buffer.concat(parts);
}
