/* schema.c: the column list of results schema 1 (with one column per method
 * option at the end) and the formatting of a row. */
#include "schema.h"

#include <inttypes.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const base_columns[] = {
#define MB_COL(name, role, key, unit, doc, cell) #name,
#include "columns.def"
#undef MB_COL
};

const struct mb_column mb_base_columns[] = {
#define MB_COL(name, role, key, unit, doc, cell) {#name, MB_ROLE_##role, MB_##key, unit, doc},
#include "columns.def"
#undef MB_COL
};


#define NBASE (sizeof(base_columns) / sizeof(base_columns[0]))

size_t mb_nbase_columns(void)
{
	return NBASE;
}
#define MAX_COLUMNS MB_MAX_COLUMNS

static const char *header[MAX_COLUMNS];
static size_t nheader;

const char *const *mb_columns(void)
{
	if (!nheader) {
		for (size_t i = 0; i < NBASE; i++)
			header[nheader++] = base_columns[i];
		for (size_t i = 0; i < mb_option_count() && nheader < MAX_COLUMNS; i++) {
			const char *col = mb_option_at(i)->column;
			size_t j;

			/* an option recorded in a column of the table above keeps it */
			for (j = 0; j < NBASE && strcmp(base_columns[j], col); j++)
				;
			if (j == NBASE)
				header[nheader++] = col;
		}
	}
	return header;
}

size_t mb_ncolumns(void)
{
	mb_columns();
	return nheader;
}

struct mb_column mb_column_at(size_t i)
{
	const char *name = mb_columns()[i];
	struct mb_column c = {name, MB_ROLE_CONFIG, MB_KEY, "", ""};

	if (i < NBASE)
		return mb_base_columns[i];
	for (size_t k = 0; k < mb_option_count(); k++) {
		const struct mb_option *o = mb_option_at(k);

		if (strcmp(o->column, name))
			continue;
		c.unit = o->type == MB_OPT_SIZE ? "bytes" : o->type == MB_OPT_COUNT ? "count" : "0/1";
		c.doc = o->help;
		break;
	}
	return c;
}



struct cellbuf {
	char *p, *end;
};

static const char *num(struct cellbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));


static const char *num(struct cellbuf *b, const char *fmt, ...)
{
	va_list ap;
	char *at = b->p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(at, (size_t)(b->end - at), fmt, ap);
	va_end(ap);
	if (n < 0 || n >= b->end - at)
		return "";
	b->p += n + 1;
	return at;
}

static const char *u64(struct cellbuf *b, uint64_t v)
{
	return num(b, "%" PRIu64, v);
}

static const char *i64(struct cellbuf *b, int64_t v)
{
	return num(b, "%" PRId64, v);
}

static const char *pct(struct cellbuf *b, double v)
{
	return isnan(v) ? "" : num(b, "%.2f", v);
}

static const char *hex(struct cellbuf *b, uint64_t v)
{
	return num(b, "%016" PRIx64, v);
}

int mb_row_option(const struct mb_row *r, const char *col, uint64_t *v)
{
	size_t k = 0;

	for (const struct mb_option *o = r->options; o && o->name && k < MB_MAX_METHOD_OPTS; o++, k++)
		if (!strcmp(o->column, col)) {
			*v = r->opt[k];
			return 1;
		}
	return 0;
}

/* The row's value of the method option recorded in column col, or "". */
static const char *option_cell(struct cellbuf *b, const struct mb_row *r, const char *col)
{
	uint64_t v;

	return mb_row_option(r, col, &v) ? u64(b, v) : "";
}

void mb_row_cells(const struct mb_row *r, const char **c, char *scratch)
{
	struct cellbuf b = {scratch, scratch + MB_ROW_SCRATCH};
	const struct mb_env *e = r->env;
	const struct mb_acct_delta *a = &r->acct;
	int m = r->measured;
	size_t i = 0;

#define MB_COL(name, role, key, unit, doc, cell) c[i++] = (cell);
#include "columns.def"
#undef MB_COL

	/* the method options' columns: the row's method's value, else empty */
	for (size_t j = NBASE; j < mb_ncolumns(); j++)
		c[i++] = option_cell(&b, r, header[j]);
}

void mb_row_stamp(struct mb_row *r)
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(r->timestamp_utc, sizeof(r->timestamp_utc), "%Y-%m-%dT%H:%M:%SZ", &tm);
}

long mb_column_index(const char *name)
{
	const char *const *h = mb_columns();

	for (size_t i = 0; i < mb_ncolumns(); i++)
		if (!strcmp(h[i], name))
			return (long)i;
	return -1;
}
