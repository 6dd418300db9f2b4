#!/usr/bin/env bash
# The quick start's main job: install, build, and fill a node on the embedded
# default store (SQLite in ./accord-data) with MITRE ATT&CK and the OASIS
# threat reports, then look around in it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d /usr/include/node ]; then export npm_config_nodedir=/usr; fi
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run --silent build
data="${ACCORD_DATA:-./accord-data}"
accord() { node bin/accord.js --data "$data" "$@"; }
shared=../shared
inputs=()
[ -f "$shared/datasets/enterprise-attack.json.gz" ] && inputs+=("$shared/datasets/enterprise-attack.json.gz")
[ -d "$shared/conformance/stix2.1-examples/cti-stix2-json-schemas/threat-reports" ] && inputs+=("$shared/conformance/stix2.1-examples/cti-stix2-json-schemas/threat-reports")
if [ ${#inputs[@]} -eq 0 ]; then
  echo "No sample data found in $shared; import your own bundles with: node bin/accord.js import FILE" >&2
  exit 2
fi
echo "== accord import ${inputs[*]}"
accord import "${inputs[@]}"
echo; echo "== accord stats"
accord stats
echo; echo "== accord search spearphishing attachment"
accord search spearphishing attachment --limit 5
echo; echo "== accord show intrusion-set--bef4c620-0787-42a8-a96d-b7eb6e85917c (APT28), its neighbours"
accord show intrusion-set--bef4c620-0787-42a8-a96d-b7eb6e85917c | awk '/^References/ { on = 1 } on && shown++ < 16'
echo; echo "The node's data is in $data. Try: node bin/accord.js --help"
