// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of fragment reassembly (RFC 791 3.2, RFC 815,
 * RFC 1858, RFC 5722, RFC 8200 4.5): module/frag.c, ip4_frag.c,
 * ip6_frag.c and the instance side of defrag.c, ip4_defrag.c,
 * ip6_defrag.c and mem.c, built unchanged on the host against the
 * kernel stand-in of shim/ (skbs, slab, timers, lock, jiffies).
 *
 * The input is a program: each step sends an IPv4 or IPv6 fragment of
 * one of a few datagrams (any offset, length, flags, link; its bytes
 * those of the datagram or the input's own), a header the input writes
 * whole, a complete datagram cut into fragments sent in a shuffled
 * order, moves the clock (and fires the expiry timers), removes a link
 * (its memory is freed, so a queue still naming it is a use after
 * free), sets the memory budget or makes an allocation of the core
 * fail. The program ends with every queue expiring, or with the
 * instance going away (module unload, netns exit) while queues wait.
 *
 * After every step: the budget holds exactly what the queues hold, one
 * skb per queued fragment and one object per queue are alive, a timer
 * is pending while any queue waits. Every datagram that comes out
 * parses, is no longer a fragment and carries the bytes that were sent
 * (where no step sent other bytes for it); a complete datagram sent
 * while there was room always comes out. At the end: the budget, skbs
 * and slab are back to zero.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include <linux/tinyip.h>
#include <tinyip/frag.h>
#include <tinyip/ip4_wire.h>
#include <tinyip/ip6_wire.h>
#include <tinyip/tinyip.h>
#include "../../module/ip4_local.h"

#include "fuzz.h"

/* The clock the shim's timers and the core read, started near a wrap. */
unsigned long jiffies;

#define FRAG_KEYS	4	/* datagrams the fragment steps talk about */
#define FRAG_LINKS	2
#define FRAG_MAX_STEPS	256
#define FRAG_MAX_PLEN	1480	/* payload of one fragment */

static struct tip_net tn;
static struct tip_if *links[FRAG_LINKS];
/* Datagram k got bytes other than pattern(k) (or a header we did not write). */
static bool tainted[2][FRAG_KEYS];
static u32 whole_id;		/* IDs of complete datagrams, unique per run */
static unsigned int reports;	/* Time Exceeded sent */

/* The byte at offset @o of datagram @k's payload: no two nearby alike. */
static u8 pattern(unsigned int k, unsigned int o)
{
	return ((o ^ (o >> 8)) * 0x9d + k * 0x3b + (o >> 16)) & 0xff;
}

/* The harness's own skbs: never the allocation meant to fail. */
static struct sk_buff *frag_alloc(unsigned int len)
{
	long fail_in = tip_shim_fail_in;
	struct sk_buff *skb;

	tip_shim_fail_in = 0;
	skb = alloc_skb(len, GFP_ATOMIC);
	tip_shim_fail_in = fail_in;
	FUZZ_CHECK(skb);
	return skb;
}

static struct tip_if *link_new(int ifindex)
{
	struct tip_if *ifp = calloc(1, sizeof(*ifp));

	FUZZ_CHECK(ifp);
	ifp->tn = &tn;
	ifp->ifindex = ifindex;
	ifp->up = true;
	return ifp;
}

/* The two errors reassembly sends; the skb stays the caller's. */
void tip_icmp_send(struct tip_net *t, struct sk_buff *skb, u8 type, u8 code,
		   __be32 info)
{
	const struct iphdr *iph = ip_hdr(skb);

	lockdep_assert_held(&t->lock);
	FUZZ_CHECK(type == ICMP_TIME_EXCEEDED && code == ICMP_EXC_FRAGTIME);
	/* RFC 792: about fragment zero, quoted from its IP header. */
	FUZZ_CHECK(skb->data == (u8 *)iph && iph->version == 4);
	FUZZ_CHECK(!(ntohs(iph->frag_off) & IP_OFFSET));
	FUZZ_CHECK(skb->len >= iph->ihl * 4u);
	reports++;
}

void tip_icmp6_send(struct tip_net *t, struct sk_buff *skb, u8 type,
		    u8 code, u32 info, bool mcast_ok)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)skb->data;

	lockdep_assert_held(&t->lock);
	FUZZ_CHECK(skb->len >= sizeof(*ip6) && ip6->version == 6);
	if (type == ICMPV6_PARAMPROB) {
		/* RFC 8200 4.5: Payload Length or Fragment Offset. */
		FUZZ_CHECK(code == ICMPV6_HDR_FIELD && info < skb->len);
		FUZZ_CHECK(info == 4 || info >= TIP_IP6_HLEN + 2);
		return;
	}
	FUZZ_CHECK(type == ICMPV6_TIME_EXCEED &&
		   code == ICMPV6_EXC_FRAGTIME);
	FUZZ_CHECK(skb_network_header(skb) == skb->data);
	reports++;
}

/* Every bit of state reassembly keeps must add up after each step. */
static unsigned int frag_check_set(struct tip_defrag *d)
{
	struct tip_frag_q *q;
	unsigned int skbs = 0, queues = 0;
	u32 mem = 0;

	list_for_each_entry(q, &d->set.queues, list) {
		const struct sk_buff *skb;
		u32 meat = 0, truesize = 0, prev_end = 0;

		for (skb = q->head; skb; skb = skb->next) {
			const struct tip_frag_cb *cb = TIP_FRAG_CB(skb);

			/* Sorted, disjoint, inside the datagram. */
			FUZZ_CHECK(cb->off <= cb->end);
			FUZZ_CHECK(skb == q->head || cb->off >= prev_end);
			FUZZ_CHECK(cb->end <= q->len);
			FUZZ_CHECK(cb->hlen + cb->end - cb->off <= skb->len);
			prev_end = cb->end;
			meat += cb->end - cb->off;
			truesize += skb->truesize;
			skbs++;
		}
		FUZZ_CHECK(meat == q->meat && truesize == q->truesize);
		FUZZ_CHECK(!q->last_in || q->meat < q->len || !q->len);
		mem += q->truesize + sizeof(*q);
		queues++;
		/* Each queue is waited for at most one timeout. */
		FUZZ_CHECK(time_before(jiffies, q->expires));
		FUZZ_CHECK(!time_after(q->expires, jiffies + d->set.timeout));
	}
	FUZZ_CHECK(mem == d->set.mem && queues == d->set.count);
	FUZZ_CHECK(d->set.count <= d->set.max_queues);
	FUZZ_CHECK(d->charged == d->set.mem);
	/* A queue nobody would ever expire holds its memory for good. */
	if (!list_empty(&d->set.queues)) {
		q = list_first_entry(&d->set.queues, struct tip_frag_q, list);
		FUZZ_CHECK(timer_pending(&d->timer));
		FUZZ_CHECK(!time_after(d->timer.expires, q->expires));
	}
	return skbs;
}

static void frag_check(void)
{
	unsigned int skbs;

	FUZZ_CHECK(!tn.lock.held);
	skbs = frag_check_set(&tn.ip4.frag) + frag_check_set(&tn.ip6.frag);
	FUZZ_CHECK(tip_shim_skbs == skbs);
	FUZZ_CHECK(tip_shim_slabs == tn.ip4.frag.set.count +
		   tn.ip6.frag.set.count);
	FUZZ_CHECK(tip_mem_cat_used(&tn.mem, TINYIP_MEM_REASM) ==
		   tn.ip4.frag.set.mem + tn.ip6.frag.set.mem);
	FUZZ_CHECK(tip_mem_used(&tn.mem) ==
		   tip_mem_cat_used(&tn.mem, TINYIP_MEM_REASM));
}

static void frag_fire(struct timer_list *t)
{
	if (t->pending && time_after_eq(jiffies, t->expires)) {
		t->pending = false;
		t->function(t);
	}
}

static void frag_tick(unsigned long delta)
{
	jiffies += delta;
	frag_fire(&tn.ip4.frag.timer);
	frag_fire(&tn.ip6.frag.timer);
}

static void frag_check_pattern(unsigned int k, const u8 *p, unsigned int len)
{
	unsigned int o;

	for (o = 0; o < len; o++)
		FUZZ_CHECK(p[o] == pattern(k, o));
}

/* What a datagram that came out must be, for either family. */
static void frag_check_payload(bool v6, unsigned int k, const u8 *p,
			       unsigned int len)
{
	if (k < FRAG_KEYS && !tainted[v6][k])
		frag_check_pattern(k, p, len);
}

static bool link_alive(const struct tip_if *ifp)
{
	unsigned int i;

	for (i = 0; i < FRAG_LINKS; i++)
		if (links[i] == ifp)
			return true;
	return false;
}

/* IPv4: addresses 10.0.0.1/2 to 10.0.0.100; the ID names the key. */
static unsigned int frag4_key_of(const struct tip_ip4_view *v)
{
	u16 id = ntohs(v->id);

	return id >= 0x100 ? FRAG_KEYS : id;
}

static void frag4_out(struct sk_buff *out)
{
	struct tip_ip4_view v;

	FUZZ_CHECK(out->data == skb_network_header(out));
	FUZZ_CHECK(!tip_ip4_wire_parse(out->data, out->len, out->len, &v));
	FUZZ_CHECK(v.tot_len == out->len && !v.mf && !v.frag_off);
	FUZZ_CHECK(link_alive(TIP_CB(out)->iif));
	frag_check_payload(false, frag4_key_of(&v), out->data + v.hlen,
			   out->len - v.hlen);
	kfree_skb(out);
}

/* Complete datagrams come from here, which no other step uses. */
#define FRAG4_WHOLE_SRC		0x0a000009
#define FRAG6_WHOLE_SRC		0x09

static struct sk_buff *frag4_build(unsigned int k, __be16 id, u16 off,
				   unsigned int plen, bool mf,
				   unsigned int optlen, struct fuzz_in *rnd)
{
	unsigned int hlen = sizeof(struct iphdr) + optlen, i;
	struct sk_buff *skb = frag_alloc(hlen + plen);
	struct iphdr *iph;
	u8 *p;

	iph = skb_put(skb, hlen);
	memset(iph, 0, hlen);
	iph->version = 4;
	iph->ihl = hlen / 4;
	iph->tot_len = htons(hlen + plen);
	iph->id = id;
	iph->frag_off = htons((off / 8) | (mf ? IP_MF : 0));
	iph->ttl = 64;
	iph->protocol = k & 1 ? IPPROTO_TCP : IPPROTO_UDP;
	iph->saddr = htonl(k >= FRAG_KEYS ? FRAG4_WHOLE_SRC :
			   0x0a000001 + (k >> 1 & 1));
	iph->daddr = htonl(0x0a000064);
	/* No Operation options: walked, copied into no fragment (RFC 791). */
	memset(iph + 1, 1, optlen);
	iph->check = ip_fast_csum(iph, iph->ihl);
	p = skb_put(skb, plen);
	for (i = 0; i < plen; i++)
		p[i] = rnd ? fuzz_get8(rnd) : pattern(k, off + i);
	return skb;
}

/* As ip4_in.c hands a fragment over: parsed, under the lock. */
static void frag4_send(struct sk_buff *skb, struct tip_if *ifp)
{
	struct tip_ip4_view v;
	struct sk_buff *out;

	if (tip_ip4_wire_parse(skb->data, skb->len, skb->len, &v) ||
	    !(v.mf || v.frag_off)) {
		kfree_skb(skb);
		return;
	}
	skb->len = v.tot_len;
	skb_reset_network_header(skb);
	memset(skb->cb, 0, sizeof(skb->cb));
	TIP_CB(skb)->iif = ifp;
	TIP_CB(skb)->saddr = v.saddr;
	TIP_CB(skb)->daddr = v.daddr;
	TIP_CB(skb)->ip_hlen = v.hlen;
	spin_lock_bh(&tn.lock);
	out = tip_ip4_defrag(&tn, skb, &v);
	spin_unlock_bh(&tn.lock);
	if (out)
		frag4_out(out);
}

/*
 * IPv6: 2001:db8::1 or fe80::1 (link-scoped: the link is part of the
 * key) to 2001:db8::64, optionally behind a Hop-by-Hop header that
 * stays in the unfragmentable part; the ID names the key.
 */
static void frag6_out(struct sk_buff *out, u32 id)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)out->data;
	unsigned int len = min_t(unsigned int, out->len,
				 TIP_IP6_HLEN + TIP_IP6_CHAIN_MAX + 8);
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	enum tip_ip6_walk walk;

	FUZZ_CHECK(out->data == skb_network_header(out));
	FUZZ_CHECK(out->len >= TIP_IP6_HLEN && ip6->version == 6);
	FUZZ_CHECK(ntohs(ip6->payload_len) == out->len - TIP_IP6_HLEN);
	FUZZ_CHECK(link_alive(TIP_CB(out)->iif));
	walk = tip_ip6_exthdr_walk(out->data, len, &c, &e);
	if (id < FRAG_KEYS && !tainted[1][id]) {
		/* What we sent: the chain is whole again, then our bytes. */
		FUZZ_CHECK(walk == TIP_IP6_WALK_OK);
		FUZZ_CHECK(c.off <= out->len);
		frag_check_payload(true, id, out->data + c.off,
				   out->len - c.off);
		FUZZ_CHECK(c.proto == (id & 1 ? IPPROTO_TCP : IPPROTO_UDP));
	}
	kfree_skb(out);
}

static struct sk_buff *frag6_build(unsigned int k, u32 id, u16 off,
				   unsigned int plen, bool more, bool hbh,
				   bool ll, struct fuzz_in *rnd)
{
	unsigned int ext = hbh ? 8 : 0, i;
	unsigned int len = TIP_IP6_HLEN + ext + 8 + plen;
	struct sk_buff *skb = frag_alloc(len);
	struct ipv6hdr *ip6;
	u8 *p;

	ip6 = skb_put(skb, len);
	memset(ip6, 0, TIP_IP6_HLEN + ext + 8);
	ip6->version = 6;
	ip6->payload_len = htons(len - TIP_IP6_HLEN);
	ip6->hop_limit = 64;
	ip6->saddr.s6_addr[0] = ll ? 0xfe : 0x20;
	ip6->saddr.s6_addr[1] = ll ? 0x80 : 0x01;
	ip6->saddr.s6_addr[15] = k >= FRAG_KEYS ? FRAG6_WHOLE_SRC : 1;
	ip6->daddr.s6_addr[0] = 0x20;
	ip6->daddr.s6_addr[1] = 0x01;
	ip6->daddr.s6_addr[15] = 0x64;
	p = (u8 *)(ip6 + 1);
	if (hbh) {
		ip6->nexthdr = IPPROTO_HOPOPTS;
		p[0] = IPPROTO_FRAGMENT;
		p[2] = 1;		/* PadN over the other 4 bytes */
		p[3] = 4;
		p += 8;
	} else {
		ip6->nexthdr = IPPROTO_FRAGMENT;
	}
	p[0] = k & 1 ? IPPROTO_TCP : IPPROTO_UDP;
	p[2] = off >> 8;
	p[3] = (off & 0xf8) | more;
	p[4] = id >> 24;
	p[5] = id >> 16;
	p[6] = id >> 8;
	p[7] = id;
	p += 8;
	for (i = 0; i < plen; i++)
		p[i] = rnd ? fuzz_get8(rnd) : pattern(k, off + i);
	return skb;
}

/* As ip6_in.c hands a fragment over: trimmed, walked, under the lock. */
static void frag6_send(struct sk_buff *skb, struct tip_if *ifp)
{
	struct tip_ip6_view v;
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	struct sk_buff *out;
	unsigned int len;

	if (tip_ip6_wire_parse(skb->data, skb->len, skb->len, &v)) {
		kfree_skb(skb);
		return;
	}
	skb->len = TIP_IP6_HLEN + v.payload_len;
	len = min_t(unsigned int, skb->len,
		    TIP_IP6_HLEN + TIP_IP6_CHAIN_MAX + 8);
	if (tip_ip6_exthdr_walk(skb->data, len, &c, &e) != TIP_IP6_WALK_FRAG) {
		kfree_skb(skb);
		return;
	}
	skb_reset_network_header(skb);
	memset(skb->cb, 0, sizeof(skb->cb));
	TIP_CB(skb)->iif = ifp;
	spin_lock_bh(&tn.lock);
	out = tip_ip6_defrag(&tn, skb, &c);
	spin_unlock_bh(&tn.lock);
	if (out)
		frag6_out(out, ntohl(c.frag_id));
}

/* One fragment of datagram k, as the input describes it. */
static void step_frag(struct fuzz_in *in, bool v6)
{
	u8 sel = fuzz_get8(in);
	unsigned int k = sel & 3, plen = fuzz_get16(in) % (FRAG_MAX_PLEN + 1);
	u16 off = fuzz_get16(in);
	bool more = sel & 4, rnd = sel & 8;
	struct tip_if *ifp = links[sel >> 4 & 1];
	struct sk_buff *skb;

	if (rnd)
		tainted[v6][k] = true;
	if (!v6) {
		skb = frag4_build(k, htons(k), (off & IP_OFFSET) * 8, plen,
				  more, (sel >> 5 & 3) * 4 * (sel >> 7 ? 3 : 1),
				  rnd ? in : NULL);
		frag4_send(skb, ifp);
		return;
	}
	skb = frag6_build(k, k, off & ~7, plen, more, sel & 0x20, sel & 0x40,
			  rnd ? in : NULL);
	frag6_send(skb, ifp);
}

/* A header and payload the input writes whole: any field, any length. */
static void step_raw(struct fuzz_in *in)
{
	u8 sel = fuzz_get8(in);
	unsigned int len = fuzz_get16(in) % 1600, i;
	struct sk_buff *skb = frag_alloc(len);
	u8 *p;

	p = skb_put(skb, len);
	for (i = 0; i < len; i++)
		p[i] = fuzz_get8(in);
	if (sel & 1) {
		memset(tainted[1], 1, sizeof(tainted[1]));
		if (len >= TIP_IP6_HLEN) {
			p[0] = 0x60 | (p[0] & 0x0f);
			/* Not from the complete datagrams' source. */
			if (p[8 + 15] == FRAG6_WHOLE_SRC)
				p[8 + 15]++;
		}
		frag6_send(skb, links[sel >> 1 & 1]);
		return;
	}
	memset(tainted[0], 1, sizeof(tainted[0]));
	/* The checksum made right, so the fuzzer gets past it. */
	if (len >= sizeof(struct iphdr)) {
		struct iphdr *iph = (struct iphdr *)p;

		iph->version = 4;
		if (iph->saddr == htonl(FRAG4_WHOLE_SRC))
			iph->saddr = 0;
		if (iph->ihl * 4u <= len) {
			iph->check = 0;
			iph->check = ip_fast_csum(iph, iph->ihl);
		}
	}
	frag4_send(skb, links[sel >> 1 & 1]);
}

/* Sends a fragment of a complete datagram; the datagram if it came out. */
static struct sk_buff *whole_send(bool v6, unsigned int k, u32 id,
				  unsigned int off, unsigned int len,
				  bool more, struct tip_if *ifp)
{
	struct sk_buff *skb, *out;

	if (v6) {
		struct tip_ip6_chain c;
		struct tip_ip6_perr e;
		enum tip_ip6_walk walk;

		skb = frag6_build(k, id, off, len, more, false, false, NULL);
		walk = tip_ip6_exthdr_walk(skb->data, skb->len, &c, &e);
		FUZZ_CHECK(walk == TIP_IP6_WALK_FRAG);
		memset(skb->cb, 0, sizeof(skb->cb));
		TIP_CB(skb)->iif = ifp;
		skb_reset_network_header(skb);
		spin_lock_bh(&tn.lock);
		out = tip_ip6_defrag(&tn, skb, &c);
		spin_unlock_bh(&tn.lock);
	} else {
		struct tip_ip4_view v;

		skb = frag4_build(k, htons(id), off, len, more, 0, NULL);
		FUZZ_CHECK(!tip_ip4_wire_parse(skb->data, skb->len, skb->len,
					       &v));
		memset(skb->cb, 0, sizeof(skb->cb));
		TIP_CB(skb)->iif = ifp;
		skb_reset_network_header(skb);
		spin_lock_bh(&tn.lock);
		out = tip_ip4_defrag(&tn, skb, &v);
		spin_unlock_bh(&tn.lock);
	}
	return out;
}

#define WHOLE_MAX_FRAGS	256

static unsigned int gcd(unsigned int a, unsigned int b)
{
	while (b) {
		unsigned int t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/*
 * A whole datagram cut into fragments and sent in an order the input
 * picks, the first one sent perhaps twice in a row (an exact duplicate,
 * RFC 8200 4.5): with room in the budget and the queue limits it must
 * come out whole with the last fragment sent, and only then.
 */
static void step_whole(struct fuzz_in *in)
{
	u8 sel = fuzz_get8(in);
	bool v6 = sel & 1, dup = sel & 8;
	unsigned int k = FRAG_KEYS + (sel >> 2 & 1);
	unsigned int plen = fuzz_get16(in) % 6000 + 1;
	unsigned int fsize = (fuzz_get8(in) % 64 + 1) * 8;
	unsigned int step = fuzz_get8(in) | 1, start = fuzz_get8(in);
	struct tip_defrag *d = v6 ? &tn.ip6.frag : &tn.ip4.frag;
	struct tip_if *ifp = links[sel >> 1 & 1];
	unsigned int seq[WHOLE_MAX_FRAGS + 1], n, sends, i;
	unsigned int per = sizeof(struct sk_buff) + TIP_IP6_HLEN + 8 + fsize;
	u32 id = FRAG_KEYS + whole_id++;
	struct sk_buff *out = NULL;
	bool room;

	/* RFC 1858: TCP's first fragment must hold its header. */
	if (!v6 && (k & 1) && fsize < 24)
		fsize = 24;
	n = (plen + fsize - 1) / fsize;
	if (n < 2 || n > WHOLE_MAX_FRAGS)
		return;
	/* Room: a fresh queue, every fragment's truesize, no budget. */
	room = !tip_shim_fail_in && d->set.count < d->set.max_queues &&
	       d->set.mem + sizeof(struct tip_frag_q) + (n + 1) * per <=
	       d->set.mem_limit && !tip_mem_budget(&tn.mem);
	/* A step coprime with n walks every fragment once. */
	while (gcd(step, n) != 1)
		step++;
	sends = 0;
	for (i = 0; i < n; i++) {
		seq[sends++] = (start + i * step) % n;
		if (!i && dup)
			seq[sends++] = seq[0];
	}
	for (i = 0; i < sends && !out; i++) {
		unsigned int off = seq[i] * fsize;

		out = whole_send(v6, k, id, off, min(fsize, plen - off),
				 seq[i] != n - 1, ifp);
		if (!out)
			frag_check();
	}
	if (!out) {
		FUZZ_CHECK(!room);
		return;
	}
	FUZZ_CHECK(i == sends);
	FUZZ_CHECK(link_alive(TIP_CB(out)->iif));
	if (v6) {
		const struct ipv6hdr *ip6 = (const struct ipv6hdr *)out->data;

		FUZZ_CHECK(out->len == TIP_IP6_HLEN + plen);
		FUZZ_CHECK(ntohs(ip6->payload_len) == plen);
		FUZZ_CHECK(ip6->nexthdr == (k & 1 ? IPPROTO_TCP : IPPROTO_UDP));
		frag_check_pattern(k, out->data + TIP_IP6_HLEN, plen);
	} else {
		struct tip_ip4_view v;

		FUZZ_CHECK(!tip_ip4_wire_parse(out->data, out->len, out->len,
					       &v));
		FUZZ_CHECK(v.tot_len == sizeof(struct iphdr) + plen);
		FUZZ_CHECK(!v.mf && !v.frag_off && ntohs(v.id) == id);
		frag_check_pattern(k, out->data + sizeof(struct iphdr), plen);
	}
	kfree_skb(out);
}

/* A link goes away: its queues with it, then its memory. */
static void step_link_gone(struct fuzz_in *in)
{
	unsigned int i = fuzz_get8(in) % FRAG_LINKS;
	struct tip_if *ifp = links[i];

	spin_lock_bh(&tn.lock);
	tip_ip4_defrag_if_gone(&tn, ifp);
	tip_ip6_defrag_if_gone(&tn, ifp);
	spin_unlock_bh(&tn.lock);
	links[i] = link_new(ifp->ifindex + FRAG_LINKS);
	free(ifp);
}

static void frag_run(struct fuzz_in *in)
{
	unsigned int steps = 0;
	u8 sel;

	while (in->left && steps++ < FRAG_MAX_STEPS) {
		switch (fuzz_get8(in) % 8) {
		case 0:
		case 1:
			step_frag(in, false);
			break;
		case 2:
		case 3:
			step_frag(in, true);
			break;
		case 4:
			/* Up to 65 s: past either family's timeout. */
			frag_tick(fuzz_get16(in) % (65 * HZ));
			break;
		case 5:
			step_link_gone(in);
			break;
		case 6:
			if (fuzz_get8(in) & 1)
				step_raw(in);
			else
				step_whole(in);
			break;
		case 7:
			sel = fuzz_get8(in);
			if (sel & 0x80)
				/* The n-th allocation of the core from now. */
				tip_shim_fail_in = sel & 0x7f;
			else
				/* A budget, in 256-byte steps (0: none). */
				tip_mem_set_budget(&tn.mem, sel * 256);
			break;
		}
		frag_check();
	}
}

int FUZZ_ENTRY(const u8 *data, size_t size)
{
	struct fuzz_in in = { data, size };
	unsigned int i;
	bool unload;

	memset(&tn, 0, sizeof(tn));
	memset(tainted, 0, sizeof(tainted));
	whole_id = 0;
	reports = 0;
	/* Five minutes before the wrap: timeouts straddle it. */
	jiffies = (unsigned long)(-300 * HZ);
	tip_mem_init(&tn.mem);
	spin_lock_init(&tn.lock);
	for (i = 0; i < FRAG_LINKS; i++)
		links[i] = link_new(i + 1);
	tip_ip4_defrag_init(&tn);
	tip_ip6_defrag_init(&tn);

	/* The first byte: how the program ends. */
	unload = fuzz_get8(&in) & 1;
	frag_run(&in);
	tip_shim_fail_in = 0;

	if (!unload) {
		/* Every queue times out: nothing may be left behind. */
		tip_mem_set_budget(&tn.mem, 0);
		frag_tick(61 * HZ);
		frag_check();
		FUZZ_CHECK(list_empty(&tn.ip4.frag.set.queues));
		FUZZ_CHECK(list_empty(&tn.ip6.frag.set.queues));
	}
	/* Or the instance goes with its queues (as pernet exit). */
	tip_ip4_defrag_exit(&tn);
	tip_ip6_defrag_exit(&tn);
	FUZZ_CHECK(!tip_mem_used(&tn.mem));
	FUZZ_CHECK(!tip_shim_skbs && !tip_shim_slabs);
	FUZZ_CHECK(!timer_pending(&tn.ip4.frag.timer) &&
		   !timer_pending(&tn.ip6.frag.timer));
	for (i = 0; i < FRAG_LINKS; i++)
		free(links[i]);
	return 0;
}
