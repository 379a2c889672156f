# plots/throughput_vs_block.gp: throughput against block size at one file
# size, one line per series, from `mapbench summarize`: the cliff finder (the
# block size where a method falls off, or stops gaining). Panels: cache state
# across, pattern down. Each pattern's panels show the largest file size among
# those measured with the most block sizes (named in the panel titles).
#
#   gnuplot -c plots/throughput_vs_block.gp SUMMARY.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

eval mb_need("series method pattern cache file_size_bytes block_size_bytes mib_per_s_median mib_per_s_ci_lo mib_per_s_ci_hi")

fkeep(x) = mb_pos(column("mib_per_s_median"))
eval mb_file_facts("no rows with a throughput (mib_per_s_median) of a file method")
eval mb_skip_if(words(MB_BLOCKS) < 2, "one block size only (".mb_bytes(word(MB_BLOCKS, 1) + 0).")")

# Per pattern, the file size: the most block sizes measured, then the largest.
nblocks(p, s) = sum [k=1:words(MB_TRIPLES)] (mb_tpat(word(MB_TRIPLES, k)) eq p && mb_tsize(word(MB_TRIPLES, k)) == s ? 1 : 0)
MB_PSIZE = ""
do for [p in MB_PATS] {
	BEST = 0
	BESTN = 0
	do for [s in MB_SIZES] {
		N = nblocks(p, s + 0)
		if (N > BESTN || (N == BESTN && s + 0 > BEST)) { BEST = s + 0; BESTN = N }
	}
	MB_PSIZE = MB_PSIZE.sprintf(" %.0f", BEST)
}
psize(r) = word(MB_PSIZE, r) + 0
MB_NR = words(MB_PATS)
MB_NC = words(MB_CACHES)

prow(x) = (fkeep(x) && column("file_size_bytes") == psize(mb_idx(MB_PATS, strcol("pattern")))) \
	? mb_idx(MB_PATS, strcol("pattern")) : 0
pcol(x) = mb_cachecol(x)
pkeep(x) = 1
f1(x) = column("block_size_bytes")
eval mb_measure("mib_per_s")
eval mb_extract("no rows with a throughput")
eval MB_CI_RANGE

MB_KEYW = mb_keyfit(0)
MB_TITLE = "Throughput vs block size (MiB/s, median, 95% CI)"
ptitle(r, c) = sprintf("%s, %s cache, file %s", word(MB_PATS, r), word(MB_CACHES, c), mb_bytes(psize(r)))
MB_XLABEL = "block size (bytes per read or touch)"
MB_YLABEL = "throughput (MiB/s)"
do for [MB_OUT in MB_OUTS] {
	eval mb_open(140 + MB_NC * 470 + MB_KEYW, MB_TOPH0 + MB_NR * 380)
	eval mb_bytesaxis("x", MB_BLOCKS)
	eval mb_logrange("y", MB_YLO, MB_YHI)
	eval mb_panels(0)
}
