#!/usr/bin/env bash
# tests/scripts/test_knobs.sh: bench/knobs.sh against fake /sys and /proc
# trees (MB_KNOBS_ROOT; the real settings are never read or written by it),
# with a stub mapbench that records the settings in force in each run and can
# fail or hang:
#   - usage errors exit 2 in one line, MB_KNOBS_ROOT set but empty or "/" is
#     refused, a non-root user on the real system gets exit 3;
#   - a quick sweep: one results folder per knob value, each run made with
#     its value in force and the other knobs as they were, the comparisons
#     asked for (base, targets, --by cache per THP mode), and every file of
#     the tree exactly as before;
#   - every knob restored exactly after an injected failure right after it
#     was changed (MB_KNOBS_FAIL_AT), after a failing run (exit passed on),
#     and after SIGINT to the job (Ctrl-C) or SIGTERM to the script mid-run
#     (exit 130, the run in flight stopped), in ratio- and byte-based dirty
#     limits, for a partition and a bdi-only device;
#   - a link that leads out of the tree is refused before anything changes;
#     a tree without THP or readahead skips those knobs, with none: exit 4;
#   - with the real mapbench, tiny sizes: every run ok and the rows carry
#     the dirty_* columns.
# Usage: test_knobs.sh MAPBENCH_BINARY SCRATCH_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
real_mb=$1
work=$2/knobs
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work"; mkdir -p "$work"
work=$(cd "$work" && pwd -P)
export MB_RESULTS=$work/results MB_DATASETS=$work/data/ds
mkdir -p "$MB_RESULTS" "$MB_DATASETS"

# ---- fake trees -------------------------------------------------------------

# mountinfo's escaping of a mount point
esc() { sed 's/\\/\\134/g; s/ /\\040/g; s/\t/\\011/g' <<<"$1"; }

# make_tree DIR KIND: a: ratio-based limits, THP madvise, the data on a
# partition (sda1, its disk's read_ahead_kb 8192); b: byte-based limits, THP
# always, the data on an anonymous device with a bdi only (0:44, 4096);
# r: the machine's own-like defaults on a whole disk (vda, 8192); none: no
# THP, no readahead (tmpfs).
make_tree() {
	local t=$1 kind=$2
	rm -rf "$t"
	mkdir -p "$t/proc/self" "$t/proc/sys/vm" "$t/sys/kernel/mm/transparent_hugepage" "$t/sys/dev/block" \
		"$t/sys/devices/pci0/block/sda/sda1" "$t/sys/devices/pci0/block/sda/queue" \
		"$t/sys/devices/virtual/block/vda/queue" "$t/sys/class/bdi/0:44"
	ln -s ../../devices/pci0/block/sda/sda1 "$t/sys/dev/block/8:1"
	ln -s ../../devices/pci0/block/sda "$t/sys/dev/block/8:0"
	ln -s ../../devices/virtual/block/vda "$t/sys/dev/block/254:0"
	echo 8192 >"$t/sys/devices/pci0/block/sda/queue/read_ahead_kb"
	echo 8192 >"$t/sys/devices/virtual/block/vda/queue/read_ahead_kb"
	echo 4096 >"$t/sys/class/bdi/0:44/read_ahead_kb"
	echo "22 1 254:0 / / rw,relatime - ext4 /dev/vda rw" >"$t/proc/self/mountinfo"
	case $kind in
	a)
		echo "always [madvise] never" >"$t/sys/kernel/mm/transparent_hugepage/enabled"
		printf '%s\n' 0 >"$t/proc/sys/vm/dirty_bytes"
		printf '%s\n' 0 >"$t/proc/sys/vm/dirty_background_bytes"
		printf '%s\n' 20 >"$t/proc/sys/vm/dirty_ratio"
		printf '%s\n' 10 >"$t/proc/sys/vm/dirty_background_ratio"
		echo "40 22 8:1 / $(esc "$work/data") rw,relatime - ext4 /dev/sda1 rw" >>"$t/proc/self/mountinfo" ;;
	b)
		echo "[always] madvise never" >"$t/sys/kernel/mm/transparent_hugepage/enabled"
		printf '%s\n' 209715200 >"$t/proc/sys/vm/dirty_bytes"
		printf '%s\n' 104857600 >"$t/proc/sys/vm/dirty_background_bytes"
		printf '%s\n' 0 >"$t/proc/sys/vm/dirty_ratio"
		printf '%s\n' 0 >"$t/proc/sys/vm/dirty_background_ratio"
		echo "41 22 0:44 / $(esc "$work/data") rw,relatime - btrfs /dev/no-such-disk rw" >>"$t/proc/self/mountinfo" ;;
	r)
		echo "always [madvise] never" >"$t/sys/kernel/mm/transparent_hugepage/enabled"
		for f in dirty_bytes:0 dirty_background_bytes:0 dirty_ratio:20 dirty_background_ratio:10; do
			echo "${f#*:}" >"$t/proc/sys/vm/${f%%:*}"
		done
		echo "43 22 254:0 / $(esc "$work/data") rw,relatime - ext4 /dev/vda rw" >>"$t/proc/self/mountinfo" ;;
	none)
		rm -rf "$t/sys/kernel/mm/transparent_hugepage"
		for f in dirty_bytes:0 dirty_background_bytes:0 dirty_ratio:20 dirty_background_ratio:10; do
			echo "${f#*:}" >"$t/proc/sys/vm/${f%%:*}"
		done
		echo "42 22 0:30 / $(esc "$work/data") rw - tmpfs tmpfs rw" >>"$t/proc/self/mountinfo" ;;
	esac
	rm -rf "$t.orig"
	cp -a "$t" "$t.orig"
}

# same_tree DIR: every file and link of DIR as make_tree left it
same_tree() { diff -r "$1.orig" "$1" >/dev/null || fail "$2: the tree changed: $(diff -r "$1.orig" "$1" | head -n 6)"; }

# ---- a stub mapbench ------------------------------------------------------------

# It answers `env`, and for `run` appends to --out a row of the settings in
# force in the tree (as the real mapbench records this system's), logs its
# arguments, then exits STUB_EXIT, or with STUB_BLOCK=FILE writes its pid
# there and waits to be stopped (SIGTERM: exit 130, as mapbench does).
stub=$work/stub-mapbench
cat >"$stub" <<'EOF'
#!/usr/bin/env bash
set -euo pipefail
t=$MB_KNOBS_ROOT
case ${1:-} in
	env) echo "kernel: stub"; exit 0 ;;
	run) shift ;;
	*) echo "stub: no $1" >&2; exit 2 ;;
esac
echo "run $*" >>"$STUB_LOG"
out=''
while [ $# -gt 0 ]; do
	[ "$1" != --out ] || out=$2
	shift
done
thp=$(sed -n 's/.*\[\([a-z]*\)\].*/\1/p' "$t/sys/kernel/mm/transparent_hugepage/enabled" 2>/dev/null || true)
ra=$(cat "${STUB_RA:-/dev/null}")
v() { cat "$t/proc/sys/vm/$1"; }
[ -s "$out" ] || echo "status,read_ahead_kb,thp,dirty_bytes,dirty_background_bytes,dirty_ratio,dirty_background_ratio" >"$out"
echo "ok,$ra,$thp,$(v dirty_bytes),$(v dirty_background_bytes),$(v dirty_ratio),$(v dirty_background_ratio)" >>"$out"
if [ -n "${STUB_BLOCK:-}" ]; then
	trap 'kill "$s" 2>/dev/null; exit 130' TERM
	echo $$ >"$STUB_BLOCK"
	while :; do
		sleep 1 & s=$!
		wait "$s" || true
	done
fi
exit "${STUB_EXIT:-0}"
EOF
chmod +x "$stub"
compare_stub=$work/stub-compare
cat >"$compare_stub" <<'EOF'
#!/usr/bin/env bash
echo "compare $*" >>"$STUB_LOG"
EOF
chmod +x "$compare_stub"

# knobs TREE ARGS...: bench/knobs.sh on TREE with the stubs; never without a tree
knobs() {
	local t=$1
	shift
	[ -n "$t" ] && [ -d "$t" ] || fail "knobs called without a fake tree"
	MB_KNOBS_ROOT=$t MAPBENCH=$stub MB_COMPARE=$compare_stub "$root/bench/knobs.sh" "$@"
}
export STUB_LOG=$work/stub.log
# rc_of COMMAND...: its exit status; its stderr in $work/err, its stdout dropped
rc_of() { local rc=0; "$@" >/dev/null 2>"$work/err" || rc=$?; echo "$rc"; }

# ---- usage ------------------------------------------------------------------

ta=$work/tree-a tb=$work/tree-b
make_tree "$ta" a
"$root/bench/knobs.sh" --help | grep -q -- '--only LIST' || fail "--help does not print the usage"
for bad in "--only readahead,swap" "--reads-size lots" "--writes-size 1Q" "--reps 0" "--results" "sideways" "--bogus"; do
	read -ra a <<<"$bad"
	rc=$(rc_of knobs "$ta" "${a[@]}")
	[ "$rc" = 2 ] && [ "$(wc -l <"$work/err")" = 1 ] || fail "'$bad': exit $rc, want 2 and one line: $(cat "$work/err")"
done
same_tree "$ta" "usage errors"
# The checks that run the script without a tree (MB_KNOBS_ROOT set but empty
# or "/": refused; unset, not root: exit 3) run as a user who cannot write
# the settings: as root, a copy of the script runs as nobody.
nobody=()
if [ "$(id -u)" -eq 0 ]; then
	command -v setpriv >/dev/null || { echo "SKIP: setpriv missing (util-linux)"; exit 77; }
	copy=$(mktemp -d); chmod 755 "$copy"; mkdir "$copy/bench"
	cp "$root/bench/knobs.sh" "$root/bench/lib.sh" "$copy/bench/"
	chmod -R a+rX "$copy"
	trap 'rm -rf "$copy"' EXIT
	nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	script=$copy/bench/knobs.sh
else
	script=$root/bench/knobs.sh
fi
# without_tree ROOT_SETTING ARGS...: ROOT_SETTING is "unset" or the value
without_tree() {
	local r=$1
	shift
	(
		cd /
		unset MB_RESULTS MB_DATASETS MB_KNOBS_ROOT
		[ "$r" = unset ] || export MB_KNOBS_ROOT=$r
		MAPBENCH=/bin/false exec "${nobody[@]}" "$script" "$@"
	)
}
for r in "" /; do
	rc=$(rc_of without_tree "$r" --only thp)
	[ "$rc" = 2 ] && [ "$(wc -l <"$work/err")" = 1 ] || fail "MB_KNOBS_ROOT='$r': exit $rc, want 2: $(cat "$work/err")"
done
rc=$(rc_of without_tree unset quick)
[ "$rc" = 3 ] && grep -q 'needs root' "$work/err" || fail "not root: exit $rc, want 3: $(cat "$work/err")"

# ---- a quick sweep ------------------------------------------------------------

: >"$STUB_LOG"
rm -rf "${MB_RESULTS:?}"/*
STUB_RA=$ta/sys/devices/pci0/block/sda/queue/read_ahead_kb knobs "$ta" --reps 1 quick >"$work/out" 2>"$work/err" ||
	fail "quick sweep: $(tail -n 3 "$work/err")"
same_tree "$ta" "after the sweep"
tops=("$MB_RESULTS"/knobs-*/)
[ ${#tops[@]} -eq 1 ] || fail "want one knobs-<run_id> folder, found ${#tops[@]}"
top=${tops[0]%/}
# cell FILE COLUMN: the column of the first row, counted from the end (the
# columns after the settings hold no quoted commas; a mount's options may)
cell() { awk -F, -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = NF - i } NR == 2 { print $(NF - k); exit }' "$1"; }
expect_rows() { # KNOB VALUE COLUMN=WANT...
	local d=$top/$1/$2 kv
	for f in results.csv env.txt command.txt; do
		[ -s "$d/$f" ] || fail "no $1/$2/$f"
	done
	shift 2
	for kv in "$@"; do
		[ "$(cell "$d/results.csv" "${kv%%=*}")" = "${kv#*=}" ] ||
			fail "$d: ${kv%%=*} is $(cell "$d/results.csv" "${kv%%=*}") in its run, want ${kv#*=}"
	done
}
orig_dirty=(dirty_bytes=0 dirty_background_bytes=0 dirty_ratio=20 dirty_background_ratio=10)
for v in 128 512 8192; do
	expect_rows readahead "$v" read_ahead_kb="$v" thp=madvise "${orig_dirty[@]}"
done
for v in always madvise never; do
	expect_rows thp "$v" thp="$v" read_ahead_kb=8192 "${orig_dirty[@]}"
done
expect_rows dirty ratio "${orig_dirty[@]}" read_ahead_kb=8192 thp=madvise
expect_rows dirty 16M-8M dirty_bytes=16777216 dirty_background_bytes=8388608 dirty_ratio=0 dirty_background_ratio=0
expect_rows dirty 1G-512M dirty_bytes=1073741824 dirty_background_bytes=536870912 dirty_ratio=0 dirty_background_ratio=0
grep -q '^# knob readahead = 512: read_ahead_kb of sda (8:1)$' "$top/readahead/512/env.txt" &&
	grep -q 'queue/read_ahead_kb: 512$' "$top/readahead/512/env.txt" || fail "env.txt does not name the knob's value"
grep -q '^# knob dirty = 16M-8M: .* reads 16777216 bytes/8388608 bytes$' "$top/dirty/16M-8M/command.txt" ||
	fail "command.txt does not name the knob's value"
grep -q -- '--cache cold' "$top/readahead/128/command.txt" || fail "command.txt lacks the mapbench commands"
! grep -q -- '--drop-caches' "$STUB_LOG" || fail "--drop-caches given with a fake tree (it is not under MB_KNOBS_ROOT)"
for want in "--method read,mmap --pattern seq --cache cold" "--method read,mmap --pattern rand --cache cold" \
	"--method mmap --pattern seq,rand --cache warm,warm-4k" \
	"--op write --method write,mmap --target rewrite --sync none,fsync,msync"; do
	grep -q -- "$want" "$STUB_LOG" || fail "no run with '$want'"
done
for want in "compare $top/readahead/128 $top/readahead/512 $top/readahead/8192 $top/readahead/compare" \
	"compare $top/thp/always $top/thp/madvise $top/thp/never $top/thp/compare" \
	"compare $top/dirty/ratio $top/dirty/16M-8M $top/dirty/1G-512M $top/dirty/compare" \
	"compare --by cache --ignore-folios $top/thp/always $top/thp/compare-cache-always" \
	"compare --by cache --ignore-folios $top/thp/never $top/thp/compare-cache-never"; do
	grep -qxF -- "$want" "$STUB_LOG" || fail "no '$want' in $(grep '^compare' "$STUB_LOG")"
done
grep -q 'read_ahead_kb of sda (8:1): 8192 -> 128' "$work/err" || fail "the change is not printed: $(head -n 5 "$work/err")"
for k in readahead thp dirty; do
	grep -q "restored $k" "$work/err" || fail "no restore line for $k"
done
# no bench/compare.sh: one line, still 0
rc=0
MB_KNOBS_ROOT=$ta MAPBENCH=$stub MB_COMPARE=$work/no-compare "$root/bench/knobs.sh" --only thp --reps 1 \
	>/dev/null 2>"$work/err" || rc=$?
[ "$rc" = 0 ] && [ "$(grep -c 'no comparison reports' "$work/err")" = 1 ] || fail "no compare.sh: exit $rc: $(cat "$work/err")"
same_tree "$ta" "without compare.sh"

# ---- failures and interruptions restore every knob exactly ----------------------

make_tree "$tb" b
export STUB_RA=/dev/null
# (one of them with every knob: the two swept before it stay as they were)
for case in "$ta readahead" "$ta thp" "$ta dirty:16M-8M" "$ta dirty:1G-512M all" "$tb readahead" "$tb thp:never" \
	"$tb dirty" "$tb dirty:16M-8M"; do
	read -r t at only <<<"$case"
	[ "${only:-}" = all ] && only=readahead,thp,dirty || only=${at%%:*}
	rc=0; MB_KNOBS_FAIL_AT=$at knobs "$t" --only "$only" --reps 1 >/dev/null 2>"$work/err" || rc=$?
	[ "$rc" = 1 ] || fail "MB_KNOBS_FAIL_AT=$at: exit $rc, want 1: $(tail -n 2 "$work/err")"
	grep -q "restored ${at%%:*}" "$work/err" || fail "MB_KNOBS_FAIL_AT=$at: no restore line: $(cat "$work/err")"
	same_tree "$t" "MB_KNOBS_FAIL_AT=$at (${t##*/})"
done
# the dirty sweep of a byte-based tree: the ratio value is the kernel's 20%/10%
rc=0; MB_KNOBS_FAIL_AT=dirty:16M-8M knobs "$tb" --only dirty --reps 1 >/dev/null 2>"$work/err" || rc=$?
grep -q 'dirty limits (foreground/background): 209715200 bytes/104857600 bytes -> 20%/10%' "$work/err" ||
	fail "byte-based tree: the ratio value is not 20%/10%: $(grep dirty "$work/err")"
# a failing run: its exit status is passed on, and the knobs come back
rc=0; STUB_EXIT=3 knobs "$tb" --reps 1 >/dev/null 2>"$work/err" || rc=$?
[ "$rc" = 3 ] || fail "a run exiting 3: knobs.sh exited $rc"
same_tree "$tb" "a failing run"
# a run with error rows: the sweep goes on, exit 1
rc=0; STUB_EXIT=1 knobs "$ta" --only thp --reps 1 >/dev/null 2>"$work/err" || rc=$?
[ "$rc" = 1 ] && [ "$(grep -c 'some rows are errors' "$work/err")" = 3 ] || fail "runs exiting 1: exit $rc: $(cat "$work/err")"
same_tree "$ta" "runs with error rows"

# interrupt KNOBS TREE SIGNAL TARGET: a sweep of one knob stopped while its
# first run hangs; TARGET group: the job's process group (Ctrl-C), script:
# its process alone
interrupt() {
	local only=$1 t=$2 sig=$3 target=$4 pid rc stub_pid
	rm -f "$work/block"
	STUB_BLOCK=$work/block MB_KNOBS_ROOT=$t MAPBENCH=$stub MB_COMPARE=$compare_stub \
		env --default-signal=INT setsid "$root/bench/knobs.sh" --only "$only" --reps 1 >/dev/null 2>"$work/err" &
	pid=$!
	for _ in $(seq 300); do
		[ -s "$work/block" ] && break
		sleep 0.1
	done
	[ -s "$work/block" ] || fail "$only: the run never started: $(cat "$work/err")"
	stub_pid=$(cat "$work/block")
	grep -q ' -> ' "$work/err" || fail "$only: the knob was not changed before the run"
	if [ "$target" = group ]; then kill "-$sig" -- "-$pid"; else kill "-$sig" "$pid"; fi
	for _ in $(seq 300); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		kill -KILL -- "-$pid"
		fail "$only, SIG$sig to the $target: still running 30 s later: $(tail -n 3 "$work/err")"
	fi
	rc=0; wait "$pid" || rc=$?
	[ "$rc" = 130 ] || fail "$only, SIG$sig to the $target: exit $rc, want 130: $(tail -n 3 "$work/err")"
	! kill -0 "$stub_pid" 2>/dev/null || fail "$only, SIG$sig: the run in flight was left running"
	grep -q "restored $only" "$work/err" || fail "$only, SIG$sig: no restore line"
	same_tree "$t" "$only, SIG$sig to the $target"
}
interrupt readahead "$ta" INT group
interrupt thp "$ta" TERM script
interrupt dirty "$tb" INT group
interrupt dirty "$ta" TERM script
interrupt thp "$tb" INT script

# ---- paths that leave the tree; knobs the machine lacks ---------------------------

tc=$work/tree-c
make_tree "$tc" a
mkdir -p "$work/outside/queue" && echo 77 >"$work/outside/queue/read_ahead_kb"
rm "$tc/sys/dev/block/8:1" && ln -s "$work/outside/sda1" "$tc/sys/dev/block/8:1"
mkdir -p "$work/outside/sda1"
rm -rf "$tc.orig"; cp -a "$tc" "$tc.orig"
rc=0; knobs "$tc" --only readahead --reps 1 >/dev/null 2>"$work/err" || rc=$?
[ "$rc" = 2 ] && grep -q 'outside MB_KNOBS_ROOT' "$work/err" || fail "a link out of the tree: exit $rc: $(cat "$work/err")"
[ "$(cat "$work/outside/queue/read_ahead_kb")" = 77 ] || fail "a file outside the tree was written"
same_tree "$tc" "a link out of the tree"
td=$work/tree-none
make_tree "$td" none
rc=0; knobs "$td" --reps 1 >/dev/null 2>"$work/err" || rc=$?
[ "$rc" = 0 ] || fail "tree without THP and readahead: exit $rc: $(cat "$work/err")"
grep -q 'readahead: skipped: no read_ahead_kb' "$work/err" && grep -q 'thp: skipped' "$work/err" ||
	fail "no skip lines: $(cat "$work/err")"
rc=0; knobs "$td" --only readahead,thp --reps 1 >/dev/null 2>"$work/err" || rc=$?
[ "$rc" = 4 ] || fail "nothing to sweep: exit $rc, want 4"
same_tree "$td" "skipped knobs"

# ---- the real mapbench, tiny sizes --------------------------------------------------

tr=$work/tree-r
make_tree "$tr" r
rm -rf "${MB_RESULTS:?}"/*
rc=0
MB_KNOBS_ROOT=$tr MAPBENCH=$real_mb MB_COMPARE=$work/no-compare "$root/bench/knobs.sh" --reads-size 1M \
	--writes-size 1M --reps 1 quick >/dev/null 2>"$work/err" || rc=$?
[ "$rc" = 0 ] || fail "real mapbench: exit $rc: $(tail -n 5 "$work/err")"
same_tree "$tr" "real mapbench"
n=0
for csv in "$MB_RESULTS"/knobs-*/*/*/results.csv; do
	n=$((n + 1))
	! tail -n +2 "$csv" | grep -q ',error,' || fail "$csv has error rows"
	"$real_mb" summarize "$csv" >/dev/null || fail "$csv does not summarize"
	for c in dirty_bytes dirty_background_bytes dirty_ratio dirty_background_ratio; do
		v=$(cell "$csv" "$c")
		[[ $v =~ ^[0-9]+$ ]] || fail "$csv: $c is '$v'"
	done
done
[ "$n" = 9 ] || fail "want 9 results folders (3 knobs x 3 values), found $n"
echo "ok"
