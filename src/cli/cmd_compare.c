/* cmd_compare.c: `mapbench compare BASE.csv TARGET.csv [MORE.csv...]`:
 * result sets side by side, each against the first, with real statistics
 * (analyze/compare.h), as a table, CSV, Markdown or benchstat's input. */
#include "cmd.h"
#include "compare.h"
#include "parse.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void usage(void)
{
	printf("usage: mapbench compare [--by COLUMN] [--base VALUE] [--metric M]\n"
	       "                        [--format table|csv|md|benchstat] [--ignore-folios]\n"
	       "                        [--seed N] BASE.csv TARGET.csv [MORE.csv...]\n"
	       "       mapbench compare --by COLUMN [--base VALUE] ... RESULTS.csv\n\n"
	       "Each input is a results CSV or a results folder (its results.csv).\n"
	       "Compares result sets, each against the first (the baseline): two kernels,\n"
	       "filesystems, hosts, settings, or any column's values. Rows are matched on\n"
	       "every configuration column but the compared ones: by default, whichever\n"
	       "columns take one value in each file and a different one in the baseline\n"
	       "(kernel, fs_type, host, mount_opts, read_ahead_kb, thp, the CPU, ...). With\n"
	       "one file, the sides are the values of --by COLUMN (default: the first\n"
	       "environment column with two or more values), the first seen or --base VALUE\n"
	       "the baseline.\n\n"
	       "Per configuration: the median of M with its 95%% CI on each side, the ratio\n"
	       "of medians (side / baseline) with its 95%% CI, the two-sided Mann-Whitney\n"
	       "p-value after Holm's correction over the configurations compared, and\n"
	       "faster, slower or ~ (p >= 0.05, or fewer than %d samples on a side).\n"
	       "Configurations whose sides measured different things (rows not ok, a warm\n"
	       "file not fully resident, cold not reached, large-folio shares more than %.0f\n"
	       "points apart) are listed apart with the reason, as are those on one side\n"
	       "only; neither enters the summary: the geometric mean of the ratios with a\n"
	       "bootstrap 95%% CI over configurations, and faster/slower/~ counts.\n\n"
	       "  --by COLUMN     compare this column (any key column: kernel, fs_type,\n"
	       "                  method, advice, cache, ...)\n"
	       "  --base VALUE    one file: the baseline's value of COLUMN\n"
	       "  --metric M      mib_per_s (default, higher is better), total_ns, lat_p99_ns,\n"
	       "                  ... any measure of `mapbench summarize` (lower is better)\n"
	       "  --format F      table (default, aligned text), csv (for the charts;\n"
	       "                  docs/csv-schema.md), md (Markdown), benchstat (every\n"
	       "                  sample in Go benchmark format with a key line per compared\n"
	       "                  column: benchstat -col kernel FILE)\n"
	       "  --ignore-folios keep configurations whose large-folio shares differ (when\n"
	       "                  that difference is what is compared)\n"
	       "  --seed N        seed of the bootstrap (default 1)\n\n"
	       "Bad input is an error naming the file and line: a malformed CSV, different\n"
	       "schema versions, the same row twice (one file given twice), no shared\n"
	       "configuration. Exit 0 ok, 2 bad input or usage.\n\n"
	       "Examples:\n"
	       "  mapbench compare base/results.csv new-kernel/results.csv\n"
	       "  mapbench compare --format md ext4/results.csv xfs/results.csv btrfs/results.csv\n"
	       "  mapbench compare --by method --base read results.csv\n",
	       MB_CMP_MIN_SAMPLES, MB_CMP_FOLIO_POINTS);
}

static int lookup(const char *const *names, size_t n, const char *what, const char *v)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], v))
			return (int)i;
	mb_warn("compare: unknown %s '%s' (see --help)", what, v);
	return -1;
}

/* A whole number for --seed; 0 or -EINVAL. */
static int parse_seed(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 10);
	return !*s || *end || errno || *s == '-' ? -EINVAL : 0;
}

static const char *const formats[] = {"table", "csv", "md", "benchstat"};

static int write_out(const struct mb_compare *c, int format)
{
	switch (format) {
	case 1: return mb_compare_write_csv(c, STDOUT_FILENO);
	case 2: return mb_compare_write_md(c, STDOUT_FILENO);
	case 3: return mb_compare_write_benchstat(c, STDOUT_FILENO);
	default: return mb_compare_write_table(c, STDOUT_FILENO);
	}
}

/* Reads each input (a results CSV, or a results folder's results.csv) into
 * gs; the paths read go into paths (malloc'ed). An exit code. */
static int read_files(struct mb_groups *gs, char **inputs, char **paths, size_t n)
{
	char err[1024];
	struct stat st;
	int rc;

	for (size_t i = 0; i < n; i++) {
		int dir = !stat(inputs[i], &st) && S_ISDIR(st.st_mode);

		if (dir ? asprintf(&paths[i], "%s/results.csv", inputs[i]) < 0 : !(paths[i] = strdup(inputs[i]))) {
			paths[i] = NULL;
			mb_warn("compare: out of memory");
			return MB_EXIT_FAIL;
		}
		if (stat(paths[i], &st)) {
			mb_warn("compare: %s: %s", paths[i], strerror(errno));
			return MB_EXIT_USAGE;
		}
		gs[i].track = 1;
	}
	rc = mb_groups_read_each(gs, paths, n, err, sizeof(err));
	if (rc) {
		mb_warn("compare: %s", err);
		return rc == -ENOMEM ? MB_EXIT_FAIL : MB_EXIT_USAGE;
	}
	return MB_EXIT_OK;
}

int mb_compare_options(int argc, char **argv, struct mb_compare_opts *o, int *format,
		       void (*help)(void))
{
	static const struct option opts[] = {
		{"by", required_argument, 0, 'b'}, {"base", required_argument, 0, 'B'},
		{"metric", required_argument, 0, 'm'}, {"format", required_argument, 0, 'f'},
		{"ignore-folios", no_argument, 0, 'i'}, {"seed", required_argument, 0, 's'},
		{"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
	};
	int c, k;

	*o = (struct mb_compare_opts){.by = -1, .metric = MB_M_MIB_PER_S, .seed = 1};
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1)
		switch (c) {
		case 'b':
			if ((o->by = lookup(mb_gkey_names, MB_NKEYS, "--by column", optarg)) < 0)
				return -MB_EXIT_USAGE;
			break;
		case 'B': o->base = optarg; break;
		case 'm':
			if ((k = lookup(mb_gmetric_names, MB_NMETRICS, "--metric", optarg)) < 0)
				return -MB_EXIT_USAGE;
			o->metric = (enum mb_gmetric)k;
			break;
		case 'f':
			if (!format) {
				mb_warn("compare: --format: the report writes Markdown and CSV");
				return -MB_EXIT_USAGE;
			}
			if ((*format = lookup(formats, 4, "--format", optarg)) < 0)
				return -MB_EXIT_USAGE;
			break;
		case 'i': o->ignore_folios = 1; break;
		case 's':
			if (parse_seed(optarg, &o->seed)) {
				mb_warn("compare: --seed '%s' is not a whole number", optarg);
				return -MB_EXIT_USAGE;
			}
			break;
		case 'h': help(); return -MB_EXIT_OK;
		default: return -MB_EXIT_USAGE;
		}
	return optind;
}

int mb_cmd_compare(int argc, char **argv)
{
	struct mb_compare_opts o;
	struct mb_groups *gs = NULL;
	struct mb_compare cmp;
	char err[1024], **paths;
	int format = 0, rc, first;
	size_t nfiles;

	if ((first = mb_compare_options(argc, argv, &o, &format, usage)) <= 0)
		return -first;
	nfiles = first < argc ? (size_t)(argc - first) : 0;
	if (!nfiles) {
		mb_warn("compare: usage: mapbench compare BASE.csv TARGET.csv [MORE.csv...] (see --help)");
		return MB_EXIT_USAGE;
	}
	if (o.base && nfiles > 1) {
		mb_warn("compare: --base names a value with one file; with several, the first file is the baseline");
		return MB_EXIT_USAGE;
	}
	gs = calloc(nfiles, sizeof(*gs));
	paths = calloc(nfiles, sizeof(*paths));
	if (!gs || !paths) {
		free(gs);
		free(paths);
		mb_warn("compare: out of memory");
		return MB_EXIT_FAIL;
	}
	rc = read_files(gs, argv + first, paths, nfiles);
	if (!rc) {
		int b = mb_compare_build(&cmp, gs, (const char *const *)paths, nfiles, &o, err,
					 sizeof(err));

		if (b) {
			mb_warn("compare: %s", b == -ENOMEM ? "out of memory" : err);
			rc = b == -ENOMEM ? MB_EXIT_FAIL : MB_EXIT_USAGE;
		} else {
			if (write_out(&cmp, format)) {
				mb_warn("compare: writing the output failed");
				rc = MB_EXIT_FAIL;
			}
			mb_compare_free(&cmp);
		}
	}
	for (size_t i = 0; i < nfiles; i++) {
		mb_groups_free(&gs[i]);
		free(paths[i]);
	}
	free(gs);
	free(paths);
	return rc;
}
