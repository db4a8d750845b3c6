/**
 * Draws the two Teams app icons and writes them as PNG files beside this script:
 * color.png (192×192, a white speech bubble holding a blue shield with a tick, on municipal blue) and
 * outline.png (32×32, the same shapes in white on a transparent background).
 *
 * The PNGs are committed; run this only to change the design: `npx tsx appPackage/draw-icons.ts`.
 * Shapes are signed distance functions in a unit square, sampled 4×4 per pixel for smooth edges.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

type Point = readonly [number, number];
/** Signed distance: negative inside, positive outside, in unit-square units. */
type Shape = (x: number, y: number) => number;
type Rgba = readonly [number, number, number, number];

const MUNICIPAL_BLUE: Rgba = [0x00, 0x5b, 0x99, 255];
const WHITE: Rgba = [255, 255, 255, 255];

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
}

function polygon(points: readonly Point[]): Shape {
  return (x, y) => {
    let distance = Infinity;
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [ax, ay] = points[j];
      const [bx, by] = points[i];
      const ex = bx - ax;
      const ey = by - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * ex + (y - ay) * ey) / (ex * ex + ey * ey)));
      distance = Math.min(distance, Math.hypot(x - ax - ex * t, y - ay - ey * t));
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
    }
    return inside ? -distance : distance;
  };
}

/** A thick polyline with round joins and caps. */
function polyline(points: readonly Point[], halfWidth: number): Shape {
  return (x, y) => {
    let distance = Infinity;
    for (let i = 1; i < points.length; i++) {
      const [ax, ay] = points[i - 1];
      const [bx, by] = points[i];
      const ex = bx - ax;
      const ey = by - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * ex + (y - ay) * ey) / (ex * ex + ey * ey)));
      distance = Math.min(distance, Math.hypot(x - ax - ex * t, y - ay - ey * t));
    }
    return distance - halfWidth;
  };
}

const union = (...shapes: Shape[]): Shape => (x, y) => Math.min(...shapes.map((s) => s(x, y)));
const subtract = (a: Shape, b: Shape): Shape => (x, y) => Math.max(a(x, y), -b(x, y));
/** The band of width `width` just inside the edge of `shape`. */
const innerStroke = (shape: Shape, width: number): Shape => (x, y) => {
  const d = shape(x, y);
  return Math.abs(d + width / 2) - width / 2;
};

/** A shield: straight sides, then curving in to a point at the bottom. */
function shield(cx: number, top: number, bottom: number, halfWidth: number): Shape {
  const shoulder = top + (bottom - top) * 0.4;
  const points: Point[] = [
    [cx - halfWidth, top],
    [cx + halfWidth, top],
  ];
  const steps = 24;
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    points.push([cx + halfWidth * (1 - t * t), shoulder + (bottom - shoulder) * t]);
  }
  for (let i = steps - 1; i >= 0; i--) {
    const t = i / steps;
    points.push([cx - halfWidth * (1 - t * t), shoulder + (bottom - shoulder) * t]);
  }
  return polygon(points);
}

const bubble = union(
  roundedRect(0.14, 0.16, 0.86, 0.7, 0.12),
  polygon([
    [0.26, 0.62],
    [0.46, 0.62],
    [0.2, 0.88],
  ]),
);
const badge = shield(0.5, 0.26, 0.63, 0.155);
const tick = polyline(
  [
    [0.43, 0.435],
    [0.485, 0.49],
    [0.575, 0.37],
  ],
  0.03,
);

interface Layer {
  shape: Shape;
  color: Rgba;
}

function render(size: number, background: Rgba | null, layers: Layer[]): Buffer {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = background ?? [0, 0, 0, 0];
      let acc = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let color: Rgba = background ?? [0, 0, 0, 0];
          for (const layer of layers) if (layer.shape(x, y) < 0) color = layer.color;
          // Premultiplied sum so transparent samples do not darken edges.
          acc = [acc[0] + color[0] * color[3], acc[1] + color[1] * color[3], acc[2] + color[2] * color[3], acc[3] + color[3]];
        }
      }
      a = acc[3] / (samples * samples);
      if (acc[3] > 0) {
        r = acc[0] / acc[3];
        g = acc[1] / acc[3];
        b = acc[2] / acc[3];
      }
      const o = (py * size + px) * 4;
      pixels[o] = Math.round(r);
      pixels[o + 1] = Math.round(g);
      pixels[o + 2] = Math.round(b);
      pixels[o + 3] = Math.round(a);
    }
  }
  return pixels;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG, every row with filter type 0. */
export function encodePng(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function main(): void {
  const color = render(192, MUNICIPAL_BLUE, [
    { shape: bubble, color: WHITE },
    { shape: badge, color: MUNICIPAL_BLUE },
    { shape: tick, color: WHITE },
  ]);
  const outline = render(32, null, [
    { shape: innerStroke(bubble, 0.075), color: WHITE },
    { shape: subtract(shield(0.5, 0.27, 0.62, 0.155), polyline([[0.425, 0.43], [0.485, 0.49], [0.58, 0.365]], 0.045)), color: WHITE },
  ]);
  fs.writeFileSync(path.join(__dirname, 'color.png'), encodePng(192, color));
  fs.writeFileSync(path.join(__dirname, 'outline.png'), encodePng(32, outline));
  console.log('wrote color.png (192×192) and outline.png (32×32)');
}

if (require.main === module) main();
