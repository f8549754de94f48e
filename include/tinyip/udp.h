/* SPDX-License-Identifier: GPL-2.0 */
/*
 * UDP (RFC 768) and UDP-Lite (RFC 3828) protocol control blocks. A PCB
 * is the whole endpoint for the raw API; a socket wraps one. Delivery to
 * the owner is by callback, so the socket layer and in-kernel users share
 * the same code path. Ports are chosen as RFC 6056 algorithm 3 suggests.
 */
#ifndef _TINYIP_UDP_H
#define _TINYIP_UDP_H

#include <linux/hashtable.h>
#include <linux/in6.h>
#include <linux/skbuff.h>
#include <linux/types.h>

#include <tinyip/raw.h>

struct tip_net;

/* Per-instance UDP state, embedded in struct tip_net. */
struct tip_udp_net {
	DECLARE_HASHTABLE(ports, 6);	/* struct tip_udp_pcb by local port */
	u32 npcbs;
};

/* Largest payload of one datagram: 65535 - IPv4 header - UDP header. */
#define TIP_UDP_MAX_PAYLOAD	65507
/*
 * Over IPv6 the payload length excludes the IPv6 header, so 65535 - UDP
 * header, sent in fragments (RFC 8200 4.5); jumbograms are not offered.
 */
#define TIP_UDP6_MAX_PAYLOAD	65527

/* RFC 6056: the ephemeral range, as Linux's default ip_local_port_range. */
#define TIP_PORT_EPHEMERAL_LO	32768
#define TIP_PORT_EPHEMERAL_HI	60999

struct tip_udp_pcb;

/*
 * Delivery to the owner, under tn->lock (softirq, or the loopback work
 * item with BH off): the owner takes @skb, whose data is at the UDP
 * header, trimmed to the datagram; TIP_CB() has the addresses.
 */
typedef void (*tip_udp_recv_t)(struct tip_udp_pcb *pcb, struct sk_buff *skb);

/*
 * An ICMP or ICMPv6 error about a datagram the PCB sent (RFC 1122
 * 4.1.3.3, RFC 4443 2.4). @queue: the owner asked for the details
 * (IP_RECVERR, IPV6_RECVERR) and gets them on its error queue; without
 * it only a connected PCB hears, and only of a fatal error.
 */
struct tip_udp_icmp {
	int err;			/* positive errno, as Linux converts */
	bool queue;
	u8 origin;			/* SO_EE_ORIGIN_ICMP or _ICMP6 */
	u8 type;
	u8 code;
	u32 info;			/* the MTU of frag-needed/Packet Too Big */
	struct in6_addr offender;	/* the error's sender, mapped for IPv4 */
	int ifindex;			/* where it came in */
	struct in6_addr daddr;		/* the quoted datagram's destination */
	__be16 dport;
	const struct sk_buff *skb;	/* from @off on: what it quotes */
	unsigned int off;		/* past the quoted UDP header */
};

/* An ICMP error for the PCB, under tn->lock. */
typedef void (*tip_udp_err_t)(struct tip_udp_pcb *pcb,
			      const struct tip_udp_icmp *e);

/* The owner's callbacks: one pointer in the PCB keeps it in 128 bytes. */
struct tip_udp_ops {
	tip_udp_recv_t recv;
	tip_udp_err_t err;		/* may be NULL */
};

struct tip_udp_pcb {
	struct hlist_node node;		/* in tn->udp.ports when hashed */
	struct tip_net *tn;
	struct tip_inet inet;
	/* Mapped for IPv4 (include/tinyip/addr.h); laddr a wildcard until
	 * bind() or connect() chose one.
	 */
	struct in6_addr laddr;
	struct in6_addr raddr;		/* :: when not connected */
	__be16 lport;			/* 0: not bound */
	__be16 rport;
	u8 proto;			/* IPPROTO_UDP or IPPROTO_UDPLITE */
	bool hashed;
	bool laddr_bound;		/* bind() chose laddr, connect() did not */
	/* UDP-Lite coverage options, with Linux's UDPLITE_*_CC flags. */
	bool send_cc;
	bool recv_cc;
	u16 send_cscov;
	u16 recv_cscov;
	const struct tip_udp_ops *ops;
	void *ctx;
};

/* The PCB API; every call but _new and _free is under tn->lock. */
struct tip_udp_pcb *tip_udp_pcb_new(struct tip_net *tn, u8 proto,
				    const struct tip_udp_ops *ops, void *ctx);
void tip_udp_pcb_free(struct tip_udp_pcb *pcb);
int tip_udp_bind(struct tip_udp_pcb *pcb, const struct in6_addr *addr,
		 __be16 port, bool privileged);
int tip_udp_connect(struct tip_udp_pcb *pcb, const struct in6_addr *addr,
		    __be16 port);
void tip_udp_disconnect(struct tip_udp_pcb *pcb);
void tip_udp_unhash(struct tip_udp_pcb *pcb);
/* @daddr NULL: the connected peer; @scope_id: sin6_scope_id or 0. */
int tip_udp_send(struct tip_udp_pcb *pcb, struct sk_buff *skb,
		 const struct in6_addr *daddr, __be16 dport, int scope_id);
/* Gives an unbound PCB the wildcard of its flavour (inet.v6). */
void tip_udp_set_wild(struct tip_udp_pcb *pcb);
void tip_udp_set_bound_if(struct tip_udp_pcb *pcb, int ifindex);

/* Wire rules (module/udp_wire.c): pure functions over an skb. */
int tip_udplite_rx_cscov(u16 len_field, unsigned int len);
u16 tip_udplite_clamp_cscov(int val);
unsigned int tip_udplite_tx_cscov(bool send_cc, u16 send_cscov,
				  unsigned int len, u16 *len_field);
__sum16 tip_udp_csum(const struct sk_buff *skb, unsigned int offset,
		     unsigned int len, unsigned int cov, __be32 saddr,
		     __be32 daddr, u8 proto);
bool tip_udp_csum_ok(struct sk_buff *skb, __be32 saddr, __be32 daddr,
		     u8 proto, unsigned int cov);
__sum16 tip_udp6_csum(const struct sk_buff *skb, unsigned int offset,
		      unsigned int len, unsigned int cov,
		      const struct in6_addr *saddr,
		      const struct in6_addr *daddr, u8 proto);
bool tip_udp6_csum_ok(struct sk_buff *skb, const struct in6_addr *saddr,
		      const struct in6_addr *daddr, u8 proto,
		      unsigned int cov);

/* RFC 6056 (module/port.c): a free ephemeral port, or 0. */
u16 tip_port_pick(u8 proto, const struct in6_addr *laddr,
		  const struct in6_addr *raddr, __be16 rport,
		  bool (*busy)(void *arg, u16 port), void *arg);
void tip_port_init(void);

int tip_udp_net_init(struct tip_net *tn);
void tip_udp_net_exit(struct tip_net *tn);
int tip_udp_init(void);
void tip_udp_exit(void);

#endif /* _TINYIP_UDP_H */
