#!/usr/bin/env bash
# Claim: "read-modify-write through mmap is 2 to 3 times faster than
# read+write". Source: the same folk list of mmap's advantages. Measured:
# mapbench run --op rmw, rmw-mmap against rmw-read-write (one read(2) of the
# file, increment every integer, one write(2) back), warm, sizes 1M, 16M
# (quick 1M); total_ns, rmw-read-write ÷ rmw-mmap (how many times faster
# mmap is). Verdict: per size yes when the CI lies at or above 2, no when
# below 2; holds, does not hold, or holds only when (sizes named).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

sizes=$(claim_pick 256K 1M 1M,16M)
csv=$CLAIM_DIR/results.csv
claim_head "read-modify-write through mmap is 2-3× faster" \
	"read-modify-write through mmap is 2 to 3 times faster than read+write" \
	"folk advice (the same list of mmap's advantages)" \
	"mapbench run --op rmw --method rmw-read-write,rmw-mmap --size $sizes --cache warm; total_ns, rmw-read-write ÷ rmw-mmap (times faster)" \
	"yes when the ratio's 95% CI lies at or above 2, no when it lies below 2"
claim_say "rmw-read-write and rmw-mmap, sizes $sizes"
claim_run "$csv" --op rmw --method rmw-read-write,rmw-mmap --size "$sizes" --cache warm
cols=file_size_bytes,ratio,ratio_ci_lo,ratio_ci_hi
args=(--by method --num rmw-read-write --den rmw-mmap --metric total_ns "$csv")
claim_block claim_ratio "$cols,p_value" "${args[@]}"
claim_ratio "$cols" "${args[@]}" | claim_judge above 2 "rmw-read-write time ÷ rmw-mmap time"
