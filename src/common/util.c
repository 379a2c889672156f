/* util.c: messages, exit codes, clocks and aligned buffers shared by all of mapbench. */
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int mb_progress_line;
volatile sig_atomic_t mb_stop_requested;

static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM};

static void on_stop_signal(int sig)
{
	static const char msg[] = "\nmapbench: stopping after this repetition "
				  "(again to stop at once; written rows stay whole)\n";

	if (!mb_stop_requested)
		mb_stop_requested = sig;
	/* SIGPIPE: stderr may be the closed pipe; nothing is said */
	if (sig != SIGPIPE && write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
		/* nothing to do: the flag is what matters */
	}
}

void mb_catch_stop_signals(void)
{
	/* SA_RESETHAND: a second signal takes the default action, so a long
	 * repetition never makes mapbench impossible to stop */
	struct sigaction sa = {.sa_handler = on_stop_signal, .sa_flags = SA_RESETHAND};
	struct sigaction pipe = {.sa_handler = on_stop_signal};

	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(stop_signals) / sizeof(stop_signals[0]); i++)
		sigaction(stop_signals[i], &sa, NULL);
	/* a closed pipe makes every later write fail with EPIPE: never reset */
	sigemptyset(&pipe.sa_mask);
	sigaction(SIGPIPE, &pipe, NULL);
	signal(SIGXFSZ, SIG_IGN);
}

int mb_exit_interrupted(void)
{
	return 128 + (mb_stop_requested ? (int)mb_stop_requested : SIGINT);
}

static void vwarn(const char *fmt, va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	fprintf(stderr, "%smapbench: %s\n", mb_progress_line ? "\r\033[K" : "", msg);
}

void mb_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void mb_die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	exit(code);
}

long mb_page_size(void)
{
	static long ps;

	if (!ps)
		ps = sysconf(_SC_PAGESIZE);
	return ps;
}

void *mb_buf_alloc(size_t len, size_t misalign)
{
	size_t ps = (size_t)mb_page_size();
	void *p;

	if (posix_memalign(&p, ps, len + misalign + 1))
		return NULL;
	/* Touch every page now so no first-touch fault lands in a timed region. */
	memset(p, 0, len + misalign + 1);
	return (char *)p + misalign;
}

void mb_buf_free(void *buf, size_t misalign)
{
	if (buf)
		free((char *)buf - misalign);
}

char *mb_strlcpy(char *dst, const char *src, size_t n)
{
	if (n) {
		snprintf(dst, n, "%s", src ? src : "");
	}
	return dst;
}

void mb_make_run_id(char *buf, size_t len)
{
	time_t now = time(NULL);
	struct tm tm;
	char ts[32];
	unsigned r = (unsigned)(mb_now_ns() ^ (uint64_t)getpid() * 2654435761u) & 0xffffu;

	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(buf, len, "%s-%04x", ts, r);
}
