/* cmd_peer_row.c: `mapbench peer-row PEER.csv [--keep COLS] [NAME=VALUE...]`:
 * another tool's run (fio's) as a row of its mapbench peer's results table
 * (peerrow.h), on stdout, for bench/crosscheck-fio.sh. */
#include "cmd.h"
#include "parse.h"
#include "peerrow.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void usage(void)
{
	puts("usage: mapbench peer-row PEER.csv [--keep COL,...] [NAME=VALUE...] >> PEER_TABLE.csv\n\n"
	     "Prints one results row, without header, in the columns of the results file\n"
	     "PEER.csv: NAME's cell is VALUE; a column in --keep gets the value of PEER.csv's\n"
	     "first row; every other cell is empty. bench/crosscheck-fio.sh makes fio's runs\n"
	     "rows of mapbench's results this way: the configuration and identity of the\n"
	     "mapbench run next to it, fio's own figures (from its JSON), so that `mapbench\n"
	     "ratio --by method` pairs the two. A column that PEER.csv lacks is an error.\n\n"
	     "  --keep COL,...  columns copied from PEER.csv's first row");
}

int mb_cmd_peer_row(int argc, char **argv)
{
	static const struct option opts[] = {
		{"keep", required_argument, 0, 'k'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
	};
	struct mb_str_list keep = {0};
	char err[1024];
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1)
		switch (c) {
		case 'k':
			mb_str_list_free(&keep);
			if (mb_parse_str_list(optarg, &keep, err, sizeof(err))) {
				mb_warn("peer-row: --keep: %s", err);
				return MB_EXIT_USAGE;
			}
			break;
		case 'h': usage(); mb_str_list_free(&keep); return MB_EXIT_OK;
		default: mb_str_list_free(&keep); return MB_EXIT_USAGE;
		}
	if (optind >= argc) {
		mb_warn("peer-row: usage: mapbench peer-row PEER.csv [--keep COL,...] [NAME=VALUE...] (see --help)");
		mb_str_list_free(&keep);
		return MB_EXIT_USAGE;
	}
	rc = mb_peer_row(argv[optind], (const char *const *)keep.v, keep.n,
			 (const char *const *)argv + optind + 1, (size_t)(argc - optind - 1), STDOUT_FILENO, err,
			 sizeof(err));
	mb_str_list_free(&keep);
	if (rc) {
		mb_warn("peer-row: %s", err);
		return rc == -EINVAL || rc == -ENOENT || rc == -EACCES ? MB_EXIT_USAGE : MB_EXIT_FAIL;
	}
	return MB_EXIT_OK;
}
