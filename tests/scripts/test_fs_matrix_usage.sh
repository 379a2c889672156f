#!/usr/bin/env bash
# tests/scripts/test_fs_matrix_usage.sh: bench/fs-matrix.sh's command line:
# --help prints the header, every bad option is refused with exit 2 and one
# line on stderr that names it (nothing made), and without root it says that
# it needs root and exits 3 (run as nobody through setpriv when the test runs
# as root; that part is skipped when setpriv is missing).
# Usage: test_fs_matrix_usage.sh MAPBENCH_BINARY SCRATCH_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
script=$root/bench/fs-matrix.sh
export MAPBENCH=$1
work=$2/fs-matrix-usage
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work"; mkdir -p "$work/results"
export MB_RESULTS=$work/results

"$script" --help >"$work/help" 2>&1 || fail "--help exited $?"
grep -q -- '--mkfs-opts FS=OPTS' "$work/help" || fail "--help does not list --mkfs-opts"
grep -q 'MB_FS_MATRIX_FAIL_AFTER' "$work/help" || fail "--help does not name the test hook"

# refused ARGS... NEEDLE: exit 2, one line naming NEEDLE, nothing on stdout
refused() {
	local needle=${*: -1} rc=0
	"$script" "${@:1:$#-1}" >"$work/out" 2>"$work/err" || rc=$?
	[ "$rc" -eq 2 ] || fail "fs-matrix.sh ${*:1:$#-1}: exit $rc, want 2: $(cat "$work/err")"
	[ "$(wc -l <"$work/err")" -eq 1 ] || fail "fs-matrix.sh ${*:1:$#-1}: want one line, got: $(cat "$work/err")"
	grep -qF -- "$needle" "$work/err" || fail "fs-matrix.sh ${*:1:$#-1}: the error does not name '$needle': $(cat "$work/err")"
	[ ! -s "$work/out" ] || fail "fs-matrix.sh ${*:1:$#-1}: wrote to stdout: $(cat "$work/out")"
}
refused --fs ext5 "ext5"
refused --fs ext4,xfs,ext4 "'ext4' is given twice"
refused --fs "" "--fs"
refused --size-gb 0 "--size-gb '0'"
refused --size-gb 1.5 "--size-gb '1.5'"
refused --size-gb "--size-gb"
refused --mkfs-opts "xfs -f" "want FS=OPTIONS"
refused --mkfs-opts "zfs=-q" "unknown filesystem 'zfs'"
refused --mkfs-opts "tmpfs=-q" "tmpfs has no mkfs"
refused --mkfs-opts "ext4=-q $(printf 'x%.0s' {1..300})" "longer than 255 bytes"
refused --mount-opts "noatime" "want FS=OPTIONS"
refused --scratch "$work/missing" "--scratch '$work/missing'"
refused --frobnicate "'--frobnicate'"
refused medium "'medium'"
refused custom "custom needs"
[ -z "$(ls -A "$work/results")" ] || fail "a refused run made $(ls "$work/results")"

# not root: exit 3, naming root, losetup and mount, before anything is made
as_user=()
if [ "$(id -u)" -eq 0 ]; then
	if ! command -v setpriv >/dev/null; then
		echo "ok: usage checked (no setpriv: the non-root exit is not)"
		exit 0
	fi
	as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	"${as_user[@]}" test -r "$script" || { echo "ok: usage checked (nobody cannot read $script)"; exit 0; }
	chmod 777 "$work/results"
fi
rc=0
"${as_user[@]}" "$script" --fs tmpfs --scratch "$work" --results "$work/results" >"$work/out" 2>"$work/err" || rc=$?
[ "$rc" -eq 3 ] || fail "not root: exit $rc, want 3: $(cat "$work/err")"
[ "$(wc -l <"$work/err")" -eq 1 ] || fail "not root: want one line, got: $(cat "$work/err")"
grep -q 'needs root.*losetup.*mount' "$work/err" || fail "not root: the line does not say what needs root: $(cat "$work/err")"
[ -z "$(ls -A "$work/results")" ] || fail "a run without root made $(ls "$work/results")"
echo "ok: usage errors and the non-root exit"
