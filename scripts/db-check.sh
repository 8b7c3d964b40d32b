#!/usr/bin/env bash
# `npm run db:check`: db/schema and the committed migrations agree. drizzle-kit generates into a copy
# of db/migrations; any new file there is a schema change that has no migration yet.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .data
copy=$(mktemp -d -p .data db-check.XXXXXX)
trap 'rm -rf "$copy"' EXIT
cp -r db/migrations "$copy/"
before=$(find "$copy/migrations" -type f | sort)
npx drizzle-kit generate --dialect postgresql --schema ./db/schema/index.ts --out "./$copy/migrations" --casing snake_case > "$copy/generate.log" 2>&1 || { cat "$copy/generate.log"; exit 1; }
after=$(find "$copy/migrations" -type f | sort)
if [ "$before" != "$after" ]; then
  echo "db/schema has changes with no migration: run npm run db:generate and commit the SQL." >&2
  diff <(echo "$before") <(echo "$after") | sed -n 's/^> /  new: /p' >&2
  exit 1
fi
echo "db:check: db/schema and db/migrations agree"
