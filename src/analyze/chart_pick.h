/* chart_pick.h: which file size and block size a chart's panels show, when
 * the data has more than a panel can draw. Each picks from the combinations
 * measured (chart_facts.h), so a panel never shows a size or block measured
 * once in passing. */
#ifndef MB_CHART_PICK_H
#define MB_CHART_PICK_H

#include "chart_facts.h"

/* The block size of pattern pat's panels, for charts against file size: the
 * one file methods measured at the most file sizes and cache states, so a
 * block run at one size only does not make a one-point panel; on a tie the
 * smallest for rand (the latency-bound case), the largest otherwise (the
 * streaming case). Without file methods, the smallest or largest block. */
double mb_pick_block(const struct mb_chart_facts *f, const char *pat);

/* The file size of pattern pat's panels, for charts against block size: the
 * one measured with the most block sizes; on a tie the largest. */
double mb_pick_size(const struct mb_chart_facts *f, const char *pat);

/* One configuration for a whole chart: the largest file and the largest
 * block measured with it (streaming: faults, CPU time)... */
void mb_pick_largest(const struct mb_chart_facts *f, double *size, double *block);
/* ... or the smallest block and the largest file measured with it (random
 * access: latency). */
void mb_pick_smallest_block(const struct mb_chart_facts *f, double *size, double *block);

#endif
