/* test_runner.c: the round policy and what stays outside the clock
 * (runner.c, repetition.c, workers.c, iobuf.c), seen through the trace seam
 * (trace.h) and the rows: buffers and the reference copy made and primed once
 * per configuration, before any timed region, whatever the number of
 * repetitions; threads created once, never inside a timed region; rounds that
 * interleave the members in shuffled orders (or blocks with --order blocks);
 * latency repetitions apart from throughput ones; a method's verify hook
 * between io and teardown. */
#include "unit.h"

#include "dataset.h"
#include "method.h"
#include "runner.h"
#include "trace.h"

#define NEV 4096

static struct {
	enum mb_trace_event ev[NEV];
	size_t n;
} tr;

static void record(enum mb_trace_event ev, const char *what)
{
	(void)what;
	if (tr.n < NEV)
		tr.ev[tr.n++] = ev;
}

#define MAXROWS 256

struct got {
	struct {
		char method[16];
		int rep, round, lat_timed, has_latency, measured;
		uint64_t start_ns;
		int64_t spread;
		char status[16];
	} row[MAXROWS];
	size_t n;
};

static int sink(void *ctx, const struct mb_config *c, const struct mb_row *r, const struct mb_hist *h)
{
	struct got *g = ctx;

	(void)c;
	assert_true(g->n < MAXROWS);
	snprintf(g->row[g->n].method, sizeof(g->row[g->n].method), "%s", r->method);
	snprintf(g->row[g->n].status, sizeof(g->row[g->n].status), "%s", r->status);
	if (strcmp(r->status, "ok"))
		fail_msg("%s rep %d: %s: %s", r->method, r->rep, r->status, r->error);
	g->row[g->n].rep = r->rep;
	g->row[g->n].round = r->round;
	g->row[g->n].lat_timed = r->lat_timed;
	g->row[g->n].has_latency = r->has_latency;
	g->row[g->n].start_ns = r->start_ns;
	g->row[g->n].spread = r->thread_start_spread_ns;
	/* a latency repetition comes with its histogram, a throughput one never */
	assert_int_equal(h != NULL, r->lat_timed);
	g->n++;
	return 0;
}

static struct mb_dataset ds;
static struct mb_env env;

static int setup(void **state)
{
	char err[512];
	int made;

	if (ut_tmpdir_setup(state))
		return -1;
	if (mb_dataset_ensure(ut_tmpdir(), 300 * 1024 + 5, 3, &ds, &made, err, sizeof(err))) {
		fprintf(stderr, "dataset: %s\n", err);
		return -1;
	}
	return 0;
}

/* Members pread (I/O buffer), mmap consume=copy (copy buffer), memread
 * (reference copy), on `threads` threads. */
static size_t members(struct mb_config *cs, int threads, int latency)
{
	static const char *const names[] = {"pread", "mmap", "memread"};

	for (size_t i = 0; i < 3; i++) {
		const struct mb_method *m = mb_method_find(names[i]);

		assert_non_null(m);
		cs[i] = (struct mb_config){.method = m, .pattern = latency ? MB_RAND : MB_SEQ,
					   .cache = m->caps & MB_CAP_FILE ? MB_CACHE_WARM : MB_CACHE_NA,
					   .advice = MB_ADV_NONE,
					   .consume = i == 1 ? MB_CONSUME_COPY : MB_CONSUME_SUM,
					   .file_size = ds.size, .block = 16384, .threads = threads,
					   .latency = latency, .qd = 1, .path = ds.path,
					   .expected = ds.checksum, .own_file = 1, .data_seed = 3, .item = i};
	}
	return 3;
}

static struct got *run(int reps, int warmup, int threads, int latency, enum mb_order order)
{
	struct mb_config cs[3];
	size_t n = members(cs, threads, latency);
	struct mb_run_opts o = {.reps = reps, .warmup = warmup, .lat_reps = latency ? 2 : 0,
				.seed = 11, .order = order, .env = &env, .run_id = "t"};
	struct got *g = calloc(1, sizeof(*g));
	struct mb_runner rn = {.opts = &o, .sink = sink, .ctx = g};

	assert_non_null(g);
	tr.n = 0;
	mb_trace_hook = record;
	assert_int_equal(mb_run_group(&rn, cs, n), 0);
	mb_trace_hook = NULL;
	return g;
}

static size_t count(enum mb_trace_event ev)
{
	size_t c = 0;

	for (size_t i = 0; i < tr.n; i++)
		c += tr.ev[i] == ev;
	return c;
}

/* Per-configuration work happens before the first timed region and never
 * inside one; timed regions do not nest. */
static void check_outside_clock(void)
{
	int inside = 0, seen_timed = 0;

	for (size_t i = 0; i < tr.n; i++) {
		switch (tr.ev[i]) {
		case MB_TRACE_TIMED_BEGIN:
			assert_false(inside);
			inside = seen_timed = 1;
			break;
		case MB_TRACE_TIMED_END:
			assert_true(inside);
			inside = 0;
			break;
		case MB_TRACE_THREAD_STOP:
			assert_false(inside);
			break;
		default: /* allocations, priming, the copy, thread starts */
			if (seen_timed)
				fail_msg("event %d (allocation, priming or thread start) after a timed region "
					 "began: it must be done once, before", (int)tr.ev[i]);
		}
	}
	assert_false(inside);
}

static void test_once_per_configuration(void **state)
{
	size_t alloc2, alloc6, prime2;
	struct got *g;

	(void)state;
	g = run(2, 1, 2, 0, MB_ORDER_ROUNDS);
	assert_int_equal(g->n, 3 * 2);
	check_outside_clock();
	alloc2 = count(MB_TRACE_BUF_ALLOC);
	prime2 = count(MB_TRACE_BUF_PRIMED);
	/* pread: one I/O buffer per worker; mmap copy: one copy buffer per worker */
	assert_int_equal(alloc2, 2 * 2);
	assert_int_equal(prime2, alloc2);
	assert_int_equal(count(MB_TRACE_REF_COPY), 1);
	assert_int_equal(count(MB_TRACE_REF_PRIMED), 1);
	assert_int_equal(count(MB_TRACE_THREAD_START), 1);
	assert_int_equal(count(MB_TRACE_THREAD_STOP), 1);
	/* 3 members x (1 warm-up + 2 reps) timed regions */
	assert_int_equal(count(MB_TRACE_TIMED_BEGIN), 3 * 3);
	free(g);

	g = run(6, 2, 2, 0, MB_ORDER_ROUNDS);
	assert_int_equal(g->n, 3 * 6);
	check_outside_clock();
	alloc6 = count(MB_TRACE_BUF_ALLOC);
	assert_int_equal(alloc6, alloc2);
	assert_int_equal(count(MB_TRACE_REF_COPY), 1);
	assert_int_equal(count(MB_TRACE_THREAD_START), 1);
	assert_int_equal(count(MB_TRACE_TIMED_BEGIN), 3 * 8);
	for (size_t i = 0; i < g->n; i++) {
		assert_true(g->row[i].spread >= 0); /* measured, 2 workers */
		assert_true(g->row[i].start_ns > 0);
	}
	free(g);
}

static int method_index(const char *m)
{
	return !strcmp(m, "pread") ? 0 : !strcmp(m, "mmap") ? 1 : 2;
}

static void test_rounds_interleave(void **state)
{
	struct got *g;
	char orders[8][4];
	size_t distinct = 0;

	(void)state;
	g = run(4, 1, 1, 0, MB_ORDER_ROUNDS);
	assert_int_equal(g->n, 3 * 4);
	/* rows come in time order: round k holds rep k of every member */
	for (size_t i = 0; i < g->n; i++) {
		int round = (int)(i / 3) + 1;

		assert_int_equal(g->row[i].round, round);
		assert_int_equal(g->row[i].rep, round);
		if (i)
			assert_true(g->row[i].start_ns > g->row[i - 1].start_ns);
		orders[i / 3][i % 3] = (char)('0' + method_index(g->row[i].method));
	}
	for (size_t k = 0; k < 4; k++) {
		size_t j;

		orders[k][3] = '\0';
		/* each member once per round */
		assert_true(strchr(orders[k], '0') && strchr(orders[k], '1') && strchr(orders[k], '2'));
		for (j = 0; j < k && strcmp(orders[j], orders[k]); j++)
			;
		distinct += j == k;
	}
	if (distinct < 2)
		fail_msg("every round ran the members in the same order (%s)", orders[0]);
	free(g);

	/* the same seed gives the same orders */
	g = run(4, 1, 1, 0, MB_ORDER_ROUNDS);
	for (size_t i = 0; i < g->n; i++)
		assert_int_equal(orders[i / 3][i % 3], '0' + method_index(g->row[i].method));
	free(g);

	/* blocks: every rep of one member, then the next */
	g = run(4, 1, 1, 0, MB_ORDER_BLOCKS);
	assert_int_equal(g->n, 3 * 4);
	for (size_t i = 0; i < g->n; i++) {
		assert_string_equal(g->row[i].method, g->row[i / 4 * 4].method);
		assert_int_equal(g->row[i].rep, (int)(i % 4) + 1);
		assert_int_equal(g->row[i].round, g->row[i].rep);
	}
	free(g);
}

static void test_latency_reps_apart(void **state)
{
	size_t lat = 0, thr = 0;
	struct got *g;

	(void)state;
	g = run(3, 1, 1, 1, MB_ORDER_ROUNDS);
	for (size_t i = 0; i < g->n; i++) {
		if (g->row[i].lat_timed) {
			lat++;
			assert_true(g->row[i].has_latency);
			assert_true(g->row[i].rep >= 1 && g->row[i].rep <= 2);
		} else {
			thr++;
			assert_false(g->row[i].has_latency); /* no per-operation clock */
		}
	}
	assert_int_equal(thr, 3 * 3);
	assert_int_equal(lat, 3 * 2); /* lat_reps 2 per member */
	/* latency reps run inside the first rounds, shuffled among the others */
	for (size_t i = 0; i < g->n; i++)
		if (g->row[i].lat_timed)
			assert_true(g->row[i].round <= 2);
	check_outside_clock();
	free(g);
}

/* Errors by code: a hook's -EOPNOTSUPP makes an unsupported row whatever its
 * message says; any other code an error row; and the first error of a
 * repetition sticks (a failing teardown after a failing io keeps the io's). */
static int fake_setup(struct mb_run *r)
{
	return mb_open_ro(r, 0);
}

static int fake_run_fails(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	(void)s;
	(void)csum;
	return mb_worker_failf(w, EIO, "the first error");
}

static int fake_teardown_fails(struct mb_run *r)
{
	mb_close_fd(r);
	return mb_run_failf(r, EBADF, "a later error");
}

static int fake_setup_unsupported(struct mb_run *r)
{
	return mb_run_failf(r, EOPNOTSUPP, "no such thing here");
}

static int fake_teardown(struct mb_run *r)
{
	return mb_close_fd(r);
}

static const struct mb_method fake_fails = {
	.name = "fake-fails", .desc = "test", .caps = MB_CAP_FILE | MB_CAP_FD,
	.advice_mask = MB_ADVICE_NONE_ONLY, .consume_mask = MB_CONSUME_SUM_ONLY,
	.setup = fake_setup, .run = fake_run_fails, .teardown = fake_teardown_fails,
};
static const struct mb_method fake_unsupported = {
	.name = "fake-unsupported", .desc = "test", .caps = MB_CAP_FILE | MB_CAP_FD,
	.advice_mask = MB_ADVICE_NONE_ONLY, .consume_mask = MB_CONSUME_SUM_ONLY,
	.setup = fake_setup_unsupported, .run = fake_run_fails, .teardown = fake_teardown,
};

struct seen {
	char status[4][16], error[4][sizeof(((struct mb_row *)0)->error)];
	size_t n;
};

static int record_row(void *ctx, const struct mb_config *c, const struct mb_row *r, const struct mb_hist *h)
{
	struct seen *s = ctx;

	(void)c;
	(void)h;
	if (s->n < 4) {
		snprintf(s->status[s->n], sizeof(s->status[0]), "%s", r->status);
		snprintf(s->error[s->n], sizeof(s->error[0]), "%s", r->error);
		s->n++;
	}
	return 0;
}

static void test_errors_by_code(void **state)
{
	struct mb_config cs[3];
	struct mb_run_opts o = {.reps = 1, .warmup = 0, .seed = 1, .env = &env, .run_id = "t"};
	struct seen seen = {.n = 0};
	struct mb_runner rn = {.opts = &o, .sink = record_row, .ctx = &seen};

	(void)state;
	members(cs, 1, 0);
	cs[0].method = &fake_fails;
	cs[1] = cs[0];
	cs[1].method = &fake_unsupported;
	assert_int_equal(mb_run_group(&rn, cs, 2), 1); /* one error row */
	assert_int_equal(seen.n, 2);
	for (size_t i = 0; i < 2; i++) {
		if (!strcmp(seen.status[i], "error"))
			assert_string_equal(seen.error[i], "the first error");
		else {
			assert_string_equal(seen.status[i], "unsupported");
			assert_string_equal(seen.error[i], "no such thing here");
		}
	}
}

/* The verify hook (method.h): called once per repetition after the io and
 * before the teardown; what it gives is the row's checksum and expected
 * checksum; a mismatch is an error row, -EOPNOTSUPP an unsupported one, and
 * the teardown runs either way. */
static int vstage; /* 1 after io, 2 after verify, 3 after teardown */

static int fake_v_setup(struct mb_run *r)
{
	(void)r;
	vstage = 0;
	return 0;
}

static int fake_v_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	(void)w;
	(void)s;
	*csum += 7;
	vstage = 1;
	return 0;
}

static int fake_v_teardown(struct mb_run *r)
{
	(void)r;
	assert_int_equal(vstage, 2);
	vstage = 3;
	return 0;
}

/* opt[0]: 0 agree, 1 disagree, 2 unsupported. */
static int fake_verify(struct mb_run *r, uint64_t *csum, uint64_t *expected)
{
	assert_int_equal(vstage, 1);
	vstage = 2;
	assert_int_equal(*csum, 7); /* the io's */
	*csum = 42;
	*expected = r->opt[0] == 1 ? 43 : 42;
	return r->opt[0] == 2 ? mb_run_failf(r, EOPNOTSUPP, "off here") : 0;
}

static const struct mb_method fake_verified = {
	.name = "fake-verified", .desc = "test", .caps = 0,
	.advice_mask = MB_ADVICE_NONE_ONLY, .consume_mask = MB_CONSUME_SUM_ONLY,
	.setup = fake_v_setup, .run = fake_v_run, .teardown = fake_v_teardown, .verify = fake_verify,
};

static int record_sum(void *ctx, const struct mb_config *c, const struct mb_row *r, const struct mb_hist *h)
{
	struct mb_row *out = ctx;

	(void)c;
	(void)h;
	*out = *r;
	return 0;
}

static void test_verify_hook(void **state)
{
	static const char *const status[] = {"ok", "error", "unsupported"};
	struct mb_config cs[3];
	struct mb_run_opts o = {.reps = 1, .warmup = 0, .seed = 1, .env = &env, .run_id = "t"};
	struct mb_row row;
	struct mb_runner rn = {.opts = &o, .sink = record_sum, .ctx = &row};

	(void)state;
	for (uint64_t k = 0; k < 3; k++) {
		members(cs, 1, 0);
		cs[0].method = &fake_verified;
		cs[0].cache = MB_CACHE_NA;
		cs[0].opt[0] = k;
		memset(&row, 0, sizeof(row));
		assert_int_equal(mb_run_group(&rn, cs, 1), k == 1);
		assert_int_equal(vstage, 3);
		assert_string_equal(row.status, status[k]);
		if (k == 2) {
			assert_string_equal(row.error, "off here");
			continue;
		}
		assert_int_equal(row.checksum, 42);
		assert_int_equal(row.expected_checksum, k ? 43 : 42);
	}
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_once_per_configuration),
		cmocka_unit_test(test_rounds_interleave),
		cmocka_unit_test(test_latency_reps_apart),
		cmocka_unit_test(test_errors_by_code),
		cmocka_unit_test(test_verify_hook),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, setup, ut_tmpdir_teardown);
}
