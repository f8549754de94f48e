/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DHCPv4 client (RFC 2131, options of RFC 2132) with address conflict
 * detection of the address it is offered (RFC 5227). Three parts:
 * module/dhcp4_wire.c parses and builds messages (pure functions over a
 * buffer), module/dhcp4_fsm.c is the state machine (pure: a clock and
 * the parsed reply go in, actions come out, so KUnit drives it with a
 * fake clock), module/dhcp4.c does the I/O and applies the lease.
 */
#ifndef _TINYIP_DHCP4_H
#define _TINYIP_DHCP4_H

#include <linux/if_ether.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/skbuff.h>
#include <linux/types.h>

#include <linux/tinyip.h>

struct tip_net;
struct tip_if;

#define TIP_DHCP4_SERVER_PORT	67
#define TIP_DHCP4_CLIENT_PORT	68

/* Fixed part of a message (RFC 2131 2) and the magic cookie. */
#define TIP_DHCP4_FIXED_LEN	236
#define TIP_DHCP4_COOKIE	0x63825363
#define TIP_DHCP4_MIN_LEN	(TIP_DHCP4_FIXED_LEN + 4)
/* What we send: fixed part, cookie, options; under 576 - 28 (RFC 2131 2). */
#define TIP_DHCP4_TX_MAX	548

#define TIP_DHCP4_MAX_DNS	3
#define TIP_DHCP4_MAX_NTP	3
#define TIP_DHCP4_DOMAIN_MAX	64
#define TIP_DHCP4_HOSTNAME_MAX	64

/* Message types (option 53). */
enum {
	TIP_DHCPDISCOVER = 1,
	TIP_DHCPOFFER,
	TIP_DHCPREQUEST,
	TIP_DHCPDECLINE,
	TIP_DHCPACK,
	TIP_DHCPNAK,
	TIP_DHCPRELEASE,
	TIP_DHCPINFORM,
};

/* What a lease gives, in host-independent form (seconds, network order). */
struct tip_dhcp4_lease {
	__be32 addr;
	__be32 server;			/* option 54 */
	__be32 router;			/* first of option 3, 0 if none */
	u8 prefixlen;			/* from option 1; 0 if not given */
	u8 ndns;
	u8 nntp;
	u16 mtu;			/* option 26, 0 if not given */
	u32 lease;			/* option 51; 0xffffffff is forever */
	u32 t1;				/* option 58, 0 if not given */
	u32 t2;				/* option 59, 0 if not given */
	__be32 dns[TIP_DHCP4_MAX_DNS];	/* option 6 */
	__be32 ntp[TIP_DHCP4_MAX_NTP];	/* option 42 */
	char domain[TIP_DHCP4_DOMAIN_MAX];	/* option 15, NUL-terminated */
};

/* A validated reply. */
struct tip_dhcp4_msg {
	u8 op;
	u8 type;			/* option 53 */
	__be32 xid;
	__be32 yiaddr;
	u8 chaddr[ETH_ALEN];
	struct tip_dhcp4_lease lease;
};

/* What the client sends. */
struct tip_dhcp4_req {
	u8 type;
	__be32 xid;
	u16 secs;
	bool broadcast;			/* ask for broadcast replies */
	__be32 ciaddr;
	__be32 reqip;			/* option 50, 0 for none */
	__be32 server;			/* option 54, 0 for none */
	const u8 *chaddr;		/* ETH_ALEN bytes */
	const char *hostname;		/* option 12, NULL or "" for none */
};

/* module/dhcp4_wire.c */
int tip_dhcp4_parse(const u8 *buf, size_t len, struct tip_dhcp4_msg *m);
int tip_dhcp4_build(u8 *buf, size_t size, const struct tip_dhcp4_req *r);

/*
 * The state machine (module/dhcp4_fsm.c). Times are milliseconds of the
 * caller's clock. Each call returns TIP_DHCP4_DO_* bits for the I/O side,
 * with the message to send in fsm->tx and the next wake-up in fsm->wake.
 */
#define TIP_DHCP4_DO_SEND	BIT(0)	/* send fsm->tx */
#define TIP_DHCP4_DO_APPLY	BIT(1)	/* configure fsm->lease */
#define TIP_DHCP4_DO_REMOVE	BIT(2)	/* remove fsm->applied */
#define TIP_DHCP4_DO_PROBE	BIT(3)	/* send an ARP probe for fsm->offer */
#define TIP_DHCP4_DO_EVENT	BIT(4)	/* report fsm->event */
#define TIP_DHCP4_DO_ANNOUNCE	BIT(5)	/* ARP announcement of fsm->lease */

/* RFC 5227 1.1 constants, in ms. */
#define TIP_ACD_PROBE_WAIT	1000
#define TIP_ACD_PROBE_NUM	3
#define TIP_ACD_PROBE_MIN	1000
#define TIP_ACD_PROBE_MAX	2000
#define TIP_ACD_ANNOUNCE_WAIT	2000

/* RFC 2131 3.1 step 5 / 4.4.4: wait before starting again after DECLINE. */
#define TIP_DHCP4_DECLINE_WAIT	10000

struct tip_dhcp4_fsm {
	enum tinyip_dhcp_state state;
	u64 wake;			/* ms; U64_MAX for never */
	u64 start;			/* first send of this exchange, for secs */
	u64 bound_at;			/* when the lease began */
	u64 defended;			/* last ACD defence, 0 for none */
	u32 rtx;			/* retransmission timeout, ms */
	u32 tries;
	__be32 xid;
	u32 rand;			/* fed by the caller, for jitter */
	enum tinyip_dhcp_event event;
	struct tip_dhcp4_req tx;
	struct tip_dhcp4_lease offer;	/* offered or acked, being checked */
	struct tip_dhcp4_lease lease;	/* the bound lease */
	__be32 applied;			/* address now configured, 0 if none */
	__be32 applied_router;
	u8 applied_prefixlen;
	bool have_last;			/* lease holds one to reboot with */
};

void tip_dhcp4_fsm_start(struct tip_dhcp4_fsm *f, u64 now, __be32 xid,
			 u32 *out);
void tip_dhcp4_fsm_timeout(struct tip_dhcp4_fsm *f, u64 now, __be32 xid,
			   u32 *out);
void tip_dhcp4_fsm_reply(struct tip_dhcp4_fsm *f, u64 now,
			 const struct tip_dhcp4_msg *m, __be32 xid, u32 *out);
void tip_dhcp4_fsm_conflict(struct tip_dhcp4_fsm *f, u64 now, __be32 xid,
			    u32 *out);
void tip_dhcp4_fsm_stop(struct tip_dhcp4_fsm *f, __be32 xid, u32 *out);
/* Seconds left until @deadline_s after bound_at, for show. */
u32 tip_dhcp4_fsm_left(const struct tip_dhcp4_fsm *f, u64 now, u32 secs);
/* T1 and T2 of the bound lease, in seconds (RFC 2131 4.4.5). */
u32 tip_dhcp4_t1(const struct tip_dhcp4_lease *l);
u32 tip_dhcp4_t2(const struct tip_dhcp4_lease *l);

/* module/dhcp4.c: the clients of an instance. */
#if IS_ENABLED(CONFIG_TINYIP_DHCP4)
struct tip_dhcp4_net {
	struct mutex lock;		/* clients and their state */
	struct list_head clients;
	u64 rx_bad;			/* malformed or not for us */
	u64 acd_conflicts;
};

int tip_dhcp4_net_init(struct tip_net *tn);
void tip_dhcp4_net_exit(struct tip_net *tn);
void tip_dhcp4_if_gone(struct tip_net *tn, struct tip_if *ifp);
/* IPv4 input: is this datagram (to an address we lack) a DHCP reply? */
bool tip_dhcp4_wants(struct tip_if *ifp, const struct sk_buff *skb,
		     unsigned int hlen);
int tip_dhcp4_init(void);
void tip_dhcp4_exit(void);
#else
struct tip_dhcp4_net {};
static inline int tip_dhcp4_net_init(struct tip_net *tn) { return 0; }
static inline void tip_dhcp4_net_exit(struct tip_net *tn) {}
static inline void tip_dhcp4_if_gone(struct tip_net *tn,
				     struct tip_if *ifp) {}
static inline bool tip_dhcp4_wants(struct tip_if *ifp,
				   const struct sk_buff *skb,
				   unsigned int hlen)
{
	return false;
}

static inline int tip_dhcp4_init(void) { return 0; }
static inline void tip_dhcp4_exit(void) {}
#endif

#endif /* _TINYIP_DHCP4_H */
