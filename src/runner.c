/* runner.c: runs one configuration: cache state, timed phases on one or more
 * workers, accounting, checksum verification, one row per repetition (see
 * runner.h). */
#include "runner.h"
#include "stats.h"
#include "account.h"
#include "kcounters.h"
#include "residency.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/vfs.h>
#include <unistd.h>

const char *mb_cache_name(enum mb_cache c)
{
	switch (c) {
	case MB_CACHE_WARM: return "warm";
	case MB_CACHE_COLD: return "cold";
	case MB_CACHE_WARM4K: return "warm-4k";
	default: return "";
	}
}

int mb_cache_parse(const char *name, enum mb_cache *out)
{
	if (!strcmp(name, "warm"))
		*out = MB_CACHE_WARM;
	else if (!strcmp(name, "cold"))
		*out = MB_CACHE_COLD;
	else if (!strcmp(name, "warm-4k"))
		*out = MB_CACHE_WARM4K;
	else
		return -EINVAL;
	return 0;
}

static void row_init(struct mb_row *row, const struct mb_runner *rn, const struct mb_config *c, int rep)
{
	memset(row, 0, sizeof(*row));
	row->env = rn->opts->env;
	row->run_id = rn->opts->run_id;
	row->method = c->method->name;
	row->advice = mb_advice_name(c->advice);
	row->consume = mb_consume_name(c->consume);
	row->op = "read";
	row->pattern = mb_pattern_name(c->pattern);
	row->cache = mb_cache_name(c->cache);
	row->file_size = c->file_size;
	row->block = c->block;
	row->threads = c->threads;
	row->queue_depth = c->method->caps & MB_CAP_QD ? (int)c->qd : 0;
	row->rep = rep;
	row->resident_before_pct = NAN;
	row->resident_after_pct = NAN;
	row->large_folio_pct = NAN;
	row->file_pmd_mapped_bytes = -1;
	row->file_huge_pages_bytes = -1;
	row->status = "ok";
	row->seed = rn->opts->seed;
	row->file = c->path;
	row->expected_checksum = c->consume == MB_CONSUME_TOUCH ? c->expected_touch : c->expected;
	row->has_expected = 1;
	row->has_data_seed = c->own_file;
	row->data_seed = c->data_seed;
	row->buf_offset = c->buf_offset;
	row->iov = c->method->caps & MB_CAP_IOV ? c->iov : 0;
	row->window = c->method->caps & MB_CAP_WINDOW ? c->window : 0;
	row->fixed_buffers = c->method->caps & MB_CAP_FIXED ? c->fixed_bufs : -1;
	mb_row_stamp(row);
}

/* --- cache states ---------------------------------------------------------- */

static int fill(const struct mb_config *c, char *err, size_t errlen)
{
	return c->cache == MB_CACHE_WARM4K ? mb_cache_fill_4k(c->path, err, errlen)
					   : mb_cache_fill(c->path, err, errlen);
}

/* 1 when the file lives in memory only (tmpfs, ramfs): it cannot be cold. */
static int memory_fs(const char *path)
{
	struct statfs sf;

	return !statfs(path, &sf) && (sf.f_type == TMPFS_MAGIC || sf.f_type == RAMFS_MAGIC);
}

/* Brings the file to the configured state and checks it with mincore.
 * 0, -1 with the reason in err, or 1 when the state cannot exist here. */
static int set_cache_state(const struct mb_runner *rn, const struct mb_config *c, double *pct,
			   char *err, size_t errlen)
{
	int cold = c->cache == MB_CACHE_COLD;
	char e2[300];
	int rc = 0;

	*pct = NAN;
	if (c->cache == MB_CACHE_NA)
		return 0;
	if (cold && memory_fs(c->path)) {
		snprintf(err, errlen, "cold: %s is on tmpfs or ramfs, whose pages cannot be evicted",
			 c->path);
		return 1;
	}
	for (int attempt = 0; attempt < 2; attempt++) {
		if (cold)
			rc = mb_cache_evict(c->path, c->own_file, rn->opts->drop_caches, e2, sizeof(e2));
		else if (attempt || !(mb_resident_pct_path(c->path, pct) == 0 && *pct >= 100.0))
			rc = fill(c, e2, sizeof(e2));
		if (rc) {
			snprintf(err, errlen, "%s: %s", mb_cache_name(c->cache), e2);
			return -1;
		}
		rc = mb_resident_pct_path(c->path, pct);
		if (rc < 0) {
			snprintf(err, errlen, "mincore(%s): %s", c->path, strerror(-rc));
			return -1;
		}
		if (rc == 1) /* empty file: no pages, any state holds */
			return 0;
		if (cold ? *pct <= MB_COLD_MAX_PCT : *pct >= 100.0)
			return 0;
	}
	if (cold)
		snprintf(err, errlen, "cold state not reached: %.2f%% of %s still resident after "
			 "posix_fadvise(DONTNEED) (mapped or dirty elsewhere?)", *pct, c->path);
	else
		snprintf(err, errlen, "%s state not reached: only %.2f%% of %s resident after "
			 "reading it (memory pressure?)", mb_cache_name(c->cache), *pct, c->path);
	return -1;
}

/* For warm states: which share of the cached pages sits in large folios.
 * warm-4k must have none; it cannot be verified without root. */
static int check_folios(const struct mb_config *c, struct mb_row *row)
{
	int fd, rc;

	if (c->cache != MB_CACHE_WARM && c->cache != MB_CACHE_WARM4K)
		return 0;
	fd = open(c->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	rc = mb_large_folio_pct(fd, c->file_size, &row->large_folio_pct);
	close(fd);
	if (c->cache != MB_CACHE_WARM4K || c->file_size == 0)
		return 0;
	if (rc == -EPERM) {
		snprintf(row->error, sizeof(row->error), "warm-4k: folio sizes can only be verified as root "
			 "(/proc/kpageflags); not measured");
		return -1;
	}
	if (rc) {
		snprintf(row->error, sizeof(row->error), "warm-4k: checking folio sizes: %s", strerror(-rc));
		return -1;
	}
	if (row->large_folio_pct > 0) {
		snprintf(row->error, sizeof(row->error), "warm-4k state not reached: %.2f%% of the cached "
			 "pages sit in large folios", row->large_folio_pct);
		return -1;
	}
	return 0;
}

/* --- workers ---------------------------------------------------------------- */

struct rep_ctx {
	struct mb_run *r;
	struct mb_worker *w;
	struct mb_slice *slice;
	uint64_t *csum;
	int *rc;
	int n;
	/* the start gate: workers wait for go (1 = run, -1 = give up) */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int go;
};

struct thread_arg {
	struct rep_ctx *x;
	int k;
};

/* The part of the plan worker k of n does: seq contiguous ranges, rand
 * interleaved slices of the one permutation. */
static struct mb_slice slice_for(const struct mb_plan *p, int k, int n)
{
	struct mb_slice s = {.stride = 1};

	if (p->pattern == MB_SEQ) {
		s.first = p->nblocks * (uint64_t)k / (uint64_t)n;
		s.count = p->nblocks * (uint64_t)(k + 1) / (uint64_t)n - s.first;
	} else {
		s.first = (uint64_t)k;
		s.stride = (uint64_t)n;
		s.count = p->nblocks > (uint64_t)k ? (p->nblocks - (uint64_t)k + (uint64_t)n - 1) / (uint64_t)n : 0;
	}
	return s;
}

static void open_gate(struct rep_ctx *x, int go)
{
	pthread_mutex_lock(&x->lock);
	x->go = go;
	pthread_cond_broadcast(&x->cond);
	pthread_mutex_unlock(&x->lock);
}

static void *worker_main(void *arg)
{
	struct thread_arg *a = arg;
	struct rep_ctx *x = a->x;
	struct mb_worker *w = &x->w[a->k];
	int go;

	pthread_mutex_lock(&x->lock);
	while (!x->go)
		pthread_cond_wait(&x->cond, &x->lock);
	go = x->go;
	pthread_mutex_unlock(&x->lock);
	if (go < 0)
		return NULL;
	w->lat_prev = mb_ticks();
	x->rc[a->k] = x->r->method->run(w, &x->slice[a->k], &x->csum[a->k]);
	return NULL;
}

static void free_workers(struct mb_worker *w, int n, size_t misalign)
{
	for (int k = 0; w && k < n; k++) {
		mb_buf_free(w[k].buf, misalign);
		mb_buf_free(w[k].cbuf, 0);
		free(w[k].lat);
	}
	free(w);
}

/* Untimed: per-worker buffers and latency histograms. */
static struct mb_worker *alloc_workers(struct mb_run *r, const struct mb_config *c, char *err,
				       size_t errlen)
{
	struct mb_worker *w = calloc((size_t)c->threads, sizeof(*w));
	size_t ps = (size_t)mb_page_size(), block = (size_t)c->block;
	size_t stride = (block + ps - 1) / ps * ps;
	/* readv/preadv: --iov consecutive blocks; uring: --qd slots, page-aligned */
	size_t buf_len = c->method->caps & MB_CAP_IOV ? block * c->iov
			 : c->method->caps & MB_CAP_QD ? stride * (c->qd ? c->qd : 1) : block;

	for (int k = 0; w && k < c->threads; k++) {
		w[k].run = r;
		w[k].id = k;
		if (c->method->caps & MB_CAP_BUF) {
			w[k].buf_len = buf_len;
			w[k].buf_stride = stride;
			if (!(w[k].buf = mb_buf_alloc(buf_len, c->buf_offset)))
				goto fail;
		}
		if (c->consume == MB_CONSUME_COPY && !(w[k].cbuf = mb_buf_alloc((size_t)c->block, 0)))
			goto fail;
		if (c->latency) {
			if (!(w[k].lat = malloc(sizeof(*w[k].lat))))
				goto fail;
			mb_hist_init(w[k].lat);
		}
	}
	if (w)
		return w;
fail:
	free_workers(w, c->threads, c->buf_offset);
	snprintf(err, errlen, "allocating worker buffers: %s", strerror(ENOMEM));
	return NULL;
}

/* --- the timed part ----------------------------------------------------------- */

struct phase_times {
	uint64_t t0, t1, t2, t2b, t3;
};

/* setup + advice + worker setup; threads are started and wait at the gate.
 * *set_up tells whether the method's setup succeeded (teardown is then due). */
static int timed_setup(struct rep_ctx *x, pthread_t *tid, struct thread_arg *ta, int *started,
		       int *set_up)
{
	struct mb_run *r = x->r;
	const struct mb_method *m = r->method;
	int rc = m->setup(r);

	*set_up = rc == 0;
	if (rc)
		return rc;
	if (m->caps & MB_CAP_MMAP && r->map)
		rc = mb_advise_map(r->advice, r->map, r->map_len, r->err, sizeof(r->err));
	if (!rc && m->caps & MB_CAP_FD && r->fd >= 0)
		rc = mb_advise_fd(r->advice, r->fd, r->file_size, r->err, sizeof(r->err));
	for (int k = 0; !rc && k < x->n; k++)
		if (m->worker_setup && (rc = m->worker_setup(r, &x->w[k])))
			snprintf(r->err, sizeof(r->err), "%s", x->w[k].err);
	for (int k = 0; !rc && x->n > 1 && k < x->n; k++) {
		ta[k] = (struct thread_arg){.x = x, .k = k};
		if ((rc = -pthread_create(&tid[k], NULL, worker_main, &ta[k])))
			mb_run_fail(r, "pthread_create", -rc);
		else
			(*started)++;
	}
	return rc;
}

static int timed_io(struct rep_ctx *x, pthread_t *tid, int started)
{
	int rc = 0;

	if (x->n == 1) {
		x->w[0].lat_prev = mb_ticks();
		rc = x->r->method->run(&x->w[0], &x->slice[0], &x->csum[0]);
	} else {
		open_gate(x, 1);
		for (int k = 0; k < started; k++)
			pthread_join(tid[k], NULL);
		for (int k = 0; k < x->n && !rc; k++)
			rc = x->rc[k];
	}
	for (int k = 0; rc && k < x->n; k++)
		if (x->w[k].err[0]) {
			snprintf(x->r->err, sizeof(x->r->err), "%s", x->w[k].err);
			break;
		}
	return rc;
}

static int timed_teardown(struct rep_ctx *x)
{
	const struct mb_method *m = x->r->method;

	for (int k = 0; m->worker_teardown && k < x->n; k++)
		m->worker_teardown(x->r, &x->w[k]);
	return m->teardown(x->r);
}

/* A failed setup with threads already waiting: they give up and exit. */
static void release_threads(struct rep_ctx *x, pthread_t *tid, int started)
{
	open_gate(x, -1);
	for (int k = 0; k < started; k++)
		pthread_join(tid[k], NULL);
}

static void fill_measures(struct mb_row *row, const struct rep_ctx *x, const struct phase_times *t,
			  const struct mb_acct *a0, const struct mb_acct *a1,
			  const struct mb_kcounters *k0, const struct mb_kcounters *k1)
{
	const struct mb_run *r = x->r;

	row->measured = 1;
	row->setup_ns = t->t1 - t->t0;
	row->io_ns = t->t2 - t->t1;
	row->teardown_ns = t->t3 - t->t2b;
	row->total_ns = row->setup_ns + row->io_ns + row->teardown_ns;
	row->ops = 0;
	for (int k = 0; k < x->n; k++)
		row->ops += x->w[k].ops;
	if (!row->ops)
		row->ops = r->plan->nblocks;
	row->bytes = r->file_size;
	mb_acct_diff(a0, a1, &row->acct);
	row->has_map_times = (r->method->caps & MB_CAP_MMAP) != 0;
	row->mmap_ns = r->mmap_ns;
	row->munmap_ns = r->munmap_ns;
	row->has_tlb = k0->ok_tlb && k1->ok_tlb;
	row->tlb_shootdowns = (int64_t)(k1->tlb_shootdowns - k0->tlb_shootdowns);
	row->has_vmstat = k0->ok_vmstat && k1->ok_vmstat;
	row->vm_pgfault = (int64_t)(k1->pgfault - k0->pgfault);
	row->vm_pgmajfault = (int64_t)(k1->pgmajfault - k0->pgmajfault);
	row->vm_pgpgin_kb = (int64_t)(k1->pgpgin - k0->pgpgin);
	row->vm_thp_fault_alloc = (int64_t)(k1->thp_fault_alloc - k0->thp_fault_alloc);
}

/* The three timed phases of one repetition. 0 or -errno with r->err set. */
static int timed_phases(struct rep_ctx *x, struct mb_row *row)
{
	struct mb_run *r = x->r;
	pthread_t tid[MB_MAX_THREADS];
	struct thread_arg ta[MB_MAX_THREADS];
	struct mb_acct a0, a1;
	struct mb_kcounters k0, k1;
	struct phase_times t;
	int rc, trc, started = 0, set_up;

	for (int k = 0; k < x->n; k++)
		x->slice[k] = slice_for(r->plan, k, x->n);
	x->go = 0;
	mb_kcounters_snap(&k0);
	mb_acct_snap(&a0);
	t.t0 = mb_now_ns();
	rc = timed_setup(x, tid, ta, &started, &set_up);
	t.t1 = mb_now_ns();
	if (rc) {
		char why[sizeof(r->err)];

		if (started)
			release_threads(x, tid, started);
		snprintf(why, sizeof(why), "%s", r->err);
		if (set_up)
			timed_teardown(x); /* undo what setup did; the row is an error anyway */
		snprintf(r->err, sizeof(r->err), "%s", why);
		return rc < 0 ? rc : -EIO;
	}
	rc = timed_io(x, tid, started);
	t.t2 = mb_now_ns();
	/* untimed: which world the mapping was in */
	if (r->map)
		row->file_pmd_mapped_bytes = mb_smaps_file_pmd_mapped(r->map);
	row->file_huge_pages_bytes = mb_meminfo_file_huge_bytes();
	t.t2b = mb_now_ns();
	trc = timed_teardown(x);
	t.t3 = mb_now_ns();
	mb_acct_snap(&a1);
	mb_kcounters_snap(&k1);
	if (rc || trc)
		return rc ? rc : trc;
	fill_measures(row, x, &t, &a0, &a1, &k0, &k1);
	return 0;
}

/* Merges the workers' latency into one histogram and the row's percentiles. */
static void latency_out(struct rep_ctx *x, struct mb_row *row, struct mb_hist *all)
{
	mb_hist_init(all);
	for (int k = 0; k < x->n; k++)
		mb_hist_merge(all, x->w[k].lat);
	row->has_latency = all->count > 0;
	row->lat_p50_ns = mb_hist_quantile(all, 0.50);
	row->lat_p90_ns = mb_hist_quantile(all, 0.90);
	row->lat_p99_ns = mb_hist_quantile(all, 0.99);
	row->lat_p999_ns = mb_hist_quantile(all, 0.999);
	row->lat_max_ns = all->max;
}

/* --- one repetition ------------------------------------------------------------ */

static struct mb_run run_for(const struct mb_config *c, const struct mb_plan *plan)
{
	struct mb_run r = {.method = c->method, .path = c->path, .file_size = c->file_size,
			   .plan = plan, .advice = c->advice, .consume = c->consume,
			   .buf_misalign = c->buf_offset, .window = c->window, .iov = c->iov,
			   .qd = c->qd, .fixed_bufs = c->fixed_bufs, .nworkers = c->threads, .fd = -1};

	return r;
}

/* One repetition into *row (and *hist). Returns 0 (ok), -1 (an error row) or
 * 1 (the method cannot do this here: an unsupported row). */
static int one_rep(const struct mb_runner *rn, const struct mb_config *c, const struct mb_plan *plan,
		   struct mb_row *row, struct mb_hist *hist)
{
	struct mb_run r = run_for(c, plan);
	struct rep_ctx x = {.r = &r, .n = c->threads, .lock = PTHREAD_MUTEX_INITIALIZER,
			    .cond = PTHREAD_COND_INITIALIZER};
	uint64_t csum = 0;
	int rc = -1;

	x.slice = calloc((size_t)x.n, sizeof(*x.slice));
	x.csum = calloc((size_t)x.n, sizeof(*x.csum));
	x.rc = calloc((size_t)x.n, sizeof(*x.rc));
	if (!x.slice || !x.csum || !x.rc) {
		snprintf(row->error, sizeof(row->error), "out of memory");
		goto out_free;
	}
	x.w = alloc_workers(&r, c, row->error, sizeof(row->error));
	if (!x.w)
		goto out_free;
	if (c->method->prepare && c->method->prepare(&r)) {
		snprintf(row->error, sizeof(row->error), "%s", r.err);
		goto out_workers;
	}
	rc = set_cache_state(rn, c, &row->resident_before_pct, row->error, sizeof(row->error));
	if (rc || (rc = check_folios(c, row)))
		goto out_unprepare;
	rc = timed_phases(&x, row);
	if (rc) {
		size_t np = strlen(MB_UNSUPPORTED_PREFIX);
		int unsup = !strncmp(r.err, MB_UNSUPPORTED_PREFIX, np);

		snprintf(row->error, sizeof(row->error), "%s", unsup ? r.err + np : r.err);
		rc = unsup ? 1 : -1;
		goto out_unprepare;
	}
	if (c->cache != MB_CACHE_NA)
		mb_resident_pct_path(c->path, &row->resident_after_pct);
	if (c->latency)
		latency_out(&x, row, hist);
	for (int k = 0; k < x.n; k++)
		csum += x.csum[k];
	row->has_checksum = 1;
	row->checksum = csum;
	if (csum != row->expected_checksum) {
		snprintf(row->error, sizeof(row->error),
			 "checksum %016" PRIx64 " != expected %016" PRIx64 ": bytes skipped or misread",
			 csum, row->expected_checksum);
		rc = -1;
	}
out_unprepare:
	if (c->method->unprepare)
		c->method->unprepare(&r);
out_workers:
	free_workers(x.w, x.n, c->buf_offset);
out_free:
	free(x.slice);
	free(x.csum);
	free(x.rc);
	return rc;
}

static int emit_error(const struct mb_runner *rn, struct mb_row *row)
{
	row->status = "error";
	mb_warn("%s: %s", row->method, row->error);
	return rn->sink(rn->ctx, row, NULL);
}

/* warm: cached the way a sequential reader caches it, once per configuration;
 * warm-4k: cached by 4 KiB reads, once per configuration. */
static void prewarm(const struct mb_config *c)
{
	char e2[300];

	if (c->cache != MB_CACHE_WARM && c->cache != MB_CACHE_WARM4K)
		return;
	if (mb_cache_evict(c->path, c->own_file, 0, e2, sizeof(e2)) || fill(c, e2, sizeof(e2)))
		mb_warn("%s: warming %s: %s", c->method->name, c->path, e2);
}

/* Adaptive repetition: the MiB/s of the ok reps so far. */
#define MB_ADAPT_MAX 4096
struct adaptive {
	double v[MB_ADAPT_MAX];
	size_t n;
	uint64_t t0; /* start of the first measured rep */
};

/* With --ci-target: 1 when the configuration has had enough reps: its
 * median's 95% CI is within the target, or the budget is spent. */
static int enough(const struct mb_run_opts *o, struct adaptive *ad)
{
	double w[MB_ADAPT_MAX];
	struct mb_stats st;

	if (!(o->ci_target > 0))
		return 1;
	if (o->budget_ns && mb_now_ns() - ad->t0 >= o->budget_ns)
		return 1;
	if (ad->n < 6)
		return 0;
	memcpy(w, ad->v, ad->n * sizeof(*w));
	mb_stats_compute(w, ad->n, &st);
	return mb_stats_ci_within(&st, o->ci_target);
}

int mb_run_config(const struct mb_runner *rn, const struct mb_config *c)
{
	const struct mb_run_opts *o = rn->opts;
	struct mb_hist *hist = NULL;
	struct mb_plan plan;
	struct adaptive ad = {.n = 0};
	struct mb_row row;
	int errors = 0, rc;

	row_init(&row, rn, c, 0);
	if (c->latency)
		mb_ticks_init();
	rc = mb_plan_init(&plan, c->pattern, c->file_size, c->block, o->seed);
	if (!rc && c->latency && !(hist = malloc(sizeof(*hist))))
		rc = -ENOMEM;
	if (rc) {
		snprintf(row.error, sizeof(row.error), "planning offsets: %s", strerror(-rc));
		mb_plan_free(&plan);
		rc = emit_error(rn, &row);
		return rc ? rc : 1;
	}
	prewarm(c);
	for (int i = 0; i < o->warmup + (o->ci_target > 0 ? o->max_reps : o->reps) && !mb_stop_requested;
	     i++) {
		int warm_up = i < o->warmup, rep = warm_up ? 0 : i - o->warmup + 1;

		if (rep > o->reps && enough(o, &ad))
			break;
		if (rep == 1)
			ad.t0 = mb_now_ns();

		if (rn->on_rep)
			rn->on_rep(rn->ctx, c, warm_up ? i : rep, warm_up);
		row_init(&row, rn, c, rep);
		rc = one_rep(rn, c, &plan, &row, hist);
		if (rc > 0) { /* unsupported here: one row says so, no more reps */
			char why[sizeof(row.error)];

			snprintf(why, sizeof(why), "%s", row.error);
			rc = mb_run_unsupported(rn, c, why);
			break;
		}
		if (rc) {
			if (warm_up)
				snprintf(row.error + strlen(row.error), sizeof(row.error) - strlen(row.error),
					 " (in warm-up)");
			errors++;
			if ((rc = emit_error(rn, &row)))
				break;
			if (warm_up)
				break; /* a configuration that fails its warm-up is not measured */
			continue;
		}
		if (!warm_up && (rc = rn->sink(rn->ctx, &row, c->latency ? hist : NULL)))
			break;
		if (!warm_up && ad.n < MB_ADAPT_MAX && row.total_ns)
			ad.v[ad.n++] = (double)row.bytes / 1048576.0 / ((double)row.total_ns / 1e9);
	}
	free(hist);
	mb_plan_free(&plan);
	return rc ? rc : errors;
}

int mb_run_unsupported(const struct mb_runner *rn, const struct mb_config *c, const char *why)
{
	struct mb_row row;

	row_init(&row, rn, c, 1);
	row.status = "unsupported";
	snprintf(row.error, sizeof(row.error), "%s", why);
	return rn->sink(rn->ctx, &row, NULL);
}
