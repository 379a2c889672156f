/* memcg.h: runs the process inside a memory cgroup of its own with a limit
 * smaller than the file (`mapbench run --mem-limit`), and reads that group's
 * counters (memory.stat) around each repetition.
 *
 * Where the group goes. cgroup v2 (/sys/fs/cgroup is cgroup2): beside the
 * process's current group, i.e. <parent of it>/mapbench-<pid>, a leaf; the
 * kernel's "no internal processes" rule forbids giving the current group a
 * child with the memory controller while the process (and its siblings)
 * still sit in it, and its parent holds no processes of its own unless it is
 * the root, which is exempt. The memory controller is enabled in the
 * parent's cgroup.subtree_control only when it is not already, and disabled
 * again at the end only then. cgroup v1 (/sys/fs/cgroup/memory): a child of
 * the current memory group, so the limits above still apply (v1 has no such
 * rule). The process moves in (cgroup.procs, every thread), and at the end
 * back to the group it came from; the directory is removed. The end runs on
 * every path: the caller's normal end, exit() (atexit) and a second
 * SIGINT/SIGTERM (the first only asks the run to stop, util.h). */
#ifndef MB_MEMCG_H
#define MB_MEMCG_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

/* The smallest limit accepted: below it the process itself hardly fits. */
#define MB_MEMCG_MIN_LIMIT (16ull << 20)

/* The group's counters from memory.stat; -1 = not in this kernel's file. */
struct mb_memcg_stat {
	int64_t file;              /* page cache charged to the group, bytes */
	int64_t file_mapped;       /* of it, mapped into page tables, bytes */
	int64_t pgmajfault;        /* major faults, count */
	int64_t workingset_refault_file; /* file pages read again soon after eviction */
	int64_t pgscan, pgsteal;   /* pages scanned, reclaimed (v2 only) */
};

struct mb_memcg {
	int v2;
	uint64_t limit;
	char dir[PATH_MAX];        /* the group made (the process runs in it) */
	char home[PATH_MAX];       /* the group the process came from */
	char enabled_in[PATH_MAX]; /* v2: subtree_control where +memory was written; "" none */
	int made, joined;
};

/* 0 when limit (bytes) is at least MB_MEMCG_MIN_LIMIT and at most mem_bytes
 * (the machine's memory; 0: unknown); else -EINVAL with the reason in err. */
int mb_memcg_check_limit(uint64_t limit, uint64_t mem_bytes, char *err, size_t errlen);

/* The group's path (below the hierarchy's mount) from the text of
 * /proc/self/cgroup: the "0::" line (v2) or the line listing memory (v1).
 * 0, or -ENOENT. */
int mb_memcg_parse_self(const char *text, int v2, char *path, size_t len);

/* memory.stat text into *s (v1 and v2 names: file/cache,
 * file_mapped/mapped_file, workingset_refault_file/workingset_refault). */
void mb_memcg_parse_stat(const char *text, struct mb_memcg_stat *s);

/* Makes the group, sets its limit and moves the process in (one group per
 * process: mb_memcg_current() is it). 0, or -errno with err set (-ENOENT: no
 * memory cgroup hierarchy; -EACCES, -EPERM, -EROFS: not writable here) after
 * undoing what was done. */
int mb_memcg_enter(uint64_t limit, char *err, size_t errlen);

/* Moves the process back and removes the group (and what enter enabled).
 * 0 or the first -errno; without a group, or called twice, 0. */
int mb_memcg_leave(void);

/* The group's counters now. 0 or -errno. */
int mb_memcg_read_stat(const struct mb_memcg *g, struct mb_memcg_stat *s);
/* The group's memory.stat opened for mb_memcg_pread_stat: an fd, or -errno. */
int mb_memcg_stat_open(const struct mb_memcg *g);
/* The counters from that fd: one pread(2) into a stack buffer (no
 * allocation: used between two chunks of a timed io). 0 or -errno. */
int mb_memcg_pread_stat(int fd, struct mb_memcg_stat *s);

/* The group the process runs in, or NULL without --mem-limit. */
const struct mb_memcg *mb_memcg_current(void);

#endif
