/* ratio.h: pairs of configurations that differ in one field (method, cache,
 * kernel, fs_type, host, ...) and the ratio of a measure between them, with
 * its confidence interval and Mann-Whitney p-value (ranktest.h). Feeds the
 * heatmap, cold/warm and comparison charts and the report's verdicts. */
#ifndef MB_RATIO_H
#define MB_RATIO_H

#include <stdint.h>

#include "group.h"
#include "ranktest.h"

struct mb_ratio_row {
	const struct mb_group *num, *den;
	struct mb_ratio r;
};

struct mb_ratio_set {
	enum mb_gkey by;
	const char *num, *den;      /* values of the by field */
	enum mb_gmetric metric;
	struct mb_ratio_row *rows;  /* in the denominators' first-seen order */
	size_t n;
	int vary[MB_NKEYS];         /* key fields that differ across the rows */
	/* Fields that go with by: one value on the num side (follow_num),
	 * another on the den side (follow_den). */
	int follow[MB_NKEYS];
	const char *follow_num[MB_NKEYS], *follow_den[MB_NKEYS];
};

/* Every pair of groups of gs equal but for field by (num vs den) that both
 * have positive samples of metric. When by is an environment field (host,
 * kernel, fs_type, ...), the other environment fields that take one value on
 * each side, a different one on each, go with it (a second host also has its
 * own CPU and mitigations): they are in follow[], and the pairs may differ
 * in them too. When by is the method, a pair may also differ in the
 * methods' own option columns (an option one method has and the other has
 * not), when that leaves one numerator group, and memread (no cache state)
 * pairs with the other method's warm group. 0 or -ENOMEM. */
int mb_ratio_pairs(const struct mb_groups *gs, enum mb_gkey by, const char *num, const char *den,
		   enum mb_gmetric metric, struct mb_ratio_set *set);
/* mb_ratio_pairs, where the environment fields whose bit (1 << field) is set
 * in also may go with by whatever by is, on the same terms: one value on each
 * side, a different one on each (tool_version, when fio's rows converted to
 * results rows are compared with mapbench's by method). */
int mb_ratio_pairs_also(const struct mb_groups *gs, enum mb_gkey by, const char *num, const char *den,
			enum mb_gmetric metric, uint64_t also, struct mb_ratio_set *set);
void mb_ratio_set_free(struct mb_ratio_set *set);

/* The distinct values of field k in gs, first-seen order, at most max of
 * them into vals; returns how many there are in all. */
size_t mb_groups_distinct(const struct mb_groups *gs, enum mb_gkey k, const char **vals, size_t max);

/* A short name of row's configuration from the fields that vary across the
 * set, e.g. "mmap warm seq 1M/4K". */
void mb_ratio_label(const struct mb_ratio_set *set, const struct mb_ratio_row *row, char *buf,
		    size_t len);

/* "cpu_family 26 vs 25; mitigations": the fields that go with by (follow[]),
 * each with its num and den values when both are short; "" when none. */
void mb_ratio_also(const struct mb_ratio_set *set, char *buf, size_t len);

/* Writes the set as CSV to fd out (columns in docs/csv-schema.md). */
int mb_ratio_write(const struct mb_ratio_set *set, int out);
/* The same with only the columns of the comma-separated list columns (NULL:
 * all), in its order, as CSV or, when table is set, as an aligned text table
 * (texttable.h) whose empty cells read "-", so every row has one word per
 * column. 0, -EINVAL with err naming an unknown column, or -errno. */
int mb_ratio_write_as(const struct mb_ratio_set *set, int out, const char *columns, int table, char *err,
		      size_t errlen);

/* "1.31" style number for a ratio (3 significant digits). */
void mb_fmt_ratio(double x, char *buf, size_t len);

#endif
