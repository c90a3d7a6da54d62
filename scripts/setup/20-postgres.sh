#!/usr/bin/env bash
# Sourced by scripts/test.sh (and by a developer's shell: `source scripts/setup/20-postgres.sh`).
# Starts a throwaway PostgreSQL cluster for the storage contract tests and exports
#   NTK_TEST_POSTGRES="Host=127.0.0.1;Port=...;Username=postgres;Database=ntk_test"
# Installs Debian's postgresql when no server binaries are present. Idempotent: when NTK_TEST_POSTGRES already
# points at a server that answers, nothing is done. The cluster lives in a temp folder, listens on a free loopback
# port, runs with fsync off (test data only) and is stopped and removed by ntk_postgres_cleanup (in NTK_CLEANUP).

ntk_postgres_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && echo "$d"
  done | sort -V | tail -n 1
}

ntk_postgres_cleanup() {
  if [ -n "${NTK_PG_DIR:-}" ] && [ -d "$NTK_PG_DIR" ]; then
    runuser -u postgres -- "$NTK_PG_BIN/pg_ctl" -D "$NTK_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$NTK_PG_DIR"
  fi
  unset NTK_PG_DIR NTK_TEST_POSTGRES
}

ntk_postgres_start() {
  NTK_PG_BIN=$(ntk_postgres_bin)
  if [ -z "$NTK_PG_BIN" ]; then
    echo "setup: installing postgresql (Debian)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    NTK_PG_BIN=$(ntk_postgres_bin)
  fi
  if [ -z "$NTK_PG_BIN" ]; then
    echo "setup: postgresql server binaries not found under /usr/lib/postgresql" >&2
    return 1
  fi
  export NTK_PG_BIN

  # A free loopback port: ask the kernel for one.
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')

  # A folder the postgres user owns and can reach (not under /root).
  NTK_PG_DIR=$(mktemp -d /tmp/ntk-pg.XXXXXX)
  chown postgres:postgres "$NTK_PG_DIR"
  chmod 700 "$NTK_PG_DIR"
  export NTK_PG_DIR

  runuser -u postgres -- "$NTK_PG_BIN/initdb" -D "$NTK_PG_DIR/data" -U postgres -A trust -E UTF8 \
    --locale=C.UTF-8 --no-sync >"$NTK_PG_DIR/initdb.log" 2>&1 || { cat "$NTK_PG_DIR/initdb.log" >&2; return 1; }
  runuser -u postgres -- "$NTK_PG_BIN/pg_ctl" -D "$NTK_PG_DIR/data" -l "$NTK_PG_DIR/server.log" -w -t 30 \
    -o "-p $port -k $NTK_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$NTK_PG_DIR/server.log" >&2; return 1; }
  runuser -u postgres -- "$NTK_PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres ntk_test

  export NTK_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=ntk_test"
  NTK_CLEANUP="${NTK_CLEANUP:-} ntk_postgres_cleanup"
  export NTK_CLEANUP
  echo "setup: postgresql on 127.0.0.1:$port ($NTK_PG_DIR)" >&2
}

ntk_postgres_alive() {
  [ -n "${NTK_TEST_POSTGRES:-}" ] && [ -n "${NTK_PG_BIN:-}" ] && [ -n "${NTK_PG_DIR:-}" ] \
    && runuser -u postgres -- "$NTK_PG_BIN/pg_ctl" -D "$NTK_PG_DIR/data" status >/dev/null 2>&1
}

if ! ntk_postgres_alive; then
  ntk_postgres_start
fi
