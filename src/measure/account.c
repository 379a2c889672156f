/* account.c: getrusage and /proc/self/io snapshots and their differences. */
#include "account.h"

#include <fcntl.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int mb_parse_proc_io(const char *text, uint64_t *rb, uint64_t *wb)
{
	const char *r = strstr(text, "\nread_bytes:"), *w = strstr(text, "\nwrite_bytes:");

	if (!r || !w || sscanf(r, "\nread_bytes: %" SCNu64, rb) != 1 ||
	    sscanf(w, "\nwrite_bytes: %" SCNu64, wb) != 1)
		return -EINVAL;
	return 0;
}

static int read_proc_io(uint64_t *rb, uint64_t *wb)
{
	char buf[1024];
	int fd = open("/proc/self/io", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	buf[0] = '\n'; /* so every key, the first one too, follows a newline */
	n = read(fd, buf + 1, sizeof(buf) - 2);
	close(fd);
	if (n <= 0)
		return -EIO;
	buf[n + 1] = '\0';
	return mb_parse_proc_io(buf, rb, wb);
}

void mb_acct_snap(struct mb_acct *a)
{
	a->io_ok = read_proc_io(&a->read_bytes, &a->write_bytes) == 0;
	getrusage(RUSAGE_SELF, &a->ru);
}

static double tv_us(const struct timeval *tv)
{
	return (double)tv->tv_sec * 1e6 + (double)tv->tv_usec;
}

void mb_acct_diff(const struct mb_acct *b, const struct mb_acct *a, struct mb_acct_delta *d)
{
	d->user_us = tv_us(&a->ru.ru_utime) - tv_us(&b->ru.ru_utime);
	d->sys_us = tv_us(&a->ru.ru_stime) - tv_us(&b->ru.ru_stime);
	d->minflt = a->ru.ru_minflt - b->ru.ru_minflt;
	d->majflt = a->ru.ru_majflt - b->ru.ru_majflt;
	d->nvcsw = a->ru.ru_nvcsw - b->ru.ru_nvcsw;
	d->nivcsw = a->ru.ru_nivcsw - b->ru.ru_nivcsw;
	d->io_ok = a->io_ok && b->io_ok;
	d->dev_read_bytes = d->io_ok ? (int64_t)(a->read_bytes - b->read_bytes) : 0;
	d->dev_write_bytes = d->io_ok ? (int64_t)(a->write_bytes - b->write_bytes) : 0;
}

void mb_acct_add(struct mb_acct_delta *sum, const struct mb_acct_delta *d)
{
	sum->user_us += d->user_us;
	sum->sys_us += d->sys_us;
	sum->minflt += d->minflt;
	sum->majflt += d->majflt;
	sum->nvcsw += d->nvcsw;
	sum->nivcsw += d->nivcsw;
	sum->io_ok = sum->io_ok && d->io_ok;
	sum->dev_read_bytes += d->dev_read_bytes;
	sum->dev_write_bytes += d->dev_write_bytes;
}
