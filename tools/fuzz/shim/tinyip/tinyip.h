/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for include/tinyip/tinyip.h: struct tip_net with only
 * the members the protocol core built on the host touches (the memory
 * budget, the instance lock, the IP layers' state), so that reassembly
 * (RFC 791 3.2, RFC 8200 4.5) builds without the transports. The shim
 * directory comes first on the include path; what the real header
 * declares beyond this the host builds do not use, and a file that
 * needed more would not compile.
 */
#ifndef _TINYIP_TINYIP_H
#define _TINYIP_TINYIP_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include <tinyip/ip4.h>
#include <tinyip/ip6.h>
#include <tinyip/mem.h>

struct tip_if;

struct tip_net {
	struct tip_mem mem;
	spinlock_t lock;	/* the one instance lock */
	struct list_head ifs;
	struct tip_if *lo;
	struct tip_ip4_net ip4;
	struct tip_ip6_net ip6;
};

#endif /* _TINYIP_TINYIP_H */
