# plots/compare.gp: two result sets (two kernels, filesystems, hosts or
# CPUs) side by side: one row per configuration, in the ratio file's order,
# its ratio of median throughputs NUM ÷ DEN with the confidence interval, on
# a log axis around 1. Filled, in the method's colour: a significant
# difference (Mann-Whitney p < 0.05); hollow grey: not significant (~). The
# title names the compared field and what else differs with it. What is
# drawn comes from `mapbench chart [--max-rows N] compare RATIO.csv`
# (RATIO.csv: mapbench ratio --by kernel|fs_type|host|cpu_family|...).
#
#   gnuplot -c plots/compare.gp CHART.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

sig(x) = strcol("mark") eq "yes"
ink(x) = sig(x) ? MB_RGB[column("color_index") + 1] : 0xa0a0a0
do for [MB_OUT in MB_OUTS] {
	call MB_STYLE "open"
	set grid xtics mxtics noytics
	set mxtics 2
	set arrow 1 from first 1, graph 0 to first 1, graph 1 nohead lc rgb "#303030" lw 1.2 back
	call MB_STYLE "panel" 1
	set ytics scale 0 font ",9"
	plot MB_IN using (mb_in(1) ? column("x") : NaN):"y":"x_lo":"x_hi":(ink(0)) with xerrorbars pt -1 lw 1.2 lc rgb variable, \
		MB_IN using (mb_in(1) && sig(0) ? column("x") : NaN):"y":(ink(0)) with points pt 7 ps 1.1 lc rgb variable, \
		MB_IN using (mb_in(1) && !sig(0) ? column("x") : NaN):"y" with points pt 6 ps 1.1 lc rgb "#808080"
	call MB_STYLE "key"
	plot NaN, keyentry with points pt 7 ps 1.1 lc rgb "#404040" title "significant (p < 0.05)", \
		keyentry with points pt 6 ps 1.1 lc rgb "#808080" title "~ not significant", \
		keyentry with xerrorbars pt -1 lw 1.2 lc rgb "#404040" title "confidence interval"
	unset multiplot
}
