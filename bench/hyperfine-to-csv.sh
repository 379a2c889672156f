#!/usr/bin/env bash
# bench/hyperfine-to-csv.sh: turns the JSON that hyperfine --export-json wrote
# for bench/hyperfine.sh into rows of mapbench's results CSV (schema 1), one
# row per timed run (each element of results[].times), so that `mapbench
# summarize`, `ratio`, `report` and plots/render.sh read whole-process timings
# like any other results file. The conversion is one jq program; see
# docs/hyperfine.md for what each column holds.
#
#   bench/hyperfine-to-csv.sh [options] HYPERFINE.json > results.csv
#
#   --run-id ID      the run_id column (default: the name of the JSON's folder)
#   --datasets DIR   the datasets folder the runs read: fills file, data_seed and
#                    expected_checksum from DIR/manifest.csv
#   --verified       every run was `mapbench cat --verify` (exit 0 = the checksum
#                    matched the manifest): checksum = expected_checksum on ok rows
#   --env-path P     file or folder whose filesystem the env columns describe
#                    (default: --datasets, else .), via `mapbench env --path P`
#   --timestamp T    timestamp_utc (default: the JSON's mtime, UTC)
#   --op OP          the op column (default read); with rmw (`mapbench cat --op
#                    rmw`, bench/hyperfine-rmw.sh) give --expected too
#   --expected HEX   the expected_checksum of every row (what the file holds
#                    after the run), instead of the dataset's from its manifest
#   --no-header      rows only, to append to an existing results file
#   --mapbench BIN   the mapbench binary (default: $MAPBENCH, else
#                    build/release/mapbench, else mapbench on PATH)
#   -h, --help       this help
#
# Each result's parameters must hold method, size (a dataset size token such
# as 16M) and cache; block (default 128K, mapbench cat's) and advice (default
# none) are optional. The header is mapbench's own (`mapbench run
# --print-header`), and every row is built by column name, so a column mapbench adds
# later is simply left empty. Exit 2 on bad arguments, 1 when the JSON cannot
# be converted (jq says why: a missing parameter, a size not in the manifest)
# or mapbench fails.
set -euo pipefail

me=hyperfine-to-csv
say() { printf 'mapbench: %s: %s\n' "$me" "$*" >&2; }
usage() { sed -n '2,34p' "$0" | sed 's/^# \{0,1\}//'; }

run_id='' datasets='' verified=0 env_path='' stamp='' header=1 json='' op=read expected=''
mb=${MAPBENCH:-}
while [ $# -gt 0 ]; do
	case $1 in
		--run-id|--datasets|--env-path|--timestamp|--mapbench|--op|--expected)
			[ $# -ge 2 ] || { say "$1 needs a value"; exit 2; }
			case $1 in
				--run-id) run_id=$2 ;;
				--datasets) datasets=$2 ;;
				--env-path) env_path=$2 ;;
				--timestamp) stamp=$2 ;;
				--mapbench) mb=$2 ;;
				--op) op=$2 ;;
				--expected) expected=$2 ;;
			esac
			shift 2 ;;
		--verified) verified=1; shift ;;
		--no-header) header=0; shift ;;
		-h|--help) usage; exit 0 ;;
		-*) say "$1: unknown option (see --help)"; exit 2 ;;
		*) [ -z "$json" ] || { say "$1: one JSON file only"; exit 2; }; json=$1; shift ;;
	esac
done
[ -n "$json" ] || { say "no HYPERFINE.json (see --help)"; exit 2; }
[[ $op =~ ^(read|rmw)$ ]] || { say "--op $op: give read or rmw"; exit 2; }
[[ $expected =~ ^([0-9a-f]{16})?$ ]] || { say "--expected $expected: give 16 hex digits"; exit 2; }
[ "$op" = read ] || [ -n "$expected" ] || { say "--op $op needs --expected (the file changes)"; exit 2; }
[ -f "$json" ] && [ -r "$json" ] || { say "$json: not a readable file"; exit 2; }
command -v jq >/dev/null || { say "jq is missing (Debian: apt-get install jq)"; exit 3; }
if [ -z "$mb" ]; then
	root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	if [ -x "$root/build/release/mapbench" ]; then mb=$root/build/release/mapbench
	else mb=$(command -v mapbench) || { say "no mapbench binary: give --mapbench BIN"; exit 3; }
	fi
fi
[ -x "$mb" ] || { say "$mb: not an executable"; exit 2; }
[ -n "$run_id" ] || run_id=$(basename "$(cd "$(dirname "$json")" && pwd)")
[ -n "$stamp" ] || stamp=$(date -u -r "$json" +%Y-%m-%dT%H:%M:%SZ)
manifest=/dev/null
if [ -n "$datasets" ]; then
	manifest=$datasets/manifest.csv
	[ -r "$manifest" ] || { say "$manifest: missing: --datasets names a mapbench datasets folder"; exit 2; }
fi
[ -n "$env_path" ] || env_path=${datasets:-.}

# mapbench's own results header
cols=$("$mb" run --print-header) || { say "mapbench run --print-header failed"; exit 1; }
case $cols in schema,*) ;; *) say "unexpected header from mapbench run: $cols"; exit 1 ;; esac
env_txt=$("$mb" env --path "$env_path") || { say "mapbench env --path $env_path failed"; exit 1; }

# shellcheck disable=SC2016 # a jq program, not shell
prog='
# mapbench cell: quoted only when it must be (as mb_csv_format does)
def cell: if . == null then "" else tostring end
	| if test("[,\"\r\n]|^[ \t]|[ \t]$") then "\"" + gsub("\""; "\"\"") + "\"" else . end;
# a size token of mapbench (4K, 16M, 1G, 64KiB, 1048699) in bytes
def bytes: . as $s
	| (capture("^(?<n>[0-9]+)(?<u>[KMGTkmgt]?)(i?[Bb])?$")
	   // error("size \($s | tojson) is not a size such as 4K, 16M or 1048699"))
	| (.n | tonumber) * pow(1024; {"": 0, k: 1, m: 2, g: 3, t: 4}[.u | ascii_downcase]);
def fixed3: (. * 1000 | round) as $n
	| "\($n / 1000 | floor).\("00\($n % 1000)" | .[-3:])";
def need($p; $k): $p[$k] // error("results[].parameters has no \($k | tojson)");

($cols | split(",")) as $header
| ($env_txt | split("\n") | map(select(length > 0)
	| capture("^(?<key>[a-z_]+): ?(?<value>.*)$")) | from_entries) as $env
| ($manifest | split("\n") | map(select(length > 0) | split(",")) | . as $m
	| if length == 0 then {} else
	  [.[1:][] | [$m[0], .] | transpose | map({key: .[0], value: .[1]}) | from_entries
	   | {key: .name, value: .}] | from_entries end) as $datasets
| .results[] as $r
| ($r.parameters // {}) as $p
| (need($p; "method")) as $method
| (need($p; "size")) as $size_tok
| ($size_tok | bytes) as $size
| (($p.block // "128K") | bytes) as $block
| ("mb-\($size_tok)-s1.dat") as $name
| ($datasets[$name] // null) as $ds
| if $ds == null and ($datasets | length) > 0
  then error("\($name) (size \($size_tok)) is not in the manifest of \($dir)") else . end
| $r.times | to_entries[]
| .key as $i | .value as $t
| (($r.exit_codes // [])[$i] // 0) as $exit
| ($r.user | if type == "array" then .[$i] else null end) as $user
| ($r.system | if type == "array" then .[$i] else null end) as $sys
# every environment column `mapbench env` prints (host, kernel, cpu_family, ...)
| ($env | with_entries(select(.key | IN($header[])))) + {
	schema: 1, run_id: $run_id, timestamp_utc: $stamp,
	method: $method, advice: ($p.advice // "none"), consume: "whole-process", op: $op,
	pattern: "seq", cache: need($p; "cache"), file_size_bytes: $size, block_size_bytes: $block,
	threads: 1, rep: ($i + 1),
	# the defaults of mapbench cat, recorded as mapbench run records them
	queue_depth: (if $method == "uring" then 1 else null end),
	iov: (if $method == "readv" or $method == "preadv" then 4 else null end),
	window_bytes: (if $method == "mmap-window" then 67108864 else null end),
	fixed_buffers: (if $method == "uring" then 0 else null end),
	sync: (if $op != "rmw" then null elif $method == "rmw-mmap-msync" then "msync" else "none" end),
	buf_offset_bytes: 0,
	bytes: $size,
	total_ns: ($t * 1e9 | round),
	mib_per_s: (if $t > 0 then $size / 1048576 / $t | fixed3 else null end),
	user_us: (if $user == null then null else $user * 1e6 | round end),
	sys_us: (if $sys == null then null else $sys * 1e6 | round end),
	status: (if $exit == 0 then "ok" else "error" end),
	error: (if $exit == 0 then "" else "mapbench cat exited \($exit)" end),
	file: ($ds | if . == null then null else "\($dir)/\(.name)" end),
	data_seed: ($ds | if . == null then null else .seed end),
	expected_checksum: (if $expected != "" then $expected elif $ds == null then null else $ds.checksum end),
	checksum: (if $expected != "" and $verified and $exit == 0 then $expected
		   elif $ds != null and $verified and $exit == 0 then $ds.checksum else null end)
  }
| . as $row
| (keys - $header) as $unknown
| if ($unknown | length) > 0
  then error("mapbench results have no column \($unknown | join(", ")): schema changed?")
  else [$header[] | $row[.] | cell] | join(",") end
'
[ "$header" = 0 ] || printf '%s\n' "$cols"
jq -r --arg cols "$cols" --arg env_txt "$env_txt" --rawfile manifest "$manifest" \
	--arg run_id "$run_id" --arg stamp "$stamp" --arg dir "$datasets" --arg op "$op" \
	--arg expected "$expected" \
	--argjson verified "$([ "$verified" = 1 ] && echo true || echo false)" "$prog" "$json" ||
	{ say "$json: conversion failed (see the jq error above)"; exit 1; }
