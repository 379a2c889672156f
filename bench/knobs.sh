#!/usr/bin/env bash
# bench/knobs.sh: the kernel's settings compared on one machine. Sweeps one
# setting at a time, the others left as they are, runs the workload the
# setting acts on at each value, and restores the setting exactly afterwards:
#
#   readahead  read_ahead_kb of the device under the datasets folder (the
#              parent disk's for a partition; a loop or device-mapper device's
#              own): 128 (the baseline), 512, 8192; cold seq and rand reads,
#              read and mmap
#   thp        /sys/kernel/mm/transparent_hugepage/enabled: always (the
#              baseline), madvise, never; warm mmap reads, in both folio
#              worlds (--cache warm,warm-4k)
#   dirty      vm.dirty_bytes / vm.dirty_background_bytes: ratio (the ratios in
#              force, the kernel's 20%/10% if byte limits are: the baseline),
#              16M-8M, 1G-512M; write and mmap stores, rewrite target, sync
#              none, fsync and msync
#
#   bench/knobs.sh [--only LIST] [--reads-size SIZE] [--writes-size SIZE]
#                  [--reps N] [--results DIR] [--dir DATASET_DIR] [quick|full]
#     --only LIST         readahead, thp, dirty (default: all three)
#     --reads-size SIZE   the read file (quick 256M, full 1G)
#     --writes-size SIZE  the written file (quick 256M, full 1G)
#     --reps N            measured repetitions (quick 8, full 8 and more until
#                         the 95% CI of the median is within +-2%)
#     --results DIR       default $MB_RESULTS, else results/
#     --dir DATASET_DIR   default $MB_DATASETS, else datasets/
#     quick               a few minutes on 2 cores (the default)
#     full                adaptive repetitions, more block sizes
#
# Needs root. Writes RESULTS/knobs-<run_id>/<knob>/<value>/ (results.csv,
# env.txt, command.txt) and, with bench/compare.sh, one comparison per knob
# (<knob>/compare/: every value against the baseline) and per THP mode
# (thp/compare-cache-<mode>/: warm-4k against warm). Every row carries the
# settings in force (read_ahead_kb, thp, dirty_* columns). Each change and
# restore is printed on stderr; the settings are restored on every exit,
# also after a failed run or Ctrl-C (exit 130). A knob this machine does not
# have (no readahead for tmpfs, no THP) is skipped with one line.
#
# For tests: MB_KNOBS_ROOT=DIR reads and writes every /sys and /proc file
# under DIR instead (no root needed, no --drop-caches); MB_KNOBS_FAIL_AT=
# KNOB[:VALUE] fails the run right after KNOB was set (to VALUE, default its
# first); MAPBENCH=path and MB_COMPARE=path use the given programs.
# Exit: 0 ok, 1 a run or a restore failed, 2 usage, 3 not root, 4 no knob
# to sweep here, 130 interrupted.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'; }
die() { mb_say "knobs.sh: $*"; exit 2; }
say() { mb_say "knobs: $*"; }

# ---- options ------------------------------------------------------------

only=readahead,thp,dirty mode=quick reads_size='' writes_size='' reps=''
results=${MB_RESULTS:-$MB_WORK/results} datasets=${MB_DATASETS:-$MB_WORK/datasets}
args=("$@")
while [ $# -gt 0 ]; do
	case $1 in
		--only|--reads-size|--writes-size|--reps|--results|--dir)
			[ $# -ge 2 ] || die "$1 needs a value"
			case $1 in
				--only) only=$2 ;;
				--reads-size) reads_size=$2 ;;
				--writes-size) writes_size=$2 ;;
				--reps) reps=$2 ;;
				--results) results=$2 ;;
				--dir) datasets=$2 ;;
			esac
			shift 2 ;;
		quick|full) mode=$1; shift ;;
		-h|--help) usage; exit 0 ;;
		*) die "unknown argument '$1' (see --help)" ;;
	esac
done
knobs=()
IFS=, read -ra wanted <<<"$only"
for k in "${wanted[@]}"; do
	case $k in
		readahead|thp|dirty) [[ " ${knobs[*]} " == *" $k "* ]] || knobs+=("$k") ;;
		*) die "--only: unknown knob '$k' (readahead, thp, dirty)" ;;
	esac
done
[ ${#knobs[@]} -gt 0 ] || die "--only: no knob named"
size_re='^[0-9]+([KMGT](i?B)?)?$'
case $mode in
	quick) : "${reads_size:=256M}" "${writes_size:=256M}" "${reps:=8}" ;;
	full) : "${reads_size:=1G}" "${writes_size:=1G}" "${reps:=8}" ;;
esac
[[ $reads_size =~ $size_re ]] || die "--reads-size '$reads_size': want a size such as 256M"
[[ $writes_size =~ $size_re ]] || die "--writes-size '$writes_size': want a size such as 256M"
[[ $reps =~ ^[0-9]+$ ]] && [ "$reps" -ge 1 ] || die "--reps '$reps': want a whole number >= 1"

# ---- where the settings live ---------------------------------------------

# kroot: "" for this system, else the fake tree every /sys and /proc path is
# read and written under. Set but empty is refused: the tests set it, and an
# empty value must never fall through to the real settings.
kroot=''
if [ "${MB_KNOBS_ROOT+set}" = set ]; then
	[ -n "$MB_KNOBS_ROOT" ] || die "MB_KNOBS_ROOT is set but empty: unset it to change this system's settings"
	[ -d "$MB_KNOBS_ROOT" ] || die "MB_KNOBS_ROOT=$MB_KNOBS_ROOT is not a folder"
	kroot=$(cd "$MB_KNOBS_ROOT" && pwd -P)
	[ "$kroot" != / ] || die "MB_KNOBS_ROOT=/ is this system: unset it instead"
fi
if [ -z "$kroot" ] && [ "$(id -u)" -ne 0 ]; then
	mb_say "knobs.sh: needs root: it writes /sys/block/<dev>/queue/read_ahead_kb," \
		"/sys/kernel/mm/transparent_hugepage/enabled and /proc/sys/vm/dirty_* (each restored" \
		"afterwards) and drops the page cache for cold runs; run it as root (sudo $0 ...)"
	exit 3
fi

# kfile PATH: PATH (/sys/... or /proc/...) under kroot. Under a fake tree the
# path is resolved (symlinks and ..) and must stay inside it: 1 with one
# line if it does not (the caller exits 2).
kfile() {
	local p=$kroot$1 real
	if [ -n "$kroot" ]; then
		real=$(realpath -m -- "$p")
		case $real in
			"$kroot"/*) ;;
			*) mb_say "knobs.sh: $p leads to $real, outside MB_KNOBS_ROOT=$kroot: refusing it"; return 1 ;;
		esac
		p=$real
	fi
	printf '%s\n' "$p"
}

# The first line of a small file (a last line without its newline too).
knob_read() { local v=''; { read -r v || [ -n "$v" ]; } <"$1" && printf '%s\n' "$v"; }

# knob_write FILE VALUE: 0, or 1 with one line.
knob_write() {
	if ! { printf '%s\n' "$2" >"$1"; } 2>/dev/null; then
		mb_say "knobs.sh: cannot write '$2' to $1"
		return 1
	fi
}

# The [selected] word of a transparent_hugepage/enabled file.
thp_mode() { sed -n 's/.*\[\([a-z]*\)\].*/\1/p' "$1"; }

# ---- the readahead device --------------------------------------------------

# mount_of DIR: "MAJ:MIN SOURCE" of the mount holding DIR, from mountinfo:
# the mount of DIR's device, else the longest mount point above it (the
# later line on a tie), as mapbench's environment does. A fake tree's device
# numbers are not this system's: there the mount point alone decides.
mount_of() {
	local real dev mm=''
	real=$(realpath -- "$1") && dev=$(stat -c %d -- "$real") || return 0
	[ -n "$kroot" ] ||
		mm=$(( ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfff) )):$(( (dev & 0xff) | ((dev >> 12) & 0xffffff00) ))
	awk -v dev="$mm" -v path="$real" '
	function unescape(s,   out, i) { # mountinfo writes \040 for a space, \011 ...
		out = ""
		for (i = 1; i <= length(s); i++)
			if (substr(s, i, 1) == "\\" && substr(s, i + 1, 3) ~ /^[0-7][0-7][0-7]$/) {
				out = out sprintf("%c", substr(s, i + 1, 1) * 64 + substr(s, i + 2, 1) * 8 + substr(s, i + 3, 1))
				i += 3
			} else {
				out = out substr(s, i, 1)
			}
		return out
	}
	{
		for (i = 7; i <= NF && $i != "-"; i++)
			;
		if (i + 2 > NF)
			next
		point = unescape($5)
		dm = dev != "" && $3 == dev
		pl = point == "/" ? 1 : index(path "/", point "/") == 1 ? length(point) : 0
		if (!dm && !pl)
			next
		if (found && (dm != bdm ? !dm : pl < bpl))
			next
		found = 1; bdm = dm; bpl = pl; bdev = $3; bsrc = unescape($(i + 2))
	}
	END { if (found) print bdev, bsrc }' "$mountinfo" 2>/dev/null || true
}

# ra_find DIR: sets ra_file (the read_ahead_kb file to sweep) and ra_dev (its
# device's name, for the messages); ra_file is "" when there is none.
ra_find() {
	local m mm src rel t f
	ra_file='' ra_dev=''
	m=$(mount_of "$1")
	[ -n "$m" ] || { ra_dev="no mount found"; return 0; }
	mm=${m%% *} src=${m#* }
	# an anonymous device (btrfs, overlay): the /dev source's block device
	if [ "${mm%%:*}" = 0 ] && [ -b "$src" ]; then
		t=$(stat -L -c '%t %T' -- "$src")
		mm=$((16#${t% *})):$((16#${t#* }))
	fi
	ra_dev="$src ($mm)"
	for rel in "/sys/dev/block/$mm/queue/read_ahead_kb" "/sys/dev/block/$mm/../queue/read_ahead_kb" \
		"/sys/class/bdi/$mm/read_ahead_kb"; do
		f=$(kfile "$rel") || exit 2
		[ -r "$f" ] && [ -n "$(knob_read "$f" 2>/dev/null)" ] || continue
		ra_file=$(realpath -- "$f")
		t=$(realpath -- "$(dirname "$ra_file")/..")
		case $rel in
			/sys/class/bdi/*) ra_dev="bdi $mm of $src" ;;
			*) ra_dev="${t##*/} ($mm)" ;;
		esac
		[ ! -r "$t/loop/backing_file" ] ||
			ra_dev+=", a loop device over $(knob_read "$t/loop/backing_file") (whose own device keeps its readahead)"
		[ ! -r "$t/dm/name" ] || ra_dev+=", device-mapper $(knob_read "$t/dm/name")"
		return 0
	done
}

# ---- each knob: find, save, set, restore ------------------------------------

# Every fixed path, checked once here (a fake tree's links must stay inside it).
declare -A touched=() base=() values_of=() vmf=() dirty_orig=()
dirty_names=(dirty_bytes dirty_background_bytes dirty_ratio dirty_background_ratio)
thp_file=$(kfile /sys/kernel/mm/transparent_hugepage/enabled) || exit 2
mountinfo=$(kfile /proc/self/mountinfo) || exit 2
for n in "${dirty_names[@]}"; do
	vmf[$n]=$(kfile "/proc/sys/vm/$n") || exit 2
done
vm() { printf '%s\n' "${vmf[$1]}"; }

# knob_find KNOB: 0 when this machine has it (and its values are set), else
# 1 with one line saying why it is skipped.
knob_find() {
	local v n
	case $1 in
	readahead)
		ra_find "$datasets"
		[ -n "$ra_file" ] || { say "readahead: skipped: no read_ahead_kb for $datasets ($ra_dev: tmpfs or an unknown device)"; return 1; }
		ra_orig=$(knob_read "$ra_file")
		values_of[readahead]="128 512 8192" ;;
	thp)
		[ -r "$thp_file" ] || { say "thp: skipped: no $thp_file (a kernel without transparent huge pages)"; return 1; }
		thp_orig=$(thp_mode "$thp_file") thp_opts=$(tr -d '[]' <"$thp_file")
		[ -n "$thp_orig" ] || { say "thp: skipped: $thp_file has no [selected] mode"; return 1; }
		v=''
		for n in always madvise never; do
			grep -qw "$n" "$thp_file" && v+=" $n" || say "thp: $n is not offered by this kernel: left out"
		done
		[ -n "$v" ] || { say "thp: skipped: $thp_file offers none of always, madvise, never"; return 1; }
		values_of[thp]=${v# } ;;
	dirty)
		for n in "${dirty_names[@]}"; do
			v=$(knob_read "$(vm "$n")" 2>/dev/null) && [[ $v =~ ^[0-9]+$ ]] ||
				{ say "dirty: skipped: $(vm "$n") is not readable as a number"; return 1; }
			dirty_orig[$n]=$v
		done
		values_of[dirty]="ratio 16M-8M 1G-512M" ;;
	esac
	base[$1]=${values_of[$1]%% *}
}

# What a knob is now, in words.
dirty_now() {
	local b bb r br
	b=$(knob_read "$(vm dirty_bytes)") bb=$(knob_read "$(vm dirty_background_bytes)")
	r=$(knob_read "$(vm dirty_ratio)") br=$(knob_read "$(vm dirty_background_ratio)")
	printf '%s/%s\n' "$([ "$b" != 0 ] && echo "$b bytes" || echo "$r%")" \
		"$([ "$bb" != 0 ] && echo "$bb bytes" || echo "$br%")"
}
knob_now() {
	case $1 in
		readahead) knob_read "$ra_file" ;;
		thp) thp_mode "$thp_file" ;;
		dirty) dirty_now ;;
	esac
}

# What a knob is, and the files behind it with what they hold (env.txt).
knob_what() {
	case $1 in
		readahead) echo "read_ahead_kb of $ra_dev" ;;
		thp) echo "transparent huge pages" ;;
		dirty) echo "dirty page limits, foreground/background" ;;
	esac
}

knob_files() {
	local n
	case $1 in
		readahead) echo "$ra_file: $(knob_read "$ra_file")" ;;
		thp) echo "$thp_file: $(cat "$thp_file")" ;;
		dirty) for n in "${dirty_names[@]}"; do echo "$(vm "$n"): $(knob_read "$(vm "$n")")"; done ;;
	esac
}

# dirty_write NAME VALUE: one of the four limits. The kernel zeroes the other
# of the pair when a write changes the value (dirty_bytes <-> dirty_ratio,
# dirty_background_bytes <-> dirty_background_ratio); a fake tree is plain
# files, so there the script does it, and the tests see what the kernel would.
dirty_write() {
	local f old other
	f=$(vm "$1")
	old=$(knob_read "$f")
	knob_write "$f" "$2" || return 1
	if [ -n "$kroot" ] && [ "$old" != "$2" ]; then
		case $1 in
			*bytes) other=${1%bytes}ratio ;;
			*) other=${1%ratio}bytes ;;
		esac
		knob_write "$(vm "$other")" 0
	fi
}

# thp_write MODE: the kernel shows the modes with the one in force in
# brackets; in a fake tree the script writes it so.
thp_write() {
	local w line=''
	knob_write "$thp_file" "$1" || return 1
	[ -n "$kroot" ] || return 0
	for w in $thp_opts; do
		[ "$w" = "$1" ] && line+=" [$w]" || line+=" $w"
	done
	knob_write "$thp_file" "${line# }"
}

bytes_of() {
	local n=${1%[KMG]}
	case $1 in
		*K) echo $((n << 10)) ;; *M) echo $((n << 20)) ;; *G) echo $((n << 30)) ;; *) echo "$n" ;;
	esac
}

# knob_set KNOB VALUE: sets it, checks it took, and says so. 0 or 1.
knob_set() {
	local was now r br
	was=$(knob_now "$1")
	touched[$1]=1
	case $1 in
	readahead)
		knob_write "$ra_file" "$2" || return 1
		now=$(knob_read "$ra_file") ;;
	thp)
		thp_write "$2" || return 1
		now=$(thp_mode "$thp_file") ;;
	dirty)
		if [ "$2" = ratio ]; then
			r=${dirty_orig[dirty_ratio]} br=${dirty_orig[dirty_background_ratio]}
			[ "$r" != 0 ] || r=20
			[ "$br" != 0 ] || br=10
			dirty_write dirty_ratio "$r" && dirty_write dirty_background_ratio "$br" || return 1
			[ "$(dirty_now)" = "$r%/$br%" ] && now=$2 || now=$(dirty_now)
		else
			r=$(bytes_of "${2%-*}") br=$(bytes_of "${2#*-}")
			dirty_write dirty_bytes "$r" && dirty_write dirty_background_bytes "$br" || return 1
			[ "$(dirty_now)" = "$r bytes/$br bytes" ] && now=$2 || now=$(dirty_now)
		fi ;;
	esac
	if [ "$now" != "$2" ]; then
		mb_say "knobs.sh: $1: wrote $2, but it reads $now"
		return 1
	fi
	case $1 in
		readahead) say "read_ahead_kb of $ra_dev: $was -> $2 ($ra_file)" ;;
		thp) say "thp: $was -> $2 ($thp_file)" ;;
		dirty) say "dirty limits (foreground/background): $was -> $(dirty_now) ($(vm dirty_bytes) ...)" ;;
	esac
}

# knob_restore KNOB: back to exactly what it was; 0, or 1 with the command
# that would restore it by hand.
knob_restore() {
	local n got bad=0 fix
	case $1 in
	readahead)
		knob_write "$ra_file" "$ra_orig"
		got=$(knob_read "$ra_file")
		[ "$got" = "$ra_orig" ] || { mb_say "knobs.sh: RESTORE FAILED: $ra_file reads $got; restore it: echo $ra_orig > $ra_file"; return 1; } ;;
	thp)
		thp_write "$thp_orig"
		got=$(thp_mode "$thp_file")
		[ "$got" = "$thp_orig" ] || { mb_say "knobs.sh: RESTORE FAILED: $thp_file is $got; restore it: echo $thp_orig > $thp_file"; return 1; } ;;
	dirty)
		# the one of each pair that was in force: writing it zeroes the other
		fix=()
		for n in dirty_ dirty_background_; do
			if [ "${dirty_orig[${n}bytes]}" != 0 ]; then
				n=${n}bytes
			else
				n=${n}ratio
			fi
			dirty_write "$n" "${dirty_orig[$n]}"
			fix+=("echo ${dirty_orig[$n]} > $(vm "$n")")
		done
		for n in "${dirty_names[@]}"; do
			got=$(knob_read "$(vm "$n")")
			[ "$got" = "${dirty_orig[$n]}" ] && continue
			mb_say "knobs.sh: RESTORE FAILED: $(vm "$n") reads $got, was ${dirty_orig[$n]}"
			bad=1
		done
		[ "$bad" = 0 ] || { mb_say "knobs.sh: restore them: ${fix[0]}; ${fix[1]}"; return 1; } ;;
	esac
	touched[$1]=0
	say "restored $1: $(knob_now "$1")"
}

# ---- the runs ---------------------------------------------------------------

# On every exit: stop a run in flight (it ends its repetition and keeps its
# rows; the runs are this script's only background jobs), then put back
# every knob this script changed.
on_exit() {
	local rc=$? k pids
	set +e
	trap '' INT TERM
	pids=$(jobs -p)
	if [ -n "$pids" ]; then
		# shellcheck disable=SC2086 # one pid a word
		kill -TERM $pids 2>/dev/null
		wait
	fi
	for k in "${knobs[@]}"; do
		[ "${touched[$k]:-0}" = 1 ] || continue
		knob_restore "$k" || { [ "$rc" -ne 0 ] || rc=1; }
	done
	exit "$rc"
}

# The parts of a knob's run: "title|mapbench run args".
parts_of() {
	local seq_blocks=128K thp_blocks=4K write_blocks=1M
	[ "$mode" = quick ] || seq_blocks=128K,1M thp_blocks=4K,64K write_blocks=4K,1M
	case $1 in
		readahead) printf '%s\n' \
			"cold seq|--method read,mmap --pattern seq --cache cold --size $reads_size --block $seq_blocks" \
			"cold rand|--method read,mmap --pattern rand --cache cold --size $reads_size --block 4K" ;;
		thp) printf '%s\n' \
			"warm mmap|--method mmap --pattern seq,rand --cache warm,warm-4k --size $reads_size --block $thp_blocks" ;;
		dirty) printf '%s\n' \
			"writes|--op write --method write,mmap --target rewrite --sync none,fsync,msync --pattern seq --cache warm --size $writes_size --block $write_blocks" ;;
	esac
}

# run_value KNOB VALUE: the knob set to VALUE and its runs, into one results
# folder. A run with error rows sets failed and the sweep goes on; any other
# failure exits (on_exit restores).
run_value() {
	local knob=$1 value=$2 dir part a n=0 rc=0 parts=() common
	dir=$top/$knob/$value
	mkdir -p "$dir"
	knob_set "$knob" "$value" || exit 1
	if [ "${MB_KNOBS_FAIL_AT:-}" = "$knob" ] && [ "$value" = "${base[$knob]}" ] ||
		[ "${MB_KNOBS_FAIL_AT:-}" = "$knob:$value" ]; then
		mb_say "knobs.sh: MB_KNOBS_FAIL_AT=${MB_KNOBS_FAIL_AT}: failing after the change, as a failed run would"
		exit 1
	fi
	mapfile -t parts < <(parts_of "$knob")
	common=(--dir "$datasets" --run-id "$run_id-$knob-$value" --out "$dir/results.csv" --reps "$reps"
		--warmup 1 --quiet)
	[ "$mode" = quick ] || common+=(--ci-target 2 --max-reps 20 --time-budget 4)
	{
		printf '%q ' "$0" "${args[@]}"; echo
		echo "# knob $knob = $value: $(knob_what "$knob") reads $(knob_now "$knob")"
		for part in "${parts[@]}"; do
			read -ra a <<<"${part#*|}"
			[[ " ${a[*]} " != *" cold "* ]] || a+=("${drop[@]}")
			printf '%q ' "$mb" run "${a[@]}" "${common[@]}"; echo
		done
	} >"$dir/command.txt"
	mb_env_dump "$dir/env.txt" "$datasets" "$mb" "$kroot"
	{ echo; echo "# knob $knob = $value: $(knob_what "$knob")"; knob_files "$knob"; } >>"$dir/env.txt"
	for part in "${parts[@]}"; do
		n=$((n + 1))
		read -ra a <<<"${part#*|}"
		[[ " ${a[*]} " != *" cold "* ]] || a+=("${drop[@]}")
		say "$knob = $value: ${part%%|*} ($((SECONDS - t0)) s so far)"
		# in the background, so that a signal is handled at once (on_exit)
		"$mb" run "${a[@]}" "${common[@]}" &
		rc=0
		wait "$!" || rc=$?
		case $rc in
			0) ;;
			1) say "$knob = $value: some rows are errors ($dir/results.csv says why)"; failed=1 ;;
			4) say "$knob = $value: ${part%%|*}: nothing of it runs here" ;;
			130) exit 130 ;;
			*) mb_say "knobs.sh: mapbench run exited $rc at $knob = $value: stopping"; exit "$rc" ;;
		esac
	done
}

[ -n "${MAPBENCH:-}" ] || mb_need_pkgs "${MB_BUILD_PKGS[@]}"
mb=$(mb_build release)
[ -d "$results" ] || mkdir -p "$results" || die "cannot make the results folder $results"
[ -d "$datasets" ] || mkdir -p "$datasets" || die "cannot make the datasets folder $datasets"
drop=(--drop-caches)
[ -z "$kroot" ] || { drop=(); say "MB_KNOBS_ROOT=$kroot: settings in that tree; cold runs without --drop-caches"; }

swept=()
for k in "${knobs[@]}"; do
	knob_find "$k" && swept+=("$k")
done
[ ${#swept[@]} -gt 0 ] || { mb_say "knobs.sh: none of ${knobs[*]} can be swept here"; exit 4; }
run_id=$(mb_run_id)
top=$results/knobs-$run_id
mkdir -p "$top"
trap on_exit EXIT
trap 'exit 130' INT TERM

failed=0 t0=$SECONDS
for k in "${swept[@]}"; do
	say "$k: was $(knob_now "$k"); values ${values_of[$k]// /, } (baseline ${base[$k]})"
	for v in ${values_of[$k]}; do
		run_value "$k" "$v"
	done
	knob_restore "$k" || exit 1
done

# One comparison per knob (every value against the baseline) and, per THP
# mode, warm-4k against warm.
compare=${MB_COMPARE:-$MB_ROOT/bench/compare.sh}
if [ ! -x "$compare" ]; then
	say "no $compare: no comparison reports (the results folders are complete)"
else
	for k in "${swept[@]}"; do
		targets=()
		for v in ${values_of[$k]}; do
			[ "$v" = "${base[$k]}" ] || targets+=("$top/$k/$v")
		done
		[ ${#targets[@]} -eq 0 ] || MAPBENCH=$mb "$compare" "$top/$k/${base[$k]}" "${targets[@]}" "$top/$k/compare" ||
			{ mb_say "knobs.sh: $compare of $k failed"; failed=1; }
		[ "$k" = thp ] || continue
		# warm-4k against warm differ in their large folios by design: that
		# difference is what this comparison measures
		for v in ${values_of[$k]}; do
			MAPBENCH=$mb "$compare" --by cache --ignore-folios "$top/$k/$v" "$top/$k/compare-cache-$v" ||
				{ mb_say "knobs.sh: $compare --by cache of thp = $v failed"; failed=1; }
		done
	done
fi
say "results: $top ($((SECONDS - t0)) s)"
exit "$failed"
