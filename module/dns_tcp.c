// SPDX-License-Identifier: GPL-2.0
/*
 * DNS over TCP for answers that did not fit a UDP datagram (RFC 1035
 * 4.2.2, RFC 7766 5: a truncated response is asked again over TCP), on
 * tinyip's own TCP through its raw API (include/tinyip/api.h). The
 * message goes with a two-byte length in front, and the answer comes
 * back the same way; it is checked exactly as a UDP one.
 *
 * The connection is made from a work item (connecting sleeps); its
 * callbacks run under tn->lock, as the UDP receive path does. The
 * lookup's timer bounds the whole exchange.
 */
#include <linux/slab.h>

#include <tinyip/api.h>
#include <tinyip/dns.h>
#include <tinyip/tinyip.h>

#include "dns_local.h"

#define TIP_DNS_TCP_MS		3000
/* Longer answers than this are refused rather than buffered. */
#define TIP_DNS_TCP_MAX		(2 + 8192)

static void tip_dns_tcp_recv(struct tinyip_tcp *t, void *ctx,
			     struct sk_buff *skb)
{
	struct tip_dns_query *q = ctx;
	struct tip_net *tn = q->tn;
	unsigned int want;
	int err;

	if (!skb) {	/* FIN before the whole answer */
		tip_dns_query_end(q, -ECONNRESET);
		return;
	}
	if (q->done) {
		consume_skb(skb);
		return;
	}
	if (q->tcp_len + skb->len > TIP_DNS_TCP_MAX) {
		tip_dns_count(tn, TINYIP_DNS_STAT_REJ_COUNT);
		tip_dns_query_end(q, -EMSGSIZE);
		consume_skb(skb);
		return;
	}
	if (skb_copy_bits(skb, 0, q->tcp_buf + q->tcp_len, skb->len)) {
		consume_skb(skb);
		return;
	}
	q->tcp_len += skb->len;
	tinyip_tcp_recved_locked(t, skb->len);
	consume_skb(skb);
	if (q->tcp_len < 2)
		return;
	want = 2 + ((q->tcp_buf[0] << 8) | q->tcp_buf[1]);
	if (q->tcp_len < want)
		return;
	err = tip_dns_parse_response(q->tcp_buf + 2, want - 2, q->id,
				     q->qname, q->qname_len, q->qtype, false,
				     &q->rx);
	if (err) {
		tip_dns_count(tn, -err);
		tip_dns_query_end(q, -EPROTO);
		return;
	}
	if (q->rx.rcode != TIP_DNS_RCODE_NOERROR &&
	    q->rx.rcode != TIP_DNS_RCODE_NXDOMAIN) {
		tip_dns_count(tn, TINYIP_DNS_STAT_REJ_RCODE);
		q->last_rcode = q->rx.rcode;
		tip_dns_query_end(q, -ETIMEDOUT);
		return;
	}
	tip_dns_query_answer(q, &q->rx);
}

static void tip_dns_tcp_err(struct tinyip_tcp *t, void *ctx, int err)
{
	struct tip_dns_query *q = ctx;

	tip_dns_query_end(q, err);
}

static const struct tinyip_tcp_ops tip_dns_tcp_ops = {
	.recv = tip_dns_tcp_recv,
	.err = tip_dns_tcp_err,
};

/* Connected: the question, with its length in front (RFC 1035 4.2.2). */
static void tip_dns_tcp_connected(struct tinyip_tcp *t, void *ctx)
{
	struct tip_dns_query *q = ctx;
	u8 buf[2 + TIP_DNS_HDR_LEN + TIP_DNS_NAME_MAX + 4];
	int len;

	if (q->done)
		return;
	len = tip_dns_build_query(buf + 2, sizeof(buf) - 2, q->id, q->qname,
				  q->qname_len, q->qtype, false);
	if (len < 0)
		return;
	buf[0] = len >> 8;
	buf[1] = len;
	if (tinyip_tcp_write_locked(t, buf, len + 2, 0) != len + 2) {
		tip_dns_query_end(q, -ENOBUFS);
		return;
	}
	tip_dns_count(q->tn, TINYIP_DNS_STAT_QUERIES);
	tinyip_tcp_output_locked(t);
}

static void tip_dns_tcp_work(struct work_struct *w)
{
	struct tip_dns_query *q = container_of(w, struct tip_dns_query,
					       tcp_work);
	const struct tip_dns_target *target = &q->targets[q->cur];
	struct tip_net *tn = q->tn;
	struct tinyip_tcp *t;
	int err;

	q->tcp_buf = tip_mem_zalloc(&tn->mem, TINYIP_MEM_RCVQ,
				    TIP_DNS_TCP_MAX, GFP_KERNEL);
	if (!q->tcp_buf) {
		err = -ENOBUFS;
		goto fail;
	}
	t = tinyip_tcp_new(tn->net);
	if (IS_ERR(t)) {
		err = PTR_ERR(t);
		goto fail;
	}
	tinyip_tcp_set_callbacks(t, &tip_dns_tcp_ops, q);
	q->tcp_conn = t;
	if (target->ifindex)
		tinyip_tcp_setopt(t, TINYIP_TCP_BINDTODEVICE, target->ifindex);
	err = tinyip_tcp_connect6(t, &target->addr, htons(target->port),
				  tip_dns_tcp_connected);
	if (!err)
		return;
fail:
	spin_lock_bh(&tn->lock);
	tip_dns_query_end(q, err);
	spin_unlock_bh(&tn->lock);
}

/* A truncated UDP answer (under tn->lock): the same server over TCP. */
void tip_dns_tcp_start(struct tip_dns_query *q)
{
	q->tcp = true;
	tip_dns_count(q->tn, TINYIP_DNS_STAT_TCP_FALLBACKS);
	INIT_WORK(&q->tcp_work, tip_dns_tcp_work);
	mod_timer(&q->timer, jiffies + msecs_to_jiffies(TIP_DNS_TCP_MS));
	queue_work(system_unbound_wq, &q->tcp_work);
}

/* The lookup ended (process context): the connection goes. */
void tip_dns_tcp_stop(struct tip_dns_query *q)
{
	if (!q->tcp)
		return;
	cancel_work_sync(&q->tcp_work);
	if (q->tcp_conn)
		tinyip_tcp_abort(q->tcp_conn);
	q->tcp_conn = NULL;
	if (q->tcp_buf)
		tip_mem_free(&q->tn->mem, TINYIP_MEM_RCVQ, q->tcp_buf,
			     TIP_DNS_TCP_MAX);
	q->tcp_buf = NULL;
}
