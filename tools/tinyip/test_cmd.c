// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of whole commands without the kernel. This program defines
 * libmnl's socket calls itself, so tinyip_main() talks to a fake kernel
 * that answers nlctrl's family lookup, records every tinyip request and
 * replies with hand-built messages: dumps spread over several datagrams,
 * errors with extack, malformed attributes. Each case checks the request
 * (command, flags, attributes), the exit status and the exact output.
 */
#define _GNU_SOURCE	/* open_memstream() */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "tinyip_common.h"

#define FAKE_PORTID	4242
#define FAKE_FAMILY	0x1d
#define FAKE_MCGRP	7
#define FAKE_MCGRP_ADDR	8

/* ---- The fake kernel ---- */

struct mnl_socket {
	int unused;
};

static struct mnl_socket fake_sock;

static struct {
	char buf[16384];
	size_t len;
} dgrams[16];
static unsigned int n_dgrams, next_dgram;
static struct nlmsghdr *cur;		/* reply being built */

static char req[8192];			/* the last tinyip request */
static unsigned int n_reqs;		/* tinyip requests of this run */
static bool family_missing;
static bool addr_group_missing;		/* a module older than "addr" */
static __u32 joined;			/* bit (1 << id) per group joined */
static bool events_sent;

typedef void (*handler_t)(const struct nlmsghdr *rq);
static handler_t handler;

/* Closes the reply being built: its length is known only now. */
static void finish(void)
{
	if (!cur)
		return;
	dgrams[n_dgrams - 1].len += NLMSG_ALIGN(cur->nlmsg_len);
	cur = NULL;
}

/* Replies after this go to a new datagram (one recvmsg() each). */
static void dgram_new(void)
{
	finish();
	if (n_dgrams == ARRAY_SIZE(dgrams))
		abort();
	dgrams[n_dgrams++].len = 0;
}

static struct nlmsghdr *put_hdr(const struct nlmsghdr *rq, __u16 type,
				__u16 flags)
{
	struct nlmsghdr *nlh;

	finish();
	if (!n_dgrams)
		dgram_new();
	nlh = mnl_nlmsg_put_header(dgrams[n_dgrams - 1].buf +
				   dgrams[n_dgrams - 1].len);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = rq->nlmsg_seq;
	nlh->nlmsg_pid = FAKE_PORTID;
	cur = nlh;
	return nlh;
}

/* A tinyip message, NLM_F_MULTI as in a dump. */
static struct nlmsghdr *put_msg(const struct nlmsghdr *rq, __u8 cmd)
{
	struct nlmsghdr *nlh = put_hdr(rq, FAKE_FAMILY, NLM_F_MULTI);
	struct genlmsghdr *genl;

	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = TINYIP_GENL_VERSION;
	return nlh;
}

/* An ACK or error as netlink_ack() sends it with NETLINK_CAP_ACK. */
static void put_err(const struct nlmsghdr *rq, int err, const char *msg)
{
	struct nlmsghdr *nlh = put_hdr(rq, NLMSG_ERROR, NLM_F_CAPPED);
	struct nlmsgerr *e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));

	e->error = err;
	memcpy(&e->msg, rq, sizeof(e->msg));
	if (msg) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, msg);
	}
}

/* The end of a dump as netlink_dump_done() sends it. */
static void put_done(const struct nlmsghdr *rq, int err, const char *msg)
{
	struct nlmsghdr *nlh = put_hdr(rq, NLMSG_DONE, NLM_F_MULTI);
	int *e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));

	*e = err;
	if (msg) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, msg);
	}
}

/* What nla_put_u64_64bit() sends: padding to align the u64, then it. */
static void put_u64(struct nlmsghdr *nlh, __u16 type, __u16 pad, __u64 v)
{
	mnl_attr_put(nlh, pad, 0, NULL);
	mnl_attr_put_u64(nlh, type, v);
}

/* The bytes of an IPv4 or IPv6 address; their number. */
static size_t ip_bytes(const char *ip, __u8 *buf)
{
	if (inet_pton(AF_INET, ip, buf) == 1)
		return 4;
	if (inet_pton(AF_INET6, ip, buf) == 1)
		return 16;
	abort();
}

static void put_ip(struct nlmsghdr *nlh, __u16 type, const char *ip)
{
	__u8 addr[16];

	mnl_attr_put(nlh, type, ip_bytes(ip, addr), addr);
}

static void ctrl_reply(const struct nlmsghdr *rq)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;
	struct nlattr *grps, *grp;

	if (family_missing) {
		put_err(rq, -ENOENT, NULL);
		return;
	}
	nlh = put_hdr(rq, GENL_ID_CTRL, 0);
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = CTRL_CMD_NEWFAMILY;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, TINYIP_GENL_NAME);
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, FAKE_FAMILY);
	grps = mnl_attr_nest_start(nlh, CTRL_ATTR_MCAST_GROUPS);
	grp = mnl_attr_nest_start(nlh, 1);
	mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME, TINYIP_MCGRP_CONFIG);
	mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, FAKE_MCGRP);
	mnl_attr_nest_end(nlh, grp);
	if (!addr_group_missing) {
		grp = mnl_attr_nest_start(nlh, 2);
		mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME,
				  TINYIP_MCGRP_ADDR);
		mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, FAKE_MCGRP_ADDR);
		mnl_attr_nest_end(nlh, grp);
	}
	mnl_attr_nest_end(nlh, grps);
	put_err(rq, 0, NULL);
}

struct mnl_socket *mnl_socket_open(int bus)
{
	return bus == NETLINK_GENERIC ? &fake_sock : NULL;
}

int mnl_socket_close(struct mnl_socket *nl)
{
	(void)nl;
	return 0;
}

int mnl_socket_bind(struct mnl_socket *nl, unsigned int groups, pid_t pid)
{
	(void)nl;
	(void)groups;
	(void)pid;
	return 0;
}

int mnl_socket_setsockopt(const struct mnl_socket *nl, int type, void *buf,
			  socklen_t len)
{
	(void)nl;
	if (type == NETLINK_ADD_MEMBERSHIP && len == sizeof(__u32))
		joined |= 1U << *(__u32 *)buf;
	return 0;
}

/* What "monitor" polls: /dev/null, always readable, as events would be. */
int mnl_socket_get_fd(const struct mnl_socket *nl)
{
	static int fd = -1;

	(void)nl;
	if (fd < 0)
		fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		abort();
	return fd;
}

unsigned int mnl_socket_get_portid(const struct mnl_socket *nl)
{
	(void)nl;
	return FAKE_PORTID;
}

ssize_t mnl_socket_sendto(const struct mnl_socket *nl, const void *buf,
			  size_t len)
{
	const struct nlmsghdr *rq = buf;

	(void)nl;
	dgram_new();
	if (rq->nlmsg_type == GENL_ID_CTRL) {
		ctrl_reply(rq);
	} else {
		if (len > sizeof(req))
			abort();
		memcpy(req, buf, len);
		n_reqs++;
		if (handler)
			handler(rq);
		else
			put_err(rq, 0, NULL);
	}
	finish();
	return len;
}

ssize_t mnl_socket_recvfrom(const struct mnl_socket *nl, void *buf,
			    size_t len)
{
	static const struct nlmsghdr no_rq;

	(void)nl;
	/*
	 * Once "monitor" has joined and read its replies, the handler
	 * sends the events; after them, SIGTERM (which monitor blocks and
	 * reads from a signalfd) ends it.
	 */
	if (next_dgram == n_dgrams && joined && !events_sent) {
		events_sent = true;
		dgram_new();
		if (handler)
			handler(&no_rq);
		finish();
	}
	if (next_dgram == n_dgrams && joined) {
		raise(SIGTERM);
		errno = EINTR;
		return -1;
	}
	if (next_dgram == n_dgrams) {
		errno = EAGAIN;	/* a real socket would block forever */
		return -1;
	}
	if (dgrams[next_dgram].len > len)
		abort();
	memcpy(buf, dgrams[next_dgram].buf, dgrams[next_dgram].len);
	return dgrams[next_dgram++].len;
}

/* ---- Running commands ---- */

static unsigned int tests, failures;
static char *out, *err;		/* of the last run */
static int rc;

static void check(bool ok, const char *name)
{
	tests++;
	if (!ok)
		failures++;
	printf("%sok %u %s\n", ok ? "" : "not ", tests, name);
}

static char *slurp(FILE *fp)
{
	size_t len;
	char *s;

	fflush(fp);
	len = ftell(fp);
	s = calloc(1, len + 1);
	if (!s)
		abort();
	rewind(fp);
	if (len && fread(s, 1, len, fp) != len)
		abort();
	fclose(fp);
	return s;
}

/* Takes the SIGTERM that ended "monitor", still pending and blocked. */
static void drain_sigterm(void)
{
	const struct timespec now = {};
	sigset_t term;

	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	while (sigtimedwait(&term, NULL, &now) == SIGTERM)
		;
}

/* Runs "tinyip ARGS" (words split at spaces) against the fake kernel. */
static void run(handler_t h, const char *args)
{
	char *copy = strdup(args), *argv[32], *word;
	int argc = 0, saved_out, saved_err;
	FILE *fo = tmpfile(), *fe = tmpfile();

	if (!copy || !fo || !fe)
		abort();
	argv[argc++] = "tinyip";
	for (word = strtok(copy, " "); word; word = strtok(NULL, " "))
		argv[argc++] = word;
	argv[argc] = NULL;
	n_dgrams = 0;
	next_dgram = 0;
	n_reqs = 0;
	joined = 0;
	events_sent = false;
	cur = NULL;
	handler = h;
	memset(req, 0, sizeof(req));
	free(out);
	free(err);

	fflush(stdout);
	fflush(stderr);
	saved_out = dup(1);
	saved_err = dup(2);
	dup2(fileno(fo), 1);
	dup2(fileno(fe), 2);
	rc = tinyip_main(argc, argv);
	if (joined)
		drain_sigterm();
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	out = slurp(fo);
	err = slurp(fe);
	free(copy);
}

static void diag(const char *what, const char *s)
{
	const char *nl;

	printf("# %s:\n", what);
	while (*s) {
		nl = strchrnul(s, '\n');
		printf("#   %.*s\n", (int)(nl - s), s);
		s = *nl ? nl + 1 : nl;
	}
}

/* The exit status and the exact stdout and stderr of the last run. */
static void expect(const char *name, int want_rc, const char *want_out,
		   const char *want_err)
{
	bool ok = rc == want_rc && !strcmp(out, want_out) &&
		  !strcmp(err, want_err);

	check(ok, name);
	if (ok)
		return;
	printf("# exit %d (want %d)\n", rc, want_rc);
	diag("stdout", out);
	diag("want stdout", want_out);
	diag("stderr", err);
	diag("want stderr", want_err);
}

/* A usage error: status 2, a hint on stderr, nothing sent. */
static void expect_usage(const char *name, const char *args, const char *re)
{
	run(NULL, args);
	check(rc == TINYIP_EXIT_USAGE && !n_reqs && !*out && strstr(err, re) &&
	      strstr(err, "ry \"tinyip "), name);
	if (rc != TINYIP_EXIT_USAGE || !strstr(err, re)) {
		printf("# exit %d, %u requests\n", rc, n_reqs);
		diag("stderr", err);
	}
}

/* The JSON of the last run parses, where jq is installed. */
static void expect_jq(const char *name)
{
	FILE *jq;
	int status;

	if (system("command -v jq >/dev/null 2>&1")) {
		printf("ok %u %s # SKIP no jq\n", ++tests, name);
		return;
	}
	jq = popen("jq -e . >/dev/null", "w");
	if (!jq)
		abort();
	fputs(out, jq);
	status = pclose(jq);
	check(status == 0, name);
}

/* ---- The last request ---- */

static const struct nlmsghdr *rq_hdr(void)
{
	return (const struct nlmsghdr *)req;
}

static __u8 rq_cmd(void)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(rq_hdr());

	return genl->cmd;
}

static unsigned int rq_nattrs(void)
{
	const struct nlattr *attr;
	unsigned int n = 0;

	mnl_attr_for_each(attr, rq_hdr(), GENL_HDRLEN)
		n++;
	return n;
}

static const struct nlattr *rq_attr(__u16 type)
{
	const struct nlattr *attr;

	mnl_attr_for_each(attr, rq_hdr(), GENL_HDRLEN)
		if (mnl_attr_get_type(attr) == type)
			return attr;
	return NULL;
}

static bool rq_str(__u16 type, const char *want)
{
	const struct nlattr *a = rq_attr(type);

	return a && !mnl_attr_validate(a, MNL_TYPE_NUL_STRING) &&
	       !strcmp(mnl_attr_get_str(a), want);
}

static bool rq_u8(__u16 type, __u8 want)
{
	const struct nlattr *a = rq_attr(type);

	return a && mnl_attr_get_payload_len(a) == 1 &&
	       mnl_attr_get_u8(a) == want;
}

static bool rq_u32(__u16 type, __u32 want)
{
	const struct nlattr *a = rq_attr(type);

	return a && mnl_attr_get_payload_len(a) == 4 &&
	       mnl_attr_get_u32(a) == want;
}

static bool rq_u64(__u16 type, __u64 want)
{
	const struct nlattr *a = rq_attr(type);

	return a && mnl_attr_get_payload_len(a) == 8 &&
	       mnl_attr_get_u64(a) == want;
}

/* A 4-byte attribute for an IPv4 address, 16 for an IPv6 one. */
static bool rq_ip(__u16 type, const char *want)
{
	const struct nlattr *a = rq_attr(type);
	__u8 addr[16];
	size_t len = ip_bytes(want, addr);

	return a && mnl_attr_get_payload_len(a) == len &&
	       !memcmp(mnl_attr_get_payload(a), addr, len);
}

static bool rq_is(__u8 cmd, __u16 flags, unsigned int nattrs)
{
	const struct nlmsghdr *nlh = rq_hdr();

	return n_reqs == 1 && nlh->nlmsg_type == FAKE_FAMILY &&
	       nlh->nlmsg_flags == flags && rq_cmd() == cmd &&
	       rq_nattrs() == nattrs;
}

#define DO_FLAGS	(NLM_F_REQUEST | NLM_F_ACK)
#define DUMP_FLAGS	(NLM_F_REQUEST | NLM_F_DUMP)

/* ---- Replies ---- */

static void put_link(const struct nlmsghdr *rq, const char *name, __u32 idx,
		     __u8 mode, __u32 flags, const char *hw, __u32 mtu)
{
	struct nlmsghdr *nlh = put_msg(rq, TINYIP_CMD_LINK_GET);
	unsigned int b[6];

	if (idx)
		mnl_attr_put_u32(nlh, TINYIP_A_IFINDEX, idx);
	mnl_attr_put_strz(nlh, TINYIP_A_IFNAME, name);
	mnl_attr_put_u8(nlh, TINYIP_A_LINK_MODE, mode);
	mnl_attr_put_u32(nlh, TINYIP_A_LINK_FLAGS, flags);
	mnl_attr_put_u32(nlh, TINYIP_A_MTU, mtu);
	if (hw) {
		__u8 mac[6];
		int i;

		if (sscanf(hw, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3],
			   &b[4], &b[5]) != 6)
			abort();
		for (i = 0; i < 6; i++)
			mac[i] = b[i];
		mnl_attr_put(nlh, TINYIP_A_HWADDR, 6, mac);
	}
}

/* Counters of veth0: 3 bad checksums, 1 bad header, 2 unresolved (tx). */
static void put_link_counters(void)
{
	struct nlmsghdr *nlh = cur;
	struct nlattr *nest;
	unsigned int i;

	nest = mnl_attr_nest_start(nlh, TINYIP_A_LINK_STATS);
	put_u64(nlh, TINYIP_LINK_STAT_RX_PACKETS, TINYIP_LINK_STAT_PAD, 10);
	put_u64(nlh, TINYIP_LINK_STAT_RX_BYTES, TINYIP_LINK_STAT_PAD, 1200);
	put_u64(nlh, TINYIP_LINK_STAT_TX_PACKETS, TINYIP_LINK_STAT_PAD, 7);
	put_u64(nlh, TINYIP_LINK_STAT_TX_BYTES, TINYIP_LINK_STAT_PAD, 700);
	put_u64(nlh, TINYIP_LINK_STAT_RX_DROPS, TINYIP_LINK_STAT_PAD, 4);
	put_u64(nlh, TINYIP_LINK_STAT_TX_DROPS, TINYIP_LINK_STAT_PAD, 2);
	mnl_attr_put_u64(nlh, 99, 5);	/* a counter newer than the tool */
	mnl_attr_nest_end(nlh, nest);

	nest = mnl_attr_nest_start(nlh, TINYIP_A_LINK_DROPS);
	for (i = 0; i <= TINYIP_DROP_MAX; i++)
		put_u64(nlh, i + 1, TINYIP_LINK_DROPS_PAD,
			i == TINYIP_DROP_CSUM ? 3 : i == TINYIP_DROP_HDR);
	mnl_attr_nest_end(nlh, nest);
	nest = mnl_attr_nest_start(nlh, TINYIP_A_LINK_DROPS);
	for (i = 0; i <= TINYIP_DROP_MAX; i++)
		put_u64(nlh, i + 1, TINYIP_LINK_DROPS_PAD,
			i == TINYIP_DROP_NEIGH ? 2 : 0);
	mnl_attr_nest_end(nlh, nest);
}

/* Three links over three datagrams, as a dump that fills its skbs. */
static void links_reply(const struct nlmsghdr *rq)
{
	put_link(rq, "veth0", 3, TINYIP_LINK_MODE_SHARED, TINYIP_LINK_F_UP,
		 "02:11:22:33:44:55", 1500);
	put_link_counters();
	put_link(rq, "lo", 0, TINYIP_LINK_MODE_LOOPBACK, TINYIP_LINK_F_UP, NULL,
		 65536);
	dgram_new();
	put_link(rq, "veth1", 5, TINYIP_LINK_MODE_EXCLUSIVE, 0,
		 "02:aa:bb:cc:dd:ee", 9000);
	dgram_new();
	put_done(rq, 0, NULL);
}

/*
 * veth0 advertises with the RFC 4861 defaults; veth1 does not; veth2,
 * down, advertises that it is no default router (lifetime 0). Its flag
 * 0x100 is newer than the tool.
 */
static void ra_links_reply(const struct nlmsghdr *rq)
{
	put_link(rq, "veth0", 3, TINYIP_LINK_MODE_SHARED,
		 TINYIP_LINK_F_UP | TINYIP_LINK_F_RA, "02:11:22:33:44:55", 1500);
	mnl_attr_put_u32(cur, TINYIP_A_RA_INTERVAL, 600);
	mnl_attr_put_u32(cur, TINYIP_A_RA_LIFETIME, 1800);
	put_link(rq, "lo", 0, TINYIP_LINK_MODE_LOOPBACK, TINYIP_LINK_F_UP, NULL,
		 65536);
	dgram_new();
	put_link(rq, "veth1", 5, TINYIP_LINK_MODE_EXCLUSIVE, TINYIP_LINK_F_UP,
		 "02:aa:bb:cc:dd:ee", 9000);
	put_link(rq, "veth2", 7, TINYIP_LINK_MODE_SHARED,
		 TINYIP_LINK_F_RA | 0x100, NULL, 1500);
	mnl_attr_put_u32(cur, TINYIP_A_RA_INTERVAL, 4);
	mnl_attr_put_u32(cur, TINYIP_A_RA_LIFETIME, 0);
	dgram_new();
	put_done(rq, 0, NULL);
}

static void addrs_reply(const struct nlmsghdr *rq)
{
	struct nlmsghdr *nlh;

	nlh = put_msg(rq, TINYIP_CMD_ADDR_GET);
	mnl_attr_put_u32(nlh, TINYIP_A_IFINDEX, 3);
	mnl_attr_put_strz(nlh, TINYIP_A_IFNAME, "veth0");
	put_ip(nlh, TINYIP_A_ADDR, "192.0.2.2");
	mnl_attr_put_u8(nlh, TINYIP_A_PREFIXLEN, 24);
	put_ip(nlh, TINYIP_A_BROADCAST, "192.0.2.255");
	dgram_new();
	nlh = put_msg(rq, TINYIP_CMD_ADDR_GET);
	mnl_attr_put_strz(nlh, TINYIP_A_IFNAME, "lo");
	put_ip(nlh, TINYIP_A_ADDR, "127.0.0.1");
	mnl_attr_put_u8(nlh, TINYIP_A_PREFIXLEN, 8);
	put_done(rq, 0, NULL);
}

static void put_route(const struct nlmsghdr *rq, const char *dst, __u8 plen,
		      const char *gw, const char *dev, __u32 metric,
		      __u32 flags)
{
	struct nlmsghdr *nlh = put_msg(rq, TINYIP_CMD_ROUTE_GET);

	put_ip(nlh, TINYIP_A_ADDR, dst);
	mnl_attr_put_u8(nlh, TINYIP_A_PREFIXLEN, plen);
	if (gw)
		put_ip(nlh, TINYIP_A_GATEWAY, gw);
	mnl_attr_put_u32(nlh, TINYIP_A_IFINDEX, 3);
	mnl_attr_put_strz(nlh, TINYIP_A_IFNAME, dev);
	mnl_attr_put_u32(nlh, TINYIP_A_METRIC, metric);
	mnl_attr_put_u32(nlh, TINYIP_A_ROUTE_FLAGS, flags);
}

static void routes_reply(const struct nlmsghdr *rq)
{
	put_route(rq, "192.0.2.0", 24, NULL, "veth0", 0,
		  TINYIP_ROUTE_F_CONNECTED);
	put_route(rq, "203.0.113.7", 32, "192.0.2.1", "veth0", 5, 0);
	dgram_new();
	put_route(rq, "0.0.0.0", 0, "192.0.2.1", "veth0", 0, 0);
	put_done(rq, 0, NULL);
}

/* A dump that fails after its first datagram. */
static void routes_fail(const struct nlmsghdr *rq)
{
	put_route(rq, "192.0.2.0", 24, NULL, "veth0", 0,
		  TINYIP_ROUTE_F_CONNECTED);
	dgram_new();
	put_done(rq, -EMSGSIZE, "route table changed during the dump");
}

static void put_neigh(const struct nlmsghdr *rq, const char *dst,
		      const char *dev, bool lladdr, __u8 state)
{
	static const __u8 mac[6] = { 0x02, 0x00, 0x5e, 0x00, 0x53, 0x01 };
	struct nlmsghdr *nlh = put_msg(rq, TINYIP_CMD_NEIGH_GET);

	mnl_attr_put_strz(nlh, TINYIP_A_IFNAME, dev);
	put_ip(nlh, TINYIP_A_ADDR, dst);
	if (lladdr)
		mnl_attr_put(nlh, TINYIP_A_HWADDR, sizeof(mac), mac);
	mnl_attr_put_u8(nlh, TINYIP_A_NEIGH_STATE, state);
}

static void neighs_reply(const struct nlmsghdr *rq)
{
	put_neigh(rq, "192.0.2.1", "veth0", true, TINYIP_NEIGH_REACHABLE);
	dgram_new();
	put_neigh(rq, "198.51.100.9", "veth1", false, TINYIP_NEIGH_INCOMPLETE);
	put_neigh(rq, "198.51.100.2", "veth1", true, TINYIP_NEIGH_PERMANENT);
	put_done(rq, 0, NULL);
}

/* What addr-get sends for an address, with IPv6's extras when flags >= 0. */
static void put_addr(const struct nlmsghdr *rq, const char *dev,
		     const char *ip, __u8 plen, long long flags, __u32 valid,
		     __u32 preferred)
{
	struct nlmsghdr *nlh = put_msg(rq, TINYIP_CMD_ADDR_GET);

	mnl_attr_put_strz(nlh, TINYIP_A_IFNAME, dev);
	put_ip(nlh, TINYIP_A_ADDR, ip);
	mnl_attr_put_u8(nlh, TINYIP_A_PREFIXLEN, plen);
	if (flags < 0)
		return;
	mnl_attr_put_u32(nlh, TINYIP_A_ADDR_FLAGS, flags);
	mnl_attr_put_u32(nlh, TINYIP_A_VALID_LFT, valid);
	mnl_attr_put_u32(nlh, TINYIP_A_PREFERRED_LFT, preferred);
}

#define FOREVER	0xffffffffU

/*
 * Both families: a SLAAC address still in DAD, a permanent link-local
 * one, a deprecated temporary one with a flag newer than the tool, one
 * whose DAD failed, and lo's ::1.
 */
static void addrs6_reply(const struct nlmsghdr *rq)
{
	struct nlmsghdr *nlh;

	nlh = put_msg(rq, TINYIP_CMD_ADDR_GET);
	mnl_attr_put_strz(nlh, TINYIP_A_IFNAME, "veth0");
	put_ip(nlh, TINYIP_A_ADDR, "192.0.2.2");
	mnl_attr_put_u8(nlh, TINYIP_A_PREFIXLEN, 24);
	put_ip(nlh, TINYIP_A_BROADCAST, "192.0.2.255");
	put_addr(rq, "veth0", "2001:db8::5054:ff:fe12:3456", 64,
		 TINYIP_ADDR_F_TENTATIVE | TINYIP_ADDR_F_AUTOCONF, 600, 300);
	dgram_new();
	put_addr(rq, "veth0", "fe80::1", 64, TINYIP_ADDR_F_PERMANENT, FOREVER,
		 FOREVER);
	put_addr(rq, "veth0", "2001:db8::a1b2", 64,
		 TINYIP_ADDR_F_TEMPORARY | TINYIP_ADDR_F_DEPRECATED |
		 TINYIP_ADDR_F_AUTOCONF | 1 << 20, 100, 0);
	put_addr(rq, "veth1", "2001:db8:1::1", 64,
		 TINYIP_ADDR_F_DADFAILED | TINYIP_ADDR_F_TENTATIVE |
		 TINYIP_ADDR_F_PERMANENT, FOREVER, 0);
	put_addr(rq, "lo", "::1", 128, TINYIP_ADDR_F_PERMANENT, FOREVER,
		 FOREVER);
	put_done(rq, 0, NULL);
}

/* Connected routes of both families and an IPv6 default route. */
static void routes6_reply(const struct nlmsghdr *rq)
{
	put_route(rq, "192.0.2.0", 24, NULL, "veth0", 0,
		  TINYIP_ROUTE_F_CONNECTED);
	put_route(rq, "2001:db8::", 64, NULL, "veth0", 256,
		  TINYIP_ROUTE_F_CONNECTED);
	dgram_new();
	put_route(rq, "fe80::", 64, NULL, "veth0", 256,
		  TINYIP_ROUTE_F_CONNECTED);
	put_route(rq, "::", 0, "fe80::1", "veth0", 1024, 0);
	put_route(rq, "0.0.0.0", 0, "192.0.2.1", "veth0", 0, 0);
	put_done(rq, 0, NULL);
}

/* ARP and neighbour discovery entries: a router, DELAY, no flags. */
static void neighs6_reply(const struct nlmsghdr *rq)
{
	put_neigh(rq, "192.0.2.1", "veth0", true, TINYIP_NEIGH_REACHABLE);
	put_neigh(rq, "fe80::1", "veth0", true, TINYIP_NEIGH_REACHABLE);
	mnl_attr_put_u32(cur, TINYIP_A_NEIGH_FLAGS, TINYIP_NEIGH_F_ROUTER);
	dgram_new();
	put_neigh(rq, "2001:db8::2", "veth0", true, TINYIP_NEIGH_DELAY);
	mnl_attr_put_u32(cur, TINYIP_A_NEIGH_FLAGS, 0);
	put_neigh(rq, "2001:db8::3", "veth1", false, TINYIP_NEIGH_INCOMPLETE);
	put_done(rq, 0, NULL);
}

static void config_reply(const struct nlmsghdr *rq)
{
	struct nlmsghdr *nlh = put_hdr(rq, FAKE_FAMILY, 0);
	struct genlmsghdr *genl;
	const struct nlattr *fwd = rq_attr(TINYIP_A_FORWARDING);
	const struct nlattr *fwd6 = rq_attr(TINYIP_A_FORWARDING6);
	const struct nlattr *cc = rq_attr(TINYIP_A_TCP_CC);

	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = TINYIP_CMD_CONFIG_GET;
	put_u64(nlh, TINYIP_A_MEM_BUDGET, TINYIP_A_PAD, 0);
	put_u64(nlh, TINYIP_A_MEM_USED, TINYIP_A_PAD, 4096);
	put_u64(nlh, TINYIP_A_MEM_FAILED, TINYIP_A_PAD, 0);
	mnl_attr_put_u8(nlh, TINYIP_A_FORWARDING,
			fwd ? mnl_attr_get_u8(fwd) : 1);
	mnl_attr_put_strz(nlh, TINYIP_A_TCP_CC,
			  cc ? mnl_attr_get_str(cc) : "newreno");
	mnl_attr_put_u8(nlh, TINYIP_A_FORWARDING6,
			fwd6 ? mnl_attr_get_u8(fwd6) : 0);
	put_err(rq, 0, NULL);
}

static void enoent_cc(const struct nlmsghdr *rq)
{
	put_err(rq, -ENOENT, "unknown congestion control");
}

/* What nl_sock.c sends for one endpoint, without the TCP extras. */
static struct nlmsghdr *put_sock(const struct nlmsghdr *rq, __u8 proto,
				 __u8 state, const char *laddr, __u16 lport,
				 const char *raddr, __u16 rport, __u32 rqueue,
				 __u32 wqueue)
{
	struct nlmsghdr *nlh = put_msg(rq, TINYIP_CMD_SOCK_GET);

	mnl_attr_put_u8(nlh, TINYIP_A_SOCK_PROTO, proto);
	mnl_attr_put_u8(nlh, TINYIP_A_SOCK_STATE, state);
	put_ip(nlh, TINYIP_A_SOCK_LADDR, laddr);
	mnl_attr_put_u16(nlh, TINYIP_A_SOCK_LPORT, lport);
	put_ip(nlh, TINYIP_A_SOCK_RADDR, raddr);
	mnl_attr_put_u16(nlh, TINYIP_A_SOCK_RPORT, rport);
	mnl_attr_put_u32(nlh, TINYIP_A_SOCK_RQUEUE, rqueue);
	mnl_attr_put_u32(nlh, TINYIP_A_SOCK_WQUEUE, wqueue);
	return nlh;
}

/* A TCP_INFO-like nest: MSS 1448, cwnd 10 segments, ssthresh 7. */
static void put_sock_info(struct nlmsghdr *nlh, __u32 ssthresh)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, TINYIP_A_SOCK_INFO);

	mnl_attr_put_u32(nlh, TINYIP_SOCK_INFO_RTT_US, 1200);
	mnl_attr_put_u32(nlh, TINYIP_SOCK_INFO_RTTVAR_US, 500);
	mnl_attr_put_u32(nlh, TINYIP_SOCK_INFO_RTO_US, 204000);
	mnl_attr_put_u32(nlh, TINYIP_SOCK_INFO_CWND, 14480);
	mnl_attr_put_u32(nlh, TINYIP_SOCK_INFO_SSTHRESH, ssthresh);
	mnl_attr_put_u32(nlh, TINYIP_SOCK_INFO_MSS, 1448);
	mnl_attr_put_u32(nlh, TINYIP_SOCK_INFO_SND_WND, 64240);
	mnl_attr_put_u32(nlh, TINYIP_SOCK_INFO_RCV_WND, 65535);
	mnl_attr_put_u32(nlh, TINYIP_SOCK_INFO_RETRANS, 3);
	mnl_attr_put_u32(nlh, TINYIP_SOCK_INFO_TIMER_MS, 200);
	mnl_attr_put_u32(nlh, 99, 1);	/* a member newer than the tool */
	mnl_attr_nest_end(nlh, nest);
}

/* Every kind of endpoint, over three datagrams. */
static void socks_reply(const struct nlmsghdr *rq)
{
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	nlh = put_sock(rq, IPPROTO_TCP, 10, "0.0.0.0", 80, "0.0.0.0", 0, 1,
		       128);
	mnl_attr_put_strz(nlh, TINYIP_A_SOCK_CC, "newreno");
	mnl_attr_put_u32(nlh, TINYIP_A_SOCK_FLAGS, TINYIP_SOCK_F_SOCKET);
	nlh = put_sock(rq, IPPROTO_TCP, 1, "192.0.2.2", 80, "192.0.2.1",
		       43210, 0, 1448);
	put_sock_info(nlh, 10136);
	mnl_attr_put_strz(nlh, TINYIP_A_SOCK_CC, "cubic");
	mnl_attr_put_u32(nlh, TINYIP_A_SOCK_FLAGS,
			 TINYIP_SOCK_F_TS | TINYIP_SOCK_F_SACK |
			 TINYIP_SOCK_F_WSCALE | TINYIP_SOCK_F_SOCKET);
	dgram_new();
	nlh = put_sock(rq, IPPROTO_TCP, 4, "192.0.2.2", 33000,
		       "203.0.113.7", 443, 0, 0);
	put_sock_info(nlh, 0xffffffff);
	mnl_attr_put_strz(nlh, TINYIP_A_SOCK_CC, "newreno");
	mnl_attr_put_u32(nlh, TINYIP_A_SOCK_FLAGS, TINYIP_SOCK_F_ORPHAN);
	nlh = put_sock(rq, IPPROTO_TCP, 6, "192.0.2.2", 80, "192.0.2.1",
		       43200, 0, 0);
	nest = mnl_attr_nest_start(nlh, TINYIP_A_SOCK_INFO);
	mnl_attr_put_u32(nlh, TINYIP_SOCK_INFO_TIMER_MS, 59000);
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put_u32(nlh, TINYIP_A_SOCK_FLAGS, TINYIP_SOCK_F_TS);
	dgram_new();
	put_sock(rq, IPPROTO_UDP, 7, "0.0.0.0", 53, "0.0.0.0", 0, 0, 0);
	put_sock(rq, IPPROTO_UDPLITE, 1, "192.0.2.2", 5000, "192.0.2.1",
		 6000, 0, 0);
	put_sock(rq, IPPROTO_RAW, 7, "0.0.0.0", 1, "0.0.0.0", 0, 0, 0);
	put_done(rq, 0, NULL);
}

/* SOCK_INFO with a u8 member: refused, not printed as garbage. */
static void bad_sock(const struct nlmsghdr *rq)
{
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	nlh = put_sock(rq, IPPROTO_TCP, 1, "192.0.2.2", 80, "192.0.2.1", 1,
		       0, 0);
	nest = mnl_attr_nest_start(nlh, TINYIP_A_SOCK_INFO);
	mnl_attr_put_u8(nlh, TINYIP_SOCK_INFO_MSS, 1);
	mnl_attr_nest_end(nlh, nest);
	put_done(rq, 0, NULL);
}

/* Counters as nl_sock.c sends them: each u64 after a pad attribute. */
static void stats_reply(const struct nlmsghdr *rq)
{
	struct nlmsghdr *nlh = put_hdr(rq, FAKE_FAMILY, 0);
	struct genlmsghdr *genl;
	struct nlattr *nest;
	unsigned int i;

	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = TINYIP_CMD_STATS_GET;
	nest = mnl_attr_nest_start(nlh, TINYIP_A_TCP_STATS);
	for (i = TINYIP_TCP_STAT_ACTIVE_OPENS; i <= TINYIP_TCP_STAT_MAX; i++)
		put_u64(nlh, i, TINYIP_TCP_STAT_PAD,
			i == TINYIP_TCP_STAT_ACTIVE_OPENS ? 3 :
			i == TINYIP_TCP_STAT_TW_RECYCLED ? 1ULL << 40 :
			i == TINYIP_TCP_STAT_TCP_FAST_RETRANS);
	put_u64(nlh, 200, TINYIP_TCP_STAT_PAD, 9);	/* newer than the tool */
	mnl_attr_nest_end(nlh, nest);
	put_u64(nlh, TINYIP_A_MEM_BUDGET, TINYIP_A_PAD, 1 << 20);
	put_u64(nlh, TINYIP_A_MEM_USED, TINYIP_A_PAD, 69996);
	put_u64(nlh, TINYIP_A_MEM_FAILED, TINYIP_A_PAD, 12);
	put_u64(nlh, TINYIP_A_MEM_PEAK, TINYIP_A_PAD, 1048000);
	nest = mnl_attr_nest_start(nlh, TINYIP_A_MEM_CAT_USED);
	for (i = TINYIP_MEM_OTHER; i <= TINYIP_MEM_MAX; i++)
		put_u64(nlh, i, TINYIP_MEM_PAD,
			i == TINYIP_MEM_RCVQ ? 60000 : 1666);
	put_u64(nlh, 99, TINYIP_MEM_PAD, 5);		/* newer than the tool */
	mnl_attr_nest_end(nlh, nest);
	nest = mnl_attr_nest_start(nlh, TINYIP_A_MEM_CAT_PEAK);
	for (i = TINYIP_MEM_OTHER; i <= TINYIP_MEM_MAX; i++)
		put_u64(nlh, i, TINYIP_MEM_PAD,
			i == TINYIP_MEM_RCVQ ? 900000 : 4096);
	mnl_attr_nest_end(nlh, nest);
	nest = mnl_attr_nest_start(nlh, TINYIP_A_MEM_CAT_FAILED);
	for (i = TINYIP_MEM_OTHER; i <= TINYIP_MEM_MAX; i++)
		put_u64(nlh, i, TINYIP_MEM_PAD,
			i == TINYIP_MEM_RCVQ ? 10 : i == TINYIP_MEM_PCB ? 2 : 0);
	mnl_attr_nest_end(nlh, nest);
	put_err(rq, 0, NULL);
}

static void eexist(const struct nlmsghdr *rq)
{
	put_err(rq, -EEXIST, "address already assigned");
}

static void enodev(const struct nlmsghdr *rq)
{
	put_err(rq, -ENODEV, "no such device");
}

static void eperm(const struct nlmsghdr *rq)
{
	put_err(rq, -EPERM, NULL);
}

/* MTU sent as a u8: the tool must refuse, not print garbage. */
static void bad_link(const struct nlmsghdr *rq)
{
	struct nlmsghdr *nlh = put_msg(rq, TINYIP_CMD_LINK_GET);

	mnl_attr_put_strz(nlh, TINYIP_A_IFNAME, "veth0");
	mnl_attr_put_u8(nlh, TINYIP_A_MTU, 1);
	put_done(rq, 0, NULL);
}

/* ---- The cases ---- */

static const char links_text[] =
	"veth0: mode shared mtu 1500 state UP hwaddr 02:11:22:33:44:55\n"
	"lo: mode loopback mtu 65536 state UP\n"
	"veth1: mode exclusive mtu 9000 state DOWN hwaddr 02:aa:bb:cc:dd:ee\n";

static void test_link(void)
{
	run(NULL, "link attach dev veth0 mode exclusive");
	expect("link attach: silent", 0, "", "");
	check(rq_is(TINYIP_CMD_LINK_ATTACH, DO_FLAGS, 2) &&
	      rq_str(TINYIP_A_IFNAME, "veth0") &&
	      rq_u8(TINYIP_A_LINK_MODE, TINYIP_LINK_MODE_EXCLUSIVE),
	      "link attach: ATTACH with IFNAME and LINK_MODE exclusive");
	run(NULL, "l a dev veth0 mode sh");
	check(rc == 0 && rq_is(TINYIP_CMD_LINK_ATTACH, DO_FLAGS, 2) &&
	      rq_u8(TINYIP_A_LINK_MODE, TINYIP_LINK_MODE_SHARED),
	      "link attach: abbreviated, mode shared");
	run(NULL, "link attach dev veth0");
	check(rc == 0 && rq_is(TINYIP_CMD_LINK_ATTACH, DO_FLAGS, 1) &&
	      rq_str(TINYIP_A_IFNAME, "veth0"),
	      "link attach: no mode, the kernel's default");
	run(NULL, "link detach dev lo");
	check(rc == 0 && rq_is(TINYIP_CMD_LINK_DETACH, DO_FLAGS, 1) &&
	      rq_str(TINYIP_A_IFNAME, "lo"),
	      "link detach: DETACH with IFNAME lo");
	run(enodev, "link attach dev nosuch");
	expect("link attach: kernel error with extack", 1, "",
	       "Error: no such device\n");

	run(links_reply, "link show");
	expect("link show: multi-part dump, loopback link, text", 0,
	       links_text, "");
	check(rq_is(TINYIP_CMD_LINK_GET, DUMP_FLAGS, 0),
	      "link show: dump request, no ACK flag, no attributes");
	run(links_reply, "link");
	expect("link: show is the default", 0, links_text, "");

	run(links_reply, "-s link show");
	expect("link show -s: counters and non-zero drop reasons", 0,
	       "veth0: mode shared mtu 1500 state UP hwaddr 02:11:22:33:44:55\n"
	       "    rx packets 10 bytes 1200 drops 4\n"
	       "    tx packets 7 bytes 700 drops 2\n"
	       "    drops: neigh 2 hdr 1 csum 3\n"
	       "lo: mode loopback mtu 65536 state UP\n"
	       "veth1: mode exclusive mtu 9000 state DOWN hwaddr 02:aa:bb:cc:dd:ee\n",
	       "");

	run(links_reply, "-j link show");
	expect("link show -j", 0,
	       "[{\"ifname\":\"veth0\",\"ifindex\":3,\"mode\":\"shared\",\"mtu\":1500,\"up\":true,\"flags\":[],\"hwaddr\":\"02:11:22:33:44:55\"},{\"ifname\":\"lo\",\"mode\":\"loopback\",\"mtu\":65536,\"up\":true,\"flags\":[]},{\"ifname\":\"veth1\",\"ifindex\":5,\"mode\":\"exclusive\",\"mtu\":9000,\"up\":false,\"flags\":[],\"hwaddr\":\"02:aa:bb:cc:dd:ee\"}]\n",
	       "");
	expect_jq("link show -j: valid JSON");

	run(links_reply, "-j -s link show dev veth0");
	expect("link show -j -s dev: stats and every drop reason", 0,
	       "[{\"ifname\":\"veth0\",\"ifindex\":3,\"mode\":\"shared\",\"mtu\":1500,\"up\":true,\"flags\":[],\"hwaddr\":\"02:11:22:33:44:55\",\"stats\":{\"rx_packets\":10,\"rx_bytes\":1200,\"tx_packets\":7,\"tx_bytes\":700,\"rx_drops\":4,\"tx_drops\":2},\"rx_drops\":{\"other\":0,\"nomem\":0,\"link-down\":0,\"vlan\":0,\"ethertype\":0,\"otherhost\":0,\"arp-bad\":0,\"neigh\":0,\"hdr\":1,\"csum\":3,\"martian\":0,\"ttl\":0,\"no-route\":0,\"frag\":0,\"too-big\":0,\"proto\":0,\"no-port\":0,\"rcvbuf\":0,\"ratelimit\":0},\"tx_drops\":{\"other\":0,\"nomem\":0,\"link-down\":0,\"vlan\":0,\"ethertype\":0,\"otherhost\":0,\"arp-bad\":0,\"neigh\":2,\"hdr\":0,\"csum\":0,\"martian\":0,\"ttl\":0,\"no-route\":0,\"frag\":0,\"too-big\":0,\"proto\":0,\"no-port\":0,\"rcvbuf\":0,\"ratelimit\":0}}]\n",
	       "");
	check(rq_is(TINYIP_CMD_LINK_GET, DUMP_FLAGS, 1) &&
	      rq_str(TINYIP_A_IFNAME, "veth0"),
	      "link show dev: IFNAME sent with the dump");
	expect_jq("link show -j -s: valid JSON");

	run(links_reply, "-p link show dev lo");
	expect("link show -p dev lo", 0,
	       "[\n    {\n        \"ifname\": \"lo\",\n        \"mode\": \"loopback\",\n"
	       "        \"mtu\": 65536,\n        \"up\": true,\n        \"flags\": []\n"
	       "    }\n]\n", "");

	run(links_reply, "link show dev veth9");
	expect("link show dev: not a tinyip link", 1, "",
	       "Error: device \"veth9\" is not a tinyip link.\n");

	run(bad_link, "link show");
	expect("link show: malformed reply refused", 1, "",
	       "tinyip: malformed message from the kernel: bad attribute 14\n"
	       "Error: Bad message\n");

	expect_usage("link attach: no dev", "link attach", "\"dev DEV\" is missing");
	expect_usage("link attach: dev without name", "link attach dev",
		     "needs a device name");
	expect_usage("link attach: long name",
		     "link attach dev abcdefghijklmnop", "1 to 15 characters");
	expect_usage("link attach: bad mode", "link attach dev veth0 mode loopback",
		     "mode is shared or exclusive");
	expect_usage("link attach: duplicate dev",
		     "link attach dev a dev b", "duplicate \"dev\"");
	expect_usage("link detach: no mode", "link detach dev veth0 mode shared",
		     "argument \"mode\" is wrong");
	expect_usage("link: unknown command", "link up", "Command \"up\" is unknown");
}

static void test_addr(void)
{
	run(NULL, "addr add 192.0.2.2/24 dev veth0");
	expect("addr add: silent", 0, "", "");
	check(rq_is(TINYIP_CMD_ADDR_ADD, DO_FLAGS, 3) &&
	      rq_str(TINYIP_A_IFNAME, "veth0") &&
	      rq_ip(TINYIP_A_ADDR, "192.0.2.2") &&
	      rq_u8(TINYIP_A_PREFIXLEN, 24),
	      "addr add: IFNAME, 4-byte ADDR, PREFIXLEN");
	run(NULL, "a d dev lo 127.0.0.1");
	check(rc == 0 && rq_is(TINYIP_CMD_ADDR_DEL, DO_FLAGS, 3) &&
	      rq_str(TINYIP_A_IFNAME, "lo") &&
	      rq_ip(TINYIP_A_ADDR, "127.0.0.1") &&
	      rq_u8(TINYIP_A_PREFIXLEN, 32),
	      "addr del: abbreviated, dev first, /32 by default");
	run(eexist, "addr add 192.0.2.2/24 dev veth0");
	expect("addr add: kernel error with extack", 1, "",
	       "Error: address already assigned\n");
	run(eperm, "addr add 192.0.2.2/24 dev veth0");
	expect("addr add: EPERM without extack", 1, "",
	       "Error: Operation not permitted\n"
	       "This command needs CAP_NET_ADMIN over the network namespace.\n");

	run(addrs_reply, "addr show");
	expect("addr show: text", 0,
	       "veth0 inet 192.0.2.2/24 brd 192.0.2.255\n"
	       "lo inet 127.0.0.1/8\n", "");
	check(rq_is(TINYIP_CMD_ADDR_GET, DUMP_FLAGS, 0), "addr show: dump request");
	run(addrs_reply, "-j a sh");
	expect("addr show: json", 0,
	       "[{\"ifname\":\"veth0\",\"ifindex\":3,\"family\":\"inet\",\"local\":\"192.0.2.2\",\"prefixlen\":24,\"broadcast\":\"192.0.2.255\"},{\"ifname\":\"lo\",\"family\":\"inet\",\"local\":\"127.0.0.1\",\"prefixlen\":8}]\n",
	       "");
	expect_jq("addr show -j: valid JSON");
	run(addrs_reply, "addr show dev lo");
	expect("addr show dev: filtered", 0, "lo inet 127.0.0.1/8\n", "");
	run(addrs_reply, "-j addr show dev veth7");
	expect("addr show dev: nothing, empty array", 0, "[]\n", "");

	expect_usage("addr add: no address", "addr add dev veth0",
		     "ADDR/PLEN is missing");
	expect_usage("addr add: no dev", "addr add 192.0.2.2/24",
		     "\"dev DEV\" is missing");
	expect_usage("addr add: bad address", "addr add 192.0.2.300/24 dev x",
		     "not an IPv4 or IPv6 address.");
	expect_usage("addr add: prefix too long", "addr add 192.0.2.2/33 dev x",
		     "prefix length is 0 to 32");
	expect_usage("addr add: prefix garbage", "addr add 192.0.2.2/2x dev x",
		     "prefix length is 0 to 32");
	expect_usage("addr add: two addresses",
		     "addr add 192.0.2.2/24 192.0.2.3/24 dev x",
		     "one address at a time");
	expect_usage("addr show: stray word", "addr show veth0",
		     "argument \"veth0\" is wrong");
}

static void test_route(void)
{
	run(NULL, "route add default via 192.0.2.1 dev veth0 metric 10");
	expect("route add: silent", 0, "", "");
	check(rq_is(TINYIP_CMD_ROUTE_ADD, DO_FLAGS, 5) &&
	      rq_ip(TINYIP_A_ADDR, "0.0.0.0") &&
	      rq_u8(TINYIP_A_PREFIXLEN, 0) &&
	      rq_ip(TINYIP_A_GATEWAY, "192.0.2.1") &&
	      rq_str(TINYIP_A_IFNAME, "veth0") &&
	      rq_u32(TINYIP_A_METRIC, 10),
	      "route add default: ADDR 0.0.0.0/0, GATEWAY, IFNAME, METRIC");
	run(NULL, "r a 198.51.100.0/24 via 192.0.2.1");
	check(rc == 0 && rq_is(TINYIP_CMD_ROUTE_ADD, DO_FLAGS, 3) &&
	      rq_ip(TINYIP_A_ADDR, "198.51.100.0") &&
	      rq_u8(TINYIP_A_PREFIXLEN, 24) &&
	      rq_ip(TINYIP_A_GATEWAY, "192.0.2.1"),
	      "route add: via only, no dev or metric sent");
	run(NULL, "route del 198.51.100.0/24");
	check(rc == 0 && rq_is(TINYIP_CMD_ROUTE_DEL, DO_FLAGS, 2),
	      "route del: prefix alone");
	run(NULL, "route add 0.0.0.0/0 dev veth0 metric 4294967295");
	check(rc == 0 && rq_u8(TINYIP_A_PREFIXLEN, 0) &&
	      rq_u32(TINYIP_A_METRIC, 4294967295u),
	      "route add: 0.0.0.0/0, largest metric");

	run(routes_reply, "route show");
	expect("route show: text, multi-part", 0,
	       "192.0.2.0/24 dev veth0 proto kernel metric 0\n"
	       "203.0.113.7/32 via 192.0.2.1 dev veth0 metric 5\n"
	       "default via 192.0.2.1 dev veth0 metric 0\n", "");
	check(rq_is(TINYIP_CMD_ROUTE_GET, DUMP_FLAGS, 0), "route show: dump request");
	run(routes_reply, "-j route");
	expect("route show: json", 0,
	       "[{\"dst\":\"192.0.2.0/24\",\"dev\":\"veth0\",\"metric\":0,\"protocol\":\"kernel\"},{\"dst\":\"203.0.113.7/32\",\"gateway\":\"192.0.2.1\",\"dev\":\"veth0\",\"metric\":5,\"protocol\":\"static\"},{\"dst\":\"default\",\"gateway\":\"192.0.2.1\",\"dev\":\"veth0\",\"metric\":0,\"protocol\":\"static\"}]\n",
	       "");
	expect_jq("route show -j: valid JSON");
	run(routes_fail, "route show");
	expect("route show: dump fails part-way, DONE's error and extack", 1,
	       "192.0.2.0/24 dev veth0 proto kernel metric 0\n",
	       "Error: route table changed during the dump\n");
	run(routes_fail, "-j route show");
	expect_jq("route show -j: JSON closed after a failed dump");

	expect_usage("route add: host bits", "route add 198.51.100.1/24 dev x",
		     "host bits are set");
	expect_usage("route add: neither via nor dev", "route add 198.51.100.0/24",
		     "needs \"via GW\" or \"dev DEV\"");
	expect_usage("route add: no prefix", "route add via 192.0.2.1",
		     "PREFIX is missing");
	expect_usage("route add: gateway with length",
		     "route add default via 192.0.2.1/24",
		     "not an IPv4 or IPv6 gateway address.");
	expect_usage("route add: via without address", "route add default via",
		     "needs an address");
	expect_usage("route add: metric garbage",
		     "route add default dev x metric -1", "metric is a number");
	expect_usage("route add: metric too large",
		     "route add default dev x metric 4294967296", "metric is a number");
	expect_usage("route add: bad prefix", "route add 10.1/8 dev x",
		     "not an IPv4 or IPv6 prefix (ADDR/PLEN or default).");
	expect_usage("route show: arguments", "route show dev x",
		     "takes no arguments");
}

static void test_neigh(void)
{
	run(neighs_reply, "neigh show");
	expect("neigh show: text, states, no lladdr while incomplete", 0,
	       "192.0.2.1 dev veth0 lladdr 02:00:5e:00:53:01 REACHABLE\n"
	       "198.51.100.9 dev veth1 INCOMPLETE\n"
	       "198.51.100.2 dev veth1 lladdr 02:00:5e:00:53:01 PERMANENT\n",
	       "");
	check(rq_is(TINYIP_CMD_NEIGH_GET, DUMP_FLAGS, 0), "neigh show: dump request");
	run(neighs_reply, "-j n sh dev veth1");
	expect("neigh show: json, filtered", 0,
	       "[{\"dst\":\"198.51.100.9\",\"dev\":\"veth1\",\"state\":\"INCOMPLETE\"},{\"dst\":\"198.51.100.2\",\"dev\":\"veth1\",\"lladdr\":\"02:00:5e:00:53:01\",\"state\":\"PERMANENT\"}]\n",
	       "");
	check(rq_str(TINYIP_A_IFNAME, "veth1"), "neigh show dev: IFNAME sent");
	expect_jq("neigh show -j: valid JSON");

	run(NULL, "neigh flush");
	expect("neigh flush: silent", 0, "", "");
	check(rq_is(TINYIP_CMD_NEIGH_FLUSH, DO_FLAGS, 0), "neigh flush: all links");
	run(NULL, "neigh flush dev veth0");
	check(rc == 0 && rq_is(TINYIP_CMD_NEIGH_FLUSH, DO_FLAGS, 1) &&
	      rq_str(TINYIP_A_IFNAME, "veth0"), "neigh flush dev: IFNAME");
	run(enodev, "neigh flush dev veth9");
	expect("neigh flush: kernel error", 1, "", "Error: no such device\n");

	expect_usage("neigh flush: dev without name", "neigh flush dev",
		     "needs a device name");
	expect_usage("neigh: unknown keyword", "neigh show to 192.0.2.1",
		     "argument \"to\" is wrong");
	expect_usage("neigh: unknown command", "neigh add", "Command \"add\" is unknown");
}

static void test_config(void)
{
	run(config_reply, "config set forwarding on");
	expect("config set forwarding on", 0,
	       "mem-budget unlimited\nmem-used 4096\nmem-failed 0\nforwarding on\nforwarding6 off\ntcp-cc newreno\n",
	       "");
	check(rq_is(TINYIP_CMD_CONFIG_SET, DO_FLAGS, 1) &&
	      rq_u8(TINYIP_A_FORWARDING, 1), "config set: FORWARDING u8 1");
	run(config_reply, "config set mem-budget 16M forwarding off");
	check(rc == 0 && rq_is(TINYIP_CMD_CONFIG_SET, DO_FLAGS, 2) &&
	      rq_u8(TINYIP_A_FORWARDING, 0) &&
	      rq_u64(TINYIP_A_MEM_BUDGET, 16 << 20) &&
	      strstr(out, "forwarding off\n"),
	      "config set: mem-budget and forwarding off together");
	run(config_reply, "-j config show");
	expect("config show: json forwarding", 0,
	       "{\"mem_budget\":0,\"mem_used\":4096,\"mem_failed\":0,\"forwarding\":true,\"forwarding6\":false,\"tcp_cc\":\"newreno\"}\n",
	       "");
	check(rq_is(TINYIP_CMD_CONFIG_GET, DO_FLAGS, 0), "config show: CONFIG_GET");
	expect_usage("config set: forwarding maybe", "config set forwarding maybe",
		     "forwarding is on or off");
	expect_usage("config set: forwarding twice",
		     "config set forwarding on forwarding off", "duplicate");
	expect_usage("config set: forwarding without value",
		     "config set forwarding", "needs on or off");

	run(config_reply, "config set forwarding6 on");
	expect("config set forwarding6 on: round trip", 0,
	       "mem-budget unlimited\nmem-used 4096\nmem-failed 0\nforwarding on\nforwarding6 on\ntcp-cc newreno\n",
	       "");
	check(rq_is(TINYIP_CMD_CONFIG_SET, DO_FLAGS, 1) &&
	      rq_u8(TINYIP_A_FORWARDING6, 1), "config set: FORWARDING6 u8 1");
	run(config_reply, "-j config set forwarding off forwarding6 on");
	expect("config set forwarding off forwarding6 on: json", 0,
	       "{\"mem_budget\":0,\"mem_used\":4096,\"mem_failed\":0,\"forwarding\":false,\"forwarding6\":true,\"tcp_cc\":\"newreno\"}\n",
	       "");
	check(rq_is(TINYIP_CMD_CONFIG_SET, DO_FLAGS, 2) &&
	      rq_u8(TINYIP_A_FORWARDING, 0) && rq_u8(TINYIP_A_FORWARDING6, 1),
	      "config set: FORWARDING and FORWARDING6 apart");
	run(config_reply, "config set forwarding6 of");
	check(rc == 0 && rq_u8(TINYIP_A_FORWARDING6, 0) &&
	      strstr(out, "\nforwarding6 off\n"),
	      "config set forwarding6 off (abbreviated)");
	expect_usage("config set: forwarding6 maybe", "config set forwarding6 maybe",
		     "argument \"maybe\" is wrong: forwarding6 is on or off.");
	expect_usage("config set: forwarding6 twice",
		     "config set forwarding6 on forwarding6 off",
		     "duplicate \"forwarding6\".");
	expect_usage("config set: forwarding6 without value",
		     "config set forwarding6", "forwarding6 needs on or off.");

	run(config_reply, "config set tcp-cc cubic");
	expect("config set tcp-cc cubic", 0,
	       "mem-budget unlimited\nmem-used 4096\nmem-failed 0\nforwarding on\nforwarding6 off\ntcp-cc cubic\n",
	       "");
	check(rq_is(TINYIP_CMD_CONFIG_SET, DO_FLAGS, 1) &&
	      rq_str(TINYIP_A_TCP_CC, "cubic"), "config set: TCP_CC string");
	run(config_reply, "-j config");
	check(rc == 0 && strstr(out, ",\"tcp_cc\":\"newreno\"}\n"),
	      "config show -j: tcp_cc");
	run(enoent_cc, "config set tcp-cc vegas");
	expect("config set tcp-cc: unknown algorithm", 1, "",
	       "Error: unknown congestion control\n");
}

static void test_addr6(void)
{
	run(NULL, "addr add 2001:db8::1/64 dev veth0 nodad valid_lft 600 preferred_lft 300");
	expect("addr add IPv6: silent", 0, "", "");
	check(rq_is(TINYIP_CMD_ADDR_ADD, DO_FLAGS, 6) &&
	      rq_str(TINYIP_A_IFNAME, "veth0") &&
	      rq_ip(TINYIP_A_ADDR, "2001:db8::1") &&
	      rq_u8(TINYIP_A_PREFIXLEN, 64) &&
	      rq_u32(TINYIP_A_ADDR_FLAGS, TINYIP_ADDR_F_NODAD) &&
	      rq_u32(TINYIP_A_VALID_LFT, 600) &&
	      rq_u32(TINYIP_A_PREFERRED_LFT, 300),
	      "addr add IPv6: 16-byte ADDR, NODAD, both lifetimes");
	run(NULL, "a a dev veth0 2001:db8::2 n");
	check(rc == 0 && rq_is(TINYIP_CMD_ADDR_ADD, DO_FLAGS, 4) &&
	      rq_ip(TINYIP_A_ADDR, "2001:db8::2") &&
	      rq_u8(TINYIP_A_PREFIXLEN, 128) &&
	      rq_u32(TINYIP_A_ADDR_FLAGS, TINYIP_ADDR_F_NODAD),
	      "addr add IPv6: /128 by default, nodad abbreviated");
	run(NULL, "addr add 2001:db8::2/64 dev veth0");
	check(rc == 0 && rq_is(TINYIP_CMD_ADDR_ADD, DO_FLAGS, 3),
	      "addr add IPv6: no flags or lifetimes unless asked");
	run(NULL, "addr add 2001:db8::1/64 dev veth0 valid_lft 600");
	check(rc == 0 && rq_is(TINYIP_CMD_ADDR_ADD, DO_FLAGS, 5) &&
	      rq_u32(TINYIP_A_VALID_LFT, 600) &&
	      rq_u32(TINYIP_A_PREFERRED_LFT, 600),
	      "addr add: valid_lft alone, preferred as long");
	run(NULL, "addr add 2001:db8::1/64 dev veth0 preferred_lft 300");
	check(rc == 0 && rq_u32(TINYIP_A_VALID_LFT, 0xffffffffU) &&
	      rq_u32(TINYIP_A_PREFERRED_LFT, 300),
	      "addr add: preferred_lft alone, valid forever");
	run(NULL, "addr add 2001:db8::1/64 dev veth0 preferred_lft forever valid_lft forever");
	check(rc == 0 && rq_u32(TINYIP_A_VALID_LFT, 0xffffffffU) &&
	      rq_u32(TINYIP_A_PREFERRED_LFT, 0xffffffffU),
	      "addr add: forever is 0xffffffff");
	run(NULL, "addr add 2001:db8::1/64 dev veth0 valid_lft 300 preferred_lft 300");
	check(rc == 0 && rq_u32(TINYIP_A_PREFERRED_LFT, 300),
	      "addr add: preferred_lft equal to valid_lft");
	run(NULL, "-6 addr add ::ffff:192.0.2.1/128 dev veth0");
	check(rc == 0 && rq_ip(TINYIP_A_ADDR, "::ffff:192.0.2.1") &&
	      rq_u8(TINYIP_A_PREFIXLEN, 128),
	      "addr add: a v4-mapped address stays 16 bytes");
	run(NULL, "addr del 2001:db8::1/64 dev veth0");
	check(rc == 0 && rq_is(TINYIP_CMD_ADDR_DEL, DO_FLAGS, 3) &&
	      rq_ip(TINYIP_A_ADDR, "2001:db8::1") &&
	      rq_u8(TINYIP_A_PREFIXLEN, 64), "addr del IPv6");

	expect_usage("addr add: nodad for IPv4", "addr add 192.0.2.2/24 dev x nodad",
		     "nodad, valid_lft and preferred_lft are for IPv6 addresses.");
	expect_usage("addr add: lifetime for IPv4",
		     "addr add 192.0.2.2/24 dev x valid_lft 600",
		     "are for IPv6 addresses.");
	expect_usage("addr add: preferred_lft for IPv4",
		     "addr add 192.0.2.2/24 dev x preferred_lft forever",
		     "are for IPv6 addresses.");
	expect_usage("addr add: preferred > valid",
		     "addr add 2001:db8::1/64 dev x preferred_lft 600 valid_lft 300",
		     "preferred_lft (600) is greater than valid_lft (300).");
	expect_usage("addr add: preferred forever, valid finite",
		     "addr add 2001:db8::1/64 dev x valid_lft 300 preferred_lft forever",
		     "preferred_lft (4294967295) is greater than valid_lft (300).");
	expect_usage("addr add: valid_lft 0", "addr add 2001:db8::1/64 dev x valid_lft 0",
		     "valid_lft is 0");
	expect_usage("addr add: lifetime garbage",
		     "addr add 2001:db8::1/64 dev x valid_lft 10m",
		     "argument \"10m\" is wrong: valid_lft is a number of seconds or forever.");
	expect_usage("addr add: lifetime too large",
		     "addr add 2001:db8::1/64 dev x preferred_lft 4294967296",
		     "preferred_lft is a number of seconds or forever.");
	expect_usage("addr add: lifetime missing",
		     "addr add 2001:db8::1/64 dev x valid_lft",
		     "valid_lft needs SECONDS or forever.");
	expect_usage("addr add: lifetime twice",
		     "addr add 2001:db8::1/64 dev x valid_lft 1 valid_lft 2",
		     "duplicate \"valid_lft\".");
	expect_usage("addr add: nodad twice",
		     "addr add 2001:db8::1/64 dev x nodad nodad",
		     "duplicate \"nodad\".");
	expect_usage("addr del: no nodad", "addr del 2001:db8::1/64 dev x nodad",
		     "argument \"nodad\" is wrong: only \"addr add\" takes it.");
	expect_usage("addr show: no lifetimes", "addr show valid_lft 1",
		     "only \"addr add\" takes it.");
	expect_usage("addr add: /129", "addr add 2001:db8::1/129 dev x",
		     "the prefix length is 0 to 128.");
	expect_usage("addr add: IPv6 garbage", "addr add 2001:db8::g/64 dev x",
		     "argument \"2001:db8::g/64\" is wrong: not an IPv4 or IPv6 address.");
	expect_usage("addr add: -4 with IPv6", "-4 addr add 2001:db8::1/64 dev x",
		     "not an IPv4 address, as -4 asks.");
	expect_usage("addr add: -6 with IPv4", "-6 addr add 192.0.2.1/24 dev x",
		     "not an IPv6 address, as -6 asks.");
	expect_usage("addr add: -4 with a v4-mapped address",
		     "-4 addr add ::ffff:192.0.2.1 dev x", "as -4 asks");

	run(addrs6_reply, "addr show");
	expect("addr show: IPv6 scope, flags, lifetimes as ip shows them", 0,
	       "veth0 inet 192.0.2.2/24 brd 192.0.2.255\n"
	       "veth0 inet6 2001:db8::5054:ff:fe12:3456/64 scope global tentative dynamic autoconf\n"
	       "    valid_lft 600sec preferred_lft 300sec\n"
	       "veth0 inet6 fe80::1/64 scope link\n"
	       "    valid_lft forever preferred_lft forever\n"
	       "veth0 inet6 2001:db8::a1b2/64 scope global temporary deprecated dynamic autoconf 0x100000\n"
	       "    valid_lft 100sec preferred_lft 0sec\n"
	       "veth1 inet6 2001:db8:1::1/64 scope global dadfailed tentative\n"
	       "    valid_lft forever preferred_lft 0sec\n"
	       "lo inet6 ::1/128 scope host\n"
	       "    valid_lft forever preferred_lft forever\n", "");
	check(rq_is(TINYIP_CMD_ADDR_GET, DUMP_FLAGS, 0),
	      "addr show -6: the kernel sends both families");
	run(addrs6_reply, "-4 addr show");
	expect("addr show -4: IPv4 only", 0,
	       "veth0 inet 192.0.2.2/24 brd 192.0.2.255\n", "");
	run(addrs6_reply, "-6 addr show dev lo");
	expect("addr show -6 dev lo", 0,
	       "lo inet6 ::1/128 scope host\n"
	       "    valid_lft forever preferred_lft forever\n", "");
	run(addrs6_reply, "-j -6 addr show dev veth0");
	expect("addr show -j -6: scope, flags array, lifetimes", 0,
	       "[{\"ifname\":\"veth0\",\"family\":\"inet6\",\"local\":\"2001:db8::5054:ff:fe12:3456\",\"prefixlen\":64,\"scope\":\"global\",\"flags\":[\"tentative\",\"dynamic\",\"autoconf\"],\"valid_life_time\":600,\"preferred_life_time\":300},{\"ifname\":\"veth0\",\"family\":\"inet6\",\"local\":\"fe80::1\",\"prefixlen\":64,\"scope\":\"link\",\"flags\":[],\"valid_life_time\":4294967295,\"preferred_life_time\":4294967295},{\"ifname\":\"veth0\",\"family\":\"inet6\",\"local\":\"2001:db8::a1b2\",\"prefixlen\":64,\"scope\":\"global\",\"flags\":[\"temporary\",\"deprecated\",\"dynamic\",\"autoconf\",\"0x100000\"],\"valid_life_time\":100,\"preferred_life_time\":0}]\n",
	       "");
	expect_jq("addr show -j -6: valid JSON");
	run(addrs6_reply, "-j -4 addr");
	expect("addr show -j -4: no IPv6 fields on IPv4", 0,
	       "[{\"ifname\":\"veth0\",\"family\":\"inet\",\"local\":\"192.0.2.2\",\"prefixlen\":24,\"broadcast\":\"192.0.2.255\"}]\n",
	       "");
}

static void test_route6(void)
{
	run(NULL, "-6 route add default via fe80::1 dev veth0 metric 1024");
	expect("route add -6 default: silent", 0, "", "");
	check(rq_is(TINYIP_CMD_ROUTE_ADD, DO_FLAGS, 5) &&
	      rq_ip(TINYIP_A_ADDR, "::") && rq_u8(TINYIP_A_PREFIXLEN, 0) &&
	      rq_ip(TINYIP_A_GATEWAY, "fe80::1") &&
	      rq_str(TINYIP_A_IFNAME, "veth0") &&
	      rq_u32(TINYIP_A_METRIC, 1024),
	      "route add -6 default: ::/0 via a link-local gateway, dev");
	run(NULL, "route add default via fe80::1 dev veth0");
	check(rc == 0 && rq_ip(TINYIP_A_ADDR, "::") &&
	      rq_u8(TINYIP_A_PREFIXLEN, 0) && rq_ip(TINYIP_A_GATEWAY, "fe80::1"),
	      "route add default via IPv6: ::/0, as ip takes it");
	run(NULL, "route add via 192.0.2.1 default");
	check(rc == 0 && rq_ip(TINYIP_A_ADDR, "0.0.0.0") &&
	      rq_ip(TINYIP_A_GATEWAY, "192.0.2.1"),
	      "route add default via IPv4, via first: 0.0.0.0/0");
	run(NULL, "-6 route del default");
	check(rc == 0 && rq_is(TINYIP_CMD_ROUTE_DEL, DO_FLAGS, 2) &&
	      rq_ip(TINYIP_A_ADDR, "::") && rq_u8(TINYIP_A_PREFIXLEN, 0),
	      "route del -6 default: ::/0");
	run(NULL, "route del default");
	check(rc == 0 && rq_ip(TINYIP_A_ADDR, "0.0.0.0"),
	      "route del default without -6: 0.0.0.0/0");
	run(NULL, "route add 2001:db8:1::/48 via 2001:db8::1");
	check(rc == 0 && rq_is(TINYIP_CMD_ROUTE_ADD, DO_FLAGS, 3) &&
	      rq_ip(TINYIP_A_ADDR, "2001:db8:1::") &&
	      rq_u8(TINYIP_A_PREFIXLEN, 48) &&
	      rq_ip(TINYIP_A_GATEWAY, "2001:db8::1"),
	      "route add IPv6: a global gateway needs no dev");
	run(NULL, "route add ::/0 dev veth0");
	check(rc == 0 && rq_is(TINYIP_CMD_ROUTE_ADD, DO_FLAGS, 3) &&
	      rq_ip(TINYIP_A_ADDR, "::") && rq_u8(TINYIP_A_PREFIXLEN, 0),
	      "route add ::/0 dev");

	expect_usage("route add: link-local gateway without dev",
		     "-6 route add default via fe80::1",
		     "a link-local gateway needs \"dev DEV\"");
	expect_usage("route add: link-local gateway, no -6, no dev",
		     "route add 2001:db8:1::/48 via fe80::1:2",
		     "a link-local gateway needs \"dev DEV\"");
	expect_usage("route add: families mixed",
		     "route add 2001:db8:1::/48 via 192.0.2.1",
		     "the gateway and the prefix are of different families.");
	expect_usage("route add: -6 with an IPv4 gateway",
		     "-6 route add default via 192.0.2.1",
		     "not an IPv6 gateway address, as -6 asks.");
	expect_usage("route add: -4 with an IPv6 prefix", "-4 route add ::/0 dev x",
		     "not an IPv4 prefix (ADDR/PLEN or default), as -4 asks.");
	expect_usage("route add: IPv6 host bits", "route add 2001:db8::1/64 dev x",
		     "host bits are set");
	expect_usage("route add: /129", "route add 2001:db8::/129 dev x",
		     "the prefix length is 0 to 128.");

	run(routes6_reply, "route show");
	expect("route show: both families, IPv6 default via link-local", 0,
	       "192.0.2.0/24 dev veth0 proto kernel metric 0\n"
	       "2001:db8::/64 dev veth0 proto kernel metric 256\n"
	       "fe80::/64 dev veth0 proto kernel metric 256\n"
	       "default via fe80::1 dev veth0 metric 1024\n"
	       "default via 192.0.2.1 dev veth0 metric 0\n", "");
	run(routes6_reply, "-6 route");
	expect("route show -6", 0,
	       "2001:db8::/64 dev veth0 proto kernel metric 256\n"
	       "fe80::/64 dev veth0 proto kernel metric 256\n"
	       "default via fe80::1 dev veth0 metric 1024\n", "");
	run(routes6_reply, "-4 route show");
	expect("route show -4", 0,
	       "192.0.2.0/24 dev veth0 proto kernel metric 0\n"
	       "default via 192.0.2.1 dev veth0 metric 0\n", "");
	run(routes6_reply, "-6 -j route");
	expect("route show -6 -j", 0,
	       "[{\"dst\":\"2001:db8::/64\",\"dev\":\"veth0\",\"metric\":256,\"protocol\":\"kernel\"},{\"dst\":\"fe80::/64\",\"dev\":\"veth0\",\"metric\":256,\"protocol\":\"kernel\"},{\"dst\":\"default\",\"gateway\":\"fe80::1\",\"dev\":\"veth0\",\"metric\":1024,\"protocol\":\"static\"}]\n",
	       "");
	expect_jq("route show -6 -j: valid JSON");
}

static void test_neigh6(void)
{
	run(neighs6_reply, "neigh show");
	expect("neigh show: IPv6, router after lladdr, DELAY", 0,
	       "192.0.2.1 dev veth0 lladdr 02:00:5e:00:53:01 REACHABLE\n"
	       "fe80::1 dev veth0 lladdr 02:00:5e:00:53:01 router REACHABLE\n"
	       "2001:db8::2 dev veth0 lladdr 02:00:5e:00:53:01 DELAY\n"
	       "2001:db8::3 dev veth1 INCOMPLETE\n", "");
	run(neighs6_reply, "-6 neigh show dev veth0");
	expect("neigh show -6 dev", 0,
	       "fe80::1 dev veth0 lladdr 02:00:5e:00:53:01 router REACHABLE\n"
	       "2001:db8::2 dev veth0 lladdr 02:00:5e:00:53:01 DELAY\n", "");
	run(neighs6_reply, "-4 neigh");
	expect("neigh show -4", 0,
	       "192.0.2.1 dev veth0 lladdr 02:00:5e:00:53:01 REACHABLE\n", "");
	run(neighs6_reply, "-j -6 neigh");
	expect("neigh show -j -6: flags array", 0,
	       "[{\"dst\":\"fe80::1\",\"dev\":\"veth0\",\"lladdr\":\"02:00:5e:00:53:01\",\"flags\":[\"router\"],\"state\":\"REACHABLE\"},{\"dst\":\"2001:db8::2\",\"dev\":\"veth0\",\"lladdr\":\"02:00:5e:00:53:01\",\"flags\":[],\"state\":\"DELAY\"},{\"dst\":\"2001:db8::3\",\"dev\":\"veth1\",\"state\":\"INCOMPLETE\"}]\n",
	       "");
	expect_jq("neigh show -j -6: valid JSON");
	expect_usage("neigh flush -6: refused, it would flush IPv4 too",
		     "-6 neigh flush", "drop -6");
}

static void test_ra_set(void)
{
	run(NULL, "ra set dev veth0 on");
	expect("ra set on: silent", 0, "", "");
	check(rq_is(TINYIP_CMD_RA_SET, DO_FLAGS, 2) &&
	      rq_str(TINYIP_A_IFNAME, "veth0") && rq_u8(TINYIP_A_RA_SEND, 1),
	      "ra set on: RA_SET with IFNAME and RA_SEND 1 alone");
	run(NULL, "ra set off dev veth0");
	check(rc == 0 && rq_is(TINYIP_CMD_RA_SET, DO_FLAGS, 2) &&
	      rq_str(TINYIP_A_IFNAME, "veth0") && rq_u8(TINYIP_A_RA_SEND, 0),
	      "ra set off, before dev: RA_SEND 0 alone");
	run(NULL, "ra set dev veth0 on interval 600 lifetime 1800");
	check(rc == 0 && rq_is(TINYIP_CMD_RA_SET, DO_FLAGS, 4) &&
	      rq_str(TINYIP_A_IFNAME, "veth0") && rq_u8(TINYIP_A_RA_SEND, 1) &&
	      rq_u32(TINYIP_A_RA_INTERVAL, 600) &&
	      rq_u32(TINYIP_A_RA_LIFETIME, 1800),
	      "ra set on interval lifetime: both u32");
	run(NULL, "ra set lifetime 0 dev veth0 on");
	check(rc == 0 && rq_is(TINYIP_CMD_RA_SET, DO_FLAGS, 3) &&
	      rq_u8(TINYIP_A_RA_SEND, 1) && rq_u32(TINYIP_A_RA_LIFETIME, 0) &&
	      !rq_attr(TINYIP_A_RA_INTERVAL),
	      "ra set lifetime 0: not a default router, no interval sent");
	run(NULL, "ra set dev veth0 off interval 4");
	check(rc == 0 && rq_is(TINYIP_CMD_RA_SET, DO_FLAGS, 3) &&
	      rq_u8(TINYIP_A_RA_SEND, 0) && rq_u32(TINYIP_A_RA_INTERVAL, 4) &&
	      !rq_attr(TINYIP_A_RA_LIFETIME),
	      "ra set off interval 4: the smallest interval, no lifetime");
	run(NULL, "ra set dev veth0 on interval 1800 lifetime 9000");
	check(rc == 0 && rq_is(TINYIP_CMD_RA_SET, DO_FLAGS, 4) &&
	      rq_u32(TINYIP_A_RA_INTERVAL, 1800) &&
	      rq_u32(TINYIP_A_RA_LIFETIME, 9000),
	      "ra set: the largest interval and lifetime");
	run(NULL, "ra se d veth1 of l 90 i 30");
	check(rc == 0 && rq_is(TINYIP_CMD_RA_SET, DO_FLAGS, 4) &&
	      rq_str(TINYIP_A_IFNAME, "veth1") && rq_u8(TINYIP_A_RA_SEND, 0) &&
	      rq_u32(TINYIP_A_RA_INTERVAL, 30) &&
	      rq_u32(TINYIP_A_RA_LIFETIME, 90),
	      "ra set: abbreviated words");
	run(enodev, "ra set dev veth9 on");
	expect("ra set: kernel error with extack", 1, "",
	       "Error: no such device\n");
	run(eperm, "ra set dev veth0 off");
	expect("ra set: EPERM without extack", 1, "",
	       "Error: Operation not permitted\n"
	       "This command needs CAP_NET_ADMIN over the network namespace.\n");

	expect_usage("ra set: nothing", "ra set", "\"dev DEV\" is missing");
	expect_usage("ra set: no dev", "ra set on interval 600",
		     "which device? \"dev DEV\" is missing.");
	expect_usage("ra set: neither on nor off", "ra set dev veth0",
		     "on or off? One of them is missing.");
	expect_usage("ra set: options without on or off",
		     "ra set dev veth0 interval 600", "on or off?");
	expect_usage("ra set: on and off", "ra set dev veth0 on off",
		     "on or off, not both.");
	expect_usage("ra set: on twice", "ra set dev veth0 on on",
		     "duplicate \"on\".");
	expect_usage("ra set: dev without name", "ra set on dev",
		     "\"dev\" needs a device name.");
	expect_usage("ra set: long name", "ra set dev abcdefghijklmnop on",
		     "a device name has 1 to 15 characters.");
	expect_usage("ra set: dev twice", "ra set dev a dev b on",
		     "duplicate \"dev\".");
	expect_usage("ra set: interval 3", "ra set dev x on interval 3",
		     "argument \"3\" is wrong: interval is a number of seconds from 4 to 1800.");
	expect_usage("ra set: interval 1801", "ra set dev x on interval 1801",
		     "argument \"1801\" is wrong: interval is a number of seconds from 4 to 1800.");
	expect_usage("ra set: interval 0", "ra set dev x on interval 0",
		     "from 4 to 1800");
	expect_usage("ra set: interval with a unit", "ra set dev x on interval 600s",
		     "argument \"600s\" is wrong: interval is a number");
	expect_usage("ra set: interval negative", "ra set dev x on interval -4",
		     "argument \"-4\" is wrong");
	expect_usage("ra set: interval 2^32 + 600",
		     "ra set dev x on interval 4294967896", "from 4 to 1800");
	expect_usage("ra set: interval missing", "ra set dev x on interval",
		     "interval needs SECONDS.");
	expect_usage("ra set: interval twice",
		     "ra set dev x on interval 10 interval 20",
		     "duplicate \"interval\".");
	expect_usage("ra set: lifetime 9001", "ra set dev x on lifetime 9001",
		     "argument \"9001\" is wrong: lifetime is a number of seconds from 0 to 9000.");
	expect_usage("ra set: lifetime negative", "ra set dev x on lifetime -1",
		     "lifetime is a number of seconds from 0 to 9000.");
	expect_usage("ra set: lifetime 2^32", "ra set dev x on lifetime 4294967296",
		     "from 0 to 9000");
	expect_usage("ra set: lifetime missing", "ra set dev x lifetime",
		     "lifetime needs SECONDS.");
	expect_usage("ra set: lifetime twice",
		     "ra set dev x off lifetime 0 lifetime 0",
		     "duplicate \"lifetime\".");
	expect_usage("ra set: unknown keyword",
		     "ra set dev x on prefix 2001:db8::/64",
		     "argument \"prefix\" is wrong: unknown keyword.");
	expect_usage("ra set: o is on or off", "ra set dev x o",
		     "argument \"o\" is wrong");
	expect_usage("ra show: no on", "ra show dev x on",
		     "argument \"on\" is wrong: only \"ra set\" takes it.");
	expect_usage("ra show: no interval", "ra show interval 10",
		     "only \"ra set\" takes it.");
	expect_usage("ra: unknown command", "ra add dev x",
		     "Command \"add\" is unknown, try \"tinyip ra help\".");
}

static void test_ra_show(void)
{
	run(ra_links_reply, "ra show");
	expect("ra show: the links that advertise, lifetime 0 too", 0,
	       "veth0 interval 600s lifetime 1800s\n"
	       "veth2 interval 4s lifetime 0s\n", "");
	check(rq_is(TINYIP_CMD_LINK_GET, DUMP_FLAGS, 0),
	      "ra show: the link dump, no attributes");
	run(ra_links_reply, "ra");
	expect("ra: show is the default", 0,
	       "veth0 interval 600s lifetime 1800s\n"
	       "veth2 interval 4s lifetime 0s\n", "");
	run(links_reply, "ra show");
	expect("ra show: no link advertises, nothing", 0, "", "");
	run(ra_links_reply, "-j ra show");
	expect("ra show -j: ifname, ifindex, interval, lifetime", 0,
	       "[{\"ifname\":\"veth0\",\"ifindex\":3,\"interval\":600,\"lifetime\":1800},{\"ifname\":\"veth2\",\"ifindex\":7,\"interval\":4,\"lifetime\":0}]\n",
	       "");
	expect_jq("ra show -j: valid JSON");
	run(ra_links_reply, "ra show dev veth0");
	expect("ra show dev veth0", 0, "veth0 interval 600s lifetime 1800s\n",
	       "");
	check(rq_is(TINYIP_CMD_LINK_GET, DUMP_FLAGS, 1) &&
	      rq_str(TINYIP_A_IFNAME, "veth0"),
	      "ra show dev: IFNAME sent with the dump");
	run(ra_links_reply, "ra show dev veth1");
	expect("ra show dev: a link that does not advertise, no error", 0, "",
	       "");
	run(ra_links_reply, "-j ra list dev veth1");
	expect("ra list -j dev: empty array", 0, "[]\n", "");
	run(ra_links_reply, "ra show dev veth9");
	expect("ra show dev: not a tinyip link", 1, "",
	       "Error: device \"veth9\" is not a tinyip link.\n");

	run(ra_links_reply, "link show");
	expect("link show: the RA flag after the pairs, unknown bits in hex", 0,
	       "veth0: mode shared mtu 1500 state UP hwaddr 02:11:22:33:44:55 RA\n"
	       "lo: mode loopback mtu 65536 state UP\n"
	       "veth1: mode exclusive mtu 9000 state UP hwaddr 02:aa:bb:cc:dd:ee\n"
	       "veth2: mode shared mtu 1500 state DOWN RA 0x100\n", "");
	run(ra_links_reply, "-j link show");
	expect("link show -j: flags array, UP left to \"up\"", 0,
	       "[{\"ifname\":\"veth0\",\"ifindex\":3,\"mode\":\"shared\",\"mtu\":1500,\"up\":true,\"flags\":[\"RA\"],\"hwaddr\":\"02:11:22:33:44:55\"},{\"ifname\":\"lo\",\"mode\":\"loopback\",\"mtu\":65536,\"up\":true,\"flags\":[]},{\"ifname\":\"veth1\",\"ifindex\":5,\"mode\":\"exclusive\",\"mtu\":9000,\"up\":true,\"flags\":[],\"hwaddr\":\"02:aa:bb:cc:dd:ee\"},{\"ifname\":\"veth2\",\"ifindex\":7,\"mode\":\"shared\",\"mtu\":1500,\"up\":false,\"flags\":[\"RA\",\"0x100\"]}]\n",
	       "");
	expect_jq("link show -j with RA: valid JSON");
}

static void test_sock(void)
{
	run(socks_reply, "sock show");
	expect("sock show: every kind of endpoint, multi-part", 0,
	       "Netid   State      Recv-Q Send-Q Local Address:Port    Peer Address:Port\n"
	       "tcp     LISTEN     1      128    0.0.0.0:80            0.0.0.0:*\n"
	       "tcp     ESTAB      0      1448   192.0.2.2:80          192.0.2.1:43210\n"
	       "tcp     FIN-WAIT-1 0      0      192.0.2.2:33000       203.0.113.7:443\n"
	       "tcp     TIME-WAIT  0      0      192.0.2.2:80          192.0.2.1:43200\n"
	       "udp     UNCONN     0      0      0.0.0.0:53            0.0.0.0:*\n"
	       "udplite ESTAB      0      0      192.0.2.2:5000        192.0.2.1:6000\n"
	       "raw     UNCONN     0      0      0.0.0.0:1             0.0.0.0:*\n", "");
	check(rq_is(TINYIP_CMD_SOCK_GET, DUMP_FLAGS, 0),
	      "sock show: dump request, no filter");
	run(socks_reply, "-s sock");
	expect("sock -s: ss -i's line under TCP entries", 0,
	       "Netid   State      Recv-Q Send-Q Local Address:Port    Peer Address:Port\n"
	       "tcp     LISTEN     1      128    0.0.0.0:80            0.0.0.0:*\n"
	       "\t newreno\n"
	       "tcp     ESTAB      0      1448   192.0.2.2:80          192.0.2.1:43210\n"
	       "\t ts sack wscale cubic rtt:1.2/0.5 rto:204 mss:1448 cwnd:10 ssthresh:7 snd_wnd:64240 rcv_wnd:65535 retrans:3 timer:200ms\n"
	       "tcp     FIN-WAIT-1 0      0      192.0.2.2:33000       203.0.113.7:443\n"
	       "\t newreno rtt:1.2/0.5 rto:204 mss:1448 cwnd:10 snd_wnd:64240 rcv_wnd:65535 retrans:3 timer:200ms orphan\n"
	       "tcp     TIME-WAIT  0      0      192.0.2.2:80          192.0.2.1:43200\n"
	       "\t ts timer:59000ms\n"
	       "udp     UNCONN     0      0      0.0.0.0:53            0.0.0.0:*\n"
	       "udplite ESTAB      0      0      192.0.2.2:5000        192.0.2.1:6000\n"
	       "raw     UNCONN     0      0      0.0.0.0:1             0.0.0.0:*\n", "");
	run(socks_reply, "sock show udp");
	expect("sock show udp: only UDP, not UDP-Lite", 0,
	       "Netid   State      Recv-Q Send-Q Local Address:Port    Peer Address:Port\n"
	       "udp     UNCONN     0      0      0.0.0.0:53            0.0.0.0:*\n", "");
	check(rq_is(TINYIP_CMD_SOCK_GET, DUMP_FLAGS, 1) &&
	      rq_u8(TINYIP_A_SOCK_PROTO, IPPROTO_UDP),
	      "sock show udp: SOCK_PROTO 17 sent");
	run(socks_reply, "sock show tcp state listening state time-wait");
	expect("sock show: two states", 0,
	       "Netid   State      Recv-Q Send-Q Local Address:Port    Peer Address:Port\n"
	       "tcp     LISTEN     1      128    0.0.0.0:80            0.0.0.0:*\n"
	       "tcp     TIME-WAIT  0      0      192.0.2.2:80          192.0.2.1:43200\n", "");
	check(rq_u8(TINYIP_A_SOCK_PROTO, IPPROTO_TCP),
	      "sock show tcp: SOCK_PROTO 6 sent");
	run(socks_reply, "sock show state connected");
	expect("sock show state connected", 0,
	       "Netid   State      Recv-Q Send-Q Local Address:Port    Peer Address:Port\n"
	       "tcp     ESTAB      0      1448   192.0.2.2:80          192.0.2.1:43210\n"
	       "tcp     FIN-WAIT-1 0      0      192.0.2.2:33000       203.0.113.7:443\n"
	       "tcp     TIME-WAIT  0      0      192.0.2.2:80          192.0.2.1:43200\n"
	       "udplite ESTAB      0      0      192.0.2.2:5000        192.0.2.1:6000\n", "");
	run(socks_reply, "-j sock show raw");
	expect("sock show -j raw", 0,
	       "[{\"netid\":\"raw\",\"state\":\"UNCONN\",\"recv_q\":0,\"send_q\":0,\"local\":\"0.0.0.0\",\"lport\":1,\"peer\":\"0.0.0.0\",\"rport\":0}]\n",
	       "");
	check(rq_u8(TINYIP_A_SOCK_PROTO, IPPROTO_RAW),
	      "sock show raw: SOCK_PROTO 255 sent");
	run(socks_reply, "-j -s sock show tcp");
	expect("sock show -j -s tcp", 0,
	       "[{\"netid\":\"tcp\",\"state\":\"LISTEN\",\"recv_q\":1,\"send_q\":128,\"local\":\"0.0.0.0\",\"lport\":80,\"peer\":\"0.0.0.0\",\"rport\":0,\"cc\":\"newreno\",\"flags\":[\"socket\"]},{\"netid\":\"tcp\",\"state\":\"ESTAB\",\"recv_q\":0,\"send_q\":1448,\"local\":\"192.0.2.2\",\"lport\":80,\"peer\":\"192.0.2.1\",\"rport\":43210,\"cc\":\"cubic\",\"flags\":[\"ts\",\"sack\",\"wscale\",\"socket\"],\"rtt_us\":1200,\"rttvar_us\":500,\"rto_us\":204000,\"mss\":1448,\"cwnd\":10,\"cwnd_bytes\":14480,\"ssthresh\":7,\"ssthresh_bytes\":10136,\"snd_wnd\":64240,\"rcv_wnd\":65535,\"retrans\":3,\"timer_ms\":200},{\"netid\":\"tcp\",\"state\":\"FIN-WAIT-1\",\"recv_q\":0,\"send_q\":0,\"local\":\"192.0.2.2\",\"lport\":33000,\"peer\":\"203.0.113.7\",\"rport\":443,\"cc\":\"newreno\",\"flags\":[\"orphan\"],\"rtt_us\":1200,\"rttvar_us\":500,\"rto_us\":204000,\"mss\":1448,\"cwnd\":10,\"cwnd_bytes\":14480,\"snd_wnd\":64240,\"rcv_wnd\":65535,\"retrans\":3,\"timer_ms\":200},{\"netid\":\"tcp\",\"state\":\"TIME-WAIT\",\"recv_q\":0,\"send_q\":0,\"local\":\"192.0.2.2\",\"lport\":80,\"peer\":\"192.0.2.1\",\"rport\":43200,\"flags\":[\"ts\"],\"timer_ms\":59000}]\n",
	       "");
	expect_jq("sock show -j -s: valid JSON");
	run(socks_reply, "-j sock");
	expect_jq("sock show -j: valid JSON");
	run(bad_sock, "sock show");
	expect("sock show: malformed info refused", 1,
	       "Netid   State      Recv-Q Send-Q Local Address:Port    Peer Address:Port\n",
	       "tinyip: malformed message from the kernel: bad socket info 6\n"
	       "Error: Bad message\n");
}

static unsigned int count_lines(const char *s)
{
	unsigned int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* "tinyip -j stats show mem" of stats_reply(). */
#define STATS_MEM_JSON \
	"{\"memory\":{\"budget\":1048576,\"used\":69996,\"peak\":1048000,\"failed\":12,\"pcb\":{\"used\":1666,\"peak\":4096,\"failed\":2},\"sndq\":{\"used\":1666,\"peak\":4096,\"failed\":0},\"rcvq\":{\"used\":60000,\"peak\":900000,\"failed\":10},\"ooo\":{\"used\":1666,\"peak\":4096,\"failed\":0},\"reasm\":{\"used\":1666,\"peak\":4096,\"failed\":0},\"neigh\":{\"used\":1666,\"peak\":4096,\"failed\":0},\"other\":{\"used\":1666,\"peak\":4096,\"failed\":0}}}\n"

static void test_stats(void)
{
	run(stats_reply, "stats");
	check(rc == 0 && !*err &&
	      !strncmp(out, "TcpActiveOpens                  3\n"
			    "TcpPassiveOpens                 0\n", 66) &&
	      strstr(out, "\nTcpInCsumErrors                 0\n"
			  "TcpExtTCPFastRetrans            1\n") &&
	      strstr(out, "\nTcpExtPAWSEstab                 0\n") &&
	      strstr(out, "\nTcpExtTCPWinProbe               0\n"
			  "TcpExtTWRecycled                1099511627776\n"
			  "TcpExtTCPLossProbes             0\n") &&
	      strstr(out, "\nTcpExtTCPSpuriousRTOs           0\n"),
	      "stats: nstat names and columns, zeros too, u64 values");
	check(strstr(out, "\nTcpExtTCPSpuriousRTOs           0\n\n"
			  "Memory            used          peak        failed\n"
			  "pcb               1666          4096             2\n"
			  "sndq              1666          4096             0\n"
			  "rcvq             60000        900000            10\n"
			  "ooo               1666          4096             0\n"
			  "reasm             1666          4096             0\n"
			  "neigh             1666          4096             0\n"
			  "other             1666          4096             0\n"
			  "total            69996       1048000            12\n"
			  "budget         1048576\n"),
	      "stats: a memory table after the counters, by category");
	check(count_lines(out) == TINYIP_TCP_STAT_MAX - 1 + 11,
	      "stats: one line per counter and category, newer ones skipped");
	check(rq_is(TINYIP_CMD_STATS_GET, DO_FLAGS, 0), "stats: STATS_GET");
	run(stats_reply, "-j stats show tcp");
	check(rc == 0 &&
	      !strncmp(out, "{\"TcpActiveOpens\":3,\"TcpPassiveOpens\":0,", 40) &&
	      strstr(out, ",\"TcpExtTCPFastRetrans\":1,") &&
	      strstr(out, ",\"TcpExtTWRecycled\":1099511627776,") &&
	      strstr(out, ",\"TcpExtTCPSpuriousRTOs\":0}\n"),
	      "stats -j show tcp: one object, nstat names");
	run(stats_reply, "stats mem");
	check(rc == 0 && !strncmp(out, "Memory ", 7) && count_lines(out) == 10,
	      "stats mem: the memory table alone");
	run(stats_reply, "-j stats show mem");
	check(rc == 0 &&
	      !strcmp(out, STATS_MEM_JSON),
	      "stats -j show mem: totals and one object per category");
	expect_jq("stats -j show mem: valid JSON");
	run(stats_reply, "-j stats");
	check(rc == 0 && strstr(out, "\"TcpExtTCPSpuriousRTOs\":0,\"memory\":{"),
	      "stats -j: the counters, then the memory object");
	expect_jq("stats -j: counters and memory, valid JSON");
	run(NULL, "stats");
	expect("stats: an ACK without a reply", 1, "",
	       "Error: the kernel sent no reply\n");
	expect_jq("stats -j: valid JSON");
}

/* Turns the message being built into an event, as the kernel multicasts it. */
static void as_event(__u8 cmd)
{
	struct genlmsghdr *genl = mnl_nlmsg_get_payload(cur);

	genl->cmd = cmd;
	cur->nlmsg_flags = 0;
	cur->nlmsg_seq = 0;
	cur->nlmsg_pid = 0;
}

/*
 * A config change, an address whose DAD failed and, in a datagram of its
 * own, the same address removed.
 */
static void events(const struct nlmsghdr *rq)
{
	put_msg(rq, TINYIP_CMD_CONFIG_NTF);
	as_event(TINYIP_CMD_CONFIG_NTF);
	mnl_attr_put_u8(cur, TINYIP_A_FORWARDING6, 1);
	put_addr(rq, "v_tip", "2001:db8::99", 64,
		 TINYIP_ADDR_F_DADFAILED | TINYIP_ADDR_F_TENTATIVE |
		 TINYIP_ADDR_F_PERMANENT, FOREVER, 0);
	as_event(TINYIP_CMD_ADDR_NTF);
	mnl_attr_put_u32(cur, TINYIP_A_IFINDEX, 5);
	dgram_new();
	put_addr(rq, "v_tip", "2001:db8::99", 64, TINYIP_ADDR_F_PERMANENT,
		 FOREVER, 0);
	as_event(TINYIP_CMD_ADDR_DEL_NTF);
	mnl_attr_put_u32(cur, TINYIP_A_IFINDEX, 5);
}

#define GROUP_BIT(id)	(1U << (id))

static const char config_event_text[] = "config forwarding6 on\n";
static const char addr_events_text[] =
	"v_tip inet6 2001:db8::99/64 scope global dadfailed tentative\n"
	"    valid_lft forever preferred_lft 0sec\n"
	"Deleted v_tip inet6 2001:db8::99/64 scope global\n"
	"    valid_lft forever preferred_lft 0sec\n";

static void test_monitor(void)
{
	char want[512];

	run(events, "monitor");
	snprintf(want, sizeof(want), "%s%s", config_event_text,
		 addr_events_text);
	expect("monitor: config and addr events, Deleted as ip says it", 0,
	       want, "");
	check(joined == (GROUP_BIT(FAKE_MCGRP) | GROUP_BIT(FAKE_MCGRP_ADDR)) &&
	      !n_reqs, "monitor: all joins config and addr, sends nothing");
	run(events, "monitor all");
	check(rc == 0 && !strcmp(out, want) &&
	      joined == (GROUP_BIT(FAKE_MCGRP) | GROUP_BIT(FAKE_MCGRP_ADDR)),
	      "monitor all: both groups");
	run(events, "monitor addr");
	expect("monitor addr: the config event is skipped", 0,
	       addr_events_text, "");
	check(joined == GROUP_BIT(FAKE_MCGRP_ADDR), "monitor addr: joins addr only");
	run(events, "monitor config");
	expect("monitor config: the addr events are skipped", 0,
	       config_event_text, "");
	check(joined == GROUP_BIT(FAKE_MCGRP), "monitor config: joins config only");
	run(events, "monitor ad");
	check(rc == 0 && joined == GROUP_BIT(FAKE_MCGRP_ADDR),
	      "monitor ad: abbreviated addr");
	run(events, "-4 monitor addr");
	expect("monitor -4: no IPv6 event, no stray Deleted", 0, "", "");

	run(events, "-j monitor");
	expect("monitor -j: one object a line, addr show's, deleted: true", 0,
	       "{\"object\":\"config\",\"forwarding6\":true}\n"
	       "{\"ifname\":\"v_tip\",\"ifindex\":5,\"family\":\"inet6\",\"local\":\"2001:db8::99\",\"prefixlen\":64,\"scope\":\"global\",\"flags\":[\"dadfailed\",\"tentative\"],\"valid_life_time\":4294967295,\"preferred_life_time\":0}\n"
	       "{\"deleted\":true,\"ifname\":\"v_tip\",\"ifindex\":5,\"family\":\"inet6\",\"local\":\"2001:db8::99\",\"prefixlen\":64,\"scope\":\"global\",\"flags\":[],\"valid_life_time\":4294967295,\"preferred_life_time\":0}\n",
	       "");

	expect_usage("monitor: unknown group", "monitor route",
		     "Command \"route\" is unknown, try \"tinyip monitor help\".");
	expect_usage("monitor: a is all or addr", "monitor a",
		     "Command \"a\" is ambiguous");
	expect_usage("monitor: one group at most", "monitor addr config",
		     "\"monitor\" takes one group at most.");
	check(!joined, "monitor: usage errors join nothing");
	run(NULL, "monitor help");
	expect("monitor help", 0,
	       "Usage: tinyip [ -j ] monitor [ all | config | addr | dhcp ]\n", "");

	addr_group_missing = true;
	run(events, "monitor");
	expect("monitor: a module without the addr group", 1, "",
	       "tinyip: the tinyip module has no \"addr\" multicast group\n");
	run(events, "monitor config");
	check(rc == 0 && !strcmp(out, config_event_text),
	      "monitor config: works without the addr group");
	addr_group_missing = false;
}

static void test_misc(void)
{
	family_missing = true;
	run(NULL, "route show");
	expect("module not loaded", 1, "",
	       "tinyip: the tinyip module is not loaded (no generic netlink family \"tinyip\"); load it with: modprobe tinyip\n");
	check(!n_reqs, "module not loaded: nothing sent to tinyip");
	family_missing = false;
	run(NULL, "help route");
	check(rc == 0 && strstr(out, "tinyip route { add | del } PREFIX"),
	      "help route");
	run(NULL, "neigh help");
	check(rc == 0 && strstr(out, "tinyip neigh flush [ dev DEV ]"),
	      "neigh help");
	run(NULL, "help ra");
	check(rc == 0 && strstr(out, "tinyip ra set dev DEV { on | off }") &&
	      strstr(out, "interval: 4..1800") &&
	      strstr(out, "lifetime: 0..9000"), "help ra");
	run(NULL, "help r");
	check(rc == 0 && strstr(out, "tinyip route { add | del } PREFIX"),
	      "help r: r is still route, not ambiguous with ra");
	run(NULL, "-h");
	check(rc == 0 && strstr(out, "neigh | ra |") &&
	      strstr(out, "Usage: tinyip ra set"), "--help: ra listed");
}

int main(void)
{
	test_link();
	test_addr();
	test_addr6();
	test_route();
	test_route6();
	test_neigh();
	test_neigh6();
	test_ra_set();
	test_ra_show();
	test_config();
	test_sock();
	test_stats();
	test_monitor();
	test_misc();
	free(out);
	free(err);
	printf("1..%u\n", tests);
	return failures ? 1 : 0;
}
