/*
 * radar_read_gem.c - Ruby: Gemfile, Gemfile.lock.
 */
#include <ctype.h>
#include <string.h>
#include "radar_scan_impl.h"

static bool has(const char *s, const char *e, const char *lit)
{
	size_t n = strlen(lit);
	for (const char *p = s; p + n <= e; p++)
		if (!memcmp(p, lit, n))
			return true;
	return false;
}

/* Whether the groups named on [s, e) are only :development and :test
 * ("group :development, :test do", "group: [:test]"). */
static bool dev_groups(const char *s, const char *e)
{
	bool any = false;
	for (const char *p = s; p < e; p++) {
		if (*p != ':' || p + 1 >= e || p[1] == ' ' || p[1] == ':')
			continue;
		const char *t = p + 1, *q = t;
		while (q < e && (isalnum((unsigned char)*q) || *q == '_'))
			q++;
		size_t n = (size_t)(q - t);
		if (!n)
			continue;
		if (!((n == 4 && !memcmp(t, "test", 4)) || (n == 11 && !memcmp(t, "development", 11))))
			return false;
		any = true;
		p = q - 1;
	}
	return any;
}

void ag_read_gemfile(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	int depth = 0, dev_depth = 0; /* `do` blocks open; the dev group's, 0 */
	const char *s, *e;
	while (next_trimmed(&l, &s, &e)) {
		const char *end = e;
		while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		/* blocks that an `end` closes: `... do`, and if/unless/case/begin/
		 * def lines (not a trailing `gem "x" if y`) */
		bool opens = (end - s >= 3 && !memcmp(end - 3, " do", 3)) || has(s, end, " do |") ||
			     starts(s, end, "if ") || starts(s, end, "unless ") ||
			     starts(s, end, "case ") || starts(s, end, "def ") ||
			     (starts(s, end, "begin") && (end - s == 5 || s[5] == ' '));
		if (starts(s, end, "end") && (end - s == 3 || s[3] == ' ' || s[3] == '#')) {
			if (dev_depth == depth)
				dev_depth = 0;
			if (depth)
				depth--;
			continue;
		}
		if (opens) {
			depth++;
			/* group :development, :test do ... end: test and tools */
			if (!dev_depth && starts(s, end, "group") && dev_groups(s + 5, end))
				dev_depth = depth;
			continue;
		}
		if (!starts(s, e, "gem ") && !starts(s, e, "gem("))
			continue;
		const char *t;
		size_t tn;
		ag_scan_token(s + 4, e, &t, &tn);
		while (tn && (t[tn - 1] == ',' || t[tn - 1] == ')'))
			tn--;
		/* gem "rspec", group: :test (or groups: [...]) */
		const char *g = NULL;
		for (const char *p = s; p + 6 <= e && !g; p++)
			if (!memcmp(p, "group", 5) &&
			    (p[5] == ':' || (p + 7 <= e && p[5] == 's' && p[6] == ':')))
				g = p + 5 + (p[5] == 's');
		c->kind = dev_depth || (g && dev_groups(g + 1, e)) ? AG_EVIDENCE_DEV
								   : AG_EVIDENCE_MANIFEST;
		hit_key(c, AG_ECO_GEM, t, tn, l.no);
		c->kind = AG_EVIDENCE_MANIFEST;
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
