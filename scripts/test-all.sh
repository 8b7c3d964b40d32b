#!/usr/bin/env bash
# `npm test`: every check, in the order a failure is cheapest to find.
# Integration tests use DATABASE_URL's server (a fresh database per run) or an embedded one.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p test-results

step() { printf '\n==> %s\n' "$*"; }

step "lint"
npm run --silent lint
step "format (Prettier: npm run format writes it)"
npm run --silent format:check
step "type-check"
npm run --silent typecheck
step "schema and migrations agree"
npm run --silent db:check
step "unit tests"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json=test-results/unit.json
if [ -n "${DATABASE_URL:-}" ]; then where="the server in DATABASE_URL"; else where="embedded"; fi
step "integration tests (real Postgres: ${where})"
npx vitest run --project integration --reporter=default --reporter=json --outputFile.json=test-results/integration.json
# The integration project can exit 0 with failed tests (its global set-up's teardown runs last): its
# own report decides, so a failure stops here instead of surfacing only in the summary.
node -e 'const r = JSON.parse(require("fs").readFileSync("test-results/integration.json", "utf8")); if (!r.success || r.numFailedTests > 0 || r.numFailedTestSuites > 0) { console.error(`integration: ${r.numFailedTests} tests and ${r.numFailedTestSuites} files failed`); process.exit(1); }'
step "next build"
npx next build
step "end-to-end (Playwright, Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/e2e.json npx playwright test --reporter=list,json
step "summary"
node scripts/test-summary.mjs test-results/unit.json test-results/integration.json test-results/e2e.json
