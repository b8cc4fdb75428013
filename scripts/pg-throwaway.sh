#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the scale-out tests, in a folder of its own, on a free loopback port:
#   scripts/pg-throwaway.sh start DIR [PORT]   initdb + pg_ctl start; prints the connection string (no database)
#   scripts/pg-throwaway.sh stop DIR           stops the server and deletes DIR
# Trust authentication on 127.0.0.1 only, fsync off: for tests, never for data. PostgreSQL refuses to run as root,
# so under root (CI containers) its programs run as the postgres user Debian's package creates.
# Needs Debian's postgresql package (scripts/install-deps.sh --test), whose programs live outside PATH.
set -euo pipefail
command=${1:?usage: pg-throwaway.sh start|stop DIR [PORT]}
dir=${2:?usage: pg-throwaway.sh start|stop DIR [PORT]}
user=vidstudio

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL's server programs are missing: run scripts/install-deps.sh --test (Debian's postgresql package)." >&2
  exit 1
fi

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
  start)
    port=${3:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_postgres "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust -E UTF8 --no-sync >"$dir/initdb.log"
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=$user"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg-throwaway.sh start|stop DIR [PORT]" >&2
    exit 2
    ;;
esac
