/* run_summary.h: the short human summary `mapbench run` prints on stderr at the
 * end: median GiB/s per method for every configuration, and each as a % of
 * memread (the physical limit) when memread ran. */
#ifndef MB_RUN_SUMMARY_H
#define MB_RUN_SUMMARY_H

#include <stddef.h>
#include <stdio.h>

#include "matrix.h"

struct mb_summary {
	const struct mb_matrix_spec *spec;
	const struct mb_matrix_item *items;
	size_t nitems;
	double *const *samples;  /* per item: MiB/s of its ok rows (sorted in place) */
	const size_t *nsamples;
};

void mb_summary_print(FILE *f, const struct mb_summary *s);

/* Guards the ceiling: one warning line on f when a warm file method's median
 * is above the upper end of memread's 95% CI of the median in the same
 * configuration (memread's figures are then not a ceiling). Returns the
 * number of such configurations. */
size_t mb_summary_ceiling(FILE *f, const struct mb_summary *s);

#endif
