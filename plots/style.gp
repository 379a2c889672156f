# plots/style.gp: what mapbench's charts share: the calling convention and
# the skip protocol, reading a chart CSV, the colours and line styles of
# each method, fonts, terminals and the panel grid.
#
# Each chart draws the CSV `mapbench chart NAME` made for it: which rows,
# which panels, which series in what order, axis scales, ranges and tics,
# titles and the canvas size all come ready in it (docs/csv-schema.md,
# "Chart CSV"); nothing is selected or computed here. A chart script is
#
#   mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
#   call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2   # check the arguments, read IN
#   do for [MB_OUT in MB_OUTS] {                   # OUT.png, OUT.svg, or both
#       call MB_STYLE "open"                        # terminal, look, scales, title
#       do for [p=1:MB_NP] {
#           call MB_STYLE "panel" p                 # its place, title, ranges, tics
#           plot ...                                # its points: mb_x(p, s), mb_in(p)
#       }                                           # (line charts: "panel" p "lines")
#       call MB_STYLE "key" ["lines"|"steps"|"colorbar"] # the key strip (entries per series)
#       unset multiplot
#   }
#
# run as `gnuplot -c plots/NAME.gp IN.csv OUT.png|OUT.svg|OUT`, IN made by
# `mapbench chart NAME` (OUT without an extension: both, from one reading).
# Exit status: 0 written; 2 usage, or IN is no chart CSV of NAME; 4 (the
# skip protocol) IN has no rows: one line `skip: NAME: reason` on stderr and
# no output file; 1 a gnuplot error.
#
# What it reads, for the charts: MB_TITLE, MB_NOTE, MB_ZLABEL, MB_ZMIN,
# MB_ZMAX, the canvas MB_W x MB_H, the key strip MB_KEYL..MB_KEYR x
# MB_KEYB..MB_KEYT, the grid MB_NR x MB_NC (MB_NP panels); per series s
# (1..MB_NS, in key order) MB_SKEY[s], MB_SCOLOR[s], MB_SVAR[s], MB_SLIMIT[s];
# per panel, in "panel", its row MB_R and column MB_C. MB_* and mb_* are
# this file's names. Heatmaps call "heat" after "open": their colours, and
# mb_dark(v), true for a value whose cell is dark enough for white text.

MB_SECTION = (ARG1 eq "open" || ARG1 eq "panel" || ARG1 eq "key" || ARG1 eq "heat") ? ARG1 : "setup"

# --- setup: arguments, the look, reading IN --------------------------------------
if (MB_SECTION eq "setup") {
	MB_SELF = ARG1
	MB_IN = ARG2
	MB_OUT = ARG3
	MB_STYLE = mb_dir(MB_SELF)."style.gp"
	mb_base(p) = p[strlen(mb_dir(p)) + 1:]
	mb_stem(s) = (strlen(s) > 3 && s[strlen(s) - 2:] eq ".gp") ? s[1:strlen(s) - 3] : s
	mb_ext_of(s) = (strstrt(s, ".") == 0) ? s : mb_ext_of(s[strstrt(s, ".") + 1:])
	mb_ext(p) = (strstrt(mb_base(p), ".") > 0) ? mb_ext_of(mb_base(p)) : ""
	MB_NAME = mb_stem(mb_base(MB_SELF))
	MB_SKIP = 4
	if (MB_IN eq "" || MB_OUT eq "" || (mb_ext(MB_OUT) ne "png" && mb_ext(MB_OUT) ne "svg" && mb_ext(MB_OUT) ne "")) {
		print sprintf("usage: gnuplot -c %s IN.csv OUT.png|OUT.svg|OUT  (OUT without extension: both;", MB_SELF)
		print sprintf("       IN from: mapbench chart %s INPUT.csv > IN.csv)", MB_NAME)
		exit status 2
	}
	# The files to draw, each a word (quoted: paths may hold blanks).
	MB_OUTS = '"'.MB_OUT.((mb_ext(MB_OUT) eq "") ? '.png" "'.MB_OUT.'.svg"' : '"')

	# Look: fonts and colours. One colour per method, by the colour index mapbench
	# gives it (src/analyze/chart_model.c): memread, read, pread, readv,
	# preadv, odirect, dontcache, uring, mmap, mmap-private, mmap-window,
	# then 8 spares, away from those, for any other method (write-side
	# methods take a read method's: write read's, rmw-mmap mmap's...). A method's
	# variants (other advice, threads...) keep its colour and differ in dash
	# type, point type and bar shade; memread, the RAM limit, is drawn thicker.
	MB_FONT = "DejaVu Sans"
	array MB_RGB[19] = [0x6e6e6e, 0x1f77b4, 0x2ca02c, 0x17becf, 0x0b6e4f, 0x8c564b, 0xbcbd22, \
		0x9467bd, 0xd62728, 0xff7f0e, 0xe377c2, \
		0x393b79, 0x637939, 0x8c6d31, 0x843c39, 0x7b4173, 0x000000, 0xe7ba52, 0xa55194]
	array MB_DT[5] = [1, 2, 4, 3, 5]
	array MB_DT_LIMIT[4] = [2, 4, 5, 3]
	array MB_PT[8] = [7, 5, 9, 11, 13, 15, 4, 6]
	array MB_FILL[5] = [0.85, 0.45, 0.25, 0.65, 0.15]
	mb_lc(s) = MB_RGB[MB_SCOLOR[s] + 1]
	mb_dt(s) = MB_SLIMIT[s] ? MB_DT_LIMIT[MB_SVAR[s] % 4 + 1] : MB_DT[MB_SVAR[s] % 5 + 1]
	mb_pt(s) = MB_PT[MB_SVAR[s] % 8 + 1]
	mb_lw(s) = MB_SLIMIT[s] ? 3 : 1.6
	mb_ps(s) = MB_SLIMIT[s] ? 0.6 : 0.9
	mb_fill(s) = MB_FILL[MB_SVAR[s] % 5 + 1]

	# IN's first cells: its header's ("chart") and the chart's name.
	set encoding utf8
	set datafile separator comma
	set datafile nocolumnheaders
	array MB_FIRST[2]
	MB_NL = 0
	set table $mb_junk
	plot MB_IN every ::0::1 using (MB_NL = MB_NL + 1, MB_FIRST[MB_NL] = strcol(1), 0):(0) with table
	unset table
	if (MB_NL == 0 || MB_FIRST[1] ne "chart") {
		print sprintf("%s: %s is not a chart CSV (make it with: mapbench chart %s INPUT.csv)", MB_NAME, MB_IN, MB_NAME)
		exit status 2
	}
	if (MB_NL == 1) {
		print sprintf("skip: %s: no rows in %s", MB_NAME, MB_IN)
		exit status MB_SKIP
	}
	if (MB_FIRST[2] ne MB_NAME) {
		print sprintf("%s: %s holds the chart %s", MB_NAME, MB_IN, MB_FIRST[2])
		exit status 2
	}

	# Every row, by its place in IN: row 0 the chart's, then one per panel,
	# per series, per x tic and per y tic (gnuplot formats a tic's label
	# with its value: a "%" is written "%%").
	set datafile columnheaders
	stats MB_IN every ::0::0 using (MB_TITLE = strcol("title"), MB_NOTE = strcol("note"), \
		MB_XLABEL = strcol("x_label"), MB_YLABEL = strcol("y_label"), MB_ZLABEL = strcol("z_label"), \
		MB_XSCALE = strcol("x_scale"), MB_YSCALE = strcol("y_scale"), MB_ZMIN = column("z_min"), \
		MB_ZMAX = column("z_max"), MB_NR = int(column("rows")), MB_NC = int(column("cols")), \
		MB_NS = int(column("series_count")), MB_NXT = int(column("xtic_count")), \
		MB_NYT = int(column("ytic_count")), MB_W = int(column("width")), MB_H = int(column("height")), \
		MB_KEYL = column("key_left"), MB_KEYR = column("key_right"), MB_KEYB = column("key_bottom"), \
		MB_KEYT = column("key_top"), MB_NOTEY = column("note_y"), MB_ROWLABELS = int(column("row_labels")), \
		0) nooutput
	MB_NP = MB_NR * MB_NC
	mb_n(n) = n > 0 ? n : 1
	array MB_PTITLE[mb_n(MB_NP)]
	array MB_PROW[mb_n(MB_NP)]
	array MB_PCOL[mb_n(MB_NP)]
	array MB_PPOINTS[mb_n(MB_NP)]
	array MB_PXMIN[mb_n(MB_NP)]
	array MB_PXMAX[mb_n(MB_NP)]
	array MB_PYMIN[mb_n(MB_NP)]
	array MB_PYMAX[mb_n(MB_NP)]
	array MB_PLEFT[mb_n(MB_NP)]
	array MB_PRIGHT[mb_n(MB_NP)]
	array MB_PBOTTOM[mb_n(MB_NP)]
	array MB_PTOP[mb_n(MB_NP)]
	do for [p=1:MB_NP] {
		stats MB_IN every ::p::p using (MB_PTITLE[p] = strcol("panel_title"), MB_PROW[p] = column("panel_row"), \
			MB_PCOL[p] = column("panel_col"), MB_PPOINTS[p] = column("points"), \
			MB_PXMIN[p] = column("x_min"), MB_PXMAX[p] = column("x_max"), MB_PYMIN[p] = column("y_min"), \
			MB_PYMAX[p] = column("y_max"), MB_PLEFT[p] = column("left"), MB_PRIGHT[p] = column("right"), \
			MB_PBOTTOM[p] = column("bottom"), MB_PTOP[p] = column("top"), 0) nooutput
	}
	array MB_SKEY[mb_n(MB_NS)]
	array MB_SCOLOR[mb_n(MB_NS)]
	array MB_SVAR[mb_n(MB_NS)]
	array MB_SLIMIT[mb_n(MB_NS)]
	do for [s=1:MB_NS] {
		stats MB_IN every ::(MB_NP + s)::(MB_NP + s) using (MB_SKEY[s] = strcol("label"), \
			MB_SCOLOR[s] = int(column("color_index")), MB_SVAR[s] = int(column("variant")), \
			MB_SLIMIT[s] = (strcol("mark") eq "limit"), 0) nooutput
	}
	mb_tic(s) = strstrt(s, "%") == 0 ? s : s[1:strstrt(s, "%")]."%".mb_tic(s[strstrt(s, "%") + 1:])
	array MB_XTIC[mb_n(MB_NXT)]
	array MB_XTICAT[mb_n(MB_NXT)]
	do for [i=1:MB_NXT] {
		stats MB_IN every ::(MB_NP + MB_NS + i)::(MB_NP + MB_NS + i) using \
			(MB_XTIC[i] = mb_tic(strcol("label")), MB_XTICAT[i] = column("x"), 0) nooutput
	}
	array MB_YTIC[mb_n(MB_NYT)]
	array MB_YTICAT[mb_n(MB_NYT)]
	do for [i=1:MB_NYT] {
		stats MB_IN every ::(MB_NP + MB_NS + MB_NXT + i)::(MB_NP + MB_NS + MB_NXT + i) using \
			(MB_YTIC[i] = mb_tic(strcol("label")), MB_YTICAT[i] = column("y"), 0) nooutput
	}

	# For the plots of panel p: the point rows of series s there, and all
	# point rows there; mb_x is the x of such a row, NaN (not drawn) for any
	# other. Each series' points in a panel are contiguous rows, in order.
	mb_at(p, s) = strcol("kind") eq "point" && column("panel") == p && column("series_index") == s
	mb_in(p) = strcol("kind") eq "point" && column("panel") == p
	mb_x(p, s) = mb_at(p, s) ? column("x") : NaN
	mb_valid(v) = v == v
}

# --- open: a clean state, the terminal, the look, the multiplot -----------------
if (MB_SECTION eq "open") {
	reset
	set encoding utf8
	set datafile separator comma
	set datafile columnheaders
	if (mb_ext(MB_OUT) eq "svg") {
		set terminal svg size MB_W, MB_H dynamic noenhanced font MB_FONT.",11" background rgb "white"
	} else {
		set terminal pngcairo size MB_W, MB_H noenhanced font MB_FONT.",10" background rgb "white"
	}
	set output MB_OUT
	set border 3 lc rgb "#404040"
	set tics nomirror out scale 0.6
	set grid xtics ytics mxtics mytics lc rgb "#e4e4e4" lw 1, lc rgb "#f2f2f2" lw 1
	set key noautotitle
	if (MB_XSCALE eq "log2") { set logscale x 2 }
	if (MB_XSCALE eq "log10") { set logscale x 10; set format x "%g" }
	if (MB_YSCALE eq "log2") { set logscale y 2 }
	if (MB_YSCALE eq "log10") { set logscale y 10; set format y "%g" }
	if (MB_NXT > 0) {
		set xtics ()
		do for [i=1:MB_NXT] { set xtics add (MB_XTIC[i] MB_XTICAT[i]) }
	}
	set multiplot title MB_TITLE font ",13"
}

# --- heat: the heatmaps' look: each cell's value coloured on a diverging
# log scale from MB_ZMIN to MB_ZMAX centred on 1 (blue below, red above, as
# read's and mmap's line colours; a range given high to low flips them),
# grey behind the cells (not measured), no grid -------------------------------------
if (MB_SECTION eq "heat") {
	set tics scale 0
	unset grid
	set border 0
	set logscale cb
	set cbrange [MB_ZMIN : MB_ZMAX]
	set palette defined (0 "#3b6fa8", 0.25 "#92c5de", 0.5 "#f7f7f7", 0.75 "#f4a582", 1 "#c0392b")
	set cblabel MB_ZLABEL offset 1, 0
	unset colorbox
	set object 1 rectangle from graph 0, graph 0 to graph 1, graph 1 behind fc rgb "#e8e8e8" fs solid 1 noborder
	mb_dark(v) = abs(log(v)) > 0.66 * abs(log(MB_ZMAX))
}

# --- panel p [lines|steps]: its place, title, labels, ranges, tics, and for
# line charts its plot ------------------------------------------------------------
# Row labels (the y tics of a chart whose series are its rows) are named left
# of the first column only. The note under the title goes with the first panel.
if (MB_SECTION eq "panel") {
	MB_P = ARG2 + 0
	MB_R = MB_PROW[MB_P]
	MB_C = MB_PCOL[MB_P]
	set lmargin at screen MB_PLEFT[MB_P]
	set rmargin at screen MB_PRIGHT[MB_P]
	set bmargin at screen MB_PBOTTOM[MB_P]
	set tmargin at screen MB_PTOP[MB_P]
	set title MB_PTITLE[MB_P]
	set xlabel (MB_R == MB_NR ? MB_XLABEL : "")
	set ylabel (MB_C == 1 ? MB_YLABEL : "")
	set autoscale xy
	if (mb_valid(MB_PXMIN[MB_P])) { set xrange [MB_PXMIN[MB_P]:] }
	if (mb_valid(MB_PXMAX[MB_P])) { set xrange [:MB_PXMAX[MB_P]] }
	if (mb_valid(MB_PYMIN[MB_P])) { set yrange [MB_PYMIN[MB_P]:] }
	if (mb_valid(MB_PYMAX[MB_P])) { set yrange [:MB_PYMAX[MB_P]] }
	if (MB_NYT > 0) {
		set ytics ()
		do for [i=1:MB_NYT] { set ytics add ((!MB_ROWLABELS || MB_C == 1 ? MB_YTIC[i] : "") MB_YTICAT[i]) }
	}
	unset label 98
	unset label 99
	if (MB_P == 1 && MB_NOTE ne "") {
		set label 98 MB_NOTE at screen 0.5, screen MB_NOTEY center font ",9" tc rgb "#505050"
	}
	# A panel without points: framed, so the grid reads, and said so.
	if (MB_PPOINTS[MB_P] == 0) {
		set label 99 "no rows" at graph 0.5, graph 0.5 center tc rgb "#808080"
		if (!mb_valid(MB_PXMIN[MB_P]) || !mb_valid(MB_PXMAX[MB_P])) { set xrange [1:10] }
		if (!mb_valid(MB_PYMIN[MB_P]) || !mb_valid(MB_PYMAX[MB_P])) { set yrange [1:10] }
	}
	# The line charts' drawing: a line per series through its points, in
	# order of x, with their intervals ("lines"), or steps alone ("steps").
	if (ARG3 eq "lines") {
		plot for [s=1:MB_NS] MB_IN using (mb_x(MB_P, s)):"y" with lines lc rgb mb_lc(s) dt mb_dt(s) lw mb_lw(s), \
			for [s=1:MB_NS] MB_IN using (mb_x(MB_P, s)):"y":"y_lo":"y_hi" with yerrorbars \
				lc rgb mb_lc(s) pt mb_pt(s) ps mb_ps(s) lw 1
	}
	if (ARG3 eq "steps") {
		plot for [s=1:MB_NS] MB_IN using (mb_x(MB_P, s)):"y" with steps lc rgb mb_lc(s) dt mb_dt(s) lw mb_lw(s)
	}
}

# --- key: the strip right of the grid, with an entry per series when asked
# ("lines": line and point, "steps": line alone), or the heatmaps' colour bar
# alone ("colorbar": tics at its ends, 1 and halfway, on the log scale) ------
if (MB_SECTION eq "key") {
	set lmargin at screen MB_KEYL
	set rmargin at screen MB_KEYR
	set bmargin at screen MB_KEYB
	set tmargin at screen MB_KEYT
	unset border
	unset tics
	unset grid
	unset arrow
	unset label
	unset object
	unset xlabel
	unset ylabel
	unset title
	unset logscale
	set xrange [0:1]
	set yrange [0:1]
	set key at screen MB_KEYL, screen MB_KEYT left top Left reverse samplen 2.5 spacing 1.15 width 1 \
		box lc rgb "#c0c0c0"
	if (ARG2 eq "lines") {
		plot NaN, for [s=1:MB_NS] keyentry with linespoints lc rgb mb_lc(s) dt mb_dt(s) lw mb_lw(s) \
			pt mb_pt(s) ps mb_ps(s) title MB_SKEY[s]
	}
	if (ARG2 eq "steps") {
		plot NaN, for [s=1:MB_NS] keyentry with lines lc rgb mb_lc(s) dt mb_dt(s) lw mb_lw(s) title MB_SKEY[s]
	}
	if (ARG2 eq "colorbar") {
		unset key
		set logscale cb
		set cbtics (sprintf("%.3g", MB_ZMIN) MB_ZMIN, sprintf("%.3g", sqrt(MB_ZMIN)) sqrt(MB_ZMIN), "1" 1, \
			sprintf("%.3g", sqrt(MB_ZMAX)) sqrt(MB_ZMAX), sprintf("%.3g", MB_ZMAX) MB_ZMAX)
		set colorbox user origin screen MB_KEYL + 14. / MB_W, screen MB_KEYB size screen 18. / MB_W, \
			screen MB_KEYT - MB_KEYB
		plot NaN lc palette cb 1
	}
}
