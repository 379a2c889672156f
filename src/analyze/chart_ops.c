/* chart_ops.c: read, write and rmw rows apart, the write-side charts'
 * series names and the write charts' panels (see chart_ops.h). */
#include "chart_ops.h"
#include "chart_model.h"
#include "chart_who.h"

#include <stdio.h>
#include <string.h>

const char *const mb_chart_sync_order[] = {"none", "fsync", "fdatasync", "o_sync", "o_dsync", "msync",
					   "msync-async", "msync-invalidate", NULL};
const char *const mb_chart_target_order[] = {"rewrite", "new", NULL};

int mb_chart_op(const struct mb_chart_in *in, size_t r, const char *op)
{
	const char *v = mb_chart_str(in, r, "op");

	return !strcmp(v, op) || (!*v && !strcmp(op, "read"));
}

/* 1 when word w (len bytes) of row r's label is one the name leaves out. */
static int dropped(const struct mb_chart_in *in, size_t r, const char *w, size_t len)
{
	static const char *const words[] = {"new", "fallocate=0", "consume=copy", "consume=increment",
					    "consume=touch", NULL};
	const char *op = mb_chart_str(in, r, "op");

	if (len == strlen(op) && !strncmp(w, op, len))
		return 1;
	if (len > 5 && !strncmp(w, "sync=", 5))
		return 1;
	for (size_t i = 0; words[i]; i++)
		if (len == strlen(words[i]) && !strncmp(w, words[i], len))
			return 1;
	return 0;
}

size_t mb_chart_short_series(const struct mb_chart_facts *f, struct mb_chart *c,
			     const struct mb_chart_in *in, size_t r, const char *extra)
{
	const char *label = mb_chart_str(in, r, "series"), *w = label;
	char name[600], suffix[300];
	size_t at = 0;

	name[0] = '\0';
	while (*w) {
		size_t len = strcspn(w, " ");

		/* the first word is the method, whatever it is called */
		if (len && (w == label || !dropped(in, r, w, len)) && at < sizeof(name))
			at += (size_t)snprintf(name + at, sizeof(name) - at, "%s%.*s", at ? " " : "",
					       (int)len, w);
		w += len + (w[len] == ' ');
	}
	if (!name[0])
		snprintf(name, sizeof(name), "%s", mb_chart_str(in, r, "method"));
	mb_who_suffix(&f->who, in, r, suffix, sizeof(suffix));
	at = strlen(name);
	snprintf(name + at, sizeof(name) - at, "%s%s%s", extra ? " " : "", extra ? extra : "", suffix);
	return mb_chart_series(c, name, mb_chart_str(in, r, "method"));
}

/* Row r's panel column key: "rewrite · seq · warm cache", "new · seq". */
static void col_key(const struct mb_chart_in *in, size_t r, char *buf, size_t len)
{
	const char *cache = mb_chart_str(in, r, "cache");

	snprintf(buf, len, "%s · %s%s%s%s", mb_chart_str(in, r, "target"), mb_chart_str(in, r, "pattern"),
		 *cache ? " · " : "", cache, *cache ? " cache" : "");
}

/* Where word w goes among the ordered words v (n of them, then the others). */
static size_t rank(const struct mb_words *v, const char *w)
{
	long i = mb_words_find(v, w);

	return i < 0 ? v->n : (size_t)i;
}

void mb_write_panels_gather(struct mb_write_panels *p, const struct mb_chart_facts *f,
			    const struct mb_chart_in *in, int (*keep)(const struct mb_chart_in *in, size_t r))
{
	struct mb_words targets = {0}, caches = {0};
	char key[256];

	for (size_t r = 0; r < in->t.nrows; r++)
		if (keep(in, r)) {
			mb_words_add(&p->rows, mb_chart_str(in, r, "sync"));
			mb_words_add(&targets, mb_chart_str(in, r, "target"));
		}
	mb_words_lead(&p->rows, mb_chart_sync_order);
	mb_words_lead(&targets, mb_chart_target_order);
	for (size_t i = 0; i < f->caches.n; i++)
		mb_words_add(&caches, f->caches.v[i]);
	/* columns by target, then pattern, then cache state (none last) */
	for (size_t t = 0; t < targets.n; t++)
		for (size_t pat = 0; pat < f->pats.n; pat++)
			for (size_t k = 0; k <= caches.n; k++)
				for (size_t r = 0; r < in->t.nrows; r++)
					if (keep(in, r) && rank(&targets, mb_chart_str(in, r, "target")) == t &&
					    rank(&f->pats, mb_chart_str(in, r, "pattern")) == pat &&
					    rank(&caches, mb_chart_str(in, r, "cache")) == k) {
						col_key(in, r, key, sizeof(key));
						mb_words_add(&p->cols, key);
					}
	p->nomem = p->rows.nomem | p->cols.nomem | targets.nomem | caches.nomem;
	mb_words_free(&targets);
	mb_words_free(&caches);
}

int mb_write_panel(const struct mb_write_panels *p, const struct mb_chart_in *in, size_t r, int *prow,
		   int *pcol)
{
	char key[256];
	long row = mb_words_find(&p->rows, mb_chart_str(in, r, "sync")), col;

	col_key(in, r, key, sizeof(key));
	col = mb_words_find(&p->cols, key);
	if (row < 0 || col < 0)
		return 0;
	*prow = (int)row + 1, *pcol = (int)col + 1;
	return 1;
}

void mb_write_panels_free(struct mb_write_panels *p)
{
	mb_words_free(&p->rows);
	mb_words_free(&p->cols);
}
