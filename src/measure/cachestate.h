/* cachestate.h: the page-cache state a repetition starts from (DESIGN §2):
 * warm (cached the way a sequential reader caches it: large folios), warm-4k
 * (cached by 4 KiB reads: 4 KiB folios, verified as root) and cold (evicted),
 * set before each repetition, untimed, and verified with mincore(2). */
#ifndef MB_CACHESTATE_H
#define MB_CACHESTATE_H

#include <stddef.h>
#include <stdint.h>

enum mb_cache { MB_CACHE_NA, MB_CACHE_WARM, MB_CACHE_COLD, MB_CACHE_WARM4K };

/* Cold: at most this much of the file may be resident before the timed region. */
#define MB_COLD_MAX_PCT 1.0

const char *mb_cache_name(enum mb_cache c);
int mb_cache_parse(const char *name, enum mb_cache *out);

/* The file the state is set on. own: a mapbench dataset (may be fdatasync'ed
 * before eviction). */
struct mb_cache_target {
	const char *path;
	uint64_t size;
	enum mb_cache cache;
	int own;
	int drop_caches;
};

/* Once per configuration, for the warm states: evict, then fill the way the
 * state says, so the folio sizes are the state's and not a leftover's.
 * Problems are warned about; the per-repetition check decides. */
void mb_cache_prewarm(const struct mb_cache_target *t);

/* Brings the file to the state and checks it with mincore; *pct is the
 * resident share (NAN for n/a or an empty file). 0, -1 with the reason in
 * err, or 1 when the state cannot exist here (cold on tmpfs). */
int mb_cache_set(const struct mb_cache_target *t, double *pct, char *err, size_t errlen);

/* For the warm states: *large_pct, the share of the cached pages in large
 * folios, and *pmd_pct, in folios of 2 MiB or more (NAN when unknown).
 * warm-4k must have none, which can only be verified as root. 0, or -1 with
 * the reason in err. */
int mb_cache_check_folios(const struct mb_cache_target *t, double *large_pct, double *pmd_pct,
			  char *err, size_t errlen);

#endif
