#!/usr/bin/env bash
# `npm start`, the quick start's main job: install (when node_modules is
# missing), build, and run the demo federation — UK, AU and PL nodes on
# loopback (ports 7401-7403), seeded — until Ctrl-C. Arguments go to
# `accord demo` (e.g. npm start -- --data ./demo-data); see docs/demo.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d /usr/include/node ]; then export npm_config_nodedir=/usr; fi
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run --silent build
exec node bin/accord.js demo "$@"
