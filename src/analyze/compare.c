/* compare.c: the sides of a comparison, its matched configurations, their
 * statistics and the summary per side (see compare.h). */
#include "compare.h"
#include "cachestate.h"
#include "method.h"
#include "ratio.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The columns a side is named by first, when they are among the compared. */
static const char *const name_first[] = {"kernel", "fs_type", "read_ahead_kb", "thp", "mount_opts",
					 "host"};

/* A file's short name: its base name, or for a results folder's
 * results.csv the folder's name ("ext4" of "runs/ext4/results.csv"). */
static void short_name(const char *path, char *buf, size_t len)
{
	const char *s = strrchr(path, '/'), *b = s ? s + 1 : path, *p;

	if (strcmp(b, "results.csv") || !s || s == path) {
		snprintf(buf, len, "%s", b);
		return;
	}
	for (p = s - 1; p > path && p[-1] != '/'; p--)
		;
	snprintf(buf, len, "%.*s", (int)(s - p), p);
}

/* Each key's one value over the side's groups (NULL when several). */
static void sole_values(struct mb_cmp_side *s)
{
	for (size_t k = 0; k < MB_NKEYS; k++) {
		s->val[k] = s->n ? s->g[0]->kv[k] : "";
		for (size_t i = 1; i < s->n && s->val[k]; i++)
			if (strcmp(s->g[i]->kv[k], s->val[k]))
				s->val[k] = NULL;
	}
}

static int add_group(struct mb_cmp_side *s, size_t *cap, const struct mb_group *g)
{
	if (s->n == *cap) {
		size_t c = *cap ? *cap * 2 : 64;
		const struct mb_group **n = realloc(s->g, c * sizeof(*n));

		if (!n)
			return -ENOMEM;
		s->g = n;
		*cap = c;
	}
	s->g[s->n++] = g;
	return 0;
}

/* The first environment key with two or more values in gs, the preferred
 * ones first; -1 when none. */
static int differing_env_key(const struct mb_groups *gs)
{
	const char *v[2];

	for (size_t i = 0; i < sizeof(name_first) / sizeof(name_first[0]); i++)
		for (size_t k = 0; k < MB_NENV_KEYS; k++)
			if (!strcmp(mb_gkey_names[k], name_first[i]) &&
			    mb_groups_distinct(gs, (enum mb_gkey)k, v, 2) > 1)
				return (int)k;
	for (size_t k = 0; k < MB_NENV_KEYS; k++)
		if (mb_groups_distinct(gs, (enum mb_gkey)k, v, 2) > 1)
			return (int)k;
	return -1;
}

/* One file: a side per value of by, the baseline first. */
static int sides_of_values(struct mb_compare *c, const struct mb_groups *gs, const char *file, int by,
			   const char *base, char *err, size_t errlen)
{
	size_t nv = mb_groups_distinct(gs, (enum mb_gkey)by, NULL, 0), first = 0;
	const char **v = calloc(nv ? nv : 1, sizeof(*v));
	int rc = 0;

	if (!v)
		return -ENOMEM;
	mb_groups_distinct(gs, (enum mb_gkey)by, v, nv);
	if (nv < 2) {
		snprintf(err, errlen, "%s: %s has %s value%s (%s): nothing to compare", file,
			 mb_gkey_names[by], nv ? "one" : "no", nv ? "" : "s", nv ? v[0] : "no rows");
		free(v);
		return -EINVAL;
	}
	if (base) {
		for (first = 0; first < nv && strcmp(v[first], base); first++)
			;
		if (first == nv) {
			snprintf(err, errlen, "%s: no rows with %s=%s (--base)", file, mb_gkey_names[by], base);
			free(v);
			return -EINVAL;
		}
	}
	if (!(c->sides = calloc(nv, sizeof(*c->sides)))) {
		free(v);
		return -ENOMEM;
	}
	c->nsides = nv;
	for (size_t s = 0; s < nv && !rc; s++) {
		/* the baseline first, then the others in first-seen order */
		const char *want = v[s == 0 ? first : s <= first ? s - 1 : s];
		size_t cap = 0;

		c->sides[s].file = file;
		for (size_t i = 0; i < gs->n && !rc; i++)
			if (!strcmp(gs->g[i].kv[by], want))
				rc = add_group(&c->sides[s], &cap, &gs->g[i]);
	}
	free(v);
	return rc;
}

/* Two or more files: a side each. */
static int sides_of_files(struct mb_compare *c, const struct mb_groups *files,
			  const char *const *names, size_t nfiles)
{
	if (!(c->sides = calloc(nfiles, sizeof(*c->sides))))
		return -ENOMEM;
	c->nsides = nfiles;
	for (size_t s = 0; s < nfiles; s++) {
		size_t cap = 0;

		c->sides[s].file = names[s];
		for (size_t i = 0; i < files[s].n; i++)
			if (add_group(&c->sides[s], &cap, &files[s].g[i]))
				return -ENOMEM;
	}
	return 0;
}

/* What each side differs in from the baseline: by, and every environment
 * key with one value on each side, a different one (a second kernel's
 * build and version go with it). A workload column is compared only when
 * --by names it: two files of other file sizes share nothing. */
static int find_compared(struct mb_compare *c, int by, char *err, size_t errlen)
{
	const struct mb_cmp_side *b = &c->sides[0];

	for (size_t s = 1; s < c->nsides; s++) {
		struct mb_cmp_side *t = &c->sides[s];

		for (size_t k = 0; k < MB_NKEYS; k++) {
			if ((int)k == by) {
				if (!b->val[k] || !t->val[k]) {
					snprintf(err, errlen, "--by %s: %s holds several values of it; with two or "
						 "more files, each must hold one (or give one file)",
						 mb_gkey_names[k], (b->val[k] ? t : b)->file);
					return -EINVAL;
				}
				t->compared[k] = 1;
			} else if (mb_gkey_is_env((enum mb_gkey)k))
				t->compared[k] = b->val[k] && t->val[k] && strcmp(b->val[k], t->val[k]);
		}
		for (size_t k = 0; k < MB_NKEYS; k++)
			c->compared[k] |= t->compared[k];
	}
	return 0;
}

/* 1 if k names the side: the first compared key in name_first order, else
 * in table order. */
static int naming_key(const struct mb_compare *c, int by)
{
	if (by >= 0)
		return by;
	for (size_t i = 0; i < sizeof(name_first) / sizeof(name_first[0]); i++)
		for (size_t k = 0; k < MB_NKEYS; k++)
			if (c->compared[k] && !strcmp(mb_gkey_names[k], name_first[i]))
				return (int)k;
	for (size_t k = 0; k < MB_NKEYS; k++)
		if (c->compared[k])
			return (int)k;
	return -1;
}

/* Labels longer than this are shortened to their first column in titles. */
#define TITLE_MAX 60

static void name_sides(struct mb_compare *c, int by)
{
	int nk = naming_key(c, by);
	size_t longest = 0;

	for (size_t s = 0; s < c->nsides; s++) {
		struct mb_cmp_side *t = &c->sides[s];
		size_t at = 0;

		t->label[0] = '\0';
		for (size_t k = 0; k < MB_NKEYS && at < sizeof(t->label); k++)
			if (c->compared[k]) {
				int n = snprintf(t->label + at, sizeof(t->label) - at, "%s%s=%s", at ? ";" : "",
						 mb_gkey_names[k], t->val[k] ? t->val[k] : "*");

				at += n > 0 ? (size_t)n : 0;
			}
		if (nk >= 0)
			snprintf(t->name, sizeof(t->name), "%s", t->val[nk] ? t->val[nk] : "*");
		if (nk < 0 || !t->name[0]) { /* the files differ in no key column: name them */
			short_name(t->file, t->name, sizeof(t->name));
			if (!t->label[0])
				snprintf(t->label, sizeof(t->label), "file=%s", t->name);
		}
		longest = strlen(t->label) > longest ? strlen(t->label) : longest;
	}
	/* titles: every side's label, or when one is long every side's first column */
	for (size_t s = 0; s < c->nsides; s++) {
		struct mb_cmp_side *t = &c->sides[s];

		if (longest <= TITLE_MAX || nk < 0)
			snprintf(t->title, sizeof(t->title), "%.*s", TITLE_MAX, t->label);
		else
			snprintf(t->title, sizeof(t->title), "%s=%.60s", mb_gkey_names[nk], t->name);
	}
}

/* Rows identities over every file: the same row twice is an error. */
struct idref {
	unsigned long long hash;
	size_t line, file;
};

static int by_id(const void *a, const void *b)
{
	const struct idref *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

static int no_duplicates(const struct mb_groups *files, const char *const *names, size_t nfiles,
			 char *err, size_t errlen)
{
	size_t n = 0, at = 0;
	struct idref *all;
	int rc = 0;

	for (size_t f = 0; f < nfiles; f++)
		n += files[f].nids;
	if (!(all = malloc((n ? n : 1) * sizeof(*all))))
		return -ENOMEM;
	for (size_t f = 0; f < nfiles; f++)
		for (size_t i = 0; i < files[f].nids; i++)
			all[at++] = (struct idref){files[f].ids[i].hash, files[f].ids[i].line, f};
	qsort(all, n, sizeof(*all), by_id);
	for (size_t i = 1; i < n && !rc; i++)
		if (all[i].hash == all[i - 1].hash) {
			snprintf(err, errlen, "%s: line %zu is the same row as %s line %zu (configuration, "
				 "run_id, timestamp, rep, round and start): duplicate rows are not more "
				 "samples", names[all[i].file], all[i].line, names[all[i - 1].file],
				 all[i - 1].line);
			rc = -EINVAL;
		}
	free(all);
	return rc;
}

static int same_schema(const struct mb_groups *files, const char *const *names, size_t nfiles,
		       char *err, size_t errlen)
{
	for (size_t f = 1; f < nfiles; f++)
		if (strcmp(files[f].schema, files[0].schema)) {
			snprintf(err, errlen, "%s: line %zu: results schema '%s', but %s has schema '%s'",
				 names[f], files[f].nids ? files[f].ids[0].line : (size_t)1,
				 files[f].schema, names[0], files[0].schema);
			return -EINVAL;
		}
	return 0;
}

/* Matching: a configuration's key over the columns a side does not compare
 * (by method: nor the methods' own options, which one method has and the
 * other has not). */
struct entry {
	char *mk;
	const struct mb_group *g;
	size_t idx;
	int other;   /* 0: the baseline's */
};

static int by_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int d = strcmp(x->mk, y->mk);

	if (d)
		return d;
	if (x->other != y->other)
		return x->other - y->other;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

static int method_owned(size_t k)
{
	if (k == MB_K_method_options)
		return 1;
	for (size_t i = 0; i < mb_option_count(); i++)
		if (!strcmp(mb_option_at(i)->column, mb_gkey_names[k]))
			return 1;
	return 0;
}

static char *match_key(const struct mb_group *g, const int *skip)
{
	size_t len = 1;
	char *mk, *p;

	for (size_t k = 0; k < MB_NKEYS; k++)
		len += skip[k] ? 1 : strlen(g->kv[k]) + 1;
	if (!(p = mk = malloc(len)))
		return NULL;
	for (size_t k = 0; k < MB_NKEYS; k++) {
		if (!skip[k]) {
			size_t l = strlen(g->kv[k]);

			memcpy(p, g->kv[k], l);
			p += l;
		}
		*p++ = '\x1f';
	}
	*p = '\0';
	return mk;
}

static int push_row(struct mb_compare *c, const struct mb_cmp_row *r)
{
	if (c->nrows == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 128;
		struct mb_cmp_row *n = realloc(c->rows, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		c->rows = n;
		c->cap = cap;
	}
	c->rows[c->nrows++] = *r;
	return 0;
}

static int is_warm(const char *cache)
{
	return !strncmp(cache, "warm", 4);
}

static double folio_median(const struct mb_group *g)
{
	double *v;
	double m;

	if (!g->folio.n || !(v = malloc(g->folio.n * sizeof(*v))))
		return NAN;
	memcpy(v, g->folio.v, g->folio.n * sizeof(*v));
	m = mb_median(v, g->folio.n);
	free(v);
	return m;
}

/* Why the two sides of a configuration did not measure the same thing, into
 * r->reason; 0 when they did. */
static int unlike(const struct mb_compare *c, const struct mb_compare_opts *o, size_t s,
		  struct mb_cmp_row *r)
{
	const struct mb_group *g[2] = {r->base, r->other};
	const char *who[2] = {"the baseline", c->sides[s].name};
	const char *cache = r->base->kv[MB_K_cache];
	double fb, fo;

	if (g[0]->bad_rows || g[1]->bad_rows) {
		snprintf(r->reason, sizeof(r->reason), "rows not ok (error or unsupported): %zu on %s, %zu on %s",
			 g[0]->bad_rows, who[0], g[1]->bad_rows, who[1]);
		return 1;
	}
	for (int i = 0; i < 2; i++) {
		if (!g[i]->m[c->metric].n) {
			snprintf(r->reason, sizeof(r->reason), "no %s samples on %s",
				 mb_gmetric_names[c->metric], who[i]);
			return 1;
		}
		if (is_warm(cache) && g[i]->res_min < 100.0) {
			snprintf(r->reason, sizeof(r->reason), "%s not reached on %s: %.2f%% resident", cache,
				 who[i], g[i]->res_min);
			return 1;
		}
		if (!strcmp(cache, "cold") && g[i]->res_max > MB_COLD_MAX_PCT) {
			snprintf(r->reason, sizeof(r->reason), "cold not reached on %s: %.2f%% resident",
				 who[i], g[i]->res_max);
			return 1;
		}
	}
	fb = folio_median(g[0]);
	fo = folio_median(g[1]);
	if (!o->ignore_folios && fabs(fb - fo) > MB_CMP_FOLIO_POINTS) {
		snprintf(r->reason, sizeof(r->reason), "large-folio share %.0f%% on %s, %.0f%% on %s", fb,
			 who[0], fo, who[1]);
		return 1;
	}
	return 0;
}

static void stats_of(const struct mb_samples *m, struct mb_stats *st)
{
	double *v = m->n ? malloc(m->n * sizeof(*v)) : NULL;

	if (!v) {
		mb_stats_compute(NULL, 0, st);
		return;
	}
	memcpy(v, m->v, m->n * sizeof(*v));
	mb_stats_compute(v, m->n, st);
	free(v);
}

/* The row of a configuration both sides have. */
static int both_sides(struct mb_compare *c, const struct mb_compare_opts *o, size_t s,
		      const struct entry *b, const struct entry *t)
{
	struct mb_cmp_row r = {.side = s, .order = b->idx, .base = b->g, .other = t->g, .p_holm = NAN};
	const struct mb_group *bg = b->g, *tg = t->g;
	const struct mb_samples *mb = &bg->m[c->metric], *mt = &tg->m[c->metric];
	int rc;

	if (!mb->n && !mt->n && !bg->bad_rows && !tg->bad_rows)
		return 0; /* not a configuration of this measure (latency repetitions only) */
	stats_of(mb, &r.sb);
	stats_of(mt, &r.so);
	r.cls = unlike(c, o, s, &r) ? MB_CMP_UNLIKE : MB_CMP_LIKE;
	if (r.cls == MB_CMP_LIKE) {
		rc = mb_ratio_compute(mt->v, mt->n, mb->v, mb->n, &r.r);
		if (rc == -ENOMEM)
			return rc;
		if (rc) {
			r.cls = MB_CMP_UNLIKE;
			snprintf(r.reason, sizeof(r.reason), "%s not positive: no ratio",
				 mb_gmetric_names[c->metric]);
		} else
			r.has_ratio = 1;
	}
	return push_row(c, &r);
}

static int one_side(struct mb_compare *c, size_t s, const struct entry *e)
{
	struct mb_cmp_row r = {.side = s, .order = e->idx + (e->other ? c->sides[0].n : 0), .p_holm = NAN};
	const struct mb_group *g = e->g;
	int other = e->other;

	if (!g->m[c->metric].n && !g->bad_rows)
		return 0;
	r.cls = other ? MB_CMP_SIDE_ONLY : MB_CMP_BASE_ONLY;
	*(other ? &r.other : &r.base) = g;
	stats_of(&g->m[c->metric], other ? &r.so : &r.sb);
	return push_row(c, &r);
}

/* The configurations of side s matched with the baseline's: a row each. */
static int match_side(struct mb_compare *c, const struct mb_compare_opts *o, size_t s, int by)
{
	const struct mb_cmp_side *b = &c->sides[0], *t = &c->sides[s];
	size_t n = b->n + t->n, i = 0, j;
	struct entry *e = calloc(n ? n : 1, sizeof(*e));
	int skip[MB_NKEYS], rc = 0;

	if (!e)
		return -ENOMEM;
	for (size_t k = 0; k < MB_NKEYS; k++)
		skip[k] = t->compared[k] || (by == MB_K_method && method_owned(k));
	for (size_t x = 0; x < n && !rc; x++) {
		int other = x >= b->n;

		e[x].g = other ? t->g[x - b->n] : b->g[x];
		e[x].idx = other ? x - b->n : x;
		e[x].other = other;
		if (!(e[x].mk = match_key(e[x].g, skip)))
			rc = -ENOMEM;
	}
	if (!rc)
		qsort(e, n, sizeof(*e), by_entry);
	/* each run of one match key: one group a side, else more than one
	 * configuration of a side matches (by method, options that differ) */
	for (i = 0; i < n && !rc; i = j) {
		size_t nb = 0, nt = 0;

		for (j = i; j < n && !strcmp(e[j].mk, e[i].mk); j++)
			*(e[j].other ? &nt : &nb) += 1;
		if (nb == 1 && nt == 1)
			rc = both_sides(c, o, s, &e[i], &e[i + 1]);
		else if (nb && nt) {
			struct mb_cmp_row r = {.side = s, .order = e[i].idx, .base = e[i].g,
					       .other = e[j - 1].g, .cls = MB_CMP_UNLIKE, .p_holm = NAN};

			snprintf(r.reason, sizeof(r.reason), "%zu configurations on the baseline, %zu on %.60s "
				 "match it (method options differ)", nb, nt, t->name);
			rc = push_row(c, &r);
		} else
			for (size_t x = i; x < j && !rc; x++)
				rc = one_side(c, s, &e[x]);
	}
	for (size_t x = 0; x < n; x++)
		free(e[x].mk);
	free(e);
	return rc;
}

static int by_order(const void *a, const void *b)
{
	const struct mb_cmp_row *x = a, *y = b;

	if (x->side != y->side)
		return x->side < y->side ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

/* The smallest two-sided Mann-Whitney p of n against m samples without
 * ties: 2 / C(n + m, n), when one side lies wholly above the other. */
static double smallest_p(size_t n, size_t m)
{
	double lc = lgamma((double)(n + m) + 1) - lgamma((double)n + 1) - lgamma((double)m + 1);

	return fmin(1.0, 2.0 * exp(-lc));
}

/* Keeps the smallest p a tested configuration could reach, for the note
 * that Holm leaves nothing significant when too few samples were taken. */
static void note_best(struct mb_cmp_summary *sum, const struct mb_cmp_row *r)
{
	double b = smallest_p(r->sb.n, r->so.n);

	sum->tested++;
	sum->best_p = isnan(sum->best_p) || b < sum->best_p ? b : sum->best_p;
}

/* Holm over side s's tested rows, their marks, and the summary. */
static int summarize_side(struct mb_compare *c, const struct mb_compare_opts *o, size_t s)
{
	struct mb_cmp_summary *sum = &c->sum[s];
	double *p = malloc((c->nrows ? c->nrows : 1) * sizeof(*p));
	double *ratios = malloc((c->nrows ? c->nrows : 1) * sizeof(*ratios));
	size_t np = 0, nr = 0;
	int rc = 0;

	if (!p || !ratios) {
		free(p);
		free(ratios);
		return -ENOMEM;
	}
	for (size_t i = 0; i < c->nrows; i++) {
		struct mb_cmp_row *r = &c->rows[i];

		if (r->side != s || r->cls != MB_CMP_LIKE)
			continue;
		if (r->sb.n >= MB_CMP_MIN_SAMPLES && r->so.n >= MB_CMP_MIN_SAMPLES)
			p[np++] = r->r.p;
	}
	mb_holm(p, np, p);
	np = 0;
	memset(sum, 0, sizeof(*sum));
	sum->geomean = sum->lo = sum->hi = NAN;
	sum->best_p = NAN;
	for (size_t i = 0; i < c->nrows; i++) {
		struct mb_cmp_row *r = &c->rows[i];
		int up;

		if (r->side != s)
			continue;
		sum->unlike += r->cls == MB_CMP_UNLIKE;
		sum->folio_apart += r->cls == MB_CMP_UNLIKE && !strncmp(r->reason, "large-folio", 11);
		sum->base_only += r->cls == MB_CMP_BASE_ONLY;
		sum->side_only += r->cls == MB_CMP_SIDE_ONLY;
		if (r->cls != MB_CMP_LIKE)
			continue;
		sum->like++;
		ratios[nr++] = r->r.ratio;
		if (r->sb.n < MB_CMP_MIN_SAMPLES || r->so.n < MB_CMP_MIN_SAMPLES) {
			r->mark = MB_CMP_SAME;
			snprintf(r->reason, sizeof(r->reason), "n < %d", MB_CMP_MIN_SAMPLES);
		} else if ((r->p_holm = p[np++]), note_best(sum, r), r->p_holm >= 0.05)
			r->mark = MB_CMP_SAME;
		else {
			up = r->r.ratio > 1.0;
			r->mark = up == c->higher_better ? MB_CMP_FASTER : MB_CMP_SLOWER;
		}
		sum->faster += r->mark == MB_CMP_FASTER;
		sum->slower += r->mark == MB_CMP_SLOWER;
		sum->same += r->mark == MB_CMP_SAME;
	}
	sum->best_p *= (double)sum->tested; /* Holm's first step: the smallest p times m */
	if (nr)
		rc = mb_geomean_ci(ratios, nr, o->seed, o->boot, &sum->geomean, &sum->lo, &sum->hi);
	free(p);
	free(ratios);
	return rc;
}

/* Which of two value sets' keys keep them apart, for the "no shared
 * configuration" error: the workload keys whose values differ. */
static void apart_keys(const struct mb_compare *c, size_t s, char *buf, size_t len)
{
	const struct mb_cmp_side *b = &c->sides[0], *t = &c->sides[s];
	size_t at = 0;

	buf[0] = '\0';
	for (size_t k = 0; k < MB_NKEYS && at < len; k++) {
		int shared = 0;

		if (t->compared[k])
			continue;
		for (size_t i = 0; i < b->n && !shared; i++)
			for (size_t j = 0; j < t->n && !shared; j++)
				shared = !strcmp(b->g[i]->kv[k], t->g[j]->kv[k]);
		if (!shared) {
			int n = snprintf(buf + at, len - at, "%s%s", at ? ", " : "", mb_gkey_names[k]);

			at += n > 0 ? (size_t)n : 0;
		}
	}
}

static void find_vary(struct mb_compare *c)
{
	for (size_t k = 0; k < MB_NKEYS; k++)
		for (size_t s = 0; s < c->nsides && !c->compared[k] && !c->vary[k]; s++)
			c->vary[k] = !c->sides[s].val[k] ||
				     (s && c->sides[0].val[k] && strcmp(c->sides[s].val[k], c->sides[0].val[k]));
}

int mb_compare_build(struct mb_compare *c, const struct mb_groups *files, const char *const *names,
		     size_t nfiles, const struct mb_compare_opts *o, char *err, size_t errlen)
{
	int by = o->by, rc;

	memset(c, 0, sizeof(*c));
	c->metric = o->metric;
	c->higher_better = o->metric == MB_M_MIB_PER_S || o->metric == MB_M_OPS_PER_S;
	if ((rc = same_schema(files, names, nfiles, err, errlen)) ||
	    (rc = no_duplicates(files, names, nfiles, err, errlen)))
		return rc;
	if (nfiles == 1) {
		if (by < 0 && (by = differing_env_key(&files[0])) < 0) {
			snprintf(err, errlen, "%s: no environment column takes two values: name the column to "
				 "compare with --by (e.g. --by method), or give two files", names[0]);
			return -EINVAL;
		}
		rc = sides_of_values(c, &files[0], names[0], by, o->base, err, errlen);
	} else
		rc = sides_of_files(c, files, names, nfiles);
	if (rc)
		goto fail;
	for (size_t s = 0; s < c->nsides; s++)
		sole_values(&c->sides[s]);
	if ((rc = find_compared(c, by, err, errlen)))
		goto fail;
	name_sides(c, by);
	find_vary(c);
	if (!(c->sum = calloc(c->nsides, sizeof(*c->sum)))) {
		rc = -ENOMEM;
		goto fail;
	}
	for (size_t s = 1; s < c->nsides && !rc; s++)
		rc = match_side(c, o, s, by);
	if (rc)
		goto fail;
	qsort(c->rows, c->nrows, sizeof(*c->rows), by_order);
	for (size_t s = 1; s < c->nsides && !rc; s++) {
		rc = summarize_side(c, o, s);
		if (!rc && !c->sum[s].like && !c->sum[s].unlike) {
			char apart[512];

			apart_keys(c, s, apart, sizeof(apart));
			snprintf(err, errlen, "%s and %s share no configuration%s%s", c->sides[0].label,
				 c->sides[s].label, *apart ? ": they differ in " : "", apart);
			rc = -EINVAL;
		}
	}
	if (!rc)
		return 0;
fail:
	mb_compare_free(c);
	return rc;
}

void mb_compare_free(struct mb_compare *c)
{
	for (size_t s = 0; s < c->nsides; s++)
		free(c->sides[s].g);
	free(c->sides);
	free(c->rows);
	free(c->sum);
	memset(c, 0, sizeof(*c));
}

void mb_compare_label(const struct mb_compare *c, const struct mb_cmp_row *row, char *buf, size_t len)
{
	struct mb_ratio_set set = {0};
	struct mb_ratio_row rr = {.num = row->base ? row->base : row->other};

	memcpy(set.vary, c->vary, sizeof(set.vary));
	mb_ratio_label(&set, &rr, buf, len);
}

const char *mb_cmp_class_name(enum mb_cmp_class cls)
{
	static const char *const n[] = {"like", "unlike", "base_only", "side_only"};

	return n[cls];
}

const char *mb_cmp_mark_name(enum mb_cmp_mark mark)
{
	static const char *const n[] = {"", "faster", "slower", "~"};

	return n[mark];
}
