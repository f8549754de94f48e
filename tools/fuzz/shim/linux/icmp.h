/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: the ICMP types and codes (RFC 792) the IPv4 core sends. */
#ifndef _TIP_SHIM_LINUX_ICMP_H
#define _TIP_SHIM_LINUX_ICMP_H

#define ICMP_DEST_UNREACH	3
#define ICMP_TIME_EXCEEDED	11
#define ICMP_PARAMETERPROB	12
#define ICMP_EXC_TTL		0
#define ICMP_EXC_FRAGTIME	1

#endif /* _TIP_SHIM_LINUX_ICMP_H */
