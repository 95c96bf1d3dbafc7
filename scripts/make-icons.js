#!/usr/bin/env node
// Writes assets/icon-<size>.png: a green shield with a white check mark.
// Plain node (zlib + a CRC table) so the icons can be rebuilt without any image library.
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const SHIELD = [0x1e, 0x7b, 0x45];
const RIM = [0x14, 0x5a, 0x32];
const CHECK = [0xff, 0xff, 0xff];
const SAMPLES = 4; // per axis: 16 samples per pixel give smooth edges at 16 px

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// Half-width of the shield at height y (unit square, y down); 0 outside it.
function shieldHalfWidth(y) {
  const top = 0.06;
  const shoulder = 0.5;
  const tip = 0.96;
  if (y < top || y > tip) return 0;
  if (y <= shoulder) return 0.4;
  const t = (y - shoulder) / (tip - shoulder);
  return 0.4 * Math.sqrt(1 - t * t);
}

function distanceToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function sampleColour(x, y, size) {
  const half = shieldHalfWidth(y);
  if (half === 0 || Math.abs(x - 0.5) > half) return null;
  const check =
    Math.min(
      distanceToSegment(x, y, 0.3, 0.5, 0.45, 0.66),
      distanceToSegment(x, y, 0.45, 0.66, 0.72, 0.34)
    ) < Math.max(0.065, 0.9 / size);
  if (check) return CHECK;
  const rimWidth = Math.max(0.035, 0.8 / size);
  const nearSide = half - Math.abs(x - 0.5) < rimWidth;
  const nearTop = y - 0.06 < rimWidth;
  const nearBottom = shieldHalfWidth(y + rimWidth) - Math.abs(x - 0.5) < 0;
  return nearSide || nearTop || nearBottom ? RIM : SHIELD;
}

function render(size) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = sampleColour((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size, size);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const o = (py * size + px) * 4;
      if (covered > 0) {
        rgba[o] = Math.round(r / covered);
        rgba[o + 1] = Math.round(g / covered);
        rgba[o + 2] = Math.round(b / covered);
        rgba[o + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
      }
    }
  }
  return encodePng(size, rgba);
}

function main() {
  const outDir = path.resolve(__dirname, "..", "assets");
  fs.mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(outDir, `icon-${size}.png`);
    fs.writeFileSync(file, render(size));
    console.log(`wrote ${path.relative(process.cwd(), file)} (${size}x${size})`);
  }
}

if (require.main === module) main();

module.exports = { render, crc32 };
