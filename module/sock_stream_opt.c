// SPDX-License-Identifier: GPL-2.0
/*
 * Options of AF_TINYIP SOCK_STREAM sockets at SOL_TCP, SOL_IP and SOL_IPV6,
 * with Linux's names, ranges and errors (TCP_NODELAY and TCP_CORK for
 * Nagle, RFC 896/RFC 9293 3.7.4; keepalive, RFC 1122 4.2.3.6;
 * TCP_USER_TIMEOUT, RFC 5482; TCP_CONGESTION; TCP_INFO; IPV6_V6ONLY, RFC
 * 3493 5.3, in module/sock.c). SOL_SOCKET is the core's, mirrored into
 * the PCB by tip_stream_sync().
 */
#include <linux/in.h>
#include <linux/slab.h>
#include <linux/tcp.h>
#include <linux/uaccess.h>

#include <tinyip/fault.h>

#include "sock_stream.h"

static int tip_stream_get_int(sockptr_t optval, unsigned int optlen,
			      int *val)
{
	if (optlen < sizeof(int))
		return -EINVAL;
	if (copy_from_sockptr(val, optval, sizeof(*val)))
		return -EFAULT;
	return 0;
}

static int tip_stream_set_cc(struct sock *sk, sockptr_t optval,
			     unsigned int optlen)
{
	struct tip_net *tn = tip_stream_tn(sk);
	char name[TIP_TCP_CC_NAME_MAX];
	int err;

	if (optlen < 1)
		return -EINVAL;
	optlen = min_t(unsigned int, optlen, sizeof(name) - 1);
	if (copy_from_sockptr(name, optval, optlen))
		return -EFAULT;
	name[optlen] = 0;
	spin_lock_bh(&tn->lock);
	err = tip_tcp_set_cc(tip_stream_pcb(sk), name);
	spin_unlock_bh(&tn->lock);
	return err;
}

/* SOL_TCP int options, under lock_sock and tn->lock. */
static int tip_stream_set_tcp(struct tip_tcp_pcb *pcb, int optname, int val)
{
	switch (optname) {
	case TCP_NODELAY:
		if (val) {
			pcb->flags |= TIP_TCPF_NODELAY;
			tip_tcp_output(pcb);	/* what Nagle held back */
		} else {
			pcb->flags &= ~TIP_TCPF_NODELAY;
		}
		return 0;
	case TCP_CORK:
		if (val) {
			pcb->flags |= TIP_TCPF_CORK;
		} else {
			pcb->flags &= ~TIP_TCPF_CORK;
			tip_tcp_output(pcb);	/* uncork pushes */
		}
		return 0;
	case TCP_MAXSEG:
		if (val && (val < TIP_STREAM_MIN_MSS || val > TIP_STREAM_MAX_MSS))
			return -EINVAL;
		pcb->user_mss = val;
		return 0;
	case TCP_KEEPIDLE:
		if (val < 1 || val > TIP_STREAM_MAX_KEEPIDLE)
			return -EINVAL;
		pcb->keep_idle = val;
		if ((pcb->flags & TIP_TCPF_KEEPALIVE) &&
		    (pcb->state == TIP_TCP_ESTABLISHED ||
		     pcb->state == TIP_TCP_CLOSE_WAIT))
			tip_tcp_timer_set(pcb, TIP_TCP_T_KEEPALIVE, val * HZ);
		return 0;
	case TCP_KEEPINTVL:
		if (val < 1 || val > TIP_STREAM_MAX_KEEPINTVL)
			return -EINVAL;
		pcb->keep_intvl = val;
		return 0;
	case TCP_KEEPCNT:
		if (val < 1 || val > TIP_STREAM_MAX_KEEPCNT)
			return -EINVAL;
		pcb->keep_cnt = val;
		return 0;
	case TCP_USER_TIMEOUT:
		if (val < 0)
			return -EINVAL;
		pcb->user_timeout = val;
		return 0;
	case TCP_QUICKACK:
		if (val) {
			pcb->flags |= TIP_TCPF_QUICKACK;
			if (pcb->delack_segs) {
				pcb->flags |= TIP_TCPF_ACK_NOW;
				tip_tcp_output(pcb);
			}
		} else {
			pcb->flags &= ~TIP_TCPF_QUICKACK;
		}
		return 0;
	}
	return -ENOPROTOOPT;
}

int tip_stream_setsockopt(struct socket *sock, int level, int optname,
			  sockptr_t optval, unsigned int optlen)
{
	struct sock *sk = sock->sk;
	struct tip_net *tn = tip_stream_tn(sk);
	int val, err;

	if (level == SOL_IP) {
		if (optname != IP_TOS && optname != IP_TTL)
			return -ENOPROTOOPT;
		lock_sock(sk);
		err = tip_sock_ip_setsockopt(sk, &tip_stream_pcb(sk)->inet,
					     optname, optval, optlen);
		release_sock(sk);
		return err;
	}
	if (level == SOL_IPV6)
		return tip_sock_ipv6_setsockopt(sk, tip_stream_ep, optname,
						optval, optlen);
	if (level != SOL_TCP)
		return -ENOPROTOOPT;

	lock_sock(sk);
	if (optname == TCP_CONGESTION) {
		err = tip_stream_set_cc(sk, optval, optlen);
	} else {
		err = tip_stream_get_int(optval, optlen, &val);
		if (!err) {
			spin_lock_bh(&tn->lock);
			err = tip_stream_set_tcp(tip_stream_pcb(sk), optname,
						 val);
			spin_unlock_bh(&tn->lock);
		}
	}
	release_sock(sk);
	return err;
}

static int tip_stream_put_buf(const void *buf, int size, char __user *optval,
			      int __user *optlen)
{
	int len;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	len = min(len, size);
	if (put_user(len, optlen) || copy_to_user(optval, buf, len))
		return -EFAULT;
	return 0;
}

static int tip_stream_get_info(struct sock *sk, char __user *optval,
			       int __user *optlen)
{
	struct tip_net *tn = tip_stream_tn(sk);
	struct tcp_info *info;
	int err;

	info = tip_kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return -ENOMEM;
	spin_lock_bh(&tn->lock);
	tip_tcp_get_info(tip_stream_pcb(sk), info);
	spin_unlock_bh(&tn->lock);
	err = tip_stream_put_buf(info, sizeof(*info), optval, optlen);
	kfree(info);
	return err;
}

/* SOL_TCP int values, under lock_sock and tn->lock. */
static int tip_stream_get_tcp(const struct tip_tcp_pcb *pcb, int optname,
			      int *val)
{
	switch (optname) {
	case TCP_NODELAY:
		*val = !!(pcb->flags & TIP_TCPF_NODELAY);
		return 0;
	case TCP_CORK:
		*val = !!(pcb->flags & TIP_TCPF_CORK);
		return 0;
	case TCP_MAXSEG:
		if (pcb->state != TIP_TCP_CLOSE &&
		    pcb->state != TIP_TCP_LISTEN && pcb->mss)
			*val = pcb->mss;
		else
			*val = pcb->user_mss ?: TIP_STREAM_DEF_MSS;
		return 0;
	case TCP_KEEPIDLE:
		*val = pcb->keep_idle ?: 7200;
		return 0;
	case TCP_KEEPINTVL:
		*val = pcb->keep_intvl ?: 75;
		return 0;
	case TCP_KEEPCNT:
		*val = pcb->keep_cnt ?: 9;
		return 0;
	case TCP_USER_TIMEOUT:
		*val = pcb->user_timeout;
		return 0;
	case TCP_QUICKACK:
		*val = !!(pcb->flags & TIP_TCPF_QUICKACK);
		return 0;
	}
	return -ENOPROTOOPT;
}

int tip_stream_getsockopt(struct socket *sock, int level, int optname,
			  char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct tip_net *tn = tip_stream_tn(sk);
	char name[TIP_TCP_CC_NAME_MAX] = "";
	struct tip_tcp_pcb *pcb;
	int val = 0, err;

	if (level == SOL_IP) {
		if (optname != IP_TOS && optname != IP_TTL)
			return -ENOPROTOOPT;
		lock_sock(sk);
		err = tip_sock_ip_getsockopt(sk, &tip_stream_pcb(sk)->inet,
					     optname, optval, optlen);
		release_sock(sk);
		return err;
	}
	if (level == SOL_IPV6)
		return tip_sock_ipv6_getsockopt(sk, &tip_stream_pcb(sk)->inet,
						optname, optval, optlen);
	if (level != SOL_TCP)
		return -ENOPROTOOPT;

	lock_sock(sk);
	if (optname == TCP_INFO) {
		err = tip_stream_get_info(sk, optval, optlen);
		release_sock(sk);
		return err;
	}
	spin_lock_bh(&tn->lock);
	pcb = tip_stream_pcb(sk);
	if (optname == TCP_CONGESTION) {
		err = 0;
		if (pcb->cc_ops)
			strscpy(name, pcb->cc_ops->name, sizeof(name));
		else if (tn->tcp.cc_default)
			strscpy(name, tn->tcp.cc_default->name, sizeof(name));
	} else {
		err = tip_stream_get_tcp(pcb, optname, &val);
	}
	spin_unlock_bh(&tn->lock);
	release_sock(sk);
	if (err)
		return err;
	if (optname == TCP_CONGESTION)
		return tip_stream_put_buf(name, sizeof(name), optval, optlen);
	return tip_sock_put_int(val, optval, optlen, false);
}
