/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: the errno values the wire parsers, the protocol core
 * built on the host and their headers use.
 */
#ifndef _TIP_SHIM_LINUX_ERRNO_H
#define _TIP_SHIM_LINUX_ERRNO_H

#define ENOMEM		12
#define EFAULT		14
#define EEXIST		17
#define ENOSPC		28
#define EINVAL		22
#define ENAMETOOLONG	36
#define EMSGSIZE	90
#define EPROTONOSUPPORT	93
#define ESOCKTNOSUPPORT	94
#define EOPNOTSUPP	95
#define ENOBUFS		105
#define ECONNREFUSED	111

#endif /* _TIP_SHIM_LINUX_ERRNO_H */
