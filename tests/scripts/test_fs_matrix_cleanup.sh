#!/usr/bin/env bash
# tests/scripts/test_fs_matrix_cleanup.sh: bench/fs-matrix.sh leaves nothing
# behind and touches nothing it did not make. Beside a loop device and a
# tmpfs mount of the test's own, in the folder given as --scratch, it runs
# fs-matrix with --fs ext4,tmpfs --size-gb 1 and a failure injected
# (MB_FS_MATRIX_FAIL_AFTER) right after ext4 and then after tmpfs is mounted,
# then interrupts it: SIGTERM to the script alone while ext4 is measured,
# and SIGINT to its process group (Ctrl-C) while tmpfs is. Each time: the
# exit status (1, 130), no mount left under its scratch folder, no loop
# device backed by its images, its scratch folder gone, the results folder
# kept, and the test's own loop device and mount untouched. Needs root and
# loop devices (exit 77 otherwise).
# Usage: test_fs_matrix_cleanup.sh MAPBENCH_BINARY SCRATCH_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
script=$root/bench/fs-matrix.sh
export MAPBENCH=$1
work=$2/fs-matrix-cleanup
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "skip: needs root (losetup, mount)"; exit 77; }
[ -e /dev/loop-control ] || { echo "skip: no loop devices (/dev/loop-control)"; exit 77; }
for d in "$work"/other.mnt "$work"/fs-matrix.*/*.mnt; do # a previous run's, if it died
	mountpoint -q "$d" 2>/dev/null && umount "$d"
done
for f in "$work"/other.img "$work"/fs-matrix.*/*.img; do
	for l in $(losetup -n -O NAME -j "$f" 2>/dev/null); do losetup -d "$l"; done
done
rm -rf "$work"; mkdir -p "$work/results" "$work/other.mnt"
export MB_RESULTS=$work/results

# The test's own loop device and mount, which fs-matrix must leave alone.
other_loop=''
# shellcheck disable=SC2317 # (a trap)
own_cleanup() {
	mountpoint -q "$work/other.mnt" && umount "$work/other.mnt"
	[ -z "$other_loop" ] || losetup -d "$other_loop" 2>/dev/null
	true
}
trap own_cleanup EXIT
truncate -s 64M "$work/other.img"
other_loop=$(losetup --find --show "$work/other.img" 2>/dev/null) || { echo "skip: cannot attach a loop device"; exit 77; }
mount -t tmpfs -o size=16m tmpfs "$work/other.mnt"
echo mine >"$work/other.mnt/keep"

# left_alone: the test's own loop device and mount are still there
left_alone() {
	[ "$(losetup -n -O NAME -j "$work/other.img")" = "$other_loop" ] ||
		fail "$1: the test's own loop device $other_loop was detached"
	mountpoint -q "$work/other.mnt" || fail "$1: the test's own tmpfs was unmounted"
	[ "$(cat "$work/other.mnt/keep")" = mine ] || fail "$1: the test's own tmpfs lost its file"
}
# clean WHAT LOG: fs-matrix's scratch folder (named in LOG) is gone, with no
# mount under it and no loop device backed by its images
clean() {
	local scr
	scr=$(sed -n 's/.*, scratch \(.*\) -> .*/\1/p' "$2")
	[ -n "$scr" ] || fail "$1: the log names no scratch folder: $(cat "$2")"
	case $scr in "$work"/fs-matrix.*) ;; *) fail "$1: scratch $scr is not a new folder in --scratch" ;; esac
	! findmnt -rn -o TARGET | grep -qF "$scr" || fail "$1: left mounted: $(findmnt -rn -o TARGET | grep -F "$scr")"
	for f in ext4 tmpfs; do
		[ -z "$(losetup -n -O NAME -j "$scr/$f.img")" ] || fail "$1: left a loop device on $scr/$f.img"
	done
	! losetup -n -O BACK-FILE --list | grep -qF "$scr" || fail "$1: left a loop device backed by $scr"
	[ ! -e "$scr" ] || fail "$1: left $scr: $(ls -R "$scr")"
	left_alone "$1"
}
tiny=(--method pread --size 64K --block 4K --pattern seq --cache warm --reps 1 --warmup 0)
matrix=(--fs "ext4,tmpfs" --size-gb 1 --scratch "$work" --results "$work/results")

for at in ext4 tmpfs; do
	rc=0
	MB_FS_MATRIX_FAIL_AFTER=$at "$script" "${matrix[@]}" custom -- "${tiny[@]}" >"$work/log-$at" 2>&1 || rc=$?
	[ "$rc" -eq 1 ] || fail "failure injected after $at: exit $rc, want 1: $(cat "$work/log-$at")"
	grep -q "$at: failing on purpose" "$work/log-$at" || fail "the failure after $at was not injected: $(cat "$work/log-$at")"
	clean "failure after $at" "$work/log-$at"
done
kept=0
for f in "$work"/results/fs-matrix-*/ext4/results.csv; do [ ! -e "$f" ] || kept=$((kept + 1)); done
[ "$kept" -eq 1 ] || fail "want the results of ext4 (measured before the failure after tmpfs) kept, found $kept"

# interrupt SIGNAL FS WHO: a long run on FS, SIGNAL to the script (WHO=pid) or
# to its process group (WHO=group) once a row is written: exit 130
interrupt() {
	local sig=$1 fs=$2 who=$3 pid rc=0 csv=''
	rm -rf "$work/results"/*
	setsid "$script" --fs "$fs" --size-gb 1 --scratch "$work" --results "$work/results" custom -- \
		--method pread --size 1M --block 4K --pattern seq --cache warm --reps 100000 --warmup 0 \
		>"$work/log-$sig" 2>&1 &
	pid=$!
	for _ in $(seq 600); do
		csv=$(ls "$work"/results/*/"$fs"/results.csv 2>/dev/null || true)
		[ -n "$csv" ] && [ "$(wc -l <"$csv")" -ge 2 ] && break
		sleep 0.1
	done
	[ -n "$csv" ] || { kill -KILL -- "-$pid"; fail "$sig: no row written: $(cat "$work/log-$sig")"; }
	if [ "$who" = group ]; then kill -"$sig" -- "-$pid"; else kill -"$sig" "$pid"; fi
	wait "$pid" || rc=$?
	[ "$rc" -eq 130 ] || fail "SIG$sig to the $who: exit $rc, want 130: $(cat "$work/log-$sig")"
	clean "SIG$sig" "$work/log-$sig"
	[ "$(tail -c 1 "$csv" | od -An -c | tr -d ' ')" = '\n' ] || fail "SIG$sig: results.csv ends in a half row"
	"$MAPBENCH" summarize "$csv" >/dev/null || fail "SIG$sig: the kept results.csv is not valid"
}
interrupt TERM ext4 pid
interrupt INT tmpfs group
echo "ok: injected failures and interruptions cleaned up; the test's own loop device and mount untouched"
