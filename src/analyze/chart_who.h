/* chart_who.h: who measured a chart's rows: the hosts, kernels, filesystems,
 * CPUs and hypervisors among them. A chart's title names them ("host vm ·
 * kernel 6.18 · ext4 and tmpfs"), and where rows from several are drawn
 * together (result sets concatenated), each series' name says whose it is
 * ("read ext4", "read tmpfs"). */
#ifndef MB_CHART_WHO_H
#define MB_CHART_WHO_H

#include <stddef.h>

#include "chart_input.h"
#include "chart_words.h"

struct mb_chart_who {
	struct mb_words hosts, kernels, fss, cpus, hvs;
};

/* Adds who measured row r (columns host, kernel, fs_type, cpu_family,
 * cpu_model_id, cpu_stepping, hypervisor; absent ones are ignored). */
void mb_who_add(struct mb_chart_who *w, const struct mb_chart_in *in, size_t r);
/* " @host kernel fs cpu F/M/S hypervisor" of row r, naming only what has
 * several values in w; "" when nothing does. */
void mb_who_suffix(const struct mb_chart_who *w, const struct mb_chart_in *in, size_t r, char *buf,
		   size_t len);
/* title + "  —  " + who measured, into buf. */
void mb_who_title(const struct mb_chart_who *w, const char *title, char *buf, size_t len);
void mb_who_free(struct mb_chart_who *w);

#endif
