/* cmd_run.c: `mapbench run`, the measurement matrix: with the options of
 * run_options.c it makes or checks the datasets, runs every configuration
 * through the runner, writes rows as they complete and ends with a median
 * summary on stderr. */
#include "cmd.h"
#include "csvio.h"
#include "dataset.h"
#include "envinfo.h"
#include "latout.h"
#include "timeline_out.h"
#include "matrix.h"
#include "memcg.h"
#include "parse.h"
#include "residency.h"
#include "run_options.h"
#include "runner.h"
#include "schema.h"
#include "run_summary.h"
#include "stats.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct file_ref {
	char path[PATH_MAX];
	uint64_t size, checksum, touch_checksum;
	uint64_t dev, ino; /* as found at the start (mb_config.file_dev) */
	int own;
};

struct run_state {
	const struct run_args *a;
	struct mb_csv_out out;
	struct mb_csv_out lat_out;  /* --lat-out, fd -1 when not asked */
	struct mb_csv_out tl_out;   /* --timeline, fd -1 when not asked */
	struct mb_matrix_spec spec;
	struct mb_matrix_item *items;
	size_t nitems;
	size_t cap;                 /* room for samples per item */
	struct file_ref *files;     /* one per spec.sizes entry */
	double **samples;           /* per item: mib_per_s of its ok rows */
	size_t *nsamples;
	int progress;
	uint64_t work_total, work_done, t_start;
	size_t rows, ok_rows, errors, unsupported;
	long fail_after;            /* MB_TEST_FAIL_AFTER_REPS: fail after this many rows; 0: never */
};

static int check_user_file(const struct run_args *a, struct run_state *st)
{
	struct stat sb;
	char err[600];
	int fd;

	if (a->sizes || a->dir_given)
		return mb_run_usage_error("--file", "measures one file: leave out --size and --dir");
	if (stat(a->file, &sb))
		return mb_run_usage_error(a->file, strerror(errno));
	if (S_ISDIR(sb.st_mode))
		return mb_run_usage_error(a->file, "Is a directory (--file takes a file)");
	if (!S_ISREG(sb.st_mode))
		return mb_run_usage_error(a->file, "not a regular file");
	fd = open(a->file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return mb_run_usage_error(a->file, strerror(errno));
	close(fd);
	st->spec.sizes.n = 1;
	st->spec.sizes.v[0] = (uint64_t)sb.st_size;
	st->files = calloc(1, sizeof(*st->files));
	if (!st->files)
		return mb_run_usage_error(a->file, strerror(ENOMEM));
	snprintf(st->files[0].path, sizeof(st->files[0].path), "%s", a->file);
	if (!a->quiet)
		mb_warn("computing the checksum of %s", a->file);
	if (mb_file_checksums(a->file, &st->files[0].size, &st->files[0].checksum,
			      &st->files[0].touch_checksum, err, sizeof(err)))
		return mb_run_usage_error(a->file, err);
	if (st->files[0].size != (uint64_t)sb.st_size)
		return mb_run_usage_error(a->file, "changed size while it was being read");
	st->files[0].dev = (uint64_t)sb.st_dev;
	st->files[0].ino = (uint64_t)sb.st_ino;
	return 0;
}

static int make_datasets(const struct run_args *a, struct run_state *st)
{
	char err[PATH_MAX + 256];
	struct stat sb;

	if (mb_dataset_dir(a->dir, err, sizeof(err)))
		return mb_run_usage_error("--dir", err);
	/* write and rmw runs make their scratch files there; a read-only
	 * folder serves read runs only (dataset.h) */
	if (a->opv != MB_OP_READ && access(a->dir, W_OK)) {
		mb_warn("run: --dir %s: %s (--op %s makes its scratch files there)", a->dir, strerror(errno),
			mb_op_name(a->opv));
		return MB_EXIT_MISSING;
	}
	st->files = calloc(st->spec.sizes.n, sizeof(*st->files));
	if (!st->files)
		return mb_run_usage_error("--dir", strerror(ENOMEM));
	for (size_t i = 0; i < st->spec.sizes.n; i++) {
		struct mb_dataset ds;
		uint64_t t0 = mb_now_ns();
		int made, rc = mb_dataset_ensure(a->dir, st->spec.sizes.v[i], a->data_seed, &ds, &made, err,
						 sizeof(err));

		if (rc == -EINTR) {
			mb_warn("run: interrupted while making %s; nothing was measured", ds.path);
			return mb_exit_interrupted();
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
		if (!stat(ds.path, &sb)) {
			st->files[i].dev = (uint64_t)sb.st_dev;
			st->files[i].ino = (uint64_t)sb.st_ino;
		}
	}
	return 0;
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

/* A repetition's share of the run for the ETA: its bytes (a pass), or with
 * --duration the same for every repetition (each lasts about the duration,
 * whatever the file's size). */
static uint64_t rep_work(const struct run_state *st, uint64_t file_size)
{
	return st->a->duration_s > 0 ? 1 : file_size + 4096;
}

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
	fprintf(stderr, "\r\033[K[%zu/%zu] %s %s %s %s/%s %s %d/%ld", c->item + 1, st->nitems,
		c->method->name, mb_pattern_name(c->pattern), c->cache == MB_CACHE_NA ? "-" : mb_cache_name(c->cache),
		mb_fmt_size(c->file_size, ss, sizeof(ss)), mb_fmt_size(c->block, bs, sizeof(bs)),
		warm_up ? "warm-up" : "rep", warm_up ? rep + 1 : rep,
		warm_up ? st->a->warmup : st->a->ci_target_pct > 0 ? st->a->max_reps : st->a->reps);
	if (eta >= 0)
		fprintf(stderr, "  ETA %d:%02d", (int)eta / 60, (int)eta % 60);
	st->work_done += rep_work(st, c->file_size);
}

static int on_row(void *ctx, const struct mb_config *c, const struct mb_row *row,
		  const struct mb_hist *hist)
{
	struct run_state *st = ctx;
	const char *cells[MB_MAX_COLUMNS];
	char scratch[MB_ROW_SCRATCH];
	char err[PATH_MAX + 256];
	int rc;

	mb_row_cells(row, cells, scratch);
	rc = mb_csv_out_row(&st->out, cells, mb_ncolumns(), err, sizeof(err));
	if (!rc && hist && st->lat_out.fd >= 0)
		rc = mb_latout_write(&st->lat_out, row, hist, err, sizeof(err));
	if (!rc && row->timeline && st->tl_out.fd >= 0 && !strcmp(row->status, "ok"))
		rc = mb_tlout_write(&st->tl_out, row, err, sizeof(err));
	if (rc) {
		mb_warn("run: %s", err);
		return rc;
	}
	st->rows++;
	if (st->fail_after && st->rows >= (size_t)st->fail_after) {
		mb_warn("run: MB_TEST_FAIL_AFTER_REPS=%ld: a failure injected after %zu rows (a test hook)",
			st->fail_after, st->rows);
		return -EIO;
	}
	if (!strcmp(row->status, "ok") && row->total_ns) {
		/* the summary's throughput comes from untimed-operation reps only */
		if (!row->lat_timed && st->nsamples[c->item] < st->cap)
			st->samples[c->item][st->nsamples[c->item]++] =
				(double)row->bytes / 1048576.0 / ((double)row->total_ns / 1e9);
		st->ok_rows++;
	} else if (!strcmp(row->status, "unsupported")) {
		st->unsupported++;
	}
	return 0;
}

/* How many configurations --ci-target reached (before the summary sorts the
 * samples, order does not matter here). */
static void print_adaptive(struct run_state *st)
{
	size_t reached = 0, measured = 0;
	double *w = malloc((size_t)st->a->max_reps * sizeof(*w));

	for (size_t i = 0; w && i < st->nitems; i++) {
		struct mb_stats s;

		if (!st->nsamples[i])
			continue;
		measured++;
		memcpy(w, st->samples[i], st->nsamples[i] * sizeof(*w));
		mb_stats_compute(w, st->nsamples[i], &s);
		reached += mb_stats_ci_within(&s, st->a->ci_target_pct / 100);
	}
	free(w);
	fprintf(stderr, "%zu of %zu configurations reached a 95%% CI within +-%g%% of the median; "
		"the rest stopped at --max-reps %ld or the %g s budget\n", reached, measured,
		st->a->ci_target_pct, st->a->max_reps, st->a->time_budget_s);
}

static void print_summary(struct run_state *st)
{
	struct mb_summary sum = {.spec = &st->spec, .items = st->items, .nitems = st->nitems,
				 .samples = st->samples, .nsamples = st->nsamples};

	mb_summary_print(stderr, &sum);
	if (st->a->ci_target_pct > 0)
		print_adaptive(st);
	mb_summary_ceiling(stderr, &sum);
}

/* --- the run -------------------------------------------------------------- */

static struct mb_config config_of(const struct run_state *st, const struct mb_matrix_item *it,
				   size_t idx)
{
	const struct file_ref *f = &st->files[it->size_idx];
	const struct run_args *a = st->a;

	return (struct mb_config){.method = it->method, .pattern = it->pattern, .cache = it->cache,
				  .advice = it->advice, .consume = it->consume, .threads = it->threads,
				  .procs = a->procs,
				  .latency = a->procs <= 1 && (it->pattern == MB_RAND || a->latency),
				  .buf_offset = (size_t)a->buf_offset,
				  .qd = it->qd,
				  .file_size = f->size, .block = it->block, .path = f->path,
				  .expected = f->checksum, .expected_touch = f->touch_checksum,
				  .own_file = f->own, .file_dev = f->dev, .file_ino = f->ino, .data_seed = a->data_seed, .item = idx,
				  .op = it->method->op, .target = it->target, .sync = it->sync,
				  .stride = (uint64_t)a->stride,
				  .tl = {.duration_ns = (uint64_t)(a->duration_s * 1e9),
					 .interval_ns = a->timeline ? (uint64_t)(a->interval_s * 1e9) : 0}};
}

static struct mb_config config_with_options(const struct run_state *st, const struct mb_matrix_item *it,
					    size_t idx)
{
	struct mb_config c = config_of(st, it, idx);

	mb_option_values(it->method, st->a->optval, st->a->optgiven, c.opt);
	return c;
}

/* 1 when member c may run under --mem-limit; else 0 with the reason in why.
 * Members that keep the file in anonymous memory (memread's and the writes'
 * reference copy, a whole-file buffer, the anon methods' mapping) would be
 * killed by the cgroup's OOM killer once that passes the limit. */
static int fits_mem_limit(const struct run_state *st, const struct mb_config *c, char *why, size_t len)
{
	unsigned caps = c->method->caps;
	uint64_t limit = st->a->mem_limit;

	if (!limit || !(caps & (MB_CAP_REFCOPY | MB_CAP_WHOLEBUF) || !(caps & MB_CAP_FILE)) ||
	    c->file_size <= limit / 2)
		return 1;
	snprintf(why, len, "--mem-limit: %s keeps the file's %" PRIu64 " bytes in anonymous memory, "
		 "more than half the %" PRIu64 "-byte limit", c->method->name, c->file_size, limit);
	return 0;
}

/* One configuration: items [first, end). Members that cannot run here get
 * their row; the rest run together. 0, or MB_EXIT_FAIL when results can no
 * longer be written. */
static int run_config(struct run_state *st, const struct mb_runner *rn, size_t first, size_t end,
		      struct mb_config *cs)
{
	size_t n = 0;
	int rc;

	for (size_t i = first; i < end; i++) {
		const struct mb_matrix_item *it = &st->items[i];
		char why[256];

		cs[n] = config_with_options(st, it, i);
		if (mb_method_available(it->method, why, sizeof(why)) &&
		    mb_advice_available(it->advice, why, sizeof(why)) &&
		    fits_mem_limit(st, &cs[n], why, sizeof(why))) {
			n++;
			continue;
		}
		if (mb_run_unsupported(rn, &cs[n], why) < 0)
			return MB_EXIT_FAIL;
	}
	rc = n ? mb_run_group(rn, cs, n) : 0;
	if (rc < 0)
		return MB_EXIT_FAIL;
	st->errors += (size_t)rc;
	return 0;
}

static int run_matrix(struct run_state *st, const struct mb_runner *rn)
{
	struct mb_config *cs = calloc(st->nitems ? st->nitems : 1, sizeof(*cs));
	int rc = 0;

	if (!cs)
		return mb_run_usage_error("run", strerror(ENOMEM));
	for (size_t i = 0, end; i < st->nitems && !rc && !mb_stop_requested; i = end) {
		for (end = i + 1; end < st->nitems && st->items[end].config == st->items[i].config; end++)
			;
		rc = run_config(st, rn, i, end, cs);
	}
	free(cs);
	if (st->progress)
		fputs("\r\033[K", stderr);
	mb_progress_line = 0;
	if (rc)
		return rc;
	if (mb_stop_requested)
		return mb_exit_interrupted();
	if (st->errors)
		return MB_EXIT_FAIL;
	/* nothing measured because nothing asked for runs here */
	return !st->ok_rows && st->unsupported ? MB_EXIT_UNSUPPORTED : MB_EXIT_OK;
}

static int prepare_items(struct run_state *st)
{
	char notes[16384];

	if (mb_matrix_build(&st->spec, &st->items, &st->nitems, notes, sizeof(notes)))
		return mb_run_usage_error("run", strerror(ENOMEM));
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
		return mb_run_usage_error("run", strerror(ENOMEM));
	st->cap = (size_t)(st->a->ci_target_pct > 0 ? st->a->max_reps : st->a->reps);
	for (size_t i = 0; i < st->nitems; i++) {
		st->samples[i] = calloc(st->cap, sizeof(double));
		if (!st->samples[i])
			return mb_run_usage_error("run", strerror(ENOMEM));
		const struct mb_matrix_item *it = &st->items[i];
		int lat = it->pattern == MB_RAND || st->a->latency;

		st->work_total += rep_work(st, st->files[it->size_idx].size) *
				  (uint64_t)(st->a->reps + st->a->warmup + (lat ? st->a->lat_reps : 0));
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
	mb_csv_out_close(&st->tl_out);
}

static int start(struct run_state *st, struct mb_env *env, char *run_id, size_t idlen)
{
	const struct run_args *a = st->a;
	char err[PATH_MAX + 256];
	int rc;

	if ((rc = mb_run_build_spec(a, &st->spec)))
		return rc;
	if (a->drop_caches && !mb_can_drop_caches())
		return mb_run_usage_error("--drop-caches", "needs root (cold state then uses posix_fadvise only)");
	if (a->run_id && !valid_run_id(a->run_id))
		return mb_run_usage_error("--run-id", "use letters, digits, '-', '_' and '.' only");
	if (mb_csv_out_open(&st->out, "--out", a->out, mb_columns(), mb_ncolumns(), err, sizeof(err))) {
		mb_warn("run: %s", err);
		return MB_EXIT_USAGE;
	}
	if (a->lat_out && (!strcmp(a->lat_out, "-") ||
			   mb_csv_out_open(&st->lat_out, "--lat-out", a->lat_out, mb_latout_columns, mb_latout_ncolumns(),
					   err, sizeof(err)))) {
		mb_warn("run: %s", a->lat_out[0] == '-' ? "--lat-out needs a file, not stdout" : err);
		return MB_EXIT_USAGE;
	}
	if (a->timeline && mb_csv_out_open(&st->tl_out, "--timeline", a->timeline, mb_tlout_columns, mb_tlout_ncolumns(),
					   err, sizeof(err))) {
		mb_warn("run: %s", err);
		return MB_EXIT_USAGE;
	}
	if (a->file) {
		if ((rc = check_user_file(a, st)))
			return rc;
	} else {
		if (!a->sizes && mb_parse_size_list(DEFAULT_SIZES, &st->spec.sizes, err, sizeof(err)))
			return mb_run_usage_error("--size", err);
		if ((rc = make_datasets(a, st)))
			return rc;
	}
	if ((rc = prepare_items(st)))
		return rc;
	if (mb_env_collect(env, st->files[0].path))
		return mb_run_usage_error(st->files[0].path, strerror(errno));
	if (getenv("MB_TEST_FAIL_AFTER_REPS") &&
	    mb_parse_count(getenv("MB_TEST_FAIL_AFTER_REPS"), 1, LONG_MAX, &st->fail_after, err, sizeof(err)))
		return mb_run_usage_error("MB_TEST_FAIL_AFTER_REPS", err);
	if (a->run_id)
		snprintf(run_id, idlen, "%s", a->run_id);
	else
		mb_make_run_id(run_id, idlen);
	return 0;
}

/* --mem-limit: into a memory cgroup of the run's own, before any cache
 * state is set (memcg.h). 0, or MB_EXIT_MISSING after a one-line error. */
static int enter_mem_limit(const struct run_args *a)
{
	char err[PATH_MAX + 256];
	int rc = mb_memcg_enter(a->mem_limit, err, sizeof(err));

	if (!rc) {
		if (!a->quiet)
			mb_warn("running in memory cgroup %s, limit %" PRIu64 " bytes",
				mb_memcg_current()->dir, a->mem_limit);
		return 0;
	}
	mb_warn("run: --mem-limit: %s%s", err, rc == -EACCES || rc == -EPERM || rc == -EROFS ?
		" (needs root, or a cgroup delegated to this user)" : "");
	return MB_EXIT_MISSING;
}

int mb_cmd_run(int argc, char **argv)
{
	struct run_args a;
	struct run_state st = {.a = &a, .out = {.fd = -1}, .lat_out = {.fd = -1}, .tl_out = {.fd = -1}};
	struct mb_env env;
	char run_id[128];
	struct mb_run_opts ro;
	struct mb_runner rn;
	int lrc, rc = mb_run_parse_args(argc, argv, &a);

	if (rc)
		return rc < 0 ? MB_EXIT_OK : rc;
	if (a.print_header) {
		/* the lists checked too, so that scripts can check a run's options */
		if ((rc = mb_run_build_spec(&a, &st.spec)))
			return rc;
		return mb_csv_write_fd(STDOUT_FILENO, mb_columns(), mb_ncolumns()) ? MB_EXIT_FAIL : MB_EXIT_OK;
	}
	mb_catch_stop_signals();
	rc = start(&st, &env, run_id, sizeof(run_id));
	if (rc) {
		/* results files this run created, still only a header */
		mb_csv_out_discard(&st.out);
		mb_csv_out_discard(&st.lat_out);
		mb_csv_out_discard(&st.tl_out);
		goto out;
	}
	if (a.mem_limit && (rc = enter_mem_limit(&a))) {
		mb_csv_out_discard(&st.out);
		mb_csv_out_discard(&st.lat_out);
		mb_csv_out_discard(&st.tl_out);
		goto out;
	}
	ro = (struct mb_run_opts){.reps = (int)a.reps, .warmup = (int)a.warmup, .seed = a.seed,
				  .lat_reps = (int)a.lat_reps,
				  .order = a.order_blocks ? MB_ORDER_BLOCKS : MB_ORDER_ROUNDS,
				  .ci_target = a.ci_target_pct / 100, .max_reps = (int)a.max_reps,
				  .budget_ns = (uint64_t)(a.time_budget_s * 1e9),
				  .drop_caches = a.drop_caches, .env = &env, .run_id = run_id,
				  .mkfs_opts = a.mkfs_opts};
	rn = (struct mb_runner){.opts = &ro, .sink = on_row, .on_rep = on_rep, .ctx = &st};
	st.progress = !a.quiet && isatty(STDERR_FILENO);
	mb_progress_line = st.progress;
	st.t_start = mb_now_ns();
	if (!a.quiet && a.ci_target_pct > 0)
		mb_warn("run %s: %zu configurations x (%ld warm-up + %ld..%ld reps: until the median's 95%% "
			"CI is within +-%g%%, or %g s)%s%s", run_id, st.nitems, a.warmup, a.reps, a.max_reps,
			a.ci_target_pct, a.time_budget_s, a.out ? " -> " : "", a.out ? a.out : "");
	else if (!a.quiet)
		mb_warn("run %s: %zu configurations x (%ld warm-up + %ld reps)%s%s", run_id, st.nitems,
			a.warmup, a.reps, a.out ? " -> " : "", a.out ? a.out : "");
	rc = run_matrix(&st, &rn);
	if (mb_stop_requested) /* a write that failed with EPIPE, say */
		rc = mb_exit_interrupted();
	if (!a.quiet && st.nitems)
		print_summary(&st);
	if (mb_stop_requested)
		mb_warn("interrupted: %zu complete rows kept%s%s", st.rows, a.out ? " in " : "",
			a.out ? a.out : "");
	else if (st.errors)
		mb_warn("%zu error rows (see the error column)", st.errors);
	if (st.unsupported && !a.quiet)
		mb_warn("%zu rows unsupported here (see the error column)", st.unsupported);
	if (a.mem_limit && (lrc = mb_memcg_leave())) {
		mb_warn("run: --mem-limit: leaving the memory cgroup: %s", strerror(-lrc));
		rc = rc ? rc : MB_EXIT_FAIL;
	}
out:
	free_state(&st);
	return rc;
}
