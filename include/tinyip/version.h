/* SPDX-License-Identifier: GPL-2.0 */
/* The one place the module's version is set; reported by INFO_GET. */
#ifndef _TINYIP_VERSION_H
#define _TINYIP_VERSION_H

#define TINYIP_VERSION "0.1.0"

#endif /* _TINYIP_VERSION_H */
