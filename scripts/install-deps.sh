#!/usr/bin/env bash
# Installs the system packages VidStudio needs on Debian/Ubuntu: ffmpeg (probe/decode/encode) and the DejaVu fonts
# the glyphs are drawn with. Skips apt entirely when everything is already there.
set -euo pipefail
packages=(ffmpeg fonts-dejavu-core)
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
