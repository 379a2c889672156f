/* busguard.h: a SIGBUS during a repetition's io, or during a read of a
 * mapping the core makes itself, becomes an error row, not a crash. A mapping faults with SIGBUS when the page it touches lies past the
 * end of the file (another process truncated it) or cannot be allocated (a
 * full tmpfs, a store into a hole of a full filesystem). Each worker arms the
 * guard around its io; the process-wide handler jumps back to the worker that
 * faulted, which reports the faulting address. A SIGBUS outside an armed io
 * keeps its default action. */
#ifndef MB_BUSGUARD_H
#define MB_BUSGUARD_H

#include <setjmp.h>
#include <stdint.h>

/* Installs the handler (once per process; later calls do nothing). 0 or -errno. */
int mb_busguard_install(void);

struct mb_busguard {
	sigjmp_buf env;
	volatile uintptr_t addr; /* the faulting address, once caught */
};

/* Arm and disarm the calling thread's guard. Use as
 *     if (sigsetjmp(g.env, 1) == 0) { mb_busguard_arm(&g); work(); }
 *     else { the SIGBUS at g.addr }
 *     mb_busguard_disarm();
 */
void mb_busguard_arm(struct mb_busguard *g);
void mb_busguard_disarm(void);

/* Runs fn(arg) with a guard armed (the calling thread's previous guard, if
 * any, is armed again after): fn's return value, or -EFAULT when a SIGBUS
 * ended fn (the address in *addr when addr is not NULL). For the core's own
 * reads of a mapping (probes of the page cache) outside a repetition's io;
 * fn must hold nothing a jump out of it would leak. */
int mb_busguard_call(int (*fn)(void *), void *arg, uintptr_t *addr);

#endif
