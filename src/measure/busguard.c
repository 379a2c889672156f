/* busguard.c: SIGBUS during a worker's io, or a probe's read of a mapping,
 * turned into an error (see busguard.h). */
#include "busguard.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>

static __thread struct mb_busguard *armed;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int install_rc;

static void on_sigbus(int sig, siginfo_t *si, void *uc)
{
	struct mb_busguard *g = armed;

	(void)uc;
	if (!g) { /* not in an armed io: the default action */
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	armed = NULL;
	g->addr = (uintptr_t)si->si_addr;
	siglongjmp(g->env, 1);
}

static void install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigbus;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	install_rc = sigaction(SIGBUS, &sa, NULL) ? -errno : 0;
}

int mb_busguard_install(void)
{
	pthread_once(&once, install);
	return install_rc;
}

void mb_busguard_arm(struct mb_busguard *g)
{
	g->addr = 0;
	armed = g;
}

void mb_busguard_disarm(void)
{
	armed = NULL;
}

int mb_busguard_call(int (*fn)(void *), void *arg, uintptr_t *addr)
{
	struct mb_busguard g, *prev = armed;
	volatile int rc;

	if ((rc = mb_busguard_install()))
		return rc;
	if (sigsetjmp(g.env, 1) == 0) {
		mb_busguard_arm(&g);
		rc = fn(arg);
	} else {
		rc = -EFAULT;
		if (addr)
			*addr = g.addr;
	}
	armed = prev;
	return rc;
}
