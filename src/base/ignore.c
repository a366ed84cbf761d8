/*
 * ignore.c - .gitignore-style pattern lists; see ignore.h.
 */
#include <stdlib.h>
#include <string.h>
#include "ag.h"
#include "ignore.h"

void ag_ignore_init(struct ag_ignore *ig)
{
	memset(ig, 0, sizeof(*ig));
}

size_t ag_ignore_mark(const struct ag_ignore *ig)
{
	return ig->n;
}

void ag_ignore_pop(struct ag_ignore *ig, size_t mark)
{
	while (ig->n > mark)
		free(ig->v[--ig->n].p);
}

void ag_ignore_release(struct ag_ignore *ig)
{
	ag_ignore_pop(ig, 0);
	free(ig->v);
	memset(ig, 0, sizeof(*ig));
}

int ag_ignore_add(struct ag_ignore *ig, const char *s, size_t n, size_t base)
{
	while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t')) {
		if (n >= 2 && s[n - 2] == '\\' && s[n - 1] == ' ')
			break;
		n--;
	}
	if (!n || s[0] == '#')
		return 0;
	unsigned flags = 0;
	if (s[0] == '!') {
		flags |= AG_IGNORE_NEGATE;
		s++, n--;
	} else if (s[0] == '\\' && n > 1 && (s[1] == '#' || s[1] == '!')) {
		s++, n--;
	}
	if (n && s[n - 1] == '/') {
		flags |= AG_IGNORE_DIR;
		n--;
	}
	if (n && s[0] == '/') {
		flags |= AG_IGNORE_ANCHORED;
		s++, n--;
	}
	if (!n || n > 1024)
		return 0;
	if (memchr(s, '/', n))
		flags |= AG_IGNORE_ANCHORED;
	/* "**" + "/" + name with no other slash matches at any depth */
	if ((flags & AG_IGNORE_ANCHORED) && n > 3 && !memcmp(s, "**/", 3) &&
	    !memchr(s + 3, '/', n - 3)) {
		s += 3, n -= 3;
		flags &= ~(unsigned)AG_IGNORE_ANCHORED;
	}
	if (ig->n == ig->alloc) {
		size_t na = ig->alloc ? ig->alloc * 2 : 32;
		struct ag_ignore_pat *v = realloc(ig->v, na * sizeof(*v));
		if (!v)
			return AG_ENOMEM;
		ig->v = v;
		ig->alloc = na;
	}
	char *c = malloc(n + 1);
	if (!c)
		return AG_ENOMEM;
	memcpy(c, s, n);
	c[n] = '\0';
	ig->v[ig->n++] = (struct ag_ignore_pat){c, n, base, flags};
	return 0;
}

int ag_ignore_add_text(struct ag_ignore *ig, const char *text, size_t len, size_t base)
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		int rc = ag_ignore_add(ig, p, l, base);
		if (rc)
			return rc;
		p += l + 1;
	}
	return 0;
}

/* Glob as git does: '*' and '?' stop at '/', "**" crosses it, "[...]"
 * classes, backslash escapes. `budget` bounds backtracking on hostile
 * patterns. */
static bool glob(const char *p, const char *pe, const char *s, const char *se, int *budget)
{
	if (--*budget < 0)
		return false;
	while (p < pe) {
		char c = *p;
		if (c == '*') {
			if (p + 1 < pe && p[1] == '*') {
				p += 2;
				if (p < pe && *p == '/') {
					p++;
					for (const char *t = s;;) {
						if (glob(p, pe, t, se, budget))
							return true;
						const char *sl = memchr(t, '/', (size_t)(se - t));
						if (!sl)
							return false;
						t = sl + 1;
					}
				}
				for (const char *t = s; t <= se; t++)
					if (glob(p, pe, t, se, budget))
						return true;
				return false;
			}
			p++;
			for (const char *t = s;; t++) {
				if (glob(p, pe, t, se, budget))
					return true;
				if (t >= se || *t == '/')
					return false;
			}
		}
		if (s >= se)
			return false;
		if (c == '?') {
			if (*s == '/')
				return false;
		} else if (c == '[') {
			const char *q = p + 1;
			bool neg = q < pe && (*q == '!' || *q == '^');
			if (neg)
				q++;
			bool hit = false;
			const char *start = q;
			while (q < pe && (*q != ']' || q == start)) {
				if (q + 2 < pe && q[1] == '-' && q[2] != ']') {
					if (*s >= q[0] && *s <= q[2])
						hit = true;
					q += 3;
				} else {
					if (*s == *q)
						hit = true;
					q++;
				}
			}
			if (q >= pe) { /* no closing bracket: a literal '[' */
				if (*s != '[')
					return false;
			} else {
				if (hit == neg || *s == '/')
					return false;
				p = q;
			}
		} else {
			if (c == '\\' && p + 1 < pe)
				c = *++p;
			if (*s != c)
				return false;
		}
		p++, s++;
	}
	return s == se;
}

/* Whether `rel` (relative to the root, `name` its last component) is
 * ignored by the patterns, the last matching one deciding. */
bool ag_ignore_match(const struct ag_ignore *ig, const char *rel, size_t rl, const char *name,
			 bool is_dir)
{
	bool ignored = false;
	for (size_t i = 0; i < ig->n; i++) {
		const struct ag_ignore_pat *pt = &ig->v[i];
		if ((pt->flags & AG_IGNORE_DIR) && !is_dir)
			continue;
		if (ignored == !(pt->flags & AG_IGNORE_NEGATE))
			continue; /* cannot change the outcome */
		int budget = 10000;
		bool hit;
		if (pt->flags & AG_IGNORE_ANCHORED) {
			if (pt->base > rl)
				continue;
			const char *sub = rel + pt->base + (pt->base ? 1 : 0);
			if (sub > rel + rl)
				continue;
			hit = glob(pt->p, pt->p + pt->len, sub, rel + rl, &budget);
		} else {
			hit = glob(pt->p, pt->p + pt->len, name, name + strlen(name), &budget);
		}
		if (hit)
			ignored = !(pt->flags & AG_IGNORE_NEGATE);
	}
	return ignored;
}
