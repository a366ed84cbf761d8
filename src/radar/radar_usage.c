/*
 * radar_usage.c - the model's view of a scan: the repository scanned with
 * the radar's settings, plus containers[].tech, each technology resolved to
 * its radar entry; and the per-model cache. See radar_scan.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/radar.h"
#include "radar_scan_impl.h"

/* ------------------------------------------------------------------ */
/* the model's view: scan + containers[].tech + radar entries          */

struct entry_key {
	const char *key;
	const struct ag_radar_entry *e;
};

static int ekey_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry_key *)a)->key, ((const struct entry_key *)b)->key);
}

struct resolve_ctx {
	const struct entry_key *keys;
	size_t n;
	const struct ag_radar_entry *found;
};

static bool resolve_name(const char *norm, void *arg)
{
	struct resolve_ctx *rc = arg;
	struct entry_key k = {norm, NULL};
	const struct entry_key *hitk = bsearch(&k, rc->keys, rc->n, sizeof(k), ekey_cmp);
	if (!hitk)
		return false;
	/* a live entry wins over a retired one of the same name */
	const struct entry_key *first = hitk;
	while (first > rc->keys && !strcmp(first[-1].key, norm))
		first--;
	for (const struct entry_key *p = first; p < rc->keys + rc->n && !strcmp(p->key, norm); p++)
		if (!rc->found || (rc->found->retired.set && !p->e->retired.set))
			rc->found = p->e;
	return rc->found && !rc->found->retired.set;
}

static int resolve_entries(struct ag_scan *s, const struct ag_radar *r)
{
	const struct ag_radar_entry *e = r->entries.v;
	size_t nk = 0;
	for (size_t i = 0; i < r->entries.n; i++)
		nk += 1 + e[i].aliases.n;
	if (!nk)
		return 0;
	struct entry_key *keys = malloc(nk * sizeof(*keys));
	if (!keys)
		return AG_ENOMEM;
	size_t k = 0;
	for (size_t i = 0; i < r->entries.n; i++) {
		for (size_t a = 0; a <= e[i].aliases.n; a++) {
			const struct ag_scalar *sc =
				a ? &((const struct ag_scalar *)e[i].aliases.v)[a - 1] : &e[i].name;
			if (!sc->set)
				continue;
			char buf[256];
			size_t bl = ag_radar_norm(sc->s, sc->len, buf, sizeof(buf));
			char *key = bl ? ag_arena_strndup(&s->arena, buf, bl) : NULL;
			if (bl && !key) {
				free(keys);
				return AG_ENOMEM;
			}
			if (key)
				keys[k++] = (struct entry_key){key, &e[i]};
		}
	}
	qsort(keys, k, sizeof(*keys), ekey_cmp);
	for (size_t i = 0; i < s->n; i++) {
		struct resolve_ctx rc = {keys, k, NULL};
		struct ag_used *u = &s->v[i];
		if (u->tech) {
			ag_tech_names(u->tech, resolve_name, &rc);
		} else {
			char buf[256];
			if (ag_radar_norm(u->name, strlen(u->name), buf, sizeof(buf)))
				resolve_name(buf, &rc);
		}
		u->entry = rc.found;
	}
	free(keys);
	return 0;
}

int ag_usage_collect(const struct ag_model *m, const struct ag_scan_opts *o,
		     struct ag_scan *out, struct ag_diags *d)
{
	struct ag_scan_opts opts = o ? *o : (struct ag_scan_opts){0};
	if (!opts.radar)
		opts.radar = &m->radar;
	int rc = ag_scan_dir(out, m->root, &opts, d);
	if (rc)
		return rc;
	out->in_use = ag_policy_in_use(&m->policy);
	struct ag_matcher mt;
	if ((rc = ag_matcher_init(&mt)))
		return rc;
	const struct ag_container *ct = m->sys.boundaries.containers.v;
	for (size_t i = 0; i < m->sys.boundaries.containers.n && !rc; i++) {
		const struct ag_scalar *t = ct[i].tech.v;
		for (size_t k = 0; k < ct[i].tech.n && !rc; k++) {
			if (!t[k].set || !t[k].len)
				continue;
			char match[300];
			snprintf(match, sizeof(match), "%s: tech %s",
				 ct[i].id.s ? ct[i].id.s : "?", t[k].s);
			struct ag_evidence ev = {t[k].pos.file ? t[k].pos.file : "arch/system.yaml",
						 t[k].pos.line, match, AG_EVIDENCE_MODEL, 0};
			rc = ag_scan_add(out, &mt, t[k].s, t[k].len, &ev, opts.max_evidence);
		}
	}
	ag_matcher_release(&mt);
	if (rc)
		return rc;
	if (out->n > 1) {
		qsort(out->v, out->n, sizeof(*out->v), ag_scan_used_cmp);
		ag_scan_reindex(out);
	}
	return resolve_entries(out, &m->radar);
}

static void usage_free(struct ag_scan *s)
{
	ag_scan_release(s);
	free(s);
}

int ag_radar_usage(const struct ag_model *m, const struct ag_scan **out)
{
	/* The cache lives in the model (not a global); the model object itself
	 * is never defined const, so filling it in here is well-defined. */
	struct ag_radar *r = (struct ag_radar *)&m->radar;
	*out = NULL;
	if (!r->usage && !r->usage_rc) {
		struct ag_scan *s = malloc(sizeof(*s));
		if (!s)
			return AG_ENOMEM;
		ag_scan_init(s);
		struct ag_diags d;
		ag_diags_init(&d);
		d.max = 1;
		int rc = ag_usage_collect(m, NULL, s, &d);
		ag_diags_release(&d);
		if (rc) {
			ag_scan_release(s);
			free(s);
			r->usage_rc = rc;
			return rc;
		}
		r->usage = s;
		r->usage_free = usage_free;
	}
	*out = r->usage;
	return r->usage_rc;
}

const struct ag_radar_entry *ag_used_listed(const struct ag_used *u)
{
	return u->entry && !u->entry->retired.set ? u->entry : NULL;
}
