/* checksum.c: the position-weighted, order-independent checksum (see checksum.h).
 *
 * Inner loop: 8 lanes of two running sums (Fletcher style), which the compiler
 * turns into vector adds; the position weights are applied once per page, so
 * the cost per byte is two adds and the loop runs at memory bandwidth. The
 * position term, C(p) * nb + D(p) * sum (pos + 1) over the nb bytes of a
 * piece, does not look at the bytes: it is a closed form per piece. */
#include "checksum.h"

#include <endian.h>
#include <string.h>

#define CSUM_PAGE 4096u
#define LANES 8u

static inline uint64_t mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static inline uint64_t load64(const unsigned char *q)
{
	uint64_t w;

	memcpy(&w, q, 8);
	return le64toh(w);
}

/* Sums over nw whole words starting at word index a of a page:
 * *s = sum w, *t = sum w * (index + 1). */
static void words_sum(const unsigned char *q, uint64_t a, size_t nw, uint64_t *s, uint64_t *t)
{
	uint64_t s1[LANES] = {0}, s2[LANES] = {0};
	size_t groups = nw / LANES, i;
	uint64_t ss = 0, tt = 0;

	for (size_t g = 0; g < groups; g++) {
		const unsigned char *gq = q + g * LANES * 8;

		for (unsigned l = 0; l < LANES; l++) {
			s1[l] += load64(gq + 8 * l);
			s2[l] += s1[l];
		}
	}
	/* Lane l saw words a+l, a+l+8, ...: sum w*(j+1) = (a+l+1+8G)*s1 - 8*s2. */
	for (unsigned l = 0; l < LANES; l++) {
		ss += s1[l];
		tt += (a + l + 1 + LANES * groups) * s1[l] - LANES * s2[l];
	}
	for (i = groups * LANES; i < nw; i++) {
		uint64_t w = load64(q + 8 * i);

		ss += w;
		tt += w * (a + i + 1);
	}
	*s += ss;
	*t += tt;
}

/* A word that is only partly inside the piece: the missing bytes count as 0. */
static void partial_word(const unsigned char *q, unsigned first, unsigned n, uint64_t j,
			 uint64_t *s, uint64_t *t)
{
	uint64_t w = 0;

	for (unsigned i = 0; i < n; i++)
		w |= (uint64_t)q[i] << (8 * (first + i));
	*s += w;
	*t += w * (j + 1);
}

/* Checksum of a piece that lies within one 4 KiB page of the file. */
static uint64_t page_piece(uint64_t file_off, const unsigned char *q, size_t len)
{
	uint64_t page = file_off / CSUM_PAGE;
	uint64_t b = file_off % CSUM_PAGE; /* byte position in the page */
	/* position term: the piece's nb bytes at positions b .. b+nb-1, and the
	 * sum of (pos + 1) over them, nb (2b + nb + 1) / 2 (an even product) */
	uint64_t nb = len, spos = nb * (2 * b + nb + 1) / 2;
	uint64_t s = 0, t = 0;

	if (b % 8) {
		unsigned first = (unsigned)(b % 8);
		unsigned n = 8 - first;

		if (n > len)
			n = (unsigned)len;
		partial_word(q, first, n, b / 8, &s, &t);
		q += n;
		b += n;
		len -= n;
	}
	if (len >= 8) {
		size_t nw = len / 8;

		words_sum(q, b / 8, nw, &s, &t);
		q += nw * 8;
		b += nw * 8;
		len -= nw * 8;
	}
	if (len)
		partial_word(q, 0, (unsigned)len, b / 8, &s, &t);
	/* A and C odd, B even, D a multiple of 4 (checksum.h) */
	return (mix64(4 * page) | 1) * s + (mix64(4 * page + 1) & ~1ull) * t +
	       (mix64(4 * page + 2) | 1) * nb + (mix64(4 * page + 3) & ~3ull) * spos;
}

uint64_t mb_csum(uint64_t file_off, const void *p, size_t len)
{
	const unsigned char *q = p;
	uint64_t sum = 0;

	while (len) {
		size_t room = CSUM_PAGE - (size_t)(file_off % CSUM_PAGE);
		size_t n = len < room ? len : room;

		sum += page_piece(file_off, q, n);
		file_off += n;
		q += n;
		len -= n;
	}
	return sum;
}

uint64_t mb_csum_byte(uint64_t file_off, unsigned char byte)
{
	return page_piece(file_off, &byte, 1);
}
