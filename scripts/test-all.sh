#!/usr/bin/env bash
# Every test the project has: lint, unit + conformance + scenario tests (Vitest), then the
# end-to-end tests in headless Chromium against the production build. Ends with one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
report_dir=$(mktemp -d)
trap 'rm -rf "$report_dir"' EXIT
status=0

step() { printf '\n== %s\n' "$1"; }

step "lint"
npm run --silent lint || status=1

step "unit, conformance and scenario tests"
npx vitest run --reporter=default --reporter=json --outputFile.json="$report_dir/unit.json" || status=1

step "end-to-end tests (headless Chromium)"
if bash scripts/ensure-chromium.sh; then
  npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json="$report_dir/e2e.json" || status=1
else
  status=1
fi

node scripts/summarize-tests.mjs "$report_dir"/*.json || status=1
exit $status
