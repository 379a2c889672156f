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

/* 1 if notes already holds phrase as a whole line. */
static int has_note(const char *notes, const char *phrase)
{
	size_t n = strlen(phrase);

	for (const char *p = notes; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p))
		if (!strncmp(p, phrase, n) && (p[n] == '\n' || p[n] == '\0'))
			return 1;
	return 0;
}

/* Appends phrase as a line of its own unless notes holds it; "..." when out
 * of room. */
static void note(char *notes, size_t len, const char *phrase)
{
	size_t at, need;

	if (!notes || !len || has_note(notes, phrase))
		return;
	at = strlen(notes);
	need = strlen(phrase) + (at ? 1 : 0);
	if (at + need + 5 > len) {
		if (at >= 3 && at + 5 <= len && strcmp(notes + at - 3, "..."))
			strcat(notes, "\n...");
		return;
	}
	snprintf(notes + at, len - at, "%s%s", at ? "\n" : "", phrase);
}

static void note_block(char *notes, size_t len, uint64_t b, uint64_t sz)
{
	char bs[32], ss[32], phrase[96];

	snprintf(phrase, sizeof(phrase), "block %s for %s files (larger than the file)",
		 mb_fmt_size(b, bs, sizeof(bs)), mb_fmt_size(sz, ss, sizeof(ss)));
	note(notes, len, phrase);
}

/* 1 if method m takes this advice, consume mode and thread count; else a note. */
/* 1 if the comma-separated list list[0..n) holds name. */
static int listed(const char *list, size_t n, const char *name)
{
	size_t nl = strlen(name);

	for (size_t i = 0; i < n; i += strcspn(list + i, ",") + 2)
		if (!strncmp(list + i, name, nl) && (i + nl == n || list[i + nl] == ','))
			return 1;
	return 0;
}

/* Adds name to the note line that starts with head ("advice hugepage does not
 * apply to: "), making the line if there is none: one line per kind. */
static void note_list(char *notes, size_t len, const char *head, const char *name)
{
	size_t hl = strlen(head), nl = strlen(name), at, end;
	char *line = notes;

	if (!notes || !len)
		return;
	while (*line && strncmp(line, head, hl))
		line += strcspn(line, "\n") + (line[strcspn(line, "\n")] ? 1 : 0);
	if (!*line) { /* a new line: "head name" */
		char phrase[160];

		snprintf(phrase, sizeof(phrase), "%s%s", head, name);
		note(notes, len, phrase);
		return;
	}
	end = (size_t)(line - notes) + strcspn(line, "\n");
	if (listed(line + hl, end - (size_t)(line - notes) - hl, name))
		return;
	at = strlen(notes);
	if (at + nl + 2 + 5 > len)
		return; /* out of room: the line keeps the names it has */
	memmove(notes + end + nl + 2, notes + end, at - end + 1);
	memcpy(notes + end, ", ", 2);
	memcpy(notes + end + 2, name, nl);
}

/* 1 if mask has exactly one bit set. */
static int one_bit(unsigned mask)
{
	return mask && !(mask & (mask - 1));
}

/* The index of the lowest bit set in mask (not 0). */
static int lowest_bit(unsigned mask)
{
	int i = 0;

	while (!(mask & (1u << i)))
		i++;
	return i;
}

/* 1 if method m has exactly one sync mode (it always runs with it). */
static int one_sync(const struct mb_method *m)
{
	return one_bit(m->sync_mask);
}

static enum mb_sync only_sync(const struct mb_method *m)
{
	return (enum mb_sync)lowest_bit(m->sync_mask);
}

static int applies(const struct mb_method *m, enum mb_advice a, enum mb_consume c, int threads,
		   enum mb_sync sync, int has_sync, uint64_t block, char *notes, size_t len)
{
	char head[96], bs[32];

	if (m->caps & MB_CAP_PAGE_BLOCK && block != (uint64_t)mb_page_size())
		snprintf(head, sizeof(head), "block %s does not apply to: ",
			 mb_fmt_size(block, bs, sizeof(bs)));
	else if (has_sync && !(m->sync_mask & (1u << sync)))
		snprintf(head, sizeof(head), "sync %s does not apply to: ", mb_sync_name(sync));
	else if (!(m->advice_mask & (1u << a)))
		snprintf(head, sizeof(head), "advice %s does not apply to: ", mb_advice_name(a));
	else if (!(m->consume_mask & (1u << c)))
		snprintf(head, sizeof(head), "consume %s does not apply to: ", mb_consume_name(c));
	else if (threads > 1 && !(m->caps & MB_CAP_THREADS))
		snprintf(head, sizeof(head), "one thread only: ");
	else
		return 1;
	note_list(notes, len, head, m->name);
	return 0;
}

struct expand {
	const struct mb_matrix_spec *s;
	struct mb_matrix_item *it;
	size_t k, cap;
	char *notes;
	size_t noteslen;
	size_t nconfig;          /* configurations numbered so far */
};

static int push(struct expand *e, struct mb_matrix_item item)
{
	if (e->k == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 64;
		struct mb_matrix_item *n = realloc(e->it, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		e->it = n;
		e->cap = cap;
	}
	e->it[e->k++] = item;
	return 0;
}

/* One method in one variant of a configuration; skipped when it repeats
 * (no cache state, no queue depth, one sync mode, no target) or does not
 * apply. A new write target has no cache state: it is empty. A method that
 * writes no file (anon-write) has no target. */
static int add_item(struct expand *e, struct mb_matrix_item item, const struct mb_method *m,
		    size_t ti, size_t ci, size_t qi, size_t yi)
{
	const struct mb_matrix_spec *s = e->s;
	int file = m->caps & MB_CAP_FILE && item.target != MB_TARGET_NEW, qd = m->caps & MB_CAP_QD;

	if ((!file && ci > 0) || (!qd && qi > 0) || (one_sync(m) && yi > 0) ||
	    (!(m->caps & MB_CAP_FILE) && ti > 0))
		return 0; /* no cache state, no queue depth, one sync mode or no target: once */
	item.method = m;
	item.cache = file ? item.cache : MB_CACHE_NA;
	item.target = m->caps & MB_CAP_FILE ? item.target : MB_TARGET_NA;
	item.qd = qd && s->qds.n ? (unsigned)s->qds.v[qi] : 0;
	if (one_sync(m))
		item.sync = only_sync(m);
	/* --consume not given: a method without the op's default that takes one
	 * mode only (fault, anon-read, anon-write: touch) runs with that one */
	if (s->method_consume && !(m->consume_mask & (1u << item.consume)) && one_bit(m->consume_mask))
		item.consume = (enum mb_consume)lowest_bit(m->consume_mask);
	if (!applies(m, item.advice, item.consume, item.threads, item.sync, s->nsyncs && !one_sync(m),
		     item.block, e->notes, e->noteslen))
		return 0;
	return push(e, item);
}

/* The variants of one configuration, threads slowest, then queue depth,
 * consume, advice and sync mode; in each, every method. */
static int expand_config(struct expand *e, struct mb_matrix_item base, size_t ti, size_t ci)
{
	const struct mb_matrix_spec *s = e->s;
	size_t nqd = s->qds.n ? s->qds.n : 1, na = s->nadvices, nc = s->nconsumes;
	size_t ny = s->nsyncs ? s->nsyncs : 1, nvar = s->threads.n * nqd * nc * na * ny;

	for (size_t v = 0; v < nvar; v++) {
		size_t yi = v % ny, w = v / ny, qi = w / (na * nc) % nqd;

		base.sync = s->nsyncs ? s->syncs[yi] : MB_SYNC_NONE;
		base.advice = s->advices[w % na];
		base.consume = s->consumes[w / na % nc];
		base.threads = (int)s->threads.v[w / (na * nc * nqd)];
		base.config = e->nconfig + w / (na * nc * nqd);
		for (size_t mi = 0; mi < s->nmethods; mi++)
			if (add_item(e, base, s->methods[mi], ti, ci, qi, yi))
				return -ENOMEM;
	}
	e->nconfig += s->threads.n;
	return 0;
}

int mb_matrix_build(const struct mb_matrix_spec *s, struct mb_matrix_item **items, size_t *n,
		    char *notes, size_t noteslen)
{
	struct expand e = {.s = s, .notes = notes, .noteslen = noteslen};

	if (notes && noteslen)
		notes[0] = '\0';
	for (size_t si = 0; si < s->sizes.n; si++) {
		uint64_t sz = s->sizes.v[si];

		for (size_t bi = 0; bi < s->blocks.n; bi++) {
			uint64_t b = s->blocks.v[bi];

			if (!block_runs(&s->blocks, b, sz)) {
				note_block(notes, noteslen, b, sz);
				continue;
			}
			for (size_t pi = 0; pi < s->npatterns; pi++)
				for (size_t ti = 0; ti < (s->ntargets ? s->ntargets : 1); ti++)
					for (size_t ci = 0; ci < s->ncaches; ci++) {
						struct mb_matrix_item base = {
							.pattern = s->patterns[pi], .cache = s->caches[ci],
							.target = s->ntargets ? s->targets[ti] : MB_TARGET_NA,
							.size_idx = si, .block = b};

						/* an empty target has no cache state: once */
						if (base.target == MB_TARGET_NEW && ci > 0)
							continue;
						if (expand_config(&e, base, ti, ci)) {
							free(e.it);
							return -ENOMEM;
						}
					}
		}
	}
	*items = e.it ? e.it : calloc(1, sizeof(*e.it));
	*n = e.k;
	return *items ? 0 : -ENOMEM;
}
