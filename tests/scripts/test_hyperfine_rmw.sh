#!/usr/bin/env bash
# tests/scripts/test_hyperfine_rmw.sh: bench/hyperfine-rmw.sh end to end with
# a tiny dataset and two methods: every timed run becomes an ok results row
# (op rmw, consume whole-process) whose checksum is the verified one, the
# report judges the claim "as whole processes", the copy is removed and the
# dataset still verifies; `mapbench cat --op rmw` increments every integer
# once (the same file as the in-process run verifies) and refuses --verify;
# bad arguments exit 2. Skipped (77) without hyperfine or jq.
# Usage: test_hyperfine_rmw.sh MAPBENCH_BINARY SCRATCH_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export MAPBENCH=$1
work=$2/hyperfine-rmw
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v hyperfine >/dev/null && command -v jq >/dev/null || { echo "skip: hyperfine or jq missing"; exit 77; }
rm -rf "$work"; mkdir -p "$work/results" "$work/datasets"
export MB_RESULTS=$work/results MB_DATASETS=$work/datasets

"$root/bench/hyperfine-rmw.sh" --sizes 4002 --methods rmw-read-write,rmw-mmap --runs 2 --warmup 0 \
	>"$work/out" 2>"$work/err" || fail "hyperfine-rmw.sh: $(tail -n 3 "$work/err")"
runs=("$work"/results/*-rmw-hyperfine/)
[ ${#runs[@]} -eq 1 ] || fail "want one run folder, found ${#runs[@]}"
run=${runs[0]%/}
. "$root/bench/lib.sh"
csv_json "$run/results.csv" | jq -e -s 'length == 4 and all(.status == "ok" and .op == "rmw"
	and .consume == "whole-process" and .checksum == .expected_checksum and .checksum != ""
	and .file_size_bytes == "4002")' >/dev/null || fail "results.csv rows: $(head -n 3 "$run/results.csv")"
grep -q 'verdict, from rmw-read-write.*as whole processes' "$run/REPORT.md" || fail "REPORT.md does not judge whole processes"
grep -q '^## Read-modify-write' "$work/out" || fail "the rmw section was not printed"
! ls -a "$work/datasets" | grep -q 'rmw-hyperfine' || fail "the copy was left behind"
"$MAPBENCH" dataset verify --dir "$work/datasets" >/dev/null || fail "the dataset no longer verifies"

# cat --op rmw on a copy: every method gives the file the in-process run verifies
ds=$work/datasets/mb-4002-s1.dat
want=$(csv_json "$run/expected-4002.csv" | jq -r -s '.[0].expected_checksum')
for m in rmw-read-write rmw-block rmw-element rmw-mmap rmw-mmap-msync; do
	cp "$ds" "$work/copy"
	n=$("$MAPBENCH" cat --op rmw --method "$m" --block 12 "$work/copy") || fail "cat --op rmw --method $m"
	[ "$n" = 1000 ] || fail "$m incremented $n integers, not 1000"
	[ "$("$MAPBENCH" cat --method read "$work/copy")" = "$want" ] || fail "$m left a different file"
done
set +e
"$MAPBENCH" cat --op rmw --method rmw-mmap --verify "$work/copy" 2>"$work/e1"; r1=$?
"$MAPBENCH" cat --op rmw --method rmw-mmap --block 6 "$work/copy" 2>"$work/e2"; r2=$?
"$root/bench/hyperfine-rmw.sh" --runs 1 >/dev/null 2>"$work/e3"; r3=$?
set -e
[ "$r1" = 2 ] && grep -q -- --verify "$work/e1" || fail "--verify with --op rmw: exit $r1"
[ "$r2" = 2 ] && grep -q -- --block "$work/e2" || fail "--block 6 with --op rmw: exit $r2"
[ "$r3" = 2 ] && [ "$(wc -l <"$work/e3")" = 1 ] || fail "--runs 1: exit $r3"
echo ok
