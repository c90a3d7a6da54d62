#!/usr/bin/env bash
# Installs the official SARIF validator (npm @microsoft/sarif-multitool 5.7.0) for the review tests, into
# .tmp/tools/sarif under the repository. Idempotent and quiet when it is already there. Sourced by scripts/test.sh;
# exports NTK_SARIF_MULTITOOL, the path of the `sarif-multitool` launcher.
ntk_sarif_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.tmp/tools/sarif"
ntk_sarif_bin="$ntk_sarif_dir/node_modules/.bin/sarif-multitool"
if [ ! -x "$ntk_sarif_bin" ]; then
  mkdir -p "$ntk_sarif_dir"
  if ! command -v npm >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq >/dev/null && apt-get install -y -qq nodejs npm >/dev/null
    fi
  fi
  (cd "$ntk_sarif_dir" && npm install --no-audit --no-fund --silent --prefix "$ntk_sarif_dir" @microsoft/sarif-multitool@5.7.0 >/dev/null)
fi
export NTK_SARIF_MULTITOOL="$ntk_sarif_bin"
