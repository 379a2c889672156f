#!/usr/bin/env bash
# tests/valgrind/run.sh: short `mapbench run`s of every method of every op
# (read, write, rmw), every consume mode, threads, worker processes and the
# latency and timeline outputs, then summarize, ratio, compare, chart and
# report of what they wrote, each under valgrind memcheck: any memory error,
# or a definite or indirect leak, fails the script. Uses the optimised build
# (preset ci; MAPBENCH to give another binary without sanitizers).
#
#   tests/valgrind/run.sh
set -euo pipefail
. "$(dirname "$0")/../../bench/lib.sh"

case "${1:-}" in -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac
[ $# -eq 0 ] || { mb_say "valgrind: no arguments expected (see --help)"; exit 2; }
mb_need_pkgs "${MB_BUILD_PKGS[@]}" "${MB_VALGRIND_PKGS[@]}"
if [ -n "${MAPBENCH:-}" ]; then
	mb=$MAPBENCH
else
	mb_say "valgrind: building mapbench (preset ci)"
	mkdir -p "$MB_ROOT/build"
	(cd "$MB_ROOT" && cmake --preset ci && cmake --build --preset ci --target mapbench) \
		>"$MB_ROOT/build/valgrind-build.log" 2>&1 ||
		{ tail -n 30 "$MB_ROOT/build/valgrind-build.log" >&2; mb_say "valgrind: build failed"; exit 1; }
	mb=$MB_ROOT/build/ci/mapbench
fi

# a real filesystem (odirect needs one; /tmp may be tmpfs): under build/
mkdir -p "$MB_ROOT/build"
work=$(mktemp -d "$MB_ROOT/build/valgrind.XXXXXX")
trap 'rm -rf "$work"' EXIT
res=$work/results
mkdir -p "$res"

READ_METHODS=read,fread,pread,readv,preadv,odirect,dontcache,uring,mmap,mmap-private,mmap-window,memread,fault,anon-read
WRITE_METHODS=write,pwrite,pwritev,fwrite,odirect,uring,mmap,mmap-private,anon-write
RMW_METHODS=rmw-read-write,rmw-block,rmw-element,rmw-mmap,rmw-mmap-msync
# io_uring runs under valgrind 3.19 and later (io_uring_setup/enter/register
# are known to it): uring is in the lists above.

runs=0 failed=0
vg() { # vg NAME ARGS...: runs mapbench ARGS under memcheck, log in $work/NAME.log
	local name=$1 rc=0
	shift
	runs=$((runs + 1))
	valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--show-leak-kinds=definite,indirect --track-origins=yes --child-silent-after-fork=no \
		--log-file="$work/$name.vg.%p" "$mb" "$@" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
	if [ $rc -ne 0 ] || cat "$work/$name".vg.* 2>/dev/null | grep -q .; then
		mb_say "valgrind: $name FAILED (exit $rc): mapbench $*"
		cat "$work/$name".vg.* "$work/$name.err" 2>/dev/null | head -n 40 >&2
		failed=$((failed + 1))
	else
		printf 'valgrind: %-14s ok\n' "$name"
	fi
}
common=(--dir "$work/datasets" --size 64K --block 4K,16K --reps 1 --warmup 0 --cache warm --quiet)

vg read-methods  run "${common[@]}" --method "$READ_METHODS" --pattern seq,rand --out "$res/results.csv"
vg read-consume  run "${common[@]}" --method mmap,mmap-private,mmap-window,memread --consume sum,touch,copy \
	--pattern seq --out "$res/results.csv"
vg read-workers  run "${common[@]}" --method pread,mmap,uring --threads 1,2 --qd 1,4 --pattern rand \
	--latency --lat-out "$work/latency.csv" --out "$res/results.csv"
vg read-procs    run "${common[@]}" --method pread,mmap --procs 2 --pattern seq --out "$res/results.csv"
vg read-timeline run "${common[@]}" --method read,mmap --pattern seq --duration 0.2 \
	--timeline "$work/timeline.csv" --timeline-interval 0.05 --out "$res/results.csv"
vg write-methods run "${common[@]}" --op write --method "$WRITE_METHODS" --target rewrite,new \
	--sync none,fsync --pattern seq,rand --out "$res/results.csv"
vg write-consume run "${common[@]}" --op write --method mmap --consume touch,copy --sync msync \
	--pattern seq --out "$res/results.csv"
vg rmw-methods   run --dir "$work/datasets" --size 40000 --block 4K --reps 1 --warmup 0 --cache warm --quiet \
	--op rmw --method "$RMW_METHODS" --pattern seq,rand --out "$res/results.csv"

vg other-run     run "${common[@]}" --method read,mmap --pattern seq,rand --run-id other --out "$work/other.csv"

# the readers, on what the runs wrote
vg summarize summarize "$res/results.csv"
vg ratio     ratio --by method --num mmap --den read "$res/results.csv"
vg compare   compare --by pattern --base seq "$res/results.csv"
vg compare2  compare "$res/results.csv" "$work/other.csv"
vg compare-md compare --format md "$work/other.csv" "$res/results.csv"
vg chart     chart latency_cdf "$work/latency.csv"
vg chart-tl  chart timeline "$work/timeline.csv"
vg report    report "$res"
vg dataset   dataset verify --dir "$work/datasets"

mb_say "valgrind: $runs runs under memcheck, $failed failed"
[ $failed -eq 0 ]
