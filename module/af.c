// SPDX-License-Identifier: GPL-2.0
/*
 * Registration of the AF_TINYIP address family and dispatch of socket(2)
 * to the transport that serves the requested type and protocol.
 *
 * Errors follow what Linux applications already handle from AF_INET: a
 * protocol number out of range is EINVAL, a type no transport serves is
 * ESOCKTNOSUPPORT, a served type with an unserved protocol is
 * EPROTONOSUPPORT, and raw sockets without CAP_NET_RAW are EPERM. Until a
 * transport registers, every type is refused: nothing pretends to work.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/err.h>
#include <linux/in.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/net.h>
#include <linux/rculist.h>
#include <linux/socket.h>
#include <linux/spinlock.h>
#include <net/net_namespace.h>

#include <linux/tinyip.h>
#include <tinyip/af.h>

static int family = AF_TINYIP;
module_param(family, int, 0444);
MODULE_PARM_DESC(family, "address family number to register (default "
		 __stringify(AF_TINYIP) ")");

static LIST_HEAD(tip_protosw_list);
static DEFINE_SPINLOCK(tip_protosw_lock);

/*
 * An exact protocol match wins over a wildcard entry; protocol 0 takes the
 * type's default. Called under rcu_read_lock() or with the list stable.
 */
const struct tip_protosw *tip_protosw_find(struct list_head *head, int type,
					   int protocol)
{
	const struct tip_protosw *sw, *any = NULL;
	bool type_served = false;

	list_for_each_entry_rcu(sw, head, list) {
		if (sw->type != type)
			continue;
		type_served = true;
		if (protocol ? sw->protocol == protocol : sw->dflt)
			return sw;
		if (sw->protocol == TIP_PROTO_ANY && protocol)
			any = sw;
	}
	if (any)
		return any;
	return ERR_PTR(type_served ? -EPROTONOSUPPORT : -ESOCKTNOSUPPORT);
}

void tip_protosw_register(struct tip_protosw *sw)
{
	spin_lock(&tip_protosw_lock);
	list_add_tail_rcu(&sw->list, &tip_protosw_list);
	spin_unlock(&tip_protosw_lock);
}

void tip_protosw_unregister(struct tip_protosw *sw)
{
	spin_lock(&tip_protosw_lock);
	list_del_rcu(&sw->list);
	spin_unlock(&tip_protosw_lock);
	synchronize_rcu();
}

static int tip_create(struct net *net, struct socket *sock, int protocol,
		      int kern)
{
	int (*create)(struct net *net, struct socket *sock, int protocol,
		      int kern);
	const struct tip_protosw *sw;
	bool raw_cap;

	if (protocol < 0 || protocol >= IPPROTO_MAX)
		return -EINVAL;

	rcu_read_lock();
	sw = tip_protosw_find(&tip_protosw_list, sock->type, protocol);
	if (IS_ERR(sw)) {
		rcu_read_unlock();
		return PTR_ERR(sw);
	}
	/*
	 * Entries live in this module, which __sock_create() pinned, and are
	 * only unregistered after the family is: safe to use past the unlock.
	 */
	create = sw->create;
	raw_cap = sw->raw_cap;
	rcu_read_unlock();

	if (raw_cap && !kern && !ns_capable(net->user_ns, CAP_NET_RAW))
		return -EPERM;
	return create(net, sock, protocol, kern);
}

static struct net_proto_family tip_family_ops = {
	.create = tip_create,
	.owner = THIS_MODULE,
};

int tip_af_family(void)
{
	return tip_family_ops.family;
}

int tip_af_init(void)
{
	int ret;

	if (family <= AF_UNSPEC || family >= NPROTO) {
		pr_err("family=%d is out of range: choose a free number from 1 to %d\n",
		       family, NPROTO - 1);
		return -EINVAL;
	}
	tip_family_ops.family = family;
	ret = sock_register(&tip_family_ops);
	if (ret == -EEXIST) {
		pr_err("address family %d is already registered by another protocol; load with family=N for a free N below %d\n",
		       family, NPROTO);
		/* modprobe takes EEXIST for "already loaded" and says nothing. */
		ret = -EADDRINUSE;
	} else if (ret) {
		pr_err("cannot register address family %d: %d\n", family, ret);
	}
	return ret;
}

void tip_af_exit(void)
{
	sock_unregister(tip_family_ops.family);
}
