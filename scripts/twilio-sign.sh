#!/usr/bin/env bash
# Prints the X-Twilio-Signature Twilio would send for a webhook request:
#   Base64(HMAC-SHA1(auth token, URL + every POST parameter sorted by name, name then value, no separators)).
# Usage: TWILIO_AUTH_TOKEN=… scripts/twilio-sign.sh <url> [name=value …]
#   e.g. scripts/twilio-sign.sh https://objects.example.com/webhooks/sms From=+15551234567 'Body=list objects'
# The URL must be exactly the one Twilio calls (PUBLIC_BASE_URL + path, with the query string if any).
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: TWILIO_AUTH_TOKEN=… $0 <url> [name=value …]" >&2; exit 2; }
: "${TWILIO_AUTH_TOKEN:?set TWILIO_AUTH_TOKEN}"
url=$1; shift
data=$url
# Sort by parameter name (byte order), then by value, as Twilio does; values are used as sent, not URL-encoded.
while IFS= read -r pair; do
  [ -n "$pair" ] || continue
  data+="${pair%%=*}${pair#*=}"
done < <(printf '%s\n' "$@" | LC_ALL=C sort -t= -k1,1 -k2)
printf '%s' "$data" | openssl dgst -sha1 -hmac "$TWILIO_AUTH_TOKEN" -binary | base64
