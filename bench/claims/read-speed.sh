#!/usr/bin/env bash
# Claim: "mmap avoids the copy into a user buffer, so it reads files faster
# than read(2)". Source: common advice, a much repeated list of mmap's
# advantages. Measured: mapbench run, read against mmap, sequential, across
# file sizes (1M, 16M, 256M; quick 1M, 16M), blocks (4K, 128K) and cache
# states (warm, cold); mib_per_s, mmap ÷ read per configuration (ratio of
# medians, 95% CI). Verdict: per configuration yes when the CI lies above 1,
# no when below 1 or within ±10% of 1; holds / does not hold when all agree,
# else holds only when (the yes configurations named).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

sizes=$(claim_pick 256K 1M,16M 1M,16M,256M)
csv=$CLAIM_DIR/results.csv
claim_head "mmap reads files faster than read(2)" \
	"mmap avoids the copy into a user buffer, so it reads files faster than read(2)" \
	"common advice (a much repeated list of mmap's advantages)" \
	"mapbench run --method read,mmap --pattern seq --size $sizes --block 4K,128K --cache warm,cold; mib_per_s, mmap ÷ read" \
	"per configuration: yes when the ratio's 95% CI lies above 1, no when below 1 or within ±10% of 1"
claim_say "read and mmap, sizes $sizes"
claim_run "$csv" --method read,mmap --pattern seq --size "$sizes" --block 4K,128K --cache warm,cold
cols=file_size_bytes,block_size_bytes,cache,ratio,ratio_ci_lo,ratio_ci_hi
claim_block claim_ratio "$cols,p_value" --by method --num mmap --den read "$csv"
claim_ratio "$cols" --by method --num mmap --den read "$csv" | claim_judge faster 1 "mmap ÷ read"
