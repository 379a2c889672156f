/* envinfo.h: the environment that travels with every result row (DESIGN §2):
 * host, kernel, CPU, memory, and the filesystem, mount and readahead of the
 * file being measured. */
#ifndef MB_ENVINFO_H
#define MB_ENVINFO_H

#include <stddef.h>
#include <stdint.h>

struct mb_env {
	char host[256];
	char kernel[128];        /* uname -r */
	char arch[64];           /* uname -m */
	char cpu_model[256];     /* /proc/cpuinfo "model name" (or "Processor"/"cpu model") */
	long ncpu;               /* online CPUs */
	uint64_t mem_bytes;      /* physical memory */
	long page_size;
	char fs_type[64];        /* from mountinfo (e.g. ext4), else statfs magic as 0x... */
	char mount_source[512];  /* e.g. /dev/vda */
	char mount_opts[1024];   /* per-mount options, then super options, comma-joined */
	char mount_point[512];
	char read_ahead_kb[32];  /* of the backing block device; "" when none (tmpfs) */
	char thp[32];            /* the [selected] word of transparent_hugepage/enabled */
	char build[64];          /* build type, e.g. Release or Debug+asan+ubsan */
	char tool_version[128];  /* mapbench version (git describe when built from git) */
};

/* Fills *e for the filesystem holding path (a file or a directory). Fields that
 * cannot be read are left empty; returns 0, or -errno if path cannot be stat'ed. */
int mb_env_collect(struct mb_env *e, const char *path);

/* Pieces, exposed for tests. */
int mb_env_mount_of(const char *path, char *fs_type, size_t fs_len, char *source, size_t src_len,
		    char *opts, size_t opts_len, char *point, size_t point_len);
int mb_env_read_ahead_kb(const char *path, char *out, size_t len);
int mb_env_thp(char *out, size_t len);

#endif
