/*
 * radar_read_gem.c - Ruby: Gemfile, Gemfile.lock.
 */
#include <string.h>
#include "radar_scan_impl.h"

void ag_read_gemfile(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	const char *s, *e;
	while (next_trimmed(&l, &s, &e)) {
		if (!starts(s, e, "gem ") && !starts(s, e, "gem("))
			continue;
		const char *t;
		size_t tn;
		ag_scan_token(s + 4, e, &t, &tn);
		while (tn && (t[tn - 1] == ',' || t[tn - 1] == ')'))
			tn--;
		hit_key(c, AG_ECO_GEM, t, tn, l.no);
	}
}

void ag_read_gemfile_lock(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	const char *s;
	size_t n;
	while (next_line(&l, &s, &n)) {
		/* "    name (1.2.3)" under GEM specs */
		if (n < 6 || memcmp(s, "    ", 4) || s[4] == ' ')
			continue;
		const char *t = s + 4, *e = s + n, *q = t;
		while (q < e && *q != ' ')
			q++;
		if (q + 1 < e && q[1] == '(')
			hit_key(c, AG_ECO_GEM, t, (size_t)(q - t), l.no);
	}
}
