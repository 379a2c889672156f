#!/usr/bin/env bash
# bench/selfcheck.sh: does mapbench reach the hardware's limits? Builds the
# Release binary, makes a 256 MiB and a 1 GiB dataset, and in one run measures
# warm sequential reads at 128 KiB blocks with memread, mmap, read and pread,
# printing medians in GiB/s and as a % of memread.
#
# Targets (this machine class: 2 vCPU, ext4 on a virtual disk):
#   memread  in the class of the memory bandwidth (lmbench bw_mem rd, a hand
#            written 8-accumulator sum): ~16 GiB/s on Zen 3, more on newer CPUs
#   mmap     >= 80% of memread      read >= 60% of memread
#
#   bench/selfcheck.sh [--reps N]   (default 7 reps)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

reps=7
case ${1:-} in
	--reps) reps=${2:?--reps needs a value} ;;
	-h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	"") ;;
	*) mb_say "selfcheck.sh: unknown argument '$1'"; exit 2 ;;
esac
mb_need_pkgs "${MB_BUILD_PKGS[@]}"
mb=$(mb_build release)
datasets=${MB_DATASETS:-$MB_WORK/datasets}
"$mb" dataset make --size 256M,1G --dir "$datasets"
echo "targets: mmap >= 80% of memread, read >= 60% of memread, memread ~ memory bandwidth"
"$mb" run --method memread,mmap,read,pread --pattern seq --cache warm --size 256M,1G --block 128K \
	--reps "$reps" --warmup 1 --dir "$datasets" --out /dev/null
