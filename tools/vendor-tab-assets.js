#!/usr/bin/env node
// Copies the tabs' third-party browser files from tools/node_modules (pinned in tools/package-lock.json) into
// src/InfoSharing.Bot/wwwroot/tabs/lib, where the bot serves them itself (no CDN). The copies are committed, so a
// fresh `dotnet run --project src/InfoSharing.Bot` needs no extra step; run this after changing a version:
//   npm ci --prefix tools && node tools/vendor-tab-assets.js          (--check: exit 1 if a committed copy differs)
'use strict';
const fs = require('fs'), path = require('path');
const tools = __dirname, out = path.join(tools, '..', 'src', 'InfoSharing.Bot', 'wwwroot', 'tabs', 'lib');
const nm = p => path.join(tools, 'node_modules', p);
const check = process.argv.includes('--check');
const tokens = require(nm('@fluentui/tokens'));
const files = {
  'teams-js.min.js': fs.readFileSync(nm('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js')),
  'chart.umd.min.js': fs.readFileSync(nm('chart.js/dist/chart.umd.min.js')),
  'fluent-web-components.min.js': fs.readFileSync(nm('@fluentui/web-components/dist/web-components-all.min.js')),
  // Fluent's design tokens for the three Teams themes, as setTheme() takes them
  'fluent-themes.json': Buffer.from(JSON.stringify({
    default: tokens.teamsLightTheme, dark: tokens.teamsDarkTheme, contrast: tokens.teamsHighContrastTheme,
  }) + '\n'),
};
const versions = ['@microsoft/teams-js', 'chart.js', '@fluentui/web-components', '@fluentui/tokens']
  .map(p => `${p}@${JSON.parse(fs.readFileSync(nm(p + '/package.json'))).version}`);
files['VERSIONS.txt'] = Buffer.from(`Copied from tools/node_modules by tools/vendor-tab-assets.js:\n${versions.join('\n')}\n`);
let differ = 0;
fs.mkdirSync(out, { recursive: true });
for (const [name, body] of Object.entries(files)) {
  const target = path.join(out, name);
  const same = fs.existsSync(target) && fs.readFileSync(target).equals(body);
  if (check) { if (!same) { console.log(`differs: wwwroot/tabs/lib/${name}`); differ++; } continue; }
  if (!same) fs.writeFileSync(target, body);
  console.log(`${same ? 'same' : 'wrote'} wwwroot/tabs/lib/${name} (${body.length} bytes)`);
}
if (check) console.log(differ ? `${differ} vendored file(s) differ from tools/node_modules` : 'vendored tab assets match tools/node_modules');
process.exit(differ ? 1 : 0);
