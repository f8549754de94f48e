// SPDX-License-Identifier: GPL-2.0
/*
 * The socket error queue of datagram sockets: IP_RECVERR and
 * IPV6_RECVERR (Linux's API for RFC 1122 4.1.3.3 and RFC 4443 2.4, which
 * ask that ICMP errors reach the application). Each ICMP or ICMPv6 error
 * about a datagram the socket sent becomes an entry holding what the
 * error quotes of the datagram, where it was going and who complained;
 * recvmsg(MSG_ERRQUEUE) hands them out in the layout Linux uses, so
 * traceroute-style programs and their tests run unchanged.
 */
#include <linux/errqueue.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/skbuff.h>
#include <net/sock.h>

#include <tinyip/addr.h>
#include <tinyip/fault.h>
#include <tinyip/mem.h>
#include <tinyip/sock.h>
#include <tinyip/tinyip.h>

/*
 * Kept in front of the entry's data (at its network header): sock_exterr_skb
 * in skb->cb has room for the port but not for the two addresses.
 */
struct tip_sock_errhdr {
	struct in6_addr daddr;
	struct in6_addr offender;
	int ifindex;
};

/*
 * Queue @e on @sk's error queue, under tn->lock. Charged to SO_RCVBUF
 * and the instance's budget like a received datagram; an entry that does
 * not fit is lost and counted as a drop, as Linux loses it.
 */
void tip_sock_queue_err(struct sock *sk, const struct tip_udp_icmp *e)
{
	struct tip_net *tn = tip_net(sock_net(sk));
	unsigned int len = e->skb->len - e->off;
	struct sock_exterr_skb *serr;
	struct tip_sock_errhdr *h;
	struct sk_buff *skb;

	skb = tip_alloc_skb(sizeof(*h) + len, GFP_ATOMIC);
	if (!skb)
		goto drop;
	h = skb_put(skb, sizeof(*h));
	h->daddr = e->daddr;
	h->offender = e->offender;
	h->ifindex = e->ifindex;
	skb_reset_network_header(skb);
	if (skb_copy_bits(e->skb, e->off, skb_put(skb, len), len))
		goto free;
	__skb_pull(skb, sizeof(*h));
	if (atomic_read(&sk->sk_rmem_alloc) >= READ_ONCE(sk->sk_rcvbuf) ||
	    tip_mem_charge(&tn->mem, TINYIP_MEM_RCVQ, skb->truesize))
		goto free;
	skb->sk = sk;
	skb->destructor = tip_sock_rfree;
	atomic_add(skb->truesize, &sk->sk_rmem_alloc);

	serr = SKB_EXT_ERR(skb);
	memset(serr, 0, sizeof(*serr));
	serr->ee.ee_errno = e->err;
	serr->ee.ee_origin = e->origin;
	serr->ee.ee_type = e->type;
	serr->ee.ee_code = e->code;
	serr->ee.ee_info = e->info;
	serr->port = e->dport;
	skb_queue_tail(&sk->sk_error_queue, skb);
	return;
free:
	kfree_skb(skb);
drop:
	atomic_inc(&sk->sk_drops);
}

/*
 * recvmsg(MSG_ERRQUEUE): the oldest entry, as ip_recv_error() and
 * ipv6_recv_error() give it. The data is what the error quoted past the
 * UDP header; the name is where the datagram went; the control message
 * holds the sock_extended_err with the offender behind it, at SOL_IP for
 * a socket that speaks IPv4 and at SOL_IPV6 (offender mapped for an ICMP
 * error) for one that speaks IPv6. Dequeuing sets SO_ERROR to the next
 * entry's error, or clears it.
 */
int tip_sock_recv_err(struct sock *sk, const struct tip_inet *inet,
		      struct msghdr *msg, size_t len)
{
	DECLARE_SOCKADDR(struct sockaddr *, uaddr, msg->msg_name);
	struct {
		struct sock_extended_err ee;
		struct sockaddr_in6 offender;	/* or a sockaddr_in */
	} e;
	const struct tip_sock_errhdr *h;
	struct sock_exterr_skb *serr;
	struct sk_buff *skb;
	size_t copied;
	int err, n;

	skb = sock_dequeue_err_skb(sk);
	if (!skb)
		return -EAGAIN;
	copied = min_t(size_t, len, skb->len);
	if (copied < skb->len)
		msg->msg_flags |= MSG_TRUNC;
	err = skb_copy_datagram_msg(skb, 0, msg, copied);
	if (err)
		goto out;
	serr = SKB_EXT_ERR(skb);
	h = (const struct tip_sock_errhdr *)skb_network_header(skb);
	if (uaddr)
		msg->msg_namelen = tip_sock_name(uaddr, inet, &h->daddr,
						 serr->port, h->ifindex);
	memset(&e, 0, sizeof(e));
	e.ee = serr->ee;
	n = tip_sock_name((struct sockaddr *)&e.offender, inet, &h->offender,
			  0, h->ifindex);
	if (inet->v6)
		put_cmsg(msg, SOL_IPV6, IPV6_RECVERR, sizeof(e.ee) + n, &e);
	else
		put_cmsg(msg, SOL_IP, IP_RECVERR, sizeof(e.ee) + n, &e);
	msg->msg_flags |= MSG_ERRQUEUE;
	err = copied;
out:
	consume_skb(skb);
	return err;
}
