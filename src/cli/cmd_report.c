/* cmd_report.c: `mapbench report RESULTS_DIR`: writes RESULTS_DIR/REPORT.md. */
#include "cmd.h"
#include "report.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int mb_cmd_report(int argc, char **argv)
{
	char err[1024];
	struct stat st;
	int rc;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		puts("usage: mapbench report RESULTS_DIR\n\n"
		     "Writes RESULTS_DIR/REPORT.md from RESULTS_DIR/results.csv: the environment,\n"
		     "a verdict table in words (mmap ÷ read per workload with its 95% CI and\n"
		     "Mann-Whitney p-value), notes on anything suspicious (error rows, cache states\n"
		     "not reached, cold reads not served by the device, CV above 5%), the summary\n"
		     "tables, and the charts found in RESULTS_DIR/plots/ (make them first with\n"
		     "plots/render.sh RESULTS_DIR). An existing REPORT.md is replaced whole.");
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
