/* chart.c: the table of charts, each with its input and the columns it
 * reads, and mb_chart_make: read the input, check it, build (charts.h). */
#include "chart.h"
#include "chart_model.h"
#include "charts.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define SUMMARY "the output of mapbench summarize"
#define SERIES_KEYS "series", "method", "pattern", "cache"
#define SIZES "file_size_bytes", "block_size_bytes"
#define RATIO_KEYS "series", "by", "num", "den"

static const char *const throughput_text[] = {SERIES_KEYS, NULL};
static const char *const throughput_nums[] = {SIZES, "mib_per_s_median", "mib_per_s_ci_lo",
					      "mib_per_s_ci_hi", NULL};
static const char *const percentile_nums[] = {SIZES, "lat_p50_ns_median", "lat_p99_ns_median",
					      "lat_p999_ns_median", NULL};
static const char *const fault_nums[] = {SIZES, "minflt_per_mib_median", "majflt_per_mib_median",
					 NULL};
static const char *const cpu_nums[] = {SIZES, "user_ms_per_gib_median", "sys_ms_per_gib_median",
				       "wall_ms_per_gib_median", NULL};
static const char *const latency_text[] = {"run_id", "method", "advice", "pattern", "cache", NULL};
static const char *const latency_nums[] = {SIZES, "rep", "bucket_hi_ns", "cum_fraction", NULL};
static const char *const cold_warm_text[] = {RATIO_KEYS, "method", "pattern", NULL};
static const char *const cold_warm_nums[] = {SIZES, "ratio", "ratio_ci_lo", "ratio_ci_hi", NULL};
static const char *const heatmap_text[] = {RATIO_KEYS, "pattern", "cache", "significant", NULL};
static const char *const heatmap_nums[] = {SIZES, "ratio", NULL};
static const char *const write_text[] = {SERIES_KEYS, "op", "target", "sync", NULL};
static const char *const wsplit_nums[] = {SIZES, "setup_ns_median", "io_ns_median", "sync_ns_median",
					  "teardown_ns_median", NULL};
static const char *const rmw_text[] = {SERIES_KEYS, "op", NULL};
static const char *const rmw_nums[] = {SIZES, "total_ns_median", NULL};
static const char *const fault_cost_nums[] = {SIZES, "ns_per_op_median", "minflt_per_op_median", NULL};
static const char *const compare_text[] = {RATIO_KEYS, "method", "label", "metric", "significant", NULL};
static const char *const compare_nums[] = {"ratio", "ratio_ci_lo", "ratio_ci_hi", "ratio_ci_level", NULL};
#define COMPARISON "the output of mapbench compare --format csv"
#define SIDES_TEXT "baseline", "side", "compared", "label", "series", "method", "metric", "better", "mark", "class"
static const char *const cmp_ratio_text[] = {SIDES_TEXT, NULL};
static const char *const cmp_ratio_nums[] = {"ratio", "ratio_ci_lo", "ratio_ci_hi", "ci_level", "n_faster",
					     "n_slower", "n_same", NULL};
static const char *const cmp_scatter_nums[] = {"ratio", "base_median", "base_ci_lo", "base_ci_hi",
					       "target_median", "target_ci_lo", "target_ci_hi", NULL};
static const char *const cmp_heat_text[] = {SIDES_TEXT, "pattern", "cache", "target", "sync", NULL};
static const char *const timeline_text[] = {"run_id", "method", "advice", "consume", "pattern", "cache",
					    "worker", NULL};
static const char *const timeline_nums[] = {SIZES, "threads", "rep", "t_start_ns", "t_end_ns", "bytes",
					    NULL};
static const char *const read_amp_text[] = {SERIES_KEYS, "op", "mem_limit_bytes", NULL};
static const char *const read_amp_nums[] = {SIZES, "dev_read_per_byte_median", NULL};
static const char *const scale_text[] = {SERIES_KEYS, "op", "advice", "workers", NULL};
static const char *const scale_nums[] = {SIZES, "threads", "ops_per_s_median", "ops_per_s_ci_lo",
					 "ops_per_s_ci_hi", NULL};
static const char *const explain_text[] = {"series", "method", "pattern", "cache", "explained", NULL};
static const char *const explain_nums[] = {SIZES, "measured_ns", "priced_ns", "residual_pct", NULL};
static const char *const cmp_heat_nums[] = {"ratio", "file_size_bytes", "block_size_bytes", NULL};

static const struct chart_def {
	const char *name, *input, *about, *what;
	const char *const *text, *const *numbers;
	int (*build)(struct mb_chart_ctx *x);
} charts[] = {
	{"throughput_vs_size", "SUMMARY.csv", "throughput against file size per series (memread: the RAM "
	 "limit); panels: cache state across, pattern down, each at one block size", SUMMARY,
	 throughput_text, throughput_nums, mb_chart_throughput_vs_size},
	{"throughput_vs_block", "SUMMARY.csv", "throughput against block size per series: the cliff "
	 "finder; panels as throughput_vs_size, each at one file size", SUMMARY, throughput_text,
	 throughput_nums, mb_chart_throughput_vs_block},
	{"latency_cdf", "LATENCY.csv [SUMMARY.csv]", "the fraction of random reads slower than x per "
	 "series (repetition 1, the smallest block); a panel per cache state. SUMMARY.csv names who "
	 "measured", "the output of mapbench run --lat-out", latency_text, latency_nums,
	 mb_chart_latency_cdf},
	{"latency_percentiles", "SUMMARY.csv", "p50, p99 and p99.9 of a random read per series (the "
	 "smallest block); a panel per cache state", SUMMARY, throughput_text, percentile_nums,
	 mb_chart_latency_percentiles},
	{"mmap_read_heatmap", "RATIO.csv", "the ratio per file size x block size of one series (--series); "
	 "panels: pattern down, cache state (and result set) across", "the output of mapbench ratio --by "
	 "method", heatmap_text, heatmap_nums, mb_chart_mmap_read_heatmap},
	{"cold_warm_ratio", "RATIO.csv", "cold ÷ warm throughput against file size per series; a panel "
	 "per pattern", "the output of mapbench ratio --by cache", cold_warm_text, cold_warm_nums,
	 mb_chart_cold_warm_ratio},
	{"compare", "RATIO.csv", "the ratio of two result sets per configuration with its CI, "
	 "significant or not (at most --max-rows)", "the output of mapbench ratio --by FIELD",
	 compare_text, compare_nums, mb_chart_compare},
	{"faults_per_mib", "SUMMARY.csv", "minor and major page faults per MiB of a sequential scan per "
	 "series (the largest file and block); a panel column per cache state", SUMMARY,
	 throughput_text, fault_nums, mb_chart_faults_per_mib},
	{"cpu_split", "SUMMARY.csv", "user and system CPU time per GiB against wall time per series "
	 "(a sequential scan, the largest file and block); a panel per cache state", SUMMARY,
	 throughput_text, cpu_nums, mb_chart_cpu_split},
	{"write_throughput", "SUMMARY.csv", "write throughput against file size (one size: block size) "
	 "per write method; panels: sync mode down, target, pattern and cache state across", SUMMARY,
	 write_text, throughput_nums, mb_chart_write_throughput},
	{"write_time_split", "SUMMARY.csv", "a write's setup, io, sync and teardown medians stacked per "
	 "write method (the first pattern, the largest file and block); panels as write_throughput",
	 SUMMARY, write_text, wsplit_nums, mb_chart_write_time_split},
	{"rmw_time", "SUMMARY.csv", "the median total time of each rmw method, bars grouped by file size "
	 "(integers incremented); panels: pattern down, cache state across", SUMMARY, rmw_text, rmw_nums,
	 mb_chart_rmw_time},
	{"fault_cost", "SUMMARY.csv", "time and minor faults per page of anon-read, anon-write (per "
	 "advice) and fault (per advice and cache state); a panel per pattern, the largest file",
	 SUMMARY, throughput_text, fault_cost_nums, mb_chart_fault_cost},
	{"compare_ratio", "COMPARE.csv", "target ÷ baseline per like configuration with its CI, faster, "
	 "slower or ~, and the geomean; a panel per target side (at most --max-rows configurations)",
	 COMPARISON, cmp_ratio_text, cmp_ratio_nums, mb_chart_compare_ratio},
	{"compare_scatter", "COMPARE.csv", "the target median against the baseline median per like "
	 "configuration, coloured by series, on log axes with y = x and ±10%; a panel per target side",
	 COMPARISON, cmp_ratio_text, cmp_scatter_nums, mb_chart_compare_scatter},
	{"compare_heatmap", "COMPARE.csv", "target ÷ baseline per file size x block size; panels: a row "
	 "per pattern and cache state (and target side), in it one per series compared there", COMPARISON,
	 cmp_heat_text, cmp_heat_nums, mb_chart_compare_heatmap},
	{"timeline", "TIMELINE.csv", "throughput per interval against time, summed over the workers, one "
	 "line per method (repetition 1, each pattern's smallest block, the smallest thread count); "
	 "panels: pattern down, cache state across", "the output of mapbench run --timeline", timeline_text,
	 timeline_nums, mb_chart_timeline},
	{"read_amp", "SUMMARY.csv", "device bytes read per byte used per series, in cold or memory-limited "
	 "read configurations (the largest file); a panel per pattern", SUMMARY, read_amp_text,
	 read_amp_nums, mb_chart_read_amp},
	{"scale", "SUMMARY.csv", "operations per second against the number of workers, threads against "
	 "processes, per method (the largest file, one block size); panels: pattern down, cache state "
	 "across", SUMMARY, scale_text, scale_nums, mb_chart_scale},
	{"explain", "EXPLAIN.csv", "the cost model's predicted time stacked by term next to the measured "
	 "time, per series (warm, the largest file); a panel per pattern and block size", "the output of "
	 "mapbench explain --format csv", explain_text, explain_nums, mb_chart_explain},
};
#define NCHARTS (sizeof(charts) / sizeof(charts[0]))

size_t mb_chart_count(void)
{
	return NCHARTS;
}

const char *mb_chart_name(size_t i)
{
	return charts[i].name;
}

const char *mb_chart_about(size_t i)
{
	return charts[i].about;
}

const char *mb_chart_input(size_t i)
{
	return charts[i].input;
}

int mb_chart_nodata(struct mb_chart_ctx *x, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(x->err, x->errlen, fmt, ap);
	va_end(ap);
	return -ENODATA;
}

/* Reads the input (of latency_cdf: its random-access rows only, and the
 * summary) and checks it has what def reads. */
static int load(struct mb_chart_ctx *x, const struct chart_def *def)
{
	int rc;

	if (def->build == mb_chart_latency_cdf)
		rc = mb_chart_in_load_where(&x->in, x->rq->input, mb_chart_latency_columns, "pattern",
					    "rand", x->err, x->errlen);
	else
		rc = mb_chart_in_load(&x->in, x->rq->input, x->err, x->errlen);
	if (!rc)
		rc = mb_chart_in_check(&x->in, def->text, def->numbers, def->name, def->what, x->err,
				       x->errlen);
	if (!rc && x->rq->summary)
		rc = mb_chart_in_load(&x->summary, x->rq->summary, x->err, x->errlen);
	return rc;
}

int mb_chart_make(const struct mb_chart_request *rq, struct mb_chart *c, char *err, size_t errlen)
{
	struct mb_chart_ctx x = {.rq = rq, .c = c, .err = err, .errlen = errlen};
	const struct chart_def *def = NULL;
	int rc;

	err[0] = '\0';
	for (size_t i = 0; i < NCHARTS; i++)
		if (!strcmp(rq->name, charts[i].name))
			def = &charts[i];
	mb_chart_init(c, def ? def->name : rq->name);
	if (!def) {
		snprintf(err, errlen, "'%s' is not a chart (see mapbench chart --help)", rq->name);
		return -EINVAL;
	}
	if (rq->summary && def->build != mb_chart_latency_cdf) {
		snprintf(err, errlen, "%s takes one input (%s)", def->name, def->input);
		return -EINVAL;
	}
	rc = load(&x, def);
	if (!rc)
		rc = def->build(&x);
	if (!rc && c->nomem)
		rc = -ENOMEM;
	if (rc == -ENOMEM && !err[0])
		snprintf(err, errlen, "out of memory");
	mb_chart_in_free(&x.in);
	mb_chart_in_free(&x.summary);
	return rc;
}
