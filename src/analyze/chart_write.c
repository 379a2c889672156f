/* chart_write.c: a chart as one CSV (libcsv), the input of plots/NAME.gp.
 * Long form: a row per drawn point, each naming its panel and series, after
 * rows that describe the chart (one), its panels, its series (the key, in
 * display order) and its tics; the `kind` column says which a row is, and a
 * row fills only the columns of its kind (docs/csv-schema.md, "Chart CSV").
 *
 * Text cells never hold a comma or a double quote (they become ';' and '):
 * gnuplot 5.4 reads a quoted field only up to the first of either. */
#include "chart.h"
#include "csvio.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum col {
	C_CHART, C_KIND,
	C_PANEL, C_PANEL_ROW, C_PANEL_COL, C_PANEL_TITLE, C_POINTS,
	C_SERIES_INDEX, C_SERIES, C_METHOD, C_COLOR_INDEX, C_VARIANT,
	C_MARK, C_X, C_X_LO, C_X_HI, C_Y, C_Y_LO, C_Y_HI, C_VALUE, C_LABEL,
	C_X_MIN, C_X_MAX, C_Y_MIN, C_Y_MAX, C_LEFT, C_RIGHT, C_BOTTOM, C_TOP,
	C_TITLE, C_NOTE, C_X_LABEL, C_Y_LABEL, C_Z_LABEL, C_X_SCALE, C_Y_SCALE, C_Z_MIN, C_Z_MAX,
	C_ROWS, C_COLS, C_SERIES_COUNT, C_XTIC_COUNT, C_YTIC_COUNT,
	C_WIDTH, C_HEIGHT, C_KEY_LEFT, C_KEY_RIGHT, C_KEY_BOTTOM, C_KEY_TOP, C_NOTE_Y, C_ROW_LABELS,
	NCOLS
};

static const char *const col_names[NCOLS] = {
	"chart", "kind",
	"panel", "panel_row", "panel_col", "panel_title", "points",
	"series_index", "series", "method", "color_index", "variant",
	"mark", "x", "x_lo", "x_hi", "y", "y_lo", "y_hi", "value", "label",
	"x_min", "x_max", "y_min", "y_max", "left", "right", "bottom", "top",
	"title", "note", "x_label", "y_label", "z_label", "x_scale", "y_scale", "z_min", "z_max",
	"rows", "cols", "series_count", "xtic_count", "ytic_count",
	"width", "height", "key_left", "key_right", "key_bottom", "key_top", "note_y", "row_labels",
};

/* One row being made: its cells, and room for the text they point to. */
struct row {
	const char *cell[NCOLS];
	char buf[NCOLS][1100];
};

static void start(struct row *w, const struct mb_chart *c, const char *kind)
{
	for (size_t i = 0; i < NCOLS; i++)
		w->cell[i] = "";
	w->cell[C_CHART] = c->name;
	w->cell[C_KIND] = kind;
}

static void text(struct row *w, enum col k, const char *s)
{
	char *p = w->buf[k];

	snprintf(p, sizeof(w->buf[k]), "%s", s ? s : "");
	for (; *p; p++)
		*p = *p == ',' ? ';' : *p == '"' ? '\'' : *p;
	w->cell[k] = w->buf[k];
}

static void num(struct row *w, enum col k, double x)
{
	if (isnan(x))
		return;
	snprintf(w->buf[k], sizeof(w->buf[k]), "%.10g", x);
	w->cell[k] = w->buf[k];
}

static void count(struct row *w, enum col k, size_t n)
{
	snprintf(w->buf[k], sizeof(w->buf[k]), "%zu", n);
	w->cell[k] = w->buf[k];
}

/* Appends the row to out; 0 or -ENOMEM. */
static int put(FILE *out, const struct row *w)
{
	size_t len;
	char *line = mb_csv_format(w->cell, NCOLS, &len);
	int rc = line && fwrite(line, 1, len, out) == len ? 0 : -ENOMEM;

	free(line);
	return rc;
}

static size_t count_tics(const struct mb_chart *c, char axis)
{
	size_t n = 0;

	for (size_t i = 0; i < c->ntics; i++)
		n += c->tics[i].axis == axis;
	return n;
}

static int put_chart(FILE *out, const struct mb_chart *c, struct row *w)
{
	start(w, c, "chart");
	text(w, C_TITLE, c->title);
	text(w, C_NOTE, c->note);
	text(w, C_X_LABEL, c->x_label);
	text(w, C_Y_LABEL, c->y_label);
	text(w, C_Z_LABEL, c->z_label);
	text(w, C_X_SCALE, c->x_scale);
	text(w, C_Y_SCALE, c->y_scale);
	num(w, C_Z_MIN, c->z_min);
	num(w, C_Z_MAX, c->z_max);
	count(w, C_ROWS, (size_t)c->rows);
	count(w, C_COLS, (size_t)c->cols);
	count(w, C_SERIES_COUNT, c->nseries);
	count(w, C_XTIC_COUNT, count_tics(c, 'x'));
	count(w, C_YTIC_COUNT, count_tics(c, 'y'));
	count(w, C_WIDTH, (size_t)c->width);
	count(w, C_HEIGHT, (size_t)c->height);
	num(w, C_KEY_LEFT, c->key_left);
	num(w, C_KEY_RIGHT, c->key_right);
	num(w, C_KEY_BOTTOM, c->key_bottom);
	num(w, C_KEY_TOP, c->key_top);
	num(w, C_NOTE_Y, c->note_y);
	count(w, C_ROW_LABELS, c->label_width > 0);
	return put(out, w);
}

/* The panel columns of a panel or point row. */
static void panel_cells(struct row *w, const struct mb_chart *c, size_t index)
{
	const struct mb_chart_panel *p = &c->panels[index - 1];

	count(w, C_PANEL, index);
	count(w, C_PANEL_ROW, (size_t)p->row);
	count(w, C_PANEL_COL, (size_t)p->col);
	text(w, C_PANEL_TITLE, p->title);
}

/* The series columns of a series or point row. */
static void series_cells(struct row *w, const struct mb_chart *c, size_t id)
{
	const struct mb_chart_series *s = &c->series[id - 1];

	count(w, C_SERIES_INDEX, s->place);
	text(w, C_SERIES, s->name);
	text(w, C_METHOD, s->method);
	count(w, C_COLOR_INDEX, (size_t)s->color);
	count(w, C_VARIANT, (size_t)s->variant);
}

static int put_panels(FILE *out, const struct mb_chart *c, struct row *w)
{
	int rc = 0;

	for (int i = 0; !rc && i < c->rows * c->cols; i++) {
		const struct mb_chart_panel *p = &c->panels[i];

		start(w, c, "panel");
		panel_cells(w, c, (size_t)i + 1);
		count(w, C_POINTS, p->points);
		num(w, C_X_MIN, p->x_min);
		num(w, C_X_MAX, p->x_max);
		num(w, C_Y_MIN, p->y_min);
		num(w, C_Y_MAX, p->y_max);
		num(w, C_LEFT, p->left);
		num(w, C_RIGHT, p->right);
		num(w, C_BOTTOM, p->bottom);
		num(w, C_TOP, p->top);
		rc = put(out, w);
	}
	return rc;
}

/* In display order; the key's text in label. */
static int put_series(FILE *out, const struct mb_chart *c, struct row *w)
{
	int rc = 0;

	for (size_t place = 1; !rc && place <= c->nseries; place++)
		for (size_t i = 0; !rc && i < c->nseries; i++) {
			const struct mb_chart_series *s = &c->series[i];
			char key[1100];

			if (s->place != place)
				continue;
			start(w, c, "series");
			series_cells(w, c, i + 1);
			snprintf(key, sizeof(key), "%s%s", s->name, s->limit ? " (RAM limit)" : "");
			text(w, C_LABEL, key);
			text(w, C_MARK, s->limit ? "limit" : "");
			rc = put(out, w);
		}
	return rc;
}

static int put_tics(FILE *out, const struct mb_chart *c, struct row *w, char axis)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < c->ntics; i++) {
		const struct mb_chart_tic *t = &c->tics[i];

		if (t->axis != axis)
			continue;
		start(w, c, axis == 'x' ? "xtic" : "ytic");
		num(w, axis == 'x' ? C_X : C_Y, t->at);
		text(w, C_LABEL, t->label);
		rc = put(out, w);
	}
	return rc;
}

static int put_points(FILE *out, const struct mb_chart *c, struct row *w)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < c->npoints; i++) {
		const struct mb_chart_point *p = &c->points[i];

		start(w, c, "point");
		panel_cells(w, c, p->panel);
		if (p->series)
			series_cells(w, c, p->series);
		text(w, C_MARK, p->mark);
		num(w, C_X, p->x);
		num(w, C_X_LO, p->x_lo);
		num(w, C_X_HI, p->x_hi);
		num(w, C_Y, p->y);
		num(w, C_Y_LO, p->y_lo);
		num(w, C_Y_HI, p->y_hi);
		num(w, C_VALUE, p->value);
		text(w, C_LABEL, p->label);
		rc = put(out, w);
	}
	return rc;
}

int mb_chart_write(const struct mb_chart *c, int fd)
{
	struct row *w = malloc(sizeof(*w));
	char *csv = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&csv, &len);
	int rc = w && out ? 0 : -ENOMEM;

	if (!rc) {
		for (size_t i = 0; i < NCOLS; i++)
			w->cell[i] = col_names[i];
		rc = put(out, w);
	}
	if (!rc)
		rc = put_chart(out, c, w);
	if (!rc)
		rc = put_panels(out, c, w);
	if (!rc)
		rc = put_series(out, c, w);
	if (!rc)
		rc = put_tics(out, c, w, 'x');
	if (!rc)
		rc = put_tics(out, c, w, 'y');
	if (!rc)
		rc = put_points(out, c, w);
	if (out && fclose(out) && !rc)
		rc = -ENOMEM;
	if (!rc)
		rc = mb_csv_write_raw(fd, csv, len);
	free(csv);
	free(w);
	return rc;
}
