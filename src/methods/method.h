/* method.h: the access-method plug-in interface (DESIGN §2).
 *
 * A method only moves bytes: the core times every phase, counts faults and
 * I/O, sets the cache state, applies the advice, allocates I/O buffers, runs
 * the workers (threads) and checks the checksum. Each method lives in one file
 * under src/methods/ and ends with its ops table; methods.def lists them all. */
#ifndef MB_METHOD_H
#define MB_METHOD_H

#include <stddef.h>
#include <stdint.h>

#include "advice.h"
#include "histogram.h"
#include "offsets.h"
#include "ticks.h"
#include "util.h"

/* Capability flags. */
enum {
	MB_CAP_FILE = 1u << 0,    /* reads the file itself, so cache state applies */
	MB_CAP_MMAP = 1u << 1,    /* consumes from a mapping of the file */
	MB_CAP_FD = 1u << 2,      /* reads through the descriptor r->fd */
	MB_CAP_BUF = 1u << 3,     /* needs a block-size I/O buffer per worker (w->buf) */
	MB_CAP_THREADS = 1u << 4, /* workers may share r->fd / r->map */
	MB_CAP_QD = 1u << 5,      /* has a queue depth (--qd) */
	MB_CAP_REFCOPY = 1u << 9, /* consumes the core's in-memory copy of the file (r->ref) */
	MB_CAP_PRIVATE = 1u << 10, /* writes: stores into a private mapping, which never
				    * reach the file (verified unchanged) */
	MB_CAP_WHOLEBUF = 1u << 11, /* MB_CAP_BUF of the whole file, not of a block */
	MB_CAP_PAGE_BLOCK = 1u << 12, /* one page per operation: runs only with --block equal
				       * to the page size (the fault-cost methods) */
};

enum mb_consume { MB_CONSUME_SUM, MB_CONSUME_TOUCH, MB_CONSUME_COPY, MB_CONSUME_INCREMENT,
		  MB_CONSUME_COUNT };

/* What a method does to the file (the op column): read it; write the
 * dataset's bytes into a scratch target; or read-modify-write a scratch copy
 * of the dataset in place (add 1 to each 4-byte integer). */
enum mb_op { MB_OP_READ, MB_OP_WRITE, MB_OP_RMW, MB_OP_COUNT };
const char *mb_op_name(enum mb_op op);
int mb_op_parse(const char *name, enum mb_op *out);

/* Durability of a write (the sync column): nothing; fsync(2)/fdatasync(2) or
 * msync(2) (MS_SYNC, MS_ASYNC, MS_SYNC|MS_INVALIDATE) once after the io, in
 * a timed phase of its own (sync_ns); or O_SYNC/O_DSYNC on every write. */
enum mb_sync { MB_SYNC_NONE, MB_SYNC_FSYNC, MB_SYNC_FDATASYNC, MB_SYNC_O_SYNC, MB_SYNC_O_DSYNC,
	       MB_SYNC_MSYNC, MB_SYNC_MSYNC_ASYNC, MB_SYNC_MSYNC_INVALIDATE, MB_SYNC_COUNT };
const char *mb_sync_name(enum mb_sync s);
int mb_sync_parse(const char *name, enum mb_sync *out);
#define MB_SYNC_FD_MODES                                                                          \
	((1u << MB_SYNC_NONE) | (1u << MB_SYNC_FSYNC) | (1u << MB_SYNC_FDATASYNC) |                \
	 (1u << MB_SYNC_O_SYNC) | (1u << MB_SYNC_O_DSYNC))
#define MB_SYNC_MAP_MODES                                                                         \
	((1u << MB_SYNC_NONE) | (1u << MB_SYNC_FSYNC) | (1u << MB_SYNC_FDATASYNC) |                \
	 (1u << MB_SYNC_MSYNC) | (1u << MB_SYNC_MSYNC_ASYNC) | (1u << MB_SYNC_MSYNC_INVALIDATE))

const char *mb_consume_name(enum mb_consume c);
int mb_consume_parse(const char *name, enum mb_consume *out);

/* A method's own option, as fio's engine options: `--NAME VALUE` on the
 * command lines of `mapbench run` and `mapbench cat`, listed by `mapbench
 * methods` and `run --help`, and recorded in the results column `column`
 * (empty for the other methods). A method's table ends with a NULL name. */
enum mb_opt_type {
	MB_OPT_SIZE,   /* bytes, with K/M/G suffixes */
	MB_OPT_COUNT,  /* a plain number */
	MB_OPT_FLAG,   /* no value: 1 when given, else 0 */
};

#define MB_MAX_METHOD_OPTS 4

struct mb_option {
	const char *name;
	enum mb_opt_type type;
	uint64_t min, max, def;
	const char *help;     /* one line; says what the default means */
	const char *column;   /* the results column */
	int page_multiple;    /* the value must be a non-zero multiple of the page size */
	int buf_blocks;       /* the method's I/O buffer holds this many blocks (the
			       * core sizes it, at most MB_BUF_MAX bytes a worker) */
};

#define MB_BUF_MAX (256ull << 20) /* bytes of I/O buffer a worker, at most */

/* One repetition of one method: what all workers share. */
struct mb_run {
	const struct mb_method *method;
	const char *path;          /* the file to read, or the scratch target to write */
	uint64_t file_size;
	const struct mb_plan *plan;
	enum mb_advice advice;
	enum mb_consume consume;
	size_t buf_misalign;       /* bytes past a page boundary for I/O buffers */
	unsigned qd;               /* queue depth */
	int nworkers;
	uint64_t opt[MB_MAX_METHOD_OPTS]; /* the method's own options, in its table's order */
	const unsigned char *ref;  /* MB_CAP_REFCOPY: the file's bytes, made and primed
				    * once per configuration by the core (iobuf.h); the
				    * source of every write */
	enum mb_sync sync;         /* writes: O_SYNC/O_DSYNC go into the open flags */
	int new_file;              /* writes: the target is empty (target new) */

	/* Set by the method in setup (shared by the workers). */
	int fd;
	void *map;                 /* a whole-file mapping: the core advises it */
	size_t map_len;
	void *priv;
	uint64_t mmap_ns, munmap_ns; /* time in mmap(2)/munmap(2), via mb_mmap_timed */

	char err[512];             /* why a hook failed: "mmap(PATH): reason" */
};

/* One worker (thread) of a repetition. */
struct mb_worker {
	struct mb_run *run;
	int id;
	void *buf;                 /* MB_CAP_BUF: block size (x --iov, or x --qd slots
				    * buf_stride apart), page-aligned + misalign; made
				    * and primed once per configuration, reused */
	size_t buf_len;
	size_t buf_stride;         /* MB_CAP_QD: bytes from one slot to the next (the
				    * block rounded up to pages: every slot keeps the
				    * same alignment) */
	void *cbuf;                /* consume=copy: block-size destination */
	struct mb_hist *lat;       /* per-operation latency, or NULL */
	uint64_t lat_prev;         /* mb_ticks() of the previous operation */
	void *priv;                /* per-worker method state */
	uint64_t mmap_ns, munmap_ns; /* this worker's mmap(2)/munmap(2) time (the core adds
				      * them to the run's), via mb_worker_mmap_timed */
	uint64_t ops;              /* operations made, for a method whose operation is
				    * not one planned block (readv: one call, --iov blocks);
				    * 0 = one per planned block */
	char err[512];
};

struct mb_method {
	const char *name;
	const char *desc;          /* one line, for `mapbench methods` */
	unsigned caps;
	const struct mb_option *options; /* its own options (NULL: none) */
	unsigned advice_mask;      /* accepted advice values: 1u << MB_ADV_* */
	unsigned consume_mask;     /* accepted consume modes: 1u << MB_CONSUME_* */
	/* Optional: 1 if usable here, else 0 with the reason in why. */
	int (*supported)(char *why, size_t len);
	/* Timed "setup": open, map. 0 or -errno with r->err set. The core applies
	 * the advice right after, also inside setup. NULL: the core opens the
	 * file read-only with open_flags into r->fd (MB_CAP_FD methods), or does
	 * nothing. */
	int (*setup)(struct mb_run *r);
	int open_flags;            /* with setup NULL: added to O_RDONLY (O_WRONLY for
				    * writes, O_RDWR for rmw; mb_open_file) */
	enum mb_op op;             /* read (0), write, rmw */
	unsigned sync_mask;        /* writes: accepted sync modes (1u << MB_SYNC_*);
				    * one mode only: it always runs with that one */
	/* Optional, timed in setup: per-worker state (an io_uring ring). */
	int (*worker_setup)(struct mb_run *r, struct mb_worker *w);
	/* Timed "io": consume the slice of the plan, add its checksum to *csum.
	 * 0 or -errno with w->err set. */
	int (*run)(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum);
	/* Optional, timed in teardown. Called for every worker, also one whose
	 * worker_setup failed or never ran (w->priv is then as it was: NULL). */
	void (*worker_teardown)(struct mb_run *r, struct mb_worker *w);
	/* Timed "teardown": unmap, close. NULL: the core closes r->fd if open. */
	int (*teardown)(struct mb_run *r);
	/* Optional, untimed and uncounted, after a successful io (and sync) and
	 * before teardown: checks what no file holds, the anonymous memory the io
	 * read or wrote. *csum comes in as the io's checksum (the workers' sum)
	 * and *expected as the core's (the dataset's, for the consume mode); the
	 * hook replaces either with what it re-read or knows must be there, and
	 * the core compares the two as for any read. 0, or -errno with r->err set
	 * (-EOPNOTSUPP: the row cannot be what it says here: unsupported). */
	int (*verify)(struct mb_run *r, uint64_t *csum, uint64_t *expected);
};

/* Masks for the common cases. */
#define MB_ADVICE_NONE_ONLY (1u << MB_ADV_NONE)
#define MB_ADVICE_MMAP                                                                            \
	((1u << MB_ADV_NONE) | (1u << MB_ADV_NORMAL) | (1u << MB_ADV_SEQUENTIAL) |                 \
	 (1u << MB_ADV_RANDOM) | (1u << MB_ADV_WILLNEED) | (1u << MB_ADV_HUGEPAGE) |               \
	 (1u << MB_ADV_POPULATE_READ) | (1u << MB_ADV_MAP_POPULATE))
#define MB_ADVICE_FD                                                                              \
	((1u << MB_ADV_NONE) | (1u << MB_ADV_NORMAL) | (1u << MB_ADV_SEQUENTIAL) |                 \
	 (1u << MB_ADV_RANDOM) | (1u << MB_ADV_WILLNEED) | (1u << MB_ADV_NOREUSE) |                \
	 (1u << MB_ADV_READAHEAD))
#define MB_CONSUME_SUM_ONLY (1u << MB_CONSUME_SUM)
#define MB_CONSUME_ALL ((1u << MB_CONSUME_SUM) | (1u << MB_CONSUME_TOUCH) | (1u << MB_CONSUME_COPY))

/* A hook that cannot do its job here (O_DIRECT on tmpfs, RWF_DONTCACHE on
 * an old kernel) returns -EOPNOTSUPP with the reason in its err: the row is
 * then status=unsupported, not an error. Errors are classified by code,
 * never by message text; the first error of a repetition sticks. */

/* Records "call(path): strerror(err)" in r->err; returns -err. */
int mb_run_fail(struct mb_run *r, const char *call, int err);
int mb_run_failf(struct mb_run *r, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The same for a worker. */
int mb_worker_fail(struct mb_worker *w, const char *call, int err);
int mb_worker_failf(struct mb_worker *w, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Consumes len bytes at p that sit at file offset off, the way --consume
 * says; returns their checksum contribution. */
uint64_t mb_consume(struct mb_worker *w, uint64_t off, const void *p, size_t len);
/* What mb_consume gives for those bytes under mode (copy: as sum), without a
 * worker: for checking a checksum afterwards. */
uint64_t mb_consume_bytes(enum mb_consume mode, uint64_t off, const void *p, size_t len);

/* One operation is done: its latency is the time since the previous one (or
 * since the worker started). A no-op unless latency is recorded. */
static inline void mb_lat_tick(struct mb_worker *w)
{
	if (w->lat) {
		uint64_t t = mb_ticks();

		mb_hist_record(w->lat, mb_ticks_to_ns(t - w->lat_prev));
		w->lat_prev = t;
	}
}

/* An operation's latency measured by the method itself (queued I/O). */
static inline void mb_lat_record(struct mb_worker *w, uint64_t ns)
{
	if (w->lat)
		mb_hist_record(w->lat, ns);
}

/* Shared helpers for methods. */
int mb_open_ro(struct mb_run *r, int extra_flags);  /* r->fd = open(path, O_RDONLY|extra) */
/* r->fd = open(path) for the method's op (O_RDONLY, O_WRONLY, O_RDWR) | extra,
 * with O_SYNC or O_DSYNC when the run's sync mode says so. */
int mb_open_file(struct mb_run *r, int extra_flags);
int mb_close_fd(struct mb_run *r);                  /* close(r->fd) */
/* mmap(2)/munmap(2) of the file with their time added to r->mmap_ns/munmap_ns
 * (atomically: workers may call them at once).
 * mb_mmap_timed adds MAP_POPULATE when the advice is map-populate. */
void *mb_mmap_timed(struct mb_run *r, size_t len, int flags, uint64_t off);
/* The same with protection prot (mb_mmap_timed: PROT_READ). */
void *mb_mmap_timed_prot(struct mb_run *r, size_t len, int prot, int flags, uint64_t off);
int mb_munmap_timed(struct mb_run *r, void *addr, size_t len);
/* The same from a worker's io, into the worker's own counters. */
void *mb_worker_mmap_timed(struct mb_worker *w, size_t len, int flags, uint64_t off);
int mb_worker_munmap_timed(struct mb_worker *w, void *addr, size_t len);
/* read(2)/pread(2) exactly len bytes unless EOF; returns bytes read or -errno. */
long mb_read_full(int fd, void *buf, size_t len);
long mb_pread_full(int fd, void *buf, size_t len, uint64_t off);
/* preadv2(2) with flags (0: pread(2) itself) asking for want bytes at off, until
 * need bytes are in or EOF (O_DIRECT asks for a whole aligned block and needs
 * only the bytes up to EOF); bytes read or -errno. */
long mb_pread_upto(int fd, void *buf, size_t want, size_t need, uint64_t off, int flags);
/* The io loop of the methods that read one planned block per call into
 * w->buf (pread, odirect, dontcache): rd reads the len bytes at off (the last
 * block may be short) and returns the bytes read, or -errno, having set w->err
 * itself when it wants a message of its own (with -EOPNOTSUPP: unsupported). Then
 * every block is consumed at its offset and ticked; errors name call. */
typedef long (*mb_block_reader)(struct mb_worker *w, uint64_t off, uint64_t len);
int mb_read_blocks(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum, const char *call,
		   mb_block_reader rd);
/* The io loop of the methods whose bytes are already in memory at base (a
 * mapping of the whole file, memread's copy): consume each planned block of
 * the slice at base + offset, and tick. */
int mb_consume_blocks(struct mb_worker *w, const struct mb_slice *s, uint64_t *csum,
		      const unsigned char *base);
/* For a short read: the one error message all read methods give. */
int mb_short_read(struct mb_worker *w, const char *call, uint64_t off, long got, uint64_t want);
/* For a failed read (err > 0, e.g. EIO): "call(path) at offset N: strerror". */
int mb_read_error(struct mb_worker *w, const char *call, uint64_t off, int err);

/* Method options (method_options.c): every distinct option name of every
 * method, in registry order, indexed 0 .. mb_option_count() - 1. */
size_t mb_option_count(void);
const struct mb_option *mb_option_at(size_t i);
/* Parses text for option o into *v: 0, or -EINVAL with a one-line reason. */
int mb_option_parse(const struct mb_option *o, const char *text, uint64_t *v, char *err, size_t errlen);
/* The values of method m's options (its table's order) from the run's values
 * of every option (given[i]: set on the command line), defaults otherwise. */
void mb_option_values(const struct mb_method *m, const uint64_t *vals, const int *given,
		      uint64_t out[MB_MAX_METHOD_OPTS]);
/* Blocks in method m's I/O buffer: the value of its buf_blocks option in
 * opt (its table's order), or 1. */
uint64_t mb_option_buf_blocks(const struct mb_method *m, const uint64_t opt[MB_MAX_METHOD_OPTS]);

/* The write side (write_helpers.c). write(2)/pwrite(2) all len bytes through
 * EINTR and short writes: 0, or -errno (-EIO for a write of 0 bytes). */
int mb_write_full(int fd, const void *buf, size_t len);
int mb_pwrite_full(int fd, const void *buf, size_t len, uint64_t off);
/* The io loop of the methods that write one planned block per call from the
 * source r->ref: wr writes the len bytes at off (from r->ref + off) and
 * returns 0 or -errno (w->err set by it, or named after call here). */
typedef int (*mb_block_writer)(struct mb_worker *w, uint64_t off, uint64_t len);
int mb_write_blocks(struct mb_worker *w, const struct mb_slice *s, const char *call,
		    mb_block_writer wr);
/* rmw: adds 1 to every whole 4-byte integer (host order) of the len bytes at
 * p, which sit at file offset off (a multiple of 4) of a file of size bytes;
 * returns how many it incremented. */
uint64_t mb_increment_ints(unsigned char *p, uint64_t off, size_t len, uint64_t size);

/* Registry (registry.c, from methods.def). */
/* The read method called name, or NULL. */
const struct mb_method *mb_method_find(const char *name);
size_t mb_method_count(void);
const struct mb_method *mb_method_at(size_t i);
/* 1 if usable here; else 0 and why. */
int mb_method_available(const struct mb_method *m, char *why, size_t len);

#endif
