#!/usr/bin/env bash
# bench/fs-matrix.sh: the same datasets and the same matrix on several
# filesystems, each made afresh on a loop device (tmpfs: mounted in memory),
# then the comparison report with the first filesystem as the baseline.
#
#   bench/fs-matrix.sh [OPTIONS] [quick|full|custom] [-- EXTRA mapbench run ARGS]
#     --fs LIST           filesystems, in order, the first the baseline
#                         (default ext4,xfs,btrfs,tmpfs)
#     --size-gb N         each image (and the tmpfs) is N GiB (default 1 for
#                         quick and custom, 4 for full)
#     --mkfs-opts FS=OPTS the mkfs options for FS, split at spaces, instead of
#                         the defaults (ext4: -q -F, xfs: -q -f, btrfs: -q -f)
#     --mount-opts FS=OPTS the mount options for FS instead of the default
#                         noatime (tmpfs: size=<N>g comes first)
#     --scratch DIR       make the scratch folder (images, mount points) in
#                         DIR (default: the project's folder)
#     --results DIR       where fs-matrix-<run_id>/ goes (default results/)
#   quick (default): reads (read, pread, mmap; warm and cold; seq and rand;
#     1M and 16M; 4K and 128K blocks) and writes (write and mmap stores,
#     rewrite, sync none, fsync and msync; 16M; 4K and 1M blocks), 10 reps:
#     about a minute per filesystem. full: sizes up to 1G, 1M blocks, pwrite,
#     new targets, random writes, 10 reps. custom: one `mapbench run EXTRA`.
#   EXTRA is added to every mapbench run (e.g. --drop-caches).
#
# Needs root: it attaches loop devices (losetup) and mounts filesystems. For
# each filesystem, one at a time, it makes a sparse image in a new scratch
# folder, attaches it with direct I/O (so that cold reads reach the disk, not
# the image's own page cache), makes the filesystem, mounts it, runs the
# matrix with --dir on it and every row records --mkfs-opts (the mkfs program
# and its options; `none` for tmpfs) beside fs_type and mount_opts; then it
# unmounts, detaches and deletes what it made. Cold states are left out on
# tmpfs (its pages cannot be evicted). A filesystem the kernel cannot mount
# is skipped. It never touches a mount or loop device it did not make, and
# cleans up on error, Ctrl-C and SIGTERM too (exit 130 when interrupted).
#
# Writes RESULTS/fs-matrix-<run_id>/<fs>/ (results.csv, latency.csv, env.txt,
# command.txt) and, by bench/compare.sh, RESULTS/fs-matrix-<run_id>/compare/.
# Exit: 0 ok, 1 a run or the comparison failed, 2 bad options, 3 not root or
# not enough room, 4 no filesystem asked for can be mounted here, 130
# interrupted. Tests: MB_FS_MATRIX_FAIL_AFTER=FS fails right after FS is
# mounted.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'; }
die() { mb_say "fs-matrix.sh: $*"; exit 2; }
say() { mb_say "fs-matrix: $*"; }

MB_FS_KNOWN=(ext4 xfs btrfs tmpfs)
declare -A mkfs_prog=([ext4]=mkfs.ext4 [xfs]=mkfs.xfs [btrfs]=mkfs.btrfs)
declare -A mkfs_pkg=([ext4]=e2fsprogs [xfs]=xfsprogs [btrfs]=btrfs-progs)
declare -A mkfs_opts=([ext4]="-q -F" [xfs]="-q -f" [btrfs]="-q -f")
declare -A mount_opts=([ext4]=noatime [xfs]=noatime [btrfs]=noatime [tmpfs]=noatime)
declare -A mkfs_record=() # what --mkfs-opts records: the program and its options

# The matrices: parts, "title|mapbench run args", each appending to the
# filesystem's results.csv. Every part names its cache states (tmpfs drops cold).
quick_parts=(
	"reads|--method read,pread,mmap --pattern seq,rand --cache warm,cold --size 1M,16M --block 4K,128K --reps 10 --warmup 1"
	"writes|--op write --method write,mmap --target rewrite --sync none,fsync,msync --pattern seq --cache warm --size 16M --block 4K,1M --reps 10 --warmup 1"
)
full_parts=(
	"reads, warm|--method read,pread,mmap --pattern seq,rand --cache warm --size 1M,64M,1G --block 4K,128K,1M --reps 10 --warmup 1 --lat-reps 3"
	"reads, cold sequential|--method read,pread,mmap --pattern seq --cache cold --size 1M,64M,1G --block 128K,1M --reps 10 --warmup 1"
	"reads, cold random|--method read,pread,mmap --pattern rand --cache cold --size 1M,64M --block 4K,128K --reps 10 --warmup 1 --lat-reps 3"
	"writes|--op write --method write,pwrite,mmap --target rewrite,new --sync none,fsync,msync --pattern seq,rand --cache warm --size 64M,256M --block 4K,1M --reps 10 --warmup 1"
)

known_fs() { [[ " ${MB_FS_KNOWN[*]} " == *" $1 "* ]]; }

# fs_value OPTION FS=VALUE: checks FS; prints FS.
fs_value() {
	[[ $2 == *=* ]] || die "$1 '$2': want FS=OPTIONS (e.g. xfs=-q -f)"
	known_fs "${2%%=*}" || die "$1 '$2': unknown filesystem '${2%%=*}' (use ${MB_FS_KNOWN[*]})"
	echo "${2%%=*}"
}

orig_args=("$@")
fs_list=ext4,xfs,btrfs,tmpfs size_gb='' scratch_parent=$MB_WORK mode=quick extra=()
results=${MB_RESULTS:-$MB_WORK/results}
while [ $# -gt 0 ]; do
	case $1 in
		--fs) [ $# -ge 2 ] || die "--fs needs a value"; fs_list=$2; shift 2 ;;
		--size-gb) [ $# -ge 2 ] || die "--size-gb needs a value"; size_gb=$2; shift 2 ;;
		--mkfs-opts)
			[ $# -ge 2 ] || die "--mkfs-opts needs a value"
			f=$(fs_value --mkfs-opts "$2")
			[ "$f" != tmpfs ] || die "--mkfs-opts '$2': tmpfs has no mkfs (use --mount-opts)"
			mkfs_opts[$f]=${2#*=}; shift 2 ;;
		--mount-opts)
			[ $# -ge 2 ] || die "--mount-opts needs a value"
			f=$(fs_value --mount-opts "$2"); mount_opts[$f]=${2#*=}; shift 2 ;;
		--scratch) [ $# -ge 2 ] || die "--scratch needs a value"; scratch_parent=$2; shift 2 ;;
		--results) [ $# -ge 2 ] || die "--results needs a value"; results=$2; shift 2 ;;
		quick|full|custom) mode=$1; shift ;;
		--) shift; extra=("$@"); break ;;
		-h|--help) usage; exit 0 ;;
		*) die "unknown argument '$1' (see --help)" ;;
	esac
done
IFS=, read -ra fss <<<"$fs_list"
[ ${#fss[@]} -gt 0 ] || die "--fs '$fs_list': name at least one filesystem"
declare -A seen=()
for f in "${fss[@]}"; do
	known_fs "$f" || die "--fs '$fs_list': unknown filesystem '$f' (use ${MB_FS_KNOWN[*]})"
	[ -z "${seen[$f]:-}" ] || die "--fs '$fs_list': '$f' is given twice"
	seen[$f]=1
done
[ -n "$size_gb" ] || { [ "$mode" = full ] && size_gb=4 || size_gb=1; }
[[ $size_gb =~ ^[1-9][0-9]{0,3}$ ]] || die "--size-gb '$size_gb': want a whole number of GiB, 1 to 9999"
[ -d "$scratch_parent" ] || die "--scratch '$scratch_parent' is not a folder"
scratch_parent=$(cd "$scratch_parent" && pwd)
[ "$mode" != custom ] || [ ${#extra[@]} -gt 0 ] || die "custom needs the mapbench run arguments after --"
for f in "${fss[@]}"; do
	[ "$f" = tmpfs ] && rec=none || rec="${mkfs_prog[$f]}${mkfs_opts[$f]:+ ${mkfs_opts[$f]}}"
	[ ${#rec} -le 255 ] || die "--mkfs-opts for $f: '$rec' is longer than 255 bytes"
	[[ $rec != *$'\n'* && ${mount_opts[$f]} != *$'\n'* ]] || die "options for $f hold a line break"
	mkfs_record[$f]=$rec
done

if [ "$(id -u)" -ne 0 ]; then
	mb_say "fs-matrix.sh needs root: it attaches loop devices (losetup) and mounts filesystems (mount); run it with sudo"
	exit 3
fi

# The filesystems the kernel can mount (a module is loaded when it can be).
kernel_can_mount() {
	awk -v fs="$1" '$NF == fs { found = 1 } END { exit !found }' /proc/filesystems && return 0
	if command -v modprobe >/dev/null; then
		modprobe -q "$1" 2>/dev/null || true
	fi
	awk -v fs="$1" '$NF == fs { found = 1 } END { exit !found }' /proc/filesystems
}
usable=() pkgs=()
for f in "${fss[@]}"; do
	if ! kernel_can_mount "$f"; then
		say "$f: skipped: this kernel cannot mount it (not in /proc/filesystems, modprobe $f failed)"
		continue
	fi
	usable+=("$f")
	[ "$f" = tmpfs ] || pkgs+=("${mkfs_pkg[$f]}")
done
[ ${#usable[@]} -gt 0 ] || { say "none of ${fss[*]} can be mounted here"; exit 4; }

mb_need_pkgs "${MB_BUILD_PKGS[@]}" mount util-linux "${pkgs[@]}"
mb=$(mb_build release)

# Room: the images are made and deleted one at a time, so one must fit on
# the scratch folder's filesystem; the tmpfs lives in memory.
need=$((size_gb * 1024 * 1024 * 1024))
if [ ${#pkgs[@]} -gt 0 ]; then
	avail=$(df -B1 --output=avail "$scratch_parent" | tail -n 1 | tr -d ' ')
	if [ "$avail" -lt "$need" ]; then
		mb_say "fs-matrix.sh: a $size_gb GiB image does not fit in $scratch_parent ($((avail >> 20)) MiB free): give a smaller --size-gb or another --scratch"
		exit 3
	fi
fi
if [[ " ${usable[*]} " == *" tmpfs "* ]]; then
	avail=$(awk '$1 == "MemAvailable:" { printf "%.0f\n", $2 * 1024 }' /proc/meminfo)
	if [ "$avail" -lt "$need" ]; then
		mb_say "fs-matrix.sh: a $size_gb GiB tmpfs does not fit in memory ($((avail >> 20)) MiB available): give a smaller --size-gb"
		exit 3
	fi
fi

# What this run made, per filesystem: the image, the loop device, the mount
# point. Only these are ever unmounted, detached or deleted.
declare -A img=() loopdev=() mnt=()
scratch='' child='' rc=0

# teardown FS: unmounts FS's mount point if it is one, detaches the loop
# devices backed by its image (the one it attached among them), deletes the
# image and the mount point. 0, or 1 when something is left (said).
teardown() {
	local f=$1 left=0 d
	if [ -n "${mnt[$f]:-}" ] && mountpoint -q "${mnt[$f]}"; then
		for _ in 1 2 3 4 5; do
			umount "${mnt[$f]}" 2>/dev/null && break
			sleep 1
		done
		if mountpoint -q "${mnt[$f]}"; then
			say "$f: ${mnt[$f]} is busy: unmounting it lazily"
			umount -l "${mnt[$f]}" || left=1
		fi
	fi
	if [ -n "${img[$f]:-}" ]; then
		# every device backed by this image is this run's: the image is
		# new, in a folder this run made (this also finds a device attached
		# just before an interruption, before its name was kept)
		for d in $(losetup -n -O NAME -j "${img[$f]}" 2>/dev/null); do
			[ "$d" = "${loopdev[$f]:-}" ] || say "$f: $d is also backed by ${img[$f]}: detaching it"
			losetup -d "$d" || left=1
		done
		[ -z "$(losetup -n -O NAME -j "${img[$f]}" 2>/dev/null)" ] || left=1
		rm -f "${img[$f]}"
	fi
	[ -z "${mnt[$f]:-}" ] || ! [ -d "${mnt[$f]}" ] || mountpoint -q "${mnt[$f]}" || rmdir "${mnt[$f]}" || left=1
	unset "img[$f]" "loopdev[$f]" "mnt[$f]"
	return "$left"
}

# shellcheck disable=SC2317 # (a trap)
cleanup() {
	local code=$? f d left=0
	set +e
	trap '' INT TERM
	[ -z "$child" ] || { kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null || true; }
	for f in "${usable[@]}"; do
		teardown "$f" || left=1
	done
	if [ -n "$scratch" ] && [ -d "$scratch" ]; then
		for d in "$scratch"/*/; do
			[ -d "$d" ] && mountpoint -q "$d" && left=1
		done
		if [ "$left" = 0 ]; then
			rm -rf --one-file-system "$scratch"
		fi
	fi
	if [ "$left" = 1 ]; then
		say "could not clean up everything: see the lines above; $scratch is kept"
		[ "$code" -ne 0 ] || code=1
	fi
	exit "$code"
}

# shellcheck disable=SC2317 # (a trap)
on_signal() {
	set +e
	say "interrupted ($1): cleaning up"
	[ -z "$child" ] || { kill -"$1" "$child" 2>/dev/null; wait "$child" 2>/dev/null || true; }
	child=
	exit 130
}
trap cleanup EXIT
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM

# run_child CMD...: runs CMD in the background and waits for it, so that a
# signal to this script is handled (and passed on) at once.
run_child() {
	local r=0
	"$@" &
	child=$!
	wait "$child" || r=$?
	child=
	return "$r"
}

# without_cold ARGS...: the part's arguments with cold left out of --cache;
# nothing when no cache state is left.
without_cold() {
	local kept=() next=0 a c
	for a in "$@"; do
		if [ "$next" = 1 ]; then
			c=$(tr , '\n' <<<"$a" | grep -vx cold | paste -sd, -)
			[ -n "$c" ] || return 0
			a=$c
		fi
		[ "$a" = --cache ] && next=1 || next=0
		kept+=("$a")
	done
	printf '%s\n' "${kept[@]}"
}

# setup FS: the image, loop device and filesystem (or the tmpfs), mounted;
# the commands on stdout. Sets img, loopdev and mnt[FS].
setup() {
	local f=$1 opts mkfs dio
	mnt[$f]=$scratch/$f.mnt
	mkdir "${mnt[$f]}"
	if [ "$f" = tmpfs ]; then
		opts=size=${size_gb}g${mount_opts[$f]:+,${mount_opts[$f]}}
		printf '%q ' mount -t tmpfs -o "$opts" tmpfs "${mnt[$f]}"; echo
		mount -t tmpfs -o "$opts" tmpfs "${mnt[$f]}" || { say "$f: mount -t tmpfs -o $opts failed"; exit 1; }
		say "$f: mounted at ${mnt[$f]} -o $opts"
		return 0
	fi
	img[$f]=$scratch/$f.img
	truncate -s "${size_gb}G" "${img[$f]}"
	dio=--direct-io=on
	loopdev[$f]=$(losetup --find --show "$dio" "${img[$f]}" 2>/dev/null) ||
		{ dio=--direct-io=off; loopdev[$f]=$(losetup --find --show "$dio" "${img[$f]}"); }
	[ "$(losetup -n -O DIO "${loopdev[$f]}" | tr -d ' ')" = 1 ] ||
		say "$f: ${loopdev[$f]} has no direct I/O: cold reads may come from the image's page cache"
	read -ra mkfs <<<"${mkfs_opts[$f]}"
	printf '%q ' truncate -s "${size_gb}G" "${img[$f]}"; echo
	printf '%q ' losetup --find --show "$dio" "${img[$f]}"; echo "# ${loopdev[$f]}"
	printf '%q ' "${mkfs_prog[$f]}" "${mkfs[@]}" "${loopdev[$f]}"; echo
	"${mkfs_prog[$f]}" "${mkfs[@]}" "${loopdev[$f]}" >/dev/null ||
		{ say "$f: ${mkfs_record[$f]} ${loopdev[$f]} failed"; exit 1; }
	opts=${mount_opts[$f]}
	printf '%q ' mount ${opts:+-o "$opts"} "${loopdev[$f]}" "${mnt[$f]}"; echo
	mount ${opts:+-o "$opts"} "${loopdev[$f]}" "${mnt[$f]}" ||
		{ say "$f: mount ${opts:+-o $opts }${loopdev[$f]} failed"; exit 1; }
	say "$f: ${mkfs_record[$f]} on ${loopdev[$f]}, mounted at ${mnt[$f]}${opts:+ -o $opts}"
}

# fs_info FS: how the filesystem was made, as its own tools tell (env.txt).
fs_info() {
	case $1 in
		ext4) echo "# tune2fs -l ${loopdev[$1]}"; tune2fs -l "${loopdev[$1]}" ;;
		xfs) echo "# xfs_info ${mnt[$1]}"; xfs_info "${mnt[$1]}" ;;
		btrfs) echo "# btrfs filesystem show ${mnt[$1]}"; btrfs filesystem show "${mnt[$1]}" ;;
		tmpfs) echo "# tmpfs: no mkfs" ;;
	esac
	echo; echo "# losetup --list (this run's devices)"
	[ -z "${loopdev[$1]:-}" ] || losetup --list "${loopdev[$1]}"
}

# measure FS FSOUT: the matrix on the mounted FS. Returns mapbench's worst exit.
measure() {
	local f=$1 out=$2 part args=() worst=0 r title n=0
	local common=(--dir "${mnt[$f]}/datasets" --run-id "$run_id" --out "$out/results.csv"
		--mkfs-opts "${mkfs_record[$f]}" --quiet)
	[ "$mode" = custom ] || common+=(--lat-out "$out/latency.csv")
	[ "$f" != tmpfs ] || [ "$mode" = custom ] ||
		say "tmpfs: cold cache states left out: tmpfs pages live only in the page cache and cannot be evicted"
	for part in "${parts[@]}"; do
		n=$((n + 1))
		title=${part%%|*}
		read -ra args <<<"${part#*|}"
		if [ "$f" = tmpfs ] && [ "$mode" != custom ]; then
			mapfile -t args < <(without_cold "${args[@]}")
			[ ${#args[@]} -gt 0 ] || { say "tmpfs: part '$title' left out (cold only)"; continue; }
		fi
		printf '%q ' "$mb" run "${args[@]}" "${extra[@]}" "${common[@]}" >>"$out/command.txt"
		echo >>"$out/command.txt"
		say "$f: part $n/${#parts[@]}: $title"
		r=0
		run_child "$mb" run "${args[@]}" "${extra[@]}" "${common[@]}" || r=$?
		case $r in
			0) ;;
			1) worst=1 ;;
			*) return "$r" ;;
		esac
	done
	return "$worst"
}

case $mode in
	quick) parts=("${quick_parts[@]}") ;;
	full) parts=("${full_parts[@]}") ;;
	custom) parts=("custom|") ;;
esac
mkdir -p "$results" || die "cannot make the results folder $results"
run_id=$(mb_run_id)
top=$results/fs-matrix-$run_id
mkdir "$top"
if [ "$scratch_parent" = "$MB_WORK" ]; then
	scratch=$(mktemp -d "$scratch_parent/scratch-fs-matrix.XXXXXX")
else
	scratch=$(mktemp -d "$scratch_parent/fs-matrix.XXXXXX")
fi
say "run $run_id: ${usable[*]} ($mode, ${size_gb} GiB each), scratch $scratch -> $top"

done_fs=() t0=$SECONDS
for fs in "${usable[@]}"; do
	out=$top/$fs
	mkdir "$out"
	printf '%q ' "$0" "${orig_args[@]}" >"$out/command.txt"; echo >>"$out/command.txt"
	setup "$fs" >>"$out/command.txt"
	if [ "${MB_FS_MATRIX_FAIL_AFTER:-}" = "$fs" ]; then
		say "$fs: failing on purpose (MB_FS_MATRIX_FAIL_AFTER=$fs)"
		exit 1
	fi
	mkdir "${mnt[$fs]}/datasets"
	mb_env_dump "$out/env.txt" "${mnt[$fs]}/datasets" "$mb"
	{ echo; fs_info "$fs"; } >>"$out/env.txt" 2>&1 || true
	r=0
	measure "$fs" "$out" || r=$?
	case $r in
		0) done_fs+=("$fs") ;;
		1) done_fs+=("$fs"); rc=1; say "$fs: some measurements failed (see the error column of $out/results.csv)" ;;
		130) exit 130 ;;
		*) say "$fs: mapbench run exited $r: stopping"; exit "$r" ;;
	esac
	teardown "$fs" || { say "$fs: could not clean up"; exit 1; }
	say "$fs: done ($((SECONDS - t0)) s so far): $out/results.csv"
done

if [ ${#done_fs[@]} -lt 2 ]; then
	say "one filesystem measured: nothing to compare ($top/${done_fs[0]})"
elif [ ! -x "$MB_ROOT/bench/compare.sh" ]; then
	say "bench/compare.sh is not there: no comparison report (the results are in $top/<fs>/)"
else
	[ "${done_fs[0]}" = "${fss[0]}" ] || say "baseline ${fss[0]} was not measured: ${done_fs[0]} is the baseline"
	targets=()
	for f in "${done_fs[@]:1}"; do targets+=("$top/$f"); done
	if MAPBENCH=$mb "$MB_ROOT/bench/compare.sh" "$top/${done_fs[0]}" "${targets[@]}" "$top/compare"; then
		say "comparison against ${done_fs[0]}: $top/compare/COMPARE.md"
	else
		say "bench/compare.sh failed"
		rc=1
	fi
fi
say "results: $top ($((SECONDS - t0)) s)"
exit "$rc"
