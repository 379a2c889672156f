# plots/style.gp: the shared look and helpers of mapbench's charts.
#
# Every chart starts with these two lines, which find this file next to the
# chart and pass it the chart's own arguments (`load` would hide them):
#
#   mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
#   call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2
#
# and is run as `gnuplot -c plots/NAME.gp IN.csv OUT.png|OUT.svg|OUT [EXTRA]`.
# gnuplot reads the CSV files itself, by column name; every number drawn
# comes from mapbench (summarize, ratio, run --lat-out): nothing is
# aggregated here, only selected (which rows, which panel) and laid out.
#
# OUT's extension chooses the format (pngcairo or svg); an OUT without one
# gets both, OUT.png and OUT.svg, from one reading of the data.
#
# Exit status: 0 chart written; 2 usage error; MB_SKIP (4) the data cannot
# support the chart: one line `skip: NAME: reason` on stderr and no output
# file (charts check before they open it); 1 a gnuplot error.
#
# Contents: arguments; word lists; reading the CSV; facts about the rows
# (panels, sizes, who measured); extraction into datablocks; colours and
# line styles per method; axes; canvas, panels and keys; drawing the panels
# (line charts by default); horizontal (one row per series) charts.
#
# Helpers that run commands are strings, or functions returning strings, run
# with `eval`. MB_* and mb_* names are this file's. A chart defines hooks:
# each (for MB_PASS), rkeep (mb_reduce), fkeep (MB_FACTS), prow, pcol, pkeep
# and f1..f5 (MB_EXTRACT), ptitle, and if it wants psetup, pset, MB_PLOT and
# MB_KEYDRAW (mb_panels).

# --- Arguments ---------------------------------------------------------------

MB_SELF = ARG1
MB_IN = ARG2
MB_OUT = ARG3
mb_base(p) = p[strlen(mb_dir(p)) + 1:]
mb_stem(s) = (strlen(s) > 3 && s[strlen(s) - 2:] eq ".gp") ? s[1:strlen(s) - 3] : s
mb_ext_of(s) = (strstrt(s, ".") == 0) ? s : mb_ext_of(s[strstrt(s, ".") + 1:])
mb_ext(p) = (strstrt(mb_base(p), ".") > 0) ? mb_ext_of(mb_base(p)) : ""
MB_NAME = mb_stem(mb_base(MB_SELF))
MB_SKIP = 4
if (!exists("MB_USAGE")) { MB_USAGE = "" }
if (MB_IN eq "" || MB_OUT eq "" || (mb_ext(MB_OUT) ne "png" && mb_ext(MB_OUT) ne "svg" && mb_ext(MB_OUT) ne "")) {
	print sprintf("usage: gnuplot -c %s IN.csv OUT.png|OUT.svg|OUT%s  (OUT without extension: both)", MB_SELF, MB_USAGE)
	exit status 2
}
# The files to draw: OUT, or OUT.png and OUT.svg. A chart draws each in turn:
# do for [MB_OUT in MB_OUTS] { eval mb_open(w, h); ... unset multiplot }
MB_OUTS = '"'.MB_OUT.((mb_ext(MB_OUT) eq "") ? '.png" "'.MB_OUT.'.svg"' : '"')

# `eval mb_skip("why")`: the one-line skip message, then exit MB_SKIP.
mb_skip(why) = (MB_WHY = why, 'unset print; print "skip: ".MB_NAME.": ".MB_WHY; exit status MB_SKIP')
mb_skip_if(cond, why) = cond ? mb_skip(why) : ""

set encoding utf8

# --- Word lists ----------------------------------------------------------------
# A list is a string of double-quoted words, ' "mmap" "mmap advice=random"':
# word(), words() and `for [w in L]` keep a quoted word whole. Values never
# hold '"'. Loops are `sum [...]` with side effects (no deep recursion).

mb_q(v) = '"'.v.'"'
mb_has(L, v) = strstrt(L, mb_q(v)) > 0
mb_add(L, v) = (v eq "" || mb_has(L, v)) ? L : L.' '.mb_q(v)
# Position (1..) of v in L, 0 if absent.
mb_idx(L, v) = mb_has(L, v) ? words(L[1:strstrt(L, mb_q(v)) - 1]) + 1 : 0
# The words of P that are in L (in P's order), then the rest of L.
mb_order(L, P) = (MB_T = "", \
	sum [mb_i=1:words(P)] (mb_has(L, word(P, mb_i)) ? (MB_T = MB_T.' '.mb_q(word(P, mb_i)), 0) : 0), \
	sum [mb_i=1:words(L)] (mb_has(P, word(L, mb_i)) ? 0 : (MB_T = MB_T.' '.mb_q(word(L, mb_i)), 0)), MB_T)
# A list of distinct numbers, sorted ascending.
mb_nsort(L) = (MB_T = "", MB_PREV = -1e300, sum [mb_k=1:words(L)] (MB_LEAST = 1e300, \
	sum [mb_j=1:words(L)] ((word(L, mb_j) + 0 > MB_PREV && word(L, mb_j) + 0 < MB_LEAST) ? (MB_LEAST = word(L, mb_j) + 0, 0) : 0), \
	MB_PREV = MB_LEAST, MB_T = MB_T.' '.mb_q(sprintf("%.0f", MB_LEAST)), 0), MB_T)
mb_nfirst(L) = word(mb_nsort(L), 1) + 0
mb_nlast(L) = word(mb_nsort(L), words(L)) + 0
# Rank (1..) of the number v among the numbers of L.
mb_rank(L, v) = 1 + sum [mb_i=1:words(L)] (word(L, mb_i) + 0 < v ? 1 : 0)
# The longest word of L, in characters.
mb_maxlen(L) = (MB_LEAST = 0, sum [mb_i=1:words(L)] (strlen(word(L, mb_i)) > MB_LEAST ? (MB_LEAST = strlen(word(L, mb_i)), 0) : 0), MB_LEAST)
# "a", "a and b" or "N <what>s", for titles.
mb_several(L, what) = words(L) == 0 ? "" : words(L) == 1 ? word(L, 1) : \
	words(L) == 2 ? word(L, 1)." and ".word(L, 2) : sprintf("%d %ss", words(L), what)
# Fields of "a/b/c" (file size and block size pairs are kept this way).
mb_head(t) = t[1:strstrt(t, "/") - 1]
mb_tail(t) = t[strstrt(t, "/") + 1:]

# --- Reading the CSV -----------------------------------------------------------

set datafile separator comma
set datafile columnheaders

# `eval mb_read_header(f)`: the column names of file f into MB_COLS (empty
# when f has no data row). Lines are counted first, the header read as data,
# so that a file without data rows draws no warning.
mb_hdr1(i) = (MB_H1 = columnhead(i), MB_H1 eq "" ? 0 : (MB_COLS = MB_COLS.' '.mb_q(MB_H1), 0))
mb_read_header(f) = (MB_HFILE = f, 'MB_COLS = ""; MB_NL = 0; set datafile nocolumnheaders; set table $mb_junk; ' \
	.'plot MB_HFILE every ::0::1 using (0):(0):(0) with table if (MB_NL = MB_NL + 1, 0); unset table; ' \
	.'set datafile columnheaders; if (MB_NL > 1) { set table $mb_junk; ' \
	.'plot MB_HFILE every ::0::0 using (0):(0):(0) with table if (sum [mb_i=1:1000] mb_hdr1(mb_i), 0); unset table }')
mb_hascol(c) = mb_has(MB_COLS, c)
# The first of the names in L that is not a column, or "".
mb_missing(L) = (MB_T = "", sum [mb_i=1:words(L)] ((MB_T eq "" && !mb_hascol(word(L, mb_i))) ? (MB_T = word(L, mb_i), 0) : 0), MB_T)
# `eval mb_need("col col ...")`: reads IN's header; skips the chart unless IN
# has rows and these columns.
mb_need1(L) = (MB_COLS eq "") ? mb_skip("no data rows in ".MB_IN) : \
	(mb_missing(L) ne "") ? mb_skip("no column ".mb_missing(L)." in ".MB_IN) : ""
mb_need(L) = (MB_NEED = L, mb_read_header(MB_IN).'; eval mb_need1(MB_NEED)')
mb_str(c) = mb_hascol(c) ? strcol(c) : ""

# A pass over IN calling each(0) on every row, for its side effects: define
# each(x), then `eval MB_PASS`.
MB_PASS = 'set datafile columnheaders; set table $mb_junk; plot MB_IN using (0):(0):(0) with table if (each(0), 0); unset table'

# `eval mb_reduce("col col ...")`, for large files: the rows of IN where the
# chart's rkeep(x) holds, with only these columns, into a datablock that then
# becomes IN (header included), so the passes that follow read less.
mb_rexpr(L) = (MB_T = "", sum [mb_i=1:words(L)] (MB_T = MB_T.'.strcol("'.word(L, mb_i).'").","', 0), '""'.MB_T)
mb_rhead(L) = (MB_T = "", sum [mb_i=1:words(L)] (MB_T = MB_T.word(L, mb_i).",", 0), MB_T)
mb_reduce(L) = 'MB_RN = 0; set datafile columnheaders; set table $mb_rows; plot MB_IN using ' \
	.'(MB_RK = rkeep(0), MB_RN = MB_RN + MB_RK, MB_RK ? '.mb_rexpr(L).' : "") with table if (MB_RK); unset table; ' \
	.'set print $mb_in; print '.mb_q(mb_rhead(L)).'; if (MB_RN > 0) { print $mb_rows }; unset print; ' \
	.'MB_IN = "$mb_in"; eval mb_read_header(MB_IN)'

mb_mm(v) = (v == v) ? (MB_MIN = (v < MB_MIN ? v : MB_MIN), MB_MAX = (v > MB_MAX ? v : MB_MAX), 0) : 0
mb_or(v, d) = (v == v) ? v : d
mb_pos(v) = (v == v && v > 0)

# Ratio files (mapbench ratio): what is compared, MB_BY, MB_NUM and MB_DEN
# (one value each, normally; several are named as such).
mb_what(x) = (MB_BYS = mb_add(MB_BYS, strcol("by")), MB_NUMS = mb_add(MB_NUMS, strcol("num")), \
	MB_DENS = mb_add(MB_DENS, strcol("den")), 0)
MB_RATIO_WHAT = 'MB_BYS = ""; MB_NUMS = ""; MB_DENS = ""; each(x) = mb_what(x); '.MB_PASS \
	.'; MB_BY = mb_several(MB_BYS, "field"); MB_NUM = mb_several(MB_NUMS, "value"); MB_DEN = mb_several(MB_DENS, "value")'

# --- Facts about the rows ---------------------------------------------------------
# `eval MB_FACTS`, one pass over the rows where the chart's fkeep(x) holds:
# patterns (MB_PATS, seq first) and cache states (MB_CACHES, warm first) for
# the panels, file sizes (MB_SIZES), block sizes (MB_BLOCKS) and the
# pattern/size/block triples measured (MB_TRIPLES), and who measured them
# (MB_HOSTS, MB_KERNELS, MB_FSS, MB_CPUS, MB_HVS: added to, so a chart may
# first read them from another file with MB_WHO).

MB_PAT_ORDER = '"seq" "rand"'
MB_CACHE_ORDER = '"warm" "warm-4k" "cold"'
MB_HOSTS = ""
MB_KERNELS = ""
MB_FSS = ""
MB_CPUS = ""
MB_HVS = ""
# A row's CPU as family/model/stepping ("26/2/1"), "" when not recorded.
mb_cpu(x) = (mb_str("cpu_family") eq "") ? "" : mb_str("cpu_family")."/".mb_str("cpu_model_id")."/".mb_str("cpu_stepping")
mb_who(x) = (MB_HOSTS = mb_add(MB_HOSTS, mb_str("host")), MB_KERNELS = mb_add(MB_KERNELS, mb_str("kernel")), \
	MB_FSS = mb_add(MB_FSS, mb_str("fs_type")), MB_CPUS = mb_add(MB_CPUS, mb_cpu(x)), \
	MB_HVS = mb_add(MB_HVS, mb_str("hypervisor")), 0)
MB_WHO = 'each(x) = mb_who(x); '.MB_PASS
mb_facts(x) = (MB_PATS = mb_add(MB_PATS, strcol("pattern")), \
	MB_CACHES = (strcol("method") eq "memread") ? MB_CACHES : mb_add(MB_CACHES, strcol("cache")), \
	MB_SIZES = mb_add(MB_SIZES, strcol("file_size_bytes")), MB_BLOCKS = mb_add(MB_BLOCKS, strcol("block_size_bytes")), \
	MB_TRIPLES = mb_add(MB_TRIPLES, strcol("pattern")."/".strcol("file_size_bytes")."/".strcol("block_size_bytes")), \
	MB_QUADS = (strcol("method") eq "memread") ? MB_QUADS : \
		mb_add(MB_QUADS, strcol("pattern")."/".strcol("block_size_bytes")."/".strcol("cache")."/".strcol("file_size_bytes")), mb_who(x))
MB_FACTS = 'MB_PATS = ""; MB_CACHES = ""; MB_SIZES = ""; MB_BLOCKS = ""; MB_TRIPLES = ""; MB_QUADS = ""; each(x) = fkeep(x) ? mb_facts(x) : 0; ' \
	.MB_PASS.'; MB_PATS = mb_order(MB_PATS, MB_PAT_ORDER); MB_CACHES = mb_order(MB_CACHES, MB_CACHE_ORDER)'
# `eval mb_file_facts(why)`: MB_FACTS, skipping the chart with why unless
# some row of a file method (one with a cache state) is kept.
mb_file_facts(why) = (MB_WHY1 = why, 'eval MB_FACTS; eval mb_skip_if(MB_CACHES eq "", MB_WHY1)')
mb_tpat(t) = mb_head(t)
mb_tsize(t) = mb_head(mb_tail(t)) + 0
mb_tblock(t) = mb_tail(mb_tail(t)) + 0
# The panel column of a row: its cache state; memread, which reads no file
# and has no cache state, in every column.
mb_cachecol(x) = (strcol("method") eq "memread") ? 0 : (mb_idx(MB_CACHES, strcol("cache")) > 0 ? mb_idx(MB_CACHES, strcol("cache")) : -1)

# Which file and block size a panel shows, from MB_TRIPLES (no pass):
# `eval MB_PICK_BLOCKS`: per pattern of MB_PATS, the block size of its panels,
# mb_pblock(i): the one measured at the most file sizes and cache states by
# file methods (MB_QUADS), so a block run at one size only does not make a
# one-point panel; on a tie the smallest for rand (the latency-bound case),
# the largest otherwise (the streaming case). Without file methods, the
# smallest or largest block. mb_pblock_ok(x): the row has it.
MB_PICK_BLOCKS = 'MB_PBLOCK = ""; do for [mb_p in MB_PATS] { MB_MIN = 1e300; MB_MAX = -1e300; MB_BEST = -1; MB_BESTN = 0; ' \
	.'do for [mb_t in MB_TRIPLES] { if (mb_tpat(mb_t) eq mb_p) { MB_DUMMY = mb_mm(mb_tblock(mb_t)); MB_B = mb_tblock(mb_t); MB_CNT = 0; ' \
	.'do for [mb_u in MB_QUADS] { if (strstrt(mb_u, sprintf("%s/%.0f/", mb_p, MB_B)) == 1) { MB_CNT = MB_CNT + 1 } }; ' \
	.'if (MB_CNT > MB_BESTN || (MB_CNT == MB_BESTN && MB_CNT > 0 && (mb_p eq "rand" ? MB_B < MB_BEST : MB_B > MB_BEST))) { MB_BEST = MB_B; MB_BESTN = MB_CNT } } }; ' \
	.'MB_PBLOCK = MB_PBLOCK.sprintf(" %.0f", MB_BEST >= 0 ? MB_BEST : (mb_p eq "rand" ? MB_MIN : MB_MAX)) }'
mb_pblock(i) = word(MB_PBLOCK, i) + 0
mb_pblock_ok(x) = (column("block_size_bytes") == mb_pblock(mb_idx(MB_PATS, strcol("pattern"))))
# `eval MB_PICK_LARGEST`: MB_PSZ the largest file size, MB_PBS the largest
# block size measured with it. `eval MB_PICK_SMALLEST_BLOCK`: MB_PBS the
# smallest block size, MB_PSZ the largest file measured with it. Then
# mb_at_point(x): the row has both.
MB_PICK_LARGEST = 'MB_PSZ = 0; MB_PBS = 0; do for [mb_t in MB_TRIPLES] { if (mb_tsize(mb_t) > MB_PSZ) { MB_PSZ = mb_tsize(mb_t) } }; ' \
	.'do for [mb_t in MB_TRIPLES] { if (mb_tsize(mb_t) == MB_PSZ && mb_tblock(mb_t) > MB_PBS) { MB_PBS = mb_tblock(mb_t) } }'
MB_PICK_SMALLEST_BLOCK = 'MB_PSZ = 0; MB_PBS = 1e300; do for [mb_t in MB_TRIPLES] { if (mb_tblock(mb_t) < MB_PBS) { MB_PBS = mb_tblock(mb_t) } }; ' \
	.'do for [mb_t in MB_TRIPLES] { if (mb_tblock(mb_t) == MB_PBS && mb_tsize(mb_t) > MB_PSZ) { MB_PSZ = mb_tsize(mb_t) } }'
mb_at_point(x) = (column("file_size_bytes") == MB_PSZ && column("block_size_bytes") == MB_PBS)

# --- Extraction into datablocks ----------------------------------------------------
# The chart defines, for the current row:
#   prow(x), pcol(x)  its panel's row (0: not drawn, -1: every row) and column
#                     (-1: not drawn, 0: every column, e.g. memread)
#   pkeep(x)          whether its values can be drawn
#   f1(x)..f5(x)      the values to draw (f3..f5 default to 0)
# `eval MB_EXTRACT` (one pass over IN) writes $mb_all (row, column, series
# index, f1..f5), the series in MB_S and their methods in MB_M, and counts
# the rows in MB_NPTS. `eval mb_split(NR, NC)` then writes one datablock per
# panel and series, named mb_block(r, c, i), holding f1..f5, notes which
# series each panel has, mb_present(r, c), and orders the series for keys.
# Each series' rows are contiguous, so lines never break at other series.

# The series of a row: the `series` label, plus the host, kernel,
# filesystem, CPU or hypervisor when the data holds several (concatenated
# result sets).
mb_whosuffix(x) = (words(MB_HOSTS) > 1 ? " @".strcol("host") : "") \
	.(words(MB_KERNELS) > 1 ? " ".strcol("kernel") : "").(words(MB_FSS) > 1 ? " ".strcol("fs_type") : "") \
	.(words(MB_CPUS) > 1 ? " cpu ".mb_cpu(x) : "").(words(MB_HVS) > 1 ? " ".mb_str("hypervisor") : "")
mb_series(x) = mb_str("series").mb_whosuffix(x)
mb_note(s, m) = mb_has(MB_S, s) ? 0 : (MB_S = MB_S.' '.mb_q(s), MB_M = MB_M.' '.mb_q(m), 0)
mb_sid(x) = (MB_SNAME = mb_series(x), mb_note(MB_SNAME, mb_str("method")), mb_idx(MB_S, MB_SNAME))
mb_n(v) = (v == v) ? sprintf("%.10g", v) : "NaN"
f3(x) = 0
f4(x) = 0
f5(x) = 0
mb_row(x) = (MB_R = prow(x), MB_C = (MB_R != 0 ? pcol(x) : -1), \
	MB_KEEP = (MB_R != 0 && MB_C >= 0 && pkeep(x)), \
	MB_KEEP ? (MB_SID = mb_sid(x), mb_run(0), MB_NPTS = MB_NPTS + 1) : 0, MB_R)
mb_f(v) = MB_KEEP ? mb_n(v) : ""
# Runs: rows of $mb_all in a row with the same panel and series, as words
# "r/c/s/first/last" in MB_RUNS. Where the input keeps a series' rows
# together (latency histograms), a chart can draw each run straight from
# $mb_all (`every ::first::last`) instead of splitting.
mb_run(x) = (MB_KEY = sprintf("%d/%d/%d", MB_R, MB_C, MB_SID), (MB_KEY eq MB_LASTKEY) ? 0 : \
	(MB_RUNS = MB_RUNS.(MB_LASTKEY eq "" ? "" : sprintf("%d", MB_NPTS - 1)).' '.MB_KEY.sprintf("/%d/", MB_NPTS), MB_LASTKEY = MB_KEY, 0))
MB_EXTRACT = 'MB_S = ""; MB_M = ""; MB_NPTS = 0; MB_SID = 0; MB_C = 0; MB_RUNS = ""; MB_LASTKEY = ""; set datafile columnheaders; ' \
	.'set table $mb_all separator comma; plot MB_IN using (mb_row(0)):(MB_C):(MB_SID):(mb_f(f1(0))):(mb_f(f2(0))):' \
	.'(mb_f(f3(0))):(mb_f(f4(0))):(mb_f(f5(0))) with table if (MB_KEEP); unset table; set datafile nocolumnheaders; ' \
	.'MB_RUNS = MB_RUNS.(MB_LASTKEY eq "" ? "" : sprintf("%d", MB_NPTS - 1))'
mb_run_r(t) = mb_head(t) + 0
mb_run_c(t) = mb_head(mb_tail(t)) + 0
mb_run_s(t) = mb_head(mb_tail(mb_tail(t))) + 0
mb_run_a(t) = mb_head(mb_tail(mb_tail(mb_tail(t)))) + 0
mb_run_b(t) = mb_tail(mb_tail(mb_tail(mb_tail(t)))) + 0
# The runs drawn in panel (r, c).
mb_runs(r, c) = (MB_T = "", sum [mb_i=1:words(MB_RUNS)] (MB_T4 = word(MB_RUNS, mb_i), \
	((mb_run_r(MB_T4) == r || mb_run_r(MB_T4) == -1) && (mb_run_c(MB_T4) == c || mb_run_c(MB_T4) == 0)) ? (MB_T = MB_T.' '.MB_T4, 0) : 0), MB_T)
# `eval mb_extract(why)`: MB_EXTRACT, skipping the chart with why when no
# row is kept, then mb_split over the MB_NR x MB_NC grid.
mb_extract(why) = (MB_WHY0 = why, 'eval MB_EXTRACT; eval mb_skip_if(MB_NPTS == 0, MB_WHY0); eval mb_split(MB_NR, MB_NC)')
# `eval mb_measure("mib_per_s")`: f2 its median, f3..f4 the CI of the median
# (the median itself where the CI is empty), from a summary row.
mb_measure(m) = sprintf('f2(x) = column("%s_median"); f3(x) = mb_or(column("%s_ci_lo"), f2(x)); f4(x) = mb_or(column("%s_ci_hi"), f2(x))', m, m, m)
mb_block(r, c, i) = sprintf('$mb_%d_%d_%d', r, c, i)
mb_in_panel(r, c) = ((column(1) == r || column(1) == -1) && (column(2) == c || column(2) == 0)) ? (MB_SEEN = MB_SEEN + 1, 1) : 0
mb_in_series(i) = (column(1) == i) ? (MB_SEEN = MB_SEEN + 1, 1) : 0
mb_split(nr, nc) = sprintf('set datafile nocolumnheaders; MB_PRESENT = " "; do for [mb_r=1:%d] { do for [mb_c=1:%d] { ', nr, nc) \
	.'MB_SEEN = 0; set table $mb_panel separator comma; plot $mb_all using (column(3)):(column(4)):(column(5)):(column(6)):' \
	.'(column(7)):(column(8)) with table if (mb_in_panel(mb_r, mb_c)); unset table; if (MB_SEEN > 0) { ' \
	.'do for [mb_s=1:words(MB_S)] { MB_SEEN = 0; eval "set table ".mb_block(mb_r, mb_c, mb_s)." separator comma"; ' \
	.'plot $mb_panel using (column(2)):(column(3)):(column(4)):(column(5)):(column(6)) with table if (mb_in_series(mb_s)); ' \
	.'unset table; if (MB_SEEN > 0) { MB_PRESENT = MB_PRESENT.sprintf("%d:%d:%d ", mb_r, mb_c, mb_s) } } } } }; eval MB_SERIES_ORDER'
mb_present(r, c) = (MB_T = "", sum [mb_i=1:words(MB_S)] \
	(strstrt(MB_PRESENT, sprintf(" %d:%d:%d ", r, c, mb_i)) > 0 ? (MB_T = MB_T.sprintf(" %d", mb_i), 0) : 0), MB_T)
# `eval mb_range(k)`: MB_MIN and MB_MAX of column k of $mb_all (f1 is 4).
mb_range(k) = 'MB_MIN = 1e300; MB_MAX = -1e300; set datafile nocolumnheaders; set table $mb_junk; ' \
	.'plot $mb_all using (0):(0):(0) with table if (mb_mm(column('.k.')), 0); unset table'

# --- Colours and line styles -----------------------------------------------------
# One colour per method in every chart. Variants of a method (another
# series, same method: other advice, threads, queue depth...) keep its
# colour and differ in dash type, point type and (bars) shade. An unknown
# method gets a colour from its name, so a new method needs no chart change.

mb_known(m) = m eq "memread" ? 0x6e6e6e : m eq "read" ? 0x1f77b4 : m eq "pread" ? 0x2ca02c : \
	m eq "readv" ? 0x17becf : m eq "preadv" ? 0x0b6e4f : m eq "odirect" ? 0x8c564b : \
	m eq "dontcache" ? 0xbcbd22 : m eq "uring" ? 0x9467bd : m eq "mmap" ? 0xd62728 : \
	m eq "mmap-private" ? 0xff7f0e : m eq "mmap-window" ? 0xe377c2 : -1
MB_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-_."
mb_hash(s) = (MB_HV = 7, sum [mb_i=1:strlen(s)] (MB_HV = (31 * MB_HV + strstrt(MB_CHARS, s[mb_i:mb_i])) % 65521, 0), MB_HV)
# Spare colours, away from the known ones: 0x393b79 0x637939 0x8c6d31 0x843c39 0x7b4173 0x000000 0xe7ba52 0xa55194.
mb_spare(k) = word("3750777 6519097 9202993 8666169 8077683 0 15186514 10834324", k % 8 + 1) + 0
mb_rgb(m) = (mb_known(m) >= 0) ? mb_known(m) : mb_spare(mb_hash(m))
mb_method(i) = word(MB_M, i)
mb_mem(i) = (mb_method(i) eq "memread")
# How many series before series i have its method: 0 for the first variant.
mb_var(i) = sum [mb_j=1:i - 1] (word(MB_M, mb_j) eq word(MB_M, i) ? 1 : 0)
mb_lc(i) = mb_rgb(mb_method(i))
mb_dt(i) = mb_mem(i) ? word("2 4 5 3", mb_var(i) % 4 + 1) + 0 : word("1 2 4 3 5", mb_var(i) % 5 + 1) + 0
mb_pt(i) = word("7 5 9 11 13 15 4 6", mb_var(i) % 8 + 1) + 0
mb_lw(i) = mb_mem(i) ? 3 : 1.6
mb_ps(i) = mb_mem(i) ? 0.6 : 0.9
mb_fill(i) = word("0.85 0.45 0.25 0.65 0.15", mb_var(i) % 5 + 1) + 0
# memread is the in-memory reference: the physical limit.
mb_title(i) = mb_mem(i) ? word(MB_S, i)." (RAM limit)" : word(MB_S, i)
# Display order (keys, bar rows): grouped by method, methods in order of
# first appearance, a method's variants after it, memread last. mb_at(p) is
# the series shown at position p, mb_place(i) the position of series i.
mb_mkey(i) = mb_mem(i) ? 100000 : mb_idx(MB_M, word(MB_M, i))
mb_place_of(i) = 1 + sum [mb_j=1:words(MB_S)] ((mb_mkey(mb_j) < mb_mkey(i) || (mb_mkey(mb_j) == mb_mkey(i) && mb_j < i)) ? 1 : 0)
MB_SERIES_ORDER = 'MB_PLACE = ""; MB_AT = ""; do for [mb_i=1:words(MB_S)] { MB_PLACE = MB_PLACE.sprintf(" %d", mb_place_of(mb_i)) }; ' \
	.'do for [mb_p=1:words(MB_S)] { do for [mb_i=1:words(MB_S)] { if (word(MB_PLACE, mb_i) + 0 == mb_p) { MB_AT = MB_AT.sprintf(" %d", mb_i) } } }'
mb_place(i) = word(MB_PLACE, i) + 0
mb_at(p) = word(MB_AT, p) + 0
mb_sorted(x) = (MB_T = "", sum [mb_p=1:words(MB_S)] (MB_T = MB_T.' '.mb_q(word(MB_S, mb_at(mb_p))), 0), MB_T)

# --- Axes --------------------------------------------------------------------------

# Bytes as 4K, 64K, 1M, 1.5G (powers of 1024, as mapbench's --size).
mb_bytes(v) = v >= 2**40 ? sprintf("%gT", v / 2.**40) : v >= 2**30 ? sprintf("%gG", v / 2.**30) : \
	v >= 2**20 ? sprintf("%gM", v / 2.**20) : v >= 2**10 ? sprintf("%gK", v / 2.**10) : sprintf("%g", v)
# `eval mb_bytetics("x", L)`: tics at the byte sizes of L only (every other
# one beyond 12).
mb_bytetics(axis, L) = (MB_T2 = mb_nsort(L), MB_T3 = "", MB_STEP = (words(L) > 12 ? 2 : 1), \
	sum [mb_i=1:words(L)] ((mb_i - 1) % MB_STEP == 0 ? (MB_T3 = MB_T3.(MB_T3 eq "" ? "" : ", ") \
		.sprintf('"%s" %s', mb_bytes(word(MB_T2, mb_i) + 0), word(MB_T2, mb_i)), 0) : 0), \
	sprintf('set %stics (%s)', axis, MB_T3))
# The byte sizes of L, sorted, as a list of labels (64K 1M ...).
mb_bytes_list(L) = (MB_T2 = mb_nsort(L), MB_T3 = "", \
	sum [mb_i=1:words(L)] (MB_T3 = MB_T3.' '.mb_q(mb_bytes(word(MB_T2, mb_i) + 0)), 0), MB_T3)
# `eval mb_cattics("y", L)`: tics at 1..n labelled by the words of L.
mb_cattics(axis, L) = (MB_T3 = "", sum [mb_i=1:words(L)] (MB_T3 = MB_T3.(mb_i > 1 ? ", " : "") \
	.sprintf('%s %d', mb_q(word(L, mb_i)), mb_i), 0), sprintf('set %stics (%s)', axis, MB_T3))
# `eval mb_logrange("y", lo, hi)`: a log axis from lo to hi, padded.
mb_logrange(axis, lo, hi) = sprintf('set logscale %s; set %srange [%g:%g]; set format %s "%%g"', axis, axis, \
	10**(floor(3 * log10(lo) - 0.3) / 3.0), 10**(ceil(3 * log10(hi) + 0.3) / 3.0), axis)
# `eval mb_bytesaxis("x", L)`: a log2 axis over the byte sizes of L, tics at them.
mb_bytesaxis(axis, L) = sprintf('set logscale %s 2; set %srange [%g:%g]; ', axis, axis, mb_nfirst(L) / 1.6, mb_nlast(L) * 1.6) \
	.mb_bytetics(axis, L)

# `eval mb_ratioaxis("x", lo, hi)`: a log axis for ratios: tics at powers of
# two (and at 0.8, 1.25 when the range is narrow), of ten when it is wide.
mb_ratioaxis(axis, lo, hi) = sprintf('set logscale %s %d; set %srange [%g:%g]; set format %s "%%g"; set m%stics 2', \
	axis, hi / lo > 64 ? 10 : 2, axis, lo / 1.15, hi * 1.15, axis, axis) \
	.(hi / lo < 6 ? sprintf('; set %stics add (0.8, 1.25)', axis) : '')

# --- Canvas, panels and keys ---------------------------------------------------------
# A grid of MB_NR x MB_NC panels on a canvas of MB_W x MB_H pixels: the
# title on top (MB_TOPH), the key in a strip on the right (MB_KEYW), and in
# each panel room for tic labels (MB_PADL left, MB_PADB below; MB_PADL1 more
# left of the first column, for category labels). `eval mb_panel(r, c)`
# before each panel's plot.

MB_FONT = "DejaVu Sans"
MB_TITLE = ""
MB_NOTE = ""
MB_TOPH0 = 56
MB_TOPH = MB_TOPH0
MB_PADL = 80
MB_PADB = 50
MB_PADT = 30
MB_PADR = 18
MB_KEYW = 220
MB_PADL1 = 0
# Who measured, for titles: "host vm, kernel 6.18, ext4", "hosts a and b", "3 kernels"...
mb_who1(L, what) = (L eq "") ? "" : (words(L) > 2 ? mb_several(L, what) : what.(words(L) == 2 ? "s " : " ").mb_several(L, what))
mb_where(x) = (MB_HOSTS.MB_KERNELS.MB_FSS eq "") ? "" : mb_who1(MB_HOSTS, "host").", ".mb_who1(MB_KERNELS, "kernel").", " \
	.(words(MB_FSS) > 2 ? mb_several(MB_FSS, "filesystem") : mb_several(MB_FSS, "")) \
	.(words(MB_CPUS) > 1 ? ", ".mb_who1(MB_CPUS, "CPU") : "").(words(MB_HVS) > 1 ? ", ".mb_who1(MB_HVS, "hypervisor") : "")
mb_fulltitle(x) = MB_TITLE.(mb_where(0) eq "" ? "" : "  —  ".mb_where(0))
# `eval mb_open(w, h)`: a clean state, the terminal from MB_OUT's extension
# (w x h pixels, widened to fit the title, at least MB_MINH high, taller by a
# line for MB_NOTE), the output, the common look, and a multiplot titled
# MB_TITLE and who measured it (MB_NOTE under it, if set).
MB_MINH = 440
mb_open(w, h) = (MB_W = (w > 80 + 9 * strlen(mb_fulltitle(0)) ? w : 80 + 9 * strlen(mb_fulltitle(0))), \
	MB_TOPH = MB_TOPH0 + (MB_NOTE ne "" ? 12 : 0), MB_H = (h < MB_MINH ? MB_MINH : h) + MB_TOPH - MB_TOPH0, 'reset; set encoding utf8; ' \
	.'set datafile separator comma; set datafile nocolumnheaders; '.((mb_ext(MB_OUT) eq "svg") \
	? sprintf('set terminal svg size %d,%d dynamic noenhanced font "%s,11" background rgb "white"', MB_W, MB_H, MB_FONT) \
	: sprintf('set terminal pngcairo size %d,%d noenhanced font "%s,10" background rgb "white"', MB_W, MB_H, MB_FONT)) \
	.'; set output MB_OUT; '.MB_LOOK.'; set multiplot title mb_fulltitle(0) font ",13"')
MB_LOOK = 'set border 3 lc rgb "#404040"; set tics nomirror out scale 0.6; ' \
	.'set grid xtics ytics mxtics mytics lc rgb "#e4e4e4" lw 1, lc rgb "#f2f2f2" lw 1; set key noautotitle'
mb_cellw(nc) = (MB_W - MB_KEYW - MB_PADL1) / (1.0 * nc)
mb_cellh(nr) = (MB_H - MB_TOPH) / (1.0 * nr)
mb_panel_at(x0, x1, y0, y1) = sprintf('set lmargin at screen %.5f; set rmargin at screen %.5f; ' \
	.'set bmargin at screen %.5f; set tmargin at screen %.5f', x0 / (1.0 * MB_W), x1 / (1.0 * MB_W), y0 / (1.0 * MB_H), y1 / (1.0 * MB_H))
mb_panel(r, c) = mb_panel_at(MB_PADL1 + (c - 1) * mb_cellw(MB_NC) + MB_PADL, MB_PADL1 + c * mb_cellw(MB_NC) - MB_PADR, \
	MB_H - MB_TOPH - r * mb_cellh(MB_NR) + MB_PADB, MB_H - MB_TOPH - (r - 1) * mb_cellh(MB_NR) - MB_PADT)
# A panel without rows, still framed so the grid reads.
MB_EMPTY = 'set label 99 "no rows" at graph 0.5, graph 0.5 center tc rgb "#808080"; plot NaN notitle; unset label 99'
# `eval MB_NOTELABEL` (once, before the last plot): MB_NOTE under the title.
MB_NOTELABEL = 'set label 98 MB_NOTE at screen 0.5, screen (MB_H - 40.) / MB_H center font ",9" tc rgb "#505050"'

# The key strip's width (pixels) to fit the longest series title; the canvas
# is made tall enough (MB_MINH) for one entry per series.
mb_keyfit(x) = (MB_MINH = (MB_MINH > MB_TOPH0 + 100 + 21 * words(MB_S)) ? MB_MINH : MB_TOPH0 + 100 + 21 * words(MB_S), \
	80 + 7.2 * (mb_maxlen(MB_S) + (mb_has(MB_M, "memread") ? 12 : 0)))
# `eval MB_KEYPANEL`, then `plot NaN, <keyentry...>`: the key alone in the
# right-hand strip, top aligned with the first panel. MB_KEYLINES: one entry
# per series, as its line is drawn (points of size MB_KEYPS if >= 0).
MB_KEYPANEL = 'eval mb_panel_at(MB_W - MB_KEYW + 10, MB_W - 10, MB_PADB, MB_H - MB_TOPH - MB_PADT); ' \
	.'unset border; unset tics; unset grid; unset arrow; unset label; unset xlabel; unset ylabel; unset title; unset logscale; ' \
	.'set xrange [0:1]; set yrange [0:1]; eval MB_NOTELABEL; ' \
	.'set key at screen (MB_W - MB_KEYW + 12.) / MB_W, screen (MB_H - MB_TOPH - MB_PADT + 0.) / MB_H ' \
	.'left top Left reverse samplen 2.5 spacing 1.15 width 1 box lc rgb "#c0c0c0"'
MB_KEYPS = -1
MB_KEYLINES = 'for [mb_p=1:words(MB_S)] keyentry with linespoints lc rgb mb_lc(mb_at(mb_p)) dt mb_dt(mb_at(mb_p)) ' \
	.'lw mb_lw(mb_at(mb_p)) pt mb_pt(mb_at(mb_p)) ps (MB_KEYPS < 0 ? mb_ps(mb_at(mb_p)) : MB_KEYPS) title mb_title(mb_at(mb_p))'

# --- Drawing the panels ------------------------------------------------------------
# `eval mb_panels(0)`, after mb_open, draws the MB_NR x MB_NC grid. For each
# panel (r, c): mb_panel(r, c), the chart's psetup(r, c) (commands, "" by
# default), the title ptitle(r, c), MB_XLABEL under the last row, MB_YLABEL
# left of the first column, then `plot MB_PLOT`, which reads r, c and the
# words P of pset(r, c) (by default the series present, whose datablocks are
# mb_block(r, c, i)), or a framed "no rows". Then the key strip (MB_KEYPANEL,
# then MB_KEYDRAW; none when it is "") and the end of the multiplot.
#
# The default MB_PLOT draws line charts (f1 = x, f2 = y, f3..f4 = its
# interval): a line per series, sorted by x (smooth unique, so rows in any
# order draw right), with its error bars; MB_KEYDRAW their key.

MB_LINES = 'for [w in P] mb_block(r, c, w + 0) using 1:2 smooth unique with lines lc rgb mb_lc(w + 0) dt mb_dt(w + 0) lw mb_lw(w + 0), ' \
	.'for [w in P] mb_block(r, c, w + 0) using 1:2:3:4 with yerrorbars lc rgb mb_lc(w + 0) pt mb_pt(w + 0) ps mb_ps(w + 0) lw 1'
MB_PLOT = MB_LINES
MB_KEYDRAW = 'plot NaN, '.MB_KEYLINES
MB_XLABEL = ""
MB_YLABEL = ""
psetup(r, c) = ""
pset(r, c) = mb_present(r, c)
mb_panels(x) = 'do for [r=1:MB_NR] { do for [c=1:MB_NC] { eval mb_panel(r, c); eval psetup(r, c); set title ptitle(r, c); ' \
	.'set xlabel (r == MB_NR ? MB_XLABEL : ""); set ylabel (c == 1 ? MB_YLABEL : ""); P = pset(r, c); ' \
	.'if (P eq "") { eval MB_EMPTY } else { plot '.MB_PLOT.' } } }; ' \
	.(MB_KEYDRAW eq "" ? "" : 'eval MB_KEYPANEL; '.MB_KEYDRAW.'; ').'unset multiplot'
# The y range of a line chart: every interval (f3..f4) extracted.
MB_CI_RANGE = 'eval mb_range(6); MB_YLO = MB_MIN; eval mb_range(7); MB_YHI = MB_MAX'

# --- Horizontal charts: one row per series -------------------------------------------
# Series top to bottom in display order, labelled left of the first column
# only; series i is drawn at y = mb_place(i). `eval MB_SERIES_ROWS` before
# mb_open (room for the labels, a narrow key strip, no key); psetup(r, c) =
# mb_series_yaxis(c); mb_series_h(0) is a panel's height.

MB_SERIES_ROWS = 'MB_PADL = 24; MB_PADL1 = 10 + 7.5 * mb_maxlen(MB_S); MB_KEYW = 30; MB_KEYDRAW = ""'
mb_series_yaxis(c) = 'set yrange [words(MB_S) + 0.6 : 0.4]; set grid noytics nomytics; set mytics 1; ' \
	.(c == 1 ? mb_cattics("y", mb_sorted(0)) : 'set ytics ("" 1)')
mb_series_h(x) = MB_PADT + MB_PADB + 22 * words(MB_S) + 20
# For MB_PLOT: a bar per series from x0 to x1 (expressions of the columns,
# e.g. "0", "$1"), in its method's colour, filled with fill ("" for a solid
# fill shaded by variant, or e.g. "pattern 4").
mb_bars(x0, x1, fill) = 'for [w in P] mb_block(r, c, w + 0) using (0):(mb_place(w + 0)):('.x0.'):('.x1.'):' \
	.'(mb_place(w + 0) - 0.36):(mb_place(w + 0) + 0.36) with boxxyerror fs '.(fill eq "" ? 'solid mb_fill(w + 0)' : fill) \
	.' border lc rgb mb_lc(w + 0) lc rgb mb_lc(w + 0)'
