/* csvio.h: every CSV read and write of mapbench, through libcsv.
 *
 * Writing: one record is formatted in memory and written with a single
 * write(2), so an interrupted run never leaves half a row behind, and an
 * existing file is only ever appended to, after its header was checked.
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

/* Records gathered in memory, then written with one write(2) (a
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
/* Writes what was added with one write(2) and frees the batch: 0 or -errno. */
int mb_csv_batch_write(struct mb_csv_batch *b, int fd);

/* A results sink: stdout, or a file created new or appended to. */
struct mb_csv_out {
	int fd;
	int owned;      /* close on mb_csv_out_close */
	int appended;   /* 1 when an existing file with the same header is extended */
	char *created;  /* path, when this sink created the file */
};

/* Opens path for results with the given header (path NULL or "-": stdout).
 * A new file gets the header. An existing file is appended to only if its first
 * record equals header and it ends in a newline; otherwise -EEXIST/-EINVAL and
 * a one-line reason in err. A missing directory gives -ENOENT. */
int mb_csv_out_open(struct mb_csv_out *o, const char *path, const char *const *header, size_t n,
		    char *err, size_t errlen);
int mb_csv_out_close(struct mb_csv_out *o);
/* Closes, and removes the file if this sink created it (nothing written yet). */
void mb_csv_out_discard(struct mb_csv_out *o);

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
