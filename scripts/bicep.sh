#!/usr/bin/env bash
# Compiles and lints every Bicep file under infra/ (templates with `bicep build` + `bicep lint`, parameter files with
# `bicep build-params` + `bicep lint`) with the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64, downloaded
# into the NuGet cache by restoring tests/DurableObjects.Infra.Tests). infra/bicepconfig.json makes every analyzer
# finding an error; any diagnostic at all — error, warning or info — fails this script.
# Usage: scripts/bicep.sh [--out DIR]   (--out also keeps the compiled ARM JSON in DIR)
set -uo pipefail
cd "$(dirname "$0")/.."

version=0.49.2
package_dir="${NUGET_PACKAGES:-$HOME/.nuget/packages}/azure.bicep.commandline.linux-x64/$version"
bicep="$package_dir/tools/bicep"
if [ ! -f "$bicep" ]; then
  dotnet restore tests/DurableObjects.Infra.Tests --nologo -v quiet >/dev/null || { echo "restore failed: the Bicep CLI package could not be downloaded" >&2; exit 1; }
fi
[ -x "$bicep" ] || chmod u+x "$bicep"

out=""
if [ "${1:-}" = "--out" ]; then out="${2:?--out needs a directory}"; mkdir -p "$out"; fi

failed=0; checked=0
run() {  # run <file> <bicep args...>: fails on a non-zero exit or any output on stderr (where diagnostics go)
  local file="$1"; shift
  local diagnostics
  diagnostics=$("$bicep" "$@" 2>&1 >/dev/null)
  local status=$?
  if [ $status -ne 0 ] || [ -n "$diagnostics" ]; then
    echo "FAIL $file (bicep $1, exit $status)"; [ -n "$diagnostics" ] && echo "$diagnostics"
    failed=$((failed + 1))
  fi
}

while IFS= read -r file; do
  checked=$((checked + 1))
  case "$file" in
    *.bicepparam)
      run "$file" build-params "$file" --stdout
      run "$file" lint "$file" ;;
    *)
      run "$file" build "$file" --stdout
      run "$file" lint "$file"
      if [ -n "$out" ]; then "$bicep" build "$file" --outfile "$out/$(basename "${file%.bicep}").json" 2>/dev/null; fi ;;
  esac
done < <(find infra -type f \( -name '*.bicep' -o -name '*.bicepparam' \) | sort)

if [ $checked -eq 0 ]; then echo "no Bicep files under infra/"; exit 1; fi
echo "bicep $("$bicep" --version | awk '{print $4}'): $checked files, $failed failures"
[ $failed -eq 0 ]
