/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A generic netlink socket: family and multicast group lookup through
 * nlctrl, requests with their replies and extended ACK, and the tinyip
 * family on top of it.
 */
#ifndef TINYIP_GENL_H
#define TINYIP_GENL_H

#include <linux/types.h>
#include <libmnl/libmnl.h>

struct genl_sock {
	struct mnl_socket *nl;
	char *buf;		/* requests and replies */
	size_t buf_len;		/* MNL_SOCKET_BUFFER_SIZE */
	unsigned int portid;
	unsigned int seq;
	__u16 family_id;
	__u32 mcgrp_id;	/* the group asked for at open, 0 if absent */
	char *extack;		/* message of the last error or warning */
};

int genl_open(struct genl_sock *gs, const char *family, const char *mcgrp);
void genl_close(struct genl_sock *gs);
struct nlmsghdr *genl_msg(struct genl_sock *gs, __u16 type, __u8 cmd,
			  __u8 version);
int genl_talk(struct genl_sock *gs, struct nlmsghdr *nlh, mnl_cb_t cb,
	      void *data);
int genl_mcgrp(struct genl_sock *gs, const char *mcgrp, __u32 *id);
int genl_join(struct genl_sock *gs, __u32 group);
int genl_parse_err(const struct nlmsghdr *nlh, char **extack);
int genl_parse_done(const struct nlmsghdr *nlh, char **extack);
void genl_perror(const struct genl_sock *gs, int err);

int tinyip_open(struct genl_sock *gs, const char *mcgrp);
int tinyip_join(struct genl_sock *gs, const char *mcgrp);
struct nlmsghdr *tinyip_msg(struct genl_sock *gs, __u8 cmd);
struct nlmsghdr *tinyip_dump_msg(struct genl_sock *gs, __u8 cmd);
int tinyip_exec(struct genl_sock *gs, struct nlmsghdr *nlh, mnl_cb_t cb,
		void *data);

#endif /* TINYIP_GENL_H */
