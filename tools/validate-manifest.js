#!/usr/bin/env node
// Validates a Teams app manifest the way the Developer Portal would, offline:
//  - against Microsoft's official JSON schema for the manifestVersion it declares, shipped by
//    @microsoft/app-manifest (build/json-schemas/teams/v<ver>/MicrosoftTeams.schema.json, draft-04);
//  - the app id and every bots[].botId are GUIDs (--packaged: and botId is not the all-zero placeholder);
//  - --packaged, when the manifest has static tabs or webApplicationInfo: webApplicationInfo.id is a GUID and not the
//    placeholder, and every tab URL and the SSO resource are https on a host listed in validDomains that is not
//    the template's example.org (a package for Teams must point at the bot's real host);
//  - icons.color is a real 192x192 PNG; icons.outline a real 32x32 PNG with an alpha channel whose
//    pixels are only white or transparent; icons.color32x32, if declared, a real 32x32 PNG.
// "Real PNG" means: signature, chunk CRCs, IHDR first, IDAT that inflates to exactly the rows the
// header promises with valid filter bytes, IEND last.
// Usage: node tools/validate-manifest.js [--packaged] [manifest.json ...]   (default manifest/manifest.json)
// Prints every check and its problems, then "N passed, N failed"; exits 1 if any check failed.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const ROOT = path.resolve(__dirname, '..');
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';
const WHITE_MIN = 250; // an outline pixel that is not fully transparent must have r, g and b at least this

function schemaDir() {
  const pkg = require.resolve('@microsoft/app-manifest/package.json', { paths: [__dirname] });
  return path.join(path.dirname(pkg), 'build', 'json-schemas', 'teams');
}
function schemaFileFor(version) {
  return path.join(schemaDir(), `v${version}`, 'MicrosoftTeams.schema.json');
}
let ajvCache = null;
function compileSchema(schema) {
  if (!ajvCache) {
    const Ajv04 = require('ajv-draft-04');
    const addFormats = require('ajv-formats');
    // strict, so that an unknown keyword or format in the schema throws instead of passing silently;
    // the official schemas leave out "type" next to some keywords, which is legal draft-04.
    ajvCache = new Ajv04({ allErrors: true, strict: true, strictTypes: false, strictTuples: false, strictRequired: false });
    addFormats(ajvCache);
  }
  return ajvCache.compile(schema);
}

// ---- PNG reading -------------------------------------------------------------------------------
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
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Parses and decodes a PNG. Throws with a readable message if it is not a well-formed PNG. */
function readPng(buf) {
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file (bad signature)');
  let off = 8, ihdr = null, plte = null, trns = null, ended = false;
  const idat = [];
  while (off < buf.length) {
    if (off + 12 > buf.length) throw new Error('truncated chunk');
    const len = buf.readUInt32BE(off), type = buf.toString('latin1', off + 4, off + 8);
    if (off + 12 + len > buf.length) throw new Error(`truncated ${type} chunk`);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (crc32(buf.subarray(off + 4, off + 8 + len)) !== buf.readUInt32BE(off + 8 + len)) throw new Error(`bad CRC in ${type} chunk`);
    if (!ihdr && type !== 'IHDR') throw new Error('first chunk is not IHDR');
    if (type === 'IHDR') {
      ihdr = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8], colorType: data[9], interlace: data[12] };
    } else if (type === 'PLTE') plte = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') { ended = true; break; }
    off += 12 + len;
  }
  if (!ihdr) throw new Error('no IHDR chunk');
  if (!ended) throw new Error('no IEND chunk');
  if (!idat.length) throw new Error('no IDAT chunk');
  const { width, height, bitDepth, colorType, interlace } = ihdr;
  const channels = CHANNELS[colorType];
  if (!channels) throw new Error(`invalid colour type ${colorType}`);
  if (colorType === 3 && !plte) throw new Error('palette image without PLTE chunk');
  if (!width || !height) throw new Error('zero width or height');
  let raw;
  try { raw = zlib.inflateSync(Buffer.concat(idat)); } catch (e) { throw new Error(`image data does not inflate: ${e.message}`); }
  const png = { width, height, bitDepth, colorType, interlace, channels,
    hasAlpha: colorType === 4 || colorType === 6 || !!trns, pixels: null };
  if (interlace) return png; // sizes checked; pixel access not implemented for Adam7
  const bpp = Math.max(1, (channels * bitDepth) >> 3), stride = Math.ceil((width * channels * bitDepth) / 8);
  if (raw.length !== height * (stride + 1)) throw new Error(`image data is ${raw.length} bytes, header promises ${height * (stride + 1)}`);
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)], src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = out.subarray(y * stride, (y + 1) * stride), prev = y ? out.subarray((y - 1) * stride, y * stride) : null;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? cur[i - bpp] : 0, b = prev ? prev[i] : 0, c = prev && i >= bpp ? prev[i - bpp] : 0;
      let p;
      switch (f) {
        case 0: p = 0; break;
        case 1: p = a; break;
        case 2: p = b; break;
        case 3: p = (a + b) >> 1; break;
        case 4: { const q = a + b - c, pa = Math.abs(q - a), pb = Math.abs(q - b), pc = Math.abs(q - c);
          p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c; break; }
        default: throw new Error(`invalid filter type ${f} on row ${y}`);
      }
      cur[i] = (src[i] + p) & 0xff;
    }
  }
  if (bitDepth === 8 || bitDepth === 16) {
    const step = bitDepth / 8;
    png.pixels = (x, y) => { // -> [r, g, b, a], 8 bits each
      const o = y * stride + x * channels * step, s = k => out[o + k * step];
      switch (colorType) {
        case 0: return [s(0), s(0), s(0), trns && trns.readUInt16BE(0) >> (16 - bitDepth) === s(0) ? 0 : 255];
        case 2: return [s(0), s(1), s(2), 255];
        case 3: return [plte[s(0) * 3], plte[s(0) * 3 + 1], plte[s(0) * 3 + 2], trns && s(0) < trns.length ? trns[s(0)] : 255];
        case 4: return [s(0), s(0), s(0), s(1)];
        default: return [s(0), s(1), s(2), s(3)];
      }
    };
  }
  return png;
}

// ---- checks ------------------------------------------------------------------------------------
function iconCheck(dir, rel, size, outline) {
  const problems = [];
  if (typeof rel !== 'string' || !rel) return ['not declared'];
  const file = path.resolve(dir, rel);
  if (!fs.existsSync(file)) return [`file not found: ${path.relative(ROOT, file)}`];
  let png;
  try { png = readPng(fs.readFileSync(file)); } catch (e) { return [`${rel}: ${e.message}`]; }
  if (png.width !== size || png.height !== size) problems.push(`${rel} is ${png.width}x${png.height}, must be ${size}x${size}`);
  if (!outline) return problems;
  if (!png.hasAlpha) { problems.push(`${rel} has no alpha channel (colour type ${png.colorType}): the outline icon must be white on a transparent background`); return problems; }
  if (!png.pixels) { problems.push(`${rel}: pixel check needs a non-interlaced 8- or 16-bit PNG`); return problems; }
  let transparent = 0, visible = 0, bad = 0, firstBad = null;
  for (let y = 0; y < png.height; y++) for (let x = 0; x < png.width; x++) {
    const [r, g, b, a] = png.pixels(x, y);
    if (a === 0) { transparent++; continue; }
    visible++;
    if (r < WHITE_MIN || g < WHITE_MIN || b < WHITE_MIN) { bad++; firstBad = firstBad || `(${x},${y}) = rgba(${r},${g},${b},${a})`; }
  }
  if (bad) problems.push(`${rel}: ${bad} pixel(s) are neither white nor transparent, first at ${firstBad}`);
  if (!transparent) problems.push(`${rel}: no transparent pixel: the background must be transparent`);
  if (!visible) problems.push(`${rel}: every pixel is transparent: nothing would show`);
  return problems;
}

/** --packaged: the tab URLs and the SSO resource are https on a listed, non-template host; the SSO app id is real. */
function hostProblems(m, tabs, sso) {
  const problems = [], domains = Array.isArray(m.validDomains) ? m.validDomains : [];
  const check = (where, value) => {
    let u;
    try { u = new URL(value); } catch { problems.push(`${where} ${JSON.stringify(value)} is not a URL`); return; }
    if (u.protocol !== 'https:') problems.push(`${where} ${value} is not https`);
    if (/(^|\.)example\.org$/i.test(u.hostname)) problems.push(`${where} ${value} is still the template host example.org`);
    if (!domains.includes(u.hostname)) problems.push(`${where} host ${u.hostname} is not in validDomains`);
  };
  tabs.forEach((t, i) => { for (const k of ['contentUrl', 'websiteUrl']) if (t[k] !== undefined) check(`staticTabs[${i}].${k}`, t[k]); });
  if (!sso) problems.push('the manifest has tabs but no webApplicationInfo: Teams SSO (getAuthToken) needs it');
  else {
    if (!GUID.test(sso.id || '')) problems.push(`webApplicationInfo.id ${JSON.stringify(sso.id)} is not a GUID`);
    else if (sso.id === PLACEHOLDER_BOT_ID) problems.push(`webApplicationInfo.id is still the placeholder ${PLACEHOLDER_BOT_ID}`);
    if (sso.resource !== undefined) {
      const r = String(sso.resource).replace(/^api:\/\//, 'https://');
      check('webApplicationInfo.resource', r);
      if (sso.id && !String(sso.resource).endsWith('/' + sso.id)) problems.push(`webApplicationInfo.resource ${sso.resource} does not end with the app id ${sso.id}`);
    }
  }
  return problems;
}

/** Returns [{ name, problems: string[] }] for one manifest file; a check passed if problems is empty. */
function validateManifest(file, { packaged = false } = {}) {
  const results = [];
  const add = (name, problems) => { results.push({ name, problems }); return problems.length === 0; };
  let m;
  try { m = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')); } catch (e) { add('manifest is JSON', [e.message]); return results; }
  if (!add('manifest is a JSON object', m && typeof m === 'object' && !Array.isArray(m) ? [] : ['not an object'])) return results;
  const ver = m.manifestVersion, sf = typeof ver === 'string' && /^[\w.]+$/.test(ver) ? schemaFileFor(ver) : null;
  if (add(`official schema for manifestVersion ${JSON.stringify(ver)} is shipped`,
    sf && fs.existsSync(sf) ? [] : [`no schema for manifestVersion ${JSON.stringify(ver)} in ${path.relative(ROOT, schemaDir())}`])) {
    const validate = compileSchema(JSON.parse(fs.readFileSync(sf, 'utf8')));
    validate(m);
    add(`schema v${ver}`, (validate.errors || []).map(e =>
      `${e.instancePath || '/'} ${e.message}${e.params && Object.keys(e.params).length ? ' ' + JSON.stringify(e.params) : ''}`));
  }
  add('id is a GUID', GUID.test(m.id || '') ? [] : [`id ${JSON.stringify(m.id)} is not a GUID`]);
  const bots = Array.isArray(m.bots) ? m.bots : [];
  add('bots[].botId is a GUID', bots.length === 0 ? ['no bots[] entry: this app is a bot'] : bots.flatMap((b, i) => {
    const id = b && b.botId;
    if (!GUID.test(id || '')) return [`bots[${i}].botId ${JSON.stringify(id)} is not a GUID`];
    if (packaged && id === PLACEHOLDER_BOT_ID) return [`bots[${i}].botId is still the placeholder ${PLACEHOLDER_BOT_ID}`];
    return [];
  }));
  if (packaged) {
    const tabs = Array.isArray(m.staticTabs) ? m.staticTabs : [];
    const sso = m.webApplicationInfo;
    if (tabs.length || sso) add('tabs and SSO point at the real host', hostProblems(m, tabs, sso));
  }
  const dir = path.dirname(file), icons = m.icons || {};
  add('icons.color is a 192x192 PNG', iconCheck(dir, icons.color, 192, false));
  add('icons.outline is a 32x32 PNG, white on transparent', iconCheck(dir, icons.outline, 32, true));
  if (icons.color32x32 !== undefined) add('icons.color32x32 is a 32x32 PNG', iconCheck(dir, icons.color32x32, 32, false));
  return results;
}
module.exports = { validateManifest, readPng, schemaFileFor };

if (require.main === module) {
  const args = process.argv.slice(2);
  const packaged = args.includes('--packaged');
  const files = args.filter(a => a !== '--packaged');
  if (!files.length) files.push(path.join(ROOT, 'manifest', 'manifest.json'));
  let passed = 0, failed = 0;
  for (const f of files) {
    const shown = path.relative(process.cwd(), path.resolve(f)) || f;
    for (const r of validateManifest(f, { packaged })) {
      if (r.problems.length) { failed++; console.log(`FAIL ${shown}: ${r.name}`); for (const p of r.problems) console.log(`  - ${p}`); }
      else { passed++; console.log(`ok   ${shown}: ${r.name}`); }
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
