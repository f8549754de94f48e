/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: fault.h wraps genlmsg_new(); the host builds of the
 * protocol core send no netlink, so the declaration is all they need.
 */
#ifndef _TIP_SHIM_NET_GENETLINK_H
#define _TIP_SHIM_NET_GENETLINK_H

#include <linux/skbuff.h>

struct sk_buff *genlmsg_new(size_t payload, gfp_t gfp);

#endif /* _TIP_SHIM_NET_GENETLINK_H */
