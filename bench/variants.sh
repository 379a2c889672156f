#!/usr/bin/env bash
# bench/variants.sh: every read-side variant on one 1 GiB dataset, side by
# side: each method x advice at warm seq 128K, warm rand 4K and cold seq 1M;
# io_uring at queue depth 32; mmap consume modes (sum, touch, copy); and what
# the per-operation latency timer costs; the page-cache folio size (warm vs
# warm-4k). Medians in GiB/s and as a % of
# memread, printed by mapbench; all rows go to results/<run_id>/results.csv.
#
#   bench/variants.sh [--reps N] [--size SIZE]   (defaults: 5 reps, 1G; about
#   25 minutes on 2 cores: the cold rand 4K rows read the device 4 KiB at a time)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

reps=5
size=1G
while [ $# -gt 0 ]; do
	case $1 in
		--reps) reps=${2:?--reps needs a value}; shift 2 ;;
		--size) size=${2:?--size needs a value}; shift 2 ;;
		-h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
		*) mb_say "variants.sh: unknown argument '$1'"; exit 2 ;;
	esac
done
mb_need_pkgs "${MB_BUILD_PKGS[@]}"
mb=$(mb_build release)
datasets=${MB_DATASETS:-$MB_WORK/datasets}
results=${MB_RESULTS:-$MB_WORK/results}
mkdir -p "$datasets" "$results"
file=$("$mb" dataset make --size "$size" --dir "$datasets" | awk '{print $2}')
run_id=$(mb_run_id)
out="$results/$run_id"
mkdir "$out"
mb_env_dump "$out/env.txt" "$datasets" "$mb"
echo "$0 $*" >"$out/command.txt"

# mmap-window remaps for nearly every random block (and re-advises the whole
# window each time), so it gets its own section rather than every advice
all_methods=read,pread,readv,preadv,odirect,dontcache,uring,mmap,mmap-private,memread
all_advice=none,normal,sequential,random,willneed,hugepage,populate-read,map-populate,noreuse,readahead

section() { # TITLE ARGS...
	local title=$1
	shift
	printf '\n=== %s ===\n' "$title"
	printf '%q ' "$mb" run "$@" >>"$out/command.txt"
	echo >>"$out/command.txt"
	"$mb" run --size "$size" --reps "$reps" --warmup 1 --dir "$datasets" --run-id "$run_id" \
		--out "$out/results.csv" "$@" || mb_say "(exit $? - see the error column)"
}

section "warm seq 128K: every method x advice" --method "$all_methods" --advice "$all_advice" \
	--pattern seq --cache warm --block 128K
section "warm rand 4K: every method x advice" --method "$all_methods" --advice "$all_advice" \
	--pattern rand --cache warm --block 4K
section "cold seq 1M: every method x advice" --method "$all_methods" --advice "$all_advice" \
	--pattern seq --cache cold --block 1M
section "mmap-window (64M windows) against mmap" --method mmap-window,mmap,memread --window 64M \
	--pattern seq,rand --cache warm,cold --block 4K,1M
section "io_uring at queue depth 1 and 32 (odirect and pread for reference)" --method uring,odirect,pread,memread \
	--qd 1,32 --pattern seq,rand --cache warm,cold --block 4K,1M
section "mmap consume modes" --method mmap,mmap-private,memread --consume sum,touch,copy \
	--pattern seq,rand --cache warm --block 4K,128K
section "page-cache folio size: warm (large folios) vs warm-4k (4 KiB folios)" \
	--method mmap,pread,memread --consume sum,touch --cache warm,warm-4k --pattern seq,rand --block 4K,128K

printf '\n=== per-operation latency timer ===\n'
"$mb" timer-cost "$file"
mb_say "results: $out/results.csv"
