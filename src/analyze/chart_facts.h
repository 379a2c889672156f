/* chart_facts.h: what the rows a chart keeps hold, gathered in one pass:
 * their patterns (the panel rows, seq first) and cache states (the panel
 * columns, warm first), file and block sizes, which pattern, size and block
 * combinations were measured, and who measured them. Also what a ratio file
 * compares (its by, num and den). */
#ifndef MB_CHART_FACTS_H
#define MB_CHART_FACTS_H

#include <stddef.h>

#include "chart.h"
#include "chart_input.h"
#include "chart_who.h"
#include "chart_words.h"

/* A measured combination: every kept row gives one (pattern, size, block);
 * a row of a method that reads a file (not memread) also gives one with its
 * cache state, so pickers can count what file methods measured. */
struct mb_combo {
	const char *pat, *cache; /* cells of the input; cache NULL for the first kind */
	double size, block;
};

struct mb_chart_facts {
	struct mb_words pats;   /* patterns: seq, rand, then others as first seen */
	struct mb_words caches; /* cache states of file methods: warm, warm-4k, cold, others */
	struct mb_nums sizes, blocks;
	struct mb_combo *triples, *quads; /* distinct */
	size_t ntriples, nquads, cap_triples, cap_quads;
	struct mb_chart_who who;
	int nomem;
};

/* Adds row r of in (columns method, pattern, cache, file_size_bytes,
 * block_size_bytes). */
void mb_facts_add(struct mb_chart_facts *f, const struct mb_chart_in *in, size_t r);
/* After the last row: patterns and cache states in display order. */
void mb_facts_done(struct mb_chart_facts *f);
/* Both, for the rows of in that keep keeps. */
void mb_facts_gather(struct mb_chart_facts *f, const struct mb_chart_in *in,
		     int (*keep)(const struct mb_chart_in *in, size_t r));
void mb_facts_free(struct mb_chart_facts *f);

/* The panel column of row r when columns are cache states: its state's
 * (1..), 0 for memread (which reads no file: every column), -1 for a state
 * not among them. */
int mb_facts_cache_col(const struct mb_chart_facts *f, const struct mb_chart_in *in, size_t r);

/* The series of row r in c (made on first use): its `series` label, plus
 * who measured it where the rows of f hold several (chart_who.h). */
size_t mb_facts_series(const struct mb_chart_facts *f, struct mb_chart *c, const struct mb_chart_in *in,
		       size_t r);

/* What a ratio file compares, over all its rows: "method", "mmap", "read";
 * several values are named as such ("2 values"). */
struct mb_ratio_what {
	char by[64], num[128], den[128];
};
int mb_ratio_what(const struct mb_chart_in *in, struct mb_ratio_what *w);

#endif
