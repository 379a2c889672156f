#!/usr/bin/env bash
# tests/scripts/test_survive_failures.sh: what survives a failure
# (docs/methodology.md, "What survives a failure"):
#  1. a run interrupted while it waits for the dataset lock never removes a
#     results file another run appended to meanwhile;
#  2. a full disk (a 2 MiB tmpfs, as root) leaves whole rows only, says
#     "disk full" naming the file (--out, --lat-out), later appends work;
#  3. INT, HUP, TERM, PIPE end a run with 128+N and whole rows; HUP to
#     `dataset make` leaves no temp file; stale temp files of dead processes
#     are removed, those of live ones kept;
#  4. a dataset missing from its manifest is listed again when it is the
#     generator's, refused with the exact fix when not;
#  5. a read-only dataset folder (a read-only tmpfs, as root) is measured;
#  6. the measured file truncated, replaced or deleted mid-run gives error
#     rows naming the cause, never a crash.
# Parts 2 and 5 need root (they mount a tmpfs); elsewhere they are skipped
# with a line saying so.
# Usage: test_survive_failures.sh MAPBENCH_BINARY SCRATCH_DIR
set -euo pipefail
MB=$1
work=$2/survive
. "$(dirname "$0")/rows_lib.sh"
mkdir -p "$work/d"
command -v flock >/dev/null || fail "flock (util-linux) is missing"

nrows() { python3 -c "import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1]))))" "$1"; }
quick=(--quiet --method read,mmap --pattern seq --cache warm --size 64K --block 4K --warmup 0)

"$MB" dataset make --size 64K --dir "$work/ds" >/dev/null || fail "dataset make"

# 1. lost rows: run A waits for the dataset lock, B appends, A is interrupted
touch "$work/d/.mapbench.lock"
flock "$work/d/.mapbench.lock" sleep 5 &
holder=$!
sleep 0.3
"$MB" run --quiet --size 64K --dir "$work/d" --out "$work/x.csv" 2>"$work/a.err" &
a=$!
for _ in $(seq 50); do [ -s "$work/x.csv" ] && break; sleep 0.1; done
"$MB" run "${quick[@]}" --reps 3 --dir "$work/ds" --out "$work/x.csv" || fail "second run failed"
kill -INT $a; rc=0; wait $a || rc=$?
kill $holder 2>/dev/null; wait $holder 2>/dev/null || true
[ $rc -eq 130 ] || fail "interrupted run: exit $rc, want 130 ($(cat "$work/a.err"))"
[ -f "$work/x.csv" ] || fail "an interrupted run removed a results file another run had written to"
[ "$(nrows "$work/x.csv")" -eq 6 ] || fail "rows lost from the shared results file"
whole "$work/x.csv"
# the file a failing run created and nobody else wrote to is removed
"$MB" run --quiet --size 64K --dir "$work/x.csv" --out "$work/gone.csv" 2>/dev/null && fail "--dir on a file ran"
[ ! -e "$work/gone.csv" ] || fail "a failed run left the header-only file it created"

# 2. full disk
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=2m tmpfs "$mnt" 2>/dev/null; then
	head -c $((2048 * 1024 - 8192)) /dev/zero >"$mnt/fill" 2>/dev/null || true
	rc=0
	"$MB" run --quiet --method read,mmap,pread --size 64K --block 4K --reps 5 --dir "$work/ds" \
		--out "$mnt/o.csv" 2>"$work/full.err" || rc=$?
	[ $rc -eq 1 ] || fail "full disk: exit $rc, want 1"
	grep -q "disk full" "$work/full.err" || fail "full disk: no 'disk full' in: $(cat "$work/full.err")"
	grep -q "o.csv" "$work/full.err" || fail "full disk: the message does not name o.csv"
	[ ! -e "$mnt/o.csv" ] || whole "$mnt/o.csv"
	before=$( [ -e "$mnt/o.csv" ] && nrows "$mnt/o.csv" || echo 0)
	rm "$mnt/fill"
	"$MB" run "${quick[@]}" --reps 2 --dir "$work/ds" --out "$mnt/o.csv" || fail "append after freeing space"
	[ "$(nrows "$mnt/o.csv")" -eq $((before + 4)) ] || fail "append after a full disk: rows missing"
	"$MB" summarize "$mnt/o.csv" >/dev/null || fail "summarize after a full disk"
	# the latency file's message names the latency file
	head -c $((2048 * 1024 - 8192)) /dev/zero >"$mnt/fill2" 2>/dev/null || true
	rc=0
	"$MB" run --quiet --method read --pattern rand --size 64K --block 4K --reps 3 --lat-reps 30 \
		--dir "$work/ds" --out "$work/l.csv" --lat-out "$mnt/lat.csv" 2>"$work/lat.err" || rc=$?
	if [ $rc -ne 0 ]; then
		grep -q -- "--lat-out .*lat.csv: disk full" "$work/lat.err" ||
			fail "--lat-out on a full disk: $(cat "$work/lat.err")"
		[ ! -e "$mnt/lat.csv" ] || whole "$mnt/lat.csv"
	fi
	umount "$mnt"
else
	echo "skipped: full disk (needs root to mount a tmpfs)"
fi

# 3. signals: 128+N and whole rows
for sig in INT HUP TERM PIPE; do
	out=$work/sig-$sig.csv
	"$MB" run "${quick[@]}" --reps 1000000 --dir "$work/ds" --out "$out" 2>/dev/null &
	p=$!
	for _ in $(seq 100); do [ -f "$out" ] && [ "$(wc -l <"$out")" -ge 3 ] && break; sleep 0.05; done
	kill -"$sig" $p; rc=0; wait $p || rc=$?
	want=$((128 + $(kill -l "$sig")))
	[ $rc -eq $want ] || fail "SIG$sig: exit $rc, want $want"
	whole "$out"
done
# large enough that the signal lands while a file is being made, also in
# the fast Release build (a few 24M files were made before the first look)
"$MB" dataset make --size 512M,513M,514M --dir "$work/h" >/dev/null 2>&1 &
p=$!
for _ in $(seq 400); do ls "$work/h"/.*.tmp >/dev/null 2>&1 && break; sleep 0.005; done
kill -HUP $p || fail "dataset make ended before SIGHUP could reach it"
rc=0; wait $p || rc=$?
[ $rc -eq 129 ] || fail "dataset make after SIGHUP: exit $rc, want 129"
left=$(find "$work/h" -name '*.tmp' | head -n 1)
[ -z "$left" ] || fail "SIGHUP left $left"
sleep 0 & dead=$!; wait $dead
touch "$work/h/.mb-1M-s1.dat.$dead.tmp" "$work/h/.mb-2M-s1.dat.$$.tmp"
"$MB" dataset make --size 64K --dir "$work/h" >/dev/null 2>"$work/stale.err" || fail "dataset make"
[ ! -e "$work/h/.mb-1M-s1.dat.$dead.tmp" ] || fail "a dead process's temp file was kept"
grep -q "no longer runs" "$work/stale.err" || fail "removing a stale temp file was not said"
[ -e "$work/h/.mb-2M-s1.dat.$$.tmp" ] || fail "a live process's temp file was removed"
rm "$work/h/.mb-2M-s1.dat.$$.tmp"

# 4. a dataset missing from its manifest
head -n 1 "$work/ds/manifest.csv" >"$work/m" && mv "$work/m" "$work/ds/manifest.csv"
"$MB" run "${quick[@]}" --reps 1 --dir "$work/ds" --out "$work/r.csv" 2>"$work/relist.err" ||
	fail "run with an unlisted dataset: $(cat "$work/relist.err")"
grep -q "listed again" "$work/relist.err" || fail "the repair was not said"
grep -q "mb-64K-s1.dat" "$work/ds/manifest.csv" || fail "the dataset was not listed again"
"$MB" dataset verify --dir "$work/ds" >/dev/null || fail "verify after the repair"
head -c 65536 /dev/urandom >"$work/h/mb-64K-s7.dat"
rc=0
"$MB" dataset make --size 64K --seed 7 --dir "$work/h" >/dev/null 2>"$work/refuse.err" || rc=$?
[ $rc -eq 2 ] || fail "a foreign file: exit $rc, want 2"
grep -q "mv .*mb-64K-s7.dat" "$work/refuse.err" || fail "the refusal gives no fix: $(cat "$work/refuse.err")"

# 5. a read-only dataset folder
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=4m tmpfs "$mnt" 2>/dev/null; then
	"$MB" dataset make --size 64K --dir "$mnt" >/dev/null || fail "dataset make on tmpfs"
	mount -o remount,ro "$mnt" || fail "remount read-only"
	"$MB" run "${quick[@]}" --reps 1 --dir "$mnt" --out "$work/ro.csv" 2>"$work/ro.err" ||
		fail "run on a read-only folder: $(cat "$work/ro.err")"
	rc=0
	"$MB" run "${quick[@]}" --size 128K --reps 1 --dir "$mnt" --out "$work/ro2.csv" 2>"$work/ro2.err" || rc=$?
	[ $rc -eq 3 ] && grep -q "read-only" "$work/ro2.err" ||
		fail "a missing dataset on a read-only folder: exit $rc, $(cat "$work/ro2.err")"
	umount "$mnt"
else
	echo "skipped: read-only folder (needs root to mount a tmpfs)"
fi

# 6. the measured file changed mid-run
for how in truncated replaced deleted; do
	f=$work/T-$how.dat out=$work/T-$how.csv
	head -c 16M /dev/urandom >"$f"
	"$MB" run --quiet --method pread,mmap --cache warm --block 4K --reps 1000000 --file "$f" \
		--out "$out" 2>/dev/null &
	p=$!
	for _ in $(seq 200); do [ -f "$out" ] && [ "$(wc -l <"$out")" -ge 3 ] && break; sleep 0.05; done
	case $how in
	truncated) truncate -s 1M "$f" ;;
	replaced) cp "$f" "$f.new" && mv "$f.new" "$f" ;;
	deleted) rm "$f" ;;
	esac
	rc=0; wait $p || rc=$?
	[ $rc -eq 1 ] || fail "file $how mid-run: exit $rc, want 1"
	whole "$out"
	grep -q "was $how" "$out" || fail "file $how mid-run: no error row naming the cause"
done
echo "ok"
