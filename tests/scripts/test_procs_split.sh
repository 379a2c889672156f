#!/usr/bin/env bash
# tests/scripts/test_procs_split.sh: `mapbench run --procs 2` splits the plan
# between its processes: under strace -ff (one log per process), each worker
# process pread(2)s its own share of a 1 MiB dataset in 16 KiB blocks (seq:
# a contiguous half; rand: every other block of the permutation), the
# shares are disjoint, together they are every block once, the parent reads
# none, and the row is ok with the dataset's checksum. Needs strace (exit 77
# otherwise; tests/run.sh installs it).
# Usage: test_procs_split.sh MAPBENCH_BINARY SCRATCH_DIR
set -euo pipefail
mb=$1
work=$2/procs-split
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v strace >/dev/null || { echo "skip: strace is missing (tests/run.sh installs it)"; exit 77; }
rm -rf "$work"; mkdir -p "$work"
# LeakSanitizer cannot run under ptrace (sanitizer builds)
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
block=16384 nblocks=64

for pattern in seq rand; do
	logs=$work/$pattern
	mkdir "$logs"
	r=0
	strace -ff -qq -e trace=pread64 -e signal=none -s 0 -o "$logs/trace" \
		"$mb" run --method pread --procs 2 --pattern "$pattern" --block 16K --size 1M --cache cold \
		--reps 1 --warmup 0 --lat-reps 0 --dir "$work/ds" --out "$work/$pattern.csv" --quiet || r=$?
	[ "$r" -eq 0 ] || fail "$pattern: mapbench run --procs 2 exited $r"
	grep -q ',ok,' "$work/$pattern.csv" || fail "$pattern: the row is not ok"
	# per process: the offsets of its 16 KiB preads (the dataset's; /proc
	# and cgroup files are read in other sizes)
	shares=()
	for f in "$logs"/trace.*; do
		offs=$(sed -n "s/^pread64([0-9]*, .*, $block, \([0-9]*\)) *= $block\$/\1/p" "$f" | sort -n)
		[ -n "$offs" ] && shares+=("$f")
		echo "$offs" >"$f.offs"
	done
	[ ${#shares[@]} -eq 2 ] || fail "$pattern: $((${#shares[@]})) processes read the dataset, want 2 (the workers)"
	a=$(grep -c . "${shares[0]}.offs") b=$(grep -c . "${shares[1]}.offs")
	[ "$a" -eq $((nblocks / 2)) ] && [ "$b" -eq $((nblocks / 2)) ] ||
		fail "$pattern: the workers read $a and $b blocks, want $((nblocks / 2)) each"
	[ -z "$(sort -n "${shares[0]}.offs" "${shares[1]}.offs" | uniq -d)" ] || fail "$pattern: a block was read by both"
	all=$(sort -n "${shares[0]}.offs" "${shares[1]}.offs" | tr '\n' ' ')
	want=$(seq 0 $block $((block * (nblocks - 1))) | tr '\n' ' ')
	[ "$all" = "$want" ] || fail "$pattern: the shares do not cover every block once"
	if [ "$pattern" = seq ]; then
		# contiguous halves: one process has the first half
		first=$(head -n 1 "${shares[0]}.offs") last=$(tail -n 1 "${shares[0]}.offs")
		[ $((last - first)) -eq $((block * (nblocks / 2 - 1))) ] || fail "seq: a share is not contiguous"
	fi
done
echo "ok: 2 processes, each its own half of the plan (seq and rand)"
