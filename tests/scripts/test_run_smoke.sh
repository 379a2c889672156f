#!/usr/bin/env bash
# tests/scripts/test_run_smoke.sh: bench/run.sh end to end in a tiny custom
# matrix (seconds) into a scratch folder: the results layout (results.csv,
# latency-free custom run, env.txt, machine.csv from a quick probe,
# command.txt, plots/, REPORT.md); then
# SIGINT to the whole job mid-run: exit 130 and a CSV of complete rows only.
# Usage: test_run_smoke.sh MAPBENCH_BINARY SCRATCH_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export MAPBENCH=$1
work=$2/run-smoke
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work"; mkdir -p "$work/results" "$work/datasets"
export MB_RESULTS=$work/results MB_DATASETS=$work/datasets MB_PROBE=quick

"$root/bench/run.sh" custom --method read,mmap,memread --size 64K,1M --block 4K --pattern seq,rand \
	--cache warm --reps 2 --quiet >"$work/log" 2>&1 || fail "run.sh custom: $(tail -n 3 "$work/log")"
runs=("$work"/results/*/)
[ ${#runs[@]} -eq 1 ] || fail "want one run folder, found ${#runs[@]}"
run=${runs[0]%/}
for f in results.csv env.txt machine.csv command.txt REPORT.md plots/summary.csv plots/throughput_vs_size.png \
	plots/throughput_vs_size.svg; do
	[ -s "$run/$f" ] || fail "no $f in $run"
done
grep -q 'uname -a' "$run/env.txt" || fail "env.txt lacks uname -a"
grep -q '^schema,run_id,.*,figure,unit,median,' "$run/machine.csv" || fail "machine.csv has no header"
ls "$work/datasets"/probe-* 2>/dev/null && fail "the probe left its files in MB_DATASETS"
grep -q -- '--method .*memread' "$run/command.txt" || fail "command.txt lacks the command"
"$MAPBENCH" summarize "$run/results.csv" >"$work/s.csv" || fail "results.csv does not summarize"
[ "$(grep -c ',ok,' "$run/results.csv")" -eq 36 ] || fail "want 36 ok rows (3 methods x 2 sizes x (2 seq + 2 rand + 2 rand latency reps)), got $(grep -c ',ok,' "$run/results.csv")"
grep -q '## Verdict' "$run/REPORT.md" || fail "REPORT.md has no verdict"
ls "$work/datasets"/mb-64K-s1.dat >/dev/null || fail "dataset not in MB_DATASETS"

# SIGINT to the job's process group, as Ctrl-C does, into a long run
rm -rf "$work/results"/*
setsid "$root/bench/run.sh" custom --method read --size 16M --block 4K --pattern seq --cache warm \
	--reps 100000 --warmup 0 >"$work/log2" 2>&1 &
pid=$!
# interrupt once a row is written (a loaded machine may take a while to get there)
for _ in $(seq 300); do
	csv=$(ls "$work"/results/*/results.csv 2>/dev/null || true)
	[ -n "$csv" ] && [ "$(wc -l <"$csv")" -ge 2 ] && break
	sleep 0.1
done
sleep 0.3
kill -INT -- "-$pid"
rc=0; wait "$pid" || rc=$?
[ "$rc" -eq 130 ] || fail "interrupted run.sh exited $rc, want 130: $(tail -n 3 "$work/log2")"
csv=$(ls "$work"/results/*/results.csv)
[ "$(tail -c 1 "$csv" | od -An -c | tr -d ' ')" = '\n' ] || fail "results.csv ends in a half row"
"$MAPBENCH" summarize "$csv" >"$work/s2.csv" || fail "interrupted results.csv is not valid"
rows=$(($(wc -l <"$csv") - 1))
[ "$rows" -ge 1 ] && [ "$rows" -lt 100000 ] || fail "$rows rows after the interruption"
echo "ok: layout checked; interrupted after $rows complete rows"
