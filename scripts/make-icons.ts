/**
 * Draws the extension icons (a white inbox tray with a red triage dot on a blue
 * rounded square) as PNGs with no image library: run once, the PNGs are committed.
 *   npx tsx scripts/make-icons.ts
 */
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size: number, px: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = px(x, y);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Coverage of a shape at pixel (x,y) by 4x4 supersampling, in unit coordinates 0..1. */
function icon(size: number): Buffer {
  const inRounded = (u: number, v: number, r: number) => {
    const cx = Math.min(Math.max(u, r), 1 - r);
    const cy = Math.min(Math.max(v, r), 1 - r);
    return (u - cx) ** 2 + (v - cy) ** 2 <= r * r;
  };
  const tray = (u: number, v: number) => {
    // outline of an inbox tray: a U shape with a notch, stroke width w
    const w = 0.075;
    const inBox = u > 0.2 && u < 0.8 && v > 0.3 && v < 0.76;
    const inner = u > 0.2 + w && u < 0.8 - w && v > 0.3 + w && v < 0.76 - w;
    const shelf = v > 0.52 && v < 0.52 + w && u > 0.2 && u < 0.8 && !(u > 0.38 && u < 0.62);
    const notch = u > 0.38 - w / 2 && u < 0.62 + w / 2 && v > 0.52 && v < 0.62 + w && (u < 0.38 + w / 2 || u > 0.62 - w / 2 || v > 0.62);
    return (inBox && !inner) || shelf || notch;
  };
  const dot = (u: number, v: number) => (u - 0.76) ** 2 + (v - 0.26) ** 2 <= 0.14 ** 2;
  const dotRing = (u: number, v: number) => (u - 0.76) ** 2 + (v - 0.26) ** 2 <= 0.185 ** 2;
  return png(size, (x, y) => {
    const acc = [0, 0, 0, 0];
    const n = 4;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const u = (x + (i + 0.5) / n) / size;
        const v = (y + (j + 0.5) / n) / size;
        let c: [number, number, number, number] = [0, 0, 0, 0];
        if (inRounded(u, v, 0.2)) c = [29, 78, 216, 255];
        if (c[3] && tray(u, v)) c = [255, 255, 255, 255];
        if (dotRing(u, v)) c = [255, 255, 255, 255];
        if (dot(u, v)) c = [220, 38, 38, 255];
        for (let k = 0; k < 4; k++) acc[k]! += c[k]! * (k === 3 ? 1 : c[3] / 255);
      }
    const a = acc[3]! / (n * n);
    if (a === 0) return [0, 0, 0, 0];
    return [Math.round(acc[0]! / (n * n) / (a / 255)), Math.round(acc[1]! / (n * n) / (a / 255)), Math.round(acc[2]! / (n * n) / (a / 255)), Math.round(a)];
  });
}

mkdirSync('public/icon', { recursive: true });
for (const s of [16, 32, 48, 128]) writeFileSync(`public/icon/${s}.png`, icon(s));
console.log('icons written to public/icon/');
