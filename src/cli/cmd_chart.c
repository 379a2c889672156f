/* cmd_chart.c: `mapbench chart NAME INPUT.csv [SUMMARY.csv]`: the chart-ready
 * CSV of one chart (chart.h) on stdout, for plots/NAME.gp to draw. */
#include "chart.h"
#include "cmd.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(void)
{
	puts("usage: mapbench chart NAME INPUT.csv [SUMMARY.csv] > NAME.csv\n\n"
	     "Writes what chart NAME draws from INPUT.csv, ready for gnuplot -c plots/NAME.gp\n"
	     "NAME.csv OUT.png: which rows (the block or file size each panel shows, the\n"
	     "configuration of the latency and bar charts), their panels and series (names,\n"
	     "display order, colour index per method, variant), axis ranges and tics, titles\n"
	     "and the canvas size. One row per drawn point, after a row for the chart, one per\n"
	     "panel, series and tic (column kind; docs/csv-schema.md, \"Chart CSV\"). Every\n"
	     "number drawn is INPUT's own; nothing is aggregated.\n\n"
	     "Charts and their input:");
	for (size_t i = 0; i < mb_chart_count(); i++)
		printf("  %-20s %s\n  %-20s   %s\n", mb_chart_name(i), mb_chart_input(i), "", mb_chart_about(i));
	puts("\n"
	     "SUMMARY.csv is `mapbench summarize` output, RATIO.csv `mapbench ratio`'s,\n"
	     "LATENCY.csv `mapbench run --lat-out`'s, COMPARE.csv `mapbench compare --format\n"
	     "csv`'s.\n\n"
	     "  --series S     mmap_read_heatmap: the numerator's series to show (default: the\n"
	     "                 one named as the num value, else the first)\n"
	     "  --max-rows N   compare, compare_ratio: at most N configurations, in the file's\n"
	     "                 order (default 200)\n\n"
	     "Exit: 0 written; 2 usage, an unreadable input or one that is not what NAME\n"
	     "draws (a missing column, a malformed cell); 4 the data cannot support the chart\n"
	     "(one line saying why; nothing written).\n\n"
	     "Example:\n"
	     "  mapbench summarize results.csv > summary.csv\n"
	     "  mapbench chart throughput_vs_size summary.csv > throughput_vs_size.csv\n"
	     "  gnuplot -c plots/throughput_vs_size.gp throughput_vs_size.csv throughput_vs_size.png");
}

static int exit_code(int rc)
{
	switch (rc) {
	case -ENODATA:
		return MB_EXIT_UNSUPPORTED;
	case -EINVAL:
	case -ENOENT:
	case -EACCES:
	case -EISDIR:
		return MB_EXIT_USAGE;
	default:
		return MB_EXIT_FAIL;
	}
}

int mb_cmd_chart(int argc, char **argv)
{
	static const struct option opts[] = {
		{"series", required_argument, 0, 's'}, {"max-rows", required_argument, 0, 'm'},
		{"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
	};
	struct mb_chart_request rq = {0};
	struct mb_chart c;
	char err[1024], *end;
	int opt, rc;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1)
		switch (opt) {
		case 's': rq.series = optarg; break;
		case 'm':
			rq.max_rows = strtol(optarg, &end, 10);
			if (*end || end == optarg || rq.max_rows < 1) {
				mb_warn("chart: --max-rows '%s' is not a count of 1 or more", optarg);
				return MB_EXIT_USAGE;
			}
			break;
		case 'h': usage(); return MB_EXIT_OK;
		default: return MB_EXIT_USAGE;
		}
	if (argc - optind < 2 || argc - optind > 3) {
		mb_warn("chart: usage: mapbench chart NAME INPUT.csv [SUMMARY.csv] (see --help)");
		return MB_EXIT_USAGE;
	}
	rq.name = argv[optind];
	rq.input = argv[optind + 1];
	rq.summary = argc - optind == 3 ? argv[optind + 2] : NULL;
	rc = mb_chart_make(&rq, &c, err, sizeof(err));
	if (!rc && (rc = mb_chart_write(&c, STDOUT_FILENO)))
		snprintf(err, sizeof(err), "writing the chart: %s", strerror(-rc));
	if (rc)
		mb_warn("chart: %s: %s", rq.name, err);
	mb_chart_free(&c);
	return rc ? exit_code(rc) : MB_EXIT_OK;
}
