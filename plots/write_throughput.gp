# plots/write_throughput.gp: write throughput against file size (or block
# size, when one file size was measured), one line per write method with
# its 95% CI: what each way of writing a file costs, and what durability
# adds. Panels: a row per sync mode (none, fsync, msync...), a column per
# target (rewrite, new), pattern and cache state, each at one block (or
# file) size named in its title. What is drawn comes from
# `mapbench chart write_throughput SUMMARY.csv`.
#
#   gnuplot -c plots/write_throughput.gp CHART.csv OUT.png|OUT.svg|OUT
mb_dir(p) = (p eq "" || p[strlen(p):] eq "/") ? p : mb_dir(p[1:strlen(p)-1])
call mb_dir(ARG0)."style.gp" ARG0 ARG1 ARG2

do for [MB_OUT in MB_OUTS] {
	call MB_STYLE "open"
	do for [p=1:MB_NP] { call MB_STYLE "panel" p "lines" }
	call MB_STYLE "key" "lines"
	unset multiplot
}
