#!/usr/bin/env bash
# Installs the pinned node tools (npm ci --prefix tools) when tools/node_modules is missing or was
# installed from a different tools/package-lock.json. Registry only: every version is pinned in the lock.
set -euo pipefail
tools=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
stamp=$tools/node_modules/.installed-from-lock.sha256
want=$(sha256sum "$tools/package-lock.json" | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "installing node tools: npm ci --prefix tools"
npm ci --prefix "$tools" --no-audit --no-fund
echo "$want" > "$stamp"
