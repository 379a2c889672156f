/* dataset.c: generating, reusing and verifying dataset files (see dataset.h). */
#include "dataset.h"
#include "checksum.h"
#include "csvio.h"
#include "parse.h"
#include "offsets.h"
#include "util.h"

#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#define CHUNK (1u << 20)
#define LOCKFILE ".mapbench.lock"

/* The manifest's columns, in file order. checksum_alg came last, later: a
 * manifest without it holds MB_CHECKSUM_ALG_V1 checksums. */
enum mcol { MC_NAME, MC_SIZE, MC_SEED, MC_CSUM, MC_GEN, MC_MTIME, MC_ALG, NMCOLS };
static const char *const manifest_cols[NMCOLS] = {
	"name", "size_bytes", "seed", "checksum", "generator", "mtime_ns", "checksum_alg",
};

void mb_dataset_name(uint64_t size, uint64_t seed, char *buf, size_t len)
{
	char sz[32];

	snprintf(buf, len, "mb-%s-s%" PRIu64 ".dat", mb_fmt_size(size, sz, sizeof(sz)), seed);
}

static inline uint64_t word_at(uint64_t seed, uint64_t idx)
{
	uint64_t st = seed * 0xd1342543de82ef95ull + idx * 0x9e3779b97f4a7c15ull;

	return htole64(mb_splitmix64(&st)); /* little-endian bytes on every host */
}

void mb_dataset_fill(uint64_t seed, uint64_t off, void *buf, size_t len)
{
	unsigned char *p = buf;

	while (len) {
		uint64_t w = word_at(seed, off / 8);
		unsigned skip = (unsigned)(off % 8), n = 8 - skip;

		if (n > len)
			n = (unsigned)len;
		if (!skip && n == 8) {
			/* whole words: the fast path */
			size_t words = len / 8;

			for (size_t i = 0; i < words; i++) {
				uint64_t v = word_at(seed, off / 8 + i);

				memcpy(p + 8 * i, &v, 8);
			}
			p += words * 8;
			off += words * 8;
			len -= words * 8;
			continue;
		}
		memcpy(p, (unsigned char *)&w + skip, n);
		p += n;
		off += n;
		len -= n;
	}
}

int mb_dataset_dir(const char *dir, char *err, size_t errlen)
{
	struct stat st;

	if (stat(dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			snprintf(err, errlen, "--dir %s: Not a directory", dir);
			return -ENOTDIR;
		}
		return 0;
	}
	if (errno != ENOENT || mkdir(dir, 0755)) {
		int e = errno;

		snprintf(err, errlen, "--dir %s: %s", dir, strerror(e));
		return -e;
	}
	return 0;
}

/* --- manifest ------------------------------------------------------------ */

/* One row: cells point into the loaded table, or at constants and csum. */
struct mentry {
	const char *cell[NMCOLS];
	char csum[17]; /* a recomputed checksum */
};

struct manifest {
	struct mb_csv_table t;
	struct mentry *e;
	int have;
};

static void manifest_free(struct manifest *m)
{
	if (!m->have)
		return;
	mb_csv_table_free(&m->t);
	free(m->e);
	m->have = 0;
}

static int manifest_load(const char *dir, struct manifest *m, char *err, size_t errlen)
{
	char path[PATH_MAX], e2[256];
	long col[NMCOLS];
	int rc;

	memset(m, 0, sizeof(*m));
	snprintf(path, sizeof(path), "%s/%s", dir, MB_MANIFEST);
	if (access(path, F_OK))
		return 0;
	rc = mb_csv_table_load(path, &m->t, e2, sizeof(e2));
	if (rc) {
		snprintf(err, errlen, "%s: %s", path, e2);
		return rc;
	}
	for (size_t c = 0; c < NMCOLS; c++) {
		col[c] = mb_csv_table_col(&m->t, manifest_cols[c]);
		if (col[c] < 0 && c != MC_ALG) {
			snprintf(err, errlen, "%s: no column '%s'; not a mapbench manifest", path,
				 manifest_cols[c]);
			mb_csv_table_free(&m->t);
			return -EINVAL;
		}
	}
	m->e = calloc(m->t.nrows ? m->t.nrows : 1, sizeof(*m->e));
	if (!m->e) {
		snprintf(err, errlen, "%s: %s", path, strerror(ENOMEM));
		mb_csv_table_free(&m->t);
		return -ENOMEM;
	}
	for (size_t r = 0; r < m->t.nrows; r++)
		for (size_t c = 0; c < NMCOLS; c++)
			m->e[r].cell[c] = col[c] >= 0 ? m->t.rows[r][col[c]] : MB_CHECKSUM_ALG_V1;
	m->have = 1;
	return 0;
}

static const char *mcell(const struct manifest *m, size_t row, enum mcol col)
{
	return m->e[row].cell[col];
}

static uint64_t mnum(const struct manifest *m, size_t row, enum mcol col)
{
	return strtoull(mcell(m, row, col), NULL, col == MC_CSUM ? 16 : 10);
}

/* Row r's checksum is of this mapbench's checksum function. */
static int current_alg(const struct manifest *m, size_t r)
{
	return !strcmp(mcell(m, r, MC_ALG), MB_CHECKSUM_ALG);
}

static long manifest_find(const struct manifest *m, const char *name)
{
	for (size_t r = 0; m->have && r < m->t.nrows; r++)
		if (!strcmp(mcell(m, r, MC_NAME), name))
			return (long)r;
	return -1;
}

/* Rewrites the manifest atomically, with entry `add` (when not NULL)
 * replacing any same-named one. */
static int manifest_save(const char *dir, const struct manifest *m, const char *const *add,
			 char *err, size_t errlen)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	int fd, rc;

	snprintf(path, sizeof(path), "%s/%s", dir, MB_MANIFEST);
	snprintf(tmp, sizeof(tmp), "%s/.%s.%d.tmp", dir, MB_MANIFEST, (int)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		rc = -errno;
		snprintf(err, errlen, "open(%s): %s", tmp, strerror(errno));
		return rc;
	}
	rc = mb_csv_write_fd(fd, manifest_cols, NMCOLS);
	for (size_t r = 0; !rc && m->have && r < m->t.nrows; r++)
		if (!add || strcmp(mcell(m, r, MC_NAME), add[MC_NAME]))
			rc = mb_csv_write_fd(fd, m->e[r].cell, NMCOLS);
	if (!rc && add)
		rc = mb_csv_write_fd(fd, add, NMCOLS);
	if (close(fd) && !rc)
		rc = -errno;
	if (!rc && rename(tmp, path))
		rc = -errno;
	if (rc) {
		snprintf(err, errlen, "writing %s: %s", path, strerror(-rc));
		unlink(tmp);
	}
	return rc;
}

/* --- generation ---------------------------------------------------------- */

static int write_all(int fd, const void *p, size_t len)
{
	while (len) {
		ssize_t w = write(fd, p, len);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p = (const char *)p + w;
		len -= (size_t)w;
	}
	return 0;
}

/* The content of dataset seed/size, CHUNK bytes at a time: its checksum into
 * *csum and, when fd >= 0, the bytes into fd. 0, -EINTR (mb_stop_requested)
 * or -errno. */
static int gen_chunks(int fd, uint64_t size, uint64_t seed, uint64_t *csum)
{
	unsigned char *buf = mb_buf_alloc(CHUNK, 0);
	int rc = 0;

	if (!buf)
		return -ENOMEM;
	*csum = 0;
	for (uint64_t off = 0; off < size && !rc; off += CHUNK) {
		size_t n = size - off < CHUNK ? (size_t)(size - off) : CHUNK;

		if (mb_stop_requested) {
			rc = -EINTR;
			break;
		}
		mb_dataset_fill(seed, off, buf, n);
		*csum += mb_csum(off, buf, n);
		if (fd >= 0)
			rc = write_all(fd, buf, n);
	}
	mb_buf_free(buf, 0);
	return rc;
}

static int generate(const char *tmp, uint64_t size, uint64_t seed, uint64_t *csum, char *err,
		    size_t errlen)
{
	int fd, rc;

	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		rc = -errno;
		snprintf(err, errlen, "open(%s): %s", tmp, strerror(errno));
		return rc;
	}
	rc = gen_chunks(fd, size, seed, csum);
	if (close(fd) && !rc)
		rc = -errno;
	if (rc)
		snprintf(err, errlen, "writing %s: %s", tmp, strerror(-rc));
	return rc;
}

/* The directory's lock: exclusive, on LOCKFILE. Where that file cannot be
 * made or opened for writing (a read-only mount, a folder the user may not
 * write), a shared lock of LOCKFILE opened read-only, or of the folder
 * itself, and *ro = 1: datasets there can then be used, never made. The
 * lock's fd, or -errno with err set. */
static int lock_dir(const char *dir, int *ro, char *err, size_t errlen)
{
	char path[PATH_MAX];
	int fd;

	*ro = 0;
	snprintf(path, sizeof(path), "%s/%s", dir, LOCKFILE);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0 && (errno == EROFS || errno == EACCES || errno == EPERM)) {
		*ro = 1;
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	}
	if (fd < 0 || flock(fd, *ro ? LOCK_SH : LOCK_EX)) {
		int e = errno;

		snprintf(err, errlen, "locking %s: %s", path, strerror(e));
		if (fd >= 0)
			close(fd);
		return -e;
	}
	return fd;
}

/* 0 when dir's filesystem has room for the dataset, else -ENOSPC and a
 * reason: a size no disk there can hold (--size 8T) is refused at once
 * instead of after writing until the disk is full. */
static int room_for(const char *dir, const struct mb_dataset *ds, char *err, size_t errlen)
{
	struct statvfs vfs;
	uint64_t avail;

	if (statvfs(dir, &vfs))
		return 0; /* generate() says what is wrong with dir */
	avail = (uint64_t)vfs.f_bavail * (uint64_t)vfs.f_frsize;
	if (ds->size <= avail)
		return 0;
	snprintf(err, errlen, "%s needs %" PRIu64 " bytes; %s has %" PRIu64 " bytes free", ds->name,
		 ds->size, dir, avail);
	return -ENOSPC;
}

/* Removes the partial files (.<name>.<pid>.tmp) that processes which no
 * longer run left in dir (killed while making a dataset or a manifest);
 * those of running processes stay. Under the directory's lock. */
static void remove_stale_temps(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d))) {
		const char *n = e->d_name, *dot;
		size_t len = strlen(n);
		char *end;
		long pid;

		if (len < 8 || strcmp(n + len - 4, ".tmp") ||
		    (strncmp(n, ".mb-", 4) && strncmp(n, "." MB_MANIFEST ".", strlen(MB_MANIFEST) + 2)))
			continue;
		for (dot = n + len - 5; dot > n && *dot != '.'; dot--)
			;
		pid = strtol(dot + 1, &end, 10);
		if (dot == n || end != n + len - 4 || pid <= 0 || !kill((pid_t)pid, 0) || errno != ESRCH)
			continue;
		if (!unlinkat(dirfd(d), n, 0))
			mb_warn("removed %s/%s, a partial file of process %ld, which no longer runs", dir, n,
				pid);
	}
	if (d)
		closedir(d);
}

/* The manifest row of ds, whose file st describes; cells holds its numbers. */
static void entry_row(const struct mb_dataset *ds, const struct stat *st, char cells[4][32],
		      const char *row[NMCOLS])
{
	snprintf(cells[0], 32, "%" PRIu64, ds->size);
	snprintf(cells[1], 32, "%" PRIu64, ds->seed);
	snprintf(cells[2], 32, "%016" PRIx64, ds->checksum);
	snprintf(cells[3], 32, "%" PRIu64, (uint64_t)st->st_mtim.tv_sec * 1000000000u +
		 (uint64_t)st->st_mtim.tv_nsec);
	row[MC_NAME] = ds->name;
	row[MC_SIZE] = cells[0];
	row[MC_SEED] = cells[1];
	row[MC_CSUM] = cells[2];
	row[MC_GEN] = MB_GENERATOR;
	row[MC_MTIME] = cells[3];
	row[MC_ALG] = MB_CHECKSUM_ALG;
}

static int make_new(const char *dir, struct mb_dataset *ds, const struct manifest *m, char *err,
		    size_t errlen)
{
	char tmp[PATH_MAX], cells[4][32];
	const char *row[NMCOLS];
	struct stat st;
	int rc;

	rc = room_for(dir, ds, err, errlen);
	if (rc)
		return rc;
	snprintf(tmp, sizeof(tmp), "%s/.%s.%d.tmp", dir, ds->name, (int)getpid());
	rc = generate(tmp, ds->size, ds->seed, &ds->checksum, err, errlen);
	if (rc)
		goto out_unlink;
	/* RENAME_NOREPLACE: never clobber a file that appeared meanwhile */
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, ds->path, RENAME_NOREPLACE) || stat(ds->path, &st)) {
		rc = -errno;
		snprintf(err, errlen, "rename(%s): %s", ds->path, strerror(errno));
		goto out_unlink;
	}
	entry_row(ds, &st, cells, row);
	rc = manifest_save(dir, m, row, err, errlen);
	if (rc) /* made by this call and not listed: it goes, with its space */
		unlink(ds->path);
	return rc;
out_unlink:
	unlink(tmp);
	return rc;
}

/* A file of ds's name that the manifest does not list (a manifest write
 * failed, or a run was killed between making the file and listing it): when
 * its size and content are what the generator makes for ds's size and seed,
 * it is listed again (not written when ro: then used as it is), with a line
 * saying so. 0, -EEXIST with the exact fix in err, or -errno. */
static int relist(const char *dir, struct mb_dataset *ds, const struct manifest *m,
		  const struct stat *st, int ro, char *err, size_t errlen)
{
	char cells[4][32];
	const char *row[NMCOLS];
	uint64_t size = 0, got = 0, want = 0;
	int rc = 0;

	if (S_ISREG(st->st_mode) && (uint64_t)st->st_size == ds->size) {
		rc = mb_file_checksum(ds->path, &size, &got, err, errlen);
		if (!rc)
			rc = gen_chunks(-1, ds->size, ds->seed, &want);
		if (rc == -EINTR || (rc && rc != -EIO))
			return rc;
	}
	if (rc || size != ds->size || got != want) {
		snprintf(err, errlen, "%s exists but is not a mapbench dataset (not in %s/%s, and not what "
			 "the generator makes for %" PRIu64 " bytes and seed %" PRIu64 "); refusing to "
			 "overwrite it: move it away (mv %s %s.old) or delete it, and it is made again",
			 ds->path, dir, MB_MANIFEST, ds->size, ds->seed, ds->path, ds->path);
		return -EEXIST;
	}
	ds->checksum = got;
	if (ro) {
		mb_warn("%s is not listed in %s/%s but is the generator's for its size and seed; used "
			"as it is (the folder is read-only)", ds->path, dir, MB_MANIFEST);
		return 0;
	}
	entry_row(ds, st, cells, row);
	if ((rc = manifest_save(dir, m, row, err, errlen)))
		return rc;
	mb_warn("%s was not listed in %s/%s (a manifest write failed?); its size and content are the "
		"generator's for size %" PRIu64 " and seed %" PRIu64 ", so it is listed again", ds->path,
		dir, MB_MANIFEST, ds->size, ds->seed);
	return 0;
}

/* 1 when the file st describes is still manifest row r's as mapbench made it:
 * a regular file of the row's size and mtime, from this generator. */
static int same_file(const struct manifest *m, size_t r, const struct stat *st)
{
	uint64_t mt = (uint64_t)st->st_mtim.tv_sec * 1000000000u + (uint64_t)st->st_mtim.tv_nsec;

	return S_ISREG(st->st_mode) && (uint64_t)st->st_size == mnum(m, r, MC_SIZE) &&
	       !strcmp(mcell(m, r, MC_GEN), MB_GENERATOR) && mnum(m, r, MC_MTIME) == mt;
}

/* 1 when the file at ds->path is the manifest's entry r, unchanged, and the
 * entry's checksum can be trusted. */
static int matches_entry(const struct manifest *m, long r, const struct mb_dataset *ds,
			 const struct stat *st)
{
	return r >= 0 && same_file(m, (size_t)r, st) && mnum(m, (size_t)r, MC_SIZE) == ds->size &&
	       mnum(m, (size_t)r, MC_SEED) == ds->seed && current_alg(m, (size_t)r);
}

/* The checksum of what the generator makes for row r's seed and size (no
 * I/O). 0, or -errno with err set. */
static int generator_checksum(const struct manifest *m, size_t r, uint64_t *want, char *err,
			      size_t errlen)
{
	int rc = gen_chunks(-1, mnum(m, r, MC_SIZE), mnum(m, r, MC_SEED), want);

	if (rc)
		snprintf(err, errlen, "%s: %s", mcell(m, r, MC_NAME), strerror(-rc));
	return rc;
}

/* A manifest written by an older mapbench holds checksums of an older
 * function (MB_CHECKSUM_ALG_V1), which are never trusted. Each such row whose
 * file is still as mapbench made it is re-verified: the file is read, and if
 * its checksum equals the generator's, the row takes it and MB_CHECKSUM_ALG,
 * and the manifest is rewritten, with one line on stderr. A file whose content
 * is not the generator's gives -EEXIST and err says what to do. Rows whose file
 * is missing or changed stay as they are: their dataset is made again, or
 * refused, as any other. */
static int manifest_renew(const char *dir, struct manifest *m, int ro, char *err, size_t errlen)
{
	size_t renewed = 0, bad = 0, first_bad = 0;
	int rc;

	for (size_t r = 0; m->have && r < m->t.nrows; r++) {
		char path[PATH_MAX];
		uint64_t size, got, want = 0;
		struct stat st;

		if (current_alg(m, r))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, mcell(m, r, MC_NAME));
		if (lstat(path, &st) || !same_file(m, r, &st))
			continue;
		rc = mb_file_checksum(path, &size, &got, err, errlen);
		if (!rc && size == mnum(m, r, MC_SIZE))
			rc = generator_checksum(m, r, &want, err, errlen);
		if (rc)
			return rc;
		if (size != mnum(m, r, MC_SIZE) || got != want) {
			if (!bad++)
				first_bad = r;
			continue;
		}
		snprintf(m->e[r].csum, sizeof(m->e[r].csum), "%016" PRIx64, got);
		m->e[r].cell[MC_CSUM] = m->e[r].csum;
		m->e[r].cell[MC_ALG] = MB_CHECKSUM_ALG;
		renewed++;
	}
	if (renewed && !ro) {
		rc = manifest_save(dir, m, NULL, err, errlen);
		if (rc)
			return rc;
		mb_warn("%s/%s: checksums recomputed with %s for %zu dataset%s", dir, MB_MANIFEST,
			MB_CHECKSUM_ALG, renewed, renewed > 1 ? "s" : "");
	}
	if (bad) {
		snprintf(err, errlen,
			 "%s/%s is not what its generator makes for seed %s, so its %s checksum in %s "
			 "cannot be recomputed with %s%s; move it away or delete it, and it is made again",
			 dir, mcell(m, first_bad, MC_NAME), mcell(m, first_bad, MC_SEED),
			 mcell(m, first_bad, MC_ALG), MB_MANIFEST, MB_CHECKSUM_ALG,
			 bad > 1 ? " (nor those of other datasets there: `mapbench dataset verify` lists them)"
				 : "");
		return -EEXIST;
	}
	return 0;
}

int mb_dataset_ensure(const char *dir, uint64_t size, uint64_t seed, struct mb_dataset *ds,
		      int *made, char *err, size_t errlen)
{
	struct manifest m;
	struct stat st;
	int lock, rc, ro;
	long r;

	memset(ds, 0, sizeof(*ds));
	ds->size = size;
	ds->seed = seed;
	*made = 0;
	mb_dataset_name(size, seed, ds->name, sizeof(ds->name));
	snprintf(ds->path, sizeof(ds->path), "%s/%s", dir, ds->name);
	lock = lock_dir(dir, &ro, err, errlen);
	if (lock < 0)
		return lock;
	if (!ro)
		remove_stale_temps(dir);
	rc = manifest_load(dir, &m, err, errlen);
	if (rc)
		goto out_unlock;
	rc = manifest_renew(dir, &m, ro, err, errlen);
	if (rc)
		goto out_free;
	r = manifest_find(&m, ds->name);
	if (lstat(ds->path, &st) == 0) {
		if (matches_entry(&m, r, ds, &st)) {
			ds->checksum = mnum(&m, (size_t)r, MC_CSUM);
			goto out_free;
		}
		if (r < 0) {
			rc = relist(dir, ds, &m, &st, ro, err, errlen);
			goto out_free;
		}
		snprintf(err, errlen, "%s exists but is not as mapbench made it (size or mtime changed); "
			 "refusing to overwrite it: move it away (mv %s %s.old) or delete it, and it is made "
			 "again", ds->path, ds->path, ds->path);
		rc = -EEXIST;
		goto out_free;
	}
	if (ro) {
		snprintf(err, errlen, "%s is missing and %s cannot be written (read-only); make the "
			 "dataset where it can be (mapbench dataset make --dir DIR --size %" PRIu64
			 " --seed %" PRIu64 ") or measure a folder that holds it", ds->path, dir, ds->size,
			 ds->seed);
		rc = -EROFS;
		goto out_free;
	}
	rc = make_new(dir, ds, &m, err, errlen);
	*made = rc == 0;
out_free:
	manifest_free(&m);
out_unlock:
	close(lock);
	return rc;
}

/* --- verification -------------------------------------------------------- */

uint64_t mb_dataset_touch_checksum(uint64_t seed, uint64_t size)
{
	uint64_t ps = (uint64_t)mb_page_size(), sum = 0;

	for (uint64_t o = 0; o < size; o += ps) {
		unsigned char b;

		mb_dataset_fill(seed, o, &b, 1);
		sum += mb_csum_byte(o, b);
	}
	return sum;
}

int mb_file_checksum(const char *path, uint64_t *size, uint64_t *csum, char *err, size_t errlen)
{
	return mb_file_checksums(path, size, csum, NULL, err, errlen);
}

int mb_file_checksums(const char *path, uint64_t *size, uint64_t *csum, uint64_t *touch, char *err,
		      size_t errlen)
{
	unsigned char *buf = mb_buf_alloc(CHUNK, 0);
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;
	uint64_t off = 0, ps = (uint64_t)mb_page_size();
	ssize_t n;

	*csum = 0;
	if (touch)
		*touch = 0;
	if (fd < 0 || !buf) {
		rc = fd < 0 ? -errno : -ENOMEM;
		snprintf(err, errlen, "%s: %s", path, strerror(-rc));
		goto out;
	}
	while ((n = read(fd, buf, CHUNK)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = -errno;
			snprintf(err, errlen, "read(%s): %s", path, strerror(errno));
			goto out;
		}
		*csum += mb_csum(off, buf, (size_t)n);
		if (touch) /* the pages whose first byte is in this piece */
			for (uint64_t o = (off + ps - 1) / ps * ps; o < off + (uint64_t)n; o += ps)
				*touch += mb_csum_byte(o, buf[o - off]);
		off += (uint64_t)n;
	}
	*size = off;
out:
	if (fd >= 0)
		close(fd);
	mb_buf_free(buf, 0);
	return rc;
}

/* One manifest row: 0 (ok) or 1 (bad), one line to out. A row whose checksum
 * is of an older function is checked against the generator instead. */
static int verify_row(const char *dir, const struct manifest *m, size_t r, FILE *out)
{
	const char *name = mcell(m, r, MC_NAME), *alg = mcell(m, r, MC_ALG);
	uint64_t wsize = mnum(m, r, MC_SIZE), want = mnum(m, r, MC_CSUM), size = 0, got;
	char path[PATH_MAX], e2[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (mb_file_checksum(path, &size, &got, e2, sizeof(e2))) {
		fprintf(out, "BAD %s: %s\n", name, e2);
		return 1;
	}
	if (size != wsize) {
		fprintf(out, "BAD %s: %" PRIu64 " bytes, manifest says %" PRIu64 "\n", name, size, wsize);
		return 1;
	}
	if (current_alg(m, r)) {
		if (got != want) {
			fprintf(out, "BAD %s: checksum %016" PRIx64 ", manifest says %016" PRIx64 "\n",
				name, got, want);
			return 1;
		}
		fprintf(out, "ok  %s (%" PRIu64 " bytes, checksum %016" PRIx64 ")\n", name, size, got);
		return 0;
	}
	if (strcmp(mcell(m, r, MC_GEN), MB_GENERATOR)) {
		fprintf(out, "BAD %s: manifest's checksum is %s and generator %s, neither known here\n",
			name, alg, mcell(m, r, MC_GEN));
		return 1;
	}
	if (generator_checksum(m, r, &want, e2, sizeof(e2))) {
		fprintf(out, "BAD %s: %s\n", name, e2);
		return 1;
	}
	if (got != want) {
		fprintf(out, "BAD %s: checksum %016" PRIx64 ", its generator gives %016" PRIx64
			" (manifest's checksum is %s)\n", name, got, want, alg);
		return 1;
	}
	fprintf(out, "ok  %s (%" PRIu64 " bytes, checksum %016" PRIx64 ", as its generator gives; "
		"manifest's checksum is %s)\n", name, size, got, alg);
	return 0;
}

int mb_dataset_verify(const char *dir, FILE *out, char *err, size_t errlen)
{
	struct manifest m;
	int rc, bad = 0, stale = 0;
	size_t first_stale = 0;

	rc = manifest_load(dir, &m, err, errlen);
	if (rc)
		return rc;
	if (!m.have) {
		snprintf(err, errlen, "%s/%s: No such file or directory (no datasets made here)", dir,
			 MB_MANIFEST);
		return -ENOENT;
	}
	for (size_t r = 0; r < m.t.nrows; r++) {
		bad += verify_row(dir, &m, r, out);
		if (!current_alg(&m, r) && !stale++)
			first_stale = r;
	}
	if (stale)
		fprintf(out,
			"note: %s/%s holds checksums of an older mapbench for %d dataset%s, checked against "
			"the generator instead; `mapbench dataset make --dir %s --size %s --seed %s`, or any "
			"`mapbench run --dir %s`, recomputes them with %s\n",
			dir, MB_MANIFEST, stale, stale > 1 ? "s" : "", dir, mcell(&m, first_stale, MC_SIZE),
			mcell(&m, first_stale, MC_SEED), dir, MB_CHECKSUM_ALG);
	manifest_free(&m);
	return bad;
}

static volatile uint64_t manifest_check_sink;

int mb_dataset_manifest_check(const char *dir, size_t *rows, char *err, size_t errlen)
{
	struct manifest m;
	uint64_t sum = 0;
	int rc;

	*rows = 0;
	rc = manifest_load(dir, &m, err, errlen);
	if (rc || !m.have)
		return rc;
	for (size_t r = 0; r < m.t.nrows; r++) {
		sum += mnum(&m, r, MC_SIZE) + mnum(&m, r, MC_SEED) + mnum(&m, r, MC_CSUM);
		sum += (uint64_t)current_alg(&m, r);
		sum += (uint64_t)manifest_find(&m, mcell(&m, r, MC_NAME));
	}
	manifest_check_sink = sum; /* the numbers are read, not used */
	*rows = m.t.nrows;
	manifest_free(&m);
	return 0;
}
