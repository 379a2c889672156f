# plots/scale.gp: operations per second against the number of workers, one
# line per method and kind of worker with its 95% CI: threads that share one
# descriptor or mapping against processes with their own (a shared
# mapping's page-table lock and TLB shootdowns hold threads back). Panels:
# pattern down, cache state across, at one block size of the largest file.
# What is drawn comes from `mapbench chart scale SUMMARY.csv`.
#
#   gnuplot -c plots/scale.gp CHART.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

do for [MB_OUT in MB_OUTS] {
	call MB_STYLE "open"
	do for [p=1:MB_NP] { call MB_STYLE "panel" p "lines" }
	call MB_STYLE "key" "lines"
	unset multiplot
}
