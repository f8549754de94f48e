// SPDX-License-Identifier: GPL-2.0
/*
 * The "dns" object: the resolver's servers (set by hand here, or learnt
 * from DHCP, DHCPv6 and RA RDNSS), its cache, and lookups of A and AAAA
 * records (RFC 1035, RFC 3596; .local names over mDNS, RFC 6762).
 */
#include <errno.h>
#include <net/if.h>
#include <string.h>
#include <libmnl/libmnl.h>

#include "genl.h"
#include "json.h"
#include "tinyip_common.h"

enum { DNS_SHOW, DNS_SERVER, DNS_FLUSH, DNS_RESOLVE, DNS_HELP };

static const char * const dns_cmds[] = {
	[DNS_SHOW] = "show",
	[DNS_SERVER] = "server",
	[DNS_FLUSH] = "flush",
	[DNS_RESOLVE] = "resolve",
	[DNS_HELP] = "help",
};

static const char * const dns_srcs[] = {
	[TINYIP_DNS_SRC_STATIC] = "static",
	[TINYIP_DNS_SRC_DHCP4] = "dhcp",
	[TINYIP_DNS_SRC_DHCP6] = "dhcp6",
	[TINYIP_DNS_SRC_RA] = "ra",
};

#define DNS_TYPE_A	1
#define DNS_TYPE_AAAA	28
#define DNS_MAX_ADDRS	16

void dns_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: tinyip dns server { add | del } ADDR [ dev DEV ]\n"
		"       tinyip dns [ show ]\n"
		"       tinyip dns flush\n"
		"       tinyip dns resolve NAME [ type { a | aaaa } ] [ timeout MS ]\n"
		"where  NAME ending in .local is asked over mDNS; MS: 100..60000\n");
}

/* What a TINYIP_A_DNS nest holds, in the dump and the resolve reply. */
struct dns_entry {
	__u8 kind;
	__u8 src;
	__u8 rcode;
	__u16 type;
	__u32 ttl;
	__u32 ifindex;
	bool from_cache;
	bool has_rcode;
	char name[256];
	unsigned int naddr;
	__u8 addr[DNS_MAX_ADDRS][16];
	unsigned int addr_len[DNS_MAX_ADDRS];
};

static int dns_nest_cb(const struct nlattr *attr, void *data)
{
	struct dns_entry *e = data;
	unsigned int len = mnl_attr_get_payload_len(attr);

	switch (mnl_attr_get_type(attr)) {
	case TINYIP_DNS_A_KIND:
		if (mnl_attr_validate(attr, MNL_TYPE_U8) < 0)
			return MNL_CB_ERROR;
		e->kind = mnl_attr_get_u8(attr);
		break;
	case TINYIP_DNS_A_SRC:
		if (mnl_attr_validate(attr, MNL_TYPE_U8) < 0)
			return MNL_CB_ERROR;
		e->src = mnl_attr_get_u8(attr);
		break;
	case TINYIP_DNS_A_RCODE:
		if (mnl_attr_validate(attr, MNL_TYPE_U8) < 0)
			return MNL_CB_ERROR;
		e->rcode = mnl_attr_get_u8(attr);
		e->has_rcode = true;
		break;
	case TINYIP_DNS_A_TYPE:
		if (mnl_attr_validate(attr, MNL_TYPE_U16) < 0)
			return MNL_CB_ERROR;
		e->type = mnl_attr_get_u16(attr);
		break;
	case TINYIP_DNS_A_TTL:
	case TINYIP_DNS_A_IFINDEX:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
			return MNL_CB_ERROR;
		if (mnl_attr_get_type(attr) == TINYIP_DNS_A_TTL)
			e->ttl = mnl_attr_get_u32(attr);
		else
			e->ifindex = mnl_attr_get_u32(attr);
		break;
	case TINYIP_DNS_A_FROM_CACHE:
		e->from_cache = true;
		break;
	case TINYIP_DNS_A_NAME:
		if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0)
			return MNL_CB_ERROR;
		snprintf(e->name, sizeof(e->name), "%s",
			 mnl_attr_get_str(attr));
		break;
	case TINYIP_DNS_A_ADDR:
		if ((len != 4 && len != 16) || e->naddr == DNS_MAX_ADDRS)
			break;
		memcpy(e->addr[e->naddr], mnl_attr_get_payload(attr), len);
		e->addr_len[e->naddr++] = len;
		break;
	}
	return MNL_CB_OK;
}

static int dns_parse(const struct nlmsghdr *nlh, struct dns_entry *e)
{
	const struct nlattr *tb[TINYIP_A_MAX + 1] = {};
	int err = tinyip_parse_attrs(nlh, tb);

	memset(e, 0, sizeof(*e));
	if (err)
		return err;
	if (!tb[TINYIP_A_DNS])
		return -EINVAL;
	if (mnl_attr_parse_nested(tb[TINYIP_A_DNS], dns_nest_cb, e) < 0)
		return -EINVAL;
	return 0;
}

static const char *dns_type_name(__u16 type)
{
	return type == DNS_TYPE_AAAA ? "AAAA" : type == DNS_TYPE_A ? "A" : "?";
}

static const char *dns_negative(const struct dns_entry *e)
{
	return e->rcode == 3 ? "NXDOMAIN" : "NODATA";
}

static void dns_print_addrs(const struct dns_entry *e, FILE *fp,
			    struct json_writer *jw)
{
	char buf[IPADDR_STRLEN];
	unsigned int i;

	if (jw) {
		json_name(jw, "addrs");
		json_arr_open(jw);
	}
	for (i = 0; i < e->naddr; i++) {
		format_ip(buf, sizeof(buf), e->addr[i], e->addr_len[i]);
		if (jw)
			json_str(jw, buf);
		else
			fprintf(fp, " %s", buf);
	}
	if (jw)
		json_arr_close(jw);
}

static void dns_print_server(const struct dns_entry *e, struct show_ctx *ctx)
{
	const char *src = e->src < ARRAY_SIZE(dns_srcs) ? dns_srcs[e->src] :
			  "unknown";
	struct json_writer *jw = ctx->jw;
	char ifname[IF_NAMESIZE] = "";
	char buf[IPADDR_STRLEN];
	FILE *fp = ctx->o->fp;

	format_ip(buf, sizeof(buf), e->addr[0], e->addr_len[0]);
	if (e->ifindex && !if_indextoname(e->ifindex, ifname))
		snprintf(ifname, sizeof(ifname), "if%u", e->ifindex);
	if (jw) {
		json_obj_open(jw);
		json_str_field(jw, "kind", "server");
		json_str_field(jw, "addr", buf);
		json_str_field(jw, "source", src);
		if (e->ifindex) {
			json_u64_field(jw, "ifindex", e->ifindex);
			json_str_field(jw, "dev", ifname);
		}
		json_obj_close(jw);
		return;
	}
	fprintf(fp, "server %s %s", buf, src);
	if (e->ifindex)
		fprintf(fp, " dev %s", ifname);
	fputc('\n', fp);
}

static void dns_print_entry(const struct dns_entry *e, struct show_ctx *ctx)
{
	struct json_writer *jw = ctx->jw;
	FILE *fp = ctx->o->fp;

	if (jw) {
		json_obj_open(jw);
		json_str_field(jw, "kind", "cache");
		json_str_field(jw, "name", e->name);
		json_str_field(jw, "type", dns_type_name(e->type));
		json_u64_field(jw, "ttl", e->ttl);
		if (e->naddr)
			dns_print_addrs(e, fp, jw);
		else
			json_str_field(jw, "negative", dns_negative(e));
		json_obj_close(jw);
		return;
	}
	fprintf(fp, "cache %s %s", e->name, dns_type_name(e->type));
	if (e->naddr)
		dns_print_addrs(e, fp, NULL);
	else
		fprintf(fp, " %s", dns_negative(e));
	fprintf(fp, " ttl %u\n", e->ttl);
}

static int dns_show_cb(const struct nlmsghdr *nlh, struct show_ctx *ctx)
{
	struct dns_entry e;
	int err = dns_parse(nlh, &e);

	if (err)
		return err;
	if (e.kind == TINYIP_DNS_KIND_SERVER && e.naddr)
		dns_print_server(&e, ctx);
	else if (e.kind == TINYIP_DNS_KIND_CACHE)
		dns_print_entry(&e, ctx);
	ctx->shown++;
	return 0;
}

static int dns_simple(__u8 cmd, const struct inet_prefix *addr,
		      __u32 ifindex)
{
	struct genl_sock gs;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	int ret;

	ret = tinyip_open(&gs, NULL);
	if (ret)
		return ret;
	nlh = tinyip_msg(&gs, cmd);
	if (addr) {
		nest = mnl_attr_nest_start(nlh, TINYIP_A_DNS);
		mnl_attr_put(nlh, TINYIP_DNS_A_ADDR, addr->len, addr->addr);
		if (ifindex)
			mnl_attr_put_u32(nlh, TINYIP_DNS_A_IFINDEX, ifindex);
		mnl_attr_nest_end(nlh, nest);
	}
	ret = tinyip_exec(&gs, nlh, NULL, NULL);
	genl_close(&gs);
	return ret;
}

/* "server add|del ADDR [dev DEV]" */
static int dns_server(int argc, char **argv)
{
	struct inet_prefix p;
	const char *dev = NULL;
	__u32 ifindex = 0;
	bool add;

	if (argc < 1 || (strcmp(argv[0], "add") && strcmp(argv[0], "del")))
		return usage_err("dns", "\"server add\" or \"server del\"?");
	add = !strcmp(argv[0], "add");
	if (argc < 2)
		return usage_err("dns", "which server? ADDR is missing.");
	if (parse_addr(argv[1], AF_UNSPEC, &p))
		return invarg("dns", argv[1],
			      "a server is an IPv4 or IPv6 address.");
	argc -= 2;
	argv += 2;
	if (argc >= 1 && !strcmp(argv[0], "dev")) {
		int ret = parse_dev("dns", argc > 1 ? argv[1] : NULL, &dev);

		if (ret)
			return ret;
		ifindex = if_nametoindex(dev);
		if (!ifindex)
			return invarg("dns", dev, "no such device.");
		argc -= 2;
		argv += 2;
	}
	if (argc > 0)
		return invarg("dns", argv[0], "unknown keyword.");
	return dns_simple(add ? TINYIP_CMD_DNS_SERVER_ADD :
			  TINYIP_CMD_DNS_SERVER_DEL, &p, ifindex);
}

struct dns_resolve_run {
	const struct tinyip_out *o;
	struct dns_entry e;
	bool got;
};

static int dns_resolve_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dns_resolve_run *run = data;

	if (dns_parse(nlh, &run->e))
		return MNL_CB_ERROR;
	run->got = true;
	return MNL_CB_OK;
}

static int dns_resolve_print(const struct dns_resolve_run *run)
{
	const struct dns_entry *e = &run->e;
	struct json_writer jw;
	FILE *fp = run->o->fp;

	if (run->o->json) {
		json_init(&jw, fp, run->o->pretty);
		json_obj_open(&jw);
		json_str_field(&jw, "name", e->name);
		json_str_field(&jw, "type", dns_type_name(e->type));
		json_u64_field(&jw, "ttl", e->ttl);
		json_u64_field(&jw, "rcode", e->rcode);
		json_bool_field(&jw, "cached", e->from_cache);
		if (e->naddr)
			dns_print_addrs(e, fp, &jw);
		else
			json_str_field(&jw, "negative", dns_negative(e));
		json_obj_close(&jw);
		json_end(&jw);
	} else if (e->naddr) {
		fprintf(fp, "%s %s", e->name, dns_type_name(e->type));
		dns_print_addrs(e, fp, NULL);
		fprintf(fp, " ttl %u%s\n", e->ttl,
			e->from_cache ? " cached" : "");
	} else {
		/* As an error, so that scripts see why on stderr. */
		fprintf(stderr, "Error: %s %s: %s (ttl %u%s).\n", e->name,
			dns_type_name(e->type), dns_negative(e), e->ttl,
			e->from_cache ? ", cached" : "");
	}
	/* A name without addresses is a failed lookup for scripts. */
	return e->naddr ? TINYIP_EXIT_OK : TINYIP_EXIT_FAIL;
}

/* "resolve NAME [type a|aaaa] [timeout MS]" */
static int dns_resolve(int argc, char **argv, const struct tinyip_out *o)
{
	struct dns_resolve_run run = { .o = o };
	__u16 type = DNS_TYPE_A;
	__u32 timeout = 0;
	struct genl_sock gs;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	const char *name;
	int ret;

	if (argc < 1)
		return usage_err("dns", "which name? NAME is missing.");
	name = argv[0];
	if (!*name || strlen(name) > 254)
		return invarg("dns", name, "not a host name.");
	for (argc--, argv++; argc > 0; argc -= 2, argv += 2) {
		if (argc < 2)
			return usage_err("dns", "\"%s\" needs a value.",
					 argv[0]);
		if (!strcmp(argv[0], "type")) {
			if (!strcasecmp(argv[1], "a"))
				type = DNS_TYPE_A;
			else if (!strcasecmp(argv[1], "aaaa"))
				type = DNS_TYPE_AAAA;
			else
				return invarg("dns", argv[1],
					      "the type is a or aaaa.");
		} else if (!strcmp(argv[0], "timeout")) {
			if (parse_u32(argv[1], &timeout) || timeout < 100 ||
			    timeout > 60000)
				return invarg("dns", argv[1],
					      "timeout is 100 to 60000 ms.");
		} else {
			return invarg("dns", argv[0], "unknown keyword.");
		}
	}
	ret = tinyip_open(&gs, NULL);
	if (ret)
		return ret;
	nlh = tinyip_msg(&gs, TINYIP_CMD_DNS_RESOLVE);
	nest = mnl_attr_nest_start(nlh, TINYIP_A_DNS);
	mnl_attr_put_strz(nlh, TINYIP_DNS_A_NAME, name);
	mnl_attr_put_u16(nlh, TINYIP_DNS_A_TYPE, type);
	if (timeout)
		mnl_attr_put_u32(nlh, TINYIP_DNS_A_TIMEOUT_MS, timeout);
	mnl_attr_nest_end(nlh, nest);
	ret = tinyip_exec(&gs, nlh, dns_resolve_cb, &run);
	genl_close(&gs);
	if (ret)
		return ret;
	if (!run.got) {
		fprintf(stderr, "Error: the kernel sent no answer.\n");
		return TINYIP_EXIT_FAIL;
	}
	return dns_resolve_print(&run);
}

int do_dns(int argc, char **argv, const struct tinyip_out *o)
{
	int cmd = DNS_SHOW;

	if (argc > 0) {
		cmd = match_word(argv[0], dns_cmds, ARRAY_SIZE(dns_cmds));
		argc--;
		argv++;
	}
	switch (cmd) {
	case DNS_HELP:
		dns_usage(stdout);
		return TINYIP_EXIT_OK;
	case DNS_SHOW:
		if (argc > 0)
			return invarg("dns", argv[0], "unknown keyword.");
		return tinyip_show(TINYIP_CMD_DNS_GET, NULL, dns_show_cb, o);
	case DNS_SERVER:
		return dns_server(argc, argv);
	case DNS_FLUSH:
		if (argc > 0)
			return invarg("dns", argv[0], "unknown keyword.");
		return dns_simple(TINYIP_CMD_DNS_FLUSH, NULL, 0);
	case DNS_RESOLVE:
		return dns_resolve(argc, argv, o);
	}
	return bad_command("dns", argv[-1], cmd);
}
