# plots/faults_per_mib.gp: page faults per MiB read, one bar per series:
# minor faults (served from the page cache, first row of panels) and major
# faults (waited for I/O, second row) of a sequential scan, one column per
# cache state. Fault-around, large folios (PMD mappings) and MADV_* advice
# show up here first. The largest file, at the largest block size measured
# for it (named in the title). What is drawn comes from
# `mapbench chart faults_per_mib SUMMARY.csv`.
#
#   gnuplot -c plots/faults_per_mib.gp CHART.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

# A bar from x_lo to x_hi on the series' row, shaded by variant; its value beside it.
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
