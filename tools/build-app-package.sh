#!/usr/bin/env bash
# Builds the Teams app package to upload in Teams (Apps > Manage your apps > Upload an app) or the
# Developer Portal:
#
#   tools/build-app-package.sh <MicrosoftAppId> --host <bot host> [--sso-app-id <guid>] [out.zip]
#   (or: MicrosoftAppId=<guid> BotHost=<host> [TabsSsoAppId=<guid>] tools/build-app-package.sh [out.zip])
#
# <MicrosoftAppId> is the bot's Entra app id (the Azure Bot resource's "Microsoft App ID"), a GUID.
# <bot host> is the public DNS name the bot's host answers on (e.g. infosharing.contoso.org): the tabs are served
# there (https://<host>/tabs/...). --sso-app-id is the Entra app whose token the tabs ask for with
# authentication.getAuthToken() (default: the bot's app id); its Application ID URI must be api://<host>/<id>,
# which is also what the host's Records:Auth:Audience must be set to.
# A copy of manifest/manifest.json gets: bots[].botId; every static tab's contentUrl and websiteUrl on the host;
# validDomains = [host]; webApplicationInfo.id and .resource (api://<host>/<sso id>). The app's own "id" stays the
# manifest's stable GUID, so an upgraded package replaces the installed app. The copy is validated with
# tools/validate-manifest.js --packaged (official schema; no placeholder id; no example.org left), then
# manifest.json, color.png and outline.png are zipped at the zip root into artifacts/infosharing-app.zip (or
# out.zip). Needs node and tools/node_modules (npm ci --prefix tools, run here if missing), and zip or python3.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
usage() {
  echo "usage: tools/build-app-package.sh <MicrosoftAppId GUID> --host <bot host name> [--sso-app-id <GUID>] [out.zip]" >&2
  echo "       (or set MicrosoftAppId, BotHost, TabsSsoAppId)" >&2
  exit 2
}

app_id=${MicrosoftAppId:-} host=${BotHost:-} sso_id=${TabsSsoAppId:-} out=
while [ $# -gt 0 ]; do
  case $1 in
    --host) [ $# -ge 2 ] || usage; host=$2; shift 2 ;;
    --host=*) host=${1#--host=}; shift ;;
    --sso-app-id) [ $# -ge 2 ] || usage; sso_id=$2; shift 2 ;;
    --sso-app-id=*) sso_id=${1#--sso-app-id=}; shift ;;
    -h|--help) usage ;;
    -*) echo "error: unknown option $1" >&2; usage ;;
    *) # the first positional is the app id unless it names the zip; the next is the zip
       if [ -z "${positional_app:-}" ] && [[ $1 != *.zip ]]; then app_id=$1; positional_app=1; else out=$1; fi
       shift ;;
  esac
done
[ -n "$app_id" ] || usage
guid_re='^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
placeholder=00000000-0000-0000-0000-000000000000
check_guid() { # NAME VALUE
  if ! [[ $2 =~ $guid_re ]]; then
    echo "error: $1 '$2' is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)" >&2; exit 2
  fi
  if [ "$2" = "$placeholder" ]; then
    echo "error: $1 is the all-zero placeholder; pass the real Entra app id" >&2; exit 2
  fi
}
check_guid MicrosoftAppId "$app_id"
sso_id=${sso_id:-$app_id}
check_guid "the SSO app id" "$sso_id"
if [ -z "$host" ]; then
  echo "error: pass --host <the bot's public host name> (the tabs are served from https://<host>/tabs/...)" >&2; usage
fi
host=${host%/}
if ! [[ $host =~ ^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$ ]]; then
  echo "error: --host '$host' is not a DNS host name (no scheme, port or path: e.g. infosharing.contoso.org)" >&2; exit 2
fi
if [[ ${host,,} =~ (^|\.)example\.org$ ]]; then
  echo "error: --host '$host' is the template's placeholder; pass the bot's real host" >&2; exit 2
fi
out=${out:-$root/artifacts/infosharing-app.zip}
case $out in /*) ;; *) out=$PWD/$out ;; esac

"$root/tools/ensure-node-modules.sh"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# Fill the bot id; copy the icons the manifest names (they must sit at the package root).
node - "$root/manifest" "$stage" "$app_id" "$host" "$sso_id" <<'EOF'
const fs = require('fs'), path = require('path');
const [src, dst, appId, host, ssoId] = process.argv.slice(2);
const m = JSON.parse(fs.readFileSync(path.join(src, 'manifest.json'), 'utf8'));
if (!Array.isArray(m.bots) || !m.bots.length) { console.error('error: manifest/manifest.json has no bots[] entry'); process.exit(1); }
for (const b of m.bots) b.botId = appId;
// Tabs: same path, the bot's host. SSO: the app the tabs get a token for, its Application ID URI on the host.
const onHost = u => { const x = new URL(u); return `https://${host}${x.pathname}${x.search}`; };
for (const t of m.staticTabs || []) for (const k of ['contentUrl', 'websiteUrl']) if (t[k]) t[k] = onHost(t[k]);
m.validDomains = [host];
if (m.webApplicationInfo || (m.staticTabs || []).length) m.webApplicationInfo = { id: ssoId, resource: `api://${host}/${ssoId}` };
for (const key of ['color', 'outline', 'color32x32']) {
  const rel = m.icons && m.icons[key];
  if (!rel) continue;
  if (path.basename(rel) !== rel) { console.error(`error: icons.${key} "${rel}" must be a file at the package root`); process.exit(1); }
  fs.copyFileSync(path.join(src, rel), path.join(dst, rel));
}
fs.writeFileSync(path.join(dst, 'manifest.json'), JSON.stringify(m, null, 2) + '\n');
console.log(`manifest ${m.manifestVersion} app id ${m.id} version ${m.version}, botId ${appId}, tabs on https://${host}/, SSO ${m.webApplicationInfo ? m.webApplicationInfo.resource : 'none'}`);
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
