#!/usr/bin/env bash
# bench/hyperfine.sh: whole-process timing. hyperfine runs `mapbench cat` (one
# sequential read of a whole dataset, checksummed and checked against the
# manifest) once per timed run, for every method x size x block x cache state,
# so each time includes exec, loading the binary, page-table setup and exit
# (munmap, page-table teardown) around the read. Writes results/<run_id>/:
# hyperfine.json and hyperfine.md (hyperfine's own exports), results.csv (one
# mapbench results row per timed run, by bench/hyperfine-to-csv.sh),
# summary.csv (mapbench summarize), env.txt and command.txt.
#
#   bench/hyperfine.sh [options]
#
#   --methods LIST   methods of `mapbench cat` (default read,pread,mmap)
#   --sizes LIST     dataset sizes (default 16M,256M), made in datasets/ if missing
#   --cache LIST     warm, cold or warm,cold (default warm,cold)
#   --block LIST     block sizes for mapbench cat (default 128K)
#   --runs N         timed runs per configuration (default 10)
#   --warmup N       untimed runs first, each prepared like a timed one (default 1)
#   --drop-caches    cold: also sync and write /proc/sys/vm/drop_caches (root only)
#   -h, --help       this help
#
# Before every run (untimed, hyperfine --prepare) the file is brought to its
# cache state and checked with fincore(1): warm = evicted and read once with
# dd per configuration (hyperfine --setup), re-read if not fully resident,
# then 100% resident; cold = sync FILE and dd iflag=nocache count=0
# (posix_fadvise DONTNEED), then at most 1% resident. A state not reached
# stops hyperfine, with the reason in prepare.log. A method that cannot run
# here (mapbench cat exits 4) is left out with a notice.
#
# Environment: MB_DATASETS (default datasets/), MB_RESULTS (default results/).
set -euo pipefail

# --- the cache states, set by hyperfine (internal entry points) ------------
# hyperfine.sh --setup-cache warm|cold FILE LOG      (hyperfine --setup: once
#   per configuration) warm: evict, then read FILE once with 1 MiB reads, so
#   it is cached the way one sequential reader caches it (large folios), as
#   mapbench run does, whatever happened to it before.
# hyperfine.sh --prepare-cache warm|cold FILE LOG [drop]   (hyperfine
#   --prepare: before every run, warm-ups too) brings FILE to the state and
#   checks it with fincore(1).
# Exit 0 when FILE is in the state; otherwise one line in LOG (hyperfine
# discards the output of --setup and --prepare) and exit 1.
resident() { # FILE -> "resident_bytes size_bytes"
	fincore --bytes --noheadings --raw --output RES,SIZE "$1"
}
evict() { # FILE: fsync (a dataset just written may be dirty), posix_fadvise DONTNEED
	sync "$1" && dd if="$1" iflag=nocache count=0 status=none
}
fill() { # FILE: one sequential read, 1 MiB at a time
	dd if="$1" of=/dev/null bs=1M status=none
}
cache_state() {
	local when=$1 state=$2 file=$3 log=$4 drop=${5:-} res size
	fail() { printf '%s %s %s: %s\n' "$(date -u +%H:%M:%S)" "$state" "$file" "$*" >>"$log"; exit 1; }
	case $when:$state in
	setup:warm) { evict "$file" && fill "$file"; } || fail "evicting and reading it failed" ;;
	setup:cold) ;;
	prepare:warm)
		read -r res size < <(resident "$file") || fail "fincore failed"
		if [ "$res" -lt "$size" ]; then
			fill "$file" || fail "reading it failed"
			read -r res size < <(resident "$file") || fail "fincore failed"
		fi
		[ "$res" -ge "$size" ] ||
			fail "warm state not reached: $res of $size bytes resident after reading it (memory pressure?)"
		;;
	prepare:cold)
		evict "$file" || fail "fsync or posix_fadvise(DONTNEED) (dd iflag=nocache) failed"
		if [ "$drop" = drop ]; then
			{ sync && echo 1 >/proc/sys/vm/drop_caches; } || fail "writing /proc/sys/vm/drop_caches failed"
		fi
		read -r res size < <(resident "$file") || fail "fincore failed"
		[ $((res * 100)) -le "$size" ] ||
			fail "cold state not reached: $res of $size bytes still resident after posix_fadvise(DONTNEED) (mapped elsewhere?)"
		;;
	*) fail "unknown cache state" ;;
	esac
}
case ${1:-} in
	--setup-cache) shift; cache_state setup "$@"; exit 0 ;;
	--prepare-cache) shift; cache_state prepare "$@"; exit 0 ;;
esac

. "$(dirname "$0")/lib.sh"
usage() { sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; }
die() { mb_say "hyperfine.sh: $*"; exit 2; }

methods=read,pread,mmap sizes=16M,256M caches=warm,cold blocks=128K runs=10 warmup=1 drop=
args=("$@")
while [ $# -gt 0 ]; do
	case $1 in
		--methods|--sizes|--cache|--block|--runs|--warmup)
			[ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs a value"
			case $1 in
				--methods) methods=$2 ;;
				--sizes) sizes=$2 ;;
				--cache) caches=$2 ;;
				--block) blocks=$2 ;;
				--runs) runs=$2 ;;
				--warmup) warmup=$2 ;;
			esac
			shift 2 ;;
		--drop-caches) drop=drop; shift ;;
		-h|--help) usage; exit 0 ;;
		*) die "$1: unknown option (see --help)" ;;
	esac
done
[[ $runs =~ ^[0-9]+$ ]] && [ "$runs" -ge 2 ] || die "--runs: '$runs' is not a count of at least 2"
[[ $warmup =~ ^[0-9]+$ ]] || die "--warmup: '$warmup' is not a count"
for c in ${caches//,/ }; do
	case $c in warm|cold) ;; *) die "--cache: '$c' is not warm or cold" ;; esac
done
[[ $methods =~ ^[a-z-]+(,[a-z-]+)*$ ]] || die "--methods: '$methods' is not a list such as read,mmap"
[[ $blocks =~ ^[0-9A-Za-z]+(,[0-9A-Za-z]+)*$ ]] || die "--block: '$blocks' is not a list such as 4K,128K"
if [ -n "$drop" ]; then
	[ "$(id -u)" -eq 0 ] || die "--drop-caches needs root (cold then uses posix_fadvise only)"
	[[ ,$caches, == *,cold,* ]] || die "--drop-caches applies to --cache cold only"
fi

mb_need_pkgs "${MB_BUILD_PKGS[@]}" hyperfine jq util-linux coreutils
mb=$(mb_build release)

datasets=${MB_DATASETS:-$MB_WORK/datasets}
results=${MB_RESULTS:-$MB_WORK/results}
[ "$MB_INSTALLED" = 0 ] || mkdir -p "$results"
[ -d "$results" ] || die "results folder $results does not exist"
[ -d "$datasets" ] || mkdir "$datasets" || die "cannot make the datasets folder $datasets"
datasets=$(cd "$datasets" && pwd)
[[ $datasets != *[,{}]* ]] || die "the datasets folder $datasets has a ',' or a brace, which hyperfine parameters cannot carry"

# The datasets, and the size token each is named by (mb-<token>-s1.dat).
made=$("$mb" dataset make --size "$sizes" --dir "$datasets") || exit $?
tokens=() small='' small_bytes=''
while read -r _ path bytes _; do
	name=${path##*/}
	[[ $name =~ ^mb-([0-9A-Za-z]+)-s1\.dat$ ]] || die "unexpected dataset name $name"
	tokens+=("${BASH_REMATCH[1]}")
	if [ -z "$small" ] || [ "$bytes" -lt "$small_bytes" ]; then small=$path small_bytes=$bytes; fi
done <<<"$made"
size_list=$(IFS=,; echo "${tokens[*]}")

# Preflight on the smallest dataset: bad input stops here, a method that cannot run
# here (exit 4) is left out, rather than hyperfine stopping half-way.
kept=()
for m in ${methods//,/ }; do
	rc=0
	for b in ${blocks//,/ }; do
		"$mb" cat --method "$m" --block "$b" --verify "$small" >/dev/null || { rc=$?; break; }
	done
	case $rc in
		0) kept+=("$m") ;;
		4) mb_say "hyperfine.sh: skipped: method $m cannot run here (see the line above)" ;;
		*) exit "$rc" ;;
	esac
done
[ ${#kept[@]} -gt 0 ] || { mb_say "hyperfine.sh: no method can run here"; exit 4; }
methods=$(IFS=,; echo "${kept[*]}")

run_id=$(mb_run_id)
out="$results/$run_id"
mkdir "$out"
# hyperfine -N splits each command line like a POSIX shell (no shell runs):
# paths go in single quotes; the {placeholders} are replaced before that.
q() { printf "'%s'" "${1//\'/\'\\\'\'}"; }
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
file=$(q "$datasets/mb-{size}-s1.dat")
hf=(hyperfine -N --style basic --runs "$runs" --warmup "$warmup"
	-L method "$methods" -L size "$size_list" -L block "$blocks" -L cache "$caches"
	--setup "bash $(q "$self") --setup-cache {cache} $file $(q "$out/prepare.log")"
	--prepare "bash $(q "$self") --prepare-cache {cache} $file $(q "$out/prepare.log") $drop"
	-n 'cat {method} {size} block={block} {cache}'
	--export-json "$out/hyperfine.json" --export-markdown "$out/hyperfine.md"
	"$(q "$mb") cat --method {method} --block {block} --verify $file")

printf '%q ' "$0" ${args[@]+"${args[@]}"} >"$out/command.txt"; echo >>"$out/command.txt"
printf '%q ' "${hf[@]}" >>"$out/command.txt"; echo >>"$out/command.txt"
mb_env_dump "$out/env.txt" "$datasets" "$mb"
{ echo; echo "# hyperfine --version"; hyperfine --version; } >>"$out/env.txt"
[ "$(id -u)" -eq 0 ] || [[ ,$caches, != *,cold,* ]] || mb_say "not root: cold uses posix_fadvise(DONTNEED) only"

rc=0
"${hf[@]}" || rc=$?
if [ "$rc" -ne 0 ]; then
	[ ! -s "$out/prepare.log" ] || { mb_say "hyperfine.sh: cache state not reached:"; tail -n 5 "$out/prepare.log" >&2; }
	mb_say "hyperfine exited $rc; what it wrote is in $out"
	exit 1
fi
MAPBENCH=$mb "$MB_ROOT/bench/hyperfine-to-csv.sh" --run-id "$run_id" --datasets "$datasets" --verified \
	"$out/hyperfine.json" >"$out/results.csv"
"$mb" summarize "$out/results.csv" >"$out/summary.csv"
mb_say "results: $out/results.csv ($(($(wc -l <"$out/results.csv") - 1)) runs), hyperfine's tables: $out/hyperfine.md"
