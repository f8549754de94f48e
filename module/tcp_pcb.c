// SPDX-License-Identifier: GPL-2.0
/*
 * TCP protocol control blocks (RFC 9293 3.3.2): allocation, references,
 * the port and connection tables with Linux's bind() rules, ephemeral
 * ports (RFC 6056), initial sequence numbers and timestamp offsets keyed
 * with siphash (RFC 6528, RFC 7323 5.4), state changes, and the calls an
 * owner makes on a connection: connect, shutdown, close, TCP_INFO and
 * TCP_CONGESTION. Also the module and per-netns set-up of TCP.
 */
#include <linux/in.h>
#include <linux/ktime.h>
#include <linux/random.h>
#include <linux/rtnetlink.h>
#include <linux/siphash.h>
#include <linux/slab.h>
#include <linux/tcp.h>
#include <net/net_namespace.h>

#include <tinyip/addr.h>
#include <tinyip/fault.h>
#include <tinyip/ip4.h>
#include <tinyip/ip6.h>
#include <tinyip/tcp.h>
#include <tinyip/tinyip.h>
#include <tinyip/udp.h>

#define TIP_TCP_DEF_BUF		(256 * 1024)
#define TIP_TCP_MAX_TW		4096
/* An orphan in FIN_WAIT2 waits this long for the peer's FIN (as Linux's
 * tcp_fin_timeout); tcp_timer.c closes it when KEEPALIVE fires.
 */
#define TIP_TCP_FIN_TIMEOUT	(60 * HZ)

static struct kmem_cache *tip_tcp_cachep __read_mostly;
static siphash_key_t tip_tcp_isn_key __read_mostly;
static siphash_key_t tip_tcp_ts_key __read_mostly;
static siphash_key_t tip_tcp_ehash_key __read_mostly;

static u32 tip_tcp_ports(__be16 a, __be16 b)
{
	return ((u32)ntohs(a) << 16) | ntohs(b);
}

/* Keyed over all 32 address bytes, so no peer can aim at one bucket. */
u32 tip_tcp_ehashfn(const struct in6_addr *laddr, __be16 lport,
		    const struct in6_addr *raddr, __be16 rport)
{
	return tip_addr_hash(laddr, raddr, tip_tcp_ports(lport, rport), 0,
			     &tip_tcp_ehash_key);
}

u32 tip_tcp_now_sec(void)
{
	return (u32)ktime_get_seconds();
}

/* RFC 6528: the keyed hash hides the 4-tuple's offset, the 4 us clock
 * keeps successive incarnations of a tuple moving forward.
 */
u32 tip_tcp_isn(const struct in6_addr *saddr, const struct in6_addr *daddr,
		__be16 sport, __be16 dport)
{
	u32 h = tip_addr_hash(saddr, daddr, tip_tcp_ports(sport, dport), 0,
			      &tip_tcp_isn_key);

	return h + (u32)(ktime_get_ns() >> 12);
}

u32 tip_tcp_ts_offset(const struct in6_addr *saddr,
		      const struct in6_addr *daddr)
{
	return tip_addr_hash(saddr, daddr, 0, 0, &tip_tcp_ts_key);
}

/*
 * Not yet on tn->tcp.pcbs: a PCB is listed (and so needs tn->lock) only
 * once bind, listen or connect makes it findable, so this needs no lock.
 */
struct tip_tcp_pcb *tip_tcp_pcb_new(struct tip_net *tn, gfp_t gfp)
{
	struct tip_tcp_pcb *pcb;

	if (tip_mem_charge(&tn->mem, TINYIP_MEM_PCB, sizeof(*pcb)))
		return NULL;
	pcb = tip_kmem_cache_zalloc(tip_tcp_cachep, gfp);
	if (!pcb) {
		tip_mem_uncharge(&tn->mem, TINYIP_MEM_PCB, sizeof(*pcb));
		return NULL;
	}
	pcb->tn = tn;
	refcount_set(&pcb->ref, 1);
	pcb->state = TIP_TCP_CLOSE;
	INIT_LIST_HEAD(&pcb->all);
	INIT_LIST_HEAD(&pcb->accept_node);
	INIT_HLIST_NODE(&pcb->node);
	INIT_HLIST_NODE(&pcb->bnode);
	tip_inet_init(&pcb->inet);
	/* An IPv4 endpoint until its owner says otherwise; raddr is ::. */
	tip_addr_set_wild(&pcb->laddr, false);
	pcb->rcv_buf = TIP_TCP_DEF_BUF;
	pcb->snd_buf = TIP_TCP_DEF_BUF;
	pcb->keep_idle = 7200;
	pcb->keep_intvl = 75;
	pcb->keep_cnt = 9;
	pcb->mss = 536;
	pcb->rcv_mss = 536;
	pcb->peer_mss = 536;
	pcb->cc_ops = READ_ONCE(tn->tcp.cc_default) ?: tip_tcp_cc_default();
	tip_tcp_rtt_init(&pcb->rtt);
	skb_queue_head_init(&pcb->sndq);
	skb_queue_head_init(&pcb->ooo);
	skb_queue_head_init(&pcb->rcvq);
	tip_tcp_timer_init(pcb);
	return pcb;
}

void tip_tcp_pcb_hold(struct tip_tcp_pcb *pcb)
{
	refcount_inc(&pcb->ref);
}

/* Queued skbs stay charged at their truesize until freed. */
static void tip_tcp_purge_charged(struct sk_buff_head *q, struct tip_mem *mem,
				  enum tinyip_mem_cat cat)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(q))) {
		tip_mem_uncharge(mem, cat, skb->truesize);
		kfree_skb(skb);
	}
}

void tip_tcp_pcb_put(struct tip_tcp_pcb *pcb)
{
	struct tip_net *tn;

	if (!refcount_dec_and_test(&pcb->ref))
		return;
	tn = pcb->tn;
	/* Whatever can find a PCB holds a reference on it. */
	WARN_ON_ONCE(!list_empty(&pcb->all) ||
		     !list_empty(&pcb->accept_node) ||
		     (pcb->flags & (TIP_TCPF_HASHED | TIP_TCPF_BOUND)));
	tip_tcp_purge_charged(&pcb->sndq, &tn->mem, TINYIP_MEM_SNDQ);
	tip_tcp_purge_charged(&pcb->rcvq, &tn->mem, TINYIP_MEM_RCVQ);
	tip_tcp_ooo_purge(&pcb->ooo, &tn->mem, &pcb->ooo_bytes);
	if (pcb->lsn)
		tip_tcp_lsn_free(pcb);
	kmem_cache_free(tip_tcp_cachep, pcb);
	tip_mem_uncharge(&tn->mem, TINYIP_MEM_PCB, sizeof(*pcb));
}

/*
 * A new owner for an accepted child: data and a FIN that arrived before
 * accept() were kept on rcvq and are handed over now, in order.
 */
void tip_tcp_set_owner(struct tip_tcp_pcb *pcb, const struct tip_tcp_ops *ops,
		       void *ctx)
{
	struct sk_buff *skb;

	lockdep_assert_held(&pcb->tn->lock);
	pcb->ops = ops;
	pcb->ctx = ctx;
	if (!ops || !ops->recv)
		return;
	while ((skb = __skb_dequeue(&pcb->rcvq)))
		ops->recv(pcb, skb);
	if (pcb->flags & TIP_TCPF_FIN_RCVD)
		ops->recv(pcb, NULL);
}

static void tip_tcp_list(struct tip_tcp_pcb *pcb)
{
	if (list_empty(&pcb->all)) {
		list_add_tail(&pcb->all, &pcb->tn->tcp.pcbs);
		pcb->tn->tcp.npcbs++;
		tip_tcp_rwnd_track(pcb);
	}
}

static void tip_tcp_unlist(struct tip_tcp_pcb *pcb)
{
	if (!list_empty(&pcb->all)) {
		list_del_init(&pcb->all);
		pcb->tn->tcp.npcbs--;
		tip_tcp_rwnd_track(pcb);
	}
}

#define tip_tcp_for_port(tn, o, port) \
	hash_for_each_possible((tn)->tcp.bhash, o, bnode, ntohs(port))

static bool tip_tcp_if_overlap(int a, int b)
{
	return !a || !b || a == b;
}

/*
 * Linux's bind() rules: two owners of a port collide when their
 * addresses and devices overlap, unless both asked for SO_REUSEADDR and
 * neither is listening. With @listening, self is about to listen, so any
 * other listener collides whatever the flags say.
 */
static bool tip_tcp_port_conflict(struct tip_tcp_pcb *self,
				  const struct in6_addr *addr, __be16 port,
				  bool reuse, bool listening)
{
	bool v6only = self->inet.v6only;
	struct tip_net *tn = self->tn;
	struct tip_tcp_pcb *o;

	tip_tcp_for_port(tn, o, port) {
		if (o == self || o->lport != port)
			continue;
		if (!tip_addr_overlap(&o->laddr, o->inet.v6only, addr,
				      v6only) ||
		    !tip_tcp_if_overlap(o->inet.bound_if,
					self->inet.bound_if))
			continue;
		if (listening) {
			if (o->state == TIP_TCP_LISTEN)
				return true;
			continue;
		}
		if (reuse && (o->flags & TIP_TCPF_REUSE) &&
		    o->state != TIP_TCP_LISTEN)
			continue;
		return true;
	}
	/* TIME_WAIT never blocks SO_REUSEADDR (nor a listen()). */
	if (!reuse && !listening &&
	    tip_tcp_tw_port_busy(tn, addr, v6only, port))
		return true;
	return false;
}

bool tip_tcp_listen_conflict(struct tip_tcp_pcb *pcb)
{
	return tip_tcp_port_conflict(pcb, &pcb->laddr, pcb->lport, true,
				     true);
}

static void tip_tcp_bhash_add(struct tip_tcp_pcb *pcb)
{
	hash_add(pcb->tn->tcp.bhash, &pcb->bnode, ntohs(pcb->lport));
	pcb->flags |= TIP_TCPF_BOUND;
	tip_tcp_list(pcb);
}

struct tip_tcp_pick {
	struct tip_tcp_pcb *pcb;
	const struct in6_addr *addr;
};

static bool tip_tcp_bind_busy(void *arg, u16 port)
{
	struct tip_tcp_pick *p = arg;

	return tip_tcp_port_conflict(p->pcb, p->addr, htons(port),
				     p->pcb->flags & TIP_TCPF_REUSE, false);
}

/* The owner changed flavour before binding: :: or ::ffff:0.0.0.0. */
void tip_tcp_set_wild(struct tip_tcp_pcb *pcb)
{
	if (pcb->state == TIP_TCP_CLOSE && !(pcb->flags & TIP_TCPF_BOUND))
		tip_addr_set_wild(&pcb->laddr, pcb->inet.v6);
}

int tip_tcp_bind(struct tip_tcp_pcb *pcb, const struct in6_addr *addr,
		 __be16 port, bool privileged)
{
	struct tip_net *tn = pcb->tn;
	int err;

	lockdep_assert_held(&tn->lock);
	if (pcb->state != TIP_TCP_CLOSE || (pcb->flags & TIP_TCPF_BOUND))
		return -EINVAL;
	err = tip_inet_addr_ok(tn, &pcb->inet, addr, false);
	if (err)
		return err;
	if (port && ntohs(port) < PROT_SOCK && !privileged)
		return -EACCES;
	if (!port) {
		struct tip_tcp_pick p = { .pcb = pcb, .addr = addr };
		u16 p16 = tip_port_pick(IPPROTO_TCP, addr, &in6addr_any, 0,
					tip_tcp_bind_busy, &p);

		if (!p16)
			return -EADDRINUSE;
		port = htons(p16);
	} else if (tip_tcp_port_conflict(pcb, addr, port,
					 pcb->flags & TIP_TCPF_REUSE, false)) {
		return -EADDRINUSE;
	}
	pcb->laddr = *addr;
	pcb->lport = port;
	pcb->flags &= ~TIP_TCPF_AUTOBIND;
	tip_tcp_bhash_add(pcb);
	return 0;
}

static bool tip_tcp_tuple_used(struct tip_net *tn,
			       const struct in6_addr *laddr, __be16 lport,
			       const struct in6_addr *raddr, __be16 rport)
{
	return tip_tcp_lookup_est(tn, raddr, rport, laddr, lport) ||
	       tip_tcp_tw_lookup(tn, raddr, rport, laddr, lport);
}

/*
 * For a connect(), a port is free when no bind() or listener holds it
 * and no connection (or TIME_WAIT entry) already uses the 4-tuple: as
 * Linux, connections to different peers share ephemeral ports.
 */
static bool tip_tcp_connect_busy(void *arg, u16 port)
{
	struct tip_tcp_pcb *pcb = arg, *o;
	struct tip_net *tn = pcb->tn;
	__be16 p = htons(port);

	tip_tcp_for_port(tn, o, p) {
		if (o == pcb || o->lport != p)
			continue;
		if (!(o->flags & TIP_TCPF_AUTOBIND) &&
		    tip_addr_overlap(&o->laddr, o->inet.v6only, &pcb->laddr,
				     pcb->inet.v6only))
			return true;
	}
	return tip_tcp_tuple_used(tn, &pcb->laddr, p, &pcb->raddr,
				  pcb->rport);
}

int tip_tcp_autobind(struct tip_tcp_pcb *pcb)
{
	struct tip_net *tn = pcb->tn;
	u16 port;

	lockdep_assert_held(&tn->lock);
	if (pcb->flags & TIP_TCPF_BOUND)
		return 0;
	if (ipv6_addr_any(&pcb->raddr)) {
		struct tip_tcp_pick p = { .pcb = pcb, .addr = &pcb->laddr };

		port = tip_port_pick(IPPROTO_TCP, &pcb->laddr, &in6addr_any, 0,
				     tip_tcp_bind_busy, &p);
	} else {
		port = tip_port_pick(IPPROTO_TCP, &pcb->laddr, &pcb->raddr,
				     pcb->rport, tip_tcp_connect_busy, pcb);
	}
	if (!port)
		return -EADDRNOTAVAIL;
	pcb->lport = htons(port);
	tip_tcp_bhash_add(pcb);
	if (!ipv6_addr_any(&pcb->raddr))
		pcb->flags |= TIP_TCPF_AUTOBIND;
	return 0;
}

/* The table's reference keeps the PCB alive while a lookup can find it. */
void tip_tcp_hash(struct tip_tcp_pcb *pcb)
{
	struct tip_net *tn = pcb->tn;

	lockdep_assert_held(&tn->lock);
	if (pcb->flags & TIP_TCPF_HASHED)
		return;
	if (pcb->state == TIP_TCP_LISTEN)
		hash_add(tn->tcp.lhash, &pcb->node, ntohs(pcb->lport));
	else
		hash_add(tn->tcp.ehash, &pcb->node,
			 tip_tcp_ehashfn(&pcb->laddr, pcb->lport, &pcb->raddr,
					 pcb->rport));
	pcb->flags |= TIP_TCPF_HASHED;
	tip_tcp_pcb_hold(pcb);
	/* An accepted child shares its listener's port, as on Linux. */
	if (!(pcb->flags & TIP_TCPF_BOUND))
		tip_tcp_bhash_add(pcb);
	tip_tcp_list(pcb);
}

/* May free @pcb when the table held the last reference. */
void tip_tcp_unhash(struct tip_tcp_pcb *pcb)
{
	bool put = false;

	lockdep_assert_held(&pcb->tn->lock);
	if (pcb->flags & TIP_TCPF_BOUND) {
		hash_del(&pcb->bnode);
		pcb->flags &= ~(TIP_TCPF_BOUND | TIP_TCPF_AUTOBIND);
	}
	if (pcb->flags & TIP_TCPF_HASHED) {
		hash_del(&pcb->node);
		pcb->flags &= ~TIP_TCPF_HASHED;
		put = true;
	}
	tip_tcp_unlist(pcb);
	if (put)
		tip_tcp_pcb_put(pcb);
}

struct tip_tcp_pcb *tip_tcp_lookup_est(struct tip_net *tn,
				       const struct in6_addr *saddr,
				       __be16 sport,
				       const struct in6_addr *daddr,
				       __be16 dport)
{
	struct tip_tcp_pcb *pcb;

	hash_for_each_possible(tn->tcp.ehash, pcb, node,
			       tip_tcp_ehashfn(daddr, dport, saddr, sport)) {
		if (pcb->lport == dport && pcb->rport == sport &&
		    ipv6_addr_equal(&pcb->laddr, daddr) &&
		    ipv6_addr_equal(&pcb->raddr, saddr))
			return pcb;
	}
	return NULL;
}

/*
 * The most specific listener: bound address first, then the device,
 * then one of the packet's own family over a dual one on :: (as Linux's
 * compute_score() prefers PF_INET for IPv4).
 */
struct tip_tcp_pcb *tip_tcp_lookup_listener(struct tip_net *tn,
					    const struct in6_addr *daddr,
					    __be16 dport, int ifindex)
{
	struct tip_tcp_pcb *pcb, *best = NULL;
	int score, best_score = -1;

	hash_for_each_possible(tn->tcp.lhash, pcb, node, ntohs(dport)) {
		if (pcb->lport != dport)
			continue;
		if (!tip_addr_match(&pcb->laddr, pcb->inet.v6only, daddr))
			continue;
		score = 0;
		if (!tip_addr_is_wild(&pcb->laddr))
			score += 4;
		if (pcb->inet.bound_if) {
			if (pcb->inet.bound_if != ifindex)
				continue;
			score += 2;
		}
		if (tip_addr_is_v4(&pcb->laddr) == tip_addr_is_v4(daddr))
			score += 1;
		if (score > best_score) {
			best = pcb;
			best_score = score;
		}
	}
	return best;
}

static bool tip_tcp_in_estab(int state)
{
	return state == TIP_TCP_ESTABLISHED || state == TIP_TCP_CLOSE_WAIT;
}

/*
 * CurrEstab counts ESTABLISHED and CLOSE_WAIT (RFC 4022 tcpCurrEstab);
 * EstabResets the direct moves from them to CLOSED. AttemptFails is
 * counted where a handshake fails (tcp_in.c, tcp_timer.c), as Linux's
 * tcp_done() does, so that a close() in SYN_SENT is no failure.
 */
void tip_tcp_set_state(struct tip_tcp_pcb *pcb, int state)
{
	struct tip_net *tn = pcb->tn;
	int old = pcb->state;

	lockdep_assert_held(&tn->lock);
	if (tip_tcp_in_estab(state) && !tip_tcp_in_estab(old))
		TIP_TCP_INC(tn, CURR_ESTAB);
	else if (!tip_tcp_in_estab(state) && tip_tcp_in_estab(old))
		tn->tcp.mib[TINYIP_TCP_STAT_CURR_ESTAB]--;
	pcb->state = state;
	if (state != TIP_TCP_CLOSE)
		return;
	if (tip_tcp_in_estab(old))
		TIP_TCP_INC(tn, ESTAB_RESETS);
	/* The callers hold a reference: the unhash may drop the last but
	 * theirs, never theirs.
	 */
	tip_tcp_timer_stop_all(pcb);
	if (pcb->parent)
		tip_tcp_listen_unlink(pcb);
	tip_tcp_unhash(pcb);
}

void tip_tcp_done(struct tip_tcp_pcb *pcb, int err)
{
	const struct tip_tcp_ops *ops;

	lockdep_assert_held(&pcb->tn->lock);
	tip_tcp_pcb_hold(pcb);
	tip_tcp_set_state(pcb, TIP_TCP_CLOSE);
	ops = pcb->ops;
	if (!(pcb->flags & TIP_TCPF_ORPHAN) && ops && ops->err)
		ops->err(pcb, err);
	tip_tcp_pcb_put(pcb);
}

/* The smallest shift that lets the whole receive buffer be advertised. */
u8 tip_tcp_pick_wscale(u32 rcv_buf)
{
	u8 s = 0;

	while (s < TIP_TCP_MAX_WSCALE && (rcv_buf >> s) > 65535)
		s++;
	return s;
}

/*
 * Our MSS option for a path MTU to @raddr (RFC 9293 3.7.1, RFC 6691):
 * the MTU less the fixed IP and TCP headers, 40 bytes over IPv4 and 60
 * over IPv6 (RFC 8200 8.3).
 */
u16 tip_tcp_adv_mss(const struct tip_tcp_pcb *pcb,
		    const struct in6_addr *raddr, u32 mtu)
{
	u32 hdr = tip_tcp_nethdr(raddr) + 20;
	u32 mss = mtu > hdr + 88 ? mtu - hdr : 88;

	if (pcb->user_mss && pcb->user_mss < mss)
		mss = pcb->user_mss;
	return min_t(u32, mss, 65495);
}

int tip_tcp_connect(struct tip_tcp_pcb *pcb, const struct in6_addr *addr,
		    __be16 port)
{
	struct tip_net *tn = pcb->tn;
	struct in6_addr laddr, wild;
	u32 mtu;
	int err;

	lockdep_assert_held(&tn->lock);
	switch (pcb->state) {
	case TIP_TCP_CLOSE:
		break;
	case TIP_TCP_SYN_SENT:
	case TIP_TCP_SYN_RECV:
		return -EALREADY;
	case TIP_TCP_LISTEN:
		return -EINVAL;
	default:
		return -EISCONN;
	}
	if (!port)
		return -ECONNREFUSED;
	if (tip_addr_is_v4(addr)) {
		__be32 a4 = tip_addr_v4(addr);

		if (ipv4_is_multicast(a4) || ipv4_is_lbcast(a4) ||
		    ipv4_is_zeronet(a4))
			return -ENETUNREACH;
		/* V6ONLY, or bound to an IPv6 address: no IPv4 (RFC 3493). */
		if (pcb->inet.v6only || (!tip_addr_is_v4(&pcb->laddr) &&
					 !ipv6_addr_any(&pcb->laddr)))
			return -ENETUNREACH;
	}
	err = tip_tcp_route(tn, &pcb->inet, addr, &mtu, &laddr);
	if (err)
		return err;
	if (!tip_addr_is_wild(&pcb->laddr))
		laddr = pcb->laddr;
	if (tip_addr_is_wild(&laddr))
		return -EADDRNOTAVAIL;

	/* The 4-tuple must be known before the port is (RFC 6056). */
	if (pcb->flags & TIP_TCPF_BOUND) {
		if (tip_tcp_tuple_used(tn, &laddr, pcb->lport, addr, port))
			return -EADDRNOTAVAIL;
		pcb->laddr = laddr;
		pcb->raddr = *addr;
		pcb->rport = port;
	} else {
		wild = pcb->laddr;
		pcb->laddr = laddr;
		pcb->raddr = *addr;
		pcb->rport = port;
		err = tip_tcp_autobind(pcb);
		if (err) {
			pcb->laddr = wild;
			pcb->raddr = in6addr_any;
			pcb->rport = 0;
			return err;
		}
	}

	pcb->iss = tip_tcp_isn(&pcb->laddr, &pcb->raddr, pcb->lport,
			       pcb->rport);
	pcb->snd_una = pcb->iss;
	pcb->snd_nxt = pcb->iss;
	pcb->snd_max = pcb->iss;
	pcb->snd_up = pcb->iss;
	pcb->ts_offset = tip_tcp_ts_offset(&pcb->laddr, &pcb->raddr);
	pcb->flags &= ~(TIP_TCPF_FIN_QUEUED | TIP_TCPF_FIN_RCVD |
			TIP_TCPF_SHUT_RD | TIP_TCPF_IN_RECOVERY |
			TIP_TCPF_RTO_PROBING);
	pcb->flags |= TIP_TCPF_SACK_OK | TIP_TCPF_TS_OK | TIP_TCPF_WS_OK |
		      TIP_TCPF_QUICKACK;
	pcb->rcv_wscale = tip_tcp_pick_wscale(pcb->rcv_buf);
	pcb->snd_wscale = 0;
	pcb->rcv_wnd = min_t(u32, pcb->rcv_buf, 65535);
	pcb->pmtu = min_t(u32, mtu, 65535);
	pcb->rcv_mss = tip_tcp_adv_mss(pcb, addr, mtu);
	pcb->peer_mss = tip_tcp_default_mss(addr);
	pcb->backoff = 0;
	pcb->syn_retries = 0;
	pcb->soft_err = 0;
	tip_tcp_sync_mss(pcb, mtu);

	tip_tcp_set_state(pcb, TIP_TCP_SYN_SENT);
	tip_tcp_hash(pcb);
	TIP_TCP_INC(tn, ACTIVE_OPENS);
	/* A SYN that failed to leave is resent by the RTO like a lost one. */
	tip_tcp_send_syn(pcb);
	if (pcb->state == TIP_TCP_SYN_SENT &&
	    !(pcb->timers & BIT(TIP_TCP_T_RTO)))
		tip_tcp_timer_set(pcb, TIP_TCP_T_RTO, tip_tcp_rto_jiffies(pcb));
	return 0;
}

/*
 * RFC 9293 3.10.4: our FIN after the queued data, in the states that may
 * send one; tip_tcp_send_fin() makes the state change.
 */
static void tip_tcp_close_send(struct tip_tcp_pcb *pcb)
{
	if (pcb->state == TIP_TCP_ESTABLISHED ||
	    pcb->state == TIP_TCP_SYN_RECV ||
	    pcb->state == TIP_TCP_CLOSE_WAIT)
		tip_tcp_send_fin(pcb);
}

int tip_tcp_shutdown(struct tip_tcp_pcb *pcb, int how)
{
	lockdep_assert_held(&pcb->tn->lock);
	if (how < 1 || how > 3)
		return -EINVAL;
	switch (pcb->state) {
	case TIP_TCP_CLOSE:
		return -ENOTCONN;
	case TIP_TCP_LISTEN:
		if (!(how & 1))
			return 0;
		tip_tcp_listen_stop(pcb);
		tip_tcp_set_state(pcb, TIP_TCP_CLOSE);
		return 0;
	case TIP_TCP_SYN_SENT:
		/* Nothing was sent that a FIN could follow: give up. */
		tip_tcp_set_state(pcb, TIP_TCP_CLOSE);
		return 0;
	}
	if (how & 1)
		pcb->flags |= TIP_TCPF_SHUT_RD;
	if (how & 2)
		tip_tcp_close_send(pcb);
	return 0;
}

/*
 * The owner lets go (RFC 9293 3.10.4). Unread data means the peer's data
 * would be lost silently, so the peer hears a RST (RFC 2525 2.17), as
 * does an abortive close (SO_LINGER with a zero timeout).
 */
void tip_tcp_close(struct tip_tcp_pcb *pcb, bool abort)
{
	struct tip_net *tn = pcb->tn;
	bool unread;

	lockdep_assert_held(&tn->lock);
	pcb->flags |= TIP_TCPF_ORPHAN;
	pcb->ops = NULL;
	pcb->ctx = NULL;
	unread = pcb->rcv_queued || !skb_queue_empty(&pcb->rcvq);

	switch (pcb->state) {
	case TIP_TCP_CLOSE:
		tip_tcp_unhash(pcb);
		break;
	case TIP_TCP_LISTEN:
		tip_tcp_listen_stop(pcb);
		tip_tcp_set_state(pcb, TIP_TCP_CLOSE);
		break;
	case TIP_TCP_SYN_SENT:
		tip_tcp_set_state(pcb, TIP_TCP_CLOSE);
		break;
	default:
		if (unread || abort) {
			if (unread)
				TIP_TCP_INC(tn, TCP_ABORT_ON_CLOSE);
			else
				TIP_TCP_INC(tn, TCP_ABORT_ON_DATA);
			tip_tcp_send_active_rst(pcb);
			if (pcb->state != TIP_TCP_CLOSE)
				tip_tcp_set_state(pcb, TIP_TCP_CLOSE);
			break;
		}
		tip_tcp_close_send(pcb);
		/*
		 * An orphan in FIN_WAIT2 must not wait for the peer forever:
		 * KEEPALIVE doubles as its FIN timeout, and tcp_timer.c
		 * closes an orphan FIN_WAIT2 when it fires. tcp_in.c arms
		 * it too when FIN_WAIT1 turns into FIN_WAIT2 later.
		 */
		if (pcb->state == TIP_TCP_FIN_WAIT2)
			tip_tcp_timer_set(pcb, TIP_TCP_T_KEEPALIVE,
					  TIP_TCP_FIN_TIMEOUT);
		break;
	}
	tip_tcp_pcb_put(pcb);
}

static u32 tip_tcp_segs(u32 bytes, u32 mss)
{
	return mss ? DIV_ROUND_UP(bytes, mss) : 0;
}

void tip_tcp_get_info(const struct tip_tcp_pcb *pcb, struct tcp_info *info)
{
	const struct sk_buff *skb;
	u64 now = tip_tcp_clock_us();
	u32 unacked = 0, mss = pcb->mss ?: 536;

	memset(info, 0, sizeof(*info));
	info->tcpi_state = pcb->state;
	if (pcb->flags & TIP_TCPF_RTO_PROBING)
		info->tcpi_ca_state = TCP_CA_Loss;
	else if (pcb->flags & TIP_TCPF_IN_RECOVERY)
		info->tcpi_ca_state = TCP_CA_Recovery;
	info->tcpi_retransmits = pcb->backoff;
	info->tcpi_probes = pcb->probes;
	info->tcpi_backoff = pcb->backoff;
	if (pcb->flags & TIP_TCPF_TS_OK)
		info->tcpi_options |= TCPI_OPT_TIMESTAMPS;
	if (pcb->flags & TIP_TCPF_SACK_OK)
		info->tcpi_options |= TCPI_OPT_SACK;
	if (pcb->flags & TIP_TCPF_WS_OK) {
		info->tcpi_options |= TCPI_OPT_WSCALE;
		info->tcpi_snd_wscale = pcb->snd_wscale;
		info->tcpi_rcv_wscale = pcb->rcv_wscale;
	}
	info->tcpi_rto = tip_tcp_rto_backoff(&pcb->rtt, pcb->backoff);
	info->tcpi_ato = 40000;
	info->tcpi_snd_mss = pcb->mss;
	info->tcpi_rcv_mss = pcb->rcv_mss;
	skb_queue_walk(&pcb->sndq, skb) {
		if (skb == pcb->send_head)
			break;
		unacked++;
	}
	info->tcpi_unacked = unacked;
	info->tcpi_sacked = tip_tcp_segs(pcb->sacked_bytes, mss);
	info->tcpi_lost = tip_tcp_segs(pcb->lost_bytes, mss);
	info->tcpi_retrans = tip_tcp_segs(pcb->retrans_out, mss);
	if (pcb->last_rcv_us && now > pcb->last_rcv_us)
		info->tcpi_last_data_recv = (now - pcb->last_rcv_us) / 1000;
	info->tcpi_pmtu = pcb->pmtu;
	info->tcpi_rcv_ssthresh = pcb->rcv_wnd;
	info->tcpi_rtt = pcb->rtt.srtt_us;
	info->tcpi_rttvar = pcb->rtt.rttvar_us;
	info->tcpi_snd_ssthresh = pcb->cc.ssthresh == U32_MAX ?
				  0x7fffffff :
				  pcb->cc.ssthresh / mss;
	info->tcpi_snd_cwnd = pcb->cc.cwnd / mss;
	info->tcpi_advmss = pcb->rcv_mss;
	info->tcpi_reordering = 3;
	info->tcpi_rcv_space = pcb->rcv_wnd;
	info->tcpi_total_retrans = pcb->total_retrans;
	info->tcpi_bytes_acked = pcb->bytes_acked;
	info->tcpi_bytes_received = pcb->bytes_received;
	info->tcpi_segs_out = pcb->segs_out;
	info->tcpi_segs_in = pcb->segs_in;
	info->tcpi_min_rtt = pcb->rtt.min_rtt_us;
	info->tcpi_notsent_bytes = pcb->snd_queued > pcb->snd_max - pcb->snd_una ?
				   pcb->snd_queued -
				   (pcb->snd_max - pcb->snd_una) : 0;
	info->tcpi_snd_wnd = pcb->snd_wnd;
}

/*
 * Switching algorithms mid-connection keeps the window the connection
 * earned; only the new algorithm's private state starts afresh.
 */
int tip_tcp_set_cc(struct tip_tcp_pcb *pcb, const char *name)
{
	const struct tip_tcp_cc_ops *ops = tip_tcp_cc_find(name);
	u32 cwnd, ssthresh;

	lockdep_assert_held(&pcb->tn->lock);
	if (!ops)
		return -ENOENT;
	if (ops == pcb->cc_ops)
		return 0;
	pcb->cc_ops = ops;
	switch (pcb->state) {
	case TIP_TCP_CLOSE:
	case TIP_TCP_LISTEN:
	case TIP_TCP_SYN_SENT:
		return 0;
	}
	cwnd = pcb->cc.cwnd;
	ssthresh = pcb->cc.ssthresh;
	memset(pcb->cc.priv, 0, sizeof(pcb->cc.priv));
	pcb->cc.bytes_acked = 0;
	ops->init(&pcb->cc);
	pcb->cc.cwnd = cwnd;
	pcb->cc.ssthresh = ssthresh;
	return 0;
}

int tip_tcp_net_init(struct tip_net *tn)
{
	hash_init(tn->tcp.ehash);
	hash_init(tn->tcp.lhash);
	hash_init(tn->tcp.bhash);
	INIT_LIST_HEAD(&tn->tcp.pcbs);
	tn->tcp.npcbs = 0;
	tn->tcp.max_tw = TIP_TCP_MAX_TW;
	tn->tcp.cc_default = tip_tcp_cc_default();
	memset(tn->tcp.mib, 0, sizeof(tn->tcp.mib));
	tn->tcp.chal_stamp = 0;
	tn->tcp.chal_count = 0;
	tn->tcp.chal_limit = 0;
	tip_tcp_rwnd_net_init(tn);
	return tip_tcp_tw_net_init(tn);
}

/*
 * Aborts every PCB. With @reset (the module unloads and the links are
 * still there) the peer of each synchronized connection gets a reset,
 * as Linux's tcp_abort() sends: the connections left then are orphans
 * still sending what their closed sockets queued, and a peer waiting
 * for that data would otherwise wait forever. A dying namespace has
 * lost its links already, so nothing is sent. Each PCB's timer is shut
 * down outside the lock while our reference keeps it alive, so no
 * callback can run (or re-arm) once we let go.
 */
static void tip_tcp_abort_all(struct tip_net *tn, bool reset)
{
	struct tip_tcp_pcb *pcb;

	for (;;) {
		spin_lock_bh(&tn->lock);
		pcb = list_first_entry_or_null(&tn->tcp.pcbs,
					       struct tip_tcp_pcb, all);
		if (!pcb) {
			spin_unlock_bh(&tn->lock);
			break;
		}
		tip_tcp_pcb_hold(pcb);
		if (pcb->state == TIP_TCP_LISTEN)
			tip_tcp_listen_stop(pcb);
		else if (reset)
			tip_tcp_send_active_rst(pcb);
		tip_tcp_done(pcb, ECONNABORTED);
		/* A PCB in CLOSE that was only bound is unlisted too. */
		tip_tcp_unhash(pcb);
		spin_unlock_bh(&tn->lock);
		timer_shutdown_sync(&pcb->timer);
		if (pcb->lsn)
			tip_tcp_lsn_shutdown(pcb);
		tip_tcp_pcb_put(pcb);
	}
	tip_tcp_tw_net_exit(tn);
	tip_tcp_rwnd_net_exit(tn);
}

void tip_tcp_net_exit(struct tip_net *tn)
{
	tip_tcp_abort_all(tn, false);
}

static const struct tip_ip4_proto tip_tcp_ip4 = {
	.input = tip_tcp_v4_rcv,
	.err = tip_tcp_v4_err,
};

static const struct tip_ip6_proto tip_tcp_ip6 = {
	.rcv = tip_tcp_v6_rcv,
	.err = tip_tcp_v6_err,
};

int tip_tcp_init(void)
{
	int err;

	get_random_bytes(&tip_tcp_isn_key, sizeof(tip_tcp_isn_key));
	get_random_bytes(&tip_tcp_ts_key, sizeof(tip_tcp_ts_key));
	get_random_bytes(&tip_tcp_ehash_key, sizeof(tip_tcp_ehash_key));
	tip_tcp_cachep = kmem_cache_create("tinyip_tcp_pcb",
					   sizeof(struct tip_tcp_pcb), 0, 0,
					   NULL);
	if (!tip_tcp_cachep)
		return -ENOMEM;
	err = tip_tcp_cc_init();
	if (err)
		goto err_cc;
	err = tip_ip4_proto_register(IPPROTO_TCP, &tip_tcp_ip4);
	if (err)
		goto err_proto;
	err = tip_ip6_proto_register(IPPROTO_TCP, &tip_tcp_ip6);
	if (err)
		goto err_proto6;
	err = tip_sock_stream_init();
	if (err)
		goto err_sock;
	return 0;

err_sock:
	tip_ip6_proto_unregister(IPPROTO_TCP);
err_proto6:
	tip_ip4_proto_unregister(IPPROTO_TCP);
err_proto:
	tip_tcp_cc_exit();
err_cc:
	kmem_cache_destroy(tip_tcp_cachep);
	return err;
}

/*
 * Runs before the instances go away (module/main.c orders it so): the
 * connections the stack still finishes on its own (orphans, TIME_WAIT)
 * live in the cache destroyed here, so end them in every namespace
 * first, resetting their peers while the links can still carry it.
 * Their pernet exit later finds nothing left to do.
 */
void tip_tcp_exit(void)
{
	struct net *net;

	tip_sock_stream_exit();
	tip_ip6_proto_unregister(IPPROTO_TCP);
	tip_ip4_proto_unregister(IPPROTO_TCP);
	down_read(&net_rwsem);
	for_each_net(net)
		tip_tcp_abort_all(tip_net(net), true);
	up_read(&net_rwsem);
	tip_tcp_cc_exit();
	kmem_cache_destroy(tip_tcp_cachep);
}
