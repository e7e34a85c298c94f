#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the tests and print the DSN to use.
# Installs Debian's postgresql when it is missing. Usage: DSN=$(bash .ci/postgres.sh)
set -euo pipefail
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  echo "installing postgresql (Debian)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PORT=${CHRONIK_PG_PORT:-55432}
PGDATA=$(mktemp -d /tmp/chronik-pg.XXXXXX)
as_pg() {
  if [ "$(id -u)" = 0 ]; then chown -R postgres "$PGDATA"; runuser -u postgres -- "$@"; else "$@"; fi
}
as_pg "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
  -o "-p $PORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
"$PGBIN/psql" -q -h 127.0.0.1 -p "$PORT" -U postgres -c "CREATE DATABASE chronik_test" >&2
echo "$PGDATA" > /tmp/chronik-pg.datadir
echo "postgresql://postgres@127.0.0.1:$PORT/chronik_test"
