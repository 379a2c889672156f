/* csvio.h: every CSV read and write of mapbench, through libcsv.
 *
 * Writing: one record is formatted in memory and written with a single
 * write(2) under a lock of the file, and undone when the write fails (a full
 * disk), so neither an interrupted run nor a full disk leaves half a row
 * behind; an existing file is only ever appended to, after its header was
 * checked, and never removed.
 * Reading: records are streamed to a callback with the line they start on, so
 * errors can name it. */
#ifndef MB_CSVIO_H
#define MB_CSVIO_H

#include <stddef.h>
#include <stdio.h>

/* Formats one RFC 4180 record (fields quoted only when they need it, quotes
 * doubled) ending in "\n". Returns a malloc'ed string (length in *len) or NULL. */
char *mb_csv_format(const char *const *fields, size_t n, size_t *len);

/* Writes one record with one write(2). 0 or -errno. */
int mb_csv_write_fd(int fd, const char *const *fields, size_t n);
/* Writes already formatted records (from mb_csv_format) at once. 0 or -errno. */
int mb_csv_write_raw(int fd, const char *text, size_t len);

/* A results sink: stdout, or a file created new or appended to. Appends to
 * a regular file are whole: under an exclusive flock(2) of the file (held
 * only for the one append, so concurrent runs on one file take turns and
 * never wait for each other otherwise), the text goes out with one write(2),
 * and a short write or an error (a full disk) truncates the file back to its
 * length before the append. */
struct mb_csv_out {
	int fd;
	int owned;      /* close on mb_csv_out_close */
	int appended;   /* 1 when an existing file with the same header is extended */
	int regular;    /* a regular file: appends are locked and undone on failure */
	int foreign;    /* another writer appended to the file since it was opened */
	int said_wait;  /* "waiting for ..." was said once */
	long long end;  /* the file's length after this sink's last append */
	const char *label; /* "--out", "--lat-out": how messages name the file */
	char *path;     /* the file's path, NULL for stdout */
	char *created;  /* path, when this sink created the file */
	char *header;   /* the formatted header, to start the file again if its
			 * creator removed it meanwhile */
	size_t header_len;
};

/* Opens path for results with the given header (path NULL or "-": stdout);
 * label names the option in messages ("--out"). A new file gets the header.
 * An existing file is appended to only if its first record equals header and
 * it ends in a newline; otherwise -EEXIST/-EINVAL and a one-line reason in
 * err. A missing directory gives -ENOENT. */
int mb_csv_out_open(struct mb_csv_out *o, const char *label, const char *path,
		    const char *const *header, size_t n, char *err, size_t errlen);
/* Appends formatted records whole (see above). 0 or -errno with the reason in
 * err, naming the file ("--out r.csv: disk full (No space left on device) ..."). */
int mb_csv_out_append(struct mb_csv_out *o, const char *text, size_t len, char *err, size_t errlen);
/* One record, formatted and appended whole. 0 or -errno with err set. */
int mb_csv_out_row(struct mb_csv_out *o, const char *const *fields, size_t n, char *err,
		   size_t errlen);
int mb_csv_out_close(struct mb_csv_out *o);
/* Closes, and removes the file if this sink created it and it holds only
 * what this sink wrote (nobody else appended to it): a results file another
 * run wrote to is never removed. */
void mb_csv_out_discard(struct mb_csv_out *o);

/* Records gathered in memory, then appended whole with one write(2) (a
 * repetition's latency buckets or timeline intervals, like a results row). */
struct mb_csv_batch {
	FILE *m;
	char *buf;
	size_t len;
	int rc;
};
/* 0 or -ENOMEM. */
int mb_csv_batch_open(struct mb_csv_batch *b);
/* Adds one record (a failure is kept for mb_csv_batch_write). */
void mb_csv_batch_add(struct mb_csv_batch *b, const char *const *fields, size_t n);
/* Appends what was added to o (mb_csv_out_append) and frees the batch: 0 or
 * -errno with err set. */
int mb_csv_batch_write(struct mb_csv_batch *b, struct mb_csv_out *o, char *err, size_t errlen);
/* Writes what was added to fd (a file of the caller's, or stdout) with
 * mb_csv_write_raw and frees the batch: 0 or -errno. */
int mb_csv_batch_write_fd(struct mb_csv_batch *b, int fd);

/* Streaming reader. cb gets each record (fields NUL-terminated) and the line
 * it starts on; a non-zero return from cb stops the read and is returned. */
typedef int (*mb_csv_record_cb)(void *ctx, size_t line, char **fields, size_t n);
/* 0, the callback's non-zero value, or -EINVAL/-EIO/-ENOMEM with the reason
 * ("line 12: unterminated quoted field") in err. */
int mb_csv_read(FILE *f, mb_csv_record_cb cb, void *ctx, char *err, size_t errlen);
/* mb_csv_read of f, with every error (the callback's too, when it left one in
 * err) starting "name: ". */
int mb_csv_read_named(FILE *f, const char *name, mb_csv_record_cb cb, void *ctx, char *err,
		      size_t errlen);

/* Opens an input file for the readers: a regular file or a pipe (a FIFO
 * with no writer reads as empty instead of blocking); a folder, a device
 * (/dev/zero) or a socket is refused. NULL with errno and "path: reason" in
 * err when it cannot be read. */
FILE *mb_csv_open_input(const char *path, char *err, size_t errlen);

/* Index of column name among the n header fields, or -1. */
long mb_csv_field_index(char **fields, size_t n, const char *name);

/* A whole file in memory: header plus rows of exactly header-many fields. */
struct mb_csv_table {
	size_t ncols, nrows;
	char **header;
	char ***rows;
	size_t *lines; /* line each row starts on */
	size_t cap;
};

/* Reads path; a row with a different field count is an error naming its line. */
int mb_csv_table_load(const char *path, struct mb_csv_table *t, char *err, size_t errlen);
/* The same, keeping only the rows whose column col is `is` (col NULL: every
 * row) and of those the columns named in keep (NULL-terminated; NULL: every
 * column), for large files of which little is needed. */
int mb_csv_table_load_where(const char *path, struct mb_csv_table *t, const char *const *keep,
			    const char *col, const char *is, char *err, size_t errlen);
void mb_csv_table_free(struct mb_csv_table *t);
/* Index of a header column, or -1. */
long mb_csv_table_col(const struct mb_csv_table *t, const char *name);

#endif
