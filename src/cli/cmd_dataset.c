/* cmd_dataset.c: `mapbench dataset make|verify`: deterministic datasets and
 * their manifest. */
#include "cmd.h"
#include "dataset.h"
#include "parse.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static void usage(FILE *f)
{
	fputs("usage: mapbench dataset make --size LIST [--dir DIR] [--seed N]\n"
	      "       mapbench dataset verify [--dir DIR]\n"
	      "\n"
	      "make    writes deterministic, seeded, incompressible files mb-<size>-s<seed>.dat\n"
	      "        and records them in DIR/manifest.csv; an existing dataset is reused as is.\n"
	      "        A file of the same name that mapbench did not make is never overwritten.\n"
	      "        Checksums an older mapbench wrote in the manifest are recomputed, for the\n"
	      "        files that are still the generator's.\n"
	      "verify  re-reads every dataset in DIR/manifest.csv and checks size and checksum\n"
	      "        (an older mapbench's entries against the generator; nothing is written).\n"
	      "\n"
	      "  --size LIST   sizes, e.g. 4K,1M,16M,1G or 4K..1G\n"
	      "  --dir DIR     dataset folder (default datasets; made if missing)\n"
	      "  --seed N      content seed (default 1)\n"
	      "  -h, --help    this help\n", f);
}

static int make(const char *dir, const struct mb_u64_list *sizes, uint64_t seed)
{
	char err[PATH_MAX + 256];

	if (mb_dataset_dir(dir, err, sizeof(err))) {
		mb_warn("dataset: %s", err);
		return MB_EXIT_USAGE;
	}
	mb_catch_stop_signals();
	for (size_t i = 0; i < sizes->n; i++) {
		struct mb_dataset ds;
		uint64_t t0 = mb_now_ns();
		int made, rc = mb_dataset_ensure(dir, sizes->v[i], seed, &ds, &made, err, sizeof(err));
		double s = (double)(mb_now_ns() - t0) / 1e9;

		if (rc == -EINTR) {
			mb_warn("dataset: interrupted; %s was not made", ds.path);
			return mb_exit_interrupted();
		}
		if (rc) {
			mb_warn("dataset: %s", err);
			return rc == -EEXIST ? MB_EXIT_USAGE : MB_EXIT_MISSING;
		}
		if (made)
			printf("made   %s  %" PRIu64 " bytes  checksum %016" PRIx64 "  %.2f s (%.2f GiB/s)\n",
			       ds.path, ds.size, ds.checksum, s, s > 0 ? (double)ds.size / s / 1073741824.0 : 0);
		else
			printf("reused %s  %" PRIu64 " bytes  checksum %016" PRIx64 "\n", ds.path, ds.size,
			       ds.checksum);
	}
	return MB_EXIT_OK;
}

int mb_cmd_dataset(int argc, char **argv)
{
	static const struct option opts[] = {
		{"size", required_argument, 0, 's'}, {"dir", required_argument, 0, 'd'},
		{"seed", required_argument, 0, 'S'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
	};
	const char *dir = "datasets", *sizes = NULL, *verb;
	struct mb_u64_list list;
	char err[PATH_MAX + 256];
	long seed = 1;
	int c, bad;

	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? MB_EXIT_USAGE : MB_EXIT_OK;
	}
	verb = argv[1];
	if (strcmp(verb, "make") && strcmp(verb, "verify")) {
		mb_warn("dataset: unknown action '%s' (use make or verify)", verb);
		return MB_EXIT_USAGE;
	}
	opterr = 0;
	optind = 2;
	while ((c = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		switch (c) {
		case 's': sizes = optarg; break;
		case 'd': dir = optarg; break;
		case 'S':
			if (mb_parse_count(optarg, 0, LONG_MAX, &seed, err, sizeof(err))) {
				mb_warn("dataset: --seed: %s", err);
				return MB_EXIT_USAGE;
			}
			break;
		case 'h': usage(stdout); return MB_EXIT_OK;
		case ':': mb_warn("dataset: %s: needs a value", argv[optind - 1]); return MB_EXIT_USAGE;
		default: mb_warn("dataset: %s: unknown option", argv[optind - 1]); return MB_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		mb_warn("dataset: %s: unexpected argument", argv[optind]);
		return MB_EXIT_USAGE;
	}
	if (!strcmp(verb, "verify")) {
		bad = mb_dataset_verify(dir, stdout, err, sizeof(err));
		if (bad < 0) {
			mb_warn("dataset: verify: %s", err);
			return MB_EXIT_USAGE;
		}
		if (bad)
			mb_warn("dataset: %d bad dataset%s in %s", bad, bad > 1 ? "s" : "", dir);
		return bad ? MB_EXIT_FAIL : MB_EXIT_OK;
	}
	if (!sizes) {
		mb_warn("dataset: make needs --size (e.g. --size 1M,16M)");
		return MB_EXIT_USAGE;
	}
	if (mb_parse_size_list(sizes, &list, err, sizeof(err))) {
		mb_warn("dataset: --size: %s", err);
		return MB_EXIT_USAGE;
	}
	return make(dir, &list, (uint64_t)seed);
}
