#!/bin/sh
# The README's main job on the bundled case, for the tests that read its output: simulate the
# case, analyze it, then analyze it again with nothing new (which must keep the report).
#   analyze_case.sh DARKFLEET CASE_DIR OUT_DIR
set -eu
darkfleet=$1
case_dir=$2
out=$3
rm -rf "$out"
mkdir -p "$out"
"$darkfleet" simulate "$case_dir" --seed 1 -O -o "$out/sim" 2>"$out/simulate.err"
"$darkfleet" analyze "$case_dir" "$out/sim" --db "$out/case.db" -o "$out/report" --no-progress \
  >"$out/first.txt" 2>"$out/first.err"
"$darkfleet" analyze "$case_dir" "$out/sim" --db "$out/case.db" -o "$out/report" --no-progress \
  >"$out/second.txt" 2>"$out/second.err"
cat "$out/first.txt" "$out/second.txt"
