// SPDX-License-Identifier: GPL-2.0
/*
 * Checks the attributes of a tinyip message against the types that
 * uapi/tinyip.yaml gives them; skips padding and attributes newer than
 * this tool.
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
