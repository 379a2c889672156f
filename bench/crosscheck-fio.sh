#!/usr/bin/env bash
# bench/crosscheck-fio.sh: mapbench checked against fio. On the same dataset
# file, block size and cache state, each mapbench method runs next to its fio
# peer, interleaved (mapbench --reps 1, then fio, N times), and the medians are
# compared. A ratio mapbench / fio outside 0.9-1.1 is printed as a finding with
# its likely cause. About 3.5 minutes on 2 cores with the defaults (--quick:
# about a minute).
#
#   pairs: pread ~ psync, read ~ sync, mmap --consume copy ~ mmap (both memcpy
#          every block out of the mapping), uring --qd 1 ~ io_uring --iodepth=1,
#          odirect ~ psync --direct=1 (cold configurations only)
#   configurations: warm seq 4K, 128K, 1M and warm rand 4K on the --size file;
#          cold seq 1M on it; cold rand 4K on a --cold-rand-size file
#
#   bench/crosscheck-fio.sh [--reps N] [--size SIZE] [--cold-rand-size SIZE]
#                           [--quick] [--fio-random-generator G] [--dry-run]
#     --reps N              runs of each tool per pair and configuration (default 5)
#     --size SIZE           dataset for all but cold rand (default 1G)
#     --cold-rand-size SIZE dataset for cold rand 4K (default 64M: ~1 s per run)
#     --quick               warm seq 128K and cold rand 4K only (a smoke test)
#     --fio-random-generator G  fio's --random_generator for rand (default: fio's
#                           tausworthe with its random map; lfsr: see the findings)
#     --dry-run             print every command a run would make, run nothing
#
# Writes results/<run_id>/: results.csv (mapbench's rows and fio's, converted
# to the same columns, methods fio-psync, fio-sync, fio-mmap, fio-io_uring,
# fio-psync-direct), fio/*.json (fio's own output), ratio-*.csv (mapbench
# ratio), summary.csv (mapbench summarize), crosscheck.txt (the table and
# findings), command.txt (every command run), env.txt, page-reporting.jsonl.
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
reps=5 size=1G rand_size=64M quick=0 dry=0 fio_rng=""
while [ $# -gt 0 ]; do
	case $1 in
		--reps) [ $# -ge 2 ] || die "--reps needs a value"; reps=$2; shift 2 ;;
		--size) [ $# -ge 2 ] || die "--size needs a value"; size=$2; shift 2 ;;
		--cold-rand-size) [ $# -ge 2 ] || die "--cold-rand-size needs a value"; rand_size=$2; shift 2 ;;
		--fio-random-generator) [ $# -ge 2 ] || die "--fio-random-generator needs a value"
			fio_rng=$2; shift 2 ;;
		--quick) quick=1; shift ;;
		--dry-run|-n) dry=1; shift ;;
		-h|--help) usage; exit 0 ;;
		*) die "unknown argument '$1' (see --help)" ;;
	esac
done
[[ $fio_rng =~ ^(|tausworthe|lfsr|tausworthe64)$ ]] || die "--fio-random-generator '$fio_rng': want tausworthe, lfsr or tausworthe64"
[[ $reps =~ ^[0-9]+$ ]] && [ "$((10#$reps))" -ge 1 ] || die "--reps '$reps': want a whole number >= 1"
reps=$((10#$reps))
[ "$reps" -ge 5 ] || mb_say "crosscheck-fio: --reps $reps: medians of fewer than 5 runs are fragile on a noisy machine"
size_b=$(to_bytes "$size") && [ "$size_b" -ge 4096 ] || die "--size '$size': want a size of at least 4K, e.g. 1G"
rand_b=$(to_bytes "$rand_size") && [ "$rand_b" -ge 4096 ] || die "--cold-rand-size '$rand_size': want a size of at least 4K, e.g. 64M"

datasets=${MB_DATASETS:-$MB_WORK/datasets}
results=${MB_RESULTS:-$MB_WORK/results}
if parent=$(cd "$(dirname "$datasets")" 2>/dev/null && pwd); then # absolute, as fio and the rows show it
	dsdir=$parent/$(basename "$datasets")
else
	dsdir=$datasets
fi
big="$dsdir/mb-$(fmt_size "$size_b")-s1.dat"
small="$dsdir/mb-$(fmt_size "$rand_b")-s1.dat"
[[ $big$small != *:* ]] || die "dataset path $big has a ':', which fio reads as a file separator"
page=$(getconf PAGESIZE 2>/dev/null || echo 4096)

# Configurations: "cache pattern block_bytes file file_bytes".
if [ "$quick" = 1 ]; then
	configs=("warm seq 131072 $big $size_b" "cold rand 4096 $small $rand_b")
else
	configs=("warm seq 4096 $big $size_b" "warm seq 131072 $big $size_b" "warm seq 1048576 $big $size_b"
		"warm rand 4096 $big $size_b" "cold seq 1048576 $big $size_b" "cold rand 4096 $small $rand_b")
fi

# Pairs: name, mapbench arguments, fio method name (the CSV's method column),
# fio arguments. odirect: cold configurations only (see the header).
pairs=(pread read mmap uring odirect)
pair_mb() {
	case $1 in
		pread) echo "--method pread" ;; read) echo "--method read" ;;
		mmap) echo "--method mmap --consume copy" ;; uring) echo "--method uring --qd 1" ;;
		odirect) echo "--method odirect" ;;
	esac
}
pair_fio_method() {
	case $1 in
		pread) echo fio-psync ;; read) echo fio-sync ;; mmap) echo fio-mmap ;;
		uring) echo fio-io_uring ;; odirect) echo fio-psync-direct ;;
	esac
}
pair_fio() {
	case $1 in
		pread) echo "--ioengine=psync" ;; read) echo "--ioengine=sync" ;; mmap) echo "--ioengine=mmap" ;;
		uring) echo "--ioengine=io_uring --iodepth=1" ;; odirect) echo "--ioengine=psync --direct=1" ;;
	esac
}
pair_label() {
	case $1 in
		pread) echo "pread / fio psync" ;; read) echo "read / fio sync" ;;
		mmap) echo "mmap copy / fio mmap" ;; uring) echo "uring qd1 / fio io_uring" ;;
		odirect) echo "odirect / fio direct" ;;
	esac
}
pair_applies() { [ "$1" != odirect ] || [ "$2" = cold ]; }

# show CMD...: CMD as one line of shell input.
show() { local s; s=$(printf '%q ' "$@"); printf '%s\n' "${s% }"; }

# The binary: built (or $MAPBENCH) for a run; its would-be path for a dry run.
if [ "$dry" = 1 ]; then
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

# fio's command for one run, in the array fio_cmd.
fio_cmdline() { # PAIR CACHE PATTERN BLOCK FILE FILE_BYTES JSON
	local rw=read inv=1 extra=()
	[ "$3" = rand ] && rw=randread && [ -n "$fio_rng" ] && extra+=(--random_generator="$fio_rng")
	[ "$2" = warm ] && inv=0
	read -ra engine <<<"$(pair_fio "$1")"
	extra=("${engine[@]}" "${extra[@]}")
	fio_cmd=("$fio" --name=crosscheck --filename="$5" --size="$6" --bs="$4" --rw="$rw" "${extra[@]}"
		--invalidate="$inv" --fadvise_hint=0 --iomem_align="$page" --randrepeat=1 --readonly
		--allow_file_create=0 --output-format=json --output="$7")
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
# rep_pairs REP CACHE PART: the pairs of one repetition, in order. The order
# turns by one each repetition, so that a pair does not always run first.
rep_pairs() {
	local n=${#pairs[@]} i p list=()
	for ((i = 0; i < n; i++)); do
		p=${pairs[(i + $1 - 1) % n]}
		pair_applies "$p" "$2" || continue
		if [ "$3" = direct ]; then [ "$p" = odirect ]; else [ "$p" != odirect ]; fi && list+=("$p")
	done
	echo "${list[*]}"
}
cfg_name() { echo "$1-$2-$(fmt_size "$3")-$(fmt_size "$5")"; } # CACHE PATTERN BLOCK FILE FILE_BYTES
# The mapbench ratio calls: one per pair, MiB/s; and ops/s where rand ran.
ratio_calls() { # prints "pair metric" lines
	local p c has_rand=0 has_cold=0
	for c in "${configs[@]}"; do
		[[ $c == *" rand "* ]] && has_rand=1
		[[ $c == cold* ]] && has_cold=1
	done
	for p in "${pairs[@]}"; do
		[ "$p" != odirect ] || [ "$has_cold" = 1 ] || continue
		echo "$p mib_per_s"
		[ "$has_rand" = 0 ] || echo "$p ops_per_s"
	done
}

# Plan: skip blocks larger than their file (mapbench would skip them too).
plan=()
for c in "${configs[@]}"; do
	read -r cache pat bs file fbytes <<<"$c"
	if [ "$bs" -gt "$fbytes" ]; then
		mb_say "crosscheck-fio: skipped $cache $pat $(fmt_size "$bs"): block larger than the $(fmt_size "$fbytes") file"
		continue
	fi
	plan+=("$c")
done
[ ${#plan[@]} -gt 0 ] || die "nothing to run: every block is larger than its file"
configs=("${plan[@]}")
sizes=""  # the datasets the plan reads, for mapbench dataset make
for c in "${configs[@]}"; do
	read -r _ _ _ _ fbytes <<<"$c"
	[[ ,$sizes, == *,$(fmt_size "$fbytes"),* ]] || sizes=${sizes:+$sizes,}$(fmt_size "$fbytes")
done

# --- dry run: the commands, one per line, in the order a run makes them --------
if [ "$dry" = 1 ]; then
	echo "# crosscheck-fio dry run: the commands a run makes, in order (nothing was run)."
	echo "# results would go to $out/; before each warm fio run, fincore checks the file is resident;"
	echo "# cold fio runs evict the file themselves (--invalidate=1) and must read it from the device."
	show "$mb" dataset make --size "$sizes" --dir "$dsdir"
	for c in "${configs[@]}"; do
		read -r cache pat bs file fbytes <<<"$c"
		name=$(cfg_name "$cache" "$pat" "$bs" "$file" "$fbytes")
		echo "# configuration $name: $cache $pat $(fmt_size "$bs") on $file"
		[ "$cache" = cold ] || { printf 'cat -- %q >/dev/null\n' "$file"; }
		for part in $(parts "$cache"); do for ((r = 1; r <= reps; r++)); do
			for p in $(rep_pairs "$r" "$cache" "$part"); do
				mb_cmdline "$p" "$cache" "$pat" "$bs" "$fbytes" "$out/.tmp/mb.csv"
				show "${mb_cmd[@]}"
				fio_cmdline "$p" "$cache" "$pat" "$bs" "$file" "$fbytes" "$out/fio/$name-$p-r$r.json"
				show "${fio_cmd[@]}"
			done
		done; done
	done
	while read -r p metric; do
		show "$mb" ratio --by method --num "$p" --den "$(pair_fio_method "$p")" --metric "$metric" \
			"$out/results.csv"
	done < <(ratio_calls)
	exit 0
fi

# --- the run -------------------------------------------------------------------
[ -d "$results" ] || mkdir -p "$results" || die "cannot make the results folder $results"
mkdir "$out" "$out/fio" "$out/.tmp"
trap 'rm -rf "$out/.tmp"' EXIT
csv=$out/results.csv
show "$0" "${orig_args[@]}" >"$out/command.txt"
logcmd() { show "$@" >>"$out/command.txt"; }

logcmd "$mb" dataset make --size "$sizes" --dir "$dsdir"
"$mb" dataset make --size "$sizes" --dir "$dsdir" >/dev/null || exit $?
for c in "${configs[@]}"; do
	read -r _ _ _ file fbytes <<<"$c"
	[ "$(stat -c %s "$file" 2>/dev/null)" = "$fbytes" ] ||
		{ mb_say "crosscheck-fio: mapbench dataset make did not leave $file ($fbytes bytes)"; exit 3; }
done
mb_env_dump "$out/env.txt" "$dsdir" "$mb"
fio_version=$("$fio" --version)
if [ "$(id -u)" -ne 0 ]; then
	mb_say "crosscheck-fio: not root: cold = posix_fadvise(DONTNEED), as for root (neither tool drops all caches)"
fi
# Free page reporting (virtio-balloon): a VM that hands freed memory back to
# its host must fault it back in when the page cache next grows, which makes a
# cold read several times slower. How much was reported during each run is
# recorded (page-reporting.jsonl) to tell such runs apart.
pr_file=/sys/module/page_reporting/parameters/reported_kib
[ -r "$pr_file" ] || pr_file=""
pr_mark() { [ -z "$pr_file" ] || cat "$pr_file"; }
pr_note() { # CONFIG METHOD REP KIB_BEFORE
	[ -n "$pr_file" ] || return 0
	jq -n -c --arg c "$1" --arg m "$2" --argjson r "$3" --argjson a "$4" --argjson b "$(pr_mark)" \
		'{config: $c, method: $m, rep: $r, reported_mib: (($b - $a) / 1024 | floor)}' >>"$out/page-reporting.jsonl"
}
others=$(pgrep -d, -x 'mapbench|fio' || true)
[ -z "$others" ] || mb_say "crosscheck-fio: other mapbench or fio processes are running ($others): expect noisier figures"
have_fincore=1
command -v fincore >/dev/null || {
	have_fincore=0
	mb_say "crosscheck-fio: no fincore (util-linux): fio's cache state is prepared but not verified"
}

# CSV helpers (jq). csv_fields splits one RFC 4180 record into strings; records
# must not hold line breaks inside quotes (mapbench writes none; the field
# count is checked against the header).
# resident_pct FILE: % of FILE in the page cache, 2 decimals ("" without fincore).
resident_pct() {
	[ "$have_fincore" = 1 ] || return 0
	fincore --json --bytes --output RES,SIZE "$1" |
		jq -r '.fincore[0] | (.res | tonumber) as $r | (.size | tonumber) as $s
			| if $s > 0 then $r * 100 / $s * 100 | round / 100 else 0 end'
}
# fio_warm FILE: makes FILE resident for a warm fio run and checks it with
# fincore; sets res_before, and state_err when the state was not reached.
fio_warm() {
	local attempt
	state_err="" res_before=""
	for attempt in 1 2; do
		[ "$attempt" = 1 ] && [ "$have_fincore" = 1 ] || cat -- "$1" >/dev/null
		res_before=$(resident_pct "$1")
		[ -n "$res_before" ] || return 0
		jq -en "$res_before >= 100" >/dev/null && return 0
	done
	state_err="warm state not reached: only $res_before% of $1 resident after reading it"
}
# pgpgin: KiB read from block devices since boot (all processes).
pgpgin() { awk '$1 == "pgpgin" { print $2 }' /proc/vmstat; }

# fio_row PEER_JSON FIO_JSON METHOD RES_BEFORE RES_AFTER DEV_READ_BYTES ERROR: the fio run
# as one row of mapbench's CSV (header of $csv), on stdout. Configuration
# columns come from the mapbench peer's row, so `mapbench ratio --by method`
# pairs them; measures from fio's JSON; a column fio has no figure for is empty.
# Fields are quoted only when they must be (RFC 4180), as mapbench writes them.
FIO_ROW='
def r3: . * 1000 | round / 1000;
def num: if . == null or . == "" then null else tonumber end;
# latency percentiles: fio'"'"'s total latency when it has them; else its completion
# latency where submission takes no time (the sync engines); else none
# (io_uring: the read happens at submission, clat misses it)
def pct($r; k): if $r.lat_ns.percentile != null then $r.lat_ns.percentile[k]
	elif ($r.slat_ns.mean // 0) == 0 then $r.clat_ns.percentile[k] else null end;
($peer[0]) as $p | (($fio[0] // {}) | .jobs[0] // {}) as $j | ($j.read // {}) as $r
| (($r.runtime // 0) / 1000) as $secs
| (if $err != "" then $err
   elif ($fio | length) == 0 then "fio wrote no JSON (see the run log)"
   elif ($j.error // 1) != 0 then "fio job error \($j.error)"
   elif $secs <= 0 then "fio measured no time"
   elif ($r.io_bytes | tostring) != $p.file_size_bytes then
     "fio read \($r.io_bytes) bytes, not the file size \($p.file_size_bytes)"
   else "" end) as $e
| ($p | with_entries(select(.key | IN("schema", "run_id", "host", "kernel", "arch", "cpu_model",
     "ncpu", "mem_bytes", "page_size", "fs_type", "mount_source", "mount_opts", "read_ahead_kb",
     "thp", "build", "advice", "consume", "op", "pattern", "cache", "file_size_bytes",
     "block_size_bytes", "threads", "queue_depth", "file", "data_seed", "buf_offset_bytes", "iov",
     "window_bytes", "fixed_buffers", "cpu_vendor", "cpu_family", "cpu_model_id", "cpu_stepping",
     "microcode", "hypervisor", "mitigations", "boot_id"))))
  + {method: $method, rep: 1, tool_version: ($fio[0]["fio version"] // ""),
     timestamp_utc: (($fio[0].timestamp // now) | floor | todate),
     resident_before_pct: ($before | num), resident_after_pct: ($after | num),
     dev_read_bytes: ($dev | num),
     status: (if $e == "" then "ok" else "error" end), error: $e}
  + (if $secs > 0 then {
       bytes: $r.io_bytes, ops: $r.total_ios, io_ns: ($r.runtime * 1000000),
       total_ns: ($r.runtime * 1000000),
       mib_per_s: ($r.io_bytes / 1048576 / $secs | r3), ops_per_s: ($r.total_ios / $secs | r3),
       lat_p50_ns: pct($r; "50.000000"), lat_p90_ns: pct($r; "90.000000"),
       lat_p99_ns: pct($r; "99.000000"), lat_p999_ns: pct($r; "99.900000"), lat_max_ns: $r.lat_ns.max,
       user_us: ($j.usr_cpu / 100 * $r.runtime * 1000 | round),
       sys_us: ($j.sys_cpu / 100 * $r.runtime * 1000 | round), minflt: $j.minf, majflt: $j.majf}
     else {} end)
| . as $row | $header | split(",")
| map($row[.] // "" | tostring | if test("[\",\r\n]") then "\"" + gsub("\""; "\"\"") + "\"" else . end)
| join(",")'
fio_row() {
	local fio_json='[]'
	[ -s "$2" ] && fio_json=$(jq -c -s '.' "$2" 2>/dev/null || echo '[]')
	jq -n -r --argjson peer "[$1]" --argjson fio "$fio_json" --arg method "$3" \
		--arg before "$4" --arg after "$5" --arg dev "$6" --arg err "$7" --arg header "$(head -n 1 "$csv")" "$FIO_ROW"
}

stop=0 failed=""
on_int() {
	[ "$stop" = 0 ] || { mb_say "crosscheck-fio: interrupted again; rows so far: $csv"; exit 130; }
	stop=1
	mb_say "crosscheck-fio: stopping after this run (Ctrl-C again to stop at once)"
}
trap on_int INT

nruns=0 total=0
declare -A ran=() # "configuration|pair" that have rows
for c in "${configs[@]}"; do
	read -r cache _ _ _ _ <<<"$c"
	for p in "${pairs[@]}"; do pair_applies "$p" "$cache" && total=$((total + reps)); done
done
t0=$SECONDS
for c in "${configs[@]}"; do
	[ "$stop" = 0 ] || break
	read -r cache pat bs file fbytes <<<"$c"
	name=$(cfg_name "$cache" "$pat" "$bs" "$file" "$fbytes")
	mb_say "crosscheck-fio: $cache $pat $(fmt_size "$bs") on $(basename "$file") ($nruns of $total pairs done, $((SECONDS - t0)) s)"
	if [ "$cache" = warm ]; then logcmd cat -- "$file"; cat -- "$file" >/dev/null; fi
	for part in $(parts "$cache"); do for ((r = 1; r <= reps && stop == 0; r++)); do
		for p in $(rep_pairs "$r" "$cache" "$part"); do
			[ "$stop" = 0 ] || break
			# A: mapbench, one repetition
			tmp=$out/.tmp/mb.csv
			rm -f "$tmp"
			mb_cmdline "$p" "$cache" "$pat" "$bs" "$fbytes" "$tmp"
			logcmd "${mb_cmd[@]}"
			rc=0 pr0=$(pr_mark)
			"${mb_cmd[@]}" || rc=$?
			pr_note "$name" "$p" "$r" "$pr0"
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
			ran["$c|$p"]=1
			[ "$stop" = 0 ] || break
			peer=$(csv_json "$tmp" | head -n 1)
			# B: fio, one run, on the same file, block and cache state
			json=$out/fio/$name-$p-r$r.json
			pr0=$(pr_mark) state_err="" res_before=""
			[ "$cache" = cold ] || fio_warm "$file" # cold: fio evicts it itself
			fio_cmdline "$p" "$cache" "$pat" "$bs" "$file" "$fbytes" "$json"
			logcmd "${fio_cmd[@]}"
			rc=0 pg0=$(pgpgin)
			"${fio_cmd[@]}" >"$out/.tmp/fio.log" 2>&1 || rc=$?
			dev=$((($(pgpgin) - pg0) * 1024))
			pr_note "$name" "$(pair_fio_method "$p")" "$r" "$pr0"
			[ "$stop" = 0 ] || break # fio stopped early: not a measurement
			if [ "$cache" = cold ] && [ $((dev * 100)) -lt $((fbytes * 99)) ]; then
				state_err="cold state not reached: only $((dev * 100 / fbytes))% of $file came from the device during the fio run"
			fi
			err=$state_err
			[ "$rc" = 0 ] || err="fio exited $rc: $(tr '\n' ' ' <"$out/.tmp/fio.log" | cut -c1-200)"
			[ -z "$err" ] || mb_say "crosscheck-fio: $(pair_fio_method "$p") $name: $err"
			row=$(fio_row "$peer" "$json" "$(pair_fio_method "$p")" "$res_before" \
				"$(resident_pct "$file")" "$dev" "$err")
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

# --- the table -----------------------------------------------------------------
ratio_rows=$out/.tmp/ratios.jsonl summary_rows=$out/.tmp/summary.jsonl
: >"$ratio_rows"
while read -r p metric; do
	rf=$out/ratio-$p-$metric.csv
	logcmd "$mb" ratio --by method --num "$p" --den "$(pair_fio_method "$p")" --metric "$metric" "$csv"
	if "$mb" ratio --by method --num "$p" --den "$(pair_fio_method "$p")" --metric "$metric" "$csv" \
		>"$rf" 2>"$out/.tmp/ratio.err"; then
		csv_json "$rf" | jq -c --arg pair "$p" '. + {pair: $pair}' >>"$ratio_rows"
	else
		rm -f "$rf"
	fi
done < <(ratio_calls)
csv_json "$csv" >"$out/.tmp/rows.jsonl"
logcmd "$mb" summarize "$csv"
"$mb" summarize "$csv" >"$out/summary.csv"
csv_json "$out/summary.csv" >"$summary_rows"
ra_kb=$(jq -r -s '.[0].read_ahead_kb // "?"' <(csv_json "$csv" | head -n 1))

# One configuration and pair, from the ratio and summary rows, as fields
# separated by |: medians (MiB/s, ops/s), ratio, CI, p, n, and for the causes
# the user CPU time per run of each tool (ms), the ratio once mapbench's extra
# user time is taken off its time, the system CPU time per run of each
# tool (ms), and the checksum's cost per run estimated in this configuration
# from the mmap pair (mapbench's mmap --consume copy minus fio's mmap: the
# same memcpy out of the mapping, plus mapbench's checksum of the copy) with
# the ratio once that is taken off mapbench's time ("-" for no pair).
PAIR_FIELDS='
def f: tonumber as $v | if $v >= 100000 then $v | round | tostring
	elif $v >= 100 then ($v * 10 | round / 10 | tostring) else ($v * 1000 | round / 1000 | tostring) end;
def r(n): tonumber * n | round / n | tostring;
def here: .cache == $cache and .pattern == $pat and .block_size_bytes == $bs and .file_size_bytes == $fb;
($R | map(select(.pair == $pair and here))) as $m
| ($m | map(select(.metric == "mib_per_s")) | .[0]) as $b
| ($m | map(select(.metric == "ops_per_s")) | .[0]) as $o
| ($S | map(select(.method == $mbm and here)) | .[0]) as $sm
| ($S | map(select(.method == $fiom and here)) | .[0]) as $sf
| if $b == null then "-" else
  [($b.median_num | f), ($b.median_den | f),
   (if $pat == "rand" and $o != null then ($o.median_num | f), ($o.median_den | f) else "", "" end),
   ($b.ratio | r(1000)), "\($b.ratio_ci_lo | r(100))-\($b.ratio_ci_hi | r(100))",
   ($b.p_value | r(1000)) + (if $b.significant == "~" then "~" else "" end), "\($b.n_num)/\($b.n_den)",
   (if $sm != null and $sf != null and $sm.user_us_median != "" and $sf.user_us_median != "" then
      ($sm.user_us_median | tonumber / 1000) as $um | ($sf.user_us_median | tonumber / 1000) as $uf
      | ($sm.total_ns_median | tonumber / 1e6) as $tm | ($sf.total_ns_median | tonumber / 1e6) as $tf
      | ($um | r(10)), ($uf | r(10)),
        (if $tm - ($um - $uf) > 0 then $tf / ($tm - ($um - $uf)) | r(100) else "" end)
    else "", "", "" end),
   (if $sm != null and $sf != null and $sm.sys_us_median != "" and $sf.sys_us_median != "" then
      ($sm.sys_us_median | tonumber / 1000 | r(10)), ($sf.sys_us_median | tonumber / 1000 | r(10))
    else "", "" end),
   (($S | map(select(.method == "mmap" and here)) | .[0]) as $xm
    | ($S | map(select(.method == "fio-mmap" and here)) | .[0]) as $xf
    | if $mbm != "mmap" and $xm != null and $xf != null and $sm != null and $sf != null then
        ((($xm.total_ns_median | tonumber) - ($xf.total_ns_median | tonumber)) / 1e6) as $d
        | ($sm.total_ns_median | tonumber / 1e6) as $tm | ($sf.total_ns_median | tonumber / 1e6) as $tf
        | ($d | r(10)), (if $d > 0 and $tm - $d > 0 then $tf / ($tm - $d) | r(100) else "" end)
      else "", "" end)] | join("|") end'

table() {
	local fmt='%-18s %-25s %10s %10s %10s %10s %6s  %-10s %6s %4s  %s\n'
	local c p cfg fields flag f
	echo "mapbench vs fio: medians of $reps interleaved runs each ($fio_version, $(basename "$out"))"
	echo "fio: --fadvise_hint=0 --iomem_align=$page --randrepeat=1${fio_rng:+ --random_generator=$fio_rng (rand)};" \
		"warm: --invalidate=0; cold: --invalidate=1, read from the device"
	echo "mapbench: --reps 1 --warmup 0 per run; it also checksums every byte it reads, fio does not"
	echo "ratio = mapbench median / fio median (MiB/s; the same for ops/s); 95% CI and Mann-Whitney p"
	echo "from mapbench ratio (~: not significant at 5%)"
	echo
	printf "$fmt" configuration pair "mb MiB/s" "fio MiB/s" "mb ops/s" "fio ops/s" ratio "95% CI" p n ""
	findings=()
	for c in "${configs[@]}"; do
		read -r cache pat bs file fbytes <<<"$c"
		cfg="$cache $pat $(fmt_size "$bs") $(fmt_size "$fbytes")"
		name=$(cfg_name "$cache" "$pat" "$bs" "$file" "$fbytes")
		for p in "${pairs[@]}"; do
			pair_applies "$p" "$cache" && [ -n "${ran["$c|$p"]:-}" ] || continue
			fields=$(jq -r -n --slurpfile R "$ratio_rows" --slurpfile S "$summary_rows" --arg pair "$p" \
				--arg mbm "$p" --arg fiom "$(pair_fio_method "$p")" --arg cache "$cache" --arg pat "$pat" \
				--arg bs "$bs" --arg fb "$fbytes" "$PAIR_FIELDS")
			if [ "$fields" = - ]; then
				printf "$fmt" "$cfg" "$(pair_label "$p")" - - - - - - - - "<- no pair"
				findings+=("$cfg, $(pair_label "$p"): no ratio: one side has no ok row (see the status and error columns of results.csv)")
				continue
			fi
			IFS='|' read -r mbm fiom mbo fioo ratio ci pv n um uf adj sm sf dc adj2 <<<"$fields"
			flag=""
			if jq -en "$ratio < 0.9 or $ratio > 1.1" >/dev/null; then
				flag="<- finding"
				findings+=("$cfg, $(pair_label "$p"): mapbench / fio = $ratio (95% CI $ci, p $pv): $(cause "$p" "$cache" "$pat" "$bs" "$ratio" "$pv" "$um" "$uf" "$adj" "$sm" "$sf" "$dc" "$adj2" "$(pr_runs "$name" "$cache" "$pat" "$bs" "$fbytes" "$p")" "$(pr_runs "$name" "$cache" "$pat" "$bs" "$fbytes" "$(pair_fio_method "$p")")")")
			fi
			printf "$fmt" "$cfg" "$(pair_label "$p")" "$mbm" "$fiom" "${mbo:--}" "${fioo:--}" "$ratio" "$ci" "$pv" "$n" "$flag"
		done
	done
	echo
	if [ ${#findings[@]} -eq 0 ]; then
		echo "no findings: every ratio is within 0.9-1.1"
	else
		echo "findings (ratio outside 0.9-1.1) and their likely causes:"
		for f in "${findings[@]}"; do echo "- $f"; done
	fi
	echo
	echo "odirect / fio --direct=1 ran in the cold configurations only: O_DIRECT never reads the page"
	echo "cache, so a warm O_DIRECT figure would be the cold one again."
	if [ -s "$out/page-reporting.jsonl" ]; then
		echo "free page reporting: $(jq -s 'map(.reported_mib) | add' "$out/page-reporting.jsonl") MiB of freed memory went back"\
			"to the host during the runs (system-wide; per run: page-reporting.jsonl); cold runs that take it back are slow."
	fi
	if [ -n "$failed" ]; then
		echo "stopped: $failed"
	elif [ "$stop" = 1 ]; then
		echo "interrupted: the table holds the runs made before Ctrl-C"
	fi
	echo "time: ${elapsed} s measuring; $nruns of $total pairs run; rows: $csv"
}

# pr_runs CONFIG CACHE PATTERN BLOCK FILE_BYTES METHOD: each run of METHOD in
# CONFIG, in order, as "MiB/s (MiB handed back to the host during the run)";
# nothing when no memory was handed back during any of them.
pr_runs() {
	[ -s "$out/page-reporting.jsonl" ] || return 0
	jq -r -n --arg c "$1" --arg cache "$2" --arg pat "$3" --arg bs "$4" --arg fb "$5" --arg m "$6" \
		--slurpfile P "$out/page-reporting.jsonl" --slurpfile R "$out/.tmp/rows.jsonl" '
		($P | map(select(.config == $c and .method == $m) | .reported_mib)) as $p
		| ($R | map(select(.method == $m and .cache == $cache and .pattern == $pat and
			.block_size_bytes == $bs and .file_size_bytes == $fb) | .mib_per_s)) as $r
		| if ($p | length) == ($r | length) and ($p | any(. > 0)) then
			[range(0; $p | length) | "\($r[.] | tonumber | round) (\($p[.]))"] | join(", ")
		  else empty end'
}

# pr_count "MIBS (MIB), ...": how many runs handed back over 64 MiB, "N of M".
pr_count() {
	local n=0 m=0 x
	[ -n "$1" ] || { echo "none"; return; }
	for x in $(grep -o '([0-9]*)' <<<"$1" | tr -d '()'); do
		m=$((m + 1))
		[ "$x" -le 64 ] || n=$((n + 1))
	done
	echo "$n of $m"
}

# cause PAIR CACHE PATTERN BLOCK RATIO P USER_MB_MS USER_FIO_MS ADJ SYS_MB_MS
# SYS_FIO_MS CSUM_MS ADJ_CSUM PR_MB PR_FIO: the likely cause of a ratio outside
# 0.9-1.1, with the evidence at hand.
cause() {
	local p=$1 cache=$2 pat=$3 bs=$4 ratio=$5 pv=$6 um=$7 uf=$8 adj=$9 sm=${10} sf=${11} dc=${12} adj2=${13}
	local prm=${14} prf=${15}
	local low=0 why=""
	jq -en "$ratio < 1" >/dev/null && low=1
	[[ $pv == *"~" ]] && why="not significant (noise: see the CI); "
	if [ "$cache" = cold ]; then
		case $p/$pat/$low in
			mmap/rand/*) why+="mmap read-around: each fault reads up to read_ahead_kb=$ra_kb KiB around it, and how much of that later faults hit depends on the order of the random offsets (mapbench's permutation, fio's random map): equal bytes, unequal device work; " ;;
			odirect/*) ;;
			*/rand/1) why+="fio's random map: when its random pick was read already, fio takes the next unread block after it, so more of its reads follow a block already in the cache (measured here on 64M at 4K: 64% against 50% for a true permutation such as mapbench's), and the kernel reads ahead after cached pages as for a sequential stream; rerun with --fio-random-generator lfsr (every block once, no map) to compare like orders; " ;;
			*/seq/*) why+="readahead: both at read_ahead_kb=$ra_kb, no fadvise hint on either side; "
				[ "$low" = 0 ] || why+="mapbench also checksums each block between reads; " ;;
		esac
		[ -z "$sm" ] || why+="system CPU a run: mapbench $sm ms, fio $sf ms; "
		local cm cf
		cm=$(pr_count "$prm") cf=$(pr_count "$prf")
		if [[ $cm == [1-9]* || $cf == [1-9]* ]]; then
			why+="this VM hands freed memory back to its host (virtio-balloon free page reporting), and a cold read that must take it back faults every page in from the host, several times slower, with the time in the kernel's copy (perf: _copy_to_iter); per run, MiB/s (MiB handed back during it): mapbench ${prm:-none handed back}; fio ${prf:-none handed back}; "
			why+="runs that handed back over 64 MiB: mapbench $cm, fio $cf (each tool evicts the file itself just before it reads; the longer the gap, the more memory goes); "
		elif [ -n "$sm" ] && jq -en "[$sm, $sf] | max > 2 * (min + 1)" >/dev/null; then
			why+="one side spent several times the system time for the same bytes: cold reads here now and then run slow in the kernel's copy out of fresh page-cache pages (perf: _copy_to_iter), whichever tool runs; "
		fi
		why+="device variance: cold runs read a shared virtual disk whose speed moves from run to run"
		[ "$p" != odirect ] || why+=" (O_DIRECT on both sides: same block size, page-aligned buffers)"
		echo "$why"
		return
	fi
	if [ "$low" = 1 ] && [ -n "$um" ] && jq -en "$um <= $uf" >/dev/null; then
		why+="not mapbench's checksum: it used no more user CPU than fio ($um ms a run against $uf ms); look at the CI (noise) and at the system time of the rows"
	elif [ "$low" = 1 ]; then
		why+="mapbench checksums every byte it reads"
		[ "$p" = mmap ] && why+=" (the copy, after the memcpy out of the mapping that fio's mmap engine does too)"
		why+=" and fio never reads its buffer"
		[ -z "$um" ] || why+=": user CPU a run, mapbench $um ms, fio $uf ms"
		[ -z "$adj" ] || why+="; with that difference taken off mapbench's time the ratio would be ~$adj (a rough figure: per-repetition user and system times are tick-sampled and can add up to more than the wall time)"
		[ -z "$adj2" ] || why+="; the checksum's cost estimated from the mmap pair of this configuration (mapbench's mmap copy minus fio's mmap: the same memcpy, plus the checksum) is $dc ms a run, and without it the ratio would be ~$adj2"
	elif [ "$bs" -le 16384 ]; then
		why+="fio's per-I/O overhead: its own accounting per operation (clock reads, latency histograms, io_u queueing)"
		[ "$p" != uring ] || why+=", and at iodepth 1 its io_uring engine submits and reaps each I/O in separate steps"
		why+=", which weighs more than a $(fmt_size "$bs") copy from the page cache"
		[ -z "$um" ] || why+=" (user CPU a run: mapbench $um ms, fio $uf ms)"
	else
		why+="fio's per-I/O overhead or its buffers (page-aligned here: --iomem_align); fio's runtime is whole ms rounded up (see fio/*.json)"
	fi
	[ "$p" != mmap ] || why+="; fio's mmap engine memcpy's every block out of the mapping, as mapbench --consume copy does, so these two should otherwise agree"
	echo "$why"
}

table | tee "$out/crosscheck.txt"
mb_say "crosscheck-fio: $out/crosscheck.txt (results.csv, fio/, ratio-*.csv, summary.csv beside it)"
[ -z "$failed" ] || exit 1
[ "$stop" = 0 ] || exit 130
