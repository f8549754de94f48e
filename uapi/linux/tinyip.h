/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/*
 * tinyip user ABI: the address family, its socket option level and the
 * "tinyip" generic netlink family. Kept in step with uapi/tinyip.yaml,
 * which describes the same family for ynl (RFC 3549 netlink framing).
 */
#ifndef _UAPI_LINUX_TINYIP_H
#define _UAPI_LINUX_TINYIP_H

/*
 * No in-tree protocol registers 22 (it was reserved for SNA) in 6.1 or 6.12,
 * and unlike 25 and 27 no well-known out-of-tree module claims it either.
 * The module parameter "family" overrides it at load time; the live value
 * is reported by TINYIP_CMD_INFO_GET.
 */
#define AF_TINYIP		22
#define PF_TINYIP		AF_TINYIP

/* Level for tinyip-specific socket options; above every in-tree SOL_*. */
#define SOL_TINYIP		299

#define TINYIP_GENL_NAME	"tinyip"
#define TINYIP_GENL_VERSION	1
#define TINYIP_MCGRP_CONFIG	"config"
#define TINYIP_MCGRP_ADDR	"addr"
#define TINYIP_MCGRP_LINK	"link"
#define TINYIP_MCGRP_ROUTER	"router"
#define TINYIP_MCGRP_DHCP	"dhcp"

/* How a link is attached (TINYIP_A_LINK_MODE). */
enum tinyip_link_mode {
	TINYIP_LINK_MODE_SHARED,	/* own MAC; the native stack keeps the device */
	TINYIP_LINK_MODE_EXCLUSIVE,	/* every frame of the device, via rx_handler */
	TINYIP_LINK_MODE_LOOPBACK,	/* the instance's own loopback link */
};

/* TINYIP_A_LINK_FLAGS bits. */
enum tinyip_link_flag {
	TINYIP_LINK_F_UP = 1 << 0,	/* the device is up and has carrier */
	TINYIP_LINK_F_RA = 1 << 1,	/* sends IPv6 router advertisements */
};

/*
 * Why a link dropped a frame; each reason is one u64 counter in the
 * TINYIP_A_LINK_DROPS nest, the attribute type being reason + 1.
 */
enum tinyip_drop_reason {
	TINYIP_DROP_OTHER,		/* none of the below */
	TINYIP_DROP_NOMEM,		/* allocation or memory budget */
	TINYIP_DROP_LINK_DOWN,		/* link down or going away */
	TINYIP_DROP_VLAN,		/* 802.1Q tagged frame */
	TINYIP_DROP_ETHERTYPE,		/* protocol tinyip does not speak */
	TINYIP_DROP_OTHERHOST,		/* frame not addressed to tinyip */
	TINYIP_DROP_ARP_BAD,		/* malformed ARP */
	TINYIP_DROP_NEIGH,		/* no answer to ARP, or queue full */
	TINYIP_DROP_HDR,		/* malformed IP header or length */
	TINYIP_DROP_CSUM,		/* bad IP or transport checksum */
	TINYIP_DROP_MARTIAN,		/* impossible source or destination */
	TINYIP_DROP_TTL,		/* TTL expired while forwarding */
	TINYIP_DROP_NO_ROUTE,		/* no route, or forwarding is off */
	TINYIP_DROP_FRAG,		/* bad fragment, overlap, timeout, limit */
	TINYIP_DROP_TOO_BIG,		/* DF set and larger than the MTU */
	TINYIP_DROP_PROTO,		/* IP protocol nobody handles */
	TINYIP_DROP_NO_PORT,		/* no socket bound to the port */
	TINYIP_DROP_RCVBUF,		/* socket receive queue full */
	TINYIP_DROP_RATELIMIT,		/* ICMP error suppressed by rate limit */

	__TINYIP_DROP_MAX,
	TINYIP_DROP_MAX = __TINYIP_DROP_MAX - 1
};

/* Padding attribute inside the TINYIP_A_LINK_DROPS nest (after every reason + 1). */
#define TINYIP_LINK_DROPS_PAD	(__TINYIP_DROP_MAX + 1)

/* Neighbour cache entry states (TINYIP_A_NEIGH_STATE), after RFC 4861. */
enum tinyip_neigh_state {
	TINYIP_NEIGH_INCOMPLETE,	/* resolving; packets wait */
	TINYIP_NEIGH_REACHABLE,		/* recently confirmed */
	TINYIP_NEIGH_STALE,		/* usable, to be re-confirmed on use */
	TINYIP_NEIGH_PROBE,		/* re-confirming by unicast request */
	TINYIP_NEIGH_FAILED,		/* no answer; kept briefly to refuse */
	TINYIP_NEIGH_PERMANENT,		/* never expires */
	TINYIP_NEIGH_DELAY,		/* IPv6 NUD: waiting before a probe */
};

/* TINYIP_A_ADDR_FLAGS bits (IPv6 addresses; IPv4 ones carry none yet). */
enum tinyip_addr_flag {
	TINYIP_ADDR_F_TENTATIVE = 1 << 0,	/* duplicate detection running */
	TINYIP_ADDR_F_DEPRECATED = 1 << 1,	/* preferred lifetime is over */
	TINYIP_ADDR_F_DADFAILED = 1 << 2,	/* another node has it */
	TINYIP_ADDR_F_AUTOCONF = 1 << 3,	/* made by SLAAC from an RA */
	TINYIP_ADDR_F_PERMANENT = 1 << 4,	/* no lifetime */
	TINYIP_ADDR_F_TEMPORARY = 1 << 5,	/* RFC 8981 temporary address */
	TINYIP_ADDR_F_NODAD = 1 << 6,		/* added without DAD */
};

/* TINYIP_A_NEIGH_FLAGS bits. */
enum tinyip_neigh_flag {
	TINYIP_NEIGH_F_ROUTER = 1 << 0,	/* IPv6: the neighbour is a router */
};

/*
 * Build features, reported as a bitmask in TINYIP_A_FEATURES. A bit is set
 * only when the part is compiled into the running module, so tools can
 * refuse early instead of failing half-way.
 */
enum tinyip_feature {
	TINYIP_FEATURE_MEM_BUDGET = 1ULL << 0,	/* per-netns memory budget */
	TINYIP_FEATURE_IPV4 = 1ULL << 1,
	TINYIP_FEATURE_IPV6 = 1ULL << 2,
	TINYIP_FEATURE_UDP = 1ULL << 3,
	TINYIP_FEATURE_TCP = 1ULL << 4,
	TINYIP_FEATURE_RAW = 1ULL << 5,
	TINYIP_FEATURE_UDPLITE = 1ULL << 6,
	TINYIP_FEATURE_MULTICAST = 1ULL << 7,	/* IGMP, group membership */
	TINYIP_FEATURE_FORWARD = 1ULL << 8,	/* routing between links */
	TINYIP_FEATURE_SACK = 1ULL << 9,	/* TCP SACK, RFC 2018/6675 */
	TINYIP_FEATURE_CUBIC = 1ULL << 10,	/* TCP CUBIC, RFC 9438 */
	TINYIP_FEATURE_API = 1ULL << 11,	/* in-kernel API for modules */
	TINYIP_FEATURE_FAULT_INJECT = 1ULL << 12, /* debugfs fail_alloc */
	TINYIP_FEATURE_EVENTS = 1ULL << 13,	/* link, IPv4 address, router events */
	TINYIP_FEATURE_DHCP4 = 1ULL << 14,	/* DHCPv4 client, ACD */
	TINYIP_FEATURE_DNS = 1ULL << 15,	/* resolver and mDNS queries */
};

enum tinyip_attr {
	TINYIP_A_UNSPEC,
	TINYIP_A_PAD,
	TINYIP_A_VERSION,	/* string: module version */
	TINYIP_A_FAMILY,	/* u32: the live AF_TINYIP number */
	TINYIP_A_FEATURES,	/* u64: enum tinyip_feature bits */
	TINYIP_A_INSTANCE,	/* u32: id of this netns's instance */
	TINYIP_A_MEM_BUDGET,	/* u64: bytes; 0 means no limit */
	TINYIP_A_MEM_USED,	/* u64: bytes charged to the budget now */
	TINYIP_A_MEM_FAILED,	/* u64: allocations refused by the budget */
	TINYIP_A_IFINDEX,	/* u32: ifindex of the device in this netns */
	TINYIP_A_IFNAME,	/* string: device name */
	TINYIP_A_LINK_MODE,	/* u8: enum tinyip_link_mode */
	TINYIP_A_LINK_FLAGS,	/* u32: enum tinyip_link_flag bits */
	TINYIP_A_HWADDR,	/* binary: tinyip's own link-layer address */
	TINYIP_A_MTU,		/* u32 */
	TINYIP_A_LINK_STATS,	/* nest: enum tinyip_link_stat, u64 each */
	TINYIP_A_LINK_DROPS,	/* nest: attr (enum tinyip_drop_reason + 1), u64 */
	TINYIP_A_ADDR,		/* binary: an IPv4 (4) or IPv6 (16) address */
	TINYIP_A_PREFIXLEN,	/* u8 */
	TINYIP_A_GATEWAY,	/* binary: next hop, 4 or 16 bytes */
	TINYIP_A_METRIC,	/* u32: lower wins among equal prefixes */
	TINYIP_A_NEIGH_STATE,	/* u8: enum tinyip_neigh_state */
	TINYIP_A_FORWARDING,	/* u8: 1 forwards IPv4 between links */
	TINYIP_A_BROADCAST,	/* binary: IPv4 directed broadcast of an address */
	TINYIP_A_ROUTE_FLAGS,	/* u32: enum tinyip_route_flag bits */
	TINYIP_A_SOCK_PROTO,	/* u8: IPPROTO_TCP, IPPROTO_UDP, ... */
	TINYIP_A_SOCK_STATE,	/* u8: Linux's TCP_* state numbers */
	TINYIP_A_SOCK_LADDR,	/* binary: local address, 4 or 16 bytes */
	TINYIP_A_SOCK_LPORT,	/* u16, host order */
	TINYIP_A_SOCK_RADDR,	/* binary: remote address */
	TINYIP_A_SOCK_RPORT,	/* u16, host order */
	TINYIP_A_SOCK_RQUEUE,	/* u32: unread bytes; listener: accept queue */
	TINYIP_A_SOCK_WQUEUE,	/* u32: unacked bytes; listener: backlog */
	TINYIP_A_SOCK_INFO,	/* nest: enum tinyip_sock_info, u32 each */
	TINYIP_A_SOCK_CC,	/* string: congestion control algorithm */
	TINYIP_A_SOCK_FLAGS,	/* u32: enum tinyip_sock_flag bits */
	TINYIP_A_TCP_STATS,	/* nest: enum tinyip_tcp_stat, u64 each */
	TINYIP_A_TCP_CC,	/* string: the netns default algorithm */
	TINYIP_A_ADDR_FLAGS,	/* u32: enum tinyip_addr_flag bits */
	TINYIP_A_VALID_LFT,	/* u32: seconds left; 0xffffffff is forever */
	TINYIP_A_PREFERRED_LFT,	/* u32: seconds left; 0xffffffff is forever */
	TINYIP_A_NEIGH_FLAGS,	/* u32: enum tinyip_neigh_flag bits */
	TINYIP_A_FORWARDING6,	/* u8: 1 forwards IPv6 between links */
	TINYIP_A_RA_SEND,	/* u8: 1 sends router advertisements on the link */
	TINYIP_A_RA_INTERVAL,	/* u32: seconds, MaxRtrAdvInterval (4..1800) */
	TINYIP_A_RA_LIFETIME,	/* u32: seconds, AdvDefaultLifetime (0..9000) */
	TINYIP_A_MEM_PEAK,	/* u64: highest MEM_USED since the instance began */
	TINYIP_A_MEM_CAT_USED,	/* nest: enum tinyip_mem_cat, u64 bytes */
	TINYIP_A_MEM_CAT_PEAK,	/* nest: enum tinyip_mem_cat, u64 bytes */
	TINYIP_A_MEM_CAT_FAILED, /* nest: enum tinyip_mem_cat, u64 refusals */
	TINYIP_A_EVENT,		/* u8: enum tinyip_event, what a LINK/ROUTER_NTF reports */
	TINYIP_A_EVENTS_DROPPED, /* u64: notifications that could not be sent */
	TINYIP_A_DHCP_STATE,	/* u8: enum tinyip_dhcp_state */
	TINYIP_A_DHCP_SERVER,	/* binary: the server's IPv4 address */
	TINYIP_A_DHCP_LEASE,	/* u32: seconds left of the lease */
	TINYIP_A_DHCP_T1,	/* u32: seconds left until renewing */
	TINYIP_A_DHCP_T2,	/* u32: seconds left until rebinding */
	TINYIP_A_DHCP_DNS,	/* binary: IPv4 DNS servers, 4 bytes each */
	TINYIP_A_DHCP_NTP,	/* binary: IPv4 NTP servers, 4 bytes each */
	TINYIP_A_DHCP_DOMAIN,	/* string: domain name (option 15) */
	TINYIP_A_DHCP_HOSTNAME,	/* string: host name sent (option 12) */
	TINYIP_A_DHCP_EVENT,	/* u8: enum tinyip_dhcp_event */
	TINYIP_A_DHCP_CONFLICTS, /* u64: ACD conflicts seen in the netns */
	TINYIP_A_DHCP_RX_BAD,	/* u64: malformed or foreign replies dropped */
	TINYIP_A_DNS,		/* nest: enum tinyip_dns_attr (requests, replies) */
	TINYIP_A_DNS_STATS,	/* nest: enum tinyip_dns_stat, u64 each */

	__TINYIP_A_MAX,
	TINYIP_A_MAX = __TINYIP_A_MAX - 1
};

enum tinyip_cmd {
	TINYIP_CMD_UNSPEC,
	TINYIP_CMD_INFO_GET,	/* version, family, features, instance */
	TINYIP_CMD_CONFIG_GET,	/* this netns's settings and usage */
	TINYIP_CMD_CONFIG_SET,	/* needs CAP_NET_ADMIN over the netns */
	TINYIP_CMD_CONFIG_NTF,	/* sent on "config" after a change */
	TINYIP_CMD_LINK_ATTACH,	/* IFINDEX or IFNAME, [LINK_MODE] */
	TINYIP_CMD_LINK_DETACH,	/* IFINDEX or IFNAME */
	TINYIP_CMD_LINK_GET,	/* dump: one message per link */
	TINYIP_CMD_ADDR_ADD,	/* IFINDEX|IFNAME, ADDR, PREFIXLEN, [ADDR_FLAGS], [*_LFT] */
	TINYIP_CMD_ADDR_DEL,	/* IFINDEX|IFNAME, ADDR, [PREFIXLEN] */
	TINYIP_CMD_ADDR_GET,	/* dump */
	TINYIP_CMD_ROUTE_ADD,	/* ADDR (dst), PREFIXLEN, [GATEWAY], [IFINDEX|IFNAME], [METRIC] */
	TINYIP_CMD_ROUTE_DEL,	/* the same keys */
	TINYIP_CMD_ROUTE_GET,	/* dump */
	TINYIP_CMD_NEIGH_GET,	/* dump */
	TINYIP_CMD_NEIGH_FLUSH,	/* [IFINDEX|IFNAME] */
	TINYIP_CMD_SOCK_GET,	/* dump: TCP, UDP, raw; [SOCK_PROTO] */
	TINYIP_CMD_STATS_GET,	/* per-netns protocol counters */
	TINYIP_CMD_RA_SET,	/* IFINDEX|IFNAME, RA_SEND, [RA_INTERVAL], [RA_LIFETIME] */
	TINYIP_CMD_ADDR_NTF,	/* on "addr": an address appeared or changed state */
	TINYIP_CMD_ADDR_DEL_NTF, /* on "addr": an address went away */
	TINYIP_CMD_LINK_NTF,	/* on "link": attached, detached, up or down (EVENT) */
	TINYIP_CMD_ROUTER_NTF,	/* on "router": an IPv6 default router came or went (EVENT) */
	TINYIP_CMD_DHCP_START,	/* IFINDEX|IFNAME, [DHCP_HOSTNAME] */
	TINYIP_CMD_DHCP_STOP,	/* IFINDEX|IFNAME: releases the lease */
	TINYIP_CMD_DHCP_GET,	/* dump: one message per client */
	TINYIP_CMD_DHCP_NTF,	/* on "dhcp": DHCP_EVENT and the client */
	TINYIP_CMD_DNS_SERVER_ADD, /* DNS { ADDR, [IFINDEX] } */
	TINYIP_CMD_DNS_SERVER_DEL, /* DNS { ADDR, [IFINDEX] } */
	TINYIP_CMD_DNS_GET,	/* dump: servers, then cache entries */
	TINYIP_CMD_DNS_FLUSH,	/* empties the cache */
	TINYIP_CMD_DNS_RESOLVE,	/* DNS { NAME, [TYPE], [TIMEOUT_MS] }: waits */

	__TINYIP_CMD_MAX,
	TINYIP_CMD_MAX = __TINYIP_CMD_MAX - 1
};

/* Counters in the TINYIP_A_LINK_STATS nest, all u64. */
enum tinyip_link_stat {
	TINYIP_LINK_STAT_UNSPEC,
	TINYIP_LINK_STAT_PAD,
	TINYIP_LINK_STAT_RX_PACKETS,
	TINYIP_LINK_STAT_RX_BYTES,
	TINYIP_LINK_STAT_TX_PACKETS,
	TINYIP_LINK_STAT_TX_BYTES,
	TINYIP_LINK_STAT_RX_DROPS,	/* sum of the receive drop reasons */
	TINYIP_LINK_STAT_TX_DROPS,	/* sum of the transmit drop reasons */

	__TINYIP_LINK_STAT_MAX,
	TINYIP_LINK_STAT_MAX = __TINYIP_LINK_STAT_MAX - 1
};

/* TINYIP_A_ROUTE_FLAGS bits. */
enum tinyip_route_flag {
	TINYIP_ROUTE_F_CONNECTED = 1 << 0,	/* made by an address, not by hand */
};

/* TINYIP_A_SOCK_FLAGS bits. */
enum tinyip_sock_flag {
	TINYIP_SOCK_F_ORPHAN = 1 << 0,	/* closed by its owner, finishing */
	TINYIP_SOCK_F_SACK = 1 << 1,	/* SACK negotiated */
	TINYIP_SOCK_F_TS = 1 << 2,	/* timestamps negotiated */
	TINYIP_SOCK_F_WSCALE = 1 << 3,	/* window scaling negotiated */
	TINYIP_SOCK_F_SOCKET = 1 << 4,	/* owned by a socket */
};

/* u32 members of the TINYIP_A_SOCK_INFO nest (TCP only). */
enum tinyip_sock_info {
	TINYIP_SOCK_INFO_UNSPEC,
	TINYIP_SOCK_INFO_RTT_US,	/* smoothed RTT */
	TINYIP_SOCK_INFO_RTTVAR_US,
	TINYIP_SOCK_INFO_RTO_US,	/* with backoff */
	TINYIP_SOCK_INFO_CWND,		/* bytes */
	TINYIP_SOCK_INFO_SSTHRESH,	/* bytes */
	TINYIP_SOCK_INFO_MSS,		/* sender MSS */
	TINYIP_SOCK_INFO_SND_WND,	/* the peer's window, bytes */
	TINYIP_SOCK_INFO_RCV_WND,	/* ours, bytes */
	TINYIP_SOCK_INFO_RETRANS,	/* segments retransmitted in total */
	TINYIP_SOCK_INFO_TIMER_MS,	/* next timer event, 0 when none */

	__TINYIP_SOCK_INFO_MAX,
	TINYIP_SOCK_INFO_MAX = __TINYIP_SOCK_INFO_MAX - 1
};

/*
 * Per-netns TCP counters in the TINYIP_A_TCP_STATS nest, u64 each: the
 * MIB-2 TCP group (RFC 4022) first, then Linux's TcpExt counters where
 * they mean the same thing. The names are theirs in upper case, with
 * words split by '_' (ACTIVE_OPENS is ActiveOpens, TCP_OFO_DROP is
 * TCPOFODrop); `tinyip stats` prints the MIB names.
 */
enum tinyip_tcp_stat {
	TINYIP_TCP_STAT_UNSPEC,
	TINYIP_TCP_STAT_PAD,
	TINYIP_TCP_STAT_ACTIVE_OPENS,
	TINYIP_TCP_STAT_PASSIVE_OPENS,
	TINYIP_TCP_STAT_ATTEMPT_FAILS,
	TINYIP_TCP_STAT_ESTAB_RESETS,
	TINYIP_TCP_STAT_CURR_ESTAB,
	TINYIP_TCP_STAT_IN_SEGS,
	TINYIP_TCP_STAT_OUT_SEGS,
	TINYIP_TCP_STAT_RETRANS_SEGS,
	TINYIP_TCP_STAT_IN_ERRS,		/* bad checksum, header or options */
	TINYIP_TCP_STAT_OUT_RSTS,
	TINYIP_TCP_STAT_IN_CSUM_ERRORS,
	TINYIP_TCP_STAT_TCP_FAST_RETRANS,
	TINYIP_TCP_STAT_TCP_SACK_RECOVERY,
	TINYIP_TCP_STAT_TCP_RENO_RECOVERY,
	TINYIP_TCP_STAT_TCP_TIMEOUTS,
	TINYIP_TCP_STAT_TCP_CHALLENGE_ACK,
	TINYIP_TCP_STAT_SYNCOOKIES_SENT,
	TINYIP_TCP_STAT_SYNCOOKIES_RECV,
	TINYIP_TCP_STAT_SYNCOOKIES_FAILED,
	TINYIP_TCP_STAT_TCP_OFO_QUEUE,
	TINYIP_TCP_STAT_TCP_OFO_DROP,
	TINYIP_TCP_STAT_LISTEN_OVERFLOWS,
	TINYIP_TCP_STAT_LISTEN_DROPS,
	TINYIP_TCP_STAT_TCP_DSACK_RECV,
	TINYIP_TCP_STAT_TCP_DSACK_OLD_SENT,
	TINYIP_TCP_STAT_TCP_SACK_RENEGING,
	TINYIP_TCP_STAT_TCP_ABORT_ON_DATA,
	TINYIP_TCP_STAT_TCP_ABORT_ON_CLOSE,
	TINYIP_TCP_STAT_TCP_ABORT_ON_TIMEOUT,
	TINYIP_TCP_STAT_TCP_ABORT_ON_MEMORY,
	TINYIP_TCP_STAT_PAWS_ESTAB_REJECTED,
	TINYIP_TCP_STAT_TCP_RCVQ_DROP,	/* data refused by the memory budget */
	TINYIP_TCP_STAT_TCP_MTUP_FAIL,	/* black-hole fallbacks */
	TINYIP_TCP_STAT_TCP_KEEP_ALIVE,	/* keepalive probes sent */
	TINYIP_TCP_STAT_TCP_WIN_PROBE,	/* zero-window probes sent */
	TINYIP_TCP_STAT_TW_RECYCLED,	/* TIME_WAIT reused by a new SYN */
	TINYIP_TCP_STAT_TCP_LOSS_PROBES,	/* tail loss probes sent */
	TINYIP_TCP_STAT_TCP_LOSS_PROBE_RECOVERY, /* losses a probe repaired */
	TINYIP_TCP_STAT_TCP_REORDER_SEEN, /* reordering detected */
	TINYIP_TCP_STAT_TCP_FULL_UNDO,	/* needless fast recoveries undone */
	TINYIP_TCP_STAT_TCP_SPURIOUS_RTOS, /* needless RTOs undone */

	__TINYIP_TCP_STAT_MAX,
	TINYIP_TCP_STAT_MAX = __TINYIP_TCP_STAT_MAX - 1
};

/*
 * What memory charged to the budget is for, the attribute types in the
 * TINYIP_A_MEM_CAT_* nests. The USED values add up to TINYIP_A_MEM_USED;
 * each category's PEAK is its own high-water mark.
 */
enum tinyip_mem_cat {
	TINYIP_MEM_UNSPEC,
	TINYIP_MEM_PAD,
	TINYIP_MEM_OTHER,	/* instance, links, addresses, routes, groups */
	TINYIP_MEM_PCB,		/* PCBs, SYN_RECV, TIME_WAIT, API handles */
	TINYIP_MEM_SNDQ,	/* TCP data not yet acked, looped packets */
	TINYIP_MEM_RCVQ,	/* received and not yet read, error queues */
	TINYIP_MEM_OOO,		/* TCP out-of-order queues */
	TINYIP_MEM_REASM,	/* IP fragments waiting for reassembly */
	TINYIP_MEM_NEIGH,	/* neighbours and the packets waiting on them */

	__TINYIP_MEM_MAX,
	TINYIP_MEM_MAX = __TINYIP_MEM_MAX - 1
};

/* TINYIP_A_EVENT: what a TINYIP_CMD_LINK_NTF or TINYIP_CMD_ROUTER_NTF says. */
enum tinyip_event {
	TINYIP_EVENT_UNSPEC,
	TINYIP_EVENT_LINK_ATTACHED,	/* tinyip took the device */
	TINYIP_EVENT_LINK_DETACHED,	/* by request, or the device went away */
	TINYIP_EVENT_LINK_UP,		/* administratively up with carrier */
	TINYIP_EVENT_LINK_DOWN,		/* down, or carrier lost */
	TINYIP_EVENT_ROUTER_ADDED,	/* an RA with a non-zero router lifetime */
	TINYIP_EVENT_ROUTER_DELETED,	/* lifetime 0, expiry, no longer a router */
};

/* TINYIP_A_DHCP_STATE: RFC 2131 figure 5, plus ACD checking (RFC 5227). */
enum tinyip_dhcp_state {
	TINYIP_DHCP_STOPPED,
	TINYIP_DHCP_INIT,
	TINYIP_DHCP_SELECTING,
	TINYIP_DHCP_REQUESTING,
	TINYIP_DHCP_CHECKING,		/* probing the offered address */
	TINYIP_DHCP_BOUND,
	TINYIP_DHCP_RENEWING,
	TINYIP_DHCP_REBINDING,
	TINYIP_DHCP_INIT_REBOOT,	/* REBOOTING: asking for the last lease */
};

/* TINYIP_A_DHCP_EVENT of TINYIP_CMD_DHCP_NTF. */
enum tinyip_dhcp_event {
	TINYIP_DHCP_EV_NONE,
	TINYIP_DHCP_EV_BOUND,		/* a lease was gained */
	TINYIP_DHCP_EV_RENEWED,		/* extended by its server */
	TINYIP_DHCP_EV_REBOUND,		/* extended by any server */
	TINYIP_DHCP_EV_LOST,		/* expired, NAKed or released */
	TINYIP_DHCP_EV_CONFLICT,	/* ACD: another host has the address */
};

/*
 * The members of a TINYIP_A_DNS nest. A server entry of the DNS_GET dump
 * has ADDR, SRC and IFINDEX; a cache entry NAME, TYPE, TTL and ADDR
 * (repeated, one per address) or RCODE for a negative entry; a resolve
 * reply NAME, TYPE, TTL, ADDR... or RCODE, and FROM_CACHE.
 */
enum tinyip_dns_attr {
	TINYIP_DNS_A_UNSPEC,
	TINYIP_DNS_A_ADDR,	/* binary: 4 or 16 bytes */
	TINYIP_DNS_A_IFINDEX,	/* u32: link of a server; 0 for any */
	TINYIP_DNS_A_SRC,	/* u8: enum tinyip_dns_src */
	TINYIP_DNS_A_NAME,	/* string: a host name, without the final dot */
	TINYIP_DNS_A_TYPE,	/* u16: 1 (A) or 28 (AAAA) */
	TINYIP_DNS_A_TTL,	/* u32: seconds left */
	TINYIP_DNS_A_RCODE,	/* u8: 3 NXDOMAIN; 0 with no ADDR is NODATA */
	TINYIP_DNS_A_TIMEOUT_MS, /* u32: how long a resolve waits, 100..60000 */
	TINYIP_DNS_A_FROM_CACHE, /* flag: the answer came from the cache */
	TINYIP_DNS_A_KIND,	/* u8: enum tinyip_dns_kind of a dump entry */

	__TINYIP_DNS_A_MAX,
	TINYIP_DNS_A_MAX = __TINYIP_DNS_A_MAX - 1
};

/* Where a DNS server came from. */
enum tinyip_dns_src {
	TINYIP_DNS_SRC_STATIC,	/* tinyip dns server add */
	TINYIP_DNS_SRC_DHCP4,
	TINYIP_DNS_SRC_DHCP6,
	TINYIP_DNS_SRC_RA,	/* RDNSS, RFC 8106 */
};

enum tinyip_dns_kind {
	TINYIP_DNS_KIND_SERVER,
	TINYIP_DNS_KIND_CACHE,
};

/*
 * Resolver counters in the TINYIP_A_DNS_STATS nest, u64 each. The REJ_*
 * ones count responses dropped, by the reason (RFC 5452, and the
 * AMNESIA:33 / NAME:WRECK classes of malformed messages).
 */
enum tinyip_dns_stat {
	TINYIP_DNS_STAT_UNSPEC,
	TINYIP_DNS_STAT_PAD,
	TINYIP_DNS_STAT_QUERIES,	/* messages sent, UDP and TCP */
	TINYIP_DNS_STAT_ANSWERS,	/* responses accepted */
	TINYIP_DNS_STAT_TIMEOUTS,	/* tries that got no answer */
	TINYIP_DNS_STAT_TCP_FALLBACKS,	/* truncated answers retried on TCP */
	TINYIP_DNS_STAT_CACHE_HITS,
	TINYIP_DNS_STAT_CACHE_MISSES,
	TINYIP_DNS_STAT_NEGATIVE,	/* NXDOMAIN and NODATA answers */
	TINYIP_DNS_STAT_FAILURES,	/* lookups that ended without answer */
	TINYIP_DNS_STAT_MDNS_QUERIES,	/* RFC 6762 one-shot queries */
	TINYIP_DNS_STAT_REJ_SHORT,	/* shorter than a header */
	TINYIP_DNS_STAT_REJ_NOT_RESPONSE, /* QR clear, or another opcode */
	TINYIP_DNS_STAT_REJ_ID,		/* no query with this ID */
	TINYIP_DNS_STAT_REJ_SOURCE,	/* not from a server asked */
	TINYIP_DNS_STAT_REJ_QUESTION,	/* another question than asked */
	TINYIP_DNS_STAT_REJ_NAME,	/* label past the end, over 255, bad type */
	TINYIP_DNS_STAT_REJ_POINTER,	/* loop, forward or out of bounds */
	TINYIP_DNS_STAT_REJ_COUNT,	/* counts the message does not hold */
	TINYIP_DNS_STAT_REJ_RDATA,	/* rdlength past the end, A/AAAA size */
	TINYIP_DNS_STAT_REJ_RCODE,	/* SERVFAIL, REFUSED...: next server */

	__TINYIP_DNS_STAT_MAX,
	TINYIP_DNS_STAT_MAX = __TINYIP_DNS_STAT_MAX - 1
};

#endif /* _UAPI_LINUX_TINYIP_H */
