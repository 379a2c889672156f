# plots/faults_per_mib.gp: page faults per MiB read, per series, from
# `mapbench summarize`: how many minor faults (served from the page cache) and
# major faults (waited for I/O) each method takes for a sequential scan. Fault
# around, large folios (PMD mappings) and MADV_* advice show up here first.
# One file size and block size: the largest file, at the largest block size
# measured for it (named in the title). Columns: cache state; rows: minor,
# major.
#
#   gnuplot -c plots/faults_per_mib.gp SUMMARY.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

eval mb_need("series method pattern cache file_size_bytes block_size_bytes minflt_per_mib_median majflt_per_mib_median")

fkeep(x) = strcol("pattern") eq "seq" && (column("minflt_per_mib_median") >= 0 || column("majflt_per_mib_median") >= 0)
eval mb_file_facts("no seq rows of a file method with fault counts")
eval MB_PICK_LARGEST
MB_NR = 2
MB_NC = words(MB_CACHES)
FAULTS = '"minor faults (no I/O)" "major faults (waited for I/O)"'

prow(x) = (fkeep(x) && mb_at_point(x)) ? -1 : 0
pcol(x) = mb_cachecol(x)
pkeep(x) = 1
f1(x) = column("minflt_per_mib_median")
f2(x) = column("majflt_per_mib_median")
eval mb_extract("no seq rows with fault counts")
# One x range per kind of fault, shared by the cache states.
array XMAX[2]
do for [r=1:2] { eval mb_range(3 + r); XMAX[r] = MB_MAX > 0 ? MB_MAX * 1.2 : 1 }

eval MB_SERIES_ROWS
MB_TITLE = sprintf("Page faults per MiB read (median): seq, file %s, block %s", mb_bytes(MB_PSZ), mb_bytes(MB_PBS))
ptitle(r, c) = sprintf("%s, %s cache", word(FAULTS, r), word(MB_CACHES, c))
psetup(r, c) = mb_series_yaxis(c).sprintf('; set xrange [0 : %g]', XMAX[r])
MB_XLABEL = "faults per MiB read"
# Bars and their values; row 1 of panels shows column 1 (minor), row 2 column 2.
MB_PLOT = mb_bars("0", "column(r)", "").', for [w in P] mb_block(r, c, w + 0) using (column(r)):(mb_place(w + 0)):' \
	.'(sprintf(" %.3g", column(r))) with labels left font ",9"'
do for [MB_OUT in MB_OUTS] {
	eval mb_open(MB_PADL1 + MB_NC * 430 + MB_KEYW, MB_TOPH0 + MB_NR * mb_series_h(0))
	eval mb_panels(0)
}
