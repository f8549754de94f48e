/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: work items tinyip's headers embed; never queued here. */
#ifndef _TIP_SHIM_LINUX_WORKQUEUE_H
#define _TIP_SHIM_LINUX_WORKQUEUE_H

#include <linux/timer.h>

struct work_struct {
	void (*func)(struct work_struct *work);
};

struct delayed_work {
	struct work_struct work;
	struct timer_list timer;
};

#endif /* _TIP_SHIM_LINUX_WORKQUEUE_H */
