# Installs Debian's Chromium for the browser tests (Playwright drives it; nothing is downloaded by Playwright).
# Sourced by scripts/test.sh; idempotent.
if ! command -v chromium >/dev/null 2>&1; then
  echo "setup: installing chromium from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
fi
export NTK_CHROMIUM="${NTK_CHROMIUM:-$(command -v chromium)}"
