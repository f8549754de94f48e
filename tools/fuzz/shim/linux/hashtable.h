/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: DECLARE_HASHTABLE, as tinyip/udp.h embeds one. */
#ifndef _TIP_SHIM_LINUX_HASHTABLE_H
#define _TIP_SHIM_LINUX_HASHTABLE_H

#include <linux/list.h>

#define DECLARE_HASHTABLE(name, bits)	struct hlist_head name[1 << (bits)]

#endif /* _TIP_SHIM_LINUX_HASHTABLE_H */
