# plots/latency_cdf.gp: the whole latency distribution of random reads, one
# line per series, from the histograms of `mapbench run --lat-out FILE`: the
# fraction of operations slower than x, on log axes, so the tail (p99, p99.9
# and beyond) reads as well as the median. Repetition 1 at the smallest
# block size, on the largest file measured with it (named in the title); a
# panel per cache state. What is drawn comes from
# `mapbench chart latency_cdf LATENCY.csv [SUMMARY.csv]`.
#
#   gnuplot -c plots/latency_cdf.gp CHART.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

# Where the usual percentiles sit: the fraction slower than them.
array PCT_AT[3] = [0.5, 0.01, 0.001]
array PCT_NAME[3] = ["p50", "p99", "p99.9"]
do for [MB_OUT in MB_OUTS] {
	call MB_STYLE "open"
	do for [k=1:3] {
		set arrow k from graph 0, first PCT_AT[k] to graph 1, first PCT_AT[k] nohead lc rgb "#909090" dt 3 back
		set label k PCT_NAME[k] at graph 0.99, first PCT_AT[k] right offset 0, 0.45 font ",8" tc rgb "#707070"
	}
	do for [p=1:MB_NP] { call MB_STYLE "panel" p "steps" }
	call MB_STYLE "key" "steps"
	unset multiplot
}
