// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of the DNS message checks (module/dns_wire.c;
 * RFC 1035 4.1, RFC 3596, RFC 2308 5, RFC 6762 6). The input is a
 * flags byte (bit 0: AAAA, bit 1: mDNS) and a response to a query for
 * www.example.test with ID 0x1234. Whatever the bytes, the parser must
 * stay inside them (ASan), end (no pointer loop), and hand back at most
 * TIP_DNS_MAX_ADDRS addresses; a name it reads is at most 255 bytes and
 * ends with the root label.
 */
#include <linux/errno.h>
#include <linux/types.h>

#include <tinyip/dns_wire.h>

#include "fuzz.h"

static const u8 fuzz_qname[] = "\3www\7example\4test";

int FUZZ_ENTRY(const u8 *data, size_t size)
{
	struct tip_dns_answer ans;
	u8 name[TIP_DNS_NAME_MAX];
	size_t off = TIP_DNS_HDR_LEN;
	u16 qtype;
	int err, n;

	if (size < 1)
		return 0;
	qtype = (data[0] & 1) ? TIP_DNS_TYPE_AAAA : TIP_DNS_TYPE_A;
	err = tip_dns_parse_response(data + 1, size - 1, 0x1234, fuzz_qname,
				     sizeof(fuzz_qname), qtype, data[0] & 2,
				     &ans);
	FUZZ_CHECK(err <= 0 && err >= -TINYIP_DNS_STAT_MAX);
	if (!err)
		FUZZ_CHECK(ans.naddr <= TIP_DNS_MAX_ADDRS);
	/* The name reader alone, from the first name's place. */
	n = tip_dns_read_name(data + 1, size - 1, &off, name);
	if (n > 0) {
		FUZZ_CHECK(n <= TIP_DNS_NAME_MAX);
		FUZZ_CHECK(name[n - 1] == 0);
		FUZZ_CHECK(off <= size - 1);
	}
	return 0;
}
