/* explain.h: mapbench explain's cost model. Each configuration's measured
 * time (the median total_ns of its ok rows: setup, io and teardown, the time
 * mib_per_s is computed from) is set against a prediction: the sum of terms,
 * each a count from the configuration's rows (their median) times a unit
 * cost from the machine probe's machine.csv. Which terms apply to a method is
 * in explain_terms.c; the model is documented in docs/methodology.md,
 * "Explaining a result". */
#ifndef MB_EXPLAIN_H
#define MB_EXPLAIN_H

#include <stddef.h>

#include "explain_terms.h"
#include "group.h"
#include "machine_in.h"

/* The columns mb_explain needs the groups to keep: set mb_groups.extra to
 * this before reading the results. */
extern const char *const mb_explain_extra[];
enum { MB_XE_BYTES, MB_XE_OPS, MB_XE_FOLIO, MB_XE_PMD, MB_XE_PMDMAP };

/* A |residual| up to this explains a configuration. */
#define MB_EXPLAIN_WITHIN 0.25

enum mb_xstate { MB_XS_NA, MB_XS_KNOWN, MB_XS_UNKNOWN };

struct mb_xval {
	enum mb_xstate state;
	double count;           /* the events counted (calls, bytes, pages, ...) */
	double price;           /* ns per event */
	double ns;              /* count x price (x the second part's, for map) */
	double count2, price2;  /* map: pages unmapped and munmap's cost per page;
				 * calls: lseek(2) calls and a system call's cost */
	const char *missing;    /* UNKNOWN: the figure (or count) that was missing */
	int touch;              /* CSUM: consume touch (a cache line a page) */
};

struct mb_explained {
	const struct mb_group *g;
	struct mb_xval t[MB_XT_N];
	int modelled;           /* 0: no model for the method (every term NA) */
	int unknown;            /* a term that applies could not be priced */
	double parallel;        /* the known sum is divided by this (threads sharing the work) */
	double known_ns;        /* the sum of the priced terms / parallel */
	double predicted;       /* known_ns, or NAN when a term is unknown */
	double measured;        /* median total_ns of the ok rows */
	double residual;        /* measured / predicted - 1 (NAN when unknown) */
	int dominant;           /* the largest term, or -1 */
	char label[160];        /* "mmap, warm seq 16M/128K" */
	char reason[640];       /* the one-line sentence */
};

/* 1 when x is explained within frac, 0 when not, -1 when it cannot be told. */
int mb_explained_within(const struct mb_explained *x, double frac);

/* Explains one configuration group g with the figures of m into x. */
void mb_explain_group(const struct mb_group *g, const struct mb_machine *m, struct mb_explained *x);

/* Explains every group of gs with rows in it: a malloc'ed array in *out,
 * its length in *n. 0 or -ENOMEM. */
int mb_explain_all(const struct mb_groups *gs, const struct mb_machine *m, struct mb_explained **out,
		   size_t *n);

/* Builds x->label and x->reason from its terms (explain_words.c). */
void mb_explain_words(struct mb_explained *x);

/* "2.7 µs", "11.1 ms": ns in a unit that suits it, into buf. */
const char *mb_xfmt_ns(double ns, char *buf, size_t len);

#endif
