/* runner.c: the round and adaptive-repetition policy of one configuration
 * (see runner.h): what is made once, in which order the members' repetitions
 * run, when a member has had enough, and which rows are written. */
#include "runner.h"
#include "iobuf.h"
#include "memcg.h"
#include "repetition.h"
#include "stats.h"
#include "util.h"
#include "workers.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void mb_row_init(struct mb_row *row, const struct mb_runner *rn, const struct mb_config *c, int rep)
{
	memset(row, 0, sizeof(*row));
	row->env = rn->opts->env;
	row->run_id = rn->opts->run_id;
	row->mkfs_opts = rn->opts->mkfs_opts;
	row->method = c->method->name;
	row->advice = mb_advice_name(c->advice);
	row->consume = mb_consume_name(c->consume);
	row->op = mb_op_name(c->op);
	row->target = mb_target_name(c->target);
	row->sync = c->op == MB_OP_READ ? "" : mb_sync_name(c->sync);
	row->stride = c->pattern == MB_STRIDE ? c->stride : 0;
	row->duration_ns = c->tl.duration_ns;
	row->pattern = mb_pattern_name(c->pattern);
	row->cache = mb_cache_name(c->cache);
	row->file_size = c->file_size;
	row->block = c->block;
	row->threads = c->procs > 1 ? c->procs : c->threads;
	row->workers = c->procs > 1 ? "procs" : "threads";
	row->queue_depth = c->method->caps & MB_CAP_QD ? (int)c->qd : 0;
	row->rep = rep;
	row->resident_before_pct = NAN;
	row->resident_after_pct = NAN;
	row->large_folio_pct = NAN;
	row->pmd_folio_pct = NAN;
	row->file_pmd_mapped_bytes = -1;
	row->file_huge_pages_bytes = -1;
	row->thread_start_spread_ns = -1;
	row->status = "ok";
	row->mem_limit = mb_memcg_current() ? mb_memcg_current()->limit : 0;
	row->seed = rn->opts->seed;
	row->file = c->path;
	row->expected_checksum = c->consume == MB_CONSUME_TOUCH ? c->expected_touch : c->expected;
	row->has_expected = 1;
	row->has_data_seed = c->own_file;
	row->data_seed = c->data_seed;
	row->buf_offset = c->buf_offset;
	row->options = c->method->options;
	memcpy(row->opt, c->opt, sizeof(row->opt));
	mb_row_stamp(row);
}

int mb_run_unsupported(const struct mb_runner *rn, const struct mb_config *c, const char *why)
{
	struct mb_row row;

	mb_row_init(&row, rn, c, 1);
	row.status = "unsupported";
	snprintf(row.error, sizeof(row.error), "%s", why);
	return rn->sink(rn->ctx, c, &row, NULL);
}

/* --- members ----------------------------------------------------------------- */

/* Adaptive repetition keeps the MiB/s of the ok reps so far. */
#define MB_ADAPT_MAX 4096

struct slot {
	const struct mb_config *c;
	struct mb_member *m;
	int out;                  /* no more repetitions: failed, unsupported */
	int reps, lat_reps;       /* repetitions run so far, of each kind */
	double v[MB_ADAPT_MAX];
	size_t nv;
	uint64_t spent_ns;        /* wall time of its repetitions (the budget) */
};

/* One repetition to run: a slot and its kind. */
struct entry {
	struct slot *s;
	int lat;
};

struct group {
	const struct mb_runner *rn;
	struct slot *slots;
	size_t n;
	struct entry *todo;       /* one round */
	struct mb_plan plan;
	struct mb_refcopy ref;
	struct mb_pool pool;
	int have_plan, have_pool;
	struct mb_hist *hist;     /* the merged histogram of a latency repetition */
	int errors;
	int have_file;            /* a read configuration of a file the run knows */
};

static int emit_error(struct group *g, const struct mb_config *c, struct mb_row *row)
{
	row->status = "error";
	mb_warn("%s: %s", row->method, row->error);
	g->errors++;
	return g->rn->sink(g->rn->ctx, c, row, NULL);
}

/* An error row for a member that could not be made ready; it is out. */
static int member_failed(struct group *g, struct slot *s, const char *why)
{
	struct mb_row row;

	mb_row_init(&row, g->rn, s->c, 0);
	snprintf(row.error, sizeof(row.error), "%s", why);
	s->out = 1;
	return emit_error(g, s->c, &row);
}

static int needs_ref(const struct group *g)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->slots[i].c->method->caps & MB_CAP_REFCOPY)
			return 1;
	return 0;
}

/* 1 when the measured file is no longer the one the run started
 * with (deleted, replaced by another inode, or of another size), with the
 * cause in why. */
static int file_changed(const struct group *g, char *why, size_t len)
{
	const char *path = g->slots[0].c->path;
	uint64_t size = g->slots[0].c->file_size;
	struct stat st;

	if (!g->have_file)
		return 0;
	if (stat(path, &st)) {
		if (errno != ENOENT)
			return 0;
		snprintf(why, len, "the file %s was deleted during the run", path);
		return 1;
	}
	if ((uint64_t)st.st_ino != g->slots[0].c->file_ino || (uint64_t)st.st_dev != g->slots[0].c->file_dev) {
		snprintf(why, len, "the file %s was replaced (another file now has its name) during "
			 "the run", path);
		return 1;
	}
	if ((uint64_t)st.st_size != size) {
		snprintf(why, len, "the file %s was %s to %llu bytes during the run (it had %llu)", path,
			 (uint64_t)st.st_size < size ? "truncated" : "extended",
			 (unsigned long long)st.st_size, (unsigned long long)size);
		return 1;
	}
	return 0;
}

/* The measured file changed: every member still in gets an error row
 * naming the cause and is out; the next configuration runs. 0 or the
 * sink's error. */
static int file_gone(struct group *g, const char *why)
{
	int rc = 0;

	for (size_t i = 0; i < g->n && !rc; i++)
		if (!g->slots[i].out)
			rc = member_failed(g, &g->slots[i], why);
	return rc;
}

/* Untimed, once: plan, threads, reference copy, buffers, pre-warm. 0 or the
 * sink's error. Members that cannot be made ready are out, with a row. */
static int group_open(struct group *g)
{
	const struct mb_config *c0 = g->slots[0].c;
	char err[600] = "";
	int rc, mrc;

	g->have_file = c0->op == MB_OP_READ && c0->path && (c0->file_dev || c0->file_ino);
	rc = mb_plan_init(&g->plan, c0->pattern, c0->file_size, c0->block, g->rn->opts->seed, c0->stride);
	if (rc)
		snprintf(err, sizeof(err), "planning offsets: %s", strerror(-rc));
	else
		g->have_plan = 1;
	if (!rc && !(g->hist = malloc(sizeof(*g->hist)))) {
		rc = -ENOMEM;
		snprintf(err, sizeof(err), "allocating a latency histogram: %s", strerror(ENOMEM));
	}
	if (!rc && !(rc = mb_pool_start(&g->pool, c0->threads, err, sizeof(err))))
		g->have_pool = 1;
	if (!rc && needs_ref(g) &&
	    mb_refcopy_make(&g->ref, c0->path, c0->file_size, c0->buf_offset, err, sizeof(err))) {
		/* only the members that read the copy are lost */
		for (size_t i = 0; i < g->n; i++)
			if (g->slots[i].c->method->caps & MB_CAP_REFCOPY &&
			    (mrc = member_failed(g, &g->slots[i], err)))
				return mrc;
	}
	for (size_t i = 0; i < g->n; i++) {
		struct slot *s = &g->slots[i];

		if (s->out)
			continue;
		if (!rc && !(s->m = calloc(1, sizeof(*s->m))))
			snprintf(err, sizeof(err), "allocating a member: %s", strerror(ENOMEM));
		if (s->m && !mb_member_open(s->m, s->c, &g->plan, &g->pool, &g->ref, err, sizeof(err)))
			continue;
		free(s->m);
		s->m = NULL;
		if ((mrc = member_failed(g, s, err)))
			return mrc;
	}
	for (size_t i = 0; i < g->n; i++)
		if (!g->slots[i].out && g->slots[i].c->cache != MB_CACHE_NA &&
		    g->slots[i].c->op == MB_OP_READ) { /* writes set it on each scratch */
			const struct mb_config *c = g->slots[i].c;
			struct mb_cache_target t = {.path = c->path, .size = c->file_size,
						    .cache = c->cache, .own = c->own_file};

			mb_cache_prewarm(&t);
			break;
		}
	return 0;
}

static void group_close(struct group *g)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->slots[i].m) {
			mb_member_close(g->slots[i].m);
			free(g->slots[i].m);
		}
	if (g->have_pool)
		mb_pool_stop(&g->pool);
	mb_refcopy_free(&g->ref);
	if (g->have_plan)
		mb_plan_free(&g->plan);
	free(g->hist);
	free(g->todo);
	free(g->slots);
}

/* --- the policy ----------------------------------------------------------------- */

/* With --ci-target: 1 when the member has had enough reps: its median's 95%
 * CI is within the target, or its budget is spent. */
static int enough(const struct mb_run_opts *o, const struct slot *s)
{
	double w[MB_ADAPT_MAX];
	struct mb_stats st;

	if (o->budget_ns && s->spent_ns >= o->budget_ns)
		return 1;
	if (s->nv < 6)
		return 0;
	memcpy(w, s->v, s->nv * sizeof(*w));
	mb_stats_compute(w, s->nv, &st);
	return mb_stats_ci_within(&st, o->ci_target);
}

static int wants_rep(const struct mb_run_opts *o, const struct slot *s)
{
	if (s->out)
		return 0;
	if (s->reps < o->reps)
		return 1;
	if (!(o->ci_target > 0) || s->reps >= o->max_reps)
		return 0;
	return !enough(o, s);
}

static int wants_lat(const struct mb_run_opts *o, const struct slot *s)
{
	return !s->out && s->c->latency && s->lat_reps < o->lat_reps;
}

static uint64_t mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/* The round's order: a Fisher-Yates shuffle seeded by the run's seed, the
 * configuration and the round, so a rerun repeats it. */
static void shuffle(struct group *g, size_t n, int round)
{
	const struct mb_config *c = g->slots[0].c;
	uint64_t x = mix64(g->rn->opts->seed ^ mix64(c->file_size ^ mix64(c->block ^ mix64(
		(uint64_t)c->pattern << 32 | (uint64_t)c->cache << 16 | (uint64_t)c->threads))));

	x = mix64(x + (uint64_t)round);
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)((x = mix64(x)) % i);
		struct entry t = g->todo[i - 1];

		g->todo[i - 1] = g->todo[j];
		g->todo[j] = t;
	}
}

/* One repetition of entry e in round `round` (0: a warm-up). 0, or the
 * sink's error. */
static int run_entry(struct group *g, const struct entry *e, int round)
{
	const struct mb_run_opts *o = g->rn->opts;
	struct slot *s = e->s;
	int warm_up = round == 0, rep = warm_up ? 0 : (e->lat ? s->lat_reps : s->reps) + 1;
	uint64_t t0 = mb_now_ns();
	struct mb_row row;
	char why[sizeof(row.error)];
	int rc;

	if (file_changed(g, why, sizeof(why)))
		return file_gone(g, why);
	if (g->rn->on_rep)
		g->rn->on_rep(g->rn->ctx, s->c, rep, warm_up);
	mb_row_init(&row, g->rn, s->c, rep);
	row.round = round;
	rc = mb_rep_run(s->m, (e->lat ? MB_REP_LAT_TIMED : 0) | (o->drop_caches ? MB_REP_DROP_CACHES : 0) |
			MB_REP_CHECK_SUM, &row, g->hist);
	if (!warm_up) {
		s->spent_ns += mb_now_ns() - t0;
		if (e->lat)
			s->lat_reps++;
		else
			s->reps++;
	}
	if (rc > 0) { /* unsupported here: one row says so, no more reps */
		snprintf(why, sizeof(why), "%s", row.error);
		s->out = 1;
		return mb_run_unsupported(g->rn, s->c, why);
	}
	if (rc < 0 && file_changed(g, why, sizeof(why))) {
		size_t at = strlen(why);

		snprintf(why + at, sizeof(why) - at, " (%s)", row.error);
		snprintf(row.error, sizeof(row.error), "%s", why);
		s->out = 1;
		rc = emit_error(g, s->c, &row);
		why[at] = '\0'; /* the others: the cause only */
		return rc ? rc : file_gone(g, why);
	}
	if (rc) {
		if (warm_up) { /* a member that fails its warm-up is not measured */
			size_t at = strlen(row.error);

			snprintf(row.error + at, sizeof(row.error) - at, " (in warm-up)");
			s->out = 1;
		}
		return emit_error(g, s->c, &row);
	}
	if (warm_up)
		return 0;
	if (!e->lat && s->nv < MB_ADAPT_MAX && row.total_ns)
		s->v[s->nv++] = (double)row.bytes / 1048576.0 / ((double)row.total_ns / 1e9);
	return g->rn->sink(g->rn->ctx, s->c, &row, e->lat ? g->hist : NULL);
}

/* Interleaved: warm-up rounds, then rounds until no member wants more. */
static int run_rounds(struct group *g)
{
	const struct mb_run_opts *o = g->rn->opts;
	int rc = 0;

	for (int round = 1 - o->warmup; !rc && !mb_stop_requested; round++) {
		size_t n = 0;

		for (size_t i = 0; i < g->n; i++) {
			struct slot *s = &g->slots[i];

			if (round <= 0 ? !s->out : wants_rep(o, s))
				g->todo[n++] = (struct entry){.s = s, .lat = 0};
			if (round > 0 && wants_lat(o, s))
				g->todo[n++] = (struct entry){.s = s, .lat = 1};
		}
		if (!n && round > 0)
			break;
		shuffle(g, n, round);
		for (size_t i = 0; i < n && !rc && !mb_stop_requested; i++)
			if (!g->todo[i].s->out)
				rc = run_entry(g, &g->todo[i], round > 0 ? round : 0);
	}
	return rc;
}

/* Blocks (--order blocks): every repetition of one member, then the next;
 * a repetition's round is its number. */
static int run_blocks(struct group *g)
{
	const struct mb_run_opts *o = g->rn->opts;
	int rc = 0;

	for (size_t i = 0; i < g->n && !rc; i++) {
		struct slot *s = &g->slots[i];
		struct entry t = {.s = s, .lat = 0}, l = {.s = s, .lat = 1};

		for (int w = 0; w < o->warmup && !s->out && !rc && !mb_stop_requested; w++)
			rc = run_entry(g, &t, 0);
		while (!rc && !mb_stop_requested && wants_rep(o, s))
			rc = run_entry(g, &t, s->reps + 1);
		while (!rc && !mb_stop_requested && wants_lat(o, s))
			rc = run_entry(g, &l, s->lat_reps + 1);
	}
	return rc;
}

int mb_run_group(const struct mb_runner *rn, const struct mb_config *cs, size_t n)
{
	struct group g = {.rn = rn, .n = n};
	int rc;

	g.slots = calloc(n ? n : 1, sizeof(*g.slots));
	g.todo = calloc(n ? 2 * n : 1, sizeof(*g.todo));
	if (!g.slots || !g.todo) {
		free(g.slots);
		free(g.todo);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		g.slots[i].c = &cs[i];
	rc = group_open(&g);
	if (!rc)
		rc = rn->opts->order == MB_ORDER_BLOCKS ? run_blocks(&g) : run_rounds(&g);
	group_close(&g);
	return rc ? rc : g.errors;
}
