#!/usr/bin/env node
// Draws the Teams app icons as real PNG files with nothing but node's zlib:
//   manifest/color.png    192x192 truecolour: a white shield with a check mark on the accent colour
//   manifest/outline.png   32x32 RGBA: the same shield as a white outline on a transparent background
// and the deliberately wrong icons the manifest validator's broken fixtures use (tools/fixtures/).
// Usage: node tools/make-icons.js           write the files
//        node tools/make-icons.js --check   exit 1 if a committed file differs from what this script draws
// The output is deterministic, so --check catches a hand-edited or stale icon.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const ROOT = path.resolve(__dirname, '..');
const ACCENT = [0x2f, 0x5d, 0x8c]; // keep in step with "accentColor" in manifest/manifest.json (#2F5D8C)

// ---- PNG writer ------------------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** pixels: array of [r,g,b] (channels 3) or [r,g,b,a] (channels 4), row-major. */
function encodePng(width, height, channels, pixels) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = channels === 4 ? 6 : 2; // colour type: 6 = RGBA, 2 = RGB
  ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0; // deflate, adaptive filtering, no interlace
  const stride = width * channels + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0; // filter: None
    for (let x = 0; x < width; x++) {
      const p = pixels[y * width + x];
      for (let c = 0; c < channels; c++) raw[y * stride + 1 + x * channels + c] = p[c];
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- shapes, in unit coordinates (0..1 across the icon) ----------------------------------------
function inShield(x, y, inset = 0) {
  const top = 0.14 + inset, mid = 0.52, bottom = 0.88 - inset * 1.6, half = 0.33 - inset;
  const dx = Math.abs(x - 0.5);
  if (y < top - 0.04 || y > bottom) return false;
  // top edge dips gently towards the middle, like a heraldic shield
  const topAt = top + 0.04 * (1 - (dx / 0.33) ** 2);
  if (y < topAt - 0.04) return false;
  if (y <= mid) return dx <= half;
  const t = (y - mid) / (bottom - mid); // 0 at the shoulders, 1 at the point
  return dx <= half * (1 - t ** 1.7);
}
function distToSegment(px, py, ax, ay, bx, by) {
  const vx = bx - ax, vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - (ax + t * vx), py - (ay + t * vy));
}
function inCheck(x, y, thickness) {
  return distToSegment(x, y, 0.36, 0.49, 0.46, 0.60) <= thickness ||
         distToSegment(x, y, 0.46, 0.60, 0.65, 0.37) <= thickness;
}
/** Fraction of an icon pixel covered by a shape, by 5x5 supersampling (anti-aliasing). */
function coverage(size, px, py, inside) {
  const n = 5;
  let hit = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    if (inside((px + (i + 0.5) / n) / size, (py + (j + 0.5) / n) / size)) hit++;
  }
  return hit / (n * n);
}
const mix = (a, b, t) => a.map((v, i) => Math.round(v * (1 - t) + b[i] * t));

function colorIcon(size) {
  const px = [];
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    const shield = coverage(size, x, y, (u, v) => inShield(u, v));
    const check = coverage(size, x, y, (u, v) => inShield(u, v) && inCheck(u, v, 0.045));
    px.push(mix(mix(ACCENT, [255, 255, 255], shield), ACCENT, check));
  }
  return encodePng(size, size, 3, px);
}
function outlineIcon(size, ink = [255, 255, 255]) {
  const px = [];
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    const a = coverage(size, x, y, (u, v) =>
      (inShield(u, v) && !inShield(u, v, 0.075)) || inCheck(u, v, 0.06));
    px.push([...ink, Math.round(a * 255)]);
  }
  return encodePng(size, size, 4, px);
}
function opaqueIcon(size) { // no alpha channel at all: not acceptable as an outline icon
  const px = [];
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) px.push(ACCENT);
  return encodePng(size, size, 3, px);
}

const FILES = {
  'manifest/color.png': () => colorIcon(192),
  'manifest/outline.png': () => outlineIcon(32),
  // broken fixtures: each must keep failing tools/validate-manifest.js
  'tools/fixtures/manifest-broken/color.png': () => colorIcon(96), // wrong size
  'tools/fixtures/manifest-broken/outline.png': () => opaqueIcon(32), // no transparency
  'tools/fixtures/manifest-broken-icons/color.png': () => Buffer.from('this is not a PNG file\n'),
  'tools/fixtures/manifest-broken-icons/outline.png': () => outlineIcon(32, [220, 40, 40]), // red, not white
};

if (require.main === module) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [rel, draw] of Object.entries(FILES)) {
    const file = path.join(ROOT, rel), data = draw();
    if (check) {
      const same = fs.existsSync(file) && fs.readFileSync(file).equals(data);
      console.log(`${same ? 'ok   ' : 'STALE'} ${rel}`);
      if (!same) stale++;
    } else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, data);
      console.log(`wrote ${rel} (${data.length} bytes)`);
    }
  }
  if (stale) { console.log(`${stale} icon file(s) differ from tools/make-icons.js: run it and commit the result`); process.exit(1); }
}
module.exports = { encodePng, crc32 };
