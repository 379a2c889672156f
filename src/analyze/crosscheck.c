/* crosscheck.c: the figures of mapbench against fio per configuration and
 * pair (see crosscheck.h): ratios from ratio.c, CPU times from the groups,
 * the checksum's cost from the mmap pair, page reporting per run. */
#include "crosscheck.h"
#include "csvio.h"
#include "group.h"
#include "parse.h"
#include "ratio.h"
#include "stats.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The columns of the results file read row by row (all statuses); those
 * from C_RA on may be missing (an older file: read rows only). */
enum {
	C_METHOD, C_CACHE, C_PATTERN, C_BLOCK, C_FILE, C_MIB, C_RA, C_OP, C_SYNC, C_TARGET, C_STATUS,
	C_SYNC_NS, C_DIRTY, C_WB, NCOLS
};
static const char *const col_names[NCOLS] = {
	"method", "cache", "pattern", "block_size_bytes", "file_size_bytes", "mib_per_s", "read_ahead_kb",
	"op", "sync", "target", "status", "sync_ns", "dirty_delta_bytes",
	"writeback_delta_bytes",
};

struct ctx {
	struct mb_csv_table rows, rep;  /* results rows; page reporting (rep.ncols 0: none) */
	long col[NCOLS], rep_config, rep_method, rep_mib;
	struct mb_groups gs;
	struct mb_ratio_set *mib, *ops; /* per pair */
	const struct mb_xc_pair *pairs;
	size_t npairs;
};

static double rnd(double x, double scale)
{
	return round(x * scale) / scale;
}

static const char *cell(const struct ctx *c, size_t row, int col)
{
	return c->col[col] < 0 ? "" : c->rows.rows[row][c->col[col]];
}

/* The op of results row j: "read" when the file has no op column. */
static const char *row_op(const struct ctx *c, size_t j)
{
	return *cell(c, j, C_OP) ? cell(c, j, C_OP) : "read";
}

static const char *pair_op(const struct mb_xc_pair *p)
{
	return p->op ? p->op : "read";
}

/* 1 when results row i is of method (NULL: any) in the configuration of row
 * j (for writes, the sync mode and target are part of it). */
static int same_config(const struct ctx *c, size_t i, size_t j, const char *method)
{
	static const int cfg[] = {C_CACHE, C_PATTERN, C_BLOCK, C_FILE, C_OP, C_SYNC, C_TARGET};

	if (method && strcmp(cell(c, i, C_METHOD), method))
		return 0;
	for (size_t k = 0; k < sizeof(cfg) / sizeof(cfg[0]); k++)
		if (strcmp(cell(c, i, cfg[k]), cell(c, j, cfg[k])))
			return 0;
	return 1;
}

/* The ratio row of set in the configuration of results row j, or NULL. */
static const struct mb_ratio_row *ratio_here(const struct ctx *c, const struct mb_ratio_set *set, size_t j)
{
	for (size_t i = 0; i < set->n; i++) {
		const char *const *kv = set->rows[i].num->kv;

		if (!strcmp(kv[MB_K_cache], cell(c, j, C_CACHE)) &&
		    !strcmp(kv[MB_K_pattern], cell(c, j, C_PATTERN)) &&
		    !strcmp(kv[MB_K_block_size_bytes], cell(c, j, C_BLOCK)) &&
		    !strcmp(kv[MB_K_file_size_bytes], cell(c, j, C_FILE)) &&
		    !strcmp(kv[MB_K_op], cell(c, j, C_OP)) && !strcmp(kv[MB_K_sync], cell(c, j, C_SYNC)) &&
		    !strcmp(kv[MB_K_target], cell(c, j, C_TARGET)))
			return &set->rows[i];
	}
	return NULL;
}

/* The median of a group's samples of m into *x; 0 when it has none. */
static int median(const struct mb_group *g, enum mb_gmetric m, double *x)
{
	const struct mb_samples *s = &g->m[m];
	double *v;

	if (!s->n || !(v = malloc(s->n * sizeof(*v))))
		return 0;
	memcpy(v, s->v, s->n * sizeof(*v));
	*x = mb_median(v, s->n);
	free(v);
	return 1;
}

/* User and system CPU time per run and the adjusted ratio, from the groups. */
static void cpu_times(struct mb_xc_line *l, const struct mb_group *gm, const struct mb_group *gf)
{
	double um, uf, sm, sf;
	int totals;

	totals = median(gm, MB_M_TOTAL_NS, &l->total_mb) && median(gf, MB_M_TOTAL_NS, &l->total_fio);
	if (totals)
		l->total_mb /= 1e6, l->total_fio /= 1e6;
	else
		l->total_mb = l->total_fio = NAN;
	if (median(gm, MB_M_USER_US, &um) && median(gf, MB_M_USER_US, &uf)) {
		um /= 1e3, uf /= 1e3;
		l->user_mb = (struct mb_xc_num){1, rnd(um, 10)};
		l->user_fio = (struct mb_xc_num){1, rnd(uf, 10)};
		if (totals && l->total_mb - (um - uf) > 0)
			l->adj_user = (struct mb_xc_num){1, rnd(l->total_fio / (l->total_mb - (um - uf)), 100)};
	}
	if (median(gm, MB_M_SYS_US, &sm) && median(gf, MB_M_SYS_US, &sf)) {
		l->sys_mb = (struct mb_xc_num){1, rnd(sm / 1e3, 10)};
		l->sys_fio = (struct mb_xc_num){1, rnd(sf / 1e3, 10)};
	}
}

/* The median of column col over the ok rows of method in the configuration
 * of results row j, times scale, to 1 decimal; not ok when none has it. */
static struct mb_xc_num row_median(const struct ctx *c, const char *method, size_t j, int col, double scale)
{
	struct mb_xc_num r = {0, 0};
	double *v = NULL;
	size_t n = 0;

	if (c->col[col] < 0 || !(v = malloc(c->rows.nrows * sizeof(*v))))
		return r;
	for (size_t i = 0; i < c->rows.nrows; i++)
		if (same_config(c, i, j, method) && !strcmp(cell(c, i, C_STATUS), "ok") && *cell(c, i, col))
			v[n++] = strtod(cell(c, i, col), NULL);
	if (n)
		r = (struct mb_xc_num){1, rnd(mb_median(v, n) * scale, 10)};
	free(v);
	return r;
}

/* A write line's evidence: the sync call, dirty pages. */
static void write_evidence(const struct ctx *c, const struct mb_xc_pair *pr, size_t j, struct mb_xc_line *l)
{
	const double mib = 1.0 / 1048576;

	l->sync_mb = row_median(c, pr->mb, j, C_SYNC_NS, 1e-6);
	l->dirty_mb = row_median(c, pr->mb, j, C_DIRTY, mib);
	l->dirty_fio = row_median(c, pr->fio, j, C_DIRTY, mib);
	l->wb_mb = row_median(c, pr->mb, j, C_WB, mib);
	l->wb_fio = row_median(c, pr->fio, j, C_WB, mib);
}

/* The figures of pair p in the configuration of results row j into l. */
static void figures(const struct ctx *c, size_t p, size_t j, struct mb_xc_line *l)
{
	const struct mb_ratio_row *b = ratio_here(c, &c->mib[p], j), *o = ratio_here(c, &c->ops[p], j);

	if (!b)
		return;
	l->have_ratio = 1;
	l->mib_mb = b->r.med_a, l->mib_fio = b->r.med_b;
	if (!strcmp(l->pattern, "rand") && o) {
		l->ops_mb = (struct mb_xc_num){1, o->r.med_a};
		l->ops_fio = (struct mb_xc_num){1, o->r.med_b};
	}
	l->ratio = rnd(b->r.ratio, 1000);
	l->ci_lo = rnd(b->r.ci_lo, 100), l->ci_hi = rnd(b->r.ci_hi, 100);
	l->p = rnd(b->r.p, 1000);
	l->significant = b->r.p < 0.05;
	l->n_mb = b->num->m[MB_M_MIB_PER_S].n, l->n_fio = b->den->m[MB_M_MIB_PER_S].n;
	cpu_times(l, b->num, b->den);
}

/* The checksum's cost per run in line l's configuration: mapbench's mmap
 * --consume copy minus fio's mmap (the same memcpy out of the mapping, plus
 * mapbench's checksum of the copy), from line mm of the mmap pair. */
static void checksum_cost(struct mb_xc_line *l, const struct mb_xc_line *mm)
{
	double d;

	if (!l->have_ratio || !mm->have_ratio || isnan(mm->total_mb) || isnan(l->total_mb))
		return;
	d = mm->total_mb - mm->total_fio;
	l->csum = (struct mb_xc_num){1, rnd(d, 10)};
	if (d > 0 && l->total_mb - d > 0)
		l->adj_csum = (struct mb_xc_num){1, rnd(l->total_fio / (l->total_mb - d), 100)};
}

/* "warm-seq-128K-1G": the name of results row j's configuration in the page
 * reporting file. */
static void config_name(const struct ctx *c, size_t j, char *buf, size_t len)
{
	char b[32], f[32];

	mb_fmt_size(strtoull(cell(c, j, C_BLOCK), NULL, 10), b, sizeof(b));
	mb_fmt_size(strtoull(cell(c, j, C_FILE), NULL, 10), f, sizeof(f));
	snprintf(buf, len, "%s-%s-%s-%s", cell(c, j, C_CACHE), cell(c, j, C_PATTERN), b, f);
	if (!strcmp(row_op(c, j), "write")) /* "warm-seq-128K-256M-write-fsync" */
		snprintf(buf + strlen(buf), len - strlen(buf), "-write-%s", cell(c, j, C_SYNC));
}

/* Each run of method in the configuration of results row j, in order, as
 * "MiB/s (MiB handed back during it)" into *list (NULL when no memory was
 * handed back during any, or the runs and the records do not match); the
 * runs that handed back more than MB_XC_REPORTED_MIB into *over. */
static int handed_back(const struct ctx *c, const char *method, size_t j, char **list, size_t *over,
		       size_t *nruns)
{
	char name[128], *s = NULL;
	size_t nrec = 0, nrow = 0, len = 0;
	int any = 0;
	FILE *f;

	*list = NULL, *over = 0, *nruns = 0;
	if (!c->rep.ncols)
		return 0;
	config_name(c, j, name, sizeof(name));
	for (size_t i = 0; i < c->rep.nrows; i++)
		if (!strcmp(c->rep.rows[i][c->rep_config], name) && !strcmp(c->rep.rows[i][c->rep_method], method))
			nrec++, any |= atol(c->rep.rows[i][c->rep_mib]) > 0;
	for (size_t i = 0; i < c->rows.nrows; i++)
		nrow += same_config(c, i, j, method);
	if (!any || nrec != nrow)
		return 0;
	if (!(f = open_memstream(&s, &len)))
		return -ENOMEM;
	for (size_t i = 0, row = 0; i < c->rep.nrows; i++) {
		const char *mib, *rec = c->rep.rows[i][c->rep_mib];

		if (strcmp(c->rep.rows[i][c->rep_config], name) || strcmp(c->rep.rows[i][c->rep_method], method))
			continue;
		while (!same_config(c, row, j, method))
			row++;
		mib = cell(c, row++, C_MIB);
		if (*mib)
			fprintf(f, "%s%.0f (%s)", *nruns ? ", " : "", round(strtod(mib, NULL)), rec);
		else /* an error row */
			fprintf(f, "%s- (%s)", *nruns ? ", " : "", rec);
		*over += atol(rec) > MB_XC_REPORTED_MIB;
		++*nruns;
	}
	if (fclose(f)) {
		free(s);
		return -ENOMEM;
	}
	*list = s;
	return 0;
}

/* The line of pair p in the configuration of results row j. */
static int make_line(const struct ctx *c, size_t p, size_t j, struct mb_xc_line *l)
{
	const struct mb_xc_pair *pr = &c->pairs[p];
	int rc;

	memset(l, 0, sizeof(*l));
	l->pair = pr;
	mb_strlcpy(l->cache, cell(c, j, C_CACHE), sizeof(l->cache));
	mb_strlcpy(l->pattern, cell(c, j, C_PATTERN), sizeof(l->pattern));
	l->block = strtoull(cell(c, j, C_BLOCK), NULL, 10);
	l->file = strtoull(cell(c, j, C_FILE), NULL, 10);
	mb_strlcpy(l->op, row_op(c, j), sizeof(l->op));
	mb_strlcpy(l->sync, cell(c, j, C_SYNC), sizeof(l->sync));
	l->total_mb = l->total_fio = NAN;
	figures(c, p, j, l);
	if (!strcmp(l->op, "write"))
		write_evidence(c, pr, j, l);
	rc = handed_back(c, pr->mb, j, &l->runs_mb, &l->handed_mb, &l->nruns_mb);
	if (!rc)
		rc = handed_back(c, pr->fio, j, &l->runs_fio, &l->handed_fio, &l->nruns_fio);
	return rc;
}

/* Loads the results rows, their groups, and the page reporting records. */
static int load(struct ctx *c, const char *results, const char *reported, char *err, size_t errlen)
{
	int rc = mb_csv_table_load(results, &c->rows, err, errlen);

	if (rc)
		return rc;
	for (int k = 0; k < NCOLS; k++)
		if ((c->col[k] = mb_csv_table_col(&c->rows, col_names[k])) < 0 && k < C_RA) {
			snprintf(err, errlen, "%s: no column '%s' (not a results file?)", results, col_names[k]);
			return -EINVAL;
		}
	if ((rc = mb_groups_read_path(&c->gs, results, err, errlen)) || !reported)
		return rc;
	if ((rc = mb_csv_table_load(reported, &c->rep, err, errlen)))
		return rc;
	c->rep_config = mb_csv_table_col(&c->rep, "config");
	c->rep_method = mb_csv_table_col(&c->rep, "method");
	c->rep_mib = mb_csv_table_col(&c->rep, "reported_mib");
	if (c->rep_config < 0 || c->rep_method < 0 || c->rep_mib < 0) {
		snprintf(err, errlen, "%s: want the columns config, method and reported_mib", reported);
		return -EINVAL;
	}
	for (size_t i = 0; i < c->rep.nrows; i++) {
		const char *v = c->rep.rows[i][c->rep_mib];
		char *end;

		if (!*v || strtol(v, &end, 10) < 0 || *end) {
			snprintf(err, errlen, "%s: line %zu: reported_mib '%s' is not a whole number of MiB",
				 reported, c->rep.lines[i], v);
			return -EINVAL;
		}
	}
	return 0;
}

/* 1 when results row j is a mapbench row of pair p (its method and op). */
static int of_pair(const struct ctx *c, size_t p, size_t j)
{
	return !strcmp(c->pairs[p].mb, cell(c, j, C_METHOD)) && !strcmp(pair_op(&c->pairs[p]), row_op(c, j));
}

/* The index of the pair results row j is a mapbench row of, or npairs. */
static size_t pair_of(const struct ctx *c, size_t j)
{
	size_t p;

	for (p = 0; p < c->npairs && !of_pair(c, p, j); p++)
		;
	return p;
}

static int add_line(struct mb_xc_table *t, size_t *cap, const struct ctx *c, size_t p, size_t j)
{
	if (t->n == *cap) {
		size_t n = *cap ? *cap * 2 : 16;
		struct mb_xc_line *l = realloc(t->lines, n * sizeof(*l));

		if (!l)
			return -ENOMEM;
		t->lines = l, *cap = n;
	}
	return make_line(c, p, j, &t->lines[t->n++]);
}

/* The lines: configurations in the order they first ran, and in each the
 * pairs (in their order) that have a mapbench row there. */
static int make_lines(struct mb_xc_table *t, const struct ctx *c)
{
	size_t cap = 0;
	int rc = 0;

	for (size_t j = 0; !rc && j < c->rows.nrows; j++) {
		size_t i;

		if (pair_of(c, j) == c->npairs)
			continue;
		for (i = 0; i < j; i++)
			if (pair_of(c, i) < c->npairs && same_config(c, i, j, NULL))
				break;
		if (i < j)
			continue; /* seen */
		for (size_t p = 0; !rc && p < c->npairs; p++) {
			for (i = j; i < c->rows.nrows && !(same_config(c, i, j, c->pairs[p].mb) && of_pair(c, p, i));
			     i++)
				;
			if (i < c->rows.nrows)
				rc = add_line(t, &cap, c, p, j);
		}
	}
	return rc;
}

static int same_line_config(const struct mb_xc_line *a, const struct mb_xc_line *b)
{
	return !strcmp(a->cache, b->cache) && !strcmp(a->pattern, b->pattern) && a->block == b->block &&
	       a->file == b->file && !strcmp(a->op, b->op) && !strcmp(a->sync, b->sync);
}

/* Read lines only: a write's checksum is taken after the clock stops. */
static void checksum_costs(struct mb_xc_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		for (size_t k = 0; k < t->n && strcmp(t->lines[i].pair->mb, "mmap") &&
				   !strcmp(t->lines[i].op, "read"); k++)
			if (!strcmp(t->lines[k].pair->mb, "mmap") && same_line_config(&t->lines[i], &t->lines[k]))
				checksum_cost(&t->lines[i], &t->lines[k]);
}

int mb_xc_build(const char *results, const struct mb_xc_pair *pairs, size_t npairs,
		const char *reported, struct mb_xc_table *t, char *err, size_t errlen)
{
	const uint64_t also = UINT64_C(1) << MB_K_tool_version; /* fio's rows carry fio's version */
	struct ctx c = {.pairs = pairs, .npairs = npairs};
	int rc;

	memset(t, 0, sizeof(*t));
	rc = load(&c, results, reported, err, errlen);
	if (!rc && (!(c.mib = calloc(npairs + 1, sizeof(*c.mib))) || !(c.ops = calloc(npairs + 1, sizeof(*c.ops)))))
		rc = -ENOMEM;
	for (size_t p = 0; !rc && p < npairs; p++) {
		rc = mb_ratio_pairs_also(&c.gs, MB_K_method, pairs[p].mb, pairs[p].fio, MB_M_MIB_PER_S, also,
					 &c.mib[p]);
		if (!rc)
			rc = mb_ratio_pairs_also(&c.gs, MB_K_method, pairs[p].mb, pairs[p].fio, MB_M_OPS_PER_S,
						 also, &c.ops[p]);
	}
	if (!rc) {
		mb_strlcpy(t->ra_kb, c.rows.nrows && *cell(&c, 0, C_RA) ? cell(&c, 0, C_RA) : "?", sizeof(t->ra_kb));
		t->have_reported = c.rep.nrows > 0;
		for (size_t i = 0; i < c.rep.nrows; i++)
			t->reported_mib += atol(c.rep.rows[i][c.rep_mib]);
		rc = make_lines(t, &c);
	}
	if (!rc)
		checksum_costs(t);
	if (rc == -ENOMEM)
		snprintf(err, errlen, "out of memory");
	for (size_t p = 0; p < npairs && c.mib; p++) {
		mb_ratio_set_free(&c.mib[p]);
		if (c.ops)
			mb_ratio_set_free(&c.ops[p]);
	}
	free(c.mib);
	free(c.ops);
	mb_groups_free(&c.gs);
	mb_csv_table_free(&c.rows);
	mb_csv_table_free(&c.rep);
	if (rc)
		mb_xc_free(t);
	return rc;
}

void mb_xc_free(struct mb_xc_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->lines[i].runs_mb);
		free(t->lines[i].runs_fio);
	}
	free(t->lines);
	memset(t, 0, sizeof(*t));
}

int mb_xc_is_finding(const struct mb_xc_line *l)
{
	return l->have_ratio && (l->ratio < 0.9 || l->ratio > 1.1);
}
