#!/usr/bin/env bash
# The gate's quotable figures in one run (docs/gate.md "Figures"): builds the benchmarks and ntk in Release, then
#   1. GateDecisionBenchmark  - allow / deny paths with warm caches (median, allocated)
#   2. GateScaleBenchmark     - the flat-time table, apps 1k..1M x consent records 10k..10M
#   3. ConsentWriteBenchmark  - durable consent writes, SQLite and PostgreSQL, single and batched
#   4. ntk bench gate         - the shared workload through the real gate, beside the Cedar peer in the same run
# Usage: bash bench/NeedToKnow.Benchmarks/Gate/measure-gate.sh OUTDIR
# Env: NTK_BENCH_POSTGRES (a PostgreSQL with fsync=on, synchronous_commit=on) for the PostgreSQL rows;
#      NTK_GATE_PEER (a copy of ../shared/peers/gate with node_modules installed) for the Cedar row.
# Jobs are short and in process (BenchmarkDotNet InProcessEmit toolchain: 1 launch, 3 warm-ups, 10 iterations of
# ~100 ms; no generated project to build) so the whole run fits in the bench lock's 12 minutes on a 2-core machine.
set -euo pipefail
out=${1:?usage: measure-gate.sh OUTDIR}
mkdir -p "$out"
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
dotnet build bench/NeedToKnow.Benchmarks -c Release --nologo -v q >"$out/build.log"
bdn="dotnet bench/NeedToKnow.Benchmarks/bin/Release/net10.0/NeedToKnow.Benchmarks.dll"
job="--inProcess --launchCount 1 --warmupCount 3 --iterationCount 10 --iterationTime 100 --artifacts $out/bdn"
date -u +"start %FT%TZ" | tee "$out/times.txt"
$bdn --filter '*GateDecisionBenchmark*' $job >"$out/decision.log" 2>&1
date -u +"decision %FT%TZ" | tee -a "$out/times.txt"
$bdn --filter '*GateScaleBenchmark*' $job >"$out/scale.log" 2>&1
date -u +"scale %FT%TZ" | tee -a "$out/times.txt"
$bdn --filter '*ConsentWriteBenchmark*' --inProcess --launchCount 1 --warmupCount 2 --iterationCount 8 --artifacts "$out/bdn" >"$out/writes.log" 2>&1
date -u +"writes %FT%TZ" | tee -a "$out/times.txt"
if [ -n "${NTK_GATE_PEER:-}" ]; then
  [ -f "$NTK_GATE_PEER/workload.json" ] || node "$NTK_GATE_PEER/workload.mjs" --apps 1000 --users 100000 --requests 200000 --seed 1 >"$NTK_GATE_PEER/workload.json"
  dotnet build src/NeedToKnow.Cli -c Release --nologo -v q >>"$out/build.log"
  dotnet src/NeedToKnow.Cli/bin/Release/net10.0/ntk.dll bench gate --workload "$NTK_GATE_PEER/workload.json" --cedar "$NTK_GATE_PEER" --seconds 3 --format json >"$out/ntk-bench-gate.json"
  dotnet src/NeedToKnow.Cli/bin/Release/net10.0/ntk.dll bench gate --workload "$NTK_GATE_PEER/workload.json" --seconds 3 --threads 2 --format json >"$out/ntk-bench-gate-2threads.json"
fi
date -u +"end %FT%TZ" | tee -a "$out/times.txt"
grep -h -E '^\||consent cache' "$out"/decision.log "$out"/scale.log "$out"/writes.log || true
