#!/usr/bin/env bash
# tests/scripts/test_sigkill_rows.sh: SIGKILL at random moments never damages
# a results file. Rounds of six quick runs (64 KiB dataset) append to one
# shared CSV; five of each round are killed with SIGKILL at random moments,
# at least 50 kills in all (bounded to about 60 s). Then the CSV parses
# (python3 csv and mapbench summarize) and holds complete rows only, and every
# run that reported itself done (exit 0, or killed after its median summary
# reached stderr) has all its rows there, identified by --run-id. As root, the same on a nearly full
# tmpfs, where appends also fail for want of space.
# Usage: test_sigkill_rows.sh MAPBENCH_BINARY SCRATCH_DIR
set -euo pipefail
MB=$1
work=$2/sigkill
. "$(dirname "$0")/rows_lib.sh"
mkdir -p "$work/log"
"$MB" dataset make --size 64K --dir "$work/ds" >/dev/null || fail "dataset make"
quick=(--method read,mmap --pattern seq --cache warm --size 64K --block 4K --reps 20 --warmup 0
	--dir "$work/ds")
per_run=40 # 2 methods x 20 reps
# how long one run takes here (an ASan build is ten times slower): the kills
# land at random moments within it
t0=$(date +%s%N)
"$MB" run "${quick[@]}" --quiet --out "$work/time.csv" || fail "a quick run failed"
run_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
step_ms=$(( run_ms / 4 + 1 ))


# rows of one run id in a results file
rows_of() {
	python3 -c "import csv,sys; print(sum(1 for r in csv.DictReader(open(sys.argv[1])) if r['run_id'] == sys.argv[2]))" "$1" "$2"
}

# Rounds of six runs on out, five of them killed one after another at
# random moments; $1: the file, $2: kills that landed (the run still ran)
# at least, $3: seconds at most.
# Counts kills; the runs that reported themselves done go to done_runs.
kills=0
done_runs=()
rounds() {
	local out=$1 min=$2 budget=$3 t0=$SECONDS i=0 k pids keep rc d k0=$kills
	while [ $((kills - k0)) -lt "$min" ] && [ $((SECONDS - t0)) -lt "$budget" ]; do
		i=$((i + 1))
		pids=()
		for k in 0 1 2 3 4 5; do
			"$MB" run "${quick[@]}" --out "$out" --run-id "k$i-$k" >/dev/null 2>"$work/log/$k" &
			pids+=($!)
		done
		keep=$((RANDOM % 6))
		for k in 0 1 2 3 4 5; do
			[ $k -eq $keep ] && continue
			d=$((RANDOM % step_ms))
			sleep "$(printf '%d.%03d' $((d / 1000)) $((d % 1000)))"
			kill -KILL "${pids[$k]}" 2>/dev/null && kills=$((kills + 1))
		done
		for k in 0 1 2 3 4 5; do
			rc=0; wait "${pids[$k]}" 2>/dev/null || rc=$?
			# done: exit 0, or killed after the summary reached stderr when no
			# append had failed (a run that could not write a row, disk
			# full, still sums up the rows it did write, then exits 1)
			if [ $rc -eq 0 ] || { [ $rc -eq 137 ] && grep -q '^median' "$work/log/$k" &&
				! grep -q '^mapbench: run: --out ' "$work/log/$k"; }; then
				done_runs+=("$out k$i-$k")
			fi
		done
		[ ! -e "$out" ] || whole "$out"
	done
	[ $((kills - k0)) -ge "$min" ] || echo "note: $((kills - k0)) of $min kills on $out within ${budget}s"
}

rounds "$work/shared.csv" 52 60
[ $kills -ge 50 ] || fail "only $kills runs killed (want >= 50)"
"$MB" summarize "$work/shared.csv" >/dev/null || fail "summarize of the shared file"

full=0
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=2m tmpfs "$mnt" 2>/dev/null; then
	head -c $((2048 * 1024 - 40960)) /dev/zero >"$mnt/fill" 2>/dev/null || true
	rounds "$mnt/full.csv" 5 10
	[ ! -e "$mnt/full.csv" ] || whole "$mnt/full.csv"
	full=1
fi

for d in "${done_runs[@]}"; do
	set -- $d
	[ -e "$1" ] || fail "$2 reported done but $1 is gone"
	n=$(rows_of "$1" "$2")
	[ "$n" -eq $per_run ] || fail "run $2 reported done but $1 holds $n of its $per_run rows"
done
[ $full = 1 ] && umount "$mnt"
echo "ok: $kills runs killed, ${#done_runs[@]} finished runs complete, whole rows only"
