#!/usr/bin/env bash
# tests/scripts/test_claims_quick.sh: bench/claims.sh end to end at the tiny
# scale (MB_CLAIMS_SCALE=tiny: files of a few MiB, 5 repetitions): usage
# errors exit 2 in one line and make nothing, --help describes the options;
# then exit 0 and a claims-<run_id>/CLAIMS.md with the machine line and one
# section per claim, each with its claim, source and exactly one verdict
# line whose word is holds, does not hold, holds only when, undecided or
# not measured here, every measured verdict citing a ratio and its CI
# "[lo, hi]" and every "not measured here" a reason; each claim's folder
# has its command.txt.
# Usage: test_claims_quick.sh MAPBENCH_BINARY SCRATCH_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export MAPBENCH=$1
work=$2/claims-quick
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work"; mkdir -p "$work/results" "$work/datasets"
export MB_RESULTS=$work/results MB_DATASETS=$work/datasets
script=$root/bench/claims.sh
claims=(read-speed rmw mem-bandwidth cliff pressure window)

for bad in "--bogus" "--results" "--dir" "no-such-claim" "--quick -x"; do
	r=0
	# shellcheck disable=SC2086 # (the words are the arguments)
	"$script" $bad >"$work/usage.out" 2>"$work/usage.err" || r=$?
	[ "$r" -eq 2 ] || fail "claims.sh $bad: exit $r, want 2"
	[ "$(wc -l <"$work/usage.err")" -eq 1 ] || fail "claims.sh $bad: want one line, got: $(cat "$work/usage.err")"
done
r=0
MB_CLAIMS_SCALE=huge "$script" 2>"$work/usage.err" || r=$?
[ "$r" -eq 2 ] || fail "MB_CLAIMS_SCALE=huge: exit $r, want 2"
[ -z "$(ls "$work/results")" ] || fail "a usage error made a results folder"
"$script" --help | grep -q -- '--quick' || fail "--help does not describe --quick"
"$script" --help | grep -q 'not measured here' || fail "--help does not name the verdicts"

r=0
MB_CLAIMS_SCALE=tiny "$script" --quick >"$work/out" 2>"$work/err" || r=$?
[ "$r" -eq 0 ] || fail "claims.sh: exit $r: $(tail -n 5 "$work/err")"
tops=("$work"/results/claims-*/)
[ ${#tops[@]} -eq 1 ] || fail "want one claims folder, found ${#tops[@]}"
top=${tops[0]%/}
md=$top/CLAIMS.md
[ -s "$md" ] || fail "no CLAIMS.md"
grep -q '^Machine: .*kernel' "$md" || fail "CLAIMS.md has no machine line"
[ "$(grep -c '^## ' "$md")" -eq ${#claims[@]} ] || fail "want ${#claims[@]} sections, got $(grep -c '^## ' "$md")"
[ "$(grep -c '^\*\*Verdict' "$md")" -eq ${#claims[@]} ] || fail "want one verdict per claim: $(grep '^\*\*Verdict' "$md")"
for name in "${claims[@]}"; do
	[ -s "$top/$name/command.txt" ] || grep -q 'needs root' "$top/$name/section.md" ||
		fail "$name: no command.txt"
done
# per section: the claim, the source, one verdict
awk '/^## /{ if (s) print s " " c " " o " " v; s = $0; c = o = v = 0 }
	/^- Claim: "/ { c++ } /^- Source: ./ { o++ } /^\*\*Verdict/ { v++ }
	END { print s " " c " " o " " v }' "$md" >"$work/sections"
while read -r line; do
	[[ $line =~ \ 1\ 1\ 1$ ]] || fail "section without one claim, source and verdict: $line"
done <"$work/sections"
num='-?[0-9][0-9.e+-]*'
while IFS= read -r v; do
	case $v in
		'**Verdict: not measured here**: '?*) continue ;;
		'**Verdict: holds**: '* | '**Verdict: does not hold**: '* | '**Verdict: holds only when** '* | \
			'**Verdict: undecided** '*) ;;
		*) fail "verdict not one of the allowed words: $v" ;;
	esac
	[[ $v =~ $num\ \[$num,\ $num\] ]] || fail "verdict cites no ratio with its CI: $v"
done < <(grep '^\*\*Verdict' "$md")
grep -q 'mmap ÷ read' "$md" || fail "the read-speed claim names no mmap ÷ read ratio"
echo "ok: $(grep -c '^\*\*Verdict' "$md") claims judged in $md"
