# tests/scripts/rows_lib.sh: shared by the failure tests (sourced, not run):
# fail, a tmpfs mount point $mnt under $work unmounted on exit, and whole
# (a results file holds complete rows only). Set MB and work first.
fail() { echo "FAIL: $*" >&2; exit 1; }
mnt=$work/mnt
cleanup() { mountpoint -q "$mnt" 2>/dev/null && umount "$mnt"; return 0; }
trap cleanup EXIT
cleanup
rm -rf "$work"
mkdir -p "$mnt"

# whole FILE: every line has the header's field count and the file ends in a newline
whole() {
	python3 - "$1" <<'PY' || fail "$1 holds a partial row"
import csv, sys
data = open(sys.argv[1], newline='').read()
if not data: sys.exit(0) # a run killed between creating the file and its header
if data and not data.endswith("\n"): sys.exit(1)
rows = list(csv.reader(data.splitlines()))
sys.exit(0 if rows and all(len(r) == len(rows[0]) for r in rows) else 1)
PY
}
