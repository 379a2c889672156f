/* chart_ops.h: telling a summary's read, write and read-modify-write rows
 * apart (its op column), so that each chart draws its own side only; the
 * short series names of the write-side charts: the summary's series label
 * less what the chart's panels already say (the op, the write target, the
 * sync mode) and the op's own consume mode; and the write charts' panels: a
 * row per sync mode, a column per target, pattern and cache state. */
#ifndef MB_CHART_OPS_H
#define MB_CHART_OPS_H

#include <stddef.h>

#include "chart.h"
#include "chart_facts.h"
#include "chart_input.h"

/* 1 when row r is of operation op ("read", "write", "rmw"); a row without an
 * op (a summary from before the write side) is a read. */
int mb_chart_op(const struct mb_chart_in *in, size_t r, const char *op);

/* The sync modes and write targets in display order (NULL-terminated). */
extern const char *const mb_chart_sync_order[];
extern const char *const mb_chart_target_order[];

/* The series of row r in c (made on first use), named by its series label
 * less the op, "new", "sync=X", "fallocate=0" and the consume mode of the
 * op's methods (copy, increment, touch), then `extra` (NULL: nothing) and
 * who measured it where f's rows hold several. */
size_t mb_chart_short_series(const struct mb_chart_facts *f, struct mb_chart *c,
			     const struct mb_chart_in *in, size_t r, const char *extra);

/* The write charts' grid: rows[i] the sync mode of panel row i + 1, cols[j]
 * the "target · pattern[ · cache cache]" of panel column j + 1. */
struct mb_write_panels {
	struct mb_words rows, cols;
	int nomem;
};

/* The panels of the rows of in that keep keeps (each has a target and a
 * sync mode), in display order: none before fsync..., rewrite before new,
 * the patterns and cache states in f's order (uncached last). */
void mb_write_panels_gather(struct mb_write_panels *p, const struct mb_chart_facts *f,
			    const struct mb_chart_in *in, int (*keep)(const struct mb_chart_in *in, size_t r));
/* Row r's panel (row, col), 1..; 0 when it has none. */
int mb_write_panel(const struct mb_write_panels *p, const struct mb_chart_in *in, size_t r, int *prow,
		   int *pcol);
void mb_write_panels_free(struct mb_write_panels *p);

#endif
