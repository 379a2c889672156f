/* chart_cmpheat.c: the comparison of `mapbench compare` as heatmaps: a cell
 * per file size (across) and block size (up) holding the ratio of medians
 * target ÷ baseline of that like configuration, coloured on a log scale
 * centred on 1 (red: the side faster), "~" where the difference is not
 * significant. A panel row per pattern and cache state (and write target
 * and sync mode, where they vary), repeated per target side when there are
 * several; in it a panel per series compared there, in the order series
 * first appear. No cell where the configuration was not compared (missing,
 * unlike, one-sided). */
#include "chart_axes.h"
#include "chart_cells.h"
#include "chart_model.h"
#include "chart_sides.h"
#include "charts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The colour scale's ends, 1/k..k: the smallest of these that holds every
 * ratio; ratios beyond the last take the end colours. */
static const double scale_ends[] = {1.1, 1.25, 1.5, 2, 4};
#define NENDS (sizeof(scale_ends) / sizeof(scale_ends[0]))

static const char *const pat_order[] = {"seq", "rand", NULL};
static const char *const cache_order[] = {"warm", "warm-4k", "cold", NULL};

struct cmp_heat {
	struct mb_chart_ctx *x;
	struct mb_sides s;
	struct mb_words series;                      /* first seen */
	struct mb_words rows;                        /* panel rows' keys, in display order */
	struct mb_words *in_row;                     /* per panel row: its series, one a panel */
	size_t cols;                                 /* the most panels in a row */
	struct mb_words pats, caches, targets, syncs; /* what the rows hold */
	struct mb_nums sizes, blocks;                /* sorted */
	double end;                                  /* k of the colour scale */
};

static int keep(const struct mb_chart_in *in, size_t r)
{
	return mb_sides_like(in, r) && mb_chart_num(in, r, "file_size_bytes") > 0 &&
	       mb_chart_num(in, r, "block_size_bytes") > 0;
}

static void key_part(char *buf, size_t len, const char *prefix, const char *s, const char *suffix)
{
	size_t at = strlen(buf);

	if (*s && at < len)
		snprintf(buf + at, len - at, "%s%s%s%s", at ? " · " : "", prefix, s, suffix);
}

/* A panel row's key: "seq · warm cache", "seq · warm cache · new · sync
 * fsync · xfs" (the side when there are several). */
static void key_of(const struct cmp_heat *h, const char *pat, const char *cache, const char *target,
		   const char *sync, long side, char *buf, size_t len)
{
	buf[0] = '\0';
	key_part(buf, len, "", pat, "");
	key_part(buf, len, "", cache, " cache");
	key_part(buf, len, "", target, "");
	key_part(buf, len, "sync ", sync, "");
	if (h->s.labels.n > 1)
		key_part(buf, len, "", h->s.values[side], "");
}

static void row_key(const struct cmp_heat *h, size_t r, char *buf, size_t len)
{
	const struct mb_chart_in *in = &h->x->in;

	key_of(h, mb_chart_str(in, r, "pattern"), mb_chart_str(in, r, "cache"), mb_chart_str(in, r, "target"),
	       mb_chart_str(in, r, "sync"), mb_sides_of(&h->s, in, r), buf, len);
}

/* "" for i = 0, then the words of w: rows without a value (reads have no
 * write target or sync mode) come before those with one. */
static const char *word_or_none(const struct mb_words *w, size_t i)
{
	return i ? w->v[i - 1] : "";
}

/* The panel rows that have cells, in order of side, pattern, cache state,
 * target and sync mode. */
static void order_rows(struct cmp_heat *h, const struct mb_words *present)
{
	char key[600];

	for (size_t s = 0; s < h->s.labels.n; s++)
		for (size_t p = 0; p <= h->pats.n; p++)
			for (size_t c = 0; c <= h->caches.n; c++)
				for (size_t t = 0; t <= h->targets.n; t++)
					for (size_t y = 0; y <= h->syncs.n; y++) {
						key_of(h, word_or_none(&h->pats, p), word_or_none(&h->caches, c),
						       word_or_none(&h->targets, t), word_or_none(&h->syncs, y),
						       (long)s, key, sizeof(key));
						if (mb_words_find(present, key) >= 0)
							mb_words_add(&h->rows, key);
					}
}

/* Each panel row's series (one panel each), in the order series first
 * appear; pairs holds "row key|series" of every kept row. */
static void place_panels(struct cmp_heat *h, const struct mb_words *pairs)
{
	char pair[800];

	if (!(h->in_row = calloc(h->rows.n + 1, sizeof(*h->in_row)))) {
		h->x->c->nomem = 1;
		return;
	}
	for (size_t i = 0; i < h->rows.n; i++) {
		for (size_t s = 0; s < h->series.n; s++) {
			snprintf(pair, sizeof(pair), "%s|%s", h->rows.v[i], h->series.v[s]);
			if (mb_words_find(pairs, pair) >= 0)
				mb_words_add(&h->in_row[i], h->series.v[s]);
		}
		h->cols = h->in_row[i].n > h->cols ? h->in_row[i].n : h->cols;
		h->x->c->nomem |= h->in_row[i].nomem;
	}
}

/* The panel rows and their panels, the sizes, and the colour scale's end. */
static void gather(struct cmp_heat *h)
{
	const struct mb_chart_in *in = &h->x->in;
	struct mb_words present = {0}, pairs = {0};
	double most = 1;
	char key[600], pair[800];

	for (size_t r = 0; r < in->t.nrows; r++) {
		double ratio = mb_chart_num(in, r, "ratio");

		if (!keep(in, r) || mb_sides_of(&h->s, in, r) < 0)
			continue;
		mb_words_add(&h->series, mb_chart_str(in, r, "series"));
		mb_words_add(&h->pats, mb_chart_str(in, r, "pattern"));
		mb_words_add(&h->caches, mb_chart_str(in, r, "cache"));
		mb_words_add(&h->targets, mb_chart_str(in, r, "target"));
		mb_words_add(&h->syncs, mb_chart_str(in, r, "sync"));
		mb_nums_add(&h->sizes, mb_chart_num(in, r, "file_size_bytes"));
		mb_nums_add(&h->blocks, mb_chart_num(in, r, "block_size_bytes"));
		row_key(h, r, key, sizeof(key));
		mb_words_add(&present, key);
		snprintf(pair, sizeof(pair), "%s|%s", key, mb_chart_str(in, r, "series"));
		mb_words_add(&pairs, pair);
		most = fmax(most, fmax(ratio, 1 / ratio));
	}
	mb_words_lead(&h->pats, pat_order);
	mb_words_lead(&h->caches, cache_order);
	mb_nums_sort(&h->sizes);
	mb_nums_sort(&h->blocks);
	order_rows(h, &present);
	place_panels(h, &pairs);
	h->end = scale_ends[NENDS - 1];
	for (size_t i = NENDS; i-- > 0;)
		if (scale_ends[i] >= most)
			h->end = scale_ends[i];
	h->x->c->nomem |= present.nomem | pairs.nomem | h->series.nomem | h->rows.nomem | h->pats.nomem |
			  h->caches.nomem | h->targets.nomem | h->syncs.nomem | h->sizes.nomem | h->blocks.nomem;
	mb_words_free(&present);
	mb_words_free(&pairs);
}

/* A cell per kept row, labelled "1.07", "0.98 ~" when not significant. */
static void cells(struct cmp_heat *h)
{
	const struct mb_chart_in *in = &h->x->in;
	struct mb_chart *c = h->x->c;
	struct mb_heat_where w = {.sizes = &h->sizes, .blocks = &h->blocks, .unit = ""};
	char key[600];

	for (size_t r = 0; r < in->t.nrows && !c->nomem; r++) {
		long row, col;

		if (!keep(in, r) || mb_sides_of(&h->s, in, r) < 0)
			continue;
		row_key(h, r, key, sizeof(key));
		if ((row = mb_words_find(&h->rows, key)) < 0 ||
		    (col = mb_words_find(&h->in_row[row], mb_chart_str(in, r, "series"))) < 0)
			continue;
		mb_chart_panel_at(c, (int)row + 1, (int)col + 1, &w.panel);
		mb_heat_cell(c, &w, in, r, mb_chart_str(in, r, "mark"), mb_sides_significant(in, r));
	}
}

static void text(struct cmp_heat *h)
{
	struct mb_chart *c = h->x->c;
	char sides[600], above[128];

	for (int i = 0; i < c->rows * c->cols; i++) {
		struct mb_chart_panel *p = &c->panels[i];
		const struct mb_words *in_row = &h->in_row[p->row - 1];

		if ((size_t)p->col <= in_row->n)
			snprintf(p->title, sizeof(p->title), "%s · %s", in_row->v[p->col - 1],
				 h->rows.v[p->row - 1]);
	}
	mb_sides_title(&h->s, "÷", sides, sizeof(sides));
	snprintf(c->title, sizeof(c->title), "%s · %s · ratio of medians per file size × block size", sides,
		 h->s.measure);
	snprintf(c->note, sizeof(c->note), "~ not significant (Holm-corrected p ≥ 0.05 or n < 5)     grey: not "
		 "compared (not on both sides or unlike)     colours clamped to %.3g..%g", 1 / h->end, h->end);
	mb_sides_above_one(&h->s, above, sizeof(above));
	snprintf(c->z_label, sizeof(c->z_label), "%s ÷ %s (%s)", h->s.labels.n == 1 ? h->s.values[0] : "side",
		 h->s.base, above);
	/* red for the faster side: a reversed scale where lower is faster */
	c->z_min = h->s.lower_better ? h->end : 1 / h->end;
	c->z_max = h->s.lower_better ? 1 / h->end : h->end;
}

static void free_heat(struct cmp_heat *h)
{
	mb_sides_free(&h->s);
	for (size_t i = 0; h->in_row && i < h->rows.n; i++)
		mb_words_free(&h->in_row[i]);
	free(h->in_row);
	mb_words_free(&h->series);
	mb_words_free(&h->rows);
	mb_words_free(&h->pats);
	mb_words_free(&h->caches);
	mb_words_free(&h->targets);
	mb_words_free(&h->syncs);
	mb_nums_free(&h->sizes);
	mb_nums_free(&h->blocks);
}

int mb_chart_compare_heatmap(struct mb_chart_ctx *x)
{
	struct cmp_heat h = {.x = x};
	struct mb_chart *c = x->c;
	char size[32];
	int rc = mb_sides_read(&h.s, &x->in, x->err, x->errlen);

	if (!rc)
		gather(&h);
	if (!rc && c->nomem)
		rc = -ENOMEM;
	if (!rc && !h.series.n)
		rc = mb_chart_nodata(x, "no like configuration has a file and block size");
	if (!rc && h.sizes.n < 2) {
		mb_chart_bytes(h.sizes.v[0], size, sizeof(size));
		rc = mb_chart_nodata(x, "one file size only (%s): the ratio chart shows these", size);
	}
	if (!rc && h.blocks.n < 2) {
		mb_chart_bytes(h.blocks.v[0], size, sizeof(size));
		rc = mb_chart_nodata(x, "one block size only (%s): the ratio chart shows these", size);
	}
	if (rc)
		goto out;
	mb_chart_grid(c, (int)h.rows.n, (int)h.cols);
	cells(&h);
	mb_chart_finish(c);
	text(&h);
	mb_heat_canvas(c, &h.sizes, &h.blocks);
out:
	if (!rc && c->nomem)
		rc = -ENOMEM;
	free_heat(&h);
	return rc;
}
