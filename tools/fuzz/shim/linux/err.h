/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: error values in pointers, as the stubs of tinyip/raw.h use. */
#ifndef _TIP_SHIM_LINUX_ERR_H
#define _TIP_SHIM_LINUX_ERR_H

#include <linux/types.h>

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

#endif /* _TIP_SHIM_LINUX_ERR_H */
