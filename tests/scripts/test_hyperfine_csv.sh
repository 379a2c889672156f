#!/usr/bin/env bash
# tests/scripts/test_hyperfine_csv.sh: bench/hyperfine-to-csv.sh on the
# committed hyperfine export tests/fixtures/hyperfine-sample.json (a real
# bench/hyperfine.sh run: read, pread, mmap x 1M, 16M x warm, cold x 3 runs).
# Checks, reading the CSV by column name (a jq RFC 4180 reader here, libcsv in
# mapbench summarize):
#   - the header is exactly mapbench's results header (`mapbench run` output);
#   - one row per timed run: as many rows as results[].times elements, each
#     run's method, size, cache and rep in their columns, total_ns its time;
#   - mib_per_s = file_size_bytes / MiB / time for every row;
#   - file, expected_checksum, checksum from the datasets' manifest;
#   - `mapbench summarize` accepts the file and finds one group per hyperfine
#     result, n = its runs, median MiB/s = the median computed from the JSON;
#   - malformed input (no size parameter, not JSON) fails.
#
#   tests/scripts/test_hyperfine_csv.sh MAPBENCH_BINARY [SCRATCH_DIR]
#
# Works in SCRATCH_DIR/hyperfine-csv (default: a new folder in $TMPDIR, removed
# at the end). Exit 0 pass, 1 fail, 77 skipped (no jq).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
mb=${1:-${MAPBENCH:-}}
fixture=$root/tests/fixtures/hyperfine-sample.json
conv=$root/bench/hyperfine-to-csv.sh
fails=0

fail() { printf 'FAIL: %s\n' "$*" >&2; fails=$((fails + 1)); }
ok() { printf 'ok: %s\n' "$*"; }

[ -n "$mb" ] && [ -x "$mb" ] || { echo "usage: $0 MAPBENCH_BINARY [SCRATCH_DIR]" >&2; exit 1; }
command -v jq >/dev/null || { echo "SKIP: jq is not installed (Debian: jq)"; exit 77; }
if [ -n "${2:-}" ]; then
	tmp=$2/hyperfine-csv
	rm -rf "$tmp" && mkdir -p "$tmp"
else
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/mb-hf-csv.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
fi

# A CSV file as a JSON array of objects keyed by its header (one record per
# line: mapbench rows hold no line breaks).
csv_json() {
	jq -R -s '
	def record: [("," + .) | scan(",(\"(?:[^\"]|\"\")*\"|[^,]*)") | .[0]
		| if startswith("\"") then .[1:-1] | gsub("\"\""; "\"") else . end];
	split("\n") | map(select(length > 0) | record) | .[0] as $h
	| .[1:] | map(if length != ($h | length)
		then error("a row of \(length) fields, header has \($h | length)") else . end
		| [$h, .] | transpose | map({key: .[0], value: .[1]}) | from_entries)' "$1"
}

# Datasets of the sample's sizes, for the manifest columns.
ds=$tmp/datasets
"$mb" dataset make --size 1M,16M --dir "$ds" >/dev/null
"$conv" --mapbench "$mb" --run-id sample --datasets "$ds" --verified --timestamp 2026-01-01T00:00:00Z \
	"$fixture" >"$tmp/results.csv"
csv_json "$tmp/results.csv" >"$tmp/rows.json"

# 1. the header is mapbench's own
want_header=$("$mb" run --file "$fixture" --method pread --pattern seq --cache warm --block 1K --reps 1 \
	--warmup 0 --quiet)
want_header=${want_header%%$'\n'*}
got_header=$(head -n 1 "$tmp/results.csv")
[ "$got_header" = "$want_header" ] && ok "header is mapbench's results header" ||
	fail "header differs from mapbench run's:\n got: $got_header\nwant: $want_header"

# 2. one row per run, each in its columns
runs=$(jq '[.results[].times[]] | length' "$fixture")
rows=$(jq length "$tmp/rows.json")
[ "$runs" -gt 0 ] && [ "$rows" = "$runs" ] && ok "$rows rows for $runs runs" || fail "$rows rows for $runs runs"
# each run of the JSON, keyed as its row should be
jq --slurpfile rows "$tmp/rows.json" -n --slurpfile hf "$fixture" '
	def bytes: {"1M": 1048576, "16M": 16777216}[.];
	[$hf[0].results[] as $r | $r.times | to_entries[]
	 | {method: $r.parameters.method, size: ($r.parameters.size | bytes),
	    cache: $r.parameters.cache, rep: (.key + 1), t: .value}] as $want
	| ($rows[0] | map({key: "\(.method) \(.file_size_bytes) \(.cache) \(.rep)", value: .}) | from_entries) as $by
	| [$want[] | . as $w | $by["\($w.method) \($w.size) \($w.cache) \($w.rep)"] as $row
	   | if $row == null then "no row for \($w.method) \($w.size) \($w.cache) rep \($w.rep)"
	     elif ($row.total_ns | tonumber) != ($w.t * 1e9 | round) then
		"\($w.method) \($w.size) \($w.cache) rep \($w.rep): total_ns \($row.total_ns), time \($w.t) s"
	     elif [$row.consume, $row.pattern, $row.status, $row.op, $row.threads, $row.block_size_bytes,
		   $row.bytes, $row.schema, $row.run_id, $row.timestamp_utc]
		  != ["whole-process", "seq", "ok", "read", "1", "131072", "\($w.size)", "1", "sample",
		      "2026-01-01T00:00:00Z"] then "\($w.method) \($w.size) \($w.cache) rep \($w.rep): \($row)"
	     elif ($row.kernel == "" or $row.host == "" or $row.fs_type == "" or $row.page_size == "")
		then "env columns empty: \($row)"
	     else empty end] | .[]' >"$tmp/bad_rows.txt"
[ -s "$tmp/bad_rows.txt" ] && fail "rows do not match the runs: $(head -n 5 "$tmp/bad_rows.txt")" ||
	ok "every run is a row with its method, size, cache, rep and time"

# 3. mib_per_s = size / MiB / time, for every row (printed with 3 decimals)
jq -r '.[] | (.file_size_bytes | tonumber) as $s | ((.total_ns | tonumber) / 1e9) as $t
	| ($s / 1048576 / $t) as $want | (.mib_per_s | tonumber) as $got
	| select(($got - $want) | fabs > 0.0005 + 1e-9 * $want)
	| "\(.method) \(.file_size_bytes) \(.cache) rep \(.rep): mib_per_s \($got), size/time \($want)"' \
	"$tmp/rows.json" >"$tmp/bad_mib.txt"
[ -s "$tmp/bad_mib.txt" ] && fail "mib_per_s: $(head -n 3 "$tmp/bad_mib.txt")" ||
	ok "mib_per_s = size / MiB / time on every row"

# 4. the manifest columns
jq -r --arg ds "$ds" '.[] | select(.file != "\($ds)/mb-\(if .file_size_bytes == "1048576" then "1M" else "16M" end)-s1.dat"
	or (.expected_checksum | test("^[0-9a-f]{16}$") | not) or .checksum != .expected_checksum
	or .data_seed != "1") | "\(.method) \(.file_size_bytes) \(.cache) rep \(.rep): file \(.file), checksum \(.checksum) / \(.expected_checksum)"' \
	"$tmp/rows.json" >"$tmp/bad_ds.txt"
[ -s "$tmp/bad_ds.txt" ] && fail "manifest columns: $(head -n 3 "$tmp/bad_ds.txt")" ||
	ok "file, checksum and expected_checksum from the manifest"

# 5. mapbench summarize reads it: one group per result, n and median from the JSON
if "$mb" summarize "$tmp/results.csv" >"$tmp/summary.csv" 2>"$tmp/summary.err"; then
	csv_json "$tmp/summary.csv" >"$tmp/summary.json"
	jq -r -n --slurpfile s "$tmp/summary.json" --slurpfile hf "$fixture" '
		def bytes: {"1M": "1048576", "16M": "16777216"}[.];
		def median: sort | if length % 2 == 1 then .[length / 2 | floor]
			else (.[length / 2 - 1] + .[length / 2]) / 2 end;
		($s[0] | map({key: "\(.method) \(.file_size_bytes) \(.cache)", value: .}) | from_entries) as $g
		| if ($s[0] | length) != ($hf[0].results | length)
		  then "\($s[0] | length) summary groups for \($hf[0].results | length) results" else empty end,
		  ($hf[0].results[] | . as $r | ($r.parameters.size | bytes) as $size
		   | $g["\($r.parameters.method) \($size) \($r.parameters.cache)"] as $row
		   | ($r.times | map(($size | tonumber) / 1048576 / .) | median) as $want
		   | if $row == null then "no summary group for \($r.command)"
		     elif ($row.n | tonumber) != ($r.times | length) then "\($r.command): n \($row.n)"
		     elif ($row.consume != "whole-process") then "\($r.command): consume \($row.consume)"
		     elif (($row.mib_per_s_median | tonumber) - $want | fabs) > 0.001 + 1e-6 * $want
		     then "\($r.command): summarize median \($row.mib_per_s_median) MiB/s, JSON \($want)"
		     else empty end)' >"$tmp/bad_summary.txt"
	[ -s "$tmp/bad_summary.txt" ] && fail "summarize: $(head -n 3 "$tmp/bad_summary.txt")" ||
		ok "mapbench summarize: one group per result, n and median as in the JSON"
else
	fail "mapbench summarize refused it: $(cat "$tmp/summary.err")"
fi

# 6. malformed input fails
jq 'del(.results[0].parameters.size)' "$fixture" >"$tmp/nosize.json"
if "$conv" --mapbench "$mb" "$tmp/nosize.json" >/dev/null 2>"$tmp/err.txt"; then
	fail "a result without a size parameter was converted"
else
	grep -q size "$tmp/err.txt" && ok "no size parameter: refused" || fail "no size parameter: $(cat "$tmp/err.txt")"
fi
echo 'not json' >"$tmp/bad.json"
"$conv" --mapbench "$mb" "$tmp/bad.json" >/dev/null 2>&1 && fail "a non-JSON file was converted" ||
	ok "not JSON: refused"

[ "$fails" -eq 0 ] || { echo "$fails check(s) failed" >&2; exit 1; }
echo "all checks passed"
