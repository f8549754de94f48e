// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink views of the transport layer (uapi/tinyip.yaml), what ss and
 * nstat are to the native stack:
 *
 *   sock-get   dumps every endpoint: TCP connections and listeners
 *              (RFC 9293 states, numbered as Linux's TCP_* so that ss
 *              readers know them), compact TIME_WAIT entries, UDP and
 *              UDP-Lite PCBs (RFC 768, RFC 3828) and raw PCBs;
 *   stats-get  the per-netns TCP counters: the MIB-2 TCP group
 *              (RFC 4022) and Linux's TcpExt where they match.
 *
 * Everything is read under tn->lock, taken once per dump part: nothing
 * here sleeps while holding it, and a dump resumes from a skip count in
 * cb->args, as the other dumps of the family do.
 */
#include <linux/jiffies.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <net/sock.h>

#include <linux/tinyip.h>
#include <tinyip/addr.h>
#include <tinyip/netlink.h>
#include <tinyip/raw.h>
#include <tinyip/tcp.h>
#include <tinyip/tinyip.h>
#include <tinyip/udp.h>

/* The kinds of endpoints, dumped in this order (cb->args[0]). */
enum tip_nl_sock_phase {
	TIP_NL_SOCK_TCP,
	TIP_NL_SOCK_TW,
	TIP_NL_SOCK_UDP,
	TIP_NL_SOCK_RAW,
	TIP_NL_SOCK_END,
};

/* What every endpoint reports, whatever its protocol. */
struct tip_nl_sock_id {
	u8 proto;
	u8 state;
	const struct in6_addr *laddr;	/* mapped for IPv4 */
	const struct in6_addr *raddr;	/* :: when unconnected */
	u16 lport;
	u16 rport;
	u32 rqueue;
	u32 wqueue;
};

/*
 * An endpoint on the IPv4 side (its local address mapped, the IPv4
 * wildcard included) reports 4-byte addresses, its unset peer as
 * 0.0.0.0; an IPv6 one (:: or an IPv6 address) 16-byte ones.
 */
static int tip_nl_sock_put_addr(struct sk_buff *skb, int type,
				const struct in6_addr *addr, bool v4)
{
	if (v4)
		return nla_put_in_addr(skb, type, tip_addr_v4(addr));
	return nla_put_in6_addr(skb, type, addr);
}

static int tip_nl_sock_put_id(struct sk_buff *skb,
			      const struct tip_nl_sock_id *id)
{
	bool v4 = tip_addr_is_v4(id->laddr);

	if (nla_put_u8(skb, TINYIP_A_SOCK_PROTO, id->proto) ||
	    nla_put_u8(skb, TINYIP_A_SOCK_STATE, id->state) ||
	    tip_nl_sock_put_addr(skb, TINYIP_A_SOCK_LADDR, id->laddr, v4) ||
	    nla_put_u16(skb, TINYIP_A_SOCK_LPORT, id->lport) ||
	    tip_nl_sock_put_addr(skb, TINYIP_A_SOCK_RADDR, id->raddr, v4) ||
	    nla_put_u16(skb, TINYIP_A_SOCK_RPORT, id->rport) ||
	    nla_put_u32(skb, TINYIP_A_SOCK_RQUEUE, id->rqueue) ||
	    nla_put_u32(skb, TINYIP_A_SOCK_WQUEUE, id->wqueue))
		return -EMSGSIZE;
	return 0;
}

/*
 * Milliseconds until @at (jiffies). A timer that is due but has not run
 * yet still reads 1, since 0 means "no timer" on the wire.
 */
static u32 tip_nl_ms_until(u32 at, u32 now)
{
	s32 delta = (s32)(at - now);

	return max_t(u32, delta > 0 ? jiffies_to_msecs(delta) : 0, 1);
}

/* The earliest pending event of the PCB's timer, 0 for none. */
static u32 tip_nl_tcp_timer_ms(const struct tip_tcp_pcb *pcb)
{
	unsigned long now = jiffies;
	u32 best = 0, ms;
	int t;

	for (t = 0; t < TIP_TCP_T_MAX; t++) {
		if (!(pcb->timers & BIT(t)))
			continue;
		ms = tip_nl_ms_until(pcb->timer_at[t], now);
		if (!best || ms < best)
			best = ms;
	}
	return best;
}

static int tip_nl_tcp_put_info(struct sk_buff *skb,
			       const struct tip_tcp_pcb *pcb)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, TINYIP_A_SOCK_INFO);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, TINYIP_SOCK_INFO_RTT_US, pcb->rtt.srtt_us) ||
	    nla_put_u32(skb, TINYIP_SOCK_INFO_RTTVAR_US, pcb->rtt.rttvar_us) ||
	    nla_put_u32(skb, TINYIP_SOCK_INFO_RTO_US,
			tip_tcp_rto_backoff(&pcb->rtt, pcb->backoff)) ||
	    nla_put_u32(skb, TINYIP_SOCK_INFO_CWND, pcb->cc.cwnd) ||
	    nla_put_u32(skb, TINYIP_SOCK_INFO_SSTHRESH, pcb->cc.ssthresh) ||
	    nla_put_u32(skb, TINYIP_SOCK_INFO_MSS, pcb->mss) ||
	    nla_put_u32(skb, TINYIP_SOCK_INFO_SND_WND, pcb->snd_wnd) ||
	    nla_put_u32(skb, TINYIP_SOCK_INFO_RCV_WND, pcb->rcv_wnd) ||
	    nla_put_u32(skb, TINYIP_SOCK_INFO_RETRANS, pcb->total_retrans) ||
	    nla_put_u32(skb, TINYIP_SOCK_INFO_TIMER_MS,
			tip_nl_tcp_timer_ms(pcb))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static u32 tip_nl_tcp_flags(const struct tip_tcp_pcb *pcb)
{
	u32 flags = 0;

	if (pcb->flags & TIP_TCPF_ORPHAN)
		flags |= TINYIP_SOCK_F_ORPHAN;
	if (pcb->flags & TIP_TCPF_SACK_OK)
		flags |= TINYIP_SOCK_F_SACK;
	if (pcb->flags & TIP_TCPF_TS_OK)
		flags |= TINYIP_SOCK_F_TS;
	if (pcb->flags & TIP_TCPF_WS_OK)
		flags |= TINYIP_SOCK_F_WSCALE;
	return flags;
}

static int tip_nl_fill_tcp(struct sk_buff *skb, const void *ep)
{
	const struct tip_tcp_pcb *pcb = ep;
	bool listen = pcb->state == TIP_TCP_LISTEN;
	struct tip_nl_sock_id id = {
		.proto = IPPROTO_TCP,
		.state = pcb->state,
		.laddr = &pcb->laddr,
		.raddr = &pcb->raddr,
		.lport = ntohs(pcb->lport),
		.rport = ntohs(pcb->rport),
		/* A listener's queues are counted as ss counts them. */
		.rqueue = listen ? tip_tcp_accept_qlen(pcb) : pcb->rcv_queued,
		.wqueue = listen ? tip_tcp_backlog(pcb) : pcb->snd_queued,
	};

	if (tip_nl_sock_put_id(skb, &id) ||
	    (!listen && tip_nl_tcp_put_info(skb, pcb)) ||
	    (pcb->cc_ops &&
	     nla_put_string(skb, TINYIP_A_SOCK_CC, pcb->cc_ops->name)) ||
	    nla_put_u32(skb, TINYIP_A_SOCK_FLAGS, tip_nl_tcp_flags(pcb)))
		return -EMSGSIZE;
	return 0;
}

/* A TIME_WAIT entry has no queues; its timer is the 2 MSL expiry. */
static int tip_nl_fill_tw(struct sk_buff *skb, const void *ep)
{
	const struct tip_tcp_tw *tw = ep;
	struct tip_nl_sock_id id = {
		.proto = IPPROTO_TCP,
		.state = TIP_TCP_TIME_WAIT,
		.laddr = &tw->laddr,
		.raddr = &tw->raddr,
		.lport = ntohs(tw->lport),
		.rport = ntohs(tw->rport),
	};
	struct nlattr *nest;

	if (tip_nl_sock_put_id(skb, &id))
		return -EMSGSIZE;
	nest = nla_nest_start(skb, TINYIP_A_SOCK_INFO);
	if (!nest ||
	    nla_put_u32(skb, TINYIP_SOCK_INFO_TIMER_MS,
			tip_nl_ms_until(tw->expires, jiffies)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return nla_put_u32(skb, TINYIP_A_SOCK_FLAGS,
			   tw->ts_ok ? TINYIP_SOCK_F_TS : 0);
}

/*
 * Datagram endpoints have no connection state: like ss, they read as
 * ESTABLISHED when connected and CLOSE (ss's UNCONN) otherwise. Their
 * queues belong to the socket, not to the PCB, and read as 0.
 */
static int tip_nl_fill_udp(struct sk_buff *skb, const void *ep)
{
	const struct tip_udp_pcb *pcb = ep;
	struct tip_nl_sock_id id = {
		.proto = pcb->proto,
		.state = ipv6_addr_any(&pcb->raddr) ? TIP_TCP_CLOSE :
						      TIP_TCP_ESTABLISHED,
		.laddr = &pcb->laddr,
		.raddr = &pcb->raddr,
		.lport = ntohs(pcb->lport),
		.rport = ntohs(pcb->rport),
	};

	return tip_nl_sock_put_id(skb, &id);
}

/* As Linux's raw_diag: the IP protocol stands in for the local port. */
static int tip_nl_fill_raw(struct sk_buff *skb, const void *ep)
{
	const struct tip_raw_pcb *pcb = ep;
	struct tip_nl_sock_id id = {
		.proto = IPPROTO_RAW,
		.state = ipv6_addr_any(&pcb->raddr) ? TIP_TCP_CLOSE :
						      TIP_TCP_ESTABLISHED,
		.laddr = &pcb->laddr,
		.raddr = &pcb->raddr,
		.lport = pcb->proto,
	};

	return tip_nl_sock_put_id(skb, &id);
}

/* The request's TINYIP_A_SOCK_PROTO (validated by the family), or 0. */
static u8 tip_nl_sock_filter(const struct netlink_callback *cb)
{
	const struct nlattr *attr;

	attr = nlmsg_find_attr(cb->nlh, GENL_HDRLEN, TINYIP_A_SOCK_PROTO);
	return attr ? nla_get_u8(attr) : 0;
}

static bool tip_nl_phase_wanted(enum tip_nl_sock_phase phase, u8 proto)
{
	if (!proto)
		return true;
	switch (phase) {
	case TIP_NL_SOCK_TCP:
	case TIP_NL_SOCK_TW:
		return proto == IPPROTO_TCP;
	case TIP_NL_SOCK_UDP:
		return proto == IPPROTO_UDP || proto == IPPROTO_UDPLITE;
	case TIP_NL_SOCK_RAW:
		return proto == IPPROTO_RAW;
	default:
		return false;
	}
}

/* Per-entry state of one dump part. */
struct tip_nl_sock_walk {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	long idx;		/* entries of this phase seen */
};

/*
 * Puts one entry unless an earlier part sent it already. Returns false
 * when the skb is full: the dump resumes at this entry next time.
 */
static bool tip_nl_sock_one(struct tip_nl_sock_walk *w,
			    int (*fill)(struct sk_buff *skb, const void *ep),
			    const void *ep)
{
	void *hdr;

	if (w->idx++ < w->cb->args[1])
		return true;
	hdr = tip_nl_dump_put(w->skb, w->cb, TINYIP_CMD_SOCK_GET);
	if (!hdr)
		return false;
	if (fill(w->skb, ep)) {
		genlmsg_cancel(w->skb, hdr);
		return false;
	}
	genlmsg_end(w->skb, hdr);
	w->cb->args[1] = w->idx;
	return true;
}

/* One phase; false when the skb filled up before its end. */
static bool tip_nl_sock_phase(struct tip_net *tn, struct tip_nl_sock_walk *w,
			      enum tip_nl_sock_phase phase, u8 proto)
{
	const struct tip_tcp_pcb *tcp;
	const struct tip_raw_pcb *raw;
	const struct tip_udp_pcb *udp;
	const struct tip_tcp_tw *tw;
	int bkt;

	switch (phase) {
	case TIP_NL_SOCK_TCP:
		list_for_each_entry(tcp, &tn->tcp.pcbs, all)
			if (!tip_nl_sock_one(w, tip_nl_fill_tcp, tcp))
				return false;
		break;
	case TIP_NL_SOCK_TW:
		list_for_each_entry(tw, &tn->tcp.twlist, list)
			if (!tip_nl_sock_one(w, tip_nl_fill_tw, tw))
				return false;
		break;
	case TIP_NL_SOCK_UDP:
		hash_for_each(tn->udp.ports, bkt, udp, node) {
			if (proto && udp->proto != proto)
				continue;
			if (!tip_nl_sock_one(w, tip_nl_fill_udp, udp))
				return false;
		}
		break;
	case TIP_NL_SOCK_RAW:
		list_for_each_entry(raw, &tn->raw.pcbs, list)
			if (!tip_nl_sock_one(w, tip_nl_fill_raw, raw))
				return false;
		break;
	default:
		break;
	}
	return true;
}

/*
 * cb->args[0]: the phase being sent; cb->args[1]: its entries sent.
 * Entries that come or go between two parts may shift the skip count
 * by a few, as in ss over /proc: a snapshot would cost a copy of every
 * PCB for a diagnostic.
 */
int tip_nl_sock_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct tip_net *tn = tip_net(sock_net(skb->sk));
	struct tip_nl_sock_walk w = { .skb = skb, .cb = cb };
	u8 proto = tip_nl_sock_filter(cb);

	spin_lock_bh(&tn->lock);
	for (; cb->args[0] < TIP_NL_SOCK_END; cb->args[0]++, cb->args[1] = 0) {
		if (!tip_nl_phase_wanted(cb->args[0], proto))
			continue;
		w.idx = 0;
		if (!tip_nl_sock_phase(tn, &w, cb->args[0], proto))
			break;
	}
	spin_unlock_bh(&tn->lock);
	return skb->len;
}

/*
 * Each counter is read whole (they are u64, written under tn->lock);
 * the set is not one snapshot, as /proc/net/snmp is not for nstat.
 */
static int tip_nl_fill_stats(struct sk_buff *skb, const struct tip_net *tn)
{
	struct nlattr *nest;
	int i;

	nest = nla_nest_start(skb, TINYIP_A_TCP_STATS);
	if (!nest)
		return -EMSGSIZE;
	for (i = TINYIP_TCP_STAT_PAD + 1; i < __TINYIP_TCP_STAT_MAX; i++)
		if (nla_put_u64_64bit(skb, i, READ_ONCE(tn->tcp.mib[i]),
				      TINYIP_TCP_STAT_PAD))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	if (nla_put_u64_64bit(skb, TINYIP_A_EVENTS_DROPPED,
			      atomic_long_read(&tn->nl_events_dropped),
			      TINYIP_A_PAD) ||
	    tip_nl_put_dns_stats(skb, tn))
		return -EMSGSIZE;
	return tip_nl_fill_mem(skb, tn);
}

int tip_nl_stats_get(struct sk_buff *skb, struct genl_info *info)
{
	return tip_nl_reply(info, tip_nl_fill_stats);
}
