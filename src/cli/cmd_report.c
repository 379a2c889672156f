/* cmd_report.c: `mapbench report RESULTS_DIR`: writes RESULTS_DIR/REPORT.md;
 * `mapbench report --compare BASE TARGET... OUT_DIR`: the comparison report,
 * OUT_DIR/COMPARE.md and OUT_DIR/compare.csv. */
#include "cmd.h"
#include "report.h"
#include "report_compare.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static void compare_usage(void)
{
	puts("usage: mapbench report --compare [--by COLUMN] [--base VALUE] [--metric M]\n"
	     "                       [--ignore-folios] [--seed N] BASE TARGET [MORE...] OUT_DIR\n\n"
	     "Compares result sets as `mapbench compare` does (see its --help), each against\n"
	     "BASE; each input is a results folder (its results.csv) or a results CSV. Writes\n"
	     "OUT_DIR/compare.csv (what the charts draw) and OUT_DIR/COMPARE.md: the sides,\n"
	     "the summary line per side (geometric mean of the ratios with its CI, faster /\n"
	     "slower / ~ counts), every environment column that differs shown side by side,\n"
	     "the table per configuration, what was kept apart and why, and the charts found\n"
	     "in OUT_DIR/plots/ (draw them with plots/render.sh --compare OUT_DIR, then run\n"
	     "this again; bench/compare.sh does all three). OUT_DIR is made when missing;\n"
	     "both files are replaced whole.");
}

static int report_compare(int argc, char **argv)
{
	struct mb_compare_opts o;
	char err[1024];
	int first, rc;

	if ((first = mb_compare_options(argc, argv, &o, NULL, compare_usage)) <= 0)
		return -first;
	if (argc - first < (o.by >= 0 ? 2 : 3)) {
		mb_warn("report: usage: mapbench report --compare BASE TARGET [MORE...] OUT_DIR (see --compare --help)");
		return MB_EXIT_USAGE;
	}
	if (o.base && argc - first > 2) {
		mb_warn("report: --base names a value with one input; with several, the first is the baseline");
		return MB_EXIT_USAGE;
	}
	rc = mb_report_compare(argv + first, (size_t)(argc - first - 1), argv[argc - 1], &o, err,
			       sizeof(err));
	if (rc) {
		mb_warn("report: %s", err);
		return rc == -EINVAL || rc == -ENOENT ? MB_EXIT_USAGE : MB_EXIT_FAIL;
	}
	return MB_EXIT_OK;
}

int mb_cmd_report(int argc, char **argv)
{
	char err[1024];
	struct stat st;
	int rc;

	if (argc >= 2 && !strcmp(argv[1], "--compare"))
		return report_compare(argc - 1, argv + 1);
	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		puts("usage: mapbench report RESULTS_DIR\n"
		     "       mapbench report --compare BASE TARGET [MORE...] OUT_DIR (see --compare --help)\n\n"
		     "Writes RESULTS_DIR/REPORT.md from RESULTS_DIR/results.csv: the environment,\n"
		     "a verdict table in words (mmap ÷ read per workload with its 95% CI and\n"
		     "Mann-Whitney p-value), notes on anything suspicious (error rows, cache states\n"
		     "not reached, cold reads not served by the device, CV above 5%), the summary\n"
		     "tables, and the charts found in RESULTS_DIR/plots/ (make them first with\n"
		     "plots/render.sh RESULTS_DIR). When RESULTS_DIR holds machine.csv (mapbench\n"
		     "probe), each verdict gets a \"why\" (mapbench explain's sentence for the faster\n"
		     "method, both when it is a tie) and the environment the probe's figures. An\n"
		     "existing REPORT.md is replaced whole.");
		return MB_EXIT_OK;
	}
	if (argc != 2 || argv[1][0] == '-') {
		mb_warn("report: usage: mapbench report RESULTS_DIR (see --help)");
		return MB_EXIT_USAGE;
	}
	if (stat(argv[1], &st) || !S_ISDIR(st.st_mode)) {
		mb_warn("report: %s: %s", argv[1], errno && !S_ISDIR(st.st_mode) ? strerror(errno) :
			"Not a directory");
		return MB_EXIT_USAGE;
	}
	rc = mb_report_write(argv[1], err, sizeof(err));
	if (rc) {
		mb_warn("report: %s", err);
		return rc == -EINVAL || rc == -ENOENT ? MB_EXIT_USAGE : MB_EXIT_FAIL;
	}
	return MB_EXIT_OK;
}
