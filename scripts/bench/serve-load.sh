#!/usr/bin/env bash
# Load measurement of `ntk serve` over loopback HTTP/1.1 keep-alive with wrk (docs/server.md, "Measured").
#   bash scripts/bench/serve-load.sh peak          # single and batch peaks, then p99 at half the single peak
#   bash scripts/bench/serve-load.sh single        # single-decision peak only (wrk)
#   bash scripts/bench/serve-load.sh rate R        # fixed-rate (open-loop) single decisions at R/s: `ntk bench serve`
#   bash scripts/bench/serve-load.sh paced R       # about R/s from wrk itself: R*2.2/1000 connections, each waiting 1 ms
#                                                    # (wrk's delay()) after every response; wrk's C client costs the
#                                                    # shared 2 cores far less than `ntk bench serve`
#   bash scripts/bench/serve-load.sh soak [SECS]   # memory soak at a moderate rate: RSS and GC heap every 30 s (default 600 s);
#                                                    # NTK_SOAK_GCDUMP=1 adds heap dumps at 60 s and at the end
# Builds Release, starts a fresh server (SQLite in a temporary folder) on 127.0.0.1:18080, registers the examples/
# program as wxsim0001 (ntk simulate), grants 1,000 users' consent for Album, then runs wrk with the Lua scripts here.
set -euo pipefail
mode="${1:-peak}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/scripts/bench"
bash "$here/00-wrk.sh" >/dev/null
port="${NTK_BENCH_PORT:-18080}"
url="http://127.0.0.1:$port"
key="ntk_operator_bench_key_0123456789abcdef"
duration="${NTK_BENCH_SECONDS:-15}"
conns="${NTK_BENCH_CONNECTIONS:-64}"

dotnet build "$root/src/NeedToKnow.Cli" -c Release --nologo -v q >/dev/null
ntk="$root/src/NeedToKnow.Cli/bin/Release/net10.0/ntk.dll"
work="$(mktemp -d /tmp/ntk-bench-XXXXXX)"
DOTNET_gcServer="${DOTNET_gcServer:-1}" dotnet "$ntk" serve --urls "$url" --db "$work/ntk.db" --operator-key "$key" >"$work/serve.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 100); do curl -sf "$url/healthz" >/dev/null && break; sleep 0.2; done
dotnet "$ntk" simulate --server "$url" --operator-key "$key" --programs 1 --requests 1 --examples "$root/examples" >/dev/null 2>&1
for i in $(seq 0 999); do
  printf '{"appId":"wxsim0001","userId":"bench-user-%d","kind":"declaration","keys":["Album"],"granted":true}\n' "$i"
done | xargs -d '\n' -P 8 -I{} curl -sf -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d {} "$url/v1/gate/answers"
export NTK_KEY="$key"
rss() { echo "$(( $(ps -o rss= -p "$server") / 1024 )) MiB"; }
# Managed heap after the last GC (System.Runtime meter on /metrics, all generations) and the audit log's size.
heap() {
  local m; m="$(curl -sf "$url/metrics")"
  echo "GC heap $(echo "$m" | awk '/^dotnet_gc_last_collection_heap_size_bytes/ {s+=$NF} END {printf "%.1f MiB", s/1048576}'),\
 committed $(echo "$m" | awk '/^dotnet_gc_last_collection_memory_committed_size_bytes/ {printf "%.1f MiB", $NF/1048576}'),\
 audit entries $(curl -sf -H "Authorization: Bearer $key" "$url/v1/audit/sth" | sed -n 's/.*"treeSize": *\([0-9]*\).*/\1/p')"
}
fixed() { # RATE [SECONDS]: open-loop single decisions at RATE/s over NTK_RATE_CONNECTIONS keep-alive connections
  dotnet "$ntk" bench serve --server "$url" --key "$key" --rate "$1" --connections "${NTK_RATE_CONNECTIONS:-64}" --duration "${2:-$duration}" --warmup 3
}
echo "server pid $server, RSS after set-up: $(rss); $(nproc) cores; wrk -t1 -c$conns -d${duration}s"

case "$mode" in
  peak)
    wrk -t1 -c"$conns" -d3s -s "$here/gate-decide.lua" "$url" >/dev/null   # warm-up (JIT tiers)
    single="$(wrk -t1 -c"$conns" -d"${duration}s" --latency -s "$here/gate-decide.lua" "$url" | tail -1)"
    echo "single: $single"
    NTK_BATCH=1000 wrk -t1 -c8 -d3s -s "$here/gate-decide-batch.lua" "$url" >/dev/null
    echo "batch (1000 per request): $(NTK_BATCH=1000 wrk -t1 -c8 -d"${duration}s" --latency -s "$here/gate-decide-batch.lua" "$url" | tail -1)"
    peak="$(echo "$single" | awk '{print $2}')"
    # Half the peak, open loop: `ntk bench serve` sends on a fixed schedule; latency counts from the due time.
    half=$(( ${peak%.*} / 2 ))
    echo "half peak ($half/s), wrk paced: $(NTK_DELAY_MS=1 wrk -t1 -c$(( (half * 2200 + 999999) / 1000000 )) -d"${duration}s" --latency -s "$here/gate-decide.lua" "$url" | tail -1)"
    echo "half peak ($half/s), open loop: $(fixed "$half")"
    echo "RSS at the end: $(rss); $(heap)"
    ;;
  single)
    wrk -t1 -c"$conns" -d3s -s "$here/gate-decide.lua" "$url" >/dev/null
    echo "single: $(wrk -t1 -c"$conns" -d"${duration}s" --latency -s "$here/gate-decide.lua" "$url" | tail -1)"
    ;;
  rate)
    echo "$(fixed "${2:?rate}")"
    echo "RSS at the end: $(rss); $(heap)"
    ;;
  paced)
    # A connection's cycle is the 1 ms wait, the timer's slack and the response: about 2.2 ms on this machine.
    rate="${2:?rate}"
    pconns=$(( (rate * ${NTK_PACE_CYCLE_US:-2200} + 999999) / 1000000 ))
    pause="${NTK_PACE_DELAY_MS:-1}"
    NTK_DELAY_MS="$pause" wrk -t1 -c"$pconns" -d3s -s "$here/gate-decide.lua" "$url" >/dev/null
    echo "paced ($pconns connections, $pause ms between a response and the next request): $(NTK_DELAY_MS="$pause" wrk -t1 -c"$pconns" -d"${duration}s" --latency -s "$here/gate-decide.lua" "$url" | tail -1)"
    echo "RSS at the end: $(rss); $(heap)"
    ;;
  soak)
    secs="${2:-600}"
    # NTK_SOAK_GCDUMP=1: also a heap dump (dotnet-gcdump, installed as a local tool if missing) at 60 s and at the end,
    # reporting the live heap and the types that grew. A dump pauses the server (it forces a full GC).
    gcdump() {
      [ "${NTK_SOAK_GCDUMP:-0}" = 1 ] || return 0
      local tool="$HOME/.dotnet/tools/dotnet-gcdump"
      [ -x "$tool" ] || dotnet tool install -g dotnet-gcdump >/dev/null
      "$tool" collect -p "$server" -o "$work/$1.gcdump" >/dev/null 2>&1
      "$tool" report "$work/$1.gcdump" 2>/dev/null >"$work/$1.txt"
      echo "gcdump $1: live heap $(awk 'NR==1 {print $1}' "$work/$1.txt") bytes, $(awk 'NR==2 {print $1}' "$work/$1.txt") objects"
    }
    NTK_DELAY_MS=1 wrk -t1 -c"${NTK_SOAK_CONNECTIONS:-8}" -d"${secs}s" --latency -s "$here/gate-decide.lua" "$url" >"$work/soak.txt" &
    load=$!
    for t in $(seq 0 30 "$secs"); do
      echo "t=${t}s RSS $(rss); $(heap)"
      [ "$t" = 60 ] && gcdump early
      [ "$t" -lt "$secs" ] && sleep 30
    done
    wait "$load"; tail -1 "$work/soak.txt"
    gcdump late
    if [ -f "$work/late.txt" ]; then
      echo "types that grew most between the dumps (bytes, type):"
      # Report lines are "size-or-bytes count type"; sum bytes per type (size x count for the large-object rows).
      awk 'FNR > 4 && NF >= 3 { b = $1; gsub(",", "", b); c = $2; gsub(",", "", c); t = $3; for (i = 4; i <= NF; i++) t = t " " $i;
             big = t ~ /\(Bytes > /; sub(/ \(Bytes > [^)]*\)/, "", t); v = big ? b * c : b;
             if (FILENAME ~ /late/) s[t] += v; else s[t] -= v }
           END { for (t in s) if (s[t] > 0) printf "%12d  %s\n", s[t], t }' "$work/early.txt" "$work/late.txt" | sort -rn | head -8
    fi
    ;;
esac
