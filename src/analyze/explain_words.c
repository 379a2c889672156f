/* explain_words.c: mapbench explain's sentences: a configuration's label and
 * the one line that explains its time from its largest terms, e.g. "mmap,
 * warm seq 16M/128K: 4,096 first touches x 2.7 µs = 11.1 ms of 11.4 ms
 * measured (97%)". */
#include "explain.h"
#include "parse.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A term below this share of the prediction is not named. */
#define NAMED_SHARE 0.10
#define NAMED_MAX 3

const char *mb_xfmt_ns(double ns, char *buf, size_t len)
{
	if (isnan(ns))
		snprintf(buf, len, "?");
	else if (ns < 1e3)
		snprintf(buf, len, "%.3g ns", ns);
	else if (ns < 1e6)
		snprintf(buf, len, "%.3g µs", ns / 1e3);
	else if (ns < 1e9)
		snprintf(buf, len, "%.3g ms", ns / 1e6);
	else
		snprintf(buf, len, "%.3g s", ns / 1e9);
	return buf;
}

/* 4096 -> "4,096"; fractions are rounded. */
static const char *fmt_count(double v, char *buf, size_t len)
{
	char digits[32];
	size_t n, at = 0;

	snprintf(digits, sizeof(digits), "%.0f", v);
	n = strlen(digits);
	for (size_t i = 0; i < n && at + 2 < len; i++) {
		buf[at++] = digits[i];
		if (digits[i] != '-' && (n - i - 1) % 3 == 0 && i + 1 < n)
			buf[at++] = ',';
	}
	buf[at] = '\0';
	return buf;
}

/* "16 MiB", "1.5 GiB". */
static const char *fmt_bytes(double v, char *buf, size_t len)
{
	static const char *const unit[] = {"B", "KiB", "MiB", "GiB", "TiB"};
	int u = 0;

	while (v >= 1024 && u < 4) {
		v /= 1024;
		u++;
	}
	snprintf(buf, len, "%.3g %s", v, unit[u]);
	return buf;
}

/* A size key as in the results' labels: "16M". */
static const char *fmt_key_size(const char *v, char *buf, size_t len)
{
	return mb_fmt_size(strtoull(v, NULL, 10), buf, len);
}

/* Bytes per second of a cost per byte, "12.3 GiB/s". */
static const char *fmt_rate(double ns_per_byte, char *buf, size_t len)
{
	snprintf(buf, len, "%.3g GiB/s", 1e9 / ns_per_byte / (1 << 30));
	return buf;
}

/* Appends one term's phrase to out. */
static void phrase(const struct mb_xval *t, int term, char *out, size_t len)
{
	char a[32], b[32], c[32], d[32];
	size_t at = strlen(out);

	if (at >= len)
		return;
	out += at;
	len -= at;
	switch (term) {
	case MB_XT_CALLS:
		if (t->count2 > 0)
			snprintf(out, len, "%s calls × %s + %s lseeks × %s", fmt_count(t->count, a, 32),
				 mb_xfmt_ns(t->price, b, 32), fmt_count(t->count2, c, 32),
				 mb_xfmt_ns(t->price2, d, 32));
		else
			snprintf(out, len, "%s calls × %s", fmt_count(t->count, a, 32),
				 mb_xfmt_ns(t->price, b, 32));
		break;
	case MB_XT_COPY:
	case MB_XT_MEMCPY:
		snprintf(out, len, "%s %s at %s", fmt_bytes(t->count, a, 32),
			 term == MB_XT_COPY ? "copied" : "memcpy'd", fmt_rate(t->price, b, 32));
		break;
	case MB_XT_CSUM:
		if (t->touch)
			snprintf(out, len, "%s pages touched × %s", fmt_count(t->count, a, 32),
				 mb_xfmt_ns(t->price, b, 32));
		else
			snprintf(out, len, "%s checksummed at %s", fmt_bytes(t->count, a, 32),
				 fmt_rate(t->price, b, 32));
		break;
	case MB_XT_MAP:
		snprintf(out, len, "%s mmap × %s + %s pages unmapped × %s", fmt_count(t->count, a, 32),
			 mb_xfmt_ns(t->price, b, 32), fmt_count(t->count2, c, 32), mb_xfmt_ns(t->price2, d, 32));
		break;
	case MB_XT_FAULT:
		snprintf(out, len, "%s first touches × %s", fmt_count(t->count, a, 32), mb_xfmt_ns(t->price, b, 32));
		break;
	case MB_XT_ANON:
		snprintf(out, len, "%s anonymous faults × %s", fmt_count(t->count, a, 32),
			 mb_xfmt_ns(t->price, b, 32));
		break;
	case MB_XT_DEVICE:
		snprintf(out, len, "%s from the device at %s", fmt_bytes(t->count, a, 32), fmt_rate(t->price, b, 32));
		break;
	case MB_XT_DIRTY:
		snprintf(out, len, "%s pages dirtied × %s", fmt_count(t->count, a, 32), mb_xfmt_ns(t->price, b, 32));
		break;
	case MB_XT_RAND:
		snprintf(out, len, "%s random blocks × %s", fmt_count(t->count, a, 32),
			 mb_xfmt_ns(t->price, b, 32));
		break;
	default:
		snprintf(out, len, "%s × 64 KiB synced × %s", fmt_count(t->count, a, 32),
			 mb_xfmt_ns(t->price, b, 32));
	}
}

static void cat(char *out, size_t len, const char *s)
{
	size_t at = strlen(out);

	if (at < len)
		snprintf(out + at, len - at, "%s", s);
}

/* The largest known terms, at least the first, then "+ k smaller". */
static void named_terms(const struct mb_explained *x, char *out, size_t len)
{
	int done[MB_XT_N] = {0}, named = 0, rest = 0;
	double sum = x->known_ns * x->parallel;
	char more[48];

	for (;;) {
		int best = -1;

		for (int i = 0; i < MB_XT_N; i++)
			if (!done[i] && x->t[i].state == MB_XS_KNOWN && x->t[i].ns > 0 &&
			    (best < 0 || x->t[i].ns > x->t[best].ns))
				best = i;
		if (best < 0)
			break;
		done[best] = 1;
		if (named && (named == NAMED_MAX || x->t[best].ns < NAMED_SHARE * sum)) {
			rest++;
			continue;
		}
		if (named++)
			cat(out, len, " + ");
		phrase(&x->t[best], best, out, len);
	}
	if (!named)
		cat(out, len, "nothing priced");
	if (rest) {
		snprintf(more, sizeof(more), " + %d smaller term%s", rest, rest > 1 ? "s" : "");
		cat(out, len, more);
	}
	if (x->parallel > 1) {
		snprintf(more, sizeof(more), ", over %.0f threads", x->parallel);
		cat(out, len, more);
	}
}

static void unknown_terms(const struct mb_explained *x, char *out, size_t len)
{
	char s[160];
	int first = 1;

	for (int i = 0; i < MB_XT_N; i++) {
		if (x->t[i].state != MB_XS_UNKNOWN)
			continue;
		snprintf(s, sizeof(s), "%s%s term (no %s)", first ? "" : ", ", mb_xterm_names[i], x->t[i].missing);
		cat(out, len, s);
		first = 0;
	}
}

void mb_explain_words(struct mb_explained *x)
{
	const struct mb_group *g = x->g;
	char series[96], size[24], block[24], p[32], q[32], tail[128];

	mb_group_series(g, series, sizeof(series));
	snprintf(x->label, sizeof(x->label), "%s, %s%s%s %s/%s", series, g->kv[MB_K_cache],
		 *g->kv[MB_K_cache] ? " " : "", g->kv[MB_K_pattern],
		 fmt_key_size(g->kv[MB_K_file_size_bytes], size, sizeof(size)),
		 fmt_key_size(g->kv[MB_K_block_size_bytes], block, sizeof(block)));
	snprintf(x->reason, sizeof(x->reason), "%s: ", x->label);
	if (!x->modelled) {
		snprintf(tail, sizeof(tail), "no model for method %s (op %s)", g->kv[MB_K_method],
			 *g->kv[MB_K_op] ? g->kv[MB_K_op] : "read");
		cat(x->reason, sizeof(x->reason), tail);
		return;
	}
	if (x->unknown) {
		cat(x->reason, sizeof(x->reason), "unknown ");
		unknown_terms(x, x->reason, sizeof(x->reason));
		cat(x->reason, sizeof(x->reason), "; the priced terms, ");
	}
	named_terms(x, x->reason, sizeof(x->reason));
	snprintf(tail, sizeof(tail), " = %s%s of %s measured", x->unknown ? "at least " : "",
		 mb_xfmt_ns(x->known_ns, p, sizeof(p)), mb_xfmt_ns(x->measured, q, sizeof(q)));
	cat(x->reason, sizeof(x->reason), tail);
	if (!x->unknown && x->measured > 0) {
		snprintf(tail, sizeof(tail), " (%.0f%%)", 100 * x->known_ns / x->measured);
		cat(x->reason, sizeof(x->reason), tail);
	}
}
