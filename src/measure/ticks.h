/* ticks.h: the cheapest trustworthy clock for per-operation latency. On
 * x86-64 with an invariant TSC (constant_tsc and nonstop_tsc in /proc/cpuinfo)
 * it is rdtsc (a few ns), calibrated once against CLOCK_MONOTONIC; elsewhere
 * it is CLOCK_MONOTONIC itself (about 20 ns through the vDSO). */
#ifndef MB_TICKS_H
#define MB_TICKS_H

#include <stdint.h>

#include "util.h"

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

extern int mb_ticks_tsc;           /* 1 when ticks are TSC cycles */
extern uint64_t mb_ticks_mult;     /* ns per tick, 32.32 fixed point */

/* Decides the clock and calibrates it; call once before mb_ticks(). */
void mb_ticks_init(void);

static inline uint64_t mb_ticks(void)
{
#if defined(__x86_64__)
	if (mb_ticks_tsc)
		return __rdtsc();
#endif
	return mb_now_ns();
}

static inline uint64_t mb_ticks_to_ns(uint64_t d)
{
	return mb_ticks_tsc ? (uint64_t)(((unsigned __int128)d * mb_ticks_mult) >> 32) : d;
}

#endif
