/* dataset.c: generating, reusing and verifying dataset files (see dataset.h). */
#include "dataset.h"
#include "checksum.h"
#include "csvio.h"
#include "parse.h"
#include "plan.h"
#include "util.h"

#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (1u << 20)
#define LOCKFILE ".mapbench.lock"

static const char *const manifest_cols[] = {"name", "size_bytes", "seed", "checksum", "generator",
					    "mtime_ns"};
#define NMCOLS (sizeof(manifest_cols) / sizeof(manifest_cols[0]))

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

struct manifest {
	struct mb_csv_table t;
	int have;
};

static int manifest_load(const char *dir, struct manifest *m, char *err, size_t errlen)
{
	char path[PATH_MAX], e2[256];
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
	for (size_t i = 0; i < NMCOLS; i++)
		if (mb_csv_table_col(&m->t, manifest_cols[i]) < 0) {
			snprintf(err, errlen, "%s: no column '%s'; not a mapbench manifest", path,
				 manifest_cols[i]);
			mb_csv_table_free(&m->t);
			return -EINVAL;
		}
	m->have = 1;
	return 0;
}

static const char *mcell(const struct manifest *m, size_t row, const char *col)
{
	return m->t.rows[row][mb_csv_table_col(&m->t, col)];
}

static long manifest_find(const struct manifest *m, const char *name)
{
	for (size_t r = 0; m->have && r < m->t.nrows; r++)
		if (!strcmp(mcell(m, r, "name"), name))
			return (long)r;
	return -1;
}

/* Rewrites the manifest atomically with entry `add` replacing any same-named one. */
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
	for (size_t r = 0; !rc && m->have && r < m->t.nrows; r++) {
		const char *cells[NMCOLS];

		if (!strcmp(mcell(m, r, "name"), add[0]))
			continue;
		for (size_t c = 0; c < NMCOLS; c++)
			cells[c] = mcell(m, r, manifest_cols[c]);
		rc = mb_csv_write_fd(fd, cells, NMCOLS);
	}
	if (!rc)
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

static int generate(const char *tmp, uint64_t size, uint64_t seed, uint64_t *csum, char *err,
		    size_t errlen)
{
	unsigned char *buf = mb_buf_alloc(CHUNK, 0);
	int fd, rc = 0;

	if (!buf) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		rc = -errno;
		snprintf(err, errlen, "open(%s): %s", tmp, strerror(errno));
		goto out_free;
	}
	*csum = 0;
	for (uint64_t off = 0; off < size && !rc; off += CHUNK) {
		size_t n = size - off < CHUNK ? (size_t)(size - off) : CHUNK;

		if (mb_stop_requested) {
			rc = -EINTR;
			break;
		}
		mb_dataset_fill(seed, off, buf, n);
		*csum += mb_csum(off, buf, n);
		rc = write_all(fd, buf, n);
	}
	if (close(fd) && !rc)
		rc = -errno;
	if (rc)
		snprintf(err, errlen, "writing %s: %s", tmp, strerror(-rc));
out_free:
	mb_buf_free(buf, 0);
	return rc;
}

static int lock_dir(const char *dir, char *err, size_t errlen)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, LOCKFILE);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0 || flock(fd, LOCK_EX)) {
		int e = errno;

		snprintf(err, errlen, "locking %s: %s", path, strerror(e));
		if (fd >= 0)
			close(fd);
		return -e;
	}
	return fd;
}

static int make_new(const char *dir, struct mb_dataset *ds, const struct manifest *m, char *err,
		    size_t errlen)
{
	char tmp[PATH_MAX], cells[5][32];
	const char *row[NMCOLS];
	struct stat st;
	int rc;

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
	snprintf(cells[0], 32, "%" PRIu64, ds->size);
	snprintf(cells[1], 32, "%" PRIu64, ds->seed);
	snprintf(cells[2], 32, "%016" PRIx64, ds->checksum);
	snprintf(cells[3], 32, "%" PRIu64, (uint64_t)st.st_mtim.tv_sec * 1000000000u + (uint64_t)st.st_mtim.tv_nsec);
	row[0] = ds->name;
	row[1] = cells[0];
	row[2] = cells[1];
	row[3] = cells[2];
	row[4] = MB_GENERATOR;
	row[5] = cells[3];
	return manifest_save(dir, m, row, err, errlen);
out_unlink:
	unlink(tmp);
	return rc;
}

/* 0 when the file at ds->path is the manifest's entry r, unchanged. */
static int matches_entry(const struct manifest *m, long r, const struct mb_dataset *ds,
			 const struct stat *st)
{
	uint64_t mt = (uint64_t)st->st_mtim.tv_sec * 1000000000u + (uint64_t)st->st_mtim.tv_nsec;

	return r >= 0 && S_ISREG(st->st_mode) && (uint64_t)st->st_size == ds->size &&
	       strtoull(mcell(m, (size_t)r, "size_bytes"), NULL, 10) == ds->size &&
	       strtoull(mcell(m, (size_t)r, "seed"), NULL, 10) == ds->seed &&
	       !strcmp(mcell(m, (size_t)r, "generator"), MB_GENERATOR) &&
	       strtoull(mcell(m, (size_t)r, "mtime_ns"), NULL, 10) == mt;
}

int mb_dataset_ensure(const char *dir, uint64_t size, uint64_t seed, struct mb_dataset *ds,
		      int *made, char *err, size_t errlen)
{
	struct manifest m;
	struct stat st;
	int lock, rc;
	long r;

	memset(ds, 0, sizeof(*ds));
	ds->size = size;
	ds->seed = seed;
	*made = 0;
	mb_dataset_name(size, seed, ds->name, sizeof(ds->name));
	snprintf(ds->path, sizeof(ds->path), "%s/%s", dir, ds->name);
	lock = lock_dir(dir, err, errlen);
	if (lock < 0)
		return lock;
	rc = manifest_load(dir, &m, err, errlen);
	if (rc)
		goto out_unlock;
	r = manifest_find(&m, ds->name);
	if (lstat(ds->path, &st) == 0) {
		if (matches_entry(&m, r, ds, &st)) {
			ds->checksum = strtoull(mcell(&m, (size_t)r, "checksum"), NULL, 16);
			goto out_free;
		}
		snprintf(err, errlen, "%s exists but is %s; refusing to overwrite it (move it away)",
			 ds->path, r < 0 ? "not a mapbench dataset (not in " MB_MANIFEST ")"
					 : "not as mapbench made it (size or mtime changed)");
		rc = -EEXIST;
		goto out_free;
	}
	rc = make_new(dir, ds, &m, err, errlen);
	*made = rc == 0;
out_free:
	if (m.have)
		mb_csv_table_free(&m.t);
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

int mb_dataset_verify(const char *dir, FILE *out, char *err, size_t errlen)
{
	struct manifest m;
	int rc, bad = 0;

	rc = manifest_load(dir, &m, err, errlen);
	if (rc)
		return rc;
	if (!m.have) {
		snprintf(err, errlen, "%s/%s: No such file or directory (no datasets made here)", dir,
			 MB_MANIFEST);
		return -ENOENT;
	}
	for (size_t r = 0; r < m.t.nrows; r++) {
		const char *name = mcell(&m, r, "name");
		uint64_t want = strtoull(mcell(&m, r, "checksum"), NULL, 16);
		uint64_t wsize = strtoull(mcell(&m, r, "size_bytes"), NULL, 10), size = 0, got;
		char path[PATH_MAX], e2[512];

		snprintf(path, sizeof(path), "%s/%s", dir, name);
		if (mb_file_checksum(path, &size, &got, e2, sizeof(e2))) {
			fprintf(out, "BAD %s: %s\n", name, e2);
			bad++;
		} else if (size != wsize) {
			fprintf(out, "BAD %s: %" PRIu64 " bytes, manifest says %" PRIu64 "\n", name, size, wsize);
			bad++;
		} else if (got != want) {
			fprintf(out, "BAD %s: checksum %016" PRIx64 ", manifest says %016" PRIx64 "\n", name,
				got, want);
			bad++;
		} else {
			fprintf(out, "ok  %s (%" PRIu64 " bytes, checksum %016" PRIx64 ")\n", name, size, got);
		}
	}
	mb_csv_table_free(&m.t);
	return bad;
}
