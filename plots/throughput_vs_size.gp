# plots/throughput_vs_size.gp: throughput against file size, one line per
# series (method + variant), from `mapbench summarize`. Where does each method
# stand relative to the others and to memread, the in-RAM limit, as files grow?
# Panels: cache state across (warm | cold), pattern down (seq, rand). Each
# pattern's panels show one block size, the one measured at the most file
# sizes (ties: seq the largest, rand the smallest; named in the panel titles).
#
#   gnuplot -c plots/throughput_vs_size.gp SUMMARY.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

eval mb_need("series method pattern cache file_size_bytes block_size_bytes mib_per_s_median mib_per_s_ci_lo mib_per_s_ci_hi")

# Rows with a throughput; then the panels and their block sizes.
fkeep(x) = mb_pos(column("mib_per_s_median"))
eval mb_file_facts("no rows with a throughput (mib_per_s_median) of a file method")
eval MB_PICK_BLOCKS
MB_NR = words(MB_PATS)
MB_NC = words(MB_CACHES)

prow(x) = (fkeep(x) && mb_pblock_ok(x)) ? mb_idx(MB_PATS, strcol("pattern")) : 0
pcol(x) = mb_cachecol(x)
pkeep(x) = 1
f1(x) = column("file_size_bytes")
eval mb_measure("mib_per_s")
eval mb_extract("no rows with a throughput")

# Shared axes: every size present; y over all medians and CIs.
eval MB_CI_RANGE

MB_KEYW = mb_keyfit(0)
MB_TITLE = "Throughput vs file size (MiB/s, median, 95% CI)"
ptitle(r, c) = sprintf("%s, %s cache, block %s", word(MB_PATS, r), word(MB_CACHES, c), mb_bytes(mb_pblock(r)))
MB_XLABEL = "file size (bytes)"
MB_YLABEL = "throughput (MiB/s)"
do for [MB_OUT in MB_OUTS] {
	eval mb_open(140 + MB_NC * 470 + MB_KEYW, MB_TOPH0 + MB_NR * 380)
	eval mb_bytesaxis("x", MB_SIZES)
	eval mb_logrange("y", MB_YLO, MB_YHI)
	eval mb_panels(0)
}
