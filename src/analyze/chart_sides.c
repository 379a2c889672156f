/* chart_sides.c: the sides, columns and classes of a comparison file (see
 * chart_sides.h). */
#include "chart_sides.h"
#include "schema.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void append(char *buf, size_t len, const char *sep, const char *s, size_t n)
{
	size_t at = strlen(buf);

	if (at < len)
		snprintf(buf + at, len - at, "%s%.*s", at ? sep : "", (int)n, s);
}

/* 1 when part ("mount_opts=rw") starts with one of the ;-joined names and
 * '='; *value then points past it. */
static int named_part(const char *part, size_t n, const char *names, const char **value)
{
	for (const char *nm = names; *nm;) {
		size_t k = strcspn(nm, ";");

		if (k < n && !strncmp(part, nm, k) && part[k] == '=') {
			*value = part + k + 1;
			return 1;
		}
		nm += k + (nm[k] == ';');
	}
	return 0;
}

/* The values of a side's label ("fs_type=xfs;mount_opts=rw,relatime") into
 * buf: "xfs · rw,relatime". A part that names no compared column belongs to
 * the value before it (a value holding ';'). */
static void values_of(const char *label, const char *names, char *buf, size_t len)
{
	buf[0] = '\0';
	for (const char *p = label; *p;) {
		size_t n = strcspn(p, ";");
		const char *v;

		if (named_part(p, n, names, &v))
			append(buf, len, " · ", v, n - (size_t)(v - p));
		else
			append(buf, len, ";", p, n);
		p += n + (p[n] == ';');
	}
}

/* "throughput (MiB/s)", "total_ns (ns)": the metric and its unit from the
 * column table (a derived measure: its name alone). */
static void measure_of(const char *metric, char *buf, size_t len)
{
	const char *unit = "";

	for (size_t i = 0; i < mb_nbase_columns(); i++)
		if (!strcmp(mb_base_columns[i].name, metric))
			unit = mb_base_columns[i].unit;
	if (!strcmp(metric, "mib_per_s"))
		metric = "throughput";
	if (*unit && strcmp(unit, "count"))
		snprintf(buf, len, "%s (%s)", metric, unit);
	else
		snprintf(buf, len, "%s", metric);
}

static void names_of(struct mb_sides *s, const char *compared)
{
	s->compared[0] = '\0';
	for (const char *p = compared; *p;) {
		size_t n = strcspn(p, ";");

		append(s->compared, sizeof(s->compared), " · ", p, n);
		p += n + (p[n] == ';');
	}
	s->one_column = !strchr(compared, ';');
}

static void count_class(struct mb_sides *s, const struct mb_chart_in *in, size_t r)
{
	if (mb_sides_like(in, r))
		s->like++;
	else if (mb_chart_is(in, r, "class", "unlike"))
		s->unlike++;
	else if (mb_chart_is(in, r, "class", "base_only"))
		s->base_only++;
	else if (mb_chart_is(in, r, "class", "side_only"))
		s->side_only++;
}

int mb_sides_read(struct mb_sides *s, const struct mb_chart_in *in, char *err, size_t errlen)
{
	const char *compared = "", *base = NULL;
	char v[512];

	memset(s, 0, sizeof(*s));
	for (size_t r = 0; r < in->t.nrows; r++) {
		mb_words_add(&s->labels, mb_chart_str(in, r, "side"));
		base = base ? base : mb_chart_str(in, r, "baseline");
		compared = *compared ? compared : mb_chart_str(in, r, "compared");
		if (!s->measure[0] && *mb_chart_str(in, r, "metric")) {
			measure_of(mb_chart_str(in, r, "metric"), s->measure, sizeof(s->measure));
			s->lower_better = mb_chart_is(in, r, "better", "lower");
		}
		count_class(s, in, r);
	}
	if (!s->labels.n) {
		snprintf(err, errlen, "no target side (no row names its side)");
		return -ENODATA;
	}
	names_of(s, compared);
	values_of(base, compared, v, sizeof(v));
	s->base = strdup(v);
	s->values = calloc(s->labels.n, sizeof(*s->values));
	s->geomean = malloc(s->labels.n * sizeof(*s->geomean));
	if (s->labels.nomem || !s->base || !s->values || !s->geomean)
		return -ENOMEM;
	for (size_t i = 0; i < s->labels.n; i++) {
		values_of(s->labels.v[i], compared, v, sizeof(v));
		if (!(s->values[i] = strdup(v)))
			return -ENOMEM;
		s->geomean[i] = -1;
	}
	for (size_t r = 0; r < in->t.nrows; r++)
		if (mb_chart_is(in, r, "class", "geomean") && mb_sides_of(s, in, r) >= 0)
			s->geomean[mb_sides_of(s, in, r)] = (long)r;
	if (!s->like) {
		snprintf(err, errlen, "no like configurations: every row is unlike or one-sided");
		return -ENODATA;
	}
	return 0;
}

void mb_sides_free(struct mb_sides *s)
{
	for (size_t i = 0; s->values && i < s->labels.n; i++)
		free(s->values[i]);
	free(s->values);
	free(s->base);
	mb_words_free(&s->labels);
	free(s->geomean);
	memset(s, 0, sizeof(*s));
}

long mb_sides_of(const struct mb_sides *s, const struct mb_chart_in *in, size_t r)
{
	return mb_words_find(&s->labels, mb_chart_str(in, r, "side"));
}

int mb_sides_like(const struct mb_chart_in *in, size_t r)
{
	return mb_chart_is(in, r, "class", "like") && mb_chart_num(in, r, "ratio") > 0;
}

const char *mb_sides_label(const struct mb_chart_in *in, size_t r)
{
	const char *l = mb_chart_str(in, r, "label");

	return *l ? l : mb_chart_str(in, r, "series");
}

int mb_sides_significant(const struct mb_chart_in *in, size_t r)
{
	return mb_chart_is(in, r, "mark", "faster") || mb_chart_is(in, r, "mark", "slower");
}

void mb_sides_named(const struct mb_sides *s, const char *values, char *buf, size_t len)
{
	if (s->one_column)
		snprintf(buf, len, "%s %s", s->compared, values);
	else
		snprintf(buf, len, "%s", values);
}

void mb_sides_title(const struct mb_sides *s, const char *op, char *buf, size_t len)
{
	char sides[600];
	struct mb_words w = {.v = s->values, .n = s->labels.n};

	mb_words_several(&w, "side", sides, sizeof(sides));
	snprintf(buf, len, "%s: %s %s %s", s->compared, sides, op, s->base);
}

void mb_sides_above_one(const struct mb_sides *s, char *buf, size_t len)
{
	snprintf(buf, len, "> 1: %s %s", s->labels.n == 1 ? s->values[0] : "the side",
		 s->lower_better ? "slower" : "faster");
}

void mb_sides_left_out(const struct mb_sides *s, char *buf, size_t len)
{
	const struct {
		size_t n;
		const char *what;
	} parts[] = {{s->unlike, "unlike"}, {s->base_only, "baseline only"}, {s->side_only, "side only"}};
	char list[160] = "";

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		char one[48];

		if (!parts[i].n)
			continue;
		snprintf(one, sizeof(one), "%zu %s", parts[i].n, parts[i].what);
		append(list, sizeof(list), " · ", one, strlen(one));
	}
	snprintf(buf, len, "%s%s", *list ? "not drawn: " : "", list);
}
