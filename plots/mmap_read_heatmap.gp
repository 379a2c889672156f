# plots/mmap_read_heatmap.gp: where mmap beats read, over file size (across)
# × block size (up), from `mapbench ratio --by method --num mmap --den read`.
# Each cell is the ratio of median throughputs, coloured on a diverging log
# scale centred on 1 (clamped to 0.25..4; red: the numerator wins, blue: the
# denominator, as their line colours), labelled with its value and "~" when
# the difference is not significant. Grey: not measured. Panels: cache state
# (and result set, when several) across, pattern down.
#
#   gnuplot -c plots/mmap_read_heatmap.gp RATIO.csv OUT.png|OUT.svg|OUT [SERIES]
#
# SERIES: the numerator's series to show (e.g. "mmap advice=random"); by
# default the numerator's default variant (series = the num value), else the
# first series in the file.
MB_USAGE = " [SERIES]"
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2
SHOW = (ARGC >= 3) ? ARG3 : ""

eval mb_need("series pattern cache file_size_bytes block_size_bytes by num den ratio significant")
eval MB_RATIO_WHAT
eval mb_skip_if(MB_BY ne "method", "not a method ratio (by ".MB_BY.")")

# The series shown.
ALL = ""
each(x) = mb_pos(column("ratio")) ? (ALL = mb_add(ALL, strcol("series")), 0) : 0
eval MB_PASS
eval mb_skip_if(ALL eq "", "no ratio rows")
if (SHOW eq "") { SHOW = mb_has(ALL, MB_NUM) ? MB_NUM : word(ALL, 1) }
eval mb_skip_if(!mb_has(ALL, SHOW), "no rows of series ".SHOW)

# Panels: patterns down; cache states across, repeated per result set.
fkeep(x) = mb_pos(column("ratio")) && strcol("series") eq SHOW
colkey(x) = strcol("cache").mb_whosuffix(x)
eval MB_FACTS
SETS = ""
KEYS = ""
each(x) = fkeep(x) ? (SETS = mb_add(SETS, mb_whosuffix(x)), KEYS = mb_add(KEYS, colkey(x)), 0) : 0
eval MB_PASS
PCOLS = MB_CACHES
if (SETS ne "") {
	PCOLS = ""
	do for [rs in SETS] { do for [cache in MB_CACHES] { if (mb_has(KEYS, cache.rs)) { PCOLS = PCOLS.' '.mb_q(cache.rs) } } }
}
# "warm ext4" -> "warm cache, ext4"
ctitle(k) = strstrt(k, " ") ? k[1:strstrt(k, " ") - 1]." cache,".k[strstrt(k, " "):] : k." cache"
MB_NR = words(MB_PATS)
MB_NC = words(PCOLS)
SIZES = mb_nsort(MB_SIZES)
BLOCKS = mb_nsort(MB_BLOCKS)

# Cells: f1, f2 = position of the file and block size; f3 = colour (clamped
# ratio), f4 = ratio, f5 = 1 when significant.
prow(x) = fkeep(x) ? mb_idx(MB_PATS, strcol("pattern")) : 0
pcol(x) = mb_idx(PCOLS, colkey(x)) > 0 ? mb_idx(PCOLS, colkey(x)) : -1
pkeep(x) = 1
CBLO = 0.25
CBHI = 4
f1(x) = mb_rank(SIZES, column("file_size_bytes"))
f2(x) = mb_rank(BLOCKS, column("block_size_bytes"))
f3(x) = column("ratio") < CBLO ? CBLO : column("ratio") > CBHI ? CBHI : column("ratio")
f4(x) = column("ratio")
f5(x) = strcol("significant") eq "yes"
eval mb_extract("no ratio rows")

# Cell text: the ratio, "~" when not significant; white on the darkest cells.
cell(r, s) = sprintf("%.2f×%s", r, s > 0.5 ? "" : " ~")
ink(r) = (r < 0.4 || r > 2.5) ? 0xffffff : 0x202020

MB_PADL = 60
MB_PADB = 56
MB_KEYW = 150
PW = MB_PADL + MB_PADR + 26 + words(SIZES) * 76
PH = MB_PADT + MB_PADB + 40 + words(BLOCKS) * 44
MB_NOTE = "~ not significant (Mann-Whitney p ≥ 0.05)     grey: not measured     colours clamped to 0.25..4"
MB_TITLE = sprintf("%s ÷ %s throughput, series %s (ratio of medians)", MB_NUM, MB_DEN, SHOW)
ptitle(r, c) = sprintf("%s, %s", word(MB_PATS, r), ctitle(word(PCOLS, c)))
MB_XLABEL = "file size (bytes)"
MB_YLABEL = "block size (bytes)"
# A panel holds one series: its cells, then their text.
MB_PLOT = 'mb_block(r, c, word(P, 1) + 0) using 1:2:($1 - 0.5):($1 + 0.5):($2 - 0.5):($2 + 0.5):3 with boxxyerror ' \
	.'fs solid 1 border lc rgb "white" lc palette, ' \
	.'mb_block(r, c, word(P, 1) + 0) using 1:2:(cell($4, $5)):(ink($4)) with labels tc rgb variable'
# The key strip holds the colour bar alone.
MB_KEYDRAW = 'unset key; unset object 1; set logscale cb; set cbtics ("0.25" 0.25, "0.5" 0.5, "1" 1, "2" 2, "4" 4); ' \
	.'set colorbox user origin screen (MB_W - MB_KEYW + 24.) / MB_W, screen (MB_PADB + 0.) / MB_H ' \
	.'size screen 18. / MB_W, screen (MB_H - MB_TOPH - MB_PADT - MB_PADB + 0.) / MB_H; plot NaN lc palette cb 1'
do for [MB_OUT in MB_OUTS] {
	eval mb_open(PW * MB_NC + MB_KEYW, MB_TOPH0 + PH * MB_NR)
	set xrange [0.5 : words(SIZES) + 0.5]
	set yrange [0.5 : words(BLOCKS) + 0.5]
	eval mb_cattics("x", mb_bytes_list(SIZES))
	eval mb_cattics("y", mb_bytes_list(BLOCKS))
	set tics scale 0
	unset grid
	set border 0
	set logscale cb
	set cbrange [CBLO : CBHI]
	set palette defined (0 "#3b6fa8", 0.25 "#92c5de", 0.5 "#f7f7f7", 0.75 "#f4a582", 1 "#c0392b")
	set cblabel sprintf("%s ÷ %s throughput (>1: %s wins)", MB_NUM, MB_DEN, MB_NUM) offset 1, 0
	set object 1 rectangle from graph 0, graph 0 to graph 1, graph 1 behind fc rgb "#e8e8e8" fs solid 1 noborder
	unset colorbox
	eval mb_panels(0)
}
