/* machine_in.h: the machine's unit costs, as `mapbench probe` writes them
 * (machine.csv: one row per figure; the format is in docs/csv-schema.md), read
 * with libcsv for mapbench explain and the report. Figures are looked up by
 * name; a figure the file lacks, or one the probe skipped, has no value. */
#ifndef MB_MACHINE_IN_H
#define MB_MACHINE_IN_H

#include <stddef.h>

struct mb_figure {
	char *name;
	char *unit;
	double median;          /* NAN: skipped or empty */
	double ci_lo, ci_hi;    /* NAN when empty */
	long samples;           /* -1 when empty */
	char *flag, *note;
};

struct mb_machine {
	struct mb_figure *f;    /* in file order */
	size_t n, cap;
};

/* Reads path into m (zeroed). 0, or -errno with a one-line reason in err:
 * -ENOENT and the like for a file that cannot be opened, -EINVAL for a file
 * that is no machine.csv (no figure or median column, a median that is not a
 * number on a row not flagged skipped). */
int mb_machine_load(const char *path, struct mb_machine *m, char *err, size_t errlen);
void mb_machine_free(struct mb_machine *m);

/* The median of figure name: 1 with *v, or 0 when the file lacks it or it
 * was skipped (*v = NAN). */
int mb_machine_get(const struct mb_machine *m, const char *name, double *v);
/* The figure of that name, or NULL. */
const struct mb_figure *mb_machine_find(const struct mb_machine *m, const char *name);

#endif
