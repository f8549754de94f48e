/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: the errno values the wire parsers and their headers use. */
#ifndef _TIP_SHIM_LINUX_ERRNO_H
#define _TIP_SHIM_LINUX_ERRNO_H

#define ENOSPC		28
#define EINVAL		22
#define ENAMETOOLONG	36
#define EMSGSIZE	90
#define ESOCKTNOSUPPORT	94

#endif /* _TIP_SHIM_LINUX_ERRNO_H */
