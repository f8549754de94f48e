/* SPDX-License-Identifier: GPL-2.0 */
/*
 * genl.h - a generic netlink socket: family and multicast group lookup
 * through nlctrl, requests with their replies and extended ACK, and the
 * tinyip family on top of it.
 */
#ifndef TINYIP_GENL_H
#define TINYIP_GENL_H

#include <stdint.h>
#include <libmnl/libmnl.h>

struct genl_sock {
	struct mnl_socket *nl;
	char *buf;		/* requests and replies */
	size_t buf_len;		/* MNL_SOCKET_BUFFER_SIZE */
	unsigned int portid;
	unsigned int seq;
	uint16_t family_id;
	uint32_t mcgrp_id;	/* the group asked for at open, 0 if absent */
	char *extack;		/* message of the last error or warning */
};

int genl_open(struct genl_sock *gs, const char *family, const char *mcgrp);
void genl_close(struct genl_sock *gs);
struct nlmsghdr *genl_msg(struct genl_sock *gs, uint16_t type, uint8_t cmd,
			  uint8_t version);
int genl_talk(struct genl_sock *gs, struct nlmsghdr *nlh, mnl_cb_t cb,
	      void *data);
int genl_join(struct genl_sock *gs, uint32_t group);
int genl_parse_err(const struct nlmsghdr *nlh, char **extack);
void genl_perror(const struct genl_sock *gs, int err);

int tinyip_open(struct genl_sock *gs, const char *mcgrp);
struct nlmsghdr *tinyip_msg(struct genl_sock *gs, uint8_t cmd);

#endif /* TINYIP_GENL_H */
