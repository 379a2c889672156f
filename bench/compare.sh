#!/usr/bin/env bash
# bench/compare.sh: the comparison report of two or more result sets (kernels,
# filesystems, settings), each against the first: OUT_DIR/compare.csv, the
# charts in OUT_DIR/plots/ and OUT_DIR/COMPARE.md.
#
#   bench/compare.sh [--by COLUMN] [--base VALUE] [--metric M] [--ignore-folios]
#                    BASE TARGET [MORE...] OUT_DIR
#   bench/compare.sh --by COLUMN [--base VALUE] ... RESULTS OUT_DIR
#
# Each input is a results folder (bench/run.sh's, with results.csv) or a
# results CSV. With one input, --by names the column whose values are the
# sides (e.g. --by cache for warm against warm-4k). The options are
# mapbench compare's (mapbench compare --help): matching on every
# configuration column, medians with 95% CIs, ratio CIs, Mann-Whitney
# p-values with Holm's correction, ~ for no significant difference, the
# geometric mean over configurations, and what was kept apart and why.
# Writes into OUT_DIR only (made when missing).
# Exit: 0 done, 2 usage or bad input, 3 a missing package or binary.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }

opts=() inputs=() by=0
while [ $# -gt 0 ]; do
	case $1 in
		-h|--help) usage; exit 0 ;;
		--by|--base|--metric|--seed)
			[ $# -ge 2 ] || { mb_say "compare.sh: $1 needs a value"; exit 2; }
			[ "$1" != --by ] || by=1
			opts+=("$1" "$2"); shift 2 ;;
		--ignore-folios) opts+=("$1"); shift ;;
		--) shift; inputs+=("$@"); break ;;
		-*) mb_say "compare.sh: unknown option '$1' (see --help)"; exit 2 ;;
		*) inputs+=("$1"); shift ;;
	esac
done
if [ ${#inputs[@]} -lt $((by ? 2 : 3)) ]; then
	mb_say "compare.sh: give BASE TARGET... OUT_DIR (or --by COLUMN RESULTS OUT_DIR); see --help"
	exit 2
fi
out=${inputs[-1]%/}
unset 'inputs[-1]'
for i in "${inputs[@]}"; do
	[ -e "$i" ] || { mb_say "compare.sh: $i: no such results folder or file"; exit 2; }
done

mb_need_pkgs "${MB_BUILD_PKGS[@]}" "${MB_PLOT_PKGS[@]}"
mb=$(mb_build release)
# the numbers and the CSV the charts draw, then the charts, then the report
# again with them
"$mb" report --compare "${opts[@]}" "${inputs[@]}" "$out"
MAPBENCH=$mb "$MB_ROOT/plots/render.sh" --compare "$out" ||
	mb_say "compare.sh: some charts failed to draw (see above); the report lists those that exist"
"$mb" report --compare "${opts[@]}" "${inputs[@]}" "$out"
grep -m1 '^- ' "$out/COMPARE.md" >/dev/null && sed -n '/^## Summary/,/^## What/p' "$out/COMPARE.md" |
	grep '^- ' | sed 's/^- /mapbench: /' >&2
mb_say "comparison: $out/COMPARE.md"
