#!/usr/bin/env bash
# Installs wrk (Debian package) for the HTTP load measurements in docs/server.md. Used for measurement only, not by
# scripts/test.sh. Idempotent.
set -euo pipefail
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi
wrk --version 2>&1 | head -1 || true
