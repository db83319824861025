#!/usr/bin/env bash
# Sends a correctly signed SMS webhook to a running host, as Twilio would, and prints the TwiML reply.
# Usage: TWILIO_AUTH_TOKEN=… scripts/twilio-sms.sh <from E.164> <text>
#   DO (default http://127.0.0.1:5080) is where the request goes; PUBLIC_BASE_URL (default: DO) is the URL signed,
#   which must match the host's PUBLIC_BASE_URL setting when it has one.
# Voice: scripts/twilio-sms.sh also works for the voice webhooks with PATH_=/webhooks/voice/command (the text
#   becomes SpeechResult) or PATH_=/webhooks/voice (the text is ignored).
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: TWILIO_AUTH_TOKEN=… $0 <from> <text>" >&2; exit 2; }
: "${TWILIO_AUTH_TOKEN:?set TWILIO_AUTH_TOKEN}"
here=$(dirname "$0")
do_url=${DO:-http://127.0.0.1:5080}
public=${PUBLIC_BASE_URL:-$do_url}
path=${PATH_:-/webhooks/sms}
from=$1 text=$2
to=${TWILIO_PHONE_NUMBER:-+15550000000}
sid=SM$(openssl rand -hex 16)
case $path in
  /webhooks/sms) params=("AccountSid=${TWILIO_ACCOUNT_SID:-AC0}" "MessageSid=$sid" "From=$from" "To=$to" "Body=$text") ;;
  /webhooks/voice/command) params=("AccountSid=${TWILIO_ACCOUNT_SID:-AC0}" "CallSid=CA${sid#SM}" "From=$from" "To=$to" "SpeechResult=$text") ;;
  *) params=("AccountSid=${TWILIO_ACCOUNT_SID:-AC0}" "CallSid=CA${sid#SM}" "From=$from" "To=$to") ;;
esac
signature=$("$here/twilio-sign.sh" "$public$path" "${params[@]}")
args=()
for p in "${params[@]}"; do args+=(--data-urlencode "$p"); done
curl -sS "$do_url$path" -H "X-Twilio-Signature: $signature" "${args[@]}"
echo
