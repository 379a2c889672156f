/* test_timeline.c: the chunked io of --duration and --timeline
 * (src/measure/timeline.c): chunk sizes, chunks that cover a slice exactly
 * once in its order, interval boundaries, intervals that take differences
 * and merge when full, and mb_tl_io with a stand-in method: one pass without
 * a duration, wrap-around passes with one, intervals that sum to the work,
 * and a later pass that reads other bytes caught as an error. */
#include "unit.h"

#include "method.h"
#include "timeline.h"
#include "checksum.h"
#include "dataset.h"

static void chunk_sizes(void **state)
{
	(void)state;
	assert_int_equal(mb_tl_chunk_blocks(4096), 256);
	assert_int_equal(mb_tl_chunk_blocks(128 << 10), 64);
	assert_int_equal(mb_tl_chunk_blocks(1 << 20), 64);
	assert_int_equal(mb_tl_chunk_blocks(3000), 350); /* ceil(1 MiB / 3000) */
	assert_int_equal(mb_tl_chunk_blocks(1), 1 << 20);
}

/* The chunks of s, item by item, are s's items in order, each once. */
static void chunks_cover_slice(void **state)
{
	static const struct mb_slice slices[] = {
		{.first = 0, .count = 0, .stride = 1}, {.first = 0, .count = 1, .stride = 1},
		{.first = 5, .count = 64, .stride = 1}, {.first = 1, .count = 65, .stride = 3},
		{.first = 2, .count = 1000, .stride = 2}, {.first = 0, .count = 127, .stride = 1},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(slices) / sizeof(slices[0]); i++) {
		const struct mb_slice *s = &slices[i];
		uint64_t n = 64, k = 0, nc = mb_tl_nchunks(s, n);

		assert_int_equal(nc, (s->count + 63) / 64);
		for (uint64_t c = 0; c < nc; c++) {
			struct mb_slice sub = mb_tl_chunk(s, n, c);

			assert_true(sub.count > 0 && sub.count <= n);
			assert_int_equal(sub.stride, s->stride);
			for (uint64_t j = 0; j < sub.count; j++, k++)
				assert_int_equal(sub.first + j * sub.stride, s->first + k * s->stride);
		}
		assert_int_equal(k, s->count);
		assert_int_equal(mb_tl_chunk(s, n, nc).count, 0);
	}
}

static void next_mark(void **state)
{
	(void)state;
	assert_int_equal(mb_tl_next_mark(100, 10, 100), 110);
	assert_int_equal(mb_tl_next_mark(100, 10, 109), 110);
	assert_int_equal(mb_tl_next_mark(100, 10, 110), 120);
	assert_int_equal(mb_tl_next_mark(100, 10, 135), 140); /* boundaries skipped: no empty interval */
	assert_int_equal(mb_tl_next_mark(100, 10, 50), 110);
	assert_true(mb_tl_next_mark(100, 0, 100) == UINT64_MAX);
	assert_int_equal(mb_tl_capacity(&(struct mb_tl_spec){.duration_ns = 0, .interval_ns = 1}),
			 MB_TL_MIN_INTERVALS);
	assert_int_equal(mb_tl_capacity(&(struct mb_tl_spec){.duration_ns = 10000, .interval_ns = 1}),
			 20016);
}

static struct mb_tl_interval totals(uint64_t blocks, int64_t majflt)
{
	return (struct mb_tl_interval){.blocks = blocks, .calls = 0, .bytes = blocks * 10,
				       .majflt = majflt, .dev_read_bytes = -1};
}

static void intervals_take_differences(void **state)
{
	struct mb_tl_interval iv[2], now;
	struct mb_tl_worker tw = {.iv = iv, .cap = 2};

	(void)state;
	tw.at = totals(0, 5);
	now = totals(7, 6);
	mb_tl_close(&tw, 100, &now);
	assert_int_equal(tw.n, 1);
	assert_int_equal(iv[0].t_end, 100);
	assert_int_equal(iv[0].blocks, 7);
	assert_int_equal(iv[0].bytes, 70);
	assert_int_equal(iv[0].majflt, 1);
	assert_int_equal(iv[0].dev_read_bytes, -1);
	now = totals(10, 6);
	mb_tl_close(&tw, 200, &now);
	/* full: the last interval takes the rest, and the sums still hold */
	now = totals(15, 9);
	mb_tl_close(&tw, 300, &now);
	assert_int_equal(tw.n, 2);
	assert_int_equal(iv[1].t_end, 300);
	assert_int_equal(iv[1].blocks, 8);
	assert_int_equal(iv[0].blocks + iv[1].blocks, 15);
	assert_int_equal(iv[1].majflt, 3);
}

/* A stand-in method: the checksum of planned block b is b + 1, except on
 * calls past `bad_after` (if set), where it is off by one. */
static uint64_t calls, bad_after;

static int fake_run(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum)
{
	const struct mb_plan *p = w->run->plan;

	calls++;
	for (uint64_t k = 0; k < s->count; k++)
		*csum += mb_plan_offset(p, s->first + k * s->stride) / p->block + 1;
	if (bad_after && calls > bad_after)
		*csum += 1;
	return 0;
}

static const struct mb_method fake = {.name = "fake", .run = fake_run};

struct fixture {
	struct mb_plan plan;
	struct mb_run r;
	struct mb_worker w;
	struct mb_slice s;
	struct mb_tl_worker tw;
};

static void fixture_open(struct fixture *f, uint64_t nblocks, const struct mb_tl_spec *sp)
{
	memset(f, 0, sizeof(*f));
	assert_int_equal(mb_plan_init(&f->plan, MB_RAND, nblocks * 4096 - 100, 4096, 3, 1), 0);
	f->r = (struct mb_run){.method = &fake, .plan = &f->plan, .nworkers = 1, .fd = -1};
	f->w = (struct mb_worker){.run = &f->r, .id = 0};
	f->s = mb_plan_all(&f->plan);
	assert_int_equal(mb_tl_worker_open(&f->tw, &f->plan, &f->s, sp, 0), 0);
	calls = bad_after = 0;
}

static void fixture_close(struct fixture *f)
{
	mb_tl_worker_close(&f->tw);
	mb_plan_free(&f->plan);
}

static uint64_t sum_blocks(const struct mb_tl_worker *tw)
{
	uint64_t n = 0;

	for (size_t i = 0; i < tw->n; i++) {
		assert_true(tw->iv[i].t_end >= (i ? tw->iv[i - 1].t_end : tw->t_begin));
		n += tw->iv[i].blocks;
	}
	return n;
}

static void one_pass_without_duration(void **state)
{
	struct mb_tl_spec sp = {.duration_ns = 0, .interval_ns = 1000};
	struct fixture f;
	uint64_t csum = 0, n = 600;

	(void)state;
	fixture_open(&f, n, &sp);
	assert_int_equal(mb_tl_io(&f.tw, &f.w, &f.s, &sp, &csum), 0);
	assert_int_equal(csum, n * (n + 1) / 2);
	assert_int_equal(f.tw.passes, 1);
	assert_int_equal(f.tw.blocks, n);
	assert_int_equal(f.tw.bytes, n * 4096 - 100);
	assert_int_equal(calls, 3); /* 256 + 256 + 88 */
	assert_true(f.tw.n >= 1);
	assert_int_equal(sum_blocks(&f.tw), n);
	fixture_close(&f);
}

static void duration_wraps_around(void **state)
{
	struct mb_tl_spec sp = {.duration_ns = 20000000, .interval_ns = 2000000};
	struct fixture f;
	uint64_t csum = 0, n = 300;

	(void)state;
	fixture_open(&f, n, &sp);
	assert_int_equal(mb_tl_io(&f.tw, &f.w, &f.s, &sp, &csum), 0);
	/* the checksum is the first pass's: the plan's */
	assert_int_equal(csum, n * (n + 1) / 2);
	assert_true(f.tw.passes >= 1);
	assert_true(f.tw.t_end - f.tw.t_begin >= sp.duration_ns);
	assert_true(f.tw.blocks >= f.tw.passes * n && f.tw.blocks < (f.tw.passes + 1) * n);
	/* chunks of 256 and 44 blocks, alternating */
	assert_int_equal(f.tw.blocks, calls / 2 * n + calls % 2 * 256);
	assert_int_equal(sum_blocks(&f.tw), f.tw.blocks);
	assert_true(f.tw.n >= 2);
	fixture_close(&f);
}

static void later_pass_misread_is_caught(void **state)
{
	struct mb_tl_spec sp = {.duration_ns = 1000000000, .interval_ns = 0};
	struct fixture f;
	uint64_t csum = 0;

	(void)state;
	fixture_open(&f, 300, &sp);
	bad_after = 3; /* pass 1: calls 1-2; pass 2: call 3 good, call 4 reads wrong */
	assert_int_equal(mb_tl_io(&f.tw, &f.w, &f.s, &sp, &csum), -EIO);
	assert_non_null(strstr(f.w.err, "checksum of chunk 1"));
	assert_non_null(strstr(f.w.err, "pass 2"));
	assert_int_equal(calls, 4);
	fixture_close(&f);
}

/* A 1 ns duration: without early_ok one whole pass still runs; with it the
 * worker stops after its first chunk, and mb_tl_expected gives what the
 * dataset generator's bytes of that chunk's blocks sum to, under sum and
 * under touch (the first byte of each page), computed here independently. */
static void early_end_and_expected(void **state)
{
	struct mb_tl_spec sp = {.duration_ns = 1, .interval_ns = 0};
	struct fixture f;
	uint64_t csum = 0, want_sum = 0, want_touch = 0, seed = 7;
	unsigned char *buf = malloc(4096);

	(void)state;
	assert_non_null(buf);
	fixture_open(&f, 600, &sp);
	assert_int_equal(mb_tl_io(&f.tw, &f.w, &f.s, &sp, &csum), 0);
	assert_int_equal(f.tw.passes, 1);
	assert_false(mb_tl_partial(&f.tw));
	fixture_close(&f);

	fixture_open(&f, 600, &sp);
	f.tw.early_ok = 1;
	csum = 0;
	assert_int_equal(mb_tl_io(&f.tw, &f.w, &f.s, &sp, &csum), 0);
	assert_int_equal(f.tw.passes, 0);
	assert_int_equal(f.tw.first_chunks, 1);
	assert_int_equal(f.tw.blocks, 256);
	assert_true(mb_tl_partial(&f.tw));
	for (uint64_t k = 0; k < 256; k++) {
		uint64_t off = mb_plan_offset(&f.plan, f.s.first + k * f.s.stride);
		size_t len = (size_t)mb_plan_len(&f.plan, off);

		mb_dataset_fill(seed, off, buf, len);
		want_sum += mb_csum(off, buf, len);
		want_touch += mb_csum_byte(off, buf[0]); /* blocks are pages here */
	}
	assert_int_equal(mb_tl_expected(&f.tw, &f.plan, &f.s, seed, MB_CONSUME_SUM, buf), want_sum);
	assert_int_equal(mb_tl_expected(&f.tw, &f.plan, &f.s, seed, MB_CONSUME_TOUCH, buf), want_touch);
	assert_true(mb_tl_expected(&f.tw, &f.plan, &f.s, seed + 1, MB_CONSUME_SUM, buf) != want_sum);
	fixture_close(&f);
	free(buf);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(chunk_sizes),
		cmocka_unit_test(chunks_cover_slice),
		cmocka_unit_test(next_mark),
		cmocka_unit_test(intervals_take_differences),
		cmocka_unit_test(one_pass_without_duration),
		cmocka_unit_test(duration_wraps_around),
		cmocka_unit_test(later_pass_misread_is_caught),
		cmocka_unit_test(early_end_and_expected),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
