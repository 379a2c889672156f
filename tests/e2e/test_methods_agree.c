/* test_methods_agree.c: end-to-end, every access method x pattern x cache state
 * of `mapbench run` on datasets of 0 bytes, 1 byte, one page and 1 MiB + 123
 * bytes, and on a user's own file given with --file. Checks, from the CSV read
 * back with mapbench's libcsv reader: exit 0, every row ok, every checksum equal
 * to the expected one (and to an independent re-read of the file) and the same
 * for all rows, every configuration present with exactly --reps rows, cache
 * residency verified (cold <= 1%, warm 100%), numeric columns numeric. For
 * --file also: the file is left byte-for-byte and mtime-for-mtime alone, and no
 * dataset or manifest is created anywhere. */
#include "e2e.h"

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <cmocka.h>

#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define REPS 2
#define REPS_S "2"

static const char *const methods[] = {"read", "pread", "mmap", "memread"};
static const char *const patterns[] = {"seq", "rand"};
static const char *const caches[] = {"warm", "cold", ""};
#define NM 4
#define NP 2
#define NC 3 /* warm, cold, and "" (memread: no cache state) */
#define MAXB 2

/* Integer columns that every ok row fills. */
static const char *const int_cols[] = {
	"schema", "ncpu", "mem_bytes", "page_size", "file_size_bytes", "block_size_bytes", "threads",
	"rep", "bytes", "ops", "setup_ns", "io_ns", "teardown_ns", "total_ns", "user_us", "sys_us",
	"minflt", "majflt", "nvcsw", "nivcsw", "seed",
};
/* Integer columns that may be empty (not applicable / not available here). */
static const char *const opt_int_cols[] = {
	"queue_depth", "lat_p50_ns", "lat_p99_ns", "lat_p999_ns", "lat_max_ns", "dev_read_bytes",
	"dev_write_bytes",
};
/* Identity columns that must not be empty. */
static const char *const id_cols[] = {"run_id", "timestamp_utc", "host", "kernel", "arch", "fs_type",
				      "build", "tool_version"};

static long index_of(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return (long)i;
	return -1;
}

static uint64_t u64_cell(const struct mb_csv_table *t, size_t r, const char *col)
{
	const char *s = e2e_cell(t, r, col);

	if (e2e_numeric(s) != 1)
		fail_msg("row %zu (line %zu): %s = '%s' is not an integer", r, t->lines[r], col, s);
	return strtoull(s, NULL, 10);
}

static double pct_cell(const struct mb_csv_table *t, size_t r, const char *col)
{
	const char *s = e2e_cell(t, r, col);

	if (!e2e_numeric(s))
		fail_msg("row %zu (line %zu): %s = '%s' is not a number", r, t->lines[r], col, s);
	return strtod(s, NULL);
}

static void check_numeric_columns(const struct mb_csv_table *t, size_t r)
{
	const char *s;

	for (size_t i = 0; i < sizeof(int_cols) / sizeof(int_cols[0]); i++)
		(void)u64_cell(t, r, int_cols[i]);
	for (size_t i = 0; i < sizeof(opt_int_cols) / sizeof(opt_int_cols[0]); i++) {
		s = e2e_cell(t, r, opt_int_cols[i]);
		if (*s && e2e_numeric(s) != 1)
			fail_msg("row %zu: %s = '%s' is neither empty nor an integer", r, opt_int_cols[i], s);
	}
	for (size_t i = 0; i < sizeof(id_cols) / sizeof(id_cols[0]); i++)
		if (!*e2e_cell(t, r, id_cols[i]))
			fail_msg("row %zu: identity column %s is empty", r, id_cols[i]);
	assert_string_equal(e2e_cell(t, r, "schema"), "1");
	assert_int_equal(u64_cell(t, r, "page_size"), (uint64_t)sysconf(_SC_PAGESIZE));
	assert_int_equal(u64_cell(t, r, "threads"), 1);
	assert_int_equal(u64_cell(t, r, "total_ns"),
			 u64_cell(t, r, "setup_ns") + u64_cell(t, r, "io_ns") + u64_cell(t, r, "teardown_ns"));
	if (u64_cell(t, r, "total_ns")) {
		double secs = (double)u64_cell(t, r, "total_ns") / 1e9;
		double want = (double)u64_cell(t, r, "bytes") / 1048576.0 / secs;
		double got = pct_cell(t, r, "mib_per_s");

		assert_true(fabs(got - want) <= 0.0011 + want * 1e-9);
		want = (double)u64_cell(t, r, "ops") / secs;
		got = pct_cell(t, r, "ops_per_s");
		assert_true(fabs(got - want) <= 0.051 + want * 1e-9);
	}
	s = e2e_cell(t, r, "checksum");
	assert_int_equal(strlen(s), 16);
	assert_int_equal(strspn(s, "0123456789abcdef"), 16);
}

/* Residency before/after the timed region, by cache state and file size. */
static void check_residency(const struct mb_csv_table *t, size_t r, const char *cache, uint64_t size)
{
	const char *before = e2e_cell(t, r, "resident_before_pct");
	const char *after = e2e_cell(t, r, "resident_after_pct");

	if (!*cache || size == 0) {
		/* memread has no cache state; an empty file has no pages */
		if (*before || *after)
			fail_msg("row %zu (%s, cache '%s', %" PRIu64 " bytes): residency '%s'/'%s', want empty",
				 r, e2e_cell(t, r, "method"), cache, size, before, after);
		return;
	}
	if (!strcmp(cache, "cold") && pct_cell(t, r, "resident_before_pct") > 1.0)
		fail_msg("row %zu (%s cold): resident_before_pct %s > 1", r, e2e_cell(t, r, "method"), before);
	if (!strcmp(cache, "warm") && pct_cell(t, r, "resident_before_pct") != 100.0)
		fail_msg("row %zu (%s warm): resident_before_pct %s != 100", r, e2e_cell(t, r, "method"), before);
	/* every method read every byte, so everything ends up cached */
	(void)pct_cell(t, r, "resident_after_pct");
}

/* Every row of a run over one file of `size` bytes with blocks `blocks`. */
static void check_results(const char *csv, const char *file, uint64_t size, const uint64_t *blocks,
			  size_t nblocks)
{
	struct mb_csv_table *t;
	unsigned seen[NM][NP][NC][MAXB] = {{{{0}}}};
	char want[17];
	const char *first = NULL;

	e2e_file_checksum_hex(file, want);
	t = e2e_load(csv);
	assert_true(t->nrows > 0);
	for (size_t r = 0; r < t->nrows; r++) {
		const char *m = e2e_cell(t, r, "method"), *p = e2e_cell(t, r, "pattern");
		const char *c = e2e_cell(t, r, "cache");
		long mi = index_of(methods, NM, m), pi = index_of(patterns, NP, p), ci = index_of(caches, NC, c);
		long bi = -1;
		uint64_t block, rep;

		if (strcmp(e2e_cell(t, r, "status"), "ok"))
			fail_msg("row %zu (%s %s %s): status %s: %s", r, m, p, c, e2e_cell(t, r, "status"),
				 e2e_cell(t, r, "error"));
		assert_string_equal(e2e_cell(t, r, "error"), "");
		if (mi < 0 || pi < 0 || ci < 0)
			fail_msg("row %zu: unexpected method/pattern/cache '%s' '%s' '%s'", r, m, p, c);
		/* memread runs over an in-memory copy: no cache state; file methods have one */
		assert_true(!strcmp(m, "memread") ? !*c : *c != '\0');
		block = u64_cell(t, r, "block_size_bytes");
		for (size_t b = 0; b < nblocks; b++)
			if (blocks[b] == block)
				bi = (long)b;
		if (bi < 0)
			fail_msg("row %zu: block %" PRIu64 " was not expected to run on %" PRIu64 " bytes", r,
				 block, size);
		rep = u64_cell(t, r, "rep");
		assert_true(rep >= 1 && rep <= REPS);
		/* each rep once; a latency rep (rand) in the bits above REPS */
		if (!strcmp(e2e_cell(t, r, "lat_timed"), "1")) {
			assert_string_equal(p, "rand");
			rep += REPS;
		}
		assert_false(seen[mi][pi][ci][bi] & (1u << rep));
		seen[mi][pi][ci][bi] |= 1u << rep;

		assert_int_equal(u64_cell(t, r, "file_size_bytes"), size);
		assert_int_equal(u64_cell(t, r, "bytes"), size);
		assert_int_equal(u64_cell(t, r, "ops"), size / block + (size % block != 0));
		assert_string_equal(e2e_cell(t, r, "file"), file);
		check_numeric_columns(t, r);
		check_residency(t, r, c, size);

		/* the checksum every method computed is the file's, and all agree */
		assert_string_equal(e2e_cell(t, r, "expected_checksum"), want);
		if (strcmp(e2e_cell(t, r, "checksum"), want))
			fail_msg("row %zu (%s %s %s block %" PRIu64 "): checksum %s != expected %s", r, m, p, c,
				 block, e2e_cell(t, r, "checksum"), want);
		if (!first)
			first = e2e_cell(t, r, "checksum");
		assert_string_equal(e2e_cell(t, r, "checksum"), first);
	}
	/* every combination present, with exactly REPS rows (reps 1..REPS), and
	 * for rand as many latency reps */
	for (int mi = 0; mi < NM; mi++)
		for (int pi = 0; pi < NP; pi++)
			for (int ci = 0; ci < NC; ci++)
				for (size_t bi = 0; bi < nblocks; bi++) {
					int want_it = !strcmp(methods[mi], "memread") ? ci == 2 : ci < 2;
					int lat = !strcmp(patterns[pi], "rand");
					unsigned all = ((1u << ((lat ? 2 : 1) * REPS + 1)) - 1) & ~1u;

					if (want_it && seen[mi][pi][ci][bi] != all)
						fail_msg("%s %s %s block %" PRIu64 ": reps seen mask %#x, want %#x",
							 methods[mi], patterns[pi], caches[ci], blocks[bi],
							 seen[mi][pi][ci][bi], all);
					if (!want_it && seen[mi][pi][ci][bi])
						fail_msg("%s %s '%s': unexpected rows", methods[mi], patterns[pi],
							 caches[ci]);
				}
	/* seq: REPS; rand: REPS + REPS latency reps */
	assert_int_equal(t->nrows, (size_t)REPS * (NP + 1) * (3 * 2 + 1) * nblocks);
	e2e_table_free(t);
}

static void run_size(const char *size_arg, uint64_t size, const uint64_t *blocks, size_t nblocks)
{
	char dir[PATH_MAX + 16], out[PATH_MAX + 32], file[PATH_MAX + 64], what[64];
	struct e2e_result res;

	e2e_fmt(dir, sizeof(dir), "%s/ds-%s", e2e_tmp, size_arg);
	e2e_fmt(out, sizeof(out), "%s/results-%s.csv", e2e_tmp, size_arg);
	E2E_RUN(&res, NULL, "run", "--method", "read,pread,mmap,memread", "--pattern", "seq,rand",
		"--cache", "warm,cold", "--size", size_arg, "--block", "4K,128K", "--reps", REPS_S,
		"--warmup", "1", "--dir", dir, "--out", out, "--quiet");
	e2e_fmt(what, sizeof(what), "mapbench run --size %s", size_arg);
	e2e_expect_exit(&res, 0, what);
	/* results went to --out, nothing to stdout */
	assert_string_equal(res.out, "");
	e2e_fmt(file, sizeof(file), "%s/mb-%s-s1.dat", dir, size_arg);
	assert_true(e2e_exists(file));
	check_results(out, file, size, blocks, nblocks);
	e2e_result_free(&res);
}

static void test_empty_file(void **state)
{
	static const uint64_t b[] = {4096}; /* no block fits: the smallest runs */

	(void)state;
	run_size("0", 0, b, 1);
}

static void test_one_byte(void **state)
{
	static const uint64_t b[] = {4096};

	(void)state;
	run_size("1", 1, b, 1);
}

static void test_one_page(void **state)
{
	static const uint64_t b[] = {4096}; /* 128K is skipped */

	(void)state;
	run_size("4K", 4096, b, 1);
}

static void test_1m_plus_123(void **state)
{
	static const uint64_t b[] = {4096, 131072};

	(void)state;
	run_size("1048699", 1048699, b, 2);
}

/* --file: a user's file with odd content, measured read-only, no dataset made. */
static void test_user_file(void **state)
{
	static const uint64_t b[] = {4096, 131072};
	const size_t n = 300001;
	char udir[PATH_MAX + 16], file[PATH_MAX + 32], cwd[PATH_MAX + 16], out[PATH_MAX + 32];
	unsigned char *buf = e2e_alloc(n);
	struct timespec times[2] = {{.tv_sec = 1000000000, .tv_nsec = 123456789},
				    {.tv_sec = 1000000000, .tv_nsec = 987654321}};
	struct stat before_st, after_st;
	struct e2e_result res;
	uint32_t x = 12345;

	(void)state;
	assert_non_null(buf);
	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (unsigned char)(i % 4099 == 0 ? 0 : i % 7 == 3 ? 0xff : x >> 16);
	}
	e2e_fmt(udir, sizeof(udir), "%s/user", e2e_tmp);
	e2e_fmt(cwd, sizeof(cwd), "%s/cwd", e2e_tmp);
	assert_int_equal(mkdir(udir, 0755), 0);
	assert_int_equal(mkdir(cwd, 0755), 0);
	e2e_fmt(file, sizeof(file), "%s/odd file,1.bin", udir);
	e2e_fmt(out, sizeof(out), "%s/out.csv", cwd);
	e2e_write_file(file, buf, n);
	assert_int_equal(utimensat(AT_FDCWD, file, times, 0), 0);
	assert_int_equal(stat(file, &before_st), 0);

	/* run from an empty cwd, so a default datasets/ would show up there */
	E2E_RUN(&res, &(struct e2e_opts){.cwd = cwd}, "run", "--file", file, "--method",
		"read,pread,mmap,memread", "--pattern", "seq,rand", "--cache", "warm,cold", "--block",
		"4K,128K", "--reps", REPS_S, "--warmup", "1", "--out", out, "--quiet");
	e2e_expect_exit(&res, 0, "mapbench run --file");
	check_results(out, file, n, b, 2);

	/* untouched: same bytes, same mtime */
	e2e_expect_file(file, buf, n);
	assert_int_equal(stat(file, &after_st), 0);
	assert_int_equal(after_st.st_mtim.tv_sec, before_st.st_mtim.tv_sec);
	assert_int_equal(after_st.st_mtim.tv_nsec, before_st.st_mtim.tv_nsec);
	assert_int_equal(after_st.st_size, before_st.st_size);
	assert_int_equal(after_st.st_mode, before_st.st_mode);
	/* no dataset, manifest or lock anywhere: not beside the file, not in cwd */
	assert_int_equal(e2e_dir_entries(udir), 1);
	assert_int_equal(e2e_dir_entries(cwd), 1); /* out.csv only */
	e2e_free(buf);
	e2e_result_free(&res);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		E2E_TEST(test_empty_file),
		E2E_TEST(test_one_byte),
		E2E_TEST(test_one_page),
		E2E_TEST(test_1m_plus_123),
		E2E_TEST(test_user_file),
	};

	if (e2e_init(argc, argv))
		return 1;
	return cmocka_run_group_tests(tests, e2e_group_setup, e2e_group_teardown);
}
