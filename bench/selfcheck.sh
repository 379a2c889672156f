#!/usr/bin/env bash
# bench/selfcheck.sh: does mapbench measure what it claims? Builds the Release
# binary and, in runs on this machine only (never compare its figures with
# another machine's), prints two sets of figures with their targets:
#
# 1. The hardware's limits: warm sequential reads of 256 MiB and 1 GiB at
#    128 KiB blocks with memread, mmap, read and pread, as GiB/s and % of
#    memread. Targets (2 vCPU VM, ext4 on a virtual disk):
#      memread  in the class of the memory bandwidth (~16 GiB/s on Zen 3,
#               more on newer CPUs); mmap >= 80% of memread; read >= 60%
# 2. Only the measured work inside the clock (DESIGN §2, §3), with the
#    ratios measured side by side in one run:
#      memread warm seq 128K: the 1 MiB figure >= 80% of the 16 MiB one
#      pread warm 16 MiB: 1 MiB blocks >= 90% of 128 KiB blocks
#      uring warm 16 MiB, 1 MiB blocks: queue depth 8 >= 90% of depth 1
#        (printed beside preadv --iov 8 against --iov 1: the same 8 MiB and
#        1 MiB of buffers; a drop both share is the buffers' footprint in
#        the CPU caches, not the clock)
#      memread 64 KiB, 4K blocks: total time with 2 threads <= 5x 1 thread
#      the quick matrix twice, back to back: median |change| of the
#      mmap / read ratios <= 5%, and no verdict (significant winner) flips
#      no warm file method above memread's CI anywhere (mapbench run warns)
#
#   bench/selfcheck.sh [--reps N] [--quick-only|--no-quick]   (default 7 reps)
#
# It prints "target met" or "TARGET MISSED" per figure and a closing count;
# exit 0 unless a run failed (a missed target is a finding, not an error).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

reps=7 quick=1 limits=1
while [ $# -gt 0 ]; do
	case $1 in
		--reps) reps=${2:?--reps needs a value}; shift ;;
		--quick-only) limits=0 ;;
		--no-quick) quick=0 ;;
		-h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
		*) mb_say "selfcheck.sh: unknown argument '$1'"; exit 2 ;;
	esac
	shift
done
mb_need_pkgs "${MB_BUILD_PKGS[@]}" jq
mb=$(mb_build release)
datasets=${MB_DATASETS:-$MB_WORK/datasets}
work=$(mktemp -d "${TMPDIR:-/tmp}/mapbench-selfcheck.XXXXXX")
trap 'rm -rf "$work"' EXIT
met=0 missed=0

# verdict NAME VALUE TARGET_EXPR: prints the figure and whether jq finds
# TARGET_EXPR (with $v the value) true.
verdict() {
	if jq -en --argjson v "$1" "$3" >/dev/null; then
		printf '  %-58s %8s   target met\n' "$2" "$1"; met=$((met + 1))
	else
		printf '  %-58s %8s   TARGET MISSED (%s)\n' "$2" "$1" "$3"; missed=$((missed + 1))
	fi
}
# ratio_of CSV FIELD NUM DEN METRIC SELECT: the ratio of medians mapbench
# ratio gives for the pair that jq SELECT picks (3 decimals).
ratio_of() {
	"$mb" ratio --by "$2" --num "$3" --den "$4" --metric "$5" "$1" >"$work/r.csv"
	csv_json "$work/r.csv" | jq -r -s "map(select($6)) | if length == 1 then .[0].ratio | tonumber
		| . * 1000 | round / 1000 else error(\"\(length) pairs match\") end"
}
run() { "$mb" run --quiet --dir "$datasets" --warmup 1 --reps "$reps" "$@"; }

echo "mapbench selfcheck on: $(lscpu | sed -n 's/^Model name: *//p'), family $(sed -n 's/^cpu family\t*: //p' /proc/cpuinfo | head -n 1) model $(sed -n 's/^model\t*: //p' /proc/cpuinfo | head -n 1), $(uname -r)"

if [ "$limits" = 1 ]; then
	echo "1. the hardware's limits (targets: mmap >= 80% of memread, read >= 60%, memread ~ memory bandwidth)"
	"$mb" dataset make --size 256M,1G --dir "$datasets"
	"$mb" run --method memread,mmap,read,pread --pattern seq --cache warm --size 256M,1G --block 128K \
		--reps "$reps" --warmup 1 --dir "$datasets" --out /dev/null
fi

echo "2. only the measured work inside the clock"
run --method memread,read,pread,mmap --pattern seq --cache warm --size 64K,1M,16M,256M --block 128K \
	--out "$work/a.csv"
run --method pread,uring --qd 1,8 --pattern seq --cache warm --size 16M --block 128K,1M --out "$work/b.csv"
for iov in 1 8; do
	run --method preadv --iov "$iov" --pattern seq --cache warm --size 16M --block 1M --out "$work/v.csv"
done
run --method memread --pattern seq --size 64K --block 4K --threads 1,2 --out "$work/c.csv"
verdict "$(ratio_of "$work/a.csv" file_size_bytes 1048576 16777216 mib_per_s '.method == "memread"')" \
	"memread 1M / 16M (MiB/s)" '$v >= 0.8'
verdict "$(ratio_of "$work/b.csv" block_size_bytes 1048576 131072 mib_per_s '.method == "pread"')" \
	"pread 16M: 1M blocks / 128K blocks (MiB/s)" '$v >= 0.9'
verdict "$(ratio_of "$work/b.csv" queue_depth 8 1 mib_per_s '.method == "uring" and .block_size_bytes == "1048576"')" \
	"uring 16M/1M: qd8 / qd1 (MiB/s)" '$v >= 0.9'
printf '  %-58s %8s   (context: the buffer footprints of qd8 and qd1)\n' \
	"preadv 16M/1M: --iov 8 / --iov 1 (MiB/s)" "$(ratio_of "$work/v.csv" iov 8 1 mib_per_s 'true')"
verdict "$(ratio_of "$work/c.csv" threads 2 1 total_ns 'true')" \
	"memread 64K: 2 threads / 1 thread (total time)" '$v <= 5'

if [ "$quick" = 1 ]; then
	echo "3. the quick matrix twice, back to back: mmap / read per configuration"
	for k in 1 2; do
		"$mb" run --dir "$datasets" --run-id "selfcheck-$k" "${MB_QUICK_ARGS[@]}" \
			--out "$work/q$k.csv" 2>"$work/q$k.err" || { cat "$work/q$k.err" >&2; exit 1; }
		if grep -q "reference is below" "$work/q$k.err"; then
			grep "reference is below" "$work/q$k.err" | sed 's/^/  /'
			missed=$((missed + 1))
		else
			echo "  run $k: no warm file method above memread's CI   target met"; met=$((met + 1))
		fi
		"$mb" ratio --by method --num mmap --den read "$work/q$k.csv" >"$work/r$k.csv"
		csv_json "$work/r$k.csv" >"$work/r$k.jsonl"
	done
	# per configuration (its label and sizes): |r2 / r1 - 1| and verdict flips
	jq -n -r --slurpfile a "$work/r1.jsonl" --slurpfile b "$work/r2.jsonl" '
		def key: [.pattern, .cache, .file_size_bytes, .block_size_bytes, .threads, .consume, .advice] | join(" ");
		def win: if .significant == "yes" then (if (.ratio | tonumber) > 1 then "mmap" else "read" end) else "~" end;
		($a | map({key: key, value: .}) | from_entries) as $A
		| [$b[] | select($A[key]) | {k: key, r1: ($A[key].ratio | tonumber), r2: (.ratio | tonumber),
		   w1: ($A[key] | win), w2: win}] as $p
		| ($p | map((.r2 / .r1 - 1) | fabs) | sort) as $d
		| "  configurations paired: \($p | length)",
		  "  run 1 median mmap/read: \($p | map(.r1) | sort | .[length / 2 | floor] * 1000 | round / 1000), run 2: \($p | map(.r2) | sort | .[length / 2 | floor] * 1000 | round / 1000)",
		  "  max |change|: \($d[-1] * 1000 | round / 10)%",
		  "FLIPS \([$p[] | select(.w1 != "~" and .w2 != "~" and .w1 != .w2)] | length)",
		  "MEDIAN \($d[length / 2 | floor] * 1000 | round / 10)"' >"$work/cmp.txt"
	grep -v '^FLIPS\|^MEDIAN' "$work/cmp.txt"
	verdict "$(sed -n 's/^MEDIAN //p' "$work/cmp.txt")" "median |change| of mmap/read between the runs (%)" '$v <= 5'
	verdict "$(sed -n 's/^FLIPS //p' "$work/cmp.txt")" "verdicts flipped (significant both times)" '$v == 0'
fi
echo "selfcheck: $met targets met, $missed missed"
