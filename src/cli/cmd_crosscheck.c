/* cmd_crosscheck.c: `mapbench crosscheck --pair MB,FIO,LABEL...
 * [--write-pair MB,FIO,LABEL...] RESULTS.csv`:
 * the table of mapbench against fio and its findings with their likely
 * causes (crosscheck.h), as text on stdout, for bench/crosscheck-fio.sh. */
#include "cmd.h"
#include "crosscheck.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PAIRS 16

static void usage(void)
{
	puts("usage: mapbench crosscheck --pair MB,FIO,LABEL... [--write-pair MB,FIO,LABEL...]\n"
	     "                           [--page-reporting FILE.csv] RESULTS.csv\n\n"
	     "RESULTS.csv holds mapbench's rows and fio's, converted to the same columns with\n"
	     "the configuration of their mapbench peer (bench/crosscheck-fio.sh writes it).\n"
	     "Per configuration (cache, pattern, block, file size) in the order it ran, and\n"
	     "per pair: the median MiB/s (and ops/s for rand) of both tools, the ratio\n"
	     "mapbench / fio of the medians with its 95% CI and Mann-Whitney p (as `mapbench\n"
	     "ratio --by method --follow tool_version`; ~: not significant at 5%) and n.\n"
	     "Then each ratio outside 0.9-1.1 (as printed) with its likely cause, told from\n"
	     "the pair, the cache state, the pattern, the block size and the evidence in\n"
	     "the rows: user and system CPU time per run of each tool, the checksum's cost\n"
	     "estimated from the mmap pair of the configuration, the memory a VM handed\n"
	     "back to its host during each run, and for writes the sync call's time\n"
	     "(sync_ns), device writes (dev_write_bytes) and the pages left dirty or under\n"
	     "write-back (dirty_delta_bytes, writeback_delta_bytes).\n\n"
	     "  --pair MB,FIO,LABEL   mapbench's method, fio's (the method column of its rows)\n"
	     "                        and the pair's label, e.g. pread,fio-psync,pread / fio psync;\n"
	     "                        repeatable, in the order of the table (the causes know\n"
	     "                        mapbench's mmap, uring and odirect)\n"
	     "  --write-pair MB,FIO,LABEL  the same for rows of op write (mapbench run --op write\n"
	     "                        against a fio write job on its own scratch file), e.g.\n"
	     "                        pwrite,fio-psync,pwrite / fio psync; the sync column is\n"
	     "                        part of a write's configuration (sync=none, sync=fsync)\n"
	     "  --page-reporting FILE.csv  MiB handed back to the host during each run (free\n"
	     "                        page reporting), in the order of the runs: columns\n"
	     "                        config (as warm-seq-128K-1G), method, rep, reported_mib");
}

/* "MB,FIO,LABEL" into pair (pointing into s, which it splits), for rows of
 * op (NULL: read). */
static int parse_pair(char *s, const char *op, struct mb_xc_pair *pair)
{
	char *a = strchr(s, ','), *b = a ? strchr(a + 1, ',') : NULL;

	if (!a || !b || a == s || b == a + 1 || !b[1]) {
		mb_warn("crosscheck: --%spair '%s': want MB,FIO,LABEL (e.g. pread,fio-psync,pread / fio psync)",
			op ? "write-" : "", s);
		return MB_EXIT_USAGE;
	}
	*a = *b = '\0';
	*pair = (struct mb_xc_pair){s, a + 1, b + 1, op};
	return MB_EXIT_OK;
}

int mb_cmd_crosscheck(int argc, char **argv)
{
	static const struct option opts[] = {
		{"pair", required_argument, 0, 'p'}, {"write-pair", required_argument, 0, 'w'},
		{"page-reporting", required_argument, 0, 'r'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
	};
	struct mb_xc_pair pairs[MAX_PAIRS];
	const char *reported = NULL;
	struct mb_xc_table t;
	size_t np = 0;
	char err[1024];
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1)
		switch (c) {
		case 'p':
		case 'w':
			if (np == MAX_PAIRS) {
				mb_warn("crosscheck: at most %d pairs", MAX_PAIRS);
				return MB_EXIT_USAGE;
			}
			if ((rc = parse_pair(optarg, c == 'w' ? "write" : NULL, &pairs[np++])))
				return rc;
			break;
		case 'r': reported = optarg; break;
		case 'h': usage(); return MB_EXIT_OK;
		default: return MB_EXIT_USAGE;
		}
	if (!np || optind != argc - 1) {
		mb_warn("crosscheck: usage: mapbench crosscheck --pair MB,FIO,LABEL... RESULTS.csv (see --help)");
		return MB_EXIT_USAGE;
	}
	rc = mb_xc_build(argv[optind], pairs, np, reported, &t, err, sizeof(err));
	if (rc) {
		mb_warn("crosscheck: %s", err);
		return rc == -ENOMEM || rc == -EIO ? MB_EXIT_FAIL : MB_EXIT_USAGE;
	}
	mb_xc_print(&t, stdout);
	mb_xc_free(&t);
	if (fflush(stdout)) {
		mb_warn("crosscheck: writing the table failed");
		return MB_EXIT_FAIL;
	}
	return MB_EXIT_OK;
}
