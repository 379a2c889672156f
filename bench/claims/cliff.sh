#!/usr/bin/env bash
# Claim: buffered reads fall off a "1 MiB cliff": throughput drops at 1 MiB
# blocks. Source: fio users' reports; DESIGN.md traces it to buffer
# alignment (a buffer 16 bytes off a page). Measured: mapbench run, read,
# warm, sequential, 512K, 1M and 2M blocks of a 16M file (quick 8M), with
# --buf-offset 0 and 16; mib_per_s, 1M ÷ 512K per buffer offset. Verdict:
# per offset yes when the CI lies below 1 (a drop), no when above 1 or
# within ±10% of 1; holds only when names the offsets where it drops.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

size=$(claim_pick 4M 8M 16M)
csv=$CLAIM_DIR/results.csv
claim_head "the 1 MiB cliff of buffered reads" \
	"buffered reads lose throughput at 1 MiB blocks (the 1 MiB cliff)" \
	"fio users' reports; attributed to buffer alignment" \
	"mapbench run --method read --pattern seq --cache warm --size $size --block 512K,1M,2M, --buf-offset 0 and 16; mib_per_s, 1M ÷ 512K" \
	"per offset: yes when the ratio's 95% CI lies below 1, no when above 1 or within ±10% of 1"
for off in 0 16; do
	claim_say "read, blocks 512K..2M, buffer offset $off"
	claim_run "$csv" --method read --pattern seq --cache warm --size "$size" --block 512K,1M,2M --buf-offset "$off"
done
cols=buf_offset_bytes,ratio,ratio_ci_lo,ratio_ci_hi
args=(--by block_size_bytes --num 1048576 --den 524288 "$csv")
claim_block "$MB" summarize "$csv" --format table --columns method,block_size_bytes,buf_offset_bytes,mib_per_s_median,mib_per_s_ci_lo,mib_per_s_ci_hi
claim_block claim_ratio "$cols,p_value" "${args[@]}"
claim_ratio "$cols" "${args[@]}" | claim_judge slower 1 "1M ÷ 512K at buffer offset"
