/* method.h: the access-method plug-in interface (DESIGN §2).
 *
 * A method only moves bytes: the core opens nothing for it, times every phase,
 * counts faults and I/O, sets the cache state and checks the checksum. Each
 * method lives in one file under src/methods/ and ends with its ops table;
 * methods.def lists them all. */
#ifndef MB_METHOD_H
#define MB_METHOD_H

#include <stddef.h>
#include <stdint.h>

#include "plan.h"

/* Capability flags. */
enum {
	MB_CAP_FILE = 1u << 0, /* reads the file itself, so cache state applies */
	MB_CAP_MMAP = 1u << 1, /* consumes from a mapping */
};

/* State of one repetition of one method, shared between the core and the method. */
struct mb_run {
	const struct mb_method *method;
	const char *path;          /* the file to read */
	uint64_t file_size;
	const struct mb_plan *plan;
	size_t buf_misalign;       /* bytes past a page boundary for I/O buffers */

	/* Owned by the method between setup and teardown (or prepare/unprepare). */
	int fd;
	void *map;
	size_t map_len;
	void *buf;
	size_t buf_len;
	void *priv;

	char err[512];             /* why a hook failed: "mmap(PATH): reason" */
};

struct mb_method {
	const char *name;
	const char *desc;          /* one line, for `mapbench methods` */
	unsigned caps;
	/* Optional: 1 if usable here, else 0 with the reason in why. */
	int (*supported)(char *why, size_t len);
	/* Optional, untimed: bring data to the state the method starts from. */
	int (*prepare)(struct mb_run *r);
	/* Timed "setup": open, map, advice. 0 or -errno with r->err set. */
	int (*setup)(struct mb_run *r);
	/* Timed "io": consume the slice of the plan, add its checksum to *csum. */
	int (*run)(struct mb_run *r, const struct mb_slice *s, uint64_t *csum);
	/* Timed "teardown": unmap, close. */
	int (*teardown)(struct mb_run *r);
	/* Optional, untimed: release what prepare made. */
	void (*unprepare)(struct mb_run *r);
};

/* Records "call(path): strerror(err)" in r->err; returns -err. */
int mb_run_fail(struct mb_run *r, const char *call, int err);
/* Records a free-form reason in r->err; returns -err. */
int mb_run_failf(struct mb_run *r, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Shared helpers for methods. */
int mb_open_ro(struct mb_run *r);                    /* r->fd = open(path, O_RDONLY) */
int mb_close_fd(struct mb_run *r);                   /* close(r->fd) */
int mb_alloc_block_buf(struct mb_run *r);            /* r->buf: one block, aligned */
void mb_free_block_buf(struct mb_run *r);
/* read(2)/pread(2) exactly len bytes unless EOF; returns bytes read or -errno. */
long mb_read_full(int fd, void *buf, size_t len);
long mb_pread_full(int fd, void *buf, size_t len, uint64_t off);

/* Registry (registry.c, from methods.def). */
const struct mb_method *mb_method_find(const char *name);
size_t mb_method_count(void);
const struct mb_method *mb_method_at(size_t i);
/* 1 if usable here; else 0 and why. */
int mb_method_available(const struct mb_method *m, char *why, size_t len);

#endif
