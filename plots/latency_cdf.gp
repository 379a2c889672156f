# plots/latency_cdf.gp: the whole latency distribution of random reads, per
# series, from the histograms of `mapbench run --lat-out FILE`: the fraction
# of operations slower than x, on log axes, so the tail (p99, p99.9 and
# beyond) is as readable as the median. Repetition 1 of pattern rand, at the
# smallest block size, on the largest file measured with it (named in the
# title); one panel per cache state.
#
#   gnuplot -c plots/latency_cdf.gp LATENCY.csv OUT.png|OUT.svg|OUT [SUMMARY.csv]
#
# SUMMARY.csv (optional, from `mapbench summarize`): where the title's host,
# kernel and filesystem come from; the latency file does not carry them.
MB_USAGE = " [SUMMARY.csv]"
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2
WHO = (ARGC >= 3) ? ARG3 : ""

if (WHO ne "") {
	LAT = MB_IN
	MB_IN = WHO
	eval mb_read_header(MB_IN)
	eval MB_WHO
	MB_IN = LAT
}
eval mb_need("run_id method advice pattern cache file_size_bytes block_size_bytes rep bucket_hi_ns cum_fraction")
# The series label of a row, as `mapbench summarize` makes it (the method,
# then what differs from the defaults), plus the run when there are several.
opt(c, dflt, fmt) = (mb_str(c) eq "" || mb_str(c) eq dflt) ? "" : sprintf(fmt, mb_str(c))
RUNS = ""
lat_series(x) = strcol("method").opt("advice", "none", " advice=%s").opt("consume", "sum", " consume=%s") \
	.opt("threads", "1", " threads=%s") \
	.((strcol("method") eq "uring" || mb_str("queue_depth") ne "1") ? opt("queue_depth", "", " qd%s") : "") \
	.opt("buf_offset_bytes", "0", " buf-offset=%s").opt("iov", "1", " iov%s") \
	.(mb_str("window_bytes") eq "" ? "" : " window=".mb_bytes(column("window_bytes"))) \
	.(words(RUNS) > 1 ? " ".strcol("run_id") : "")
mb_series(x) = mb_hascol("series") ? strcol("series") : lat_series(x)

# One pass over the (large) file: the rows of repetition 1 of rand, only the
# columns read below, into a datablock that is IN from then on.
rkeep(x) = column("rep") == 1 && strcol("pattern") eq "rand"
COLS = "run_id method advice consume pattern cache file_size_bytes block_size_bytes rep bucket_hi_ns cum_fraction"
do for [c in "threads queue_depth buf_offset_bytes iov window_bytes series"] { if (mb_hascol(c)) { COLS = COLS." ".c } }
eval mb_reduce(COLS)
fkeep(x) = (RUNS = mb_add(RUNS, strcol("run_id")), mb_pos(column("bucket_hi_ns")))
eval mb_file_facts("no rand rows of a file method in the latency file")
eval MB_PICK_SMALLEST_BLOCK
MB_NR = 1
MB_NC = words(MB_CACHES)

# x: the bucket's upper bound (µs); y: the fraction of operations above it.
prow(x) = (mb_at_point(x) && mb_pos(column("bucket_hi_ns"))) ? 1 : 0
pcol(x) = mb_cachecol(x)
pkeep(x) = f2(x) > 0
f1(x) = column("bucket_hi_ns") / 1e3
f2(x) = 1 - column("cum_fraction")
eval MB_EXTRACT
eval mb_skip_if(MB_NPTS == 0, "no rand rows in the latency file")
eval MB_SERIES_ORDER
eval mb_range(4)
XLO = MB_MIN
XHI = MB_MAX
eval mb_range(5)
YLO = MB_MIN

MB_KEYW = mb_keyfit(0)
MB_KEYPS = 0
MB_TITLE = sprintf("Random-read latency distribution: rand, block %s, file %s, repetition 1", mb_bytes(MB_PBS), mb_bytes(MB_PSZ))
ptitle(r, c) = sprintf("%s cache", word(MB_CACHES, c))
MB_XLABEL = "latency per operation (µs, log)"
MB_YLABEL = "operations slower than x (fraction, log)"
# Each histogram is a run of rows of $mb_all, drawn straight from it.
pset(r, c) = mb_runs(r, c)
MB_PLOT = 'for [t in P] $mb_all every ::mb_run_a(t)::mb_run_b(t) using 4:5 with steps ' \
	.'lc rgb mb_lc(mb_run_s(t)) dt mb_dt(mb_run_s(t)) lw mb_lw(mb_run_s(t))'
do for [MB_OUT in MB_OUTS] {
	eval mb_open(140 + MB_NC * 520 + MB_KEYW, MB_TOPH0 + 470)
	eval mb_logrange("x", XLO, XHI)
	set logscale y
	set yrange [10**floor(log10(YLO)) : 1.3]
	set ytics ("100%%" 1, "10%%" 0.1, "1%%" 0.01, "0.1%%" 0.001, "0.01%%" 1e-4, "0.001%%" 1e-5, "0.0001%%" 1e-6)
	# Where the usual percentiles sit.
	do for [k=1:3] {
		Y = word("0.5 0.01 0.001", k) + 0
		set arrow k from graph 0, first Y to graph 1, first Y nohead lc rgb "#909090" dt 3 back
		set label k word("p50 p99 p99.9", k) at graph 0.99, first Y right offset 0, 0.45 font ",8" tc rgb "#707070"
	}
	eval mb_panels(0)
}
