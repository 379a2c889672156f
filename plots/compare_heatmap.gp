# plots/compare_heatmap.gp: `mapbench compare` as heatmaps over file size
# (across) × block size (up): each cell the ratio of medians target ÷
# baseline of a like configuration, coloured on a diverging log scale
# centred on 1 (red: the target side faster, blue: slower; clamped to the
# chart's colour range), labelled with its value, in grey with "~" where the
# difference is not significant. Grey cells: not compared (missing, unlike,
# one-sided). A panel row per pattern and cache state (and target side,
# when several), a panel per series compared there. What is drawn comes
# from `mapbench chart compare_heatmap COMPARE.csv`
# (COMPARE.csv: mapbench compare --format csv BASE.csv TARGET.csv...).
#
#   gnuplot -c plots/compare_heatmap.gp CHART.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

sig(x) = strcol("mark") eq "faster" || strcol("mark") eq "slower"
# Cell text: white on the darkest cells, paler where not significant.
ink(v) = mb_dark(v) ? (sig(0) ? 0xffffff : 0xe0e0e0) : (sig(0) ? 0x202020 : 0x808080)
do for [MB_OUT in MB_OUTS] {
	call MB_STYLE "open"
	call MB_STYLE "heat"
	# a row's panels fill it from the left: the panels after them are empty
	do for [p=1:MB_NP] {
		if (MB_PPOINTS[p] > 0) {
			call MB_STYLE "panel" p
			plot MB_IN using (mb_in(p) ? column("x") : NaN):"y":(column("x") - 0.5):(column("x") + 0.5):(column("y") - 0.5):(column("y") + 0.5):"value" \
					with boxxyerror fs solid 1 border lc rgb "white" lc palette, \
				MB_IN using (mb_in(p) ? column("x") : NaN):"y":"label":(ink(column("value"))) with labels tc rgb variable
		}
	}
	call MB_STYLE "key" "colorbar"
	unset multiplot
}
