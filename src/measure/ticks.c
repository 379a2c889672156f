/* ticks.c: clock choice and TSC calibration (see ticks.h). */
#include "ticks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int mb_ticks_tsc;
uint64_t mb_ticks_mult = 1ull << 32;

/* 1 if /proc/cpuinfo's flags include both an invariant-TSC flag pair. */
static int invariant_tsc(void)
{
	FILE *f = fopen("/proc/cpuinfo", "re");
	char *line = NULL;
	size_t cap = 0;
	int ok = 0;

	if (!f)
		return 0;
	while (getline(&line, &cap, f) > 0)
		if (!strncmp(line, "flags", 5)) {
			ok = strstr(line, " constant_tsc") && strstr(line, " nonstop_tsc");
			break;
		}
	free(line);
	fclose(f);
	return ok;
}

void mb_ticks_init(void)
{
	static int done;
#if defined(__x86_64__)
	uint64_t n0, c0, n1, c1;
#endif

	if (done)
		return;
	done = 1;
#if defined(__x86_64__)
	if (!invariant_tsc())
		return;
	/* ~20 ms against CLOCK_MONOTONIC: an error of well under 0.01% */
	n0 = mb_now_ns();
	c0 = __rdtsc();
	do
		n1 = mb_now_ns();
	while (n1 - n0 < 20000000u);
	c1 = __rdtsc();
	if (c1 <= c0)
		return;
	mb_ticks_mult = (uint64_t)((((unsigned __int128)(n1 - n0)) << 32) / (c1 - c0));
	mb_ticks_tsc = 1;
#endif
}
