/* chart_heatmap.c: where the numerator of a method ratio (mmap) beats its
 * denominator (read), from `mapbench ratio --by method`: one cell per file
 * size (across) and block size (up), holding the ratio of medians and "~"
 * when the difference is not significant. One series of the numerator is
 * shown (its default variant unless asked); panels: pattern down, cache
 * state across, repeated per result set when several were concatenated. */
#include "chart_cells.h"
#include "chart_facts.h"
#include "chart_model.h"
#include "chart_ops.h"
#include "charts.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* The colour scale's ends: ratios beyond are drawn in the end colours. */
#define CLAMP_LO 0.25
#define CLAMP_HI 4.0

struct heat {
	struct mb_chart_ctx *x;
	const char *show;         /* the series shown */
	struct mb_chart_facts f;
	struct mb_words sets;     /* the result sets' series suffixes (" ext4") */
	struct mb_words pcols;    /* panel columns: cache state + suffix ("warm ext4") */
	struct mb_nums sizes, blocks; /* sorted */
};

static int keep(const struct heat *h, size_t r)
{
	return mb_chart_op(&h->x->in, r, "read") && mb_chart_num(&h->x->in, r, "ratio") > 0 &&
	       mb_chart_is(&h->x->in, r, "series", h->show);
}

/* Row r's panel column key, cache state and result set: "warm ext4". */
static void col_key(const struct heat *h, size_t r, char *buf, size_t len)
{
	char suffix[300];

	mb_who_suffix(&h->f.who, &h->x->in, r, suffix, sizeof(suffix));
	snprintf(buf, len, "%s%s", mb_chart_str(&h->x->in, r, "cache"), suffix);
}

/* The series shown: asked for, else the numerator's default variant (the
 * series named as the num value), else the first with a ratio. 0 or
 * -ENODATA. */
static int pick_series(struct heat *h, const char *num)
{
	const struct mb_chart_in *in = &h->x->in;
	const char *want = h->x->rq->series, *first = NULL;

	h->show = NULL;
	for (size_t r = 0; r < in->t.nrows && !h->show; r++) {
		const char *s = mb_chart_str(in, r, "series");

		if (!(mb_chart_num(in, r, "ratio") > 0))
			continue;
		first = first ? first : s;
		if (!strcmp(s, want ? want : num))
			h->show = s;
	}
	if (!first)
		return mb_chart_nodata(h->x, "no ratio rows");
	if (want && !h->show)
		return mb_chart_nodata(h->x, "no rows of series %s", want);
	h->show = h->show ? h->show : first;
	return 0;
}

/* Facts of the shown rows; the panel columns: the cache states, repeated
 * per result set that has them. */
static void gather(struct heat *h)
{
	const struct mb_chart_in *in = &h->x->in;
	struct mb_words keys = {0};
	char key[400], suffix[300];

	for (size_t r = 0; r < in->t.nrows; r++)
		if (keep(h, r))
			mb_facts_add(&h->f, in, r);
	mb_facts_done(&h->f);
	for (size_t r = 0; r < in->t.nrows; r++)
		if (keep(h, r)) {
			mb_who_suffix(&h->f.who, in, r, suffix, sizeof(suffix));
			mb_words_add(&h->sets, suffix);
			col_key(h, r, key, sizeof(key));
			mb_words_add(&keys, key);
		}
	for (size_t s = 0; s < (h->sets.n ? h->sets.n : 1); s++)
		for (size_t i = 0; i < h->f.caches.n; i++) {
			snprintf(key, sizeof(key), "%s%s", h->f.caches.v[i], h->sets.n ? h->sets.v[s] : "");
			if (mb_words_find(&keys, key) >= 0)
				mb_words_add(&h->pcols, key);
		}
	for (size_t i = 0; i < h->f.sizes.n; i++)
		mb_nums_add(&h->sizes, h->f.sizes.v[i]);
	for (size_t i = 0; i < h->f.blocks.n; i++)
		mb_nums_add(&h->blocks, h->f.blocks.v[i]);
	mb_nums_sort(&h->sizes);
	mb_nums_sort(&h->blocks);
	h->f.nomem |= keys.nomem | h->sets.nomem | h->pcols.nomem | h->sizes.nomem | h->blocks.nomem;
	mb_words_free(&keys);
}

/* A cell per shown row: x, y its file and block size's places, value the
 * ratio, labelled "1.23×", plus " ~" when not significant. */
static void cells(struct heat *h)
{
	const struct mb_chart_in *in = &h->x->in;
	struct mb_chart *c = h->x->c;
	struct mb_heat_where w = {.sizes = &h->sizes, .blocks = &h->blocks, .unit = "×"};
	char key[400];

	for (size_t r = 0; r < in->t.nrows && !c->nomem; r++) {
		long row = mb_words_find(&h->f.pats, mb_chart_str(in, r, "pattern")), col;
		int sig = mb_chart_is(in, r, "significant", "yes");

		col_key(h, r, key, sizeof(key));
		col = mb_words_find(&h->pcols, key);
		if (!keep(h, r) || row < 0 || col < 0)
			continue;
		mb_chart_panel_at(c, (int)row + 1, (int)col + 1, &w.panel);
		mb_heat_cell(c, &w, in, r, sig ? "yes" : "~", sig);
	}
}

/* "seq · warm cache", "seq · warm cache · ext4" (the key "warm ext4"). */
static void panel_titles(struct heat *h)
{
	struct mb_chart *c = h->x->c;

	for (int i = 0; i < c->rows * c->cols; i++) {
		struct mb_chart_panel *p = &c->panels[i];
		const char *k = h->pcols.v[p->col - 1], *sp = strchr(k, ' ');

		snprintf(p->title, sizeof(p->title), "%s · %.*s cache%s%s", h->f.pats.v[p->row - 1],
			 (int)(sp ? sp - k : (long)strlen(k)), k, sp ? " ·" : "", sp ? sp : "");
	}
}

static void text(struct heat *h, const struct mb_ratio_what *w)
{
	struct mb_chart *c = h->x->c;
	char base[400];

	snprintf(c->note, sizeof(c->note), "~ not significant (Mann-Whitney p ≥ 0.05)     grey: not "
		 "measured     colours clamped to %g..%g", CLAMP_LO, CLAMP_HI);
	snprintf(base, sizeof(base), "%s ÷ %s throughput of series %s (ratio of medians)", w->num,
		 w->den, h->show);
	mb_who_title(&h->f.who, base, c->title, sizeof(c->title));
	snprintf(c->z_label, sizeof(c->z_label), "%s ÷ %s throughput (>1: %s wins)", w->num, w->den,
		 w->num);
	c->z_min = CLAMP_LO, c->z_max = CLAMP_HI;
}

int mb_chart_mmap_read_heatmap(struct mb_chart_ctx *x)
{
	struct heat h = {.x = x};
	struct mb_chart *c = x->c;
	struct mb_ratio_what w;
	int rc = mb_ratio_what(&x->in, &w);

	if (!rc && strcmp(w.by, "method"))
		return mb_chart_nodata(x, "not a method ratio (by %s)", w.by);
	if (!rc)
		rc = pick_series(&h, w.num);
	if (rc)
		return rc;
	gather(&h);
	mb_chart_grid(c, (int)h.f.pats.n, (int)h.pcols.n);
	cells(&h);
	if (!c->npoints && !c->nomem && !h.f.nomem)
		rc = mb_chart_nodata(x, "no ratio rows");
	if (!rc) {
		mb_chart_finish(c);
		panel_titles(&h);
		text(&h, &w);
		mb_heat_canvas(c, &h.sizes, &h.blocks);
	}
	rc = !rc && (h.f.nomem || c->nomem) ? -ENOMEM : rc;
	mb_facts_free(&h.f);
	mb_words_free(&h.sets);
	mb_words_free(&h.pcols);
	mb_nums_free(&h.sizes);
	mb_nums_free(&h.blocks);
	return rc;
}
