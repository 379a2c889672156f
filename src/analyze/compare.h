/* compare.h: result sets side by side (`mapbench compare`, DESIGN §5): two
 * or more results files, or one file's values of a column, each against a
 * baseline. Configurations are matched on every key column but the compared
 * ones; per matched configuration: the median and its 95% CI on each side,
 * the ratio of medians with its CI, the Mann-Whitney p-value, Holm's
 * correction over the configurations compared, and a mark (faster, slower,
 * or ~). A configuration whose two sides measured different things (error
 * rows, a cache state not reached, another large-folio share) is kept apart
 * with the reason and never enters the summary: the geometric mean of the
 * ratios with a seeded bootstrap CI over configurations. */
#ifndef MB_COMPARE_H
#define MB_COMPARE_H

#include <stdint.h>

#include "group.h"
#include "ranktest.h"
#include "stats.h"

/* Fewer samples than this on a side: never significant (marked ~). */
#define MB_CMP_MIN_SAMPLES 5
/* Large-folio shares further apart than this (percentage points): unlike. */
#define MB_CMP_FOLIO_POINTS 10.0

enum mb_cmp_class { MB_CMP_LIKE, MB_CMP_UNLIKE, MB_CMP_BASE_ONLY, MB_CMP_SIDE_ONLY };
enum mb_cmp_mark { MB_CMP_NONE, MB_CMP_FASTER, MB_CMP_SLOWER, MB_CMP_SAME };

struct mb_cmp_side {
	char label[512];             /* "kernel=6.6.1;tool_version=0.2": the compared values */
	char name[128];              /* short: the first compared column's value, or the file */
	char title[160];             /* the label, or when long "fs_type=xfs" (its first column's) */
	const char *file;            /* the file its rows came from */
	const struct mb_group **g;   /* its groups */
	size_t n;
	const char *val[MB_NKEYS];   /* each key's one value on this side, NULL when several */
	int compared[MB_NKEYS];      /* the columns this side differs in from the baseline */
};

struct mb_cmp_row {
	size_t side;                        /* the target side (1..) */
	size_t order;                       /* within the side: the baseline's order, then its own */
	const struct mb_group *base, *other; /* NULL on the side a configuration lacks */
	enum mb_cmp_class cls;
	enum mb_cmp_mark mark;
	int has_ratio;
	struct mb_stats sb, so;             /* the metric's statistics on each side */
	struct mb_ratio r;                  /* other ÷ base */
	double p_holm;                      /* NAN unless tested (like, n >= MB_CMP_MIN_SAMPLES) */
	char reason[200];
};

struct mb_cmp_summary {
	size_t like, faster, slower, same, unlike, base_only, side_only;
	size_t tested;                      /* like, with MB_CMP_MIN_SAMPLES a side */
	double best_p;                      /* the smallest p any tested one could reach, times tested */
	size_t folio_apart;                 /* unlike for their large-folio shares */
	double geomean, lo, hi;             /* NAN without a like configuration */
};

struct mb_compare_opts {
	int by;                  /* the compared key, or -1: whichever differs */
	const char *base;        /* one file: the baseline value of by (NULL: the first seen) */
	enum mb_gmetric metric;
	int ignore_folios;       /* do not keep apart configurations whose folio share differs */
	uint64_t seed;           /* of the bootstrap */
	size_t boot;             /* bootstrap resamples (0: 2000) */
};

struct mb_compare {
	enum mb_gmetric metric;
	int higher_better;
	int compared[MB_NKEYS];      /* the columns compared, over every side */
	int vary[MB_NKEYS];          /* the other key columns that vary (labels) */
	struct mb_cmp_side *sides;   /* [0]: the baseline */
	size_t nsides;
	struct mb_cmp_row *rows;     /* per side in turn: the baseline's order, then its own */
	size_t nrows, cap;
	struct mb_cmp_summary *sum;  /* per side, [0] unused */
};

/* Compares the nfiles group sets (read with track = 1 from files names[]):
 * with two or more, each file is a side and the first the baseline; with
 * one, the values of o->by (or of the first environment column with two or
 * more) are. 0, or -EINVAL with a one-line reason in err (bad input: the
 * same row twice, different schema versions, no configuration shared, ...),
 * or -ENOMEM. */
int mb_compare_build(struct mb_compare *c, const struct mb_groups *files, const char *const *names,
		     size_t nfiles, const struct mb_compare_opts *o, char *err, size_t errlen);
void mb_compare_free(struct mb_compare *c);

/* The short name of row's configuration: what tells it apart from the other
 * rows, e.g. "mmap warm seq 1M/128K". */
void mb_compare_label(const struct mb_compare *c, const struct mb_cmp_row *row, char *buf, size_t len);
const char *mb_cmp_class_name(enum mb_cmp_class cls);
const char *mb_cmp_mark_name(enum mb_cmp_mark mark);

/* Holm's step-down correction of n p-values into adj (may be p itself). */
void mb_holm(const double *p, size_t n, double *adj);
/* The geometric mean of n positive ratios and a percentile-bootstrap 95%
 * interval over them (boot resamples from seed); 0 or -EINVAL (n = 0),
 * -ENOMEM. */
int mb_geomean_ci(const double *x, size_t n, uint64_t seed, size_t boot, double *g, double *lo,
		  double *hi);

/* Output, to fd out, in one of the formats of `mapbench compare --format`. */
int mb_compare_write_table(const struct mb_compare *c, int out);
int mb_compare_write_md(const struct mb_compare *c, int out);
int mb_compare_write_csv(const struct mb_compare *c, int out);
int mb_compare_write_benchstat(const struct mb_compare *c, int out);
/* "kernel=6.6 vs kernel=6.1: 0.909× on mib_per_s (geomean over ...)" for side s. */
void mb_compare_summary_line(const struct mb_compare *c, size_t s, char *buf, size_t len);

#endif
