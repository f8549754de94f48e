// SPDX-License-Identifier: GPL-2.0
/*
 * Ephemeral port selection, RFC 6056 algorithm 3 ("simple hash-based"):
 * each (protocol, local address, remote address, remote port) starts its
 * search at a keyed hash of itself, so an off-path attacker cannot guess
 * the next port from one it saw, and a global counter that moves by a
 * random step keeps reused tuples from landing on the same port.
 */
#include <linux/atomic.h>
#include <linux/random.h>
#include <linux/siphash.h>

#include <tinyip/addr.h>
#include <tinyip/udp.h>

static siphash_key_t tip_port_key __read_mostly;
static atomic_t tip_port_next = ATOMIC_INIT(0);

void tip_port_init(void)
{
	get_random_bytes(&tip_port_key, sizeof(tip_port_key));
	atomic_set(&tip_port_next, get_random_u32());
}

/*
 * A port for which @busy says no, or 0 when the whole range is taken.
 * @busy runs under the caller's lock, which also keeps the answer valid.
 */
u16 tip_port_pick(u8 proto, const struct in6_addr *laddr,
		  const struct in6_addr *raddr, __be16 rport,
		  bool (*busy)(void *arg, u16 port), void *arg)
{
	const u32 num = TIP_PORT_EPHEMERAL_HI - TIP_PORT_EPHEMERAL_LO + 1;
	u32 offset, next, i;

	offset = tip_addr_hash(laddr, raddr, (__force u32)rport, proto,
			       &tip_port_key);
	next = atomic_add_return(1 + get_random_u32_below(8), &tip_port_next);
	for (i = 0; i < num; i++) {
		u16 port = TIP_PORT_EPHEMERAL_LO + (offset + next + i) % num;

		if (!busy(arg, port))
			return port;
	}
	return 0;
}
