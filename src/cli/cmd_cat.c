/* cmd_cat.c: `mapbench cat --method M FILE`: read FILE once, start to end,
 * with one access method, and print its checksum. It is the unit of
 * whole-process timing (bench/hyperfine.sh): what hyperfine sees is exec, the
 * binary and libraries loading, this read, and exit with its munmap and page
 * table teardown; nothing is timed inside.
 *
 * The reading is done by the repetition code of `mapbench run`
 * (repetition.c), with one worker and a seq plan: primed buffers, setup, the
 * advice on the mapping or descriptor, worker setup, run, worker teardown,
 * teardown, without the counters. Every byte goes through the
 * suite's checksum (mb_consume, consume=sum), so the number printed is the one
 * the dataset manifest and `mapbench dataset verify` give. No cache state is
 * set or checked here: that is the caller's prepare step. */
#include "advice.h"
#include "checksum.h"
#include "cmd.h"
#include "csvio.h"
#include "dataset.h"
#include "method.h"
#include "method_args.h"
#include "parse.h"
#include "repetition.h"
#include "runner.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CAT_DEFAULT_BLOCK (128u << 10)

struct cat_args {
	const struct mb_method *method;
	enum mb_advice advice;
	uint64_t block;
	long qd;
	int verify;
	enum mb_op op;             /* read, or rmw: FILE's integers incremented in place */
	const char *path;
	uint64_t optval[32];       /* method options (mb_option_at order) */
	int optgiven[32];
};

/* 1 if method m reads every byte of the file itself (MB_CAP_FILE, consume
 * sum): not memread, nor fault (one byte per page). With --op rmw: the rmw
 * methods. */
static enum mb_op cat_op;

static int reads_file(const struct mb_method *m)
{
	if (cat_op == MB_OP_RMW)
		return m->op == MB_OP_RMW;
	return m->caps & MB_CAP_FILE && m->op == MB_OP_READ && m->consume_mask & (1u << MB_CONSUME_SUM);
}

/* The methods that read the file, comma-separated. */
static void file_methods(char *out, size_t len)
{
	size_t at = 0;

	out[0] = '\0';
	for (size_t i = 0; i < mb_method_count() && at < len; i++)
		if (reads_file(mb_method_at(i)))
			at += (size_t)snprintf(out + at, len - at, "%s%s", at ? "," : "", mb_method_at(i)->name);
}

static void usage(FILE *f)
{
	char names[512];

	file_methods(names, sizeof(names));
	fprintf(f,
		"usage: mapbench cat --method M [--advice A] [--block SIZE] [--verify] FILE\n"
		"       mapbench cat --op rmw --method M [--block SIZE] FILE\n"
		"\n"
		"Read FILE once, start to end, with access method M, checksum every byte with the\n"
		"suite's checksum and print it as 16 hex digits: the whole-process unit that\n"
		"bench/hyperfine.sh times (exec, page tables, binary load, the read, exit). The\n"
		"method does the reading as one repetition of `mapbench run --pattern seq` does;\n"
		"the page-cache state is whatever the caller left (nothing is evicted or warmed).\n"
		"\n"
		"With --op rmw, add 1 to every 4-byte integer of FILE, in place, once, with the rmw\n"
		"method M (FILE IS CHANGED: give it a copy), and print how many integers were\n"
		"incremented: the whole-process unit of the read-modify-write claim\n"
		"(bench/hyperfine-rmw.sh).\n"
		"\n"
		"  --method M      one that reads the file (see `mapbench methods`):\n"
		"                  %s\n"
		"                  (not memread: it consumes an in-memory copy of the file;\n"
		"                  not fault, anon-read: one byte per page)\n"
		"  --advice A      none (default) or an advice M takes (see `mapbench methods`)\n"
		"  --block SIZE    bytes per read or per consumed block (default 128K)\n"
		"  --qd N          uring: reads in flight (default 1)\n"
		"  --op OP         read (default) or rmw (rmw-read-write, rmw-block, rmw-element,\n"
		"                  rmw-mmap, rmw-mmap-msync)\n"
		"  --verify        FILE is a mapbench dataset: compare with the checksum in\n"
		"                  manifest.csv beside it; exit 1 when they differ\n"
		"  -h, --help      this help\n"
		"  (and the options of one method, below)\n"
		"\n"
		"Exit: 0 ok (only the checksum on stdout), 1 the read failed or --verify found a\n"
		"different checksum, 2 bad input, 4 the method cannot run here.\n",
		names);
	mb_method_args_help(f);
}

static int usage_error(const char *opt, const char *why)
{
	mb_warn("cat: %s: %s", opt, why);
	return MB_EXIT_USAGE;
}

/* --method: a method that reads the file. */
static int pick_method(const char *name, struct cat_args *a)
{
	char names[512], why[768];

	file_methods(names, sizeof(names));
	a->method = NULL;
	for (size_t i = 0; i < mb_method_count() && !a->method; i++)
		if (mb_method_at(i)->op == a->op && !strcmp(mb_method_at(i)->name, name))
			a->method = mb_method_at(i);
	if (!a->method) {
		snprintf(why, sizeof(why), "unknown method '%s' (use %s)", name, names);
		return usage_error("--method", why);
	}
	if (!(a->method->caps & MB_CAP_FILE)) {
		snprintf(why, sizeof(why), "%s does not read the file (it consumes an in-memory copy "
			 "made before timing, or none); use %s", name, names);
		return usage_error("--method", why);
	}
	if (!reads_file(a->method)) {
		snprintf(why, sizeof(why), "%s does not read every byte (one per page); use %s", name,
			 names);
		return usage_error("--method", why);
	}
	return 0;
}

/* --advice: known, and taken by the method. */
static int check_advice(const char *name, struct cat_args *a)
{
	char ok[256], why[512];
	size_t at = 0;

	if (!name)
		return 0;
	if (mb_advice_parse(name, &a->advice)) {
		snprintf(why, sizeof(why), "unknown advice '%s' (use none, normal, sequential, random, "
			 "willneed, hugepage, populate-read, map-populate, noreuse, readahead)", name);
		return usage_error("--advice", why);
	}
	if (a->method->advice_mask & (1u << a->advice))
		return 0;
	ok[0] = '\0';
	for (int i = 0; i < MB_ADV_COUNT && at < sizeof(ok); i++)
		if (a->method->advice_mask & (1u << i))
			at += (size_t)snprintf(ok + at, sizeof(ok) - at, "%s%s", at ? ", " : "",
					       mb_advice_name((enum mb_advice)i));
	snprintf(why, sizeof(why), "%s does not apply to method %s (it takes %s)", name,
		 a->method->name, ok);
	return usage_error("--advice", why);
}

/* Numeric options; 0 or MB_EXIT_USAGE. */
static int parse_number(int c, const char *arg, struct cat_args *a)
{
	char err[256];

	switch (c) {
	case 'b':
		if (mb_parse_size(arg, &a->block, err, sizeof(err)))
			return usage_error("--block", err);
		if (!a->block || a->block > (1ull << 30))
			return usage_error("--block", "out of range: a block is 1 byte to 1G");
		return 0;
	default:
		if (mb_parse_count(arg, 1, 4096, &a->qd, err, sizeof(err)))
			return usage_error("--qd", err);
		return 0;
	}
}

/* The I/O buffer (block x --iov) fits the limit: 0 or MB_EXIT_USAGE. */
static int check_buffer(const struct cat_args *a)
{
	uint64_t opt[MB_MAX_METHOD_OPTS];

	mb_option_values(a->method, a->optval, a->optgiven, opt);
	if (a->block * mb_option_buf_blocks(a->method, opt) > MB_BUF_MAX)
		return usage_error("--iov", "block x iov exceeds 256M");
	return 0;
}

/* 0, -1 after --help, or MB_EXIT_USAGE after a one-line error. */
static int parse_args(int argc, char **argv, struct cat_args *a)
{
	static const struct option opts[] = {
		{"method", required_argument, 0, 'm'}, {"advice", required_argument, 0, 'a'},
		{"block", required_argument, 0, 'b'},
		{"qd", required_argument, 0, 'q'},
		{"verify", no_argument, 0, 'v'},
		{"op", required_argument, 0, 'o'},
		{"help", no_argument, 0, 'h'},
	};
	struct option all[sizeof(opts) / sizeof(opts[0]) + 40];
	const char *method = NULL, *advice = NULL;
	int c, rc;

	*a = (struct cat_args){.advice = MB_ADV_NONE, .block = CAT_DEFAULT_BLOCK,
			       .qd = 1};
	cat_op = MB_OP_READ;
	opterr = 0;
	optind = 0;
	mb_method_longopts(opts, sizeof(opts) / sizeof(opts[0]), all, sizeof(all) / sizeof(all[0]));
	while ((c = getopt_long(argc, argv, ":h", all, NULL)) != -1) {
		if (c >= MB_OPT_BASE) {
			if ((rc = mb_method_arg("cat", c, optarg, a->optval, a->optgiven)))
				return rc;
			continue;
		}
		switch (c) {
		case 'm': method = optarg; break;
		case 'a': advice = optarg; break;
		case 'v': a->verify = 1; break;
		case 'o':
			if (mb_op_parse(optarg, &a->op) || a->op == MB_OP_WRITE)
				return usage_error("--op", "give read or rmw");
			cat_op = a->op;
			break;
		case 'h': usage(stdout); return -1;
		case ':': return usage_error(argv[optind - 1], "needs a value");
		case '?': return usage_error(argv[optind - 1], "unknown option (see mapbench cat --help)");
		default:
			if ((rc = parse_number(c, optarg, a)))
				return rc;
		}
	}
	if (optind >= argc) {
		mb_warn("cat: no FILE to read (see mapbench cat --help)");
		return MB_EXIT_USAGE;
	}
	if (optind + 1 < argc)
		return usage_error(argv[optind + 1], "unexpected argument: cat reads one FILE");
	a->path = argv[optind];
	if (!method)
		return usage_error("--method", "is required (e.g. --method read)");
	if (a->op == MB_OP_RMW && a->verify)
		return usage_error("--verify", "does not go with --op rmw (FILE is changed)");
	if (a->op == MB_OP_RMW && a->block % 4)
		return usage_error("--block", "rmw blocks must hold whole 4-byte integers (a multiple of 4)");
	if ((rc = pick_method(method, a)))
		return rc;
	if ((rc = check_buffer(a)))
		return rc;
	return check_advice(advice, a);
}

/* FILE: an existing, readable regular file; *size its length. */
static int check_file(const char *path, uint64_t *size)
{
	struct stat sb;
	int fd;

	if (stat(path, &sb))
		return usage_error(path, strerror(errno));
	if (S_ISDIR(sb.st_mode))
		return usage_error(path, "Is a directory (cat reads a file)");
	if (!S_ISREG(sb.st_mode))
		return usage_error(path, "not a regular file");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return usage_error(path, strerror(errno));
	close(fd);
	*size = (uint64_t)sb.st_size;
	return 0;
}

/* --verify: the checksum manifest.csv beside path records for it. 0, or
 * MB_EXIT_USAGE (not a mapbench dataset, or a checksum of an older function)
 * or MB_EXIT_FAIL (its size is not the manifest's) after a one-line error. */
static int manifest_checksum(const char *path, uint64_t size, uint64_t *want)
{
	char dir[PATH_MAX], mpath[PATH_MAX + 32], err[PATH_MAX + 256];
	const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : path;
	struct mb_csv_table t;
	long cn, cs, cc, ca, cd;
	int rc = MB_EXIT_USAGE, listed = 0;

	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else /* "/f": the root, whose manifest is "/manifest.csv" */
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	snprintf(mpath, sizeof(mpath), "%s/%s", dir, MB_MANIFEST);
	if (access(mpath, F_OK)) {
		mb_warn("cat: --verify: %s is not a mapbench dataset: no %s beside it", path, mpath);
		return MB_EXIT_USAGE;
	}
	if (mb_csv_table_load(mpath, &t, err, sizeof(err))) {
		mb_warn("cat: --verify: %s: %s", mpath, err);
		return MB_EXIT_USAGE;
	}
	cn = mb_csv_table_col(&t, "name");
	cs = mb_csv_table_col(&t, "size_bytes");
	cc = mb_csv_table_col(&t, "checksum");
	ca = mb_csv_table_col(&t, "checksum_alg");
	cd = mb_csv_table_col(&t, "seed");
	for (size_t r = 0; cn >= 0 && cs >= 0 && cc >= 0 && cd >= 0 && r < t.nrows; r++) {
		const char *alg = ca >= 0 ? t.rows[r][ca] : MB_CHECKSUM_ALG_V1;
		uint64_t wsize;

		if (strcmp(t.rows[r][cn], name))
			continue;
		wsize = strtoull(t.rows[r][cs], NULL, 10);
		*want = strtoull(t.rows[r][cc], NULL, 16);
		rc = 0;
		listed = 1;
		if (strcmp(alg, MB_CHECKSUM_ALG)) {
			mb_warn("cat: --verify: %s lists %s with a checksum of an older mapbench (%s, not "
				"%s); `mapbench dataset make --dir %s --size %s --seed %s` recomputes it",
				mpath, path, alg, MB_CHECKSUM_ALG, dir, t.rows[r][cs], t.rows[r][cd]);
			rc = MB_EXIT_USAGE;
		} else if (wsize != size) {
			mb_warn("cat: %s: %" PRIu64 " bytes, %s says %" PRIu64 ": the dataset changed", path,
				size, mpath, wsize);
			rc = MB_EXIT_FAIL;
		}
		break;
	}
	if (rc == MB_EXIT_USAGE && !listed)
		mb_warn("cat: --verify: %s is not listed in %s: not a mapbench dataset", path, mpath);
	mb_csv_table_free(&t);
	return rc;
}

/* Reads the whole file once with the method, through the repetition code of
 * `mapbench run` (repetition.h: primed buffers, setup, advice, worker setup,
 * run, teardown), one worker, no cache state, no counters; *csum its
 * checksum. With --op rmw: increments the file's integers in place instead
 * (no scratch copy), *csum the integers incremented. 0 or an exit code, the
 * error printed. */
static int read_file(const struct cat_args *a, uint64_t size, uint64_t *csum)
{
	struct mb_config c = {.method = a->method, .pattern = MB_SEQ, .cache = MB_CACHE_NA,
			      .advice = a->advice,
			      .consume = a->op == MB_OP_RMW ? MB_CONSUME_INCREMENT : MB_CONSUME_SUM,
			      .file_size = size, .block = a->block, .threads = 1,
			      .qd = (unsigned)a->qd, .path = a->path, .op = a->op,
			      .sync = a->method->sync_mask & 1u << MB_SYNC_MSYNC ? MB_SYNC_MSYNC
										 : MB_SYNC_NONE};
	struct mb_run_opts o = {.reps = 1};
	struct mb_runner rn = {.opts = &o};
	struct mb_member *m = calloc(1, sizeof(*m));
	struct mb_pool pool;
	struct mb_plan plan;
	struct mb_row row;
	char err[600];
	int rc = MB_EXIT_FAIL;

	mb_option_values(a->method, a->optval, a->optgiven, c.opt);
	if (!m || mb_plan_init(&plan, MB_SEQ, size, a->block, 1, 1)) {
		mb_warn("cat: %s: %s", a->method->name, strerror(ENOMEM));
		free(m);
		return MB_EXIT_FAIL;
	}
	if (mb_pool_start(&pool, 1, err, sizeof(err))) {
		mb_warn("cat: %s: %s", a->method->name, err);
		goto out_plan;
	}
	if (mb_member_open(m, &c, &plan, &pool, NULL, err, sizeof(err))) {
		mb_warn("cat: %s: %s", a->method->name, err);
		goto out_pool;
	}
	mb_row_init(&row, &rn, &c, 1);
	switch (mb_rep_run(m, MB_REP_NO_COUNTERS | (a->op == MB_OP_RMW ? MB_REP_IN_PLACE : 0), &row,
			   NULL)) {
	case 0:
		*csum = a->op == MB_OP_RMW ? row.ops : row.checksum;
		rc = 0;
		break;
	case 1:
		mb_warn("cat: %s: not supported here: %s", a->method->name, row.error);
		rc = MB_EXIT_UNSUPPORTED;
		break;
	default:
		mb_warn("cat: %s: %s", a->method->name, row.error[0] ? row.error : "failed");
	}
	mb_member_close(m);
out_pool:
	mb_pool_stop(&pool);
out_plan:
	mb_plan_free(&plan);
	free(m);
	return rc;
}

/* The method and the advice can run on this system: else exit 4. */
static int check_here(const struct cat_args *a)
{
	char why[256];

	if (!mb_method_available(a->method, why, sizeof(why))) {
		mb_warn("cat: %s: not supported here: %s", a->method->name, why);
		return MB_EXIT_UNSUPPORTED;
	}
	if (!mb_advice_available(a->advice, why, sizeof(why))) {
		mb_warn("cat: --advice %s: not supported here: %s", mb_advice_name(a->advice), why);
		return MB_EXIT_UNSUPPORTED;
	}
	return 0;
}

int mb_cmd_cat(int argc, char **argv)
{
	struct cat_args a;
	uint64_t size, csum, want = 0;
	int rc = parse_args(argc, argv, &a);

	if (rc)
		return rc < 0 ? MB_EXIT_OK : rc;
	if ((rc = check_file(a.path, &size)) || (rc = check_here(&a)))
		return rc;
	if (a.verify && (rc = manifest_checksum(a.path, size, &want)))
		return rc;
	if ((rc = read_file(&a, size, &csum)))
		return rc;
	if (a.op == MB_OP_RMW)
		printf("%" PRIu64 "\n", csum); /* the integers incremented */
	else
		printf("%016" PRIx64 "\n", csum);
	if (fflush(stdout) || ferror(stdout)) {
		mb_warn("cat: stdout: %s", strerror(errno));
		return MB_EXIT_FAIL;
	}
	if (a.verify && csum != want) {
		mb_warn("cat: %s: checksum %016" PRIx64 " != %016" PRIx64 " in its manifest: bytes "
			"misread or the dataset changed", a.path, csum, want);
		return MB_EXIT_FAIL;
	}
	return MB_EXIT_OK;
}
