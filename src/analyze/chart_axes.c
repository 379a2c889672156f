/* chart_axes.c: scales, ranges and tics of a chart's axes (see
 * chart_axes.h). */
#include "chart_axes.h"
#include "chart_model.h"

#include <math.h>
#include <stdio.h>

void mb_chart_bytes(double v, char *buf, size_t len)
{
	static const char units[] = "TGMK";

	for (int i = 0; i < 4; i++) {
		double unit = ldexp(1, 10 * (4 - i));

		if (v >= unit) {
			snprintf(buf, len, "%g%c", v / unit, units[i]);
			return;
		}
	}
	snprintf(buf, len, "%g", v);
}

void mb_chart_duration(double ns, char *buf, size_t len)
{
	if (ns >= 1e9)
		snprintf(buf, len, "%.3g s", ns / 1e9);
	else if (ns >= 1e6)
		snprintf(buf, len, "%.3g ms", ns / 1e6);
	else if (ns >= 1e3)
		snprintf(buf, len, "%.3g µs", ns / 1e3);
	else
		snprintf(buf, len, "%.3g ns", ns);
}

static void set_scale(struct mb_chart *c, char axis, const char *scale)
{
	if (axis == 'x')
		c->x_scale = scale;
	else
		c->y_scale = scale;
}

void mb_chart_byte_axis(struct mb_chart *c, char axis, const struct mb_nums *vals)
{
	struct mb_nums sorted = {0};
	size_t step = vals->n > 12 ? 2 : 1;
	char label[32];

	for (size_t i = 0; i < vals->n; i++)
		mb_nums_add(&sorted, vals->v[i]);
	mb_nums_sort(&sorted);
	c->nomem |= sorted.nomem;
	set_scale(c, axis, "log2");
	mb_chart_range(c, axis, mb_nums_min(vals) / 1.6, mb_nums_max(vals) * 1.6);
	for (size_t i = 0; i < sorted.n; i += step) {
		mb_chart_bytes(sorted.v[i], label, sizeof(label));
		mb_chart_tic(c, axis, sorted.v[i], label);
	}
	mb_nums_free(&sorted);
}

void mb_chart_log_axis(struct mb_chart *c, char axis, double lo, double hi)
{
	set_scale(c, axis, "log10");
	mb_chart_range(c, axis, pow(10, floor(3 * log10(lo) - 0.3) / 3),
		       pow(10, ceil(3 * log10(hi) + 0.3) / 3));
}

void mb_chart_ratio_axis(struct mb_chart *c, char axis, double lo, double hi)
{
	static const double narrow[] = {0.8, 1.25}; /* tics for a narrow range */
	double base = hi / lo > 64 ? 10 : 2, min = lo / 1.15, max = hi * 1.15;
	char label[32];

	set_scale(c, axis, base == 10 ? "log10" : "log2");
	mb_chart_range(c, axis, min, max);
	for (int k = (int)floor(log(min) / log(base)); k <= (int)ceil(log(max) / log(base)); k++) {
		double at = pow(base, k);

		if (at < min || at > max)
			continue;
		snprintf(label, sizeof(label), "%g", at);
		mb_chart_tic(c, axis, at, label);
	}
	for (size_t i = 0; hi / lo < 6 && i < sizeof(narrow) / sizeof(narrow[0]); i++)
		if (narrow[i] >= min && narrow[i] <= max) {
			snprintf(label, sizeof(label), "%g", narrow[i]);
			mb_chart_tic(c, axis, narrow[i], label);
		}
}

void mb_chart_category_axis(struct mb_chart *c, char axis, const struct mb_nums *sorted_vals)
{
	char label[32];

	mb_chart_range(c, axis, 0.5, (double)sorted_vals->n + 0.5);
	for (size_t i = 0; i < sorted_vals->n; i++) {
		mb_chart_bytes(sorted_vals->v[i], label, sizeof(label));
		mb_chart_tic(c, axis, (double)i + 1, label);
	}
}
