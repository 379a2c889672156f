/* util.h: messages, exit codes, clocks and aligned buffers shared by all of mapbench. */
#ifndef MB_UTIL_H
#define MB_UTIL_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Exit codes (DESIGN §6). */
enum {
	MB_EXIT_OK = 0,          /* every measurement ok */
	MB_EXIT_FAIL = 1,        /* a measurement failed (error row written) */
	MB_EXIT_USAGE = 2,       /* bad command line or input */
	MB_EXIT_MISSING = 3,     /* a resource the run needs is missing */
	MB_EXIT_UNSUPPORTED = 4, /* not supported on this system */
	MB_EXIT_INTERRUPTED = 130, /* stopped by SIGINT; by another signal N: 128 + N */
};

/* The number of the signal that asked the run to stop, 0 while none did.
 * Once mb_catch_stop_signals() ran, every signal whose default action ends
 * the process and that a user or the system sends to stop it (INT, TERM,
 * HUP, PIPE, QUIT, USR1, USR2, ALRM) sets it, and long loops stop at the next
 * safe point (after a repetition, between dataset chunks): partial files are
 * removed, complete rows kept. A second such signal (but PIPE) takes the
 * default action at once. SIGXFSZ is ignored: a write past the file size
 * limit fails with EFBIG and is undone like any failed write. */
extern volatile sig_atomic_t mb_stop_requested;
void mb_catch_stop_signals(void);
/* The exit code of a run stopped by a signal: 128 + its number (130 for
 * SIGINT, 129 SIGHUP, 141 SIGPIPE, 143 SIGTERM). */
int mb_exit_interrupted(void);

/* Set while a progress line is on stderr: messages clear it first. */
extern int mb_progress_line;

/* "mapbench: " + message + newline on stderr. */
void mb_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* mb_warn, then exit(code). */
void mb_die(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));

/* CLOCK_MONOTONIC in nanoseconds (a vDSO call, no system call). */
static inline uint64_t mb_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Page-aligned, zero-filled (every page touched) buffer of len bytes at
 * offset `misalign` bytes past a page boundary; NULL on failure. */
void *mb_buf_alloc(size_t len, size_t misalign);
void mb_buf_free(void *buf, size_t misalign);

long mb_page_size(void);

/* snprintf into a fixed buffer, never overflowing; returns dst. */
char *mb_strlcpy(char *dst, const char *src, size_t n);

/* A run id: the UTC time and 16 random bits, 20261206T183000Z-1a2b. */
void mb_make_run_id(char *buf, size_t len);

#endif
