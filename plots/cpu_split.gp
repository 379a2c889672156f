# plots/cpu_split.gp: where the time goes, per series, from `mapbench
# summarize`: user and system CPU time per GiB read (stacked bars, medians)
# against the wall time per GiB (diamond). Wall above user + system: waiting
# (I/O, page-cache misses); below: several threads. A sequential scan of the
# largest file, at the largest block size measured for it (named in the
# title); one panel per cache state.
#
#   gnuplot -c plots/cpu_split.gp SUMMARY.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

eval mb_need("series method pattern cache file_size_bytes block_size_bytes user_ms_per_gib_median sys_ms_per_gib_median wall_ms_per_gib_median")

fkeep(x) = strcol("pattern") eq "seq" && column("user_ms_per_gib_median") >= 0 && column("sys_ms_per_gib_median") >= 0
eval mb_file_facts("no seq rows of a file method with CPU times")
eval MB_PICK_LARGEST
MB_NR = 1
MB_NC = words(MB_CACHES)

prow(x) = (fkeep(x) && mb_at_point(x)) ? 1 : 0
pcol(x) = mb_cachecol(x)
pkeep(x) = 1
f1(x) = column("user_ms_per_gib_median")
f2(x) = column("sys_ms_per_gib_median")
f3(x) = column("wall_ms_per_gib_median")
eval mb_extract("no seq rows with CPU times")

eval MB_SERIES_ROWS
MB_KEYW = 170
MB_TITLE = sprintf("CPU and wall time per GiB read (median): seq, file %s, block %s", mb_bytes(MB_PSZ), mb_bytes(MB_PBS))
ptitle(r, c) = sprintf("%s cache", word(MB_CACHES, c))
# Each panel its own scale: cold and warm times differ by orders of magnitude.
psetup(r, c) = mb_series_yaxis(c).'; set xrange [0:*]; set offsets 0, graph 0.08, 0, 0'
MB_XLABEL = "time per GiB read (ms/GiB)"
# user from 0, system stacked on it (hatched), wall time as a diamond.
MB_PLOT = mb_bars("0", "$1", "").', '.mb_bars("$1", "$1 + $2", "pattern 4").', ' \
	.'for [w in P] mb_block(r, c, w + 0) using 3:(mb_place(w + 0)) with points pt 13 ps 1.3 lc rgb "#202020"'
MB_KEYDRAW = 'plot NaN, keyentry with boxes fs solid 0.85 border lc rgb "#606060" lc rgb "#606060" title "user CPU", ' \
	.'keyentry with boxes fs pattern 4 border lc rgb "#606060" lc rgb "#606060" title "system CPU", ' \
	.'keyentry with points pt 13 ps 1.3 lc rgb "#202020" title "wall time"'
do for [MB_OUT in MB_OUTS] {
	eval mb_open(MB_PADL1 + MB_NC * 480 + MB_KEYW, MB_TOPH0 + mb_series_h(0))
	eval mb_panels(0)
}
