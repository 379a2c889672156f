/* cmd_summarize.c: `mapbench summarize RESULTS.csv...`: the per-configuration
 * statistics of one or more results files, as CSV on stdout (DESIGN §5). */
#include "cmd.h"
#include "summarize.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Reads every file of argv[first..argc) into gs; 0 or an exit code, with the
 * error already printed under the command name cmd. */
int mb_cmd_read_results(const char *cmd, int argc, char **argv, int first, struct mb_groups *gs)
{
	char err[1024];
	struct stat st;
	int rc;

	for (int i = first; i < argc; i++) {
		if (stat(argv[i], &st) || S_ISDIR(st.st_mode)) {
			mb_warn("%s: %s: %s", cmd, argv[i], S_ISDIR(st.st_mode) ? "Is a directory" : strerror(errno));
			return MB_EXIT_USAGE;
		}
		rc = mb_groups_read_path(gs, argv[i], err, sizeof(err));
		if (rc) {
			mb_warn("%s: %s", cmd, err);
			return rc == -EINVAL || rc == -ENOENT || rc == -EACCES ? MB_EXIT_USAGE : MB_EXIT_FAIL;
		}
	}
	return MB_EXIT_OK;
}

int mb_cmd_summarize(int argc, char **argv)
{
	struct mb_summary_format f = {0};
	struct mb_groups gs = {0};
	char err[256], **files;
	int rc, nfiles = 0;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		puts("usage: mapbench summarize RESULTS.csv... [--columns LIST] [--format csv|table] > summary.csv\n\n"
		     "One row per configuration (host, kernel, CPU, filesystem, method, advice,\n"
		     "consume, pattern, cache, sizes, threads, ...) of the status=ok rows of all the\n"
		     "files: a series label (the method and what differs from the defaults), n,\n"
		     "then for every measure (mib_per_s, ops_per_s, times, CPU, faults, latency, and\n"
		     "per row derived: faults per MiB, CPU ms per GiB, device bytes per byte read,\n"
		     "TLB shootdowns per op) its\n"
		     "median, min, max, mean, stddev, CV and the 95% confidence interval of the\n"
		     "median (order statistics, exact binomial; mib_per_s_ci_level gives its real\n"
		     "coverage, below 0.95 for n < 6), and mib_per_s outliers by modified z-score\n"
		     "> 3.5, then n_lat. Latency percentiles come from the latency repetitions\n"
		     "(lat_timed=1) only, every other measure and n from the rest. Every column is\n"
		     "always present; empty = not applicable.\n\n"
		     "  --columns LIST  only these columns, in this order (e.g.\n"
		     "                  method,threads,ops_per_s_median,ops_per_s_ci_lo)\n"
		     "  --format F      csv (default) or table: aligned text, numbers with a\n"
		     "                  fraction to 4 significant digits, whole from 1000 on (for\n"
		     "                  reading, not parsing)");
		return MB_EXIT_OK;
	}
	if (!(files = calloc((size_t)argc + 1, sizeof(*files))))
		return MB_EXIT_FAIL;
	files[nfiles++] = argv[0];
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--columns") || !strcmp(argv[i], "--format")) {
			if (i + 1 >= argc) {
				mb_warn("summarize: %s needs a value (see --help)", argv[i]);
				free(files);
				return MB_EXIT_USAGE;
			}
			if (!strcmp(argv[i], "--columns")) {
				f.columns = argv[++i];
			} else if (!strcmp(argv[++i], "table") || !strcmp(argv[i], "csv")) {
				f.table = !strcmp(argv[i], "table");
			} else {
				mb_warn("summarize: --format '%s': want csv or table", argv[i]);
				free(files);
				return MB_EXIT_USAGE;
			}
		} else if (argv[i][0] == '-') {
			mb_warn("summarize: unknown option '%s' (see --help)", argv[i]);
			free(files);
			return MB_EXIT_USAGE;
		} else {
			files[nfiles++] = argv[i];
		}
	}
	if (nfiles < 2) {
		mb_warn("summarize: usage: mapbench summarize RESULTS.csv... (see --help)");
		free(files);
		return MB_EXIT_USAGE;
	}
	rc = mb_cmd_read_results("summarize", nfiles, files, 1, &gs);
	if (!rc && (rc = mb_summarize_write_as(&gs, STDOUT_FILENO, &f, err, sizeof(err)))) {
		mb_warn("summarize: %s", err);
		rc = rc == -EINVAL ? MB_EXIT_USAGE : MB_EXIT_FAIL;
	}
	mb_groups_free(&gs);
	free(files);
	return rc;
}
