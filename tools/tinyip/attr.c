// SPDX-License-Identifier: GPL-2.0
/*
 * Checks the attributes of a tinyip message against the types that
 * uapi/tinyip.yaml gives them; skips padding and attributes newer than
 * this tool. Also the helpers that copy names, addresses and counter
 * nests out of them.
 */
#include <errno.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "tinyip_common.h"

static const enum mnl_attr_data_type tinyip_policy[TINYIP_A_MAX + 1] = {
	[TINYIP_A_VERSION]	= MNL_TYPE_NUL_STRING,
	[TINYIP_A_FAMILY]	= MNL_TYPE_U32,
	[TINYIP_A_FEATURES]	= MNL_TYPE_U64,
	[TINYIP_A_INSTANCE]	= MNL_TYPE_U32,
	[TINYIP_A_MEM_BUDGET]	= MNL_TYPE_U64,
	[TINYIP_A_MEM_USED]	= MNL_TYPE_U64,
	[TINYIP_A_MEM_FAILED]	= MNL_TYPE_U64,
	[TINYIP_A_MEM_PEAK]	= MNL_TYPE_U64,
	[TINYIP_A_IFINDEX]	= MNL_TYPE_U32,
	[TINYIP_A_IFNAME]	= MNL_TYPE_NUL_STRING,
	[TINYIP_A_LINK_MODE]	= MNL_TYPE_U8,
	[TINYIP_A_LINK_FLAGS]	= MNL_TYPE_U32,
	[TINYIP_A_HWADDR]	= MNL_TYPE_BINARY,
	[TINYIP_A_MTU]		= MNL_TYPE_U32,
	[TINYIP_A_LINK_STATS]	= MNL_TYPE_NESTED,
	[TINYIP_A_LINK_DROPS]	= MNL_TYPE_NESTED,
	[TINYIP_A_ADDR]		= MNL_TYPE_BINARY,
	[TINYIP_A_PREFIXLEN]	= MNL_TYPE_U8,
	[TINYIP_A_GATEWAY]	= MNL_TYPE_BINARY,
	[TINYIP_A_METRIC]	= MNL_TYPE_U32,
	[TINYIP_A_NEIGH_STATE]	= MNL_TYPE_U8,
	[TINYIP_A_FORWARDING]	= MNL_TYPE_U8,
	[TINYIP_A_BROADCAST]	= MNL_TYPE_BINARY,
	[TINYIP_A_ROUTE_FLAGS]	= MNL_TYPE_U32,
	[TINYIP_A_SOCK_PROTO]	= MNL_TYPE_U8,
	[TINYIP_A_SOCK_STATE]	= MNL_TYPE_U8,
	[TINYIP_A_SOCK_LADDR]	= MNL_TYPE_BINARY,
	[TINYIP_A_SOCK_LPORT]	= MNL_TYPE_U16,
	[TINYIP_A_SOCK_RADDR]	= MNL_TYPE_BINARY,
	[TINYIP_A_SOCK_RPORT]	= MNL_TYPE_U16,
	[TINYIP_A_SOCK_RQUEUE]	= MNL_TYPE_U32,
	[TINYIP_A_SOCK_WQUEUE]	= MNL_TYPE_U32,
	[TINYIP_A_SOCK_INFO]	= MNL_TYPE_NESTED,
	[TINYIP_A_SOCK_CC]	= MNL_TYPE_NUL_STRING,
	[TINYIP_A_SOCK_FLAGS]	= MNL_TYPE_U32,
	[TINYIP_A_TCP_STATS]	= MNL_TYPE_NESTED,
	[TINYIP_A_TCP_CC]	= MNL_TYPE_NUL_STRING,
	[TINYIP_A_ADDR_FLAGS]	= MNL_TYPE_U32,
	[TINYIP_A_VALID_LFT]	= MNL_TYPE_U32,
	[TINYIP_A_PREFERRED_LFT] = MNL_TYPE_U32,
	[TINYIP_A_NEIGH_FLAGS]	= MNL_TYPE_U32,
	[TINYIP_A_FORWARDING6]	= MNL_TYPE_U8,
	[TINYIP_A_RA_SEND]	= MNL_TYPE_U8,
	[TINYIP_A_RA_INTERVAL]	= MNL_TYPE_U32,
	[TINYIP_A_RA_LIFETIME]	= MNL_TYPE_U32,
	[TINYIP_A_MEM_CAT_USED]	= MNL_TYPE_NESTED,
	[TINYIP_A_MEM_CAT_PEAK]	= MNL_TYPE_NESTED,
	[TINYIP_A_MEM_CAT_FAILED] = MNL_TYPE_NESTED,
	[TINYIP_A_EVENT]	= MNL_TYPE_U8,
	[TINYIP_A_EVENTS_DROPPED] = MNL_TYPE_U64,
	[TINYIP_A_DNS]		= MNL_TYPE_NESTED,
	[TINYIP_A_DNS_STATS]	= MNL_TYPE_NESTED,
};

struct attr_parse {
	const struct nlattr **tb;
	unsigned int bad;	/* type of the attribute that failed */
};

static int tinyip_attr_cb(const struct nlattr *attr, void *data)
{
	struct attr_parse *p = data;
	unsigned int type = mnl_attr_get_type(attr);

	if (type > TINYIP_A_MAX || tinyip_policy[type] == MNL_TYPE_UNSPEC)
		return MNL_CB_OK;
	if (mnl_attr_validate(attr, tinyip_policy[type]) < 0) {
		p->bad = type;
		return MNL_CB_ERROR;
	}
	p->tb[type] = attr;
	return MNL_CB_OK;
}

/*
 * Fills tb from the attributes after the genetlink header and records
 * which were present; 0 or -errno. A repeated attribute keeps its last
 * instance (link.c walks TINYIP_A_LINK_DROPS itself).
 */
int tinyip_parse_present(const struct nlmsghdr *nlh,
			 const struct nlattr *tb[TINYIP_A_MAX + 1],
			 struct attr_mask *present)
{
	unsigned int i;
	int err = tinyip_parse_attrs(nlh, tb);

	if (err)
		return err;
	for (i = 0; i <= TINYIP_A_MAX; i++)
		if (tb[i])
			attr_set(present, i);
	return 0;
}

/* Fills tb from the attributes after the genetlink header; 0 or -errno. */
int tinyip_parse_attrs(const struct nlmsghdr *nlh,
		       const struct nlattr *tb[TINYIP_A_MAX + 1])
{
	struct attr_parse p = { .tb = tb };

	memset(tb, 0, sizeof(*tb) * (TINYIP_A_MAX + 1));
	if (nlh->nlmsg_len < mnl_nlmsg_size(GENL_HDRLEN)) {
		fprintf(stderr, "tinyip: malformed message from the kernel: too short\n");
		return -EBADMSG;
	}
	if (mnl_attr_parse(nlh, GENL_HDRLEN, tinyip_attr_cb, &p) < 0) {
		fprintf(stderr,
			"tinyip: malformed message from the kernel: bad attribute %u\n",
			p.bad);
		return -EBADMSG;
	}
	return 0;
}

/* The device name of an IFNAME attribute, cut to what a name can hold. */
void attr_copy_ifname(char *dst, const struct nlattr *attr)
{
	snprintf(dst, TINYIP_IFNAMSIZ, "%s", mnl_attr_get_str(attr));
}

/* Copies a binary attribute; its length, 0 if it does not fit. */
unsigned int attr_copy_bin(void *dst, size_t size, const struct nlattr *attr)
{
	size_t len = mnl_attr_get_payload_len(attr);

	if (len > size)
		return 0;
	memcpy(dst, mnl_attr_get_payload(attr), len);
	return len;
}

/* A name for an entry the kernel sent without one: "if<index>" or "?". */
void ifname_fallback(char *dst, const struct nlattr *tb[TINYIP_A_MAX + 1])
{
	if (tb[TINYIP_A_IFINDEX])
		snprintf(dst, TINYIP_IFNAMSIZ, "if%u",
			 mnl_attr_get_u32(tb[TINYIP_A_IFINDEX]));
	else
		snprintf(dst, TINYIP_IFNAMSIZ, "?");
}

/*
 * A nest of u64 counters: types first to last go to val[type - base];
 * others (padding, counters newer than this tool) are skipped.
 */
int parse_counters(const struct nlattr *nest, __u64 *val, unsigned int base,
		   unsigned int first, unsigned int last)
{
	const struct nlattr *attr;
	unsigned int type;

	mnl_attr_for_each_nested(attr, nest) {
		type = mnl_attr_get_type(attr);
		if (type < first || type > last)
			continue;
		if (mnl_attr_validate(attr, MNL_TYPE_U64) < 0) {
			fprintf(stderr,
				"tinyip: malformed message from the kernel: bad counter %u\n",
				type);
			return -EBADMSG;
		}
		val[type - base] = mnl_attr_get_u64(attr);
	}
	return 0;
}
