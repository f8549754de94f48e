/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AF_TINYIP datagram and raw sockets: a struct sock wrapping a UDP or raw
 * PCB. The PCB holds the protocol state, the socket only the queue and
 * the waiting, so the raw API and sockets share one implementation.
 */
#ifndef _TINYIP_SOCK_H
#define _TINYIP_SOCK_H

#include <linux/net.h>
#include <linux/sockptr.h>
#include <net/sock.h>

#include <tinyip/raw.h>
#include <tinyip/tcp.h>
#include <tinyip/udp.h>

struct tip_sock {
	struct sock sk;			/* first: sk_alloc() sizes by obj_size */
	struct tip_udp_pcb *udp;	/* SOCK_DGRAM */
	struct tip_raw_pcb *raw;	/* SOCK_RAW */
	struct tip_tcp_pcb *tcp;	/* SOCK_STREAM */
};

static inline struct tip_sock *tip_sk(const struct sock *sk)
{
	return container_of(sk, struct tip_sock, sk);
}

/*
 * A socket address from the user (RFC 3493 3.3, 3.4): sockaddr_in or
 * sockaddr_in6, family AF_INET/AF_INET6 or AF_TINYIP; IPv4 mapped.
 */
struct tip_sockaddr {
	struct in6_addr addr;
	__be16 port;
	bool v6;			/* came as a sockaddr_in6 */
	int scope_id;			/* sin6_scope_id, 0 for none */
};

/*
 * What the socket-address layer needs of an endpoint: its options (the
 * flavour, V6ONLY, the device), its local address, and whether bind,
 * connect or an autobind already gave it one (the flavour is then fixed).
 */
struct tip_sock_ep {
	struct tip_inet *inet;
	struct in6_addr *laddr;
	bool bound;
};

/* module/sock.c: the socket-address layer of every AF_TINYIP socket. */
int tip_sock_parse(const struct sockaddr *uaddr, int len,
		   struct tip_sockaddr *sa);
int tip_sock_apply(struct sock *sk, const struct tip_sock_ep *ep,
		   const struct tip_sockaddr *sa, bool bind);
int tip_sock_name(struct sockaddr *uaddr, const struct tip_inet *inet,
		  const struct in6_addr *addr, __be16 port, int ifindex);
int tip_sock_skb_name(struct sockaddr *uaddr, const struct tip_inet *inet,
		      struct sk_buff *skb, __be16 port);
/* Fills @ep for @sk, under tn->lock. */
typedef void (*tip_sock_ep_t)(struct sock *sk, struct tip_sock_ep *ep);
int tip_sock_ipv6_setsockopt(struct sock *sk, tip_sock_ep_t ep_of,
			     int optname, sockptr_t optval,
			     unsigned int optlen);
int tip_sock_ipv6_getsockopt(struct sock *sk, struct tip_inet *inet,
			     int optname, char __user *optval,
			     int __user *optlen);
/* Ancillary data of a received datagram (IPV6_PKTINFO), at recvmsg. */
void tip_sock_cmsg6(struct msghdr *msg, const struct tip_inet *inet,
		    struct sk_buff *skb);
/* module/sock.c: what datagram and raw sockets have in common. */
int tip_sock_queue_rcv(struct sock *sk, struct sk_buff *skb);
void tip_sock_rfree(struct sk_buff *skb);
/* module/sock_err.c: the error queue (IP_RECVERR, IPV6_RECVERR). */
void tip_sock_queue_err(struct sock *sk, const struct tip_udp_icmp *e);
int tip_sock_recv_err(struct sock *sk, const struct tip_inet *inet,
		      struct msghdr *msg, size_t len);
void tip_sock_sync(struct sock *sk, struct tip_inet *inet);
int tip_sock_ip_setsockopt(struct sock *sk, struct tip_inet *inet,
			   int optname, sockptr_t optval, unsigned int optlen);
int tip_sock_ip_getsockopt(struct sock *sk, struct tip_inet *inet,
			   int optname, char __user *optval,
			   int __user *optlen);
int tip_sock_put_int(int val, char __user *optval, int __user *optlen,
		     bool short_ok);

/* module/sock_dgram.c: the protocol switch entries. */
int tip_sock_dgram_init(void);
void tip_sock_dgram_exit(void);
int tip_sock_raw_init(void);
void tip_sock_raw_exit(void);

#endif /* _TINYIP_SOCK_H */
