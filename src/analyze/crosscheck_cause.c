/* crosscheck_cause.c: the likely cause of a ratio mapbench / fio outside
 * 0.9-1.1 (crosscheck.h), told from the pair, the cache state, the pattern,
 * the block size, which way the ratio goes, and the evidence of the line:
 * CPU time per run of each tool, the checksum's cost from the mmap pair, the
 * memory a VM handed back to its host during each run, and for writes the
 * sync call's time and the bytes written back or left dirty. */
#include "crosscheck.h"
#include "parse.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

struct text {
	char *buf;
	size_t len, at;
};

static void say(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->at >= t->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->buf + t->at, t->len - t->at, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->at += (size_t)n;
}

/* "N of M" runs that handed back over MB_XC_REPORTED_MIB, or "none". */
static const char *handed(size_t over, size_t runs, char *buf, size_t len)
{
	if (!runs)
		return "none";
	snprintf(buf, len, "%zu of %zu", over, runs);
	return buf;
}

/* Cold: each tool evicts the file itself and reads it from the device. */
static void cold(struct text *t, const struct mb_xc_table *tb, const struct mb_xc_line *l, int low)
{
	const char *p = l->pair->mb;
	char a[32], b[32], cm[48], cf[48];
	int rand = !strcmp(l->pattern, "rand");

	if (!strcmp(p, "mmap") && rand)
		say(t, "mmap read-around: each fault reads up to read_ahead_kb=%s KiB around it, and how much "
		    "of that later faults hit depends on the order of the random offsets (mapbench's "
		    "permutation, fio's random map): equal bytes, unequal device work; ", tb->ra_kb);
	else if (!strcmp(p, "odirect"))
		;
	else if (rand && low)
		say(t, "fio's random map: when its random pick was read already, fio takes the next unread "
		    "block after it, so more of its reads follow a block already in the cache (measured here "
		    "on 64M at 4K: 64%% against 50%% for a true permutation such as mapbench's), and the kernel "
		    "reads ahead after cached pages as for a sequential stream; rerun with "
		    "--fio-random-generator lfsr (every block once, no map) to compare like orders; ");
	else if (!strcmp(l->pattern, "seq")) {
		say(t, "readahead: both at read_ahead_kb=%s, no fadvise hint on either side; ", tb->ra_kb);
		if (low)
			say(t, "mapbench also checksums each block between reads; ");
	}
	if (l->sys_mb.ok)
		say(t, "system CPU a run: mapbench %s ms, fio %s ms; ", mb_xc_fmt(l->sys_mb.v, 1, a, sizeof(a)),
		    mb_xc_fmt(l->sys_fio.v, 1, b, sizeof(b)));
	if (l->handed_mb || l->handed_fio) {
		say(t, "this VM hands freed memory back to its host (virtio-balloon free page reporting), and a "
		    "cold read that must take it back faults every page in from the host, several times "
		    "slower, with the time in the kernel's copy (perf: _copy_to_iter); per run, MiB/s (MiB "
		    "handed back during it): mapbench %s; fio %s; ",
		    l->runs_mb ? l->runs_mb : "none handed back", l->runs_fio ? l->runs_fio : "none handed back");
		say(t, "runs that handed back over %d MiB: mapbench %s, fio %s (each tool evicts the file itself "
		    "just before it reads; the longer the gap, the more memory goes); ", MB_XC_REPORTED_MIB,
		    handed(l->handed_mb, l->nruns_mb, cm, sizeof(cm)),
		    handed(l->handed_fio, l->nruns_fio, cf, sizeof(cf)));
	} else if (l->sys_mb.ok) {
		double hi = l->sys_mb.v > l->sys_fio.v ? l->sys_mb.v : l->sys_fio.v;
		double lo = l->sys_mb.v > l->sys_fio.v ? l->sys_fio.v : l->sys_mb.v;

		if (hi > 2 * (lo + 1))
			say(t, "one side spent several times the system time for the same bytes: cold reads here "
			    "now and then run slow in the kernel's copy out of fresh page-cache pages (perf: "
			    "_copy_to_iter), whichever tool runs; ");
	}
	say(t, "device variance: cold runs read a shared virtual disk whose speed moves from run to run");
	if (!strcmp(p, "odirect"))
		say(t, " (O_DIRECT on both sides: same block size, page-aligned buffers)");
}

/* Mapbench slower: its checksum, unless it used no more user CPU than fio. */
static void warm_low(struct text *t, const struct mb_xc_line *l)
{
	char um[32], uf[32], x[32], y[32];

	if (l->user_mb.ok) {
		mb_xc_fmt(l->user_mb.v, 1, um, sizeof(um));
		mb_xc_fmt(l->user_fio.v, 1, uf, sizeof(uf));
	}
	if (l->user_mb.ok && l->user_mb.v <= l->user_fio.v) {
		say(t, "not mapbench's checksum: it used no more user CPU than fio (%s ms a run against %s ms); "
		    "look at the CI (noise) and at the system time of the rows", um, uf);
		return;
	}
	say(t, "mapbench checksums every byte it reads");
	if (!strcmp(l->pair->mb, "mmap"))
		say(t, " (the copy, after the memcpy out of the mapping that fio's mmap engine does too)");
	say(t, " and fio never reads its buffer");
	if (l->user_mb.ok)
		say(t, ": user CPU a run, mapbench %s ms, fio %s ms", um, uf);
	if (l->adj_user.ok)
		say(t, "; with that difference taken off mapbench's time the ratio would be ~%s (a rough figure: "
		    "per-repetition user and system times are tick-sampled and can add up to more than the "
		    "wall time)", mb_xc_fmt(l->adj_user.v, 2, x, sizeof(x)));
	if (l->adj_csum.ok)
		say(t, "; the checksum's cost estimated from the mmap pair of this configuration (mapbench's "
		    "mmap copy minus fio's mmap: the same memcpy, plus the checksum) is %s ms a run, and "
		    "without it the ratio would be ~%s", mb_xc_fmt(l->csum.v, 1, x, sizeof(x)),
		    mb_xc_fmt(l->adj_csum.v, 2, y, sizeof(y)));
}

/* Warm: both read from the page cache. */
static void warm(struct text *t, const struct mb_xc_line *l, int low)
{
	char um[32], uf[32], bs[32];

	if (low)
		warm_low(t, l);
	else if (l->block <= 16384) {
		say(t, "fio's per-I/O overhead: its own accounting per operation (clock reads, latency "
		    "histograms, io_u queueing)");
		if (!strcmp(l->pair->mb, "uring"))
			say(t, ", and at iodepth 1 its io_uring engine submits and reaps each I/O in separate steps");
		say(t, ", which weighs more than a %s copy from the page cache", mb_fmt_size(l->block, bs, sizeof(bs)));
		if (l->user_mb.ok)
			say(t, " (user CPU a run: mapbench %s ms, fio %s ms)", mb_xc_fmt(l->user_mb.v, 1, um, sizeof(um)),
			    mb_xc_fmt(l->user_fio.v, 1, uf, sizeof(uf)));
	} else
		say(t, "fio's per-I/O overhead or its buffers (page-aligned here: --iomem_align); fio's runtime "
		    "is whole ms rounded up (see fio/*.json)");
	if (!strcmp(l->pair->mb, "mmap"))
		say(t, "; fio's mmap engine memcpy's every block out of the mapping, as mapbench --consume copy "
		    "does, so these two should otherwise agree");
}

/* MiB cleaned (written back) during a run: the bytes written less the
 * change of the pages left dirty (system-wide, so a rough figure). */
static double cleaned(const struct mb_xc_line *l, struct mb_xc_num dirty)
{
	double c = (double)l->file / 1048576 - dirty.v;

	return c > 0 ? c : 0;
}

/* Writes with no sync call: write-back during the run, the copy's source,
 * fio's per-I/O cost. */
static void write_unsynced(struct text *t, const struct mb_xc_line *l, int low)
{
	char a[32], b[32], bs[32];
	double tenth = (double)l->file / 1048576 / 10;
	int dirty = l->dirty_mb.ok && l->dirty_fio.ok;

	if ((dirty && (cleaned(l, l->dirty_mb) > tenth || cleaned(l, l->dirty_fio) > tenth)) ||
	    (l->wb_mb.ok && l->wb_mb.v > 0) || (l->wb_fio.ok && l->wb_fio.v > 0)) {
		say(t, "dirty-page write-back during the run: the kernel's flusher wrote back dirty pages (past "
		    "dirty_background_bytes or dirty_expire_centisecs, whichever run made them)");
		if (dirty)
			say(t, "; the bytes written less the pages left dirty (nr_dirty, system-wide), a run: "
			    "mapbench %s MiB, fio %s MiB", mb_xc_fmt(cleaned(l, l->dirty_mb), 1, a, sizeof(a)),
			    mb_xc_fmt(cleaned(l, l->dirty_fio), 1, b, sizeof(b)));
		if (l->wb_mb.ok && l->wb_fio.ok)
			say(t, "; under write-back at the end, mapbench %s MiB, fio %s MiB",
			    mb_xc_fmt(l->wb_mb.v, 1, a, sizeof(a)), mb_xc_fmt(l->wb_fio.v, 1, b, sizeof(b)));
		say(t, "; ");
	}
	if (low) {
		say(t, "the copy's source: mapbench writes the dataset's bytes from a file-sized copy in memory, "
		    "so every byte it writes is read from DRAM first, while fio writes one block-sized buffer "
		    "over and over, which stays in the CPU cache");
		if (l->user_mb.ok)
			say(t, " (user CPU a run: mapbench %s ms, fio %s ms)", mb_xc_fmt(l->user_mb.v, 1, a, sizeof(a)),
			    mb_xc_fmt(l->user_fio.v, 1, b, sizeof(b)));
	} else if (l->block <= 16384)
		say(t, "fio's per-I/O overhead: its own accounting per operation (clock reads, latency "
		    "histograms, io_u queueing), which weighs more than a %s copy into the page cache",
		    mb_fmt_size(l->block, bs, sizeof(bs)));
	else
		say(t, "fio's per-I/O overhead or its buffers (page-aligned here: --iomem_align); fio's runtime "
		    "is whole ms rounded up (see fio/*.json)");
}

/* Writes that end in a sync call: its share of mapbench's time. */
static void write_synced(struct text *t, const struct mb_xc_line *l)
{
	char a[32], b[32], c[32];

	say(t, "the %s at the end: it writes the whole file's dirty pages to the device, a shared virtual "
	    "disk whose write speed moves from run to run", l->sync);
	if (l->sync_mb.ok && !isnan(l->total_mb) && l->total_mb > 0) {
		double share = l->sync_mb.v / l->total_mb * 100;

		say(t, "; mapbench's %s took %s ms of its %s ms a run (%s%%)%s", l->sync,
		    mb_xc_fmt(l->sync_mb.v, 1, a, sizeof(a)), mb_xc_fmt(l->total_mb, 1, b, sizeof(b)),
		    mb_xc_fmt(share, 0, c, sizeof(c)), share > 50 ? ", so the ratio mostly compares two write-backs" : "");
	}
	say(t, "; fio's --end_fsync=1 %s is inside its runtime too, but fio reports no time for it",
	    !strcmp(l->pair->mb, "mmap") ? "(on its mmap engine an msync(MS_SYNC) of the whole mapping, the call "
					   "mapbench's msync makes)" : "(fsync(2), as mapbench's fsync)");
	if (l->wb_mb.ok && l->wb_fio.ok && (l->wb_mb.v > 0 || l->wb_fio.v > 0))
		say(t, "; still under write-back at the end, mapbench %s MiB, fio %s MiB",
		    mb_xc_fmt(l->wb_mb.v, 1, a, sizeof(a)), mb_xc_fmt(l->wb_fio.v, 1, b, sizeof(b)));
}

/* Writes: each tool writes the file's size into a scratch file of its own. */
static void write_side(struct text *t, const struct mb_xc_line *l, int low)
{
	if (*l->sync && strcmp(l->sync, "none"))
		write_synced(t, l);
	else
		write_unsynced(t, l, low);
	if (!strcmp(l->pair->mb, "mmap"))
		say(t, "; both store into a MAP_SHARED mapping of the cached file, with a write fault per page at "
		    "its first store, and mapbench's total also holds its mmap(2) and munmap(2)");
	say(t, "; fio writes its own bytes (random, scrambled per write), mapbench the dataset's, verified "
	    "after its clock stops");
}

void mb_xc_cause(const struct mb_xc_table *tb, const struct mb_xc_line *l, char *buf, size_t len)
{
	struct text t = {buf, len, 0};
	int low = l->ratio < 1;

	if (len)
		buf[0] = '\0';
	if (!l->significant)
		say(&t, "not significant (noise: see the CI); ");
	if (!strcmp(l->op, "write"))
		write_side(&t, l, low);
	else if (!strcmp(l->cache, "cold"))
		cold(&t, tb, l, low);
	else
		warm(&t, l, low);
}
