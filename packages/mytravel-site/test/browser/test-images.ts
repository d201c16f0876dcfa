import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A real PNG to post: a made-up landscape (sky, sun, hills, sea) in the given hue, so screenshots
 * show a photo-like picture and the browser decodes a genuine image.
 */
export function landscapePng(width: number, height: number, hue: 'dawn' | 'noon'): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  const sun = { x: width * 0.7, y: height * 0.32, r: height * 0.09 };
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x += 1) {
      const t = y / height;
      let rgb: [number, number, number] =
        hue === 'dawn' ? [250 - 60 * t, 170 - 40 * t, 120 + 60 * t] : [120 + 40 * t, 180 + 30 * t, 240 - 10 * t];
      if ((x - sun.x) ** 2 + (y - sun.y) ** 2 < sun.r ** 2) rgb = [255, 224, 130];
      const hill = height * (0.58 + 0.07 * Math.sin(x / (width / 5)) + 0.04 * Math.sin(x / (width / 13)));
      if (y > hill) rgb = [40 + 30 * Math.sin(x / 40), 100 + 20 * t, 60];
      if (y > height * 0.8) rgb = [20, 90 + 30 * Math.sin((x + y * 3) / 25), 140];
      raw.set(rgb.map((v) => Math.max(0, Math.min(255, Math.round(v)))), row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
