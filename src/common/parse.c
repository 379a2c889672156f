/* parse.c: sizes, lists, ranges and counts from the command line (see parse.h). */
#include "parse.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIZE_HINT "use e.g. 4096, 4K, 1M, 64KiB, 1G"

static int fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* Suffix -> shift; K, KB, KiB all mean 1024 (as fio and dd take them). */
static int suffix_shift(const char *sfx)
{
	static const struct { const char *s; int shift; } tab[] = {
		{"", 0}, {"B", 0},
		{"K", 10}, {"KB", 10}, {"KIB", 10},
		{"M", 20}, {"MB", 20}, {"MIB", 20},
		{"G", 30}, {"GB", 30}, {"GIB", 30},
		{"T", 40}, {"TB", 40}, {"TIB", 40},
	};
	char up[8];
	size_t n = strlen(sfx);

	if (n >= sizeof(up))
		return -1;
	for (size_t i = 0; i < n; i++)
		up[i] = (char)toupper((unsigned char)sfx[i]);
	up[n] = '\0';
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (!strcmp(up, tab[i].s))
			return tab[i].shift;
	return -1;
}

int mb_parse_size(const char *s, uint64_t *out, char *err, size_t errlen)
{
	const char *p = s;
	uint64_t v = 0;
	int shift;

	if (!*p || !isdigit((unsigned char)*p))
		return fail(err, errlen, "'%s' is not a size (" SIZE_HINT ")", s);
	while (isdigit((unsigned char)*p)) {
		unsigned d = (unsigned)(*p++ - '0');

		if (v > (UINT64_MAX - d) / 10)
			return fail(err, errlen, "'%s' is too large", s);
		v = v * 10 + d;
	}
	shift = suffix_shift(p);
	if (shift < 0)
		return fail(err, errlen, "'%s' is not a size (" SIZE_HINT ")", s);
	if (shift && v > (UINT64_MAX >> shift))
		return fail(err, errlen, "'%s' is too large", s);
	*out = v << shift;
	return 0;
}

static int push(struct mb_u64_list *out, uint64_t v, const char *tok, char *err, size_t errlen)
{
	if (out->n >= MB_LIST_MAX)
		return fail(err, errlen, "too many values at '%s' (at most 64)", tok);
	out->v[out->n++] = v;
	return 0;
}

/* "LO..HI" or "LO..HI*F": LO, LO*F, ... up to HI, HI included. */
static int parse_range(char *tok, struct mb_u64_list *out, char *err, size_t errlen)
{
	char *dots = strstr(tok, ".."), *star;
	uint64_t lo, hi, v;
	long factor = 4;
	int rc;

	*dots = '\0';
	star = strchr(dots + 2, '*');
	if (star) {
		char *end;

		*star = '\0';
		errno = 0;
		factor = strtol(star + 1, &end, 10);
		if (errno || *end || factor < 2 || factor > 1024) {
			*star = '*';
			*dots = '.';
			return fail(err, errlen, "'%s' has a bad step (use LO..HI or LO..HI*2)", tok);
		}
	}
	rc = mb_parse_size(tok, &lo, err, errlen);
	if (!rc)
		rc = mb_parse_size(dots + 2, &hi, err, errlen);
	if (star)
		*star = '*';
	*dots = '.';
	if (rc)
		return rc;
	if (lo == 0 || hi < lo)
		return fail(err, errlen, "'%s' is not a range (need 0 < LO <= HI)", tok);
	for (v = lo; v < hi; v *= (uint64_t)factor) {
		if ((rc = push(out, v, tok, err, errlen)))
			return rc;
		if (v > hi / (uint64_t)factor)
			break;
	}
	return push(out, hi, tok, err, errlen);
}

int mb_parse_size_list(const char *s, struct mb_u64_list *out, char *err, size_t errlen)
{
	char *copy = strdup(s), *save = NULL, *tok;
	int rc = 0;

	out->n = 0;
	if (!copy)
		return fail(err, errlen, "out of memory at '%s'", s);
	if (!*s || s[strlen(s) - 1] == ',' || *s == ',' || strstr(s, ",,")) {
		rc = fail(err, errlen, "'%s' has an empty item", s);
		goto out;
	}
	for (tok = strtok_r(copy, ",", &save); tok && !rc; tok = strtok_r(NULL, ",", &save)) {
		uint64_t v;

		if (strstr(tok, ".."))
			rc = parse_range(tok, out, err, errlen);
		else if (!(rc = mb_parse_size(tok, &v, err, errlen)))
			rc = push(out, v, tok, err, errlen);
	}
out:
	free(copy);
	return rc;
}

int mb_parse_count(const char *s, long min, long max, long *out, char *err, size_t errlen)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno) {
		snprintf(err, errlen, "'%s' is not a whole number", s);
		return -EINVAL;
	}
	if (v < min || v > max) {
		snprintf(err, errlen, "'%s' is out of range (%ld..%ld)", s, min, max);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

int mb_parse_str_list(const char *s, struct mb_str_list *out, char *err, size_t errlen)
{
	char *save = NULL, *tok;

	memset(out, 0, sizeof(*out));
	if (!*s || *s == ',' || s[strlen(s) - 1] == ',' || strstr(s, ",,"))
		return fail(err, errlen, "'%s' has an empty item", s);
	out->store = strdup(s);
	if (!out->store)
		return fail(err, errlen, "out of memory at '%s'", s);
	for (tok = strtok_r(out->store, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (out->n >= MB_LIST_MAX) {
			mb_str_list_free(out);
			return fail(err, errlen, "too many values in '%s' (at most 64)", s);
		}
		out->v[out->n++] = tok;
	}
	return 0;
}

void mb_str_list_free(struct mb_str_list *l)
{
	free(l->store);
	memset(l, 0, sizeof(*l));
}

char *mb_fmt_size(uint64_t v, char *buf, size_t len)
{
	static const char units[] = "KMGT";
	int u = -1;

	while (v && v % 1024 == 0 && u < 3) {
		v /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, len, "%" PRIu64, v);
	else
		snprintf(buf, len, "%" PRIu64 "%c", v, units[u]);
	return buf;
}
