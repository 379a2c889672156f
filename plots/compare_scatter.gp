# plots/compare_scatter.gp: `mapbench compare` as a scatter: each like
# configuration at its baseline median (x) and target median (y), with
# both 95% CIs, on equal log axes; above the solid line y = x the target
# side measured more, the dashed lines are ±10%. Points in their series'
# colour (one per method, a point type per variant), filled where the
# difference is significant (faster or slower, after Holm's correction),
# hollow where it is not (~). A panel per target side. What is drawn comes
# from `mapbench chart compare_scatter COMPARE.csv`
# (COMPARE.csv: mapbench compare --format csv BASE.csv TARGET.csv...).
#
#   gnuplot -c plots/compare_scatter.gp CHART.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

# The hollow point type of each of style.gp's (MB_PT) filled ones.
array PT_OPEN[8] = [6, 4, 8, 10, 12, 14, 4, 6]
pt_open(s) = PT_OPEN[MB_SVAR[s] % 8 + 1]
sig(x) = strcol("mark") eq "faster" || strcol("mark") eq "slower"
line(p, m) = mb_in(p) && strcol("mark") eq m
do for [MB_OUT in MB_OUTS] {
	call MB_STYLE "open"
	do for [p=1:MB_NP] {
		call MB_STYLE "panel" p
		plot MB_IN using (line(p, "y=x") ? column("x") : NaN):"y" with lines lc rgb "#303030" lw 1.2, \
			MB_IN using (line(p, "+10%") ? column("x") : NaN):"y" with lines lc rgb "#a0a0a0" dt 2, \
			MB_IN using (line(p, "-10%") ? column("x") : NaN):"y" with lines lc rgb "#a0a0a0" dt 2, \
			for [s=1:MB_NS] MB_IN using (mb_x(p, s)):"y":"x_lo":"x_hi":"y_lo":"y_hi" with xyerrorbars \
				pt -1 lw 0.8 lc rgb mb_lc(s), \
			for [s=1:MB_NS] MB_IN using (mb_at(p, s) && sig(0) ? column("x") : NaN):"y" with points \
				pt mb_pt(s) ps 1.2 lc rgb mb_lc(s), \
			for [s=1:MB_NS] MB_IN using (mb_at(p, s) && !sig(0) ? column("x") : NaN):"y" with points \
				pt pt_open(s) ps 1.2 lc rgb mb_lc(s)
	}
	call MB_STYLE "key"
	plot NaN, for [s=1:MB_NS] keyentry with points pt mb_pt(s) ps 1.2 lc rgb mb_lc(s) title MB_SKEY[s], \
		keyentry with points pt 6 ps 1.2 lc rgb "#606060" title "hollow: ~ not significant", \
		keyentry with lines lc rgb "#303030" lw 1.2 title "y = x (no change)", \
		keyentry with lines lc rgb "#a0a0a0" dt 2 title "±10%"
	unset multiplot
}
