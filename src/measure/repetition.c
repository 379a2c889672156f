/* repetition.c: a member's buffers made once, and one repetition of it (see
 * repetition.h). */
#include "repetition.h"
#include "account.h"
#include "busguard.h"
#include "cachestate.h"
#include "kcounters.h"
#include "memcg.h"
#include "procs.h"
#include "residency.h"
#include "scratch.h"
#include "trace.h"
#include "util.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The bytes of a worker's I/O buffer: a block, --iov blocks, --qd slots each
 * rounded up to pages so that every slot keeps the same alignment, or the
 * whole file (MB_CAP_WHOLEBUF). */
static size_t buf_len(const struct mb_config *c, size_t *stride)
{
	size_t ps = (size_t)mb_page_size(), block = (size_t)c->block;

	*stride = (block + ps - 1) / ps * ps;
	if (c->method->caps & MB_CAP_WHOLEBUF)
		return (size_t)c->file_size;
	if (mb_option_buf_blocks(c->method, c->opt) > 1)
		return block * (size_t)mb_option_buf_blocks(c->method, c->opt);
	if (c->method->caps & MB_CAP_QD)
		return *stride * (c->qd ? c->qd : 1);
	return block;
}

static struct mb_slice slice_for(const struct mb_plan *p, int k, int n);

/* --duration, --timeline: each worker's chunk checksums and intervals. */
static int tl_open(struct mb_member *m, char *err, size_t errlen)
{
	const struct mb_config *c = m->c;

	m->tl_on = c->tl.duration_ns || c->tl.interval_ns;
	for (int k = 0; m->tl_on && k < c->threads; k++) /* closable, also if not opened */
		m->tl[k] = (struct mb_tl_worker){.proc_io_fd = -1};
	for (int k = 0; m->tl_on && k < c->threads; k++) {
		struct mb_slice s = slice_for(m->plan, k, c->threads);
		int rc = mb_tl_worker_open(&m->tl[k], m->plan, &s, &c->tl, k == 0);

		if (rc) {
			snprintf(err, errlen, "allocating the timeline of worker %d: %s", k, strerror(-rc));
			return rc;
		}
		/* a generated dataset's bytes can be had again: its reads may
		 * stop inside the first pass (timeline.h) */
		m->tl[k].early_ok = c->own_file && c->op == MB_OP_READ && !c->method->verify;
	}
	return 0;
}

/* After a repetition whose duration ended inside a worker's first pass: the
 * checksum the chunks read must have given, from the dataset's generator,
 * into row->expected_checksum. Untimed. 0 or -1 (row->error). */
static int tl_expect_partial(struct mb_member *m, struct mb_row *row)
{
	const struct mb_config *c = m->c;
	uint64_t want = 0;
	int partial = 0;
	void *buf;

	for (int k = 0; k < c->threads; k++)
		partial |= mb_tl_partial(&m->tl[k]);
	if (!partial)
		return 0;
	if (!(buf = malloc((size_t)c->block))) {
		snprintf(row->error, sizeof(row->error), "checking a partial pass: %s", strerror(ENOMEM));
		return -1;
	}
	for (int k = 0; k < c->threads; k++) {
		struct mb_slice s = slice_for(m->plan, k, c->threads);

		want += mb_tl_expected(&m->tl[k], m->plan, &s, c->data_seed, c->consume, buf);
	}
	free(buf);
	row->expected_checksum = want;
	return 0;
}

int mb_member_open(struct mb_member *m, const struct mb_config *c, const struct mb_plan *plan,
		   struct mb_pool *pool, const struct mb_refcopy *ref, char *err, size_t errlen)
{
	size_t stride, len = buf_len(c, &stride);
	int rc = 0;

	memset(m, 0, sizeof(*m));
	if ((rc = mb_busguard_install())) {
		snprintf(err, errlen, "installing the SIGBUS handler: %s", strerror(-rc));
		return rc;
	}
	m->c = c;
	m->plan = plan;
	m->pool = pool;
	m->ref = ref;
	if (c->latency && !(m->lat = calloc((size_t)c->threads, sizeof(*m->lat)))) {
		snprintf(err, errlen, "allocating latency histograms: %s", strerror(ENOMEM));
		return -ENOMEM;
	}
	for (int k = 0; k < c->threads; k++) {
		struct mb_worker *w = &m->w[k];

		w->run = &m->r;
		w->id = k;
		if (c->method->caps & MB_CAP_BUF) {
			if ((rc = mb_iobuf_alloc(&m->buf[k], len, c->buf_offset, err, errlen)))
				goto fail;
			w->buf = m->buf[k].p;
			w->buf_len = len;
			w->buf_stride = stride;
		}
		if (c->consume == MB_CONSUME_COPY) {
			if ((rc = mb_iobuf_alloc(&m->cbuf[k], (size_t)c->block, 0, err, errlen)))
				goto fail;
			w->cbuf = m->cbuf[k].p;
		}
		if (m->lat)
			mb_hist_init(&m->lat[k]);
	}
	if ((rc = tl_open(m, err, errlen)))
		goto fail;
	return 0;
fail:
	mb_member_close(m);
	return rc;
}

void mb_member_close(struct mb_member *m)
{
	for (int k = 0; m->c && k < m->c->threads; k++) {
		mb_iobuf_free(&m->buf[k]);
		mb_iobuf_free(&m->cbuf[k]);
		if (m->tl_on)
			mb_tl_worker_close(&m->tl[k]);
	}
	free(m->lat);
	m->lat = NULL;
}

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

/* Fresh per-repetition state; buffers and histograms are kept. */
static void rep_reset(struct mb_member *m, int lat_timed)
{
	const struct mb_config *c = m->c;

	m->r = (struct mb_run){.method = c->method, .path = c->path, .file_size = c->file_size,
			       .plan = m->plan, .advice = c->advice, .consume = c->consume,
			       .buf_misalign = c->buf_offset,
			       .qd = c->qd, .nworkers = c->threads,
			       .fd = -1, .ref = m->ref ? m->ref->data : NULL,
			       .sync = c->sync, .new_file = c->target == MB_TARGET_NEW};
	memcpy(m->r.opt, c->opt, sizeof(m->r.opt));
	for (int k = 0; k < c->threads; k++) {
		struct mb_worker *w = &m->w[k];

		w->priv = NULL;
		w->ops = 0;
		w->mmap_ns = w->munmap_ns = 0;
		w->err[0] = '\0';
		w->lat = lat_timed && m->lat ? &m->lat[k] : NULL;
		if (w->lat)
			mb_hist_init(w->lat);
		m->slice[k] = slice_for(m->plan, k, c->threads);
		m->csum[k] = 0;
		m->rc[k] = 0;
	}
}

/* The io phase of worker k: its slice of the plan. A SIGBUS in it (a
 * mapping past the end of a truncated file, a store that found no space, or
 * a page-in that met an I/O error)
 * ends the worker's io with an error naming the address. */
static void io_job(void *arg, int k)
{
	struct mb_member *m = arg;
	struct mb_worker *w = &m->w[k];
	struct mb_busguard g;

	if (sigsetjmp(g.env, 1) == 0) {
		mb_busguard_arm(&g);
		if (w->lat)
			w->lat_prev = mb_ticks();
		if (m->tl_on)
			m->rc[k] = mb_tl_io(&m->tl[k], w, &m->slice[k], &m->c->tl, &m->csum[k]);
		else
			m->rc[k] = m->r.method->run(w, &m->slice[k], &m->csum[k]);
	} else {
		uintptr_t map = (uintptr_t)m->r.map;

		if (map && g.addr >= map && g.addr - map < m->r.map_len)
			m->rc[k] = mb_worker_failf(w, EFAULT, "SIGBUS at offset %llu of the mapping of %s "
						   "(the file was truncated, its filesystem is full, or an I/O error)",
						   (unsigned long long)(g.addr - map), m->r.path);
		else
			m->rc[k] = mb_worker_failf(w, EFAULT, "SIGBUS at address %#llx while using %s "
						   "(the file was truncated, its filesystem is full, or an I/O error)",
						   (unsigned long long)g.addr, m->r.path);
	}
	mb_busguard_disarm();
}

/* Timed: setup, the advice, each worker's setup. *set_up: the method's
 * setup succeeded (its teardown is then due, whatever failed after). */
static int timed_setup(struct mb_member *m, int *set_up)
{
	struct mb_run *r = &m->r;
	const struct mb_method *meth = r->method;
	int rc = meth->setup ? meth->setup(r)
		 : meth->caps & MB_CAP_FD ? mb_open_file(r, meth->open_flags) : 0;

	*set_up = rc == 0;
	if (rc)
		return rc;
	if (meth->caps & MB_CAP_MMAP && r->map)
		rc = mb_advise_map(r->advice, r->map, r->map_len, r->err, sizeof(r->err));
	if (!rc && meth->caps & MB_CAP_FD && r->fd >= 0)
		rc = mb_advise_fd(r->advice, r->fd, r->file_size, r->err, sizeof(r->err));
	for (int k = 0; !rc && meth->worker_setup && k < m->c->threads; k++)
		if ((rc = meth->worker_setup(r, &m->w[k])) && !r->err[0])
			snprintf(r->err, sizeof(r->err), "%s", m->w[k].err);
	return rc;
}

static int timed_teardown(struct mb_member *m)
{
	const struct mb_method *meth = m->r.method;

	for (int k = 0; meth->worker_teardown && k < m->c->threads; k++)
		meth->worker_teardown(&m->r, &m->w[k]);
	if (meth->teardown)
		return meth->teardown(&m->r);
	return m->r.fd >= 0 ? mb_close_fd(&m->r) : 0;
}

/* The first worker error, as the run's. */
static int io_result(struct mb_member *m)
{
	int rc = 0;

	for (int k = 0; k < m->c->threads && !rc; k++)
		rc = m->rc[k];
	for (int k = 0; rc && !m->r.err[0] && k < m->c->threads; k++)
		if (m->w[k].err[0]) {
			snprintf(m->r.err, sizeof(m->r.err), "%s", m->w[k].err);
			break;
		}
	return rc;
}

/* The checksum of what the workers consumed. */
static uint64_t io_checksum(const struct mb_member *m)
{
	uint64_t csum = 0;

	for (int k = 0; k < m->c->threads; k++)
		csum += m->csum[k];
	return csum;
}

/* A method's verify hook (method.h) gives the row's checksum and the value
 * it must have; rep_on compares them. 0 or -errno with r->err set. */
static int verify_io(struct mb_member *m, struct mb_row *row)
{
	uint64_t csum = io_checksum(m), want = row->expected_checksum;
	int rc = m->r.method->verify(&m->r, &csum, &want);

	if (rc)
		return rc;
	row->checksum = csum;
	row->expected_checksum = want;
	return 0;
}

/* Counters over the timed phases only: [setup, io] and [teardown]. */
struct windows {
	struct mb_acct a[4];
	struct mb_kcounters k[4];
	struct mb_memcg_stat cg[4];     /* with --mem-limit */
	int cg_ok;
	uint64_t t0, t1, io_start, io_end, spread, s0, s1, t2, t3;
};

static int64_t kdelta(const struct windows *x, size_t off)
{
	uint64_t v[4];

	for (int i = 0; i < 4; i++)
		memcpy(&v[i], (const char *)&x->k[i] + off, sizeof(v[i]));
	return (int64_t)(v[1] - v[0]) + (int64_t)(v[3] - v[2]);
}

/* --duration, --timeline: what the workers did, and the timeline for the row. */
static void tl_measures(struct mb_member *m, const struct windows *x, struct mb_row *row)
{
	uint64_t blocks = 0, calls = 0;

	row->bytes = 0;
	for (int k = 0; k < m->c->threads; k++) {
		blocks += m->tl[k].blocks;
		calls += m->w[k].ops;
		row->bytes += m->tl[k].bytes;
	}
	row->ops = calls ? calls : blocks;
	if (!m->c->tl.interval_ns || row->lat_timed)
		return;
	m->tl_rep = (struct mb_tl_rep){.nworkers = m->c->threads, .io_start = x->io_start,
				       .count_calls = calls != 0, .w = m->tl};
	row->timeline = &m->tl_rep;
}

/* A memory.stat counter's change over the timed phases; -1 when absent. */
static int64_t cg_delta(const struct windows *x, size_t off)
{
	int64_t v[4];

	for (int i = 0; i < 4; i++) {
		memcpy(&v[i], (const char *)&x->cg[i] + off, sizeof(v[i]));
		if (v[i] < 0)
			return -1;
	}
	return (v[1] - v[0]) + (v[3] - v[2]);
}

/* --mem-limit: the cgroup's sizes at the end of the io, its counters' deltas. */
static void cg_measures(const struct windows *x, struct mb_row *row)
{
	row->has_cg = x->cg_ok;
	if (!x->cg_ok)
		return;
	row->cg.file = x->cg[1].file;
	row->cg.file_mapped = x->cg[1].file_mapped;
	row->cg.pgmajfault = cg_delta(x, offsetof(struct mb_memcg_stat, pgmajfault));
	row->cg.workingset_refault_file = cg_delta(x, offsetof(struct mb_memcg_stat, workingset_refault_file));
	row->cg.pgscan = cg_delta(x, offsetof(struct mb_memcg_stat, pgscan));
	row->cg.pgsteal = cg_delta(x, offsetof(struct mb_memcg_stat, pgsteal));
}

static void fill_measures(struct mb_member *m, const struct windows *x, struct mb_row *row)
{
	const struct mb_run *r = &m->r;
	struct mb_acct_delta d2;
	int ok_tlb = 1, ok_vm = 1;

	row->measured = 1;
	row->start_ns = x->t0;
	row->setup_ns = x->t1 - x->t0;
	row->io_ns = x->io_end - x->io_start;
	row->thread_start_spread_ns = (int64_t)x->spread;
	row->teardown_ns = x->t3 - x->t2;
	row->has_sync = m->c->op != MB_OP_READ;
	row->sync_ns = x->s1 - x->s0;
	row->total_ns = row->setup_ns + row->io_ns + row->sync_ns + row->teardown_ns;
	row->ops = 0;
	for (int k = 0; k < m->c->threads; k++)
		row->ops += m->w[k].ops;
	if (!row->ops && m->c->op != MB_OP_RMW) /* rmw: the integers incremented, 0 too */
		row->ops = r->plan->nblocks;
	row->bytes = r->file_size;
	if (m->tl_on)
		tl_measures(m, x, row);
	mb_acct_diff(&x->a[0], &x->a[1], &row->acct);
	mb_acct_diff(&x->a[2], &x->a[3], &d2);
	mb_acct_add(&row->acct, &d2);
	row->has_map_times = (r->method->caps & MB_CAP_MMAP) != 0;
	row->mmap_ns = r->mmap_ns;
	row->munmap_ns = r->munmap_ns;
	for (int k = 0; k < m->c->threads; k++) {
		row->mmap_ns += m->w[k].mmap_ns;
		row->munmap_ns += m->w[k].munmap_ns;
	}
	for (int i = 0; i < 4; i++) {
		ok_tlb &= x->k[i].ok_tlb;
		ok_vm &= x->k[i].ok_vmstat;
	}
	row->has_tlb = ok_tlb;
	row->tlb_shootdowns = kdelta(x, offsetof(struct mb_kcounters, tlb_shootdowns));
	row->has_vmstat = ok_vm;
	row->vm_pgfault = kdelta(x, offsetof(struct mb_kcounters, pgfault));
	row->vm_pgmajfault = kdelta(x, offsetof(struct mb_kcounters, pgmajfault));
	row->vm_pgpgin_kb = kdelta(x, offsetof(struct mb_kcounters, pgpgin));
	row->vm_thp_fault_alloc = kdelta(x, offsetof(struct mb_kcounters, thp_fault_alloc));
	row->dirty_delta_bytes = kdelta(x, offsetof(struct mb_kcounters, nr_dirty)) * mb_page_size();
	row->writeback_delta_bytes =
		kdelta(x, offsetof(struct mb_kcounters, nr_writeback)) * mb_page_size();
	cg_measures(x, row);
}

/* Snapshot i of the counters: i even opens a window, odd closes one, so the
 * kernel counters' own reads stay outside the rusage windows. */
static void snap(struct windows *x, int i, int count)
{
	const struct mb_memcg *cg = mb_memcg_current();

	if (!count)
		return;
	if (i % 2 == 0) {
		mb_kcounters_snap(&x->k[i]);
		if (cg)
			x->cg_ok = (i == 0 || x->cg_ok) && !mb_memcg_read_stat(cg, &x->cg[i]);
		mb_acct_snap(&x->a[i]);
	} else {
		mb_acct_snap(&x->a[i]);
		if (cg)
			x->cg_ok = x->cg_ok && !mb_memcg_read_stat(cg, &x->cg[i]);
		mb_kcounters_snap(&x->k[i]);
	}
}

/* The timed phases, counted when count. 0 or -errno with r->err set. */
static int timed_phases(struct mb_member *m, int count, struct mb_row *row)
{
	struct mb_run *r = &m->r;
	struct windows x;
	int rc, trc, set_up;

	memset(&x, 0, sizeof(x));
	mb_trace(MB_TRACE_TIMED_BEGIN, r->method->name);
	snap(&x, 0, count);
	x.t0 = mb_now_ns();
	rc = timed_setup(m, &set_up);
	x.t1 = mb_now_ns();
	if (rc) {
		if (set_up)
			timed_teardown(m); /* undo what setup did; its first error sticks */
		mb_trace(MB_TRACE_TIMED_END, r->method->name);
		return rc < 0 ? rc : -EIO;
	}
	mb_pool_run(m->pool, io_job, m);
	x.io_start = mb_pool_first_start(m->pool);
	x.io_end = mb_pool_last_end(m->pool);
	x.spread = mb_pool_start_spread(m->pool);
	rc = io_result(m);
	/* writes: the durability call, a phase of its own (after a failed io:
	 * nothing to make durable) */
	x.s0 = x.s1 = mb_now_ns();
	if (!rc && mb_sync_is_call(r->sync) && m->c->op != MB_OP_READ) {
		rc = mb_sync_call(r, r->sync);
		x.s1 = mb_now_ns();
	}
	snap(&x, 1, count);
	/* untimed and uncounted: which world the file mapping was in */
	if (r->map && count && r->method->caps & MB_CAP_FILE)
		row->file_pmd_mapped_bytes = mb_smaps_file_pmd_mapped(r->map);
	/* untimed and uncounted: the method's check of memory no file holds */
	if (!rc && r->method->verify)
		rc = verify_io(m, row);
	snap(&x, 2, count);
	x.t2 = mb_now_ns();
	trc = timed_teardown(m);
	x.t3 = mb_now_ns();
	snap(&x, 3, count);
	mb_trace(MB_TRACE_TIMED_END, r->method->name);
	if (count)
		row->file_huge_pages_bytes = mb_meminfo_file_huge_bytes();
	if (rc || trc)
		return rc ? rc : trc;
	fill_measures(m, &x, row);
	return 0;
}

/* --procs: what one child does with its copy of the member. Buffers are
 * written once first, so their copy-on-write faults fall outside the
 * counted window; then its own setup (descriptor or mapping), the gate, its
 * share of the plan (the split of thread k of n) and its own teardown. */
static void proc_main(void *arg, int k, int n, struct mb_proc_slot *s, struct mb_procs_shm *shm)
{
	struct mb_member *m = arg;
	struct mb_worker *w = &m->w[0];
	struct mb_acct a0, a1;
	uint64_t t;
	int set_up, rc, trc = 0;

	if (w->buf)
		memset(w->buf, 0, w->buf_len);
	if (w->cbuf)
		memset(w->cbuf, 0, (size_t)m->c->block);
	m->slice[0] = slice_for(m->plan, k, n);
	s->blocks = m->slice[0].count;
	mb_acct_snap(&a0);
	t = mb_now_ns();
	rc = timed_setup(m, &set_up);
	s->setup_ns = mb_now_ns() - t;
	mb_procs_gate(shm);
	s->start_ns = mb_now_ns();
	if (!rc) {
		io_job(m, 0);
		rc = io_result(m);
	}
	s->end_ns = mb_now_ns();
	t = mb_now_ns();
	if (set_up)
		trc = timed_teardown(m);
	s->teardown_ns = mb_now_ns() - t;
	mb_acct_snap(&a1);
	mb_acct_diff(&a0, &a1, &s->acct);
	s->csum = m->csum[0];
	s->ops = w->ops;
	s->mmap_ns = m->r.mmap_ns + w->mmap_ns;
	s->munmap_ns = m->r.munmap_ns + w->munmap_ns;
	s->rc = rc ? rc : trc;
	if (s->rc)
		snprintf(s->err, sizeof(s->err), "process %d of %d: %.400s", k + 1, n,
			 m->r.err[0] ? m->r.err : strerror(-s->rc));
}

/* --procs: the children's reports as the row's measures. The row's rusage
 * columns are the sum of what each child counted of itself (RUSAGE_SELF);
 * the parent, which only waits, adds nothing. */
static void procs_measures(struct mb_member *m, const struct mb_procs_shm *shm, struct windows *x,
			   struct mb_row *row)
{
	int n = m->c->procs;
	uint64_t setup = 0, teardown = 0, first = UINT64_MAX, last_start = 0, end = 0, ops = 0, blocks = 0;

	for (int k = 0; k < n; k++) {
		const struct mb_proc_slot *s = &shm->slot[k];

		setup = s->setup_ns > setup ? s->setup_ns : setup;
		teardown = s->teardown_ns > teardown ? s->teardown_ns : teardown;
		first = s->start_ns < first ? s->start_ns : first;
		last_start = s->start_ns > last_start ? s->start_ns : last_start;
		end = s->end_ns > end ? s->end_ns : end;
		ops += s->ops;
		blocks += s->blocks;
	}
	x->t0 = shm->release_ns - setup;
	x->t1 = shm->release_ns;
	x->io_start = shm->release_ns;
	x->io_end = end > shm->release_ns ? end : shm->release_ns;
	x->spread = last_start - first;
	x->s0 = x->s1 = x->t2 = end;
	x->t3 = end + teardown;
	fill_measures(m, x, row);
	row->ops = ops ? ops : blocks;
	row->mmap_ns = row->munmap_ns = 0;
	memset(&row->acct, 0, sizeof(row->acct));
	row->acct.io_ok = 1;
	for (int k = 0; k < n; k++) {
		row->mmap_ns += shm->slot[k].mmap_ns;
		row->munmap_ns += shm->slot[k].munmap_ns;
		mb_acct_add(&row->acct, &shm->slot[k].acct);
	}
}

/* --procs: the timed phases run in c->procs children (procs.h), each with
 * its own descriptor or mapping. 0 or -errno with r->err set. */
static int timed_phases_procs(struct mb_member *m, int count, struct mb_row *row)
{
	struct mb_run *r = &m->r;
	struct mb_procs_shm *shm = NULL;
	struct windows x;
	int rc;

	memset(&x, 0, sizeof(x));
	mb_trace(MB_TRACE_TIMED_BEGIN, r->method->name);
	snap(&x, 0, count);
	rc = mb_procs_run(m->c->procs, proc_main, m, &shm, r->err, sizeof(r->err));
	snap(&x, 1, count);
	snap(&x, 2, count);
	snap(&x, 3, count);
	mb_trace(MB_TRACE_TIMED_END, r->method->name);
	if (rc == -EINTR)
		snprintf(r->err, sizeof(r->err), "interrupted: the %d processes were killed", m->c->procs);
	for (int k = 0; !rc && k < m->c->procs; k++)
		if ((rc = shm->slot[k].rc))
			snprintf(r->err, sizeof(r->err), "%s", shm->slot[k].err);
	if (!rc) {
		m->csum[0] = 0;
		for (int k = 0; k < m->c->procs; k++)
			m->csum[0] += shm->slot[k].csum;
		procs_measures(m, shm, &x, row);
	}
	mb_procs_free(shm);
	return rc;
}

/* Why --procs cannot run this member, or NULL: each process needs a file of
 * its own to read, and no state shared with the others. */
static const char *procs_refusal(const struct mb_member *m)
{
	const struct mb_method *meth = m->c->method;

	if (m->c->op != MB_OP_READ)
		return "writes and rmw";
	if (!(meth->caps & MB_CAP_FILE) || meth->caps & MB_CAP_REFCOPY || meth->verify)
		return "methods that read no file of their own";
	if (m->tl_on)
		return "--duration and --timeline";
	return NULL;
}

/* Merges the workers' latency into one histogram and the row's percentiles. */
static void latency_out(struct mb_member *m, struct mb_row *row, struct mb_hist *all)
{
	mb_hist_init(all);
	for (int k = 0; k < m->c->threads; k++)
		mb_hist_merge(all, &m->lat[k]);
	row->has_latency = all->count > 0;
	row->lat_p50_ns = mb_hist_quantile(all, 0.50);
	row->lat_p90_ns = mb_hist_quantile(all, 0.90);
	row->lat_p99_ns = mb_hist_quantile(all, 0.99);
	row->lat_p999_ns = mb_hist_quantile(all, 0.999);
	row->lat_max_ns = all->max;
}

/* Writes and rmw, untimed, after the timed phases: the scratch re-read and
 * compared with what the method had to leave; the row's checksum is what the
 * file holds, its expected_checksum what it should. 0 or -1 (row->error). */
static int verify_target(struct mb_member *m, const struct mb_scratch *sc, struct mb_row *row)
{
	const struct mb_config *c = m->c;
	enum mb_scratch_want want = c->op == MB_OP_RMW ? MB_WANT_INCREMENTED
				    : c->method->caps & MB_CAP_PRIVATE ? MB_WANT_UNCHANGED
				    : c->consume == MB_CONSUME_TOUCH ? MB_WANT_TOUCHED
				    : MB_WANT_DATASET;
	int rc = mb_scratch_verify(sc, want, c->target, m->r.ref, c->file_size, &row->checksum,
				   &row->expected_checksum, row->error, sizeof(row->error));

	row->has_checksum = rc >= 0;
	return rc ? -1 : 0;
}

/* The cache state, the timed phases and the checks of one repetition on
 * t's file (the dataset, or a write's scratch). */
static int rep_on(struct mb_member *m, unsigned flags, struct mb_row *row, struct mb_hist *hist,
		  const struct mb_cache_target *t, const struct mb_scratch *sc);

int mb_rep_run(struct mb_member *m, unsigned flags, struct mb_row *row, struct mb_hist *hist)
{
	const struct mb_config *c = m->c;
	struct mb_cache_target t = {.path = c->path, .size = c->file_size, .cache = c->cache,
				    .own = c->own_file,
				    .drop_caches = (flags & MB_REP_DROP_CACHES) != 0};
	struct mb_scratch sc = {.made = 0};
	int rc;

	rep_reset(m, (flags & MB_REP_LAT_TIMED) && m->lat);
	if (c->procs > 1 && procs_refusal(m)) {
		snprintf(row->error, sizeof(row->error), "--procs does not apply to %s (%s)",
			 c->method->name, procs_refusal(m));
		return 1;
	}
	if (c->op != MB_OP_READ && c->method->caps & MB_CAP_FILE && !(flags & MB_REP_IN_PLACE)) {
		if (mb_scratch_make(&sc, c->path, c->op, c->target, m->r.ref, c->file_size, row->error,
				    sizeof(row->error)))
			return -1;
		t.path = m->r.path = sc.path;
		t.own = 1;
	}
	rc = rep_on(m, flags, row, hist, &t, sc.made ? &sc : NULL);
	mb_scratch_remove(&sc);
	return rc;
}

static int rep_on(struct mb_member *m, unsigned flags, struct mb_row *row, struct mb_hist *hist,
		  const struct mb_cache_target *tp, const struct mb_scratch *sc)
{
	const struct mb_config *c = m->c;
	const struct mb_cache_target t = *tp;
	int lat_timed = (flags & MB_REP_LAT_TIMED) && m->lat;
	int rc;

	row->lat_timed = lat_timed;
	rc = mb_cache_set(&t, &row->resident_before_pct, row->error, sizeof(row->error));
	if (rc)
		return rc;
	if (mb_cache_check_folios(&t, &row->large_folio_pct, &row->pmd_folio_pct, row->error, sizeof(row->error)))
		return -1;
	if (c->procs > 1)
		rc = timed_phases_procs(m, !(flags & MB_REP_NO_COUNTERS), row);
	else
		rc = timed_phases(m, !(flags & MB_REP_NO_COUNTERS), row);
	if (rc) {
		snprintf(row->error, sizeof(row->error), "%s", m->r.err[0] ? m->r.err : strerror(-rc));
		return rc == -EOPNOTSUPP ? 1 : -1;
	}
	if (c->cache != MB_CACHE_NA)
		mb_resident_pct_path(t.path, &row->resident_after_pct);
	if (row->lat_timed && hist)
		latency_out(m, row, hist);
	if (sc)
		return verify_target(m, sc, row);
	if (!c->method->verify) /* else its verify hook set both (verify_io) */
		row->checksum = io_checksum(m);
	row->has_checksum = 1;
	if (m->tl_on && tl_expect_partial(m, row))
		return -1;
	if (flags & MB_REP_CHECK_SUM && row->checksum != row->expected_checksum) {
		snprintf(row->error, sizeof(row->error),
			 "checksum %016" PRIx64 " != expected %016" PRIx64 ": bytes skipped or misread",
			 row->checksum, row->expected_checksum);
		return -1;
	}
	return 0;
}
