#!/usr/bin/env bash
# tests/scripts/test_writes_smoke.sh: bench/writes.sh end to end with tiny
# sizes into a scratch folder: every part runs ok (the script exits 0 only if
# every written byte verified), the run folder holds results.csv, REPORT.md
# with the write verdict and the read-modify-write section, the three figure
# sections are printed, every write, rmw and fault method appears, and the
# datasets still verify with no scratch file left. Bad arguments: exit 2.
# Usage: test_writes_smoke.sh MAPBENCH_BINARY SCRATCH_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export MAPBENCH=$1
work=$2/writes-smoke
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work"; mkdir -p "$work/results" "$work/datasets"
export MB_RESULTS=$work/results MB_DATASETS=$work/datasets

"$root/bench/writes.sh" --size 256K --rmw-sizes 4000,40000 --fault-size 256K --reps 2 >"$work/out" 2>"$work/err" ||
	fail "writes.sh: $(tail -n 3 "$work/err")"
runs=("$work"/results/*-writes/)
[ ${#runs[@]} -eq 1 ] || fail "want one run folder, found ${#runs[@]}"
run=${runs[0]%/}
for f in results.csv env.txt command.txt REPORT.md summary.csv; do
	[ -s "$run/$f" ] || fail "no $f in $run"
done
grep -q '^## Verdict: mmap stores against write' "$run/REPORT.md" || fail "REPORT.md has no write verdict"
grep -q '^## Read-modify-write' "$run/REPORT.md" || fail "REPORT.md has no rmw section"
grep -q 'the claim ' "$run/REPORT.md" || fail "REPORT.md does not judge the claim"
for s in '^1\. writes' 'mmap stores / write' '^3\. fault cost'; do
	grep -q "$s" "$work/out" || fail "no '$s' in the printed figures"
done
rows=$(tail -n +2 "$run/results.csv")
! grep -q ',error,' <<<"$rows" || fail "error rows: $(grep ',error,' <<<"$rows" | head -n 2)"
for m in write pwrite fwrite mmap mmap-private rmw-read-write rmw-block rmw-element rmw-mmap rmw-mmap-msync \
	anon-read anon-write fault; do
	grep -q ",$m," "$run/results.csv" || fail "method $m did not run"
done
"$MAPBENCH" dataset verify --dir "$work/datasets" >/dev/null || fail "datasets no longer verify"
! ls -a "$work/datasets" | grep -q scratch || fail "a scratch file was left in the datasets folder"

set +e
"$root/bench/writes.sh" --reps 0 >/dev/null 2>"$work/bad"; rc=$?
set -e
[ "$rc" = 2 ] && [ "$(wc -l <"$work/bad")" = 1 ] || fail "--reps 0: exit $rc, $(cat "$work/bad")"
echo "ok"
