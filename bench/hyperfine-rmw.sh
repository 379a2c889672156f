#!/usr/bin/env bash
# bench/hyperfine-rmw.sh: the read-modify-write claim as whole processes.
# hyperfine runs `mapbench cat --op rmw --method M COPY` (add 1 to every
# 4-byte integer of COPY in place, once) for every rmw method and dataset
# size, so each time includes exec, loading the binary and exit around the
# work, as the standalone programs of the claim do. Before every run
# (untimed, hyperfine --prepare) COPY is made afresh from the dataset, synced
# and left cached (warm, clean). After each method's runs, COPY (the result
# of its last run) is checked against what the in-process `mapbench run --op
# rmw` verified for that dataset; a difference stops the script (exit 1).
# Writes results/<run_id>-rmw-hyperfine/: hyperfine-*.json, results.csv (one
# results row per timed run, consume=whole-process, op=rmw), summary.csv,
# REPORT.md (its read-modify-write section judges the claim from these
# whole-process times), env.txt and command.txt; prints that section.
#
#   bench/hyperfine-rmw.sh [--sizes LIST] [--methods LIST] [--runs N] [--warmup N]
#     --sizes LIST    dataset sizes in bytes (default 40000,40000000: 10 thousand
#                     and 10 million integers)
#     --methods LIST  rmw methods (default all five)
#     --runs N        timed runs per method and size (default 10)
#     --warmup N      untimed runs first, each prepared like a timed one (default 2)
#
# The copy is DATASETS/.mb-rmw-hyperfine-PID.tmp, removed at exit.
# Environment: MB_DATASETS (default datasets/), MB_RESULTS (default results/).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() { sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; }
die() { mb_say "hyperfine-rmw.sh: $*"; exit 2; }

sizes=40000,40000000 methods=rmw-read-write,rmw-block,rmw-element,rmw-mmap,rmw-mmap-msync runs=10 warmup=2
while [ $# -gt 0 ]; do
	case $1 in
		--sizes|--methods|--runs|--warmup)
			[ $# -ge 2 ] || die "$1 needs a value"
			case $1 in
				--sizes) sizes=$2 ;; --methods) methods=$2 ;;
				--runs) runs=$2 ;; --warmup) warmup=$2 ;;
			esac
			shift 2 ;;
		-h|--help) usage; exit 0 ;;
		*) die "unknown argument '$1' (see --help)" ;;
	esac
done
[[ $runs =~ ^[0-9]+$ ]] && [ "$runs" -ge 2 ] || die "--runs '$runs': want a whole number >= 2"
[[ $warmup =~ ^[0-9]+$ ]] || die "--warmup '$warmup': want a whole number"
[[ $methods =~ ^[a-z0-9,-]+$ ]] || die "--methods '$methods': want a list of rmw methods"

mb_need_pkgs "${MB_BUILD_PKGS[@]}" hyperfine jq coreutils
mb=$(mb_build release)
datasets=${MB_DATASETS:-$MB_WORK/datasets}
results=${MB_RESULTS:-$MB_WORK/results}
[ -d "$results" ] || mkdir -p "$results" || die "cannot make the results folder $results"
[ -d "$datasets" ] || mkdir -p "$datasets" || die "cannot make the datasets folder $datasets"
datasets=$(cd "$datasets" && pwd)
[[ $datasets != *[,{}\']* ]] || die "the datasets folder $datasets has a ',', a quote or a brace"
made=$("$mb" dataset make --size "$sizes" --dir "$datasets") || exit $?
copy=$datasets/.mb-rmw-hyperfine-$$.tmp
trap 'rm -f "$copy"' EXIT
read -r _ first _ <<<"$made"
for m in ${methods//,/ }; do # bad input stops here, before any timing
	cp "$first" "$copy"
	"$mb" cat --op rmw --method "$m" --block 4K "$copy" >/dev/null || exit $?
done
run_id=$(mb_run_id)-rmw-hyperfine
out="$results/$run_id"
mkdir "$out"
printf '%q ' "$0" "$@" >"$out/command.txt"; echo >>"$out/command.txt"
mb_env_dump "$out/env.txt" "$datasets" "$mb"
{ echo; echo "# hyperfine --version"; hyperfine --version; } >>"$out/env.txt"

echo "mapbench rmw as whole processes on: $(lscpu | sed -n 's/^Model name: *//p'), family $(sed -n 's/^cpu family\t*: //p' /proc/cpuinfo | head -n 1) model $(sed -n 's/^model\t*: //p' /proc/cpuinfo | head -n 1), $(uname -r), hypervisor $("$mb" env | sed -n 's/^hypervisor: //p')"
header=1
while read -r _ path bytes _; do
	name=${path##*/}
	[[ $name =~ ^mb-([0-9A-Za-z]+)-s1\.dat$ ]] || die "unexpected dataset name $name"
	token=${BASH_REMATCH[1]}
	# what the file must hold afterwards: the in-process run verifies it
	"$mb" run --quiet --op rmw --method rmw-read-write --size "$bytes" --block 4K --cache warm --reps 1 \
		--warmup 0 --dir "$datasets" --out "$out/expected-$token.csv" || exit $?
	expected=$(csv_json "$out/expected-$token.csv" | jq -r -s '.[0].expected_checksum')
	for m in ${methods//,/ }; do
		json=$out/hyperfine-$token-$m.json
		hf=(hyperfine -N --style basic --runs "$runs" --warmup "$warmup"
			-L method "$m" -L size "$token" -L cache warm -L block 4K
			--prepare "bash -c 'cp \"\$0\" \"\$1\" && sync \"\$1\" && cat \"\$1\" >/dev/null' '$path' '$copy'"
			-n "rmw {method} {size}" --export-json "$json"
			"'$mb' cat --op rmw --method {method} --block {block} '$copy'")
		printf '%q ' "${hf[@]}" >>"$out/command.txt"; echo >>"$out/command.txt"
		"${hf[@]}" >"$out/hyperfine-$token-$m.log" 2>&1 ||
			{ tail -n 5 "$out/hyperfine-$token-$m.log" >&2; mb_say "hyperfine failed: $out"; exit 1; }
		got=$("$mb" cat --method read "$copy")
		[ "$got" = "$expected" ] || { mb_say "hyperfine-rmw.sh: $m on $name left checksum $got, not $expected"; exit 1; }
		conv=(--run-id "$run_id" --datasets "$datasets" --op rmw --expected "$expected" --verified)
		[ "$header" = 1 ] || conv+=(--no-header)
		MAPBENCH=$mb "$MB_ROOT/bench/hyperfine-to-csv.sh" "${conv[@]}" "$json" >>"$out/results.csv"
		header=0
		mb_say "$m, $name: $runs runs, verified"
	done
done <<<"$made"
"$mb" summarize "$out/results.csv" >"$out/summary.csv"
"$mb" report "$out"
sed -n '/^## Read-modify-write/,/^## Notes/p' "$out/REPORT.md" | sed '$d'
mb_say "results: $out"
