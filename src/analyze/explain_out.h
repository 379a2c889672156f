/* explain_out.h: mapbench explain's output: an aligned table with a summary,
 * CSV (libcsv; columns in docs/csv-schema.md) or a markdown table. */
#ifndef MB_EXPLAIN_OUT_H
#define MB_EXPLAIN_OUT_H

#include <stddef.h>

#include "explain.h"

enum mb_xformat { MB_XF_TABLE, MB_XF_CSV, MB_XF_MD };

/* "yes", "no" or "unknown": whether x is explained within MB_EXPLAIN_WITHIN. */
const char *mb_explained_word(const struct mb_explained *x);

/* Writes the n explanations x to fd in format f. 0 or -errno. */
int mb_explain_write(const struct mb_explained *x, size_t n, enum mb_xformat f, int fd);

#endif
