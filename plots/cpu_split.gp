# plots/cpu_split.gp: where the time goes, one row per series: user CPU time
# per GiB read (solid) with system time stacked on it (hatched), medians,
# against the wall time per GiB (diamond). Wall beyond user + system:
# waiting (I/O, page-cache misses); short of it: several threads. A
# sequential scan of the largest file, at the largest block size measured
# for it (named in the title); a panel per cache state, each its own scale.
# What is drawn comes from `mapbench chart cpu_split SUMMARY.csv`.
#
#   gnuplot -c plots/cpu_split.gp CHART.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

# The bar of part (user, system) of series s in panel p: x_lo..x_hi.
part(p, s, what) = mb_at(p, s) && strcol("mark") eq what ? column("x") : NaN
do for [MB_OUT in MB_OUTS] {
	call MB_STYLE "open"
	set grid noytics nomytics
	set mytics 1
	set offsets 0, graph 0.08, 0, 0
	do for [p=1:MB_NP] {
		call MB_STYLE "panel" p
		plot for [s=1:MB_NS] MB_IN using (part(p, s, "user")):"y":"x_lo":"x_hi":(column("y") - 0.36):(column("y") + 0.36) \
				with boxxyerror fs solid mb_fill(s) border lc rgb mb_lc(s) lc rgb mb_lc(s), \
			for [s=1:MB_NS] MB_IN using (part(p, s, "system")):"y":"x_lo":"x_hi":(column("y") - 0.36):(column("y") + 0.36) \
				with boxxyerror fs pattern 4 border lc rgb mb_lc(s) lc rgb mb_lc(s), \
			MB_IN using (mb_in(p) && strcol("mark") eq "wall" ? column("x") : NaN):"y" \
				with points pt 13 ps 1.3 lc rgb "#202020"
	}
	call MB_STYLE "key"
	plot NaN, keyentry with boxes fs solid 0.85 border lc rgb "#606060" lc rgb "#606060" title "user CPU", \
		keyentry with boxes fs pattern 4 border lc rgb "#606060" lc rgb "#606060" title "system CPU", \
		keyentry with points pt 13 ps 1.3 lc rgb "#202020" title "wall time"
	unset multiplot
}
