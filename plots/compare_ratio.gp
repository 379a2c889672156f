# plots/compare_ratio.gp: `mapbench compare` as ratios: one row per like
# configuration, its ratio of medians target ÷ baseline with the confidence
# interval, on a log axis around 1; filled in the method's colour where the
# difference is significant (faster or slower, after Holm's correction),
# hollow grey where it is not (~). Each side's geometric mean over its like
# configurations is the dashed vertical line, its 95% CI the shaded band. A
# panel per target side; the title names the compared columns and the
# sides. Unlike and one-sided configurations are not drawn (the note counts
# them). What is drawn comes from
# `mapbench chart [--max-rows N] compare_ratio COMPARE.csv`
# (COMPARE.csv: mapbench compare --format csv BASE.csv TARGET.csv...).
#
#   gnuplot -c plots/compare_ratio.gp CHART.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

sig(x) = strcol("mark") eq "faster" || strcol("mark") eq "slower"
geomean(p) = mb_in(p) && strcol("mark") eq "geomean"
config(p) = mb_in(p) && strcol("mark") ne "geomean"
ink(x) = sig(x) ? MB_RGB[column("color_index") + 1] : 0xa0a0a0
do for [MB_OUT in MB_OUTS] {
	call MB_STYLE "open"
	set grid xtics mxtics noytics
	set mxtics 2
	set arrow 1 from first 1, graph 0 to first 1, graph 1 nohead lc rgb "#303030" lw 1.2 back
	do for [p=1:MB_NP] {
		call MB_STYLE "panel" p
		set ytics scale 0 font ",9"
		plot MB_IN using (geomean(p) ? column("x") : NaN):"y":"x_lo":"x_hi":"y_lo":"y_hi" \
				with boxxyerror fs transparent solid 0.12 noborder lc rgb "#404040", \
			MB_IN using (geomean(p) ? column("x") : NaN):"y_lo":(0):(column("y_hi") - column("y_lo")) \
				with vectors nohead dt 2 lw 1.5 lc rgb "#303030", \
			MB_IN using (config(p) ? column("x") : NaN):"y":"x_lo":"x_hi":(ink(0)) with xerrorbars pt -1 lw 1.2 lc rgb variable, \
			MB_IN using (config(p) && sig(0) ? column("x") : NaN):"y":(ink(0)) with points pt 7 ps 1.1 lc rgb variable, \
			MB_IN using (config(p) && !sig(0) ? column("x") : NaN):"y" with points pt 6 ps 1.1 lc rgb "#808080"
	}
	call MB_STYLE "key"
	plot NaN, for [s=1:MB_NS] keyentry with points pt 7 ps 1.1 lc rgb mb_lc(s) title MB_SKEY[s], \
		keyentry with points pt 6 ps 1.1 lc rgb "#808080" title "~ not significant", \
		keyentry with xerrorbars pt -1 lw 1.2 lc rgb "#404040" title "confidence interval", \
		keyentry with lines dt 2 lw 1.5 lc rgb "#303030" title "geomean (shaded: its CI)"
	unset multiplot
}
