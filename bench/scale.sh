#!/usr/bin/env bash
# bench/scale.sh: how random 4K reads of a cached file scale with workers,
# threads against processes (the FastMap shape, ATC'20: threads sharing one
# mapping meet its page-table lock and TLB shootdowns; processes with their
# own mappings do not share them).
#
#   bench/scale.sh [--size SIZE] [--max N] [--reps N] [--results DIR]
#                  [--dir DATASET_DIR] [quick]
#     --size SIZE         the file, which must fit in memory (default 1G;
#                         quick 64M)
#     --max N             the most workers (default 2 x the CPUs); the counts
#                         are 1, 2, 4, ... up to it
#     --reps N            repetitions per configuration (default 10; quick 5)
#     --results DIR       default $MB_RESULTS, else results/
#     --dir DATASET_DIR   default $MB_DATASETS, else datasets/
#
# Warm cache, random 4K reads with mmap and pread: with 1, 2, 4 ... threads
# sharing one mapping or descriptor (--threads), then with 2, 4 ... worker
# processes each with its own (--procs), in one results file. Writes
# RESULTS/scale-<run_id>/ (results.csv, summary.csv, scale.png and .svg,
# compare.md: processes against threads per count, env.txt, command.txt)
# and prints, with the machine's identity, ops/s with its 95% CI and TLB
# shootdowns per op for every method, kind and count.
#
# Tests: MAPBENCH=path uses that binary.
# Exit: 0 ok, 1 a run failed, 2 usage, 130 interrupted.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'; }
die() { mb_say "scale.sh: $*"; exit 2; }
say() { mb_say "scale: $*"; }

size='' max='' reps='' mode=''
results=${MB_RESULTS:-$MB_WORK/results} datasets=${MB_DATASETS:-$MB_WORK/datasets}
orig_args=("$@")
while [ $# -gt 0 ]; do
	case $1 in
		--size|--max|--reps|--results|--dir)
			[ $# -ge 2 ] || die "$1 needs a value"
			case $1 in
				--size) size=$2 ;;
				--max) max=$2 ;;
				--reps) reps=$2 ;;
				--results) results=$2 ;;
				--dir) datasets=$2 ;;
			esac
			shift 2 ;;
		quick) mode=$1; shift ;;
		-h|--help) usage; exit 0 ;;
		*) die "unknown argument '$1' (see --help)" ;;
	esac
done
if [ "$mode" = quick ]; then : "${size:=64M}" "${reps:=5}"; fi
: "${size:=1G}" "${reps:=10}" "${max:=$((2 * $(nproc)))}"
[[ $size =~ ^[0-9]+([KMGT](i?B)?)?$ ]] || die "--size '$size': want a size such as 1G"
[[ $max =~ ^[0-9]+$ ]] && [ "$max" -ge 1 ] && [ "$max" -le 1024 ] || die "--max '$max': want a whole number from 1 to 1024"
[[ $reps =~ ^[0-9]+$ ]] && [ "$reps" -ge 1 ] && [ "$reps" -le 10000 ] || die "--reps '$reps': want a whole number from 1 to 10000"

counts=() n=1
while [ "$n" -le "$max" ]; do counts+=("$n"); n=$((n * 2)); done
threads_list=$(IFS=,; echo "${counts[*]}")

mb_need_pkgs "${MB_BUILD_PKGS[@]}" "${MB_PLOT_PKGS[@]}"
mb=$(mb_build release)

mkdir -p "$results" || die "cannot make the results folder $results"
mkdir -p "$datasets" || die "cannot make the datasets folder $datasets"
run_id=$(mb_run_id)
top=$results/scale-$run_id
mkdir "$top"

child=''
# shellcheck disable=SC2317 # (a trap)
on_signal() {
	set +e
	say "interrupted ($1)"
	[ -z "$child" ] || { kill -"$1" "$child" 2>/dev/null; wait "$child" 2>/dev/null || true; }
	exit 130
}
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM

common=(--method mmap,pread --pattern rand --block 4K --cache warm --size "$size" --reps "$reps"
	--lat-reps 0 --dir "$datasets" --run-id "$run_id" --out "$top/results.csv" --quiet)
printf '%q ' "$0" "${orig_args[@]}" >"$top/command.txt"; echo >>"$top/command.txt"
mb_env_dump "$top/env.txt" "$datasets" "$mb"

rc=0
# measure ARGS...: one mapbench run into results.csv; 0, or sets rc=1 (a
# failed measurement), or exits with mapbench's other codes.
measure() {
	local r=0
	printf '%q ' "$mb" run "${common[@]}" "$@" >>"$top/command.txt"; echo >>"$top/command.txt"
	"$mb" run "${common[@]}" "$@" &
	child=$!
	wait "$child" || r=$?
	child=
	case $r in
		0) ;;
		1) rc=1; say "some measurements failed (see the error column of $top/results.csv)" ;;
		*) say "mapbench run exited $r: stopping"; exit "$r" ;;
	esac
}

t0=$SECONDS
say "run $run_id: a $size file, warm, random 4K; threads $threads_list -> $top"
measure --threads "$threads_list"
for n in "${counts[@]}"; do
	[ "$n" -ge 2 ] || continue
	say "$n processes ($((SECONDS - t0)) s so far)"
	measure --procs "$n"
done

"$mb" summarize "$top/results.csv" >"$top/summary.csv"
if "$mb" chart scale "$top/summary.csv" >"$top/scale.csv"; then
	for ext in png svg; do
		gnuplot -c "$MB_ROOT/plots/scale.gp" "$top/scale.csv" "$top/scale.$ext" ||
			{ rc=1; say "gnuplot failed on scale.$ext"; }
	done
else
	rc=1; say "mapbench chart scale failed"
fi
if [ ${#counts[@]} -ge 2 ]; then
	"$mb" compare --by workers --base threads --metric ops_per_s --format md "$top/results.csv" \
		>"$top/compare.md" || { rc=1; say "mapbench compare failed"; }
fi

echo "machine: $("$mb" env --path "$datasets" | grep -E '^(host|kernel|cpu_vendor|cpu_family|cpu_model_id|cpu_model|hypervisor|fs_type)[ :=]' | tr '\n' ' ')"
echo "scale: a $size file, warm, random 4K, $reps repetitions ($top)"
"$mb" summarize "$top/results.csv" --columns method,workers,threads,n,ops_per_s_median,ops_per_s_ci_lo,ops_per_s_ci_hi,tlb_per_op_median,minflt_per_op_median --format table
[ ! -s "$top/compare.md" ] || { echo; echo "processes against threads (ops/s; ratio = processes ÷ threads):"; sed -n '/^|/p' "$top/compare.md"; }
tlb_total=$(awk '$1 == "TLB:" { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i; print s + 0; f = 1 } END { if (!f) print "none" }' /proc/interrupts)
case $tlb_total in
	0) echo "note: /proc/interrupts has counted no TLB shootdown since boot: remote TLB flushes here do not use the interrupts it counts (a hypervisor's flush hypercall, or a broadcast flush instruction), so tlb_per_op reads 0 whatever the sharing; see dmesg for 'TLB flushes'" ;;
	none) echo "note: /proc/interrupts has no TLB line on this machine: tlb_per_op is empty" ;;
esac
say "results: $top ($((SECONDS - t0)) s)"
exit "$rc"
