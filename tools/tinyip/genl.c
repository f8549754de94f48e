// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink over libmnl: opens the socket with extended ACK,
 * resolves a family and its multicast groups by name through nlctrl
 * (CTRL_CMD_GETFAMILY), sends a request and reads the replies up to the
 * ACK, keeping the kernel's extack message for the error report.
 */
#define _GNU_SOURCE	/* asprintf() */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "genl.h"
#include "tinyip_common.h"

struct ctrl_lookup {
	const char *mcgrp;
	__u16 family_id;
	__u32 mcgrp_id;
};

struct genl_talk {
	struct genl_sock *gs;
	mnl_cb_t cb;
	void *data;
	int err;
	int replies;
	bool done;
};

static int ctrl_grp_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	unsigned int type = mnl_attr_get_type(attr);
	enum mnl_attr_data_type want;

	switch (type) {
	case CTRL_ATTR_MCAST_GRP_NAME:
		want = MNL_TYPE_NUL_STRING;
		break;
	case CTRL_ATTR_MCAST_GRP_ID:
		want = MNL_TYPE_U32;
		break;
	default:
		return MNL_CB_OK;
	}
	if (mnl_attr_validate(attr, want) < 0)
		return MNL_CB_ERROR;
	tb[type] = attr;
	return MNL_CB_OK;
}

static int ctrl_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	unsigned int type = mnl_attr_get_type(attr);
	enum mnl_attr_data_type want;

	switch (type) {
	case CTRL_ATTR_FAMILY_ID:
		want = MNL_TYPE_U16;
		break;
	case CTRL_ATTR_MCAST_GROUPS:
		want = MNL_TYPE_NESTED;
		break;
	default:
		return MNL_CB_OK;
	}
	if (mnl_attr_validate(attr, want) < 0)
		return MNL_CB_ERROR;
	tb[type] = attr;
	return MNL_CB_OK;
}

static int ctrl_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1] = {};
	struct ctrl_lookup *l = data;
	const struct nlattr *grp;

	if (nlh->nlmsg_len < mnl_nlmsg_size(GENL_HDRLEN) ||
	    mnl_attr_parse(nlh, GENL_HDRLEN, ctrl_attr_cb, tb) < 0 ||
	    !tb[CTRL_ATTR_FAMILY_ID])
		goto bad;
	l->family_id = mnl_attr_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	if (!l->mcgrp || !tb[CTRL_ATTR_MCAST_GROUPS])
		return MNL_CB_OK;
	mnl_attr_for_each_nested(grp, tb[CTRL_ATTR_MCAST_GROUPS]) {
		const struct nlattr *gtb[CTRL_ATTR_MCAST_GRP_MAX + 1] = {};

		if (mnl_attr_parse_nested(grp, ctrl_grp_attr_cb, gtb) < 0)
			goto bad;
		if (gtb[CTRL_ATTR_MCAST_GRP_NAME] &&
		    gtb[CTRL_ATTR_MCAST_GRP_ID] &&
		    !strcmp(mnl_attr_get_str(gtb[CTRL_ATTR_MCAST_GRP_NAME]),
			    l->mcgrp))
			l->mcgrp_id =
				mnl_attr_get_u32(gtb[CTRL_ATTR_MCAST_GRP_ID]);
	}
	return MNL_CB_OK;
bad:
	errno = EBADMSG;
	return MNL_CB_ERROR;
}

/*
 * Asks nlctrl about family, by name, or when NULL about the family already
 * open, by id: 0 with l filled in, or -errno.
 */
static int ctrl_get(struct genl_sock *gs, const char *family,
		    struct ctrl_lookup *l)
{
	struct nlmsghdr *nlh;
	int err;

	nlh = genl_msg(gs, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1);
	if (!family)
		mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, gs->family_id);
	else if (!mnl_attr_put_strz_check(nlh, gs->buf_len,
					  CTRL_ATTR_FAMILY_NAME, family))
		return -ENAMETOOLONG;
	err = genl_talk(gs, nlh, ctrl_cb, l);
	if (err < 0)
		return err;
	return l->family_id ? 0 : -EBADMSG;
}

/* Opens the socket and resolves family (and mcgrp, unless NULL). */
int genl_open(struct genl_sock *gs, const char *family, const char *mcgrp)
{
	struct ctrl_lookup l = { .mcgrp = mcgrp };
	int one = 1, err;

	memset(gs, 0, sizeof(*gs));
	gs->buf_len = MNL_SOCKET_BUFFER_SIZE;
	gs->buf = malloc(gs->buf_len);
	if (!gs->buf)
		return -ENOMEM;
	gs->nl = mnl_socket_open(NETLINK_GENERIC);
	if (!gs->nl)
		goto fail;
	/* Kernels before 4.12 have no extended ACK: do without it there. */
	if (mnl_socket_setsockopt(gs->nl, NETLINK_EXT_ACK, &one,
				  sizeof(one)) < 0 && errno != ENOPROTOOPT)
		goto fail;
	if (mnl_socket_setsockopt(gs->nl, NETLINK_CAP_ACK, &one,
				  sizeof(one)) < 0 && errno != ENOPROTOOPT)
		goto fail;
	if (mnl_socket_bind(gs->nl, 0, MNL_SOCKET_AUTOPID) < 0)
		goto fail;
	gs->portid = mnl_socket_get_portid(gs->nl);
	gs->seq = time(NULL);

	err = ctrl_get(gs, family, &l);
	if (err < 0) {
		genl_close(gs);
		return err;
	}
	gs->family_id = l.family_id;
	gs->mcgrp_id = l.mcgrp_id;
	return 0;
fail:
	err = errno ? -errno : -EIO;
	genl_close(gs);
	return err;
}

/*
 * The id of another multicast group of the open family, in *id (0 if the
 * family has no such group); 0, or -errno.
 */
int genl_mcgrp(struct genl_sock *gs, const char *mcgrp, __u32 *id)
{
	struct ctrl_lookup l = { .mcgrp = mcgrp };
	int err = ctrl_get(gs, NULL, &l);

	*id = l.mcgrp_id;
	return err;
}

void genl_close(struct genl_sock *gs)
{
	if (gs->nl)
		mnl_socket_close(gs->nl);
	gs->nl = NULL;
	free(gs->buf);
	gs->buf = NULL;
	free(gs->extack);
	gs->extack = NULL;
}

/* Starts a request in gs->buf; the reply will overwrite it. */
struct nlmsghdr *genl_msg(struct genl_sock *gs, __u16 type, __u8 cmd,
			  __u8 version)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(gs->buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++gs->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return nlh;
}

static int extack_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	unsigned int type = mnl_attr_get_type(attr);

	if (type == NLMSGERR_ATTR_MSG &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
		tb[type] = attr;
	else if (type == NLMSGERR_ATTR_MISS_TYPE &&
		 mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
		tb[type] = attr;
	return MNL_CB_OK;
}

/* Keeps the extack message and the missing attribute of an ACK or DONE. */
static void extack_parse(const struct nlmsghdr *nlh, size_t off, char **extack)
{
	const struct nlattr *tb[NLMSGERR_ATTR_MAX + 1] = {};

	if (off > mnl_nlmsg_get_payload_len(nlh))
		return;
	mnl_attr_parse(nlh, off, extack_attr_cb, tb);
	if (tb[NLMSGERR_ATTR_MSG]) {
		*extack = strdup(mnl_attr_get_str(tb[NLMSGERR_ATTR_MSG]));
	} else if (tb[NLMSGERR_ATTR_MISS_TYPE]) {
		if (asprintf(extack, "missing attribute (type %u)",
			     mnl_attr_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE])) < 0)
			*extack = NULL;
	}
}

/*
 * The error of an NLMSG_ERROR message (0 for an ACK, else -errno) and its
 * extack message in *extack (malloc'ed, NULL if none).
 */
int genl_parse_err(const struct nlmsghdr *nlh, char **extack)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	size_t off = sizeof(*e);
	int err;

	*extack = NULL;
	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*e)))
		return -EBADMSG;
	err = e->error > 0 ? -e->error : e->error;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return err;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < sizeof(e->msg))
			return err;
		off += e->msg.nlmsg_len - sizeof(e->msg);
	}
	extack_parse(nlh, off, extack);
	return err;
}

/*
 * The status a dump ended with: NLMSG_DONE carries an int (0, or the
 * -errno the dump failed with) and, like an ACK, an extack message.
 */
int genl_parse_done(const struct nlmsghdr *nlh, char **extack)
{
	int err;

	*extack = NULL;
	/* Kernels before 2.6.x sent DONE without a payload: success. */
	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(int)))
		return 0;
	memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(err));
	if (err > 0)
		err = -err;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
		extack_parse(nlh, NLMSG_ALIGN(sizeof(int)), extack);
	return err;
}

static int genl_data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct genl_talk *t = data;
	int ret;

	t->replies++;
	if (!t->cb)
		return MNL_CB_OK;
	errno = 0;
	ret = t->cb(nlh, t->data);
	if (ret == MNL_CB_ERROR)
		t->err = errno ? -errno : -EBADMSG;
	return ret;
}

static int genl_error_cb(const struct nlmsghdr *nlh, void *data)
{
	struct genl_talk *t = data;
	char *msg;

	t->err = genl_parse_err(nlh, &msg);
	free(t->gs->extack);
	t->gs->extack = msg;
	t->done = true;
	return MNL_CB_STOP;
}

static int genl_done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct genl_talk *t = data;
	char *msg;

	t->err = genl_parse_done(nlh, &msg);
	free(t->gs->extack);
	t->gs->extack = msg;
	t->done = true;
	return MNL_CB_STOP;
}

/*
 * Sends nlh (built by genl_msg()) and passes each reply to cb up to the
 * ACK, or for a dump up to NLMSG_DONE, however many datagrams the replies
 * are spread over. Returns the number of replies, or -errno (gs->extack
 * may explain).
 */
int genl_talk(struct genl_sock *gs, struct nlmsghdr *nlh, mnl_cb_t cb,
	      void *data)
{
	/* Not const: mnl_cb_run2() of libmnl 1.0.4 takes a plain pointer. */
	static mnl_cb_t ctl_cb[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR] = genl_error_cb,
		[NLMSG_DONE] = genl_done_cb,
	};
	struct genl_talk t = { .gs = gs, .cb = cb, .data = data };
	unsigned int seq = nlh->nlmsg_seq;
	ssize_t len;
	int ret;

	free(gs->extack);
	gs->extack = NULL;
	if (mnl_socket_sendto(gs->nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	while (!t.done) {
		len = mnl_socket_recvfrom(gs->nl, gs->buf, gs->buf_len);
		if (len < 0 && errno == EINTR)
			continue;
		if (len < 0)
			return -errno;
		if (len == 0)
			return -ENODATA;
		errno = 0;
		ret = mnl_cb_run2(gs->buf, len, seq, gs->portid, genl_data_cb,
				  &t, ctl_cb, ARRAY_SIZE(ctl_cb));
		if (ret == MNL_CB_ERROR)
			return t.err ? t.err : errno ? -errno : -EBADMSG;
	}
	if (t.err)
		return t.err;
	if (gs->extack)
		fprintf(stderr, "Warning: %s\n", gs->extack);
	return t.replies;
}

int genl_join(struct genl_sock *gs, __u32 group)
{
	if (mnl_socket_setsockopt(gs->nl, NETLINK_ADD_MEMBERSHIP, &group,
				  sizeof(group)) < 0)
		return -errno;
	return 0;
}

/* "Error: <extack>" if the kernel said why, else "Error: <strerror>". */
void genl_perror(const struct genl_sock *gs, int err)
{
	if (!gs->extack)
		fprintf(stderr, "Error: %s\n", strerror(-err));
	else if (err == -EPERM || err == -EACCES)
		fprintf(stderr, "Error: %s (%s)\n", gs->extack, strerror(-err));
	else
		fprintf(stderr, "Error: %s\n", gs->extack);
}

/* Opens a socket on the tinyip family; 0, or an exit status on failure. */
int tinyip_open(struct genl_sock *gs, const char *mcgrp)
{
	int err = genl_open(gs, TINYIP_GENL_NAME, mcgrp);

	if (err == -ENOENT) {
		fprintf(stderr,
			"tinyip: the tinyip module is not loaded (no generic netlink family \"%s\"); load it with: modprobe tinyip\n",
			TINYIP_GENL_NAME);
		return TINYIP_EXIT_FAIL;
	}
	if (err) {
		fprintf(stderr, "tinyip: cannot look up generic netlink family \"%s\": %s\n",
			TINYIP_GENL_NAME, strerror(-err));
		return TINYIP_EXIT_FAIL;
	}
	if (mcgrp && !gs->mcgrp_id) {
		fprintf(stderr, "tinyip: the tinyip module has no \"%s\" multicast group\n",
			mcgrp);
		genl_close(gs);
		return TINYIP_EXIT_FAIL;
	}
	return TINYIP_EXIT_OK;
}

/* Resolves and joins the tinyip group mcgrp; an exit status. */
int tinyip_join(struct genl_sock *gs, const char *mcgrp)
{
	__u32 id;
	int err = genl_mcgrp(gs, mcgrp, &id);

	if (!err && !id) {
		fprintf(stderr, "tinyip: the tinyip module has no \"%s\" multicast group\n",
			mcgrp);
		return TINYIP_EXIT_FAIL;
	}
	if (!err)
		err = genl_join(gs, id);
	if (err) {
		fprintf(stderr, "tinyip: cannot join multicast group \"%s\": %s\n",
			mcgrp, strerror(-err));
		return TINYIP_EXIT_FAIL;
	}
	return TINYIP_EXIT_OK;
}

struct nlmsghdr *tinyip_msg(struct genl_sock *gs, __u8 cmd)
{
	return genl_msg(gs, gs->family_id, cmd, TINYIP_GENL_VERSION);
}

/*
 * A dump request. No NLM_F_ACK: the dump ends with NLMSG_DONE, which
 * carries the error and extack of a dump that fails part-way.
 */
struct nlmsghdr *tinyip_dump_msg(struct genl_sock *gs, __u8 cmd)
{
	struct nlmsghdr *nlh = tinyip_msg(gs, cmd);

	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	return nlh;
}

/*
 * Runs a request built with tinyip_msg() or tinyip_dump_msg() and turns
 * the outcome into an exit status, printing the kernel's error if any.
 */
int tinyip_exec(struct genl_sock *gs, struct nlmsghdr *nlh, mnl_cb_t cb,
		void *data)
{
	int ret = genl_talk(gs, nlh, cb, data);

	if (ret >= 0)
		return TINYIP_EXIT_OK;
	genl_perror(gs, ret);
	if (!gs->extack && (ret == -EPERM || ret == -EACCES))
		fprintf(stderr,
			"This command needs CAP_NET_ADMIN over the network namespace.\n");
	return TINYIP_EXIT_FAIL;
}
