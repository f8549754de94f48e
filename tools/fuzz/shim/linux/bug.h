/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: BUG_ON and WARN_ON stop the run (see linux/kernel.h). */
#ifndef _TIP_SHIM_LINUX_BUG_H
#define _TIP_SHIM_LINUX_BUG_H

#include <linux/kernel.h>

#endif /* _TIP_SHIM_LINUX_BUG_H */
