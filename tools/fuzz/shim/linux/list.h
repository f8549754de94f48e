/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: the list types that tinyip's headers embed in structs. */
#ifndef _TIP_SHIM_LINUX_LIST_H
#define _TIP_SHIM_LINUX_LIST_H

#include <linux/types.h>

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct hlist_head {
	struct hlist_node *first;
};

#endif /* _TIP_SHIM_LINUX_LIST_H */
