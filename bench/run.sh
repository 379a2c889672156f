#!/usr/bin/env bash
# bench/run.sh: the main job. Installs what is missing (as root), builds the
# Release binary, makes the datasets, runs the matrix and writes everything to
# results/<run_id>/: results.csv, latency.csv (random-access latency
# histograms), env.txt, command.txt, then the charts (plots/, by
# plots/render.sh) and REPORT.md (mapbench report).
#
#   bench/run.sh [quick [ARGS...]]   the quick matrix (about a minute on 2 cores);
#                          ARGS are added to it (e.g. --drop-caches)
#   bench/run.sh custom ARGS...   `mapbench run` with your own ARGS
#
# Environment: MB_DATASETS (default datasets/), MB_RESULTS (default results/).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() {
	sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
}

mode=${1:-quick}
case $mode in
	quick) shift $(( $# > 0 ? 1 : 0 ));
		args=(--method read,pread,mmap,memread --pattern seq,rand --cache warm,cold
			--size 64K,1M,16M,256M --block 4K,128K --reps 5 --warmup 1 "$@") ;;
	custom) shift; args=("$@") ;;
	-h|--help) usage; exit 0 ;;
	*) mb_say "run.sh: unknown mode '$mode' (use quick or custom ARGS...)"; exit 2 ;;
esac

mb_need_pkgs "${MB_BUILD_PKGS[@]}" "${MB_PLOT_PKGS[@]}"
mb=$(mb_build release)

datasets=${MB_DATASETS:-$MB_WORK/datasets}
results=${MB_RESULTS:-$MB_WORK/results}
[ "$MB_INSTALLED" = 0 ] || mkdir -p "$results"
[ -d "$results" ] || { mb_say "results folder $results does not exist"; exit 2; }
[ -d "$datasets" ] || mkdir "$datasets" || { mb_say "cannot make the datasets folder $datasets"; exit 2; }
run_id=$(mb_run_id)
out="$results/$run_id"
mkdir "$out"

printf '%q ' "$0" "$mode" "$@" >"$out/command.txt"; echo >>"$out/command.txt"
run_args=("${args[@]}" --dir "$datasets" --run-id "$run_id" --out "$out/results.csv")
[ "$mode" = custom ] || run_args+=(--lat-out "$out/latency.csv")
printf '%q ' "$mb" run "${run_args[@]}" >>"$out/command.txt"
echo >>"$out/command.txt"
mb_env_dump "$out/env.txt" "$datasets" "$mb"
[ "$(id -u)" -eq 0 ] || mb_say "not root: cold cache states use posix_fadvise(DONTNEED) only"

rc=0
"$mb" run "${run_args[@]}" || rc=$?
case $rc in
	0) mb_say "results: $out/results.csv" ;;
	130) mb_say "interrupted; completed rows are in $out/results.csv"; exit 130 ;;
	*) mb_say "mapbench run exited $rc; rows so far: $out/results.csv (the report lists the errors)" ;;
esac
[ -s "$out/results.csv" ] || exit "$rc"

MAPBENCH=$mb "$MB_ROOT/plots/render.sh" "$out"
"$mb" report "$out"
mb_say "report: $out/REPORT.md"
exit "$rc"
