#!/usr/bin/env bash
# The one test command:  ./test.sh
#
#  1. node tools (npm ci --prefix tools) if missing or installed from another lock file
#  2. dotnet build InfoSharing.Bot.sln -c Release
#  3. dotnet test (xunit; results in artifacts/test-results/*.trx; a failure does not stop the run)
#  4. Teams manifest: tools/validate-manifest.js (official schema of its manifestVersion, icons, GUIDs)
#  5. validator self-check: tools/check-fixtures.js (good fixtures pass, every broken card/manifest fails)
#  6. every Adaptive Card the .NET tests wrote to artifacts/cards/ (must not be empty), Teams limit 1.5
#  7. Playground end-to-end specs: e2e/run-in-netns.sh (skipped, and counted as skipped, where no
#     network namespace can be made)
# Prints each suite's result, then as its last line "N passed, N failed" (", N skipped" when some were)
# summed over all suites; exits non-zero if anything failed. Logs: artifacts/logs/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
ART=$ROOT/artifacts
LOGS=$ART/logs
CARDS=$ART/cards # where the .NET tests write every card the bot can send (env INFOSHARING_CARDS_DIR)
mkdir -p "$LOGS"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export INFOSHARING_CARDS_DIR=$CARDS

passed=0 failed=0 skipped=0
# run_logged LOG CMD...: runs CMD, its output to the terminal and LOG; its exit code in RUN_RC
run_logged() {
  local log=$1
  shift
  { local rc=0; "$@" 2>&1 || rc=$?; echo "$rc" > "$log.rc"; } | tee "$log"
  RUN_RC=$(cat "$log.rc")
  rm -f "$log.rc"
}
summary=()
note() { summary+=("$(printf '%-22s %s' "$1" "$2")"); }
# add NAME P F S: adds counts and records a summary line
add() {
  passed=$((passed + $2)); failed=$((failed + $3)); skipped=$((skipped + $4))
  note "$1" "$2 passed, $3 failed$([ "$4" -gt 0 ] && echo ", $4 skipped")"
}
# suite NAME CMD...: runs CMD (output to the terminal and artifacts/logs/NAME.log) and counts its closing
# "N passed, N failed[, N skipped]" line; a non-zero exit with no failure counted is one failure, and so is
# a run that printed no such line. Exit 77 means the suite was skipped.
suite() {
  local name=$1 log=$LOGS/$1.log rc=0 line p f s
  shift
  echo "=== $name: $*"
  run_logged "$log" "$@"
  rc=$RUN_RC
  line=$(grep -E '^([A-Za-z]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 || true)
  if [ -z "$line" ]; then
    add "$name" 0 1 0; summary[-1]+=" (exit $rc, no count line)"; return 0
  fi
  p=$(sed -E 's/^([A-Za-z]+: )?([0-9]+) passed.*/\2/' <<< "$line")
  f=$(sed -E 's/^([A-Za-z]+: )?[0-9]+ passed, ([0-9]+) failed.*/\2/' <<< "$line")
  s=0
  if [[ $line =~ ([0-9]+)\ skipped ]]; then s=${BASH_REMATCH[1]}; fi
  if [ "$rc" -eq 77 ]; then
    add "$name" "$p" "$f" "$s"; summary[-1]+=" (SKIPPED: see above)"
  elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    add "$name" "$p" 1 "$s"; summary[-1]+=" (exit $rc)"
  else
    add "$name" "$p" "$f" "$s"
  fi
}

# 1. node tools
echo "=== node tools"
if ! tools/ensure-node-modules.sh; then
  note "node tools" "npm ci --prefix tools FAILED"; failed=$((failed + 1))
fi

# 2. build
echo "=== dotnet build"
build_ok=1
run_logged "$LOGS/build.log" dotnet build InfoSharing.Bot.sln -c Release
if [ "$RUN_RC" -ne 0 ]; then
  build_ok=0; note "build" "FAILED (artifacts/logs/build.log)"; failed=$((failed + 1))
fi

# 3. .NET tests
if [ "$build_ok" = 1 ]; then
  echo "=== dotnet test"
  rm -rf "$ART/test-results" "$CARDS"
  # The tests use xunit.v3, whose projects are Microsoft.Testing.Platform (MTP) apps. The .NET 10 SDK's
  # dotnet test runs them only (a) in its MTP mode, chosen in global.json ("test": {"runner":
  # "Microsoft.Testing.Platform"}), or (b) in VSTest mode through xunit.runner.visualstudio with
  # IsTestingPlatformApplication=false; otherwise it stops with "Testing with VSTest target is no longer
  # supported". Either way the results land in artifacts/test-results/results.trx.
  if grep -q '"Microsoft.Testing.Platform"' global.json 2>/dev/null; then
    run_logged "$LOGS/dotnet-test.log" dotnet test --solution InfoSharing.Bot.sln -c Release --no-build \
      --results-directory "$ART/test-results" --report-xunit-trx --report-xunit-trx-filename results.trx
  else
    run_logged "$LOGS/dotnet-test.log" dotnet test InfoSharing.Bot.sln -c Release --no-build \
      -p:IsTestingPlatformApplication=false \
      --logger "trx;LogFileName=results.trx" --results-directory "$ART/test-results"
  fi
  test_rc=$RUN_RC
  mapfile -t trx < <(find "$ART/test-results" -name '*.trx' 2>/dev/null | sort)
  if [ ${#trx[@]} -eq 0 ]; then
    note "dotnet test" "exit $test_rc, no .trx written"; failed=$((failed + 1))
  else
    read -r tp tf ts < <(node tools/trx-counts.js "${trx[@]}")
    if [ "$test_rc" -ne 0 ] && [ "$tf" -eq 0 ]; then tf=1; fi
    add "dotnet test" "$tp" "$tf" "$ts"
    [ "$test_rc" -ne 0 ] && summary[-1]+=" (exit $test_rc)"
  fi
else
  note "dotnet test" "not run: build failed"
fi

# 4.-6. manifest, validator self-check, cards
suite manifest node tools/validate-manifest.js
suite validator-fixtures node tools/check-fixtures.js
if [ -d "$CARDS" ] && [ -n "$(find "$CARDS" -name '*.json' -print -quit)" ]; then
  suite cards node tools/validate-card.js --max-version 1.5 "$CARDS"
else
  echo "=== cards: FAIL no card in ${CARDS#"$ROOT"/}/ (the .NET tests must write every card the bot can send there)"
  note "cards" "FAILED: ${CARDS#"$ROOT"/}/ is empty or missing"; failed=$((failed + 1))
fi

# 7. Playground end-to-end, in a loopback-only network namespace
if [ "$build_ok" = 1 ]; then
  # one namespace, bot, database and Playground per spec: the bot greets each chat once, so specs must not share one
  for spec in e2e/*.spec.js; do
    case $(basename "$spec") in tab*.spec.js) continue ;; esac # the tabs' suite runs below, with its own settings
    suite "e2e-$(basename "$spec" .spec.js)" e2e/run-in-netns.sh "$spec"
  done
  # 8. the Teams tabs (issue 15): the bot with the stand-in Entra tenant, approver lists and Teams host of e2e/tab.env
  mapfile -t tab_env < <(grep -E '^[A-Za-z0-9_]+=' e2e/tab.env)
  suite e2e-tab env "${tab_env[@]}" e2e/run-in-netns.sh e2e/tab.spec.js
else
  note "e2e" "not run: build failed"; failed=$((failed + 1))
fi

echo "=== summary"
printf '  %s\n' "${summary[@]}"
echo "$passed passed, $failed failed$([ "$skipped" -gt 0 ] && echo ", $skipped skipped")"
[ "$failed" -eq 0 ]
