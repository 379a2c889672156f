# plots/fault_cost.gp: what touching a page costs, one bar per series: the
# median time per page (total_ns ÷ ops) of anon-read and anon-write (fresh
# anonymous memory: zero-page and allocating faults) per advice, and of
# fault (a cached file's mapping) per advice and cache state, the minor
# faults per page beside each bar (hugepage and map-populate take fewer,
# or none in the timed touch). A panel per pattern; log scale. What is
# drawn comes from `mapbench chart fault_cost SUMMARY.csv`.
#
#   gnuplot -c plots/fault_cost.gp CHART.csv OUT.png|OUT.svg|OUT
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
