/* cachestate.c: sets and verifies the page-cache state of the file before
 * each repetition, untimed (see cachestate.h). */
#include "cachestate.h"
#include "kcounters.h"
#include "residency.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/vfs.h>
#include <unistd.h>

const char *mb_cache_name(enum mb_cache c)
{
	switch (c) {
	case MB_CACHE_WARM: return "warm";
	case MB_CACHE_COLD: return "cold";
	case MB_CACHE_WARM4K: return "warm-4k";
	default: return "";
	}
}

int mb_cache_parse(const char *name, enum mb_cache *out)
{
	if (!strcmp(name, "warm"))
		*out = MB_CACHE_WARM;
	else if (!strcmp(name, "cold"))
		*out = MB_CACHE_COLD;
	else if (!strcmp(name, "warm-4k"))
		*out = MB_CACHE_WARM4K;
	else
		return -EINVAL;
	return 0;
}

static int warm_state(enum mb_cache c)
{
	return c == MB_CACHE_WARM || c == MB_CACHE_WARM4K;
}

static int fill(const struct mb_cache_target *t, char *err, size_t errlen)
{
	return t->cache == MB_CACHE_WARM4K ? mb_cache_fill_4k(t->path, err, errlen)
					   : mb_cache_fill(t->path, err, errlen);
}

/* 1 when the file lives in memory only (tmpfs, ramfs): it cannot be cold. */
static int memory_fs(const char *path)
{
	struct statfs sf;

	return !statfs(path, &sf) && (sf.f_type == TMPFS_MAGIC || sf.f_type == RAMFS_MAGIC);
}

void mb_cache_prewarm(const struct mb_cache_target *t)
{
	char e2[300];

	if (!warm_state(t->cache))
		return;
	if (mb_cache_evict(t->path, t->own, 0, e2, sizeof(e2)) || fill(t, e2, sizeof(e2)))
		mb_warn("warming %s: %s", t->path, e2);
}

int mb_cache_set(const struct mb_cache_target *t, double *pct, char *err, size_t errlen)
{
	int cold = t->cache == MB_CACHE_COLD;
	char e2[300];
	int rc = 0;

	*pct = NAN;
	if (t->cache == MB_CACHE_NA)
		return 0;
	if (cold && memory_fs(t->path)) {
		snprintf(err, errlen, "cold: %s is on tmpfs or ramfs, whose pages cannot be evicted",
			 t->path);
		return 1;
	}
	for (int attempt = 0; attempt < 2; attempt++) {
		if (cold)
			rc = mb_cache_evict(t->path, t->own, t->drop_caches, e2, sizeof(e2));
		else if (attempt || !(mb_resident_pct_path(t->path, pct) == 0 && *pct >= 100.0))
			rc = fill(t, e2, sizeof(e2));
		if (rc) {
			snprintf(err, errlen, "%s: %s", mb_cache_name(t->cache), e2);
			return -1;
		}
		rc = mb_resident_pct_path(t->path, pct);
		if (rc < 0) {
			snprintf(err, errlen, "mincore(%s): %s", t->path, strerror(-rc));
			return -1;
		}
		if (rc == 1) /* empty file: no pages, any state holds */
			return 0;
		if (cold ? *pct <= MB_COLD_MAX_PCT : *pct >= 100.0)
			return 0;
	}
	if (cold)
		snprintf(err, errlen, "cold state not reached: %.2f%% of %s still resident after "
			 "posix_fadvise(DONTNEED) (mapped or dirty elsewhere?)", *pct, t->path);
	else
		snprintf(err, errlen, "%s state not reached: only %.2f%% of %s resident after "
			 "reading it (memory pressure?)", mb_cache_name(t->cache), *pct, t->path);
	return -1;
}

int mb_cache_check_folios(const struct mb_cache_target *t, double *large_pct, double *pmd_pct,
			  char *err, size_t errlen)
{
	int fd, rc;

	*large_pct = *pmd_pct = NAN;
	if (!warm_state(t->cache))
		return 0;
	fd = open(t->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	rc = mb_large_folio_pct(fd, t->size, large_pct, pmd_pct);
	close(fd);
	if (t->cache != MB_CACHE_WARM4K || t->size == 0)
		return 0;
	if (rc == -EPERM) {
		snprintf(err, errlen, "warm-4k: folio sizes can only be verified as root "
			 "(/proc/kpageflags); not measured");
		return -1;
	}
	if (rc) {
		snprintf(err, errlen, "warm-4k: checking folio sizes: %s", strerror(-rc));
		return -1;
	}
	if (*large_pct > 0) {
		snprintf(err, errlen, "warm-4k state not reached: %.2f%% of the cached pages sit in "
			 "large folios", *large_pct);
		return -1;
	}
	return 0;
}
