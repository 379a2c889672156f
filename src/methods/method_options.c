/* method_options.c: the options methods own (see method.h): the list of every
 * option name across the registry, parsing one value, and the values a
 * method gets for a run. */
#include "method.h"
#include "parse.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#define MB_MAX_ALL_OPTS 32

static const struct mb_option *all[MB_MAX_ALL_OPTS];
static size_t nall;
static int listed;

/* Every method's options, the first of each name kept. */
static void list_options(void)
{
	if (listed)
		return;
	listed = 1;
	for (size_t i = 0; i < mb_method_count(); i++) {
		const struct mb_option *o = mb_method_at(i)->options;

		for (; o && o->name; o++) {
			size_t j;

			for (j = 0; j < nall && strcmp(all[j]->name, o->name); j++)
				;
			if (j == nall && nall < MB_MAX_ALL_OPTS)
				all[nall++] = o;
		}
	}
}

size_t mb_option_count(void)
{
	list_options();
	return nall;
}

const struct mb_option *mb_option_at(size_t i)
{
	list_options();
	return i < nall ? all[i] : NULL;
}

int mb_option_parse(const struct mb_option *o, const char *text, uint64_t *v, char *err, size_t errlen)
{
	char e2[256];
	long n;

	if (o->type == MB_OPT_SIZE) {
		if (mb_parse_size(text, v, e2, sizeof(e2))) {
			snprintf(err, errlen, "%s", e2);
			return -EINVAL;
		}
	} else {
		if (mb_parse_count(text, 0, LONG_MAX, &n, e2, sizeof(e2))) {
			snprintf(err, errlen, "%s", e2);
			return -EINVAL;
		}
		*v = (uint64_t)n;
	}
	if (o->page_multiple && (!*v || *v % (uint64_t)mb_page_size())) {
		snprintf(err, errlen, "'%s' must be a non-zero multiple of the page size (%ld)", text,
			 mb_page_size());
		return -EINVAL;
	}
	if (*v < o->min || *v > o->max) {
		snprintf(err, errlen, "'%s' is out of range (%" PRIu64 " to %" PRIu64 ")", text, o->min, o->max);
		return -EINVAL;
	}
	return 0;
}

void mb_option_values(const struct mb_method *m, const uint64_t *vals, const int *given,
		      uint64_t out[MB_MAX_METHOD_OPTS])
{
	size_t k = 0;

	memset(out, 0, MB_MAX_METHOD_OPTS * sizeof(*out));
	for (const struct mb_option *o = m->options; o && o->name && k < MB_MAX_METHOD_OPTS; o++, k++) {
		out[k] = o->def;
		for (size_t i = 0; i < mb_option_count(); i++)
			if (!strcmp(all[i]->name, o->name) && given && given[i])
				out[k] = vals[i];
	}
}

uint64_t mb_option_buf_blocks(const struct mb_method *m, const uint64_t opt[MB_MAX_METHOD_OPTS])
{
	size_t k = 0;

	for (const struct mb_option *o = m->options; o && o->name && k < MB_MAX_METHOD_OPTS; o++, k++)
		if (o->buf_blocks)
			return opt[k] ? opt[k] : 1;
	return 1;
}
