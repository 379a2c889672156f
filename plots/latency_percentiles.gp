# plots/latency_percentiles.gp: the latency of one random read, per series,
# from `mapbench summarize`: p50, p99 and p99.9 (medians over repetitions)
# on a log axis, joined by a line: the spread is the tail. Random access
# (pattern rand) at the smallest block size, on the largest file measured
# with it (named in the title); one panel per cache state.
#
#   gnuplot -c plots/latency_percentiles.gp SUMMARY.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

eval mb_need("series method pattern cache file_size_bytes block_size_bytes lat_p50_ns_median lat_p99_ns_median lat_p999_ns_median")

fkeep(x) = strcol("pattern") eq "rand" && mb_pos(column("lat_p50_ns_median"))
eval mb_file_facts("no rand rows of a file method with latency percentiles")
eval MB_PICK_SMALLEST_BLOCK
MB_NR = 1
MB_NC = words(MB_CACHES)

prow(x) = (fkeep(x) && mb_at_point(x)) ? 1 : 0
pcol(x) = mb_cachecol(x)
pkeep(x) = 1
# In microseconds; a missing tail percentile falls back to the one below.
f1(x) = column("lat_p50_ns_median") / 1e3
f2(x) = mb_or(column("lat_p99_ns_median"), column("lat_p50_ns_median")) / 1e3
f3(x) = mb_or(column("lat_p999_ns_median"), f2(x) * 1e3) / 1e3
eval mb_extract("no rand rows with latency percentiles")
eval mb_range(4)
XLO = MB_MIN
eval mb_range(6)
XHI = MB_MAX

eval MB_SERIES_ROWS
MB_KEYW = 150
MB_TITLE = sprintf("Random-read latency per operation: rand, block %s, file %s", mb_bytes(MB_PBS), mb_bytes(MB_PSZ))
ptitle(r, c) = sprintf("%s cache", word(MB_CACHES, c))
psetup(r, c) = mb_series_yaxis(c)
MB_XLABEL = "latency per operation (µs, log)"
# p50 ●, p99 ■, p99.9 ▲ in the method's colour, joined by a line.
PCT = '"p50" "p99" "p99.9"'
ptype(k) = word("7 5 9", k) + 0
MB_PLOT = 'for [w in P] mb_block(r, c, w + 0) using 1:(mb_place(w + 0)):($3 - $1):(0) with vectors nohead lw 2 lc rgb mb_lc(w + 0), ' \
	.'for [k=1:3] for [w in P] mb_block(r, c, w + 0) using k:(mb_place(w + 0)) with points pt ptype(k) ps 1.2 lc rgb mb_lc(w + 0)'
MB_KEYDRAW = 'plot NaN, for [k=1:3] keyentry with points pt ptype(k) ps 1.2 lc rgb "#404040" title word(PCT, k)'
do for [MB_OUT in MB_OUTS] {
	eval mb_open(MB_PADL1 + MB_NC * 480 + MB_KEYW, MB_TOPH0 + mb_series_h(0))
	eval mb_logrange("x", XLO, XHI)
	eval mb_panels(0)
}
