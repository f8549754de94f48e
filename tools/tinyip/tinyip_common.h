/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared by the files of the tinyip command: output
 * settings, argument helpers, attribute parsing and the objects.
 */
#ifndef TINYIP_COMMON_H
#define TINYIP_COMMON_H

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <netinet/in.h>
#include <linux/netlink.h>
#include <linux/types.h>
#include <linux/tinyip.h>

#ifndef TINYIP_TOOL_VERSION
#define TINYIP_TOOL_VERSION "0.1.0"
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Exit statuses, as documented in tinyip(8). */
enum {
	TINYIP_EXIT_OK,
	TINYIP_EXIT_FAIL,	/* the kernel or the system refused */
	TINYIP_EXIT_USAGE,	/* the command line is wrong */
};

/* Where and how results are printed. */
struct tinyip_out {
	FILE *fp;
	bool json;
	bool pretty;
	bool stats;	/* -s: link counters and drop reasons, TCP internals */
	int family;	/* -4 AF_INET, -6 AF_INET6, or AF_UNSPEC for both */
	const char *stamp;	/* monitor -t: the event's time, or NULL */
};

#define TINYIP_IFNAMSIZ	16	/* IFNAMSIZ, with the NUL */

/* utils.c: command line helpers */
#define MATCH_NONE	(-1)
#define MATCH_AMBIGUOUS	(-2)
int match_word(const char *arg, const char * const *words, size_t n);
bool is_help(const char *arg);
int bad_command(const char *object, const char *arg, int match);
/* Their messages are printf formats: a literal % is written %%. */
int usage_err(const char *object, const char *fmt, ...);
int invarg(const char *object, const char *arg, const char *fmt, ...);
int parse_size(const char *arg, __u64 *val);
int parse_dev(const char *object, const char *arg, const char **dev);
int arg_once(const char *object, const char *key, const char *arg, bool has,
	     const char *what);
int parse_u32(const char *arg, __u32 *val);

#define TINYIP_LFT_FOREVER	0xffffffffU	/* TINYIP_A_*_LFT: no end */
int parse_lifetime(const char *arg, __u32 *val);

/* An IPv4 or IPv6 address or prefix, as TINYIP_A_ADDR carries it. */
struct inet_prefix {
	__u8 addr[16];
	unsigned int len;	/* bytes: 4 for IPv4, 16 for IPv6 */
	__u8 plen;		/* prefix length in bits */
};

int parse_addr(const char *arg, int family, struct inet_prefix *p);
int parse_prefix(const char *arg, int family, bool allow_default,
		 struct inet_prefix *p);
bool prefix_host_bits(const struct inet_prefix *p);
int addr_invarg(const char *object, const char *arg, int err, int family,
		const struct inet_prefix *p, const char *what);
bool family_matches(int family, unsigned int len);

enum ip_scope { SCOPE_GLOBAL, SCOPE_SITE, SCOPE_LINK, SCOPE_HOST };
enum ip_scope ip6_scope(const __u8 *addr);

void format_hwaddr(char *buf, size_t size, const void *data, size_t len);
bool format_ip(char *buf, size_t size, const void *data, size_t len);
bool dev_matches(const char *filter, const char *ifname);

/* A bit of a flags attribute and the word that names it. */
struct flag_name {
	__u32 bit;
	const char *name;
};

struct json_writer;
void print_flags(FILE *fp, struct json_writer *jw, const char *field,
		 __u32 flags, const struct flag_name *names, size_t n);

/*
 * The "present" bitmasks below hold one bit per TINYIP_A_* attribute;
 * the family has more than 64 of them.
 */
struct attr_mask {
	__u64 w[2];
};

static_assert(TINYIP_A_MAX < 128, "TINYIP_A_MAX outgrew the present masks");

static inline void attr_set(struct attr_mask *m, unsigned int attr)
{
	m->w[attr / 64] |= 1ULL << (attr % 64);
}

static inline bool attr_has(const struct attr_mask *m, unsigned int attr)
{
	return m->w[attr / 64] & (1ULL << (attr % 64));
}

/* attr.c: validated attributes of a tinyip message */
int tinyip_parse_attrs(const struct nlmsghdr *nlh,
		       const struct nlattr *tb[TINYIP_A_MAX + 1]);
int tinyip_parse_present(const struct nlmsghdr *nlh,
			 const struct nlattr *tb[TINYIP_A_MAX + 1],
			 struct attr_mask *present);

#define HAS(x, attr)	attr_has(&(x)->present, attr)

/* info.c: "tinyip info" */
struct tinyip_info {
	char *version;
	__u64 features;
	__u32 family;
	__u32 instance;
	struct attr_mask present;	/* bit (1 << TINYIP_A_*) per attribute seen */
};

int info_parse(const struct nlmsghdr *nlh, struct tinyip_info *info);
void info_print(const struct tinyip_info *info, const struct tinyip_out *o);
void info_free(struct tinyip_info *info);
void info_usage(FILE *fp);
int do_info(int argc, char **argv, const struct tinyip_out *o);

/* config.c: "tinyip config" */
#define TCP_CC_NAMSIZ	16	/* TCP_CA_NAME_MAX, with the NUL */

struct tinyip_config {
	__u64 val[TINYIP_A_MAX + 1];	/* indexed by TINYIP_A_* */
	char tcp_cc[TCP_CC_NAMSIZ];	/* TINYIP_A_TCP_CC */
	struct attr_mask present;
};

int config_parse(const struct nlmsghdr *nlh, struct tinyip_config *cfg);
void config_print(const struct tinyip_config *cfg,
		  const struct tinyip_out *o, bool event);
void config_usage(FILE *fp);
int do_config(int argc, char **argv, const struct tinyip_out *o);

/* link.c, addr.c, route.c, neigh.c, ra.c: the objects of links and routes */
#define HWADDR_MAX	32
#define IPADDR_STRLEN	46	/* INET6_ADDRSTRLEN */

struct tinyip_link {
	char ifname[TINYIP_IFNAMSIZ];
	__u32 ifindex;
	__u32 flags;
	__u32 mtu;
	__u8 mode;
	__u8 hwaddr[HWADDR_MAX];
	unsigned int hwaddr_len;
	__u64 stats[TINYIP_LINK_STAT_MAX + 1];	/* by TINYIP_LINK_STAT_* */
	__u64 drops[2][TINYIP_DROP_MAX + 1];	/* receive, transmit */
	unsigned int n_drops;	/* drop nests seen: 0, 1 (rx) or 2 */
	__u32 ra_interval;	/* seconds, with TINYIP_LINK_F_RA */
	__u32 ra_lifetime;
	struct attr_mask present;		/* bit (1 << TINYIP_A_*) per attribute seen */
};

struct tinyip_addr {
	char ifname[TINYIP_IFNAMSIZ];
	__u32 ifindex;
	__u8 addr[16];
	__u8 brd[16];
	unsigned int addr_len;
	unsigned int brd_len;
	__u8 prefixlen;
	__u32 flags;		/* enum tinyip_addr_flag */
	__u32 valid_lft;	/* seconds, or TINYIP_LFT_FOREVER */
	__u32 preferred_lft;
	struct attr_mask present;
};

struct tinyip_route {
	char ifname[TINYIP_IFNAMSIZ];
	__u32 ifindex;
	__u8 dst[16];
	__u8 gw[16];
	unsigned int dst_len;
	unsigned int gw_len;
	__u8 prefixlen;
	__u32 metric;
	__u32 flags;
	struct attr_mask present;
};

struct tinyip_neigh {
	char ifname[TINYIP_IFNAMSIZ];
	__u32 ifindex;
	__u8 dst[16];
	unsigned int dst_len;
	__u8 lladdr[HWADDR_MAX];
	unsigned int lladdr_len;
	__u8 state;
	__u32 flags;		/* enum tinyip_neigh_flag */
	struct attr_mask present;
};

/* One printer per dump: text lines, or the elements of a JSON array. */
struct show_ctx {
	const struct tinyip_out *o;
	struct json_writer *jw;	/* NULL for text */
	const char *dev;	/* only entries of this link, or NULL */
	const void *filter;	/* the object's own filter, or NULL */
	unsigned int shown;
};

const char *drop_reason_name(unsigned int reason);
int link_parse(const struct nlmsghdr *nlh, struct tinyip_link *l);
const char *link_mode_name(const struct tinyip_link *l);
void link_print(const struct tinyip_link *l, struct show_ctx *ctx);
void link_usage(FILE *fp);
int do_link(int argc, char **argv, const struct tinyip_out *o);

int addr_parse(const struct nlmsghdr *nlh, struct tinyip_addr *a);
void addr_print(const struct tinyip_addr *a, struct show_ctx *ctx);
void addr_print_event(const struct tinyip_addr *a,
		      const struct tinyip_out *o, const char *event);
void addr_usage(FILE *fp);
int do_addr(int argc, char **argv, const struct tinyip_out *o);

int route_parse(const struct nlmsghdr *nlh, struct tinyip_route *r);
void route_print(const struct tinyip_route *r, struct show_ctx *ctx);
void route_usage(FILE *fp);
int do_route(int argc, char **argv, const struct tinyip_out *o);

int neigh_parse(const struct nlmsghdr *nlh, struct tinyip_neigh *n);
void neigh_print(const struct tinyip_neigh *n, struct show_ctx *ctx);
void neigh_usage(FILE *fp);
int do_neigh(int argc, char **argv, const struct tinyip_out *o);

/* The limits the kernel puts on "ra set" (RFC 4861 6.2.1). */
#define RA_INTERVAL_MIN	4	/* MaxRtrAdvInterval, seconds */
#define RA_INTERVAL_MAX	1800
#define RA_LIFETIME_MAX	9000	/* AdvDefaultLifetime; 0 is allowed */

void ra_print(const struct tinyip_link *l, struct show_ctx *ctx);
void ra_usage(FILE *fp);
int do_ra(int argc, char **argv, const struct tinyip_out *o);

/* dhcp.c */
void dhcp_usage(FILE *fp);
int do_dhcp(int argc, char **argv, const struct tinyip_out *o);
void dhcp_print_event(const struct nlmsghdr *nlh, const struct tinyip_out *o);

/* show.c: a dump request, printed as it arrives */
typedef int (*show_cb_t)(const struct nlmsghdr *nlh, struct show_ctx *ctx);
int tinyip_show(__u8 cmd, const char *dev, show_cb_t cb,
		const struct tinyip_out *o);

/* A dump with more to it than a device name. */
struct show_req {
	__u8 cmd;
	const char *dev;	/* sent as TINYIP_A_IFNAME; NULL for none */
	const void *filter;	/* given to put and, as ctx->filter, to cb */
	void (*put)(struct nlmsghdr *nlh, const void *filter);
	void (*header)(FILE *fp);	/* text only, before the entries */
	show_cb_t cb;
};

int tinyip_show_req(const struct show_req *rq, const struct tinyip_out *o);
void attr_copy_ifname(char *dst, const struct nlattr *attr);
unsigned int attr_copy_bin(void *dst, size_t size, const struct nlattr *attr);
int parse_counters(const struct nlattr *nest, __u64 *val, unsigned int base,
		   unsigned int first, unsigned int last);
void ifname_fallback(char *dst, const struct nlattr *tb[TINYIP_A_MAX + 1]);

/* sock.c: "tinyip sock", the ss of tinyip */
struct tinyip_sock {
	__u8 proto;		/* IPPROTO_TCP, _UDP, _UDPLITE or _RAW */
	__u8 state;		/* Linux's TCP_* numbers */
	__u8 laddr[16];
	__u8 raddr[16];
	unsigned int laddr_len;
	unsigned int raddr_len;
	__u16 lport;
	__u16 rport;
	__u32 rqueue;
	__u32 wqueue;
	__u32 info[TINYIP_SOCK_INFO_MAX + 1];	/* by TINYIP_SOCK_INFO_* */
	__u32 info_present;	/* bit (1 << TINYIP_SOCK_INFO_*) per member */
	char cc[TCP_CC_NAMSIZ];
	__u32 flags;		/* enum tinyip_sock_flag */
	struct attr_mask present;
};

/* Which entries "sock show" prints: everything the fields allow. */
struct sock_filter {
	__u8 proto;		/* 0: any */
	__u32 states;		/* bit (1 << state); 0: any */
};

int sock_parse(const struct nlmsghdr *nlh, struct tinyip_sock *s);
void sock_print(const struct tinyip_sock *s, struct show_ctx *ctx);
void sock_print_header(FILE *fp);
bool sock_matches(const struct tinyip_sock *s, const struct sock_filter *f);
void sock_usage(FILE *fp);
int do_sock(int argc, char **argv, const struct tinyip_out *o);

/* stats.c: "tinyip stats", counters named as nstat names them */
struct tinyip_stats {
	__u64 tcp[TINYIP_TCP_STAT_MAX + 1];	/* by TINYIP_TCP_STAT_* */
	__u64 dns[TINYIP_DNS_STAT_MAX + 1];	/* by TINYIP_DNS_STAT_* */
	/* The budget: by TINYIP_A_MEM_*, then by TINYIP_MEM_* category. */
	__u64 mem_budget, mem_used, mem_peak, mem_failed;
	__u64 cat_used[TINYIP_MEM_MAX + 1];
	__u64 cat_peak[TINYIP_MEM_MAX + 1];
	__u64 cat_failed[TINYIP_MEM_MAX + 1];
	__u64 events_dropped;	/* notifications the module could not send */
	struct attr_mask present;
};

const char *tcp_stat_name(unsigned int stat);
int stats_parse(const struct nlmsghdr *nlh, struct tinyip_stats *st);
void stats_usage(FILE *fp);
int do_stats(int argc, char **argv, const struct tinyip_out *o);

/* tinyip.c: the command line as main() gets it; an exit status */
int tinyip_main(int argc, char **argv);

/* dns.c: "tinyip dns", the resolver */
void dns_usage(FILE *fp);
int do_dns(int argc, char **argv, const struct tinyip_out *o);

/* monitor.c: "tinyip monitor" */
void monitor_usage(FILE *fp);
struct json_writer;
void monitor_json_head(struct json_writer *jw, const struct tinyip_out *o,
		       const char *event);
int do_monitor(int argc, char **argv, const struct tinyip_out *o);

#endif /* TINYIP_COMMON_H */
