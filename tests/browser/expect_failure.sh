#!/bin/sh
# Self-test of the checker: passes when check_report.mjs rejects a page, i.e. exits 1 and
# names the expected problem on stderr. A skip (77) is passed on.
#   expect_failure.sh MESSAGE REPORT.html --screenshot OUT.png [...]
[ $# -ge 2 ] || { echo "usage: expect_failure.sh MESSAGE REPORT.html --screenshot OUT.png" >&2; exit 2; }
message=$1
shift
stderr=$(sh "$(dirname "$0")/run_check.sh" "$@" 2>&1 >/dev/null)
rc=$?
printf '%s\n' "$stderr"
[ "$rc" -eq 77 ] && exit 77
if [ "$rc" -ne 1 ]; then
  echo "expect_failure: check_report exited $rc, expected 1" >&2
  exit 1
fi
case $stderr in
  *"$message"*) echo "expect_failure: OK, failed as expected with \"$message\"" ;;
  *) echo "expect_failure: the failure does not mention \"$message\"" >&2; exit 1 ;;
esac
