#!/usr/bin/env bash
# Runs every test: installs Azurite (npm ci) if needed, builds the solution, runs all test projects (they
# start Azurite, hosts and runner processes themselves), keeps TRX results in TestResults/, and ends with
# one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error || exit 1
fi

rm -rf TestResults
dotnet build DurableObjects.sln -c Release --nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }
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
if [ "$files" -eq 0 ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
  failed=$((failed + 1))   # a test host that crashed or ran nothing counts as a failure
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
