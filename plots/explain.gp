# plots/explain.gp: the cost model against the measurement, two bars per
# series: the time `mapbench explain` predicts, stacked by term (system
# calls, copy, checksum, mapping, first touches, device, ...), and the time
# measured (the median total time), its residual beside it, "unexplained"
# beyond ±25%. The headline configurations: warm, the largest file, a
# panel per pattern and block size. What is drawn comes from
# `mapbench chart explain EXPLAIN.csv` (EXPLAIN.csv: mapbench explain
# RESULTS.csv --format csv, which needs the probe's machine.csv).
#
#   gnuplot -c plots/explain.gp CHART.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

do for [MB_OUT in MB_OUTS] {
	call MB_STYLE "open"
	set grid noytics nomytics
	set mytics 1
	do for [p=1:MB_NP] {
		call MB_STYLE "panel" p
		plot for [s=1:MB_NS] MB_IN using (mb_x(p, s)):"y":"x_lo":"x_hi":(column("y") - 0.4):(column("y") + 0.4) \
				with boxxyerror fs solid 0.85 border lc rgb "#303030" lc rgb mb_lc(s), \
			MB_IN using (mb_in(p) && strcol("label") ne "" ? column("x_hi") : NaN):"y":"label" \
				with labels left font ",9"
	}
	call MB_STYLE "key"
	plot NaN, for [s=1:MB_NS] keyentry with boxes fs solid 0.85 border lc rgb "#303030" lc rgb mb_lc(s) \
		title MB_SKEY[s]
	unset multiplot
}
