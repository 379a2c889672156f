/* timeline_out.h: the --timeline file: one CSV row per worker per interval
 * of every measured throughput repetition (timeline.h), with the
 * configuration's identity, written after the repetition, outside the clock.
 * Written with libcsv like the results; columns are described in
 * docs/csv-schema.md. */
#ifndef MB_TIMELINE_OUT_H
#define MB_TIMELINE_OUT_H

#include <stddef.h>

#include "csvio.h"
#include "schema.h"

extern const char *const mb_tlout_columns[];
size_t mb_tlout_ncolumns(void);

/* Appends the intervals of row->timeline (nothing without one), whole
 * (mb_csv_out_append); 0 or -errno with err naming the file. */
int mb_tlout_write(struct mb_csv_out *o, const struct mb_row *row, char *err, size_t errlen);

#endif
