#!/usr/bin/env bash
# The gate's quotable figures (docs/gate.md "Figures"): builds the benchmarks and ntk in Release, then the parts named
# in PARTS (default: all, in this order):
#   decision  GateDecisionBenchmark  - allow / deny paths with warm caches, single Decide and DecideBatch (median, allocated)
#   scale     GateScaleBenchmark     - the flat-time table, apps 1k..1M x consent records 10k..10M, single and batched
#   writes    ConsentWriteBenchmark  - durable consent writes, SQLite and PostgreSQL, single and batched
#   gate      ntk bench gate         - the shared workload through the real gate, beside the Cedar peer in the same run
# Usage: [PARTS="decision scale"] bash bench/NeedToKnow.Benchmarks/Gate/measure-gate.sh OUTDIR
# Each lock hold is at most 12 minutes. On 2026-12-03 (2 cores) "decision gate" took 38 s and "scale" 2 minutes (most of
# it building the 10M-record world); "writes" takes a few minutes more.
# Env: NTK_BENCH_POSTGRES (a PostgreSQL with fsync=on, synchronous_commit=on) for the PostgreSQL rows;
#      NTK_GATE_PEER (a copy of ../shared/peers/gate with node_modules installed) for the Cedar row.
# Jobs are short and in process (BenchmarkDotNet InProcessEmit toolchain: 1 launch, 3 warm-ups, 10 iterations of
# ~100 ms; no generated project to build).
set -euo pipefail
out=${1:?usage: measure-gate.sh OUTDIR}
parts=${PARTS:-decision scale writes gate}
mkdir -p "$out"
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
has() { [[ " $parts " == *" $1 "* ]]; }
dotnet build bench/NeedToKnow.Benchmarks -c Release --nologo -v q >"$out/build.log"
bdn="dotnet bench/NeedToKnow.Benchmarks/bin/Release/net10.0/NeedToKnow.Benchmarks.dll"
job="--inProcess --launchCount 1 --warmupCount 3 --iterationCount 10 --iterationTime 100 --artifacts $out/bdn"
{ date -u +"start %FT%TZ"; uptime; git rev-parse --short HEAD; } | tee -a "$out/times.txt"
if has decision; then
  $bdn --filter '*GateDecisionBenchmark*' $job >"$out/decision.log" 2>&1
  date -u +"decision %FT%TZ" | tee -a "$out/times.txt"
fi
if has scale; then
  # In process, but with 20 minutes per benchmark instead of 5: the 10M-record world takes minutes to build.
  $bdn --filter '*GateScaleBenchmark*' ${job/--inProcess/--inProcessTimeout 20} >"$out/scale.log" 2>&1
  date -u +"scale %FT%TZ" | tee -a "$out/times.txt"
fi
if has writes; then
  $bdn --filter '*ConsentWriteBenchmark*' --inProcess --launchCount 1 --warmupCount 2 --iterationCount 8 --artifacts "$out/bdn" >"$out/writes.log" 2>&1
  date -u +"writes %FT%TZ" | tee -a "$out/times.txt"
fi
if has gate && [ -n "${NTK_GATE_PEER:-}" ]; then
  [ -f "$NTK_GATE_PEER/workload.json" ] || node "$NTK_GATE_PEER/workload.mjs" --apps 1000 --users 100000 --requests 200000 --seed 1 >"$NTK_GATE_PEER/workload.json"
  dotnet build src/NeedToKnow.Cli -c Release --nologo -v q >>"$out/build.log"
  dotnet src/NeedToKnow.Cli/bin/Release/net10.0/ntk.dll bench gate --workload "$NTK_GATE_PEER/workload.json" --cedar "$NTK_GATE_PEER" --seconds 3 --format json >"$out/ntk-bench-gate.json"
  dotnet src/NeedToKnow.Cli/bin/Release/net10.0/ntk.dll bench gate --workload "$NTK_GATE_PEER/workload.json" --seconds 3 --threads 2 --format json >"$out/ntk-bench-gate-2threads.json"
  date -u +"gate %FT%TZ" | tee -a "$out/times.txt"
fi
{ date -u +"end %FT%TZ"; uptime; } | tee -a "$out/times.txt"
for f in decision scale writes; do [ -f "$out/$f.log" ] && grep -h -E '^\|' "$out/$f.log"; done || true
grep -h 'consent cache' "$out"/scale.log 2>/dev/null | sort -u || true
