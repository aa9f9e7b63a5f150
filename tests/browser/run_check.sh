#!/bin/sh
# Runs check_report.mjs with the given arguments, or exits 77 (CTest's SKIP_RETURN_CODE) with
# the reason when the machine cannot run it: no node, no Chromium, or no npm install yet.
# scripts/setup --deps installs all three.
#   run_check.sh REPORT.html --screenshot OUT.png [--expect-text TEXT]...
here=$(dirname "$0")
chromium=${CHROMIUM:-/usr/bin/chromium}
skip() {
  echo "SKIP: $1 (scripts/setup --deps installs it)" >&2
  exit 77
}
command -v node >/dev/null 2>&1 || skip "node is not on PATH"
[ -x "$chromium" ] || skip "no Chromium at $chromium"
[ -d "$here/node_modules/playwright-core" ] || skip "$here/node_modules is missing (npm ci)"
exec node "$here/check_report.mjs" "$@"
