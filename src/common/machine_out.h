/* machine_out.h: machine.csv, the figures of `mapbench probe` (one row per
 * figure, with the machine's identity), written through libcsv (csvio.c),
 * and the same figures as an aligned table for a terminal. The columns are
 * in docs/csv-schema.md, "The machine.csv file". */
#ifndef MB_MACHINE_OUT_H
#define MB_MACHINE_OUT_H

#include <stddef.h>
#include <stdio.h>

struct mb_env;

/* One figure of machine.csv. */
struct mb_machine_fig {
	const char *name;
	const char *unit;     /* ns, ns_per_byte or count */
	double median, ci_lo, ci_hi;
	size_t samples;
	char flag[16];        /* "", "virt", "suspect" or "skipped" */
	char note[256];       /* the flag's reason, one line */
};

#define MB_MACHINE_SCHEMA 1

extern const char *const mb_machine_header[];
extern const size_t mb_machine_ncols;

/* Writes the header and one row per figure to fd with one write(2). 0 or -errno. */
int mb_machine_write(int fd, const struct mb_env *e, const char *run_id,
		     const struct mb_machine_fig *figs, size_t n);

/* The figures as an aligned table: figure, unit, median, CI, samples, flag, note. */
void mb_machine_table(FILE *f, const struct mb_machine_fig *figs, size_t n);

#endif
