/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the kernels tinyip builds for (Debian's 6.1 and
 * 6.12, and the debug kernel). Decided by feature probes in Kbuild where
 * Debian backports make LINUX_VERSION_CODE unreliable. Keep it tiny.
 */
#ifndef _TINYIP_COMPAT_H
#define _TINYIP_COMPAT_H

#include <linux/net.h>

/*
 * proto_ops.accept takes a struct proto_accept_arg since 6.10, and a
 * flags/kern pair before. Kbuild defines TIP_HAVE_PROTO_ACCEPT_ARG when
 * the kernel's linux/net.h declares the struct. TIP_ACCEPT_PARAMS is the
 * parameter list after (sock, newsock); TIP_ACCEPT_FLAGS and
 * TIP_ACCEPT_KERN read it.
 */
#ifdef TIP_HAVE_PROTO_ACCEPT_ARG
#define TIP_ACCEPT_PARAMS	struct proto_accept_arg *tip_accept_arg
#define TIP_ACCEPT_FLAGS	(tip_accept_arg->flags)
#define TIP_ACCEPT_KERN		(tip_accept_arg->kern)
#else
#define TIP_ACCEPT_PARAMS	int tip_accept_flags, bool tip_accept_kern
#define TIP_ACCEPT_FLAGS	(tip_accept_flags)
#define TIP_ACCEPT_KERN		(tip_accept_kern)
#endif

/*
 * The GSO helpers (skb_gso_validate_network_len()) left linux/skbuff.h
 * for net/gso.h in 6.5; Kbuild defines TIP_HAVE_NET_GSO_H when it exists.
 */
#ifdef TIP_HAVE_NET_GSO_H
#include <net/gso.h>
#endif

#endif /* _TINYIP_COMPAT_H */
