/* compat_cpu.h: the CPUID questions envinfo.c asks, behind one feature test.
 * Where <cpuid.h> exists (x86 with GCC or Clang) they are answered by the
 * CPU; elsewhere a stub says there is no CPUID, and the caller falls back to
 * what the kernel exports. */
#ifndef MB_COMPAT_CPU_H
#define MB_COMPAT_CPU_H

#include <errno.h>
#include <string.h>

#if (defined(__x86_64__) || defined(__i386__)) && defined(__has_include)
#if __has_include(<cpuid.h>)
#include <cpuid.h>
#define MB_HAVE_CPUID 1
#endif
#endif

#ifdef MB_HAVE_CPUID
/* 1 when the hypervisor bit (leaf 1, ECX bit 31) is set, with the 12 raw
 * bytes of leaf 0x40000000 (EBX, ECX, EDX) in vendor; 0 when it is clear;
 * -ENOSYS without leaf 1. */
static inline int mb_cpuid_hypervisor(char vendor[12])
{
	unsigned int a, b, c, d;

	memset(vendor, 0, 12);
	if (!__get_cpuid(1, &a, &b, &c, &d))
		return -ENOSYS;
	if (!(c & (1u << 31)))
		return 0;
	/* the hypervisor leaves are above __get_cpuid's range check */
	__cpuid(0x40000000, a, b, c, d);
	memcpy(vendor, &b, 4);
	memcpy(vendor + 4, &c, 4);
	memcpy(vendor + 8, &d, 4);
	return 1;
}
#else
static inline int mb_cpuid_hypervisor(char vendor[12])
{
	memset(vendor, 0, 12);
	return -ENOSYS;
}
#endif

#endif
