#!/usr/bin/env bash
# bench/claims.sh: published and folk claims about mmap against read/write,
# each judged on this machine by a measured ratio and its 95% CI.
#
#   bench/claims.sh [--quick] [--results DIR] [--dir DATASET_DIR] [--help] [NAME...]
#     --quick             small sizes, 5 repetitions (a few minutes); the
#                         default run has the real sizes, 10 repetitions
#     --results DIR       default $MB_RESULTS, else results/
#     --dir DATASET_DIR   default $MB_DATASETS, else datasets/
#     NAME...             only these claims (default all, in this order):
#                         read-speed rmw mem-bandwidth cliff pressure window
#
# One script per claim, bench/claims/NAME.sh (its header: the claim, its
# source, what is measured, the verdict rule), run with the helpers of
# bench/claims/lib.sh. Writes RESULTS/claims-<run_id>/CLAIMS.md (the
# machine, then per claim: the claim, its source, the measurement, the
# figures as `mapbench ratio --format table` prints them, and the verdict:
# holds, does not hold, holds only when ..., undecided (the CI spans the
# threshold) or not measured here (with the reason)) and NAME/ per claim
# (results.csv, command.txt). Progress on stderr.
#
# Tests: MAPBENCH=path uses that binary; MB_CLAIMS_SCALE=tiny shrinks every
# size (seconds, not minutes; the figures mean little).
# Exit: 0 ok, 1 a claim's script failed, 2 usage, 130 interrupted.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'; }
die() { mb_say "claims.sh: $*"; exit 2; }

all=(read-speed rmw mem-bandwidth cliff pressure window)
scale=full names=()
results=${MB_RESULTS:-$MB_WORK/results} datasets=${MB_DATASETS:-$MB_WORK/datasets}
while [ $# -gt 0 ]; do
	case $1 in
		--quick) scale=quick; shift ;;
		--results|--dir)
			[ $# -ge 2 ] || die "$1 needs a value"
			if [ "$1" = --results ]; then results=$2; else datasets=$2; fi
			shift 2 ;;
		-h|--help) usage; exit 0 ;;
		-*) die "unknown option '$1' (see --help)" ;;
		*)
			[ -f "$MB_ROOT/bench/claims/$1.sh" ] || die "unknown claim '$1' (claims: ${all[*]})"
			names+=("$1"); shift ;;
	esac
done
[ ${#names[@]} -gt 0 ] || names=("${all[@]}")
case ${MB_CLAIMS_SCALE:-} in
	'') ;;
	tiny) scale=tiny ;;
	*) die "MB_CLAIMS_SCALE='$MB_CLAIMS_SCALE': want tiny or nothing" ;;
esac

mb_need_pkgs "${MB_BUILD_PKGS[@]}"
mb=$(mb_build release)
mkdir -p "$results" || die "cannot make the results folder $results"
mkdir -p "$datasets" || die "cannot make the datasets folder $datasets"
run_id=$(mb_run_id)
top=$results/claims-$run_id
mkdir "$top"
trap 'mb_say "claims: interrupted"; exit 130' INT TERM

reps=10
[ "$scale" = full ] || reps=5
export MB=$mb CLAIM_DATASETS=$datasets CLAIM_RUN_ID=$run_id CLAIM_SCALE=$scale CLAIM_REPS=$reps
out=$top/CLAIMS.md
{
	echo "# Claims, judged here"
	echo
	echo "Run $run_id ($scale: $reps repetitions per configuration)."
	echo
	echo "Machine: $("$mb" env --path "$datasets" | grep -E '^(host|kernel|cpu_vendor|cpu_family|cpu_model_id|cpu_model|hypervisor|fs_type)[ :=]' | tr '\n' ' ')"
	echo
	echo "Ratios are ratios of medians with their 95% CI [lo, hi] (mapbench ratio)."
	echo
} >"$out"
rc=0 t0=$SECONDS
for name in "${names[@]}"; do
	dir=$top/$name
	mkdir "$dir"
	mb_say "claims: $name ($((SECONDS - t0)) s so far)"
	r=0
	CLAIM_NAME=$name CLAIM_DIR=$dir bash "$MB_ROOT/bench/claims/$name.sh" || r=$?
	case $r in
		0) cat "$dir/section.md" >>"$out" ;;
		130) exit 130 ;;
		*)
			rc=1
			mb_say "claims: $name failed (exit $r)"
			[ -f "$dir/section.md" ] && cat "$dir/section.md" >>"$out"
			printf '**Verdict: not measured here**: the script failed (exit %s; see %s)\n\n' "$r" "$dir" >>"$out" ;;
	esac
done
mb_say "claims: $out ($((SECONDS - t0)) s)"
exit "$rc"
