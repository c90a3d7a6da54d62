# Node.js for tests that run ../shared/peers (the gate workload generator, workload.mjs). Idempotent, quiet when present.
if ! command -v node >/dev/null 2>&1; then
  echo "setup: installing nodejs" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null 2>&1 || {
    apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null
  }
fi
