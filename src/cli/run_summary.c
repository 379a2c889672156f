/* run_summary.c: the end-of-run median tables of `mapbench run` (see run_summary.h). */
#include "run_summary.h"
#include "stats.h"
#include "util.h"

#include <math.h>
#include <string.h>

static double item_median(const struct mb_summary *s, size_t i)
{
	return s->nsamples[i] ? mb_median(s->samples[i], s->nsamples[i]) : NAN;
}

/* Methods without a queue depth stand in the row of the first --qd value. */
static unsigned row_qd(const struct mb_summary *s, const struct mb_matrix_item *x)
{
	return x->qd ? x->qd : s->spec->qds.n ? (unsigned)s->spec->qds.v[0] : 0;
}

/* 1 if the item's method reads no file (memread, anon-*): no cache state. */
static int fileless(const struct mb_matrix_item *x)
{
	return !(x->method->caps & MB_CAP_FILE);
}

/* The same configuration, methods aside; writes: the same target and sync
 * mode too. A method that reads no file (memread) has no cache state and
 * takes no advice: it stands beside every such row. */
static int same_config(const struct mb_summary *s, const struct mb_matrix_item *x,
		       const struct mb_matrix_item *y)
{
	int na = fileless(x) || fileless(y);

	return x->pattern == y->pattern && x->size_idx == y->size_idx && x->block == y->block &&
	       x->threads == y->threads && x->consume == y->consume && row_qd(s, x) == row_qd(s, y) &&
	       x->target == y->target && x->sync == y->sync &&
	       (na || (x->cache == y->cache && x->advice == y->advice));
}

static double config_median(const struct mb_summary *s, const struct mb_method *m,
			    const struct mb_matrix_item *it)
{
	for (size_t j = 0; j < s->nitems; j++)
		if (s->items[j].method == m && same_config(s, &s->items[j], it))
			return item_median(s, j);
	return NAN;
}

/* 1 for the first file item of its configuration (one table row each). */
static int first_of_row(const struct mb_summary *s, size_t i)
{
	const struct mb_matrix_item *it = &s->items[i];

	if (fileless(it))
		return 0;
	for (size_t j = 0; j < i; j++)
		if (!fileless(&s->items[j]) && same_config(s, &s->items[j], it))
			return 0;
	return 1;
}

static void print_table(FILE *f, const struct mb_summary *s, const struct mb_method *ref)
{
	const struct mb_matrix_spec *sp = s->spec;
	char ss[32], bs[32];

	fprintf(f, "\n%s\n%-5s %-7s %6s %6s %3s %3s %-5s %-13s",
		ref ? "median as % of memread (same pattern, size, block, threads, consume)"
		    : "median GiB/s (bytes / total time; n = reps)",
		"pat", "cache", "size", "block", "thr", "qd", "cons", "advice");
	if (sp->nsyncs)
		fprintf(f, " %-7s %-16s", "target", "sync");
	for (size_t m = 0; m < sp->nmethods; m++)
		fprintf(f, " %9s", sp->methods[m]->name);
	fputc('\n', f);
	for (size_t i = 0; i < s->nitems; i++) {
		const struct mb_matrix_item *it = &s->items[i];
		double base;

		if (!first_of_row(s, i))
			continue;
		if (ref) { /* the reference has no queue depth: it stands in the first --qd row */
			struct mb_matrix_item key = *it;

			key.qd = 0;
			base = config_median(s, ref, &key);
		} else {
			base = NAN;
		}
		fprintf(f, "%-5s %-7s %6s %6s %3d %3u %-5s %-13s", mb_pattern_name(it->pattern),
			mb_cache_name(it->cache), mb_fmt_size(sp->sizes.v[it->size_idx], ss, sizeof(ss)),
			mb_fmt_size(it->block, bs, sizeof(bs)), it->threads, row_qd(s, it),
			mb_consume_name(it->consume), mb_advice_name(it->advice));
		if (sp->nsyncs)
			fprintf(f, " %-7s %-16s", mb_target_name(it->target), mb_sync_name(it->sync));
		for (size_t m = 0; m < sp->nmethods; m++) {
			double med = config_median(s, sp->methods[m], it);

			if (isnan(med) || (ref && !(base > 0)))
				fprintf(f, " %9s", "-");
			else if (ref)
				fprintf(f, " %8.1f%%", 100.0 * med / base);
			else
				fprintf(f, " %9.3f", med / 1024.0);
		}
		fputc('\n', f);
	}
}

/* The reference's item for file item it (memread has no cache state and no
 * queue depth), or -1. */
static long ref_item(const struct mb_summary *s, const struct mb_method *ref,
		     const struct mb_matrix_item *it)
{
	struct mb_matrix_item key = *it;

	key.qd = 0;
	for (size_t j = 0; j < s->nitems; j++)
		if (s->items[j].method == ref && same_config(s, &s->items[j], &key))
			return (long)j;
	return -1;
}

size_t mb_summary_ceiling(FILE *f, const struct mb_summary *s)
{
	const struct mb_method *ref = mb_method_find("memread");
	const struct mb_matrix_item *worst = NULL;
	double worst_med = 0, worst_hi = 0;
	size_t n = 0;
	char ss[32], bs[32];

	for (size_t i = 0; ref && i < s->nitems; i++) {
		const struct mb_matrix_item *it = &s->items[i];
		long j = it->cache == MB_CACHE_WARM || it->cache == MB_CACHE_WARM4K ? ref_item(s, ref, it) : -1;
		struct mb_stats st;
		double med;

		if (j < 0 || !s->nsamples[i] || !s->nsamples[j])
			continue;
		med = item_median(s, i);
		mb_stats_compute(s->samples[j], s->nsamples[j], &st);
		if (!(med > st.ci_hi))
			continue;
		if (!n++ || med / st.ci_hi > worst_med / worst_hi) {
			worst = it;
			worst_med = med;
			worst_hi = st.ci_hi;
		}
	}
	if (n)
		fprintf(f, "mapbench: warning: the reference is below a method in %zu configuration%s "
			"(worst: %s %s %s/%s: %s %.2f GiB/s, above memread's 95%% CI up to %.2f): its figures "
			"are not a ceiling here\n", n, n == 1 ? "" : "s", mb_pattern_name(worst->pattern),
			mb_cache_name(worst->cache), mb_fmt_size(s->spec->sizes.v[worst->size_idx], ss, sizeof(ss)),
			mb_fmt_size(worst->block, bs, sizeof(bs)), worst->method->name, worst_med / 1024.0,
			worst_hi / 1024.0);
	return n;
}

void mb_summary_print(FILE *f, const struct mb_summary *s)
{
	const struct mb_method *ref = NULL;
	int files = 0;

	for (size_t m = 0; m < s->spec->nmethods; m++) {
		if (!strcmp(s->spec->methods[m]->name, "memread"))
			ref = s->spec->methods[m];
		files |= (s->spec->methods[m]->caps & MB_CAP_FILE) != 0;
	}
	if (!files)
		return;
	print_table(f, s, NULL);
	if (ref)
		print_table(f, s, ref);
}
