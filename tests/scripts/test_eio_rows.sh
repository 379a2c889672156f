#!/usr/bin/env bash
# tests/scripts/test_eio_rows.sh: an I/O error (EIO) while mapbench reads the
# measured file gives error rows naming the cause, and the run goes on to the
# next configuration. tests/faults/eiofs (FUSE) serves a 4 MiB dataset twice:
# `bad`, whose 64 KiB at 2 MiB fail with EIO once each page was read once
# (the checksum pass of --file reads the file whole first), and `good`.
#  - a cold seq run of pread, mmap and read over `bad` exits 1, not by a
#    signal, and every row is an error: pread and read name the call, the
#    offset and "Input/output error", mmap the SIGBUS of its failed page-in;
#  - the same run over `good` gives ok rows with the dataset's checksum;
#  - a new run over `bad`, whose checksum pass now meets the error, is
#    refused before measuring with a line naming it, and writes no rows.
# Needs root (to mount FUSE) and eiofs (built when fuse3 is found); else
# exits 77 saying why. Always unmounts.
# Usage: test_eio_rows.sh MAPBENCH_BINARY SCRATCH_DIR EIOFS_BINARY
set -euo pipefail
MB=$1
work=$2/eio
eiofs=${3:-}
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "skip: needs root to mount FUSE"; exit 77; }
[ -n "$eiofs" ] && [ -x "$eiofs" ] || { echo "skip: eiofs not built (pkg-config found no fuse3: libfuse3-dev)"; exit 77; }
[ -e /dev/fuse ] && grep -qw fuse /proc/filesystems || { echo "skip: no FUSE in this kernel"; exit 77; }
command -v fusermount3 >/dev/null || { echo "skip: fusermount3 (fuse3) is missing"; exit 77; }

mnt=$work/mnt
cleanup() {
	if mountpoint -q "$mnt" 2>/dev/null; then
		fusermount3 -u "$mnt" 2>/dev/null || umount -l "$mnt"
	fi
	rm -rf "$work"
}
trap cleanup EXIT
cleanup
mkdir -p "$mnt"

"$MB" dataset make --size 4M --dir "$work/ds" >/dev/null || fail "dataset make"
# the dataset's file and checksum, from its manifest
read -r name want_sum < <(python3 -c "import csv,sys; r=next(csv.DictReader(open(sys.argv[1]))); print(r['name'], r['checksum'])" "$work/ds/manifest.csv")
backing=$work/ds/$name
[ -f "$backing" ] || fail "no dataset file $backing"
bad_off=$((2 << 20))
"$eiofs" --bad-offset $bad_off --bad-length $((64 << 10)) --good-reads 1 "$backing" "$mnt" ||
	fail "eiofs did not mount"
mountpoint -q "$mnt" || fail "eiofs returned but $mnt is not a mount point"
cmp -s "$backing" "$mnt/good" || fail "eiofs serves other bytes than $backing"

run=(--method pread,mmap,read --pattern seq --cache cold --block 64K --reps 2 --warmup 0 --quiet)
rc=0
timeout 60 "$MB" run --file "$mnt/bad" "${run[@]}" --out "$work/bad.csv" 2>"$work/bad.err" || rc=$?
[ $rc -ne 124 ] || fail "the run over the failing file hung (killed after 60 s)"
[ $rc -lt 128 ] || fail "the run over the failing file died of signal $((rc - 128))"
[ $rc -eq 1 ] || { cat "$work/bad.err" >&2; fail "the run over the failing file exited $rc, not 1"; }

# every row an error naming the cause; each method's rows are there
python3 - "$work/bad.csv" "$mnt/bad" $bad_off <<'PY' || fail "rows of the failing file (above)"
import csv, re, sys
path, file, bad = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = list(csv.DictReader(open(path)))
want = {
    # the first failing block: the bad range starts on a block boundary
    "pread": re.escape(f"pread({file}) at offset {bad}: Input/output error"),
    "read": re.escape(f"read({file}) at offset {bad}: Input/output error"),
    "mmap": re.escape(f"SIGBUS at offset ") + r"(\d+)" +
            re.escape(f" of the mapping of {file} (the file was truncated, its filesystem "
                      "is full, or an I/O error)"),
}
bad_rows = 0
for r in rows:
    m = r["method"]
    if r["status"] != "error" or not re.fullmatch(want.get(m, "(?!)"), r["error"]):
        print(f"{m} rep {r['rep']}: status {r['status']}, error {r['error']!r}", file=sys.stderr)
        bad_rows += 1
    elif m == "mmap": # the page-in that failed lies in the bad range
        off = int(re.fullmatch(want[m], r["error"]).group(1))
        if not bad <= off < bad + 65536:
            print(f"mmap rep {r['rep']}: SIGBUS at {off}, outside the bad range", file=sys.stderr)
            bad_rows += 1
seen = {r["method"] for r in rows}
if seen != set(want):
    print(f"methods with rows: {sorted(seen)}, want {sorted(want)}", file=sys.stderr)
    sys.exit(1)
sys.exit(1 if bad_rows else 0)
PY

# the good file, same mount: ok rows with the dataset's checksum
rc=0
timeout 60 "$MB" run --file "$mnt/good" "${run[@]}" --out "$work/good.csv" 2>"$work/good.err" || rc=$?
[ $rc -eq 0 ] || { cat "$work/good.err" >&2; fail "the run over the good file exited $rc"; }
python3 - "$work/good.csv" "$want_sum" <<'PY' || fail "rows of the good file (above)"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
want = sys.argv[2]
ok = len(rows) == 6 and all(r["status"] == "ok" and r["checksum"] == r["expected_checksum"] and
                            r["checksum"] == want for r in rows)
if not ok:
    for r in rows:
        print(r["method"], r["status"], r["checksum"], r["expected_checksum"], r["error"], file=sys.stderr)
sys.exit(0 if ok else 1)
PY
# bad's pages were all read once now: the checksum pass of a new run meets
# the error, and the run is refused before measuring, naming the cause
rc=0
timeout 60 "$MB" run --file "$mnt/bad" "${run[@]}" --out "$work/again.csv" 2>"$work/again.err" || rc=$?
[ $rc -ne 0 ] && [ $rc -lt 124 ] || fail "a run over a file unreadable from the start exited $rc"
grep -qF "read($mnt/bad): Input/output error" "$work/again.err" ||
	{ cat "$work/again.err" >&2; fail "the refusal does not name the I/O error"; }
[ ! -e "$work/again.csv" ] || fail "a refused run wrote $work/again.csv"

echo "ok: EIO gives error rows naming the cause (pread, read, mmap); the next file and configuration run"
