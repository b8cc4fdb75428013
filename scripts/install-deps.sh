#!/usr/bin/env bash
# Installs the system packages VidStudio needs on Debian/Ubuntu: ffmpeg (probe/decode/encode) and the bundled fonts (DejaVu, Liberation Mono, Noto Sans Mono)
# glyphs are drawn with. With --test, also what the test suite drives: curl, Python requests and Node.js (the client
# examples), Chromium (the Studio's browser tests; Playwright cannot download a browser here), PostgreSQL (the
# scale-out tests' throw-away cluster, scripts/pg-throwaway.sh), asciinema (plays the asciicast export) and, with npm, axe-core
# and s3rver (VidStudio.Tests/package.json: the accessibility checker the browser tests run in pages, the S3 server the
# object storage tests start). With --bench, chafa,
# the converter the benchmark's quality figures are compared with. Installs nothing when everything is already there.
set -euo pipefail
packages=(ffmpeg fonts-dejavu-core fonts-liberation2 fonts-noto-mono)
if [ "${1:-}" = "--test" ]; then
  packages+=(curl python3 python3-requests chromium postgresql asciinema)
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  # Debian's nodejs comes without npm; a Node.js that brings its own npm must not get Debian's too.
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi
if [ "${1:-}" = "--bench" ]; then
  packages+=(chafa)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ "${1:-}" = "--test" ]; then
  # The versions package-lock.json pins, installed only when npm finds them missing or different.
  tests="$(dirname "$0")/../VidStudio.Tests"
  npm ls --prefix "$tests" >/dev/null 2>&1 || npm ci --prefix "$tests" --no-audit --no-fund --loglevel=error
fi
