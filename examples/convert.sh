#!/usr/bin/env bash
# Convert a video with curl: upload, poll until done, download the MP4.
# usage: VIDSTUDIO_URL=http://localhost:5000 ./convert.sh video.mp4   (a server that requires keys: VIDSTUDIO_API_KEY=KEY too)
set -euo pipefail
url=${VIDSTUDIO_URL:-http://localhost:5000}
auth=()
[ -n "${VIDSTUDIO_API_KEY:-}" ] && auth=(-H "X-API-Key: $VIDSTUDIO_API_KEY")
video=${1:?usage: convert.sh VIDEO}

job=$(curl -sf "${auth[@]}" -F "file=@${video}" -F "width=100" -F "style=normal" -F "save_mp4=true" "$url/api/v1/convert/video")
job_id=$(printf '%s' "$job" | sed -E 's/.*"job_id":"([0-9a-f]+)".*/\1/')
echo "job $job_id queued"
while true; do
  status=$(curl -sf "${auth[@]}" "$url/api/v1/status/$job_id")
  state=$(printf '%s' "$status" | sed -E 's/.*"status":"([a-z]+)".*/\1/')
  echo "$state $(printf '%s' "$status" | sed -E 's/.*"progress":([0-9.]+).*/\1/')"
  case "$state" in
    completed) break ;;
    failed|cancelled) echo "$status" >&2; exit 1 ;;
  esac
  sleep 1
done
curl -sf "${auth[@]}" -o "ascii_${job_id}.mp4" "$url/api/v1/download/$job_id/video"
echo "saved ascii_${job_id}.mp4"
