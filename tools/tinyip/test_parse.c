// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test without the kernel: feeds hand-built netlink messages, as
 * the module and nlctrl would send them, to the parsers and printers of
 * the tinyip command and checks the exact text and JSON output.
 */
#define _GNU_SOURCE	/* open_memstream() */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "genl.h"
#include "json.h"
#include "tinyip_common.h"

static unsigned int tests, failures;
static char buf[8192];

static void check(bool ok, const char *name)
{
	tests++;
	if (!ok)
		failures++;
	printf("%sok %u %s\n", ok ? "" : "not ", tests, name);
}

static void check_str(const char *got, const char *want, const char *name)
{
	bool ok = got && !strcmp(got, want);

	check(ok, name);
	if (!ok)
		printf("# got:  %s\n# want: %s\n", got ? got : "(null)", want);
}

static struct nlmsghdr *msg(__u8 cmd)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = 0x20;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = TINYIP_GENL_VERSION;
	return nlh;
}

/* What nla_put_u64_64bit() sends where it must align: PAD, then the u64. */
static void put_u64_padded(struct nlmsghdr *nlh, __u16 type, __u64 v)
{
	mnl_attr_put(nlh, TINYIP_A_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, type, v);
}

/* Runs print(obj, out) with output into a string; caller frees it. */
#define CAPTURE(str, json_, pretty_, call) do {			\
	size_t len_;						\
	struct tinyip_out o_ = { .json = json_, .pretty = pretty_ }; \
	o_.fp = open_memstream(&(str), &len_);			\
	if (!o_.fp)						\
		abort();					\
	call;							\
	fclose(o_.fp);						\
} while (0)

static void test_info(void)
{
	struct tinyip_info info = {};
	struct nlmsghdr *nlh = msg(TINYIP_CMD_INFO_GET);
	char *s;

	mnl_attr_put_strz(nlh, TINYIP_A_VERSION, "0.1.0");
	mnl_attr_put_u32(nlh, TINYIP_A_FAMILY, 22);
	put_u64_padded(nlh, TINYIP_A_FEATURES,
		       TINYIP_FEATURE_MEM_BUDGET | TINYIP_FEATURE_IPV4 |
		       TINYIP_FEATURE_TCP | 1ULL << 40);
	mnl_attr_put_u32(nlh, 200, 7);	/* from a newer module */
	mnl_attr_put_u32(nlh, TINYIP_A_INSTANCE, 3);
	check(info_parse(nlh, &info) == 0,
	      "info: parse, pad and unknown attribute skipped");

	CAPTURE(s, false, false, info_print(&info, &o_));
	check_str(s,
		  "version 0.1.0\n"
		  "family 22\n"
		  "features mem-budget ipv4 tcp 0x10000000000\n"
		  "instance 3\n",
		  "info: text");
	free(s);
	CAPTURE(s, true, false, info_print(&info, &o_));
	check_str(s,
		  "{\"version\":\"0.1.0\",\"family\":22,\"features\":[\"mem-budget\",\"ipv4\",\"tcp\",\"0x10000000000\"],\"instance\":3}\n",
		  "info: json");
	free(s);
	info_free(&info);

	memset(&info, 0, sizeof(info));
	nlh = msg(TINYIP_CMD_INFO_GET);
	mnl_attr_put_u64(nlh, TINYIP_A_FEATURES, 0);
	check(info_parse(nlh, &info) == 0, "info: parse without padding");
	CAPTURE(s, false, false, info_print(&info, &o_));
	check_str(s, "features none\n", "info: text, no features");
	free(s);
	CAPTURE(s, true, true, info_print(&info, &o_));
	check_str(s, "{\n    \"features\": []\n}\n", "info: pretty json, no features");
	free(s);
	info_free(&info);
}

static void test_config(void)
{
	struct tinyip_config cfg = {};
	struct nlmsghdr *nlh = msg(TINYIP_CMD_CONFIG_GET);
	char *s;

	put_u64_padded(nlh, TINYIP_A_MEM_BUDGET, 0);
	put_u64_padded(nlh, TINYIP_A_MEM_USED, 12288);
	mnl_attr_put_u64(nlh, TINYIP_A_MEM_FAILED, 5);
	check(config_parse(nlh, &cfg) == 0, "config: parse");

	CAPTURE(s, false, false, config_print(&cfg, &o_, false));
	check_str(s, "mem-budget unlimited\nmem-used 12288\nmem-failed 5\n",
		  "config: text");
	free(s);
	CAPTURE(s, true, false, config_print(&cfg, &o_, false));
	check_str(s, "{\"mem_budget\":0,\"mem_used\":12288,\"mem_failed\":5}\n",
		  "config: json");
	free(s);
	CAPTURE(s, true, true, config_print(&cfg, &o_, false));
	check_str(s,
		  "{\n"
		  "    \"mem_budget\": 0,\n"
		  "    \"mem_used\": 12288,\n"
		  "    \"mem_failed\": 5\n"
		  "}\n",
		  "config: pretty json");
	free(s);

	cfg.val[TINYIP_A_MEM_BUDGET] = 16777216;
	CAPTURE(s, false, false, config_print(&cfg, &o_, true));
	check_str(s, "config mem-budget 16777216 mem-used 12288 mem-failed 5\n",
		  "monitor: text line");
	free(s);
	CAPTURE(s, true, false, config_print(&cfg, &o_, true));
	check_str(s,
		  "{\"event\":\"config\",\"object\":\"config\",\"mem_budget\":16777216,\"mem_used\":12288,\"mem_failed\":5}\n",
		  "monitor: json line");
	free(s);
}

static void test_malformed(void)
{
	struct tinyip_config cfg = {};
	struct tinyip_info info = {};
	struct tinyip_link l = {};
	struct nlmsghdr *nlh;

	nlh = msg(TINYIP_CMD_CONFIG_GET);
	mnl_attr_put_u32(nlh, TINYIP_A_MEM_BUDGET, 1);
	check(config_parse(nlh, &cfg) == -EBADMSG,
	      "malformed: u64 sent as u32 rejected");

	nlh = msg(TINYIP_CMD_INFO_GET);
	mnl_attr_put(nlh, TINYIP_A_VERSION, 3, "abc");
	check(info_parse(nlh, &info) == -EBADMSG,
	      "malformed: string without NUL rejected");

	nlh = msg(TINYIP_CMD_LINK_GET);
	mnl_attr_put_strz(nlh, TINYIP_A_IFNAME, "veth0");
	mnl_attr_put_u16(nlh, TINYIP_A_RA_LIFETIME, 1800);
	check(link_parse(nlh, &l) == -EBADMSG,
	      "malformed: RA_LIFETIME sent as u16 rejected");

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_len = mnl_nlmsg_size(2);
	check(config_parse(nlh, &cfg) == -EBADMSG,
	      "malformed: no genetlink header rejected");
	info_free(&info);
}

/* NLMSG_ERROR as netlink_ack() builds it, echoing the request or not. */
static struct nlmsghdr *nlmsgerr(int error, bool capped, const char *text)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nlmsgerr *e;
	size_t echo = capped ? 0 : 6;	/* an unaligned request payload */

	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = capped ? NLM_F_CAPPED : 0;
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e) + echo);
	e->error = error;
	e->msg.nlmsg_len = sizeof(e->msg) + echo;
	if (text) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, text);
	}
	return nlh;
}

static void test_extack(void)
{
	char *m;

	check(genl_parse_err(nlmsgerr(-EPERM, true, NULL), &m) == -EPERM &&
	      !m, "extack: plain error");
	check(genl_parse_err(nlmsgerr(-EINVAL, true, "budget too small"), &m) ==
	      -EINVAL && m && !strcmp(m, "budget too small"),
	      "extack: message, capped ACK");
	free(m);
	check(genl_parse_err(nlmsgerr(-ERANGE, false, "out of range"), &m) ==
	      -ERANGE && m && !strcmp(m, "out of range"),
	      "extack: message after the echoed request");
	free(m);
	check(genl_parse_err(nlmsgerr(0, true, "deprecated"), &m) == 0 &&
	      m && !strcmp(m, "deprecated"), "extack: warning on success");
	free(m);
}

static void test_size(void)
{
	static const struct {
		const char *arg;
		int err;
		__u64 val;
	} cases[] = {
		{ "0", 0, 0 },
		{ "unlimited", 0, 0 },
		{ "4096", 0, 4096 },
		{ "64K", 0, 65536 },
		{ "16M", 0, 16777216 },
		{ "1g", 0, 1073741824 },
		{ "18446744073709551615", 0, UINT64_MAX },
		{ "18446744073709551616", -ERANGE, 0 },
		{ "17179869184G", -ERANGE, 0 },
		{ "12Q", -EINVAL, 0 },
		{ "1.5M", -EINVAL, 0 },
		{ "16MB", -EINVAL, 0 },
		{ "K", -EINVAL, 0 },
		{ "", -EINVAL, 0 },
		{ " 1", -EINVAL, 0 },
		{ "+1", -EINVAL, 0 },
		{ "-1", -EDOM, 0 },
	};
	unsigned int i, bad = 0;
	__u64 val;
	int err;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		val = 0;
		err = parse_size(cases[i].arg, &val);
		if (err != cases[i].err || val != cases[i].val) {
			printf("# parse_size(\"%s\") = %d, %llu\n", cases[i].arg,
			       err, (unsigned long long)val);
			bad++;
		}
	}
	check(!bad, "parse_size: bytes, K/M/G, unlimited, garbage, overflow");
}

/* The bytes of an IPv4 or IPv6 address; their number, 0 for neither. */
static size_t ip_bytes(const char *ip, __u8 *buf)
{
	if (inet_pton(AF_INET, ip, buf) == 1)
		return 4;
	return inet_pton(AF_INET6, ip, buf) == 1 ? 16 : 0;
}

static void test_prefix(void)
{
	static const struct {
		const char *arg;
		int family;
		bool allow_default;
		int err;
		const char *addr;	/* expected, in either family */
		unsigned int plen;
	} cases[] = {
		{ "192.0.2.2/24", AF_UNSPEC, false, 0, "192.0.2.2", 24 },
		{ "192.0.2.2", AF_UNSPEC, false, 0, "192.0.2.2", 32 },
		{ "0.0.0.0/0", AF_UNSPEC, false, 0, "0.0.0.0", 0 },
		{ "default", AF_UNSPEC, true, 0, "0.0.0.0", 0 },
		{ "default", AF_INET, true, 0, "0.0.0.0", 0 },
		{ "default", AF_INET6, true, 0, "::", 0 },
		{ "default", AF_UNSPEC, false, -EINVAL, NULL, 0 },
		{ "192.0.2.2/32", AF_UNSPEC, false, 0, "192.0.2.2", 32 },
		{ "192.0.2.2/33", AF_UNSPEC, false, -ERANGE, NULL, 0 },
		{ "192.0.2.2/", AF_UNSPEC, false, -ERANGE, NULL, 0 },
		{ "192.0.2.2/-1", AF_UNSPEC, false, -ERANGE, NULL, 0 },
		{ "192.0.2.2/024", AF_UNSPEC, false, -ERANGE, NULL, 0 },
		{ "192.0.2.2/2 ", AF_UNSPEC, false, -ERANGE, NULL, 0 },
		{ "192.0.2/24", AF_UNSPEC, false, -EINVAL, NULL, 0 },
		{ "192.0.2.256", AF_UNSPEC, false, -EINVAL, NULL, 0 },
		{ "", AF_UNSPEC, false, -EINVAL, NULL, 0 },
		{ "/24", AF_UNSPEC, false, -EINVAL, NULL, 0 },
		{ "2001:db8::1/64", AF_UNSPEC, false, 0, "2001:db8::1", 64 },
		{ "2001:db8::1", AF_UNSPEC, false, 0, "2001:db8::1", 128 },
		{ "2001:db8::/128", AF_INET6, false, 0, "2001:db8::", 128 },
		{ "2001:db8::1/129", AF_UNSPEC, false, -ERANGE, NULL, 0 },
		{ "2001:db8::1/0128", AF_UNSPEC, false, -ERANGE, NULL, 0 },
		{ "2001:db8::1/64/1", AF_UNSPEC, false, -ERANGE, NULL, 0 },
		{ "::", AF_UNSPEC, false, 0, "::", 128 },
		{ "::/0", AF_UNSPEC, true, 0, "::", 0 },
		{ "::ffff:192.0.2.1", AF_UNSPEC, false, 0, "::ffff:c000:201", 128 },
		{ "::ffff:192.0.2.1/96", AF_INET6, false, 0, "::ffff:c000:201", 96 },
		{ "::ffff:192.0.2.1", AF_INET, false, -EAFNOSUPPORT, NULL, 0 },
		{ "2001:db8::1/64", AF_INET, false, -EAFNOSUPPORT, NULL, 0 },
		{ "192.0.2.2/24", AF_INET6, false, -EAFNOSUPPORT, NULL, 0 },
		{ "2001:db8::g/64", AF_UNSPEC, false, -EINVAL, NULL, 0 },
		{ "2001:db8:::1", AF_UNSPEC, false, -EINVAL, NULL, 0 },
		{ "1:2:3:4:5:6:7:8:9", AF_UNSPEC, false, -EINVAL, NULL, 0 },
		{ "fe80::1%veth0", AF_UNSPEC, false, -EINVAL, NULL, 0 },
		{ " ::1", AF_UNSPEC, false, -EINVAL, NULL, 0 },
		{ "0000:0000:0000:0000:0000:ffff:192.000.002.001", AF_UNSPEC,
		  false, -EINVAL, NULL, 0 },
	};
	unsigned int i, bad = 0;
	struct inet_prefix p;
	__u8 want[16];
	size_t len;
	int err;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		memset(&p, 0xaa, sizeof(p));
		err = parse_prefix(cases[i].arg, cases[i].family,
				   cases[i].allow_default, &p);
		len = 0;
		if (cases[i].addr)
			len = ip_bytes(cases[i].addr, want);
		if (err != cases[i].err ||
		    (!err && (!len || p.len != len ||
			      memcmp(p.addr, want, len) ||
			      p.plen != cases[i].plen))) {
			printf("# parse_prefix(\"%s\") = %d, %u bytes /%u\n",
			       cases[i].arg, err, p.len, p.plen);
			bad++;
		}
	}
	check(!bad, "parse_prefix: IPv4 and IPv6, /PLEN, default, range, -4/-6, garbage");

	check(parse_prefix("2001:db8::1/129", AF_UNSPEC, false, &p) ==
	      -ERANGE && p.len == 16 &&
	      parse_prefix("192.0.2.1/33", AF_UNSPEC, false, &p) == -ERANGE &&
	      p.len == 4,
	      "parse_prefix: a bad length still tells the family");
	check(!parse_addr("fe80::1", AF_UNSPEC, &p) && p.len == 16 &&
	      p.plen == 128 && !parse_addr("192.0.2.1", AF_INET, &p) &&
	      p.len == 4 && p.plen == 32 &&
	      parse_addr("192.0.2.1/32", AF_UNSPEC, &p) == -EINVAL &&
	      parse_addr("2001:db8::1/64", AF_UNSPEC, &p) == -EINVAL &&
	      parse_addr("fe80::1", AF_INET, &p) == -EAFNOSUPPORT,
	      "parse_addr: one address, no /PLEN, family");
}

static bool host_bits(const char *arg)
{
	struct inet_prefix p;

	if (parse_prefix(arg, AF_UNSPEC, false, &p))
		abort();
	return prefix_host_bits(&p);
}

static void test_host_bits_and_scope(void)
{
	struct inet_prefix p;

	check(!host_bits("0.0.0.0/0") && !host_bits("192.0.2.1/32") &&
	      host_bits("192.0.2.1/31") && !host_bits("192.0.2.0/24") &&
	      host_bits("192.0.2.128/24") && !host_bits("::/0") &&
	      !host_bits("2001:db8::/32") && host_bits("2001:db8::1/64") &&
	      !host_bits("2001:db8:8000::/33") &&
	      host_bits("2001:db8:4000::/33") && host_bits("::1/127") &&
	      !host_bits("::1/128"),
	      "prefix_host_bits: byte and bit boundaries, both families");

#define SCOPE_OF(a) (parse_addr(a, AF_INET6, &p) ? -1 : (int)ip6_scope(p.addr))
	check(SCOPE_OF("::1") == SCOPE_HOST && SCOPE_OF("fe80::1") == SCOPE_LINK &&
	      SCOPE_OF("febf:ffff::1") == SCOPE_LINK &&
	      SCOPE_OF("fec0::1") == SCOPE_SITE &&
	      SCOPE_OF("fe7f::1") == SCOPE_GLOBAL &&
	      SCOPE_OF("2001:db8::1") == SCOPE_GLOBAL &&
	      SCOPE_OF("::ffff:127.0.0.1") == SCOPE_GLOBAL &&
	      SCOPE_OF("::2") == SCOPE_GLOBAL,
	      "ip6_scope: loopback, fe80::/10, fec0::/10, the rest global");
#undef SCOPE_OF
	check(family_matches(AF_UNSPEC, 4) && family_matches(AF_UNSPEC, 16) &&
	      family_matches(AF_INET, 4) && !family_matches(AF_INET, 16) &&
	      family_matches(AF_INET6, 16) && !family_matches(AF_INET6, 4) &&
	      !family_matches(AF_INET6, 0),
	      "family_matches: -4 and -6 filters");
}

static void test_lifetime(void)
{
	__u32 v = 0;

	check(!parse_lifetime("forever", &v) && v == 0xffffffffU &&
	      !parse_lifetime("600", &v) && v == 600 &&
	      !parse_lifetime("0", &v) && v == 0 &&
	      !parse_lifetime("4294967295", &v) && v == 0xffffffffU &&
	      parse_lifetime("4294967296", &v) == -EINVAL &&
	      parse_lifetime("-1", &v) == -EINVAL &&
	      parse_lifetime("600s", &v) == -EINVAL &&
	      parse_lifetime("forev", &v) == -EINVAL &&
	      parse_lifetime("", &v) == -EINVAL,
	      "parse_lifetime: seconds, forever, garbage");
}

static void test_flags(void)
{
	static const struct flag_name names[] = {
		{ 1 << 2, "two" },
		{ 1 << 0, "zero" },
	};
	struct json_writer jw;
	size_t len;
	char *s;
	FILE *fp = open_memstream(&s, &len);

	if (!fp)
		abort();
	print_flags(fp, NULL, NULL, 0x85, names, ARRAY_SIZE(names));
	print_flags(fp, NULL, NULL, 0, names, ARRAY_SIZE(names));
	fputc('|', fp);
	json_init(&jw, fp, false);
	json_obj_open(&jw);
	print_flags(NULL, &jw, "flags", 0x85, names, ARRAY_SIZE(names));
	print_flags(NULL, &jw, "none", 0, names, ARRAY_SIZE(names));
	json_obj_close(&jw);
	json_end(&jw);
	fclose(fp);
	check_str(s, " two zero 0x80|{\"flags\":[\"two\",\"zero\",\"0x80\"],\"none\":[]}\n",
		  "print_flags: words in table order, the rest in hex, text and JSON");
	free(s);
}

static void test_u32_and_hwaddr(void)
{
	static const __u8 mac[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0xff };
	char buf[18], small[6];
	__u32 v = 0;

	check(!parse_u32("0", &v) && v == 0 &&
	      !parse_u32("4294967295", &v) && v == 4294967295u &&
	      parse_u32("4294967296", &v) == -EINVAL &&
	      parse_u32("-1", &v) == -EINVAL && parse_u32("1x", &v) == -EINVAL &&
	      parse_u32("", &v) == -EINVAL && parse_u32(" 1", &v) == -EINVAL,
	      "parse_u32: range and garbage");
	format_hwaddr(buf, sizeof(buf), mac, sizeof(mac));
	check_str(buf, "02:11:22:33:44:ff", "format_hwaddr: six bytes");
	format_hwaddr(small, sizeof(small), mac, sizeof(mac));
	check_str(small, "02:11", "format_hwaddr: cut to the buffer");
	format_ip(buf, sizeof(buf), mac, 3);
	check_str(buf, "?", "format_ip: odd length shown as ?");
}

/* NLMSG_DONE as netlink_dump_done() builds it. */
static struct nlmsghdr *nlmsgdone(int error, const char *text)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	int *e;

	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_flags = NLM_F_MULTI;
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));
	*e = error;
	if (text) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, text);
	}
	return nlh;
}

static void test_done(void)
{
	struct nlmsghdr *nlh;
	char *m;

	check(genl_parse_done(nlmsgdone(0, NULL), &m) == 0 && !m,
	      "done: end of a good dump");
	check(genl_parse_done(nlmsgdone(-ENODEV, "no such link"), &m) ==
	      -ENODEV && m && !strcmp(m, "no such link"),
	      "done: dump error with its extack message");
	free(m);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = NLMSG_DONE;
	check(genl_parse_done(nlh, &m) == 0 && !m,
	      "done: without a payload, as old kernels send it");
}

static void test_words(void)
{
	static const char * const words[] = { "show", "set", "help" };

	check(match_word("set", words, 3) == 1 &&
	      match_word("sh", words, 3) == 0 &&
	      match_word("s", words, 3) == MATCH_AMBIGUOUS &&
	      match_word("shown", words, 3) == MATCH_NONE &&
	      match_word("", words, 3) == MATCH_NONE,
	      "match_word: exact, unique prefix, ambiguous, unknown");
}

static void test_json_escape(void)
{
	struct json_writer jw;
	size_t len;
	char *s;
	FILE *fp = open_memstream(&s, &len);

	if (!fp)
		abort();
	json_init(&jw, fp, false);
	json_arr_open(&jw);
	json_str(&jw, "q\" b\\ n\n t\t c\x01 d\x7f");
	json_str(&jw, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	json_str(&jw, "bad \xff \xc0\xaf \xed\xa0\x80 \xe2\x82");
	json_arr_close(&jw);
	json_end(&jw);
	fclose(fp);
	check_str(s,
		  "[\"q\\\" b\\\\ n\\n t\\t c\\u0001 d\\u007f\",\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\",\"bad \\ufffd \\ufffd\\ufffd \\ufffd\\ufffd\\ufffd \\ufffd\\ufffd\"]\n",
		  "json: escaping, UTF-8 kept, invalid bytes replaced");
	free(s);
}

/*
 * genl.c against the running kernel's own nlctrl family, which has a
 * multicast group "notify" and rejects an over-long family name with an
 * extack message. Skipped where generic netlink cannot be reached.
 */
static void test_genl_live(void)
{
	struct genl_sock gs;
	struct nlmsghdr *nlh;
	char name[64];
	int err;

	err = genl_open(&gs, "nlctrl", "notify");
	if (err == -EAFNOSUPPORT || err == -EPERM || err == -EACCES) {
		printf("ok %u genl: live nlctrl # SKIP %s\n", ++tests,
		       strerror(-err));
		return;
	}
	check(!err && gs.family_id == GENL_ID_CTRL && gs.mcgrp_id,
	      "genl: nlctrl and its \"notify\" group resolved by name");
	if (err)
		return;
	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	nlh = genl_msg(&gs, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, name);
	err = genl_talk(&gs, nlh, NULL, NULL);
	check(err == -EINVAL && gs.extack,
	      "genl: kernel error comes back with its extack message");
	check(genl_join(&gs, gs.mcgrp_id) == 0, "genl: multicast group joined");
	genl_close(&gs);
}

int main(void)
{
	test_info();
	test_config();
	test_malformed();
	test_extack();
	test_size();
	test_prefix();
	test_host_bits_and_scope();
	test_lifetime();
	test_flags();
	test_u32_and_hwaddr();
	test_done();
	test_words();
	test_json_escape();
	test_genl_live();
	printf("1..%u\n", tests);
	return failures ? 1 : 0;
}
