// SPDX-License-Identifier: GPL-2.0
/*
 * tinyip: a small TCP/IP stack in the spirit of lwIP, as a loadable module.
 * This file only orders the subsystems: fault injection first, so that it
 * can reach every allocation; per-netns state next, because the
 * socket family and the netlink family both look it up, and the entry
 * points that users can reach (socket(2), netlink) last.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/net.h>
#include <net/genetlink.h>

#include <linux/tinyip.h>
#include <tinyip/af.h>
#include <tinyip/fault.h>
#include <tinyip/netif.h>
#include <tinyip/netlink.h>
#include <tinyip/tinyip.h>
#include <tinyip/version.h>

static int __init tip_mod_init(void)
{
	int ret;

	ret = tip_fault_init();
	if (ret)
		return ret;

	/* The resolver's workqueue outlives every instance. */
	ret = tip_dns_init();
	if (ret)
		goto err_dns;

	ret = tip_pernet_init();
	if (ret)
		goto err_pernet;

	ret = tip_netdev_init();
	if (ret)
		goto err_netdev;

	ret = tip_ip4_init();
	if (ret)
		goto err_ip4;

	ret = tip_ip6_init();
	if (ret)
		goto err_ip6;

	ret = tip_udp_init();
	if (ret)
		goto err_udp;

	ret = tip_raw_init();
	if (ret)
		goto err_raw;

	ret = tip_tcp_init();
	if (ret)
		goto err_tcp;

	tip_dhcp4_init();
	ret = tip_af_init();
	if (ret)
		goto err_af;

	ret = tip_netlink_init();
	if (ret)
		goto err_netlink;

	pr_info("tinyip " TINYIP_VERSION " loaded, address family %d\n",
		tip_af_family());
	return 0;

err_netlink:
	tip_af_exit();
err_af:
	tip_dhcp4_exit();
	tip_tcp_exit();
err_tcp:
	tip_raw_exit();
err_raw:
	tip_udp_exit();
err_udp:
	tip_ip6_exit();
err_ip6:
	tip_ip4_exit();
err_ip4:
	tip_netdev_exit();
err_netdev:
	tip_pernet_exit();
err_pernet:
	tip_dns_exit();
err_dns:
	tip_fault_exit();
	return ret;
}

static void __exit tip_mod_exit(void)
{
	tip_netlink_exit();
	tip_af_exit();
	tip_dhcp4_exit();
	tip_tcp_exit();
	tip_raw_exit();
	tip_udp_exit();
	tip_ip6_exit();
	tip_ip4_exit();
	tip_netdev_exit();
	tip_pernet_exit();
	tip_dns_exit();
	tip_fault_exit();
}

module_init(tip_mod_init);
module_exit(tip_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("tinyip: a lightweight TCP/IP stack with its own address family");
MODULE_VERSION(TINYIP_VERSION);
MODULE_ALIAS_NETPROTO(AF_TINYIP);
MODULE_ALIAS_GENL_FAMILY(TINYIP_GENL_NAME);
