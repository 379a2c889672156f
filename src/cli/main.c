/* main.c: the mapbench program: git-style dispatch to the subcommands. */
#include "cmd.h"
#include "mb_version.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *what;
} cmds[] = {
	{"run", mb_cmd_run, "run a matrix of methods x patterns x cache states x sizes x blocks"},
	{"dataset", mb_cmd_dataset, "make or verify the deterministic datasets"},
	{"methods", mb_cmd_methods, "list access methods and whether each is available here"},
	{"columns", mb_cmd_columns, "every column of a results CSV: role, grouping key, unit, one-line doc"},
	{"summarize", mb_cmd_summarize, "per-configuration statistics of a results CSV (median, CI, CV, ...)"},
	{"report", mb_cmd_report, "write RESULTS_DIR/REPORT.md: verdicts, tables, charts, notes"},
	{"ratio", mb_cmd_ratio, "ratio of two configurations (mmap/read, cold/warm, kernel A/B) with CI and p-value"},
	{"explain", mb_cmd_explain, "each configuration's time from its counters x the machine's unit costs (probe)"},
	{"compare", mb_cmd_compare, "result sets side by side (kernels, filesystems, settings): ratios, U test, Holm, geomean"},
	{"timeline", mb_cmd_timeline, "throughput at the start and where it settled, per configuration of a run --timeline file"},
	{"chart", mb_cmd_chart, "what one chart draws, as CSV for plots/NAME.gp (from summarize, ratio or latency)"},
	{"env", mb_cmd_env, "print the environment recorded with every result row"},
	{"probe", mb_cmd_probe, "the machine's primitive costs (syscall, copy, first touch, faults, ...) as machine.csv"},
	{"timer-cost", mb_cmd_timer, "cost of the per-operation latency timer next to a warm 4 KiB pread"},
	{"cat", mb_cmd_cat, "read one file once with one method and print its checksum (for hyperfine)"},
	{"crosscheck", mb_cmd_crosscheck, "mapbench against fio: table, ratios and likely causes of the gaps"},
	{"peer-row", mb_cmd_peer_row, "another tool's run (fio's) as a row of its mapbench peer's results"},
};

static void usage(FILE *f)
{
	fputs("usage: mapbench <command> [options]   (mapbench <command> --help for more)\n\n"
	      "mapbench measures when mmap beats read/write on Linux, and why.\n\ncommands:\n", f);
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %-10s %s\n", cmds[i].name, cmds[i].what);
	fputs("\n  --version  print the version\n  --help     this help\n", f);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return MB_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return MB_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("mapbench %s (%s)\n", MB_VERSION, MB_BUILD);
		return MB_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	mb_warn("'%s' is not a mapbench command (see mapbench --help)", argv[1]);
	return MB_EXIT_USAGE;
}
