/* chart_helpers.h: what the chart unit tests (test_chart.c,
 * test_chart_writes.c) share: a chart made from a CSV text, a series by
 * name, and the points of a series in a panel. Include after unit.h. */
#ifndef MB_TEST_CHART_HELPERS_H
#define MB_TEST_CHART_HELPERS_H

#include "chart.h"

/* Chart `name` of csv (written to the test's directory); its status, c
 * filled (free with mb_chart_free). more: further request fields, or NULL. */
static inline int chart_of(struct mb_chart *c, const char *name, const char *csv,
			   const struct mb_chart_request *more, char *err, size_t errlen)
{
	static char path[PATH_MAX];
	struct mb_chart_request rq = {0};

	if (more)
		rq = *more;
	ut_tmp_path(path, sizeof(path), "input.csv");
	ut_write_str(path, csv);
	rq.name = name;
	rq.input = path;
	return mb_chart_make(&rq, c, err, errlen);
}

/* The series named name, or fail. */
static inline const struct mb_chart_series *series(const struct mb_chart *c, const char *name)
{
	for (size_t i = 0; i < c->nseries; i++)
		if (!strcmp(c->series[i].name, name))
			return &c->series[i];
	fail_msg("no series '%s'", name);
	return NULL;
}

/* How many points panel (row, col) has of series name (NULL: any). */
static inline size_t points_in(const struct mb_chart *c, int row, int col, const char *name)
{
	size_t n = 0;

	for (size_t i = 0; i < c->npoints; i++) {
		const struct mb_chart_point *p = &c->points[i];
		const struct mb_chart_panel *pan = &c->panels[p->panel - 1];

		n += pan->row == row && pan->col == col &&
		     (!name || (p->series && !strcmp(c->series[p->series - 1].name, name)));
	}
	return n;
}

#endif
