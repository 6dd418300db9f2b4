#!/usr/bin/env bash
# Every test: the type checks (server and web app), the build (the package's
# exports are tested from dist/ as plain Node ESM; the browser tests load the
# built web app from dist/web), then node:test over an explicit file list (Node
# 20 runs nothing for a directory and fails on a quoted glob). The browser tests
# drive Debian's chromium, installed here when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d /usr/include/node ]; then export npm_config_nodedir=/usr; fi
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run --silent typecheck
npm run --silent build
bash scripts/ensure-chromium.sh
mapfile -t files < <(find src test web/src -name '*.test.ts' | sort)
exec node --import tsx --test --test-reporter=spec "$@" "${files[@]}"
