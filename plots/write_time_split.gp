# plots/write_time_split.gp: where a write's time goes, one row per write
# method: the medians of its timed phases stacked left to right, setup
# (open, map, sizing), io (the writes or stores), sync (the fsync,
# fdatasync or msync after them) and teardown (munmap, close), their sum
# beside the bar. One configuration (named in the title); a row of panels
# per sync mode, a column per target and cache state, each its own scale.
# What is drawn comes from `mapbench chart write_time_split SUMMARY.csv`.
#
#   gnuplot -c plots/write_time_split.gp CHART.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

# One colour per phase: the rows name the methods.
array PHASE[4] = ["setup", "io", "sync", "teardown"]
array PHASE_RGB[4] = [0xb0b0b0, 0x1f77b4, 0xd62728, 0x505050]
phase(p, k) = mb_in(p) && strcol("mark") eq PHASE[k] ? column("x_lo") : NaN
do for [MB_OUT in MB_OUTS] {
	call MB_STYLE "open"
	set grid noytics nomytics
	set mytics 1
	do for [p=1:MB_NP] {
		call MB_STYLE "panel" p
		plot for [k=1:4] MB_IN using (phase(p, k)):"y":"x_lo":"x_hi":(column("y") - 0.36):(column("y") + 0.36) \
				with boxxyerror fs solid 0.85 border lc rgb "#303030" lc rgb PHASE_RGB[k], \
			MB_IN using (mb_in(p) && strcol("label") ne "" ? column("x_hi") : NaN):"y":"label" \
				with labels left font ",9"
	}
	call MB_STYLE "key"
	plot NaN, for [k=1:4] keyentry with boxes fs solid 0.85 border lc rgb "#303030" lc rgb PHASE_RGB[k] \
		title PHASE[k]
	unset multiplot
}
