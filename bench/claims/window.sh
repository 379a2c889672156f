#!/usr/bin/env bash
# Claim: "MAP_SHARED of a huge file uses less memory if you map it in
# chunks". Source: folk advice. Measured: mapbench run, mmap (the whole
# file) against mmap-window (--window 64M; quick 4M), sequential, 128K
# blocks, warm, a file larger than the window (1G; quick 16M); mib_per_s,
# mmap-window ÷ mmap, and minor faults per MiB (minflt_per_mib) as the
# memory figure: the rows carry no per-mapping RSS, and the page cache a
# shared mapping uses is the same either way. Verdict, on what costs time:
# yes when the time ratio's CI lies above 0.9 (windows cost less than 10%),
# no when below 0.9.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

size=$(claim_pick 4M 16M 1G)
window=$(claim_pick 1M 4M 64M)
csv=$CLAIM_DIR/results.csv
claim_head "map a huge file in chunks" \
	"MAP_SHARED of a huge file uses less memory; map it in chunks" \
	"folk advice" \
	"mapbench run --method mmap,mmap-window --window $window --pattern seq --block 128K --cache warm --size $size; mib_per_s, mmap-window ÷ mmap; minflt_per_mib as the memory figure (no per-mapping RSS column)" \
	"chunks cost at most 10%: yes when the ratio's 95% CI lies above 0.9, no when below 0.9"
claim_say "mmap and mmap-window ($window), a $size file"
claim_run "$csv" --method mmap,mmap-window --window "$window" --pattern seq --block 128K --cache warm --size "$size"
claim_block "$MB" summarize "$csv" --format table --columns method,window_bytes,mib_per_s_median,mib_per_s_ci_lo,mib_per_s_ci_hi,minflt_per_mib_median
cols=file_size_bytes,ratio,ratio_ci_lo,ratio_ci_hi
claim_block claim_ratio "$cols,p_value" --by method --num mmap-window --den mmap "$csv"
claim_ratio "$cols" --by method --num mmap-window --den mmap "$csv" | claim_judge above 0.9 "mmap-window ÷ mmap"
