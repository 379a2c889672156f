/* test_compare.c: `mapbench compare`'s statistics and matching
 * (analyze/compare*.c) on small results CSVs made here: a known shift is
 * found and its interval holds it, identical samples are ~, Holm's
 * correction against the textbook example, the geometric mean and its
 * bootstrap interval, configurations kept apart (one side only, rows not ok,
 * a cache state not reached, another large-folio share) out of the summary,
 * and bad input refused with the file and line: the same rows twice,
 * different schema versions, nothing shared. The Mann-Whitney p-values and
 * ratio intervals themselves are checked against independent computations
 * in test_ratio.c. */
#include "unit.h"

#include <math.h>

#include "compare.h"
#include "csvio.h"
#include "group.h"

#define HEADER "schema,run_id,timestamp_utc,kernel,fs_type,method,op,pattern,cache,file_size_bytes," \
	       "block_size_bytes,rep,round,start_ns,mib_per_s,total_ns,resident_before_pct," \
	       "large_folio_pct,status,lat_timed\n"

struct text {
	char *s;
	size_t n, cap;
};

static void put(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->cap - t->n < 512) {
		t->cap = t->cap ? t->cap * 2 : 8192;
		t->s = realloc(t->s, t->cap);
		assert_non_null(t->s);
	}
	va_start(ap, fmt);
	n = vsnprintf(t->s + t->n, t->cap - t->n, fmt, ap);
	va_end(ap);
	assert_true(n > 0 && (size_t)n < t->cap - t->n);
	t->n += (size_t)n;
}

/* One configuration's rows: n samples of mib_per_s around mib, each scaled
 * by (1 + cv * z) with z standard normal from seed; res and folio the
 * resident and large-folio percentages ("" for none); status per row. */
struct cfg {
	const char *kernel, *method, *cache;
	unsigned size;
	double mib, cv, scale;
	size_t n;
	const char *res, *folio, *status;
	uint64_t seed;
	const char *run;
};

static double normal(uint64_t *s)
{
	double u = ((double)(ut_rand(s) >> 11) + 0.5) / 9007199254740992.0;
	double v = ((double)(ut_rand(s) >> 11) + 0.5) / 9007199254740992.0;

	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

static void rows(struct text *t, const struct cfg *c)
{
	uint64_t seed = c->seed ? c->seed : 7;

	for (size_t i = 0; i < c->n; i++) {
		double x = c->mib * (c->scale ? c->scale : 1.0) * (1.0 + c->cv * normal(&seed));

		put(t, "1,%s,2026-12-06T10:00:%02zuZ,%s,ext4,%s,read,seq,%s,%u,4096,%zu,%zu,%zu,%.6f,%.0f,%s,%s,%s,0\n",
		    c->run ? c->run : "r1", i % 60, c->kernel, c->method, c->cache, c->size, i + 1, i + 1,
		    1000 + i, x, 1e9 / x, c->res ? c->res : "100.00", c->folio ? c->folio : "",
		    c->status ? c->status : "ok");
	}
}

static void file_of(struct mb_groups *gs, const char *name, const struct text *t)
{
	char path[PATH_MAX], err[512];

	ut_tmp_path(path, sizeof(path), name);
	ut_write_file(path, t->s, t->n);
	memset(gs, 0, sizeof(*gs));
	gs->track = 1;
	if (mb_groups_read_path(gs, path, err, sizeof(err)))
		fail_msg("%s", err);
}

static const struct mb_compare_opts defaults = {.by = -1, .metric = MB_M_MIB_PER_S, .seed = 1};

/* Builds the comparison of two texts (base, target) into c; 0 or its error. */
static int compare2(struct mb_groups gs[2], struct text *a, struct text *b, struct mb_compare *c,
		    char *err, size_t errlen)
{
	const char *names[2] = {"base.csv", "target.csv"};

	file_of(&gs[0], names[0], a);
	file_of(&gs[1], names[1], b);
	return mb_compare_build(c, gs, names, 2, &defaults, err, errlen);
}

static void done(struct mb_groups gs[2], struct text *a, struct text *b)
{
	mb_groups_free(&gs[0]);
	mb_groups_free(&gs[1]);
	free(a->s);
	free(b->s);
}

static const struct mb_cmp_row *row_of(const struct mb_compare *c, const char *method, unsigned size)
{
	char want[16];

	snprintf(want, sizeof(want), "%u", size);
	for (size_t i = 0; i < c->nrows; i++) {
		const struct mb_group *g = c->rows[i].base ? c->rows[i].base : c->rows[i].other;

		if (!strcmp(g->kv[MB_K_method], method) && !strcmp(g->kv[MB_K_file_size_bytes], want))
			return &c->rows[i];
	}
	fail_msg("no row for %s %u", method, size);
	return NULL;
}

/* A 10% shift with 20 samples a side (CV 3%) is significant in every
 * configuration, and each one's ratio CI holds 1.10; the geomean is near it. */
static void test_shift_found(void **state)
{
	static const char *const methods[] = {"read", "pread", "mmap"};
	struct text a = {0}, b = {0};
	struct mb_groups gs[2];
	struct mb_compare c;
	char err[512];

	(void)state;
	put(&a, HEADER);
	put(&b, HEADER);
	for (size_t m = 0; m < 3; m++) {
		rows(&a, &(struct cfg){"6.1", methods[m], "warm", 1048576, 1000.0 * (m + 1), 0.03, 1.0, 20,
				       .seed = 11 + m});
		rows(&b, &(struct cfg){"6.6", methods[m], "warm", 1048576, 1000.0 * (m + 1), 0.03, 1.10, 20,
				       .seed = 101 + m});
	}
	assert_int_equal(compare2(gs, &a, &b, &c, err, sizeof(err)), 0);
	assert_int_equal(c.nsides, 2);
	assert_true(c.compared[MB_K_kernel]);
	assert_false(c.compared[MB_K_method]);
	assert_string_equal(c.sides[1].label, "kernel=6.6");
	assert_string_equal(c.sides[1].title, "kernel=6.6");
	assert_int_equal(c.nrows, 3);
	for (size_t i = 0; i < c.nrows; i++) {
		const struct mb_cmp_row *r = &c.rows[i];

		assert_int_equal(r->cls, MB_CMP_LIKE);
		assert_int_equal(r->mark, MB_CMP_FASTER);
		assert_true(r->p_holm < 0.05);
		assert_true(r->p_holm >= r->r.p);
		if (!(r->r.ci_lo <= 1.10 && 1.10 <= r->r.ci_hi))
			fail_msg("ratio CI [%g, %g] misses 1.10", r->r.ci_lo, r->r.ci_hi);
	}
	assert_int_equal(c.sum[1].like, 3);
	assert_int_equal(c.sum[1].faster, 3);
	/* the geomean's interval is over configurations (their spread), not
	 * over the samples within each */
	assert_true(fabs(c.sum[1].geomean - 1.10) < 0.02);
	assert_true(c.sum[1].lo <= c.sum[1].geomean && c.sum[1].geomean <= c.sum[1].hi);
	assert_true(c.sum[1].hi - c.sum[1].lo < 0.05);
	mb_compare_free(&c);
	done(gs, &a, &b);
}

/* The same samples on both sides: ~ everywhere, ratio 1. A time metric is
 * lower-better: a 10% longer time is slower. */
static void test_identical_and_direction(void **state)
{
	struct text a = {0}, b = {0};
	struct mb_groups gs[2];
	struct mb_compare c;
	struct mb_compare_opts o = defaults;
	const char *names[2] = {"base.csv", "target.csv"};
	char err[512];

	(void)state;
	put(&a, HEADER);
	put(&b, HEADER);
	rows(&a, &(struct cfg){"6.1", "read", "warm", 1048576, 1000, 0.03, 1.0, 20, .seed = 5});
	rows(&b, &(struct cfg){"6.2", "read", "warm", 1048576, 1000, 0.03, 1.0, 20, .seed = 5});
	assert_int_equal(compare2(gs, &a, &b, &c, err, sizeof(err)), 0);
	assert_int_equal(c.rows[0].mark, MB_CMP_SAME);
	assert_true(fabs(c.rows[0].r.ratio - 1.0) < 1e-12);
	assert_true(c.rows[0].p_holm > 0.9);
	assert_int_equal(c.sum[1].same, 1);
	mb_compare_free(&c);
	done(gs, &a, &b);

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	put(&a, HEADER);
	put(&b, HEADER);
	rows(&a, &(struct cfg){"6.1", "read", "warm", 1048576, 1000, 0.02, 1.0, 20, .seed = 5});
	rows(&b, &(struct cfg){"6.2", "read", "warm", 1048576, 1000, 0.02, 1 / 1.10, 20, .seed = 9});
	file_of(&gs[0], names[0], &a);
	file_of(&gs[1], names[1], &b);
	o.metric = MB_M_TOTAL_NS;
	assert_int_equal(mb_compare_build(&c, gs, names, 2, &o, err, sizeof(err)), 0);
	assert_false(c.higher_better);
	assert_true(c.rows[0].r.ratio > 1.05);
	assert_int_equal(c.rows[0].mark, MB_CMP_SLOWER);
	mb_compare_free(&c);
	done(gs, &a, &b);
}

/* Holm (1979) as textbooks show it: p = 0.01, 0.04, 0.03, 0.005 for four
 * hypotheses become 0.03, 0.06, 0.06, 0.02: at 0.05 the first and last
 * stay significant, 0.04 and 0.03 (significant alone) no longer are. */
static void test_holm_textbook(void **state)
{
	double p[] = {0.01, 0.04, 0.03, 0.005}, want[] = {0.03, 0.06, 0.06, 0.02};
	double one[] = {0.03}, big[] = {0.5, 0.6};

	(void)state;
	mb_holm(p, 4, p);
	for (size_t i = 0; i < 4; i++)
		assert_true(fabs(p[i] - want[i]) < 1e-12);
	mb_holm(one, 1, one);
	assert_true(fabs(one[0] - 0.03) < 1e-12);
	mb_holm(big, 2, big); /* capped at 1, never below the step before */
	assert_true(fabs(big[0] - 1.0) < 1e-12 && fabs(big[1] - 1.0) < 1e-12);
}

/* The geometric mean and a bootstrap interval that holds it, the same for
 * the same seed. */
static void test_geomean(void **state)
{
	double x[] = {1.1, 1.2, 0.9, 1.05, 1.0}, g, lo, hi, g2, lo2, hi2, one[] = {1.3};

	(void)state;
	assert_int_equal(mb_geomean_ci(x, 5, 3, 0, &g, &lo, &hi), 0);
	assert_true(fabs(g - exp((log(1.1) + log(1.2) + log(0.9) + log(1.05)) / 5)) < 1e-12);
	assert_true(lo < g && g < hi && lo >= 0.9 && hi <= 1.2);
	assert_int_equal(mb_geomean_ci(x, 5, 3, 0, &g2, &lo2, &hi2), 0);
	assert_true(lo == lo2 && hi == hi2);
	assert_int_equal(mb_geomean_ci(one, 1, 3, 100, &g, &lo, &hi), 0);
	assert_true(fabs(g - 1.3) < 1e-12 && fabs(lo - 1.3) < 1e-12 && fabs(hi - 1.3) < 1e-12);
	assert_int_equal(mb_geomean_ci(x, 0, 3, 0, &g, &lo, &hi), -EINVAL);
}

/* Kept apart, out of the summary: one side only, rows not ok, warm not
 * fully resident, cold not reached, another large-folio share; fewer than 5
 * samples: compared but ~. */
static void test_apart(void **state)
{
	struct text a = {0}, b = {0};
	struct mb_groups gs[2];
	struct mb_compare c;
	const struct mb_cmp_row *r;
	char err[512];

	(void)state;
	put(&a, HEADER);
	put(&b, HEADER);
	/* like: read 1M, ratio 1.2 */
	rows(&a, &(struct cfg){"6.1", "read", "warm", 1048576, 1000, 0.01, 1.0, 10, .seed = 1});
	rows(&b, &(struct cfg){"6.6", "read", "warm", 1048576, 1000, 0.01, 1.2, 10, .seed = 2});
	/* the baseline only / the side only */
	rows(&a, &(struct cfg){"6.1", "pread", "warm", 1048576, 900, 0.01, 1.0, 10, .seed = 0});
	rows(&b, &(struct cfg){"6.6", "readv", "warm", 1048576, 900, 0.01, 1.0, 10, .seed = 0});
	/* error rows on the side */
	rows(&a, &(struct cfg){"6.1", "mmap", "warm", 1048576, 800, 0.01, 1.0, 10, .seed = 0});
	rows(&b, &(struct cfg){"6.6", "mmap", "warm", 1048576, 800, 0.01, 1.0, 9, .seed = 0});
	rows(&b, &(struct cfg){"6.6", "mmap", "warm", 1048576, 800, 0.01, 1.0, 1, .status = "error", .run = "r9"});
	/* warm not fully resident on the side */
	rows(&a, &(struct cfg){"6.1", "read", "warm", 4194304, 1000, 0.01, 1.0, 10, .seed = 0});
	rows(&b, &(struct cfg){"6.6", "read", "warm", 4194304, 1000, 0.01, 1.0, 10, .res = "97.50"});
	/* cold not reached on the baseline */
	rows(&a, &(struct cfg){"6.1", "read", "cold", 4194304, 100, 0.01, 1.0, 10, .res = "12.00"});
	rows(&b, &(struct cfg){"6.6", "read", "cold", 4194304, 100, 0.01, 1.0, 10, .res = "0.00"});
	/* large folios: 0% vs 90% */
	rows(&a, &(struct cfg){"6.1", "mmap", "warm", 4194304, 700, 0.01, 1.0, 10, .folio = "0.00"});
	rows(&b, &(struct cfg){"6.6", "mmap", "warm", 4194304, 700, 0.01, 1.0, 10, .folio = "90.00"});
	/* 3 samples a side: ~ whatever the ratio */
	rows(&a, &(struct cfg){"6.1", "pread", "warm", 4194304, 1000, 0.01, 1.0, 3, .seed = 3});
	rows(&b, &(struct cfg){"6.6", "pread", "warm", 4194304, 1000, 0.01, 2.0, 3, .seed = 4});
	assert_int_equal(compare2(gs, &a, &b, &c, err, sizeof(err)), 0);

	assert_int_equal(row_of(&c, "read", 1048576)->cls, MB_CMP_LIKE);
	assert_int_equal(row_of(&c, "read", 1048576)->mark, MB_CMP_FASTER);
	assert_int_equal(row_of(&c, "pread", 1048576)->cls, MB_CMP_BASE_ONLY);
	assert_int_equal(row_of(&c, "readv", 1048576)->cls, MB_CMP_SIDE_ONLY);
	r = row_of(&c, "mmap", 1048576);
	assert_int_equal(r->cls, MB_CMP_UNLIKE);
	assert_non_null(strstr(r->reason, "not ok"));
	assert_non_null(strstr(r->reason, "1 on 6.6"));
	r = row_of(&c, "read", 4194304); /* the warm one comes first */
	assert_int_equal(r->cls, MB_CMP_UNLIKE);
	assert_non_null(strstr(r->reason, "warm not reached on 6.6: 97.50%"));
	for (size_t i = 0; i < c.nrows; i++)
		if (!strcmp(c.rows[i].base ? c.rows[i].base->kv[MB_K_cache] : "", "cold")) {
			assert_int_equal(c.rows[i].cls, MB_CMP_UNLIKE);
			assert_non_null(strstr(c.rows[i].reason, "cold not reached on the baseline"));
		}
	r = row_of(&c, "mmap", 4194304);
	assert_int_equal(r->cls, MB_CMP_UNLIKE);
	assert_non_null(strstr(r->reason, "large-folio share 0% on the baseline, 90% on 6.6"));
	r = row_of(&c, "pread", 4194304);
	assert_int_equal(r->cls, MB_CMP_LIKE);
	assert_int_equal(r->mark, MB_CMP_SAME);
	assert_string_equal(r->reason, "n < 5");
	assert_true(isnan(r->p_holm));

	/* the summary: the two like rows only */
	assert_int_equal(c.sum[1].like, 2);
	assert_int_equal(c.sum[1].unlike, 4);
	assert_int_equal(c.sum[1].base_only, 1);
	assert_int_equal(c.sum[1].side_only, 1);
	assert_true(fabs(c.sum[1].geomean - sqrt(row_of(&c, "read", 1048576)->r.ratio *
						 row_of(&c, "pread", 4194304)->r.ratio)) < 1e-9);
	mb_compare_free(&c);

	/* --ignore-folios lets the folio difference in */
	{
		struct mb_compare_opts o = defaults;
		const char *names[2] = {"base.csv", "target.csv"};

		o.ignore_folios = 1;
		assert_int_equal(mb_compare_build(&c, gs, names, 2, &o, err, sizeof(err)), 0);
		assert_int_equal(row_of(&c, "mmap", 4194304)->cls, MB_CMP_LIKE);
		assert_int_equal(c.sum[1].like, 3);
		mb_compare_free(&c);
	}
	done(gs, &a, &b);
}

/* Two files of one configuration each (the second's rows in schema 2 when
 * schema2) are refused with an error holding want. */
static void refused(const struct cfg *ca, const struct cfg *cb, int schema2, const char *want)
{
	struct text a = {0}, b = {0};
	struct mb_groups gs[2];
	struct mb_compare c;
	char err[512];

	put(&a, HEADER);
	rows(&a, ca);
	put(&b, HEADER);
	rows(&b, cb);
	for (char *p = b.s + strlen(HEADER) - 1; schema2 && (p = strchr(p, '\n')) && p[1]; p++)
		p[1] = '2';
	assert_int_equal(compare2(gs, &a, &b, &c, err, sizeof(err)), -EINVAL);
	if (!strstr(err, want))
		fail_msg("error '%s' lacks '%s'", err, want);
	done(gs, &a, &b);
}

/* Bad input: the same rows twice (one file given twice, or copied into
 * another, or twice in one file), different schema versions, nothing
 * shared. */
static void test_bad_input(void **state)
{
	struct text a = {0}, b = {0};
	struct mb_groups gs[2];
	struct mb_compare c;
	char err[512];

	(void)state;
	refused(&(struct cfg){"6.1", "read", "warm", 1048576, 1000, 0.03, 1.0, 6, .seed = 0},
		&(struct cfg){"6.1", "read", "warm", 1048576, 1000, 0.03, 1.0, 6, .seed = 0}, 0,
		" is the same row as base.csv line ");
	refused(&(struct cfg){"6.1", "read", "warm", 1048576, 1000, 0.03, 1.0, 6, .seed = 0},
		&(struct cfg){"6.6", "read", "warm", 1048576, 1000, 0.03, 1.0, 6, .seed = 0}, 1,
		"target.csv: line 2: results schema '2', but base.csv has schema '1'");
	refused(&(struct cfg){"6.1", "read", "warm", 1048576, 1000, 0.03, 1.0, 6, .seed = 0},
		&(struct cfg){"6.6", "read", "warm", 4194304, 1000, 0.03, 1.0, 6, .seed = 0}, 0,
		"kernel=6.1 and kernel=6.6 share no configuration: they differ in file_size_bytes");

	/* one file holding a row twice */
	put(&a, HEADER);
	rows(&a, &(struct cfg){"6.1", "read", "warm", 1048576, 1000, 0.03, 1.0, 6, .seed = 0});
	rows(&a, &(struct cfg){"6.1", "read", "warm", 1048576, 1000, 0.03, 1.0, 1, .seed = 0});
	put(&b, HEADER);
	rows(&b, &(struct cfg){"6.6", "read", "warm", 1048576, 1000, 0.03, 1.0, 6, .seed = 0});
	assert_int_equal(compare2(gs, &a, &b, &c, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "base.csv: line 8 is the same row as base.csv line 2"));
	done(gs, &a, &b);
}

/* One file, --by method: the sides are its values, --base picks the
 * baseline; without --by, the environment column with two values. */
static void test_one_file_by(void **state)
{
	struct text a = {0};
	struct mb_groups gs;
	struct mb_compare c;
	struct mb_compare_opts o = defaults;
	const char *names[1] = {"one.csv"};
	char err[512];

	(void)state;
	put(&a, HEADER);
	rows(&a, &(struct cfg){"6.1", "read", "warm", 1048576, 1000, 0.02, 1.0, 8, .seed = 1});
	rows(&a, &(struct cfg){"6.1", "mmap", "warm", 1048576, 1000, 0.02, 1.5, 8, .seed = 2});
	rows(&a, &(struct cfg){"6.6", "read", "warm", 1048576, 1000, 0.02, 1.1, 8, .seed = 3, .run = "r2"});
	rows(&a, &(struct cfg){"6.6", "mmap", "warm", 1048576, 1000, 0.02, 1.6, 8, .seed = 4, .run = "r2"});
	file_of(&gs, names[0], &a);
	o.by = MB_K_method;
	o.base = "mmap";
	assert_int_equal(mb_compare_build(&c, &gs, names, 1, &o, err, sizeof(err)), 0);
	assert_string_equal(c.sides[0].label, "method=mmap");
	assert_string_equal(c.sides[1].name, "read");
	assert_int_equal(c.sum[1].like, 2); /* per kernel */
	assert_true(c.sum[1].geomean < 0.75);
	mb_compare_free(&c);

	o = defaults; /* the kernel differs: it is compared */
	assert_int_equal(mb_compare_build(&c, &gs, names, 1, &o, err, sizeof(err)), 0);
	assert_true(c.compared[MB_K_kernel]);
	assert_string_equal(c.sides[1].label, "kernel=6.6");
	assert_int_equal(c.sum[1].like, 2);
	mb_compare_free(&c);

	o.base = "7.0";
	o.by = MB_K_kernel;
	assert_int_equal(mb_compare_build(&c, &gs, names, 1, &o, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "no rows with kernel=7.0"));
	mb_groups_free(&gs);
	free(a.s);
}

/* Five samples a side over twelve configurations: the smallest p any can
 * reach, 2/252, times 12 is above 0.05, so the summary says more
 * repetitions are needed; with eight a side it does not. */
static void test_too_few_reps(void **state)
{
	for (size_t n = 5; n <= 8; n += 3) {
		struct text a = {0}, b = {0};
		struct mb_groups gs[2];
		struct mb_compare c;
		char err[512], line[2048];

		(void)state;
		put(&a, HEADER);
		put(&b, HEADER);
		for (unsigned k = 0; k < 12; k++) {
			rows(&a, &(struct cfg){"6.1", "read", "warm", 4096u << k, 1000, 0.01, 1.0, n, .seed = 1 + k});
			rows(&b, &(struct cfg){"6.6", "read", "warm", 4096u << k, 1000, 0.01, 1.5, n, .seed = 99 + k});
		}
		assert_int_equal(compare2(gs, &a, &b, &c, err, sizeof(err)), 0);
		assert_int_equal(c.sum[1].tested, 12);
		mb_compare_summary_line(&c, 1, line, sizeof(line));
		if (n == 5) {
			assert_int_equal(c.sum[1].faster, 0);
			assert_non_null(strstr(line, "too few repetitions"));
		} else {
			assert_int_equal(c.sum[1].faster, 12);
			assert_null(strstr(line, "too few repetitions"));
		}
		mb_compare_free(&c);
		done(gs, &a, &b);
	}
}

/* Two runs that differ in no key column (a rerun): the sides are the
 * files, named by their results folder. */
static void test_rerun_named_by_folder(void **state)
{
	struct text a = {0}, b = {0};
	struct mb_groups gs[2];
	struct mb_compare c;
	const char *names[2] = {"runs/first/results.csv", "runs/second/results.csv"};
	char err[512];

	(void)state;
	put(&a, HEADER);
	put(&b, HEADER);
	rows(&a, &(struct cfg){"6.1", "read", "warm", 1048576, 1000, 0.02, 1.0, 6, .seed = 1});
	rows(&b, &(struct cfg){"6.1", "read", "warm", 1048576, 1000, 0.02, 1.0, 6, .seed = 2, .run = "r2"});
	file_of(&gs[0], "first.csv", &a);
	file_of(&gs[1], "second.csv", &b);
	assert_int_equal(mb_compare_build(&c, gs, names, 2, &defaults, err, sizeof(err)), 0);
	assert_string_equal(c.sides[0].name, "first");
	assert_string_equal(c.sides[1].name, "second");
	assert_string_equal(c.sides[1].label, "file=second");
	assert_int_equal(c.sum[1].like, 1);
	mb_compare_free(&c);
	done(gs, &a, &b);
}

/* What the formats write: the CSV's classes and geomean row, benchstat's
 * key lines and Benchmark lines, one per sample. */
static void test_formats(void **state)
{
	struct text a = {0}, b = {0};
	struct mb_groups gs[2];
	struct mb_compare c;
	struct mb_csv_table t;
	char err[512], path[PATH_MAX];
	char *bs, *line;
	size_t nbench = 0;
	int fd;

	(void)state;
	put(&a, HEADER);
	put(&b, HEADER);
	rows(&a, &(struct cfg){"6.1", "read", "warm", 1048576, 1000, 0.03, 1.0, 6, .seed = 0});
	rows(&b, &(struct cfg){"6.6", "read", "warm", 1048576, 1000, 0.03, 1.1, 6, .seed = 0});
	rows(&a, &(struct cfg){"6.1", "mmap", "warm", 1048576, 1000, 0.03, 1.0, 6, .seed = 0});
	assert_int_equal(compare2(gs, &a, &b, &c, err, sizeof(err)), 0);

	ut_tmp_path(path, sizeof(path), "cmp.csv");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(mb_compare_write_csv(&c, fd), 0);
	close(fd);
	assert_int_equal(mb_csv_table_load(path, &t, err, sizeof(err)), 0);
	assert_int_equal(t.nrows, 3);
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "class")], "like");
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "side")], "kernel=6.6");
	assert_string_equal(t.rows[0][mb_csv_table_col(&t, "base_n")], "6");
	assert_string_equal(t.rows[1][mb_csv_table_col(&t, "class")], "base_only");
	assert_string_equal(t.rows[1][mb_csv_table_col(&t, "ratio")], "");
	assert_string_equal(t.rows[2][mb_csv_table_col(&t, "class")], "geomean");
	assert_string_equal(t.rows[2][mb_csv_table_col(&t, "base_n")], "1");
	assert_string_equal(t.rows[2][mb_csv_table_col(&t, "ratio")],
			    t.rows[0][mb_csv_table_col(&t, "ratio")]);
	mb_csv_table_free(&t);

	ut_tmp_path(path, sizeof(path), "cmp.txt");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(mb_compare_write_benchstat(&c, fd), 0);
	close(fd);
	bs = ut_read_file(path, NULL);
	assert_non_null(strstr(bs, "\nkernel: 6.1\nBenchmarkMapbench/op=read/method=read/"));
	assert_non_null(strstr(bs, "\nkernel: 6.6\nBenchmarkMapbench/op=read/method=read/"));
	for (line = bs; (line = strstr(line, "\nBenchmark")); line++) {
		assert_non_null(strstr(line, " ns/op "));
		assert_non_null(strstr(line, " MB/s\n"));
		nbench++;
	}
	assert_int_equal(nbench, 18); /* every sample: 6 + 6 on the baseline, 6 on the side */
	free(bs);
	mb_compare_free(&c);
	done(gs, &a, &b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shift_found),
		cmocka_unit_test(test_identical_and_direction),
		cmocka_unit_test(test_holm_textbook),
		cmocka_unit_test(test_geomean),
		cmocka_unit_test(test_apart),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_one_file_by),
		cmocka_unit_test(test_rerun_named_by_folder),
		cmocka_unit_test(test_too_few_reps),
		cmocka_unit_test(test_formats),
	};

	return cmocka_run_group_tests(tests, ut_tmpdir_setup, ut_tmpdir_teardown);
}
