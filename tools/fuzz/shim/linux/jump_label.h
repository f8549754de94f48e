/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: nothing. The host builds leave CONFIG_TINYIP_FAULT out,
 * so fault.h's wrappers are the plain calls and need no static keys.
 */
#ifndef _TIP_SHIM_LINUX_JUMP_LABEL_H
#define _TIP_SHIM_LINUX_JUMP_LABEL_H

#endif /* _TIP_SHIM_LINUX_JUMP_LABEL_H */
