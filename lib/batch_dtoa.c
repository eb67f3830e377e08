/*
 * Fast double -> shortest-ish decimal text that reads back exactly, for the
 * batch output (batch_out.c): Grisu2 (Loitsch 2010, "Printing
 * floating-point numbers quickly and accurately with integers"), in the
 * form of Milo Yip's dtoa (RapidJSON, MIT).
 * SPDX-License-Identifier: MIT
 *
 * Why: a values-only report holds ~100 non-integer numbers, and printing
 * them with snprintf("%.17g") (multi-precision arithmetic in glibc) cost
 * more than loading the organisation. Grisu2 uses 64-bit integers only.
 * Its output always reads back to the same double (strtod), and is the
 * shortest such text for all but about 0.1 % of doubles, for which it is
 * one digit longer. test_batch checks the round trip on random doubles.
 */
#include <stdint.h>
#include <string.h>
#include "batch_internal.h"

typedef struct diyfp {
	uint64_t f;
	int e;
} diyfp;

#define HIDDEN_BIT 0x0010000000000000ull
#define SIGNIFICAND_MASK 0x000FFFFFFFFFFFFFull
#define EXPONENT_BIAS (0x3FF + 52)

static diyfp diy_of(double d)
{
	uint64_t u;
	diyfp r;
	int biased;
	memcpy(&u, &d, sizeof u);
	biased = (int)((u >> 52) & 0x7FF);
	r.f = u & SIGNIFICAND_MASK;
	if (biased) {
		r.f += HIDDEN_BIT;
		r.e = biased - EXPONENT_BIAS;
	} else {
		r.e = 1 - EXPONENT_BIAS; /* subnormal */
	}
	return r;
}

/* Product rounded to 64 bits. */
static diyfp diy_mul(diyfp a, diyfp b)
{
	diyfp r;
#if defined(__SIZEOF_INT128__)
	unsigned __int128 p = (unsigned __int128)a.f * b.f;
	r.f = (uint64_t)(p >> 64);
	if ((uint64_t)p & (1ull << 63))
		r.f++;
#else
	const uint64_t M32 = 0xFFFFFFFFull;
	uint64_t a_ = a.f >> 32, b_ = a.f & M32, c = b.f >> 32, d = b.f & M32;
	uint64_t ac = a_ * c, bc = b_ * c, ad = a_ * d, bd = b_ * d;
	uint64_t tmp = (bd >> 32) + (ad & M32) + (bc & M32);
	tmp += 1ull << 31; /* round */
	r.f = ac + (ad >> 32) + (bc >> 32) + (tmp >> 32);
#endif
	r.e = a.e + b.e + 64;
	return r;
}

static diyfp diy_normalize(diyfp x)
{
	while (!(x.f & (1ull << 63))) {
		x.f <<= 1;
		x.e--;
	}
	return x;
}

/* The boundaries m- and m+ of v (halfway to its neighbours), with the same exponent. */
static void boundaries(diyfp v, diyfp *minus, diyfp *plus)
{
	diyfp pl = { (v.f << 1) + 1, v.e - 1 }, mi;
	while (!(pl.f & (HIDDEN_BIT << 1))) {
		pl.f <<= 1;
		pl.e--;
	}
	pl.f <<= 64 - 52 - 2;
	pl.e -= 64 - 52 - 2;
	if (v.f == HIDDEN_BIT) { /* the lower neighbour is closer */
		mi.f = (v.f << 2) - 1;
		mi.e = v.e - 2;
	} else {
		mi.f = (v.f << 1) - 1;
		mi.e = v.e - 1;
	}
	mi.f <<= mi.e - pl.e;
	mi.e = pl.e;
	*minus = mi;
	*plus = pl;
}

/* 10^(-348 + 8 i), normalised significand and binary exponent (i = 0..86). */
static const struct {
	uint64_t f;
	int e;
} cached_powers[87] = {
	{ 0xfa8fd5a0081c0288ull, -1220 }, { 0xbaaee17fa23ebf76ull, -1193 }, { 0x8b16fb203055ac76ull, -1166 },
	{ 0xcf42894a5dce35eaull, -1140 }, { 0x9a6bb0aa55653b2dull, -1113 }, { 0xe61acf033d1a45dfull, -1087 },
	{ 0xab70fe17c79ac6caull, -1060 }, { 0xff77b1fcbebcdc4full, -1034 }, { 0xbe5691ef416bd60cull, -1007 },
	{ 0x8dd01fad907ffc3cull, -980 }, { 0xd3515c2831559a83ull, -954 }, { 0x9d71ac8fada6c9b5ull, -927 },
	{ 0xea9c227723ee8bcbull, -901 }, { 0xaecc49914078536dull, -874 }, { 0x823c12795db6ce57ull, -847 },
	{ 0xc21094364dfb5637ull, -821 }, { 0x9096ea6f3848984full, -794 }, { 0xd77485cb25823ac7ull, -768 },
	{ 0xa086cfcd97bf97f4ull, -741 }, { 0xef340a98172aace5ull, -715 }, { 0xb23867fb2a35b28eull, -688 },
	{ 0x84c8d4dfd2c63f3bull, -661 }, { 0xc5dd44271ad3cdbaull, -635 }, { 0x936b9fcebb25c996ull, -608 },
	{ 0xdbac6c247d62a584ull, -582 }, { 0xa3ab66580d5fdaf6ull, -555 }, { 0xf3e2f893dec3f126ull, -529 },
	{ 0xb5b5ada8aaff80b8ull, -502 }, { 0x87625f056c7c4a8bull, -475 }, { 0xc9bcff6034c13053ull, -449 },
	{ 0x964e858c91ba2655ull, -422 }, { 0xdff9772470297ebdull, -396 }, { 0xa6dfbd9fb8e5b88full, -369 },
	{ 0xf8a95fcf88747d94ull, -343 }, { 0xb94470938fa89bcfull, -316 }, { 0x8a08f0f8bf0f156bull, -289 },
	{ 0xcdb02555653131b6ull, -263 }, { 0x993fe2c6d07b7facull, -236 }, { 0xe45c10c42a2b3b06ull, -210 },
	{ 0xaa242499697392d3ull, -183 }, { 0xfd87b5f28300ca0eull, -157 }, { 0xbce5086492111aebull, -130 },
	{ 0x8cbccc096f5088ccull, -103 }, { 0xd1b71758e219652cull, -77 }, { 0x9c40000000000000ull, -50 },
	{ 0xe8d4a51000000000ull, -24 }, { 0xad78ebc5ac620000ull, 3 }, { 0x813f3978f8940984ull, 30 },
	{ 0xc097ce7bc90715b3ull, 56 }, { 0x8f7e32ce7bea5c70ull, 83 }, { 0xd5d238a4abe98068ull, 109 },
	{ 0x9f4f2726179a2245ull, 136 }, { 0xed63a231d4c4fb27ull, 162 }, { 0xb0de65388cc8ada8ull, 189 },
	{ 0x83c7088e1aab65dbull, 216 }, { 0xc45d1df942711d9aull, 242 }, { 0x924d692ca61be758ull, 269 },
	{ 0xda01ee641a708deaull, 295 }, { 0xa26da3999aef774aull, 322 }, { 0xf209787bb47d6b85ull, 348 },
	{ 0xb454e4a179dd1877ull, 375 }, { 0x865b86925b9bc5c2ull, 402 }, { 0xc83553c5c8965d3dull, 428 },
	{ 0x952ab45cfa97a0b3ull, 455 }, { 0xde469fbd99a05fe3ull, 481 }, { 0xa59bc234db398c25ull, 508 },
	{ 0xf6c69a72a3989f5cull, 534 }, { 0xb7dcbf5354e9beceull, 561 }, { 0x88fcf317f22241e2ull, 588 },
	{ 0xcc20ce9bd35c78a5ull, 614 }, { 0x98165af37b2153dfull, 641 }, { 0xe2a0b5dc971f303aull, 667 },
	{ 0xa8d9d1535ce3b396ull, 694 }, { 0xfb9b7cd9a4a7443cull, 720 }, { 0xbb764c4ca7a44410ull, 747 },
	{ 0x8bab8eefb6409c1aull, 774 }, { 0xd01fef10a657842cull, 800 }, { 0x9b10a4e5e9913129ull, 827 },
	{ 0xe7109bfba19c0c9dull, 853 }, { 0xac2820d9623bf429ull, 880 }, { 0x80444b5e7aa7cf85ull, 907 },
	{ 0xbf21e44003acdd2dull, 933 }, { 0x8e679c2f5e44ff8full, 960 }, { 0xd433179d9c8cb841ull, 986 },
	{ 0x9e19db92b4e31ba9ull, 1013 }, { 0xeb96bf6ebadf77d9ull, 1039 }, { 0xaf87023b9bf0ee6bull, 1066 },
};

/* A cached power c = 10^-k such that the product with a number of binary
 * exponent e lands in the range DigitGen expects. */
static diyfp cached_power(int e, int *k)
{
	double dk = (-61 - e) * 0.30102999566398114 + 347; /* positive, so truncation is floor */
	int ik = (int)dk;
	unsigned index;
	diyfp r;
	if (dk - ik > 0.0)
		ik++;
	index = (unsigned)((ik >> 3) + 1);
	*k = -(-348 + (int)(index << 3));
	r.f = cached_powers[index].f;
	r.e = cached_powers[index].e;
	return r;
}

static const uint64_t pow10_u64[20] = {
	1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull, 100000000ull,
	1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull, 10000000000000ull,
	100000000000000ull, 1000000000000000ull, 10000000000000000ull, 100000000000000000ull,
	1000000000000000000ull, 10000000000000000000ull,
};

static void grisu_round(char *buf, int len, uint64_t delta, uint64_t rest, uint64_t ten_kappa, uint64_t wp_w)
{
	while (rest < wp_w && delta - rest >= ten_kappa &&
	       (rest + ten_kappa < wp_w || wp_w - rest > rest + ten_kappa - wp_w)) {
		buf[len - 1]--;
		rest += ten_kappa;
	}
}

static int count_digits(uint32_t n)
{
	int d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static void digit_gen(diyfp w, diyfp mp, uint64_t delta, char *buf, int *len, int *k)
{
	const int shift = -mp.e;
	const uint64_t one = 1ull << shift, wp_w = mp.f - w.f;
	uint32_t p1 = (uint32_t)(mp.f >> shift);
	uint64_t p2 = mp.f & (one - 1);
	int kappa = count_digits(p1);
	*len = 0;
	while (kappa > 0) {
		uint32_t div = (uint32_t)pow10_u64[kappa - 1], d = p1 / div;
		uint64_t tmp;
		p1 %= div;
		if (d || *len)
			buf[(*len)++] = (char)('0' + d);
		kappa--;
		tmp = ((uint64_t)p1 << shift) + p2;
		if (tmp <= delta) {
			*k += kappa;
			grisu_round(buf, *len, delta, tmp, pow10_u64[kappa] << shift, wp_w);
			return;
		}
	}
	for (;;) {
		char d;
		p2 *= 10;
		delta *= 10;
		d = (char)(p2 >> shift);
		if (d || *len)
			buf[(*len)++] = (char)('0' + d);
		p2 &= one - 1;
		kappa--;
		if (p2 < delta) {
			int index = -kappa;
			*k += kappa;
			grisu_round(buf, *len, delta, p2, one, wp_w * (index < 20 ? pow10_u64[index] : 0));
			return;
		}
	}
}

/* Digits of a positive finite v into buf (at most 17) with v ~ digits x 10^k. */
static int grisu2(double v, char *buf, int *k)
{
	diyfp w = diy_of(v), minus, plus, c, W, Wp, Wm;
	int len;
	boundaries(w, &minus, &plus);
	c = cached_power(plus.e, k);
	W = diy_mul(diy_normalize(w), c);
	Wp = diy_mul(plus, c);
	Wm = diy_mul(minus, c);
	Wm.f++;
	Wp.f--;
	digit_gen(W, Wp, Wp.f - Wm.f, buf, &len, k);
	return len;
}

static int put_exponent(char *p, int e)
{
	int n = 0;
	*p++ = 'e';
	n++;
	if (e < 0) {
		*p++ = '-';
		n++;
		e = -e;
	}
	if (e >= 100) {
		*p++ = (char)('0' + e / 100);
		e %= 100;
		*p++ = (char)('0' + e / 10);
		*p++ = (char)('0' + e % 10);
		return n + 3;
	}
	if (e >= 10) {
		*p++ = (char)('0' + e / 10);
		n++;
	}
	*p = (char)('0' + e % 10);
	return n + 1;
}

int assoc__batch_dtoa(char out[32], double v)
{
	char digits[24];
	int len, k, kk, n = 0, i;
	if (v == 0.0) {
		out[0] = '0';
		return 1;
	}
	if (v < 0) {
		out[n++] = '-';
		v = -v;
	}
	len = grisu2(v, digits, &k);
	kk = len + k; /* 10^(kk-1) <= v < 10^kk */
	if (k >= 0 && kk <= 21) {
		/* 1234e3 -> 1234000 */
		memcpy(out + n, digits, (size_t)len);
		for (i = len; i < kk; i++)
			out[n + i] = '0';
		return n + kk;
	}
	if (kk > 0 && kk <= 21) {
		/* 1234e-2 -> 12.34 */
		memcpy(out + n, digits, (size_t)kk);
		out[n + kk] = '.';
		memcpy(out + n + kk + 1, digits + kk, (size_t)(len - kk));
		return n + len + 1;
	}
	if (kk > -6 && kk <= 0) {
		/* 1234e-6 -> 0.001234 */
		out[n++] = '0';
		out[n++] = '.';
		for (i = kk; i < 0; i++)
			out[n++] = '0';
		memcpy(out + n, digits, (size_t)len);
		return n + len;
	}
	/* 1234e30 -> 1.234e33, 1e-7 */
	out[n++] = digits[0];
	if (len > 1) {
		out[n++] = '.';
		memcpy(out + n, digits + 1, (size_t)(len - 1));
		n += len - 1;
	}
	return n + put_exponent(out + n, kk - 1);
}
