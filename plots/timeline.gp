# plots/timeline.gp: throughput over time, one line per method: the MiB/s
# of each interval of repetition 1, summed over the workers, against the
# time the interval ended, from the file of `mapbench run --duration S
# --timeline FILE`: how throughput changes as the page cache fills and
# eviction starts. Panels: pattern down, cache state across; the smallest
# block and thread count, on the largest file measured with it (named in the
# title). What is drawn comes from `mapbench chart timeline TIMELINE.csv`.
#
#   gnuplot -c plots/timeline.gp CHART.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

do for [MB_OUT in MB_OUTS] {
	call MB_STYLE "open"
	do for [p=1:MB_NP] { call MB_STYLE "panel" p "lines" }
	call MB_STYLE "key" "lines"
	unset multiplot
}
