# plots/throughput_vs_block.gp: throughput against block size, one line per
# series with its 95% CI: the cliff finder (the block size where a method
# falls off, or stops gaining). Panels: cache state across, pattern down,
# each pattern at one file size (named in the panel titles). What is drawn
# comes from `mapbench chart throughput_vs_block SUMMARY.csv`.
#
#   gnuplot -c plots/throughput_vs_block.gp CHART.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

do for [MB_OUT in MB_OUTS] {
	call MB_STYLE "open"
	do for [p=1:MB_NP] { call MB_STYLE "panel" p "lines" }
	call MB_STYLE "key" "lines"
	unset multiplot
}
