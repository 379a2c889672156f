#!/usr/bin/env bash
# plots/render.sh: draws every chart a run's results support, as PNG and SVG,
# into RESULTS_DIR/plots/; or, with --compare, the charts of a comparison
# (mapbench compare) into OUT_DIR/plots/. mapbench computes the numbers
# (summarize, ratio, compare) and decides what each chart shows (mapbench
# chart: which rows, panels, series, axes, titles); gnuplot only draws it,
# one script per chart (plots/NAME.gp, sharing style.gp).
#
#   plots/render.sh RESULTS_DIR [MORE_RESULTS.csv...]
#   plots/render.sh --compare OUT_DIR
#
# Reads RESULTS_DIR/results.csv (plus any further results files, e.g. the same
# matrix on another kernel or filesystem) and RESULTS_DIR/latency.csv if there
# is one (mapbench run --lat-out), and RESULTS_DIR/timeline.csv if there is
# one (mapbench run --timeline). Writes into RESULTS_DIR/plots/ only:
#   summary.csv            mapbench summarize
#   ratio-mmap-read.csv    mapbench ratio --by method --num mmap --den read
#   ratio-cold-warm.csv    mapbench ratio --by cache --num cold --den warm
#   explain.csv            mapbench explain --format csv, when RESULTS_DIR
#                          holds machine.csv (mapbench probe)
#   ratio-compare.csv      mapbench ratio --by F, for the first of kernel,
#                          fs_type, host, cpu_family, cpu_model_id,
#                          cpu_stepping, microcode, hypervisor, mitigations
#                          with exactly two values
#   NAME.csv               what chart NAME draws: mapbench chart NAME, from
#                          summary.csv, a ratio file, latency.csv,
#                          timeline.csv or explain.csv
#                          (docs/csv-schema.md, "Chart CSV")
#   NAME.png, NAME.svg     each chart: gnuplot -c plots/NAME.gp NAME.csv OUT
# With --compare, reads OUT_DIR/compare.csv (mapbench compare --format csv
# BASE.csv TARGET.csv... > OUT_DIR/compare.csv) and writes into
# OUT_DIR/plots/ the charts compare_ratio, compare_scatter and
# compare_heatmap, each as NAME.csv, NAME.png and NAME.svg.
# Every file is written whole (temporary file, then rename). A chart the data
# cannot support (mapbench chart exits 4) is skipped with a line
# `render: skip NAME: reason`, and an earlier render's files of it removed.
#
# mapbench: $MAPBENCH, else build/release/mapbench of this checkout, else
# mapbench on PATH, else PREFIX/bin/mapbench of an installed copy
# (PREFIX/share/mapbench/plots), else it is built (bench/lib.sh).
# Exit: 0 done (charts skipped included), 1 a chart failed to draw, 2 usage
# or a missing results file, 3 no gnuplot or mapbench; a failing mapbench
# command exits with its own status after its one-line message.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

usage() {
	cat <<-EOF
	usage: plots/render.sh RESULTS_DIR [MORE_RESULTS.csv...]
	       plots/render.sh --compare OUT_DIR

	Draws every chart RESULTS_DIR/results.csv (and MORE_RESULTS.csv, e.g. from
	another kernel or filesystem) supports into RESULTS_DIR/plots/, as PNG and
	SVG, with the CSV files behind them (summary.csv, ratio-*.csv, and NAME.csv:
	what each chart draws, from mapbench chart). Uses
	RESULTS_DIR/latency.csv and RESULTS_DIR/timeline.csv when present. Charts the data cannot support are
	skipped with one line each.

	--compare: draws the comparison in OUT_DIR/compare.csv (mapbench compare
	--format csv) into OUT_DIR/plots/: compare_ratio, compare_scatter and
	compare_heatmap, each NAME.csv, NAME.png and NAME.svg.

	Environment: MAPBENCH (the mapbench binary).
	EOF
}

err() { printf 'render: %s\n' "$*" >&2; }

mode=results
case ${1:-} in
	-h | --help) usage; exit 0 ;;
	'') usage >&2; exit 2 ;;
	--compare)
		mode=compare
		shift
		[ $# = 1 ] || { err "usage: plots/render.sh --compare OUT_DIR (see --help)"; exit 2; }
		;;
esac
dir=${1%/}
shift
if [ "$mode" = compare ]; then
	[ -f "$dir/compare.csv" ] || { err "$dir/compare.csv: no such file (make it with: mapbench compare --format csv BASE.csv TARGET.csv > $dir/compare.csv)"; exit 2; }
else
	[ -f "$dir/results.csv" ] || { err "$dir/results.csv: no such file (give a folder made by bench/run.sh or mapbench run --out)"; exit 2; }
	inputs=("$dir/results.csv")
	for f in "$@"; do
		[ -f "$f" ] || { err "$f: no such file"; exit 2; }
		inputs+=("$f")
	done
fi
command -v gnuplot >/dev/null || { err "gnuplot not found: install gnuplot-nox (apt-get install gnuplot-nox)"; exit 3; }

# The mapbench binary (see the top of this file).
find_mapbench() {
	local root prefix
	root=$(cd "$here/.." && pwd)
	prefix=$(cd "$here/../../.." 2>/dev/null && pwd)
	if [ -n "${MAPBENCH:-}" ]; then
		[ -x "$MAPBENCH" ] || { err "MAPBENCH=$MAPBENCH is not an executable"; exit 3; }
		echo "$MAPBENCH"
	elif [ -x "$root/build/release/mapbench" ]; then
		echo "$root/build/release/mapbench"
	elif command -v mapbench; then
		:
	elif [ "$(basename "$(dirname "$here")")" = mapbench ] && [ -x "$prefix/bin/mapbench" ]; then
		echo "$prefix/bin/mapbench"
	elif [ -f "$root/bench/lib.sh" ]; then
		# shellcheck source=/dev/null
		. "$root/bench/lib.sh"
		mb_build release
	else
		err "no mapbench binary: set MAPBENCH, or build it (cmake --preset release && cmake --build --preset release)"
		exit 3
	fi
}
mb=$(find_mapbench)

out="$dir/plots"
made_out=0
[ -d "$out" ] || { mkdir "$out"; made_out=1; }
tmp=$(mktemp -d "$out/.render.XXXXXX")
cleanup() {
	rm -rf "$tmp"
	# A plots/ folder this run made and left empty (mapbench refused the input).
	[ "$made_out" = 0 ] || rmdir "$out" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# mapbench ARGS... > $tmp/NAME, its stderr in $tmp/NAME.err; its status is
# returned. Status 0 publishes the file as plots/NAME.
mapbench_to() {
	local name=$1 rc=0
	shift
	"$mb" "$@" >"$tmp/$name" 2>"$tmp/$name.err" || rc=$?
	[ "$rc" != 0 ] || mv -f "$tmp/$name" "$out/$name"
	return "$rc"
}
# A mapbench failure other than "not here" (4): its message, then its status.
fail_mapbench() {
	local name=$1 rc=$2
	cat "$tmp/$name.err" >&2
	[ -s "$tmp/$name.err" ] || err "mapbench ${name%.csv} exited $rc"
	exit "$rc"
}
# The first line of mapbench's message for NAME, without its prefix
# ("mapbench: ratio: ", "mapbench: chart: CHART: ").
why() {
	local line=""
	[ -s "$tmp/$1.err" ] && IFS= read -r line <"$tmp/$1.err"
	line=${line#mapbench: }
	line=${line#ratio: }
	line=${line#chart: }
	printf '%s' "${line#"${1%.csv}": }"
}

declare -A input=() extra=() skipped=()

# A run's charts: their inputs, summary.csv and the ratio files, made here.
plan_results() {
	local c field list
	local -a compare_fields
	all=(latency_cdf throughput_vs_size throughput_vs_block mmap_read_heatmap cold_warm_ratio compare
		latency_percentiles faults_per_mib cpu_split write_throughput write_time_split rmw_time fault_cost
		timeline read_amp scale explain)
	mapbench_to summary.csv summarize "${inputs[@]}" || fail_mapbench summary.csv $?
	for c in throughput_vs_size throughput_vs_block latency_percentiles faults_per_mib cpu_split \
		write_throughput write_time_split rmw_time fault_cost read_amp scale; do
		input[$c]=$out/summary.csv
	done
	if [ -f "$dir/latency.csv" ]; then
		input[latency_cdf]=$dir/latency.csv
		extra[latency_cdf]=$out/summary.csv
	else
		skipped[latency_cdf]="no $dir/latency.csv (made by mapbench run --lat-out FILE)"
	fi
	if [ -f "$dir/timeline.csv" ]; then
		input[timeline]=$dir/timeline.csv
	else
		skipped[timeline]="no $dir/timeline.csv (made by mapbench run --timeline FILE)"
	fi
	if [ -f "$dir/machine.csv" ]; then
		mapbench_to explain.csv explain "${inputs[@]}" --machine "$dir/machine.csv" --format csv ||
			fail_mapbench explain.csv $?
		input[explain]=$out/explain.csv
	else
		skipped[explain]="no $dir/machine.csv (made by mapbench probe --out $dir/machine.csv)"
	fi
	ratio mmap_read_heatmap ratio-mmap-read.csv --by method --num mmap --den read
	ratio cold_warm_ratio ratio-cold-warm.csv --by cache --num cold --den warm
	compare_fields=(kernel fs_type host cpu_family cpu_model_id cpu_stepping microcode hypervisor mitigations
		read_ahead_kb mount_opts thp dirty_bytes dirty_background_bytes dirty_ratio dirty_background_ratio
		ncpu mem_bytes page_size mount_source tool_version)
	for field in "${compare_fields[@]}"; do
		ratio compare ratio-compare.csv --by "$field"
		[ -z "${input[compare]:-}" ] || break
	done
	if [ -z "${input[compare]:-}" ]; then
		list=${compare_fields[*]}
		skipped[compare]="none of ${list// /, } has exactly two values (compare two result sets: render.sh DIR OTHER/results.csv)"
		rm -f "$out/ratio-compare.csv" # an earlier render's, from other data
	fi
}

# ratio CHART FILE ARGS...: mapbench ratio ARGS into plots/FILE for CHART;
# status 4 (not here) skips CHART, with mapbench's reason.
ratio() {
	local chart=$1 file=$2 rc=0
	shift 2
	mapbench_to "$file" ratio "$@" "${inputs[@]}" || rc=$?
	case $rc in
		0) input[$chart]=$out/$file; unset "skipped[$chart]" ;;
		4) skipped[$chart]=$(why "$file") ;;
		*) fail_mapbench "$file" "$rc" ;;
	esac
	return 0
}

# A comparison's charts, all from compare.csv.
plan_compare() {
	local c
	all=(compare_heatmap compare_scatter compare_ratio)
	for c in "${all[@]}"; do
		input[$c]=$dir/compare.csv
	done
}

# The charts, in drawing order (slowest first), into all; the input of
# `mapbench chart NAME` and its extra argument; skipped[NAME] = why not.
all=()
plan_$mode

# What each chart draws, from its input: plots/NAME.csv (mapbench chart);
# status 4 (the data cannot support it) skips the chart with mapbench's
# reason, or for a ratio chart the reason `mapbench ratio` gave, if any.
declare -A drawn_from=()
for name in "${all[@]}"; do
	[ -n "${input[$name]:-}" ] || continue
	rc=0
	mapbench_to "$name.csv" chart "$name" "${input[$name]}" ${extra[$name]:+"${extra[$name]}"} || rc=$?
	case $rc in
		0) drawn_from[$name]=$out/$name.csv ;;
		4)
			skipped[$name]=$(why "$name.csv")
			file=${input[$name]##*/}
			case $file in ratio-*) [ -z "$(why "$file")" ] || skipped[$name]=$(why "$file") ;; esac
			;;
		*) fail_mapbench "$name.csv" "$rc" ;;
	esac
done

# One chart, PNG and SVG from one gnuplot run (OUT without extension): its
# status into $tmp/NAME.rc, what it said into $tmp/NAME.log.
draw() {
	local name=$1 rc=0
	gnuplot -c "$here/$name.gp" "${drawn_from[$name]}" "$tmp/$name" >"$tmp/$name.log" 2>&1 || rc=$?
	echo "$rc" >"$tmp/$name.rc"
}
jobs_max=$(nproc 2>/dev/null || echo 2)
running=0
for name in "${all[@]}"; do
	[ -n "${drawn_from[$name]:-}" ] || continue
	if [ "$running" -ge "$jobs_max" ]; then
		wait -n || true
		running=$((running - 1))
	fi
	draw "$name" &
	running=$((running + 1))
done
wait

drawn=0
failed=0
for name in "${all[@]}"; do
	[ -n "${drawn_from[$name]:-}" ] || continue
	st=$(<"$tmp/$name.rc")
	if [ "$st" = 0 ] && [ -s "$tmp/$name.png" ] && [ -s "$tmp/$name.svg" ]; then
		mv -f "$tmp/$name.png" "$out/$name.png"
		mv -f "$tmp/$name.svg" "$out/$name.svg"
		drawn=$((drawn + 1))
		if [ -s "$tmp/$name.log" ]; then
			err "$name: gnuplot warned:"
			cat "$tmp/$name.log" >&2
		fi
	elif [ "$st" = 4 ]; then
		# gnuplot's `skip: NAME: reason`
		line=""
		IFS= read -r line <"$tmp/$name.log" || true
		skipped[$name]=${line#"skip: $name: "}
	else
		err "$name: gnuplot failed (exit $st):"
		cat "$tmp/$name.log" >&2
		failed=$((failed + 1))
	fi
done
for name in "${all[@]}"; do
	[ -n "${skipped[$name]:-}" ] || continue
	printf 'render: skip %s: %s\n' "$name" "${skipped[$name]}"
	# a chart an earlier render drew from other data must not stay beside these
	rm -f "$out/$name.png" "$out/$name.svg" "$out/$name.csv"
done
printf 'render: %d charts (%d PNG + %d SVG) in %s, %d skipped\n' $((2 * drawn)) "$drawn" "$drawn" "$out" "${#skipped[@]}"
if [ "$failed" -gt 0 ]; then
	err "$failed chart(s) failed to draw"
	exit 1
fi
