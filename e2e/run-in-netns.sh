#!/usr/bin/env bash
# End-to-end tests against Microsoft's Teams emulator (Microsoft 365 Agents Playground), in a private
# network namespace that has only a loopback interface. The bot, the Playground, Chromium and anything
# they start run inside it, so nothing can reach beyond 127.0.0.1.
#
#   e2e/run-in-netns.sh [e2e/some.spec.js ...]        (no argument: every e2e/*.spec.js)
#
# Outside the namespace it first installs the node tools (npm ci --prefix tools) and builds the bot if its
# output is missing; inside it starts the bot and the Playground (under tools/loopback-guard.js), waits for
# both, runs each spec with node, stops both by PID, and fails the run if the guard logged a blocked
# connection. Prints "N passed, N failed" (the specs' own counts plus the guard check) as its last line.
#
# Exit codes: 0 all passed; 1 something failed; 2 usage or missing prerequisite; 3 the namespace had an
# interface other than lo (refused); 77 SKIPPED: no network namespace could be made here (the suite is
# never run outside one).
#
# Environment (all optional):
#   CONFIGURATION=Release        build configuration whose output is started (src/InfoSharing.Bot/bin/$CONFIGURATION/net10.0)
#   BOT_CMD='node /tmp/bot.js'   start this instead of the built bot (run by bash inside the namespace, with
#                                BOT_PORT, ASPNETCORE_URLS, ASPNETCORE_ENVIRONMENT and the DB variable set)
#   BOT_PORT=3978 PG_PORT=56150  ports on 127.0.0.1 inside the namespace
#   BOT_READY_PATH=/health/ready the bot's readiness endpoint, polled until it answers 2xx
#   DB_ENV_VAR, DB_PROVIDER_ENV_VAR  the bot's configuration keys for its SQLite file, see below
#   E2E_ARTIFACTS=artifacts/e2e  screenshots (<spec>/NN-step.png) and logs (logs/)
set -uo pipefail

# The environment variable through which the bot takes its SQLite database file (ASP.NET configuration
# key Storage:SqlitePath, with Storage:Provider=Sqlite). A fresh file in a temp folder is used for each run.
DB_ENV_VAR=${DB_ENV_VAR:-Storage__SqlitePath}
DB_PROVIDER_ENV_VAR=${DB_PROVIDER_ENV_VAR:-Storage__Provider}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONFIGURATION=${CONFIGURATION:-Release}
BOT_PORT=${BOT_PORT:-3978}
PG_PORT=${PG_PORT:-56150}
BOT_READY_PATH=${BOT_READY_PATH:-/health/ready}
E2E_ARTIFACTS=${E2E_ARTIFACTS:-$ROOT/artifacts/e2e}
case $E2E_ARTIFACTS in /*) ;; *) E2E_ARTIFACTS=$ROOT/$E2E_ARTIFACTS ;; esac
BOT_DLL=$ROOT/src/InfoSharing.Bot/bin/$CONFIGURATION/net10.0/InfoSharing.Bot.dll
PLAYGROUND_CLI=$ROOT/tools/node_modules/@microsoft/m365agentsplayground/cli.js
SKIP=77

say() { echo "[e2e] $*"; }
count_line() { grep -E '^([A-Za-z]+: )?[0-9]+ passed, [0-9]+ failed' | tail -n 1; }

# ---------------------------------------------------------------------------------------------------
# Outside: prerequisites, then re-enter this script in a fresh network namespace.
# ---------------------------------------------------------------------------------------------------
if [ "${E2E_INSIDE_NETNS:-}" != 1 ]; then
  specs=()
  if [ $# -gt 0 ]; then
    for s in "$@"; do
      case $s in /*) ;; *) s=$PWD/$s ;; esac
      [ -f "$s" ] || { echo "error: no such spec: $s" >&2; exit 2; }
      specs+=("$s")
    done
  else
    for s in "$ROOT"/e2e/*.spec.js; do [ -f "$s" ] && specs+=("$s"); done
  fi
  [ ${#specs[@]} -gt 0 ] || { echo "error: no e2e/*.spec.js to run" >&2; exit 2; }

  "$ROOT/tools/ensure-node-modules.sh" || { echo "error: npm ci --prefix tools failed" >&2; exit 2; }
  if [ -z "${BOT_CMD:-}" ] && [ ! -f "$BOT_DLL" ]; then
    say "bot not built: dotnet build -c $CONFIGURATION"
    dotnet build "$ROOT/InfoSharing.Bot.sln" -c "$CONFIGURATION" || { echo "error: build failed" >&2; exit 2; }
  fi
  [ -x /usr/bin/chromium ] || { echo "error: /usr/bin/chromium missing: apt-get install -y chromium (never a downloaded browser)" >&2; exit 2; }
  for tool in ip unshare curl node; do
    command -v "$tool" >/dev/null 2>&1 || { echo "error: '$tool' not found (apt-get install iproute2 util-linux curl; node 20)" >&2; exit 2; }
  done

  if [ "$(id -u)" = 0 ]; then ns=(unshare -n); else ns=(unshare -rn); fi
  if ! "${ns[@]}" true 2>/dev/null; then
    say "SKIP: cannot create a network namespace here ('${ns[*]}' failed); the Playground suite is never run outside one"
    echo "0 passed, 0 failed, ${#specs[@]} skipped"
    exit $SKIP
  fi
  say "entering a loopback-only network namespace (${ns[*]})"
  E2E_INSIDE_NETNS=1 exec "${ns[@]}" bash "${BASH_SOURCE[0]}" "${specs[@]}"
fi

# ---------------------------------------------------------------------------------------------------
# Inside the namespace.
# ---------------------------------------------------------------------------------------------------
ip link set lo up || { echo "error: cannot bring lo up" >&2; exit 3; }
mapfile -t ifaces < <(ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }')
others=()
for i in "${ifaces[@]}"; do [ "$i" = lo ] || others+=("$i"); done
if [ ${#ifaces[@]} -eq 0 ] || [ ${#others[@]} -gt 0 ]; then
  echo "error: REFUSING to run: the namespace has interfaces other than lo: ${others[*]:-(none listed)}" >&2
  exit 3
fi
say "namespace interfaces: ${ifaces[*]} ($(ip -o -4 addr show lo | awk '{print $4}' | head -n 1))"

LOGS=$E2E_ARTIFACTS/logs
mkdir -p "$LOGS"
rm -f "$LOGS"/*.log
TMP=$(mktemp -d)
PG_LOGFILE=$TMP/playground-logfile.log
pids=()
stop_all() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null
    wait "$p" 2>/dev/null
  done
  pids=()
  [ -f "$PG_LOGFILE" ] && cp "$PG_LOGFILE" "$LOGS/playground-logfile.log"
}
cleanup() { stop_all; rm -rf "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_http() { # url seconds pid: until url answers 2xx; gives up early on a steady 404 (no such endpoint)
  local end=$((SECONDS + $2)) code not_found_since=
  while [ $SECONDS -lt "$end" ]; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" 2>/dev/null) || true
    case $code in 2??) return 0 ;; esac
    if [ "$code" = 404 ]; then
      not_found_since=${not_found_since:-$SECONDS}
      if [ $((SECONDS - not_found_since)) -ge 15 ]; then echo "error: $1 answers 404 (no such endpoint)" >&2; return 1; fi
    else not_found_since=; fi
    kill -0 "$3" 2>/dev/null || { echo "error: process $3 exited before $1 answered" >&2; return 1; }
    sleep 0.2
  done
  echo "error: $1 did not answer 2xx within $2 s (last status: ${code:-none})" >&2
  return 1
}

# The bot: its built output (or BOT_CMD), Development, a fresh SQLite file, bound to 127.0.0.1.
export ASPNETCORE_ENVIRONMENT=Development
export ASPNETCORE_URLS=http://127.0.0.1:$BOT_PORT
export BOT_PORT PG_PORT
export "$DB_ENV_VAR=$TMP/infosharing-e2e.db" "$DB_PROVIDER_ENV_VAR=Sqlite"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ -n "${BOT_CMD:-}" ]; then
  say "bot: $BOT_CMD"
  (cd "$TMP" && exec bash -c "$BOT_CMD") > "$LOGS/bot.log" 2>&1 &
else
  [ -f "$BOT_DLL" ] || { echo "error: $BOT_DLL not found" >&2; exit 2; }
  say "bot: dotnet ${BOT_DLL#"$ROOT"/} --urls $ASPNETCORE_URLS ($DB_ENV_VAR=$TMP/infosharing-e2e.db)"
  (cd "$(dirname "$BOT_DLL")" && exec dotnet "$BOT_DLL" --urls "$ASPNETCORE_URLS") > "$LOGS/bot.log" 2>&1 &
fi
bot_pid=$!
pids+=("$bot_pid")

# The Playground under the loopback guard, telemetry off, its config = the mock tenant.
(cd "$TMP" && exec env APPLICATION_INSIGHTS_NO_STATSBEAT=true TEAMSAPPTESTER_BROWSER=none \
  M365_AGENTS_PLAYGROUND_LOGFILE="$PG_LOGFILE" M365_AGENTS_PLAYGROUND_CONFIG_PATH="$ROOT/tools/playground.yml" \
  node -r "$ROOT/tools/loopback-guard.js" "$PLAYGROUND_CLI" \
    -e "http://127.0.0.1:$BOT_PORT/api/messages" -c msteams -p "$PG_PORT" \
    --service-url "http://127.0.0.1:$PG_PORT/_connector" --disable-telemetry) > "$LOGS/playground.log" 2>&1 &
pg_pid=$!
pids+=("$pg_pid")

passed=0 failed=0
if wait_http "http://127.0.0.1:$BOT_PORT$BOT_READY_PATH" 90 "$bot_pid" &&
   wait_http "http://127.0.0.1:$PG_PORT/_debug/ping" 60 "$pg_pid"; then
  say "bot and Playground are up"
  for spec in "$@"; do
    name=$(basename "$spec" .spec.js)
    say "spec $name"
    PG_BASE=http://127.0.0.1:$PG_PORT BOT_BASE=http://127.0.0.1:$BOT_PORT E2E_ARTIFACTS="$E2E_ARTIFACTS" \
      E2E_SPEC="$name" NODE_PATH="$ROOT/tools/node_modules" \
      node "$spec" 2>&1 | tee "$LOGS/$name.spec.log"
    rc=${PIPESTATUS[0]}
    line=$(count_line < "$LOGS/$name.spec.log")
    if [ -n "$line" ]; then
      p=$(sed -E 's/^([A-Za-z]+: )?([0-9]+) passed.*/\2/' <<< "$line")
      f=$(sed -E 's/^([A-Za-z]+: )?[0-9]+ passed, ([0-9]+) failed.*/\2/' <<< "$line")
      passed=$((passed + p)); failed=$((failed + f))
      if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); say "FAIL $name exited $rc"; fi
    else
      failed=$((failed + 1)); say "FAIL $name exited $rc without a 'N passed, N failed' line"
    fi
  done
else
  failed=$((failed + 1))
  say "FAIL start-up; last lines of the logs:"
  tail -n 20 "$LOGS/bot.log" "$LOGS/playground.log" 2>/dev/null
fi

stop_all
# An operator alerts on "fail:" and "crit:": a normal run through Microsoft's client logs neither.
if [ -f "$LOGS/bot.log" ] && grep -nE '^(fail|crit): ' "$LOGS/bot.log" | head -n 5 | grep .; then
  failed=$((failed + 1)); say "FAIL the bot logged fail:/crit: lines (above; all in ${LOGS#"$ROOT"/}/bot.log)"
else
  passed=$((passed + 1)); say "ok   the bot logged no fail:/crit: line"
fi
# The guard writes to the Playground's stderr, and once the Playground runs, console.error goes to its
# LOGFILE: look in both.
if grep -h "loopback-guard\] blocked" "$LOGS/playground.log" "$LOGS/playground-logfile.log" 2>/dev/null; then
  failed=$((failed + 1)); say "FAIL the loopback guard blocked outbound connection(s) (above)"
else
  passed=$((passed + 1)); say "ok   loopback guard logged no blocked connection"
fi
say "logs: ${LOGS#"$ROOT"/}/  screenshots: ${E2E_ARTIFACTS#"$ROOT"/}/<spec>/"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
