/* chart_explain.c: explain, the cost model against the measurement, from
 * the output of `mapbench explain --format csv`: for the headline
 * configurations (warm, or the first cache state; the largest file; a panel
 * per pattern and block size, four at most) each series gets two bars, its
 * predicted time stacked by term and its measured time, the residual beside
 * the measured bar. The terms are the explain CSV's term_*_ns cells, divided
 * by the threads as the model divides them (priced_ns is their sum then). */
#include "chart_axes.h"
#include "chart_layout.h"
#include "chart_model.h"
#include "charts.h"
#include "explain_terms.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PANELS 4
#define MAX_SERIES 24
#define ROW_PX 22

/* A term's colour: one of the methods' colours, so each term has its own. */
static const char *const term_colour[MB_XT_N] = {
	"read", "pread", "readv", "mmap-window", "mmap-private", "mmap", "preadv", "odirect", "uring", "dontcache",
	"memread",
};

struct pick {
	const char *cache;
	double size;
	const char *pat[MAX_PANELS];
	double block[MAX_PANELS];
	int npanels;
	const char *series[MAX_SERIES];
	int nseries;
};

static int panel_of(const struct pick *k, const char *pat, double block)
{
	for (int i = 0; i < k->npanels; i++)
		if (!strcmp(k->pat[i], pat) && k->block[i] == block)
			return i;
	return -1;
}

static int series_of(const struct pick *k, const char *s)
{
	for (int i = 0; i < k->nseries; i++)
		if (!strcmp(k->series[i], s))
			return i;
	return -1;
}

/* The headline: the cache state, the largest file, its panels and series. */
static void choose(const struct mb_chart_in *in, struct pick *k)
{
	size_t n = in->t.nrows;

	memset(k, 0, sizeof(*k));
	for (size_t r = 0; r < n && !k->cache; r++)
		if (mb_chart_is(in, r, "cache", "warm"))
			k->cache = "warm";
	for (size_t r = 0; r < n && !k->cache; r++)
		if (*mb_chart_str(in, r, "cache"))
			k->cache = mb_chart_str(in, r, "cache");
	for (size_t r = 0; r < n; r++)
		if (k->cache && mb_chart_is(in, r, "cache", k->cache) && mb_chart_num(in, r, "file_size_bytes") > k->size)
			k->size = mb_chart_num(in, r, "file_size_bytes");
	for (size_t r = 0; r < n; r++) {
		const char *pat = mb_chart_str(in, r, "pattern"), *s = mb_chart_str(in, r, "series");
		double block = mb_chart_num(in, r, "block_size_bytes");

		if (mb_chart_num(in, r, "file_size_bytes") != k->size || !(mb_chart_num(in, r, "measured_ns") > 0))
			continue;
		if (*mb_chart_str(in, r, "cache") && !mb_chart_is(in, r, "cache", k->cache ? k->cache : ""))
			continue;
		if (panel_of(k, pat, block) < 0 && k->npanels < MAX_PANELS) {
			k->pat[k->npanels] = pat;
			k->block[k->npanels++] = block;
		}
		if (series_of(k, s) < 0 && k->nseries < MAX_SERIES)
			k->series[k->nseries++] = s;
	}
}

/* Row r's predicted bar, stacked term by term, on row y of panel. */
static void stack(struct mb_chart *c, const struct mb_chart_in *in, size_t r, size_t panel, double y)
{
	double sum = 0, at = 0, priced = mb_chart_num(in, r, "priced_ns"), scale, v[MB_XT_N];
	char col[40];

	for (int t = 0; t < MB_XT_N; t++) {
		snprintf(col, sizeof(col), "term_%s_ns", mb_xterm_names[t]);
		v[t] = mb_chart_num(in, r, col); /* "unknown" reads as 0: not drawn */
		sum += v[t] > 0 ? v[t] : 0;
	}
	scale = sum > 0 && priced > 0 ? priced / sum : 1;
	for (int t = 0; t < MB_XT_N; t++) {
		struct mb_chart_point *p;

		if (!(v[t] > 0))
			continue;
		if (!(p = mb_chart_point(c, panel, mb_chart_series(c, mb_xterm_names[t], term_colour[t]))))
			return;
		p->y = y;
		p->x_lo = at / 1e6;
		at += v[t] * scale;
		p->x = p->x_hi = at / 1e6;
		snprintf(p->mark, sizeof(p->mark), "%s", "predicted");
	}
}

static void measured(struct mb_chart *c, const struct mb_chart_in *in, size_t r, size_t panel, double y)
{
	double ns = mb_chart_num(in, r, "measured_ns"), res = mb_chart_num(in, r, "residual_pct");
	struct mb_chart_point *p = mb_chart_point(c, panel, mb_chart_series(c, "measured", "measured"));
	char t[32], label[96];

	if (!p)
		return;
	p->y = y;
	p->x_lo = 0;
	p->x = p->x_hi = ns / 1e6;
	snprintf(p->mark, sizeof(p->mark), "%s", "measured");
	mb_chart_duration(ns, t, sizeof(t));
	if (isnan(res))
		snprintf(label, sizeof(label), " %s (model: %s)", t, mb_chart_str(in, r, "explained"));
	else
		snprintf(label, sizeof(label), " %s (%+.0f%%%s)", t, res,
			 mb_chart_is(in, r, "explained", "no") ? ", unexplained" : "");
	mb_chart_point_label(c, p, label);
}

int mb_chart_explain(struct mb_chart_ctx *x)
{
	const struct mb_chart_in *in = &x->in;
	struct mb_chart *c = x->c;
	struct pick k;
	double hi[MAX_PANELS] = {0};
	char name[160], shown[32], bs[32];
	int width = 0, min_h;

	choose(in, &k);
	if (!k.npanels)
		return mb_chart_nodata(x, "no configuration with a measured time");
	mb_chart_grid(c, 1, k.npanels);
	c->keep_order = 1;
	for (size_t r = 0; r < in->t.nrows && !c->nomem; r++) {
		int p = panel_of(&k, mb_chart_str(in, r, "pattern"), mb_chart_num(in, r, "block_size_bytes"));
		int s = series_of(&k, mb_chart_str(in, r, "series"));
		size_t panel;

		if (p < 0 || s < 0 || mb_chart_num(in, r, "file_size_bytes") != k.size ||
		    (*mb_chart_str(in, r, "cache") && !mb_chart_is(in, r, "cache", k.cache ? k.cache : "")))
			continue;
		mb_chart_panel_at(c, 1, p + 1, &panel);
		stack(c, in, r, panel, 3.0 * s + 1);
		measured(c, in, r, panel, 3.0 * s + 2);
		hi[p] = fmax(hi[p], fmax(mb_chart_num(in, r, "measured_ns"), mb_chart_num(in, r, "priced_ns")));
	}
	if (c->nomem)
		return -ENOMEM;
	mb_chart_finish(c);
	for (int s = 0; s < k.nseries; s++) {
		snprintf(name, sizeof(name), "%s model", k.series[s]);
		mb_chart_tic(c, 'y', 3.0 * s + 1, name);
		width = (int)strlen(name) > width ? (int)strlen(name) : width;
		snprintf(name, sizeof(name), "%s measured", k.series[s]);
		mb_chart_tic(c, 'y', 3.0 * s + 2, name);
		width = (int)strlen(name) > width ? (int)strlen(name) : width;
	}
	mb_chart_range(c, 'y', 3.0 * k.nseries + 0.5, 0.5);
	for (int i = 0; i < k.npanels; i++) {
		/* each panel its own scale, room on the right for the labels */
		c->panels[i].x_min = 0;
		c->panels[i].x_max = hi[i] / 1e6 * 1.9;
		mb_chart_bytes(k.block[i], bs, sizeof(bs));
		snprintf(c->panels[i].title, sizeof(c->panels[i].title), "%s, %s blocks", k.pat[i], bs);
	}
	mb_chart_bytes(k.size, shown, sizeof(shown));
	snprintf(c->title, sizeof(c->title),
		 "The cost model against the measurement: %s%s%s file (predicted time by term; mapbench explain)",
		 k.cache ? k.cache : "", k.cache ? " " : "", shown);
	snprintf(c->x_label, sizeof(c->x_label), "ms (median total time; the model's terms stacked)");
	c->label_width = 10 + (int)(7.5 * width);
	c->key_width = mb_chart_key_width(c, &min_h);
	mb_chart_canvas(c, c->label_width + c->cols * 420 + c->key_width,
			MB_CHART_TITLE_BAND + MB_CHART_ROW_PADS.top + MB_CHART_ROW_PADS.bottom +
				ROW_PX * 3 * k.nseries + 20,
			min_h, MB_CHART_ROW_PADS);
	return 0;
}
