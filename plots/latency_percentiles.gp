# plots/latency_percentiles.gp: the latency of one random read, one row per
# series: p50 ●, p99 ■ and p99.9 ▲ (medians over the latency repetitions) on
# a log axis, joined by a line: its length is the tail. At the smallest
# block size, on the largest file measured with it (named in the title); a
# panel per cache state. What is drawn comes from
# `mapbench chart latency_percentiles SUMMARY.csv`.
#
#   gnuplot -c plots/latency_percentiles.gp CHART.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

array PCT[3] = ["p50", "p99", "p99.9"]
array PCT_PT[3] = [7, 5, 9]
ptype(mark) = mark eq "p50" ? 7 : mark eq "p99" ? 5 : 9
do for [MB_OUT in MB_OUTS] {
	call MB_STYLE "open"
	set grid noytics nomytics
	set mytics 1
	do for [p=1:MB_NP] {
		call MB_STYLE "panel" p
		plot for [s=1:MB_NS] MB_IN using (mb_x(p, s)):"y" with lines lw 2 lc rgb mb_lc(s), \
			for [s=1:MB_NS] MB_IN using (mb_x(p, s)):"y":(ptype(strcol("mark"))) with points \
				pt variable ps 1.2 lc rgb mb_lc(s)
	}
	call MB_STYLE "key"
	plot NaN, for [k=1:3] keyentry with points pt PCT_PT[k] ps 1.2 lc rgb "#404040" title PCT[k]
	unset multiplot
}
