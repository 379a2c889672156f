/* consume.c: what a method does with the bytes it got (column `consume`):
 * sum checksums every byte; touch reads one byte per page (fault and mapping
 * cost alone, as mmapbench measures); copy memcpy's the block into a buffer
 * first (as fio's mmap engine does), so mmap moves as many bytes as read(2).
 * For writes, copy is what every write method does (the source's bytes into
 * the file); increment is the rmw methods' (add 1 to each 4-byte integer). */
#include "checksum.h"
#include "method.h"

#include <errno.h>
#include <string.h>

static const char *const names[MB_CONSUME_COUNT] = {"sum", "touch", "copy", "increment"};

const char *mb_consume_name(enum mb_consume c)
{
	return c < MB_CONSUME_COUNT ? names[c] : "?";
}

int mb_consume_parse(const char *name, enum mb_consume *out)
{
	for (int i = 0; i < MB_CONSUME_COUNT; i++)
		if (!strcmp(names[i], name)) {
			*out = (enum mb_consume)i;
			return 0;
		}
	return -EINVAL;
}

/* The first byte of every page whose start lies in [off, off + len). */
static uint64_t touch(uint64_t off, const unsigned char *p, size_t len)
{
	uint64_t ps = (uint64_t)mb_page_size(), sum = 0;

	for (uint64_t o = (off + ps - 1) / ps * ps; o < off + len; o += ps)
		sum += mb_csum_byte(o, p[o - off]);
	return sum;
}

uint64_t mb_consume(struct mb_worker *w, uint64_t off, const void *p, size_t len)
{
	switch (w->run->consume) {
	case MB_CONSUME_TOUCH:
		return touch(off, p, len);
	case MB_CONSUME_COPY:
		memcpy(w->cbuf, p, len);
		return mb_csum(off, w->cbuf, len);
	default:
		return mb_csum(off, p, len);
	}
}

uint64_t mb_consume_bytes(enum mb_consume mode, uint64_t off, const void *p, size_t len)
{
	return mode == MB_CONSUME_TOUCH ? touch(off, p, len) : mb_csum(off, p, len);
}
