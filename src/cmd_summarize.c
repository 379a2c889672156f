/* cmd_summarize.c: `mapbench summarize IN.csv`: the per-configuration
 * statistics of a results file, as CSV on stdout (DESIGN §5). */
#include "cmd.h"
#include "summarize.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int mb_cmd_summarize(int argc, char **argv)
{
	char err[1024];
	struct stat st;
	FILE *in;
	int rc;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		puts("usage: mapbench summarize RESULTS.csv > summary.csv\n\n"
		     "One row per configuration (host, kernel, filesystem, method, advice, consume,\n"
		     "pattern, cache, sizes, threads, ...) of the status=ok rows: n, then for every\n"
		     "measure (mib_per_s, ops_per_s, times, CPU, faults, latency) its median, min,\n"
		     "max, mean, stddev, CV and the 95% confidence interval of the median (order\n"
		     "statistics, exact binomial; mib_per_s_ci_level gives its real coverage, below\n"
		     "0.95 for n < 6), and mib_per_s outliers by modified z-score > 3.5.");
		return MB_EXIT_OK;
	}
	if (argc != 2 || argv[1][0] == '-') {
		mb_warn("summarize: usage: mapbench summarize RESULTS.csv (see --help)");
		return MB_EXIT_USAGE;
	}
	if (stat(argv[1], &st) || S_ISDIR(st.st_mode)) {
		mb_warn("summarize: %s: %s", argv[1], S_ISDIR(st.st_mode) ? "Is a directory" : strerror(errno));
		return MB_EXIT_USAGE;
	}
	in = fopen(argv[1], "re");
	if (!in) {
		mb_warn("summarize: %s: %s", argv[1], strerror(errno));
		return MB_EXIT_USAGE;
	}
	rc = mb_summarize(in, argv[1], STDOUT_FILENO, err, sizeof(err));
	fclose(in);
	if (rc) {
		mb_warn("summarize: %s", err);
		return rc == -EINVAL ? MB_EXIT_USAGE : MB_EXIT_FAIL;
	}
	return MB_EXIT_OK;
}
