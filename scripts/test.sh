#!/usr/bin/env bash
# Runs every test: the type check, then node:test over an explicit file list
# (node 20 runs nothing for a directory and fails on a quoted glob).
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p tsconfig.json --noEmit
mapfile -t files < <(find src test -name '*.test.ts' -not -path '*/node_modules/*' | sort)
exec node --import tsx --test --test-reporter=spec "$@" "${files[@]}"
