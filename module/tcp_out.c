// SPDX-License-Identifier: GPL-2.0
/*
 * TCP output: the send queue, segment building and transmission.
 *
 * Data waits on pcb->sndq as payload-only skbs; what is sent is a clone
 * with the headers pushed into the shared headroom, so the original stays
 * queued until acknowledged (RFC 9293 3.8.1). Big skbs leave as one GSO
 * skb that the device, or software GSO, cuts into MSS-sized segments.
 *
 * RFC 9293 3.8.6.2.1 / RFC 1122 4.2.3.4 (sender SWS avoidance), RFC 896
 * (Nagle), RFC 5681 and RFC 6675 (cwnd and pipe limits), RFC 7323
 * (timestamps), RFC 2018 / RFC 2883 (SACK and D-SACK blocks), RFC 1191
 * (PMTU discovery: DF on every segment) with the RFC 4821 black-hole
 * fallback done by clamping the MSS, RFC 9293 3.10.7.1 (resets).
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/ktime.h>
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <net/tcp.h>

#include <tinyip/addr.h>
#include <tinyip/fault.h>
#include <tinyip/ip4.h>
#include <tinyip/ip6.h>
#include <tinyip/raw.h>
#include <tinyip/tcp.h>
#include <tinyip/tinyip.h>

/* Largest GSO payload: an IPv4 datagram of 64 KB minus the largest IP
 * and TCP headers.
 */
#define TIP_TCP_GSO_MAX		(65535 - 60 - 60)

u64 tip_tcp_clock_us(void)
{
	return div_u64(ktime_get_ns(), NSEC_PER_USEC);
}

u32 tip_tcp_tsval(const struct tip_tcp_pcb *pcb)
{
	/* RFC 7323 5.4: a 1 ms clock, offset per connection. */
	return (u32)div_u64(tip_tcp_clock_us(), USEC_PER_MSEC) +
	       pcb->ts_offset;
}

static bool tip_tcp_synced(const struct tip_tcp_pcb *pcb)
{
	switch (pcb->state) {
	case TIP_TCP_ESTABLISHED:
	case TIP_TCP_FIN_WAIT1:
	case TIP_TCP_FIN_WAIT2:
	case TIP_TCP_CLOSE_WAIT:
	case TIP_TCP_CLOSING:
	case TIP_TCP_LAST_ACK:
	case TIP_TCP_SYN_RECV:
		return true;
	}
	return false;
}

bool tip_tcp_can_send(const struct tip_tcp_pcb *pcb)
{
	switch (pcb->state) {
	case TIP_TCP_ESTABLISHED:
	case TIP_TCP_CLOSE_WAIT:
	case TIP_TCP_FIN_WAIT1:
	case TIP_TCP_CLOSING:
	case TIP_TCP_LAST_ACK:
		return true;
	}
	return false;
}

static u32 tip_tcp_optlen_fixed(const struct tip_tcp_pcb *pcb)
{
	return (pcb->flags & TIP_TCPF_TS_OK) ? 12 : 0;
}

void tip_tcp_sync_mss(struct tip_tcp_pcb *pcb, u32 pmtu)
{
	u32 mss, old = pcb->mss;
	struct sk_buff *skb;
	bool lost = false;

	pmtu = clamp_t(u32, pmtu, tip_tcp_min_pmtu(&pcb->raddr), 65535);
	pcb->pmtu = pmtu;
	/*
	 * RFC 9293 3.7.1 / RFC 6691: the MSS option counts no options;
	 * RFC 8200 8.3: over IPv6 the fixed header is 40 bytes, not 20.
	 */
	mss = pmtu - tip_tcp_nethdr(&pcb->raddr) - sizeof(struct tcphdr);
	if (pcb->peer_mss && pcb->peer_mss < mss)
		mss = pcb->peer_mss;
	mss -= tip_tcp_optlen_fixed(pcb);
	if (pcb->user_mss && pcb->user_mss < mss)
		mss = pcb->user_mss;
	mss = max_t(u32, mss, 64);
	pcb->mss = mss;
	pcb->cc.mss = mss;
	if (!old || mss >= old || !tip_tcp_synced(pcb))
		return;

	/*
	 * RFC 1191 6.4: what left with the old size was dropped on the
	 * way. Mark it lost so output resends it in the new size (as
	 * Linux's tcp_simple_retransmit, without touching cwnd).
	 */
	skb_queue_walk(&pcb->sndq, skb) {
		struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);

		if (skb == pcb->send_head)
			break;
		if (skb->len <= mss || (cb->sacked & TIP_TCP_SACKED_ACKED))
			continue;
		cb->sacked &= ~TIP_TCP_SACKED_RETRANS;
		cb->sacked |= TIP_TCP_SACKED_LOST;
		lost = true;
	}
	if (lost) {
		pcb->flags |= TIP_TCPF_LOST_SCAN;
		tip_tcp_sb_recount(pcb);
	}
}

u32 tip_tcp_size_goal(const struct tip_tcp_pcb *pcb)
{
	u32 mss = pcb->mss ?: 536, goal = TIP_TCP_GSO_MAX;

	if (pcb->flags & TIP_TCPF_NO_GSO)
		return mss;

	/* Half the peer's largest window, as Linux: keeps skbs small
	 * enough that one loss does not resend a whole window.
	 */
	if (pcb->max_window && pcb->max_window / 2 < goal)
		goal = pcb->max_window / 2;
	goal -= goal % mss;
	return max(goal, mss);
}

u32 tip_tcp_write_space(const struct tip_tcp_pcb *pcb)
{
	return pcb->snd_buf > pcb->snd_queued ?
	       pcb->snd_buf - pcb->snd_queued : 0;
}

/* Charge, or undo, a change of an skb's truesize while on sndq. */
static void tip_tcp_recharge(struct tip_tcp_pcb *pcb, unsigned int old,
			     unsigned int now)
{
	if (now > old)
		tip_mem_charge_force(&pcb->tn->mem, TINYIP_MEM_SNDQ, now - old);
	else if (now < old)
		tip_mem_uncharge(&pcb->tn->mem, TINYIP_MEM_SNDQ, old - now);
}

/* The sequence number the next queued byte gets. */
static u32 tip_tcp_queue_end(const struct tip_tcp_pcb *pcb)
{
	struct sk_buff *tail = skb_peek_tail(&pcb->sndq);

	return tail ? TIP_TCP_CB(tail)->end_seq : pcb->snd_max;
}

/* A small write joins the unsent tail skb when it fits there. */
static bool tip_tcp_coalesce(struct tip_tcp_pcb *pcb, struct sk_buff *skb)
{
	struct sk_buff *tail = skb_peek_tail(&pcb->sndq);
	struct tip_tcp_skb_cb *cb;

	if (!tail || !pcb->send_head)
		return false;
	cb = TIP_TCP_CB(tail);
	if (cb->tx_us || (cb->tcp_flags & TCPHDR_FIN) || skb_cloned(tail) ||
	    skb_is_nonlinear(tail) || skb->len > skb_tailroom(tail) ||
	    tail->len + skb->len > tip_tcp_size_goal(pcb))
		return false;
	if (skb_copy_bits(skb, 0, skb_put(tail, skb->len), skb->len))
		return false;
	cb->end_seq += skb->len;
	pcb->snd_queued += skb->len;
	consume_skb(skb);
	return true;
}

int tip_tcp_write(struct tip_tcp_pcb *pcb, struct sk_buff *skb)
{
	struct tip_tcp_skb_cb *cb;

	lockdep_assert_held(&pcb->tn->lock);
	switch (pcb->state) {
	case TIP_TCP_ESTABLISHED:
	case TIP_TCP_CLOSE_WAIT:
	case TIP_TCP_SYN_SENT:
	case TIP_TCP_SYN_RECV:
		break;
	case TIP_TCP_LISTEN:
		return -ENOTCONN;
	default:
		return -EPIPE;
	}
	if (pcb->flags & TIP_TCPF_FIN_QUEUED)
		return -EPIPE;
	if (!skb->len) {
		consume_skb(skb);
		return 0;
	}
	if (tip_tcp_coalesce(pcb, skb))
		return 0;
	if (tip_mem_charge(&pcb->tn->mem, TINYIP_MEM_SNDQ, skb->truesize))
		return -ENOBUFS;

	cb = TIP_TCP_CB(skb);
	cb->seq = tip_tcp_queue_end(pcb);
	cb->end_seq = cb->seq + skb->len;
	cb->tx_us = 0;
	cb->tcp_flags = TCPHDR_ACK;
	cb->sacked = 0;
	cb->retrans = 0;
	__skb_queue_tail(&pcb->sndq, skb);
	if (!pcb->send_head)
		pcb->send_head = skb;
	pcb->snd_queued += skb->len;
	return 0;
}

int tip_tcp_fragment(struct tip_tcp_pcb *pcb, struct sk_buff *skb, u32 len)
{
	struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb), *ncb;
	unsigned int nsize = 0, old, nlen;
	struct sk_buff *buff;

	if (WARN_ON_ONCE(len > skb->len))
		return -EINVAL;
	/* skb_split() moves page frags: they must not be shared. */
	if (skb_cloned(skb) && skb_is_nonlinear(skb)) {
		old = skb->truesize;
		if (skb_unclone(skb, GFP_ATOMIC))
			return -ENOMEM;
		tip_tcp_recharge(pcb, old, skb->truesize);
	}
	if (skb_headlen(skb) > len)
		nsize = skb_headlen(skb) - len;
	buff = tip_alloc_skb(TIP_TCP_HEADROOM + nsize, GFP_ATOMIC);
	if (!buff)
		return -ENOMEM;
	skb_reserve(buff, TIP_TCP_HEADROOM);
	tip_mem_charge_force(&pcb->tn->mem, TINYIP_MEM_SNDQ, buff->truesize);
	nlen = skb->len - len;
	skb_split(skb, buff, len);
	/*
	 * The moved bytes take their share of truesize along (the sum, as
	 * charged, stays the same): a receiver coalescing our segments
	 * checks that truesize covers the payload.
	 */
	nlen = min(nlen, skb->truesize - SKB_TRUESIZE(0));
	buff->truesize += nlen;
	skb->truesize -= nlen;

	ncb = TIP_TCP_CB(buff);
	*ncb = *cb;
	ncb->seq = cb->seq + len;
	cb->end_seq = ncb->seq;
	cb->tcp_flags &= ~(TCPHDR_FIN | TCPHDR_PSH);
	__skb_queue_after(&pcb->sndq, skb, buff);
	return 0;
}

/* Push the TCP header (and options) in front of @skb's payload. */
static struct tcphdr *tip_tcp_push_hdr(struct sk_buff *skb, __be16 sport,
				       __be16 dport, u32 seq, u32 ack,
				       u8 flags, u16 win,
				       const struct tip_tcp_opts *o)
{
	unsigned int optlen = o ? tip_tcp_opts_len(o) : 0, built = 0;
	struct tcphdr *th;

	th = skb_push(skb, sizeof(*th) + optlen);
	skb_reset_transport_header(skb);
	memset(th, 0, sizeof(*th));
	th->source = sport;
	th->dest = dport;
	th->seq = htonl(seq);
	th->ack_seq = htonl(ack);
	th->doff = (sizeof(*th) + optlen) >> 2;
	tcp_flag_byte(th) = flags;
	th->window = htons(win);
	if (optlen)
		built = tip_tcp_build_opts((u8 *)(th + 1), o);
	if (built < optlen)
		memset((u8 *)(th + 1) + built, TCPOPT_EOL, optlen - built);
	return th;
}

/* Options of a non-SYN segment: timestamps, then SACK blocks that fit. */
static void tip_tcp_seg_opts(struct tip_tcp_pcb *pcb, struct tip_tcp_opts *o,
			     u32 seglen)
{
	unsigned int max = TIP_TCP_MAX_SACK, n = 0;

	o->present = 0;
	o->nsack = 0;
	if (pcb->flags & TIP_TCPF_TS_OK) {
		o->present |= TIP_TCPOPT_TS;
		o->tsval = tip_tcp_tsval(pcb);
		o->tsecr = pcb->ts_recent;
		max = 3;
	}
	if (!(pcb->flags & TIP_TCPF_SACK_OK) ||
	    (!(pcb->flags & TIP_TCPF_DSACK_PENDING) &&
	     skb_queue_empty(&pcb->ooo)))
		return;
	/* Blocks must not push a full segment past the MSS. */
	if (seglen) {
		u32 room = pcb->mss > seglen ? pcb->mss - seglen : 0;

		max = room >= 12 ? min_t(u32, max, (room - 4) / 8) : 0;
		if (!max)
			return;
	}
	if (pcb->flags & TIP_TCPF_DSACK_PENDING) {
		/* RFC 2883 4: the D-SACK block goes first, once. */
		o->sack[n++] = pcb->dsack;
		pcb->flags &= ~TIP_TCPF_DSACK_PENDING;
	}
	if (n < max)
		n += tip_tcp_ooo_sack(&pcb->ooo, &pcb->last_ooo, &o->sack[n],
				      max - n);
	if (n) {
		o->present |= TIP_TCPOPT_SACK;
		o->nsack = n;
	}
}

/* The window field of a SYN or SYN-ACK is never scaled (RFC 7323 2.2). */
static u16 tip_tcp_syn_window(struct tip_tcp_pcb *pcb)
{
	pcb->rcv_wnd = min_t(u32, pcb->rcv_buf, 65535);
	pcb->rcv_wup = pcb->rcv_nxt;
	return pcb->rcv_wnd;
}

/*
 * IPv6 (RFC 8200). A link-local or other scoped peer is reached through
 * the socket's device: SO_BINDTODEVICE, the scope id connect() bound it
 * to, or for an accepted connection the link the SYN came in on (as
 * Linux binds such a child). Anything else is routed, with the bound
 * device as a constraint. The source is the connection's, else the
 * route's choice (RFC 6724).
 */
static struct tip_if *tip_tcp_oif6(struct tip_net *tn, int ifindex)
{
	return ifindex ? tip_if_by_index(tn, ifindex) : NULL;
}

static int tip_tcp_route6(struct tip_net *tn, const struct tip_inet *inet,
			  const struct in6_addr *daddr, u32 *mtu,
			  struct in6_addr *src)
{
	struct tip_rt6_res res;
	struct tip_if *oif = tip_tcp_oif6(tn, inet->bound_if);
	int err;

	if (inet->bound_if && !oif)
		return -ENODEV;
	if (ipv6_addr_is_multicast(daddr) || ipv6_addr_any(daddr))
		return -ENETUNREACH;
	err = tip_ip6_route(tn, daddr, oif, &res);
	if (err)
		return err;
	*mtu = res.mtu;
	*src = res.src;
	return 0;
}

/*
 * Hop limit and traffic class of a connection's segments: the socket's
 * IPV6_UNICAST_HOPS and IPV6_TCLASS, else (no socket, as for a reset)
 * the link's default hop limit (0 asks tip_ip6_output() for it) and
 * class 0.
 */
static inline void tip_tcp_tx6(const struct tip_inet *inet,
			       struct tip_ip6_tx *tx)
{
	tx->hop_limit = inet ? inet->hop_limit6 : 0;
	tx->tclass = inet ? inet->tclass6 : 0;
	tx->mc_loop = false;
	/* TCP never fragments: a PMTU drop shrinks the MSS instead. */
	tx->dontfrag = true;
}

/*
 * Whether the route's device takes GSO skbs of @tso (in hardware, or cut
 * by software GSO); the loopback link has no device and takes them whole.
 * Decided per segment, as a route may move to another device.
 */
static void tip_tcp_gso_follow(struct tip_tcp_pcb *pcb,
			       const struct tip_if *ifp, netdev_features_t tso)
{
	const struct net_device *dev = ifp ? ifp->dev : NULL;

	if (dev && (!(READ_ONCE(dev->features) & (NETIF_F_GSO | tso)) ||
		    READ_ONCE(dev->gso_max_segs) <= 1))
		pcb->flags |= TIP_TCPF_NO_GSO;
	else
		pcb->flags &= ~TIP_TCPF_NO_GSO;
}

static int tip_tcp_xmit_pcb6(struct tip_tcp_pcb *pcb, struct sk_buff *skb,
			     u32 seq, u8 flags, const struct tip_tcp_opts *o,
			     u16 win)
{
	struct tip_net *tn = pcb->tn;
	struct tip_if *oif = tip_tcp_oif6(tn, pcb->inet.bound_if);
	struct tip_rt6_res res;
	struct tip_ip6_tx tx;
	struct in6_addr saddr;
	unsigned int segs;
	int err;

	if (pcb->inet.bound_if && !oif) {
		kfree_skb(skb);
		return -ENODEV;
	}
	err = tip_ip6_route(tn, &pcb->raddr, oif, &res);
	if (err) {
		kfree_skb(skb);
		return err;
	}
	saddr = ipv6_addr_any(&pcb->laddr) ? res.src : pcb->laddr;
	tip_tcp_gso_follow(pcb, res.ifp, NETIF_F_TSO6);
	tip_tcp_tx6(&pcb->inet, &tx);
	tip_tcp_push_hdr(skb, pcb->lport, pcb->rport, seq,
			 (flags & TCPHDR_ACK) ? pcb->rcv_nxt : 0, flags, win, o);
	tip_tcp_csum_set6(skb, &saddr, &pcb->raddr, true);
	segs = skb_is_gso(skb) ? skb_shinfo(skb)->gso_segs : 1;
	TIP_TCP_ADD(tn, OUT_SEGS, segs);
	pcb->segs_out += segs;
	if ((flags & TCPHDR_ACK) && !(flags & TCPHDR_RST)) {
		pcb->flags &= ~TIP_TCPF_ACK_NOW;
		pcb->delack_segs = 0;
		if (pcb->timers & BIT(TIP_TCP_T_DELACK))
			tip_tcp_timer_clear(pcb, TIP_TCP_T_DELACK);
	}
	if (flags & TCPHDR_RST)
		TIP_TCP_INC(tn, OUT_RSTS);
	err = tip_ip6_output(tn, skb, IPPROTO_TCP, &saddr, &pcb->raddr, oif,
			     &tx);
	/* The link or the path cache shrank under us: follow it. */
	if (err == -EMSGSIZE && res.mtu && res.mtu < pcb->pmtu)
		tip_tcp_sync_mss(pcb, res.mtu);
	return err;
}

/* A segment of no connection over IPv6, out of @ifindex when scoped. */
static int tip_tcp_xmit_tuple6(struct tip_net *tn,
			       const struct in6_addr *saddr,
			       const struct in6_addr *daddr, __be16 sport,
			       __be16 dport, u32 seq, u32 ack, u8 flags,
			       u16 win, const struct tip_tcp_opts *o,
			       int ifindex)
{
	struct tip_if *oif = tip_tcp_oif6(tn, ifindex);
	struct tip_ip6_tx tx;
	struct sk_buff *skb;

	if (ipv6_addr_is_multicast(daddr) || ipv6_addr_any(daddr))
		return -ENETUNREACH;
	skb = tip_alloc_skb(TIP_TCP_HEADROOM, GFP_ATOMIC);
	if (!skb)
		return -ENOBUFS;
	skb_reserve(skb, TIP_TCP_HEADROOM);
	tip_tcp_push_hdr(skb, sport, dport, seq, ack, flags, win, o);
	tip_tcp_csum_set6(skb, saddr, daddr, true);
	TIP_TCP_INC(tn, OUT_SEGS);
	if (flags & TCPHDR_RST)
		TIP_TCP_INC(tn, OUT_RSTS);
	tip_tcp_tx6(NULL, &tx);
	return tip_ip6_output(tn, skb, IPPROTO_TCP, saddr, daddr, oif, &tx);
}

int tip_tcp_route(struct tip_net *tn, const struct tip_inet *inet,
		  const struct in6_addr *daddr, u32 *mtu,
		  struct in6_addr *src)
{
	struct tip_rt4_res res;
	int err;

	if (!tip_addr_is_v4(daddr))
		return tip_tcp_route6(tn, inet, daddr, mtu, src);
	err = tip_inet_route(tn, inet, tip_addr_v4(daddr), &res);
	if (err)
		return err;
	if (res.bcast || res.mcast)
		return -ENETUNREACH;
	*mtu = res.mtu;
	tip_addr_from4(src, res.src);
	return 0;
}

/* Route, checksum and send one built segment (or GSO skb) of @pcb. */
static int tip_tcp_xmit_pcb(struct tip_tcp_pcb *pcb, struct sk_buff *skb,
			    u32 seq, u8 flags, const struct tip_tcp_opts *o,
			    u16 win)
{
	struct tip_net *tn = pcb->tn;
	struct tip_ip4_tx tx = {
		.ttl = pcb->inet.ttl,
		.tos = pcb->inet.tos,
		.df = true,
	};
	struct tip_rt4_res res;
	__be32 saddr, daddr;
	unsigned int segs;
	int err;

	if (!tip_addr_is_v4(&pcb->raddr))
		return tip_tcp_xmit_pcb6(pcb, skb, seq, flags, o, win);
	daddr = tip_addr_v4(&pcb->raddr);
	err = tip_inet_route(tn, &pcb->inet, daddr, &res);
	if (err) {
		kfree_skb(skb);
		return err;
	}
	saddr = tip_addr_is_wild(&pcb->laddr) ? res.src :
						tip_addr_v4(&pcb->laddr);
	tip_tcp_gso_follow(pcb, res.ifp, NETIF_F_TSO);
	tip_tcp_push_hdr(skb, pcb->lport, pcb->rport, seq,
			 (flags & TCPHDR_ACK) ? pcb->rcv_nxt : 0, flags, win, o);
	tip_tcp_csum_set(skb, saddr, daddr, true);
	segs = skb_is_gso(skb) ? skb_shinfo(skb)->gso_segs : 1;
	TIP_TCP_ADD(tn, OUT_SEGS, segs);
	pcb->segs_out += segs;
	if ((flags & TCPHDR_ACK) && !(flags & TCPHDR_RST)) {
		/* This segment carries the ACK we owed. */
		pcb->flags &= ~TIP_TCPF_ACK_NOW;
		pcb->delack_segs = 0;
		if (pcb->timers & BIT(TIP_TCP_T_DELACK))
			tip_tcp_timer_clear(pcb, TIP_TCP_T_DELACK);
	}
	if (flags & TCPHDR_RST)
		TIP_TCP_INC(tn, OUT_RSTS);
	err = tip_ip4_output(tn, skb, &res, saddr, daddr, IPPROTO_TCP, &tx);
	/* The route's link shrank under us: follow it (RFC 1191). */
	if (err == -EMSGSIZE && res.mtu && res.mtu < pcb->pmtu)
		tip_tcp_sync_mss(pcb, res.mtu);
	return err;
}

int tip_tcp_send_bare(struct tip_tcp_pcb *pcb, u32 seq, u8 flags)
{
	struct tip_tcp_opts o;
	struct sk_buff *skb;
	u16 win = 0;

	skb = tip_alloc_skb(TIP_TCP_HEADROOM, GFP_ATOMIC);
	if (!skb)
		return -ENOBUFS;
	skb_reserve(skb, TIP_TCP_HEADROOM);
	o.present = 0;
	o.nsack = 0;
	if (!(flags & TCPHDR_RST)) {
		tip_tcp_seg_opts(pcb, &o, 0);
		win = tip_tcp_select_window(pcb);
	}
	return tip_tcp_xmit_pcb(pcb, skb, seq, flags, &o, win);
}

void tip_tcp_send_ack(struct tip_tcp_pcb *pcb)
{
	lockdep_assert_held(&pcb->tn->lock);
	if (!tip_tcp_synced(pcb))
		return;
	if (tip_tcp_send_bare(pcb, pcb->snd_nxt, TCPHDR_ACK) == -ENOBUFS) {
		/* Out of memory: try again shortly rather than never. */
		pcb->flags |= TIP_TCPF_ACK_NOW;
		tip_tcp_timer_set(pcb, TIP_TCP_T_DELACK, HZ / 25 ?: 1);
	}
}

void tip_tcp_send_probe(struct tip_tcp_pcb *pcb)
{
	struct tip_net *tn = pcb->tn;

	lockdep_assert_held(&tn->lock);
	if (!tip_tcp_synced(pcb))
		return;
	/* RFC 9293 3.8.4: an old sequence number draws an ACK. */
	if (pcb->send_head && pcb->snd_una == pcb->snd_max)
		TIP_TCP_INC(tn, TCP_WIN_PROBE);
	else
		TIP_TCP_INC(tn, TCP_KEEP_ALIVE);
	tip_tcp_send_bare(pcb, pcb->snd_una - 1, TCPHDR_ACK);
}

void tip_tcp_send_active_rst(struct tip_tcp_pcb *pcb)
{
	lockdep_assert_held(&pcb->tn->lock);
	/* No RST for a SYN not yet answered: there is nobody to reset. */
	if (tip_tcp_synced(pcb)) {
		tip_tcp_send_bare(pcb, pcb->snd_nxt, TCPHDR_RST | TCPHDR_ACK);
		/*
		 * The peer takes a reset only at the sequence it expects
		 * next (RFC 5961 3.2), somewhere from snd_una to snd_nxt;
		 * elsewhere in its window it answers with a challenge ACK.
		 * A peer that dropped what is in flight (its receive
		 * buffer full behind a window it never shrinks) expects
		 * snd_una, and once the module is gone or the link is,
		 * nobody answers its challenge ACK: the connection would
		 * hang. A second reset at snd_una covers it; a peer past
		 * snd_una drops that one silently, as below its window.
		 */
		if (pcb->snd_una != pcb->snd_nxt)
			tip_tcp_send_bare(pcb, pcb->snd_una,
					  TCPHDR_RST | TCPHDR_ACK);
	}
	if (pcb->state != TIP_TCP_CLOSE)
		tip_tcp_set_state(pcb, TIP_TCP_CLOSE);
}

/* GSO fields for a data skb about to be cloned: set or cleared. */
static void tip_tcp_set_gso(const struct tip_tcp_pcb *pcb,
			    struct sk_buff *skb)
{
	struct skb_shared_info *shi = skb_shinfo(skb);
	unsigned int mss = pcb->mss;

	if (skb->len > mss) {
		shi->gso_size = mss;
		shi->gso_segs = DIV_ROUND_UP(skb->len, mss);
		shi->gso_type = tip_addr_is_v4(&pcb->raddr) ? SKB_GSO_TCPV4 :
							     SKB_GSO_TCPV6;
	} else {
		shi->gso_size = 0;
		shi->gso_segs = 0;
		shi->gso_type = 0;
	}
}

/*
 * Sends a copy of queued @skb. A clone shares the payload; its headers go
 * in the headroom, which the queued original never uses (nohdr). While a
 * previous clone may still sit in a device queue, a private copy of the
 * head is made instead so two clones never share header space.
 */
static int tip_tcp_xmit_skb(struct tip_tcp_pcb *pcb, struct sk_buff *skb)
{
	struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);
	u8 flags = TCPHDR_ACK | (cb->tcp_flags & TCPHDR_FIN);
	unsigned int seglen;
	struct tip_tcp_opts o;
	struct sk_buff *nskb;

	if (skb_cloned(skb)) {
		nskb = tip_pskb_copy(skb, GFP_ATOMIC);
		if (!nskb)
			return -ENOBUFS;
		tip_tcp_set_gso(pcb, nskb);
	} else {
		tip_tcp_set_gso(pcb, skb);
		if (!skb->nohdr)
			__skb_header_release(skb);
		nskb = tip_skb_clone(skb, GFP_ATOMIC);
		if (!nskb)
			return -ENOBUFS;
	}
	if (skb->len && skb_queue_is_last(&pcb->sndq, skb))
		flags |= TCPHDR_PSH;
	seglen = skb_is_gso(nskb) ? skb_shinfo(nskb)->gso_size : nskb->len;
	tip_tcp_seg_opts(pcb, &o, seglen);
	cb->tx_us = tip_tcp_clock_us();
	return tip_tcp_xmit_pcb(pcb, nskb, cb->seq, flags, &o,
				tip_tcp_select_window(pcb));
}

int tip_tcp_retransmit_skb(struct tip_tcp_pcb *pcb, struct sk_buff *skb)
{
	struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);
	struct tip_net *tn = pcb->tn;
	unsigned int segs;
	int err;

	lockdep_assert_held(&tn->lock);
	if (pcb->state == TIP_TCP_CLOSE || skb == pcb->send_head)
		return -EINVAL;
	/* Resend one segment at a time: losses are rarely whole skbs. */
	if (skb->len > pcb->mss) {
		err = tip_tcp_fragment(pcb, skb, pcb->mss);
		if (err)
			return err;
	}
	segs = DIV_ROUND_UP(skb->len, pcb->mss) ?: 1;
	err = tip_tcp_xmit_skb(pcb, skb);
	if (err == -ENOBUFS || err == -ENETUNREACH || err == -EHOSTUNREACH)
		return err;
	if (!(cb->sacked & TIP_TCP_SACKED_RETRANS)) {
		cb->sacked |= TIP_TCP_SACKED_RETRANS;
		if (!(cb->sacked & TIP_TCP_SACKED_ACKED))
			pcb->retrans_out += cb->end_seq - cb->seq;
	}
	if (cb->retrans < U8_MAX)
		cb->retrans++;
	if (!pcb->undo_tsval)
		pcb->undo_tsval = tip_tcp_tsval(pcb) ?: 1;
	pcb->total_retrans += segs;
	TIP_TCP_ADD(tn, RETRANS_SEGS, segs);
	if (pcb->flags & TIP_TCPF_IN_RECOVERY)
		TIP_TCP_INC(tn, TCP_FAST_RETRANS);
	if (tip_seq_after(cb->end_seq, pcb->high_rxt))
		pcb->high_rxt = cb->end_seq;
	tip_tcp_arm_rto(pcb, false);
	return 0;
}

/* The first lost, un-SACKed segment not yet resent (RFC 6675 NextSeg). */
static struct sk_buff *tip_tcp_next_lost(struct tip_tcp_pcb *pcb)
{
	struct sk_buff *skb;

	skb_queue_walk(&pcb->sndq, skb) {
		u8 s = TIP_TCP_CB(skb)->sacked;

		if (skb == pcb->send_head)
			break;
		if ((s & TIP_TCP_SACKED_LOST) &&
		    !(s & (TIP_TCP_SACKED_ACKED | TIP_TCP_SACKED_RETRANS)))
			return skb;
	}
	return NULL;
}

/* Queue the FIN: on the unsent tail skb, else on an empty skb of its own. */
static bool tip_tcp_queue_fin(struct tip_tcp_pcb *pcb)
{
	struct sk_buff *tail = skb_peek_tail(&pcb->sndq), *skb;
	struct tip_tcp_skb_cb *cb;

	if (tail && pcb->send_head) {
		cb = TIP_TCP_CB(tail);
		cb->tcp_flags |= TCPHDR_FIN;
		cb->end_seq++;
	} else {
		skb = tip_alloc_skb(TIP_TCP_HEADROOM, GFP_ATOMIC);
		if (!skb)
			return false;
		skb_reserve(skb, TIP_TCP_HEADROOM);
		/* Never refused: close() must always be able to finish. */
		tip_mem_charge_force(&pcb->tn->mem, TINYIP_MEM_SNDQ,
				     skb->truesize);
		cb = TIP_TCP_CB(skb);
		cb->seq = tip_tcp_queue_end(pcb);
		cb->end_seq = cb->seq + 1;
		cb->tx_us = 0;
		cb->tcp_flags = TCPHDR_ACK | TCPHDR_FIN;
		cb->sacked = 0;
		cb->retrans = 0;
		__skb_queue_tail(&pcb->sndq, skb);
		pcb->send_head = skb;
	}
	pcb->flags |= TIP_TCPF_FIN_INQ;
	return true;
}

void tip_tcp_send_fin(struct tip_tcp_pcb *pcb)
{
	lockdep_assert_held(&pcb->tn->lock);
	if (pcb->flags & TIP_TCPF_FIN_QUEUED)
		return;
	switch (pcb->state) {
	case TIP_TCP_ESTABLISHED:
	case TIP_TCP_SYN_RECV:
		tip_tcp_set_state(pcb, TIP_TCP_FIN_WAIT1);
		break;
	case TIP_TCP_CLOSE_WAIT:
		tip_tcp_set_state(pcb, TIP_TCP_LAST_ACK);
		break;
	}
	pcb->flags |= TIP_TCPF_FIN_QUEUED;
	tip_tcp_queue_fin(pcb);
	tip_tcp_output(pcb);
}

/*
 * Nagle (RFC 896, RFC 1122 4.2.3.4): a short segment waits while data is
 * in flight unless NODELAY; under CORK it waits for more data anyway. A
 * FIN, or a short skb with more queued behind it, always goes.
 */
static bool tip_tcp_nagle_ok(const struct tip_tcp_pcb *pcb,
			     const struct sk_buff *skb)
{
	if (skb->len >= pcb->mss || (TIP_TCP_CB(skb)->tcp_flags & TCPHDR_FIN))
		return true;
	if (!skb_queue_is_last(&pcb->sndq, skb))
		return true;
	if (pcb->flags & TIP_TCPF_CORK)
		return false;
	return (pcb->flags & TIP_TCPF_NODELAY) || pcb->snd_una == pcb->snd_max;
}

/*
 * How much of send_head may go now: 0 to wait, else a payload length
 * (the whole skb, or a cut on an MSS boundary, or SWS's half window).
 * @force sends what the window allows at all (persist override,
 * RFC 1122 4.2.3.4 (4)).
 */
static u32 tip_tcp_send_len(struct tip_tcp_pcb *pcb, struct sk_buff *skb,
			    bool force)
{
	struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);
	u32 span = cb->end_seq - cb->seq, wend = pcb->snd_una + pcb->snd_wnd;
	u32 win_room, cwnd_room, room, pipe, cwnd, mss = pcb->mss;

	win_room = tip_seq_after(wend, cb->seq) ? wend - cb->seq : 0;
	cwnd = pcb->cc.cwnd ?: TIP_TCP_INIT_CWND * mss;
	pipe = tip_tcp_pipe(pcb);
	cwnd_room = cwnd > pipe ? cwnd - pipe : 0;
	if (force && !pipe)
		cwnd_room = max(cwnd_room, mss);
	room = min(win_room, cwnd_room);
	if (!room)
		return 0;
	if (span <= room) {
		if (!force && !tip_tcp_nagle_ok(pcb, skb))
			return 0;
		return skb->len ?: 1;
	}
	if (room >= mss)
		return room - room % mss;
	/* RFC 1122 4.2.3.4 (3): at least half the largest window offered. */
	if (force || (win_room < cwnd_room && room >= pcb->max_window / 2))
		return room;
	return 0;
}

int tip_tcp_send_head_skb(struct tip_tcp_pcb *pcb, u32 len)
{
	struct sk_buff *skb = pcb->send_head;
	struct tip_tcp_skb_cb *cb;
	int err;

	if (!skb)
		return -ENODATA;
	if (len < skb->len) {
		err = tip_tcp_fragment(pcb, skb, len);
		if (err)
			return err;
	}
	err = tip_tcp_xmit_skb(pcb, skb);
	if (err == -ENOBUFS)
		return err;
	cb = TIP_TCP_CB(skb);
	if (pcb->snd_una == pcb->snd_max) {
		pcb->rto_start_us = cb->tx_us;
		pcb->backoff = 0;
	}
	pcb->send_head = skb_queue_is_last(&pcb->sndq, skb) ? NULL : skb->next;
	if (tip_seq_after(cb->end_seq, pcb->snd_max))
		pcb->snd_max = cb->end_seq;
	pcb->snd_nxt = pcb->snd_max;
	return 0;
}

/* Sends from send_head on; @force for the persist timer's one segment. */
static void tip_tcp_send_new(struct tip_tcp_pcb *pcb, bool force)
{
	bool sent = false;
	u32 len;

	while (pcb->send_head) {
		len = tip_tcp_send_len(pcb, pcb->send_head, force);
		if ((pcb->flags & TIP_TCPF_NO_GSO) && len > pcb->mss)
			len = pcb->mss;
		if (!len || tip_tcp_send_head_skb(pcb, len))
			break;
		sent = true;
		if (force)
			break;
	}
	if (sent)
		tip_tcp_arm_rto(pcb, true);
}

/* Retransmissions first (RFC 6675 5 (C), also after an RTO). */
static void tip_tcp_send_lost(struct tip_tcp_pcb *pcb)
{
	struct sk_buff *skb;
	u32 cwnd = pcb->cc.cwnd ?: pcb->mss;

	while ((pcb->flags & TIP_TCPF_LOST_SCAN) && tip_tcp_pipe(pcb) < cwnd) {
		skb = tip_tcp_next_lost(pcb);
		if (!skb) {
			pcb->flags &= ~TIP_TCPF_LOST_SCAN;
			break;
		}
		if (tip_tcp_retransmit_skb(pcb, skb))
			break;
	}
}

void tip_tcp_output(struct tip_tcp_pcb *pcb)
{
	lockdep_assert_held(&pcb->tn->lock);
	if (!tip_tcp_synced(pcb))
		return;
	if (tip_tcp_can_send(pcb)) {
		if ((pcb->flags & (TIP_TCPF_FIN_QUEUED | TIP_TCPF_FIN_INQ)) ==
		    TIP_TCPF_FIN_QUEUED)
			tip_tcp_queue_fin(pcb);
		tip_tcp_send_lost(pcb);
		tip_tcp_send_new(pcb, false);
	}
	if ((pcb->flags & TIP_TCPF_ACK_NOW) && pcb->state != TIP_TCP_SYN_RECV)
		tip_tcp_send_ack(pcb);
	tip_tcp_rearm(pcb);
}

/* The persist timer: one segment into a too small window, else a probe. */
void tip_tcp_persist_send(struct tip_tcp_pcb *pcb)
{
	struct sk_buff *skb = pcb->send_head;
	u32 wend = pcb->snd_una + pcb->snd_wnd;

	if (skb && tip_tcp_can_send(pcb) &&
	    tip_seq_after(wend, TIP_TCP_CB(skb)->seq)) {
		tip_tcp_send_new(pcb, true);
		if (pcb->snd_una != pcb->snd_max)
			return;
	}
	tip_tcp_send_probe(pcb);
}

int tip_tcp_send_syn(struct tip_tcp_pcb *pcb)
{
	struct tip_net *tn = pcb->tn;
	struct tip_tcp_opts o = {};
	struct sk_buff *skb;
	u8 flags = TCPHDR_SYN;
	u16 win;

	lockdep_assert_held(&tn->lock);
	if (pcb->state != TIP_TCP_SYN_SENT && pcb->state != TIP_TCP_SYN_RECV)
		return -EINVAL;
	if (pcb->state == TIP_TCP_SYN_RECV)
		flags |= TCPHDR_ACK;
	if (tip_seq_before(pcb->snd_max, pcb->iss + 1)) {
		pcb->snd_una = pcb->iss;
		pcb->snd_max = pcb->iss + 1;
		pcb->snd_nxt = pcb->snd_max;
	}
	if (pcb->syn_retries < U8_MAX)
		pcb->syn_retries++;
	if (pcb->syn_retries > 1) {
		TIP_TCP_INC(tn, RETRANS_SEGS);
		pcb->total_retrans++;
	} else if (!pcb->rto_start_us) {
		pcb->rto_start_us = tip_tcp_clock_us();
	}

	o.present = TIP_TCPOPT_MSS;
	o.mss = pcb->rcv_mss ?: 536;
	if (pcb->flags & TIP_TCPF_WS_OK) {
		o.present |= TIP_TCPOPT_WSCALE;
		o.wscale = pcb->rcv_wscale;
	}
	if (pcb->flags & TIP_TCPF_SACK_OK)
		o.present |= TIP_TCPOPT_SACK_PERM;
	if (pcb->flags & TIP_TCPF_TS_OK) {
		o.present |= TIP_TCPOPT_TS;
		o.tsval = tip_tcp_tsval(pcb);
		o.tsecr = flags & TCPHDR_ACK ? pcb->ts_recent : 0;
	}
	skb = tip_alloc_skb(TIP_TCP_HEADROOM, GFP_ATOMIC);
	if (!skb)
		return -ENOBUFS;
	skb_reserve(skb, TIP_TCP_HEADROOM);
	win = tip_tcp_syn_window(pcb);
	return tip_tcp_xmit_pcb(pcb, skb, pcb->iss, flags, &o, win);
}

/* A segment of no connection: RSTs, TIME_WAIT ACKs, SYN-ACKs. */
static int tip_tcp_xmit_tuple(struct tip_net *tn,
			      const struct in6_addr *saddr6,
			      const struct in6_addr *daddr6, __be16 sport,
			      __be16 dport, u32 seq, u32 ack, u8 flags,
			      u16 win, const struct tip_tcp_opts *o,
			      int ifindex)
{
	struct tip_ip4_tx tx = { .df = true };
	struct tip_rt4_res res;
	struct sk_buff *skb;
	__be32 saddr, daddr;
	int err;

	if (!tip_addr_is_v4(daddr6))
		return tip_tcp_xmit_tuple6(tn, saddr6, daddr6, sport, dport,
					   seq, ack, flags, win, o, ifindex);
	saddr = tip_addr_v4(saddr6);
	daddr = tip_addr_v4(daddr6);
	err = tip_ip4_route(tn, daddr, 0, &res);
	if (err)
		return err;
	skb = tip_alloc_skb(TIP_TCP_HEADROOM, GFP_ATOMIC);
	if (!skb)
		return -ENOBUFS;
	skb_reserve(skb, TIP_TCP_HEADROOM);
	tip_tcp_push_hdr(skb, sport, dport, seq, ack, flags, win, o);
	tip_tcp_csum_set(skb, saddr, daddr, true);
	TIP_TCP_INC(tn, OUT_SEGS);
	if (flags & TCPHDR_RST)
		TIP_TCP_INC(tn, OUT_RSTS);
	return tip_ip4_output(tn, skb, &res, saddr, daddr, IPPROTO_TCP, &tx);
}

void tip_tcp_send_reset(struct tip_net *tn, struct sk_buff *skb,
			const struct tcphdr *th)
{
	const struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);
	struct in6_addr saddr, daddr;
	int ifindex;
	__be32 d4;

	lockdep_assert_held(&tn->lock);
	/* Never answer a RST, nor anything not sent to us alone. */
	if (th->rst || (TIP_CB(skb)->flags & (TIP_CB_F_BCAST | TIP_CB_F_MCAST)))
		return;
	/* The reply goes back: our address is the segment's destination. */
	tip_skb_addrs(skb, &daddr, &saddr);
	if (tip_addr_is_v4(&daddr)) {
		d4 = tip_addr_v4(&daddr);
		if (ipv4_is_multicast(d4) || ipv4_is_lbcast(d4) ||
		    ipv4_is_zeronet(d4))
			return;
	} else if (ipv6_addr_is_multicast(&daddr) || ipv6_addr_any(&daddr)) {
		return;
	}
	/* A scoped peer is answered on the link it spoke on. */
	ifindex = TIP_CB(skb)->iif ? TIP_CB(skb)->iif->ifindex : 0;
	/* RFC 9293 3.10.7.1: take the ACK's number, else acknowledge it all. */
	if (th->ack)
		tip_tcp_xmit_tuple(tn, &saddr, &daddr, th->dest, th->source,
				   ntohl(th->ack_seq), 0, TCPHDR_RST, 0, NULL,
				   ifindex);
	else
		tip_tcp_xmit_tuple(tn, &saddr, &daddr, th->dest, th->source, 0,
				   cb->end_seq, TCPHDR_RST | TCPHDR_ACK, 0,
				   NULL, ifindex);
}

void tip_tcp_send_ack_tuple(struct tip_net *tn, const struct in6_addr *saddr,
			    const struct in6_addr *daddr, __be16 sport,
			    __be16 dport, u32 seq, u32 ack, u16 win,
			    const struct tip_tcp_opts *o, int ifindex)
{
	lockdep_assert_held(&tn->lock);
	tip_tcp_xmit_tuple(tn, saddr, daddr, sport, dport, seq, ack,
			   TCPHDR_ACK, win, o, ifindex);
}

int tip_tcp_send_synack(struct tip_net *tn, const struct in6_addr *saddr,
			const struct in6_addr *daddr, __be16 sport,
			__be16 dport, u32 iss, u32 ack, u16 win,
			const struct tip_tcp_opts *o, int ifindex)
{
	lockdep_assert_held(&tn->lock);
	return tip_tcp_xmit_tuple(tn, saddr, daddr, sport, dport, iss, ack,
				  TCPHDR_SYN | TCPHDR_ACK, win, o, ifindex);
}
