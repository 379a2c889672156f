#!/usr/bin/env bash
# bench/crosscheck-fio.sh: mapbench checked against fio. On the same dataset
# file, block size and cache state, each mapbench method runs next to its fio
# peer, interleaved (mapbench --reps 1, then fio, N times), and the medians are
# compared. A ratio mapbench / fio outside 0.9-1.1 is printed as a finding with
# its likely cause. About 5 minutes on 2 cores with the defaults, estimated
# (--quick: about 2 minutes; --quick --reps 1 measured 40 s here).
#
#   read pairs: pread ~ psync, read ~ sync, mmap --consume copy ~ mmap (both
#          memcpy every block out of the mapping), uring --qd 1 ~ io_uring
#          --iodepth=1, odirect ~ psync --direct=1 (cold configurations only)
#   write pairs (mapbench run --op write --target rewrite ~ a fio write job on
#          a scratch file of its own): pwrite --sync none ~ psync, pwrite --sync
#          fsync ~ psync --end_fsync=1, mmap stores --sync none ~ mmap, mmap
#          stores --sync msync ~ mmap --end_fsync=1 (fio's mmap engine msync's)
#   configurations: warm seq 4K, 128K, 1M and warm rand 4K on the --size file;
#          cold seq 1M on it; cold rand 4K on a --cold-rand-size file; writes:
#          warm seq 128K and warm rand 4K of a --write-size file
#
#   bench/crosscheck-fio.sh [--reps N] [--size SIZE] [--cold-rand-size SIZE]
#                           [--write-size SIZE] [--no-writes] [--quick]
#                           [--fio-random-generator G] [--dry-run]
#   bench/crosscheck-fio.sh --tabulate RUN_DIR
#     --reps N              runs of each tool per pair and configuration (default 5)
#     --size SIZE           dataset for all reads but cold rand (default 1G)
#     --cold-rand-size SIZE dataset for cold rand 4K (default 64M: ~1 s per run)
#     --write-size SIZE     bytes each write run writes, the size of its dataset
#                           (the bytes mapbench copies) and scratch (default 128M)
#     --no-writes           the read pairs only
#     --quick               warm seq 128K, cold rand 4K, writes warm seq 128K
#                           only (a smoke test)
#     --fio-random-generator G  fio's --random_generator for rand (default: fio's
#                           tausworthe with its random map; lfsr: see the findings)
#     --dry-run             print every command a run would make, run nothing
#     --tabulate RUN_DIR    print the table and findings of a finished run again,
#                           from RUN_DIR's rows, with this mapbench; runs nothing
#
# Writes results/<run_id>/: results.csv (mapbench's rows and fio's, converted
# to the same columns, methods fio-psync, fio-sync, fio-mmap, fio-io_uring,
# fio-psync-direct; a write's op and sync as its mapbench peer's), fio/*.json (fio's own output), ratio-*.csv (mapbench
# ratio), summary.csv (mapbench summarize), crosscheck.txt (the table and
# findings: mapbench crosscheck), command.txt (every command run), env.txt,
# page-reporting.jsonl and .csv (the same records; mapbench reads the CSV).
# jq only reads fio's JSON into fio's rows (mapbench peer-row writes them);
# every ratio and finding comes from mapbench.
# Environment: MB_DATASETS (default datasets/), MB_RESULTS (default results/),
# MAPBENCH (a mapbench binary to use instead of building one).
#
# How the two tools are made to do the same work (and what each row says):
#  - both read every block of the file once, in order (seq) or in a random
#    order (rand: mapbench's seeded permutation; fio's random map, the default,
#    which also visits every block exactly once; --randrepeat=1: same order
#    each run). The orders differ; the work does not.
#  - warm: the file is read once and verified 100% resident (mapbench: its own
#    mincore check; fio: fincore before every run), and fio gets
#    --invalidate=0 (its default, invalidate=1, evicts the file first).
#  - cold: each tool evicts the file itself with posix_fadvise(DONTNEED) right
#    before it reads (mapbench --cache cold, verified by its mincore check; fio
#    --invalidate=1, its default, at file open: ~4 ms for 1 GiB). Evicting for
#    fio from outside (dd iflag=nocache) would leave the freed memory idle
#    while fio starts, which on a VM with free page reporting (below) made up
#    to 4 of 5 of fio's cold reads slow. fio's cold state is verified by what
#    the device delivered during its run (/proc/vmstat pgpgin, system-wide, in
#    the row's dev_read_bytes): at least 99% of the file, or the row is an
#    error. Neither tool drops the whole page cache, so root and non-root runs
#    are measured alike.
#  - O_DIRECT reads never use the page cache, so a "warm" O_DIRECT figure is
#    the cold one again: odirect ~ fio --direct=1 runs in cold configurations.
#  - fio's rows copy their mapbench peer's configuration columns (advice none,
#    buf_offset_bytes 0, ...), so fio runs as they say: --fadvise_hint=0 (fio
#    otherwise calls posix_fadvise/posix_madvise SEQUENTIAL or RANDOM, which
#    changes readahead and mmap read-around) and --iomem_align=PAGE (fio's
#    default buffer sits 16 bytes past a page boundary for large blocks).
#  - what still differs: mapbench checksums every byte it reads (as its rows
#    promise; for mmap --consume copy it sums the copy), fio never reads its
#    buffer; fio keeps per-I/O statistics (clock reads, latency histograms);
#    fio's runtime is whole milliseconds, rounded up (about 1% at 1 GiB warm).
#  - on a VM with free page reporting (virtio-balloon), memory freed by an
#    eviction goes back to the host after a while, and a cold read that must
#    take it back runs several times slower (system time in the kernel's copy).
#    That hits either tool by timing; the MiB reported during each run are
#    kept in page-reporting.jsonl and quoted in the findings. So that it does
#    not hit one pair every time, the order of the pairs turns by one each
#    repetition, and a cold configuration runs its O_DIRECT pair last (it
#    leaves the page cache idle long enough for the freed memory to go).
#
# Writes (op write: the same amount written to a file of the same size in the
# same place, same block size and order, same cache state of the target):
#  - neither tool writes a dataset. mapbench makes its own scratch file next to
#    the dataset (DIR/.mb-scratch-PID.tmp: the size of fill bytes, fdatasync'ed,
#    untimed), writes the dataset's bytes into it, re-reads and verifies it
#    after the clock stops, and removes it. For each fio run this script makes
#    DIR/.fio-scratch-PID.tmp the same way (dd of the size from /dev/zero,
#    conv=excl,fdatasync: allocated blocks on the device, so both overwrite
#    allocated blocks: mapbench --target rewrite, fio with --fallocate=none and
#    --allow_file_create=0, so it neither creates, lays out nor extends a file)
#    and removes it after the run (and on exit); fio's --filename is never a
#    dataset.
#  - warm target: the scratch is cached before the writes. mapbench's, by its
#    own set-up, verified by its mincore check (resident_before_pct); fio's is
#    still cached after dd wrote it (fdatasync cleans the pages, it does not
#    drop them), and fio_warm checks it with fincore before every run, reading
#    it again if needed (resident_before_pct of fio's row); fio gets
#    --invalidate=0, as for warm reads.
#  - sync: mapbench's fsync (pwrite) or msync(MS_SYNC) (mmap) after the last
#    write is timed as sync_ns, inside total_ns and so inside its MiB/s; fio's
#    --end_fsync=1 (psync: fsync(2); its mmap engine: msync(MS_SYNC) of the
#    whole mapping) is inside fio's runtime too, but fio reports no time for it.
#  - fio's rows get the change of /proc/vmstat nr_dirty and nr_writeback
#    across the fio run (system-wide, as mapbench's across its timed phases:
#    dirty_delta_bytes, writeback_delta_bytes), which the findings quote: the
#    bytes written less the pages left dirty were cleaned (written back)
#    during the run. dev_write_bytes stays empty in fio's rows: mapbench's is
#    its own /proc/self/io write_bytes (bytes it dirtied), which fio's job
#    process takes with it when it exits.
#  - what still differs: mapbench copies the dataset's bytes from a file-sized
#    copy in memory (every source byte read from DRAM), fio writes one
#    block-sized buffer of its own bytes (random, scrambled per write: fio's
#    scramble_buffers) that stays in the CPU cache; mapbench's write total
#    holds its mmap(2) and munmap(2) for the mmap pairs; fio keeps per-I/O
#    statistics; fio's fallocate default (native) would apply only to a file
#    it lays out, which it never does here (--fallocate=none says so); fio's
#    scratch holds zeros where mapbench's holds 0xa5 bytes before the writes.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() { sed -n '2,/^# How the two tools/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
die() { mb_say "crosscheck-fio: $*"; exit 2; }

# to_bytes SIZE: SIZE (N, NK, NKiB, NKB ... T; powers of 1024, as mapbench) in
# bytes on stdout; 1 when SIZE is not a size.
to_bytes() {
	local s=$1 n u
	[[ $s =~ ^([0-9]+)([KkMmGgTt]?)(i?[Bb])?$ ]] || return 1
	n=$((10#${BASH_REMATCH[1]})) u=${BASH_REMATCH[2]^^}
	[ -n "$u" ] || [ -z "${BASH_REMATCH[3]}" ] || return 1
	case $u in T) n=$((n << 40)) ;; G) n=$((n << 30)) ;; M) n=$((n << 20)) ;; K) n=$((n << 10)) ;; esac
	echo "$n"
}
# fmt_size BYTES: as mapbench names datasets (mb_fmt_size): 1G, 64M, 1536K, 1000.
fmt_size() {
	local v=$1 u=-1 units=KMGT
	while [ "$v" -gt 0 ] && [ $((v % 1024)) -eq 0 ] && [ $u -lt 3 ]; do
		v=$((v / 1024)) u=$((u + 1))
	done
	if [ $u -lt 0 ]; then echo "$v"; else echo "$v${units:u:1}"; fi
}

orig_args=("$@")
reps=5 size=1G rand_size=64M write_size=128M writes=1 quick=0 dry=0 fio_rng="" tab=""
parse_args() {
	while [ $# -gt 0 ]; do
		case $1 in
			--reps) [ $# -ge 2 ] || die "--reps needs a value"; reps=$2; shift 2 ;;
			--size) [ $# -ge 2 ] || die "--size needs a value"; size=$2; shift 2 ;;
			--cold-rand-size) [ $# -ge 2 ] || die "--cold-rand-size needs a value"; rand_size=$2; shift 2 ;;
			--write-size) [ $# -ge 2 ] || die "--write-size needs a value"; write_size=$2; shift 2 ;;
			--no-writes) writes=0; shift ;;
			--fio-random-generator) [ $# -ge 2 ] || die "--fio-random-generator needs a value"
				fio_rng=$2; shift 2 ;;
			--quick) quick=1; shift ;;
			--dry-run|-n) dry=1; shift ;;
			--tabulate) [ $# -ge 2 ] || die "--tabulate needs a run folder"; tab=$2; shift 2 ;;
			-h|--help) usage; exit 0 ;;
			*) die "unknown argument '$1' (see --help)" ;;
		esac
	done
}
parse_args "$@"
if [ -n "$tab" ]; then # the run's own options, from the first line of its command.txt
	[ -s "$tab/results.csv" ] || die "--tabulate $tab: no results.csv there"
	[ -s "$tab/command.txt" ] || die "--tabulate $tab: no command.txt there"
	# shellcheck disable=SC2162 # backslashes: the line is printf %q output
	read -a run_args <<<"$(head -n 1 "$tab/command.txt")"
	parse_args "${run_args[@]:1}"
	dry=0
fi
[[ $fio_rng =~ ^(|tausworthe|lfsr|tausworthe64)$ ]] || die "--fio-random-generator '$fio_rng': want tausworthe, lfsr or tausworthe64"
[[ $reps =~ ^[0-9]+$ ]] && [ "$((10#$reps))" -ge 1 ] || die "--reps '$reps': want a whole number >= 1"
reps=$((10#$reps))
[ "$reps" -ge 5 ] || [ -n "$tab" ] || mb_say "crosscheck-fio: --reps $reps: medians of fewer than 5 runs are fragile on a noisy machine"
size_b=$(to_bytes "$size") && [ "$size_b" -ge 4096 ] || die "--size '$size': want a size of at least 4K, e.g. 1G"
rand_b=$(to_bytes "$rand_size") && [ "$rand_b" -ge 4096 ] || die "--cold-rand-size '$rand_size': want a size of at least 4K, e.g. 64M"
write_b=$(to_bytes "$write_size") && [ "$write_b" -ge 4096 ] || die "--write-size '$write_size': want a size of at least 4K, e.g. 256M"

datasets=${MB_DATASETS:-$MB_WORK/datasets}
results=${MB_RESULTS:-$MB_WORK/results}
if parent=$(cd "$(dirname "$datasets")" 2>/dev/null && pwd); then # absolute, as fio and the rows show it
	dsdir=$parent/$(basename "$datasets")
else
	dsdir=$datasets
fi
big="$dsdir/mb-$(fmt_size "$size_b")-s1.dat"
small="$dsdir/mb-$(fmt_size "$rand_b")-s1.dat"
wdata="$dsdir/mb-$(fmt_size "$write_b")-s1.dat"
# fio's scratch file for write runs: next to the datasets, made before each
# write run and removed after it (and on exit).
fio_scratch="$dsdir/.fio-scratch-$$.tmp"
[[ $big$small$fio_scratch != *:* ]] || die "dataset path $big has a ':', which fio reads as a file separator"
page=$(getconf PAGESIZE 2>/dev/null || echo 4096)

# Configurations: "cache pattern block_bytes file file_bytes op" (a write's
# file is the dataset whose bytes mapbench writes; fio writes its scratch).
if [ "$quick" = 1 ]; then
	configs=("warm seq 131072 $big $size_b read" "cold rand 4096 $small $rand_b read")
	[ "$writes" = 0 ] || configs+=("warm seq 131072 $wdata $write_b write")
else
	configs=("warm seq 4096 $big $size_b read" "warm seq 131072 $big $size_b read"
		"warm seq 1048576 $big $size_b read" "warm rand 4096 $big $size_b read"
		"cold seq 1048576 $big $size_b read" "cold rand 4096 $small $rand_b read")
	[ "$writes" = 0 ] || configs+=("warm seq 131072 $wdata $write_b write" "warm rand 4096 $wdata $write_b write")
fi

# Pairs: name, mapbench arguments, fio method name (the CSV's method column),
# fio arguments. odirect: cold configurations only (see the header). Write
# pairs (wpairs) run in the write configurations, read pairs in the others;
# a write pair's name is mapbench's method and its sync mode.
pairs=(pread read mmap uring odirect)
wpairs=(pwrite pwrite+fsync mmap-stores mmap-stores+msync)
pair_mb() {
	case $1 in
		pread) echo "--method pread" ;; read) echo "--method read" ;;
		mmap) echo "--method mmap --consume copy" ;; uring) echo "--method uring --qd 1" ;;
		odirect) echo "--method odirect" ;;
		pwrite) echo "--op write --method pwrite --target rewrite --sync none" ;;
		pwrite+fsync) echo "--op write --method pwrite --target rewrite --sync fsync" ;;
		mmap-stores) echo "--op write --method mmap --target rewrite --sync none" ;;
		mmap-stores+msync) echo "--op write --method mmap --target rewrite --sync msync" ;;
	esac
}
# pair_mb_method PAIR: mapbench's method (the method column of its rows).
pair_mb_method() { case $1 in pwrite*) echo pwrite ;; mmap-stores*) echo mmap ;; *) echo "$1" ;; esac; }
# pair_sync PAIR: a write pair's sync mode (the sync column of its rows).
pair_sync() { case $1 in *+*) echo "${1#*+}" ;; *) echo none ;; esac; }
pair_fio_method() {
	case $1 in
		pread|pwrite*) echo fio-psync ;; read) echo fio-sync ;; mmap*) echo fio-mmap ;;
		uring) echo fio-io_uring ;; odirect) echo fio-psync-direct ;;
	esac
}
pair_fio() {
	case $1 in
		pread|pwrite) echo "--ioengine=psync" ;; read) echo "--ioengine=sync" ;;
		mmap|mmap-stores) echo "--ioengine=mmap" ;;
		uring) echo "--ioengine=io_uring --iodepth=1" ;; odirect) echo "--ioengine=psync --direct=1" ;;
		pwrite+fsync) echo "--ioengine=psync --end_fsync=1" ;;
		mmap-stores+msync) echo "--ioengine=mmap --end_fsync=1" ;; # msync(MS_SYNC) of the mapping
	esac
}
pair_label() {
	case $1 in
		pread) echo "pread / fio psync" ;; read) echo "read / fio sync" ;;
		mmap) echo "mmap copy / fio mmap" ;; uring) echo "uring qd1 / fio io_uring" ;;
		odirect) echo "odirect / fio direct" ;;
		pwrite*) echo "pwrite / fio psync" ;; mmap-stores*) echo "mmap stores / fio mmap" ;;
	esac
}
pair_is_write() { [[ " ${wpairs[*]} " == *" $1 "* ]]; }
pair_applies() { # PAIR CACHE OP
	if [ "$3" = write ]; then pair_is_write "$1"; else ! pair_is_write "$1" && { [ "$1" != odirect ] || [ "$2" = cold ]; }; fi
}
# The pairs as mapbench crosscheck takes them, in the order of the table: one
# per mapbench and fio method (a write's sync mode is part of its configuration).
xc_pairs=()
for p in "${pairs[@]}"; do xc_pairs+=(--pair "$p,$(pair_fio_method "$p"),$(pair_label "$p")"); done
if [ "$writes" = 1 ]; then
	for p in pwrite mmap-stores; do
		xc_pairs+=(--write-pair "$(pair_mb_method "$p"),$(pair_fio_method "$p"),$(pair_label "$p")")
	done
fi

# show CMD...: CMD as one line of shell input.
show() { local s; s=$(printf '%q ' "$@"); printf '%s\n' "${s% }"; }

# The binary: built (or $MAPBENCH) for a run; its would-be path for a dry run;
# --tabulate needs mapbench only.
if [ -n "$tab" ]; then
	[ -n "${MAPBENCH:-}" ] || [ "$MB_INSTALLED" = 1 ] || mb_need_pkgs "${MB_BUILD_PKGS[@]}"
	mb=$(mb_build release)
elif [ "$dry" = 1 ]; then
	if [ -n "${MAPBENCH:-}" ]; then mb=$MAPBENCH
	elif [ "$MB_INSTALLED" = 0 ]; then mb=$MB_ROOT/build/release/mapbench
	else mb=$(command -v mapbench || echo mapbench); fi
	fio=$(command -v fio || echo fio)
else
	mb_need_pkgs "${MB_BUILD_PKGS[@]}" fio jq
	# fincore (util-linux-extra on Debian 12, util-linux before) checks fio's
	# cache state; without it fio's rows leave residency empty.
	if ! command -v fincore >/dev/null && [ "$(id -u)" -eq 0 ] &&
		apt-cache show util-linux-extra >/dev/null 2>&1; then
		mb_need_pkgs util-linux-extra
	fi
	mb=$(mb_build release)
	fio=$(command -v fio)
fi

run_id=$(mb_run_id)
out="$results/$run_id"

# fio's command for one run, in the array fio_cmd. FILE: the dataset for a
# read pair, fio's scratch file for a write pair (never a dataset): fio writes
# it in place (--fallocate=none --allow_file_create=0: no layout, no creation).
fio_cmdline() { # PAIR CACHE PATTERN BLOCK FILE FILE_BYTES JSON
	local rw=read inv=1 extra=() mode=(--readonly)
	if pair_is_write "$1"; then rw=write mode=(--fallocate=none); fi
	[ "$3" = rand ] && rw=rand$rw && [ -n "$fio_rng" ] && extra+=(--random_generator="$fio_rng")
	[ "$2" = warm ] && inv=0
	read -ra engine <<<"$(pair_fio "$1")"
	extra=("${engine[@]}" "${extra[@]}")
	fio_cmd=("$fio" --name=crosscheck --filename="$5" --size="$6" --bs="$4" --rw="$rw" "${extra[@]}"
		--invalidate="$inv" --fadvise_hint=0 --iomem_align="$page" --randrepeat=1 "${mode[@]}"
		--allow_file_create=0 --output-format=json --output="$7")
}
# fio's scratch file for a write run: FILE_BYTES of zeros on allocated blocks
# (fdatasync'ed), made anew, as mapbench makes its own before each repetition.
scratch_cmdline() { # FILE FILE_BYTES
	# shellcheck disable=SC2054 # conv takes a comma-separated list
	scratch_cmd=(dd if=/dev/zero of="$1" bs=1M count="$2" iflag=count_bytes conv=excl,fdatasync status=none)
}
# mapbench's command for one run, in the array mb_cmd. It names the dataset by
# --size and --dir (DIR/mb-SIZE-s1.dat, the file fio reads): with --file,
# mapbench would first read the whole file to checksum it, in the same process
# just before a cold run, which fio's runs do not get.
mb_cmdline() { # PAIR CACHE PATTERN BLOCK FILE_BYTES CSV
	local extra
	read -ra extra <<<"$(pair_mb "$1")"
	mb_cmd=("$mb" run "${extra[@]}" --pattern "$3" --cache "$2" --size "$(fmt_size "$5")" --dir "$dsdir"
		--block "$4" --reps 1 --warmup 0 --run-id "$run_id" --out "$6" --quiet)
}
# A configuration runs in parts: the page-cache pairs, then (cold only) the
# O_DIRECT pair on its own. O_DIRECT leaves the page cache idle for seconds,
# and a VM with free page reporting hands the memory freed by the last
# eviction back to its host meanwhile: the buffered cold read after it would
# have to fault it all back in (several times slower), so it would always be
# the same pair that pays.
parts() { if [ "$1" = cold ]; then echo "cached direct"; else echo cached; fi; }
# rep_pairs REP CACHE PART OP: the pairs of one repetition, in order. The order
# turns by one each repetition, so that a pair does not always run first.
rep_pairs() {
	local all=("${pairs[@]}") n i p list=()
	[ "$4" != write ] || all=("${wpairs[@]}")
	n=${#all[@]}
	for ((i = 0; i < n; i++)); do
		p=${all[(i + $1 - 1) % n]}
		pair_applies "$p" "$2" "$4" || continue
		if [ "$3" = direct ]; then [ "$p" = odirect ]; else [ "$p" != odirect ]; fi && list+=("$p")
	done
	echo "${list[*]}"
}
# cfg_name CACHE PATTERN BLOCK FILE FILE_BYTES [OP PAIR]: "warm-seq-128K-1G", for
# a write pair "warm-seq-128K-256M-write-fsync" (its sync mode is part of it).
cfg_name() {
	local n
	n="$1-$2-$(fmt_size "$3")-$(fmt_size "$5")"
	[ "${6:-read}" != write ] || n+="-write-$(pair_sync "$7")"
	echo "$n"
}
# The mapbench ratio calls: one per mapbench and fio method, MiB/s; and ops/s
# where rand ran.
ratio_calls() { # prints "mapbench_method fio_method metric" lines
	local p c has_rand=0 has_cold=0 seen=" " m
	for c in "${configs[@]}"; do
		[[ $c == *" rand "* ]] && has_rand=1
		[[ $c == cold* ]] && has_cold=1
	done
	for p in "${pairs[@]}" "${wpairs[@]}"; do
		[ "$p" != odirect ] || [ "$has_cold" = 1 ] || continue
		! pair_is_write "$p" || [ "$writes" = 1 ] || continue
		m="$(pair_mb_method "$p") $(pair_fio_method "$p")"
		[[ $seen != *" $m,"* ]] || continue
		seen+="$m, "
		echo "$m mib_per_s"
		[ "$has_rand" = 0 ] || echo "$m ops_per_s"
	done
}

# Plan: skip blocks larger than their file (mapbench would skip them too).
plan=()
for c in "${configs[@]}"; do
	read -r cache pat bs file fbytes op <<<"$c"
	if [ "$bs" -gt "$fbytes" ]; then
		mb_say "crosscheck-fio: skipped $op $cache $pat $(fmt_size "$bs"): block larger than the $(fmt_size "$fbytes") file"
		continue
	fi
	plan+=("$c")
done
[ ${#plan[@]} -gt 0 ] || die "nothing to run: every block is larger than its file"
configs=("${plan[@]}")
sizes=""  # the datasets the plan reads, for mapbench dataset make
for c in "${configs[@]}"; do
	read -r _ _ _ _ fbytes _ <<<"$c"
	[[ ,$sizes, == *,$(fmt_size "$fbytes"),* ]] || sizes=${sizes:+$sizes,}$(fmt_size "$fbytes")
done

# Free page reporting (virtio-balloon): a VM that hands freed memory back to
# its host must fault it back in when the page cache next grows, which makes a
# cold read several times slower. How much was reported during each run is
# recorded (page-reporting.jsonl, and .csv for mapbench crosscheck) to tell
# such runs apart.
pr_file=/sys/module/page_reporting/parameters/reported_kib
[ -r "$pr_file" ] || pr_file=""
pr_args() { [ -z "$pr_file" ] || echo "--page-reporting $out/page-reporting.csv"; }

# --- dry run: the commands, one per line, in the order a run makes them --------
if [ "$dry" = 1 ]; then
	echo "# crosscheck-fio dry run: the commands a run makes, in order (nothing was run)."
	echo "# results would go to $out/; before each warm fio run, fincore checks the file is resident;"
	echo "# cold fio runs evict the file themselves (--invalidate=1) and must read it from the device."
	echo "# write runs: mapbench writes a scratch file of its own; fio writes $fio_scratch, made (dd)"
	echo "# before each fio write run, checked resident with fincore, and removed (rm) after it."
	show "$mb" dataset make --size "$sizes" --dir "$dsdir"
	for c in "${configs[@]}"; do
		read -r cache pat bs file fbytes op <<<"$c"
		name=$(cfg_name "$cache" "$pat" "$bs" "$file" "$fbytes")
		echo "# configuration $name: $op $cache $pat $(fmt_size "$bs") of $file"
		[ "$cache" = cold ] || [ "$op" = write ] || { printf 'cat -- %q >/dev/null\n' "$file"; }
		for part in $(parts "$cache"); do for ((r = 1; r <= reps; r++)); do
			for p in $(rep_pairs "$r" "$cache" "$part" "$op"); do
				name=$(cfg_name "$cache" "$pat" "$bs" "$file" "$fbytes" "$op" "$p")
				mb_cmdline "$p" "$cache" "$pat" "$bs" "$fbytes" "$out/.tmp/mb.csv"
				show "${mb_cmd[@]}"
				target=$file
				if [ "$op" = write ]; then
					target=$fio_scratch
					scratch_cmdline "$target" "$fbytes"
					show "${scratch_cmd[@]}"
				fi
				fio_cmdline "$p" "$cache" "$pat" "$bs" "$target" "$fbytes" "$out/fio/$name-$p-r$r.json"
				show "${fio_cmd[@]}"
				[ "$op" != write ] || show rm -f -- "$target"
			done
		done; done
	done
	while read -r p f metric; do
		show "$mb" ratio --by method --num "$p" --den "$f" --metric "$metric" \
			--follow tool_version "$out/results.csv"
	done < <(ratio_calls)
	show "$mb" summarize "$out/results.csv"
	# shellcheck disable=SC2046 # two words or none
	show "$mb" crosscheck "${xc_pairs[@]}" $(pr_args) "$out/results.csv"
	exit 0
fi

# table: crosscheck.txt: what was run, then mapbench crosscheck's table and
# findings (every figure and cause from mapbench, on the rows in $csv), then
# how the run ended.
table() {
	echo "mapbench vs fio: medians of $reps interleaved runs each ($fio_version, $(basename "$out"))"
	echo "fio: --fadvise_hint=0 --iomem_align=$page --randrepeat=1${fio_rng:+ --random_generator=$fio_rng (rand)};" \
		"warm: --invalidate=0; cold: --invalidate=1, read from the device"
	echo "mapbench: --reps 1 --warmup 0 per run; it also checksums every byte it reads, fio does not"
	echo "ratio = mapbench median / fio median (MiB/s; the same for ops/s); 95% CI and Mann-Whitney p"
	echo "from mapbench ratio (~: not significant at 5%)"
	echo
	local pr=() xc
	[ ! -s "$out/page-reporting.csv" ] || pr=(--page-reporting "$out/page-reporting.csv")
	xc=$("$mb" crosscheck "${xc_pairs[@]}" "${pr[@]}" "$csv") || return
	printf '%s\n' "$xc"
	echo
	echo "odirect / fio --direct=1 ran in the cold configurations only: O_DIRECT never reads the page"
	echo "cache, so a warm O_DIRECT figure would be the cold one again."
	if [[ $xc == *" sync="* ]]; then
		echo "writes (sync=...): mapbench run --op write --target rewrite writes the dataset's bytes from memory"
		echo "into a scratch file of its own, verified after the clock; fio --rw=write|randwrite writes its own"
		echo "bytes into a scratch file the script made (dd, fdatasync'ed) next to the dataset, --fallocate=none"
		echo "--invalidate=0; both targets cached before (mincore; fincore). sync=fsync: mapbench's timed fsync"
		echo "against fio's --end_fsync=1 (psync); sync=msync: mapbench's msync(MS_SYNC) against fio's mmap"
		echo "engine's --end_fsync=1, the same msync; both inside each tool's time."
	fi
	if [ -n "$tab" ]; then
		echo "made again from $csv by --tabulate (how the run ended: its own crosscheck.txt)"
		return
	fi
	if [ -n "$failed" ]; then
		echo "stopped: $failed"
	elif [ "$stop" = 1 ]; then
		echo "interrupted: the table holds the runs made before Ctrl-C"
	fi
	echo "time: ${elapsed} s measuring; $nruns of $total pairs run; rows: $csv"
}

# --- tabulate: the table of a finished run, again ---------------------------------
if [ -n "$tab" ]; then
	out=$(cd "$tab" && pwd) csv=$out/results.csv
	# fio's version and page alignment as the run had them (env.txt, command.txt)
	fio_version=$(sed -n '/^# fio --version$/{n;p;q}' "$out/env.txt" 2>/dev/null)
	fio_version=${fio_version:-fio}
	align=$(grep -o -m 1 -- '--iomem_align=[0-9]*' "$out/command.txt" || true)
	page=${align:-$page} page=${page#--iomem_align=}
	table
	exit
fi

# --- the run -------------------------------------------------------------------
[ -d "$results" ] || mkdir -p "$results" || die "cannot make the results folder $results"
mkdir "$out" "$out/fio" "$out/.tmp"
trap 'rm -rf "$out/.tmp"; rm -f "$fio_scratch"' EXIT
csv=$out/results.csv
show "$0" "${orig_args[@]}" >"$out/command.txt"
logcmd() { show "$@" >>"$out/command.txt"; }

logcmd "$mb" dataset make --size "$sizes" --dir "$dsdir"
"$mb" dataset make --size "$sizes" --dir "$dsdir" >/dev/null || exit $?
for c in "${configs[@]}"; do
	read -r _ _ _ file fbytes _ <<<"$c"
	[ "$(stat -c %s "$file" 2>/dev/null)" = "$fbytes" ] ||
		{ mb_say "crosscheck-fio: mapbench dataset make did not leave $file ($fbytes bytes)"; exit 3; }
done
mb_env_dump "$out/env.txt" "$dsdir" "$mb"
fio_version=$("$fio" --version)
printf '\n# fio --version\n%s\n' "$fio_version" >>"$out/env.txt"
if [ "$(id -u)" -ne 0 ]; then
	mb_say "crosscheck-fio: not root: cold = posix_fadvise(DONTNEED), as for root (neither tool drops all caches)"
fi
pr_mark() { [ -z "$pr_file" ] || cat "$pr_file"; }
pr_note() { # CONFIG METHOD REP KIB_BEFORE: one record, in both files
	[ -n "$pr_file" ] || return 0
	local mib=$((($(pr_mark) - $4) / 1024))
	printf '{"config":"%s","method":"%s","rep":%d,"reported_mib":%d}\n' "$1" "$2" "$3" "$mib" \
		>>"$out/page-reporting.jsonl"
	[ -s "$out/page-reporting.csv" ] || echo "config,method,rep,reported_mib" >"$out/page-reporting.csv"
	printf '%s,%s,%d,%d\n' "$1" "$2" "$3" "$mib" >>"$out/page-reporting.csv"
}
others=$(pgrep -d, -x 'mapbench|fio' || true)
[ -z "$others" ] || mb_say "crosscheck-fio: other mapbench or fio processes are running ($others): expect noisier figures"
have_fincore=1
command -v fincore >/dev/null || {
	have_fincore=0
	mb_say "crosscheck-fio: no fincore (util-linux): fio's cache state is prepared but not verified"
}

# resident FILE: "RES SIZE", the bytes of FILE in the page cache and its size
# (fincore; "" without it).
resident() {
	[ "$have_fincore" = 1 ] || return 0
	fincore --raw --noheadings --bytes --output RES,SIZE "$1"
}
# fio_warm FILE: makes FILE resident for a warm fio run and checks it with
# fincore; sets res_before, and state_err when the state was not reached.
fio_warm() {
	local attempt res size
	state_err="" res_before=""
	for attempt in 1 2; do
		[ "$attempt" = 1 ] && [ "$have_fincore" = 1 ] || cat -- "$1" >/dev/null
		res_before=$(resident "$1")
		[ -n "$res_before" ] || return 0
		read -r res size <<<"$res_before"
		[ "$res" -lt "$size" ] || return 0
	done
	state_err="warm state not reached: only $res of $size bytes of $1 resident after reading it"
}
# pgpgin: KiB read from block devices since boot (all processes).
pgpgin() { awk '$1 == "pgpgin" { print $2 }' /proc/vmstat; }
# vmstat_w: "NR_DIRTY NR_WRITEBACK" (pages, system-wide), around a fio write run.
vmstat_w() { awk '$1 == "nr_dirty" { d = $2 } $1 == "nr_writeback" { w = $2 } END { print d, w }' /proc/vmstat; }

# fio_row PEER_CSV FIO_JSON METHOD RES_BEFORE RES_AFTER DEV_READ_BYTES FILE_BYTES ERROR
#         [FILE DIRTY_DELTA_BYTES WRITEBACK_DELTA_BYTES]:
# the fio run as one row of mapbench's CSV, on stdout (with the last three, a
# write run: fio's figures of its write direction, on its scratch FILE). jq reads fio's figures
# out of its JSON (FIO_FIELDS: NAME=VALUE lines; a column fio has no figure
# for is left empty) and mapbench peer-row writes them into a row whose
# configuration and identity columns (FIO_KEEP) are those of the mapbench
# run next to it, so `mapbench ratio --by method` pairs them.
FIO_KEEP=schema,run_id,host,kernel,arch,cpu_model,ncpu,mem_bytes,page_size,fs_type,mount_source,mount_opts
FIO_KEEP+=,read_ahead_kb,thp,build,advice,consume,op,pattern,cache,file_size_bytes,block_size_bytes,threads
FIO_KEEP+=,queue_depth,file,data_seed,buf_offset_bytes,iov,window_bytes,fixed_buffers,cpu_vendor,cpu_family
FIO_KEEP+=,cpu_model_id,cpu_stepping,microcode,hypervisor,mitigations,boot_id,target,sync,stride_blocks
FIO_KEEP+=,stdio_buf_bytes,fallocate,mkfs_opts,dirty_bytes,dirty_background_bytes,dirty_ratio
FIO_KEEP+=,dirty_background_ratio
FIO_FIELDS='
def r3: . * 1000 | round / 1000;
# latency percentiles: fio'"'"'s total latency when it has them; else its completion
# latency where submission takes no time (the sync engines); else none
# (io_uring: the read happens at submission, clat misses it)
def pct($r; k): if $r.lat_ns.percentile != null then $r.lat_ns.percentile[k]
	elif ($r.slat_ns.mean // 0) == 0 then $r.clat_ns.percentile[k] else null end;
# fincore'"'"'s "RES SIZE" as the % resident, 2 decimals
def resident: if . == "" then null else split(" ") | map(tonumber)
	| if .[1] > 0 then .[0] * 100 / .[1] * 100 | round / 100 else 0 end end;
(($fio[0] // {}) | .jobs[0] // {}) as $j | (if $file == "" then "read" else "write" end) as $dir
| ($j[$dir] // {}) as $r
| (($r.runtime // 0) / 1000) as $secs
| (if $err != "" then $err
   elif ($fio | length) == 0 then "fio wrote no JSON (see the run log)"
   elif ($j.error // 1) != 0 then "fio job error \($j.error)"
   elif $secs <= 0 then "fio measured no time"
   elif $r.io_bytes != $fbytes then "fio \(if $dir == "read" then "read" else "wrote" end) \($r.io_bytes) bytes, not the file size \($fbytes)"
   else "" end) as $e
| {method: $method, rep: 1, tool_version: ($fio[0]["fio version"] // ""),
   timestamp_utc: (($fio[0].timestamp // now) | floor | todate),
   resident_before_pct: ($before | resident), resident_after_pct: ($after | resident),
   dev_read_bytes: $dev, status: (if $e == "" then "ok" else "error" end), error: $e}
  + (if $file == "" then {} else {file: $file, dirty_delta_bytes: $dirty, writeback_delta_bytes: $wb} end)
  + (if $secs > 0 then {
       bytes: $r.io_bytes, ops: $r.total_ios, io_ns: ($r.runtime * 1000000),
       total_ns: ($r.runtime * 1000000),
       mib_per_s: ($r.io_bytes / 1048576 / $secs | r3), ops_per_s: ($r.total_ios / $secs | r3),
       lat_p50_ns: pct($r; "50.000000"), lat_p90_ns: pct($r; "90.000000"),
       lat_p99_ns: pct($r; "99.000000"), lat_p999_ns: pct($r; "99.900000"), lat_max_ns: $r.lat_ns.max,
       user_us: ($j.usr_cpu / 100 * $r.runtime * 1000 | round),
       sys_us: ($j.sys_cpu / 100 * $r.runtime * 1000 | round), minflt: $j.minf, majflt: $j.majf}
     else {} end)
| to_entries[] | "\(.key)=\(.value // "" | tostring | gsub("[\r\n]"; " "))"'
fio_row() {
	local fio_json='[]' fields cells
	[ -s "$2" ] && fio_json=$(jq -c -s '.' "$2" 2>/dev/null || echo '[]')
	fields=$(jq -n -r --argjson fio "$fio_json" --arg method "$3" --arg before "$4" --arg after "$5" \
		--arg dev "$6" --argjson fbytes "$7" --arg err "$8" --arg file "${9:-}" --arg dirty "${10:-}" \
		--arg wb "${11:-}" "$FIO_FIELDS") || return 1
	mapfile -t cells <<<"$fields"
	"$mb" peer-row --keep "$FIO_KEEP" "$1" "${cells[@]}"
}

stop=0 failed=""
on_int() {
	[ "$stop" = 0 ] || { mb_say "crosscheck-fio: interrupted again; rows so far: $csv"; exit 130; }
	stop=1
	mb_say "crosscheck-fio: stopping after this run (Ctrl-C again to stop at once)"
}
trap on_int INT

nruns=0 total=0
for c in "${configs[@]}"; do
	read -r cache _ _ _ _ op <<<"$c"
	for p in "${pairs[@]}" "${wpairs[@]}"; do pair_applies "$p" "$cache" "$op" && total=$((total + reps)); done
done
t0=$SECONDS
for c in "${configs[@]}"; do
	[ "$stop" = 0 ] || break
	read -r cache pat bs file fbytes op <<<"$c"
	mb_say "crosscheck-fio: $op $cache $pat $(fmt_size "$bs") of $(basename "$file") ($nruns of $total pairs done, $((SECONDS - t0)) s)"
	if [ "$cache" = warm ] && [ "$op" = read ]; then logcmd cat -- "$file"; cat -- "$file" >/dev/null; fi
	for part in $(parts "$cache"); do for ((r = 1; r <= reps && stop == 0; r++)); do
		for p in $(rep_pairs "$r" "$cache" "$part" "$op"); do
			[ "$stop" = 0 ] || break
			name=$(cfg_name "$cache" "$pat" "$bs" "$file" "$fbytes" "$op" "$p")
			# A: mapbench, one repetition
			tmp=$out/.tmp/mb.csv
			rm -f "$tmp"
			mb_cmdline "$p" "$cache" "$pat" "$bs" "$fbytes" "$tmp"
			logcmd "${mb_cmd[@]}"
			rc=0 pr0=$(pr_mark)
			"${mb_cmd[@]}" || rc=$?
			pr_note "$name" "$(pair_mb_method "$p")" "$r" "$pr0"
			[ "$rc" != 130 ] || stop=1
			if [ ! -s "$tmp" ] || [ "$(wc -l <"$tmp")" -lt 2 ]; then
				[ "$stop" = 1 ] && break
				failed="mapbench run exited $rc without a row: ${mb_cmd[*]}"
				mb_say "crosscheck-fio: $failed"
				stop=1
				break
			fi
			[ -s "$csv" ] || head -n 1 "$tmp" >"$csv"
			[ "$(head -n 1 "$tmp")" = "$(head -n 1 "$csv")" ] ||
				{ mb_say "crosscheck-fio: mapbench's CSV header changed during the run"; exit 1; }
			tail -n +2 "$tmp" >>"$csv"
			[ "$stop" = 0 ] || break
			# B: fio, one run, on the same file (a write: its own scratch file
			# of the same size next to it), block and cache state
			json=$out/fio/$name-$p-r$r.json
			target=$file wargs=()
			if [ "$op" = write ]; then
				target=$fio_scratch
				rm -f -- "$target"
				scratch_cmdline "$target" "$fbytes"
				logcmd "${scratch_cmd[@]}"
				if ! "${scratch_cmd[@]}"; then
					rm -f -- "$target"
					failed="could not make fio's scratch file: ${scratch_cmd[*]}"
					mb_say "crosscheck-fio: $failed"
					stop=1
					break
				fi
			fi
			pr0=$(pr_mark) state_err="" res_before=""
			[ "$cache" = cold ] || fio_warm "$target" # cold: fio evicts it itself
			fio_cmdline "$p" "$cache" "$pat" "$bs" "$target" "$fbytes" "$json"
			logcmd "${fio_cmd[@]}"
			rc=0 pg0=$(pgpgin) w0=$(vmstat_w)
			"${fio_cmd[@]}" >"$out/.tmp/fio.log" 2>&1 || rc=$?
			dev=$((($(pgpgin) - pg0) * 1024))
			res_after=$(resident "$target")
			if [ "$op" = write ]; then
				read -r d0 b0 <<<"$w0"
				read -r d1 b1 <<<"$(vmstat_w)"
				wargs=("$target" $(((d1 - d0) * page)) $(((b1 - b0) * page)))
				logcmd rm -f -- "$target"
				rm -f -- "$target"
			fi
			pr_note "$name" "$(pair_fio_method "$p")" "$r" "$pr0"
			[ "$stop" = 0 ] || break # fio stopped early: not a measurement
			if [ "$cache" = cold ] && [ $((dev * 100)) -lt $((fbytes * 99)) ]; then
				state_err="cold state not reached: only $((dev * 100 / fbytes))% of $file came from the device during the fio run"
			fi
			err=$state_err
			[ "$rc" = 0 ] || err="fio exited $rc: $(tr '\n' ' ' <"$out/.tmp/fio.log" | cut -c1-200)"
			[ -z "$err" ] || mb_say "crosscheck-fio: $(pair_fio_method "$p") $name: $err"
			row=$(fio_row "$tmp" "$json" "$(pair_fio_method "$p")" "$res_before" \
				"$res_after" "$dev" "$fbytes" "$err" "${wargs[@]}")
			printf '%s\n' "$row" >>"$csv"
			nruns=$((nruns + 1))
		done
	done; done
done
trap - INT
elapsed=$((SECONDS - t0))
if [ ! -s "$csv" ]; then
	[ -n "$failed" ] && exit 1
	mb_say "crosscheck-fio: interrupted before any row"
	exit 130
fi

# --- the table: ratios, summary, and the table and findings of mapbench crosscheck
while read -r p f metric; do
	rf=$out/ratio-$p-$metric.csv
	ratio_cmd=("$mb" ratio --by method --num "$p" --den "$f" --metric "$metric"
		--follow tool_version "$csv")
	logcmd "${ratio_cmd[@]}"
	"${ratio_cmd[@]}" >"$rf" 2>"$out/.tmp/ratio.err" || rm -f "$rf"
done < <(ratio_calls)
logcmd "$mb" summarize "$csv"
"$mb" summarize "$csv" >"$out/summary.csv"
# shellcheck disable=SC2046 # two words or none
logcmd "$mb" crosscheck "${xc_pairs[@]}" $(pr_args) "$csv"
table | tee "$out/crosscheck.txt"
mb_say "crosscheck-fio: $out/crosscheck.txt (results.csv, fio/, ratio-*.csv, summary.csv beside it)"
[ -z "$failed" ] || exit 1
[ "$stop" = 0 ] || exit 130
