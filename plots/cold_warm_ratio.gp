# plots/cold_warm_ratio.gp: what an empty page cache costs each series, as
# the cold ÷ warm throughput ratio against file size, with its 95% CI, from
# `mapbench ratio --by cache --num cold --den warm`. Panels: one per pattern;
# each shows one block size (seq the largest, rand the smallest). 1 = the
# cache does not matter; 0.01 = cold is a hundred times slower.
#
#   gnuplot -c plots/cold_warm_ratio.gp RATIO.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

eval mb_need("series method pattern file_size_bytes block_size_bytes by num den ratio ratio_ci_lo ratio_ci_hi")
eval MB_RATIO_WHAT
eval mb_skip_if(MB_BY ne "cache", "not a cache ratio (by ".MB_BY.")")

fkeep(x) = mb_pos(column("ratio"))
eval MB_FACTS
eval mb_skip_if(MB_PATS eq "", "no ratio rows")
eval MB_PICK_BLOCKS
MB_NR = 1
MB_NC = words(MB_PATS)

prow(x) = (fkeep(x) && mb_pblock_ok(x)) ? 1 : 0
pcol(x) = mb_idx(MB_PATS, strcol("pattern"))
pkeep(x) = 1
f1(x) = column("file_size_bytes")
f2(x) = column("ratio")
f3(x) = mb_pos(column("ratio_ci_lo")) ? column("ratio_ci_lo") : f2(x)
f4(x) = mb_pos(column("ratio_ci_hi")) ? column("ratio_ci_hi") : f2(x)
eval mb_extract("no ratio rows")
eval MB_CI_RANGE

MB_KEYW = mb_keyfit(0)
MB_TITLE = sprintf("%s ÷ %s throughput (ratio of medians, 95%% CI)", MB_NUM, MB_DEN)
ptitle(r, c) = sprintf("%s, block %s", word(MB_PATS, c), mb_bytes(mb_pblock(c)))
MB_XLABEL = "file size (bytes)"
MB_YLABEL = sprintf("%s ÷ %s throughput (×, log)", MB_NUM, MB_DEN)
do for [MB_OUT in MB_OUTS] {
	eval mb_open(140 + MB_NC * 520 + MB_KEYW, MB_TOPH0 + 460)
	eval mb_bytesaxis("x", MB_SIZES)
	eval mb_logrange("y", MB_YLO < 1 ? MB_YLO : 0.9, MB_YHI > 1 ? MB_YHI : 1.1)
	set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead lc rgb "#303030" dt 2 lw 1.5 back
	eval mb_panels(0)
}
