#!/usr/bin/env bash
# tests/scripts/test_crosscheck_dryrun.sh: bench/crosscheck-fio.sh --dry-run,
# line by line. Every fio command must follow its mapbench peer (`mapbench run`)
# and read the same file (fio --filename = mapbench's dataset, DIR/mb-SIZE-s1.dat
# from --dir and --size, as `mapbench dataset --help` names it; fio --size =
# its bytes) with the same block (--bs = --block) and pattern; warm fio runs need --invalidate=0, cold ones
# --invalidate=1; the engines must match the pairs (pread ~ psync, read ~ sync,
# mmap --consume copy ~ mmap, uring --qd 1 ~ io_uring --iodepth=1, odirect ~
# psync --direct=1, cold only); every configuration of the issue and every pair
# appears --reps times; mapbench ratio (--follow tool_version) and mapbench
# crosscheck (every pair) make the table. Write pairs (mapbench run --op
# write): fio writes a scratch file next to the datasets that a dd line made
# just before it (of the size, allocated: conv=fdatasync) and an rm line
# removes right after it, never a dataset; fio --rw=write|randwrite, no
# --readonly, --fallocate=none, --allow_file_create=0; pwrite ~ psync, mmap
# ~ mmap; --sync none ~ no --end_fsync, pwrite --sync fsync ~ psync
# --end_fsync=1, mmap --sync msync ~ mmap --end_fsync=1; mapbench --target
# rewrite; each of the four in each write configuration --reps times;
# --no-writes drops them. Also: a dry run writes nothing, needs
# neither fio nor jq nor a build, works as non-root; bad arguments fail with
# one line, exit 2.
# Usage: test_crosscheck_dryrun.sh [MAPBENCH_BINARY [SCRATCH_DIR]] (neither
# is needed: a dry run runs nothing)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
script=$root/bench/crosscheck-fio.sh
if [ -n "${2:-}" ]; then scratch=$2; else scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT; fi
work=$scratch/crosscheck-dryrun
rm -rf "$work"; mkdir -p "$work/results" "$work/datasets"
export MB_RESULTS=$work/results MB_DATASETS=$work/datasets
[ -z "${1:-}" ] || export MAPBENCH=$1

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# to_bytes 4K|1M|1G|...: bytes (powers of 1024).
to_bytes() {
	local n=${1%[KMGT]}
	case $1 in *T) echo $((n << 40)) ;; *G) echo $((n << 30)) ;; *M) echo $((n << 20)) ;; *K) echo $((n << 10)) ;; *) echo "$n" ;; esac
}
has() { local w want=$1; shift; for w in "$@"; do [ "$w" = "$want" ] && return 0; done; return 1; }
# opts_into ARRAY WORDS...: ARRAY[NAME]=VALUE for each "NAME=VALUE" word and
# each "--NAME VALUE" pair of WORDS (one pass, no subshell: plans are long).
opts_into() {
	local -n _o=$1
	local w prev=""
	shift
	_o=()
	for w in "$@"; do
		if [[ $w == *=* ]]; then _o[${w%%=*}]=${w#*=}
		elif [[ $prev == --* ]]; then _o[$prev]=$w
		fi
		prev=$w
	done
}
# has_pair NAME VALUE WORDS...: WORDS hold "NAME VALUE".
has_pair() {
	local name=$1 value=$2 w prev=""
	shift 2
	for w in "$@"; do [ "$prev" = "$name" ] && [ "$w" = "$value" ] && return 0; prev=$w; done
	return 1
}

# check_plan REPS ARGS...: runs the dry run with ARGS and checks every line.
check_plan() {
	local reps=$1 out line n=0 pending=0 words mbw=() key scratch="" made="" op sync
	shift
	declare -A count=() engines=() configs=() wpairs=() M=() F=()
	out=$work/dry.txt
	if ! "$script" --dry-run "$@" >"$out" 2>"$work/dry.err"; then
		fail "--dry-run $* exited non-zero: $(tail -n 2 "$work/dry.err")"
		return
	fi
	while IFS= read -r line; do
		n=$((n + 1))
		case $line in '#'*|'') continue ;; 'cat -- '*) continue ;; esac # cache preparation
		# the lines are shell input written with printf %q: split them as the shell would
		eval "words=($line)"
		case ${words[0]##*/} in
		dd) # fio's scratch file for a write run: after a mapbench write run, before its fio peer
			[ "$pending" = 1 ] && [ "${M[--op]:-}" = write ] ||
				fail "line $n: dd not between a mapbench write run and its fio peer: $line"
			opts_into F "${words[@]}"
			made=${F[of]:-}
			[ "$(dirname "$made")" = "${M[--dir]:-}" ] ||
				fail "line $n: fio's scratch $made is not next to the datasets (${M[--dir]:-})"
			[[ $(basename "$made") != mb-* ]] || fail "line $n: dd writes a dataset: $line"
			has if=/dev/zero "${words[@]}" && has conv=excl,fdatasync "${words[@]}" && has iflag=count_bytes "${words[@]}" ||
				fail "line $n: the scratch is not made new and allocated (if=/dev/zero conv=excl,fdatasync): $line"
			has "count=$(to_bytes "${M[--size]:-}")" "${words[@]}" ||
				fail "line $n: the scratch is not the size of mapbench's dataset (${M[--size]:-}): $line"
			scratch=$made
			;;
		rm)
			[ -n "$scratch" ] && [ "${words[*]}" = "rm -f -- $scratch" ] ||
				fail "line $n: rm of something else than the scratch fio just wrote ($scratch): $line"
			scratch=""
			;;
		mapbench)
			[ "${words[1]}" = run ] || continue
			[ "$pending" = 0 ] || fail "line $n: mapbench run follows a mapbench run with no fio command between"
			mbw=("${words[@]}")
			opts_into M "${mbw[@]}"
			pending=1
			[ "${M[--reps]:-}" = 1 ] || fail "line $n: mapbench run without --reps 1: $line"
			[ -n "${M[--size]:-}" ] && [ -n "${M[--dir]:-}" ] ||
				fail "line $n: mapbench run without --size and --dir: $line"
			[ -z "${M[--file]:-}" ] || fail "line $n: mapbench run with --file (it pre-reads the file): $line"
			;;
		fio)
			[ "$pending" = 1 ] || { fail "line $n: fio command without a mapbench peer before it: $line"; continue; }
			pending=0
			local method cache pat file block engine rw fname
			opts_into F "${words[@]}"
			method=${M[--method]:-} cache=${M[--cache]:-} pat=${M[--pattern]:-}
			file=${M[--dir]:-}/mb-${M[--size]:-}-s1.dat block=${M[--block]:-}
			engine=${F[--ioengine]:-} rw=${F[--rw]:-} fname=${F[--filename]:-}
			op=${M[--op]:-} sync=${M[--sync]:-}
			if [ "$op" = write ]; then
				[ -n "$scratch" ] && [ "$fname" = "$scratch" ] ||
					fail "line $n: fio write job on --filename=$fname, not the scratch made for it (${scratch:-none})"
				[[ $(basename "$fname") != mb-* ]] || fail "line $n: fio writes a dataset: $line"
				[ "$made" = "$scratch" ] || fail "line $n: fio's scratch was not made by the dd line before it"
				made=""
				[ "${M[--target]:-}" = rewrite ] || fail "line $n: mapbench write without --target rewrite"
				has --readonly "${words[@]}" && fail "line $n: fio write job with --readonly"
				has --fallocate=none "${words[@]}" || fail "line $n: fio write job without --fallocate=none"
				has --allow_file_create=0 "${words[@]}" || fail "line $n: fio write job may create a file"
				case $method/$sync in
					pwrite/none|mmap/none) [ -z "${F[--end_fsync]:-}" ] ||
						fail "line $n: --end_fsync on a --sync none pair: $line" ;;
					pwrite/fsync|mmap/msync) [ "${F[--end_fsync]:-}" = 1 ] ||
						fail "line $n: mapbench --sync $sync but fio without --end_fsync=1: $line" ;;
					*) fail "line $n: unexpected write pair $method --sync $sync" ;;
				esac
				wpairs["$method/$sync"]=1
				rw=${rw/write/read} # checked as the read's below
			else
				[ -z "$op" ] || [ "$op" = read ] || fail "line $n: mapbench --op $op"
				[ "$fname" = "$file" ] || fail "line $n: fio --filename=$fname but mapbench --file $file"
				has --readonly "${words[@]}" || fail "line $n: fio read job without --readonly"
			fi
			[ "${F[--size]:-}" = "$(to_bytes "${M[--size]:-}")" ] ||
				fail "line $n: fio --size=${F[--size]:-} but mapbench --size ${M[--size]:-}"
			[ "${F[--bs]:-}" = "$block" ] ||
				fail "line $n: fio --bs=${F[--bs]:-} but mapbench --block $block"
			[ "${F[--output-format]:-}" = json ] || fail "line $n: fio without --output-format=json"
			case $pat in
				seq) [ "$rw" = read ] || fail "line $n: seq peer but fio --rw=$rw" ;;
				rand) [ "$rw" = randread ] || fail "line $n: rand peer but fio --rw=$rw" ;;
				*) fail "line $n: mapbench --pattern '$pat'" ;;
			esac
			case $cache in
				warm) [ "${F[--invalidate]:-}" = 0 ] ||
					fail "line $n: warm fio run without --invalidate=0: $line" ;;
				cold) [ "${F[--invalidate]:-}" = 1 ] ||
					fail "line $n: cold fio run without --invalidate=1: $line" ;;
				*) fail "line $n: mapbench --cache '$cache'" ;;
			esac
			has --direct=1 "${words[@]}" && [ "$method" != odirect ] &&
				fail "line $n: --direct=1 on the $method pair"
			case $method in
				pread|pwrite) [ "$engine" = psync ] || fail "line $n: $method paired with --ioengine=$engine" ;;
				read) [ "$engine" = sync ] || fail "line $n: read paired with --ioengine=$engine" ;;
				mmap) [ "$engine" = mmap ] || fail "line $n: mmap paired with --ioengine=$engine"
					[ "$op" = write ] || [ "${M[--consume]:-}" = copy ] ||
						fail "line $n: mapbench mmap without --consume copy" ;;
				uring) [ "$engine" = io_uring ] || fail "line $n: uring paired with --ioengine=$engine"
					[ "${F[--iodepth]:-}" = 1 ] || fail "line $n: fio io_uring without --iodepth=1"
					[ "${M[--qd]:-}" = 1 ] || fail "line $n: mapbench uring without --qd 1" ;;
				odirect) [ "$engine" = psync ] || fail "line $n: odirect paired with --ioengine=$engine"
					has --direct=1 "${words[@]}" || fail "line $n: O_DIRECT fio run without --direct=1: $line"
					[ "$cache" = cold ] || fail "line $n: odirect pair in a $cache configuration" ;;
				*) fail "line $n: unexpected mapbench method '$method'" ;;
			esac
			if has --direct=1 "${words[@]}"; then engines[$engine+direct]=1; else engines[$engine]=1; fi
			configs["${op:+$op }$cache $pat $block"]=1
			key="${op:+$op }$cache $pat $block $file $method ${sync:-}"
			count[$key]=$((${count[$key]:-0} + 1))
			;;
		*) fail "line $n: unexpected command: $line" ;;
		esac
	done <"$out"
	[ "$pending" = 0 ] || fail "the last mapbench run has no fio peer"
	[ -z "$scratch" ] || fail "fio's last scratch file $scratch is not removed"
	[ ${#count[@]} -gt 0 ] || { fail "--dry-run $*: no fio command at all"; return; }
	for key in "${!count[@]}"; do
		[ "${count[$key]}" = "$reps" ] || fail "--dry-run $*: '$key' runs ${count[$key]} times, want $reps"
	done
	PLAN_ENGINES=" ${!engines[*]} " PLAN_CONFIGS=$(printf '%s\n' "${!configs[@]}" | sort)
	PLAN_WPAIRS=$(printf '%s\n' "${!wpairs[@]}" | sort | tr '\n' ' ')
}

# 1. the full plan with the default 5 reps
check_plan 5
for e in psync sync mmap io_uring psync+direct; do
	[[ $PLAN_ENGINES == *" $e "* ]] || fail "no fio run with engine $e in the plan (engines:$PLAN_ENGINES)"
done
want=$(printf '%s\n' "warm seq 4096" "warm seq 131072" "warm seq 1048576" "warm rand 4096" "cold seq 1048576" \
	"cold rand 4096" "write warm seq 131072" "write warm rand 4096" | sort)
[ "$PLAN_CONFIGS" = "$want" ] || fail "configurations: got [${PLAN_CONFIGS//$'\n'/, }], want [${want//$'\n'/, }]"
grep -q '^[^#]*mapbench ratio --by method --num pread --den fio-psync .*--follow tool_version' "$work/dry.txt" ||
	fail "no mapbench ratio of pread against fio-psync (with --follow tool_version: fio's rows carry fio's version) in the plan"
# the table and findings come from mapbench crosscheck, every pair named
line=$(grep '^[^#]*mapbench crosscheck ' "$work/dry.txt" || true)
eval "words=($line)"
for want in "pread,fio-psync,pread / fio psync" "read,fio-sync,read / fio sync" "mmap,fio-mmap,mmap copy / fio mmap" \
	"uring,fio-io_uring,uring qd1 / fio io_uring" "odirect,fio-psync-direct,odirect / fio direct"; do
	has "$want" "${words[@]}" || fail "mapbench crosscheck without --pair '$want': $line"
done
for want in "pwrite,fio-psync,pwrite / fio psync" "mmap,fio-mmap,mmap stores / fio mmap"; do
	has_pair --write-pair "$want" "${words[@]}" ||
		fail "mapbench crosscheck without --write-pair '$want': $line"
done
[ "$PLAN_WPAIRS" = "mmap/msync mmap/none pwrite/fsync pwrite/none " ] ||
	fail "write pairs in the plan: [$PLAN_WPAIRS], want mmap/msync mmap/none pwrite/fsync pwrite/none"
grep -q '^[^#]*mapbench ratio --by method --num pwrite --den fio-psync .*--follow tool_version' "$work/dry.txt" ||
	fail "no mapbench ratio of pwrite against fio-psync in the plan"
# the writes write the --write-size dataset's bytes (128M by default)
grep -q -- '--op write .*--size 128M ' "$work/dry.txt" || fail "the writes are not of the 128M dataset"
# the cold rand configuration reads the small file, the others the --size file
grep -q -- '--pattern rand --cache cold --size 64M .*--block 4096' "$work/dry.txt" ||
	fail "cold rand 4K does not read the 64M dataset"

# 2. quick, other sizes and reps
check_plan 2 --quick --reps 2 --size 256M --cold-rand-size 16M
[ "${PLAN_CONFIGS//$'\n'/, }" = "cold rand 4096, warm seq 131072, write warm seq 131072" ] ||
	fail "--quick: configurations [${PLAN_CONFIGS//$'\n'/, }]"
grep -q -- '--filename=[^ ]*mb-256M-s1.dat' "$work/dry.txt" || fail "--size 256M: not the 256M dataset"
grep -q -- '--filename=[^ ]*mb-16M-s1.dat' "$work/dry.txt" || fail "--cold-rand-size 16M: not the 16M dataset"

# 2b. other write sizes, and no writes
check_plan 1 --quick --reps 1 --size 16M --cold-rand-size 16M --write-size 32M
grep -q -- '--op write .*--size 32M ' "$work/dry.txt" || fail "--write-size 32M: the writes are not of the 32M dataset"
grep -q -- '^dd .*count=33554432 ' "$work/dry.txt" || fail "--write-size 32M: fio's scratch is not 32M"
check_plan 1 --quick --reps 1 --no-writes
[ "${PLAN_CONFIGS//$'\n'/, }" = "cold rand 4096, warm seq 131072" ] || fail "--no-writes: configurations [${PLAN_CONFIGS//$'\n'/, }]"
! grep -q -- '--op write\|--write-pair\|^dd \|^rm ' "$work/dry.txt" || fail "--no-writes: the plan still writes"

# 3. a dry run writes nothing
written=$(find "$work/results" "$work/datasets" -mindepth 1)
[ -z "$written" ] || fail "--dry-run wrote files: $written"

# 4. ... and needs no fio, jq or mapbench: a PATH with only the basic tools
mkdir -p "$work/bin"
for t in bash dirname basename date getconf sed; do ln -sf "$(command -v $t)" "$work/bin/$t"; done
(unset MAPBENCH; PATH=$work/bin "$work/bin/bash" "$script" --dry-run >"$work/nofio.txt" 2>"$work/nofio.err") ||
	fail "--dry-run without fio/jq on PATH failed: $(tail -n 2 "$work/nofio.err")"
grep -q '^fio .*--ioengine=mmap' "$work/nofio.txt" || fail "--dry-run without fio on PATH prints no fio commands"

# 5. ... and works as non-root
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	setpriv --reuid=65534 --regid=65534 --clear-groups "$script" --dry-run >/dev/null 2>"$work/nonroot.err" ||
		fail "--dry-run as uid 65534 failed: $(tail -n 2 "$work/nonroot.err")"
fi

# 6. --help, and bad arguments: exit 2 with one line
"$script" --help | grep -q -- '--dry-run' || fail "--help does not describe --dry-run"
for bad in "--reps 0" "--reps x" "--size 1Q" "--bogus" "--cold-rand-size" "--fio-random-generator nope" "--write-size 1K" \
	"--write-size"; do
	rc=0
	# shellcheck disable=SC2086
	"$script" --dry-run $bad >/dev/null 2>"$work/bad.err" || rc=$?
	[ "$rc" = 2 ] || fail "'$bad' exited $rc, want 2"
	[ "$(wc -l <"$work/bad.err")" = 1 ] || fail "'$bad' printed $(wc -l <"$work/bad.err") lines, want one: $(cat "$work/bad.err")"
done

if [ "$failures" -gt 0 ]; then
	echo "test_crosscheck_dryrun: $failures failure(s)" >&2
	exit 1
fi
echo "ok: crosscheck-fio --dry-run plans checked (full and quick), no writes, no fio needed, bad input rejected"
