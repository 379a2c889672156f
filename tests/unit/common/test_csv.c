/* test_csv.c: src/common/csvio.c: records written by mb_csv_format read back
 * unchanged by libcsv through mb_csv_read (quotes, commas, CR/LF, empty
 * cells, leading and trailing blanks), the line each record starts on, tables
 * and their errors (wrong field count, unterminated quote, naming the line),
 * and the results sink mb_csv_out_open: new file, header-checked append, and
 * refusals that leave the file's bytes untouched. */
#include "unit.h"

#include "csvio.h"

#include <signal.h>
#include <sys/resource.h>

/* --- collecting what mb_csv_read returns --------------------------------- */

#define MAXREC 32
#define MAXFLD 32

struct collected {
	size_t nrec;
	size_t nf[MAXREC];
	size_t line[MAXREC];
	char *f[MAXREC][MAXFLD];
	int stop_after; /* return 7 after this many records (0: never) */
};

static int collect(void *ctx, size_t line, char **fields, size_t n)
{
	struct collected *c = ctx;

	assert_true(c->nrec < MAXREC);
	assert_true(n <= MAXFLD);
	c->nf[c->nrec] = n;
	c->line[c->nrec] = line;
	for (size_t i = 0; i < n; i++) {
		c->f[c->nrec][i] = strdup(fields[i]);
		assert_non_null(c->f[c->nrec][i]);
	}
	c->nrec++;
	return c->stop_after && c->nrec == (size_t)c->stop_after ? 7 : 0;
}

static void collected_free(struct collected *c)
{
	for (size_t r = 0; r < c->nrec; r++)
		for (size_t i = 0; i < c->nf[r]; i++)
			free(c->f[r][i]);
	c->nrec = 0;
}

static int read_string(const char *text, struct collected *c, char *err, size_t errlen)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc;

	assert_non_null(f);
	rc = mb_csv_read(f, collect, c, err, errlen);
	fclose(f);
	return rc;
}

/* --- formatting ------------------------------------------------------------ */

static void format_quotes_only_when_needed(void **state)
{
	static const char *const plain[] = {"a", "b c", "", "1.5"};
	static const char *const quoted[] = {"x,y", "say \"hi\"", "l1\nl2", "cr\r", " lead", "trail "};
	static const char *const with_null[] = {"a", NULL, "c"};
	size_t len;
	char *s;

	(void)state;
	s = mb_csv_format(plain, 4, &len);
	assert_non_null(s);
	assert_string_equal(s, "a,b c,,1.5\n");
	assert_int_equal(len, strlen(s));
	free(s);
	s = mb_csv_format(quoted, 6, &len);
	assert_non_null(s);
	assert_string_equal(s, "\"x,y\",\"say \"\"hi\"\"\",\"l1\nl2\",\"cr\r\",\" lead\",\"trail \"\n");
	assert_int_equal(len, strlen(s));
	free(s);
	s = mb_csv_format(with_null, 3, &len);
	assert_non_null(s);
	assert_string_equal(s, "a,,c\n"); /* NULL is an empty cell */
	free(s);
}

/* Records written one after another, read back: same fields, right lines. */
static void roundtrip(void **state)
{
	static const char *const rec0[] = {"plain", "with,comma", "with \"quote\"", "\"", "\"\"",
					   ",", "cr\rhere", "lf\nhere", "crlf\r\nhere", "",
					   " lead", "trail ", "  both  ", "a \"b\", c\n\"d\"",
					   "tab\tinside", "\n\n", "utf-8 \xc3\xa9\xe2\x82\xac", "=1+2"};
	static const char *const rec1[] = {"", ""};
	static const char *const rec2[] = {"only"};
	static const char *const rec3[] = {"", "", "", "x"};
	static const char *const *recs[] = {rec0, rec1, rec2, rec3};
	static const size_t nrecs[] = {sizeof(rec0) / sizeof(rec0[0]), 2, 1, 4};
	char *text = NULL, err[256] = "";
	size_t tlen = 0, want_line = 1;
	struct collected c = {0};

	(void)state;
	for (size_t r = 0; r < 4; r++) {
		size_t len;
		char *s = mb_csv_format(recs[r], nrecs[r], &len);

		assert_non_null(s);
		text = realloc(text, tlen + len + 1);
		assert_non_null(text);
		memcpy(text + tlen, s, len + 1);
		tlen += len;
		free(s);
	}
	if (read_string(text, &c, err, sizeof(err)))
		fail_msg("read back failed: %s\n%s", err, text);
	assert_int_equal(c.nrec, 4);
	for (size_t r = 0; r < 4; r++) {
		assert_int_equal(c.nf[r], nrecs[r]);
		for (size_t i = 0; i < nrecs[r]; i++)
			if (strcmp(c.f[r][i], recs[r][i]))
				fail_msg("record %zu field %zu: wrote [%s], read [%s]", r, i, recs[r][i],
					 c.f[r][i]);
		assert_int_equal(c.line[r], want_line);
		/* the next record starts after this one's newlines */
		for (size_t i = 0; i < nrecs[r]; i++)
			for (const char *q = recs[r][i]; *q; q++)
				want_line += *q == '\n';
		want_line++;
	}
	collected_free(&c);
	free(text);
}

/* Blanks other than spaces at the edges of a field (libcsv trims tabs too). */
static void roundtrip_edge_tabs(void **state)
{
	static const char *const rec[] = {"\tlead", "trail\t", "\t", " \t "};
	char err[256] = "";
	struct collected c = {0};
	size_t len;
	char *s = mb_csv_format(rec, 4, &len);

	(void)state;
	assert_non_null(s);
	if (read_string(s, &c, err, sizeof(err)))
		fail_msg("read back failed: %s", err);
	assert_int_equal(c.nrec, 1);
	assert_int_equal(c.nf[0], 4);
	for (size_t i = 0; i < 4; i++)
		if (strcmp(c.f[0][i], rec[i]))
			fail_msg("field %zu: wrote [%s], read [%s] (line %s)", i, rec[i], c.f[0][i], s);
	collected_free(&c);
	free(s);
}

/* A record of one empty field must not vanish on the way back. */
static void roundtrip_single_empty_field(void **state)
{
	static const char *const head[] = {"a"};
	static const char *const empty[] = {""};
	char err[256] = "", *s1, *s2, text[64];
	struct collected c = {0};
	size_t l1, l2;

	(void)state;
	s1 = mb_csv_format(head, 1, &l1);
	s2 = mb_csv_format(empty, 1, &l2);
	assert_non_null(s1);
	assert_non_null(s2);
	snprintf(text, sizeof(text), "%s%s%s", s1, s2, s1);
	free(s1);
	free(s2);
	assert_int_equal(read_string(text, &c, err, sizeof(err)), 0);
	if (c.nrec != 3)
		fail_msg("wrote 3 one-field records [a] [] [a] as \"%s\", read back %zu", text, c.nrec);
	assert_string_equal(c.f[1][0], "");
	collected_free(&c);
}

static void write_fd_one_record(void **state)
{
	static const char *const rec[] = {"a", "b,c", "d"};
	char path[PATH_MAX], *got;
	int fd;

	(void)state;
	ut_tmp_path(path, sizeof(path), "wfd.csv");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(mb_csv_write_fd(fd, rec, 3), 0);
	assert_int_equal(mb_csv_write_fd(fd, rec, 1), 0);
	assert_int_equal(close(fd), 0);
	got = ut_read_file(path, NULL);
	assert_string_equal(got, "a,\"b,c\",d\na\n");
	free(got);
	assert_int_equal(mb_csv_write_fd(-1, rec, 3), -EBADF);
}

static void read_stops_on_callback(void **state)
{
	struct collected c = {.stop_after = 2};
	char err[256] = "";

	(void)state;
	assert_int_equal(read_string("a\nb\nc\nd\n", &c, err, sizeof(err)), 7);
	assert_int_equal(c.nrec, 2);
	collected_free(&c);
	c.stop_after = 0;
	/* CRLF line ends and a last line without newline */
	assert_int_equal(read_string("a,b\r\nc,d\r\ne,f", &c, err, sizeof(err)), 0);
	assert_int_equal(c.nrec, 3);
	assert_string_equal(c.f[1][1], "d");
	assert_string_equal(c.f[2][1], "f");
	assert_int_equal(c.line[2], 3);
	collected_free(&c);
}

/* --- tables --------------------------------------------------------------- */

static void table_load_ok(void **state)
{
	char path[PATH_MAX], err[256] = "";
	struct mb_csv_table t;

	(void)state;
	ut_tmp_path(path, sizeof(path), "good.csv");
	ut_write_str(path, "name,size,note\nx,1,\"two\nlines\"\ny,2,\n");
	if (mb_csv_table_load(path, &t, err, sizeof(err)))
		fail_msg("%s", err);
	assert_int_equal(t.ncols, 3);
	assert_int_equal(t.nrows, 2);
	assert_string_equal(t.header[2], "note");
	assert_string_equal(t.rows[0][2], "two\nlines");
	assert_string_equal(t.rows[1][0], "y");
	assert_string_equal(t.rows[1][2], "");
	assert_int_equal(t.lines[0], 2);
	assert_int_equal(t.lines[1], 4);
	assert_int_equal(mb_csv_table_col(&t, "size"), 1);
	assert_int_equal(mb_csv_table_col(&t, "nope"), -1);
	mb_csv_table_free(&t);
	assert_int_equal(t.nrows, 0);
	assert_null(t.header);
}

/* A file of this content (written as name) must fail to load with -EINVAL, the
 * message naming n1 (and n2), the table left empty (freed on error). */
static void table_load_fails(const char *name, const char *content, const char *n1, const char *n2)
{
	char path[PATH_MAX], err[256] = "";
	struct mb_csv_table t;

	ut_tmp_path(path, sizeof(path), name);
	ut_write_str(path, content);
	assert_int_equal(mb_csv_table_load(path, &t, err, sizeof(err)), -EINVAL);
	assert_contains(err, n1);
	if (n2)
		assert_contains(err, n2);
	assert_int_equal(t.nrows, 0);
	assert_null(t.header);
}

static void table_load_bad_row_names_line(void **state)
{
	(void)state;
	table_load_fails("badrow.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n", "line 3", NULL);
	/* after a quoted field spanning lines, the count still follows the file */
	table_load_fails("badrow.csv", "a,b\n\"x\ny\nz\",1\n1,2,3\n", "line 5", NULL);
	/* too many fields too */
	table_load_fails("badrow.csv", "a,b\n1,2\n1,2\n1,2,3\n", "line 4", NULL);
}

static void table_load_unterminated_quote(void **state)
{
	char err[256] = "";
	struct collected c = {0};

	(void)state;
	/* opening quote in the middle of the record */
	table_load_fails("unterm.csv", "a,b\n1,2\n3,\"oops\n4,5\n", "unterminated", "line 3");
	/* through mb_csv_read too */
	assert_int_equal(read_string("a\nb,\"c\nd\n", &c, err, sizeof(err)), -EINVAL);
	assert_contains(err, "unterminated");
	assert_contains(err, "line 2");
	collected_free(&c);
}

/* The same, the quote opening the first field of the record. */
static void unterminated_quote_first_field(void **state)
{
	(void)state;
	table_load_fails("unterm1.csv", "a,b\n1,2\n\"oops,3\n4,5\n", "unterminated", "line 3");
}

static void table_load_missing_and_empty(void **state)
{
	char path[PATH_MAX], err[256] = "";
	struct mb_csv_table t;

	(void)state;
	ut_tmp_path(path, sizeof(path), "does-not-exist.csv");
	assert_int_equal(mb_csv_table_load(path, &t, err, sizeof(err)), -ENOENT);
	assert_contains(err, "does-not-exist.csv");
	table_load_fails("empty.csv", "", "empty", NULL);
}

/* --- the results sink ------------------------------------------------------- */

static const char *const hdr[] = {"schema", "method", "mib_per_s"};

/* Opens the sink on path with hdr (appending or not, as appended says),
 * writes row (unless NULL) and closes it: the file then reads want. */
static void out_write(const char *path, const char *const *row, int appended, const char *want)
{
	char err[256] = "", *got;
	struct mb_csv_out o;

	if (mb_csv_out_open(&o, "--out", path, hdr, 3, err, sizeof(err)))
		fail_msg("%s", err);
	assert_int_equal(o.appended, appended);
	assert_int_equal(o.owned, 1);
	if (row)
		assert_int_equal(mb_csv_out_row(&o, row, 3, err, sizeof(err)), 0);
	assert_int_equal(mb_csv_out_close(&o), 0);
	got = ut_read_file(path, NULL);
	assert_string_equal(got, want);
	free(got);
}

static void out_new_then_append(void **state)
{
	static const char *const row1[] = {"1", "mmap", "1234.5"};
	static const char *const row2[] = {"1", "read, fast", "99"};
	char path[PATH_MAX];

	(void)state;
	ut_tmp_path(path, sizeof(path), "results.csv");
	out_write(path, row1, 0, "schema,method,mib_per_s\n1,mmap,1234.5\n");
	out_write(path, row2, 1, "schema,method,mib_per_s\n1,mmap,1234.5\n1,\"read, fast\",99\n");
}

/* Discarding removes a file the sink created, never one it appended to. */
static void out_discard(void **state)
{
	static const char *const row[] = {"1", "mmap", "5"};
	char path[PATH_MAX + 64], err[256] = "", *got;
	struct mb_csv_out o;
	struct stat st;

	(void)state;
	ut_tmp_path(path, sizeof(path), "discard.csv");
	assert_int_equal(mb_csv_out_open(&o, "--out", path, hdr, 3, err, sizeof(err)), 0);
	assert_int_equal(stat(path, &st), 0);
	mb_csv_out_discard(&o);
	assert_int_equal(stat(path, &st), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(o.fd, -1);

	ut_write_str(path, "schema,method,mib_per_s\n1,read,4\n");
	assert_int_equal(mb_csv_out_open(&o, "--out", path, hdr, 3, err, sizeof(err)), 0);
	assert_int_equal(o.appended, 1);
	assert_int_equal(mb_csv_out_row(&o, row, 3, err, sizeof(err)), 0);
	mb_csv_out_discard(&o);
	got = ut_read_file(path, NULL);
	assert_string_equal(got, "schema,method,mib_per_s\n1,read,4\n1,mmap,5\n");
	free(got);
}

/* A file this sink created is kept once another sink appended to it. */
static void out_discard_keeps_others_rows(void **state)
{
	static const char *const row[] = {"1", "read", "7"};
	char path[PATH_MAX], err[256] = "", *got;
	struct mb_csv_out a, b;

	(void)state;
	ut_tmp_path(path, sizeof(path), "shared.csv");
	assert_int_equal(mb_csv_out_open(&a, "--out", path, hdr, 3, err, sizeof(err)), 0);
	assert_int_equal(mb_csv_out_open(&b, "--out", path, hdr, 3, err, sizeof(err)), 0);
	assert_int_equal(b.appended, 1);
	assert_int_equal(mb_csv_out_row(&b, row, 3, err, sizeof(err)), 0);
	assert_int_equal(mb_csv_out_close(&b), 0);
	mb_csv_out_discard(&a);
	got = ut_read_file(path, NULL);
	assert_string_equal(got, "schema,method,mib_per_s\n1,read,7\n");
	free(got);
}

/* A write that fails part way (here: past RLIMIT_FSIZE, as on a full disk)
 * leaves the file as it was before the append, and says which file. */
static void out_failed_append_undone(void **state)
{
	static const char *const row[] = {"1", "a-rather-long-method-name-to-cross-the-limit", "5"};
	char path[PATH_MAX], err[512] = "", *got;
	struct rlimit old, lim;
	struct mb_csv_out o;
	void (*prev)(int);

	(void)state;
	ut_tmp_path(path, sizeof(path), "fsize.csv");
	assert_int_equal(mb_csv_out_open(&o, "--lat-out", path, hdr, 3, err, sizeof(err)), 0);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = strlen("schema,method,mib_per_s\n") + 10;
	prev = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	assert_int_equal(mb_csv_out_row(&o, row, 3, err, sizeof(err)), -EFBIG);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, prev);
	assert_contains(err, "--lat-out");
	assert_contains(err, "fsize.csv");
	got = ut_read_file(path, NULL);
	assert_string_equal(got, "schema,method,mib_per_s\n");
	free(got);
	assert_int_equal(mb_csv_out_row(&o, row, 3, err, sizeof(err)), 0);
	assert_int_equal(mb_csv_out_close(&o), 0);
}

static void out_empty_file_gets_header(void **state)
{
	char path[PATH_MAX];

	(void)state;
	ut_tmp_path(path, sizeof(path), "empty-out.csv");
	ut_write_str(path, "");
	out_write(path, NULL, 0, "schema,method,mib_per_s\n");
}

/* Opening must fail with rc and leave the file's bytes as they were. */
static void refused_intact(const char *name, const char *content, const char *const *h, size_t n,
			   int rc)
{
	char path[PATH_MAX], err[256] = "", *got;
	struct mb_csv_out o;
	size_t len;

	ut_tmp_path(path, sizeof(path), name);
	ut_write_str(path, content);
	assert_int_equal(mb_csv_out_open(&o, "--out", path, h, n, err, sizeof(err)), rc);
	assert_true(err[0] != '\0');
	assert_contains(err, name);
	got = ut_read_file(path, &len);
	assert_int_equal(len, strlen(content));
	assert_memory_equal(got, content, len);
	free(got);
}

static void out_refuses_other_header(void **state)
{
	static const char *const shorter[] = {"schema", "method"};
	static const char *const longer[] = {"schema", "method", "mib_per_s", "extra"};

	(void)state;
	refused_intact("other.csv", "schema,method,MiB_per_s\n1,mmap,5\n", hdr, 3, -EEXIST);
	refused_intact("shorter.csv", "schema,method,mib_per_s\n1,mmap,5\n", shorter, 2, -EEXIST);
	refused_intact("longer.csv", "schema,method,mib_per_s\n1,mmap,5\n", longer, 4, -EEXIST);
	refused_intact("text.txt", "just some notes\nnot csv\n", hdr, 3, -EEXIST);
	refused_intact("binary.dat", "\x01\x02\"\x03\n", hdr, 3, -EEXIST);
}

static void out_refuses_partial_last_row(void **state)
{
	(void)state;
	refused_intact("partial.csv", "schema,method,mib_per_s\n1,mmap", hdr, 3, -EINVAL);
	refused_intact("header-only-no-nl.csv", "schema,method,mib_per_s", hdr, 3, -EINVAL);
}

static void out_refuses_missing_dir_and_dir(void **state)
{
	char path[PATH_MAX], err[256] = "";
	struct mb_csv_out o;
	struct stat st;

	(void)state;
	ut_tmp_path(path, sizeof(path), "no-such-dir/results.csv");
	assert_int_equal(mb_csv_out_open(&o, "--out", path, hdr, 3, err, sizeof(err)), -ENOENT);
	assert_contains(err, "no-such-dir");
	ut_tmp_path(path, sizeof(path), "no-such-dir");
	assert_int_equal(stat(path, &st), -1); /* not created on the way */
	err[0] = '\0';
	assert_int_equal(mb_csv_out_open(&o, "--out", ut_tmpdir(), hdr, 3, err, sizeof(err)), -EISDIR);
	assert_true(err[0] != '\0');
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(format_quotes_only_when_needed),
		cmocka_unit_test(roundtrip),
		cmocka_unit_test(roundtrip_edge_tabs),
		cmocka_unit_test(roundtrip_single_empty_field),
		cmocka_unit_test(write_fd_one_record),
		cmocka_unit_test(read_stops_on_callback),
		cmocka_unit_test(table_load_ok),
		cmocka_unit_test(table_load_bad_row_names_line),
		cmocka_unit_test(table_load_unterminated_quote),
		cmocka_unit_test(unterminated_quote_first_field),
		cmocka_unit_test(table_load_missing_and_empty),
		cmocka_unit_test(out_new_then_append),
		cmocka_unit_test(out_discard),
		cmocka_unit_test(out_discard_keeps_others_rows),
		cmocka_unit_test(out_failed_append_undone),
		cmocka_unit_test(out_empty_file_gets_header),
		cmocka_unit_test(out_refuses_other_header),
		cmocka_unit_test(out_refuses_partial_last_row),
		cmocka_unit_test(out_refuses_missing_dir_and_dir),
	};

	ut_filters(argc, argv);
	return cmocka_run_group_tests(tests, ut_tmpdir_setup, ut_tmpdir_teardown);
}
