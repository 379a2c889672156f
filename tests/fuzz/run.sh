#!/usr/bin/env bash
# tests/fuzz/run.sh: builds the libFuzzer harnesses of tests/fuzz (preset
# fuzz, clang) and runs each for a bounded time from its seed corpus (and its
# regression inputs); fails on a crash or a sanitizer report, and prints the
# executions of each harness. A crashing input is left in build/fuzz/crashes/.
#
#   tests/fuzz/run.sh [HARNESS...]     (default: every harness)
#
#   MB_FUZZ_SECONDS   seconds per harness (default 60)
set -euo pipefail
. "$(dirname "$0")/../../bench/lib.sh"

case "${1:-}" in -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac
secs=${MB_FUZZ_SECONDS:-60}
[[ "$secs" =~ ^[1-9][0-9]*$ ]] || { mb_say "MB_FUZZ_SECONDS=$secs is not a whole number of seconds"; exit 2; }
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(results_csv size_list manifest run_options)
mb_need_pkgs "${MB_BUILD_PKGS[@]}" "${MB_FUZZ_PKGS[@]}"

bdir=$MB_ROOT/build/fuzz
mkdir -p "$bdir"
targets=()
for h in "${harnesses[@]}"; do
	[ -f "$MB_ROOT/tests/fuzz/fuzz_$h.c" ] || { mb_say "no fuzz harness '$h' (tests/fuzz/fuzz_$h.c)"; exit 2; }
	targets+=("fuzz_$h")
done
mb_say "fuzz: building ${targets[*]}"
if ! (cd "$MB_ROOT" && cmake --preset fuzz && cmake --build --preset fuzz --target "${targets[@]}") \
	>"$bdir.log" 2>&1; then
	tail -n 30 "$bdir.log" >&2
	mb_say "fuzz: build failed; full log: $bdir.log"
	exit 1
fi

# the manifest harness writes its input to a file each time: on tmpfs
tmp=$(mktemp -d "$([ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/mb-fuzz.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failed=0
for h in "${harnesses[@]}"; do
	work=$bdir/work/$h
	rm -rf "$work"
	mkdir -p "$work" "$bdir/crashes/$h"
	# libFuzzer adds what it finds to the first folder: a copy, so the
	# committed corpus stays as it is
	cp -r "$MB_ROOT/tests/fuzz/corpus/$h/." "$work/"
	seeds=("$work")
	[ -d "$MB_ROOT/tests/fuzz/regressions/$h" ] && seeds+=("$MB_ROOT/tests/fuzz/regressions/$h")
	log=$bdir/$h.log
	mb_say "fuzz: $h for ${secs}s"
	rc=0
	(cd "$work" && TMPDIR=$tmp ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"$bdir/tests/fuzz/fuzz_$h" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-max_len=8192 -close_fd_mask=3 -print_final_stats=1 \
		-artifact_prefix="$bdir/crashes/$h/" "${seeds[@]}") >"$log" 2>&1 || rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	if [ $rc -ne 0 ] || grep -q 'ERROR: \(AddressSanitizer\|LeakSanitizer\|libFuzzer\)\|runtime error:' "$log"; then
		grep -m 5 'ERROR\|runtime error\|Test unit written' "$log" >&2 || true
		mb_say "fuzz: $h FAILED (exit $rc; log $log, input in $bdir/crashes/$h/)"
		failed=1
	fi
	printf 'fuzz: %-12s %s executions in %ss\n' "$h" "${execs:-?}" "$secs"
done
exit $failed
