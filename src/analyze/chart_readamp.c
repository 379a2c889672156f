/* chart_readamp.c: read_amp, device bytes per byte a method used (the
 * median of dev_read_per_byte), from a summary: a horizontal bar per series
 * of the cold or memory-limited read configurations (where the device is
 * read at all), labelled with the ratio and the block size, on a log axis
 * with 1 (every byte read once) in its range. Above 1, readahead or
 * fault-around fetched bytes the method never used, or a memory limit
 * evicted pages that were then read again. A panel per pattern; the
 * largest file measured. */
#include "chart_axes.h"
#include "chart_facts.h"
#include "chart_layout.h"
#include "chart_model.h"
#include "chart_ops.h"
#include "chart_pick.h"
#include "chart_who.h"
#include "charts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int keep_amp(const struct mb_chart_in *in, size_t r)
{
	return mb_chart_op(in, r, "read") && mb_chart_num(in, r, "dev_read_per_byte_median") > 0 &&
	       (mb_chart_is(in, r, "cache", "cold") || *mb_chart_str(in, r, "mem_limit_bytes"));
}

int mb_chart_read_amp(struct mb_chart_ctx *x)
{
	const struct mb_chart_in *in = &x->in;
	struct mb_chart *c = x->c;
	struct mb_chart_facts f = {0};
	double size, block, lo = 1, hi = 1;
	char label[96], b[32], shown[32], title[200];
	int rc = 0;

	mb_facts_gather(&f, in, keep_amp);
	if (f.nomem) {
		rc = -ENOMEM;
		goto out;
	}
	if (!f.pats.n) {
		rc = mb_chart_nodata(x, "no cold or memory-limited read rows with device reads "
				     "(dev_read_per_byte_median)");
		goto out;
	}
	mb_pick_largest(&f, &size, &block);
	mb_chart_grid(c, 1, (int)f.pats.n);
	c->series_rows = 1;
	for (size_t r = 0; r < in->t.nrows && !c->nomem; r++) {
		long pat = mb_words_find(&f.pats, mb_chart_str(in, r, "pattern"));
		double amp = mb_chart_num(in, r, "dev_read_per_byte_median");
		struct mb_chart_point *p;
		size_t panel;

		if (!keep_amp(in, r) || pat < 0 || mb_chart_num(in, r, "file_size_bytes") != size)
			continue;
		mb_chart_panel_at(c, 1, (int)pat + 1, &panel);
		mb_chart_bytes(mb_chart_num(in, r, "block_size_bytes"), b, sizeof(b));
		snprintf(label, sizeof(label), "%s%s%s", mb_chart_str(in, r, "cache"),
			 *mb_chart_str(in, r, "mem_limit_bytes") ? " limited " : " ", b);
		if (!(p = mb_chart_point(c, panel, mb_chart_short_series(&f, c, in, r, label))))
			break;
		p->x = p->x_hi = amp;
		snprintf(label, sizeof(label), " %.3g×", amp);
		mb_chart_point_label(c, p, label);
		lo = amp < lo ? amp : lo;
		hi = amp > hi ? amp : hi;
	}
	if (c->nomem) {
		rc = -ENOMEM;
		goto out;
	}
	mb_chart_finish(c);
	mb_chart_log_axis(c, 'x', lo, hi * 30); /* room on the right for the labels */
	for (size_t i = 0; i < c->npoints; i++)
		c->points[i].x_lo = c->panels[0].x_min;
	for (int i = 0; i < c->cols; i++)
		snprintf(c->panels[i].title, sizeof(c->panels[i].title), "%s", f.pats.v[i]);
	mb_chart_bytes(size, shown, sizeof(shown));
	snprintf(title, sizeof(title), "Read amplification: device bytes per byte used (median): %s file",
		 shown);
	mb_who_title(&f.who, title, c->title, sizeof(c->title));
	snprintf(c->x_label, sizeof(c->x_label), "device bytes read ÷ bytes used (log; 1: each byte read once)");
	c->label_width = mb_chart_row_labels_width(c);
	c->key_width = 30;
	mb_chart_canvas(c, c->label_width + c->cols * 480 + c->key_width,
			MB_CHART_TITLE_BAND + mb_chart_rows_height(c), 0, MB_CHART_ROW_PADS);
out:
	mb_facts_free(&f);
	return rc;
}
