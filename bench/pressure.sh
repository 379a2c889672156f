#!/usr/bin/env bash
# bench/pressure.sh: reads of a file larger than a memory limit (the shape of
# "Are You Sure You Want to Use MMAP in Your DBMS?", CIDR 2022, and of a
# search index under a memory limit) at this machine's scale, then the same
# random reads without the limit, for comparison.
#
#   bench/pressure.sh [--mem SIZE] [--size SIZE] [--duration S]
#                     [--results DIR] [--dir DATASET_DIR] [quick|full]
#     --mem SIZE          the memory cgroup's limit (default 512M)
#     --size SIZE         the file, larger than the limit (default 4G)
#     --duration S        seconds per measured method (default 20; quick 10,
#                         full 60); a pass of the file may be cut short
#     --results DIR       default $MB_RESULTS, else results/
#     --dir DATASET_DIR   default $MB_DATASETS, else datasets/
#
# Inside the limit (mapbench run --mem-limit): random 4K reads with pread,
# mmap (advice none and random), odirect and dontcache, and a sequential scan
# with read and mmap (128K blocks); then the random reads again without it.
# Every run: cold start, no warm-up, one repetition of --duration seconds
# (the steady state comes from the duration), a timeline per interval.
# Writes RESULTS/pressure-<run_id>/limited/ and unlimited/ (results.csv,
# timeline.csv, env.txt, command.txt, plots/, REPORT.md) and compare/
# (bench/compare.sh --by mem_limit_bytes: one repetition per side, so only
# the ratios of medians say something). Prints, with the machine's
# identity, per side a table of the results (ops/s, MiB/s, read_amp: device
# bytes per byte used, major faults per MiB) and one of the timelines
# (`mapbench timeline`: the ops/s of the first third and where it settled,
# the median of the last third of its intervals; the cgroup's cache at the
# end).
#
# Needs root (a memory cgroup). Tests: MAPBENCH=path uses that binary.
# Exit: 0 ok, 1 a run failed, 2 usage, 3 not root or no memory cgroup,
# 130 interrupted.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'; }
die() { mb_say "pressure.sh: $*"; exit 2; }
say() { mb_say "pressure: $*"; }

mem=512M size=4G duration='' mode=''
results=${MB_RESULTS:-$MB_WORK/results} datasets=${MB_DATASETS:-$MB_WORK/datasets}
orig_args=("$@")
while [ $# -gt 0 ]; do
	case $1 in
		--mem|--size|--duration|--results|--dir)
			[ $# -ge 2 ] || die "$1 needs a value"
			case $1 in
				--mem) mem=$2 ;;
				--size) size=$2 ;;
				--duration) duration=$2 ;;
				--results) results=$2 ;;
				--dir) datasets=$2 ;;
			esac
			shift 2 ;;
		quick|full) mode=$1; shift ;;
		-h|--help) usage; exit 0 ;;
		*) die "unknown argument '$1' (see --help)" ;;
	esac
done
case $mode in
	quick) : "${duration:=10}" ;;
	full) : "${duration:=60}" ;;
	*) : "${duration:=20}" ;;
esac
size_re='^[0-9]+([KMGT](i?B)?)?$'
[[ $mem =~ $size_re ]] || die "--mem '$mem': want a size such as 512M"
[[ $size =~ $size_re ]] || die "--size '$size': want a size such as 4G"
if ! [[ $duration =~ ^[0-9]+(\.[0-9]+)?$ && $duration =~ [1-9] ]]; then
	die "--duration '$duration': want seconds > 0, e.g. 20 or 0.5"
fi

if [ "$(id -u)" -ne 0 ]; then
	mb_say "pressure.sh: needs root: mapbench run --mem-limit makes a memory cgroup under /sys/fs/cgroup; run it as root (sudo $0 ...)"
	exit 3
fi

mb_need_pkgs "${MB_BUILD_PKGS[@]}" "${MB_PLOT_PKGS[@]}"
mb=$(mb_build release)

# The parts, "title|mapbench run args"; the unlimited side runs the random ones.
random_parts=(
	"random 4K reads|--method pread,odirect,dontcache,mmap --advice none --pattern rand --block 4K"
	"random 4K reads, mmap advice random|--method mmap --advice random --pattern rand --block 4K"
)
scan_parts=("sequential scan|--method read,mmap --advice none --pattern seq --block 128K")

mkdir -p "$results" || die "cannot make the results folder $results"
mkdir -p "$datasets" || die "cannot make the datasets folder $datasets"
run_id=$(mb_run_id)
top=$results/pressure-$run_id
mkdir "$top"

child=''
# shellcheck disable=SC2317 # (a trap)
on_signal() {
	set +e
	say "interrupted ($1): stopping (mapbench removes its memory cgroup)"
	[ -z "$child" ] || { kill -"$1" "$child" 2>/dev/null; wait "$child" 2>/dev/null || true; }
	exit 130
}
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM

# measure SIDE [--mem-limit SIZE] -- PART...: the parts into $top/SIDE/;
# returns mapbench's worst exit (0, 1; others at once).
measure() {
	local side=$1 out=$top/$1 limit=() part args r worst=0
	shift
	[ "$1" = -- ] || { limit=("$1" "$2"); shift 2; }
	shift
	mkdir "$out"
	local common=(--cache cold --size "$size" --reps 1 --warmup 0 --lat-reps 0 --duration "$duration"
		--timeline "$out/timeline.csv" --dir "$datasets" --run-id "$run_id" --out "$out/results.csv" --quiet)
	printf '%q ' "$0" "${orig_args[@]}" >"$out/command.txt"; echo >>"$out/command.txt"
	mb_env_dump "$out/env.txt" "$datasets" "$mb"
	for part in "$@"; do
		read -ra args <<<"${part#*|}"
		printf '%q ' "$mb" run "${args[@]}" "${limit[@]}" "${common[@]}" >>"$out/command.txt"
		echo >>"$out/command.txt"
		say "$side: ${part%%|*}"
		r=0
		"$mb" run "${args[@]}" "${limit[@]}" "${common[@]}" &
		child=$!
		wait "$child" || r=$?
		child=
		case $r in
			0) ;;
			1) worst=1 ;;
			*) return "$r" ;;
		esac
	done
	return "$worst"
}

rc=0 t0=$SECONDS
say "run $run_id: a $size file, limit $mem, $duration s per method -> $top"
for side in limited unlimited; do
	r=0
	if [ "$side" = limited ]; then
		measure limited --mem-limit "$mem" -- "${random_parts[@]}" "${scan_parts[@]}" || r=$?
	else
		measure unlimited -- "${random_parts[@]}" || r=$?
	fi
	case $r in
		0) ;;
		1) rc=1; say "$side: some measurements failed (see the error column of $top/$side/results.csv)" ;;
		3) say "$side: mapbench run found no writable memory cgroup (exit 3)"; exit 3 ;;
		130) exit 130 ;;
		*) say "$side: mapbench run exited $r: stopping"; exit "$r" ;;
	esac
	[ -s "$top/$side/results.csv" ] || { say "$side: no rows"; exit 1; }
	MAPBENCH=$mb "$MB_ROOT/plots/render.sh" "$top/$side" >&2 || { rc=1; say "$side: some charts failed"; }
	"$mb" report "$top/$side" >&2 || { rc=1; say "$side: mapbench report failed"; }
	say "$side: done ($((SECONDS - t0)) s so far)"
done
if MAPBENCH=$mb "$MB_ROOT/bench/compare.sh" --by mem_limit_bytes "$top/limited" "$top/unlimited" "$top/compare" >&2; then
	say "limited against unlimited: $top/compare/COMPARE.md (one repetition per side: read the ratios, not the p-values)"
else
	rc=1; say "bench/compare.sh failed"
fi

# ---- the figures ----------------------------------------------------------

# figures SIDE: SIDE's results per configuration (ops/s, read_amp, the
# cgroup's counters), then where each timeline settled.
figures() {
	local side=$1
	echo "$side:"
	"$mb" summarize "$top/$side/results.csv" --format table --columns \
		method,advice,pattern,block_size_bytes,ops_per_s_median,mib_per_s_median,dev_read_per_byte_median,majflt_per_mib_median
	"$mb" timeline "$top/$side/timeline.csv" --format table --columns \
		method,advice,pattern,block_size_bytes,seconds,first_ops_per_s,settled_ops_per_s,settled_vs_first,settled_majflt_per_s,read_amp,end_cg_file_bytes
}

echo "machine: $("$mb" env --path "$datasets" | grep -E '^(host|kernel|cpu_vendor|cpu_family|cpu_model_id|cpu_model|hypervisor|fs_type|read_ahead_kb)[ :=]' | tr '\n' ' ')"
echo "pressure: a $size file, limit $mem, $duration s per method, cold start ($top)"
echo "(ops_per_s and read_amp over the whole duration; first_ and settled_ops_per_s: the median rate of the first and last third of the timeline's intervals)"
figures limited
figures unlimited
say "results: $top ($((SECONDS - t0)) s)"
exit "$rc"
