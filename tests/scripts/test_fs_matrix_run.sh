#!/usr/bin/env bash
# tests/scripts/test_fs_matrix_run.sh: bench/fs-matrix.sh end to end, its
# quick matrix made tiny by EXTRA arguments (64K, 4K blocks, one rep), on
# ext4 (with --mkfs-opts and --mount-opts of its own) and tmpfs: one results
# folder per filesystem (results.csv, latency.csv, env.txt with the
# filesystem's own description, command.txt with the mkfs and mount
# commands, as printf %q writes them), rows that say which filesystem, mkfs options and mount options
# they ran on, the same configurations on both but cold (left out on tmpfs,
# with a line saying so), read and write rows, and then the comparison
# (bench/compare.sh's COMPARE.md, or a line saying it is not there).
# Needs root and loop devices (exit 77 otherwise).
# Usage: test_fs_matrix_run.sh MAPBENCH_BINARY SCRATCH_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export MAPBENCH=$1
work=$2/fs-matrix-run
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "skip: needs root (losetup, mount)"; exit 77; }
[ -e /dev/loop-control ] || { echo "skip: no loop devices (/dev/loop-control)"; exit 77; }
command -v jq >/dev/null || { echo "skip: jq is missing (tests/run.sh installs it)"; exit 77; }
. "$root/bench/lib.sh"
rm -rf "$work"; mkdir -p "$work/results"

"$root/bench/fs-matrix.sh" --fs ext4,tmpfs --size-gb 1 --mkfs-opts "ext4=-q -F -b 4096 -L mb-test" \
	--mount-opts ext4=noatime,nodiratime --scratch "$work" --results "$work/results" quick -- \
	--size 64K --block 4K --reps 1 --warmup 0 >"$work/log" 2>&1 || fail "fs-matrix.sh: $(tail -n 5 "$work/log")"
tops=("$work"/results/fs-matrix-*/)
[ ${#tops[@]} -eq 1 ] || fail "want one fs-matrix folder, found ${#tops[@]}"
top=${tops[0]%/}
[ -z "$(find "$work" -maxdepth 1 -name 'fs-matrix.*')" ] || fail "the scratch folder was left"
for fs in ext4 tmpfs; do
	for f in results.csv latency.csv env.txt command.txt; do
		[ -s "$top/$fs/$f" ] || fail "no $fs/$f in $top"
	done
	grep -q 'uname -a' "$top/$fs/env.txt" || fail "$fs/env.txt lacks uname -a"
	grep -q -- '--mkfs-opts' "$top/$fs/command.txt" || fail "$fs/command.txt lacks the mapbench runs"
done
grep -q '^mkfs.ext4 -q -F -b 4096 -L mb-test /dev/loop' "$top/ext4/command.txt" || fail "ext4/command.txt lacks the mkfs command"
grep -qF 'mount -o noatime\,nodiratime /dev/loop' "$top/ext4/command.txt" || fail "ext4/command.txt lacks the mount command"
grep -q 'Filesystem volume name: *mb-test' "$top/ext4/env.txt" || fail "ext4/env.txt lacks tune2fs -l"
grep -qF 'mount -t tmpfs -o size=1g\,noatime tmpfs ' "$top/tmpfs/command.txt" || fail "tmpfs/command.txt lacks the mount command"
grep -q 'tmpfs: cold cache states left out' "$work/log" || fail "no line says that tmpfs has no cold states"

# rows: which filesystem, made and mounted how; what was measured
rows() { csv_json "$top/$1/results.csv" | jq -r -s "$2"; }
[ "$(rows ext4 'map([.fs_type, .mkfs_opts, .status] | join("|")) | unique | join(" ")')" = \
	"ext4|mkfs.ext4 -q -F -b 4096 -L mb-test|ok" ] || fail "ext4 rows: $(rows ext4 'map(.fs_type + "|" + .mkfs_opts + "|" + .status) | unique')"
[ "$(rows tmpfs 'map([.fs_type, .mkfs_opts, .status] | join("|")) | unique | join(" ")')" = "tmpfs|none|ok" ] ||
	fail "tmpfs rows: $(rows tmpfs 'map(.fs_type + "|" + .mkfs_opts + "|" + .status) | unique')"
rows ext4 'map(.mount_opts) | unique | .[]' | grep -qx 'rw,noatime,nodiratime.*' ||
	fail "ext4 rows' mount_opts: $(rows ext4 'map(.mount_opts) | unique')"
rows tmpfs 'map(.mount_opts) | unique | .[]' | grep -q 'size=1048576k' ||
	fail "tmpfs rows' mount_opts: $(rows tmpfs 'map(.mount_opts) | unique')"
configs='map(select(.lat_timed == "0") | [.op, .method, .pattern, .cache, .target, .sync, .block_size_bytes] | join(" ")) | unique'
[ "$(rows ext4 "$configs | map(select(test(\" cold \") | not)) | join(\",\")")" = "$(rows tmpfs "$configs | join(\",\")")" ] ||
	fail "ext4 (but cold) and tmpfs ran different configurations"
[ "$(rows ext4 "$configs | map(select(test(\"^read .* cold \"))) | length")" -eq 6 ] ||
	fail "ext4: want 6 cold read configurations (read, pread, mmap x seq, rand)"
[ "$(rows tmpfs "$configs | map(select(test(\"^write \"))) | length")" -eq 5 ] ||
	fail "tmpfs: want 5 write configurations (write: none, fsync; mmap: none, fsync, msync)"

if [ -x "$root/bench/compare.sh" ]; then
	[ -s "$top/compare/COMPARE.md" ] || fail "bench/compare.sh wrote no $top/compare/COMPARE.md: $(tail -n 5 "$work/log")"
else
	grep -q 'bench/compare.sh is not there' "$work/log" || fail "no line says that bench/compare.sh is missing"
fi
echo "ok: ext4 and tmpfs measured, rows say how each filesystem was made and mounted"
