# plots/compare.gp: two result sets (two kernels, filesystems, hosts or CPUs)
# side by side, from `mapbench ratio --by kernel|fs_type|host|cpu_family|...`
# (the title names what else differs with the field: `also_differ`): per configuration,
# the ratio of median throughputs NUM ÷ DEN with its confidence interval, on a
# log axis around 1. Filled: a significant difference (Mann-Whitney p < 0.05),
# in the method's colour; hollow grey: not significant (~). One row per
# configuration, in the file's order; the canvas grows with the rows, up to
# MAXROWS of them.
#
#   gnuplot -c plots/compare.gp RATIO.csv OUT.png|OUT.svg|OUT [MAXROWS]
MB_USAGE = " [MAXROWS (default 200)]"
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2
MAXROWS = (ARGC >= 3) ? ARG3 + 0 : 200

eval mb_need("method label series by num den metric ratio ratio_ci_lo ratio_ci_hi ratio_ci_level significant")
eval MB_RATIO_WHAT

# Who measured (the compared field named by its two values), how many rows,
# the longest label, the x range and the CIs' real coverage.
lab(x) = strcol("label") ne "" ? strcol("label") : strcol("series")
ok(x) = mb_pos(column("ratio"))
N = 0
LABW = 0
METRICS = ""
LEVEL_LO = 1e300
LEVEL_HI = -1e300
MB_MIN = 1e300
MB_MAX = -1e300
ALSO = ""
each(x) = ok(x) ? (N = N + 1, mb_who(x), METRICS = mb_add(METRICS, strcol("metric")), ALSO = mb_add(ALSO, mb_str("also_differ")), \
	LABW = (strlen(lab(x)) > LABW ? strlen(lab(x)) : LABW), mb_mm(column("ratio")), \
	mb_mm(mb_pos(column("ratio_ci_lo")) ? column("ratio_ci_lo") : column("ratio")), mb_mm(column("ratio_ci_hi")), \
	LEVEL_LO = (column("ratio_ci_level") < LEVEL_LO ? column("ratio_ci_level") : LEVEL_LO), \
	LEVEL_HI = (column("ratio_ci_level") > LEVEL_HI ? column("ratio_ci_level") : LEVEL_HI)) : 0
eval MB_PASS
eval mb_skip_if(N == 0, "no ratio rows")
if (MB_BY eq "host") { MB_HOSTS = MB_NUMS.MB_DENS }
if (MB_BY eq "kernel") { MB_KERNELS = MB_NUMS.MB_DENS }
if (MB_BY eq "fs_type") { MB_FSS = MB_NUMS.MB_DENS }
ROWS = (N < MAXROWS) ? N : MAXROWS

MB_NR = 1
MB_NC = 1
MB_PADL = 14
MB_PADL1 = 20 + 6.6 * LABW
MB_PADT = 24
MB_PADB = 54
MB_KEYW = 260
LEVELS = (LEVEL_HI - LEVEL_LO < 0.005) ? sprintf("%.0f%%", 100 * LEVEL_LO) : sprintf("%.0f–%.0f%%", 100 * LEVEL_LO, 100 * LEVEL_HI)
MB_NOTE = sprintf("bars: confidence interval of the ratio (real coverage %s; below 95%% for few samples)%s", \
	LEVELS, N > ROWS ? sprintf("     first %d of %d configurations", ROWS, N) : "")
# What else differs with the compared field (a second host's CPU and mitigations).
MB_ALSO = (words(ALSO) == 1) ? "; also ".word(ALSO, 1) : ""
MB_TITLE = sprintf("%s ÷ %s (%s%s): %s, ratio of medians", MB_NUM, MB_DEN, MB_BY, MB_ALSO, \
	METRICS eq ' "mib_per_s"' ? "throughput" : mb_several(METRICS, "metric"))
# Row k (1..) of the file is drawn at y = k; rows past ROWS fall outside.
y(x) = ($0 < ROWS) ? $0 + 1 : ROWS + 10
sig(x) = strcol("significant") eq "yes"
ink(x) = sig(x) ? mb_rgb(strcol("method")) : 0xa0a0a0
ptitle(r, c) = ""
pset(r, c) = "all"
MB_XLABEL = sprintf("%s ÷ %s (×, log; > 1: %s higher)", MB_NUM, MB_DEN, MB_NUM)
MB_PLOT = 'MB_IN using (column("ratio")):(y(0)):(mb_pos(column("ratio_ci_lo")) ? column("ratio_ci_lo") : column("ratio")):' \
	.'(mb_or(column("ratio_ci_hi"), column("ratio"))):(ink(0)):ytic(lab(0)) with xerrorbars pt -1 lw 1.2 lc rgb variable, ' \
	.'MB_IN using (sig(0) ? column("ratio") : NaN):(y(0)):(ink(0)) with points pt 7 ps 1.1 lc rgb variable, ' \
	.'MB_IN using (sig(0) ? NaN : column("ratio")):(y(0)) with points pt 6 ps 1.1 lc rgb "#808080"'
MB_KEYDRAW = 'plot NaN, keyentry with points pt 7 ps 1.1 lc rgb "#404040" title "significant (p < 0.05)", ' \
	.'keyentry with points pt 6 ps 1.1 lc rgb "#808080" title "~ not significant", ' \
	.'keyentry with xerrorbars pt -1 lw 1.2 lc rgb "#404040" title "confidence interval"'
do for [MB_OUT in MB_OUTS] {
	eval mb_open(MB_PADL1 + 640 + MB_KEYW, MB_TOPH0 + MB_PADT + MB_PADB + 16 * ROWS + 16)
	eval mb_ratioaxis("x", MB_MIN < 1 ? MB_MIN : 1, MB_MAX > 1 ? MB_MAX : 1)
	set yrange [ROWS + 0.7 : 0.3]
	set ytics scale 0 font ",9"
	set grid xtics mxtics noytics
	set arrow 1 from first 1, graph 0 to first 1, graph 1 nohead lc rgb "#303030" lw 1.2 back
	set datafile columnheaders
	eval mb_panels(0)
}
