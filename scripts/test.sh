#!/usr/bin/env bash
# Runs every test of NeedToKnow on a fresh machine: installs what the tests need, builds, tests, and prints
# one closing line "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

# Install and start what the tests need (each script is idempotent and quiet when all is there).
for setup in scripts/setup/*.sh; do
  [ -e "$setup" ] || continue
  # shellcheck disable=SC1090
  source "$setup"
done

log=$(mktemp)
trap 'rm -f "$log"; for f in ${NTK_CLEANUP:-}; do "$f" || true; done' EXIT

dotnet build NeedToKnow.slnx -c Release -warnaserror --nologo -v quiet
set +e
dotnet test NeedToKnow.slnx -c Release --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Sum the per-project summaries ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12").
read -r passed failed skipped < <(awk -F'[:,]' '/(Passed|Failed)! +- +Failed:/ {
  for (i = 1; i <= NF; i++) { gsub(/ /, "", $i) }
  for (i = 1; i < NF; i++) {
    if ($i ~ /Failed$/) f += $(i+1); else if ($i == "Passed") p += $(i+1); else if ($i == "Skipped") s += $(i+1)
  }
} END { printf "%d %d %d\n", p, f, s }' "$log")
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
