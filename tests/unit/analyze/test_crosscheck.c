/* test_crosscheck.c: mapbench against fio (crosscheck.c, crosscheck_cause.c,
 * crosscheck_text.c) on small results files made here: mapbench's rows and
 * fio's (tool_version fio-3.33) pair by method; configurations come in the
 * order they ran and pairs in theirs; a pair whose fio rows all failed has no
 * ratio; the medians, ratio, CI and p are mapbench ratio's; and each likely
 * cause is told from the branch it belongs to (warm or cold, which way the
 * ratio goes, block size, pair, CPU times, the checksum's cost from the mmap
 * pair, page reporting), with its figures. Write pairs (op write, the sync
 * mode part of the configuration) pair only with write rows and get their own
 * causes: the sync call's share, write-back during the run, the copy's
 * source. */
#include "unit.h"

#include <inttypes.h>
#include <math.h>

#include "crosscheck.h"

static const struct mb_xc_pair pairs[] = {
	{"pread", "fio-psync", "pread / fio psync", NULL},
	{"read", "fio-sync", "read / fio sync", NULL},
	{"mmap", "fio-mmap", "mmap copy / fio mmap", NULL},
	{"uring", "fio-io_uring", "uring qd1 / fio io_uring", NULL},
	{"odirect", "fio-psync-direct", "odirect / fio direct", NULL},
};
#define NPAIRS (sizeof(pairs) / sizeof(pairs[0]))

#define HEADER "status,tool_version,method,consume,queue_depth,pattern,cache,file_size_bytes," \
	       "block_size_bytes,read_ahead_kb,bytes,mib_per_s,ops_per_s,total_ns,user_us,sys_us\n"
#define G (UINT64_C(1) << 30)
#define M64 (UINT64_C(64) << 20)

/* A results file being written. */
struct rows {
	char *text;
	size_t len;
	FILE *f;
};

static void rows_open(struct rows *r)
{
	r->f = open_memstream(&r->text, &r->len);
	assert_non_null(r->f);
	fputs(HEADER, r->f);
}

/* One tool's side of a pair: its method, median MiB/s, user and system ms a
 * run; spread 0: the runs differ by 1% steps (a clear difference), else by
 * that fraction (noise). */
struct side {
	const char *method;
	double mib, user_ms, sys_ms, spread;
	const char *status; /* NULL: ok */
};

/* n runs of side s in a configuration, as the script writes them. */
static void runs(struct rows *r, const char *cache, const char *pattern, uint64_t block, uint64_t file,
		 const struct side *s, int n)
{
	int fio = !strncmp(s->method, "fio-", 4);

	for (int i = 0; i < n; i++) {
		double step = s->spread ? s->spread : 0.01, mib = s->mib * (1 + step * (i - n / 2));
		double secs = (double)file / 1048576 / mib;

		fprintf(r->f, "%s,%s,%s,%s,%s,%s,%s,%" PRIu64 ",%" PRIu64 ",512,%" PRIu64 ",%.3f,%.3f,%.0f,%.0f,%.0f\n",
			s->status ? s->status : "ok", fio ? "fio-3.33" : "0.1.0", s->method,
			strstr(s->method, "mmap") ? "copy" : "sum", strstr(s->method, "uring") ? "1" : "", pattern,
			cache, file, block, file, mib, (double)(file / block) / secs, secs * 1e9, s->user_ms * 1e3,
			s->sys_ms * 1e3);
	}
}

/* Both sides of one pair, 5 runs each. */
static void pair(struct rows *r, const char *cache, const char *pattern, uint64_t block, uint64_t file,
		 struct side mb, struct side fio)
{
	runs(r, cache, pattern, block, file, &mb, 5);
	runs(r, cache, pattern, block, file, &fio, 5);
}

/* Builds t from r (closed here) and the page reporting CSV text rep (NULL:
 * none). */
static void build(struct rows *r, const char *rep, struct mb_xc_table *t)
{
	char path[PATH_MAX], rpath[PATH_MAX], err[512];

	assert_int_equal(fclose(r->f), 0);
	ut_tmp_path(path, sizeof(path), "results.csv");
	ut_write_str(path, r->text);
	free(r->text);
	if (rep) {
		ut_tmp_path(rpath, sizeof(rpath), "page-reporting.csv");
		ut_write_str(rpath, rep);
	}
	if (mb_xc_build(path, pairs, NPAIRS, rep ? rpath : NULL, t, err, sizeof(err)))
		fail_msg("mb_xc_build: %s", err);
}

/* The whole text of the table and findings. */
static char *text(const struct mb_xc_table *t)
{
	char *s = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&s, &len);

	assert_non_null(f);
	mb_xc_print(t, f);
	assert_int_equal(fclose(f), 0);
	return s;
}

/* The likely cause of the one line of t whose pair is mb's, in buf. */
static const struct mb_xc_line *cause_of(const struct mb_xc_table *t, const char *mb, char *buf, size_t len)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->lines[i].pair->mb, mb)) {
			mb_xc_cause(t, &t->lines[i], buf, len);
			return &t->lines[i];
		}
	fail_msg("no line of pair %s", mb);
	return NULL;
}

#define assert_lacks(haystack, needle)                                                       \
	do {                                                                                 \
		if (strstr((haystack), (needle)))                                             \
			fail_msg("\"%s\" contains \"%s\"", (haystack), (needle));             \
	} while (0)

static void numbers_print_as_jq_did(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(mb_xc_fmt(1.5, 3, b, sizeof(b)), "1.5");
	assert_string_equal(mb_xc_fmt(12, 1, b, sizeof(b)), "12");
	assert_string_equal(mb_xc_fmt(0.95749, 3, b, sizeof(b)), "0.957");
	assert_string_equal(mb_xc_fmt(0.9575, 2, b, sizeof(b)), "0.96");
	assert_string_equal(mb_xc_fmt(123456.7, 0, b, sizeof(b)), "123457");
	assert_string_equal(mb_xc_fmt(-0.04, 1, b, sizeof(b)), "0");
	assert_string_equal(mb_xc_fmt(-1.25, 1, b, sizeof(b)), "-1.3");
}

/* fio's rows carry fio's tool_version and still pair with mapbench's; the
 * figures are mapbench ratio's, rounded as printed. */
static void pairs_with_fio_rows(void **state)
{
	struct rows r;
	struct mb_xc_table t;
	const struct mb_xc_line *l;
	char *s;

	(void)state;
	rows_open(&r);
	pair(&r, "warm", "seq", 131072, G, (struct side){"pread", 8000, 80, 40, 0, NULL},
	     (struct side){"fio-psync", 8000, 80, 40, 0.005, NULL});
	build(&r, NULL, &t);
	assert_int_equal(t.n, 1);
	l = &t.lines[0];
	assert_true(l->have_ratio);
	assert_true(fabs(l->mib_mb - 8000) < 1e-6 && fabs(l->mib_fio - 8000) < 1e-6);
	assert_true(l->ratio == 1);
	assert_int_equal(l->n_mb, 5);
	assert_int_equal(l->n_fio, 5);
	assert_false(l->significant);
	assert_false(l->ops_mb.ok); /* seq: no ops/s */
	assert_true(l->user_mb.ok && l->user_mb.v == 80 && l->user_fio.v == 80);
	assert_string_equal(t.ra_kb, "512");
	s = text(&t);
	assert_contains(s, "warm seq 128K 1G   pread / fio psync               8000       8000          -          -      1");
	assert_contains(s, "no findings: every ratio is within 0.9-1.1\n");
	assert_lacks(s, "free page reporting");
	free(s);
	mb_xc_free(&t);
}

/* Configurations in the order they ran, pairs in the order given; odirect
 * only where it ran; a pair whose fio rows failed has no ratio. */
static void order_and_missing_pairs(void **state)
{
	struct rows r;
	struct mb_xc_table t;
	char *s;

	(void)state;
	rows_open(&r);
	pair(&r, "cold", "rand", 4096, M64, (struct side){"odirect", 30, 5, 5, 0, NULL},
	     (struct side){"fio-psync-direct", 30, 5, 5, 0, NULL});
	pair(&r, "cold", "rand", 4096, M64, (struct side){"read", 40, 5, 5, 0, NULL},
	     (struct side){"fio-sync", 40, 5, 5, 0, "error"});
	pair(&r, "warm", "seq", 4096, G, (struct side){"mmap", 3000, 100, 50, 0, NULL},
	     (struct side){"fio-mmap", 3000, 100, 50, 0, NULL});
	pair(&r, "warm", "seq", 4096, G, (struct side){"pread", 3000, 100, 50, 0, NULL},
	     (struct side){"fio-psync", 3000, 100, 50, 0, NULL});
	build(&r, NULL, &t);
	assert_int_equal(t.n, 4);
	assert_string_equal(t.lines[0].pair->mb, "read");
	assert_string_equal(t.lines[0].cache, "cold");
	assert_false(t.lines[0].have_ratio);
	assert_string_equal(t.lines[1].pair->mb, "odirect");
	assert_true(t.lines[1].ops_mb.ok); /* rand: ops/s too */
	assert_string_equal(t.lines[2].pair->mb, "pread");
	assert_string_equal(t.lines[3].pair->mb, "mmap");
	s = text(&t);
	assert_contains(s, "cold rand 4K 64M   read / fio sync                    -          -          -          -"
			   "      -  -               -    -  <- no pair\n");
	assert_contains(s, "findings (ratio outside 0.9-1.1) and their likely causes:\n"
			   "- cold rand 4K 64M, read / fio sync: no ratio: one side has no ok row (see the status "
			   "and error columns of results.csv)\n");
	free(s);
	mb_xc_free(&t);
}

/* Warm, mapbench faster: fio's per-I/O cost at small blocks (and io_uring's
 * split submit and reap), its buffers or rounding at large ones. */
static void warm_fio_slower(void **state)
{
	struct rows r;
	struct mb_xc_table t;
	const struct mb_xc_line *l;
	char c[4096], *s;

	(void)state;
	rows_open(&r);
	pair(&r, "warm", "seq", 4096, G, (struct side){"pread", 4000, 150, 100, 0, NULL},
	     (struct side){"fio-psync", 3000, 120, 110, 0, NULL});
	pair(&r, "warm", "seq", 4096, G, (struct side){"uring", 3000, 180, 120, 0, NULL},
	     (struct side){"fio-io_uring", 2400, 170, 130, 0, NULL});
	pair(&r, "warm", "seq", 1048576, G, (struct side){"read", 9000, 60, 40, 0, NULL},
	     (struct side){"fio-sync", 7800, 60, 40, 0, NULL});
	build(&r, NULL, &t);
	l = cause_of(&t, "pread", c, sizeof(c));
	assert_true(mb_xc_is_finding(l));
	assert_true(l->ratio == 1.333 && l->significant);
	assert_string_equal(c, "fio's per-I/O overhead: its own accounting per operation (clock reads, latency "
			       "histograms, io_u queueing), which weighs more than a 4K copy from the page cache "
			       "(user CPU a run: mapbench 150 ms, fio 120 ms)");
	cause_of(&t, "uring", c, sizeof(c));
	assert_contains(c, ", and at iodepth 1 its io_uring engine submits and reaps each I/O in separate steps");
	cause_of(&t, "read", c, sizeof(c));
	assert_string_equal(c, "fio's per-I/O overhead or its buffers (page-aligned here: --iomem_align); fio's "
			       "runtime is whole ms rounded up (see fio/*.json)");
	s = text(&t);
	assert_contains(s, "- warm seq 4K 1G, pread / fio psync: mapbench / fio = 1.333 (95% CI ");
	assert_contains(s, "p 0.008): fio's per-I/O overhead");
	assert_contains(s, "1.333  1.29-1.37   0.008  5/5  <- finding\n");
	free(s);
	mb_xc_free(&t);
}

/* Warm, mapbench slower: its checksum when it used more user CPU (with the
 * ratio less that time, and less the checksum's cost from the mmap pair),
 * not its checksum when it used no more. */
static void warm_mapbench_slower(void **state)
{
	struct rows r;
	struct mb_xc_table t;
	const struct mb_xc_line *l;
	char c[4096], want[512];
	double tm = 1024 / 7800.0 * 1e3, tf = 1024 / 9800.0 * 1e3; /* read's ms a run */
	double d = (1024 / 7000.0 - 1024 / 8000.0) * 1e3;          /* the mmap pair's gap */

	(void)state;
	rows_open(&r);
	pair(&r, "warm", "seq", 131072, G, (struct side){"read", 7800, 100, 40, 0, NULL},
	     (struct side){"fio-sync", 9800, 60, 40, 0, NULL});
	pair(&r, "warm", "seq", 131072, G, (struct side){"pread", 8000, 80, 40, 0, NULL},
	     (struct side){"fio-psync", 9500, 90, 40, 0, NULL});
	pair(&r, "warm", "seq", 131072, G, (struct side){"mmap", 7000, 110, 30, 0, NULL},
	     (struct side){"fio-mmap", 8000, 50, 30, 0, NULL});
	build(&r, NULL, &t);
	l = cause_of(&t, "read", c, sizeof(c));
	assert_true(l->adj_user.ok && fabs(l->adj_user.v - round(tf / (tm - 40) * 100) / 100) < 1e-9);
	assert_true(l->csum.ok && fabs(l->csum.v - round(d * 10) / 10) < 1e-9);
	assert_true(l->adj_csum.ok && fabs(l->adj_csum.v - round(tf / (tm - d) * 100) / 100) < 1e-9);
	snprintf(want, sizeof(want), "mapbench checksums every byte it reads and fio never reads its buffer: "
		 "user CPU a run, mapbench 100 ms, fio 60 ms; with that difference taken off mapbench's time "
		 "the ratio would be ~%.2f (a rough figure", round(tf / (tm - 40) * 100) / 100);
	assert_contains(c, want);
	snprintf(want, sizeof(want), "; the checksum's cost estimated from the mmap pair of this configuration "
		 "(mapbench's mmap copy minus fio's mmap: the same memcpy, plus the checksum) is %.1f ms a run, "
		 "and without it the ratio would be ~%.2f", round(d * 10) / 10, round(tf / (tm - d) * 100) / 100);
	assert_contains(c, want);
	cause_of(&t, "pread", c, sizeof(c));
	assert_string_equal(c, "not mapbench's checksum: it used no more user CPU than fio (80 ms a run against "
			       "90 ms); look at the CI (noise) and at the system time of the rows");
	cause_of(&t, "mmap", c, sizeof(c));
	assert_contains(c, "mapbench checksums every byte it reads (the copy, after the memcpy out of the "
			   "mapping that fio's mmap engine does too) and fio never reads its buffer");
	assert_lacks(c, "the checksum's cost estimated"); /* not from itself */
	assert_contains(c, "; fio's mmap engine memcpy's every block out of the mapping, as mapbench --consume "
			   "copy does, so these two should otherwise agree");
	mb_xc_free(&t);
}

/* Cold: readahead, fio's random map, mmap read-around, O_DIRECT; system
 * time when one side spent several times the other's; device variance. */
static void cold_causes(void **state)
{
	struct rows r;
	struct mb_xc_table t;
	char c[4096];

	(void)state;
	rows_open(&r);
	pair(&r, "cold", "seq", 1048576, G, (struct side){"pread", 800, 60, 300, 0, NULL},
	     (struct side){"fio-psync", 1000, 40, 280, 0, NULL});
	pair(&r, "cold", "seq", 1048576, G, (struct side){"read", 1200, 60, 40, 0, NULL},
	     (struct side){"fio-sync", 1000, 40, 10, 0, NULL});
	pair(&r, "cold", "seq", 1048576, G, (struct side){"odirect", 850, 5, 20, 0, NULL},
	     (struct side){"fio-psync-direct", 1000, 5, 20, 0, NULL});
	pair(&r, "cold", "rand", 4096, M64, (struct side){"pread", 35, 10, 60, 0, NULL},
	     (struct side){"fio-psync", 50, 10, 60, 0, NULL});
	pair(&r, "cold", "rand", 4096, M64, (struct side){"mmap", 52, 10, 60, 0, NULL},
	     (struct side){"fio-mmap", 40, 10, 60, 0, NULL});
	pair(&r, "cold", "rand", 4096, M64, (struct side){"uring", 46, 10, 60, 0, NULL},
	     (struct side){"fio-io_uring", 40, 10, 60, 0, NULL});
	build(&r, NULL, &t);
	assert_int_equal(t.n, 6);
	mb_xc_cause(&t, &t.lines[0], c, sizeof(c)); /* cold seq pread, lower */
	assert_string_equal(c, "readahead: both at read_ahead_kb=512, no fadvise hint on either side; mapbench also "
			       "checksums each block between reads; system CPU a run: mapbench 300 ms, fio 280 ms; "
			       "device variance: cold runs read a shared virtual disk whose speed moves from run to run");
	mb_xc_cause(&t, &t.lines[1], c, sizeof(c)); /* cold seq read, higher, 40 ms against 10 */
	assert_lacks(c, "mapbench also checksums");
	assert_contains(c, "system CPU a run: mapbench 40 ms, fio 10 ms; one side spent several times the system "
			   "time for the same bytes");
	mb_xc_cause(&t, &t.lines[2], c, sizeof(c)); /* odirect */
	assert_lacks(c, "readahead");
	assert_contains(c, "run to run (O_DIRECT on both sides: same block size, page-aligned buffers)");
	mb_xc_cause(&t, &t.lines[3], c, sizeof(c)); /* cold rand pread, lower */
	assert_contains(c, "fio's random map: when its random pick was read already");
	assert_contains(c, "rerun with --fio-random-generator lfsr");
	mb_xc_cause(&t, &t.lines[4], c, sizeof(c)); /* cold rand mmap */
	assert_contains(c, "mmap read-around: each fault reads up to read_ahead_kb=512 KiB around it");
	mb_xc_cause(&t, &t.lines[5], c, sizeof(c)); /* cold rand uring, higher: no order to blame */
	assert_string_equal(c, "system CPU a run: mapbench 60 ms, fio 60 ms; device variance: cold runs read a "
			       "shared virtual disk whose speed moves from run to run");
	mb_xc_free(&t);
}

/* Memory handed back to the host: per run, MiB/s with the MiB handed back,
 * the runs over 64 MiB on each side, and the total after the findings. */
static void page_reporting(void **state)
{
	struct rows r;
	struct mb_xc_table t;
	const struct mb_xc_line *l;
	char c[4096], *s;

	(void)state;
	rows_open(&r);
	pair(&r, "cold", "seq", 1048576, G, (struct side){"pread", 800, 60, 300, 0, NULL},
	     (struct side){"fio-psync", 1000, 40, 50, 0, NULL});
	build(&r, "config,method,rep,reported_mib\n"
		  "cold-seq-1M-1G,pread,1,0\ncold-seq-1M-1G,fio-psync,1,0\n"
		  "cold-seq-1M-1G,pread,2,0\ncold-seq-1M-1G,fio-psync,2,210\n"
		  "cold-seq-1M-1G,pread,3,0\ncold-seq-1M-1G,fio-psync,3,64\n"
		  "cold-seq-1M-1G,pread,4,0\ncold-seq-1M-1G,fio-psync,4,100\n"
		  "cold-seq-1M-1G,pread,5,0\ncold-seq-1M-1G,fio-psync,5,0\n", &t);
	l = cause_of(&t, "pread", c, sizeof(c));
	assert_null(l->runs_mb);
	assert_int_equal(l->handed_fio, 2);
	assert_contains(c, "per run, MiB/s (MiB handed back during it): mapbench none handed back; fio 980 (0), "
			   "990 (210), 1000 (64), 1010 (100), 1020 (0); runs that handed back over 64 MiB: "
			   "mapbench none, fio 2 of 5 (each tool");
	assert_lacks(c, "one side spent several times"); /* page reporting explains it */
	assert_true(t.have_reported);
	assert_int_equal(t.reported_mib, 374);
	s = text(&t);
	assert_contains(s, "\n\nfree page reporting: 374 MiB of freed memory went back to the host during the runs");
	free(s);
	mb_xc_free(&t);
}

/* A ratio that is no significant difference says so first. */
static void noise_first(void **state)
{
	struct rows r;
	struct mb_xc_table t;
	char c[4096], *s;

	(void)state;
	rows_open(&r);
	pair(&r, "warm", "seq", 1048576, G, (struct side){"uring", 10900, 60, 40, 0.15, NULL},
	     (struct side){"fio-io_uring", 9700, 60, 40, 0, NULL});
	build(&r, NULL, &t);
	cause_of(&t, "uring", c, sizeof(c));
	assert_false(t.lines[0].significant);
	assert_true(mb_xc_is_finding(&t.lines[0]));
	assert_contains(c, "not significant (noise: see the CI); fio's per-I/O overhead or its buffers");
	s = text(&t);
	assert_contains(s, "~  5/5  <- finding\n");
	free(s);
	mb_xc_free(&t);
}

/* A finding is a ratio outside 0.9-1.1 as printed (3 decimals): 0.9 and 1.1
 * are not, 0.899 and 1.101 are, and 0.8996 prints as 0.9. */
static void findings_on_the_printed_ratio(void **state)
{
	static const struct {
		const char *mb, *fio;
		double mib;
		int finding;
	} cases[] = {
		{"pread", "fio-psync", 900, 0},  {"read", "fio-sync", 1100, 0},
		{"mmap", "fio-mmap", 1101, 1},   {"uring", "fio-io_uring", 899.4, 1},
		{"odirect", "fio-psync-direct", 899.6, 0},
	};
	struct rows r;
	struct mb_xc_table t;

	(void)state;
	rows_open(&r);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		pair(&r, "cold", "seq", 1048576, G, (struct side){cases[i].mb, cases[i].mib, 10, 10, 0, NULL},
		     (struct side){cases[i].fio, 1000, 10, 10, 0, NULL});
	build(&r, NULL, &t);
	assert_int_equal(t.n, 5);
	for (size_t i = 0; i < t.n; i++)
		if (mb_xc_is_finding(&t.lines[i]) != cases[i].finding)
			fail_msg("%s at ratio %.4f: finding %d, want %d", cases[i].mb, cases[i].mib / 1000,
				 mb_xc_is_finding(&t.lines[i]), cases[i].finding);
	mb_xc_free(&t);
}

/* Write rows: op write, a sync mode, mapbench's sync_ns, both tools' dirty
 * and write-back deltas (MiB); a read mmap row in the same cache, pattern,
 * block and file must not pair with the write mmap pair. */
#define WHEADER "status,tool_version,method,op,sync,target,consume,pattern,cache,file_size_bytes," \
		"block_size_bytes,bytes,mib_per_s,total_ns,user_us,sys_us,sync_ns,dirty_delta_bytes," \
		"writeback_delta_bytes\n"
#define M256 (UINT64_C(256) << 20)

static void wruns(FILE *f, const char *method, const char *op, const char *sync, double mib, double user_ms,
		  double sync_ms, double dirty_mib, double wb_mib)
{
	int fio = !strncmp(method, "fio-", 4);

	for (int i = 0; i < 5; i++) {
		double m = mib * (1 + 0.01 * (i - 2)), secs = 256 / m;

		fprintf(f, "ok,%s,%s,%s,%s,%s,copy,seq,warm,%" PRIu64 ",131072,%" PRIu64 ",%.3f,%.0f,%.0f,1000,",
			fio ? "fio-3.33" : "0.1.0", method, op, sync, *sync ? "rewrite" : "", M256, M256, m,
			secs * 1e9, user_ms * 1e3);
		if (fio)
			fprintf(f, ",");
		else
			fprintf(f, "%.0f,", sync_ms * 1e6);
		fprintf(f, "%.0f,%.0f\n", dirty_mib * 1048576, wb_mib * 1048576);
	}
}

static void write_pairs(void **state)
{
	static const struct mb_xc_pair wp[] = {
		{"mmap", "fio-mmap", "mmap copy / fio mmap", NULL},
		{"pwrite", "fio-psync", "pwrite / fio psync", "write"},
		{"mmap", "fio-mmap", "mmap stores / fio mmap", "write"},
	};
	char path[PATH_MAX], err[512], c[4096], *text_ = NULL, *s;
	size_t len = 0;
	FILE *f = open_memstream(&text_, &len);
	struct mb_xc_table t;

	(void)state;
	assert_non_null(f);
	fputs(WHEADER, f);
	wruns(f, "mmap", "read", "", 7000, 50, 0, 0, 0);          /* a read pair, same cache/pattern/block/file */
	wruns(f, "fio-mmap", "read", "", 7000, 50, 0, 0, 0);
	wruns(f, "pwrite", "write", "none", 1500, 90, 0, 100, 20); /* write-back during the run */
	wruns(f, "fio-psync", "write", "none", 2000, 20, 0, 256, 0);
	wruns(f, "pwrite", "write", "fsync", 400, 90, 500, 0, 0);  /* the fsync: 500 of 640 ms */
	wruns(f, "fio-psync", "write", "fsync", 300, 20, 0, 0, 0);
	wruns(f, "mmap", "write", "none", 1000, 150, 0, 256, 0);   /* no write-back, within 0.9-1.1 */
	wruns(f, "fio-mmap", "write", "none", 1050, 150, 0, 256, 0);
	wruns(f, "mmap", "write", "msync", 500, 150, 300, 0, 0);   /* msync ~ fio's mmap --end_fsync */
	wruns(f, "fio-mmap", "write", "msync", 300, 150, 0, 0, 0);
	assert_int_equal(fclose(f), 0);
	ut_tmp_path(path, sizeof(path), "write.csv");
	ut_write_str(path, text_);
	free(text_);
	if (mb_xc_build(path, wp, 3, NULL, &t, err, sizeof(err)))
		fail_msg("mb_xc_build: %s", err);
	assert_int_equal(t.n, 5);
	assert_string_equal(t.lines[0].op, "read");
	assert_string_equal(t.lines[0].pair->label, "mmap copy / fio mmap");
	assert_true(t.lines[0].ratio == 1);
	for (size_t i = 1; i < 5; i++) {
		assert_string_equal(t.lines[i].op, "write");
		assert_true(t.lines[i].have_ratio);
		assert_int_equal(t.lines[i].n_mb, 5);
		assert_int_equal(t.lines[i].n_fio, 5);
	}
	assert_string_equal(t.lines[1].sync, "none");
	assert_string_equal(t.lines[1].pair->mb, "pwrite");
	assert_true(t.lines[1].ratio == 0.75);
	assert_true(t.lines[1].dirty_mb.ok && t.lines[1].dirty_mb.v == 100 && t.lines[1].dirty_fio.v == 256);
	assert_true(t.lines[1].wb_mb.ok && t.lines[1].wb_mb.v == 20);
	assert_true(t.lines[1].sync_mb.ok && t.lines[1].sync_mb.v == 0);
	assert_string_equal(t.lines[2].sync, "none"); /* configurations in order, pairs in theirs */
	assert_string_equal(t.lines[2].pair->label, "mmap stores / fio mmap");
	assert_string_equal(t.lines[3].sync, "fsync");
	assert_true(t.lines[3].sync_mb.ok && t.lines[3].sync_mb.v == 500);
	assert_string_equal(t.lines[4].sync, "msync");
	assert_false(t.lines[1].csum.ok); /* no checksum estimate for writes */
	mb_xc_cause(&t, &t.lines[1], c, sizeof(c));
	assert_string_equal(c, "dirty-page write-back during the run: the kernel's flusher wrote back dirty pages (past "
			       "dirty_background_bytes or dirty_expire_centisecs, whichever run made them); the bytes "
			       "written less the pages left dirty (nr_dirty, system-wide), a run: mapbench 156 MiB, fio "
			       "0 MiB; under write-back at the end, mapbench 20 MiB, fio 0 MiB; the copy's source: "
			       "mapbench writes the dataset's bytes from a file-sized copy in memory, so every byte it "
			       "writes is read from DRAM first, while fio writes one block-sized buffer over and over, "
			       "which stays in the CPU cache (user CPU a run: mapbench 90 ms, fio 20 ms); fio writes its "
			       "own bytes (random, scrambled per write), mapbench the dataset's, verified after its "
			       "clock stops");
	mb_xc_cause(&t, &t.lines[3], c, sizeof(c));
	assert_contains(c, "the fsync at the end: it writes the whole file's dirty pages to the device");
	assert_contains(c, "; mapbench's fsync took 500 ms of its 640 ms a run (78%), so the ratio mostly compares "
			   "two write-backs; fio's --end_fsync=1 (fsync(2), as mapbench's fsync) is inside its runtime");
	assert_lacks(c, "the copy's source");
	mb_xc_cause(&t, &t.lines[4], c, sizeof(c));
	assert_contains(c, "the msync at the end");
	assert_contains(c, "(on its mmap engine an msync(MS_SYNC) of the whole mapping, the call mapbench's msync makes)");
	assert_contains(c, "; both store into a MAP_SHARED mapping of the cached file");
	s = text(&t);
	assert_contains(s, "configuration                 pair ");
	assert_contains(s, "\nwarm seq 128K 256M            mmap copy / fio mmap");
	assert_contains(s, "\nwarm seq 128K 256M sync=none  pwrite / fio psync              1500    "
			   "   2000          -          -   0.75");
	assert_contains(s, "\nwarm seq 128K 256M sync=none  mmap stores / fio mmap          1000    "
			   "   1050          -          -  0.952");
	assert_contains(s, "- warm seq 128K 256M sync=fsync, pwrite / fio psync: mapbench / fio = 1.333");
	assert_lacks(s, "- warm seq 128K 256M sync=none, mmap stores"); /* 0.952: no finding */
	free(s);
	mb_xc_free(&t);
}

static void bad_input(void **state)
{
	char path[PATH_MAX], rpath[PATH_MAX], err[512];
	struct mb_xc_table t;

	(void)state;
	ut_tmp_path(path, sizeof(path), "bad.csv");
	ut_write_str(path, "status,method,cache\nok,read,warm\n");
	assert_int_equal(mb_xc_build(path, pairs, NPAIRS, NULL, &t, err, sizeof(err)), -EINVAL);
	assert_contains(err, "no column 'pattern'");
	ut_write_str(path, HEADER);
	ut_tmp_path(rpath, sizeof(rpath), "rep.csv");
	ut_write_str(rpath, "config,method,rep,reported_mib\nwarm-seq-4K-1G,read,1,x\n");
	assert_int_equal(mb_xc_build(path, pairs, NPAIRS, rpath, &t, err, sizeof(err)), -EINVAL);
	assert_contains(err, "line 2: reported_mib 'x' is not a whole number");
	ut_write_str(rpath, "config,method\n");
	assert_int_equal(mb_xc_build(path, pairs, NPAIRS, rpath, &t, err, sizeof(err)), -EINVAL);
	assert_contains(err, "want the columns config, method and reported_mib");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(numbers_print_as_jq_did),
		cmocka_unit_test(pairs_with_fio_rows),
		cmocka_unit_test(order_and_missing_pairs),
		cmocka_unit_test(warm_fio_slower),
		cmocka_unit_test(warm_mapbench_slower),
		cmocka_unit_test(cold_causes),
		cmocka_unit_test(page_reporting),
		cmocka_unit_test(noise_first),
		cmocka_unit_test(findings_on_the_printed_ratio),
		cmocka_unit_test(write_pairs),
		cmocka_unit_test(bad_input),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, ut_tmpdir_setup, ut_tmpdir_teardown);
}
