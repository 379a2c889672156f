/* compat.h: the feature tests of the core, in one place (DESIGN §2): each
 * wraps what only some CPUs or headers have behind a function that exists
 * everywhere, so no other file needs an #if. */
#ifndef MB_COMPAT_H
#define MB_COMPAT_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>

/* Flags newer than the headers a build may have. The values are the kernel's
 * ABI; a kernel without the feature rejects them at run time (EINVAL or
 * EOPNOTSUPP), which the code that uses them reports. */
#ifndef RWF_DONTCACHE
#define RWF_DONTCACHE 0x00000080 /* Linux 6.14 */
#endif
#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22 /* Linux 5.14 */
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif

/* The direct-I/O alignments of the open file fd (statx STATX_DIOALIGN, Linux
 * 6.1): 0 with both set, -ENOSYS when the build's headers or the kernel
 * cannot tell (the caller then cannot check alignment in advance), or -errno. */
static inline int mb_dio_align(int fd, uint32_t *offset_align, uint32_t *mem_align)
{
#ifdef STATX_DIOALIGN
	struct statx sx;

	if (statx(fd, "", AT_EMPTY_PATH, STATX_DIOALIGN, &sx))
		return -errno;
	if (!(sx.stx_mask & STATX_DIOALIGN))
		return -ENOSYS;
	*offset_align = sx.stx_dio_offset_align;
	*mem_align = sx.stx_dio_mem_align;
	return 0;
#else
	(void)fd;
	(void)offset_align;
	(void)mem_align;
	return -ENOSYS;
#endif
}

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
