#!/usr/bin/env bash
# tests/scripts/test_pressure_smoke.sh: bench/pressure.sh end to end at a tiny
# scale (a 24M file under a 16M limit, 1 s per method): usage errors exit 2
# in one line; then exit 0, limited/ and unlimited/ folders with results.csv
# (every row ok, mem_limit_bytes the limit in limited/, empty in unlimited/),
# timeline.csv with rows for every configuration, env.txt, command.txt,
# REPORT.md, the comparison, the printed figures (the machine; per side a
# table of the results and one of the timelines: ops/s, read_amp, where the
# timeline settled, a line per configuration in each), and
# no memory cgroup left behind. Needs root and a writable memory cgroup, and
# jq (exit 77 otherwise).
# Usage: test_pressure_smoke.sh MAPBENCH_BINARY SCRATCH_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export MAPBENCH=$1
work=$2/pressure-smoke
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work"; mkdir -p "$work/results" "$work/datasets"
export MB_RESULTS=$work/results MB_DATASETS=$work/datasets
script=$root/bench/pressure.sh

# usage errors: exit 2, one line, nothing made
for bad in "--bogus" "--mem" "--mem lots" "--size 1X" "--duration 0" "--duration -1" "sideways"; do
	r=0
	# shellcheck disable=SC2086 # (the words are the arguments)
	"$script" $bad >"$work/usage.out" 2>"$work/usage.err" || r=$?
	[ "$r" -eq 2 ] || fail "pressure.sh $bad: exit $r, want 2"
	[ "$(wc -l <"$work/usage.err")" -eq 1 ] || fail "pressure.sh $bad: want one line, got: $(cat "$work/usage.err")"
done
[ -z "$(ls "$work/results")" ] || fail "a usage error made a results folder"
"$script" --help | grep -q -- '--mem SIZE' || fail "--help does not describe --mem"

[ "$(id -u)" -eq 0 ] || { echo "skip: needs root (a memory cgroup)"; exit 77; }
command -v jq >/dev/null || { echo "skip: jq is missing (tests/run.sh installs it)"; exit 77; }
if ! { grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null && [ -w /sys/fs/cgroup ]; } &&
	! [ -w /sys/fs/cgroup/memory ]; then
	echo "skip: no writable memory cgroup under /sys/fs/cgroup"; exit 77
fi
. "$root/bench/lib.sh"

r=0
"$script" --mem 16M --size 24M --duration 1 >"$work/out" 2>"$work/err" || r=$?
[ "$r" -ne 3 ] || { echo "skip: pressure.sh exit 3: $(tail -n 1 "$work/err")"; exit 77; }
[ "$r" -eq 0 ] || fail "pressure.sh: exit $r: $(tail -n 5 "$work/err")"
tops=("$work"/results/pressure-*/)
[ ${#tops[@]} -eq 1 ] || fail "want one pressure folder, found ${#tops[@]}"
top=${tops[0]%/}
for side in limited unlimited; do
	for f in results.csv timeline.csv env.txt command.txt REPORT.md plots/summary.csv; do
		[ -s "$top/$side/$f" ] || fail "no $side/$f in $top"
	done
	grep -q -- '--timeline' "$top/$side/command.txt" || fail "$side/command.txt lacks the mapbench runs"
done
grep -q -- '--mem-limit 16M' "$top/limited/command.txt" || fail "limited/command.txt lacks --mem-limit"
! grep -q -- '--mem-limit' "$top/unlimited/command.txt" || fail "unlimited/command.txt has --mem-limit"
[ -s "$top/compare/COMPARE.md" ] || fail "no compare/COMPARE.md"

# rows: ok, the limit recorded in limited/ only, the configurations asked for
rows() { csv_json "$top/$1/results.csv" | jq -r -s "$2"; }
[ "$(rows limited 'map(.status + "|" + .mem_limit_bytes) | unique | join(" ")')" = "ok|16777216" ] ||
	fail "limited rows: $(rows limited 'map(.status + "|" + .mem_limit_bytes) | unique')"
[ "$(rows unlimited 'map(.status + "|" + .mem_limit_bytes) | unique | join(" ")')" = "ok|" ] ||
	fail "unlimited rows: $(rows unlimited 'map(.status + "|" + .mem_limit_bytes) | unique')"
configs='map([.method, .advice, .pattern, .block_size_bytes, .cache] | join(" ")) | sort | join(",")'
rand="dontcache none rand 4096 cold,mmap none rand 4096 cold,mmap random rand 4096 cold,odirect none rand 4096 cold,pread none rand 4096 cold"
[ "$(rows unlimited "$configs")" = "$rand" ] || fail "unlimited configurations: $(rows unlimited "$configs")"
[ "$(rows limited "$configs")" = "dontcache none rand 4096 cold,mmap none rand 4096 cold,mmap none seq 131072 cold,mmap random rand 4096 cold,odirect none rand 4096 cold,pread none rand 4096 cold,read none seq 131072 cold" ] ||
	fail "limited configurations: $(rows limited "$configs")"
for side in limited unlimited; do
	n=$(csv_json "$top/$side/timeline.csv" | jq -s 'map(.method + .advice + .pattern) | unique | length')
	[ "$n" -eq "$(rows "$side" 'length')" ] || fail "$side/timeline.csv: intervals of $n configurations"
done

# the figures: per side, a table of the results (method, advice, pattern,
# block, ops/s, ...) and one of the timeline (..., first and settled ops/s):
# each configuration twice, with numbers
grep -q '^machine: .*kernel' "$work/out" || fail "no machine line: $(cat "$work/out")"
section() { awk -v s="$1:" '$0 == s { on = 1; next } /^[a-z]+:$/ { on = 0 } on' "$work/out"; }
for side in limited unlimited; do
	section "$side" | head -n 1 | grep -q 'ops_per_s_median' || fail "$side: no results table: $(cat "$work/out")"
	section "$side" | grep -q 'settled_ops_per_s' || fail "$side: no timeline table: $(cat "$work/out")"
	for m in "pread none rand 4096" "odirect none rand 4096" "dontcache none rand 4096" "mmap none rand 4096" "mmap random rand 4096"; do
		n=$(section "$side" | grep -Ec "^${m// / +} +[0-9]" || true)
		[ "$n" -eq 2 ] || fail "$side: $n figure lines of $m, want 2: $(cat "$work/out")"
	done
done
for m in read mmap; do
	n=$(section limited | grep -Ec "^$m +none +seq +131072 +[0-9]" || true)
	[ "$n" -eq 2 ] || fail "limited: $n figure lines of the $m scan, want 2: $(cat "$work/out")"
done

# no memory cgroup left: every mapbench-<pid> group belongs to a live process
while IFS= read -r d; do
	pid=${d##*mapbench-}
	[ -d "/proc/$pid" ] || fail "memory cgroup left behind: $d"
done < <(find /sys/fs/cgroup -maxdepth 4 -type d -name 'mapbench-*' 2>/dev/null)
echo "ok: limited and unlimited runs, timelines, comparison and figures"
