/*
 * rules_radar.c - Phase 3, the tech radar checked against what the
 * repository really uses.
 *
 * "Adopt: TypeScript, Terraform, Postgres. (Safe to use). Trial: Go, Rust.
 * (Use with caution/permission). Hold: MongoDB, PHP. (Do not use for new
 * services)." A radar that is not compared with the code is a poster; these
 * rules compare it. What is "in use" comes from radar_scan.h: manifests,
 * images, Terraform, source files, and the model's containers[].tech; by
 * default a test or build dependency, a lockfile-only package and a CI
 * setup step are shown by the scan but do not count (archgate.yaml's
 * radar.in_use, ADR 0030). Without arch/radar.yaml every rule here is
 * silent.
 */
#include <stdio.h>
#include <string.h>
#include "radar/radar_catalog.h"
#include "radar/radar_scan.h"
#include "rules_impl.h"

static const struct ag_scan *usage(struct ag_ctx *ctx)
{
	if (!ctx->model->radar.present)
		return NULL;
	const struct ag_scan *s;
	int rc = ag_radar_usage(ctx->model, &s);
	if (rc == AG_ENOMEM && !ctx->err)
		ctx->err = rc;
	return rc ? NULL : s;
}

static enum ag_radar_gate gate_of(const struct ag_model *m, const struct ag_radar_entry *e)
{
	return e->ring_ix >= 0 ? m->radar.rings[e->ring_ix].g : AG_GATE_ASSESS;
}

static struct ag_pos ev_pos(const struct ag_evidence *ev)
{
	return (struct ag_pos){ev->file, ev->line, 1};
}

/* The first piece of evidence that makes `u` "in use" under the policy
 * (ADR 0030: a devDependency, a lockfile line or a CI setup step does not,
 * by default), source files first so a language is blamed on its code and
 * not on a workflow; NULL when `u` is only shown, not in use. */
static const struct ag_evidence *in_use(const struct ag_scan *s, const struct ag_used *u)
{
	if (!ag_used_in_use(u, s->in_use))
		return NULL;
	const struct ag_evidence *ev = ag_used_first(u, s->in_use, true);
	/* the kind counted but its evidence was dropped (caps): any line */
	return ev ? ev : u->nev ? &u->ev[0] : NULL;
}

/* A short "where" for messages: "mongoose in services/web/package.json",
 * "3 source files, first src/main.go", "edge/wrangler.toml". */
static void where(const struct ag_scan *s, const struct ag_used *u, char *buf, size_t cap)
{
	const struct ag_evidence *ev = in_use(s, u);
	if (!ev) {
		snprintf(buf, cap, "%s", u->name);
		return;
	}
	if (ev->kind == AG_EVIDENCE_SOURCE) {
		snprintf(buf, cap, "%zu source file%s, first %s", u->files,
			 u->files == 1 ? "" : "s", ev->file);
	} else if (ev->kind == AG_EVIDENCE_FILE) {
		snprintf(buf, cap, "%s", ev->file);
	} else {
		snprintf(buf, cap, "%s in %s", ev->match, ev->file);
	}
}

static void check_hold(struct ag_ctx *ctx)
{
	const struct ag_scan *s = usage(ctx);
	const struct ag_radar *r = &ctx->model->radar;
	for (size_t i = 0; s && i < s->n; i++) {
		const struct ag_used *u = &s->v[i];
		const struct ag_radar_entry *e = ag_used_listed(u);
		if (!e || gate_of(ctx->model, e) != AG_GATE_HOLD || !in_use(s, u))
			continue;
		/* one finding per file, so a legacy service can be waived by file;
		 * only evidence of a kind that counts as use (ADR 0030) */
		size_t files = 0;
		const char *last = NULL;
		for (size_t k = 0; k < u->nev; k++) {
			if (!(s->in_use & AG_USE_BIT(ag_ev_use(&u->ev[k]))))
				continue;
			if (last && !strcmp(u->ev[k].file, last))
				continue;
			last = u->ev[k].file;
			if (++files > 20)
				break;
			struct ag_pos at = ev_pos(&u->ev[k]);
			ag_rule_report(ctx, &at,
				       "%s is in the radar's %s ring (%s:%d) but is used here: %s",
				       u->name, ag_radar_ring_name(r, e->ring_ix), e->pos.file,
				       e->pos.line, u->ev[k].match);
		}
		/* evidence of the counted kinds seen, and kept */
		size_t seen = 0, kept = 0;
		for (int k = 0; k < AG_USE__COUNT; k++)
			if (s->in_use & AG_USE_BIT(k))
				seen += u->uses[k];
		for (size_t k = 0; k < u->nev; k++)
			kept += !!(s->in_use & AG_USE_BIT(ag_ev_use(&u->ev[k])));
		if (seen > kept || files > 20)
			ag_rule_report(ctx, &e->pos,
				       "%s is on hold and found in %zu places in all; `archgate radar "
				       "scan` lists them", u->name, seen);
	}
}

const struct ag_rule ag_rule_radar_hold_in_use = {
	"radar-hold-in-use", "3", AG_SEV_ERROR, false,
	"No technology in a Hold ring is in use",
	"The seed's radar: \"Hold: MongoDB, PHP. (Do not use for new services).\" A "
	"Hold that nothing enforces is a wish: the next service quietly adds the "
	"driver, and the organisation runs one more datastore it decided against. "
	"The finding points at the manifest line that brings it in.",
	"Remove the dependency, or move the entry out of Hold with a dated history "
	"item and an ADR that says why. An existing legacy service can be waived "
	"by file in archgate.yaml (waivers: rule, file, reason, expires) while it "
	"is migrated. Only direct use, images and infrastructure count: a test "
	"dependency, a lockfile-only package or a CI setup step does not, unless "
	"radar.in_use in archgate.yaml adds its kind.",
	check_hold};

static bool tech_alias_adr(const struct ag_model *m, const struct ag_tech *t,
			   const struct ag_adr **adr)
{
	if (!t)
		return false;
	if ((*adr = ag_accepted_adr_naming(m, t->name, strlen(t->name))))
		return true;
	for (const char *a = t->aliases; *a;) {
		const char *end = strchr(a, '|');
		size_t len = end ? (size_t)(end - a) : strlen(a);
		if (len && (*adr = ag_accepted_adr_naming(m, a, len)))
			return true;
		a += len + (end ? 1 : 0);
	}
	return false;
}

static const struct ag_adr *adr_for(const struct ag_model *m, const struct ag_used *u,
				    const struct ag_radar_entry *e)
{
	const struct ag_adr *adr = ag_accepted_adr_naming(m, e->name.s, e->name.len);
	const struct ag_scalar *al = e->aliases.v;
	for (size_t i = 0; !adr && i < e->aliases.n; i++)
		adr = ag_accepted_adr_naming(m, al[i].s, al[i].len);
	if (!adr)
		tech_alias_adr(m, u->tech, &adr);
	return adr;
}

static void check_trial(struct ag_ctx *ctx)
{
	const struct ag_scan *s = usage(ctx);
	const struct ag_radar *r = &ctx->model->radar;
	for (size_t i = 0; s && i < s->n; i++) {
		const struct ag_used *u = &s->v[i];
		const struct ag_radar_entry *e = ag_used_listed(u);
		const struct ag_evidence *ev = in_use(s, u);
		if (!e || gate_of(ctx->model, e) != AG_GATE_TRIAL || !ev)
			continue;
		if (adr_for(ctx->model, u, e))
			continue;
		char w[320];
		where(s, u, w, sizeof(w));
		struct ag_pos at = ev_pos(ev);
		ag_rule_report(ctx, &at,
			       "%s is in the radar's %s ring and in use (%s), but no Accepted "
			       "ADR names it", u->name, ag_radar_ring_name(r, e->ring_ix), w);
	}
}

const struct ag_rule ag_rule_radar_trial_needs_adr = {
	"radar-trial-needs-adr", "3", AG_SEV_ERROR, false,
	"A Trial technology in use has an Accepted ADR that names it",
	"\"Trial: Go, Rust. (Use with caution/permission).\" Permission is a "
	"decision, and decisions are written down: which service tries it, what "
	"would make it Adopt or Hold, who agreed. Without the record the trial "
	"never ends and nobody knows it was one.",
	"Write an ADR in arch/decisions/ (the seed's template) whose title or "
	"Decision names the technology, and accept it; or stop using it.",
	check_trial};

/* JavaScript in a TypeScript shop (config files, build scripts) is covered
 * by the TypeScript entry unless the radar lists JavaScript itself. */
static bool family_listed(const struct ag_model *m, const struct ag_used *u)
{
	if (!u->tech || !u->tech->family || u->entry)
		return false;
	const struct ag_radar_entry *e = m->radar.entries.v;
	for (size_t i = 0; i < m->radar.entries.n; i++) {
		if (!e[i].name.set || e[i].retired.set)
			continue;
		const struct ag_tech *t = ag_catalog_find(e[i].name.s, e[i].name.len);
		if (t && t != u->tech && t->family && !strcmp(t->family, u->tech->family))
			return true;
	}
	return false;
}

static void check_unlisted(struct ag_ctx *ctx)
{
	const struct ag_scan *s = usage(ctx);
	for (size_t i = 0; s && i < s->n; i++) {
		const struct ag_used *u = &s->v[i];
		const struct ag_evidence *ev = in_use(s, u);
		/* what only comes with another technology (Tomcat with a Spring
		 * Boot starter) was decided with it: that one's entry, or its
		 * own finding, covers it (ADR 0060) */
		if (ag_used_listed(u) || !ev || family_listed(ctx->model, u) ||
		    ag_used_implied_only(u, s->in_use))
			continue;
		char w[320];
		where(s, u, w, sizeof(w));
		struct ag_pos at = ev_pos(ev);
		if (u->entry)
			ag_rule_report(ctx, &at,
				       "%s is in use (%s) but was retired from the radar on %s "
				       "(%s:%d)", u->name, w, u->entry->retired.s,
				       u->entry->pos.file, u->entry->pos.line);
		else
			ag_rule_report(ctx, &at,
				       "%s is in use (%s) but not on the radar: the decision to use "
				       "it is only in someone's head", u->name, w);
	}
}

const struct ag_rule ag_rule_radar_unlisted = {
	"radar-unlisted", "3", AG_SEV_ERROR, true,
	"Every technology in use is on the radar",
	"A red flag in the seed: \"I don't need to write this down, it's in my "
	"head.\" (Bus factor risk.) A technology the code uses but the radar does "
	"not list was chosen by whoever added it, and nobody else can tell whether "
	"it is safe to use, on trial or on its way out.",
	"Add an entry to arch/radar.yaml (name, quadrant, ring; `archgate radar "
	"catalog NAME` suggests a quadrant), or remove the dependency. A package "
	"the catalog maps wrongly can be remapped with `mappings:`. (A language "
	"whose family is listed, JavaScript next to TypeScript, is covered, and so is "
	"a technology that only comes with another, Tomcat with a Spring Boot starter.)",
	check_unlisted};

struct lang {
	const char *family;
	const struct ag_used *u;
	bool adopt;
};

static const char *family(const struct ag_tech *t)
{
	return t->family ? t->family : t->name;
}

static void check_languages(struct ag_ctx *ctx)
{
	const struct ag_model *m = ctx->model;
	const struct ag_scan *s = usage(ctx);
	if (!s)
		return;
	const struct ag_radar *r = &m->radar;
	/* what the radar allows: the language families in Adopt rings */
	const char *allowed[64];
	size_t nallowed = 0;
	const struct ag_radar_entry *e = r->entries.v;
	for (size_t i = 0; i < r->entries.n; i++) {
		if (!e[i].name.set || e[i].retired.set || gate_of(m, &e[i]) != AG_GATE_ADOPT)
			continue;
		const struct ag_tech *t = ag_catalog_find(e[i].name.s, e[i].name.len);
		const struct ag_scalar *al = e[i].aliases.v;
		for (size_t a = 0; !t && a < e[i].aliases.n; a++)
			t = ag_catalog_find(al[a].s, al[a].len);
		if (!t || !(t->flags & AG_TECH_LANGUAGE))
			continue;
		bool dup = false;
		for (size_t k = 0; k < nallowed; k++)
			dup |= !strcmp(allowed[k], family(t));
		if (!dup && nallowed < 64)
			allowed[nallowed++] = family(t);
	}
	const struct ag_scalar *th = &m->policy.thresholds.max_languages;
	if (!th->set && !nallowed)
		return; /* the radar says nothing about languages */
	long long max = th->set ? th->i : (long long)nallowed;

	struct lang used[64];
	size_t nused = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct ag_used *u = &s->v[i];
		if (!u->tech || !(u->tech->flags & AG_TECH_LANGUAGE) || !in_use(s, u))
			continue;
		bool dup = false;
		for (size_t k = 0; k < nused; k++)
			dup |= !strcmp(used[k].family, family(u->tech));
		if (dup || nused >= 64)
			continue;
		bool adopt = false;
		for (size_t k = 0; k < nallowed; k++)
			adopt |= !strcmp(allowed[k], family(u->tech));
		used[nused++] = (struct lang){family(u->tech), u, adopt};
	}
	if ((long long)nused <= max)
		return;
	char list[1024] = "", adopted[512] = "";
	for (size_t k = 0; k < nused; k++) {
		size_t l = strlen(list);
		snprintf(list + l, sizeof(list) - l, "%s%s", k ? ", " : "", used[k].family);
	}
	for (size_t k = 0; k < nallowed; k++) {
		size_t l = strlen(adopted);
		snprintf(adopted + l, sizeof(adopted) - l, "%s%s", k ? ", " : "", allowed[k]);
	}
	/* blame the first language outside Adopt; else the threshold */
	struct ag_pos at = th->set ? th->pos : r->pos;
	for (size_t k = 0; k < nused; k++)
		if (!used[k].adopt) {
			at = ev_pos(in_use(s, used[k].u));
			break;
		}
	char why[600];
	if (th->set)
		snprintf(why, sizeof(why), "thresholds.max_languages is %lld", max);
	else
		snprintf(why, sizeof(why), "the languages in its Adopt ring: %s", adopted);
	ag_rule_report(ctx, &at, "%zu languages are in use (%s) but the radar allows %lld (%s)",
		       nused, list, max, why);
}

const struct ag_rule ag_rule_radar_languages = {
	"radar-languages", "3", AG_SEV_ERROR, true,
	"No more languages in use than the radar allows",
	"A red flag in the seed: \"I'll let every team choose their own language.\" "
	"(Operational nightmare.) Every language brings its build, its libraries, "
	"its security patches and its hiring; the radar's Adopt ring says how many "
	"the organisation has chosen to carry. JavaScript and TypeScript count as "
	"one; shell, SQL and markup do not count.",
	"Consolidate on the Adopt languages, or decide to carry another one: put it "
	"in the Adopt ring with an ADR, or set thresholds.max_languages in "
	"archgate.yaml.",
	check_languages};
