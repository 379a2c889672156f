/* compat.h: the feature tests of the core, in one place (DESIGN §2): each
 * wraps what only some CPUs or headers have behind a function that exists
 * everywhere, so no other file needs an #if. */
#ifndef MB_COMPAT_H
#define MB_COMPAT_H

/* A hint to the CPU inside a spin loop (x86 PAUSE, arm YIELD); elsewhere a
 * compiler barrier only. */
static inline void mb_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
	__asm__ __volatile__("yield" ::: "memory");
#else
	__asm__ __volatile__("" ::: "memory");
#endif
}

#endif
