# plots/mmap_read_heatmap.gp: where mmap beats read, over file size (across)
# × block size (up): each cell the ratio of median throughputs, coloured on
# a diverging log scale centred on 1 (clamped to the chart's colour range;
# red: the numerator wins, blue: the denominator, as their line colours),
# labelled with its value and "~" when the difference is not significant.
# Grey: not measured. Panels: cache state (and result set, when several)
# across, pattern down. What is drawn comes from
# `mapbench chart [--series S] mmap_read_heatmap RATIO.csv`
# (RATIO.csv: mapbench ratio --by method --num mmap --den read).
#
#   gnuplot -c plots/mmap_read_heatmap.gp CHART.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

# Cell text in white on the darkest cells.
ink(ratio) = mb_dark(ratio) ? 0xffffff : 0x202020
do for [MB_OUT in MB_OUTS] {
	call MB_STYLE "open"
	call MB_STYLE "heat"
	do for [p=1:MB_NP] {
		call MB_STYLE "panel" p
		plot MB_IN using (mb_in(p) ? column("x") : NaN):"y":(column("x") - 0.5):(column("x") + 0.5):(column("y") - 0.5):(column("y") + 0.5):"value" \
				with boxxyerror fs solid 1 border lc rgb "white" lc palette, \
			MB_IN using (mb_in(p) ? column("x") : NaN):"y":"label":(ink(column("value"))) with labels tc rgb variable
	}
	# The key strip holds the colour bar alone.
	call MB_STYLE "key" "colorbar"
	unset multiplot
}
