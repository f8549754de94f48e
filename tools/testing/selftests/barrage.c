// SPDX-License-Identifier: GPL-2.0
/*
 * barrage - replays barrage.py's frame corpus at tinyip, mutated, until
 * a number of frames has gone out (issue 8's packet barrage).
 *
 *   barrage -i IFACE -m TINYIP_MAC -n FRAMES [-s SEED] CORPUS.pcap
 *
 * The first pass sends the corpus as it is (scapy's fuzz() and the known
 * attack shapes); each later pass flips one to three random bytes past
 * the Ethernet header of every frame and then, three times in four,
 * makes the IPv4 header checksum and the TCP, UDP, ICMP or ICMPv6
 * checksum true again, so that most mutations get past the checksums to
 * the parsers behind them. Unicast frames go to TINYIP_MAC (the corpus
 * holds a placeholder); multicast ones keep their group address.
 *
 * Prints "sent N frames in P passes (C corpus frames)"; exits 0 once N
 * frames went out, 1 on a send error other than a full queue, 2 on bad
 * arguments or an unreadable corpus.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define MAX_FRAME 9018

struct frame {
	uint32_t len;
	uint8_t *data;
};

static uint64_t rng_state = 88172645463325252ULL;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return n ? (uint32_t)(rng_state % n) : 0;
}

static void bad_usage(void)
{
	fprintf(stderr,
		"usage: barrage -i IFACE -m TINYIP_MAC -n FRAMES [-s SEED] CORPUS.pcap\n");
	exit(2);
}

static struct frame *load(const char *path, size_t *count)
{
	uint32_t gh[6], rh[4];
	struct frame *v = NULL;
	size_t n = 0, cap = 0;
	FILE *f = fopen(path, "rb");

	if (!f) {
		perror(path);
		exit(2);
	}
	if (fread(gh, 4, 6, f) != 6 || gh[0] != 0xA1B2C3D4 || gh[5] != 1) {
		fprintf(stderr, "%s: not a little-endian Ethernet pcap\n", path);
		exit(2);
	}
	while (fread(rh, 4, 4, f) == 4) {
		if (rh[2] > MAX_FRAME || rh[2] != rh[3] || rh[2] < 14) {
			fprintf(stderr, "%s: bad record %zu\n", path, n);
			exit(2);
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			v = realloc(v, cap * sizeof(*v));
			if (!v) {
				perror("realloc");
				exit(2);
			}
		}
		v[n].len = rh[2];
		v[n].data = malloc(rh[2]);
		if (!v[n].data || fread(v[n].data, 1, rh[2], f) != rh[2]) {
			fprintf(stderr, "%s: truncated record %zu\n", path, n);
			exit(2);
		}
		n++;
	}
	fclose(f);
	if (!n) {
		fprintf(stderr, "%s: no frames\n", path);
		exit(2);
	}
	*count = n;
	return v;
}

static uint32_t sum16(const uint8_t *p, size_t len, uint32_t s)
{
	while (len > 1) {
		s += (uint32_t)p[0] << 8 | p[1];
		p += 2;
		len -= 2;
	}
	if (len)
		s += (uint32_t)p[0] << 8;
	return s;
}

static uint16_t fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

/* The checksum field's offset in an upper-layer header, or -1. */
static int csum_off(int proto)
{
	switch (proto) {
	case 6:
		return 16;
	case 17:
	case 136:
		return 6;
	case 1:
	case 58:
		return 2;
	}
	return -1;
}

/* Makes the checksums of an unfragmented IPv4 or IPv6 packet true. */
static void fix_csums(uint8_t *f, size_t len)
{
	size_t off = 12, l4, l4len;
	uint16_t type = f[12] << 8 | f[13];
	uint32_t s = 0;
	int proto, co;

	if (type == 0x8100 && len >= 18) {
		off = 16;
		type = f[16] << 8 | f[17];
	}
	off += 2;
	if (type == 0x0800 && len >= off + 20 && (f[off] >> 4) == 4) {
		size_t ihl = (f[off] & 15) * 4;
		size_t tot = f[off + 2] << 8 | f[off + 3];

		if (ihl < 20 || off + ihl > len)
			return;
		put16(f + off + 10, 0);
		put16(f + off + 10, fold(sum16(f + off, ihl, 0)));
		/* Fragments carry no whole upper-layer header to sum. */
		if ((f[off + 6] & 0x3f) || f[off + 7] || tot < ihl ||
		    off + tot > len)
			return;
		proto = f[off + 9];
		l4 = off + ihl;
		l4len = tot - ihl;
		if (proto != 1) {
			s = sum16(f + off + 12, 8, 0);
			s += proto + l4len;
		}
	} else if (type == 0x86dd && len >= off + 40 && (f[off] >> 4) == 6) {
		l4len = f[off + 4] << 8 | f[off + 5];
		proto = f[off + 6];
		l4 = off + 40;
		if (l4 + l4len > len)
			return;
		s = sum16(f + off + 8, 32, 0);
		s += proto + l4len;
	} else {
		return;
	}
	co = csum_off(proto);
	if (co < 0 || l4len < (size_t)co + 2)
		return;
	put16(f + l4 + co, 0);
	s = sum16(f + l4, l4len, s);
	put16(f + l4 + co, fold(s));
}

int main(int argc, char **argv)
{
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	static uint8_t bufs[BATCH][MAX_FRAME];
	unsigned long long want = 0, sent = 0, passes = 0;
	const char *ifname = NULL;
	struct sockaddr_ll sll = { 0 };
	uint8_t mac[6], src[6];
	struct frame *corpus;
	size_t ncorpus, i = 0;
	int opt, fd, mac_ok = 0;
	struct ifreq ifr;

	while ((opt = getopt(argc, argv, "i:m:n:s:")) != -1) {
		switch (opt) {
		case 'i':
			ifname = optarg;
			break;
		case 'm':
			mac_ok = sscanf(optarg, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx",
					&mac[0], &mac[1], &mac[2], &mac[3],
					&mac[4], &mac[5]) == 6;
			break;
		case 'n':
			want = strtoull(optarg, NULL, 10);
			break;
		case 's':
			rng_state ^= strtoull(optarg, NULL, 10) * 0x9E3779B97F4A7C15ULL;
			break;
		default:
			bad_usage();
		}
	}
	if (!ifname || !mac_ok || !want || optind != argc - 1)
		bad_usage();
	corpus = load(argv[optind], &ncorpus);

	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0) {
		perror("socket(AF_PACKET)");
		return 2;
	}
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0) {
		perror(ifname);
		return 2;
	}
	memcpy(src, ifr.ifr_hwaddr.sa_data, 6);
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = if_nametoindex(ifname);
	if (!sll.sll_ifindex || bind(fd, (struct sockaddr *)&sll, sizeof(sll))) {
		perror(ifname);
		return 2;
	}

	while (sent < want) {
		unsigned int n = 0, k;
		int r;

		for (; n < BATCH && sent + n < want; n++) {
			struct frame *c = &corpus[i];
			uint8_t *b = bufs[n];

			memcpy(b, c->data, c->len);
			if (!(b[0] & 1))
				memcpy(b, mac, 6);
			memcpy(b + 6, src, 6);
			if (passes) {
				for (k = 1 + rnd(3); k; k--)
					b[14 + rnd(c->len - 14)] ^= 1 + rnd(255);
				if (rnd(4))
					fix_csums(b, c->len);
			}
			iov[n].iov_base = b;
			iov[n].iov_len = c->len;
			memset(&msgs[n], 0, sizeof(msgs[n]));
			msgs[n].msg_hdr.msg_iov = &iov[n];
			msgs[n].msg_hdr.msg_iovlen = 1;
			if (++i == ncorpus) {
				i = 0;
				passes++;
			}
		}
		for (k = 0; k < n; k += r) {
			r = sendmmsg(fd, msgs + k, n - k, 0);
			if (r < 0) {
				if (errno == ENOBUFS || errno == EAGAIN ||
				    errno == EINTR) {
					struct timespec ts = { 0, 1000000 };

					nanosleep(&ts, NULL);
					r = 0;
					continue;
				}
				perror("sendmmsg");
				return 1;
			}
		}
		sent += n;
	}
	printf("sent %llu frames in %llu passes (%zu corpus frames)\n", sent,
	       passes + (i > 0), ncorpus);
	return 0;
}
