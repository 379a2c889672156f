#!/usr/bin/env bash
# tests/scripts/test_scale_smoke.sh: bench/scale.sh end to end at a tiny
# scale (a 1M file, 2 repetitions, up to 2 workers): usage errors exit 2 in
# one line and make nothing; then exit 0, a scale-<run_id>/ folder with
# results.csv (every row ok: mmap and pread, threads 1 and 2 and 2
# processes, the workers column saying which), summary.csv, the chart
# (scale.csv, scale.png, scale.svg), compare.md, env.txt and command.txt,
# and the printed figures: the machine and a line per method, kind and
# count with its ops/s and TLB shootdowns per op. Needs jq (exit 77
# otherwise; tests/run.sh installs it).
# Usage: test_scale_smoke.sh MAPBENCH_BINARY SCRATCH_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export MAPBENCH=$1
work=$2/scale-smoke
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work"; mkdir -p "$work/results" "$work/datasets"
export MB_RESULTS=$work/results MB_DATASETS=$work/datasets
script=$root/bench/scale.sh

for bad in "--bogus" "--size" "--size big" "--max 0" "--max x" "--reps 0" "--reps -3" "sideways"; do
	r=0
	# shellcheck disable=SC2086 # (the words are the arguments)
	"$script" $bad >"$work/usage.out" 2>"$work/usage.err" || r=$?
	[ "$r" -eq 2 ] || fail "scale.sh $bad: exit $r, want 2"
	[ "$(wc -l <"$work/usage.err")" -eq 1 ] || fail "scale.sh $bad: want one line, got: $(cat "$work/usage.err")"
done
[ -z "$(ls "$work/results")" ] || fail "a usage error made a results folder"
"$script" --help | grep -q -- '--max N' || fail "--help does not describe --max"

command -v jq >/dev/null || { echo "skip: jq is missing (tests/run.sh installs it)"; exit 77; }
. "$root/bench/lib.sh"

r=0
"$script" --size 1M --reps 2 --max 2 >"$work/out" 2>"$work/err" || r=$?
[ "$r" -eq 0 ] || fail "scale.sh: exit $r: $(tail -n 5 "$work/err")"
tops=("$work"/results/scale-*/)
[ ${#tops[@]} -eq 1 ] || fail "want one scale folder, found ${#tops[@]}"
top=${tops[0]%/}
for f in results.csv summary.csv scale.csv scale.png scale.svg compare.md env.txt command.txt; do
	[ -s "$top/$f" ] || fail "no $f in $top"
done
grep -q -- '--procs 2' "$top/command.txt" || fail "command.txt lacks the --procs run"
rows=$(csv_json "$top/results.csv" | jq -r -s 'map(.method + " " + .workers + " " + .threads + " " + .status) | unique | join(",")')
want="mmap procs 2 ok,mmap threads 1 ok,mmap threads 2 ok,pread procs 2 ok,pread threads 1 ok,pread threads 2 ok"
[ "$rows" = "$want" ] || fail "results rows: $rows, want $want"
grep -q '^machine: .*kernel' "$work/out" || fail "no machine line in the figures"
for want in "pread +threads +1 " "pread +threads +2 " "pread +procs +2 " "mmap +threads +1 " "mmap +threads +2 " "mmap +procs +2 "; do
	grep -Eq "^$want" "$work/out" || fail "no figures line '$want' in: $(cat "$work/out")"
done
grep -q 'tlb_per_op_median' "$work/out" || fail "the figures lack TLB shootdowns per op"
head -c 8 "$top/scale.png" | od -An -c | grep -q 'P   N   G' || fail "scale.png is not a PNG"
echo "ok: scale.sh made its folder, chart and figures"
