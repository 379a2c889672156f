/* cmd_ratio.c: `mapbench ratio --by FIELD [--num A --den B] RESULTS.csv...`:
 * the ratio of a measure between configurations that differ only in FIELD,
 * with its 95% CI and Mann-Whitney p-value, as CSV on stdout. */
#include "cmd.h"
#include "ratio.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void usage(void)
{
	puts("usage: mapbench ratio --by FIELD [--num A --den B] [--metric M] [--follow FIELD2]...\n"
	     "                      [--columns LIST] [--format csv|table] RESULTS.csv... > ratio.csv\n\n"
	     "Pairs the configurations of the results files that are equal in every key\n"
	     "column but FIELD, where FIELD is A in one and B in the other, and writes per\n"
	     "pair: the ratio of the medians of M (A / B), its 95% confidence interval\n"
	     "(Mann-Whitney inversion on log values; ratio_ci_level gives its real coverage,\n"
	     "below 0.95 for tiny samples), the Mann-Whitney U p-value, and significant =\n"
	     "yes or ~ (p >= 0.05). Only status=ok rows are samples.\n\n"
	     "  --by FIELD    a key column: method, advice, consume, pattern, cache, kernel,\n"
	     "                fs_type, host, cpu_family, hypervisor, mitigations, build,\n"
	     "                threads, queue_depth, ... For an environment column, the other\n"
	     "                environment columns that take one value per side (a second\n"
	     "                host's CPU) go with it; also_differ names them\n"
	     "  --num A       numerator value of FIELD (e.g. mmap)\n"
	     "  --den B       denominator value of FIELD (e.g. read). Without --num and --den,\n"
	     "                FIELD must have exactly two values: den is the first seen, num\n"
	     "                the second (exit 4 otherwise)\n"
	     "  --metric M    mib_per_s (default), ops_per_s, lat_p99_ns, ... any measure\n"
	     "                column of `mapbench summarize`\n"
	     "  --follow FIELD2  an environment column that may go with FIELD whatever FIELD\n"
	     "                is, when it has one value per side (repeatable): tool_version\n"
	     "                to compare another tool's rows (fio's, bench/crosscheck-fio.sh)\n"
	     "                with mapbench's by method; also_differ names it\n"
	     "  --columns LIST  only these columns, in this order (e.g.\n"
	     "                file_size_bytes,cache,ratio,ratio_ci_lo,ratio_ci_hi)\n"
	     "  --format F    csv (default) or table: aligned text, numbers with a fraction\n"
	     "                to 4 significant digits, an empty cell as \"-\" (one word per\n"
	     "                column, for a shell's read)\n\n"
	     "Examples:\n"
	     "  mapbench ratio --by method --num mmap --den read results.csv\n"
	     "  mapbench ratio --by cache --num cold --den warm results.csv\n"
	     "  mapbench ratio --by kernel old-kernel.csv new-kernel.csv");
}

static int lookup(const char *const *names, size_t n, const char *what, const char *v)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], v))
			return (int)i;
	mb_warn("ratio: unknown %s '%s' (see --help)", what, v);
	return -1;
}

/* Fills num/den from the two values of FIELD when not given; exit code. */
static int pick_values(const struct mb_groups *gs, int by, const char **num, const char **den)
{
	const char *v[3];
	size_t n;

	if (*num && *den)
		return MB_EXIT_OK;
	if (*num || *den) {
		mb_warn("ratio: give both --num and --den, or neither");
		return MB_EXIT_USAGE;
	}
	n = mb_groups_distinct(gs, (enum mb_gkey)by, v, 3);
	if (n != 2) {
		if (n == 1)
			mb_warn("ratio: %s has only one value in the data (%s); give two result sets",
				mb_gkey_names[by], v[0]);
		else
			mb_warn("ratio: %s has %zu values in the data; name them with --num and --den",
				mb_gkey_names[by], n);
		return MB_EXIT_UNSUPPORTED;
	}
	*den = v[0], *num = v[1];
	return MB_EXIT_OK;
}

int mb_cmd_ratio(int argc, char **argv)
{
	static const struct option opts[] = {
		{"by", required_argument, 0, 'b'}, {"num", required_argument, 0, 'n'},
		{"den", required_argument, 0, 'd'}, {"metric", required_argument, 0, 'm'},
		{"follow", required_argument, 0, 'f'}, {"columns", required_argument, 0, 'c'},
		{"format", required_argument, 0, 'F'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
	};
	const char *by = NULL, *num = NULL, *den = NULL, *metric = "mib_per_s", *columns = NULL;
	char err[256];
	int table = 0;
	struct mb_groups gs = {0};
	struct mb_ratio_set set;
	uint64_t also = 0;
	int c, k, m, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1)
		switch (c) {
		case 'b': by = optarg; break;
		case 'n': num = optarg; break;
		case 'd': den = optarg; break;
		case 'm': metric = optarg; break;
		case 'f':
			if ((k = lookup(mb_gkey_names, MB_NKEYS, "--follow field", optarg)) < 0)
				return MB_EXIT_USAGE;
			if (!mb_gkey_is_env((enum mb_gkey)k)) {
				mb_warn("ratio: --follow %s: not an environment column (host .. build)", optarg);
				return MB_EXIT_USAGE;
			}
			also |= UINT64_C(1) << k;
			break;
		case 'c': columns = optarg; break;
		case 'F':
			if (strcmp(optarg, "csv") && strcmp(optarg, "table")) {
				mb_warn("ratio: --format '%s': want csv or table", optarg);
				return MB_EXIT_USAGE;
			}
			table = !strcmp(optarg, "table");
			break;
		case 'h': usage(); return MB_EXIT_OK;
		default: return MB_EXIT_USAGE;
		}
	if (!by || optind >= argc) {
		mb_warn("ratio: usage: mapbench ratio --by FIELD [--num A --den B] RESULTS.csv... (see --help)");
		return MB_EXIT_USAGE;
	}
	if ((k = lookup(mb_gkey_names, MB_NKEYS, "--by field", by)) < 0 ||
	    (m = lookup(mb_gmetric_names, MB_NMETRICS, "--metric", metric)) < 0)
		return MB_EXIT_USAGE;
	rc = mb_cmd_read_results("ratio", argc, argv, optind, &gs);
	if (!rc)
		rc = pick_values(&gs, k, &num, &den);
	if (!rc && mb_ratio_pairs_also(&gs, (enum mb_gkey)k, num, den, (enum mb_gmetric)m, also, &set)) {
		mb_warn("ratio: out of memory");
		rc = MB_EXIT_FAIL;
	} else if (!rc) {
		if (!set.n)
			mb_warn("ratio: no configuration has both %s=%s and %s=%s with %s samples", by, num,
				by, den, metric);
		int w = mb_ratio_write_as(&set, STDOUT_FILENO, columns, table, err, sizeof(err));

		if (w == -EINVAL) {
			mb_warn("ratio: %s", err);
			rc = MB_EXIT_USAGE;
		} else if (w) {
			mb_warn("ratio: writing the output failed");
			rc = MB_EXIT_FAIL;
		}
		mb_ratio_set_free(&set);
	}
	mb_groups_free(&gs);
	return rc;
}
