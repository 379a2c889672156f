/* cmd_timeline.c: `mapbench timeline TIMELINE.csv [--columns L] [--format F]`:
 * figures per configuration of a `run --timeline` file (tlsummary.h). */
#include "cmd.h"
#include "tlsummary.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void help(void)
{
	puts("usage: mapbench timeline TIMELINE.csv [--columns LIST] [--format csv|table]\n\n"
	     "Figures per configuration and repetition of a `mapbench run --timeline` file:\n"
	     "the workers and worker 0's intervals seen, the seconds it ran, its ops, the\n"
	     "throughput at the start and where it settled (ops per second: the median\n"
	     "rate of the first and of the last third of each worker's intervals, summed\n"
	     "over the workers), settled ÷ first, the settled MiB/s and major faults per\n"
	     "second, read_amp (device bytes per byte read, from worker 0's process-wide\n"
	     "counts) and, with --mem-limit, the memory cgroup's page cache at the end.\n"
	     "CSV columns: docs/csv-schema.md.\n\n"
	     "  --columns LIST  only these columns, in this order\n"
	     "  --format F      csv (default) or table (aligned text, for reading)\n\n"
	     "Exit: 0 written; 2 usage, or an input that is not a timeline file (one line\n"
	     "naming it and the line); 1 the output could not be written.");
}

int mb_cmd_timeline(int argc, char **argv)
{
	const char *path = NULL, *columns = NULL;
	char err[512];
	int table = 0, rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			help();
			return MB_EXIT_OK;
		}
		if (!strcmp(argv[i], "--columns")) {
			if (i + 1 >= argc) {
				mb_warn("timeline: --columns needs a value (see --help)");
				return MB_EXIT_USAGE;
			}
			columns = argv[++i];
		} else if (!strcmp(argv[i], "--format")) {
			if (i + 1 >= argc || (strcmp(argv[i + 1], "csv") && strcmp(argv[i + 1], "table"))) {
				mb_warn("timeline: --format wants csv or table");
				return MB_EXIT_USAGE;
			}
			table = !strcmp(argv[++i], "table");
		} else if (argv[i][0] == '-' || path) {
			mb_warn("timeline: %s '%s' (see --help)", argv[i][0] == '-' ? "unknown option" :
				"one file only, not", argv[i]);
			return MB_EXIT_USAGE;
		} else {
			path = argv[i];
		}
	}
	if (!path) {
		mb_warn("timeline: usage: mapbench timeline TIMELINE.csv [--format csv|table] (see --help)");
		return MB_EXIT_USAGE;
	}
	rc = mb_tlsummary(path, columns, table, STDOUT_FILENO, err, sizeof(err));
	if (rc) {
		mb_warn("timeline: %s", err);
		return rc == -EINVAL || rc == -ENOENT || rc == -EACCES || rc == -EISDIR ? MB_EXIT_USAGE
											  : MB_EXIT_FAIL;
	}
	return MB_EXIT_OK;
}
