#!/usr/bin/env bash
# Runs every test: installs Azurite and the web front end's packages (npm ci) if needed, installs Debian's chromium
# for the browser tests if it is missing (as root, with apt), builds and unit-tests the web front end (vitest),
# builds the solution, runs all test projects (they start Azurite, hosts, runner processes and headless Chromium
# themselves), keeps TRX/JUnit results and screenshots in TestResults/, and ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error || exit 1
fi

if ! command -v chromium >/dev/null && [ -z "${CHROMIUM_PATH:-}" ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests (apt-get)..."
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null || echo "chromium could not be installed; the browser tests will say so." >&2
  else
    echo "chromium is not installed: the browser tests need it (sudo apt-get install -y chromium, or set CHROMIUM_PATH)." >&2
  fi
fi

rm -rf TestResults
mkdir -p TestResults

# The web front end: packages, type-check and build (web/dist, which the host and the browser tests serve), vitest.
if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  (cd web && npm ci --no-audit --no-fund --loglevel=error) || { echo "0 passed, 1 failed"; exit 1; }
fi
(cd web && npm run build --silent) || { echo "0 passed, 1 failed"; exit 1; }
(cd web && npx vitest run --reporter=default --reporter=junit --outputFile.junit=../TestResults/web-vitest.xml)
web_status=$?

dotnet build DurableObjects.sln -c Release --nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }
# The Functions app: the SDK must have generated functions.metadata (what the Functions host indexes on Azure), with
# its HTTP, orchestration, activity and timer functions; without it the app would deploy with no function at all.
metadata=functions/bin/Release/net10.0/functions.metadata
if ! [ -s "$metadata" ] || ! grep -q '"httpTrigger"' "$metadata" || ! grep -q '"orchestrationTrigger"' "$metadata" \
   || ! grep -q '"activityTrigger"' "$metadata" || ! grep -q '"timerTrigger"' "$metadata"; then
  echo "The Functions app's $metadata is missing or incomplete: the Functions SDK did not generate it." >&2
  echo "0 passed, 1 failed"; exit 1
fi
# One test assembly at a time: the runner and integration suites start processes and are timing-sensitive on 2 cores.
dotnet test DurableObjects.sln -c Release --no-build --nologo -m:1 \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory TestResults "$@"
status=$?

passed=0; failed=0; files=0
for trx in TestResults/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
# vitest's JUnit report: passed = tests - failures - errors - skipped.
web_counted=0
if [ -f TestResults/web-vitest.xml ]; then
  suites=$(grep -o '<testsuites [^>]*>' TestResults/web-vitest.xml | head -1)
  t=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$suites"); fl=$(sed -n 's/.* failures="\([0-9]*\)".*/\1/p' <<<"$suites")
  e=$(sed -n 's/.* errors="\([0-9]*\)".*/\1/p' <<<"$suites"); sk=$(grep -c '<skipped' TestResults/web-vitest.xml)
  if [ -n "$t" ]; then
    web_counted=1
    passed=$((passed + t - ${fl:-0} - ${e:-0} - ${sk:-0})); failed=$((failed + ${fl:-0} + ${e:-0}))
  fi
fi
if [ "$web_counted" -eq 0 ] || { [ "$web_status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
  failed=$((failed + 1))   # vitest crashed or wrote no report
fi
if [ "$files" -eq 0 ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
  failed=$((failed + 1))   # a test host that crashed or ran nothing counts as a failure
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
