#!/usr/bin/env bash
# The embedded storage emulator's lifecycle, sourced by start.sh (and by the test of its graceful stop):
#   azurite_start DATA_DIR LOG_FILE   start Azurite on loopback with its data in DATA_DIR; sets azurite_pid
#   azurite_stop                      stop it gracefully (SIGTERM, then wait up to 30 s for it to save and exit)
# Telemetry is off: besides sending data out, Azurite waits on it before it handles SIGTERM (a stop in its first
# seconds killed it without saving) and on stopping (its process lingered after closing).
# Ports: AZURITE_BLOB_PORT, AZURITE_QUEUE_PORT, AZURITE_TABLE_PORT (default 10000, 10001, 10002: the addresses
# UseDevelopmentStorage=true connects to). Needs node and node_modules/azurite in the repository root.
#
# Azurite keeps its tables in memory and saves them to DATA_DIR periodically and when it stops: a graceful stop
# (SIGTERM, then waiting for it to exit) saves everything it acknowledged; a kill -9 loses what it acknowledged
# since its last save (up to a few seconds of writes). So the emulator is stopped after the host, and waited for.

azurite_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
azurite_blob_port=${AZURITE_BLOB_PORT:-10000}
azurite_queue_port=${AZURITE_QUEUE_PORT:-10001}
azurite_table_port=${AZURITE_TABLE_PORT:-10002}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

azurite_start() {
  local data=$1
  azurite_log=$2
  # Private to the host's user: the data holds every object's code, users' phone numbers and token hashes, and runners
  # run as other users (README, "Reliability").
  mkdir -p "$data" && chmod 700 "$data"
  # The preload spares every queue request a needless re-sort of the emulator's message indices (see the script).
  node --require "$azurite_root/scripts/azurite-preload.js" "$azurite_root/node_modules/azurite/dist/src/azurite.js" --silent --disableTelemetry --location "$data" --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --blobPort "$azurite_blob_port" --queueHost 127.0.0.1 --queuePort "$azurite_queue_port" \
    --tableHost 127.0.0.1 --tablePort "$azurite_table_port" > "$azurite_log" 2>&1 &
  azurite_pid=$!
  for _ in $(seq 1 300); do port_open "$azurite_table_port" && port_open "$azurite_blob_port" && return 0; sleep 0.1; done
  port_open "$azurite_table_port" || { echo "Azurite did not start; see $azurite_log" >&2; return 1; }
}

# On SIGTERM Azurite closes its three services, saving its data as each closes, and logs "... successfully closed"
# for each; but its process may then linger (Azurite 3.37 leaves timers running), so waiting for the exit alone would
# end in the kill -9 meant for an emulator that does not stop. Stopped means: exited, or all three closed (then the
# lingering process is ended; there is nothing left for it to save).
azurite_stop() {
  [ -n "${azurite_pid:-}" ] || return 0
  kill -TERM "$azurite_pid" 2>/dev/null || return 0
  for _ in $(seq 1 300); do
    if ! kill -0 "$azurite_pid" 2>/dev/null || [ "$(grep -c 'service successfully closed' "$azurite_log" 2>/dev/null)" = 3 ]; then
      sleep 0.5
      kill -KILL "$azurite_pid" 2>/dev/null || true
      echo "Azurite stopped (data saved in ${azurite_data:-its data directory})."
      return 0
    fi
    sleep 0.1
  done
  echo "Azurite did not stop within 30 s; killing it: its writes of the last seconds may be lost." >&2
  kill -KILL "$azurite_pid" 2>/dev/null || true
}
