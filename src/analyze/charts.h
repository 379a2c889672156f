/* charts.h: the builders of the charts (chart_lines.c, chart_latency.c,
 * chart_bars.c, chart_heatmap.c, chart_compare.c; the write side's
 * chart_wthroughput.c, chart_wsplit.c, chart_rmw.c, chart_faultcost.c; the
 * comparison's chart_cmpratio.c, chart_cmpscatter.c, chart_cmpheat.c; the
 * --timeline file's chart_timeline.c; explain's chart_explain.c), called by chart.c once
 * their input is read and has the columns they need. Each decides which rows
 * its panels show, names them, and sets the axes and canvas. */
#ifndef MB_CHARTS_H
#define MB_CHARTS_H

#include <stddef.h>

#include "chart.h"
#include "chart_input.h"

struct mb_chart_ctx {
	const struct mb_chart_request *rq;
	struct mb_chart_in in;      /* the chart's input */
	struct mb_chart_in summary; /* latency_cdf: the summary naming who measured (may have no rows) */
	struct mb_chart *c;
	char *err;
	size_t errlen;
};

/* Each returns 0, -ENODATA when the data cannot support the chart (the
 * reason in err, by mb_chart_nodata), or -ENOMEM. */
int mb_chart_throughput_vs_size(struct mb_chart_ctx *x);
int mb_chart_throughput_vs_block(struct mb_chart_ctx *x);
int mb_chart_cold_warm_ratio(struct mb_chart_ctx *x);
int mb_chart_latency_percentiles(struct mb_chart_ctx *x);
int mb_chart_latency_cdf(struct mb_chart_ctx *x);
int mb_chart_faults_per_mib(struct mb_chart_ctx *x);
int mb_chart_cpu_split(struct mb_chart_ctx *x);
int mb_chart_mmap_read_heatmap(struct mb_chart_ctx *x);
int mb_chart_compare(struct mb_chart_ctx *x);
int mb_chart_write_throughput(struct mb_chart_ctx *x);
int mb_chart_write_time_split(struct mb_chart_ctx *x);
int mb_chart_rmw_time(struct mb_chart_ctx *x);
int mb_chart_fault_cost(struct mb_chart_ctx *x);
int mb_chart_scale(struct mb_chart_ctx *x);
int mb_chart_read_amp(struct mb_chart_ctx *x);
int mb_chart_compare_ratio(struct mb_chart_ctx *x);
int mb_chart_compare_scatter(struct mb_chart_ctx *x);
int mb_chart_compare_heatmap(struct mb_chart_ctx *x);
int mb_chart_timeline(struct mb_chart_ctx *x);
int mb_chart_explain(struct mb_chart_ctx *x);

/* The reason into err; returns -ENODATA. */
int mb_chart_nodata(struct mb_chart_ctx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The columns of latency_cdf's input it reads (the file may be large). */
extern const char *const mb_chart_latency_columns[];

#endif
