#!/usr/bin/env bash
# Every test: the type check, the build (the package's exports are tested from
# dist/ as plain Node ESM), then node:test over an explicit file list (Node 20
# runs nothing for a directory and fails on a quoted glob).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d /usr/include/node ]; then export npm_config_nodedir=/usr; fi
[ -d node_modules ] || npm ci --no-audit --no-fund
npx tsc -p tsconfig.json --noEmit
npm run --silent build
mapfile -t files < <(find src test -name '*.test.ts' | sort)
exec node --import tsx --test --test-reporter=spec "$@" "${files[@]}"
