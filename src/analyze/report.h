/* report.h: `mapbench report RESULTS_DIR` writes RESULTS_DIR/REPORT.md from
 * RESULTS_DIR/results.csv and the charts in RESULTS_DIR/plots/. */
#ifndef MB_REPORT_H
#define MB_REPORT_H

#include <stddef.h>

/* 0, or -errno with a one-line reason in err. REPORT.md is replaced whole or
 * not at all. */
int mb_report_write(const char *dir, char *err, size_t errlen);

#endif
