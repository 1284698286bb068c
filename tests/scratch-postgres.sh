#!/usr/bin/env bash
# A throwaway PostgreSQL server, for the tests and the benchmark: a new
# cluster on a temporary directory, listening on a free 127.0.0.1 port.
#
#   tests/scratch-postgres.sh [-c NAME=VALUE]...
#
# Prints its URL (postgres://salam@127.0.0.1:PORT/postgres) as the first
# line, then keeps the server until its standard input closes: the caller
# holds a pipe to it, so the server goes when the caller closes the pipe or
# exits in any way (even killed). Then the server stops and its directory is
# deleted. Extra `-c` settings go to the server (the defaults skip fsync,
# which a throwaway cluster does not need).
#
# The server's binaries are Debian's (package postgresql; `cargo xtask test`
# installs it), or those in $SALAM_PG_BIN. PostgreSQL refuses to run as root,
# so as root it runs as the `postgres` user the package made.
set -euo pipefail
bin=${SALAM_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ ! -x "$bin/initdb" ]; then
  echo "scratch-postgres: no PostgreSQL server found (install the postgresql package, or set SALAM_PG_BIN)" >&2
  exit 1
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/salam-pg.XXXXXX")
as=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  as=(runuser -u postgres --)
fi
cleanup() {
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
if ! "${as[@]}" "$bin/initdb" -D "$dir/data" -U salam --auth=trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1; then
  cat "$dir/initdb.log" >&2
  exit 1
fi
settings="-c fsync=off -c max_connections=300 $*"
# A port picked at random can be taken: try a few.
for _ in 1 2 3 4 5 6 7 8; do
  port=$((20000 + RANDOM % 40000))
  if "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -h 127.0.0.1 $settings" start >/dev/null 2>&1; then
    echo "postgres://salam@127.0.0.1:$port/postgres"
    cat >/dev/null
    exit 0
  fi
done
cat "$dir/server.log" >&2
exit 1
