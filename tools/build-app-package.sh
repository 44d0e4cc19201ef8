#!/usr/bin/env bash
# Builds the Teams app package to upload in Teams (Apps > Manage your apps > Upload an app) or the
# Developer Portal:
#
#   tools/build-app-package.sh <MicrosoftAppId> [out.zip]        (or: MicrosoftAppId=<guid> tools/build-app-package.sh)
#
# <MicrosoftAppId> is the bot's Entra app id (the Azure Bot resource's "Microsoft App ID"), a GUID.
# It is written into bots[0].botId of a copy of manifest/manifest.json; the app's own "id" stays the
# manifest's stable GUID, so an upgraded package replaces the installed app. The copy is validated with
# tools/validate-manifest.js --packaged, then manifest.json, color.png and outline.png are zipped at the
# zip root into artifacts/infosharing-app.zip (or out.zip). Needs node and tools/node_modules
# (npm ci --prefix tools, run here if missing), and zip or python3.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
usage() { echo "usage: tools/build-app-package.sh <MicrosoftAppId GUID> [out.zip]   (or set MicrosoftAppId)" >&2; exit 2; }

app_id=${1:-${MicrosoftAppId:-}}
[ -n "$app_id" ] || usage
guid_re='^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
if ! [[ $app_id =~ $guid_re ]]; then
  echo "error: MicrosoftAppId '$app_id' is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)" >&2; exit 2
fi
if [ "$app_id" = "00000000-0000-0000-0000-000000000000" ]; then
  echo "error: MicrosoftAppId is the all-zero placeholder; pass the bot's real Entra app id" >&2; exit 2
fi
out=${2:-$root/artifacts/infosharing-app.zip}
case $out in /*) ;; *) out=$PWD/$out ;; esac

"$root/tools/ensure-node-modules.sh"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# Fill the bot id; copy the icons the manifest names (they must sit at the package root).
node - "$root/manifest" "$stage" "$app_id" <<'EOF'
const fs = require('fs'), path = require('path');
const [src, dst, appId] = process.argv.slice(2);
const m = JSON.parse(fs.readFileSync(path.join(src, 'manifest.json'), 'utf8'));
if (!Array.isArray(m.bots) || !m.bots.length) { console.error('error: manifest/manifest.json has no bots[] entry'); process.exit(1); }
for (const b of m.bots) b.botId = appId;
for (const key of ['color', 'outline', 'color32x32']) {
  const rel = m.icons && m.icons[key];
  if (!rel) continue;
  if (path.basename(rel) !== rel) { console.error(`error: icons.${key} "${rel}" must be a file at the package root`); process.exit(1); }
  fs.copyFileSync(path.join(src, rel), path.join(dst, rel));
}
fs.writeFileSync(path.join(dst, 'manifest.json'), JSON.stringify(m, null, 2) + '\n');
console.log(`manifest ${m.manifestVersion} app id ${m.id} version ${m.version}, botId ${appId}`);
EOF

node "$root/tools/validate-manifest.js" --packaged "$stage/manifest.json"

mkdir -p "$(dirname "$out")"
rm -f "$out"
# fixed timestamps, no extra attributes, no folder entries: the same inputs give the same zip
mapfile -t files < <(cd "$stage" && ls -1)
(cd "$stage" && TZ=UTC touch -t 200001010000 "${files[@]}")
if command -v zip >/dev/null 2>&1; then
  (cd "$stage" && TZ=UTC zip -q -X -D "$out" "${files[@]}")
elif command -v python3 >/dev/null 2>&1; then
  (cd "$stage" && python3 -m zipfile -c "$out" "${files[@]}")
else
  echo "error: neither zip nor python3 found; apt-get install zip" >&2; exit 1
fi
if command -v unzip >/dev/null 2>&1; then unzip -l "$out"; else python3 -m zipfile -l "$out"; fi
echo "app package: $out"
