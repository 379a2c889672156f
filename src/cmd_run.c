/* cmd_run.c: `mapbench run`, the measurement matrix: parses the lists, makes
 * or checks the datasets, runs every configuration through the runner, writes
 * rows as they complete and ends with a median summary on stderr. */
#include "cmd.h"
#include "csvio.h"
#include "dataset.h"
#include "envinfo.h"
#include "latout.h"
#include "matrix.h"
#include "parse.h"
#include "residency.h"
#include "runner.h"
#include "schema.h"
#include "summary.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_METHODS "read,pread,mmap,memread"
#define DEFAULT_SIZES "1M,16M"
#define DEFAULT_BLOCKS "4K,128K"
#define MB_IOV_BUF_MAX (256ull << 20) /* readv/preadv buffer per worker: block x --iov */

struct run_args {
	const char *methods, *patterns, *caches, *sizes, *blocks, *advices, *consumes, *threads;
	const char *dir, *file, *out, *run_id, *lat_out;
	long reps, warmup, iov, buf_offset;
	const char *qds;
	uint64_t seed, data_seed, window;
	int drop_caches, quiet, dir_given, latency, fixed_bufs;
};

struct file_ref {
	char path[PATH_MAX];
	uint64_t size, checksum, touch_checksum;
	int own;
};

struct run_state {
	const struct run_args *a;
	struct mb_csv_out out;
	struct mb_csv_out lat_out;  /* --lat-out, fd -1 when not asked */
	struct mb_matrix_spec spec;
	struct mb_matrix_item *items;
	size_t nitems, cur;
	struct file_ref *files;     /* one per spec.sizes entry */
	double **samples;           /* per item: mib_per_s of its ok rows */
	size_t *nsamples;
	int progress;
	uint64_t work_total, work_done, t_start;
	size_t rows, ok_rows, errors, unsupported;
};

static void usage(FILE *f)
{
	fputs("usage: mapbench run [options]\n"
	      "\n"
	      "Run every combination of the lists below and write one CSV row per repetition.\n"
	      "\n"
	      "  --method LIST     access methods (default " DEFAULT_METHODS "; see `mapbench methods`)\n"
	      "  --pattern LIST    seq, rand (default seq,rand)\n"
	      "  --cache LIST      warm, cold, warm-4k (default warm,cold), verified with mincore;\n"
	      "                    warm-4k: cached by 4 KiB reads in small folios (checked as root)\n"
	      "  --size LIST       dataset sizes, e.g. 64K,1M or 4K..1G (x4 steps) or 4K..1M*2\n"
	      "                    (default " DEFAULT_SIZES ")\n"
	      "  --block LIST      block sizes (default " DEFAULT_BLOCKS "); blocks larger than a file are skipped\n"
	      "  --advice LIST     none (default), normal, sequential, random, willneed, and for\n"
	      "                    mappings hugepage, populate-read, map-populate; for descriptors\n"
	      "                    noreuse, readahead (madvise/posix_fadvise, every return checked)\n"
	      "  --consume LIST    sum (default: checksum every byte), touch (one byte per page),\n"
	      "                    copy (memcpy each block out first); touch/copy: mapping methods\n"
	      "  --threads LIST    worker threads sharing one fd or mapping (default 1)\n"
	      "  --buf-offset N    I/O buffers start N bytes past a page boundary (default 0)\n"
	      "  --window SIZE     mmap-window: bytes mapped at a time (default 64M)\n"
	      "  --iov N           readv/preadv: buffers per call (default 4)\n"
	      "  --qd LIST         uring: queue depths (default 1; e.g. 1,32)\n"
	      "  --uring-fixed     uring: registered (fixed) buffers\n"
	      "  --latency         per-operation latency for seq too (always on for rand)\n"
	      "  --lat-out FILE    write every latency histogram (CSV) to FILE, for CDF plots\n"
	      "  --reps N          measured repetitions per configuration (default 5)\n"
	      "  --warmup N        unrecorded warm-up repetitions (default 1)\n"
	      "  --dir DIR         where datasets live and are made (default datasets)\n"
	      "  --file PATH       measure this existing file instead of datasets (read-only)\n"
	      "  --out FILE        results CSV; an existing file is appended to only if its header\n"
	      "                    matches (default: stdout)\n"
	      "  --run-id ID       run identifier for the run_id column (default: UTC time + random)\n"
	      "  --seed N          seed of the random offset plan (default 1)\n"
	      "  --data-seed N     seed of the dataset contents (default 1)\n"
	      "  --drop-caches     for cold: also sync and write /proc/sys/vm/drop_caches (root only)\n"
	      "  --quiet           no progress, no summary\n"
	      "  -h, --help        this help\n"
	      "\n"
	      "Sizes take K, M, G, T (also KiB, KB: all powers of 1024). Exit: 0 ok, 1 a measurement\n"
	      "failed (its row says why), 2 bad input, 4 nothing requested is supported here,\n"
	      "130 interrupted (completed rows are kept).\n", f);
}

static int usage_error(const char *opt, const char *why)
{
	mb_warn("run: %s: %s", opt, why);
	return MB_EXIT_USAGE;
}

static int parse_args(int argc, char **argv, struct run_args *a)
{
	enum { O_METHOD = 256, O_PATTERN, O_CACHE, O_SIZE, O_BLOCK, O_REPS, O_WARMUP, O_IOV, O_QD,
	       O_BUFOFF, O_SEED, O_DSEED, O_DIR, O_FILE, O_OUT, O_RUNID, O_DROP, O_QUIET, O_ADVICE,
	       O_CONSUME, O_THREADS, O_WINDOW, O_FIXED, O_LATENCY, O_LATOUT };
	static const struct option opts[] = {
		{"method", required_argument, 0, O_METHOD}, {"pattern", required_argument, 0, O_PATTERN},
		{"cache", required_argument, 0, O_CACHE}, {"size", required_argument, 0, O_SIZE},
		{"block", required_argument, 0, O_BLOCK}, {"reps", required_argument, 0, O_REPS},
		{"warmup", required_argument, 0, O_WARMUP}, {"dir", required_argument, 0, O_DIR},
		{"file", required_argument, 0, O_FILE}, {"out", required_argument, 0, O_OUT},
		{"run-id", required_argument, 0, O_RUNID}, {"seed", required_argument, 0, O_SEED},
		{"data-seed", required_argument, 0, O_DSEED}, {"drop-caches", no_argument, 0, O_DROP},
		{"quiet", no_argument, 0, O_QUIET}, {"advice", required_argument, 0, O_ADVICE},
		{"consume", required_argument, 0, O_CONSUME}, {"threads", required_argument, 0, O_THREADS},
		{"buf-offset", required_argument, 0, O_BUFOFF}, {"window", required_argument, 0, O_WINDOW},
		{"iov", required_argument, 0, O_IOV}, {"qd", required_argument, 0, O_QD},
		{"uring-fixed", no_argument, 0, O_FIXED}, {"latency", no_argument, 0, O_LATENCY},
		{"lat-out", required_argument, 0, O_LATOUT}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
	};
	/* bounds of the numeric options, O_REPS .. O_DSEED */
	static const long lo[] = {1, 0, 1, 1, 0, 0, 0}, hi[] = {1000000, 1000000, 1024, 4096, 1 << 20,
								LONG_MAX, LONG_MAX};
	char err[256], name[40];
	long v;
	int c, idx = 0;

	*a = (struct run_args){.methods = DEFAULT_METHODS, .patterns = "seq,rand", .caches = "warm,cold",
			       .blocks = DEFAULT_BLOCKS, .advices = "none", .consumes = "sum",
			       .threads = "1", .dir = "datasets", .reps = 5, .warmup = 1, .iov = 4,
			       .qds = "1", .seed = 1, .data_seed = 1, .window = 64u << 20};
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+:h", opts, &idx)) != -1) {
		switch (c) {
		case O_METHOD: a->methods = optarg; break;
		case O_PATTERN: a->patterns = optarg; break;
		case O_CACHE: a->caches = optarg; break;
		case O_SIZE: a->sizes = optarg; break;
		case O_BLOCK: a->blocks = optarg; break;
		case O_DIR: a->dir = optarg; a->dir_given = 1; break;
		case O_FILE: a->file = optarg; break;
		case O_OUT: a->out = optarg; break;
		case O_RUNID: a->run_id = optarg; break;
		case O_DROP: a->drop_caches = 1; break;
		case O_QUIET: a->quiet = 1; break;
		case O_ADVICE: a->advices = optarg; break;
		case O_CONSUME: a->consumes = optarg; break;
		case O_THREADS: a->threads = optarg; break;
		case O_FIXED: a->fixed_bufs = 1; break;
		case O_LATENCY: a->latency = 1; break;
		case O_LATOUT: a->lat_out = optarg; break;
		case O_WINDOW:
			if (mb_parse_size(optarg, &a->window, err, sizeof(err)))
				return usage_error("--window", err);
			if (!a->window || a->window % (uint64_t)mb_page_size())
				return usage_error("--window", "must be a non-zero multiple of the page size");
			break;
		case O_QD: a->qds = optarg; break;
		case O_REPS:
		case O_WARMUP:
		case O_IOV:
		case O_BUFOFF:
		case O_SEED:
		case O_DSEED:
			snprintf(name, sizeof(name), "--%s", opts[idx].name);
			if (mb_parse_count(optarg, lo[c - O_REPS], hi[c - O_REPS], &v, err, sizeof(err)))
				return usage_error(name, err);
			switch (c) {
			case O_REPS: a->reps = v; break;
			case O_WARMUP: a->warmup = v; break;
			case O_IOV: a->iov = v; break;
			case O_BUFOFF: a->buf_offset = v; break;
			case O_SEED: a->seed = (uint64_t)v; break;
			default: a->data_seed = (uint64_t)v; break;
			}
			break;
		case 'h':
			usage(stdout);
			return -1;
		case ':':
			return usage_error(argv[optind - 1], "needs a value");
		default:
			return usage_error(argv[optind - 1], "unknown option (see mapbench run --help)");
		}
	}
	if (optind < argc)
		return usage_error(argv[optind], "unexpected argument (see mapbench run --help)");
	return 0;
}

/* Parses a list of names into values with parse(); each name once. */
static int parse_names(const char *opt, const char *list, const char *what, const char *valid,
		       int (*parse)(const char *, int *), int *vals, size_t max, size_t *n)
{
	struct mb_str_list l;
	char err[256];
	int rc = 0;

	*n = 0;
	if (mb_parse_str_list(list, &l, err, sizeof(err)))
		return usage_error(opt, err);
	for (size_t i = 0; i < l.n && !rc; i++) {
		int v;

		if (parse(l.v[i], &v)) {
			snprintf(err, sizeof(err), "unknown %s '%s' (%s)", what, l.v[i], valid);
			rc = usage_error(opt, err);
		}
		for (size_t j = 0; j < *n && !rc; j++)
			if (vals[j] == v) {
				snprintf(err, sizeof(err), "'%s' is given twice", l.v[i]);
				rc = usage_error(opt, err);
			}
		if (!rc && *n == max)
			rc = usage_error(opt, "too many values");
		if (!rc)
			vals[(*n)++] = v;
	}
	mb_str_list_free(&l);
	return rc;
}

static int parse_method(const char *name, int *v)
{
	for (size_t i = 0; i < mb_method_count(); i++)
		if (!strcmp(mb_method_at(i)->name, name)) {
			*v = (int)i;
			return 0;
		}
	return -1;
}

static int parse_pattern(const char *name, int *v)
{
	enum mb_pattern p;
	int rc = mb_pattern_parse(name, &p);

	*v = (int)p;
	return rc;
}

static int parse_cache(const char *name, int *v)
{
	enum mb_cache c;
	int rc = mb_cache_parse(name, &c);

	*v = (int)c;
	return rc;
}

static int parse_advice(const char *name, int *v)
{
	enum mb_advice x;
	int rc = mb_advice_parse(name, &x);

	*v = (int)x;
	return rc;
}

static int parse_consume(const char *name, int *v)
{
	enum mb_consume x;
	int rc = mb_consume_parse(name, &x);

	*v = (int)x;
	return rc;
}

/* --advice, --consume, --threads. */
static int build_variants(const struct run_args *a, struct mb_matrix_spec *s)
{
	int vals[MB_LIST_MAX];
	char err[256];
	int rc;

	if ((rc = parse_names("--advice", a->advices, "advice",
			      "use none, normal, sequential, random, willneed, hugepage, populate-read, "
			      "map-populate, noreuse, readahead", parse_advice, vals, MB_ADV_COUNT, &s->nadvices)))
		return rc;
	for (size_t i = 0; i < s->nadvices; i++)
		s->advices[i] = (enum mb_advice)vals[i];
	if ((rc = parse_names("--consume", a->consumes, "consume mode", "use sum, touch, copy",
			      parse_consume, vals, MB_CONSUME_COUNT, &s->nconsumes)))
		return rc;
	for (size_t i = 0; i < s->nconsumes; i++)
		s->consumes[i] = (enum mb_consume)vals[i];
	if (mb_parse_size_list(a->threads, &s->threads, err, sizeof(err)))
		return usage_error("--threads", err);
	if (mb_parse_size_list(a->qds, &s->qds, err, sizeof(err)))
		return usage_error("--qd", err);
	for (size_t i = 0; i < s->qds.n; i++)
		if (!s->qds.v[i] || s->qds.v[i] > 4096) {
			snprintf(err, sizeof(err), "'%llu' is out of range (1..4096)",
				 (unsigned long long)s->qds.v[i]);
			return usage_error("--qd", err);
		}
	for (size_t i = 0; i < s->threads.n; i++)
		if (!s->threads.v[i] || s->threads.v[i] > MB_MAX_THREADS) {
			snprintf(err, sizeof(err), "'%llu' is out of range (1..%d)",
				 (unsigned long long)s->threads.v[i], MB_MAX_THREADS);
			return usage_error("--threads", err);
		}
	return 0;
}

static int build_spec(const struct run_args *a, struct mb_matrix_spec *s)
{
	int vals[MB_LIST_MAX];
	char err[256], tok[32];
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = parse_names("--method", a->methods, "method", "see mapbench methods", parse_method,
			      vals, MB_LIST_MAX, &s->nmethods)))
		return rc;
	for (size_t i = 0; i < s->nmethods; i++)
		s->methods[i] = mb_method_at((size_t)vals[i]);
	if ((rc = parse_names("--pattern", a->patterns, "pattern", "use seq, rand", parse_pattern, vals,
			      2, &s->npatterns)))
		return rc;
	for (size_t i = 0; i < s->npatterns; i++)
		s->patterns[i] = (enum mb_pattern)vals[i];
	if ((rc = parse_names("--cache", a->caches, "cache state", "use warm, cold, warm-4k", parse_cache,
			      vals, 3, &s->ncaches)))
		return rc;
	for (size_t i = 0; i < s->ncaches; i++)
		s->caches[i] = (enum mb_cache)vals[i];
	if (mb_parse_size_list(a->blocks, &s->blocks, err, sizeof(err)))
		return usage_error("--block", err);
	for (size_t i = 0; i < s->blocks.n; i++)
		if (!s->blocks.v[i] || s->blocks.v[i] > (1ull << 30)) {
			snprintf(err, sizeof(err), "'%s' is out of range: a block is 1 byte to 1G",
				 mb_fmt_size(s->blocks.v[i], tok, sizeof(tok)));
			return usage_error("--block", err);
		}
	if (a->sizes && mb_parse_size_list(a->sizes, &s->sizes, err, sizeof(err)))
		return usage_error("--size", err);
	for (size_t m = 0; m < s->nmethods; m++)
		for (size_t i = 0; s->methods[m]->caps & MB_CAP_IOV && i < s->blocks.n; i++)
			if (s->blocks.v[i] * (uint64_t)a->iov > MB_IOV_BUF_MAX) {
				snprintf(err, sizeof(err), "%ld buffers of %s exceed 256M per thread",
					 a->iov, mb_fmt_size(s->blocks.v[i], tok, sizeof(tok)));
				return usage_error("--iov", err);
			}
	return build_variants(a, s);
}

/* --file: an existing, readable regular file; its checksum is computed once. */
static int check_user_file(const struct run_args *a, struct run_state *st)
{
	struct stat sb;
	char err[600];
	int fd;

	if (a->sizes || a->dir_given)
		return usage_error("--file", "measures one file: leave out --size and --dir");
	if (stat(a->file, &sb))
		return usage_error(a->file, strerror(errno));
	if (S_ISDIR(sb.st_mode))
		return usage_error(a->file, "Is a directory (--file takes a file)");
	if (!S_ISREG(sb.st_mode))
		return usage_error(a->file, "not a regular file");
	fd = open(a->file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return usage_error(a->file, strerror(errno));
	close(fd);
	st->spec.sizes.n = 1;
	st->spec.sizes.v[0] = (uint64_t)sb.st_size;
	st->files = calloc(1, sizeof(*st->files));
	if (!st->files)
		return usage_error(a->file, strerror(ENOMEM));
	snprintf(st->files[0].path, sizeof(st->files[0].path), "%s", a->file);
	if (!a->quiet)
		mb_warn("computing the checksum of %s", a->file);
	if (mb_file_checksums(a->file, &st->files[0].size, &st->files[0].checksum,
			      &st->files[0].touch_checksum, err, sizeof(err)))
		return usage_error(a->file, err);
	if (st->files[0].size != (uint64_t)sb.st_size)
		return usage_error(a->file, "changed size while it was being read");
	return 0;
}

static int make_datasets(const struct run_args *a, struct run_state *st)
{
	char err[PATH_MAX + 256];

	if (mb_dataset_dir(a->dir, err, sizeof(err)))
		return usage_error("--dir", err);
	st->files = calloc(st->spec.sizes.n, sizeof(*st->files));
	if (!st->files)
		return usage_error("--dir", strerror(ENOMEM));
	for (size_t i = 0; i < st->spec.sizes.n; i++) {
		struct mb_dataset ds;
		uint64_t t0 = mb_now_ns();
		int made, rc = mb_dataset_ensure(a->dir, st->spec.sizes.v[i], a->data_seed, &ds, &made, err,
						 sizeof(err));

		if (rc == -EINTR) {
			mb_warn("run: interrupted while making %s; nothing was measured", ds.path);
			return MB_EXIT_INTERRUPTED;
		}
		if (rc) {
			mb_warn("run: %s", err);
			return rc == -EEXIST ? MB_EXIT_USAGE : MB_EXIT_MISSING;
		}
		if (made && !a->quiet)
			mb_warn("made %s (%" PRIu64 " bytes) in %.2f s", ds.path, ds.size,
				(double)(mb_now_ns() - t0) / 1e9);
		snprintf(st->files[i].path, sizeof(st->files[i].path), "%s", ds.path);
		st->files[i].size = ds.size;
		st->files[i].checksum = ds.checksum;
		st->files[i].touch_checksum = mb_dataset_touch_checksum(a->data_seed, ds.size);
		st->files[i].own = 1;
	}
	return 0;
}

static void make_run_id(char *buf, size_t len)
{
	time_t now = time(NULL);
	struct tm tm;
	char ts[32];
	unsigned r = (unsigned)(mb_now_ns() ^ (uint64_t)getpid() * 2654435761u) & 0xffffu;

	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(buf, len, "%s-%04x", ts, r);
}

static int valid_run_id(const char *s)
{
	if (!*s || strlen(s) > 100)
		return 0;
	for (; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '-' || *s == '_' || *s == '.'))
			return 0;
	return 1;
}

/* --- progress and rows ---------------------------------------------------- */

static void on_rep(void *ctx, const struct mb_config *c, int rep, int warm_up)
{
	struct run_state *st = ctx;
	double frac, el, eta;
	char ss[32], bs[32];

	if (!st->progress)
		return;
	frac = st->work_total ? (double)st->work_done / (double)st->work_total : 0;
	el = (double)(mb_now_ns() - st->t_start) / 1e9;
	eta = frac > 0.01 ? el / frac - el : -1;
	fprintf(stderr, "\r\033[K[%zu/%zu] %s %s %s %s/%s %s %d/%ld", st->cur + 1, st->nitems,
		c->method->name, mb_pattern_name(c->pattern), c->cache == MB_CACHE_NA ? "-" : mb_cache_name(c->cache),
		mb_fmt_size(c->file_size, ss, sizeof(ss)), mb_fmt_size(c->block, bs, sizeof(bs)),
		warm_up ? "warm-up" : "rep", warm_up ? rep + 1 : rep, warm_up ? st->a->warmup : st->a->reps);
	if (eta >= 0)
		fprintf(stderr, "  ETA %d:%02d", (int)eta / 60, (int)eta % 60);
	st->work_done += c->file_size + 4096;
}

static int on_row(void *ctx, const struct mb_row *row, const struct mb_hist *hist)
{
	struct run_state *st = ctx;
	const char *cells[128];
	char scratch[MB_ROW_SCRATCH];
	int rc;

	mb_row_cells(row, cells, scratch);
	rc = mb_csv_write_fd(st->out.fd, cells, mb_ncolumns());
	if (!rc && hist && st->lat_out.fd >= 0)
		rc = mb_latout_write(st->lat_out.fd, row, hist);
	if (rc) {
		mb_warn("run: writing results: %s", strerror(-rc));
		return rc;
	}
	st->rows++;
	if (!strcmp(row->status, "ok") && row->total_ns) {
		size_t i = st->cur;

		st->samples[i][st->nsamples[i]++] =
			(double)row->bytes / 1048576.0 / ((double)row->total_ns / 1e9);
		st->ok_rows++;
	} else if (!strcmp(row->status, "unsupported")) {
		st->unsupported++;
	}
	return 0;
}

static void print_summary(struct run_state *st)
{
	struct mb_summary sum = {.spec = &st->spec, .items = st->items, .nitems = st->nitems,
				 .samples = st->samples, .nsamples = st->nsamples};

	mb_summary_print(stderr, &sum);
}

/* --- the run -------------------------------------------------------------- */

static int run_matrix(struct run_state *st, const struct mb_runner *rn)
{
	for (st->cur = 0; st->cur < st->nitems && !mb_stop_requested; st->cur++) {
		const struct mb_matrix_item *it = &st->items[st->cur];
		const struct file_ref *f = &st->files[it->size_idx];
		const struct run_args *a = st->a;
		struct mb_config c = {.method = it->method, .pattern = it->pattern, .cache = it->cache,
				      .advice = it->advice, .consume = it->consume, .threads = it->threads,
				      .latency = it->pattern == MB_RAND || a->latency,
				      .buf_offset = (size_t)a->buf_offset, .window = a->window,
				      .iov = (unsigned)a->iov, .qd = it->qd,
				      .fixed_bufs = a->fixed_bufs, .file_size = f->size, .block = it->block,
				      .path = f->path, .expected = f->checksum,
				      .expected_touch = f->touch_checksum, .own_file = f->own,
				      .data_seed = a->data_seed};
		char why[256];
		int rc;

		if (!mb_method_available(it->method, why, sizeof(why)) ||
		    !mb_advice_available(it->advice, why, sizeof(why))) {
			rc = mb_run_unsupported(rn, &c, why);
		} else {
			rc = mb_run_config(rn, &c);
		}
		if (rc < 0)
			return MB_EXIT_FAIL;
		st->errors += (size_t)rc;
	}
	if (st->progress)
		fputs("\r\033[K", stderr);
	mb_progress_line = 0;
	if (mb_stop_requested)
		return MB_EXIT_INTERRUPTED;
	if (st->errors)
		return MB_EXIT_FAIL;
	/* nothing measured because nothing asked for runs here */
	return !st->ok_rows && st->unsupported ? MB_EXIT_UNSUPPORTED : MB_EXIT_OK;
}

static int prepare_items(struct run_state *st)
{
	char notes[16384];

	if (mb_matrix_build(&st->spec, &st->items, &st->nitems, notes, sizeof(notes)))
		return usage_error("run", strerror(ENOMEM));
	/* one line per kind of skipped combination, even with --quiet: a
	 * requested combination that does not run must never pass unnoticed */
	for (char *line = notes, *next; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		mb_warn("skipped: %s", line);
	}
	st->samples = calloc(st->nitems ? st->nitems : 1, sizeof(*st->samples));
	st->nsamples = calloc(st->nitems ? st->nitems : 1, sizeof(*st->nsamples));
	if (!st->samples || !st->nsamples)
		return usage_error("run", strerror(ENOMEM));
	for (size_t i = 0; i < st->nitems; i++) {
		st->samples[i] = calloc((size_t)st->a->reps, sizeof(double));
		if (!st->samples[i])
			return usage_error("run", strerror(ENOMEM));
		st->work_total += (st->files[st->items[i].size_idx].size + 4096) *
				  (uint64_t)(st->a->reps + st->a->warmup);
	}
	return 0;
}

static void free_state(struct run_state *st)
{
	for (size_t i = 0; st->samples && i < st->nitems; i++)
		free(st->samples[i]);
	free(st->samples);
	free(st->nsamples);
	free(st->items);
	free(st->files);
	mb_csv_out_close(&st->out);
	mb_csv_out_close(&st->lat_out);
}

static int start(struct run_state *st, struct mb_env *env, char *run_id, size_t idlen)
{
	const struct run_args *a = st->a;
	char err[PATH_MAX + 256];
	int rc;

	if ((rc = build_spec(a, &st->spec)))
		return rc;
	if (a->drop_caches && !mb_can_drop_caches())
		return usage_error("--drop-caches", "needs root (cold state then uses posix_fadvise only)");
	if (a->run_id && !valid_run_id(a->run_id))
		return usage_error("--run-id", "use letters, digits, '-', '_' and '.' only");
	if (mb_csv_out_open(&st->out, a->out, mb_columns, mb_ncolumns(), err, sizeof(err))) {
		mb_warn("run: %s", err);
		return MB_EXIT_USAGE;
	}
	if (a->lat_out && (!strcmp(a->lat_out, "-") ||
			   mb_csv_out_open(&st->lat_out, a->lat_out, mb_latout_columns, mb_latout_ncolumns(),
					   err, sizeof(err)))) {
		mb_warn("run: --lat-out: %s", a->lat_out[0] == '-' ? "needs a file, not stdout" : err);
		return MB_EXIT_USAGE;
	}
	if (a->file) {
		if ((rc = check_user_file(a, st)))
			return rc;
	} else {
		if (!a->sizes && mb_parse_size_list(DEFAULT_SIZES, &st->spec.sizes, err, sizeof(err)))
			return usage_error("--size", err);
		if ((rc = make_datasets(a, st)))
			return rc;
	}
	if ((rc = prepare_items(st)))
		return rc;
	if (mb_env_collect(env, st->files[0].path))
		return usage_error(st->files[0].path, strerror(errno));
	if (a->run_id)
		snprintf(run_id, idlen, "%s", a->run_id);
	else
		make_run_id(run_id, idlen);
	return 0;
}

int mb_cmd_run(int argc, char **argv)
{
	struct run_args a;
	struct run_state st = {.a = &a, .out = {.fd = -1}, .lat_out = {.fd = -1}};
	struct mb_env env;
	char run_id[128];
	struct mb_run_opts ro;
	struct mb_runner rn;
	int rc = parse_args(argc, argv, &a);

	if (rc)
		return rc < 0 ? MB_EXIT_OK : rc;
	mb_catch_stop_signals();
	rc = start(&st, &env, run_id, sizeof(run_id));
	if (rc) {
		/* results files this run created, still only a header */
		mb_csv_out_discard(&st.out);
		mb_csv_out_discard(&st.lat_out);
		goto out;
	}
	ro = (struct mb_run_opts){.reps = (int)a.reps, .warmup = (int)a.warmup, .seed = a.seed,
				  .drop_caches = a.drop_caches, .env = &env, .run_id = run_id};
	rn = (struct mb_runner){.opts = &ro, .sink = on_row, .on_rep = on_rep, .ctx = &st};
	st.progress = !a.quiet && isatty(STDERR_FILENO);
	mb_progress_line = st.progress;
	st.t_start = mb_now_ns();
	if (!a.quiet)
		mb_warn("run %s: %zu configurations x (%ld warm-up + %ld reps)%s%s", run_id, st.nitems,
			a.warmup, a.reps, a.out ? " -> " : "", a.out ? a.out : "");
	rc = run_matrix(&st, &rn);
	if (!a.quiet && st.nitems)
		print_summary(&st);
	if (rc == MB_EXIT_INTERRUPTED)
		mb_warn("interrupted: %zu complete rows kept%s%s", st.rows, a.out ? " in " : "",
			a.out ? a.out : "");
	else if (st.errors)
		mb_warn("%zu error rows (see the error column)", st.errors);
	if (st.unsupported && !a.quiet)
		mb_warn("%zu rows unsupported here (see the error column)", st.unsupported);
out:
	free_state(&st);
	return rc;
}
