#!/usr/bin/env node
// Guards the validators themselves: the good fixtures must pass, and every broken fixture must keep
// failing for the reason it was written for. An upgrade (of adaptivecards, ajv or the Teams schemas) or an
// edit that makes a validator silently accept everything fails here.
// Usage: node tools/check-fixtures.js      prints each expectation, then "N passed, N failed"
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { validateCard } = require('./validate-card.js');
const { validateManifest } = require('./validate-manifest.js');

const TOOLS = __dirname, ROOT = path.resolve(TOOLS, '..');
let passed = 0, failed = 0;
function expect(name, fn) {
  let why;
  try { why = fn(); } catch (e) { why = e.message; }
  if (why) { failed++; console.log(`FAIL ${name}\n  - ${why}`); } else { passed++; console.log(`ok   ${name}`); }
}
const jsonFiles = dir => fs.readdirSync(dir).filter(n => n.endsWith('.json')).sort().map(n => path.join(dir, n));
const rel = f => path.relative(ROOT, f);
const node = (...args) => spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
const lastLine = s => s.trim().split('\n').pop();

// ---- Adaptive Cards --------------------------------------------------------------------------------
const goodCards = jsonFiles(path.join(TOOLS, 'cards', 'good'));
const brokenCards = jsonFiles(path.join(TOOLS, 'cards', 'broken'));
expect('there are good and broken card fixtures', () => (goodCards.length && brokenCards.length >= 10 ? '' : 'fixtures missing'));
for (const f of goodCards) expect(`card ${rel(f)} is accepted`, () => {
  const ev = validateCard(JSON.parse(fs.readFileSync(f, 'utf8')), '1.5');
  return ev.length ? ev.map(e => e.message).join('; ') : '';
});
for (const f of brokenCards) expect(`card ${rel(f)} is rejected`, () =>
  (validateCard(JSON.parse(fs.readFileSync(f, 'utf8')), '1.5').length ? '' : 'accepted without a single problem'));
expect('validate-card.js CLI exits 1 and counts every broken card', () => {
  const r = node(path.join(TOOLS, 'validate-card.js'), '--max-version', '1.5', path.join(TOOLS, 'cards', 'broken'));
  const want = `0 passed, ${brokenCards.length} failed`;
  return r.status === 1 && lastLine(r.stdout) === want ? '' : `exit ${r.status}, last line "${lastLine(r.stdout)}", wanted "${want}"`;
});
expect('validate-card.js CLI fails when given no card', () => {
  const empty = fs.mkdtempSync(path.join(require('os').tmpdir(), 'no-cards-'));
  const r = node(path.join(TOOLS, 'validate-card.js'), empty);
  fs.rmSync(empty, { recursive: true, force: true });
  return r.status === 1 ? '' : `exit ${r.status}`;
});

// ---- Teams manifest --------------------------------------------------------------------------------
const fx = name => path.join(TOOLS, 'fixtures', name, 'manifest.json');
const outcome = (file, opts) => Object.fromEntries(validateManifest(file, opts).map(r => [r.name, r.problems]));
function manifestExpect(file, { fail = [], pass = [], schemaPaths = [] }, opts) {
  const o = outcome(file, opts), names = Object.keys(o);
  const find = prefix => names.find(n => n.startsWith(prefix));
  for (const p of fail) expect(`manifest ${rel(file)}: "${p}" fails`, () => {
    const n = find(p);
    return !n ? 'check not run' : o[n].length ? '' : 'passed';
  });
  for (const p of pass) expect(`manifest ${rel(file)}: "${p}" passes`, () => {
    const n = find(p);
    return !n ? 'check not run' : o[n].length ? o[n].join('; ') : '';
  });
  for (const sp of schemaPaths) expect(`manifest ${rel(file)}: schema reports ${sp}`, () => {
    const probs = o[find('schema v')] || [];
    return probs.some(p => p.startsWith(sp + ' ')) ? '' : `not reported; got: ${probs.join('; ') || 'nothing'}`;
  });
}
manifestExpect(fx('manifest-broken'), {
  fail: ['schema v', 'id is a GUID', 'bots[].botId', 'icons.color', 'icons.outline'],
  schemaPaths: ['/', '/id', '/name/short', '/accentColor', '/bots/0/botId', '/bots/0/isNotificationOnly', '/developer'],
});
manifestExpect(fx('manifest-broken-icons'), {
  pass: ['schema v', 'id is a GUID', 'bots[].botId'], fail: ['icons.color', 'icons.outline'],
});
manifestExpect(fx('manifest-unknown-version'), { fail: ['official schema for manifestVersion'] });
manifestExpect(path.join(ROOT, 'manifest', 'manifest.json'), { fail: ['bots[].botId', 'tabs and SSO point at the real host'] }, { packaged: true });
expect('validate-manifest.js CLI exits 1 on the broken fixture', () => {
  const r = node(path.join(TOOLS, 'validate-manifest.js'), fx('manifest-broken'));
  return r.status === 1 && / [1-9]\d* failed$/.test(lastLine(r.stdout)) ? '' : `exit ${r.status}, last line "${lastLine(r.stdout)}"`;
});
// ---- the app package --------------------------------------------------------------------------------
{
  const pkgScript = path.join(TOOLS, 'build-app-package.sh'), id = '3f6b2c1e-8d4a-4b7e-9a51-6c2d0e8f4a18';
  const tmp = fs.mkdtempSync(path.join(require('os').tmpdir(), 'app-package-'));
  const build = (...args) => spawnSync('bash', [pkgScript, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, MicrosoftAppId: '', BotHost: '', TabsSsoAppId: '' } });
  expect('build-app-package.sh refuses a package without --host', () => {
    const r = build(id, path.join(tmp, 'a.zip'));
    return r.status === 2 && /--host/.test(r.stderr) ? '' : `exit ${r.status}: ${r.stderr.trim()}`;
  });
  expect('build-app-package.sh refuses the template host example.org', () => {
    const r = build(id, '--host', 'infosharing.example.org', path.join(tmp, 'b.zip'));
    return r.status === 2 ? '' : `exit ${r.status}`;
  });
  expect('build-app-package.sh fills the bot id, the tab URLs, validDomains and webApplicationInfo', () => {
    const zip = path.join(tmp, 'c.zip'), sso = '9d2f8a4b-1c3e-4f5a-8b6c-7d8e9f0a1b2c';
    const r = build(id, '--host', 'bot.contoso.org', '--sso-app-id', sso, zip);
    if (r.status !== 0) return `exit ${r.status}: ${r.stdout}${r.stderr}`;
    const x = spawnSync('python3', ['-c', 'import sys,zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("manifest.json").decode())', zip], { encoding: 'utf8' });
    const m = JSON.parse(x.stdout), why = [];
    if (m.bots[0].botId !== id) why.push(`botId ${m.bots[0].botId}`);
    for (const t of m.staticTabs) if (!t.contentUrl.startsWith('https://bot.contoso.org/tabs/') || t.websiteUrl !== t.contentUrl) why.push(`tab ${t.entityId} ${t.contentUrl}`);
    if (JSON.stringify(m.validDomains) !== '["bot.contoso.org"]') why.push(`validDomains ${m.validDomains}`);
    if (m.webApplicationInfo.id !== sso || m.webApplicationInfo.resource !== `api://bot.contoso.org/${sso}`) why.push(`webApplicationInfo ${JSON.stringify(m.webApplicationInfo)}`);
    return why.join('; ');
  });
  fs.rmSync(tmp, { recursive: true, force: true });
}
expect('committed icons are what tools/make-icons.js draws', () => {
  const r = node(path.join(TOOLS, 'make-icons.js'), '--check');
  return r.status === 0 ? '' : r.stdout.trim();
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
