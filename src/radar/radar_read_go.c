/*
 * radar_read_go.c - Go: go.mod.
 */
#include <string.h>
#include "radar_scan_impl.h"

/* A require line; "// indirect" marks a module only a dependency needs: a
 * transitive one (ADR 0030). */
static void go_require(struct ctx *c, const char *s, const char *e, const char *t, size_t tn,
		       int line)
{
	bool indirect = false;
	for (const char *p = s; p + 11 <= e; p++)
		if (!memcmp(p, "// indirect", 11))
			indirect = true;
	enum ag_evidence_kind was = c->kind;
	if (indirect)
		c->kind = AG_EVIDENCE_LOCKFILE;
	hit_key(c, AG_ECO_GO, t, tn, line);
	c->kind = was;
}

void ag_read_go_mod(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	bool block = false;
	const char *s, *e;
	while (next_trimmed(&l, &s, &e)) {
		if (s >= e || starts(s, e, "//"))
			continue;
		if (block) {
			if (*s == ')') {
				block = false;
				continue;
			}
			const char *t;
			size_t tn;
			ag_scan_token(s, e, &t, &tn);
			go_require(c, s, e, t, tn, l.no);
			continue;
		}
		if (starts(s, e, "go ") || starts(s, e, "go\t")) {
			ag_scan_hit_name(c, "Go", l.no, s, (size_t)(e - s));
		} else if (starts(s, e, "require")) {
			const char *r = skip_ws(s + 7, e);
			if (r < e && *r == '(') {
				block = true;
			} else {
				const char *t;
				size_t tn;
				ag_scan_token(r, e, &t, &tn);
				go_require(c, s, e, t, tn, l.no);
			}
		}
	}
}
