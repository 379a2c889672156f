# plots/cold_warm_ratio.gp: what an empty page cache costs each series, as
# the cold ÷ warm throughput ratio against file size with its 95% CI, on a
# log axis around 1 (1: the cache does not matter; 0.01: cold is a hundred
# times slower). A panel per pattern, each at one block size (named in its
# title). What is drawn comes from `mapbench chart cold_warm_ratio RATIO.csv`
# (RATIO.csv: mapbench ratio --by cache --num cold --den warm).
#
#   gnuplot -c plots/cold_warm_ratio.gp CHART.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

do for [MB_OUT in MB_OUTS] {
	call MB_STYLE "open"
	set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead lc rgb "#303030" dt 2 lw 1.5 back
	do for [p=1:MB_NP] { call MB_STYLE "panel" p "lines" }
	call MB_STYLE "key" "lines"
	unset multiplot
}
