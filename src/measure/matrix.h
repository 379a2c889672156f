/* matrix.h: the cartesian product of a run (file size x block x pattern x
 * cache x threads x consume x advice x method), minus combinations that make
 * no sense or do not apply, each kind reported once. Methods vary fastest, so
 * the methods of one configuration run side by side. */
#ifndef MB_MATRIX_H
#define MB_MATRIX_H

#include <stddef.h>
#include <stdint.h>

#include "method.h"
#include "parse.h"
#include "runner.h"

struct mb_matrix_spec {
	const struct mb_method *methods[MB_LIST_MAX];
	size_t nmethods;
	enum mb_pattern patterns[MB_PATTERN_COUNT];
	size_t npatterns;
	enum mb_cache caches[3];
	size_t ncaches;
	enum mb_advice advices[MB_ADV_COUNT];
	size_t nadvices;
	enum mb_consume consumes[MB_CONSUME_COUNT];
	size_t nconsumes;
	struct mb_u64_list threads;
	struct mb_u64_list qds;     /* queue depths: methods with MB_CAP_QD run each */
	struct mb_u64_list sizes;
	struct mb_u64_list blocks;
	enum mb_target targets[MB_TARGET_COUNT]; /* writes: rewrite, new */
	size_t ntargets;            /* 0: no target dimension (reads, rmw) */
	enum mb_sync syncs[MB_SYNC_COUNT];
	size_t nsyncs;              /* 0: no sync dimension (reads) */
	int method_consume;         /* consumes are the op's default (--consume not
				     * given): a method that does not take it but takes
				     * one mode only runs with that one */
};

struct mb_matrix_item {
	const struct mb_method *method;
	enum mb_pattern pattern;
	enum mb_cache cache;    /* MB_CACHE_NA for methods that read no file */
	enum mb_advice advice;
	enum mb_consume consume;
	int threads;
	unsigned qd;            /* 0 for methods without a queue depth */
	enum mb_target target;  /* MB_TARGET_NA without a target dimension */
	enum mb_sync sync;      /* MB_SYNC_NONE without a sync dimension */
	size_t size_idx;        /* index into spec.sizes */
	size_t config;          /* items of one configuration (all but method, advice,
				 * consume and queue depth equal) share it and are
				 * adjacent: they run together, in interleaved rounds */
	uint64_t block;
};

/* Builds the list. A block larger than the file is skipped, unless no block
 * of the list fits the file (0-byte and tiny files), in which case the smallest
 * block alone runs. Methods without MB_CAP_FILE run once per (size, block,
 * pattern, threads, consume, advice) with no cache state (and, writing no
 * file, no target). An advice or consume mode a method does not take,
 * threads for a method that cannot share its file, or a block other than the
 * page size for a method of one page per operation, is skipped. What was
 * skipped is described in notes, one line per kind ("block 128K for 64K
 * files (larger than the file)", "advice hugepage does not apply to: read",
 * "block 128K does not apply to: fault"), lines joined by '\n', "" when
 * nothing was. 0 or -ENOMEM. */
int mb_matrix_build(const struct mb_matrix_spec *s, struct mb_matrix_item **items, size_t *n,
		    char *notes, size_t noteslen);

#endif
