/* matrix.c: expands a run's lists into configurations (see matrix.h). */
#include "matrix.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t smallest(const struct mb_u64_list *l)
{
	uint64_t m = l->v[0];

	for (size_t i = 1; i < l->n; i++)
		if (l->v[i] < m)
			m = l->v[i];
	return m;
}

/* 1 if block b runs for a file of size sz. */
static int block_runs(const struct mb_u64_list *blocks, uint64_t b, uint64_t sz)
{
	uint64_t min = smallest(blocks);

	return b <= sz || (min > sz && b == min);
}

static void note_skip(char *skipped, size_t len, uint64_t b, uint64_t sz)
{
	char bs[32], ss[32];
	size_t at;

	if (!skipped || !len)
		return;
	at = strlen(skipped);
	if (at + 48 >= len) {
		if (at >= 3 && at + 6 <= len && strcmp(skipped + at - 3, "..."))
			strcat(skipped, ", ...");
		return;
	}
	snprintf(skipped + at, len - at, "%s%s for %s", at ? ", " : "", mb_fmt_size(b, bs, sizeof(bs)),
		 mb_fmt_size(sz, ss, sizeof(ss)));
}

int mb_matrix_build(const struct mb_matrix_spec *s, struct mb_matrix_item **items, size_t *n,
		    char *skipped, size_t skiplen)
{
	size_t cap = s->sizes.n * s->blocks.n * s->npatterns * s->ncaches * s->nmethods, k = 0;
	struct mb_matrix_item *it = calloc(cap ? cap : 1, sizeof(*it));

	if (skipped && skiplen)
		skipped[0] = '\0';
	if (!it)
		return -ENOMEM;
	for (size_t si = 0; si < s->sizes.n; si++) {
		uint64_t sz = s->sizes.v[si];

		for (size_t bi = 0; bi < s->blocks.n; bi++) {
			uint64_t b = s->blocks.v[bi];

			if (!block_runs(&s->blocks, b, sz)) {
				note_skip(skipped, skiplen, b, sz);
				continue;
			}
			for (size_t pi = 0; pi < s->npatterns; pi++)
				for (size_t ci = 0; ci < s->ncaches; ci++)
					for (size_t mi = 0; mi < s->nmethods; mi++) {
						const struct mb_method *m = s->methods[mi];
						int file = m->caps & MB_CAP_FILE;

						if (!file && ci > 0)
							continue; /* no cache state: once */
						it[k++] = (struct mb_matrix_item){
							.method = m, .pattern = s->patterns[pi],
							.cache = file ? s->caches[ci] : MB_CACHE_NA,
							.size_idx = si, .block = b};
					}
		}
	}
	*items = it;
	*n = k;
	return 0;
}
