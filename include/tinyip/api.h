/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tinyip's native ("raw") API for other kernel modules: UDP and UDP-Lite
 * endpoints without a file descriptor or a struct sock, in the spirit of
 * lwIP's raw API. Symbols are exported in the TINYIP namespace: a user
 * module says MODULE_IMPORT_NS(TINYIP).
 *
 * Addresses and ports are in network byte order. Every call sleeps
 * unless said otherwise (process context), and none may be made from
 * the receive callback except tinyip_udp_sendto_locked().
 */
#ifndef _TINYIP_API_H
#define _TINYIP_API_H

#include <linux/in6.h>
#include <linux/skbuff.h>
#include <linux/types.h>

struct net;
struct tinyip_udp;

/*
 * Receive callback. Called with the instance lock held, in softirq (the
 * device's receive path) or in the loopback link's work item with BH
 * disabled: it must not sleep, and may call tinyip_udp_sendto_locked()
 * only. @skb is the callee's to free: skb->data is at the payload,
 * skb->len its length (possibly nonlinear: use skb_copy_bits()).
 * @saddr/@sport are the sender's.
 */
typedef void (*tinyip_udp_recv_t)(struct tinyip_udp *u, void *ctx,
				  struct sk_buff *skb, __be32 saddr,
				  __be16 sport);

/*
 * The same for an endpoint that speaks IPv6 too: @saddr is the sender as
 * struct in6_addr (an IPv4 one as ::ffff:a.b.c.d), @ifindex the link it
 * came in on (0 for tinyip's loopback), which names the scope of a
 * link-local sender. Set with tinyip_udp_set_recv6(); it then gets every
 * datagram of both families. An endpoint with only a tinyip_udp_recv_t
 * has its IPv6 datagrams dropped, as that callback cannot name them.
 */
typedef void (*tinyip_udp_recv6_t)(struct tinyip_udp *u, void *ctx,
				   struct sk_buff *skb,
				   const struct in6_addr *saddr, __be16 sport,
				   int ifindex);

/* Options for tinyip_udp_setopt(), with the socket options' meanings. */
enum tinyip_udp_opt {
	TINYIP_UDP_REUSEADDR,		/* bool, before bind */
	TINYIP_UDP_BROADCAST,		/* bool: allow sending to broadcast */
	TINYIP_UDP_BINDTODEVICE,	/* ifindex, 0 for none */
	TINYIP_UDP_TTL,			/* 1..255, 0 for the default */
	TINYIP_UDP_TOS,
	TINYIP_UDP_MULTICAST_TTL,	/* 0..255 */
	TINYIP_UDP_MULTICAST_LOOP,	/* bool */
	TINYIP_UDP_MULTICAST_IF,	/* ifindex, 0 for the route's */
	TINYIP_UDPLITE_SEND_CSCOV,	/* UDP-Lite only, as UDPLITE_SEND_CSCOV */
	TINYIP_UDPLITE_RECV_CSCOV,	/* UDP-Lite only, as UDPLITE_RECV_CSCOV */
};

/* @proto is IPPROTO_UDP or IPPROTO_UDPLITE; @recv may be NULL. */
struct tinyip_udp *tinyip_udp_new(struct net *net, int proto,
				  tinyip_udp_recv_t recv, void *ctx);
void tinyip_udp_free(struct tinyip_udp *u);
/* Before the endpoint can receive (bind or connect); NULL turns it off. */
void tinyip_udp_set_recv6(struct tinyip_udp *u, tinyip_udp_recv6_t recv6);

int tinyip_udp_setopt(struct tinyip_udp *u, enum tinyip_udp_opt opt,
		      int val);
/* Port 0 picks an ephemeral port (RFC 6056). No privilege check. */
int tinyip_udp_bind(struct tinyip_udp *u, __be32 addr, __be16 port);
/* @addr 0 disconnects. */
int tinyip_udp_connect(struct tinyip_udp *u, __be32 addr, __be16 port);
int tinyip_udp_getname(struct tinyip_udp *u, __be32 *addr, __be16 *port);

/* Sends @len bytes; @daddr 0 means the connected peer. */
int tinyip_udp_sendto(struct tinyip_udp *u, const void *buf, size_t len,
		      __be32 daddr, __be16 dport);
/* The same, from the receive callback (instance lock held, atomic). */
int tinyip_udp_sendto_locked(struct tinyip_udp *u, const void *buf,
			     size_t len, __be32 daddr, __be16 dport);

/*
 * The IPv6 forms (RFC 3493 addressing): an IPv4 peer is given as
 * ::ffff:a.b.c.d. bind6 and connect6 make the endpoint an IPv6 one, whose
 * wildcard :: takes IPv4 too. The __be32 calls above are these with the
 * mapped address. IPv6 peers get -ENETUNREACH until IPv6 transport
 * output exists. getname on an IPv6-bound endpoint gives -EAFNOSUPPORT.
 * sendto6 with a NULL @daddr sends to the connected peer; connect6 to
 * :: disconnects.
 */
int tinyip_udp_bind6(struct tinyip_udp *u, const struct in6_addr *addr,
		     __be16 port);
int tinyip_udp_connect6(struct tinyip_udp *u, const struct in6_addr *addr,
			__be16 port);
int tinyip_udp_getname6(struct tinyip_udp *u, struct in6_addr *addr,
			__be16 *port);
int tinyip_udp_sendto6(struct tinyip_udp *u, const void *buf, size_t len,
		       const struct in6_addr *daddr, __be16 dport);
int tinyip_udp_sendto6_locked(struct tinyip_udp *u, const void *buf,
			      size_t len, const struct in6_addr *daddr,
			      __be16 dport);

/* IPv4 multicast membership (RFC 1112); @ifindex 0 follows the route. */
int tinyip_udp_join(struct tinyip_udp *u, __be32 group, int ifindex);
int tinyip_udp_leave(struct tinyip_udp *u, __be32 group, int ifindex);

/*
 * TCP (RFC 9293) in the style of lwIP's raw API: a handle wraps a TCP
 * PCB, the same one a SOCK_STREAM socket wraps, with callbacks instead
 * of queues and waits. An idle connection costs the PCB and this small
 * handle, no struct sock.
 *
 * Calls without a suffix sleep (process context) and take the instance
 * lock themselves. Calls ending in _locked are for use inside the
 * callbacks, which run with the instance lock held, in softirq or with BH
 * disabled: they never sleep. A handle is used by one caller at a time.
 *
 * Received data: @recv gets each in-order skb (skb->data at the payload,
 * possibly nonlinear: use skb_copy_bits()); the callee owns and frees it,
 * and calls tinyip_tcp_recved[_locked]() with the bytes it consumed to
 * reopen the receive window (lwIP's tcp_recved()). A NULL skb is the
 * peer's FIN. With no @recv, data is consumed and dropped.
 *
 * Lifetime: a handle lives until tinyip_tcp_close() or tinyip_tcp_abort()
 * (or their _locked forms), also after @err reported the connection
 * dead; no callback runs once those return. Unlike lwIP, @err does not
 * free the handle.
 */
struct tinyip_tcp;

struct tinyip_tcp_ops {
	void (*recv)(struct tinyip_tcp *t, void *ctx, struct sk_buff *skb);
	/* @acked bytes of our data were acknowledged: room to write. */
	void (*sent)(struct tinyip_tcp *t, void *ctx, u32 acked);
	/* The connection died: -ECONNRESET, -ECONNREFUSED, -ETIMEDOUT... */
	void (*err)(struct tinyip_tcp *t, void *ctx, int err);
	/*
	 * A listener has a new connection @nt, which starts with the
	 * listener's ops and ctx (change them with
	 * tinyip_tcp_set_callbacks_locked()). Return 0 to keep it, or an
	 * errno to refuse it: it is then reset and freed. Data that came
	 * before is delivered to @nt's @recv right after. Without @accept,
	 * connections wait for tinyip_tcp_accept().
	 */
	int (*accept)(struct tinyip_tcp *lt, void *ctx, struct tinyip_tcp *nt);
	/* Periodic, every tinyip_tcp_poll() interval (lwIP's tcp_poll). */
	void (*poll)(struct tinyip_tcp *t, void *ctx);
};

/* An active open reached ESTABLISHED (failures go to @err). */
typedef void (*tinyip_tcp_connected_t)(struct tinyip_tcp *t, void *ctx);

/* Options for tinyip_tcp_setopt(), with the socket options' meanings. */
enum tinyip_tcp_opt {
	TINYIP_TCP_NODELAY,		/* bool */
	TINYIP_TCP_KEEPALIVE,		/* bool, as SO_KEEPALIVE */
	TINYIP_TCP_KEEPIDLE,		/* seconds, 1..32767 */
	TINYIP_TCP_KEEPINTVL,		/* seconds, 1..32767 */
	TINYIP_TCP_KEEPCNT,		/* 1..127 */
	TINYIP_TCP_USER_TIMEOUT,	/* ms, 0 for the default */
	TINYIP_TCP_MAXSEG,		/* 0, or 88..32767; before connect */
	TINYIP_TCP_REUSEADDR,		/* bool, before bind */
	TINYIP_TCP_BINDTODEVICE,	/* ifindex, 0 for none */
	TINYIP_TCP_SNDBUF,		/* bytes of payload */
	TINYIP_TCP_RCVBUF,		/* bytes of payload; before connect */
	TINYIP_TCP_TTL,			/* 1..255, 0 for the default */
	TINYIP_TCP_TOS,
};

/* Flags of tinyip_tcp_write(). */
#define TINYIP_TCP_WRITE_MORE	0x1	/* more follows: hold a short segment */

struct tinyip_tcp *tinyip_tcp_new(struct net *net);
void tinyip_tcp_set_callbacks(struct tinyip_tcp *t,
			      const struct tinyip_tcp_ops *ops, void *ctx);
void tinyip_tcp_set_callbacks_locked(struct tinyip_tcp *t,
				     const struct tinyip_tcp_ops *ops,
				     void *ctx);
int tinyip_tcp_setopt(struct tinyip_tcp *t, enum tinyip_tcp_opt opt,
		      int val);
/* "newreno", "cubic", or another registered congestion control. */
int tinyip_tcp_set_cc(struct tinyip_tcp *t, const char *name);

/* Port 0 picks an ephemeral port (RFC 6056). No privilege check. */
int tinyip_tcp_bind(struct tinyip_tcp *t, __be32 addr, __be16 port);
int tinyip_tcp_listen(struct tinyip_tcp *t, int backlog);
/* The next queued connection of a listener without an @accept callback,
 * with @ops and @ctx; ERR_PTR(-EAGAIN) when none is waiting. Never
 * sleeps: wait for the listener's @poll or retry.
 */
struct tinyip_tcp *tinyip_tcp_accept(struct tinyip_tcp *lt,
				     const struct tinyip_tcp_ops *ops,
				     void *ctx);
/* Starts an active open; returns 0 while the handshake goes on. */
int tinyip_tcp_connect(struct tinyip_tcp *t, __be32 addr, __be16 port,
		       tinyip_tcp_connected_t connected);
/* IPv6 forms (see the UDP ones): bind6 to :: takes IPv4 as well. */
int tinyip_tcp_bind6(struct tinyip_tcp *t, const struct in6_addr *addr,
		     __be16 port);
int tinyip_tcp_connect6(struct tinyip_tcp *t, const struct in6_addr *addr,
			__be16 port, tinyip_tcp_connected_t connected);

/*
 * Queues up to @len bytes for sending and returns how many it queued
 * (fewer when the send buffer fills, -EAGAIN when nothing fits), or an
 * errno (-ENOTCONN, -EPIPE, -ENOBUFS...). Sends nothing by itself:
 * call tinyip_tcp_output_locked(), as lwIP's tcp_write()/tcp_output().
 */
int tinyip_tcp_write_locked(struct tinyip_tcp *t, const void *buf,
			    size_t len, unsigned int flags);
void tinyip_tcp_output_locked(struct tinyip_tcp *t);
void tinyip_tcp_recved_locked(struct tinyip_tcp *t, u32 len);
/*
 * Queues all @len bytes, sending as it goes and waiting for room;
 * returns @len, or the bytes queued before an error or a signal, or an
 * errno when none were.
 */
int tinyip_tcp_write(struct tinyip_tcp *t, const void *buf, size_t len,
		     unsigned int flags);
void tinyip_tcp_output(struct tinyip_tcp *t);
void tinyip_tcp_recved(struct tinyip_tcp *t, u32 len);

/* SHUT_RD, SHUT_WR or SHUT_RDWR: SHUT_WR sends our FIN after the data. */
int tinyip_tcp_shutdown(struct tinyip_tcp *t, int how);
/* A graceful close (FIN after the queued data; RST if received data was
 * left unconsumed) and frees the handle. The stack finishes the closing
 * handshake on its own.
 */
void tinyip_tcp_close(struct tinyip_tcp *t);
void tinyip_tcp_close_locked(struct tinyip_tcp *t);
/* Sends a RST and frees the handle. */
void tinyip_tcp_abort(struct tinyip_tcp *t);
void tinyip_tcp_abort_locked(struct tinyip_tcp *t);

/* Calls @poll every @interval_ms (0 stops), whatever the traffic. */
int tinyip_tcp_poll(struct tinyip_tcp *t, unsigned int interval_ms);
int tinyip_tcp_poll_locked(struct tinyip_tcp *t, unsigned int interval_ms);

/* Lockless snapshots, usable anywhere, callbacks included. */
int tinyip_tcp_state(struct tinyip_tcp *t);	/* TCP_ESTABLISHED... */
int tinyip_tcp_getname(struct tinyip_tcp *t, bool peer, __be32 *addr,
		       __be16 *port);
int tinyip_tcp_getname6(struct tinyip_tcp *t, bool peer,
			struct in6_addr *addr, __be16 *port);
/* Bytes tinyip_tcp_write() can queue now (lwIP's tcp_sndbuf()). */
u32 tinyip_tcp_sndbuf(struct tinyip_tcp *t);
u32 tinyip_tcp_sndbuf_locked(struct tinyip_tcp *t);

/*
 * DNS (RFC 1035, RFC 3596): looks @name up, A (1) or AAAA (28), through
 * the netns's resolver (its servers, cache and, for .local names, mDNS).
 * Returns 0 and calls @cb exactly once, or an errno (-EINVAL for a bad
 * name or type, -EHOSTUNREACH without a server...) and never calls it.
 * @cb runs in process context with no lock held and may sleep; a cached
 * answer calls it before tinyip_dns_resolve() returns. @err is 0 (with
 * @naddr addresses, IPv4 as ::ffff:a.b.c.d; none for NODATA), -ENOENT
 * (NXDOMAIN), -ETIMEDOUT, -EIO (server failure) or -ESHUTDOWN (the netns
 * went away); @ttl is in seconds. Only with the resolver built in
 * (TINYIP_DNS=y).
 */
typedef void (*tinyip_dns_cb_t)(void *ctx, int err,
				const struct in6_addr *addr,
				unsigned int naddr, u32 ttl);
int tinyip_dns_resolve(struct net *net, const char *name, u16 qtype,
		       tinyip_dns_cb_t cb, void *ctx);

#endif /* _TINYIP_API_H */
