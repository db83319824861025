#!/usr/bin/env bash
# Starts DurableObjects on a fresh machine: installs Azurite (npm ci), starts it on loopback when no storage
# account is configured (Storage__ConnectionString, or AzureWebJobsStorage other than UseDevelopmentStorage=true), builds the web front end (web/dist) and the host, starts the host (which
# serves the front end at /), and prints the URL. On the first start against
# empty storage the host prints the admin's API token; it is also saved in .data/admin-token.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
url=${DURABLEOBJECTS_URL:-http://127.0.0.1:5080}
# .data holds the admin's token and Azurite's data: private to this user (runners run as other users).
mkdir -p .data && chmod 700 .data

if [ ! -d node_modules/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing Azurite (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
fi

# A real account is configured by Storage__ConnectionString, or by AzureWebJobsStorage (unless it is
# UseDevelopmentStorage=true, which is Azurite) or its identity-based AzureWebJobsStorage__accountName.
configured_storage() {
  [ -n "${Storage__ConnectionString:-}" ] && return 0
  [ -n "${AzureWebJobsStorage__accountName:-}" ] && return 0
  case "${AzureWebJobsStorage:-}" in ""|UseDevelopmentStorage=true) ;; *) return 0 ;; esac
  [ -f local.settings.json ] || return 1
  grep -Eq '"(Storage__ConnectionString|AzureWebJobsStorage__accountName)"[[:space:]]*:[[:space:]]*"[^"]+' local.settings.json && return 0
  grep -E '"AzureWebJobsStorage"[[:space:]]*:[[:space:]]*"[^"]+' local.settings.json | grep -vq 'UseDevelopmentStorage=true'
}

# Azurite's start and graceful stop (SIGTERM, then waiting for it to save and exit): see scripts/azurite.sh. Its
# default ports, since the host's UseDevelopmentStorage=true connects to those.
AZURITE_BLOB_PORT=10000 AZURITE_QUEUE_PORT=10001 AZURITE_TABLE_PORT=10002
source scripts/azurite.sh

if ! configured_storage; then
  if port_open "$azurite_table_port"; then
    echo "Using the storage emulator already listening on 127.0.0.1:$azurite_blob_port-$azurite_table_port."
  else
    echo "Starting Azurite on 127.0.0.1:$azurite_blob_port-$azurite_table_port (data in .data/azurite, log in .data/azurite.log)..."
    azurite_data=.data/azurite
    trap azurite_stop EXIT
    azurite_start "$azurite_data" .data/azurite.log || exit 1
  fi
fi

echo "Building the web front end (web/dist, served at /)..."
if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi
(cd web && npm run build --silent >/dev/null)

echo "Building the host..."
dotnet build functions/DurableObjects.Functions.csproj -c Release --nologo -v quiet
export Bootstrap__AdminTokenFile="${Bootstrap__AdminTokenFile:-$root/.data/admin-token}"
echo
echo "DurableObjects: $url   (web front end; API reference: $url/api-reference, health: $url/health)"
echo "Admin token file (first start): $Bootstrap__AdminTokenFile"
echo
# The host runs in the background so that SIGINT/SIGTERM to this script stop it gracefully first (it finishes its
# writes), and only then Azurite (the EXIT trap). The app is started as its built assembly, standalone: `dotnet run`
# on a Functions project would hand it to the Functions Core Tools (`func start`) instead.
dotnet functions/bin/Release/net10.0/DurableObjects.Functions.dll --urls "$url" &
host_pid=$!
stop_host() {
  for child in $(ps -o pid= --ppid "$host_pid" 2>/dev/null); do kill -TERM "$child" 2>/dev/null || true; done
  kill -TERM "$host_pid" 2>/dev/null || true
}
trap stop_host INT TERM
host_status=0
while kill -0 "$host_pid" 2>/dev/null; do wait "$host_pid" || host_status=$?; done
exit "$host_status"
