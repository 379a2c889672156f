/* checksum.h: the one checksum every method runs over every byte it reads.
 *
 * It is a sum over file positions, so the checksum of a file is the sum of the
 * checksums of any set of pieces that cover it exactly once, in any order: seq,
 * rand, any block size and any number of threads give the same value. Each
 * 8-byte little-endian word w at word index j of page p (4 KiB pages of the
 * file, whatever the system page size) contributes
 *     w * (A(p) + B(p) * (j + 1))        mod 2^64
 * with A, B fixed pseudo-random weights per page, so a byte read from the wrong
 * place, a block read twice or a block skipped changes the value. */
#ifndef MB_CHECKSUM_H
#define MB_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

/* Checksum of the len bytes at p, which sit at byte offset file_off of the file. */
uint64_t mb_csum(uint64_t file_off, const void *p, size_t len);

/* Checksum of a single byte value at file_off (touch-style consumers). */
uint64_t mb_csum_byte(uint64_t file_off, unsigned char byte);

#endif
