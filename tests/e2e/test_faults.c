/* test_faults.c: end-to-end, the fault-cost methods through the real
 * binary, their CSV read back with mapbench's libcsv reader:
 *
 * - `mapbench methods` lists fault, anon-read (read) and anon-write (write),
 *   each of one consume mode (touch) and the page-size block;
 * - each runs ok and verifies on files of 0, 1, 4096 and 1048699 bytes, seq
 *   and rand, 1 and 2 threads, advice none, map-populate and hugepage
 *   (unsupported with a reason where THP is off): one page per operation
 *   (ops = pages), consume touch, checksums computed here independently
 *   (fault: the file's first byte of every page; anon-read: zero bytes at
 *   those positions; anon-write: the byte it stores at each page start); a
 *   block other than the page size is skipped with one notice;
 * - fault is mmap --consume touch --block <page size>: the same checksums;
 * - anon-read faults once per page (none, map-populate: MAP_POPULATE's
 *   faults are minor faults of the caller, taken inside mmap(2)); anon-write
 *   at most once per page;
 * - fault in warm-4k takes fewer minor faults than pages where fault-around
 *   is on (skipped, saying why, where that cannot be verified).
 *
 * Only what is certain is asserted: fault counts, never a time. */
#include "e2e.h"

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <cmocka.h>

#include "checksum.h"

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#define ODD 1048699ull /* 1 MiB + 123: a short last page */

static char page_s[32]; /* the page size in bytes, the only block these methods take */
static uint64_t page;

/* --- rows ----------------------------------------------------------------- */

static const char *what(const struct mb_csv_table *t, size_t r)
{
	static char buf[384];

	snprintf(buf, sizeof(buf), "line %zu: %s advice=%s %s cache=%s size=%s threads=%s lat_timed=%s",
		 t->lines[r], e2e_cell(t, r, "method"), e2e_cell(t, r, "advice"), e2e_cell(t, r, "pattern"),
		 e2e_cell(t, r, "cache"), e2e_cell(t, r, "file_size_bytes"), e2e_cell(t, r, "threads"),
		 e2e_cell(t, r, "lat_timed"));
	return buf;
}

static uint64_t num(const struct mb_csv_table *t, size_t r, const char *col)
{
	const char *s = e2e_cell(t, r, col);

	if (e2e_numeric(s) != 1 || *s == '-')
		fail_msg("%s: %s = '%s' is not a non-negative integer", what(t, r), col, s);
	return strtoull(s, NULL, 10);
}

static uint64_t pages_of(uint64_t size)
{
	return (size + page - 1) / page;
}

/* mapbench run --dir <e2e_tmp/ds> --out <e2e_tmp/name.csv> --quiet extra...,
 * which must exit 0. Free with e2e_result_free. */
#define RUN_MB(res, name, out, ...)                                                                 \
	do {                                                                                       \
		E2E_RUN_MB((res), NULL, (name), (out), "--quiet", __VA_ARGS__);                    \
		e2e_expect_exit((res), 0, (name));                                                 \
	} while (0)

/* The consume=touch checksum of size bytes, byte(offset) at each page start. */
static uint64_t touch_sum(uint64_t size, unsigned (*byte)(uint64_t, const void *), const void *ctx)
{
	uint64_t sum = 0;

	for (uint64_t o = 0; o < size; o += page)
		sum += mb_csum_byte(o, (unsigned char)byte(o, ctx));
	return sum;
}

static unsigned zero_byte(uint64_t off, const void *ctx)
{
	(void)off;
	(void)ctx;
	return 0;
}

/* What anon-write stores at each page start: (offset / 4 KiB) mod 255 + 1. */
static unsigned stored_byte(uint64_t off, const void *ctx)
{
	(void)ctx;
	return (unsigned)((off >> 12) % 255 + 1);
}

static unsigned file_byte(uint64_t off, const void *ctx)
{
	return ((const unsigned char *)ctx)[off];
}

/* The checksum row r must have, computed here as 16 hex digits. */
static void want_checksum(const struct mb_csv_table *t, size_t r, char out[17])
{
	uint64_t size = num(t, r, "file_size_bytes"), sum;

	if (e2e_is(t, r, "method", "fault")) {
		size_t len;
		unsigned char *buf = e2e_read_file(e2e_cell(t, r, "file"), &len);

		assert_non_null(buf);
		assert_int_equal(len, size);
		sum = touch_sum(size, file_byte, buf);
		e2e_free(buf);
	} else {
		sum = touch_sum(size, e2e_is(t, r, "method", "anon-write") ? stored_byte : zero_byte, NULL);
	}
	snprintf(out, 17, "%016" PRIx64, sum);
}

/* The first line of a sysfs or debugfs file (whose size stat does not
 * tell) into buf: 0, or -1 when it cannot be read. */
static int read_line(const char *path, char *buf, int len)
{
	FILE *f = fopen(path, "r");
	int ok = f && fgets(buf, len, f) != NULL;

	if (f)
		fclose(f);
	return ok ? 0 : -1;
}

/* 1 if transparent huge pages are off (or absent) here. */
static int thp_never(void)
{
	char mode[128];

	return read_line("/sys/kernel/mm/transparent_hugepage/enabled", mode, sizeof(mode)) ||
	       strstr(mode, "[never]") != NULL;
}

/* --- listed ----------------------------------------------------------------- */

static void test_listed(void **state)
{
	static const char *const names[] = {"fault", "anon-read", "anon-write"};
	struct e2e_result res;

	(void)state;
	E2E_RUN(&res, NULL, "methods");
	e2e_expect_exit(&res, 0, "mapbench methods");
	for (size_t i = 0; i < 3; i++) {
		char head[32];
		const char *p;

		e2e_fmt(head, sizeof(head), "\n%s ", names[i]);
		p = strstr(res.out, head);
		if (!p)
			fail_msg("mapbench methods does not list %s:\n%s", names[i], res.out);
		p = strchr(p + 1, '\n');
		assert_non_null(p);
		if (strncmp(strstr(p, "consume: "), "consume: touch;", 15) ||
		    !strstr(p, "block: the page size"))
			fail_msg("%s: want consume touch only and the page-size block:\n%.200s", names[i], p);
	}
	/* anon-write is a write method: after the write heading */
	assert_true(strstr(res.out, "\nanon-write ") > strstr(res.out, "(--op write)"));
	assert_true(strstr(res.out, "\nanon-read ") < strstr(res.out, "(--op write)"));
	e2e_result_free(&res);
}

/* --- every size ------------------------------------------------------------- */

static const char *const sizes_s[] = {"0", "1", "4096", "1048699"};
static const char *const patterns[] = {"seq", "rand"};
static const char *const advices[] = {"none", "map-populate", "hugepage"};

/* Every row of a run of fault, anon-read or anon-write over sizes_s. */
static void check_rows(const struct mb_csv_table *t, int never)
{
	for (size_t r = 0; r < t->nrows; r++) {
		char want[17];
		int anon = !e2e_is(t, r, "method", "fault");

		if (e2e_is(t, r, "status", "unsupported")) {
			/* only hugepage where THP is off, saying so */
			if (!never || !e2e_is(t, r, "advice", "hugepage") ||
			    !strstr(e2e_cell(t, r, "error"), "transparent huge pages"))
				fail_msg("%s: unsupported: %s", what(t, r), e2e_cell(t, r, "error"));
			continue;
		}
		if (!e2e_is(t, r, "status", "ok"))
			fail_msg("%s: status %s: %s", what(t, r), e2e_cell(t, r, "status"),
				 e2e_cell(t, r, "error"));
		assert_string_equal(e2e_cell(t, r, "consume"), "touch");
		assert_string_equal(e2e_cell(t, r, "block_size_bytes"), page_s);
		assert_int_equal(num(t, r, "bytes"), num(t, r, "file_size_bytes"));
		if (num(t, r, "ops") != pages_of(num(t, r, "file_size_bytes")))
			fail_msg("%s: ops %s, want one per page", what(t, r), e2e_cell(t, r, "ops"));
		/* anonymous memory: no cache state, no target; the file's only for fault */
		if (anon ? !e2e_is(t, r, "cache", "") || !e2e_is(t, r, "target", "")
			 : !e2e_is(t, r, "cache", "warm") && !e2e_is(t, r, "cache", "cold"))
			fail_msg("%s: cache '%s', target '%s'", what(t, r), e2e_cell(t, r, "cache"),
				 e2e_cell(t, r, "target"));
		if (e2e_is(t, r, "method", "anon-write"))
			assert_string_equal(e2e_cell(t, r, "sync"), "none");
		want_checksum(t, r, want);
		if (!e2e_is(t, r, "expected_checksum", want) || !e2e_is(t, r, "checksum", want))
			fail_msg("%s: checksum %s, expected_checksum %s, computed here %s", what(t, r),
				 e2e_cell(t, r, "checksum"), e2e_cell(t, r, "expected_checksum"), want);
	}
}

/* Rows of method m with this size, pattern, advice, thread count and cache. */
static size_t count_rows(const struct mb_csv_table *t, const char *m, const char *size,
			 const char *pattern, const char *advice, uint64_t threads, const char *cache)
{
	size_t got = 0;

	for (size_t r = 0; r < t->nrows; r++)
		got += e2e_is(t, r, "method", m) && e2e_is(t, r, "file_size_bytes", size) &&
		       e2e_is(t, r, "pattern", pattern) && e2e_is(t, r, "advice", advice) &&
		       num(t, r, "threads") == threads && e2e_is(t, r, "cache", cache);
	return got;
}

/* Rows of method m for every size, pattern, thread count, advice and cache
 * state (file: warm and cold; else none): reps each, and as many latency
 * reps for rand; one unsupported row for hugepage where THP is off. */
static void check_present(const struct mb_csv_table *t, const char *m, int file)
{
	static const char *const caches[] = {"warm", "cold"}, *const none[] = {""};
	const char *const *cs = file ? caches : none;

	for (size_t i = 0; i < 4 * 2 * 3 * 2 * (file ? 2u : 1u); i++) {
		size_t s = i % 4, p = i / 4 % 2, a = i / 8 % 3, th = i / 24 % 2 + 1, c = i / 48;
		size_t got = count_rows(t, m, sizes_s[s], patterns[p], advices[a], th, cs[c]);
		size_t want = p ? 4 : 2;

		if (got != want && !(got == 1 && !strcmp(advices[a], "hugepage")))
			fail_msg("%s %s size %s advice %s threads %zu cache '%s': %zu rows, want %zu", m,
				 patterns[p], sizes_s[s], advices[a], th, cs[c], got, want);
	}
}

static void test_every_size(void **state)
{
	char out[PATH_MAX], skip[96], bs2[32];
	struct e2e_result res;
	struct mb_csv_table *t;
	int never = thp_never();

	(void)state;
	e2e_fmt(bs2, sizeof(bs2), "%s,128K", page_s);
	RUN_MB(&res, "sizes-read", out, "--method", "fault,anon-read", "--pattern", "seq,rand", "--cache",
	       "warm,cold", "--size", "0,1,4K,1048699", "--block", bs2, "--threads", "1,2", "--advice",
	       "none,map-populate,hugepage", "--reps", "2", "--warmup", "1");
	e2e_fmt(skip, sizeof(skip), "skipped: block 128K does not apply to: fault, anon-read");
	if (!strstr(res.err, skip))
		fail_msg("want '%s' on stderr:\n%s", skip, res.err);
	t = e2e_load(out);
	check_rows(t, never);
	check_present(t, "fault", 1);
	check_present(t, "anon-read", 0);
	e2e_table_free(t);
	e2e_result_free(&res);

	/* --target rewrite,new: anon-write writes no file, so runs once, with no target */
	RUN_MB(&res, "sizes-write", out, "--op", "write", "--method", "anon-write", "--pattern", "seq,rand",
	       "--target", "rewrite,new", "--size", "0,1,4K,1048699", "--block", page_s, "--threads", "1,2",
	       "--advice", "none,map-populate,hugepage", "--reps", "2", "--warmup", "1");
	t = e2e_load(out);
	check_rows(t, never);
	check_present(t, "anon-write", 0);
	e2e_table_free(t);
	e2e_result_free(&res);
}

/* 1 if rows q and r hold the same value in col. */
static int same(const struct mb_csv_table *t, size_t q, size_t r, const char *col)
{
	return !strcmp(e2e_cell(t, q, col), e2e_cell(t, r, col));
}

/* fault is mmap --consume touch --block <page size>: the same checksums, the
 * same ops, configuration by configuration. */
static void test_fault_is_mmap_touch(void **state)
{
	char out[PATH_MAX];
	struct e2e_result res;
	struct mb_csv_table *t;
	size_t pairs = 0;

	(void)state;
	RUN_MB(&res, "vs-mmap", out, "--method", "fault,mmap", "--consume", "touch", "--pattern",
	       "seq,rand", "--cache", "warm,cold", "--size", "1,1048699", "--block", page_s, "--reps", "1",
	       "--warmup", "0");
	t = e2e_load(out);
	for (size_t r = 0; r < t->nrows; r++) {
		if (!e2e_is(t, r, "status", "ok"))
			fail_msg("%s: %s", what(t, r), e2e_cell(t, r, "error"));
		if (!e2e_is(t, r, "method", "fault"))
			continue;
		for (size_t q = 0; q < t->nrows; q++)
			if (e2e_is(t, q, "method", "mmap") && same(t, q, r, "pattern") &&
			    same(t, q, r, "cache") && same(t, q, r, "lat_timed") &&
			    same(t, q, r, "file_size_bytes")) {
				assert_string_equal(e2e_cell(t, q, "checksum"), e2e_cell(t, r, "checksum"));
				assert_string_equal(e2e_cell(t, q, "ops"), e2e_cell(t, r, "ops"));
				pairs++;
			}
	}
	/* 2 sizes x 2 caches x (seq + rand + rand's latency rep) */
	assert_int_equal(pairs, 2 * 2 * 3);
	e2e_table_free(t);
	e2e_result_free(&res);
}

/* --- faults per page ---------------------------------------------------------- */

/* Slack for the process's other faults inside the counted windows (the
 * workers' stacks, the sanitizers' shadow memory): never a time. */
static uint64_t slack(uint64_t pages)
{
	return 64 + pages / 8;
}

static void test_anon_faults_per_page(void **state)
{
	char out[PATH_MAX];
	struct e2e_result res;
	struct mb_csv_table *t;
	const uint64_t pages = pages_of(ODD);
	size_t seen = 0;

	(void)state;
	RUN_MB(&res, "anon-read-faults", out, "--method", "anon-read", "--pattern", "seq,rand", "--size",
	       "1048699", "--block", page_s, "--advice", "none,map-populate", "--reps", "3", "--warmup", "1");
	t = e2e_load(out);
	for (size_t r = 0; r < t->nrows; r++) {
		uint64_t f;

		if (!e2e_is(t, r, "status", "ok"))
			fail_msg("%s: %s", what(t, r), e2e_cell(t, r, "error"));
		if (e2e_is(t, r, "lat_timed", "1"))
			continue;
		f = num(t, r, "minflt") + num(t, r, "majflt");
		/* One fault per page, and no fewer: a read fault on a page never written
		 * maps the zero page with one PTE, anonymous memory has no fault-around,
		 * and a mapping smaller than a PMD holds no huge page. With map-populate
		 * the same faults happen inside mmap(2), counted all the same (the kernel
		 * counts get_user_pages' faults as the caller's minor faults). */
		if (f < pages || f > pages + slack(pages))
			fail_msg("%s: %" PRIu64 " faults for %" PRIu64 " pages (minflt %s, majflt %s): want "
				 "one per page", what(t, r), f, pages, e2e_cell(t, r, "minflt"),
				 e2e_cell(t, r, "majflt"));
		seen++;
	}
	assert_int_equal(seen, 2 * 2 * 3); /* 2 advice x 2 patterns x 3 reps */
	e2e_table_free(t);
	e2e_result_free(&res);

	/* anon-write: at most one fault per page (multi-size THP may make fewer) */
	RUN_MB(&res, "anon-write-faults", out, "--op", "write", "--method", "anon-write", "--pattern",
	       "seq,rand", "--size", "1048699", "--block", page_s, "--reps", "2", "--warmup", "1");
	t = e2e_load(out);
	for (size_t r = 0; r < t->nrows; r++) {
		if (!e2e_is(t, r, "status", "ok"))
			fail_msg("%s: %s", what(t, r), e2e_cell(t, r, "error"));
		if (e2e_is(t, r, "lat_timed", "0") && num(t, r, "minflt") > pages + slack(pages))
			fail_msg("%s: minflt %s for %" PRIu64 " pages", what(t, r), e2e_cell(t, r, "minflt"),
				 pages);
	}
	e2e_table_free(t);
	e2e_result_free(&res);
}

/* 1 if fault-around is on here, 0 if off; -1 (why set) if it cannot be told.
 * debugfs's fault_around_bytes when it can be read; else a probe: touch one
 * byte of every page of path (cached) through a fresh mapping and count the
 * faults, which fault-around makes fewer than the pages. */
static int fault_around_on(const char *path, uint64_t size, char *why, size_t len)
{
	char v[32];
	const unsigned char *map;
	struct rusage a, b;
	volatile unsigned sum = 0;
	FILE *f;

	if (!read_line("/sys/kernel/debug/fault_around_bytes", v, sizeof(v)))
		return strtoull(v, NULL, 10) > page;
	f = fopen(path, "r");
	if (!f) {
		snprintf(why, len, "cannot open %s to probe fault-around", path);
		return -1;
	}
	map = mmap(NULL, (size_t)size, PROT_READ, MAP_SHARED, fileno(f), 0);
	fclose(f);
	if (map == MAP_FAILED) {
		snprintf(why, len, "cannot map %s to probe fault-around", path);
		return -1;
	}
	getrusage(RUSAGE_SELF, &a);
	for (uint64_t o = 0; o < size; o += page)
		sum += map[o];
	getrusage(RUSAGE_SELF, &b);
	munmap((void *)map, (size_t)size);
	(void)sum;
	return (uint64_t)(b.ru_minflt - a.ru_minflt + b.ru_majflt - a.ru_majflt) < pages_of(size);
}

static void test_fault_around_warm4k(void **state)
{
	char out[PATH_MAX], why[256] = "";
	struct e2e_result res;
	struct mb_csv_table *t;
	const uint64_t pages = pages_of(ODD);
	int on;

	(void)state;
	RUN_MB(&res, "fault-4k", out, "--method", "fault", "--pattern", "seq,rand", "--cache", "warm-4k",
	       "--size", "1048699", "--block", page_s, "--reps", "2", "--warmup", "1");
	t = e2e_load(out);
	assert_true(t->nrows > 0);
	if (strstr(e2e_cell(t, 0, "error"), "only be verified as root")) {
		e2e_table_free(t);
		e2e_result_free(&res);
		print_message("warm-4k: folio sizes can only be verified as root: skipped\n");
		skip();
	}
	on = fault_around_on(e2e_cell(t, 0, "file"), ODD, why, sizeof(why));
	if (on <= 0) {
		e2e_table_free(t);
		e2e_result_free(&res);
		print_message("%s: skipped\n",
			      on ? why : "fault-around is off here (fault_around_bytes <= page size)");
		skip();
	}
	for (size_t r = 0; r < t->nrows; r++) {
		if (!e2e_is(t, r, "status", "ok"))
			fail_msg("%s: %s", what(t, r), e2e_cell(t, r, "error"));
		if (strtod(e2e_cell(t, r, "resident_before_pct"), NULL) != 100.0)
			fail_msg("%s: resident_before_pct %s", what(t, r),
				 e2e_cell(t, r, "resident_before_pct"));
		if (e2e_is(t, r, "lat_timed", "0") && num(t, r, "minflt") >= pages)
			fail_msg("%s: minflt %s for %" PRIu64 " pages: no fault-around", what(t, r),
				 e2e_cell(t, r, "minflt"), pages);
	}
	e2e_table_free(t);
	e2e_result_free(&res);
}

static int group_setup(void **state)
{
	page = (uint64_t)sysconf(_SC_PAGESIZE);
	snprintf(page_s, sizeof(page_s), "%" PRIu64, page);
	return e2e_group_setup(state);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		E2E_TEST(test_listed),
		E2E_TEST(test_every_size),
		E2E_TEST(test_fault_is_mmap_touch),
		E2E_TEST(test_anon_faults_per_page),
		E2E_TEST(test_fault_around_warm4k),
	};

	if (e2e_init(argc, argv))
		return 1;
	return cmocka_run_group_tests(tests, group_setup, e2e_group_teardown);
}
