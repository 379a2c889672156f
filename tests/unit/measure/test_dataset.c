/* test_dataset.c: dataset files of src/measure/dataset.c: made once with the right
 * size and checksum and reused after, deterministic content per seed,
 * mb_dataset_fill at any offset, foreign or modified files refused and left
 * intact, mb_dataset_verify on good and bad directories, mb_dataset_dir, the
 * touch checksum, and manifests of an older mapbench (no checksum_alg, mbsum-v1
 * checksums): renewed from the file when it is the generator's, never trusted
 * when it is not. */
#include "unit.h"

#include "checksum.h"
#include "csvio.h"
#include "dataset.h"

#include <sys/time.h>

#define K 1024ull
#define M (1024ull * K)
#define ODD_SIZE (M + 4099) /* two generation chunks, the last one not word aligned */

/* A fresh empty subdirectory of ut_tmpdir() for one test. */
static void subdir(char *buf, size_t len, const char *name)
{
	char err[256] = "";

	ut_tmp_path(buf, len, name);
	if (mb_dataset_dir(buf, err, sizeof(err)))
		fail_msg("%s", err);
}

static uint64_t file_size(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return (uint64_t)st.st_size;
}

static void ensure_ok(const char *dir, uint64_t size, uint64_t seed, struct mb_dataset *ds, int *made)
{
	char err[512] = "";

	if (mb_dataset_ensure(dir, size, seed, ds, made, err, sizeof(err)))
		fail_msg("ensure(%s, %llu, %llu): %s", dir, (unsigned long long)size,
			 (unsigned long long)seed, err);
}

static void names(void **state)
{
	char buf[64];

	(void)state;
	mb_dataset_name(M, 1, buf, sizeof(buf));
	assert_string_equal(buf, "mb-1M-s1.dat");
	mb_dataset_name(1048699, 1, buf, sizeof(buf));
	assert_string_equal(buf, "mb-1048699-s1.dat");
	mb_dataset_name(4 * K * M, 42, buf, sizeof(buf));
	assert_string_equal(buf, "mb-4G-s42.dat");
	mb_dataset_name(0, 0, buf, sizeof(buf));
	assert_string_equal(buf, "mb-0-s0.dat");
}

static void make_then_reuse(void **state)
{
	char dir[PATH_MAX], err[256] = "", want_path[PATH_MAX + 64], *manifest;
	struct mb_dataset ds, again;
	uint64_t size = 0, csum = 1, fill_csum;
	unsigned char *content = malloc(ODD_SIZE);
	struct stat st1, st2;
	int made = -1;

	(void)state;
	assert_non_null(content);
	subdir(dir, sizeof(dir), "reuse");
	ensure_ok(dir, ODD_SIZE, 3, &ds, &made);
	assert_int_equal(made, 1);
	snprintf(want_path, sizeof(want_path), "%s/mb-%llu-s3.dat", dir, (unsigned long long)ODD_SIZE);
	assert_string_equal(ds.path, want_path);
	assert_int_equal(ds.size, ODD_SIZE);
	assert_int_equal(ds.seed, 3);
	assert_int_equal(file_size(ds.path), ODD_SIZE);
	/* the recorded checksum is the file's, and the checksum of the generator's bytes */
	assert_int_equal(mb_file_checksum(ds.path, &size, &csum, err, sizeof(err)), 0);
	assert_int_equal(size, ODD_SIZE);
	assert_int_equal(csum, ds.checksum);
	mb_dataset_fill(3, 0, content, ODD_SIZE);
	fill_csum = mb_csum(0, content, ODD_SIZE);
	assert_int_equal(fill_csum, ds.checksum);
	manifest = ut_read_file(strcat(strcpy(want_path, dir), "/" MB_MANIFEST), NULL);
	assert_contains(manifest, "name,size_bytes,seed,checksum,generator,mtime_ns,checksum_alg\n");
	assert_contains(manifest, ds.name);
	assert_contains(manifest, "," MB_GENERATOR ",");
	assert_contains(manifest, "," MB_CHECKSUM_ALG "\n");
	free(manifest);

	assert_int_equal(stat(ds.path, &st1), 0);
	ensure_ok(dir, ODD_SIZE, 3, &again, &made);
	assert_int_equal(made, 0);
	assert_int_equal(again.checksum, ds.checksum);
	assert_string_equal(again.path, ds.path);
	assert_int_equal(stat(ds.path, &st2), 0);
	assert_int_equal(st1.st_ino, st2.st_ino); /* the same file, not remade */
	assert_int_equal(st1.st_mtim.tv_nsec, st2.st_mtim.tv_nsec);
	free(content);
}

/* consume=touch: the first byte of every page. The generator's touch checksum
 * (no I/O), the one read from the file and mb_csum_byte over the generator's
 * bytes agree, and they differ from the whole-file checksum. */
static void touch_checksums_agree(void **state)
{
	char dir[PATH_MAX], err[256] = "";
	uint64_t ps = (uint64_t)sysconf(_SC_PAGESIZE), size, csum, touch, bytes = 0;
	struct mb_dataset ds;
	int made;

	(void)state;
	subdir(dir, sizeof(dir), "touch");
	ensure_ok(dir, ODD_SIZE, 6, &ds, &made);
	assert_int_equal(mb_file_checksums(ds.path, &size, &csum, &touch, err, sizeof(err)), 0);
	assert_int_equal(size, ODD_SIZE);
	assert_int_equal(csum, ds.checksum);
	for (uint64_t o = 0; o < ODD_SIZE; o += ps) {
		unsigned char b;

		mb_dataset_fill(6, o, &b, 1);
		bytes += mb_csum_byte(o, b);
	}
	assert_int_equal(touch, bytes);
	assert_int_equal(mb_dataset_touch_checksum(6, ODD_SIZE), touch);
	assert_int_not_equal(touch, csum);
	/* a page whose first byte is 0 still counts */
	assert_int_not_equal(mb_csum_byte(ps, 0), 0);
}

/* Several datasets in one manifest: each keeps its entry. */
static void several_in_one_dir(void **state)
{
	char dir[PATH_MAX];
	struct mb_dataset a, b, c, a2, b2;
	int made;

	(void)state;
	subdir(dir, sizeof(dir), "several");
	ensure_ok(dir, 64 * K, 1, &a, &made);
	assert_int_equal(made, 1);
	ensure_ok(dir, 64 * K, 2, &b, &made);
	assert_int_equal(made, 1);
	ensure_ok(dir, 4 * K + 1, 1, &c, &made);
	assert_int_equal(made, 1);
	ensure_ok(dir, 64 * K, 1, &a2, &made);
	assert_int_equal(made, 0);
	assert_int_equal(a2.checksum, a.checksum);
	ensure_ok(dir, 64 * K, 2, &b2, &made);
	assert_int_equal(made, 0);
	assert_int_equal(b2.checksum, b.checksum);
	assert_int_not_equal(a.checksum, b.checksum);
	assert_int_equal(file_size(c.path), 4 * K + 1);
}

/* A dataset deleted by the user is made again, under the same manifest entry. */
static void deleted_dataset_remade(void **state)
{
	char dir[PATH_MAX], *manifest;
	struct mb_dataset ds, again;
	int made;

	(void)state;
	subdir(dir, sizeof(dir), "remade");
	ensure_ok(dir, 64 * K, 4, &ds, &made);
	assert_int_equal(made, 1);
	assert_int_equal(unlink(ds.path), 0);
	ensure_ok(dir, 64 * K, 4, &again, &made);
	assert_int_equal(made, 1);
	assert_int_equal(again.checksum, ds.checksum);
	ensure_ok(dir, 64 * K, 4, &again, &made);
	assert_int_equal(made, 0);
	manifest = ut_read_file(strcat(dir, "/" MB_MANIFEST), NULL);
	/* one entry, not two */
	assert_non_null(strstr(manifest, ds.name));
	assert_null(strstr(strstr(manifest, ds.name) + 1, ds.name));
	free(manifest);
}

static void empty_dataset(void **state)
{
	char dir[PATH_MAX];
	struct mb_dataset ds;
	int made;

	(void)state;
	subdir(dir, sizeof(dir), "empty");
	ensure_ok(dir, 0, 9, &ds, &made);
	assert_int_equal(made, 1);
	assert_int_equal(ds.checksum, 0);
	assert_int_equal(file_size(ds.path), 0);
	ensure_ok(dir, 0, 9, &ds, &made);
	assert_int_equal(made, 0);
}

static void deterministic_per_seed(void **state)
{
	char d1[PATH_MAX], d2[PATH_MAX], d3[PATH_MAX], *b1, *b2, *b3;
	struct mb_dataset x, y, z;
	size_t l1, l2, l3;
	int made;

	(void)state;
	subdir(d1, sizeof(d1), "det1");
	subdir(d2, sizeof(d2), "det2");
	subdir(d3, sizeof(d3), "det3");
	ensure_ok(d1, ODD_SIZE, 77, &x, &made);
	ensure_ok(d2, ODD_SIZE, 77, &y, &made);
	ensure_ok(d3, ODD_SIZE, 78, &z, &made);
	b1 = ut_read_file(x.path, &l1);
	b2 = ut_read_file(y.path, &l2);
	b3 = ut_read_file(z.path, &l3);
	assert_int_equal(l1, ODD_SIZE);
	assert_int_equal(l2, ODD_SIZE);
	assert_int_equal(l3, ODD_SIZE);
	assert_memory_equal(b1, b2, l1);
	assert_int_equal(x.checksum, y.checksum);
	assert_int_not_equal(x.checksum, z.checksum);
	/* another seed differs everywhere, not in one spot */
	for (size_t off = 0; off + 4096 <= l1; off += 64 * 1024)
		assert_memory_not_equal(b1 + off, b3 + off, 4096);
	free(b1);
	free(b2);
	free(b3);
}

/* Frozen bytes of generator splitmix64-v1 (computed once, independently, from
 * its definition: word i of seed s is splitmix64 of state
 * s*0xd1342543de82ef95 + i*0x9e3779b97f4a7c15, stored little-endian). A
 * change of generator must come with a new MB_GENERATOR name. */
static void content_known_vector(void **state)
{
	static const unsigned char s1[16] = {0x1a, 0x9e, 0x74, 0xc4, 0x64, 0x01, 0xa9, 0xf4,
					     0x35, 0x5a, 0xb4, 0x44, 0x8d, 0xae, 0xa9, 0xbf};
	static const unsigned char s42[13] = {0xa1, 0x02, 0x8e, 0x81, 0xa1, 0x5c, 0x68,
					      0xb0, 0xd7, 0xbd, 0x5b, 0x45, 0x84};
	static const unsigned char s0[8] = {0xaf, 0xcd, 0x1d, 0x7b, 0x39, 0xa8, 0x20, 0xe2};
	unsigned char buf[16];

	(void)state;
	assert_string_equal(MB_GENERATOR, "splitmix64-v1");
	mb_dataset_fill(1, 0, buf, 16);
	assert_memory_equal(buf, s1, 16);
	mb_dataset_fill(42, M + 3, buf, 13);
	assert_memory_equal(buf, s42, 13);
	mb_dataset_fill(0, 0, buf, 8);
	assert_memory_equal(buf, s0, 8);
}

/* Incompressible-looking: no repeated 8-byte word in 64 KiB, bytes spread. */
static void content_looks_random(void **state)
{
	enum { N = 8192 };
	uint64_t *w = malloc(N * sizeof(*w));
	size_t hist[256] = {0};

	(void)state;
	assert_non_null(w);
	mb_dataset_fill(1, 0, w, N * sizeof(*w));
	for (size_t i = 0; i < N; i++)
		for (size_t j = i + 1; j < N && j < i + 512; j++)
			assert_int_not_equal(w[i], w[j]);
	for (size_t i = 0; i < N * sizeof(*w); i++)
		hist[((unsigned char *)w)[i]]++;
	for (size_t b = 0; b < 256; b++)
		assert_in_range(hist[b], 128, 384); /* expected 256 each */
	free(w);
}

static void fill_at_any_offset(void **state)
{
	enum { LEN = 20000 };
	unsigned char *whole = malloc(LEN), *part = malloc(LEN + 16);
	uint64_t rs = 3;

	(void)state;
	assert_non_null(whole);
	assert_non_null(part);
	mb_dataset_fill(5, 0, whole, LEN);
	for (uint64_t off = 0; off < 40; off++)
		for (size_t len = 0; len < 40; len++) {
			memset(part, 0xee, len + 16);
			mb_dataset_fill(5, off, part + 1, len); /* unaligned destination too */
			assert_memory_equal(part + 1, whole + off, len);
			assert_int_equal(part[1 + len], 0xee); /* nothing written past len */
			assert_int_equal(part[0], 0xee);
		}
	for (int r = 0; r < 2000; r++) {
		uint64_t off = ut_below(&rs, LEN);
		size_t len = (size_t)ut_below(&rs, LEN - off + 1);

		memset(part, 0xee, len + 16);
		mb_dataset_fill(5, off, part + (r % 8), len);
		assert_memory_equal(part + (r % 8), whole + off, len);
		assert_int_equal(part[(r % 8) + len], 0xee);
	}
	free(whole);
	free(part);
}

static void foreign_file_refused(void **state)
{
	char dir[PATH_MAX], path[PATH_MAX + 64], err[512] = "", *got;
	struct mb_dataset ds, other;
	size_t len;
	int made = -1;

	(void)state;
	subdir(dir, sizeof(dir), "foreign");
	snprintf(path, sizeof(path), "%s/mb-64K-s7.dat", dir);
	ut_write_str(path, "my precious notes, not a dataset\n");
	/* no manifest at all */
	assert_int_equal(mb_dataset_ensure(dir, 64 * K, 7, &ds, &made, err, sizeof(err)), -EEXIST);
	assert_int_equal(made, 0);
	assert_contains(err, "mb-64K-s7.dat");
	got = ut_read_file(path, &len);
	assert_string_equal(got, "my precious notes, not a dataset\n");
	free(got);
	/* a manifest that does not list it */
	ensure_ok(dir, 64 * K, 8, &other, &made);
	assert_int_equal(made, 1);
	err[0] = '\0';
	assert_int_equal(mb_dataset_ensure(dir, 64 * K, 7, &ds, &made, err, sizeof(err)), -EEXIST);
	assert_contains(err, "mb-64K-s7.dat");
	got = ut_read_file(path, &len);
	assert_string_equal(got, "my precious notes, not a dataset\n");
	free(got);
	/* a foreign file of exactly the dataset's size */
	{
		char *zeros = calloc(1, 64 * K);

		assert_non_null(zeros);
		ut_write_file(path, zeros, 64 * K);
		assert_int_equal(mb_dataset_ensure(dir, 64 * K, 7, &ds, &made, err, sizeof(err)), -EEXIST);
		got = ut_read_file(path, &len);
		assert_int_equal(len, 64 * K);
		assert_memory_equal(got, zeros, len);
		free(got);
		free(zeros);
	}
	/* a directory of that name */
	unlink(path);
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(mb_dataset_ensure(dir, 64 * K, 7, &ds, &made, err, sizeof(err)), -EEXIST);
}

/* Flips one byte in place (same size) and moves the mtime by 10 s. */
static void tamper(const char *path, off_t off)
{
	struct stat st;
	struct timespec ts[2];
	unsigned char c;
	int fd = open(path, O_RDWR);

	assert_true(fd >= 0);
	assert_int_equal(pread(fd, &c, 1, off), 1);
	c ^= 0x40;
	assert_int_equal(pwrite(fd, &c, 1, off), 1);
	assert_int_equal(fstat(fd, &st), 0);
	ts[0] = st.st_atim;
	ts[1] = st.st_mtim;
	ts[1].tv_sec += 10;
	assert_int_equal(futimens(fd, ts), 0);
	assert_int_equal(close(fd), 0);
}

static int verify(const char *dir, char **text, char *err, size_t errlen)
{
	size_t len;
	FILE *out = open_memstream(text, &len);
	int rc;

	assert_non_null(out);
	rc = mb_dataset_verify(dir, out, err, errlen);
	fclose(out);
	return rc;
}

static void verify_good_dir(void **state)
{
	char dir[PATH_MAX], err[256] = "", *text = NULL;
	struct mb_dataset a, b;
	int made, rc;

	(void)state;
	subdir(dir, sizeof(dir), "good");
	ensure_ok(dir, ODD_SIZE, 1, &a, &made);
	ensure_ok(dir, 64 * K, 1, &b, &made);
	rc = verify(dir, &text, err, sizeof(err));
	if (rc)
		fail_msg("verify: %d (%s)\n%s", rc, err, text);
	assert_contains(text, "ok  mb-64K-s1.dat");
	assert_contains(text, a.name);
	assert_null(strstr(text, "BAD"));
	free(text);
}

/* ensure of ds's size and seed is refused, naming it, and does not touch its
 * file: neither reused nor repaired behind the user's back. */
static void refused_intact(const char *dir, const struct mb_dataset *ds)
{
	char err[512] = "", *before, *after;
	struct mb_dataset again;
	size_t lb, la;
	int made = -1;

	before = ut_read_file(ds->path, &lb);
	assert_int_equal(mb_dataset_ensure(dir, ds->size, ds->seed, &again, &made, err, sizeof(err)),
			 -EEXIST);
	assert_int_equal(made, 0);
	assert_contains(err, ds->name);
	after = ut_read_file(ds->path, &la);
	assert_int_equal(la, lb);
	assert_memory_equal(before, after, la);
	free(before);
	free(after);
}

static void verify_finds_modified(void **state)
{
	char dir[PATH_MAX], err[512] = "", *text = NULL;
	struct mb_dataset good, bad;
	int made, rc;

	(void)state;
	subdir(dir, sizeof(dir), "modified");
	ensure_ok(dir, 64 * K, 1, &good, &made);
	ensure_ok(dir, ODD_SIZE, 2, &bad, &made);
	tamper(bad.path, 5000);
	assert_int_equal(file_size(bad.path), ODD_SIZE);
	rc = verify(dir, &text, err, sizeof(err));
	assert_int_equal(rc, 1);
	assert_contains(text, "BAD");
	assert_contains(text, bad.name);
	assert_contains(text, "ok  mb-64K-s1.dat");
	free(text);
	refused_intact(dir, &bad);
}

static void verify_finds_missing_and_truncated(void **state)
{
	char dir[PATH_MAX], err[512] = "", *text = NULL;
	struct mb_dataset a, b, c;
	int made;

	(void)state;
	subdir(dir, sizeof(dir), "broken");
	ensure_ok(dir, 64 * K, 1, &a, &made);
	ensure_ok(dir, 64 * K, 2, &b, &made);
	ensure_ok(dir, 64 * K, 3, &c, &made);
	assert_int_equal(unlink(a.path), 0);
	assert_int_equal(truncate(b.path, 32 * K), 0);
	assert_int_equal(verify(dir, &text, err, sizeof(err)), 2);
	assert_contains(text, "BAD mb-64K-s1.dat");
	assert_contains(text, "BAD mb-64K-s2.dat");
	assert_contains(text, "ok  mb-64K-s3.dat");
	free(text);
}

static void verify_without_manifest(void **state)
{
	char dir[PATH_MAX], err[512] = "", *text = NULL;

	(void)state;
	subdir(dir, sizeof(dir), "nomanifest");
	assert_int_equal(verify(dir, &text, err, sizeof(err)), -ENOENT);
	assert_contains(err, MB_MANIFEST);
	free(text);
}

/* --- manifests of an older mapbench ---------------------------------------- */

/* mbsum-v1, the checksum before position terms: each 8-byte little-endian
 * word w at word j of 4 KiB page p adds w * (A + B (j + 1)), A and B the
 * splitmix64 outputs for 2p and 2p + 1. */
static uint64_t v1_mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static uint64_t csum_v1(const unsigned char *p, size_t len)
{
	uint64_t sum = 0;

	for (size_t o = 0; o < len; o += 8) {
		uint64_t w = 0, page = o / 4096, j = (o % 4096) / 8;

		for (size_t k = 0; k < 8 && o + k < len; k++)
			w |= (uint64_t)p[o + k] << (8 * k);
		sum += w * (v1_mix(2 * page) + v1_mix(2 * page + 1) * (j + 1));
	}
	return sum;
}

/* Rewrites dir's manifest as an older mapbench wrote it: the same rows, with
 * the generator's mbsum-v1 checksum, and no checksum_alg column (or, with
 * alg_col, one that says mbsum-v1). */
static void write_old_manifest(const char *dir, int alg_col)
{
	char path[PATH_MAX + 16], err[256] = "", line[512];
	struct mb_csv_table t;
	FILE *f;

	snprintf(path, sizeof(path), "%s/" MB_MANIFEST, dir);
	if (mb_csv_table_load(path, &t, err, sizeof(err)))
		fail_msg("%s", err);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "name,size_bytes,seed,checksum,generator,mtime_ns%s\n", alg_col ? ",checksum_alg" : "");
	for (size_t r = 0; r < t.nrows; r++) {
		const char *const *c = (const char *const *)t.rows[r];
		size_t size = (size_t)strtoull(c[1], NULL, 10);
		unsigned char *buf = malloc(size + 1);

		assert_non_null(buf);
		assert_string_equal(t.header[6], "checksum_alg");
		mb_dataset_fill(strtoull(c[2], NULL, 10), 0, buf, size);
		snprintf(line, sizeof(line), "%s,%s,%s,%016llx,%s,%s%s\n", c[0], c[1], c[2],
			 (unsigned long long)csum_v1(buf, size), c[4], c[5], alg_col ? ",mbsum-v1" : "");
		fputs(line, f);
		free(buf);
	}
	assert_int_equal(fclose(f), 0);
	mb_csv_table_free(&t);
}

/* mb_dataset_ensure with its stderr captured into *text (malloc'ed). */
static int ensure_stderr(const char *dir, uint64_t size, uint64_t seed, struct mb_dataset *ds, int *made,
			 char *err, size_t errlen, char **text)
{
	char path[PATH_MAX];
	int saved, fd, rc;

	ut_tmp_path(path, sizeof(path), "stderr.txt");
	fflush(stderr);
	saved = dup(2);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	assert_true(saved >= 0 && fd >= 0);
	assert_int_equal(dup2(fd, 2), 2);
	close(fd);
	rc = mb_dataset_ensure(dir, size, seed, ds, made, err, errlen);
	fflush(stderr);
	assert_int_equal(dup2(saved, 2), 2);
	close(saved);
	*text = ut_read_file(path, NULL);
	return rc;
}

/* The manifest line of dataset name (a copy), or NULL. */
static char *manifest_line(const char *dir, const char *name)
{
	char path[PATH_MAX + 16], *text, *p, *line = NULL;

	snprintf(path, sizeof(path), "%s/" MB_MANIFEST, dir);
	text = ut_read_file(path, NULL);
	for (p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, name, strlen(name)) && p[strlen(name)] == ',') {
			line = strndup(p, strcspn(p, "\n"));
			break;
		}
	free(text);
	return line;
}

static void expect_entry(const char *dir, const struct mb_dataset *ds, uint64_t csum, const char *alg)
{
	char *line = manifest_line(dir, ds->name), want[64];

	if (!line)
		fail_msg("%s not in the manifest of %s", ds->name, dir);
	snprintf(want, sizeof(want), ",%016llx,", (unsigned long long)csum);
	assert_contains(line, want);
	snprintf(want, sizeof(want), ",%s", alg);
	assert_non_null(strstr(line, want));
	assert_string_equal(strstr(line, want), want); /* the last column */
	free(line);
}

/* An old manifest whose files are as mapbench made them: on the next ensure
 * every such entry is re-verified and takes the mbsum-v2 checksum, with one
 * line on stderr; the files are not remade; an entry whose file is gone stays
 * (not trusted) until its dataset is made again. */
static void old_manifest_renewed(void **state)
{
	char dir[PATH_MAX], mpath[PATH_MAX + 16], err[512] = "", *text, *head;
	struct mb_dataset a, b, c, gone, again;
	struct stat sa, sb;
	uint64_t gone_v1;
	int made;

	(void)state;
	subdir(dir, sizeof(dir), "old");
	ensure_ok(dir, 64 * K, 1, &a, &made);
	ensure_ok(dir, ODD_SIZE, 2, &b, &made);
	ensure_ok(dir, 4 * K + 1, 3, &c, &made);
	ensure_ok(dir, 64 * K, 4, &gone, &made);
	assert_int_equal(unlink(gone.path), 0);
	write_old_manifest(dir, 0);
	{
		unsigned char *buf = malloc(64 * K);

		assert_non_null(buf);
		mb_dataset_fill(4, 0, buf, 64 * K);
		gone_v1 = csum_v1(buf, 64 * K);
		free(buf);
	}
	snprintf(mpath, sizeof(mpath), "%s/" MB_MANIFEST, dir);
	text = ut_read_file(mpath, NULL);
	assert_contains(text, "name,size_bytes,seed,checksum,generator,mtime_ns\n");
	assert_null(strstr(text, "checksum_alg"));
	free(text);
	assert_int_equal(stat(b.path, &sb), 0);

	assert_int_equal(ensure_stderr(dir, 64 * K, 1, &again, &made, err, sizeof(err), &text), 0);
	assert_int_equal(made, 0);
	assert_int_equal(again.checksum, a.checksum); /* the new checksum, not the manifest's old one */
	assert_contains(text, MB_MANIFEST ": checksums recomputed with " MB_CHECKSUM_ALG " for 3 datasets");
	assert_contains(text, dir);
	assert_int_equal(strchr(text, '\n') - text + 1, (long)strlen(text)); /* one line */
	free(text);
	head = manifest_line(dir, "name");
	assert_string_equal(head, "name,size_bytes,seed,checksum,generator,mtime_ns,checksum_alg");
	free(head);
	expect_entry(dir, &a, a.checksum, MB_CHECKSUM_ALG);
	expect_entry(dir, &b, b.checksum, MB_CHECKSUM_ALG);
	expect_entry(dir, &c, c.checksum, MB_CHECKSUM_ALG);
	expect_entry(dir, &gone, gone_v1, MB_CHECKSUM_ALG_V1);
	/* renewed in place, not remade */
	assert_int_equal(stat(b.path, &sa), 0);
	assert_int_equal(sa.st_ino, sb.st_ino);
	assert_int_equal(sa.st_mtim.tv_nsec, sb.st_mtim.tv_nsec);

	/* once renewed, nothing more is said or read */
	assert_int_equal(ensure_stderr(dir, ODD_SIZE, 2, &again, &made, err, sizeof(err), &text), 0);
	assert_int_equal(made, 0);
	assert_int_equal(again.checksum, b.checksum);
	assert_string_equal(text, "");
	free(text);
	/* the entry without its file: made again, with the new checksum */
	ensure_ok(dir, 64 * K, 4, &again, &made);
	assert_int_equal(made, 1);
	assert_int_equal(again.checksum, gone.checksum);
	expect_entry(dir, &gone, gone.checksum, MB_CHECKSUM_ALG);
	assert_int_equal(verify(dir, &text, err, sizeof(err)), 0);
	assert_null(strstr(text, "note:"));
	free(text);
}

/* Same size, mtime restored: a change only a checksum can see. */
static void corrupt_keep_mtime(const char *path, off_t off)
{
	struct stat st;
	struct timespec ts[2];

	assert_int_equal(stat(path, &st), 0);
	tamper(path, off);
	ts[0] = st.st_atim;
	ts[1] = st.st_mtim;
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/* An old manifest whose file was changed in place (mtime restored): its old
 * checksum is not trusted, the file is not renewed, reused or overwritten,
 * and ensure refuses with what to do; once the file is gone it is made again. */
static void old_manifest_changed_file_refused(void **state)
{
	char dir[PATH_MAX], err[512] = "", *text;
	struct mb_dataset a, b, again;
	struct stat s0, s1;
	int made;

	(void)state;
	subdir(dir, sizeof(dir), "oldbad");
	ensure_ok(dir, 64 * K, 1, &a, &made);
	ensure_ok(dir, 64 * K, 2, &b, &made);
	write_old_manifest(dir, 1); /* checksum_alg present, mbsum-v1 */
	corrupt_keep_mtime(b.path, 3 * 4096);
	assert_int_equal(stat(b.path, &s0), 0);

	/* asked for the good one: the bad one still stops it */
	assert_int_equal(ensure_stderr(dir, 64 * K, 1, &again, &made, err, sizeof(err), &text), -EEXIST);
	assert_int_equal(made, 0);
	assert_contains(err, b.name);
	assert_contains(err, MB_CHECKSUM_ALG_V1);
	assert_contains(err, "move it away");
	assert_null(strchr(err, '\n'));
	assert_contains(text, "for 1 dataset\n"); /* the good one was renewed */
	free(text);
	expect_entry(dir, &a, a.checksum, MB_CHECKSUM_ALG);
	{
		char *line = manifest_line(dir, b.name);

		assert_non_null(line);
		assert_null(strstr(line, MB_CHECKSUM_ALG)); /* still the old, untrusted entry */
		assert_contains(line, MB_CHECKSUM_ALG_V1);
		free(line);
	}
	assert_int_equal(stat(b.path, &s1), 0); /* not remade */
	assert_int_equal(s1.st_ino, s0.st_ino);
	assert_int_equal(s1.st_mtim.tv_nsec, s0.st_mtim.tv_nsec);
	/* asked for the bad one: refused, and left as it is */
	refused_intact(dir, &b);
	/* verify names it */
	assert_int_equal(verify(dir, &text, err, sizeof(err)), 1);
	assert_contains(text, "BAD mb-64K-s2.dat");
	assert_contains(text, "ok  mb-64K-s1.dat");
	free(text);
	/* moved away: made again, with the new checksum */
	assert_int_equal(unlink(b.path), 0);
	ensure_ok(dir, 64 * K, 2, &again, &made);
	assert_int_equal(made, 1);
	assert_int_equal(again.checksum, b.checksum);
	expect_entry(dir, &b, b.checksum, MB_CHECKSUM_ALG);
}

/* verify reads an old manifest without writing it: each dataset is checked
 * against its generator, and a last line says so and how to renew. */
static void old_manifest_verify(void **state)
{
	char dir[PATH_MAX], mpath[PATH_MAX + 16], err[512] = "", *text, *m0, *m1;
	struct mb_dataset a, b;
	int made;

	(void)state;
	subdir(dir, sizeof(dir), "oldverify");
	ensure_ok(dir, 64 * K, 1, &a, &made);
	ensure_ok(dir, ODD_SIZE, 1, &b, &made);
	write_old_manifest(dir, 0);
	snprintf(mpath, sizeof(mpath), "%s/" MB_MANIFEST, dir);
	m0 = ut_read_file(mpath, NULL);
	assert_int_equal(verify(dir, &text, err, sizeof(err)), 0);
	assert_contains(text, "ok  mb-64K-s1.dat (65536 bytes, checksum ");
	assert_contains(text, "as its generator gives; manifest's checksum is " MB_CHECKSUM_ALG_V1 ")");
	assert_contains(text, b.name);
	assert_contains(text, "note: ");
	assert_contains(text, "older mapbench for 2 datasets");
	assert_null(strstr(text, "BAD"));
	free(text);
	m1 = ut_read_file(mpath, NULL);
	assert_string_equal(m0, m1); /* not written */
	free(m0);
	free(m1);
	/* a corrupted one is BAD, against the generator */
	tamper(b.path, 100);
	assert_int_equal(verify(dir, &text, err, sizeof(err)), 1);
	assert_contains(text, "BAD ");
	assert_contains(text, "its generator gives");
	assert_contains(text, "ok  mb-64K-s1.dat");
	free(text);
}

static void dataset_dir(void **state)
{
	char path[PATH_MAX + 64], err[512] = "";
	struct stat st;
	uint64_t size, csum;

	(void)state;
	ut_tmp_path(path, sizeof(path), "newdir");
	assert_int_equal(mb_dataset_dir(path, err, sizeof(err)), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(mb_dataset_dir(path, err, sizeof(err)), 0); /* exists: fine */
	ut_tmp_path(path, sizeof(path), "missing/child");
	assert_int_equal(mb_dataset_dir(path, err, sizeof(err)), -ENOENT);
	assert_contains(err, "missing/child");
	ut_tmp_path(path, sizeof(path), "plainfile");
	ut_write_str(path, "x");
	assert_int_equal(mb_dataset_dir(path, err, sizeof(err)), -ENOTDIR);
	ut_tmp_path(path, sizeof(path), "nope.dat");
	assert_int_equal(mb_file_checksum(path, &size, &csum, err, sizeof(err)), -ENOENT);
	assert_contains(err, "nope.dat");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names),
		cmocka_unit_test(make_then_reuse),
		cmocka_unit_test(several_in_one_dir),
		cmocka_unit_test(deleted_dataset_remade),
		cmocka_unit_test(empty_dataset),
		cmocka_unit_test(deterministic_per_seed),
		cmocka_unit_test(content_known_vector),
		cmocka_unit_test(content_looks_random),
		cmocka_unit_test(fill_at_any_offset),
		cmocka_unit_test(foreign_file_refused),
		cmocka_unit_test(verify_good_dir),
		cmocka_unit_test(verify_finds_modified),
		cmocka_unit_test(verify_finds_missing_and_truncated),
		cmocka_unit_test(verify_without_manifest),
		cmocka_unit_test(touch_checksums_agree),
		cmocka_unit_test(old_manifest_renewed),
		cmocka_unit_test(old_manifest_changed_file_refused),
		cmocka_unit_test(old_manifest_verify),
		cmocka_unit_test(dataset_dir),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, ut_tmpdir_setup, ut_tmpdir_teardown);
}
