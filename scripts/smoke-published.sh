#!/usr/bin/env bash
# Publishes the server and starts the published output the way the Docker image does (Production, its own data
# folder), then checks that the health endpoint answers and that the Studio and its static assets are served with content: the
# build output run in Production serves them as empty 200s, which only a published run can rule out.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
data=$(mktemp -d)
dotnet publish VidStudio.Web/VidStudio.Web.csproj -c Release -o "$out" --nologo -v quiet
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$out" && ASPNETCORE_ENVIRONMENT=Production Urls="http://127.0.0.1:$port" VidStudio__DataDirectory="$data" exec dotnet VidStudio.Web.dll) > "$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$out" "$data"' EXIT

for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/api/v1/health" -o "$data/health.json" 2>/dev/null && break
  sleep 0.5
done
grep -q '"status":"healthy"' "$data/health.json" || { echo "published server is not healthy:"; cat "$data/server.log"; exit 1; }

fail=0
for asset in "$@" / /_content/MudBlazor/MudBlazor.min.css /_content/MudBlazor/MudBlazor.min.js /_framework/blazor.web.js /studio.css /studio.js /docs/index.html /docs/swagger-ui-bundle.js /redoc/redoc.standalone.js; do
  size=$(curl -fsS "http://127.0.0.1:$port$asset" | wc -c)
  if [ "$size" -eq 0 ]; then
    echo "published server serves $asset empty"
    fail=1
  else
    echo "ok $asset ($size bytes)"
  fi
done
exit $fail
