/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of AF_TINYIP SOCK_STREAM sockets share: sock_stream.c
 * (the socket calls and the PCB callbacks), sock_stream_io.c (sendmsg
 * and recvmsg) and sock_stream_opt.c (SOL_TCP, SOL_IP and SOL_IPV6
 * options).
 */
#ifndef _TINYIP_SOCK_STREAM_H
#define _TINYIP_SOCK_STREAM_H

#include <linux/net.h>
#include <linux/sockptr.h>
#include <net/sock.h>

#include <tinyip/sock.h>
#include <tinyip/tcp.h>
#include <tinyip/tinyip.h>

/* Linux's limits for the TCP_KEEP* options. */
#define TIP_STREAM_MAX_KEEPIDLE		32767
#define TIP_STREAM_MAX_KEEPINTVL	32767
#define TIP_STREAM_MAX_KEEPCNT		127
#define TIP_STREAM_MIN_MSS		88
#define TIP_STREAM_DEF_MSS		536
#define TIP_STREAM_MAX_MSS		32767	/* MAX_TCP_WINDOW */
/* While lingering, how often to look at a PCB that no longer calls us. */
#define TIP_STREAM_LINGER_POLL		(HZ / 20)

struct tip_stream_sock {
	struct tip_sock ts;	/* first: tip_sk() and sk_alloc() */
	u32 rx_avail;		/* readable bytes queued; tn->lock */
	u32 rx_off;		/* bytes consumed of the head skb; lock_sock */
	u32 tx_gen;		/* bumped by every ACK of our data; tn->lock */
	bool fin;		/* the peer's FIN was delivered */
	bool used;		/* the PCB connected or listened once */
	bool user_bound;	/* bind() chose the local port */
};

static inline struct tip_stream_sock *tip_ss(const struct sock *sk)
{
	return container_of(tip_sk(sk), struct tip_stream_sock, ts);
}

static inline struct tip_net *tip_stream_tn(const struct sock *sk)
{
	return tip_net(sock_net(sk));
}

static inline struct tip_tcp_pcb *tip_stream_pcb(const struct sock *sk)
{
	return tip_sk(sk)->tcp;
}

static inline void tip_stream_set_state(struct sock *sk, int state)
{
	WRITE_ONCE(sk->sk_state, state);
}

static inline bool tip_stream_connecting(int state)
{
	return state == TIP_TCP_SYN_SENT || state == TIP_TCP_SYN_RECV;
}

/* As sk_stream_is_writeable(): a third of the send buffer is free. */
static inline bool tip_stream_writeable(const struct tip_tcp_pcb *pcb)
{
	u32 space = tip_tcp_write_space(pcb);

	return space && space >= READ_ONCE(pcb->snd_buf) / 3;
}

/* Frees one skb of the receive queue and its charge to the instance. */
static inline void tip_stream_free_rx(struct tip_net *tn, struct sk_buff *skb)
{
	tip_mem_uncharge(&tn->mem, TINYIP_MEM_RCVQ, skb->truesize);
	consume_skb(skb);
}

static inline int tip_stream_state_of(struct sock *sk)
{
	return READ_ONCE(tip_stream_pcb(sk)->state);
}

/* sock_stream.c */
void tip_stream_sync(struct sock *sk, struct tip_tcp_pcb *pcb);
void tip_stream_ep(struct sock *sk, struct tip_sock_ep *ep);
long tip_stream_wait_connect(struct sock *sk, long timeo);

/* sock_stream_io.c */
int tip_stream_sendmsg(struct socket *sock, struct msghdr *msg, size_t len);
int tip_stream_recvmsg(struct socket *sock, struct msghdr *msg, size_t len,
		       int flags);

/* sock_stream_opt.c */
int tip_stream_setsockopt(struct socket *sock, int level, int optname,
			  sockptr_t optval, unsigned int optlen);
int tip_stream_getsockopt(struct socket *sock, int level, int optname,
			  char __user *optval, int __user *optlen);

#endif /* _TINYIP_SOCK_STREAM_H */
