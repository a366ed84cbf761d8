/*
 * radar_scan.c - the result of a scan: technologies in use, indexed by
 * canonical name, with their evidence; and its reports. See radar_scan.h.
 *
 * The scanner is split by concern: radar_walk.c walks the tree (with
 * base/ignore.h's .gitignore patterns) and hands each manifest to a reader,
 * radar_read.c holds what the readers share, radar_read_<ecosystem>.c one
 * reader each, radar_usage.c joins a scan to the model and the radar.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "model/radar.h"
#include "radar_scan_impl.h"

/* ------------------------------------------------------------------ */
/* the result: technologies in use, indexed by canonical name          */

int ag_scan_init(struct ag_scan *s)
{
	memset(s, 0, sizeof(*s));
	ag_arena_init(&s->arena, (size_t)256 << 20);
	s->in_use = AG_USE_DEFAULT_IN_USE;
	return 0;
}

void ag_scan_release(struct ag_scan *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].ev);
	free(s->v);
	free(s->index);
	ag_arena_release(&s->arena);
	memset(s, 0, sizeof(*s));
}

const char *ag_evidence_kind_name(enum ag_evidence_kind k)
{
	switch (k) {
	case AG_EVIDENCE_MANIFEST: return "manifest";
	case AG_EVIDENCE_LOCKFILE: return "lockfile";
	case AG_EVIDENCE_IMAGE: return "image";
	case AG_EVIDENCE_INFRA: return "infrastructure";
	case AG_EVIDENCE_FILE: return "file";
	case AG_EVIDENCE_SOURCE: return "source";
	case AG_EVIDENCE_MODEL: return "model";
	case AG_EVIDENCE_DEV: return "manifest";
	case AG_EVIDENCE_CI: return "workflow";
	}
	return "file";
}

enum ag_use ag_evidence_use(enum ag_evidence_kind k)
{
	switch (k) {
	case AG_EVIDENCE_MANIFEST:
	case AG_EVIDENCE_FILE:
	case AG_EVIDENCE_SOURCE:
	case AG_EVIDENCE_MODEL: return AG_USE_DIRECT;
	case AG_EVIDENCE_LOCKFILE: return AG_USE_TRANSITIVE;
	case AG_EVIDENCE_IMAGE: return AG_USE_IMAGE;
	case AG_EVIDENCE_INFRA: return AG_USE_INFRA;
	case AG_EVIDENCE_DEV: return AG_USE_DEV;
	case AG_EVIDENCE_CI: return AG_USE_CI;
	}
	return AG_USE_DIRECT;
}

enum ag_use ag_ev_use(const struct ag_evidence *ev)
{
	return ev->as ? (enum ag_use)(ev->as - 1) : ag_evidence_use(ev->kind);
}

bool ag_used_in_use(const struct ag_used *u, unsigned mask)
{
	for (int k = 0; k < AG_USE__COUNT; k++)
		if (u->uses[k] && (mask & AG_USE_BIT(k)))
			return true;
	return false;
}

const struct ag_evidence *ag_used_first(const struct ag_used *u, unsigned mask,
					 bool source_first)
{
	if (source_first && (mask & AG_USE_BIT(AG_USE_DIRECT)))
		for (size_t k = 0; k < u->nev; k++)
			if (u->ev[k].kind == AG_EVIDENCE_SOURCE && !u->ev[k].as)
				return &u->ev[k];
	for (size_t k = 0; k < u->nev; k++)
		if (mask & AG_USE_BIT(ag_ev_use(&u->ev[k])))
			return &u->ev[k];
	return NULL;
}

bool ag_used_implied_only(const struct ag_used *u, unsigned mask)
{
	bool any = false;
	if (u->total > u->nev)
		return false; /* what was dropped may be its own use */
	for (size_t k = 0; k < u->nev; k++) {
		const struct ag_evidence *ev = &u->ev[k];
		if (!(mask & AG_USE_BIT(ag_ev_use(ev))))
			continue;
		if (!ev->match || strncmp(ev->match, AG_EV_VIA, strlen(AG_EV_VIA)))
			return false;
		any = true;
	}
	return any;
}

static size_t name_hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The entry of `name` (canonical, NUL-terminated), created when missing. */
struct ag_used *ag_scan_used_get(struct ag_scan *s, const char *name, const struct ag_tech *tech)
{
	if ((s->n + 1) * 2 > s->nindex) {
		size_t nn = s->nindex ? s->nindex * 2 : 256;
		struct ag_used **ni = calloc(nn, sizeof(*ni));
		if (!ni)
			return NULL;
		/* the index holds positions + 1 encoded as pointers into v, so
		 * rebuild it from v after any reallocation */
		free(s->index);
		s->index = ni;
		s->nindex = nn;
		for (size_t i = 0; i < s->n; i++) {
			size_t h = name_hash(s->v[i].name) & (nn - 1);
			while (ni[h])
				h = (h + 1) & (nn - 1);
			ni[h] = (struct ag_used *)(uintptr_t)(i + 1);
		}
	}
	size_t h = name_hash(name) & (s->nindex - 1);
	while (s->index[h]) {
		size_t i = (size_t)(uintptr_t)s->index[h] - 1;
		if (!strcmp(s->v[i].name, name))
			return &s->v[i];
		h = (h + 1) & (s->nindex - 1);
	}
	if (s->n == s->alloc) {
		size_t na = s->alloc ? s->alloc * 2 : 64;
		struct ag_used *v = realloc(s->v, na * sizeof(*v));
		if (!v)
			return NULL;
		s->v = v;
		s->alloc = na;
	}
	struct ag_used *u = &s->v[s->n];
	memset(u, 0, sizeof(*u));
	u->name = tech ? tech->name : ag_arena_strdup(&s->arena, name);
	if (!u->name)
		return NULL;
	u->tech = tech;
	s->index[h] = (struct ag_used *)(uintptr_t)(s->n + 1);
	s->n++;
	return u;
}

void ag_scan_settle(struct ag_scan *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct ag_used *u = &s->v[i];
		if (!u->uses[AG_USE_DIRECT] || !u->uses[AG_USE_DEV])
			continue;
		size_t files = 0;
		for (size_t k = 0; k < u->nev; k++)
			files += u->ev[k].kind == AG_EVIDENCE_FILE && !u->ev[k].as;
		if (files != u->uses[AG_USE_DIRECT])
			continue; /* a manifest or source file declares direct use */
		for (size_t k = 0; k < u->nev; k++)
			if (u->ev[k].kind == AG_EVIDENCE_FILE && !u->ev[k].as)
				u->ev[k].as = AG_USE_DEV + 1;
		u->uses[AG_USE_DEV] += files;
		u->uses[AG_USE_DIRECT] = 0;
	}
}

int ag_scan_used_add(struct ag_scan *s, struct ag_used *u, const struct ag_evidence *ev,
		     size_t max_evidence)
{
	u->total++;
	enum ag_use use = ag_ev_use(ev);
	u->uses[use]++;
	bool source = ev->kind == AG_EVIDENCE_SOURCE;
	if (source)
		u->files++;
	/* per technology: at most 5 pieces from one file, max_evidence in all;
	 * languages keep only their first 3 files. The first piece of each
	 * kind of use is always kept, so the rules can point at a line of the
	 * kind that counts (ADR 0030). */
	bool first = u->uses[use] == 1;
	if (source ? u->src_kept >= 3 : u->nev >= max_evidence && !first)
		return 0;
	size_t same = 0;
	for (size_t i = u->nev; i-- > 0 && same < 5;) {
		if (strcmp(u->ev[i].file, ev->file))
			break;
		if (u->ev[i].line == ev->line && !strcmp(u->ev[i].match, ev->match))
			return 0;
		same++;
	}
	if (same >= 5 && !first)
		return 0;
	if (u->nev == u->evalloc) {
		size_t na = u->evalloc ? u->evalloc * 2 : 4;
		struct ag_evidence *v = realloc(u->ev, na * sizeof(*v));
		if (!v)
			return AG_ENOMEM;
		u->ev = v;
		u->evalloc = na;
	}
	struct ag_evidence *e = &u->ev[u->nev];
	*e = *ev;
	/* consecutive evidence usually shares the file name: share the copy */
	if (u->nev && !strcmp(u->ev[u->nev - 1].file, ev->file))
		e->file = u->ev[u->nev - 1].file;
	else if (!(e->file = ag_arena_strdup(&s->arena, ev->file)))
		return AG_ENOMEM;
	if (!(e->match = ag_arena_strdup(&s->arena, ev->match)))
		return AG_ENOMEM;
	u->nev++;
	if (source)
		u->src_kept++;
	return 0;
}

int ag_scan_add(struct ag_scan *s, const struct ag_matcher *m, const char *name, size_t n,
		const struct ag_evidence *ev, size_t max_evidence)
{
	const struct ag_tech *t = m ? ag_matcher_find(m, name, n) : ag_catalog_find(name, n);
	char buf[256];
	if (!t) {
		if (n >= sizeof(buf))
			n = sizeof(buf) - 1;
		memcpy(buf, name, n);
		buf[n] = '\0';
	}
	struct ag_used *u = NULL;
	/* names outside the catalog are one technology however they are
	 * spelt: "libyaml" and "LibYAML" */
	for (size_t i = 0; !t && i < s->n && !u; i++)
		if (!s->v[i].tech && ag_radar_same(s->v[i].name, strlen(s->v[i].name), name, n))
			u = &s->v[i];
	if (!u)
		u = ag_scan_used_get(s, t ? t->name : buf, t);
	if (!u)
		return AG_ENOMEM;
	return ag_scan_used_add(s, u, ev, max_evidence ? max_evidence : 50);
}

int ag_scan_used_cmp(const void *a, const void *b)
{
	const struct ag_used *x = a, *y = b;
	int r = strcasecmp(x->name, y->name);
	return r ? r : strcmp(x->name, y->name);
}

void ag_scan_reindex(struct ag_scan *s)
{
	if (!s->nindex)
		return;
	memset(s->index, 0, s->nindex * sizeof(*s->index));
	for (size_t i = 0; i < s->n; i++) {
		size_t h = name_hash(s->v[i].name) & (s->nindex - 1);
		while (s->index[h])
			h = (h + 1) & (s->nindex - 1);
		s->index[h] = (struct ag_used *)(uintptr_t)(i + 1);
	}
}

/* ------------------------------------------------------------------ */
/* reports                                                             */

static const char *ring_id(const struct ag_radar *r, const struct ag_used *u)
{
	const struct ag_radar_entry *e = ag_used_listed(u);
	if (!r || !e || e->ring_ix < 0)
		return NULL;
	return r->rings[e->ring_ix].id.s;
}

int ag_scan_report_json(struct ag_buf *out, const struct ag_scan *s, const struct ag_radar *r)
{
	int rc = ag_buf_adds(out, "{\"technologies\":[");
	for (size_t i = 0; i < s->n && !rc; i++) {
		const struct ag_used *u = &s->v[i];
		const char *ring = ring_id(r, u);
		const struct ag_radar_entry *e = ag_used_listed(u);
		rc = ag_buf_printf(out, "%s\n  {\"name\":", i ? "," : "");
		if (!rc)
			rc = ag_buf_json_str(out, u->name, strlen(u->name));
		if (!rc)
			rc = ag_buf_adds(out, ",\"ring\":");
		if (!rc)
			rc = ring ? ag_buf_json_str(out, ring, strlen(ring)) : ag_buf_adds(out, "null");
		if (!rc && e && r && e->quadrant_ix >= 0) {
			rc = ag_buf_adds(out, ",\"quadrant\":");
			const char *q = r->quadrants[e->quadrant_ix].id.s;
			if (!rc)
				rc = ag_buf_json_str(out, q, strlen(q));
			if (!rc)
				rc = ag_buf_adds(out, ",\"entry\":");
			if (!rc)
				rc = ag_buf_json_str(out, e->name.s, e->name.len);
		}
		if (!rc && u->entry && u->entry->retired.set)
			rc = ag_buf_printf(out, ",\"retired\":\"%s\"", u->entry->retired.s);
		/* an unlisted technology carries the catalog's quadrant, so a
		 * script can propose its entry (null when the catalog does not
		 * know it either) */
		if (!rc && !(e && r && e->quadrant_ix >= 0))
			rc = ag_buf_adds(out, ",\"quadrant\":") ||
			     (u->tech ? ag_buf_json_str(out, u->tech->quadrant,
							strlen(u->tech->quadrant))
				      : ag_buf_adds(out, "null"));
		if (!rc)
			rc = ag_buf_adds(out, ",\"category\":") ||
			     (u->tech ? ag_buf_json_str(out, u->tech->category,
							strlen(u->tech->category))
				      : ag_buf_adds(out, "null"));
		if (!rc)
			rc = ag_buf_printf(out, ",\"in_use\":%s,\"kinds\":[",
					   ag_used_in_use(u, s->in_use) ? "true" : "false");
		for (int k = 0, nk = 0; k < AG_USE__COUNT && !rc; k++)
			if (u->uses[k])
				rc = ag_buf_printf(out, "%s\"%s\"", nk++ ? "," : "",
						   ag_use_name((enum ag_use)k));
		if (!rc)
			rc = ag_buf_addc(out, ']');
		if (!rc)
			rc = ag_buf_printf(out, ",\"language\":%s",
					   u->tech && (u->tech->flags & AG_TECH_LANGUAGE) ? "true"
											  : "false");
		if (!rc && u->files)
			rc = ag_buf_printf(out, ",\"files\":%zu", u->files);
		if (!rc)
			rc = ag_buf_printf(out, ",\"evidence_total\":%zu,\"evidence\":[", u->total);
		for (size_t k = 0; k < u->nev && !rc; k++) {
			const struct ag_evidence *ev = &u->ev[k];
			rc = ag_buf_printf(out, "%s\n    {\"file\":", k ? "," : "");
			if (!rc)
				rc = ag_buf_json_str(out, ev->file, strlen(ev->file));
			if (!rc)
				rc = ag_buf_printf(out, ",\"line\":%d,\"match\":", ev->line);
			if (!rc)
				rc = ag_buf_json_str(out, ev->match, strlen(ev->match));
			if (!rc)
				rc = ag_buf_printf(out, ",\"kind\":\"%s\",\"from\":\"%s\"}",
						   ag_use_name(ag_ev_use(ev)),
						   ag_evidence_kind_name(ev->kind));
		}
		if (!rc)
			rc = ag_buf_adds(out, "]}");
	}
	if (!rc)
		rc = ag_buf_adds(out, "\n]}\n");
	return rc;
}

int ag_scan_report_text(struct ag_buf *out, const struct ag_scan *s, const struct ag_radar *r,
			bool color)
{
	size_t per_ring[AG_RADAR_MAX_RINGS] = {0}, unlisted = 0, langs = 0, in_use = 0;
	int rc = 0;
	for (size_t i = 0; i < s->n && !rc; i++) {
		const struct ag_used *u = &s->v[i];
		const struct ag_radar_entry *e = ag_used_listed(u);
		const char *where;
		char buf[160];
		if (e && r && e->ring_ix >= 0) {
			per_ring[e->ring_ix]++;
			snprintf(buf, sizeof(buf), "%s", ag_radar_ring_name(r, e->ring_ix));
			where = buf;
		} else if (u->entry && u->entry->retired.set) {
			unlisted++;
			snprintf(buf, sizeof(buf), "retired %s, still in use", u->entry->retired.s);
			where = buf;
		} else {
			unlisted++;
			where = "not on the radar";
		}
		bool used = ag_used_in_use(u, s->in_use);
		in_use += used;
		if (used && u->tech && (u->tech->flags & AG_TECH_LANGUAGE))
			langs++;
		bool hold = e && r && e->ring_ix >= 0 && r->rings[e->ring_ix].g == AG_GATE_HOLD;
		const char *on = color ? (hold || !e ? "\033[1;31m" : "\033[1m") : "";
		const char *off = color ? "\033[0m" : "";
		/* names, paths and matches come from the repository (ADR-023) */
		struct ag_buf t1 = AG_BUF_INIT, t2 = AG_BUF_INIT;
		rc = ag_buf_printf(out, "%s%s%s  [%s]", on, ag_text_in(&t1, u->name), off,
				   ag_text_in(&t2, where));
		if (!rc && u->files)
			rc = ag_buf_printf(out, "  %zu file%s", u->files, u->files == 1 ? "" : "s");
		if (!rc && !ag_used_in_use(u, s->in_use)) {
			/* shown, but not counted by the rules (ADR 0030) */
			rc = ag_buf_adds(out, "  (not in use: only");
			for (int k = 0, nk = 0; k < AG_USE__COUNT && !rc; k++)
				if (u->uses[k])
					rc = ag_buf_printf(out, "%s %s", nk++ ? "," : "",
							   ag_use_name((enum ag_use)k));
			if (!rc)
				rc = ag_buf_addc(out, ')');
		}
		if (!rc)
			rc = ag_buf_addc(out, '\n');
		for (size_t k = 0; k < u->nev && !rc; k++) {
			enum ag_use use = ag_ev_use(&u->ev[k]);
			rc = ag_buf_printf(out, "    %s:%d: %s", ag_text_in(&t1, u->ev[k].file),
					   u->ev[k].line, ag_text_in(&t2, u->ev[k].match));
			if (!rc && use != AG_USE_DIRECT)
				rc = ag_buf_printf(out, " (%s)", ag_use_name(use));
			if (!rc)
				rc = ag_buf_addc(out, '\n');
		}
		ag_buf_release(&t1);
		ag_buf_release(&t2);
		if (!rc && u->total > u->nev && !u->files)
			rc = ag_buf_printf(out, "    ... and %zu more\n", u->total - u->nev);
	}
	if (rc)
		return rc;
	rc = ag_buf_printf(out, "\n%zu technolog%s in use", in_use, in_use == 1 ? "y" : "ies");
	if (!rc && in_use < s->n)
		rc = ag_buf_printf(out, " (%zu more found, not in use)", s->n - in_use);
	if (!rc && r) {
		for (size_t i = 0; i < r->nrings && !rc; i++)
			if (per_ring[i])
				rc = ag_buf_printf(out, ", %zu %s", per_ring[i], r->rings[i].id.s);
		if (!rc && unlisted)
			rc = ag_buf_printf(out, ", %zu not on the radar", unlisted);
	}
	if (!rc)
		rc = ag_buf_printf(out, "; %zu language%s; %zu files in %zu folders scanned, "
				   "%zu manifest%s read\n", langs, langs == 1 ? "" : "s",
				   s->stats.files, s->stats.dirs, s->stats.read,
				   s->stats.read == 1 ? "" : "s");
	return rc;
}
