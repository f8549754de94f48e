/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/*
 * tinyip user ABI: the address family, its socket option level and the
 * "tinyip" generic netlink family. Kept in step with uapi/tinyip.yaml,
 * which describes the same family for ynl (RFC 3549 netlink framing).
 */
#ifndef _UAPI_LINUX_TINYIP_H
#define _UAPI_LINUX_TINYIP_H

/*
 * No in-tree protocol registers 22 (it was reserved for SNA) in 6.1 or 6.12,
 * and unlike 25 and 27 no well-known out-of-tree module claims it either.
 * The module parameter "family" overrides it at load time; the live value
 * is reported by TINYIP_CMD_INFO_GET.
 */
#define AF_TINYIP		22
#define PF_TINYIP		AF_TINYIP

/* Level for tinyip-specific socket options; above every in-tree SOL_*. */
#define SOL_TINYIP		299

#define TINYIP_GENL_NAME	"tinyip"
#define TINYIP_GENL_VERSION	1
#define TINYIP_MCGRP_CONFIG	"config"

/*
 * Build features, reported as a bitmask in TINYIP_A_FEATURES. A bit is set
 * only when the part is compiled into the running module, so tools can
 * refuse early instead of failing half-way.
 */
enum tinyip_feature {
	TINYIP_FEATURE_MEM_BUDGET = 1ULL << 0,	/* per-netns memory budget */
	TINYIP_FEATURE_IPV4 = 1ULL << 1,
	TINYIP_FEATURE_IPV6 = 1ULL << 2,
	TINYIP_FEATURE_UDP = 1ULL << 3,
	TINYIP_FEATURE_TCP = 1ULL << 4,
	TINYIP_FEATURE_RAW = 1ULL << 5,
};

enum tinyip_attr {
	TINYIP_A_UNSPEC,
	TINYIP_A_PAD,
	TINYIP_A_VERSION,	/* string: module version */
	TINYIP_A_FAMILY,	/* u32: the live AF_TINYIP number */
	TINYIP_A_FEATURES,	/* u64: enum tinyip_feature bits */
	TINYIP_A_INSTANCE,	/* u32: id of this netns's instance */
	TINYIP_A_MEM_BUDGET,	/* u64: bytes; 0 means no limit */
	TINYIP_A_MEM_USED,	/* u64: bytes charged to the budget now */
	TINYIP_A_MEM_FAILED,	/* u64: allocations refused by the budget */

	__TINYIP_A_MAX,
	TINYIP_A_MAX = __TINYIP_A_MAX - 1
};

enum tinyip_cmd {
	TINYIP_CMD_UNSPEC,
	TINYIP_CMD_INFO_GET,	/* version, family, features, instance */
	TINYIP_CMD_CONFIG_GET,	/* this netns's settings and usage */
	TINYIP_CMD_CONFIG_SET,	/* needs CAP_NET_ADMIN over the netns */
	TINYIP_CMD_CONFIG_NTF,	/* sent on "config" after a change */

	__TINYIP_CMD_MAX,
	TINYIP_CMD_MAX = __TINYIP_CMD_MAX - 1
};

#endif /* _UAPI_LINUX_TINYIP_H */
