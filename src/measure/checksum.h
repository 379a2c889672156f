/* checksum.h: the one checksum every method runs over every byte it reads.
 *
 * It is a sum over file positions, so the checksum of a file is the sum of the
 * checksums of any set of pieces that cover it exactly once, in any order: seq,
 * rand, any block size and any number of threads give the same value. The file
 * is cut into 4 KiB pages (whatever the system page size); page p has four
 * fixed pseudo-random weights A(p), B(p), C(p), D(p): the splitmix64 outputs
 * for 4p .. 4p+3, with A and C made odd (lowest bit set), B even (lowest bit
 * cleared) and D a multiple of 4 (two lowest bits cleared). Each 8-byte
 * little-endian word w at word index j of page p adds
 *     w * (A(p) + B(p) * (j + 1))                  the value term
 * (a word cut short by the piece counts its missing bytes as zero), and each
 * byte at byte position pos (0..4095) of page p, whatever its value, adds
 *     C(p) + D(p) * (pos + 1)                      the position term
 * all mod 2^64. A byte read from the wrong place, a block read twice or a
 * block skipped changes the value, also when the bytes are zero: without the
 * position term an all-zero page would add 0, and skipping it would pass.
 * The low bits make two cases certain, not just likely: a word weight
 * A + B (j + 1) is odd, so a change to one word, even to its top bit, always
 * changes the sum; and the position term of n > 0 bytes b .. b+n-1 of one
 * page, n C + D n (2b + n + 1) / 2, is 2^k times an odd number (2^k the
 * largest power of two dividing n), never 0, so a skipped run of zero bytes is
 * always seen. The position term of a piece is computed in closed form (a few
 * multiplies per piece), so the per-byte cost is the value term's alone.
 *
 * The algorithm's name is MB_CHECKSUM_ALG. Any change to the function, which
 * changes every checksum, must come with a new name: dataset manifests record
 * it and recompute checksums of another name (see dataset.c). */
#ifndef MB_CHECKSUM_H
#define MB_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

#define MB_CHECKSUM_ALG "mbsum-v2"

/* Checksum of the len bytes at p, which sit at byte offset file_off of the file. */
uint64_t mb_csum(uint64_t file_off, const void *p, size_t len);

/* Checksum of a single byte value at file_off (touch-style consumers):
 * mb_csum(file_off, &byte, 1). */
uint64_t mb_csum_byte(uint64_t file_off, unsigned char byte);

#endif
