#!/usr/bin/env bash
# bench/writes.sh: the write side measured and judged, in one run on this
# machine (never compare its figures with another machine's). Builds the
# Release binary and writes results/<run_id>/ like bench/run.sh (results.csv,
# env.txt, command.txt, plots/, REPORT.md), then prints the figures:
#
# 1. writes of a --size file (default 256M), seq, warm target: write, pwrite,
#    fwrite, mmap and mmap-private stores at 4K and 1M blocks, rewrite and new
#    targets, sync none, fsync, fdatasync (msync for mmap); o_sync and o_dsync
#    at 1M blocks only (one synchronous write per block);
# 2. read-modify-write of 10,000 and 10 million integers, every rmw method,
#    as time and as a ratio to rmw-mmap, and the seeds' "2 to 3 times" claim
#    judged (REPORT.md's section);
# 3. fault cost per page: anon-read and anon-write (advice none, map-populate,
#    hugepage) and fault (warm; warm-4k too as root), seq and rand, 64M.
#
#   bench/writes.sh [--size SIZE] [--rmw-sizes LIST] [--fault-size SIZE]
#                   [--reps N] [--quick]
#     --size SIZE   the write part's file (default 256M)
#     --rmw-sizes LIST  the rmw files (default 40000,40000000 bytes)
#     --fault-size SIZE the fault-cost part's memory and file (default 64M)
#     --reps N      measured repetitions per configuration (default 5)
#     --quick       64M writes, 3 reps, rmw at 10,000 and 1 million integers
#                   (a smoke run of a few minutes; its verdicts need --reps 6+)
#
# Every written byte is verified after each repetition (outside the clock);
# a failed verification is an error row and makes the exit status 1.
# Environment: MB_DATASETS (default datasets/), MB_RESULTS (default results/).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() { sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; }
die() { mb_say "writes.sh: $*"; exit 2; }

size=256M reps=5 rmw_sizes=40000,40000000 fault_size=64M
while [ $# -gt 0 ]; do
	case $1 in
		--size) [ $# -ge 2 ] || die "--size needs a value"; size=$2; shift 2 ;;
		--rmw-sizes) [ $# -ge 2 ] || die "--rmw-sizes needs a value"; rmw_sizes=$2; shift 2 ;;
		--fault-size) [ $# -ge 2 ] || die "--fault-size needs a value"; fault_size=$2; shift 2 ;;
		--reps) [ $# -ge 2 ] || die "--reps needs a value"; reps=$2; shift 2 ;;
		--quick) size=64M reps=3 rmw_sizes=40000,4000000; shift ;;
		-h|--help) usage; exit 0 ;;
		*) die "unknown argument '$1' (see --help)" ;;
	esac
done
[[ $reps =~ ^[0-9]+$ ]] && [ "$reps" -ge 1 ] || die "--reps '$reps': want a whole number >= 1"

mb_need_pkgs "${MB_BUILD_PKGS[@]}" "${MB_PLOT_PKGS[@]}" jq
mb=$(mb_build release)
datasets=${MB_DATASETS:-$MB_WORK/datasets}
results=${MB_RESULTS:-$MB_WORK/results}
[ -d "$results" ] || mkdir -p "$results" || die "cannot make the results folder $results"
[ -d "$datasets" ] || mkdir -p "$datasets" || die "cannot make the datasets folder $datasets"
run_id=$(mb_run_id)-writes
out="$results/$run_id"
mkdir "$out"

common=(--dir "$datasets" --run-id "$run_id" --out "$out/results.csv" --reps "$reps" --warmup 1 --quiet)
fault_caches=warm
[ "$(id -u)" -ne 0 ] || fault_caches=warm,warm-4k
parts=(
	"writes|--op write --method write,pwrite,fwrite,mmap,mmap-private --target rewrite,new --sync none,fsync,fdatasync,msync --pattern seq --cache warm --size $size --block 4K,1M"
	"synchronous writes|--op write --method write,pwrite,fwrite --target rewrite,new --sync o_sync,o_dsync --pattern seq --cache warm --size $size --block 1M"
	"read-modify-write|--op rmw --pattern seq --cache warm --size $rmw_sizes --block 4K"
	"anonymous first touch, read|--method anon-read --advice none,map-populate,hugepage --pattern seq,rand --size $fault_size --block 4K"
	"anonymous first touch, write|--op write --method anon-write --advice none,map-populate,hugepage --pattern seq,rand --size $fault_size --block 4K"
	"file mapping faults|--method fault --cache $fault_caches --pattern seq,rand --size $fault_size --block 4K"
)
printf '%q ' "$0" "$@" >"$out/command.txt"; echo >>"$out/command.txt"
for part in "${parts[@]}"; do
	read -ra a <<<"${part#*|}"
	printf '%q ' "$mb" run "${a[@]}" "${common[@]}" >>"$out/command.txt"; echo >>"$out/command.txt"
done
mb_env_dump "$out/env.txt" "$datasets" "$mb"

echo "mapbench writes on: $(lscpu | sed -n 's/^Model name: *//p'), family $(sed -n 's/^cpu family\t*: //p' /proc/cpuinfo | head -n 1) model $(sed -n 's/^model\t*: //p' /proc/cpuinfo | head -n 1), $(uname -r), hypervisor $("$mb" env | sed -n 's/^hypervisor: //p')"
rc=0 n=0 t0=$SECONDS
for part in "${parts[@]}"; do
	n=$((n + 1))
	read -ra a <<<"${part#*|}"
	mb_say "part $n/${#parts[@]}: ${part%%|*} ($((SECONDS - t0)) s so far)"
	"$mb" run "${a[@]}" "${common[@]}" || rc=$?
	case $rc in
		0|1) ;;
		130) mb_say "interrupted; completed rows are in $out/results.csv"; exit 130 ;;
		*) break ;;
	esac
done
[ -s "$out/results.csv" ] || exit "$rc"
MAPBENCH=$mb "$MB_ROOT/plots/render.sh" "$out" >/dev/null || rc=1
"$mb" report "$out"
"$mb" summarize "$out/results.csv" >"$out/summary.csv"

# The figures: one line per configuration, from mapbench summarize.
echo
echo "1. writes ($size, seq, warm target; median MiB/s [95% CI], median sync time)"
csv_json "$out/summary.csv" | jq -r -s '
	map(select(.op == "write" and (.method | test("^(write|pwrite|fwrite|mmap|mmap-private)$"))))
	| sort_by(.target, (.block_size_bytes | tonumber), .sync, .method)[]
	| "  \(.target)\t\(.block_size_bytes)\t\(.sync)\t\(.method)\t\(.mib_per_s_median) [\(.mib_per_s_ci_lo)-\(.mib_per_s_ci_hi)]\tsync \(.sync_ns_median // "-") ns"' |
	column -t -s $'\t'
echo
echo "   mmap stores / write, and read-modify-write (REPORT.md):"
sed -n '/^## Verdict: mmap stores against write/,/^## Notes/p' "$out/REPORT.md" | sed '$d' | sed 's/^/   /'
echo "3. fault cost (medians of total ns / pages and minflt / pages, from mapbench summarize)"
csv_json "$out/summary.csv" | jq -r -s '
	map(select(.method | test("^(anon-read|anon-write|fault)$")))
	| sort_by(.method, .advice, .cache, .pattern)[]
	| "  \(.method)\t\(.advice)\t\(if .cache == "" then "-" else .cache end)\t\(.pattern)\t\(.ns_per_op_median) ns/page\t\(.minflt_per_op_median) minflt/page"' |
	column -t -s $'\t'
echo
mb_say "results, charts and report: $out ($((SECONDS - t0)) s)"
exit "$rc"
