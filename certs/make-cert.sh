#!/usr/bin/env bash
# Makes a self-signed certificate so that phones and laptops on the LAN can open the classroom
# over HTTPS (browsers give camera and microphone only to HTTPS pages, or to localhost, which
# needs none of this).
#
#   certs/make-cert.sh [extra host or IP …]
#
# Then start with: TLS_CERT_FILE=certs/cert.pem TLS_KEY_FILE=certs/key.pem \
#   PUBLIC_URL=https://<this machine's LAN IP>:3000 RTC_ANNOUNCED_ADDRESS=<LAN IP> npm start
# Each device will warn once about the unknown certificate; accept it to continue.
set -euo pipefail
cd "$(dirname "$0")"

names=("DNS:localhost" "IP:127.0.0.1")
for ip in $(hostname -I 2>/dev/null || true); do names+=("IP:$ip"); done
for extra in "$@"; do
  if [[ "$extra" =~ ^[0-9.:]+$ ]]; then names+=("IP:$extra"); else names+=("DNS:$extra"); fi
done
san=$(IFS=,; echo "${names[*]}")

openssl req -x509 -newkey rsa:2048 -nodes -days 365 \
  -keyout key.pem -out cert.pem \
  -subj "/CN=Panda Classroom (self-signed)" \
  -addext "subjectAltName=$san" 2>/dev/null
chmod 600 key.pem
echo "Wrote certs/cert.pem and certs/key.pem for: $san"
