/* chart_sides.h: what a comparison file (`mapbench compare --format csv`)
 * holds for the charts drawn from it: the baseline and the target sides
 * (each a label such as `kernel=6.6.63`, shown by its values alone:
 * `6.6.63`), the compared columns, the measure compared and which way is
 * faster, each row's side and class, each side's geomean row, and how many
 * rows are not drawn (unlike, one-sided). */
#ifndef MB_CHART_SIDES_H
#define MB_CHART_SIDES_H

#include <stddef.h>

#include "chart_input.h"
#include "chart_words.h"

struct mb_sides {
	struct mb_words labels;  /* the target sides' labels, in first-seen order */
	char **values;           /* ... their values, in that order: "6.6.63" */
	char *base;              /* the baseline's values: "6.1.119", "ext4 · rw,relatime" */
	char compared[256];      /* the compared columns: "kernel", "fs_type · mount_opts" */
	int one_column;          /* one column compared: a side is named "kernel 6.6.63" */
	char measure[160];       /* "throughput (MiB/s)" */
	int lower_better;        /* better = lower: a ratio above 1 is slower */
	long *geomean;           /* per side: its geomean row, -1 when none */
	size_t like, unlike, base_only, side_only; /* rows of each class, all sides */
};

/* Reads in's sides, columns, measure and classes. 0, or -ENODATA with the
 * reason in err when it has no target side, or -ENOMEM. */
int mb_sides_read(struct mb_sides *s, const struct mb_chart_in *in, char *err, size_t errlen);
void mb_sides_free(struct mb_sides *s);

/* The side (0..) of row r, -1 for none. */
long mb_sides_of(const struct mb_sides *s, const struct mb_chart_in *in, size_t r);
/* 1 when row r is a like configuration with a ratio: what the charts draw. */
int mb_sides_like(const struct mb_chart_in *in, size_t r);
/* Row r's configuration named: its label, else its series. */
const char *mb_sides_label(const struct mb_chart_in *in, size_t r);
/* 1 when row r's difference is significant (mark faster or slower). */
int mb_sides_significant(const struct mb_chart_in *in, size_t r);

/* Values into buf, named when one column is compared: "kernel 6.6.63"
 * (else the values alone). */
void mb_sides_named(const struct mb_sides *s, const char *values, char *buf, size_t len);
/* "kernel: 6.6.63 ÷ 6.1.119", "fs_type · mount_opts: xfs · … and btrfs · … ÷
 * ext4 · …" (op "÷" or "vs"). */
void mb_sides_title(const struct mb_sides *s, const char *op, char *buf, size_t len);
/* What a ratio above 1 means: "> 1: 6.6.63 faster" (several sides: "> 1:
 * the side faster"). */
void mb_sides_above_one(const struct mb_sides *s, char *buf, size_t len);
/* "not drawn: 2 unlike · 1 baseline only · 1 side only" ("" when all are). */
void mb_sides_left_out(const struct mb_sides *s, char *buf, size_t len);

#endif
