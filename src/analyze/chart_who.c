/* chart_who.c: who measured a chart's rows, for its title and series names
 * (see chart_who.h). */
#include "chart_who.h"

#include <stdio.h>
#include <string.h>

/* A row's CPU as family/model/stepping ("26/2/1"), "" when not recorded. */
static void cpu_of(const struct mb_chart_in *in, size_t r, char *buf, size_t len)
{
	const char *fam = mb_chart_str(in, r, "cpu_family");

	if (!*fam)
		buf[0] = '\0';
	else
		snprintf(buf, len, "%s/%s/%s", fam, mb_chart_str(in, r, "cpu_model_id"),
			 mb_chart_str(in, r, "cpu_stepping"));
}

void mb_who_add(struct mb_chart_who *w, const struct mb_chart_in *in, size_t r)
{
	char cpu[96];

	cpu_of(in, r, cpu, sizeof(cpu));
	mb_words_add(&w->hosts, mb_chart_str(in, r, "host"));
	mb_words_add(&w->kernels, mb_chart_str(in, r, "kernel"));
	mb_words_add(&w->fss, mb_chart_str(in, r, "fs_type"));
	mb_words_add(&w->cpus, cpu);
	mb_words_add(&w->hvs, mb_chart_str(in, r, "hypervisor"));
}

static void append(char *buf, size_t len, const char *sep, const char *a, const char *b)
{
	size_t at = strlen(buf);

	if (at < len && (*a || *b))
		snprintf(buf + at, len - at, "%s%s%s", at && *sep ? sep : "", a, b);
}

void mb_who_suffix(const struct mb_chart_who *w, const struct mb_chart_in *in, size_t r, char *buf,
		   size_t len)
{
	char cpu[96];

	buf[0] = '\0';
	cpu_of(in, r, cpu, sizeof(cpu));
	if (w->hosts.n > 1)
		append(buf, len, "", " @", mb_chart_str(in, r, "host"));
	if (w->kernels.n > 1)
		append(buf, len, "", " ", mb_chart_str(in, r, "kernel"));
	if (w->fss.n > 1)
		append(buf, len, "", " ", mb_chart_str(in, r, "fs_type"));
	if (w->cpus.n > 1)
		append(buf, len, "", " cpu ", cpu);
	if (w->hvs.n > 1)
		append(buf, len, "", " ", mb_chart_str(in, r, "hypervisor"));
}

/* "host vm", "hosts a and b", "3 hosts"; "" for none. */
static void one_kind(const struct mb_words *l, const char *what, char *buf, size_t len)
{
	char several[256];

	mb_words_several(l, what, several, sizeof(several));
	if (!l->n || l->n > 2)
		snprintf(buf, len, "%s", several);
	else
		snprintf(buf, len, "%s%s %s", what, l->n == 2 ? "s" : "", several);
}

void mb_who_title(const struct mb_chart_who *w, const char *title, char *buf, size_t len)
{
	char where[1024] = "", part[320];

	one_kind(&w->hosts, "host", part, sizeof(part));
	append(where, sizeof(where), " · ", part, "");
	one_kind(&w->kernels, "kernel", part, sizeof(part));
	append(where, sizeof(where), " · ", part, "");
	/* filesystems by name alone: "ext4", "ext4 and tmpfs", "3 filesystems" */
	mb_words_several(&w->fss, "filesystem", part, sizeof(part));
	append(where, sizeof(where), " · ", part, "");
	if (w->cpus.n > 1) {
		one_kind(&w->cpus, "CPU", part, sizeof(part));
		append(where, sizeof(where), " · ", part, "");
	}
	if (w->hvs.n > 1) {
		one_kind(&w->hvs, "hypervisor", part, sizeof(part));
		append(where, sizeof(where), " · ", part, "");
	}
	snprintf(buf, len, "%s%s%s", title, *where ? "  —  " : "", where);
}

void mb_who_free(struct mb_chart_who *w)
{
	mb_words_free(&w->hosts);
	mb_words_free(&w->kernels);
	mb_words_free(&w->fss);
	mb_words_free(&w->cpus);
	mb_words_free(&w->hvs);
}
