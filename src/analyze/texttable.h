/* texttable.h: an aligned text table for people to read (summarize and
 * timeline --format table): rows of cells gathered first for the column
 * widths, numbers with a fraction shown to 4 significant digits (whole
 * units from 1000 on). Not for parsing: the CSV formats are. */
#ifndef MB_TEXTTABLE_H
#define MB_TEXTTABLE_H

#include <stddef.h>

struct mb_ttable {
	char **cell;
	size_t rows, cols, cap; /* set cols before the first row */
	int nomem;
};

/* A row: cells c[idx[0]], ..., c[idx[cols - 1]] (idx NULL: c[0..cols)); a
 * number is shortened when shorten is set (not for the header). On no
 * memory, nomem is set and later rows are dropped. */
void mb_ttable_add(struct mb_ttable *t, const char *const *c, const size_t *idx, int shorten);
/* Writes the rows to fd, columns two spaces apart. 0 or -errno. */
int mb_ttable_write(const struct mb_ttable *t, int fd);
void mb_ttable_free(struct mb_ttable *t);

/* --columns: the indexes among the nh names h of the columns named in the
 * comma-separated list, in its order (NULL: every one) into idx (room for
 * nh), their number into *n. 0, or -EINVAL naming the unknown column in err. */
int mb_ttable_pick(const char *list, const char *const *h, size_t nh, size_t *idx, size_t *n, char *err,
		   size_t errlen);

#endif
