/* chart_facts.c: what a chart's kept rows hold (see chart_facts.h). */
#include "chart_facts.h"
#include "chart_model.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const pat_order[] = {"seq", "rand", NULL};
static const char *const cache_order[] = {"warm", "warm-4k", "cold", NULL};

static int same(const struct mb_combo *a, const struct mb_combo *b)
{
	return a->size == b->size && a->block == b->block && !strcmp(a->pat, b->pat) &&
	       (a->cache == b->cache || (a->cache && b->cache && !strcmp(a->cache, b->cache)));
}

static void add_combo(struct mb_chart_facts *f, struct mb_combo **v, size_t *n, size_t *cap,
		      const struct mb_combo *c)
{
	struct mb_combo *nv;

	for (size_t i = 0; i < *n; i++)
		if (same(&(*v)[i], c))
			return;
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;

		if (!(nv = realloc(*v, ncap * sizeof(*nv)))) {
			f->nomem = 1;
			return;
		}
		*v = nv;
		*cap = ncap;
	}
	(*v)[(*n)++] = *c;
}

void mb_facts_add(struct mb_chart_facts *f, const struct mb_chart_in *in, size_t r)
{
	struct mb_combo c = {
		.pat = mb_chart_str(in, r, "pattern"),
		.size = mb_chart_num(in, r, "file_size_bytes"),
		.block = mb_chart_num(in, r, "block_size_bytes"),
	};
	int file = !mb_chart_is(in, r, "method", "memread");

	mb_words_add(&f->pats, c.pat);
	if (file)
		mb_words_add(&f->caches, mb_chart_str(in, r, "cache"));
	mb_nums_add(&f->sizes, c.size);
	mb_nums_add(&f->blocks, c.block);
	add_combo(f, &f->triples, &f->ntriples, &f->cap_triples, &c);
	if (file) {
		c.cache = mb_chart_str(in, r, "cache");
		add_combo(f, &f->quads, &f->nquads, &f->cap_quads, &c);
	}
	mb_who_add(&f->who, in, r);
}

void mb_facts_done(struct mb_chart_facts *f)
{
	mb_words_lead(&f->pats, pat_order);
	mb_words_lead(&f->caches, cache_order);
	f->nomem |= f->pats.nomem | f->caches.nomem | f->sizes.nomem | f->blocks.nomem;
}

void mb_facts_gather(struct mb_chart_facts *f, const struct mb_chart_in *in,
		     int (*keep)(const struct mb_chart_in *in, size_t r))
{
	for (size_t r = 0; r < in->t.nrows; r++)
		if (keep(in, r))
			mb_facts_add(f, in, r);
	mb_facts_done(f);
}

void mb_facts_free(struct mb_chart_facts *f)
{
	mb_words_free(&f->pats);
	mb_words_free(&f->caches);
	mb_nums_free(&f->sizes);
	mb_nums_free(&f->blocks);
	free(f->triples);
	free(f->quads);
	mb_who_free(&f->who);
	memset(f, 0, sizeof(*f));
}

int mb_facts_cache_col(const struct mb_chart_facts *f, const struct mb_chart_in *in, size_t r)
{
	long i;

	if (mb_chart_is(in, r, "method", "memread"))
		return 0;
	i = mb_words_find(&f->caches, mb_chart_str(in, r, "cache"));
	return i < 0 ? -1 : (int)i + 1;
}

size_t mb_facts_series(const struct mb_chart_facts *f, struct mb_chart *c, const struct mb_chart_in *in,
		       size_t r)
{
	char name[600], suffix[300];

	mb_who_suffix(&f->who, in, r, suffix, sizeof(suffix));
	snprintf(name, sizeof(name), "%s%s", mb_chart_str(in, r, "series"), suffix);
	return mb_chart_series(c, name, mb_chart_str(in, r, "method"));
}

int mb_ratio_what(const struct mb_chart_in *in, struct mb_ratio_what *w)
{
	struct mb_words by = {0}, num = {0}, den = {0};
	int rc = 0;

	for (size_t r = 0; r < in->t.nrows; r++) {
		mb_words_add(&by, mb_chart_str(in, r, "by"));
		mb_words_add(&num, mb_chart_str(in, r, "num"));
		mb_words_add(&den, mb_chart_str(in, r, "den"));
	}
	if (by.nomem || num.nomem || den.nomem)
		rc = -ENOMEM;
	mb_words_several(&by, "field", w->by, sizeof(w->by));
	mb_words_several(&num, "value", w->num, sizeof(w->num));
	mb_words_several(&den, "value", w->den, sizeof(w->den));
	mb_words_free(&by);
	mb_words_free(&num);
	mb_words_free(&den);
	return rc;
}
