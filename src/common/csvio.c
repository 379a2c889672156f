/* csvio.c: libcsv-backed record formatting, atomic row writes, locked,
 * header-checked appends undone on failure and a streaming reader with line numbers (see csvio.h). */
#include "csvio.h"
#include "util.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* Quoted when it holds a delimiter, quote or line break, or starts or ends
 * in a blank (libcsv trims blanks around unquoted fields when reading). */
static int needs_quotes(const char *s)
{
	size_t n = strlen(s);

	return s[strcspn(s, ",\"\r\n")] != '\0' ||
	       (n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t'));
}

char *mb_csv_format(const char *const *fields, size_t n, size_t *len)
{
	char *out = NULL;
	size_t olen = 0;
	FILE *m = open_memstream(&out, &olen);
	int bad = !m;

	for (size_t i = 0; i < n && !bad; i++) {
		const char *f = fields[i] ? fields[i] : "";

		if (i && fputc(',', m) == EOF)
			bad = 1;
		else if (needs_quotes(f) || (n == 1 && !*f)) /* a lone empty field is not a blank line */
			bad = csv_fwrite(m, f, strlen(f)) != 0;
		else
			bad = fputs(f, m) == EOF;
	}
	if (m && (fputc('\n', m) == EOF || fclose(m)))
		bad = 1;
	if (bad) {
		free(out);
		return NULL;
	}
	*len = olen;
	return out;
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t w = write(fd, p, len);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int mb_csv_write_raw(int fd, const char *text, size_t len)
{
	return write_all(fd, text, len);
}

int mb_csv_write_fd(int fd, const char *const *fields, size_t n)
{
	size_t len;
	char *line = mb_csv_format(fields, n, &len);
	int rc;

	if (!line)
		return -ENOMEM;
	rc = write_all(fd, line, len);
	free(line);
	return rc;
}

/* --- reading ------------------------------------------------------------- */

/* Field buffers are kept between records (sizes[] says how big each is), so
 * reading a large file allocates almost nothing per row. */
struct reader {
	char **fields;
	size_t *sizes;
	size_t n, cap;
	size_t line, start_line;
	int in_record;
	mb_csv_record_cb cb;
	void *ctx;
	int stop;
	int nomem;
};

static int grow_slots(struct reader *rd)
{
	size_t cap = rd->cap ? rd->cap * 2 : 64;
	char **nf = realloc(rd->fields, cap * sizeof(*nf));
	size_t *ns;

	if (!nf)
		return -1;
	rd->fields = nf;
	ns = realloc(rd->sizes, cap * sizeof(*ns));
	if (!ns)
		return -1;
	rd->sizes = ns;
	for (size_t i = rd->cap; i < cap; i++) {
		rd->fields[i] = NULL;
		rd->sizes[i] = 0;
	}
	rd->cap = cap;
	return 0;
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *rd = data;
	size_t i;

	if (rd->stop || rd->nomem)
		return;
	rd->in_record = 1;
	if (rd->n == rd->cap && grow_slots(rd)) {
		rd->nomem = 1;
		return;
	}
	i = rd->n;
	if (rd->sizes[i] < len + 1) {
		char *f = realloc(rd->fields[i], len + 1);

		if (!f) {
			rd->nomem = 1;
			return;
		}
		rd->fields[i] = f;
		rd->sizes[i] = len + 1;
	}
	memcpy(rd->fields[i], s ? s : "", s ? len : 0);
	rd->fields[i][s ? len : 0] = '\0';
	rd->n++;
}

static void drop_fields(struct reader *rd)
{
	rd->n = 0;
	rd->in_record = 0;
}

static void free_fields(struct reader *rd)
{
	for (size_t i = 0; i < rd->cap; i++)
		free(rd->fields[i]);
	free(rd->fields);
	free(rd->sizes);
}

static void on_record(int c, void *data)
{
	struct reader *rd = data;

	(void)c;
	if (!rd->stop && !rd->nomem && rd->n)
		rd->stop = rd->cb(rd->ctx, rd->start_line, rd->fields, rd->n);
	drop_fields(rd);
}

int mb_csv_read(FILE *f, mb_csv_record_cb cb, void *ctx, char *err, size_t errlen)
{
	struct csv_parser p;
	struct reader rd = {.cb = cb, .ctx = ctx};
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	while (!rd.stop && (len = getline(&line, &cap, f)) > 0) {
		char *text = line;

		rd.line++;
		/* a text file: a NUL byte would cut the cell it is in short */
		if (memchr(line, '\0', (size_t)len)) {
			snprintf(err, errlen, "line %zu: a NUL byte (not a text CSV file)", rd.line);
			rc = -EINVAL;
			goto out;
		}
		/* a UTF-8 byte order mark before the header is no part of it */
		if (rd.line == 1 && len >= 3 && !memcmp(line, "\xef\xbb\xbf", 3)) {
			text += 3;
			len -= 3;
		}
		/* libcsv's state before this line: a new record starts here unless
		 * a quoted field runs on from an earlier line. */
		if (p.pstate == 0 /* ROW_NOT_BEGUN */)
			rd.start_line = rd.line;
		if (csv_parse(&p, text, (size_t)len, on_field, on_record, &rd) != (size_t)len) {
			snprintf(err, errlen, "line %zu: %s", rd.line, csv_error(&p) == CSV_EPARSE ?
				 "a quote out of place (a quoted field is \"...\", a quote inside it \"\")" :
				 csv_strerror(csv_error(&p)));
			rc = -EINVAL;
			goto out;
		}
		if (rd.nomem)
			break;
	}
	if (ferror(f)) {
		snprintf(err, errlen, "read error: %s", strerror(errno));
		rc = -EIO;
		goto out;
	}
	if (!rd.stop && csv_fini(&p, on_field, on_record, &rd)) {
		snprintf(err, errlen, "line %zu: unterminated quoted field", rd.start_line);
		rc = -EINVAL;
		goto out;
	}
	if (rd.nomem) {
		snprintf(err, errlen, "line %zu: out of memory", rd.line);
		rc = -ENOMEM;
		goto out;
	}
	rc = rd.stop;
out:
	free_fields(&rd);
	free(line);
	csv_free(&p);
	return rc;
}

int mb_csv_batch_open(struct mb_csv_batch *b)
{
	*b = (struct mb_csv_batch){0};
	b->m = open_memstream(&b->buf, &b->len);
	return b->m ? 0 : -ENOMEM;
}

void mb_csv_batch_add(struct mb_csv_batch *b, const char *const *fields, size_t n)
{
	size_t len;
	char *line;

	if (b->rc)
		return;
	line = mb_csv_format(fields, n, &len);
	if (!line || fwrite(line, 1, len, b->m) != len)
		b->rc = -ENOMEM;
	free(line);
}

int mb_csv_batch_write(struct mb_csv_batch *b, struct mb_csv_out *o, char *err, size_t errlen)
{
	int rc = b->rc;

	if (fclose(b->m) && !rc)
		rc = -ENOMEM;
	if (rc)
		snprintf(err, errlen, "%s %s: %s", o->label, o->path ? o->path : "-", strerror(-rc));
	else
		rc = mb_csv_out_append(o, b->buf, b->len, err, errlen);
	free(b->buf);
	*b = (struct mb_csv_batch){0};
	return rc;
}

int mb_csv_batch_write_fd(struct mb_csv_batch *b, int fd)
{
	int rc = b->rc;

	if (fclose(b->m) && !rc)
		rc = -ENOMEM;
	if (!rc)
		rc = mb_csv_write_raw(fd, b->buf, b->len);
	free(b->buf);
	*b = (struct mb_csv_batch){0};
	return rc;
}

long mb_csv_field_index(char **fields, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(fields[i], name))
			return (long)i;
	return -1;
}

FILE *mb_csv_open_input(const char *path, char *err, size_t errlen)
{
	struct stat st;
	FILE *f;
	int fd, e;

	/* O_NONBLOCK: a FIFO nobody writes to opens at once (and reads as
	 * empty) instead of blocking forever */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		e = errno;
		snprintf(err, errlen, "%s: %s", path, strerror(e));
		errno = e;
		return NULL;
	}
	if (fstat(fd, &st)) {
		e = errno;
		snprintf(err, errlen, "%s: %s", path, strerror(e));
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		e = EISDIR;
		snprintf(err, errlen, "%s: %s", path, strerror(e));
		goto fail;
	}
	if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
		/* /dev/zero, a terminal, a socket: no end, or no file */
		e = EINVAL;
		snprintf(err, errlen, "%s: not a regular file or a pipe", path);
		goto fail;
	}
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) || !(f = fdopen(fd, "r"))) {
		e = errno;
		snprintf(err, errlen, "%s: %s", path, strerror(e));
		goto fail;
	}
	return f;
fail:
	close(fd);
	errno = e;
	return NULL;
}

int mb_csv_read_named(FILE *f, const char *name, mb_csv_record_cb cb, void *ctx, char *err,
		      size_t errlen)
{
	int rc;

	err[0] = '\0';
	rc = mb_csv_read(f, cb, ctx, err, errlen);
	if (rc == -ENOMEM && !err[0])
		snprintf(err, errlen, "out of memory");
	if (rc && strncmp(err, name, strlen(name))) {
		char e2[512];

		snprintf(e2, sizeof(e2), "%s: %s", name, err);
		snprintf(err, errlen, "%s", e2);
	}
	return rc;
}

/* --- tables -------------------------------------------------------------- */

struct table_load {
	struct mb_csv_table *t;
	const char *const *keep; /* the columns kept, NULL: all */
	const char *col, *is;    /* the rows kept: col is `is`; col NULL: all */
	size_t *at;              /* the file's column of each kept column */
	long cond;               /* the file's column col */
	size_t nfields;          /* the header's fields */
	char *err;
	size_t errlen;
};

/* Copies of fields[at[i]] (at NULL: fields[i]) for i < n. */
static char **dup_fields(char **fields, const size_t *at, size_t n)
{
	char **copy = calloc(n + 1, sizeof(*copy));

	for (size_t i = 0; copy && i < n; i++) {
		copy[i] = strdup(fields[at ? at[i] : i]);
		if (!copy[i]) {
			while (i--)
				free(copy[i]);
			free(copy);
			return NULL;
		}
	}
	return copy;
}

/* The header: the kept columns the file has, where they are, and where the
 * condition's column is. */
static int table_header(struct table_load *tl, char **fields, size_t n)
{
	struct mb_csv_table *t = tl->t;
	size_t k = 0;

	tl->nfields = n;
	tl->cond = tl->col ? mb_csv_field_index(fields, n, tl->col) : -1;
	if (!(tl->at = calloc(n + 1, sizeof(*tl->at))))
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		int kept = !tl->keep;

		for (const char *const *c = tl->keep; c && *c && !kept; c++)
			kept = !strcmp(*c, fields[i]);
		if (kept)
			tl->at[k++] = i;
	}
	t->ncols = k;
	t->header = dup_fields(fields, tl->at, k);
	return t->header ? 0 : -ENOMEM;
}

static int table_record(void *ctx, size_t line, char **fields, size_t n)
{
	struct table_load *tl = ctx;
	struct mb_csv_table *t = tl->t;
	char **copy;

	if (!t->header)
		return table_header(tl, fields, n);
	if (n != tl->nfields) {
		snprintf(tl->err, tl->errlen, "line %zu: %zu fields, but the header has %zu", line, n,
			 tl->nfields);
		return -EINVAL;
	}
	if (tl->col && (tl->cond < 0 || strcmp(fields[tl->cond], tl->is)))
		return 0;
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		char ***nr = realloc(t->rows, cap * sizeof(*nr));
		size_t *nl = realloc(t->lines, cap * sizeof(*nl));

		if (nr)
			t->rows = nr;
		if (nl)
			t->lines = nl;
		if (!nr || !nl)
			return -ENOMEM;
		t->cap = cap;
	}
	copy = dup_fields(fields, tl->at, t->ncols);
	if (!copy)
		return -ENOMEM;
	t->lines[t->nrows] = line;
	t->rows[t->nrows++] = copy;
	return 0;
}

int mb_csv_table_load_where(const char *path, struct mb_csv_table *t, const char *const *keep,
			    const char *col, const char *is, char *err, size_t errlen)
{
	struct table_load tl = {.t = t, .keep = keep, .col = col, .is = is, .err = err, .errlen = errlen};
	FILE *f = mb_csv_open_input(path, err, errlen);
	int rc;

	memset(t, 0, sizeof(*t));
	if (!f)
		return -errno;
	err[0] = '\0';
	rc = mb_csv_read(f, table_record, &tl, err, errlen);
	fclose(f);
	free(tl.at);
	if (rc == -ENOMEM && !err[0])
		snprintf(err, errlen, "out of memory");
	if (!rc && !t->header) {
		snprintf(err, errlen, "%s: empty file, no header", path);
		rc = -EINVAL;
	}
	if (rc)
		mb_csv_table_free(t);
	return rc;
}

int mb_csv_table_load(const char *path, struct mb_csv_table *t, char *err, size_t errlen)
{
	return mb_csv_table_load_where(path, t, NULL, NULL, NULL, err, errlen);
}

void mb_csv_table_free(struct mb_csv_table *t)
{
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++)
			free(t->rows[r][c]);
		free(t->rows[r]);
	}
	if (t->header)
		for (size_t c = 0; c < t->ncols; c++)
			free(t->header[c]);
	free(t->header);
	free(t->rows);
	free(t->lines);
	memset(t, 0, sizeof(*t));
}

long mb_csv_table_col(const struct mb_csv_table *t, const char *name)
{
	return mb_csv_field_index(t->header, t->ncols, name);
}

/* --- results sink -------------------------------------------------------- */

struct header_check {
	const char *const *want;
	size_t n;
	int match;
};

static int first_record(void *ctx, size_t line, char **fields, size_t n)
{
	struct header_check *hc = ctx;

	(void)line;
	hc->match = n == hc->n;
	for (size_t i = 0; hc->match && i < n; i++)
		hc->match = !strcmp(fields[i], hc->want[i]);
	return 1; /* stop after the header */
}

/* 0 if the existing file may be appended to; *empty when it has no bytes. */
static int check_existing(const char *label, const char *path, const char *const *header, size_t n,
			  int *empty, char *err, size_t errlen)
{
	struct header_check hc = {.want = header, .n = n};
	char rerr[256], last;
	FILE *f = fopen(path, "re");
	int rc;

	if (!f) {
		rc = -errno;
		snprintf(err, errlen, "%s %s: %s", label, path, strerror(errno));
		return rc;
	}
	if (fseek(f, 0, SEEK_END) || ftell(f) < 0) {
		snprintf(err, errlen, "%s %s: not a seekable regular file", label, path);
		fclose(f);
		return -EINVAL;
	}
	*empty = ftell(f) == 0;
	if (*empty) {
		fclose(f);
		return 0;
	}
	fseek(f, -1, SEEK_END);
	last = (char)fgetc(f);
	rewind(f);
	rc = mb_csv_read(f, first_record, &hc, rerr, sizeof(rerr));
	fclose(f);
	if (rc < 0 || !hc.match) {
		snprintf(err, errlen,
			 "%s %s exists and its header is not this mapbench schema; refusing to "
			 "append (choose another file)", label, path);
		return -EEXIST;
	}
	if (last != '\n') {
		snprintf(err, errlen, "%s %s does not end in a newline (a partial row?); refusing to append",
			 label, path);
		return -EINVAL;
	}
	return 0;
}

static void say_errno(const struct mb_csv_out *o, int rc, char *err, size_t errlen)
{
	const char *what = rc == -ENOSPC ? "disk full (No space left on device)" :
			   rc == -EDQUOT ? "disk quota exceeded" : strerror(-rc);

	snprintf(err, errlen, "%s %s: %s; nothing of this record was kept, the records before it are "
		 "whole", o->label, o->path ? o->path : "-", what);
}

/* The exclusive lock of the file, saying once on stderr when another
 * mapbench holds it. 0 or -errno. */
static int lock_out(struct mb_csv_out *o)
{
	if (!flock(o->fd, LOCK_EX | LOCK_NB))
		return 0;
	if (errno != EWOULDBLOCK)
		return -errno;
	if (!o->said_wait) {
		mb_warn("%s %s: another mapbench is appending to it; waiting for its turn", o->label,
			o->path);
		o->said_wait = 1;
	}
	while (flock(o->fd, LOCK_EX))
		if (errno != EINTR)
			return -errno;
	return 0;
}

/* The file was removed (its creating run gave up while it held only the
 * header): start it again at path, under the lock. 0 or -errno. */
static int reopen(struct mb_csv_out *o, struct stat *st)
{
	int fd = open(o->path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644), rc;

	if (fd < 0)
		return -errno;
	flock(o->fd, LOCK_UN);
	close(o->fd);
	o->fd = fd;
	o->end = 0;
	if ((rc = lock_out(o)) || fstat(fd, st))
		return rc ? rc : -errno;
	if (st->st_size == 0) {
		if ((rc = write_all(fd, o->header, o->header_len))) {
			if (ftruncate(fd, 0)) {
				/* nothing more to undo */
			}
			return rc;
		}
		o->end = (long long)o->header_len;
		st->st_size = (off_t)o->header_len;
	}
	return 0;
}

int mb_csv_out_append(struct mb_csv_out *o, const char *text, size_t len, char *err, size_t errlen)
{
	struct stat st;
	off_t old;
	int rc;

	if (!o->regular) {
		if ((rc = write_all(o->fd, text, len)))
			say_errno(o, rc, err, errlen);
		return rc;
	}
	if ((rc = lock_out(o)))
		goto out;
	if (fstat(o->fd, &st)) {
		rc = -errno;
		goto out_unlock;
	}
	if (st.st_nlink == 0 && o->path && (rc = reopen(o, &st)))
		goto out_unlock;
	if ((long long)st.st_size != o->end)
		o->foreign = 1;
	old = st.st_size;
	rc = write_all(o->fd, text, len); /* O_APPEND, under the lock: at old */
	if (rc) {
		if (ftruncate(o->fd, old)) {
			/* the error already says what happened */
		}
	} else {
		o->end = (long long)old + (long long)len;
	}
out_unlock:
	flock(o->fd, LOCK_UN);
out:
	if (rc)
		say_errno(o, rc, err, errlen);
	return rc;
}

/* The header of an empty file, written under the lock unless another run
 * wrote it first (runs that start one new file together); then its header
 * must be o's. 0 or -errno with err set. */
static int start_file(struct mb_csv_out *o, char *err, size_t errlen)
{
	char *got;
	ssize_t n;
	int rc;

	if (!o->regular)
		return mb_csv_out_append(o, o->header, o->header_len, err, errlen);
	if ((rc = lock_out(o))) {
		say_errno(o, rc, err, errlen);
		return rc;
	}
	o->end = (long long)lseek(o->fd, 0, SEEK_END);
	if (o->end > 0) { /* started by another run meanwhile */
		got = malloc(o->header_len);
		n = got ? pread(o->fd, got, o->header_len, 0) : -1;
		rc = n == (ssize_t)o->header_len && !memcmp(got, o->header, o->header_len) ? 0 : -EEXIST;
		free(got);
		flock(o->fd, LOCK_UN);
		o->appended = 1;
		if (rc)
			snprintf(err, errlen, "%s %s was started by another writer with another header; "
				 "refusing to append (choose another file)", o->label, o->path);
		return rc;
	}
	/* still locked: the append takes the lock it holds, and releases it */
	return mb_csv_out_append(o, o->header, o->header_len, err, errlen);
}

int mb_csv_out_row(struct mb_csv_out *o, const char *const *fields, size_t n, char *err,
		   size_t errlen)
{
	size_t len;
	char *line = mb_csv_format(fields, n, &len);
	int rc;

	if (!line) {
		say_errno(o, -ENOMEM, err, errlen);
		return -ENOMEM;
	}
	rc = mb_csv_out_append(o, line, len, err, errlen);
	free(line);
	return rc;
}

int mb_csv_out_open(struct mb_csv_out *o, const char *label, const char *path,
		    const char *const *header, size_t n, char *err, size_t errlen)
{
	struct stat st;
	int empty = 1, rc;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	o->label = label;
	if (!path || !strcmp(path, "-")) {
		o->fd = STDOUT_FILENO;
		return mb_csv_out_row(o, header, n, err, errlen);
	}
	if (!(o->path = strdup(path)) || !(o->header = mb_csv_format(header, n, &o->header_len))) {
		snprintf(err, errlen, "%s %s: %s", label, path, strerror(ENOMEM));
		mb_csv_out_close(o);
		return -ENOMEM;
	}
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			snprintf(err, errlen, "%s %s: Is a directory", label, path);
			mb_csv_out_close(o);
			return -EISDIR;
		}
		if ((rc = check_existing(label, path, header, n, &empty, err, errlen))) {
			mb_csv_out_close(o);
			return rc;
		}
		o->fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
		o->appended = !empty;
	} else {
		o->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
		if (o->fd >= 0 && !(o->created = strdup(path))) {
			close(o->fd);
			unlink(path);
			o->fd = -1;
			errno = ENOMEM;
		}
	}
	if (o->fd < 0 || fstat(o->fd, &st)) {
		rc = -errno;
		snprintf(err, errlen, "%s %s: %s", label, path, strerror(errno));
		mb_csv_out_close(o);
		return rc;
	}
	o->owned = 1;
	o->regular = S_ISREG(st.st_mode);
	o->end = (long long)st.st_size;
	if (empty && (rc = start_file(o, err, errlen))) {
		mb_csv_out_discard(o);
		return rc;
	}
	return 0;
}

int mb_csv_out_close(struct mb_csv_out *o)
{
	int rc = 0;

	if (o->owned && o->fd >= 0 && close(o->fd))
		rc = -errno;
	o->fd = -1;
	o->owned = 0;
	free(o->created);
	free(o->path);
	free(o->header);
	o->created = o->path = o->header = NULL;
	return rc;
}

void mb_csv_out_discard(struct mb_csv_out *o)
{
	struct stat fst, pst;

	/* Under the lock, so no other run appends between the look and the
	 * unlink; only a file that holds exactly what this sink wrote. */
	if (o->created && o->fd >= 0 && o->regular && !lock_out(o)) {
		if (!fstat(o->fd, &fst) && !stat(o->created, &pst) && fst.st_ino == pst.st_ino &&
		    fst.st_dev == pst.st_dev && !o->foreign && (long long)fst.st_size == o->end)
			unlink(o->created);
		flock(o->fd, LOCK_UN);
	}
	mb_csv_out_close(o);
}
