/* cmd_explain.c: `mapbench explain RESULTS.csv [--machine machine.csv]
 * [--format table|csv|md]`: each configuration's measured time explained
 * from its rows' counters and the machine probe's unit costs (explain.h). */
#include "cmd.h"
#include "explain.h"
#include "explain_out.h"
#include "machine_in.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void help(void)
{
	puts("usage: mapbench explain RESULTS.csv... [--machine machine.csv] [--format table|csv|md]\n\n"
	     "Explains each configuration's measured time (the median total_ns of its ok\n"
	     "rows) as a sum of terms: a count from the rows (calls, bytes copied, pages\n"
	     "touched, mappings, device bytes, pages dirtied, syncs; their medians) times a\n"
	     "unit cost from machine.csv, which `mapbench probe` writes. Prints the\n"
	     "predicted and measured times, residual = measured/predicted - 1, whether the\n"
	     "model explains the time within 25%, the largest terms in words, and a summary\n"
	     "(explained within 25% and 10%, the worst five). A term whose figure machine.csv\n"
	     "lacks or skipped is unknown, and so is the prediction.\n\n"
	     "  --machine FILE  the probe's figures (default: machine.csv next to the first\n"
	     "                  RESULTS.csv)\n"
	     "  --format F      table (default), csv (one row per configuration, columns in\n"
	     "                  docs/csv-schema.md), md (a markdown table)\n\n"
	     "The model and its approximations: docs/methodology.md, \"Explaining a result\".\n"
	     "Exit codes: 0 ok, 2 usage or malformed input, 3 no machine.csv.");
}

/* machine.csv next to results, into buf. */
static const char *beside(const char *results, char *buf, size_t len)
{
	char *copy = strdup(results);

	if (!copy)
		return NULL;
	snprintf(buf, len, "%s/machine.csv", dirname(copy));
	free(copy);
	return buf;
}

static int parse_format(const char *s, enum mb_xformat *f)
{
	if (!strcmp(s, "table"))
		*f = MB_XF_TABLE;
	else if (!strcmp(s, "csv"))
		*f = MB_XF_CSV;
	else if (!strcmp(s, "md"))
		*f = MB_XF_MD;
	else
		return -EINVAL;
	return 0;
}

static int load_machine(const char *path, int given, struct mb_machine *m)
{
	char err[512];
	int rc = mb_machine_load(path, m, err, sizeof(err));

	if (rc == -ENOENT) {
		if (given)
			mb_warn("explain: %s", err);
		else
			mb_warn("explain: no %s: run `mapbench probe --out %s` first (or give --machine)", path,
				path);
		return MB_EXIT_MISSING;
	}
	if (rc) {
		mb_warn("explain: %s", err);
		return rc == -EINVAL || rc == -EACCES || rc == -EISDIR ? MB_EXIT_USAGE : MB_EXIT_FAIL;
	}
	return MB_EXIT_OK;
}

int mb_cmd_explain(int argc, char **argv)
{
	static const struct option opts[] = {
		{"machine", required_argument, NULL, 'm'},
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	struct mb_groups gs = {.extra = mb_explain_extra};
	struct mb_machine m = {0};
	struct mb_explained *x = NULL;
	enum mb_xformat fmt = MB_XF_TABLE;
	const char *machine = NULL;
	char path[4096];
	size_t n = 0;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'm':
			machine = optarg;
			break;
		case 'f':
			if (parse_format(optarg, &fmt)) {
				mb_warn("explain: --format '%s': not table, csv or md", optarg);
				return MB_EXIT_USAGE;
			}
			break;
		case 'h':
			help();
			return MB_EXIT_OK;
		default:
			mb_warn("explain: usage: mapbench explain RESULTS.csv [--machine FILE] [--format F] (see --help)");
			return MB_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		mb_warn("explain: usage: mapbench explain RESULTS.csv [--machine FILE] [--format F] (see --help)");
		return MB_EXIT_USAGE;
	}
	rc = mb_cmd_read_results("explain", argc, argv, optind, &gs);
	if (rc)
		goto out_groups;
	if (!machine && !(machine = beside(argv[optind], path, sizeof(path)))) {
		rc = MB_EXIT_FAIL;
		goto out_groups;
	}
	if ((rc = load_machine(machine, machine != path, &m)))
		goto out_groups;
	if (mb_explain_all(&gs, &m, &x, &n)) {
		mb_warn("explain: out of memory");
		rc = MB_EXIT_FAIL;
		goto out_machine;
	}
	if (!n) {
		mb_warn("explain: %s: no status=ok rows to explain", argv[optind]);
		rc = MB_EXIT_FAIL;
		goto out_explained;
	}
	if ((rc = mb_explain_write(x, n, fmt, STDOUT_FILENO))) {
		mb_warn("explain: writing the output: %s", strerror(-rc));
		rc = MB_EXIT_FAIL;
	}
out_explained:
	free(x);
out_machine:
	mb_machine_free(&m);
out_groups:
	mb_groups_free(&gs);
	return rc;
}
