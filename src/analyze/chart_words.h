/* chart_words.h: the small ordered sets the charts are built from: distinct
 * strings in first-seen order (patterns, cache states, hosts, series) and
 * distinct numbers (file and block sizes). Searched linearly: a chart has
 * tens of values, not thousands. An allocation failure sets nomem. */
#ifndef MB_CHART_WORDS_H
#define MB_CHART_WORDS_H

#include <stddef.h>

struct mb_words {
	char **v;
	size_t n, cap;
	int nomem;
};

/* Adds s unless it is empty or there already. */
void mb_words_add(struct mb_words *w, const char *s);
/* Index of s, or -1. */
long mb_words_find(const struct mb_words *w, const char *s);
/* Moves the words of first (NULL-terminated) that are in w to its front, in
 * that order: seq before rand, warm before cold. */
void mb_words_lead(struct mb_words *w, const char *const *first);
/* The longest word, in characters (UTF-8). */
size_t mb_words_widest(const struct mb_words *w);
void mb_words_free(struct mb_words *w);

/* "", "a", "a and b", or "3 kernels" (what = "kernel"), for titles. */
void mb_words_several(const struct mb_words *w, const char *what, char *buf, size_t len);

/* Characters in a UTF-8 string. */
size_t mb_utf8_len(const char *s);

struct mb_nums {
	double *v;
	size_t n, cap;
	int nomem;
};

/* Adds x unless it is NAN or there already. */
void mb_nums_add(struct mb_nums *s, double x);
/* Ascending. */
void mb_nums_sort(struct mb_nums *s);
/* Rank (1..) of x among the sorted numbers, 0 when absent. */
size_t mb_nums_rank(const struct mb_nums *s, double x);
double mb_nums_min(const struct mb_nums *s);
double mb_nums_max(const struct mb_nums *s);
void mb_nums_free(struct mb_nums *s);

#endif
