/* tlsummary.h: figures per configuration of a `mapbench run --timeline`
 * file (`mapbench timeline`): how long it ran, the throughput at its start
 * and where it settled (the median rate of the first and of the last third
 * of each worker's intervals, summed over the workers), the major faults
 * per second and the device bytes per byte at the end, and the memory
 * cgroup's page cache when the run ended. Read with libcsv; written as CSV
 * or as an aligned table. */
#ifndef MB_TLSUMMARY_H
#define MB_TLSUMMARY_H

#include <stddef.h>

/* Reads the timeline file path and writes one row per configuration and
 * repetition to fd out (table: aligned text, else CSV), of the columns named
 * in the comma-separated list columns (NULL: every one). 0, or -errno with
 * a one-line reason in err (-EINVAL: not a timeline file, a malformed cell,
 * naming its line, or an unknown column). */
int mb_tlsummary(const char *path, const char *columns, int table, int out, char *err, size_t errlen);

/* The median of the rates of intervals [from, to) of one worker (ops per
 * second of ops[i] over ns[i]); NAN when none. For tests. */
double mb_tl_third_rate(const double *ops, const double *ns, size_t from, size_t to);

#endif
