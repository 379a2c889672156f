# plots/rmw_time.gp: how long a read-modify-write of a whole file takes, one
# bar per rmw method (the median total time, log scale, labelled) in a group
# per file size (4-byte integers incremented). Panels: pattern down, cache
# state across, each at one block size (named in its title). What is drawn
# comes from `mapbench chart rmw_time SUMMARY.csv`.
#
#   gnuplot -c plots/rmw_time.gp CHART.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

do for [MB_OUT in MB_OUTS] {
	call MB_STYLE "open"
	set grid noxtics nomxtics
	set mxtics 1
	set xtics scale 0
	do for [p=1:MB_NP] {
		call MB_STYLE "panel" p
		plot for [s=1:MB_NS] MB_IN using (mb_x(p, s)):"y":"x_lo":"x_hi":"y_lo":"y_hi" \
				with boxxyerror fs solid mb_fill(s) border lc rgb mb_lc(s) lc rgb mb_lc(s), \
			MB_IN using (mb_in(p) ? column("x") : NaN):"y":"label" with labels left rotate by 90 \
				offset 0, 0.4 font ",8"
	}
	call MB_STYLE "key"
	plot NaN, for [s=1:MB_NS] keyentry with boxes fs solid mb_fill(s) border lc rgb mb_lc(s) lc rgb mb_lc(s) \
		title MB_SKEY[s]
	unset multiplot
}
