# plots/read_amp.gp: read amplification, one bar per series: the device
# bytes read per byte a method used (median dev_read_per_byte) in cold or
# memory-limited read configurations, the ratio beside each bar. Above 1,
# readahead or fault-around fetched bytes never used, or a memory limit
# evicted pages that were read again. A panel per pattern; log scale. What
# is drawn comes from `mapbench chart read_amp SUMMARY.csv`.
#
#   gnuplot -c plots/read_amp.gp CHART.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

do for [MB_OUT in MB_OUTS] {
	call MB_STYLE "open"
	set grid noytics nomytics
	set mytics 1
	do for [p=1:MB_NP] {
		call MB_STYLE "panel" p
		plot for [s=1:MB_NS] MB_IN using (mb_x(p, s)):"y":"x_lo":"x_hi":(column("y") - 0.36):(column("y") + 0.36) \
				with boxxyerror fs solid mb_fill(s) border lc rgb mb_lc(s) lc rgb mb_lc(s), \
			MB_IN using (mb_in(p) ? column("x") : NaN):"y":"label" with labels left font ",9"
	}
	unset multiplot
}
