/* report_compare.h: `mapbench report --compare BASE TARGET... OUT_DIR`
 * writes OUT_DIR/compare.csv and OUT_DIR/COMPARE.md from the results of
 * each input (a results folder or a results CSV), with the charts found in
 * OUT_DIR/plots/. */
#ifndef MB_REPORT_COMPARE_H
#define MB_REPORT_COMPARE_H

#include <stddef.h>

#include "compare.h"

/* 0, or -errno with a one-line reason in err (-EINVAL: bad input). Both
 * files are replaced whole or not at all; OUT_DIR is made when missing. */
int mb_report_compare(char *const *inputs, size_t n, const char *out, const struct mb_compare_opts *o,
		      char *err, size_t errlen);

#endif
