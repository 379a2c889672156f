/* test_variants.c: end-to-end, the read-side variants of `mapbench run`
 * through the real binary, its CSV read back with mapbench's libcsv reader:
 *
 * - every read method `mapbench methods` lists that takes consume sum (the
 *   fault-cost methods are test_faults.c's) runs on files of 0, 1, 4096 and
 *   1048699 bytes (seq, rand x warm, cold x 4K, 128K): ok rows whose checksum
 *   is the file's, the same for every method; a method unavailable here gives
 *   unsupported rows with the reason (a placeholder is a failure);
 * - consume touch and copy on mmap, mmap-private and memread, checked against
 *   checksums this test computes itself;
 * - --threads 1,2,3 gives the one-thread checksum on every method that takes
 *   threads (pread, mmap, memread at least), and no rows on the others;
 * - every advice value a method lists is applied (ok) or unsupported with a
 *   reason; a value a method does not take is skipped with one notice; a
 *   rejection faked with MAPBENCH_TEST_REJECT_ADVICE makes error rows that
 *   name the call, exit 1, and never an ok row with that advice;
 * - latency percentiles (rand always, seq with --latency) are ordered and
 *   positive, and --lat-out's buckets add up to each row's ops;
 * - --buf-offset is recorded; mapping methods record mmap/munmap time;
 *   warm-4k (as root) is checked to hold no large folios.
 *
 * The datasets are small and shared by the tests (one --dir). */
#include "e2e.h"

#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <cmocka.h>

#include "checksum.h"

#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ODD 1048699ull /* 1 MiB + 123: a short last block for every block size */

/* --- what `mapbench methods` says ------------------------------------------ */

struct minfo {
	char name[32];
	int avail;
	char why[256];
	char advice[256];  /* comma list */
	char consume[64];  /* comma list */
	int threads;       /* takes --threads > 1 */
};

#define MAXM 32
static struct minfo minfo[MAXM];
static size_t nminfo;

/* 1 if name is an item of the comma-separated list. */
static int list_has(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (len == n && !strncmp(p, name, n))
			return 1;
		p = e ? e + 1 : NULL;
	}
	return 0;
}

/* Copies the text after key up to stop (or the end) into out. */
static void field_after(const char *line, const char *key, const char *stop, char *out, size_t len)
{
	const char *p = strstr(line, key), *e;

	out[0] = '\0';
	if (!p)
		return;
	p += strlen(key);
	e = stop ? strstr(p, stop) : NULL;
	if (!e)
		e = p + strlen(p);
	snprintf(out, len, "%.*s", (int)(e - p), p);
}

static void parse_method_lines(char *out)
{
	struct minfo *cur = NULL;

	for (char *line = out, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!*line)
			break; /* the advice table follows */
		if (!strncmp(line, "method ", 7))
			continue;
		if (*line != ' ') {
			char here[8] = "";

			assert_true(nminfo < MAXM);
			cur = &minfo[nminfo++];
			memset(cur, 0, sizeof(*cur));
			if (sscanf(line, "%31s %7s", cur->name, here) != 2)
				fail_msg("mapbench methods: cannot parse '%s'", line);
			if (strcmp(here, "yes") && strcmp(here, "no"))
				fail_msg("mapbench methods: '%s': availability is '%s', not yes/no", line, here);
			cur->avail = !strcmp(here, "yes");
			continue;
		}
		if (!cur)
			fail_msg("mapbench methods: '%s' before any method", line);
		line += strspn(line, " ");
		if (!strncmp(line, "unavailable: ", 13)) {
			snprintf(cur->why, sizeof(cur->why), "%s", line + 13);
		} else if (!strncmp(line, "advice: ", 8)) {
			char thr[64];

			field_after(line, "advice: ", "; ", cur->advice, sizeof(cur->advice));
			field_after(line, "consume: ", "; ", cur->consume, sizeof(cur->consume));
			field_after(line, "threads: ", "; ", thr, sizeof(thr));
			cur->threads = !strcmp(thr, "yes");
		}
	}
}

/* Fills minfo from `mapbench methods` (once): the read methods that take
 * consume sum, whose checksum is the file's. The fault-cost methods (fault,
 * anon-read: one byte per page, of the file or of fresh anonymous memory)
 * are tested by test_faults.c. */
static void load_methods(void)
{
	struct e2e_result res;
	size_t kept = 0;

	if (nminfo)
		return;
	E2E_RUN(&res, NULL, "methods");
	e2e_expect_exit(&res, 0, "mapbench methods");
	parse_method_lines(res.out);
	e2e_result_free(&res);
	for (size_t i = 0; i < nminfo; i++)
		if (list_has(minfo[i].consume, "sum"))
			minfo[kept++] = minfo[i];
	nminfo = kept;
	assert_true(nminfo >= 4);
	for (size_t i = 0; i < nminfo; i++) {
		if (!minfo[i].advice[0] || !minfo[i].consume[0])
			fail_msg("mapbench methods: %s lists no advice or consume modes", minfo[i].name);
		if (!minfo[i].avail && !minfo[i].why[0])
			fail_msg("mapbench methods: %s is unavailable without a reason", minfo[i].name);
	}
}

static const struct minfo *method_info(const char *name)
{
	load_methods();
	for (size_t i = 0; i < nminfo; i++)
		if (!strcmp(minfo[i].name, name))
			return &minfo[i];
	fail_msg("mapbench methods does not list '%s'", name);
	return NULL;
}

/* Comma list of the methods listed (only the available ones if avail_only). */
static void method_names(char *out, size_t len, int avail_only)
{
	size_t at = 0;

	load_methods();
	out[0] = '\0';
	for (size_t i = 0; i < nminfo; i++)
		if (!avail_only || minfo[i].avail) {
			e2e_fmt(out + at, len - at, "%s%s", at ? "," : "", minfo[i].name);
			at += strlen(out + at);
		}
}

/* --- running -------------------------------------------------------------- */

/* mapbench run --dir <shared datasets> --out <e2e_tmp/name.csv> extra... */
#define RUN_MB E2E_RUN_MB

/* --- rows ----------------------------------------------------------------- */

static const char *cell(const struct mb_csv_table *t, size_t r, const char *col)
{
	return e2e_cell(t, r, col);
}

static int is(const struct mb_csv_table *t, size_t r, const char *col, const char *val)
{
	return !strcmp(cell(t, r, col), val);
}

static const char *desc(const struct mb_csv_table *t, size_t r)
{
	static char buf[512];

	snprintf(buf, sizeof(buf), "line %zu: %s advice=%s consume=%s %s cache=%s size=%s block=%s threads=%s rep=%s",
		 t->lines[r], cell(t, r, "method"), cell(t, r, "advice"), cell(t, r, "consume"),
		 cell(t, r, "pattern"), cell(t, r, "cache"), cell(t, r, "file_size_bytes"),
		 cell(t, r, "block_size_bytes"), cell(t, r, "threads"), cell(t, r, "rep"));
	return buf;
}

static uint64_t u64(const struct mb_csv_table *t, size_t r, const char *col)
{
	const char *s = cell(t, r, col);

	if (e2e_numeric(s) != 1 || *s == '-')
		fail_msg("%s: %s = '%s' is not a non-negative integer", desc(t, r), col, s);
	return strtoull(s, NULL, 10);
}

static double num(const struct mb_csv_table *t, size_t r, const char *col)
{
	const char *s = cell(t, r, col);

	if (!e2e_numeric(s))
		fail_msg("%s: %s = '%s' is not a number", desc(t, r), col, s);
	return strtod(s, NULL);
}

/* An ok row whose checksum is its expected checksum and whose counts fit. */
static void expect_ok(const struct mb_csv_table *t, size_t r)
{
	const char *cs = cell(t, r, "checksum");
	uint64_t size, block, blocks;

	if (!is(t, r, "status", "ok"))
		fail_msg("%s: status %s: %s", desc(t, r), cell(t, r, "status"), cell(t, r, "error"));
	if (*cell(t, r, "error"))
		fail_msg("%s: ok with an error: %s", desc(t, r), cell(t, r, "error"));
	if (strlen(cs) != 16 || strspn(cs, "0123456789abcdef") != 16)
		fail_msg("%s: checksum '%s'", desc(t, r), cs);
	if (strcmp(cs, cell(t, r, "expected_checksum")))
		fail_msg("%s: checksum %s != expected_checksum %s", desc(t, r), cs,
			 cell(t, r, "expected_checksum"));
	size = u64(t, r, "file_size_bytes");
	block = u64(t, r, "block_size_bytes");
	assert_int_equal(u64(t, r, "bytes"), size);
	blocks = size / block + (size % block != 0);
	/* readv/preadv seq: one operation is one call of up to --iov blocks of
	 * one worker's contiguous range (worker k of T: blocks n*k/T .. n*(k+1)/T) */
	if (*cell(t, r, "iov") && is(t, r, "pattern", "seq")) {
		uint64_t iov = u64(t, r, "iov"), nt = u64(t, r, "threads"), calls = 0;

		for (uint64_t k = 0; k < nt; k++) {
			uint64_t part = blocks * (k + 1) / nt - blocks * k / nt;

			calls += part / iov + (part % iov != 0);
		}
		blocks = calls;
	}
	if (u64(t, r, "ops") != blocks)
		fail_msg("%s: ops %s, want %" PRIu64, desc(t, r), cell(t, r, "ops"), blocks);
}

/* An unsupported row: a reason, no measures, never a placeholder. */
static void expect_unsupported(const struct mb_csv_table *t, size_t r)
{
	const char *why = cell(t, r, "error");

	if (!is(t, r, "status", "unsupported"))
		fail_msg("%s: status %s (want unsupported): %s", desc(t, r), cell(t, r, "status"), why);
	if (!*why)
		fail_msg("%s: unsupported without a reason", desc(t, r));
	if (strstr(why, "not built yet"))
		fail_msg("%s: method %s is still a placeholder (%s)", desc(t, r), cell(t, r, "method"), why);
	assert_string_equal(cell(t, r, "checksum"), "");
}

/* Rows matching every col=value pair of the NULL-terminated list. */
static size_t count_rows(const struct mb_csv_table *t, const char *const *kv)
{
	size_t c = 0;

	for (size_t r = 0; r < t->nrows; r++) {
		int match = 1;

		for (size_t i = 0; kv[i] && match; i += 2)
			match = is(t, r, kv[i], kv[i + 1]);
		c += (size_t)match;
	}
	return c;
}
#define COUNT(t, ...) count_rows((t), (const char *const[]){__VA_ARGS__, NULL})

/* Occurrences of phrase in s as a whole phrase: not inside a longer name
 * ("to read" inside "to readv", "read runs" inside "pread runs"). */
static size_t count_phrase(const char *s, const char *phrase)
{
	size_t c = 0, n = strlen(phrase);

	for (const char *p = strstr(s, phrase); p; p = strstr(p + 1, phrase)) {
		char before = p > s ? p[-1] : ' ', after = p[n];

		c += !(before == '-' || before == '_' || (before >= 'a' && before <= 'z') ||
		       (before >= '0' && before <= '9')) &&
		     !(after == '-' || after == '_' || (after >= 'a' && after <= 'z') ||
		       (after >= '0' && after <= '9'));
	}
	return c;
}

/* How often name is listed in a "mapbench: skipped: HEAD a, b, c" notice
 * line: the notices name each kind once, with every method it skips. */
static size_t count_listed(const char *err, const char *head, const char *name)
{
	size_t c = 0, hl = strlen(head), nl = strlen(name);
	char prefix[160];

	e2e_fmt(prefix, sizeof(prefix), "mapbench: skipped: %s", head);
	hl = strlen(prefix);
	for (const char *line = err; *line; line += strcspn(line, "\n") + (line[strcspn(line, "\n")] != 0)) {
		size_t len = strcspn(line, "\n");

		if (len < hl || strncmp(line, prefix, hl))
			continue;
		for (size_t i = hl; i < len; i += strcspn(line + i, ",\n") + 2)
			if (!strncmp(line + i, name, nl) && (i + nl == len || line[i + nl] == ','))
				c++;
	}
	return c;
}

/* The file's checksum under consume=touch, computed here: the first byte of
 * every page. */
static void touch_checksum_hex(const char *path, char out[17])
{
	size_t len, ps = (size_t)sysconf(_SC_PAGESIZE);
	unsigned char *buf = e2e_read_file(path, &len);
	uint64_t sum = 0;

	assert_non_null(buf);
	for (size_t o = 0; o < len; o += ps)
		sum += mb_csum_byte(o, buf[o]);
	snprintf(out, 17, "%016" PRIx64, sum);
	e2e_free(buf);
}

/* Which cache states the rows of a method use: "" (no file) or warm/cold. */
static int has_file(const struct mb_csv_table *t, const char *method)
{
	return COUNT(t, "method", method, "cache", "") == 0;
}

/* --- every method, every odd file ------------------------------------------ */

static const char *const sizes_s[] = {"0", "1", "4096", "1048699"};
static const char *const patterns[] = {"seq", "rand"};

static int block_runs(const char *size, const char *block)
{
	/* 4K always (the smallest, kept for tiny files); 128K only on 1048699 */
	return !strcmp(block, "4096") || !strcmp(size, "1048699");
}

static void test_every_method_every_file(void **state)
{
	static const char *const blocks[] = {"4096", "131072"};
	char all[512], out[PATH_MAX], placeholder[600] = "";
	struct e2e_result res;
	struct mb_csv_table *t;
	struct {
		char file[PATH_MAX];
		char want[17];
	} files[4];
	size_t nfiles = 0;

	(void)state;
	method_names(all, sizeof(all), 0);
	RUN_MB(&res, NULL, "every", out, "--method", all, "--pattern", "seq,rand", "--cache", "warm,cold",
	       "--size", "0,1,4K,1048699", "--block", "4K,128K", "--reps", "2", "--warmup", "1", "--quiet");
	t = e2e_load(out);
	for (size_t r = 0; r < t->nrows; r++) {
		const struct minfo *m = method_info(cell(t, r, "method"));
		const char *file = cell(t, r, "file");
		size_t f;

		assert_string_equal(cell(t, r, "advice"), "none");
		assert_string_equal(cell(t, r, "consume"), "sum");
		assert_string_equal(cell(t, r, "threads"), "1");
		if (!block_runs(cell(t, r, "file_size_bytes"), cell(t, r, "block_size_bytes")))
			fail_msg("%s: this block should have been skipped", desc(t, r));
		if (!m->avail) {
			/* a placeholder fails the test, after every other row is checked */
			if (!placeholder[0] && strstr(cell(t, r, "error"), "not built yet"))
				snprintf(placeholder, sizeof(placeholder), "%s: %s", desc(t, r),
					 cell(t, r, "error"));
			else
				expect_unsupported(t, r);
			continue;
		}
		expect_ok(t, r);
		/* every method's checksum is the file's, read back here */
		for (f = 0; f < nfiles && strcmp(files[f].file, file); f++)
			;
		if (f == nfiles) {
			assert_true(nfiles < 4);
			e2e_fmt(files[f].file, sizeof(files[f].file), "%s", file);
			e2e_file_checksum_hex(file, files[f].want);
			nfiles++;
		}
		if (strcmp(cell(t, r, "checksum"), files[f].want))
			fail_msg("%s: checksum %s != %s, the checksum of %s", desc(t, r), cell(t, r, "checksum"),
				 files[f].want, file);
	}
	/* every configuration of every method, with both reps */
	for (size_t i = 0; i < nminfo; i++) {
		const char *m = minfo[i].name;
		int file = has_file(t, m);

		for (size_t s = 0; s < 4; s++)
			for (size_t p = 0; p < 2; p++)
				for (size_t b = 0; b < 2; b++) {
					/* 2 reps; rand adds 2 latency reps */
					size_t want = !minfo[i].avail ? 1 : p ? 4 : 2, w, c, none;

					if (!block_runs(sizes_s[s], blocks[b]))
						continue;
					w = COUNT(t, "method", m, "file_size_bytes", sizes_s[s], "pattern", patterns[p],
						  "block_size_bytes", blocks[b], "cache", "warm");
					c = COUNT(t, "method", m, "file_size_bytes", sizes_s[s], "pattern", patterns[p],
						  "block_size_bytes", blocks[b], "cache", "cold");
					none = COUNT(t, "method", m, "file_size_bytes", sizes_s[s], "pattern",
						     patterns[p], "block_size_bytes", blocks[b], "cache", "");
					if (file ? w != want || c != want || none : w || c || none != want)
						fail_msg("%s %s size %s block %s: %zu warm, %zu cold, %zu no-cache rows; "
							 "want %zu %s", m, patterns[p], sizes_s[s], blocks[b], w, c,
							 none, want, file ? "warm and cold" : "no-cache");
				}
	}
	assert_int_equal(nfiles, 4); /* ok rows of every file were seen */
	e2e_expect_exit(&res, 0, "mapbench run --method <every method>");
	if (placeholder[0])
		fail_msg("%s (a placeholder: the method is not written yet)", placeholder);
	e2e_table_free(t);
	e2e_result_free(&res);
}

/* --- consume modes ---------------------------------------------------------- */

static void test_consume_modes(void **state)
{
	static const char *const methods[] = {"mmap", "mmap-private", "memread"};
	static const char *const consumes[] = {"sum", "touch", "copy"};
	char out[PATH_MAX], sum[17] = "", touch[17] = "", sum1[17] = "", touch1[17] = "";
	struct e2e_result res;
	struct mb_csv_table *t;

	(void)state;
	RUN_MB(&res, NULL, "consume", out, "--method", "mmap,mmap-private,memread", "--consume",
	       "sum,touch,copy", "--pattern", "seq,rand", "--cache", "warm,cold", "--size", "1,1048699",
	       "--block", "4K,128K", "--reps", "1", "--warmup", "0", "--quiet");
	t = e2e_load(out);
	for (size_t r = 0; r < t->nrows; r++) {
		const char *want;
		int big = is(t, r, "file_size_bytes", "1048699");

		expect_ok(t, r);
		if (big && !sum[0]) {
			e2e_file_checksum_hex(cell(t, r, "file"), sum);
			touch_checksum_hex(cell(t, r, "file"), touch);
		} else if (!big && !sum1[0]) {
			e2e_file_checksum_hex(cell(t, r, "file"), sum1);
			touch_checksum_hex(cell(t, r, "file"), touch1);
		}
		want = is(t, r, "consume", "touch") ? big ? touch : touch1 : big ? sum : sum1;
		if (!is(t, r, "checksum", want))
			fail_msg("%s: checksum %s, want %s (computed here)", desc(t, r), cell(t, r, "checksum"),
				 want);
	}
	/* one page or less: touch reads byte 0 only, which is all of a 1-byte file */
	assert_string_equal(sum1, touch1);
	/* more than one page: touch reads one byte of each, a different checksum */
	assert_string_not_equal(sum, touch);
	for (size_t m = 0; m < 3; m++)
		for (size_t c = 0; c < 3; c++)
			for (size_t p = 0; p < 2; p++) {
				size_t small = COUNT(t, "method", methods[m], "consume", consumes[c], "pattern",
						     patterns[p], "file_size_bytes", "1");
				size_t big4 = COUNT(t, "method", methods[m], "consume", consumes[c], "pattern",
						    patterns[p], "file_size_bytes", "1048699", "block_size_bytes",
						    "4096");
				size_t big128 = COUNT(t, "method", methods[m], "consume", consumes[c], "pattern",
						      patterns[p], "file_size_bytes", "1048699", "block_size_bytes",
						      "131072");

				if (!small || !big4 || !big128)
					fail_msg("%s consume=%s %s: %zu/%zu/%zu rows (1 B; 1048699 B at 4K, 128K)",
						 methods[m], consumes[c], patterns[p], small, big4, big128);
			}
	e2e_expect_exit(&res, 0, "mapbench run --consume sum,touch,copy");
	e2e_table_free(t);
	e2e_result_free(&res);
}

/* --- threads ------------------------------------------------------------------- */

/* mmap-window with windows smaller than the file and than a block: blocks
 * are split at window edges, every byte still consumed once at its offset. */
static void test_small_windows(void **state)
{
	static const char *const windows[] = {"4K", "12K", "64K"};
	char out[PATH_MAX], sum[17] = "";
	struct e2e_result res;
	struct mb_csv_table *t;

	(void)state;
	for (size_t wi = 0; wi < 3; wi++) {
		RUN_MB(&res, NULL, "window", out, "--method", "mmap-window", "--window", windows[wi],
		       "--consume", "sum,touch,copy", "--pattern", "seq,rand", "--cache", "warm,cold",
		       "--size", "1,4096,1048699", "--block", "4K,48K,128K", "--threads", "1,2",
		       "--reps", "1", "--warmup", "0", "--quiet");
		e2e_expect_exit(&res, 0, "mapbench run --method mmap-window --window small");
		t = e2e_load(out);
		assert_true(t->nrows > 0);
		for (size_t r = 0; r < t->nrows; r++) {
			expect_ok(t, r);
			if (is(t, r, "file_size_bytes", "1048699") && is(t, r, "consume", "sum")) {
				if (!sum[0])
					e2e_file_checksum_hex(cell(t, r, "file"), sum);
				if (!is(t, r, "checksum", sum))
					fail_msg("%s: checksum %s, want %s", desc(t, r), cell(t, r, "checksum"), sum);
			}
			if (!is(t, r, "window_bytes", windows[wi][0] == '4' ? "4096" :
						     windows[wi][0] == '1' ? "12288" : "65536"))
				fail_msg("%s: window_bytes %s", desc(t, r), cell(t, r, "window_bytes"));
		}
		e2e_table_free(t);
		e2e_result_free(&res);
	}
}

static void test_threads_same_checksum(void **state)
{
	static const char *const sizes[] = {"0", "4096", "1048699"};
	static const char *const must[] = {"pread", "mmap", "memread"};
	char avail[512], out[PATH_MAX];
	struct e2e_result res;
	struct mb_csv_table *t;

	(void)state;
	method_names(avail, sizeof(avail), 1);
	for (size_t i = 0; i < 3; i++)
		if (!method_info(must[i])->threads)
			fail_msg("mapbench methods: %s does not take threads", must[i]);
	RUN_MB(&res, NULL, "threads", out, "--method", avail, "--threads", "1,2,3", "--pattern", "seq,rand",
	       "--cache", "warm,cold", "--size", "0,4K,1048699", "--block", "4K,128K", "--reps", "1",
	       "--warmup", "0", "--quiet");
	t = e2e_load(out);
	for (size_t r = 0; r < t->nrows; r++) {
		const struct minfo *m = method_info(cell(t, r, "method"));
		size_t one = t->nrows;

		expect_ok(t, r);
		if (!m->threads && !is(t, r, "threads", "1"))
			fail_msg("%s: %s runs one thread only, yet has this row", desc(t, r), m->name);
		/* the one-thread row of the same configuration */
		for (size_t q = 0; q < t->nrows && one == t->nrows; q++)
			if (is(t, q, "threads", "1") && is(t, q, "method", m->name) &&
			    !strcmp(cell(t, q, "pattern"), cell(t, r, "pattern")) &&
			    !strcmp(cell(t, q, "cache"), cell(t, r, "cache")) &&
			    !strcmp(cell(t, q, "file"), cell(t, r, "file")) &&
			    !strcmp(cell(t, q, "block_size_bytes"), cell(t, r, "block_size_bytes")))
				one = q;
		if (one == t->nrows)
			fail_msg("%s: no one-thread row to compare with", desc(t, r));
		if (strcmp(cell(t, r, "checksum"), cell(t, one, "checksum")))
			fail_msg("%s: checksum %s != %s with one thread", desc(t, r), cell(t, r, "checksum"),
				 cell(t, one, "checksum"));
	}
	/* every method that takes threads ran with 2 and 3 on every configuration */
	for (size_t i = 0; i < nminfo; i++) {
		if (!minfo[i].avail || !minfo[i].threads)
			continue;
		for (size_t s = 0; s < 3; s++)
			for (size_t p = 0; p < 2; p++)
				for (int th = 1; th <= 3; th++) {
					char ts[4];
					size_t got;

					e2e_fmt(ts, sizeof(ts), "%d", th);
					got = COUNT(t, "method", minfo[i].name, "file_size_bytes", sizes[s], "pattern",
						    patterns[p], "threads", ts, "block_size_bytes", "4096");
					if (!got)
						fail_msg("%s %s size %s: no rows with %d threads", minfo[i].name,
							 patterns[p], sizes[s], th);
				}
	}
	e2e_expect_exit(&res, 0, "mapbench run --threads 1,2,3");
	e2e_table_free(t);
	e2e_result_free(&res);
}

/* --- advice ------------------------------------------------------------------- */

static const char *const adv_map[] = {"none", "normal", "sequential", "random", "willneed", "hugepage",
				      "populate-read", "map-populate"};
static const char *const adv_fd[] = {"none", "normal", "sequential", "random", "willneed", "noreuse",
				     "readahead"};
#define ALL_ADVICE "none,normal,sequential,random,willneed,hugepage,populate-read,map-populate,noreuse,readahead"

static void test_every_advice_applied_or_unsupported(void **state)
{
	static const char *const all[] = {"none", "normal", "sequential", "random", "willneed", "hugepage",
					  "populate-read", "map-populate", "noreuse", "readahead"};
	char avail[512], out[PATH_MAX];
	struct e2e_result res;
	struct mb_csv_table *t;

	(void)state;
	for (size_t i = 0; i < sizeof(adv_map) / sizeof(adv_map[0]); i++)
		if (!list_has(method_info("mmap")->advice, adv_map[i]))
			fail_msg("mapbench methods: mmap does not list advice %s", adv_map[i]);
	for (size_t i = 0; i < sizeof(adv_fd) / sizeof(adv_fd[0]); i++)
		if (!list_has(method_info("pread")->advice, adv_fd[i]))
			fail_msg("mapbench methods: pread does not list advice %s", adv_fd[i]);
	method_names(avail, sizeof(avail), 1);
	RUN_MB(&res, NULL, "advice", out, "--method", avail, "--advice", ALL_ADVICE, "--pattern",
	       "seq,rand", "--cache", "warm,cold", "--size", "1048699", "--block", "4K,128K", "--reps", "1",
	       "--warmup", "0", "--quiet");
	t = e2e_load(out);
	for (size_t r = 0; r < t->nrows; r++) {
		const struct minfo *m = method_info(cell(t, r, "method"));

		if (!list_has(m->advice, cell(t, r, "advice")))
			fail_msg("%s: %s does not take this advice (it takes %s)", desc(t, r), m->name, m->advice);
		if (is(t, r, "status", "unsupported"))
			expect_unsupported(t, r);
		else
			expect_ok(t, r);
	}
	/* every (method, advice it takes): rows for every pattern, block and cache state */
	for (size_t i = 0; i < nminfo; i++) {
		if (!minfo[i].avail)
			continue;
		for (size_t a = 0; a < sizeof(all) / sizeof(all[0]); a++) {
			size_t got = COUNT(t, "method", minfo[i].name, "advice", all[a]);
			/* 1 rep of seq, 1 + 1 latency rep of rand; 2 blocks; caches */
			size_t want = list_has(minfo[i].advice, all[a])
					      ? 3 * 2 * (has_file(t, minfo[i].name) ? 2 : 1) : 0;

			if (got != want)
				fail_msg("%s advice %s: %zu rows, want %zu", minfo[i].name, all[a], got, want);
		}
	}
	e2e_expect_exit(&res, 0, "mapbench run --advice <every value>");
	e2e_table_free(t);
	e2e_result_free(&res);
}

/* An advice or consume mode a method does not take: no row, one notice. */
static void test_advice_mismatch_skipped(void **state)
{
	char out[PATH_MAX];
	struct e2e_result res;
	struct mb_csv_table *t;

	(void)state;
	RUN_MB(&res, NULL, "mismatch", out, "--method", "read", "--advice", "hugepage", "--pattern",
	       "seq,rand", "--cache", "warm,cold", "--size", "4K,1048699", "--block", "4K,128K", "--reps",
	       "1", "--warmup", "0");
	e2e_expect_exit(&res, 0, "mapbench run --method read --advice hugepage");
	t = e2e_load(out);
	assert_int_equal(t->nrows, 0);
	e2e_table_free(t);
	if (count_listed(res.err, "advice hugepage does not apply to: ", "read") != 1)
		fail_msg("want one notice 'advice hugepage does not apply to: read' on stderr:\n%s", res.err);
	e2e_result_free(&res);

	/* beside a method that takes them: its rows run, read's are skipped, one notice each */
	RUN_MB(&res, NULL, "mismatch2", out, "--method", "read,mmap", "--advice", "none,hugepage",
	       "--consume", "sum,touch", "--pattern", "seq,rand", "--cache", "warm", "--size", "4K,1048699",
	       "--block", "4K", "--reps", "1", "--warmup", "0");
	e2e_expect_exit(&res, 0, "mapbench run --method read,mmap --advice none,hugepage --consume sum,touch");
	t = e2e_load(out);
	for (size_t r = 0; r < t->nrows; r++)
		expect_ok(t, r);
	/* 2 sizes x (seq + rand + rand's latency rep) */
	assert_int_equal(COUNT(t, "method", "read"), 2 * 3);
	assert_int_equal(COUNT(t, "method", "read", "advice", "none", "consume", "sum"), 2 * 3);
	assert_int_equal(COUNT(t, "method", "mmap"), 2 * 2 * 2 * 3);
	assert_int_equal(COUNT(t, "method", "mmap", "advice", "hugepage", "consume", "touch"), 2 * 3);
	e2e_table_free(t);
	if (count_listed(res.err, "advice hugepage does not apply to: ", "read") != 1 ||
	    count_listed(res.err, "consume touch does not apply to: ", "read") != 1 ||
	    count_listed(res.err, "advice hugepage does not apply to: ", "mmap") ||
	    count_listed(res.err, "consume touch does not apply to: ", "mmap"))
		fail_msg("want one notice for read's advice and one for its consume mode:\n%s", res.err);
	e2e_result_free(&res);
}

/* Every kind of skipped combination in a wide matrix is noticed once on
 * stderr, word for word, none lost: methods given in reverse order, so that
 * a longer name (readv, preadv) comes before the name it extends (read). */
static void test_skip_notices_complete(void **state)
{
	static const char *const advs[] = {"none", "normal", "sequential", "random", "willneed", "hugepage",
					   "populate-read", "map-populate", "noreuse", "readahead"};
	static const char *const cons[] = {"sum", "touch", "copy"};
	char list[512] = "", out[PATH_MAX], phrase[128];
	size_t at = 0, notices = 0;
	struct e2e_result res;
	struct mb_csv_table *t;

	(void)state;
	load_methods();
	for (size_t i = nminfo; i-- > 0;)
		if (minfo[i].avail) {
			e2e_fmt(list + at, sizeof(list) - at, "%s%s", at ? "," : "", minfo[i].name);
			at += strlen(list + at);
		}
	RUN_MB(&res, NULL, "notices", out, "--method", list, "--advice", ALL_ADVICE, "--consume",
	       "sum,touch,copy", "--threads", "1,2", "--pattern", "seq", "--cache", "warm", "--size", "64K",
	       "--block", "4K,128K", "--reps", "1", "--warmup", "0");
	e2e_expect_exit(&res, 0, "mapbench run with every advice, consume mode and 2 threads");
	t = e2e_load(out);
	for (size_t r = 0; r < t->nrows; r++)
		expect_ok(t, r);
	e2e_table_free(t);
	for (size_t i = 0; i < nminfo; i++) {
		const struct minfo *m = &minfo[i];

		if (!m->avail)
			continue;
		for (size_t a = 0; a < sizeof(advs) / sizeof(advs[0]); a++) {
			if (list_has(m->advice, advs[a]))
				continue;
			e2e_fmt(phrase, sizeof(phrase), "advice %s does not apply to: ", advs[a]);
			if (count_listed(res.err, phrase, m->name) != 1)
				fail_msg("want %s listed once in '%s' on stderr, got %zu:\n%s", m->name, phrase,
					 count_listed(res.err, phrase, m->name), res.err);
			notices++;
		}
		for (size_t c = 0; c < 3; c++) {
			if (list_has(m->consume, cons[c]))
				continue;
			e2e_fmt(phrase, sizeof(phrase), "consume %s does not apply to: ", cons[c]);
			if (count_listed(res.err, phrase, m->name) != 1)
				fail_msg("want %s listed once in '%s' on stderr, got %zu:\n%s", m->name, phrase,
					 count_listed(res.err, phrase, m->name), res.err);
			notices++;
		}
		if (count_listed(res.err, "one thread only: ", m->name) != (m->threads ? 0u : 1u))
			fail_msg("want %s listed %d times in 'one thread only' on stderr:\n%s", m->name,
				 !m->threads, res.err);
	}
	if (count_phrase(res.err, "block 128K for 64K files (larger than the file)") != 1)
		fail_msg("want one notice about block 128K on stderr:\n%s", res.err);
	assert_true(notices > 0);
	e2e_result_free(&res);
}

/* MAPBENCH_TEST_REJECT_ADVICE=ADVICE makes applying it fail with EINVAL: the
 * rows with that advice are errors that name the call; never ok. */
static void expect_rejected(const char *advice, const char *methods, const char *const *calls,
			    const char *const *call_methods, size_t ncalls)
{
	char env[64], out[PATH_MAX], list[64], what[160];
	const char *envv[] = {env, NULL};
	struct e2e_result res;
	struct mb_csv_table *t;

	e2e_fmt(env, sizeof(env), "MAPBENCH_TEST_REJECT_ADVICE=%s", advice);
	e2e_fmt(list, sizeof(list), "none,%s", advice);
	RUN_MB(&res, &(struct e2e_opts){.env = envv}, "reject", out, "--method", methods, "--advice", list,
	       "--pattern", "seq,rand", "--cache", "warm", "--size", "1048699", "--block", "128K", "--reps",
	       "2", "--warmup", "1", "--quiet");
	e2e_fmt(what, sizeof(what), "MAPBENCH_TEST_REJECT_ADVICE=%s mapbench run --method %s", advice,
		methods);
	e2e_expect_exit(&res, 1, what);
	t = e2e_load(out);
	for (size_t r = 0; r < t->nrows; r++) {
		const char *call = NULL;

		if (is(t, r, "advice", "none")) {
			expect_ok(t, r);
			continue;
		}
		assert_true(is(t, r, "advice", advice));
		for (size_t i = 0; i < ncalls; i++)
			if (!call_methods[i] || is(t, r, "method", call_methods[i])) {
				call = calls[i];
				break;
			}
		if (!is(t, r, "status", "error"))
			fail_msg("%s: status %s with advice %s rejected (%s)", desc(t, r), cell(t, r, "status"),
				 advice, env);
		if (call ? !strstr(cell(t, r, "error"), call)
			 : !strstr(cell(t, r, "error"), "madvise(") && !strstr(cell(t, r, "error"), "posix_fadvise("))
			fail_msg("%s: error '%s' does not name %s", desc(t, r), cell(t, r, "error"),
				 call ? call : "madvise() or posix_fadvise()");
		if (!strstr(cell(t, r, "error"), "Invalid argument"))
			fail_msg("%s: error '%s' does not say why", desc(t, r), cell(t, r, "error"));
	}
	/* each method: ok rows without advice, error rows with it, for both patterns */
	for (const char *p = methods; *p;) {
		char m[32];
		size_t len = strcspn(p, ",");

		e2e_fmt(m, sizeof(m), "%.*s", (int)len, p);
		for (size_t i = 0; i < 2; i++) {
			if (COUNT(t, "method", m, "pattern", patterns[i], "advice", advice, "status", "error") < 1)
				fail_msg("%s %s advice %s rejected: no error row", m, patterns[i], advice);
			if (COUNT(t, "method", m, "pattern", patterns[i], "advice", "none", "status", "ok",
				  "lat_timed", "0") != 2)
				fail_msg("%s %s advice none: want 2 ok throughput rows", m, patterns[i]);
		}
		p += len + (p[len] == ',');
	}
	if (COUNT(t, "advice", advice, "status", "ok"))
		fail_msg("an ok row with advice %s, which was rejected", advice);
	if (!strstr(res.err, "Invalid argument"))
		fail_msg("no error on stderr:\n%s", res.err);
	e2e_table_free(t);
	e2e_result_free(&res);
}

static void test_advice_rejected(void **state)
{
	char list[512] = "mmap,pread";
	size_t at = strlen(list);

	(void)state;
	/* mmap and pread, and every other method here that takes random advice */
	load_methods();
	for (size_t i = 0; i < nminfo; i++)
		if (minfo[i].avail && list_has(minfo[i].advice, "random") && strcmp(minfo[i].name, "mmap") &&
		    strcmp(minfo[i].name, "pread")) {
			e2e_fmt(list + at, sizeof(list) - at, ",%s", minfo[i].name);
			at += strlen(list + at);
		}
	expect_rejected("random", list,
			(const char *const[]){"madvise(MADV_RANDOM)", "posix_fadvise(POSIX_FADV_RANDOM)", NULL},
			(const char *const[]){"mmap", "pread", NULL}, 3);

	/* every other value that makes a call, on the method kind that takes it */
	expect_rejected("normal", "mmap,pread",
			(const char *const[]){"madvise(MADV_NORMAL)", "posix_fadvise(POSIX_FADV_NORMAL)"},
			(const char *const[]){"mmap", "pread"}, 2);
	expect_rejected("sequential", "mmap,pread",
			(const char *const[]){"madvise(MADV_SEQUENTIAL)", "posix_fadvise(POSIX_FADV_SEQUENTIAL)"},
			(const char *const[]){"mmap", "pread"}, 2);
	expect_rejected("willneed", "mmap,pread",
			(const char *const[]){"madvise(MADV_WILLNEED)", "posix_fadvise(POSIX_FADV_WILLNEED)"},
			(const char *const[]){"mmap", "pread"}, 2);
	expect_rejected("hugepage", "mmap", (const char *const[]){"madvise(MADV_HUGEPAGE)"},
			(const char *const[]){"mmap"}, 1);
	expect_rejected("populate-read", "mmap", (const char *const[]){"madvise(MADV_POPULATE_READ)"},
			(const char *const[]){"mmap"}, 1);
	expect_rejected("noreuse", "pread", (const char *const[]){"posix_fadvise(POSIX_FADV_NOREUSE)"},
			(const char *const[]){"pread"}, 1);
	expect_rejected("readahead", "pread", (const char *const[]){"readahead("},
			(const char *const[]){"pread"}, 1);
}

/* --- latency ------------------------------------------------------------------- */

static const char *const lat_cols[] = {"lat_p50_ns", "lat_p90_ns", "lat_p99_ns", "lat_p999_ns",
				       "lat_max_ns"};

static void expect_latency(const struct mb_csv_table *t, size_t r)
{
	uint64_t prev = 0;

	for (size_t i = 0; i < 5; i++) {
		uint64_t v = u64(t, r, lat_cols[i]);

		if (v == 0 || v < prev)
			fail_msg("%s: %s = %" PRIu64 " (want > 0 and >= the percentile before, %" PRIu64 ")",
				 desc(t, r), lat_cols[i], v, prev);
		prev = v;
	}
}

static void expect_no_latency(const struct mb_csv_table *t, size_t r)
{
	for (size_t i = 0; i < 5; i++)
		if (*cell(t, r, lat_cols[i]))
			fail_msg("%s: %s = '%s', want empty", desc(t, r), lat_cols[i], cell(t, r, lat_cols[i]));
}

/* The --lat-out buckets of results row r: they add up to its ops, their
 * cum_fraction rises to 1, and they bracket its percentiles. Returns how many. */
static size_t check_buckets(const struct mb_csv_table *t, size_t r, const struct mb_csv_table *lt)
{
	static const char *const key[] = {"run_id", "method", "advice", "consume", "pattern", "cache",
					  "file_size_bytes", "block_size_bytes", "threads", "queue_depth", "rep"};
	uint64_t total = 0, lo_prev = 0, first_lo = 0, last_lo = 0, last_hi = 0;
	double cum_prev = 0, cum = 0;
	size_t n = 0;

	for (size_t q = 0; q < lt->nrows; q++) {
		int match = 1;
		uint64_t lo, hi;

		for (size_t k = 0; k < sizeof(key) / sizeof(key[0]) && match; k++)
			match = !strcmp(cell(lt, q, key[k]), cell(t, r, key[k]));
		if (!match)
			continue;
		lo = u64(lt, q, "bucket_lo_ns");
		hi = u64(lt, q, "bucket_hi_ns");
		cum = num(lt, q, "cum_fraction");
		if (hi < lo || (n && lo <= lo_prev) || cum < cum_prev || cum > 1.0 || !u64(lt, q, "count"))
			fail_msg("--lat-out line %zu (for %s): bucket %" PRIu64 "..%" PRIu64 " count %s cum %s "
				 "out of order", lt->lines[q], desc(t, r), lo, hi, cell(lt, q, "count"),
				 cell(lt, q, "cum_fraction"));
		if (!n)
			first_lo = lo;
		last_lo = lo;
		last_hi = hi;
		lo_prev = lo;
		cum_prev = cum;
		total += u64(lt, q, "count");
		n++;
	}
	if (!n)
		fail_msg("%s: no buckets in --lat-out", desc(t, r));
	if (total != u64(t, r, "ops"))
		fail_msg("%s: --lat-out counts add up to %" PRIu64 ", ops %s", desc(t, r), total,
			 cell(t, r, "ops"));
	if (fabs(cum - 1.0) > 1e-9)
		fail_msg("%s: cum_fraction ends at %f", desc(t, r), cum);
	if (u64(t, r, "lat_max_ns") < last_lo || u64(t, r, "lat_max_ns") > last_hi ||
	    u64(t, r, "lat_p50_ns") < first_lo || u64(t, r, "lat_p50_ns") > last_hi)
		fail_msg("%s: p50 %s / max %s outside the buckets %" PRIu64 "..%" PRIu64, desc(t, r),
			 cell(t, r, "lat_p50_ns"), cell(t, r, "lat_max_ns"), first_lo, last_hi);
	return n;
}

static void test_latency(void **state)
{
	static const char *const lat_out_cols[] = {"run_id", "method", "pattern", "rep", "bucket_lo_ns",
						   "bucket_hi_ns", "count", "cum_fraction"};
	char avail[512], out[PATH_MAX], lat[PATH_MAX];
	struct e2e_result res;
	struct mb_csv_table *t, *lt;
	size_t buckets = 0;

	(void)state;
	method_names(avail, sizeof(avail), 1);
	e2e_fmt(lat, sizeof(lat), "%s/lat.csv", e2e_tmp);
	RUN_MB(&res, NULL, "latency", out, "--method", avail, "--pattern", "seq,rand", "--cache", "warm",
	       "--threads", "1,2", "--qd", "4", "--size", "1048699", "--block", "4K,128K", "--lat-out", lat,
	       "--reps", "2",
	       "--warmup", "0", "--quiet");
	e2e_expect_exit(&res, 0, "mapbench run --lat-out");
	t = e2e_load(out);
	lt = e2e_load(lat);
	for (size_t i = 0; i < sizeof(lat_out_cols) / sizeof(lat_out_cols[0]); i++)
		if (mb_csv_table_col(lt, lat_out_cols[i]) < 0)
			fail_msg("--lat-out has no column %s", lat_out_cols[i]);
	assert_true(t->nrows > 0);
	for (size_t r = 0; r < t->nrows; r++) {
		expect_ok(t, r);
		/* latency repetitions (rand only here) time each operation; the
		 * throughput repetitions never do */
		if (is(t, r, "lat_timed", "1")) {
			assert_true(is(t, r, "pattern", "rand"));
			expect_latency(t, r);
			buckets += check_buckets(t, r, lt);
		} else {
			assert_true(is(t, r, "lat_timed", "0"));
			expect_no_latency(t, r);
		}
	}
	/* as many latency repetitions as throughput ones (--lat-reps defaults to --reps) */
	assert_int_equal(COUNT(t, "pattern", "rand", "lat_timed", "1"),
			 COUNT(t, "pattern", "rand", "lat_timed", "0"));
	assert_true(COUNT(t, "pattern", "rand", "lat_timed", "1") > 0);
	/* nothing else in --lat-out: no seq rows, no warm-ups */
	assert_int_equal(lt->nrows, buckets);
	e2e_table_free(lt);
	e2e_table_free(t);
	e2e_result_free(&res);

	/* --latency: seq rows too */
	e2e_fmt(lat, sizeof(lat), "%s/lat-seq.csv", e2e_tmp);
	RUN_MB(&res, NULL, "latency-seq", out, "--method", avail, "--pattern", "seq", "--cache", "warm,cold",
	       "--size", "1048699", "--block", "4K,128K", "--latency", "--lat-out", lat, "--reps", "1",
	       "--warmup", "0", "--quiet");
	e2e_expect_exit(&res, 0, "mapbench run --latency --lat-out");
	t = e2e_load(out);
	lt = e2e_load(lat);
	buckets = 0;
	for (size_t r = 0; r < t->nrows; r++) {
		expect_ok(t, r);
		if (is(t, r, "lat_timed", "0")) {
			expect_no_latency(t, r);
			continue;
		}
		expect_latency(t, r);
		buckets += check_buckets(t, r, lt);
	}
	assert_int_equal(COUNT(t, "lat_timed", "1"), COUNT(t, "lat_timed", "0"));
	assert_int_equal(lt->nrows, buckets);
	e2e_table_free(lt);
	e2e_table_free(t);
	e2e_result_free(&res);
}

/* --- buffer offset, mapping times, folios ------------------------------------ */

static int is_mapping_method(const char *name)
{
	return !strncmp(name, "mmap", 4);
}

static void test_buf_offset_and_map_times(void **state)
{
	char avail[512], out[PATH_MAX];
	struct e2e_result res;
	struct mb_csv_table *t;

	(void)state;
	method_names(avail, sizeof(avail), 1);
	RUN_MB(&res, NULL, "bufoff", out, "--method", avail, "--buf-offset", "16", "--pattern", "seq,rand",
	       "--cache", "warm,cold", "--size", "1048699", "--block", "4K,128K", "--reps", "1", "--warmup",
	       "0", "--quiet");
	t = e2e_load(out);
	for (size_t r = 0; r < t->nrows; r++) {
		const char *m = cell(t, r, "method");

		if (!is(t, r, "buf_offset_bytes", "16"))
			fail_msg("%s: buf_offset_bytes '%s', want 16", desc(t, r), cell(t, r, "buf_offset_bytes"));
		/* a method that cannot read into a misaligned buffer (O_DIRECT) says
		 * unsupported, with the reason; it has not failed a measurement */
		if (is(t, r, "status", "unsupported")) {
			expect_unsupported(t, r);
			continue;
		}
		expect_ok(t, r);
		if (is_mapping_method(m)) {
			if (!u64(t, r, "mmap_ns") || !u64(t, r, "munmap_ns"))
				fail_msg("%s: mmap_ns %s, munmap_ns %s: want both > 0", desc(t, r),
					 cell(t, r, "mmap_ns"), cell(t, r, "munmap_ns"));
		} else if (!strcmp(m, "read") || !strcmp(m, "pread") || !strcmp(m, "memread")) {
			if (*cell(t, r, "mmap_ns") || *cell(t, r, "munmap_ns"))
				fail_msg("%s: maps nothing, yet mmap_ns '%s', munmap_ns '%s'", desc(t, r),
					 cell(t, r, "mmap_ns"), cell(t, r, "munmap_ns"));
		}
	}
	assert_true(COUNT(t, "method", "mmap", "status", "ok") > 0);
	assert_true(COUNT(t, "method", "pread", "status", "ok") > 0);
	e2e_expect_exit(&res, 0, "mapbench run --buf-offset 16");
	e2e_table_free(t);
	e2e_result_free(&res);

	/* the default: page-aligned */
	RUN_MB(&res, NULL, "bufoff0", out, "--method", "pread,mmap", "--pattern", "seq", "--cache", "warm",
	       "--size", "1048699", "--block", "4K", "--reps", "1", "--warmup", "0", "--quiet");
	e2e_expect_exit(&res, 0, "mapbench run (buf offset default)");
	t = e2e_load(out);
	assert_int_equal(t->nrows, 2);
	for (size_t r = 0; r < t->nrows; r++) {
		expect_ok(t, r);
		assert_string_equal(cell(t, r, "buf_offset_bytes"), "0");
	}
	e2e_table_free(t);
	e2e_result_free(&res);
}

static void test_folio_states(void **state)
{
	char avail[512], out[PATH_MAX];
	struct e2e_result res;
	struct mb_csv_table *t;

	(void)state;
	if (geteuid() != 0) {
		print_message("not root: /proc/kpageflags cannot be read, warm-4k is not verified: skipped\n");
		skip();
	}
	method_names(avail, sizeof(avail), 1);
	RUN_MB(&res, NULL, "folios", out, "--method", avail, "--cache", "warm-4k,warm,cold", "--pattern",
	       "seq,rand", "--size", "1048699,16M", "--block", "128K", "--reps", "1", "--warmup", "0",
	       "--quiet");
	e2e_expect_exit(&res, 0, "mapbench run --cache warm-4k,warm,cold");
	t = e2e_load(out);
	for (size_t r = 0; r < t->nrows; r++) {
		const char *pct = cell(t, r, "large_folio_pct");

		expect_ok(t, r);
		if (is(t, r, "cache", "warm-4k")) {
			if (num(t, r, "large_folio_pct") != 0.0)
				fail_msg("%s: large_folio_pct %s, want 0", desc(t, r), pct);
		} else if (is(t, r, "cache", "warm")) {
			double v = num(t, r, "large_folio_pct");

			if (v < 0 || v > 100)
				fail_msg("%s: large_folio_pct %s", desc(t, r), pct);
		} else if (*pct) {
			fail_msg("%s: large_folio_pct '%s' for a cache state that is not warm", desc(t, r), pct);
		}
	}
	assert_true(COUNT(t, "cache", "warm-4k", "file_size_bytes", "16777216") > 0);
	assert_true(COUNT(t, "cache", "warm", "file_size_bytes", "16777216") > 0);
	e2e_table_free(t);
	e2e_result_free(&res);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		E2E_TEST(test_every_method_every_file),
		E2E_TEST(test_consume_modes),
		E2E_TEST(test_small_windows),
		E2E_TEST(test_threads_same_checksum),
		E2E_TEST(test_every_advice_applied_or_unsupported),
		E2E_TEST(test_advice_mismatch_skipped),
		E2E_TEST(test_skip_notices_complete),
		E2E_TEST(test_advice_rejected),
		E2E_TEST(test_latency),
		E2E_TEST(test_buf_offset_and_map_times),
		E2E_TEST(test_folio_states),
	};

	if (e2e_init(argc, argv))
		return 1;
	if (argc > 2)
		cmocka_set_test_filter(argv[2]);
	return cmocka_run_group_tests(tests, e2e_group_setup, e2e_group_teardown);
}
