/*
 * radar_propose.c - `archgate radar scan --write`: from reality to a radar.
 * See radar_export.h.
 *
 * The radar.yaml a person wrote is text with comments, order and flow
 * style that a YAML round trip would lose, so proposals are inserted as
 * text: after the last item of the top-level `entries:` block list (or a
 * new `entries:` block at the end of the file), never changing a line
 * that is there (ADR 0030). The result is loaded back before anything is
 * written: it must load without errors, hold every entry it held before
 * with the same name, ring and quadrant, and hold each proposal once.
 */
#include <stdio.h>
#include <string.h>
#include "base/arena.h"
#include "radar_export.h"
#include "radar_scan.h"
#include "yaml/schema.h"
#include "yaml/yaml_tree.h"

/* Text from the repository (paths, matches) in a YAML comment: one line,
 * printable. */
static int comment_text(struct ag_buf *out, const char *s)
{
	int rc = 0;
	for (; *s && !rc; s++) {
		unsigned char ch = (unsigned char)*s;
		rc = ag_buf_addc(out, ch < 0x20 || ch == 0x7f ? '?' : (char)ch);
	}
	return rc;
}

/* A double-quoted YAML scalar. */
static int quoted(struct ag_buf *out, const char *s)
{
	int rc = ag_buf_addc(out, '"');
	for (; *s && !rc; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			rc = ag_buf_printf(out, "\\%c", ch);
		else if (ch < 0x20 || ch == 0x7f)
			rc = ag_buf_printf(out, "\\x%02x", ch);
		else
			rc = ag_buf_addc(out, (char)ch);
	}
	return rc ? rc : ag_buf_addc(out, '"');
}

/* The quadrant id for a proposal: the catalog's when the radar has it,
 * else "tools" or the radar's first. */
static const char *quadrant_for(const struct ag_radar *r, const struct ag_used *u)
{
	if (u->tech && ag_radar_quadrant_index(r, u->tech->quadrant,
					       strlen(u->tech->quadrant)) >= 0)
		return u->tech->quadrant;
	if (ag_radar_quadrant_index(r, "tools", 5) >= 0)
		return "tools";
	return r->nquadrants ? r->quadrants[0].id.s : "tools";
}

/* One proposed entry at `indent` spaces, with its evidence as comments. */
static int entry_text(struct ag_buf *out, const struct ag_radar *r, const struct ag_used *u,
		      const char *ring, int indent, unsigned in_use)
{
	int rc = ag_buf_printf(out, "%*s# found by `archgate radar scan`", indent, "");
	if (!rc && !ag_used_in_use(u, in_use)) {
		rc = ag_buf_adds(out, " (not in use: only");
		for (int k = 0, nk = 0; k < AG_USE__COUNT && !rc; k++)
			if (u->uses[k])
				rc = ag_buf_printf(out, "%s %s", nk++ ? "," : "",
						   ag_use_name((enum ag_use)k));
		if (!rc)
			rc = ag_buf_addc(out, ')');
	}
	if (!rc)
		rc = ag_buf_adds(out, ":\n");
	for (size_t k = 0; k < u->nev && k < 3 && !rc; k++) {
		const struct ag_evidence *ev = &u->ev[k];
		rc = ag_buf_printf(out, "%*s#   %s ", indent, "",
				   ag_use_name(ag_ev_use(ev)));
		if (!rc)
			rc = comment_text(out, ev->file);
		if (!rc)
			rc = ag_buf_printf(out, ":%d ", ev->line);
		if (!rc)
			rc = comment_text(out, ev->match);
		if (!rc)
			rc = ag_buf_addc(out, '\n');
	}
	if (!rc && u->total > 3)
		rc = ag_buf_printf(out, "%*s#   ... %zu pieces of evidence in all\n", indent, "",
				   u->total);
	if (!rc)
		rc = ag_buf_printf(out, "%*s- name: ", indent, "");
	if (!rc)
		rc = quoted(out, u->name);
	if (!rc)
		rc = ag_buf_printf(out, "\n%*s  quadrant: %s\n%*s  ring: %s\n", indent, "",
				   quadrant_for(r, u), indent, "", ring);
	return rc;
}

/* Load `yaml` as radar.yaml into `nr` (arena `a`); 0 when it loads clean. */
static int load(struct ag_arena *a, const char *yaml, size_t n, struct ag_radar *nr,
		struct ag_diags *ld)
{
	static const char shown[] = "(radar.yaml with the proposals)";
	struct ag_ynode *root = NULL;
	int rc = ag_yaml_parse(a, shown, yaml, n, &root, ld);
	struct ag_loader l = {a, ld, shown, 0};
	if (!rc)
		rc = ag_radar_load(&l, root, nr);
	if (!rc && l.errors)
		rc = AG_EINVAL;
	return rc;
}

/* Whether `nr` holds r's entries unchanged, then `added` more. */
static bool kept(const struct ag_radar *r, const struct ag_radar *nr, size_t added)
{
	if (nr->entries.n != r->entries.n + added)
		return false;
	const struct ag_radar_entry *a = r->entries.v, *b = nr->entries.v;
	for (size_t i = 0; i < r->entries.n; i++)
		if (!a[i].name.set || !b[i].name.set || strcmp(a[i].name.s, b[i].name.s) ||
		    a[i].ring_ix != b[i].ring_ix || a[i].quadrant_ix != b[i].quadrant_ix)
			return false;
	return true;
}

/* JavaScript when the radar lists TypeScript: one family, covered by the
 * listed entry (as radar-unlisted counts it), so not proposed. */
static bool family_listed(const struct ag_radar *r, const struct ag_used *u)
{
	if (!u->tech || !u->tech->family)
		return false;
	const struct ag_radar_entry *e = r->entries.v;
	for (size_t i = 0; i < r->entries.n; i++) {
		if (!e[i].name.set || e[i].retired.set)
			continue;
		const struct ag_tech *t = ag_catalog_find(e[i].name.s, e[i].name.len);
		if (t && t != u->tech && t->family && !strcmp(t->family, u->tech->family))
			return true;
	}
	return false;
}

static bool is_key_line(const char *s, const char *e)
{
	return s < e && *s != ' ' && *s != '\t' && *s != '#' && *s != '-' && *s != '\r';
}

int ag_radar_propose(struct ag_buf *out, const char *file, const char *text, size_t len,
		     const struct ag_scan *s, const struct ag_radar *r, const char *ring,
		     size_t *added, struct ag_diags *d)
{
	*added = 0;
	if (ag_radar_ring_index(r, ring, strlen(ring)) < 0) {
		ag_diags_add(d, AG_SEV_ERROR, file, 0, 0,
			     "radar.new_ring '%s' is not a ring of this radar", ring);
		return AG_EINVAL;
	}
	/* where the proposals go: after the last line of the entries block */
	size_t insert = len, cut_from = 0, cut_to = 0;
	int indent = 2;
	bool block = false, need_key = true;
	const char *p = text, *end = text ? text + len : NULL; /* no NULL + 0 */
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *next = nl ? nl + 1 : end;
		if (!block && le - p >= 8 && !memcmp(p, "entries:", 8)) {
			need_key = false;
			const char *v = p + 8;
			while (v < le && (*v == ' ' || *v == '\t'))
				v++;
			if (v + 1 < le && v[0] == '[' && v[1] == ']') {
				cut_from = (size_t)(p + 8 - text); /* entries: [] -> entries: */
				cut_to = (size_t)(v + 2 - text);
			} else if (v < le && *v != '#' && *v != '\r') {
				ag_diags_add(d, AG_SEV_ERROR, file, (int)0, 0,
					     "entries: is not a block list (- name: ...); write it "
					     "as one so that --write can add to it without "
					     "rewriting the file");
				return AG_EINVAL;
			}
			block = true;
			insert = (size_t)(next - text);
			bool first = true;
			for (const char *q = next; q < end;) {
				const char *qn = memchr(q, '\n', (size_t)(end - q));
				const char *qe = qn ? qn : end;
				if (is_key_line(q, qe))
					break;
				const char *t = q;
				while (t < qe && *t == ' ')
					t++;
				if (t < qe && *t != '#' && *t != '\r') {
					if (first && *t == '-')
						indent = (int)(t - q), first = false;
					insert = (size_t)((qn ? qn + 1 : end) - text);
				}
				q = qn ? qn + 1 : end;
			}
			break;
		}
		p = next;
	}
	struct ag_buf add = AG_BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < s->n && !rc; i++) {
		const struct ag_used *u = &s->v[i];
		if (u->entry || ag_radar_entry_named(r, u->name, strlen(u->name)) ||
		    family_listed(r, u))
			continue; /* a person's entry (retired ones too): never touched */
		rc = entry_text(&add, r, u, ring, indent, s->in_use);
		(*added)++;
	}
	size_t start = out->len;
	if (!rc && !text)
		rc = ag_buf_adds(out, "# The tech radar (docs/radar.md). Proposed by `archgate radar "
				 "scan --write`:\n# every technology found, in the ring "
				 "radar.new_ring names; move each where it belongs.\n");
	if (!rc && text) {
		size_t a = cut_to ? cut_from : insert;
		rc = ag_buf_add(out, text, a);
		if (!rc && cut_to)
			rc = ag_buf_add(out, text + cut_to, insert - cut_to);
	}
	if (!rc && need_key)
		rc = ag_buf_adds(out, out->len > start && out->data[out->len - 1] != '\n'
					      ? "\nentries:\n" : "entries:\n");
	else if (!rc && insert > 0 && insert == len && text[len - 1] != '\n')
		rc = ag_buf_addc(out, '\n');
	if (!rc)
		rc = ag_buf_add(out, add.data, add.len);
	if (!rc && text && insert < len)
		rc = ag_buf_add(out, text + insert, len - insert);
	ag_buf_release(&add);
	if (rc)
		return rc;
	/* the last line of defence: it loads, and a person's entries are as
	 * they were */
	struct ag_arena a;
	ag_arena_init(&a, 0);
	struct ag_diags ld;
	ag_diags_init(&ld);
	struct ag_radar nr;
	memset(&nr, 0, sizeof(nr));
	rc = load(&a, out->data + start, out->len - start, &nr, &ld);
	if (rc != AG_ENOMEM && (rc || !kept(r, &nr, *added))) {
		ag_diags_add(d, AG_SEV_ERROR, file, 0, 0,
			     "the proposals would make a radar.yaml that archgate rejects or "
			     "that changes an entry; nothing written%s%s",
			     ld.n ? ": " : "", ld.n ? ld.v[0].message : "");
		rc = AG_EINVAL;
	}
	ag_radar_release(&nr);
	ag_diags_release(&ld);
	ag_arena_release(&a);
	return rc;
}
