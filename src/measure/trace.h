/* trace.h: a test seam that reports, in order, what the core does around the
 * clock: buffers allocated and primed, the reference copy made and read,
 * worker threads created, timed regions opened and closed. It is NULL in the
 * program; the unit tests set it to check that nothing but the measured work
 * happens inside a timed region and that per-configuration work happens once.
 * Events are reported outside the timed regions only. */
#ifndef MB_TRACE_H
#define MB_TRACE_H

enum mb_trace_event {
	MB_TRACE_BUF_ALLOC,     /* an I/O or copy buffer mapped */
	MB_TRACE_BUF_PRIMED,    /* ... written from user mode and by the kernel, then read */
	MB_TRACE_REF_COPY,      /* the reference copy of the file made */
	MB_TRACE_REF_PRIMED,    /* ... and read once from user mode */
	MB_TRACE_THREAD_START,  /* a worker thread created (it parks at once) */
	MB_TRACE_TIMED_BEGIN,   /* a repetition's timed setup is about to start */
	MB_TRACE_TIMED_END,     /* its timed teardown has ended */
	MB_TRACE_THREAD_STOP,   /* a worker thread joined */
};

/* what: a method name or a short description. */
typedef void (*mb_trace_fn)(enum mb_trace_event ev, const char *what);
extern mb_trace_fn mb_trace_hook;

static inline void mb_trace(enum mb_trace_event ev, const char *what)
{
	if (mb_trace_hook)
		mb_trace_hook(ev, what);
}

#endif
