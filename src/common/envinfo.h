/* envinfo.h: the environment that travels with every result row (DESIGN §2):
 * host, kernel, CPU (and what tells CPUs apart: vendor, family, model,
 * stepping, microcode, hypervisor, mitigations), memory, and the filesystem,
 * mount and readahead of the file being measured. */
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
	/* machine identity: "" when unknown */
	char cpu_vendor[64];     /* vendor_id (AuthenticAMD), or the arm "CPU implementer" (0x41) */
	char cpu_family[32];     /* "cpu family" (25), or the arm "CPU architecture" (8) */
	char cpu_model_id[32];   /* "model" (1), or the arm "CPU part" (0xd0c) */
	char cpu_stepping[32];   /* "stepping" (1), or the arm variant and revision (r1p1) */
	char microcode[32];      /* "microcode" revision (0xa0011d1) */
	char hypervisor[64];     /* CPUID vendor (KVMKVMKVM), "none", or /sys/hypervisor/type */
	char mitigations[1024];  /* mb_env_mitigations() */
	char boot_id[64];        /* /proc/sys/kernel/random/boot_id */
	/* write-back limits of /proc/sys/vm: "" when unreadable; of each pair
	 * the one not in force reads 0 */
	char dirty_bytes[32];
	char dirty_background_bytes[32];
	char dirty_ratio[32];            /* % */
	char dirty_background_ratio[32]; /* % */
};

/* Fills *e for the filesystem holding path (a file or a directory). Fields that
 * cannot be read are left empty; returns 0, or -errno if path cannot be stat'ed. */
int mb_env_collect(struct mb_env *e, const char *path);

/* Pieces, exposed for tests. */
int mb_env_mount_of(const char *path, char *fs_type, size_t fs_len, char *source, size_t src_len,
		    char *opts, size_t opts_len, char *point, size_t point_len);
int mb_env_read_ahead_kb(const char *path, char *out, size_t len);
int mb_env_thp(char *out, size_t len);

/* The readahead window of block device maj:min, read under root ("" for this
 * system; a folder holding sys/ for tests): sys/dev/block/MAJ:MIN/queue/
 * read_ahead_kb, the parent disk's for a partition, else sys/class/bdi/
 * MAJ:MIN/read_ahead_kb. 0, or -ENOENT with out "". */
int mb_env_dev_read_ahead_kb(const char *root, unsigned int maj, unsigned int min, char *out,
			     size_t len);
/* The kernel settings of e, read under root as above: thp (the [selected]
 * word of sys/kernel/mm/transparent_hugepage/enabled) and the dirty page
 * limits of proc/sys/vm (a whole number each). A field that cannot be read
 * is left "". */
void mb_env_settings(struct mb_env *e, const char *root);

/* The machine identity fields of e (cpu_model too), read under root ("" for
 * this system; a folder holding proc/ and sys/ files for tests). The
 * hypervisor comes from CPUID when root is "" and the CPU has it. */
void mb_env_identity(struct mb_env *e, const char *root);
/* cpu_model, cpu_vendor, cpu_family, cpu_model_id, cpu_stepping and
 * microcode from a /proc/cpuinfo text (its first processor). 0 or -errno. */
int mb_env_cpuinfo(struct mb_env *e, const char *path);
/* A short summary of the files in dir (sys/devices/system/cpu/vulnerabilities),
 * in name order: "name:state" for each file that does not say "Not affected",
 * joined by ';' (docs/csv-schema.md has the rules), "none" when every file says
 * "Not affected", "" when dir cannot be read. 0 or -errno. */
int mb_env_mitigations(const char *dir, char *out, size_t len);
/* The hypervisor field from a CPUID answer (cpuid: 1 = hypervisor bit set,
 * vendor its 12 leaf-0x40000000 bytes; 0 = bit clear; < 0 no CPUID, then the
 * first line of type_file, e.g. /sys/hypervisor/type, or ""). */
void mb_env_hypervisor(int cpuid, const char vendor[12], const char *type_file, char *out,
		       size_t len);

#endif
