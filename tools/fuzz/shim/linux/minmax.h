/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: min() and max() live in the shim's linux/types.h. */
#ifndef _TIP_SHIM_LINUX_MINMAX_H
#define _TIP_SHIM_LINUX_MINMAX_H

#include <linux/types.h>

#endif /* _TIP_SHIM_LINUX_MINMAX_H */
