/* advice.c: applying and probing access advice (see advice.h). */
#include "advice.h"
#include "compat.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>


static const struct {
	const char *name;
	int madv;       /* -1: not a madvise */
	const char *mname;
	int fadv;       /* -1: not a posix_fadvise */
	const char *fname;
} tab[MB_ADV_COUNT] = {
	[MB_ADV_NONE] = {"none", -1, NULL, -1, NULL},
	[MB_ADV_NORMAL] = {"normal", MADV_NORMAL, "MADV_NORMAL", POSIX_FADV_NORMAL, "POSIX_FADV_NORMAL"},
	[MB_ADV_SEQUENTIAL] = {"sequential", MADV_SEQUENTIAL, "MADV_SEQUENTIAL", POSIX_FADV_SEQUENTIAL,
			       "POSIX_FADV_SEQUENTIAL"},
	[MB_ADV_RANDOM] = {"random", MADV_RANDOM, "MADV_RANDOM", POSIX_FADV_RANDOM, "POSIX_FADV_RANDOM"},
	[MB_ADV_WILLNEED] = {"willneed", MADV_WILLNEED, "MADV_WILLNEED", POSIX_FADV_WILLNEED,
			     "POSIX_FADV_WILLNEED"},
	[MB_ADV_HUGEPAGE] = {"hugepage", MADV_HUGEPAGE, "MADV_HUGEPAGE", -1, NULL},
	[MB_ADV_POPULATE_READ] = {"populate-read", MADV_POPULATE_READ, "MADV_POPULATE_READ", -1, NULL},
	[MB_ADV_MAP_POPULATE] = {"map-populate", -1, NULL, -1, NULL},
	[MB_ADV_NOREUSE] = {"noreuse", -1, NULL, POSIX_FADV_NOREUSE, "POSIX_FADV_NOREUSE"},
	[MB_ADV_READAHEAD] = {"readahead", -1, NULL, -1, NULL},
};

const char *mb_advice_name(enum mb_advice a)
{
	return a < MB_ADV_COUNT ? tab[a].name : "?";
}

int mb_advice_parse(const char *name, enum mb_advice *out)
{
	for (int i = 0; i < MB_ADV_COUNT; i++)
		if (!strcmp(tab[i].name, name)) {
			*out = (enum mb_advice)i;
			return 0;
		}
	return -EINVAL;
}

/* The test seam of advice.h. */
static int injected(enum mb_advice a)
{
	const char *v = getenv(MB_REJECT_ADVICE_ENV);

	return v && !strcmp(v, tab[a].name);
}

static int fail(char *err, size_t errlen, const char *call, const char *what, int e, int inj)
{
	snprintf(err, errlen, "%s(%s): %s%s", call, what, strerror(e),
		 inj ? " (rejection injected by " MB_REJECT_ADVICE_ENV ")" : "");
	return -e;
}

int mb_advise_map(enum mb_advice a, void *addr, size_t len, char *err, size_t errlen)
{
	if (tab[a].madv < 0)
		return 0;
	if (injected(a))
		return fail(err, errlen, "madvise", tab[a].mname, EINVAL, 1);
	if (len && madvise(addr, len, tab[a].madv))
		return fail(err, errlen, "madvise", tab[a].mname, errno, 0);
	return 0;
}

int mb_advise_fd(enum mb_advice a, int fd, uint64_t size, char *err, size_t errlen)
{
	int rc;

	if (a == MB_ADV_READAHEAD) {
		if (injected(a))
			return fail(err, errlen, "readahead", "whole file", EINVAL, 1);
		if (size && readahead(fd, 0, (size_t)size))
			return fail(err, errlen, "readahead", "whole file", errno, 0);
		return 0;
	}
	if (tab[a].fadv < 0)
		return 0;
	if (injected(a))
		return fail(err, errlen, "posix_fadvise", tab[a].fname, EINVAL, 1);
	rc = posix_fadvise(fd, 0, 0, tab[a].fadv); /* returns the error, not -1 */
	if (rc)
		return fail(err, errlen, "posix_fadvise", tab[a].fname, rc, 0);
	return 0;
}

int mb_advice_available(enum mb_advice a, char *why, size_t len)
{
	size_t ps = (size_t)mb_page_size();
	void *p;
	int ok = 1;

	if (len)
		why[0] = '\0';
	if (tab[a].madv < 0 || a == MB_ADV_NORMAL || a == MB_ADV_SEQUENTIAL || a == MB_ADV_RANDOM ||
	    a == MB_ADV_WILLNEED)
		return 1; /* fadvise values and the classic madvise values exist on every Linux */
	p = mmap(NULL, ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		snprintf(why, len, "mmap(anonymous): %s", strerror(errno));
		return 0;
	}
	if (madvise(p, ps, tab[a].madv)) {
		snprintf(why, len, "madvise(%s) fails here: %s%s", tab[a].mname, strerror(errno),
			 a == MB_ADV_POPULATE_READ ? " (needs Linux >= 5.14)"
						   : a == MB_ADV_HUGEPAGE ? " (kernel without THP)" : "");
		ok = 0;
	}
	munmap(p, ps);
	return ok;
}
