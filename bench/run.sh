#!/usr/bin/env bash
# bench/run.sh: the main job. Installs what is missing (as root), builds the
# Release binary, makes the datasets, runs the matrix and writes everything to
# results/<run_id>/: results.csv, latency.csv (random-access latency
# histograms), env.txt, machine.csv (the machine's primitive costs, from
# mapbench probe), command.txt, then the charts (plots/, by plots/render.sh)
# and REPORT.md (mapbench report).
#
#   bench/run.sh [quick [ARGS...]]   the quick matrix (about a minute on 2 cores);
#                          ARGS are added to it (e.g. --drop-caches)
#   bench/run.sh full [ARGS...]      the full matrix (under 40 minutes on 2 cores):
#                          every method and advice on both patterns and cache states,
#                          sizes 4K..4G and blocks 4K..1M for read, pread, mmap,
#                          memread; a write part (every write method, rewrite and
#                          new targets, sync none, fsync, msync, 64M), a
#                          read-modify-write part (10 thousand and 10 million
#                          integers, every rmw method) and fault costs;
#                          adaptive repetition (95% CI of the median within
#                          +-2%, at most 20 reps or a few seconds each)
#   bench/run.sh custom ARGS...   `mapbench run` with your own ARGS
#
# Environment: MB_DATASETS (default datasets/), MB_RESULTS (default results/),
# MB_PROBE (the machine probe: full, quick or off; default quick for the quick
# matrix, full otherwise).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'
}

# The full matrix: parts, each one `mapbench run` appending to the same CSV.
# The cartesian product of everything would take hours; each part asks one
# question. Cold random reads stop at 64M (a 4G file at 4 KiB would take
# minutes per repetition; memread's figures for them come from the warm part),
# cold sequential reads use the warm part's 128K blocks (with readahead the
# device figure; the cold block sweep shows the rest).
core=read,pread,mmap,memread
# latency: 3 latency repetitions per random configuration, beside the
# throughput repetitions that adaptive repetition extends
adaptive=(--reps 6 --ci-target 2 --max-reps 20 --lat-reps 3)
full_parts=(
	"size sweep, warm|--method $core --pattern seq,rand --cache warm --size 4K..4G --block 4K,128K --time-budget 3"
	"size sweep, cold sequential|--method $core --pattern seq --cache cold --size 4K..4G --block 128K --time-budget 4"
	"size sweep, cold random|--method read,pread,mmap --pattern rand --cache cold --size 4K..64M --block 4K --time-budget 4"
	"block sweep, warm|--method $core --pattern seq,rand --cache warm --size 1G --block 4K..1M --time-budget 3"
	"block sweep, cold sequential|--method $core --pattern seq --cache cold --size 256M --block 4K..1M --time-budget 3"
	"every method and advice|--method read,pread,readv,preadv,odirect,dontcache,uring,mmap,mmap-private,mmap-window,memread --advice none,normal,sequential,random,willneed,hugepage,populate-read,map-populate,noreuse,readahead --pattern seq,rand --cache warm,cold --size 16M --block 64K --time-budget 2"
	"writes|--op write --method write,pwrite,pwritev,fwrite,mmap,mmap-private --target rewrite,new --sync none,fsync,msync --pattern seq,rand --cache warm --size 64M --block 4K,1M --time-budget 3"
	"read-modify-write|--op rmw --pattern seq --cache warm --size 40000,40000000 --block 4K --time-budget 4"
	"fault costs|--method anon-read,fault --advice none,map-populate --pattern seq,rand --cache warm --size 64M --block 4K --time-budget 2"
)

mode=${1-quick} # an empty mode is not quick
case $mode in
	quick) shift $(( $# > 0 ? 1 : 0 ));
		args=("${MB_QUICK_ARGS[@]}" "$@") ;;
	full) shift; args=("$@") ;;
	custom) shift; args=("$@") ;;
	-h|--help) usage; exit 0 ;;
	*) mb_say "run.sh: unknown mode '$mode' (use quick, full or custom ARGS...)"; exit 2 ;;
esac

# run.sh names the results, the datasets and the run: ARGS may not
for a in "${args[@]}"; do
	case $a in
		--out|--out=*|--dir|--dir=*|--run-id|--run-id=*|--lat-out|--lat-out=*)
			mb_say "run.sh: ${a%%=*} is set by run.sh (results/<run_id>/; MB_RESULTS and MB_DATASETS choose the folders); drop it, or use mapbench run directly"
			exit 2 ;;
	esac
done

mb_need_pkgs "${MB_BUILD_PKGS[@]}" "${MB_PLOT_PKGS[@]}"
mb=$(mb_build release)

# --help anywhere in ARGS: mapbench run's options
for a in "${args[@]}"; do
	case $a in -h|--help) "$mb" run --help; exit 0 ;; esac
done
# options mapbench run refuses: said before a results folder is made
# (--print-header: the options are parsed, nothing runs)
if [ "$mode" = full ]; then
	check_parts=("${full_parts[@]}")
else
	check_parts=("$mode|")
fi
for part in "${check_parts[@]}"; do
	read -ra part_args <<<"${part#*|}"
	[ "$mode" = full ] && part_args+=("${adaptive[@]}")
	rc=0
	"$mb" run "${part_args[@]}" "${args[@]}" --print-header >/dev/null || rc=$?
	[ $rc -eq 0 ] || { mb_say "run.sh: mapbench run refused the arguments (above); nothing was run"; exit "$rc"; }
done

datasets=${MB_DATASETS:-$MB_WORK/datasets}
results=${MB_RESULTS:-$MB_WORK/results}
[ "$MB_INSTALLED" = 0 ] || mkdir -p "$results"
[ -d "$results" ] || { mb_say "results folder $results does not exist"; exit 2; }
[ -d "$datasets" ] || mkdir "$datasets" || { mb_say "cannot make the datasets folder $datasets"; exit 2; }
run_id=$(mb_run_id)
out="$results/$run_id"
mkdir "$out"

common=(--dir "$datasets" --run-id "$run_id" --out "$out/results.csv")
[ "$mode" = custom ] || common+=(--lat-out "$out/latency.csv")
# parts: "title|mapbench run args" (full), or one part (quick, custom)
if [ "$mode" = full ]; then
	parts=("${full_parts[@]}")
else
	parts=("$mode|")
fi
printf '%q ' "$0" "$mode" "$@" >"$out/command.txt"; echo >>"$out/command.txt"
for part in "${parts[@]}"; do
	read -ra part_args <<<"${part#*|}"
	[ "$mode" = full ] && part_args+=("${adaptive[@]}")
	printf '%q ' "$mb" run "${part_args[@]}" "${args[@]}" "${common[@]}" >>"$out/command.txt"
	echo >>"$out/command.txt"
done
mb_env_dump "$out/env.txt" "$datasets" "$mb"
# the machine's primitive costs, beside the environment (its table goes to the file only)
probe=${MB_PROBE:-$([ "$mode" = quick ] && echo quick || echo full)}
probe_args=()
case $probe in
	full) mb_say "machine probe: $out/machine.csv (about 15 s)" ;;
	quick) probe_args=(--quick); mb_say "machine probe (quick): $out/machine.csv" ;;
	off) ;;
	*) mb_say "MB_PROBE=$probe: want full, quick or off"; exit 2 ;;
esac
prc=0
[ "$probe" = off ] || "$mb" probe "${probe_args[@]}" --dir "$datasets" --out "$out/machine.csv" >/dev/null || prc=$?
case $prc in
	0) ;;
	130) mb_say "interrupted during the machine probe"; exit 130 ;;
	*) mb_say "mapbench probe exited $prc: no machine.csv in this run" ;;
esac
[ "$(id -u)" -eq 0 ] || mb_say "not root: cold cache states use posix_fadvise(DONTNEED) only"
[ "$(id -u)" -ne 0 ] || [ "$mode" = custom ] || [[ " ${args[*]} " == *" --drop-caches "* ]] ||
	mb_say "as root, add --drop-caches for cold states that also empty the whole page cache"

rc=0 n=0 t0=$SECONDS
for part in "${parts[@]}"; do
	n=$((n + 1))
	read -ra part_args <<<"${part#*|}"
	[ "$mode" = full ] && part_args+=("${adaptive[@]}") &&
		mb_say "part $n/${#parts[@]}: ${part%%|*} ($((SECONDS - t0)) s so far)"
	"$mb" run "${part_args[@]}" "${args[@]}" "${common[@]}" || rc=$?
	case $rc in
		0|1) ;;
		130) mb_say "interrupted; completed rows are in $out/results.csv"; exit 130 ;;
		*) break ;;
	esac
done
if [ ! -s "$out/results.csv" ]; then
	# no row: the folder would hold only command.txt, env.txt and machine.csv
	rm -f "$out/results.csv" "$out/latency.csv" "$out/command.txt" "$out/env.txt" "$out/machine.csv"
	rmdir "$out" 2>/dev/null || true
	mb_say "mapbench run exited $rc and wrote no rows; nothing is kept"
	[ "$rc" -ne 0 ] || rc=1
	exit "$rc"
fi
case $rc in
	0) mb_say "results: $out/results.csv ($((SECONDS - t0)) s)" ;;
	*) mb_say "mapbench run exited $rc; rows so far: $out/results.csv (the report lists the errors)" ;;
esac

MAPBENCH=$mb "$MB_ROOT/plots/render.sh" "$out"
"$mb" report "$out"
mb_say "report: $out/REPORT.md"
exit "$rc"
