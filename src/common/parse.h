/* parse.h: command-line values: sizes (4K, 1M, 64KiB), lists (4K,1M),
 * ranges (4K..1G in x4 steps, 4K..1M*2 for x2), counts and name lists. */
#ifndef MB_PARSE_H
#define MB_PARSE_H

#include <stddef.h>
#include <stdint.h>

#define MB_LIST_MAX 64

struct mb_u64_list {
	size_t n;
	uint64_t v[MB_LIST_MAX];
};

struct mb_str_list {
	size_t n;
	char *v[MB_LIST_MAX]; /* point into a copy owned by the list */
	char *store;
};

/* Each function returns 0, or -EINVAL with a one-line reason naming the bad
 * token in err (e.g. "'12Q' is not a size (use 4K, 1M, 64KiB, 4K..1G)"). */
int mb_parse_size(const char *s, uint64_t *out, char *err, size_t errlen);
int mb_parse_size_list(const char *s, struct mb_u64_list *out, char *err, size_t errlen);
int mb_parse_count(const char *s, long min, long max, long *out, char *err, size_t errlen);
int mb_parse_str_list(const char *s, struct mb_str_list *out, char *err, size_t errlen);
void mb_str_list_free(struct mb_str_list *l);

/* Formats a size the short way when exact (4K, 1M, 3G), else in bytes. */
char *mb_fmt_size(uint64_t v, char *buf, size_t len);

#endif
