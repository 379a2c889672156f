/* ratio.c: configurations paired across one field and their ratios (see
 * ratio.h). */
#include "ratio.h"
#include "csvio.h"
#include "method.h"
#include "parse.h"
#include "texttable.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t mb_groups_distinct(const struct mb_groups *gs, enum mb_gkey k, const char **vals, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < gs->n; i++) {
		const char *v = gs->g[i].kv[k];
		size_t j;

		for (j = 0; j < n && j < max && strcmp(vals[j], v); j++)
			;
		if (j < n && j < max)
			continue;
		if (n < max)
			vals[n] = v;
		else {
			/* past max: count it only if unseen */
			size_t x;

			for (x = 0; x < i && strcmp(gs->g[x].kv[k], v); x++)
				;
			if (x < i)
				continue;
		}
		n++;
	}
	return n;
}

static int add_row(struct mb_ratio_set *set, size_t *cap, const struct mb_group *num,
		   const struct mb_group *den)
{
	const struct mb_samples *a = &num->m[set->metric], *b = &den->m[set->metric];
	struct mb_ratio r;
	int rc = mb_ratio_compute(a->v, a->n, b->v, b->n, &r);

	if (rc == -EINVAL)
		return 0; /* no samples, or not positive: no ratio */
	if (rc)
		return rc;
	if (set->n == *cap) {
		size_t c = *cap ? *cap * 2 : 64;
		struct mb_ratio_row *rows = realloc(set->rows, c * sizeof(*rows));

		if (!rows)
			return -ENOMEM;
		set->rows = rows;
		*cap = c;
	}
	set->rows[set->n++] = (struct mb_ratio_row){.num = num, .den = den, .r = r};
	return 0;
}

/* The one value of field k among the groups whose by field is v: NULL when
 * there are none, or more than one value. */
static const char *sole_value(const struct mb_groups *gs, enum mb_gkey by, const char *v, size_t k)
{
	const char *one = NULL;

	for (size_t i = 0; i < gs->n; i++) {
		const char *x = gs->g[i].kv[k];

		if (strcmp(gs->g[i].kv[by], v))
			continue;
		if (one && strcmp(one, x))
			return NULL;
		one = x;
	}
	return one;
}

_Static_assert(MB_NKEYS <= 64, "mb_ratio_pairs_also's mask holds one bit per key field");

/* 1 if key k holds a method's own option (a column of a method's options
 * table, or method_options): empty for every other method. */
static int method_owned(size_t k)
{
	static uint64_t mask;
	static int made;

	if (!made) { /* the options table is fixed: work it out once */
		mask = 1ull << MB_K_method_options;
		for (size_t j = 0; j < MB_NKEYS; j++)
			for (size_t i = 0; i < mb_option_count(); i++)
				if (!strcmp(mb_option_at(i)->column, mb_gkey_names[j]))
					mask |= 1ull << j;
		made = 1;
	}
	return (int)(mask >> k & 1);
}

/* By method: the one group of the numerator method equal to kv in every key
 * but the methods' own options (mmap stores' fallocate=0 against write's
 * nothing: an option one method has and the other has not); NULL when there
 * is none or more than one. */
static const struct mb_group *owned_apart(const struct mb_groups *gs, const char *const *kv)
{
	const struct mb_group *hit = NULL;

	for (size_t i = 0; i < gs->n; i++) {
		const struct mb_group *g = &gs->g[i];
		size_t k;

		for (k = 0; k < MB_NKEYS; k++)
			if (!method_owned(k) && strcmp(g->kv[k], kv[k]))
				break;
		if (k < MB_NKEYS)
			continue;
		if (hit)
			return NULL;
		hit = g;
	}
	return hit;
}

/* By method, memread (no cache state: its copy is in memory) stands for a
 * warm read: swaps kv's cache between "" and "warm" for a second lookup;
 * 1 when it did. */
static int reference_cache(const char **kv)
{
	if (!*kv[MB_K_cache] && strcmp(kv[MB_K_method], "memread")) {
		kv[MB_K_cache] = "warm";
		return 1;
	}
	if (!strcmp(kv[MB_K_cache], "warm") && !strcmp(kv[MB_K_method], "memread")) {
		kv[MB_K_cache] = "";
		return 1;
	}
	return 0;
}

/* The environment fields that go with by (see ratio.h): any of them when by
 * is one, else those in also. */
static void find_follow(const struct mb_groups *gs, struct mb_ratio_set *set, uint64_t also)
{
	for (size_t k = 0; k < MB_NKEYS; k++) {
		const char *a, *b;

		if (k == (size_t)set->by || !mb_gkey_is_env((enum mb_gkey)k) ||
		    !(mb_gkey_is_env(set->by) || (also >> k & 1)))
			continue;
		a = sole_value(gs, set->by, set->num, k);
		b = sole_value(gs, set->by, set->den, k);
		if (a && b && strcmp(a, b)) {
			set->follow[k] = 1;
			set->follow_num[k] = a;
			set->follow_den[k] = b;
		}
	}
}

int mb_ratio_pairs(const struct mb_groups *gs, enum mb_gkey by, const char *num, const char *den,
		   enum mb_gmetric metric, struct mb_ratio_set *set)
{
	return mb_ratio_pairs_also(gs, by, num, den, metric, 0, set);
}

int mb_ratio_pairs_also(const struct mb_groups *gs, enum mb_gkey by, const char *num, const char *den,
			enum mb_gmetric metric, uint64_t also, struct mb_ratio_set *set)
{
	size_t cap = 0;
	int rc = 0;

	memset(set, 0, sizeof(*set));
	set->by = by, set->num = num, set->den = den, set->metric = metric;
	find_follow(gs, set, also);
	for (size_t i = 0; !rc && i < gs->n; i++) {
		const struct mb_group *d = &gs->g[i], *nu;
		const char *kv[MB_NKEYS];

		if (strcmp(d->kv[by], den))
			continue;
		memcpy(kv, d->kv, sizeof(kv));
		kv[by] = num;
		for (size_t k = 0; k < MB_NKEYS; k++)
			if (set->follow[k])
				kv[k] = set->follow_num[k];
		nu = mb_groups_find(gs, kv);
		if (!nu && by == MB_K_method)
			nu = owned_apart(gs, kv);
		if (!nu && by == MB_K_method && reference_cache(kv))
			nu = mb_groups_find(gs, kv);
		if (nu)
			rc = add_row(set, &cap, nu, d);
	}
	for (size_t i = 1; i < set->n; i++)
		for (size_t k = 0; k < MB_NKEYS; k++)
			if (k != (size_t)by && strcmp(set->rows[i].num->kv[k], set->rows[0].num->kv[k]))
				set->vary[k] = 1;
	if (rc)
		mb_ratio_set_free(set);
	return rc;
}

void mb_ratio_set_free(struct mb_ratio_set *set)
{
	free(set->rows);
	set->rows = NULL;
	set->n = 0;
}

/* The workload keys a ratio label names by themselves; every other workload
 * key is part of the series label (mb_group_series). */
static int named_apart(size_t k)
{
	return k == MB_K_cache || k == MB_K_pattern || k == MB_K_file_size_bytes ||
	       k == MB_K_block_size_bytes;
}

static void append(char *buf, size_t len, const char *a, const char *b)
{
	size_t at = strlen(buf);

	if (at < len)
		snprintf(buf + at, len - at, "%s%s%s", at ? " " : "", a, b);
}

void mb_ratio_label(const struct mb_ratio_set *set, const struct mb_ratio_row *row, char *buf,
		    size_t len)
{
	const char *const *kv = row->num->kv;
	char f[32], b[32], both[80];
	int vf = set->vary[MB_K_file_size_bytes], vb = set->vary[MB_K_block_size_bytes];

	buf[0] = '\0';
	for (size_t k = MB_NENV_KEYS; k < MB_NKEYS; k++)
		if (set->vary[k] && !named_apart(k)) {
			char series[256];

			mb_group_series(row->num, series, sizeof(series));
			append(buf, len, series, "");
			break;
		}
	/* then what else differs: the environment, the cache state, the pattern */
	for (size_t k = 0; k < MB_NENV_KEYS; k++)
		if (set->vary[k] && *kv[k])
			append(buf, len, kv[k], "");
	if (set->vary[MB_K_cache] && *kv[MB_K_cache])
		append(buf, len, kv[MB_K_cache], "");
	if (set->vary[MB_K_pattern] && *kv[MB_K_pattern])
		append(buf, len, kv[MB_K_pattern], "");
	mb_fmt_size(strtoull(kv[MB_K_file_size_bytes], NULL, 10), f, sizeof(f));
	mb_fmt_size(strtoull(kv[MB_K_block_size_bytes], NULL, 10), b, sizeof(b));
	if (vf && vb) {
		snprintf(both, sizeof(both), "%s/%s", f, b);
		append(buf, len, both, "");
	} else if (vf)
		append(buf, len, f, " file");
	else if (vb)
		append(buf, len, b, " blocks");
	if (!buf[0])
		append(buf, len, "all", "");
}

/* Values longer than this are named, not quoted, in mb_ratio_also. */
#define ALSO_MAX_VALUE 24

void mb_ratio_also(const struct mb_ratio_set *set, char *buf, size_t len)
{
	size_t at = 0;

	if (len)
		buf[0] = '\0';
	for (size_t k = 0; k < MB_NKEYS && at < len; k++) {
		const char *a = set->follow_num[k], *b = set->follow_den[k];
		int n;

		if (!set->follow[k])
			continue;
		if (strlen(a) <= ALSO_MAX_VALUE && strlen(b) <= ALSO_MAX_VALUE)
			n = snprintf(buf + at, len - at, "%s%s %s vs %s", at ? "; " : "", mb_gkey_names[k],
				     *a ? a : "(empty)", *b ? b : "(empty)");
		else
			n = snprintf(buf + at, len - at, "%s%s", at ? "; " : "", mb_gkey_names[k]);
		at += n > 0 ? (size_t)n : 0;
	}
}

void mb_fmt_ratio(double x, char *buf, size_t len)
{
	snprintf(buf, len, x >= 100 ? "%.0f" : x >= 10 ? "%.1f" : x >= 1 ? "%.2f" : "%.3f", x);
}

static const char *const ratio_cols[] = {
	"series", "label", "by", "num", "den", "metric", "n_num", "n_den", "median_num", "median_den",
	"ratio", "ratio_ci_lo", "ratio_ci_hi", "ratio_ci_level", "p_value", "significant",
	"also_differ",
};
#define NRCOLS (sizeof(ratio_cols) / sizeof(ratio_cols[0]))

/* The cells of one row, pointing into the caller's strings and buf. */
struct ratio_cells {
	const char *c[MB_NKEYS + NRCOLS];
	char series[256], label[256], num[10][32], also[1024];
};

static void row_cells(const struct mb_ratio_set *set, const struct mb_ratio_row *row, struct ratio_cells *rc)
{
	double vals[8];
	size_t n = 0;

	for (size_t k = 0; k < MB_NKEYS; k++)
		rc->c[n++] = k == (size_t)set->by || set->follow[k] ? "" : row->num->kv[k];
	mb_group_series(row->num, rc->series, sizeof(rc->series));
	mb_ratio_label(set, row, rc->label, sizeof(rc->label));
	rc->c[n++] = rc->series, rc->c[n++] = rc->label, rc->c[n++] = mb_gkey_names[set->by];
	rc->c[n++] = set->num, rc->c[n++] = set->den, rc->c[n++] = mb_gmetric_names[set->metric];
	snprintf(rc->num[0], 32, "%zu", row->num->m[set->metric].n);
	snprintf(rc->num[1], 32, "%zu", row->den->m[set->metric].n);
	rc->c[n++] = rc->num[0], rc->c[n++] = rc->num[1];
	vals[0] = row->r.med_a, vals[1] = row->r.med_b;
	vals[2] = row->r.ratio, vals[3] = row->r.ci_lo, vals[4] = row->r.ci_hi;
	vals[5] = row->r.ci_level, vals[6] = row->r.p;
	for (size_t i = 0; i < 7; i++) {
		snprintf(rc->num[2 + i], 32, "%.6g", vals[i]);
		rc->c[n++] = rc->num[2 + i];
	}
	rc->c[n++] = row->r.p < 0.05 ? "yes" : "~";
	mb_ratio_also(set, rc->also, sizeof(rc->also));
	rc->c[n++] = rc->also;
}

int mb_ratio_write(const struct mb_ratio_set *set, int out)
{
	return mb_ratio_write_as(set, out, NULL, 0, NULL, 0);
}

int mb_ratio_write_as(const struct mb_ratio_set *set, int out, const char *columns, int table, char *err,
		      size_t errlen)
{
	const char *h[MB_NKEYS + NRCOLS], *sel[MB_NKEYS + NRCOLS];
	size_t idx[MB_NKEYS + NRCOLS], n = 0, nsel;
	struct mb_ttable t = {0};
	struct ratio_cells *cells = malloc(sizeof(*cells));
	char dummy[8];
	int rc;

	if (!cells)
		return -ENOMEM;
	if (!err)
		err = dummy, errlen = sizeof(dummy);
	for (size_t k = 0; k < MB_NKEYS; k++)
		h[n++] = mb_gkey_names[k];
	for (size_t i = 0; i < NRCOLS; i++)
		h[n++] = ratio_cols[i];
	if ((rc = mb_ttable_pick(columns, h, n, idx, &nsel, err, errlen)))
		goto out;
	t.cols = nsel;
	for (size_t j = 0; j < nsel; j++)
		sel[j] = h[idx[j]];
	if (table)
		mb_ttable_add(&t, sel, NULL, 0);
	else
		rc = mb_csv_write_fd(out, sel, nsel);
	for (size_t i = 0; !rc && i < set->n; i++) {
		row_cells(set, &set->rows[i], cells);
		for (size_t j = 0; j < nsel; j++) {
			sel[j] = cells->c[idx[j]];
			/* A table's empty cell would be no word at all to read(1). */
			if (table && !*sel[j])
				sel[j] = "-";
		}
		if (table)
			mb_ttable_add(&t, sel, NULL, 1);
		else
			rc = mb_csv_write_fd(out, sel, nsel);
	}
	if (!rc && t.nomem)
		rc = -ENOMEM;
	if (!rc && table)
		rc = mb_ttable_write(&t, out);
out:
	mb_ttable_free(&t);
	free(cells);
	return rc;
}
