/* report_explain.h: what mapbench report adds when the results folder holds
 * the machine probe's machine.csv: a "why" cell in the verdict tables
 * (explain's sentence for the faster method, or for both when the
 * difference is not significant) and the probe's figures under the
 * environment. Without machine.csv the report is unchanged. */
#ifndef MB_REPORT_EXPLAIN_H
#define MB_REPORT_EXPLAIN_H

#include <stddef.h>
#include <stdio.h>

#include "group.h"
#include "machine_in.h"

/* Loads dir/machine.csv into m: 1 when there is one, 0 when there is none,
 * -errno (with a one-line reason in err) when it cannot be read. */
int mb_report_machine_load(const char *dir, struct mb_machine *m, char *err, size_t errlen);

/* Writes the why cell's text (Markdown-escaped): explain's sentence for
 * win, without the workload (the row names it), and for other too when
 * other is not NULL. */
void mb_report_why(FILE *f, const struct mb_machine *m, const struct mb_group *win,
		   const struct mb_group *other);

/* "### Machine figures": the probe's table (figure, median, 95% CI, flag). */
void mb_report_machine_table(FILE *f, const struct mb_machine *m);

#endif
