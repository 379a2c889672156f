/* peerrow.c: another tool's run as a results row of its mapbench peer's
 * table (see peerrow.h), read and written with libcsv. */
#include "peerrow.h"
#include "csvio.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The column of "NAME=VALUE" (or of NAME when len is the whole string), or -1. */
static long column(const struct mb_csv_table *t, const char *s, size_t len)
{
	for (size_t c = 0; c < t->ncols; c++)
		if (strlen(t->header[c]) == len && !strncmp(t->header[c], s, len))
			return (long)c;
	return -1;
}

int mb_peer_row(const char *peer, const char *const *keep, size_t nkeep, const char *const *sets,
		size_t nsets, int out, char *err, size_t errlen)
{
	struct mb_csv_table t;
	const char **cells = NULL;
	int rc = mb_csv_table_load(peer, &t, err, errlen);

	if (rc)
		return rc;
	if (!t.nrows) {
		snprintf(err, errlen, "%s: no row to copy", peer);
		rc = -EINVAL;
		goto out_free;
	}
	if (!(cells = calloc(t.ncols, sizeof(*cells)))) {
		snprintf(err, errlen, "out of memory");
		rc = -ENOMEM;
		goto out_free;
	}
	for (size_t c = 0; c < t.ncols; c++)
		cells[c] = "";
	for (size_t i = 0; i < nkeep; i++) {
		long c = column(&t, keep[i], strlen(keep[i]));

		if (c < 0) {
			snprintf(err, errlen, "%s: no column '%s' to keep", peer, keep[i]);
			rc = -EINVAL;
			goto out_free;
		}
		cells[c] = t.rows[0][c];
	}
	for (size_t i = 0; i < nsets; i++) {
		const char *eq = strchr(sets[i], '=');
		long c = eq ? column(&t, sets[i], (size_t)(eq - sets[i])) : -1;

		if (c < 0) {
			if (eq)
				snprintf(err, errlen, "%s: no column '%.*s' to set", peer, (int)(eq - sets[i]),
					 sets[i]);
			else
				snprintf(err, errlen, "'%s' is not NAME=VALUE", sets[i]);
			rc = -EINVAL;
			goto out_free;
		}
		cells[c] = eq + 1;
	}
	rc = mb_csv_write_fd(out, cells, t.ncols);
	if (rc)
		snprintf(err, errlen, "writing the row: %s", strerror(-rc));
out_free:
	free(cells);
	mb_csv_table_free(&t);
	return rc;
}
