# plots/throughput_vs_size.gp: throughput against file size, one line per
# series (method + variant) with its 95% CI: where each method stands
# relative to the others and to memread, the in-RAM limit, as files grow.
# Panels: cache state across (warm | cold), pattern down (seq, rand), each
# pattern at one block size (named in the panel titles). What is drawn comes
# from `mapbench chart throughput_vs_size SUMMARY.csv`.
#
#   gnuplot -c plots/throughput_vs_size.gp CHART.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

do for [MB_OUT in MB_OUTS] {
	call MB_STYLE "open"
	do for [p=1:MB_NP] { call MB_STYLE "panel" p "lines" }
	call MB_STYLE "key" "lines"
	unset multiplot
}
