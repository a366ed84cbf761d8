/*
 * events_scan.c - the NDJSON line scanner and JSON value decoder; see
 * events_scan.h.
 *
 * One pass, no allocation, no recursion beyond the nesting of the input
 * (bounded by AG_EV_MAX_DEPTH). Strings are searched 16 bytes at a time
 * with SSE2 where available (every x86-64 has it), because string bytes
 * are most of an event log. A newline is never whitespace here: values
 * never span lines, so a scan can run to the chunk end and still stop at
 * the line end, without a separate pass to find it.
 */
#include <stdlib.h>
#include <string.h>
#include "events_scan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#define AG_HAVE_SSE2 1
#endif

struct scan {
	const char *end;
	bool ml; /* document mode: a newline is white space */
	const struct ag_ev_fields *fs;
	struct ag_ev_val *vals;
	const char *err;
	const char *errp;
	/* The 64 bytes from blk: bit i of bm is set when blk[i] is a quote, a
	 * backslash or a control character (the bytes a string stops at).
	 * Computed once per block and reused by every string in it, so a
	 * string's end is usually one shift and one count of trailing zeros. */
	const char *blk;
	uint64_t bm;
	unsigned pos; /* the line's keys so far, depth first: the key memo's position */
};

static const char *fail(struct scan *s, const char *at, const char *msg)
{
	if (!s->err) {
		s->err = msg;
		s->errp = at;
	}
	return NULL;
}

static inline const char *ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	return p;
}

/* White space inside a value: in document mode newlines too, sixteen
 * bytes at a time (pretty-printed JSON is mostly indentation). */
static const char *sws_slow(const struct scan *s, const char *p);

static inline const char *sws(const struct scan *s, const char *p)
{
	const char *end = s->end;
	if (p < end && (unsigned char)*p > ' ')
		return p; /* the usual case: no white space at all */
	if (end - p >= 2 && *p == ' ' && (unsigned char)p[1] > ' ')
		return p + 1; /* one space, as in ": " and ", " */
	return sws_slow(s, p);
}

/* The rest of sws(), out of line: the scan loops stay small. */
static const char *sws_slow(const struct scan *s, const char *p)
{
	const char *end = s->end;
#ifdef AG_HAVE_SSE2
	/* indentation: 16 bytes at a time */
	const __m128i sp = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'), cr = _mm_set1_epi8('\r'),
		      nl = _mm_set1_epi8(s->ml ? '\n' : ' ');
	while (end - p >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, sp), _mm_cmpeq_epi8(x, tab)),
					 _mm_or_si128(_mm_cmpeq_epi8(x, cr), _mm_cmpeq_epi8(x, nl)));
		unsigned bits = (unsigned)_mm_movemask_epi8(m) ^ 0xffffu;
		if (bits)
			return p + __builtin_ctz(bits);
		p += 16;
	}
#endif
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || (*p == '\n' && s->ml)))
		p++;
	return p;
}

/* After a member of an array or object: 1 when a ',' follows (*p past it
 * and the white space after it), 0 at the `close` bracket (*p past it),
 * -1 on anything else (*p NULL, the error recorded: `bad`, or `unclosed`
 * at the end of the line). */
static inline int after_member(struct scan *s, const char **p, char close, const char *bad,
			       const char *unclosed)
{
	const char *q = sws(s, *p);
	if (q < s->end && *q == ',') {
		*p = sws(s, q + 1);
		return 1;
	}
	if (q < s->end && *q == close) {
		*p = q + 1;
		return 0;
	}
	*p = fail(s, q, q < s->end && *q != '\n' ? bad : unclosed);
	return -1;
}

const char *ag_ev_ws(const char *p, const char *end)
{
	return ws(p, end);
}

static uint32_t fields_gen;

void ag_ev_fields_init(struct ag_ev_fields *fs)
{
	memset(fs, 0, sizeof(*fs));
	fs->gen = __atomic_add_fetch(&fields_gen, 1, __ATOMIC_RELAXED);
}

int ag_ev_fields_find(const struct ag_ev_fields *fs, const char *path, size_t len)
{
	for (size_t i = 0; i < fs->n; i++)
		if (fs->f[i].len == len && !memcmp(fs->f[i].path, path, len))
			return (int)i;
	return -1;
}

/* Loads the first n (< 8) bytes of k into a word; `avail` bytes from k are
 * readable. One unaligned load when there is room (no store-to-load
 * stall, no memcpy call), bytes otherwise. */
static inline uint64_t load_small(const char *k, size_t n, size_t avail)
{
	uint64_t a = 0;
	if (avail >= 8) {
		memcpy(&a, k, 8);
		return n ? a & (~(uint64_t)0 >> (64 - 8 * n)) : 0;
	}
	for (size_t i = 0; i < n; i++)
		a |= (uint64_t)(unsigned char)k[i] << (8 * i);
	return a;
}

static inline uint32_t key_hash(const char *k, size_t n, size_t avail)
{
	uint64_t a, b = 0;
	if (n >= 8) {
		memcpy(&a, k, 8);
		memcpy(&b, k + n - 8, 8);
	} else {
		a = load_small(k, n, avail);
	}
	uint64_t h = (a * 0x9e3779b97f4a7c15ull) ^ (b * 0xc2b2ae3d27d4eb4full) ^ n;
	h ^= h >> 29;
	return (uint32_t)(h ^ (h >> 32));
}

/* A cheap filter before the hash: most keys of a line are not wanted. */
static inline unsigned quick_idx(const char *k, size_t n)
{
	return (unsigned)(n * 31 + (unsigned char)k[0] * 7 + (unsigned char)k[n - 1]) & 1023;
}

static inline bool same(const char *a, const char *b, size_t n)
{
	if (n <= 16) {
		while (n >= 8) {
			uint64_t x, y;
			memcpy(&x, a, 8);
			memcpy(&y, b, 8);
			if (x != y)
				return false;
			a += 8;
			b += 8;
			n -= 8;
		}
		while (n--)
			if (*a++ != *b++)
				return false;
		return true;
	}
	return !memcmp(a, b, n);
}

static void add_entry(struct ag_ev_fields *fs, const char *s, size_t len, size_t sub,
		      size_t field)
{
	if (fs->nent >= sizeof(fs->ent) / sizeof(fs->ent[0]) || len > 0xffff) {
		fs->linear = true;
		return;
	}
	uint32_t h = key_hash(s, len, len);
	unsigned q = quick_idx(s, len);
	fs->quick[q >> 6] |= (uint64_t)1 << (q & 63);
	fs->ent[fs->nent].s = s;
	fs->ent[fs->nent].hash = h;
	fs->ent[fs->nent].len = (uint16_t)len;
	fs->ent[fs->nent].sub = (uint16_t)sub;
	fs->ent[fs->nent].field = (uint8_t)field;
	size_t j = h & 511;
	while (fs->slot[j])
		j = (j + 1) & 511;
	fs->slot[j] = (uint8_t)(fs->nent + 1);
	if (len < 64) {
		fs->w0[fs->nent] = len >= 8 ? load_small(s, 8, 8) : load_small(s, len, len);
		fs->w1[fs->nent] = len >= 8 ? load_small(s + len - 8, 8, 8) : 0;
		/* append: entries of one length keep the order they were added */
		uint8_t *at = &fs->lhead[len];
		while (*at)
			at = &fs->lnext[*at - 1];
		*at = (uint8_t)(fs->nent + 1);
	}
	fs->nent++;
}

int ag_ev_fields_add(struct ag_ev_fields *fs, const char *path, size_t len)
{
	if (!len)
		return AG_EINVAL;
	int i = ag_ev_fields_find(fs, path, len);
	if (i >= 0)
		return i;
	if (fs->n >= AG_EV_MAX_FIELDS)
		return AG_ELIMIT;
	fs->gen = __atomic_add_fetch(&fields_gen, 1, __ATOMIC_RELAXED);
	fs->f[fs->n].path = path;
	fs->f[fs->n].len = len;
	fs->all[fs->n] = (uint8_t)fs->n;
	fs->zero[fs->n] = 0;
	/* A top-level key can match the whole path or any dotted prefix. */
	for (size_t k = 0; k <= len; k++)
		if (k == len || path[k] == '.') {
			if (k < 64)
				fs->len_mask |= (uint64_t)1 << k;
			if (k)
				add_entry(fs, path, k, k == len ? 0 : k + 1, fs->n);
		}
	if (len >= 64)
		fs->len_mask |= (uint64_t)1 << 63;
	return (int)fs->n++;
}

int ag_ev_fields_lookup(const struct ag_ev_fields *fs, const char *key, size_t len)
{
	if (fs->linear || !len)
		return ag_ev_fields_find(fs, key, len);
	uint32_t h = key_hash(key, len, len);
	int found = -1;
	for (size_t j = h & 511; fs->slot[j]; j = (j + 1) & 511) {
		const struct ag_ev_fent *en = &fs->ent[fs->slot[j] - 1];
		if (en->hash == h && en->len == len && !en->sub && same(en->s, key, len))
			found = en->field; /* the same path twice is one field */
	}
	return found;
}

/* ---- strings ---------------------------------------------------------- */

static inline int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* 1 for the hex digits: a \\u escape's four checked in one expression */
static const uint8_t hexok[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
};

/* What follows a backslash: 1 a one-letter escape, 2 a \\u escape (four
 * hex digits to check), 0 no escape: one load instead of a switch. */
static const uint8_t esckind[256] = {
	['"'] = 1, ['\\'] = 1, ['/'] = 1, ['b'] = 1, ['f'] = 1, ['n'] = 1, ['r'] = 1, ['t'] = 1,
	['u'] = 2,
};

#ifdef AG_HAVE_SSE2
/* The string-stop bits of the 16 bytes at p. The quote and the control
 * characters are one test: x ^ 2 maps the quote (0x22) to 0x20 and the
 * bytes below 0x20 among themselves, and no other byte to 0x20 or below
 * (0x20 itself goes to 0x22), so x is one of them exactly when
 * max(x ^ 2, 0x20) is 0x20; the backslash is the second test. */
static inline unsigned mask16(const char *p)
{
	const __m128i two = _mm_set1_epi8(2), sp = _mm_set1_epi8(0x20),
		      bslash = _mm_set1_epi8('\\');
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i m = _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(_mm_xor_si128(x, two), sp), sp),
				 _mm_cmpeq_epi8(x, bslash));
	return (unsigned)_mm_movemask_epi8(m);
}

/* The string-stop mask of the 64 bytes at p (all readable). */
static inline uint64_t mask64(const char *p)
{
	return (uint64_t)mask16(p) | (uint64_t)mask16(p + 16) << 16 |
	       (uint64_t)mask16(p + 32) << 32 | (uint64_t)mask16(p + 48) << 48;
}
#endif

/* `p` is just past the opening quote. Returns the closing quote, or NULL. */
static inline const char *string_end(struct scan *s, const char *p, bool *esc)
{
	const char *end = s->end;
	for (;;) {
#ifdef AG_HAVE_SSE2
		/* whole 64-byte blocks, their masks kept in s for the next string */
		for (;;) {
			size_t off = (size_t)((uintptr_t)p - (uintptr_t)s->blk);
			if (off >= 64) {
				if (end - p < 64)
					break;
				s->blk = p;
				s->bm = mask64(p);
				off = 0;
			}
			uint64_t bits = s->bm >> off;
			if (bits) {
				p += __builtin_ctzll(bits);
				goto special;
			}
			p = s->blk + 64;
		}
		while (end - p >= 16) {
			unsigned bits = mask16(p);
			if (bits) {
				p += __builtin_ctz(bits);
				goto special;
			}
			p += 16;
		}
#endif
		while (p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
			p++;
		if (p >= end)
			return fail(s, p, "unterminated string");
#ifdef AG_HAVE_SSE2
	special:
#endif
		if (__builtin_expect(*p == '"', 1))
			return p;
		if (*p != '\\')
			return fail(s, p, "control character in a string");
		*esc = true;
		if (end - p < 2)
			return fail(s, p, "unterminated string");
		unsigned ek = esckind[(unsigned char)p[1]];
		if (ek == 1) {
			p += 2;
		} else if (ek == 2) {
			if (end - p < 6 || !(hexok[(unsigned char)p[2]] & hexok[(unsigned char)p[3]] &
					     hexok[(unsigned char)p[4]] & hexok[(unsigned char)p[5]]))
				return fail(s, p, "bad \\u escape");
			p += 6;
		} else {
			return fail(s, p, "bad escape in a string");
		}
	}
}

static size_t put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static int hex4(const char *p, const char *end)
{
	if (end - p < 4)
		return -1;
	int v = 0;
	for (int i = 0; i < 4; i++) {
		int h = hexval((unsigned char)p[i]);
		if (h < 0)
			return -1;
		v = v << 4 | h;
	}
	return v;
}

size_t ag_ev_unescape(const char *p, size_t n, char *out)
{
	const char *end = p + n;
	char *o = out;
	while (p < end) {
		const char *bs = memchr(p, '\\', (size_t)(end - p));
		if (!bs) {
			memmove(o, p, (size_t)(end - p));
			o += end - p;
			break;
		}
		memmove(o, p, (size_t)(bs - p));
		o += bs - p;
		p = bs;
		if (end - p < 2) { /* a lone trailing backslash: keep it */
			*o++ = '\\';
			break;
		}
		char c = p[1];
		p += 2;
		switch (c) {
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u': {
			int cp = hex4(p, end);
			if (cp < 0) { /* not valid: keep the text (never for scanned strings) */
				*o++ = '\\';
				*o++ = 'u';
				break;
			}
			p += 4;
			unsigned u = (unsigned)cp;
			if (u >= 0xd800 && u < 0xdc00) {
				int lo = (end - p >= 6 && p[0] == '\\' && p[1] == 'u') ? hex4(p + 2, end) : -1;
				if (lo >= 0xdc00 && lo < 0xe000) {
					u = 0x10000 + ((u - 0xd800) << 10) + ((unsigned)lo - 0xdc00);
					p += 6;
				} else {
					u = 0xfffd;
				}
			} else if (u >= 0xdc00 && u < 0xe000) {
				u = 0xfffd;
			}
			o += put_utf8(o, u);
			break;
		}
		default: *o++ = c; break; /* " \ / */
		}
	}
	return (size_t)(o - out);
}

const char *ag_ev_str(const struct ag_ev_val *v, char *scratch, size_t *len)
{
	if (!v->esc) {
		*len = v->n;
		return v->p;
	}
	*len = ag_ev_unescape(v->p, v->n, scratch);
	return scratch;
}

/* ---- numbers ---------------------------------------------------------- */

static const double pow10tab[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* The exponent at q ('e' or 'E', a sign, digits): where it ends, or NULL
 * (the error recorded) when no digit follows. */
static inline const char *exponent(struct scan *s, const char *q, const char *end)
{
	q++;
	if (q < end && (*q == '+' || *q == '-'))
		q++;
	if (q >= end || (unsigned)(*q - '0') > 9)
		return fail(s, q, "bad number: digits must follow the exponent");
	while (q < end && (unsigned)(*q - '0') <= 9)
		q++;
	return q;
}

/* The end of the run of digits at q: eight bytes at a time while eight
 * are readable (a byte is a digit when its low seven bits are 0x30..0x39
 * and its top bit is clear; the additions cannot carry between bytes),
 * then byte by byte. */
static inline const char *digits_end(const char *q, const char *end)
{
	while (end - q >= 8) {
		uint64_t w;
		memcpy(&w, q, 8);
		uint64_t lo = w & 0x7f7f7f7f7f7f7f7full;
		uint64_t dig = (lo + 0x5050505050505050ull) & ~(lo + 0x4646464646464646ull) & ~w;
		uint64_t other = ~dig & 0x8080808080808080ull;
		if (other)
			return q + (__builtin_ctzll(other) >> 3);
		q += 8;
	}
	while (q < end && (unsigned)(*q - '0') <= 9)
		q++;
	return q;
}

/* Validates a number at p; returns the byte after it or NULL. */
static inline const char *number_end(struct scan *s, const char *p)
{
	const char *end = s->end, *q = p;
	if (q < end && *q == '-')
		q++;
	if (q >= end || (unsigned)(*q - '0') > 9)
		return fail(s, q, "bad number");
	q = *q == '0' ? q + 1 : digits_end(q, end);
	if (q < end && *q == '.') {
		q++;
		if (q >= end || (unsigned)(*q - '0') > 9)
			return fail(s, q, "bad number: digits must follow '.'");
		q = digits_end(q, end);
	}
	if (q < end && (*q == 'e' || *q == 'E'))
		q = exponent(s, q, end);
	return q;
}

static double slow_number(const char *p, size_t n)
{
	char small[128];
	char *buf = n < sizeof(small) ? small : malloc(n + 1);
	if (!buf)
		return 0;
	memcpy(buf, p, n);
	buf[n] = '\0';
	double d = strtod(buf, NULL);
	if (buf != small)
		free(buf);
	return d;
}

double ag_ev_number(const char *p, size_t n)
{
	const char *s = p, *e = p + n;
	bool neg = false;
	if (s < e && *s == '-') {
		neg = true;
		s++;
	}
	uint64_t m = 0;
	int digits = 0, exp10 = 0;
	bool exact = true;
	while (s < e && (unsigned)(*s - '0') <= 9) {
		if (digits < 19) {
			m = m * 10 + (uint64_t)(*s - '0');
			digits += m != 0;
		} else {
			exact = false;
		}
		s++;
	}
	if (s < e && *s == '.') {
		s++;
		while (s < e && (unsigned)(*s - '0') <= 9) {
			if (digits < 19) {
				m = m * 10 + (uint64_t)(*s - '0');
				digits += m != 0;
				exp10--;
			} else {
				exact = false;
			}
			s++;
		}
	}
	if (s < e && (*s == 'e' || *s == 'E')) {
		s++;
		bool eneg = false;
		if (s < e && (*s == '+' || *s == '-'))
			eneg = *s++ == '-';
		int x = 0;
		while (s < e && (unsigned)(*s - '0') <= 9) {
			if (x < 100000)
				x = x * 10 + (*s - '0');
			s++;
		}
		exp10 += eneg ? -x : x;
	}
	if (exact && m <= ((uint64_t)1 << 53) && exp10 >= -22 && exp10 <= 22) {
		double d = (double)m;
		d = exp10 < 0 ? d / pow10tab[-exp10] : d * pow10tab[exp10];
		return neg ? -d : d;
	}
	return slow_number(p, n);
}

bool ag_ev_as_num(const struct ag_ev_val *v, double *out)
{
	if (v->type == AG_EV_NUM) {
		*out = v->num;
		return true;
	}
	if (v->type != AG_EV_STR || v->esc || !v->n)
		return false;
	struct scan s = {v->p + v->n, false, NULL, NULL, NULL, NULL, NULL, 0, 0};
	const char *q = number_end(&s, v->p);
	if (q != v->p + v->n)
		return false;
	*out = ag_ev_number(v->p, v->n);
	return true;
}

/* ---- values ------------------------------------------------------------ */

/* number_end() and ag_ev_number() in one pass, for the members of an
 * object: the digits are summed while they are validated, and a number of
 * at most 15 digits without an exponent gets its value from that sum (the
 * value ag_ev_number() computes, bit for bit); anything else asks it. */
static inline const char *number_val(struct scan *s, const char *p, struct ag_ev_val *v)
{
	const char *end = s->end, *q = p;
	uint64_t m = 0;
	int nd = 0, fd = 0;
	bool simple = true;
	if (*q == '-')
		q++;
	if (q >= end || (unsigned)(*q - '0') > 9)
		return fail(s, q, "bad number");
	if (*q == '0') {
		q++;
	} else {
		while (q < end && (unsigned)(*q - '0') <= 9) {
			m = m * 10 + (uint64_t)(*q - '0');
			nd++;
			q++;
		}
	}
	if (q < end && *q == '.') {
		q++;
		if (q >= end || (unsigned)(*q - '0') > 9)
			return fail(s, q, "bad number: digits must follow '.'");
		while (q < end && (unsigned)(*q - '0') <= 9) {
			m = m * 10 + (uint64_t)(*q - '0');
			nd++;
			fd++;
			q++;
		}
	}
	if (q < end && (*q == 'e' || *q == 'E')) {
		simple = false;
		if (!(q = exponent(s, q, end)))
			return NULL;
	}
	if (v) {
		v->type = AG_EV_NUM;
		v->p = p;
		v->n = (size_t)(q - p);
		v->esc = false;
		if (simple && nd <= 15) {
			double d = (double)m;
			if (fd)
				d = d / pow10tab[fd];
			v->num = *p == '-' ? -d : d;
		} else {
			v->num = ag_ev_number(p, v->n);
		}
	}
	return q;
}

/* Where the containers of the last document end (ag_ev_doc_index): the
 * scan of a document records, in the order they open, the start and end
 * of every object and array of it that is at least CIDX_MIN bytes long;
 * the value iterator then finds the end of such a value by a lookup
 * instead of a walk over its bytes. A reader of an OTLP document goes
 * down five levels (resources, scopes, spans, ...), each skipping over
 * the values of the level below: without this, every byte of a large
 * document is walked once per level. Per thread; offsets from the
 * document's first byte. */
#define CIDX_MIN 128
static _Thread_local struct {
	bool on;          /* ag_ev_doc_index(true) */
	bool rec;         /* a document is being scanned and recorded */
	const char *base; /* the document */
	const char *lim;  /* its end once it is valid; NULL while none is */
	uint32_t *start, *stop;
	size_t n, cap;
	size_t hint[2]; /* after the last two found (a record's, its resource's) */
	int last;       /* the hint used last */
} cidx;

void ag_ev_doc_index(bool on)
{
	free(cidx.start);
	free(cidx.stop);
	memset(&cidx, 0, sizeof(cidx));
	cidx.on = on;
}

static size_t cidx_open(const char *p)
{
	if (cidx.n == cidx.cap) {
		size_t cap = cidx.cap ? cidx.cap * 2 : 4096;
		uint32_t *a = realloc(cidx.start, cap * sizeof(*a));
		if (a)
			cidx.start = a;
		uint32_t *b = a ? realloc(cidx.stop, cap * sizeof(*b)) : NULL;
		if (!b) {
			cidx.rec = false; /* what is recorded stays right: the rest is walked */
			return SIZE_MAX;
		}
		cidx.stop = b;
		cidx.cap = cap;
	}
	cidx.start[cidx.n] = (uint32_t)(p - cidx.base);
	cidx.stop[cidx.n] = 0;
	return cidx.n++;
}

static void cidx_close(size_t i, const char *p, const char *q)
{
	if (i == SIZE_MAX || !q)
		return;
	if (q - p < CIDX_MIN && i + 1 == cidx.n)
		cidx.n--; /* small: walking it is as cheap (its children are small too) */
	else
		cidx.stop[i] = (uint32_t)(q - cidx.base);
}

/* The end of the container that starts at p, if the index knows it. */
static inline const char *cidx_find(const char *p)
{
	if (!cidx.lim || p < cidx.base || p >= cidx.lim)
		return NULL;
	uint32_t off = (uint32_t)(p - cidx.base);
	/* readers go forward, at two places at a time (the records, and the
	 * resource they belong to): a few steps from the last ones found,
	 * then a search */
	int h = cidx.last;
	size_t i = cidx.hint[h];
	for (size_t k = 0; k < 8 && i < cidx.n && cidx.start[i] < off; k++)
		i++;
	if (!(i < cidx.n && cidx.start[i] == off)) {
		h ^= 1;
		i = cidx.hint[h];
		for (size_t k = 0; k < 8 && i < cidx.n && cidx.start[i] < off; k++)
			i++;
	}
	if (!(i < cidx.n && cidx.start[i] == off)) {
		size_t lo = 0, hi = cidx.n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (cidx.start[mid] < off)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo >= cidx.n || cidx.start[lo] != off)
			return NULL;
		i = lo;
		h = cidx.last ^ 1; /* replaces the hint not used last */
	}
	cidx.hint[h] = i + 1;
	cidx.last = h;
	return cidx.stop[i] ? cidx.base + cidx.stop[i] : NULL;
}

/* The key memo's context of an object whose keys are not remembered. */
#define NOCTX UINT32_MAX

static const char *scan_obj(struct scan *s, const char *p, const uint8_t *cand,
			    const uint16_t *off, int ncand, bool top, int depth, uint32_t ctx);
static const char *scan_obj_plain(struct scan *s, const char *p, int depth);
static const char *scan_arr(struct scan *s, const char *p, int depth);

static inline const char *literal(struct scan *s, const char *p, const char *word,
				  size_t n)
{
	if ((size_t)(s->end - p) < n || memcmp(p, word, n))
		return fail(s, p, "unexpected character");
	return p + n;
}

/* An object or array from p to its end q (NULL on error) as a value. */
static inline const char *container(struct ag_ev_val *v, enum ag_ev_type type, const char *p,
				    const char *q)
{
	if (q && v)
		*v = (struct ag_ev_val){p, (size_t)(q - p), 0, type, false};
	return q;
}

/* Parses (wanted) or skips (v == NULL) one value. */
static const char *value(struct scan *s, const char *p, struct ag_ev_val *v, int depth)
{
	const char *q;
	bool esc = false;
	switch (*p) {
	case '"':
		q = string_end(s, p + 1, &esc);
		if (!q)
			return NULL;
		if (v) {
			v->type = AG_EV_STR;
			v->p = p + 1;
			v->n = (size_t)(q - p - 1);
			v->esc = esc;
		}
		return q + 1;
	case '{':
		return container(v, AG_EV_OBJ, p, scan_obj_plain(s, p, depth + 1));
	case '[':
		return container(v, AG_EV_ARR, p, scan_arr(s, p, depth + 1));
	case 't':
		q = literal(s, p, "true", 4);
		if (q && v)
			*v = (struct ag_ev_val){p, 4, 0, AG_EV_TRUE, false};
		return q;
	case 'f':
		q = literal(s, p, "false", 5);
		if (q && v)
			*v = (struct ag_ev_val){p, 5, 0, AG_EV_FALSE, false};
		return q;
	case 'n':
		q = literal(s, p, "null", 4);
		if (q && v)
			*v = (struct ag_ev_val){p, 4, 0, AG_EV_NULL, false};
		return q;
	default:
		if (*p != '-' && (unsigned)(*p - '0') > 9)
			return fail(s, p, *p == '\n' ? "line ends where a value should be"
						     : "unexpected character");
		q = number_end(s, p);
		if (q && v) {
			v->type = AG_EV_NUM;
			v->p = p;
			v->n = (size_t)(q - p);
			v->esc = false;
			v->num = ag_ev_number(p, v->n);
		}
		return q;
	}
}

static const char *scan_arr_impl(struct scan *s, const char *p, int depth)
{
	const char *end = s->end;
	if (depth > AG_EV_MAX_DEPTH)
		return fail(s, p, "nesting deeper than 512 levels");
	p = sws(s, p + 1);
	if (p < end && *p == ']')
		return p + 1;
	for (;;) {
		if (p >= end)
			return fail(s, p, "unterminated array");
		p = value(s, p, NULL, depth);
		if (!p)
			return NULL;
		int more = after_member(s, &p, ']', "expected ',' or ']' in an array",
					"unterminated array");
		if (more <= 0)
			return p;
	}
}

/* Event logs write their keys in the same order on every line. Per
 * thread, the plain keys (at most 14 bytes, no escapes, their colon right
 * after the quote) of the last lines' top-level members, by position, with
 * what they matched: the bytes at a key equal to the ones remembered (the
 * key, its closing quote and the colon, as two masked words) need neither
 * the search for the key's end, nor the colon's, nor the lookup. A key
 * not where it was (keys in another order from line to line, or past the
 * 48th member) is looked for in a second table, by its first four bytes,
 * the same way: a shuffled log does not pay for the search either. A
 * remembered key is its own proof (it was a whole valid key, so equal
 * bytes are the same key); valid for one field set (the pointer and its
 * generation). */
#define KMEMO 64
#define KCACHE_BITS 8 /* keys by their first bytes, for keys whose position changes */
#define KCACHE (1 << KCACHE_BITS)
struct kmemo {
	uint64_t a, b;
	uint64_t ma, mb; /* a and b are the words at the key and at boff, masked */
	uint32_t boff;
	uint32_t kl; /* 0: nothing remembered */
	uint32_t stamp;  /* this version of the entry (never 0) */
	uint32_t pstamp; /* the entry of the key whose object holds this key; 0: top level */
	int32_t full;
	uint8_t nsub; /* the paths the key is a dotted prefix of (at most 4) */
	uint8_t sub[4];
	uint16_t suboff[4];
};
static _Thread_local struct {
	const struct ag_ev_fields *fs;
	uint32_t gen;
	uint32_t stamp; /* the last stamp given */
	bool off;       /* ag_ev_scan_memo(false) */
	bool shuffled;  /* the last line tried by position missed on most keys */
	uint32_t lines; /* lines scanned, for a retry by position */
	uint32_t pmiss; /* this line's keys not where they were */
	struct kmemo m[KMEMO];
	struct kmemo kc[KCACHE];
} memo;

/* The fields the last line scanned into `vals` set, as a mask (field i
 * is bit i; there are at most 64), so that the next scan into the same
 * array resets those instead of every field (a question with the default
 * predicate asks for sixty fields; a line has a dozen), and the caller
 * learns which fields the line has (ag_ev_line.set). Any doubt (another
 * array, another field set, a value someone else wrote) resets everything. */
static _Thread_local struct {
	const struct ag_ev_val *vals;
	const struct ag_ev_fields *fs;
	uint32_t gen;
	uint64_t set;
} dirty;

void ag_ev_scan_forget(void)
{
	dirty.vals = NULL;
}

static void reset_vals(const struct ag_ev_fields *fs, struct ag_ev_val *vals)
{
	if (dirty.vals == vals && dirty.fs == fs && dirty.gen == fs->gen) {
		for (uint64_t m = dirty.set; m; m &= m - 1)
			vals[__builtin_ctzll(m)].type = AG_EV_NONE;
	} else {
		for (size_t i = 0; i < fs->n; i++)
			vals[i].type = AG_EV_NONE;
	}
	dirty.vals = vals;
	dirty.fs = fs;
	dirty.gen = fs->gen;
	dirty.set = 0;
}

/* An entry that matches no key: no masked word equals all ones. */
static inline void memo_clear(struct kmemo *m)
{
	m->kl = 0;
	m->stamp = 0;
	m->pstamp = NOCTX;
	m->a = ~(uint64_t)0;
	m->b = 0;
	m->ma = 0;
	m->mb = 0;
	m->boff = 0;
}

/* The masks that make two plain loads at a key give key_words()'s words. */
static inline void memo_masks(struct kmemo *m, size_t kl)
{
	m->ma = kl >= 8 ? ~(uint64_t)0 : ~(uint64_t)0 >> (64 - 8 * kl);
	m->mb = kl >= 8 ? ~(uint64_t)0 : 0;
	m->boff = kl >= 8 ? (uint32_t)(kl - 8) : 0;
}

static inline void key_words(const char *k, size_t kl, size_t avail, uint64_t *a, uint64_t *b)
{
	if (kl >= 8) {
		memcpy(a, k, 8);
		memcpy(b, k + kl - 8, 8);
	} else {
		*a = load_small(k, kl, avail);
		*b = 0;
	}
}

/* Remembers the key at k (kl bytes, its quote and what follows readable:
 * 24 bytes from k) at its position, with what it matched, when it is plain,
 * at most 14 bytes, directly followed by its colon and matched at most four
 * paths as a prefix; otherwise forgets whatever was there. The words kept
 * cover the key, its closing quote and the colon (at most 16 bytes: two
 * words, overlapping when fewer), so that one masked compare of two words
 * finds the key and the colon on the next line. */
static inline void memo_put(struct kmemo *km, const char *k, size_t kl, bool kesc,
			    const char *end, uint32_t ctx, int full, int nsub, const uint8_t *sub,
			    const uint16_t *suboff)
{
	if (kesc || !kl || kl > 14 || nsub > 4 || end - k < 24 || k[kl + 1] != ':' ||
	    memo.stamp == NOCTX - 1) {
		memo_clear(km);
		return;
	}
	km->stamp = ++memo.stamp;
	km->pstamp = ctx;
	key_words(k, kl + 2, (size_t)(end - k), &km->a, &km->b);
	memo_masks(km, kl + 2);
	km->full = full;
	km->kl = (uint32_t)kl;
	km->nsub = (uint8_t)nsub;
	for (int x = 0; x < nsub && x < 4; x++) {
		km->sub[x] = sub[x];
		km->suboff[x] = suboff[x];
	}
}

/* Scans an object at p ('{'). cand/off: the fields whose paths can still
 * match below this object, and how much of each path is already matched.
 * Always inlined into scan_obj() and scan_top(), which is the same code
 * compiled for the top level of a line (top a constant), where the keys
 * are most of the work: one loop with everything in registers. */
static inline __attribute__((always_inline)) const char *
scan_obj_impl(struct scan *s, const char *p, const uint8_t *cand, const uint16_t *off,
	      int ncand, bool top, int depth, uint32_t ctx)
{
	const char *end = s->end;
	if (depth > AG_EV_MAX_DEPTH)
		return fail(s, p, "nesting deeper than 512 levels");
	p = sws(s, p + 1);
	if (p < end && *p == '}')
		return p + 1;
	/* the last place a key can start and use the memo (its loads read 24
	 * bytes from the key); 0: the memo is off for this object */
	uintptr_t mlast = ctx != NOCTX && end - p >= 24 ? (uintptr_t)end - 24 : 0;
	/* the fields set at the top level, in a register until the line is
	 * scanned (a line that fails resets every field anyway) */
	uint64_t tset = 0;
	for (;;) {
		if (p >= end || *p != '"')
			return fail(s, p, p < end && *p != '\n' ? "expected a string key"
							       : "unterminated object");
		const char *k = p + 1;
		bool kesc = false;
		int full = -1, nsub = 0;
		struct kmemo *km = NULL;
		uint8_t sub[AG_EV_MAX_FIELDS];
		uint16_t suboff[AG_EV_MAX_FIELDS];
		const uint8_t *subp = sub; /* the memo's, on a hit */
		const uint16_t *suboffp = suboff;
		struct kmemo *kc = NULL;
		uint32_t kst = NOCTX; /* the stamp of this key's entry */
		if ((uintptr_t)k <= mlast) {
			/* the key where it was on the last line (in the object it was
			 * in), else, at the top level, the key cache by its first four
			 * bytes (keys in another order, or past the memo); branchless
			 * compares: two masked words hold the key, its closing quote
			 * and the colon, and an empty entry matches nothing */
			uint64_t a, b;
			memcpy(&a, k, 8);
			if (s->pos < KMEMO) {
				km = &memo.m[s->pos++];
				memcpy(&b, k + km->boff, 8);
				if (__builtin_expect(((a & km->ma) == km->a) & ((b & km->mb) == km->b) &
						     (km->pstamp == ctx), 1)) {
					full = km->full;
					nsub = km->nsub;
					subp = km->sub;
					suboffp = km->suboff;
					kst = km->stamp;
					p = k + km->kl + 2;
					goto have_memo_key;
				}
			}
			if (top) {
				memo.pmiss += km != NULL;
				kc = &memo.kc[((uint32_t)a * 0x9e3779b1u) >> (32 - KCACHE_BITS)];
				memcpy(&b, k + kc->boff, 8);
				if (((a & kc->ma) == kc->a) & ((b & kc->mb) == kc->b)) {
					if (km) /* and where it is now */
						*km = *kc;
					full = kc->full;
					nsub = kc->nsub;
					subp = kc->sub;
					suboffp = kc->suboff;
					kst = kc->stamp;
					p = k + kc->kl + 2;
					goto have_memo_key;
				}
			}
		}
		const char *q = string_end(s, k, &kesc);
		if (!q)
			return NULL;
		size_t kl = (size_t)(q - k);
		if (q + 1 < end && q[1] == ':') { /* the usual "key":value */
			p = q + 2;
		} else {
			p = sws(s, q + 1);
			if (p >= end || *p != ':')
				return fail(s, p, "expected ':' after a key");
			p++;
		}
		if (ncand && (!top || kesc || (s->fs->len_mask >> (kl < 63 ? kl : 63) & 1))) {
			const char *key = k;
			char kbuf[256];
			if (kesc) {
				key = NULL;
				if (kl <= sizeof(kbuf)) {
					kl = ag_ev_unescape(k, kl, kbuf);
					key = kbuf;
				}
			}
			if (top && key == k && kl < 64 && !s->fs->linear) {
				/* a plain key: compare words with the entries of its length */
				const struct ag_ev_fields *fs = s->fs;
				uint64_t a, b = 0;
				if (kl >= 8) {
					memcpy(&a, k, 8);
					memcpy(&b, k + kl - 8, 8);
				} else {
					a = load_small(k, kl, (size_t)(end - k));
				}
				for (unsigned j = fs->lhead[kl]; j; j = fs->lnext[j - 1]) {
					const struct ag_ev_fent *en = &fs->ent[j - 1];
					if (fs->w0[j - 1] != a || fs->w1[j - 1] != b ||
					    (kl > 16 && !same(en->s + 8, k + 8, kl - 16)))
						continue;
					if (!en->sub) {
						full = en->field;
					} else {
						sub[nsub] = en->field;
						suboff[nsub++] = en->sub;
					}
				}
				key = NULL;
			} else if (top && key && !s->fs->linear) {
				const struct ag_ev_fields *fs = s->fs;
				unsigned qi = kl ? quick_idx(key, kl) : 0;
				if (!(fs->quick[qi >> 6] >> (qi & 63) & 1))
					goto no_match;
				uint32_t h = key_hash(key, kl, key == k ? (size_t)(end - k)
									 : sizeof(kbuf));
				for (size_t j = h & 511; fs->slot[j]; j = (j + 1) & 511) {
					const struct ag_ev_fent *en = &fs->ent[fs->slot[j] - 1];
					if (en->hash != h || en->len != kl || !same(en->s, key, kl))
						continue;
					if (!en->sub) {
						full = en->field;
					} else {
						sub[nsub] = en->field;
						suboff[nsub++] = en->sub;
					}
				}
			no_match:
				key = NULL;
			}
			for (int c = 0; key && c < ncand; c++) {
				int fi = cand[c];
				const char *rem = s->fs->f[fi].path + off[c];
				size_t rl = s->fs->f[fi].len - off[c];
				if (rl < kl || (kl && (rem[0] != key[0] || !same(rem, key, kl))))
					continue;
				if (rl == kl) {
					full = fi;
				} else if (rem[kl] == '.') {
					sub[nsub] = (uint8_t)fi;
					suboff[nsub++] = (uint16_t)(off[c] + kl + 1);
				}
			}
		}
		if (km || kc) { /* remember the key where it is now, for the next line */
			struct kmemo e;
			memo_put(&e, k, kl, kesc, end, ctx, full, nsub, sub, suboff);
			if (e.kl) {
				kst = e.stamp;
				if (kc)
					*kc = e;
			}
			if (km)
				*km = e;
		}
		p = sws(s, p);
		if (p >= end)
			return fail(s, p, "expected a value");
	have_memo_key: /* from the memo: p is at most 16 bytes past k, before end */
		if ((unsigned char)*p <= ' ' && (p = sws(s, p)) >= end)
			return fail(s, p, "expected a value");
		const char *vstart = p;
		if (full >= 0) {
			/* remember which fields this line set: the next line resets
			 * only those */
			if (top)
				tset |= (uint64_t)1 << full;
			else
				dirty.set |= (uint64_t)1 << full;
		}
		if (nsub && *p == '{') {
			p = scan_obj(s, p, subp, suboffp, nsub, false, depth + 1, kst);
			if (p && full >= 0)
				s->vals[full] = (struct ag_ev_val){vstart, (size_t)(p - vstart), 0,
								   AG_EV_OBJ, false};
		} else if (*p == '"') {
			bool vesc = false;
			const char *e = string_end(s, p + 1, &vesc);
			if (e && full >= 0)
				s->vals[full] = (struct ag_ev_val){p + 1, (size_t)(e - p - 1), 0,
								   AG_EV_STR, vesc};
			p = e ? e + 1 : NULL;
		} else if ((unsigned)(*p - '0') <= 9 || *p == '-') {
			/* a number not asked for is only validated */
			p = full >= 0 ? number_val(s, p, &s->vals[full]) : number_end(s, p);
		} else {
			p = value(s, p, full >= 0 ? &s->vals[full] : NULL, depth);
		}
		if (!p)
			return NULL;
		if (p < end && *p == ',') {
			p = sws(s, p + 1);
			continue;
		}
		int more = after_member(s, &p, '}', "expected ',' or '}' in an object",
					"unterminated object");
		if (more <= 0) {
			if (top)
				dirty.set |= tset;
			return p;
		}
	}
}

static const char *scan_obj(struct scan *s, const char *p, const uint8_t *cand,
			    const uint16_t *off, int ncand, bool top, int depth, uint32_t ctx)
{
	if (!s->ml || !cidx.rec)
		return scan_obj_impl(s, p, cand, off, ncand, top, depth, ctx);
	size_t i = cidx_open(p);
	const char *q = scan_obj_impl(s, p, cand, off, ncand, top, depth, ctx);
	cidx_close(i, p, q);
	return q;
}

/* An object no asked path reaches: the same scan compiled without the
 * memo and the candidates (most objects of a pretty-printed document). */
static const char *scan_obj_plain(struct scan *s, const char *p, int depth)
{
	size_t i = s->ml && cidx.rec ? cidx_open(p) : SIZE_MAX;
	const char *q = scan_obj_impl(s, p, NULL, NULL, 0, false, depth, NOCTX);
	cidx_close(i, p, q);
	return q;
}

static const char *scan_arr(struct scan *s, const char *p, int depth)
{
	if (!s->ml || !cidx.rec)
		return scan_arr_impl(s, p, depth);
	size_t i = cidx_open(p);
	const char *q = scan_arr_impl(s, p, depth);
	cidx_close(i, p, q);
	return q;
}

void ag_ev_scan_memo(bool on)
{
	memo.off = !on; /* a scan with the memo off neither reads nor writes it */
}

/* The memo for a scan into fs: emptied when it was another field set's
 * (or its stamps are running out), keeping whether it is off. */
static void memo_ready(const struct ag_ev_fields *fs)
{
	if (memo.fs == fs && memo.gen == fs->gen && memo.stamp <= NOCTX / 2)
		return;
	bool off = memo.off;
	memset(&memo, 0, sizeof(memo));
	memo.off = off;
	for (size_t i = 0; i < KMEMO; i++)
		memo_clear(&memo.m[i]);
	for (size_t i = 0; i < KCACHE; i++)
		memo_clear(&memo.kc[i]);
	memo.fs = fs;
	memo.gen = fs->gen;
}

/* The object that is a line. */
static const char *scan_top(struct scan *s, const char *p)
{
	memo_ready(s->fs);
	/* A line of a log whose keys change order misses the memo by position
	 * on most keys, and a miss is a branch mispredicted: such lines go to
	 * the key cache directly (their positions start past the memo), and
	 * one line in 16 tries the positions again. */
	bool by_pos = memo.off || !memo.shuffled || !(++memo.lines & 15);
	s->pos = by_pos ? 0 : KMEMO;
	memo.pmiss = 0; /* this line's count: with the memo off, the memo is left as it was */
	const char *q = scan_obj_impl(s, p, s->fs->all, s->fs->zero, (int)s->fs->n, true, 1,
				      memo.off ? NOCTX : 0);
	if (by_pos && q && !memo.off)
		memo.shuffled = memo.pmiss * 4 > s->pos;
	return q;
}

/* The byte after the line that holds p (past its \n), or end. */
static const char *next_line(const char *p, const char *end)
{
	const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
	return nl ? nl + 1 : end;
}

static size_t count_nl(const char *p, const char *end)
{
	size_t n = 0;
	while (p < end && (p = memchr(p, '\n', (size_t)(end - p)))) {
		n++;
		p++;
	}
	return n;
}

/* One JSON text at p: a line (ml false) or a value that may span lines.
 * Sets res except its line counts; returns where the value ends (NULL on
 * error, with s->err and s->errp). */
static const char *scan_text(struct scan *s, const char *p, struct ag_ev_line *res)
{
	const char *end = s->end;
	if (*p == '{') {
		res->kind = AG_EV_LINE_OBJECT;
		return scan_top(s, p);
	}
	if (*p == '[') {
		res->kind = AG_EV_LINE_ARRAY;
		return value(s, p, NULL, 1);
	}
	if (strchr("\"-0123456789tfn", *p)) {
		res->kind = AG_EV_LINE_OTHER;
		return value(s, p, NULL, 1);
	}
	(void)end;
	return fail(s, p, "not JSON: a plain text line");
}

const char *ag_ev_scan_line(const char *p, const char *end, const struct ag_ev_fields *fs,
			    struct ag_ev_val *vals, struct ag_ev_line *res)
{
	struct scan s = {end, false, fs, vals, NULL, NULL, NULL, 0, 0};
	const char *start = p;
	reset_vals(fs, vals);
	res->start = start;
	res->err = NULL;
	res->err_col = 0;
	res->err_line = 0;
	res->lines = 1;
	res->set = 0;
	if (p < end && *p != '{')
		p = ws(p, end); /* a line of a log starts with its object */
	const char *q;
	if (p >= end || *p == '\n') {
		res->kind = AG_EV_LINE_BLANK;
		q = p;
		goto line_end;
	}
	q = scan_text(&s, p, res);
	res->set = dirty.set;
	if (q && q < end && *q != '\n') {
		q = ws(q, end); /* and ends with it */
		if (q < end && *q != '\n')
			q = fail(&s, q, "unexpected text after the JSON value");
	}
	if (!q) {
		res->set = 0;
		res->kind = AG_EV_LINE_INVALID;
		res->err = s.err;
		res->err_col = (size_t)(s.errp - start) + 1;
		q = s.errp;
		const char *nl = q < end ? memchr(q, '\n', (size_t)(end - q)) : NULL;
		q = nl ? nl : end;
		for (size_t i = 0; i < fs->n; i++)
			vals[i].type = AG_EV_NONE;
	}
line_end:
	/* q is at the \n or at end */
	res->len = (size_t)(q - start);
	if (res->len && start[res->len - 1] == '\r')
		res->len--;
	return q < end ? q + 1 : end;
}

const char *ag_ev_scan_doc(const char *p, const char *end, const struct ag_ev_fields *fs,
			   struct ag_ev_val *vals, struct ag_ev_line *res)
{
	struct scan s = {end, true, fs, vals, NULL, NULL, NULL, 0, 0};
	const char *from = p;
	for (size_t i = 0; i < fs->n; i++)
		vals[i].type = AG_EV_NONE;
	dirty.vals = NULL; /* values of documents are not tracked */
	res->set = ~(uint64_t)0;
	res->err = NULL;
	res->err_col = 0;
	res->err_line = 0;
	p = sws(&s, p);
	/* a comma between values (the members of a top-level array the
	 * caller walks) is white space here */
	if (p < end && *p == ',')
		p = sws(&s, p + 1);
	res->start = p;
	res->len = 0;
	if (p >= end) {
		res->kind = AG_EV_LINE_BLANK;
		res->lines = count_nl(from, end);
		return end;
	}
	if (cidx.on) {
		cidx.n = 0;
		cidx.hint[0] = cidx.hint[1] = 0;
		cidx.last = 0;
		cidx.lim = NULL;
		cidx.base = p;
		cidx.rec = (size_t)(end - p) < UINT32_MAX;
	}
	const char *q = scan_text(&s, p, res);
	if (cidx.rec) {
		cidx.rec = false;
		if (q)
			cidx.lim = q;
	}
	if (q) {
		res->len = (size_t)(q - p);
		/* the rest of the last line, when it is blank, belongs here */
		const char *r = ws(q, end);
		if (r < end && *r == '\n')
			q = r + 1;
		else if (r >= end)
			q = end;
		res->lines = count_nl(from, q) + (q == end && q > from && q[-1] != '\n');
		return q;
	}
	/* the value is broken: it runs to the next line that starts a new one
	 * ('{' or '[' in the first column), so one mistake is one invalid
	 * record, not a page of them */
	res->kind = AG_EV_LINE_INVALID;
	res->err = s.err;
	q = ag_ev_doc_resync(from, p, s.errp, end, &res->len, &res->err_line, &res->err_col);
	res->lines = count_nl(from, q) + (q == end && q > from && q[-1] != '\n');
	for (size_t i = 0; i < fs->n; i++)
		vals[i].type = AG_EV_NONE;
	return q;
}

const char *ag_ev_doc_resync(const char *from, const char *p, const char *ep, const char *end,
			     size_t *len, size_t *err_line, size_t *err_col)
{
	ep = ep < p ? p : ep > end ? end : ep;
	const char *ls = ep;
	while (ls > from && ls[-1] != '\n')
		ls--;
	*err_line = count_nl(p, ep);
	*err_col = (size_t)(ep - ls) + 1;
	const char *q = next_line(ep, end);
	while (q < end && *q != '{' && *q != '[')
		q = next_line(q, end);
	const char *le = q;
	if (le > p && le[-1] == '\n')
		le--;
	*len = (size_t)(le - p);
	return q;
}

bool ag_ev_is_doc(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	if (p >= end)
		return false;
	if (*p == '[')
		return true; /* one array, pretty or not: its elements are the records */
	if (*p != '{')
		return false;
	/* An object that does not end on its first line continues below: a
	 * pretty printer breaks lines after '{', '[', ',' or ':', an NDJSON
	 * line ends with its '}'. Only the first line is looked at, so this
	 * costs nothing on a log of gigabytes. */
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	const char *q = nl ? nl : end;
	while (q > p && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\r'))
		q--;
	return q > p && q[-1] != '}';
}

const char *ag_ev_parse_value(const char *p, const char *end, struct ag_ev_val *v,
			      const char **err, const char **errp)
{
	return ag_ev_parse_value_in(p, end, 1, v, err, errp);
}

const char *ag_ev_parse_value_in(const char *p, const char *end, int depth, struct ag_ev_val *v,
				 const char **err, const char **errp)
{
	struct scan s = {end, true, NULL, NULL, NULL, NULL, NULL, 0, 0};
	const char *q = p < end ? value(&s, p, v, depth) : fail(&s, p, "expected a value");
	if (!q) {
		*err = s.err;
		*errp = s.errp;
	}
	return q;
}

const char *ag_ev_scan_obj_in(const char *p, const char *end, int depth,
			      const struct ag_ev_fields *fs, struct ag_ev_val *vals, const char **err,
			      const char **errp)
{
	struct scan s = {end, true, fs, vals, NULL, NULL, NULL, 0, 0};
	for (size_t i = 0; i < fs->n; i++)
		vals[i].type = AG_EV_NONE;
	dirty.vals = NULL; /* not tracked, as documents */
	/* a record's keys by their place on the last record, as a line's */
	memo_ready(fs);
	const char *q = p < end && *p == '{'
				? scan_obj_impl(&s, p, fs->all, fs->zero, (int)fs->n, true, depth + 1,
						memo.off ? NOCTX : 0)
				: fail(&s, p, "expected a value");
	if (!q) {
		*err = s.err;
		*errp = s.errp;
		for (size_t i = 0; i < fs->n; i++)
			vals[i].type = AG_EV_NONE;
	}
	return q;
}

/* ---- iteration ------------------------------------------------------------ */

/* After a string that starts at p (past its quote), already validated. */
static const char *skip_str(const char *p, const char *end)
{
	for (;;) {
#ifdef AG_HAVE_SSE2
		const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
		while (end - p >= 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
			unsigned m = (unsigned)_mm_movemask_epi8(
				_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)));
			if (m) {
				p += __builtin_ctz(m);
				goto found;
			}
			p += 16;
		}
#endif
		while (p < end && *p != '"' && *p != '\\')
			p++;
		if (p >= end)
			return NULL;
#ifdef AG_HAVE_SSE2
	found:
#endif
		if (*p == '"')
			return p + 1;
		p += 2; /* an escape */
		if (p > end)
			return NULL;
	}
}

/* After an object or array at p that the scanner has already validated:
 * brackets and strings only, no number or literal looked at. */
static const char *skip_container(const char *p, const char *end)
{
	int depth = 0;
	while (p < end) {
#ifdef AG_HAVE_SSE2
		const __m128i q = _mm_set1_epi8('"'), o1 = _mm_set1_epi8('{'), c1 = _mm_set1_epi8('}'),
			      o2 = _mm_set1_epi8('['), c2 = _mm_set1_epi8(']');
		while (end - p >= 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
			__m128i m = _mm_or_si128(
				_mm_or_si128(_mm_cmpeq_epi8(x, q), _mm_cmpeq_epi8(x, o1)),
				_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, c1), _mm_cmpeq_epi8(x, o2)),
					     _mm_cmpeq_epi8(x, c2)));
			unsigned bits = (unsigned)_mm_movemask_epi8(m);
			if (bits) {
				p += __builtin_ctz(bits);
				break;
			}
			p += 16;
		}
#endif
		while (p < end && *p != '"' && *p != '{' && *p != '}' && *p != '[' && *p != ']')
			p++;
		if (p >= end)
			return NULL;
		char c = *p++;
		if (c == '"') {
			if (!(p = skip_str(p, end)))
				return NULL;
			continue;
		}
		depth += (c == '{' || c == '[') ? 1 : -1;
		if (depth <= 0)
			return p;
	}
	return NULL;
}

void ag_ev_iter_init(struct ag_ev_iter *it, const struct ag_ev_val *v)
{
	it->obj = v->type == AG_EV_OBJ;
	it->first = true;
	if (v->type == AG_EV_OBJ || v->type == AG_EV_ARR) {
		it->p = v->p + 1;
		it->end = v->p + v->n;
	} else {
		it->p = it->end = NULL;
	}
}

int ag_ev_iter_next(struct ag_ev_iter *it, struct ag_ev_val *key, struct ag_ev_val *val)
{
	if (!it->p)
		return 0;
	struct scan s = {it->end, true, NULL, NULL, NULL, NULL, NULL, 0, 0};
	const char *p = sws(&s, it->p);
	if (p >= it->end)
		goto bad;
	if (*p == (it->obj ? '}' : ']')) {
		it->p = NULL;
		return 0;
	}
	if (!it->first) {
		if (*p != ',')
			goto bad;
		p = sws(&s, p + 1);
	}
	it->first = false;
	if (it->obj) {
		struct ag_ev_val k;
		if (p >= it->end || *p != '"' || !(p = value(&s, p, &k, 1)))
			goto bad;
		if (key)
			*key = k;
		p = sws(&s, p);
		if (p >= it->end || *p != ':')
			goto bad;
		p = sws(&s, p + 1);
	}
	if (p < it->end && (*p == '{' || *p == '[')) {
		/* a value from the scanner is valid: find its end by its brackets
		 * (or in the index of the document it is in) */
		const char *q = cidx_find(p);
		if (!q || q > it->end)
			q = skip_container(p, it->end);
		if (!q)
			goto bad;
		if (val)
			*val = (struct ag_ev_val){p, (size_t)(q - p), 0,
						  *p == '{' ? AG_EV_OBJ : AG_EV_ARR, false};
		it->p = q;
		return 1;
	}
	if (p >= it->end || !(p = value(&s, p, val, 1)))
		goto bad;
	it->p = p;
	return 1;
bad:
	it->p = NULL;
	return -1;
}

/* ---- time ----------------------------------------------------------------- */

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static bool digits(const char *s, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if ((unsigned)(s[i] - '0') > 9)
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static bool num_to_ns(double d, int64_t *ns)
{
	double a = d < 0 ? -d : d;
	double scale = a < 1e11 ? 1e9 : a < 1e14 ? 1e6 : a < 1e17 ? 1e3 : 1;
	if (a < 9e15 && a * scale < 9e18 && d == (double)(int64_t)d) {
		/* whole seconds, milliseconds, ...: exact in integers */
		*ns = (int64_t)d * (int64_t)scale;
		return true;
	}
	double r = d * scale;
	if (!(r > -9.2e18 && r < 9.2e18))
		return false;
	*ns = (int64_t)r;
	return true;
}

bool ag_ev_parse_time(const char *s, size_t n, int64_t *ns)
{
	int y, mo, d, h = 0, mi = 0, sec = 0;
	if (n >= 1 && (s[0] == '-' || (unsigned)(s[0] - '0') <= 9) && (n < 5 || s[4] != '-')) {
		/* a numeric string: integers exactly (nanoseconds need 19 digits) */
		struct ag_ev_val v = {s, n, 0, AG_EV_STR, false};
		double dv;
		if (!ag_ev_as_num(&v, &dv))
			return false;
		bool integer = true;
		for (size_t i = 0; i < n; i++)
			if (s[i] == '.' || s[i] == 'e' || s[i] == 'E')
				integer = false;
		if (integer && n <= 20 && (dv >= 1e17 || dv <= -1e17) && dv < 9.2e18 && dv > -9.2e18) {
			int64_t v64 = 0;
			size_t i = s[0] == '-';
			for (; i < n; i++)
				v64 = v64 * 10 + (s[i] - '0');
			*ns = s[0] == '-' ? -v64 : v64;
			return true;
		}
		return num_to_ns(dv, ns);
	}
	if (n < 10 || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) ||
	    s[7] != '-' || !digits(s + 8, 2, &d) || mo < 1 || mo > 12 || d < 1 || d > 31)
		return false;
	int64_t frac = 0;
	int64_t off = 0;
	size_t i = 10;
	if (i < n) {
		if ((s[i] != 'T' && s[i] != 't' && s[i] != ' ') || n < i + 9 ||
		    !digits(s + i + 1, 2, &h) || s[i + 3] != ':' || !digits(s + i + 4, 2, &mi) ||
		    s[i + 6] != ':' || !digits(s + i + 7, 2, &sec) || h > 23 || mi > 59 || sec > 60)
			return false;
		i += 9;
		if (i < n && (s[i] == '.' || s[i] == ',')) {
			i++;
			int nd = 0;
			while (i < n && (unsigned)(s[i] - '0') <= 9) {
				if (nd < 9) {
					frac = frac * 10 + (s[i] - '0');
					nd++;
				}
				i++;
			}
			if (!nd)
				return false;
			while (nd++ < 9)
				frac *= 10;
		}
		if (i < n) {
			if (s[i] == 'Z' || s[i] == 'z') {
				i++;
			} else if (s[i] == '+' || s[i] == '-') {
				int oh, om;
				if (n < i + 6 || !digits(s + i + 1, 2, &oh) || s[i + 3] != ':' ||
				    !digits(s + i + 4, 2, &om))
					return false;
				off = (int64_t)(oh * 60 + om) * 60;
				if (s[i] == '-')
					off = -off;
				i += 6;
			} else {
				return false;
			}
		}
		if (i != n)
			return false;
	}
	int64_t days = days_from_civil(y, (unsigned)mo, (unsigned)d);
	if (days > 106000 || days < -106000)
		return false; /* outside what 64-bit nanoseconds hold (1679..2260) */
	int64_t secs = days * 86400 + h * 3600 + mi * 60 + sec - off;
	*ns = secs * 1000000000 + frac;
	return true;
}

bool ag_ev_time_ns(const struct ag_ev_val *v, int64_t *ns)
{
	if (v->type == AG_EV_NUM) {
		/* integers of 17+ digits are nanoseconds: keep them exact */
		bool integer = true;
		for (size_t i = 0; i < v->n; i++)
			if (v->p[i] == '.' || v->p[i] == 'e' || v->p[i] == 'E')
				integer = false;
		if (integer && v->n <= 20 && (v->num >= 1e17 || v->num <= -1e17))
			return ag_ev_parse_time(v->p, v->n, ns);
		return num_to_ns(v->num, ns);
	}
	if (v->type != AG_EV_STR || v->esc)
		return false;
	return ag_ev_parse_time(v->p, v->n, ns);
}

void ag_ev_format_time(int64_t ns, char *out)
{
	int64_t secs = ns / 1000000000, rem = ns % 1000000000;
	if (rem < 0) {
		rem += 1000000000;
		secs--;
	}
	int64_t days = secs / 86400, sod = secs % 86400;
	if (sod < 0) {
		sod += 86400;
		days--;
	}
	/* civil_from_days */
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = (int64_t)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	static const char dig[] = "0123456789";
	char *o = out;
	int64_t yy = y < 0 ? 0 : y > 9999 ? 9999 : y;
	*o++ = dig[yy / 1000];
	*o++ = dig[yy / 100 % 10];
	*o++ = dig[yy / 10 % 10];
	*o++ = dig[yy % 10];
	*o++ = '-';
	*o++ = dig[m / 10];
	*o++ = dig[m % 10];
	*o++ = '-';
	*o++ = dig[d / 10];
	*o++ = dig[d % 10];
	*o++ = 'T';
	int h = (int)(sod / 3600), mi = (int)(sod / 60 % 60), s = (int)(sod % 60);
	*o++ = dig[h / 10];
	*o++ = dig[h % 10];
	*o++ = ':';
	*o++ = dig[mi / 10];
	*o++ = dig[mi % 10];
	*o++ = ':';
	*o++ = dig[s / 10];
	*o++ = dig[s % 10];
	int ms = (int)(rem / 1000000);
	*o++ = '.';
	*o++ = dig[ms / 100];
	*o++ = dig[ms / 10 % 10];
	*o++ = dig[ms % 10];
	*o++ = 'Z';
	*o = '\0';
}

const char *ag_ev_type_name(enum ag_ev_type t)
{
	static const char *const names[] = {"absent", "null", "boolean", "boolean",
					    "number", "string", "object", "array"};
	return (unsigned)t < sizeof(names) / sizeof(names[0]) ? names[t] : "?";
}
