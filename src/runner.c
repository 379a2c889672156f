/* runner.c: runs one configuration: cache state, timed phases, accounting,
 * checksum verification, one row per repetition (see runner.h). */
#include "runner.h"
#include "account.h"
#include "residency.h"
#include "util.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

const char *mb_cache_name(enum mb_cache c)
{
	return c == MB_CACHE_WARM ? "warm" : c == MB_CACHE_COLD ? "cold" : "";
}

int mb_cache_parse(const char *name, enum mb_cache *out)
{
	if (!strcmp(name, "warm"))
		*out = MB_CACHE_WARM;
	else if (!strcmp(name, "cold"))
		*out = MB_CACHE_COLD;
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
	row->advice = "none";
	row->consume = "sum";
	row->op = "read";
	row->pattern = mb_pattern_name(c->pattern);
	row->cache = mb_cache_name(c->cache);
	row->file_size = c->file_size;
	row->block = c->block;
	row->threads = 1;
	row->rep = rep;
	row->resident_before_pct = NAN;
	row->resident_after_pct = NAN;
	row->status = "ok";
	row->seed = rn->opts->seed;
	row->file = c->path;
	row->expected_checksum = c->expected;
	row->has_expected = 1;
	row->has_data_seed = c->own_file;
	row->data_seed = c->data_seed;
	mb_row_stamp(row);
}

/* Brings the file to the configured state and checks it with mincore.
 * 0, or -1 with the reason in err. */
static int set_cache_state(const struct mb_runner *rn, const struct mb_config *c, double *pct,
			   char *err, size_t errlen)
{
	char e2[300];
	int rc = 0;

	*pct = NAN;
	if (c->cache == MB_CACHE_NA)
		return 0;
	for (int attempt = 0; attempt < 2; attempt++) {
		if (c->cache == MB_CACHE_COLD)
			rc = mb_cache_evict(c->path, c->own_file, rn->opts->drop_caches, e2, sizeof(e2));
		else if (attempt || !(mb_resident_pct_path(c->path, pct) == 0 && *pct >= 100.0))
			rc = mb_cache_fill(c->path, e2, sizeof(e2));
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
		if (c->cache == MB_CACHE_COLD ? *pct <= MB_COLD_MAX_PCT : *pct >= 100.0)
			return 0;
	}
	if (c->cache == MB_CACHE_COLD)
		snprintf(err, errlen, "cold state not reached: %.2f%% of %s still resident after "
			 "posix_fadvise(DONTNEED) (mapped or dirty elsewhere?)", *pct, c->path);
	else
		snprintf(err, errlen, "warm state not reached: only %.2f%% of %s resident after "
			 "reading it (memory pressure?)", *pct, c->path);
	return -1;
}

/* The timed part. Returns 0 or -errno with r->err set. */
static int timed_phases(struct mb_run *r, struct mb_row *row, uint64_t *csum)
{
	struct mb_acct a0, a1;
	struct mb_slice all = mb_plan_all(r->plan);
	uint64_t t0, t1, t2, t3;
	int rc, trc;

	*csum = 0;
	mb_acct_snap(&a0);
	t0 = mb_now_ns();
	rc = r->method->setup(r);
	t1 = mb_now_ns();
	if (rc)
		return rc;
	rc = r->method->run(r, &all, csum);
	t2 = mb_now_ns();
	trc = r->method->teardown(r);
	t3 = mb_now_ns();
	mb_acct_snap(&a1);
	if (rc || trc)
		return rc ? rc : trc;
	row->measured = 1;
	row->setup_ns = t1 - t0;
	row->io_ns = t2 - t1;
	row->teardown_ns = t3 - t2;
	row->total_ns = t3 - t0;
	row->ops = r->plan->nblocks;
	row->bytes = r->file_size;
	mb_acct_diff(&a0, &a1, &row->acct);
	return 0;
}

/* One repetition into *row. Returns 0 (ok) or -1 (row is an error row). */
static int one_rep(const struct mb_runner *rn, const struct mb_config *c, const struct mb_plan *plan,
		   struct mb_row *row)
{
	struct mb_run r = {.method = c->method, .path = c->path, .file_size = c->file_size,
			   .plan = plan, .fd = -1};
	uint64_t csum;
	int rc;

	if (c->method->prepare && c->method->prepare(&r)) {
		snprintf(row->error, sizeof(row->error), "%s", r.err);
		return -1;
	}
	rc = set_cache_state(rn, c, &row->resident_before_pct, row->error, sizeof(row->error));
	if (!rc) {
		rc = timed_phases(&r, row, &csum);
		if (rc)
			snprintf(row->error, sizeof(row->error), "%s", r.err);
	}
	if (c->method->unprepare)
		c->method->unprepare(&r);
	if (rc)
		return -1;
	if (c->cache != MB_CACHE_NA)
		mb_resident_pct_path(c->path, &row->resident_after_pct);
	row->has_checksum = 1;
	row->checksum = csum;
	if (csum != c->expected) {
		snprintf(row->error, sizeof(row->error),
			 "checksum %016" PRIx64 " != expected %016" PRIx64 ": bytes skipped or misread",
			 csum, c->expected);
		return -1;
	}
	return 0;
}

static int emit_error(const struct mb_runner *rn, struct mb_row *row)
{
	row->status = "error";
	mb_warn("%s: %s", row->method, row->error);
	return rn->sink(rn->ctx, row);
}

int mb_run_config(const struct mb_runner *rn, const struct mb_config *c)
{
	const struct mb_run_opts *o = rn->opts;
	struct mb_plan plan;
	struct mb_row row;
	int errors = 0, rc = 0;

	row_init(&row, rn, c, 0);
	rc = mb_plan_init(&plan, c->pattern, c->file_size, c->block, o->seed);
	if (rc) {
		snprintf(row.error, sizeof(row.error), "planning offsets: %s", strerror(-rc));
		rc = emit_error(rn, &row);
		return rc ? rc : 1;
	}
	/* warm: cached the way a sequential reader caches it, once per configuration */
	if (c->cache == MB_CACHE_WARM) {
		char e2[300];

		if (mb_cache_evict(c->path, c->own_file, 0, e2, sizeof(e2)) ||
		    mb_cache_fill(c->path, e2, sizeof(e2)))
			mb_warn("%s: warming %s: %s", c->method->name, c->path, e2);
	}
	for (int i = 0; i < o->warmup + o->reps && !mb_stop_requested; i++) {
		int warm_up = i < o->warmup, rep = warm_up ? 0 : i - o->warmup + 1;

		if (rn->on_rep)
			rn->on_rep(rn->ctx, c, warm_up ? i : rep, warm_up);
		row_init(&row, rn, c, rep);
		if (one_rep(rn, c, &plan, &row)) {
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
		if (!warm_up && (rc = rn->sink(rn->ctx, &row)))
			break;
	}
	mb_plan_free(&plan);
	return rc ? rc : errors;
}

int mb_run_unsupported(const struct mb_runner *rn, const struct mb_config *c, const char *why)
{
	struct mb_row row;

	row_init(&row, rn, c, 1);
	row.status = "unsupported";
	snprintf(row.error, sizeof(row.error), "%s", why);
	return rn->sink(rn->ctx, &row);
}
