#!/usr/bin/env bash
# tests/scripts/test_crosscheck_tabulate.sh: the table and findings step of
# bench/crosscheck-fio.sh, without fio: `--tabulate` on the committed run
# folder tests/fixtures/crosscheck-run (mapbench's and fio's rows of the six
# configurations and five pairs, 5 runs each, with figures chosen so that
# every kind of finding appears: fio's per-I/O cost, its buffers, mapbench's
# checksum with and without the estimate from the mmap pair, not the
# checksum, noise, a pair whose fio runs all failed, cold readahead, fio's
# random map, mmap read-around, O_DIRECT, system time, and memory handed
# back to the host), and the committed run folder
# tests/fixtures/crosscheck-write-run (the write pairs: pwrite ~ fio psync and
# mmap stores ~ fio mmap at sync=none, fsync and msync, warm seq 128K and rand
# 4K of 256M, 5 runs each, with write-back during the run, the fsync's share,
# fio's per-I/O cost, noise, and fio runs that all failed). Checks that
#   - the output is the run's own crosscheck.txt (the table, every finding
#     and its cause word for word) but for its last line, which says where the
#     table was made again from;
#   - --tabulate writes nothing into the run folder;
#   - a folder without results.csv is a usage error (exit 2, one line).
# MAPBENCH_GOLDEN_WRITE=1 rewrites the fixtures' crosscheck.txt (their last line
# kept) from this mapbench: review the diff, then commit it.
#
#   tests/scripts/test_crosscheck_tabulate.sh MAPBENCH_BINARY [SCRATCH_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
script=$root/bench/crosscheck-fio.sh
export MAPBENCH=${1:?usage: $0 MAPBENCH_BINARY [SCRATCH_DIR]}
if [ -n "${2:-}" ]; then scratch=$2; else scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT; fi
work=$scratch/crosscheck-tabulate
rm -rf "$work"; mkdir -p "$work"

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# check_run FIXTURE: --tabulate FIXTURE gives its crosscheck.txt but for the
# last line, writes nothing there, and holds each "what|text" line of stdin.
check_run() {
	local fixture=$1 before after what text
	before=$(cd "$fixture" && ls -la --time-style=+%s.%N && md5sum ./*)
	if ! "$script" --tabulate "$fixture" >"$work/table.txt" 2>"$work/table.err"; then
		fail "--tabulate $fixture exited non-zero: $(tail -n 3 "$work/table.err")"
	fi
	if [ "${MAPBENCH_GOLDEN_WRITE:-}" = 1 ]; then
		{ sed '$d' "$work/table.txt"; tail -n 1 "$fixture/crosscheck.txt"; } >"$work/golden.txt"
		cp "$work/golden.txt" "$fixture/crosscheck.txt"
		echo "wrote $fixture/crosscheck.txt: review and commit it, unset MAPBENCH_GOLDEN_WRITE" >&2
		return
	fi
	after=$(cd "$fixture" && ls -la --time-style=+%s.%N && md5sum ./*)
	[ "$before" = "$after" ] || fail "--tabulate changed the run folder $fixture"

	# word for word, but for the last line
	if ! diff <(sed '$d' "$fixture/crosscheck.txt") <(sed '$d' "$work/table.txt") >"$work/diff.txt"; then
		fail "$fixture: the table or its findings differ from the run's crosscheck.txt (< run, > --tabulate):"
		head -n 40 "$work/diff.txt" >&2
	fi
	tail -n 1 "$work/table.txt" | grep -q "^made again from $fixture/results.csv by --tabulate" ||
		fail "last line: $(tail -n 1 "$work/table.txt")"
	# what the findings must hold, named, so that a failure says which
	while IFS='|' read -r what text; do
		grep -qF -- "$text" "$work/table.txt" || fail "$(basename "$fixture"): no $what: '$text'"
	done
}

check_run "$root/tests/fixtures/crosscheck-run" <<'WANT'
header with fio's version from env.txt|mapbench vs fio: medians of 5 interleaved runs each (fio-3.33, crosscheck-run)
fio's page alignment from command.txt|fio: --fadvise_hint=0 --iomem_align=4096 --randrepeat=1;
pair paired across tool_version|warm seq 4K 1G     pread / fio psync               4000     3002.9
per-I/O cost finding|- warm seq 4K 1G, pread / fio psync: mapbench / fio = 1.332 (95% CI 1.31-1.36, p 0.008): fio's per-I/O overhead
io_uring's split steps|and at iodepth 1 its io_uring engine submits and reaps each I/O in separate steps, which weighs more than a 4K copy
checksum with the mmap pair's estimate|- warm seq 128K 1G, read / fio sync: mapbench / fio = 0.792
checksum's cost from the mmap pair|the checksum's cost estimated from the mmap pair of this configuration
not the checksum|not mapbench's checksum: it used no more user CPU than fio (80 ms a run against 90 ms)
noise|p 0.141~): not significant (noise: see the CI); fio's per-I/O overhead or its buffers
failed fio runs|- warm rand 4K 1G, read / fio sync: no ratio: one side has no ok row
page reporting per run|fio 995 (0), 1005 (210), 1000 (0), 990 (210), 1010 (0); runs that handed back over 64 MiB: mapbench none, fio 2 of 5
system time|one side spent several times the system time for the same bytes
fio's random map|- cold rand 4K 64M, pread / fio psync: mapbench / fio = 0.7 (95% CI 0.69-0.71, p 0.008): fio's random map
mmap read-around|mmap read-around: each fault reads up to read_ahead_kb=8192 KiB around it
O_DIRECT|(O_DIRECT on both sides: same block size, page-aligned buffers)
total handed back|free page reporting: 432 MiB of freed memory went back to the host during the runs
WANT
# the read-only run has no write note
grep -q '^writes (sync=' "$work/table.txt" && fail "crosscheck-run: a write note without write pairs"

check_run "$root/tests/fixtures/crosscheck-write-run" <<'WANT'
write configuration with its sync mode|warm seq 128K 256M sync=none  pwrite / fio psync              1500       2000          -          -   0.75
mmap stores pair|warm seq 128K 256M sync=msync mmap stores / fio mmap           300        360
rand writes with ops/s|warm rand 4K 256M sync=none   pwrite / fio psync               900        700     230400     179200  1.286
write-back during the run|dirty-page write-back during the run: the kernel's flusher wrote back dirty pages
bytes cleaned during the run|the bytes written less the pages left dirty (nr_dirty, system-wide), a run: mapbench 156 MiB, fio 0 MiB
the copy's source|the copy's source: mapbench writes the dataset's bytes from a file-sized copy in memory
the fsync's share|mapbench's fsync took 500 ms of its 640 ms a run (78%), so the ratio mostly compares two write-backs
fio's end_fsync|fio's --end_fsync=1 (fsync(2), as mapbench's fsync) is inside its runtime too
fio's mmap engine msync|(on its mmap engine an msync(MS_SYNC) of the whole mapping, the call mapbench's msync makes)
fio's per-I/O cost on writes|which weighs more than a 4K copy into the page cache; fio writes its own bytes
failed fio write runs|- warm rand 4K 256M sync=fsync, pwrite / fio psync: no ratio: one side has no ok row
the write note|writes (sync=...): mapbench run --op write --target rewrite writes the dataset's bytes from memory
WANT
[ "${MAPBENCH_GOLDEN_WRITE:-}" != 1 ] || exit 1

# a folder that is no run: one line, exit 2
rc=0
"$script" --tabulate "$work" >/dev/null 2>"$work/bad.err" || rc=$?
[ "$rc" = 2 ] || fail "--tabulate on a folder without results.csv exited $rc, want 2"
[ "$(wc -l <"$work/bad.err")" = 1 ] || fail "--tabulate on a folder without results.csv: $(cat "$work/bad.err")"

if [ "$failures" -gt 0 ]; then
	echo "test_crosscheck_tabulate: $failures failure(s)" >&2
	exit 1
fi
echo "ok: crosscheck-fio --tabulate gives the run's table and findings word for word, writes nothing"
