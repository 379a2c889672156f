#!/usr/bin/env bash
# Claim: mmap's random reads collapse under memory pressure while pread
# stays flat. Source: Crotty, Leis, Pavlo, "Are You Sure You Want to Use MMAP
# in Your DBMS?", CIDR 2022. Measured: mapbench run --mem-limit (a memory
# cgroup: needs root), a file 4x the limit (quick: 64M limit, 256M file;
# full: 512M, 4G), random 4K, cold, --duration seconds per repetition,
# pread and mmap with advice none and random; the same without the limit.
# ops_per_s, mmap ÷ pread inside and outside the limit. Verdict: per advice
# yes when the CI inside the limit lies below 1 (mmap slower than pread), no
# when above 1 or within ±10% of 1; the ratios outside the limit are shown
# for contrast.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

limit=$(claim_pick 32M 64M 512M) # tiny: room for a sanitizer build's own memory
size=$(claim_pick 64M 256M 4G)
duration=$(claim_pick 0.3 1 4)
claim_head "mmap collapses under memory pressure, pread stays flat" \
	"mmap random reads collapse under memory pressure while pread stays flat" \
	"Crotty, Leis, Pavlo, \"Are You Sure You Want to Use MMAP in Your DBMS?\", CIDR 2022" \
	"mapbench run --mem-limit $limit, a $size file, --method pread,mmap --advice none,random --pattern rand --block 4K --cache cold --duration $duration; then without the limit; ops_per_s, mmap ÷ pread" \
	"per advice: yes when the ratio's 95% CI inside the limit lies below 1, no when above 1 or within ±10% of 1"
if [ "$(id -u)" -ne 0 ]; then
	claim_not_measured "needs root (mapbench run --mem-limit makes a memory cgroup)"
	exit 0
fi
common=(--method pread,mmap --advice none,random --pattern rand --block 4K --cache cold --size "$size" --duration "$duration")
claim_say "limit $limit, a $size file, $duration s per repetition"
r=0
claim_run "$CLAIM_DIR/limited.csv" "${common[@]}" --mem-limit "$limit" || r=$?
case $r in
	0 | 1) ;;
	3) claim_not_measured "needs a writable memory cgroup (mapbench run --mem-limit exited 3)"; exit 0 ;;
	*) exit "$r" ;;
esac
claim_say "the same without the limit"
claim_run "$CLAIM_DIR/unlimited.csv" "${common[@]}" || [ $? -eq 1 ]
cols=advice,ratio,ratio_ci_lo,ratio_ci_hi
claim_out "Inside the $limit limit:"
claim_block claim_ratio "$cols,p_value" --by method --num mmap --den pread --metric ops_per_s "$CLAIM_DIR/limited.csv"
claim_out "Without it:"
claim_block claim_ratio "$cols,p_value" --by method --num mmap --den pread --metric ops_per_s "$CLAIM_DIR/unlimited.csv"
claim_ratio "$cols" --by method --num mmap --den pread --metric ops_per_s "$CLAIM_DIR/limited.csv" |
	claim_judge slower 1 "mmap ÷ pread inside the limit, advice"
