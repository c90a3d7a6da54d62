#!/usr/bin/env bash
# Source it: starts a throwaway PostgreSQL cluster with the DURABLE defaults (fsync=on, synchronous_commit=on,
# full_page_writes=on; unlike scripts/setup/20-postgres.sh, which turns them off for fast tests) and exports
#   NTK_BENCH_POSTGRES="Host=127.0.0.1;Port=...;Username=postgres;Database=ntk_bench"
# for AuditAppendBenchmark. Stop and remove it with ntk_bench_postgres_stop. Needs root and Debian's postgresql
# (`source scripts/setup/20-postgres.sh` installs it).

ntk_bench_postgres_stop() {
  if [ -n "${NTK_BENCH_PG_DIR:-}" ] && [ -d "$NTK_BENCH_PG_DIR" ]; then
    runuser -u postgres -- "$NTK_BENCH_PG_BIN/pg_ctl" -D "$NTK_BENCH_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$NTK_BENCH_PG_DIR"
  fi
  unset NTK_BENCH_PG_DIR NTK_BENCH_POSTGRES
}

NTK_BENCH_PG_BIN=$(for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && echo "$d"; done | sort -V | tail -n 1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
NTK_BENCH_PG_DIR=$(mktemp -d /tmp/ntk-bench-pg.XXXXXX)
chown postgres:postgres "$NTK_BENCH_PG_DIR"
chmod 700 "$NTK_BENCH_PG_DIR"
runuser -u postgres -- "$NTK_BENCH_PG_BIN/initdb" -D "$NTK_BENCH_PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$NTK_BENCH_PG_DIR/initdb.log" 2>&1
runuser -u postgres -- "$NTK_BENCH_PG_BIN/pg_ctl" -D "$NTK_BENCH_PG_DIR/data" -l "$NTK_BENCH_PG_DIR/server.log" -w -t 30 \
  -o "-p $port -k $NTK_BENCH_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c wal_sync_method=fdatasync" \
  start >/dev/null
runuser -u postgres -- "$NTK_BENCH_PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres ntk_bench
export NTK_BENCH_PG_DIR NTK_BENCH_PG_BIN
export NTK_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=ntk_bench"
echo "bench: durable postgresql on 127.0.0.1:$port ($NTK_BENCH_PG_DIR)" >&2
