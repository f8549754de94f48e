// SPDX-License-Identifier: GPL-2.0
/*
 * TCP listeners (RFC 9293 3.10.7.2): a bounded queue of compact
 * half-open requests answered with SYN-ACKs (retransmitted by one timer
 * per listener), SYN cookies when that queue is full (RFC 4987 3.6), and
 * the accept queue of established children. A request costs a small
 * entry, never a PCB: the PCB is made by the ACK that completes the
 * handshake, directly in ESTABLISHED.
 */
#include <linux/hashtable.h>
#include <linux/in.h>
#include <linux/net.h>
#include <linux/siphash.h>
#include <linux/tcp.h>
#include <net/ipv6.h>

#include <tinyip/addr.h>
#include <tinyip/ip4.h>
#include <tinyip/tcp.h>
#include <tinyip/tinyip.h>

#define TIP_TCP_BACKLOG_MAX	4096
#define TIP_TCP_SYNACK_RETRIES	5	/* 1 s doubling: 63 s in all */
#define TIP_TCP_COOKIE_BITS	24
#define TIP_TCP_COOKIE_MASK	((1U << TIP_TCP_COOKIE_BITS) - 1)
#define TIP_TCP_COOKIE_PERIOD	64	/* seconds per cookie counter tick */
/* Cookies are only believed while the listener has been sending them. */
#define TIP_TCP_COOKIE_VALID	(2 * TIP_TCP_COOKIE_PERIOD * HZ)
/* Low bits of a cookie's TSval: peer window shift, then SACK. */
#define TIP_TCP_TSBITS		6
#define TIP_TCP_TSBITS_MASK	((1U << TIP_TCP_TSBITS) - 1)
#define TIP_TCP_TS_NO_WS	0xf
#define TIP_TCP_TS_SACK		0x10

/* A half-open connection, charged to tn->mem. */
struct tip_tcp_req {
	struct hlist_node node;
	struct in6_addr laddr;		/* mapped for IPv4 */
	struct in6_addr raddr;
	__be16 lport;
	__be16 rport;
	u32 iss;
	u32 irs;
	u32 ts_recent;
	u64 sent_us;			/* first SYN-ACK; 0 for a cookie */
	unsigned long expires;		/* next SYN-ACK retransmission */
	u16 peer_mss;
	u8 snd_wscale;
	u8 opts;			/* TIP_TCPOPT_* the peer offered */
	u8 retries;
	u16 win;			/* our SYN-ACK's window (tcp_rwnd.c) */
	int iif;			/* arrival link, for scoped peers */
};

struct tip_tcp_lsn {
	struct tip_tcp_pcb *pcb;
	DECLARE_HASHTABLE(reqs, 6);	/* struct tip_tcp_req by 4-tuple */
	struct list_head acceptq;	/* children, oldest first */
	struct timer_list timer;	/* SYN-ACK retransmissions */
	unsigned long last_cookie;	/* jiffies of the last cookie sent */
	u32 nreq;
	u32 qlen;
	u32 backlog;
	bool cookies;			/* some cookie was ever sent */
	bool stopped;
};

/*
 * MSS values a cookie can carry, by 3-bit index, for both families:
 * 1220 is IPv6's minimum MTU less 60 (RFC 8200 5), 1440 a 1500-byte
 * IPv6 link's and IPv4 with options or tunnels, 1460 IPv4 Ethernet's.
 */
static const u16 tip_tcp_cookie_mss[] = {
	216, 536, 1220, 1300, 1380, 1440, 1460, 8940,
};

static siphash_key_t tip_tcp_cookie_key __read_mostly;

static u32 tip_tcp_req_hash(const struct in6_addr *laddr, __be16 lport,
			    const struct in6_addr *raddr, __be16 rport)
{
	return tip_tcp_ehashfn(laddr, lport, raddr, rport);
}

static struct tip_tcp_req *tip_tcp_req_find(struct tip_tcp_lsn *lsn,
					    const struct in6_addr *laddr,
					    __be16 lport,
					    const struct in6_addr *raddr,
					    __be16 rport)
{
	struct tip_tcp_req *req;

	hash_for_each_possible(lsn->reqs, req, node,
			       tip_tcp_req_hash(laddr, lport, raddr, rport)) {
		if (req->lport == lport && req->rport == rport &&
		    ipv6_addr_equal(&req->laddr, laddr) &&
		    ipv6_addr_equal(&req->raddr, raddr))
			return req;
	}
	return NULL;
}

/* The segment's 4-tuple as a request stores it (listener's view). */
static void tip_tcp_req_tuple(struct tip_tcp_req *req,
			      const struct sk_buff *skb,
			      const struct tcphdr *th)
{
	tip_skb_addrs(skb, &req->raddr, &req->laddr);
	req->lport = th->dest;
	req->rport = th->source;
	req->iif = TIP_CB(skb)->iif ? TIP_CB(skb)->iif->ifindex : 0;
}

/*
 * The device a connection to @req's peer is bound to: the listener's,
 * else for a link-local (scoped) peer the link its SYN came in on, as
 * Linux binds such a child (RFC 4007 6: the zone comes with the peer).
 */
static int tip_tcp_req_oif(const struct tip_tcp_pcb *lpcb,
			   const struct tip_tcp_req *req)
{
	if (lpcb->inet.bound_if)
		return lpcb->inet.bound_if;
	if (!tip_addr_is_v4(&req->raddr) &&
	    __ipv6_addr_needs_scope_id(__ipv6_addr_type(&req->raddr)))
		return req->iif;
	return 0;
}

static struct tip_tcp_req *tip_tcp_req_lookup(struct tip_tcp_lsn *lsn,
					      const struct sk_buff *skb,
					      const struct tcphdr *th)
{
	struct in6_addr saddr, daddr;

	tip_skb_addrs(skb, &saddr, &daddr);
	return tip_tcp_req_find(lsn, &daddr, th->dest, &saddr, th->source);
}

static void tip_tcp_req_free(struct tip_tcp_pcb *lpcb, struct tip_tcp_req *req)
{
	hash_del(&req->node);
	lpcb->lsn->nreq--;
	tip_mem_free(&lpcb->tn->mem, TINYIP_MEM_PCB, req, sizeof(*req));
}

/* The timer holds a reference on the listener while it is pending. */
static void tip_tcp_lsn_arm(struct tip_tcp_lsn *lsn, unsigned long when)
{
	if (lsn->stopped)
		return;
	if (timer_pending(&lsn->timer) &&
	    time_before_eq(lsn->timer.expires, when))
		return;
	if (!mod_timer(&lsn->timer, when))
		tip_tcp_pcb_hold(lsn->pcb);
}

/* Our TSval for a connection whose offset is @off (tip_tcp_ts_offset()). */
static u32 tip_tcp_req_tsval(const struct tip_tcp_pcb *lpcb, u32 off)
{
	return tip_tcp_tsval(lpcb) - lpcb->ts_offset + off;
}

static int tip_tcp_req_synack(struct tip_tcp_pcb *lpcb,
			      const struct tip_tcp_req *req, u32 tsval)
{
	struct tip_net *tn = lpcb->tn;
	struct tip_tcp_opts o = {};
	struct tip_inet inet;
	struct in6_addr src;
	u32 mtu;

	/* Only routing reads this copy: the scoped peer's device. */
	inet = lpcb->inet;
	inet.bound_if = tip_tcp_req_oif(lpcb, req);
	if (tip_tcp_route(tn, &inet, &req->raddr, &mtu, &src))
		mtu = tip_tcp_min_pmtu(&req->raddr);
	o.present = TIP_TCPOPT_MSS;
	o.mss = tip_tcp_adv_mss(lpcb, &req->raddr, mtu);
	if (req->opts & TIP_TCPOPT_WSCALE) {
		o.present |= TIP_TCPOPT_WSCALE;
		o.wscale = tip_tcp_pick_wscale(lpcb->rcv_buf);
	}
	if (req->opts & TIP_TCPOPT_SACK_PERM)
		o.present |= TIP_TCPOPT_SACK_PERM;
	if (req->opts & TIP_TCPOPT_TS) {
		o.present |= TIP_TCPOPT_TS;
		o.tsval = tsval;
		o.tsecr = req->ts_recent;
	}
	return tip_tcp_send_synack(tn, &req->laddr, &req->raddr, req->lport,
				   req->rport, req->iss, req->irs + 1, req->win,
				   &o, inet.bound_if);
}

/* The SYN-ACK of a queued request, with a fresh timestamp. */
static void tip_tcp_req_resend(struct tip_tcp_pcb *lpcb,
			       const struct tip_tcp_req *req)
{
	u32 off = tip_tcp_ts_offset(&req->laddr, &req->raddr);

	tip_tcp_req_synack(lpcb, req, tip_tcp_req_tsval(lpcb, off));
}

/* ---- SYN cookies (RFC 4987 3.6) ---- */

static u32 tip_tcp_cookie_hash(const struct tip_tcp_req *req, u32 count,
			       u32 salt)
{
	return tip_addr_hash(&req->laddr, &req->raddr,
			     ((u32)ntohs(req->lport) << 16) | ntohs(req->rport),
			     (count << 1) | salt, &tip_tcp_cookie_key);
}

static u32 tip_tcp_cookie_count(void)
{
	return tip_tcp_now_sec() / TIP_TCP_COOKIE_PERIOD;
}

/*
 * ISN = H0(tuple) + irs + (count << 24) + ((H1(tuple, count) + mssind)
 * mod 2^24): the peer can neither forge it nor replay it after two
 * counter periods, and it carries the MSS index back to us.
 */
static u32 tip_tcp_cookie_make(const struct tip_tcp_req *req, u32 mssind)
{
	u32 count = tip_tcp_cookie_count();

	return tip_tcp_cookie_hash(req, 0, 0) + req->irs +
	       (count << TIP_TCP_COOKIE_BITS) +
	       ((tip_tcp_cookie_hash(req, count, 1) + mssind) &
		TIP_TCP_COOKIE_MASK);
}

/* The MSS index in @cookie, or -1 when it is not ours or too old. */
static int tip_tcp_cookie_check(const struct tip_tcp_req *req, u32 cookie)
{
	u32 now = tip_tcp_cookie_count(), v, age, mssind;

	v = cookie - tip_tcp_cookie_hash(req, 0, 0) - req->irs;
	age = (now - (v >> TIP_TCP_COOKIE_BITS)) &
	      (U32_MAX >> TIP_TCP_COOKIE_BITS);
	if (age > 1)
		return -1;
	mssind = (v - tip_tcp_cookie_hash(req, now - age, 1)) &
		 TIP_TCP_COOKIE_MASK;
	return mssind < ARRAY_SIZE(tip_tcp_cookie_mss) ? mssind : -1;
}

static void tip_tcp_send_cookie(struct tip_tcp_pcb *lpcb,
				struct tip_tcp_req *req)
{
	struct tip_tcp_lsn *lsn = lpcb->lsn;
	u32 mssind = 0, tsval = 0, bits, now;

	net_get_random_once(&tip_tcp_cookie_key, sizeof(tip_tcp_cookie_key));
	while (mssind + 1 < ARRAY_SIZE(tip_tcp_cookie_mss) &&
	       tip_tcp_cookie_mss[mssind + 1] <= req->peer_mss)
		mssind++;
	req->iss = tip_tcp_cookie_make(req, mssind);
	if (req->opts & TIP_TCPOPT_TS) {
		/* Options that need state ride in the TSval's low bits. */
		bits = req->opts & TIP_TCPOPT_WSCALE ? req->snd_wscale :
						       TIP_TCP_TS_NO_WS;
		if (req->opts & TIP_TCPOPT_SACK_PERM)
			bits |= TIP_TCP_TS_SACK;
		now = tip_tcp_req_tsval(lpcb, tip_tcp_ts_offset(&req->laddr,
								&req->raddr));
		tsval = (now & ~TIP_TCP_TSBITS_MASK) | bits;
		if (tip_seq_after(tsval, now))
			tsval -= 1U << TIP_TCP_TSBITS;
	} else {
		/* Without timestamps there is nowhere to keep them. */
		req->opts &= ~(TIP_TCPOPT_WSCALE | TIP_TCPOPT_SACK_PERM);
	}
	lsn->last_cookie = jiffies;
	lsn->cookies = true;
	TIP_TCP_INC(lpcb->tn, SYNCOOKIES_SENT);
	tip_tcp_req_synack(lpcb, req, tsval);
}

/* Rebuilds the request a cookie stands for; false if it is no cookie. */
static bool tip_tcp_cookie_req(struct tip_tcp_pcb *lpcb,
			       const struct tcphdr *th,
			       const struct tip_tcp_opts *o,
			       struct tip_tcp_req *req)
{
	struct tip_tcp_lsn *lsn = lpcb->lsn;
	u32 bits;
	int mssind;

	if (!lsn->cookies ||
	    time_after(jiffies, lsn->last_cookie + TIP_TCP_COOKIE_VALID))
		return false;
	req->irs = ntohl(th->seq) - 1;
	req->iss = ntohl(th->ack_seq) - 1;
	mssind = tip_tcp_cookie_check(req, req->iss);
	if (mssind < 0) {
		TIP_TCP_INC(lpcb->tn, SYNCOOKIES_FAILED);
		return false;
	}
	req->peer_mss = tip_tcp_cookie_mss[mssind];
	/* The most the cookie's SYN-ACK offered: never less (RFC 7323 2.4). */
	req->win = min_t(u32, lpcb->rcv_buf, 65535);
	req->opts = 0;
	if (o->present & TIP_TCPOPT_TS) {
		bits = o->tsecr & TIP_TCP_TSBITS_MASK;
		req->opts = TIP_TCPOPT_TS;
		req->ts_recent = o->tsval;
		if ((bits & 0xf) != TIP_TCP_TS_NO_WS) {
			if ((bits & 0xf) > TIP_TCP_MAX_WSCALE) {
				TIP_TCP_INC(lpcb->tn, SYNCOOKIES_FAILED);
				return false;
			}
			req->opts |= TIP_TCPOPT_WSCALE;
			req->snd_wscale = bits & 0xf;
		}
		if (bits & TIP_TCP_TS_SACK)
			req->opts |= TIP_TCPOPT_SACK_PERM;
	}
	TIP_TCP_INC(lpcb->tn, SYNCOOKIES_RECV);
	return true;
}

/* ---- Children ---- */

static bool tip_tcp_acceptq_full(const struct tip_tcp_pcb *lpcb)
{
	struct tip_net *tn = lpcb->tn;

	if (lpcb->lsn->qlen < lpcb->lsn->backlog)
		return false;
	TIP_TCP_INC(tn, LISTEN_OVERFLOWS);
	TIP_TCP_INC(tn, LISTEN_DROPS);
	return true;
}

/*
 * The ACK completing @req's handshake arrived: a child PCB, ESTABLISHED,
 * hashed and on the accept queue (whose reference it starts with).
 */
static struct tip_tcp_pcb *tip_tcp_child(struct tip_tcp_pcb *lpcb,
					 const struct tip_tcp_req *req,
					 const struct tcphdr *th,
					 const struct tip_tcp_opts *o)
{
	struct tip_tcp_lsn *lsn = lpcb->lsn;
	struct tip_net *tn = lpcb->tn;
	struct tip_tcp_pcb *child;
	struct in6_addr src;
	u32 mtu;
	u64 now;

	child = tip_tcp_pcb_new(tn, GFP_ATOMIC);
	if (!child)
		goto drop;
	child->inet.ttl = lpcb->inet.ttl;
	child->inet.tos = lpcb->inet.tos;
	child->inet.bound_if = tip_tcp_req_oif(lpcb, req);
	child->inet.reuse = lpcb->inet.reuse;
	/* Named as its listener names (accept()'s sockaddr_in6 or _in). */
	child->inet.v6 = lpcb->inet.v6;
	child->inet.v6only = lpcb->inet.v6only;
	if (tip_tcp_route(tn, &child->inet, &req->raddr, &mtu, &src))
		goto free;

	child->laddr = req->laddr;
	child->raddr = req->raddr;
	child->lport = req->lport;
	child->rport = req->rport;
	child->flags |= lpcb->flags & (TIP_TCPF_NODELAY | TIP_TCPF_CORK |
				       TIP_TCPF_KEEPALIVE | TIP_TCPF_REUSE);
	child->rcv_buf = lpcb->rcv_buf;
	child->snd_buf = lpcb->snd_buf;
	child->keep_idle = lpcb->keep_idle;
	child->keep_intvl = lpcb->keep_intvl;
	child->keep_cnt = lpcb->keep_cnt;
	child->user_mss = lpcb->user_mss;
	child->user_timeout = lpcb->user_timeout;
	child->cc_ops = lpcb->cc_ops;

	if (req->opts & TIP_TCPOPT_WSCALE) {
		child->flags |= TIP_TCPF_WS_OK;
		child->snd_wscale = req->snd_wscale;
		child->rcv_wscale = tip_tcp_pick_wscale(child->rcv_buf);
	}
	if (req->opts & TIP_TCPOPT_SACK_PERM)
		child->flags |= TIP_TCPF_SACK_OK;
	child->ts_offset = tip_tcp_ts_offset(&req->laddr, &req->raddr);
	if (req->opts & TIP_TCPOPT_TS) {
		child->flags |= TIP_TCPF_TS_OK;
		child->ts_recent = (o->present & TIP_TCPOPT_TS) ? o->tsval :
								 req->ts_recent;
		child->ts_recent_stamp = tip_tcp_now_sec();
	}

	child->iss = req->iss;
	child->snd_una = req->iss + 1;
	child->snd_nxt = child->snd_una;
	child->snd_max = child->snd_una;
	child->snd_up = child->snd_una;
	child->irs = req->irs;
	child->rcv_nxt = req->irs + 1;
	child->rcv_wup = child->rcv_nxt;
	child->rcv_wnd = req->win;
	child->snd_wnd = (u32)ntohs(th->window) << child->snd_wscale;
	child->max_window = child->snd_wnd;
	child->snd_wl1 = ntohl(th->seq);
	child->snd_wl2 = ntohl(th->ack_seq);

	child->peer_mss = req->peer_mss;
	child->pmtu = min_t(u32, mtu, 65535);
	child->rcv_mss = tip_tcp_adv_mss(child, &req->raddr, mtu);
	tip_tcp_sync_mss(child, mtu);
	child->cc.mss = child->mss;
	child->cc_ops->init(&child->cc);
	/* Karn: a SYN-ACK sent once gives the first RTT sample. */
	now = tip_tcp_clock_us();
	if (req->sent_us && !req->retries && now > req->sent_us)
		tip_tcp_rtt_sample(&child->rtt, now - req->sent_us);
	child->last_rcv_us = now;

	tip_tcp_set_state(child, TIP_TCP_ESTABLISHED);
	tip_tcp_hash(child);
	if (child->flags & TIP_TCPF_KEEPALIVE)
		tip_tcp_timer_set(child, TIP_TCP_T_KEEPALIVE,
				  (unsigned long)child->keep_idle * HZ);
	child->parent = lpcb;
	list_add_tail(&child->accept_node, &lsn->acceptq);
	lsn->qlen++;
	TIP_TCP_INC(tn, PASSIVE_OPENS);
	return child;

free:
	tip_tcp_pcb_put(child);
drop:
	TIP_TCP_INC(tn, LISTEN_DROPS);
	return NULL;
}

/* Hands the rest of the completing segment (data, FIN) to the child. */
static void tip_tcp_child_deliver(struct tip_tcp_pcb *lpcb,
				  struct tip_tcp_pcb *child,
				  struct sk_buff *skb, const struct tcphdr *th,
				  const struct tip_tcp_opts *o)
{
	const struct tip_tcp_ops *ops = lpcb->ops;

	if (TIP_TCP_CB(skb)->end_seq != TIP_TCP_CB(skb)->seq)
		tip_tcp_rcv_pcb(child, skb, th, o);
	else
		kfree_skb(skb);
	if (ops && ops->accept_ready)
		ops->accept_ready(lpcb);
}

/* ---- Segments for a listener ---- */

static void tip_tcp_listen_syn(struct tip_tcp_pcb *lpcb, struct sk_buff *skb,
			       const struct tcphdr *th,
			       const struct tip_tcp_opts *o)
{
	struct tip_tcp_lsn *lsn = lpcb->lsn;
	struct tip_net *tn = lpcb->tn;
	struct tip_tcp_req *req, tmp = {};

	tip_tcp_req_tuple(&tmp, skb, th);
	tmp.irs = TIP_TCP_CB(skb)->seq;
	tmp.peer_mss = (o->present & TIP_TCPOPT_MSS) && o->mss ? o->mss :
		       tip_tcp_default_mss(&tmp.raddr);
	tmp.opts = o->present & (TIP_TCPOPT_WSCALE | TIP_TCPOPT_SACK_PERM |
				 TIP_TCPOPT_TS);
	tmp.snd_wscale = min_t(u8, o->wscale, TIP_TCP_MAX_WSCALE);
	tmp.ts_recent = o->tsval;
	tmp.win = tip_tcp_rwnd_initial(lpcb);

	req = tip_tcp_req_find(lsn, &tmp.laddr, tmp.lport, &tmp.raddr,
			       tmp.rport);
	if (req) {
		/* A retransmitted SYN: our SYN-ACK was lost. */
		if (req->irs == tmp.irs)
			tip_tcp_req_resend(lpcb, req);
		return;
	}
	if (tip_tcp_acceptq_full(lpcb))
		return;
	if (lsn->nreq >= lsn->backlog) {
		tip_tcp_send_cookie(lpcb, &tmp);
		return;
	}
	req = tip_mem_zalloc(&tn->mem, TINYIP_MEM_PCB, sizeof(*req),
			     GFP_ATOMIC);
	if (!req) {
		TIP_TCP_INC(tn, LISTEN_DROPS);
		return;
	}
	*req = tmp;
	INIT_HLIST_NODE(&req->node);
	req->iss = tip_tcp_isn(&req->laddr, &req->raddr, req->lport,
			       req->rport);
	req->sent_us = tip_tcp_clock_us();
	req->expires = jiffies + HZ;
	hash_add(lsn->reqs, &req->node,
		 tip_tcp_req_hash(&req->laddr, req->lport, &req->raddr,
				  req->rport));
	lsn->nreq++;
	tip_tcp_req_resend(lpcb, req);
	tip_tcp_lsn_arm(lsn, req->expires);
}

/* An ACK for a listener: the end of a handshake, or a stray. */
static void tip_tcp_listen_ack(struct tip_tcp_pcb *lpcb, struct sk_buff *skb,
			       const struct tcphdr *th,
			       const struct tip_tcp_opts *o)
{
	struct tip_tcp_lsn *lsn = lpcb->lsn;
	struct tip_net *tn = lpcb->tn;
	u32 seq = TIP_TCP_CB(skb)->seq, ack = ntohl(th->ack_seq);
	struct tip_tcp_req *req, tmp = {};
	struct tip_tcp_opts none = {};
	struct tip_tcp_pcb *child;

	req = tip_tcp_req_lookup(lsn, skb, th);
	if (req) {
		if (th->syn || ack != req->iss + 1)
			goto reset;
		/* RFC 9293 3.10.7.4 for SYN_RECV: the sequence check. */
		if (!tip_seq_between(seq, req->irs + 1,
				     req->irs + 1 + req->win)) {
			tip_tcp_send_ack_tuple(tn, &req->laddr, &req->raddr,
					       req->lport, req->rport,
					       req->iss + 1, req->irs + 1,
					       req->win, &none,
					       tip_tcp_req_oif(lpcb, req));
			goto drop;
		}
		/* A full queue drops the ACK; the SYN-ACK timer retries. */
		if (tip_tcp_acceptq_full(lpcb))
			goto drop;
		child = tip_tcp_child(lpcb, req, th, o);
		if (!child)
			goto drop;
		tip_tcp_req_free(lpcb, req);
		tip_tcp_child_deliver(lpcb, child, skb, th, o);
		return;
	}
	if (th->syn)
		goto reset;
	tip_tcp_req_tuple(&tmp, skb, th);
	if (!tip_tcp_cookie_req(lpcb, th, o, &tmp))
		goto reset;
	if (tip_tcp_acceptq_full(lpcb))
		goto drop;
	child = tip_tcp_child(lpcb, &tmp, th, o);
	if (!child)
		goto drop;
	tip_tcp_child_deliver(lpcb, child, skb, th, o);
	return;

reset:
	tip_tcp_send_reset(tn, skb, th);
drop:
	kfree_skb(skb);
}

void tip_tcp_listen_input(struct tip_tcp_pcb *lpcb, struct sk_buff *skb,
			  const struct tcphdr *th,
			  const struct tip_tcp_opts *o)
{
	struct tip_tcp_lsn *lsn = lpcb->lsn;
	struct tip_tcp_req *req;

	lockdep_assert_held(&lpcb->tn->lock);
	if (!lsn || lsn->stopped)
		goto drop;
	if (th->rst) {
		/* RFC 5961 3: only the exact sequence ends a request. */
		req = tip_tcp_req_lookup(lsn, skb, th);
		if (req && TIP_TCP_CB(skb)->seq == req->irs + 1)
			tip_tcp_req_free(lpcb, req);
		goto drop;
	}
	if (th->ack) {
		tip_tcp_listen_ack(lpcb, skb, th, o);
		return;
	}
	if (th->syn && !th->fin)
		tip_tcp_listen_syn(lpcb, skb, th, o);
drop:
	kfree_skb(skb);
}

/* SYN-ACK retransmissions of every request that is due. */
static void tip_tcp_lsn_expire(struct tip_tcp_pcb *lpcb)
{
	struct tip_tcp_lsn *lsn = lpcb->lsn;
	unsigned long now = jiffies, next = 0;
	struct tip_tcp_req *req;
	struct hlist_node *tmp;
	bool any = false;
	int bkt;

	hash_for_each_safe(lsn->reqs, bkt, tmp, req, node) {
		if (time_after_eq(now, req->expires)) {
			if (req->retries >= TIP_TCP_SYNACK_RETRIES) {
				tip_tcp_req_free(lpcb, req);
				continue;
			}
			req->retries++;
			req->expires = now + (HZ << req->retries);
			tip_tcp_req_resend(lpcb, req);
		}
		if (!any || time_before(req->expires, next))
			next = req->expires;
		any = true;
	}
	if (any)
		tip_tcp_lsn_arm(lsn, next);
}

static void tip_tcp_lsn_timer(struct timer_list *t)
{
	struct tip_tcp_lsn *lsn = from_timer(lsn, t, timer);
	struct tip_tcp_pcb *lpcb = lsn->pcb;
	struct tip_net *tn = lpcb->tn;

	spin_lock(&tn->lock);
	if (!lsn->stopped && lpcb->state == TIP_TCP_LISTEN)
		tip_tcp_lsn_expire(lpcb);
	spin_unlock(&tn->lock);
	tip_tcp_pcb_put(lpcb);
}

int tip_tcp_listen(struct tip_tcp_pcb *pcb, int backlog)
{
	struct tip_net *tn = pcb->tn;
	struct tip_tcp_lsn *lsn;
	int err;

	lockdep_assert_held(&tn->lock);
	backlog = clamp(backlog, 1, TIP_TCP_BACKLOG_MAX);
	if (pcb->state == TIP_TCP_LISTEN) {
		pcb->lsn->backlog = backlog;
		return 0;
	}
	if (pcb->state != TIP_TCP_CLOSE)
		return -EINVAL;
	if (!(pcb->flags & TIP_TCPF_BOUND)) {
		err = tip_tcp_autobind(pcb);
		if (err)
			return err;
	}
	if (tip_tcp_listen_conflict(pcb))
		return -EADDRINUSE;
	lsn = pcb->lsn;
	if (!lsn) {
		lsn = tip_mem_zalloc(&tn->mem, TINYIP_MEM_PCB, sizeof(*lsn),
				     GFP_ATOMIC);
		if (!lsn)
			return -ENOBUFS;
		lsn->pcb = pcb;
		hash_init(lsn->reqs);
		INIT_LIST_HEAD(&lsn->acceptq);
		timer_setup(&lsn->timer, tip_tcp_lsn_timer, 0);
		pcb->lsn = lsn;
	}
	lsn->stopped = false;
	lsn->backlog = backlog;
	pcb->raddr = in6addr_any;
	pcb->rport = 0;
	pcb->rcv_wscale = tip_tcp_pick_wscale(pcb->rcv_buf);
	tip_tcp_set_state(pcb, TIP_TCP_LISTEN);
	tip_tcp_hash(pcb);
	return 0;
}

struct tip_tcp_pcb *tip_tcp_accept(struct tip_tcp_pcb *lpcb)
{
	struct tip_tcp_lsn *lsn = lpcb->lsn;
	struct tip_tcp_pcb *child;

	lockdep_assert_held(&lpcb->tn->lock);
	if (!lsn || lpcb->state != TIP_TCP_LISTEN)
		return NULL;
	child = list_first_entry_or_null(&lsn->acceptq, struct tip_tcp_pcb,
					 accept_node);
	if (!child)
		return NULL;
	list_del_init(&child->accept_node);
	child->parent = NULL;
	lsn->qlen--;
	return child;
}

void tip_tcp_listen_unlink(struct tip_tcp_pcb *child)
{
	struct tip_tcp_pcb *lpcb = child->parent;

	list_del_init(&child->accept_node);
	child->parent = NULL;
	lpcb->lsn->qlen--;
	tip_tcp_pcb_put(child);
}

void tip_tcp_listen_stop(struct tip_tcp_pcb *lpcb)
{
	struct tip_tcp_lsn *lsn = lpcb->lsn;
	struct tip_tcp_pcb *child;
	struct tip_tcp_req *req;
	struct hlist_node *tmp;
	int bkt;

	lockdep_assert_held(&lpcb->tn->lock);
	if (!lsn || lsn->stopped)
		return;
	lsn->stopped = true;
	hash_for_each_safe(lsn->reqs, bkt, tmp, req, node)
		tip_tcp_req_free(lpcb, req);
	/* The caller's reference outlives the timer's. */
	if (timer_delete(&lsn->timer))
		tip_tcp_pcb_put(lpcb);
	while ((child = list_first_entry_or_null(&lsn->acceptq,
						 struct tip_tcp_pcb,
						 accept_node))) {
		list_del_init(&child->accept_node);
		child->parent = NULL;
		lsn->qlen--;
		/* Nobody will accept it: the peer must not think otherwise. */
		tip_tcp_send_active_rst(child);
		if (child->state != TIP_TCP_CLOSE)
			tip_tcp_set_state(child, TIP_TCP_CLOSE);
		tip_tcp_pcb_put(child);
	}
}

u32 tip_tcp_accept_qlen(const struct tip_tcp_pcb *lpcb)
{
	return lpcb->lsn ? lpcb->lsn->qlen : 0;
}

u32 tip_tcp_backlog(const struct tip_tcp_pcb *lpcb)
{
	return lpcb->lsn ? lpcb->lsn->backlog : 0;
}

void tip_tcp_lsn_shutdown(struct tip_tcp_pcb *lpcb)
{
	timer_shutdown_sync(&lpcb->lsn->timer);
}

/* The last reference is gone: no timer can be pending. */
void tip_tcp_lsn_free(struct tip_tcp_pcb *lpcb)
{
	struct tip_tcp_lsn *lsn = lpcb->lsn;
	struct tip_tcp_req *req;
	struct hlist_node *tmp;
	int bkt;

	hash_for_each_safe(lsn->reqs, bkt, tmp, req, node)
		tip_tcp_req_free(lpcb, req);
	lpcb->lsn = NULL;
	tip_mem_free(&lpcb->tn->mem, TINYIP_MEM_PCB, lsn, sizeof(*lsn));
}
