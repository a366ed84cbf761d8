/*
 * rules_phase1.c - Phase 1, Constraints & Trade-offs (The "No").
 *
 * "BEFORE designing the system": state the non-functional requirements,
 * decide buy vs build, define the boundaries and draw the context. Each rule
 * quotes the seed in its rationale because the seed asks us to "explain why
 * you made a decision, don't just give orders".
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rules_impl.h"

struct ag_pos ag_section_pos(const struct ag_model *m, const struct ag_pos *section)
{
	if (section && section->file)
		return *section;
	struct ag_pos p = {m->sys.pos.file, 1, 1};
	if (!p.file)
		p.file = m->has_system ? m->sys.pos.file : NULL;
	return p;
}

/* system.yaml's display path even when the file is missing or empty. */
static struct ag_pos system_file_pos(const struct ag_model *m, const struct ag_pos *section)
{
	struct ag_pos p = ag_section_pos(m, section);
	if (!p.file) {
		static const char *const dflt = "arch/system.yaml";
		p.file = dflt;
		p.line = m->has_system ? 1 : 0;
		p.col = m->has_system ? 1 : 0;
	}
	return p;
}

/* Words that, a few words before a name in the same sentence, say the
 * sentence is against it: "Cloud Run, not Kubernetes", "without a service
 * mesh", "instead of microservices", "simpler than Kafka", "we won't ...". */
static const char *const against_words[] = {"not", "no", "never", "without", "instead",
					    "rather", "than", "avoid", "avoids", "avoiding",
					    "against", "nor", NULL};

static bool said_against(const char *hay, const char *at)
{
	const char *p = at;
	for (int words = 0; words < 6 && p > hay;) {
		while (p > hay && !isalnum((unsigned char)p[-1]) && p[-1] != '\'') {
			char c = p[-1];
			if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n')
				return false; /* the sentence (or line) starts here */
			p--;
		}
		const char *end = p;
		while (p > hay && (isalnum((unsigned char)p[-1]) || p[-1] == '\''))
			p--;
		size_t len = (size_t)(end - p);
		if (!len)
			break;
		words++;
		if (len >= 3 && !strncasecmp(end - 3, "n't", 3))
			return true; /* don't, won't, isn't */
		for (size_t k = 0; against_words[k]; k++)
			if (strlen(against_words[k]) == len && !strncasecmp(p, against_words[k], len))
				return true;
	}
	return false;
}

/* `word` in `hay` at least once where the sentence is not against it. */
static bool names_for(const char *hay, size_t hn, const char *word, size_t n)
{
	for (const char *p = hay, *end = hay + hn; p < end;) {
		const char *at = ag_find_word(p, (size_t)(end - p), word, n);
		if (!at)
			return false;
		if (!said_against(hay, at))
			return true;
		p = at + n;
	}
	return false;
}

/* What a record decides: its title and its Decision section (MADR: Decision
 * Outcome). A name that appears only in Context or among the rejected
 * alternatives is not a justification for it, nor is one the decision
 * names to say it is not taken ("Cloud Run, not Kubernetes"). */
static bool decides(const struct ag_adr *a, const char *word, size_t n)
{
	if (names_for(a->title, strlen(a->title), word, n))
		return true;
	if (!ag_adr_mentions(a, word, n)) /* fast: not in the record at all */
		return false;
	for (size_t i = 0; i < a->md.n; i++) {
		const struct ag_md_line *l = &a->md.lines[i];
		if (l->kind != AG_MD_HEADING || l->level < 2 ||
		    !(ag_span_eq(l->text, "decision") || ag_span_prefix(l->text, "decision outcome")))
			continue;
		size_t end = ag_md_section_end(&a->md, i);
		size_t from = i + 1 < a->md.n ? a->md.lines[i + 1].off : a->len;
		size_t to = end < a->md.n ? a->md.lines[end].off : a->len;
		if (names_for(a->text + from, to - from, word, n))
			return true;
	}
	return false;
}

const struct ag_adr *ag_accepted_adr_naming(const struct ag_model *m, const char *word,
					    size_t n)
{
	const struct ag_adr *a = m->adrs.v;
	for (size_t i = 0; i < m->adrs.n; i++)
		if (a[i].status == AG_ADR_ACCEPTED && decides(&a[i], word, n))
			return &a[i];
	return NULL;
}

static void check_constraints_stated(struct ag_ctx *ctx)
{
	const struct ag_constraints *c = &ctx->model->sys.constraints;
	struct ag_pos at = system_file_pos(ctx->model, &c->pos);
	if (!c->pos.file) {
		ag_rule_report(ctx, &at,
			       "no constraints are stated: add a constraints section with "
			       "users, latency and compliance");
		return;
	}
	if (!c->users.set)
		ag_rule_report(ctx, &at, "constraints do not state the scale (users: how many "
			       "users must the system serve?)");
	else if (c->users.i <= 0)
		ag_rule_report(ctx, &c->users.pos, "users must be a positive number, not %lld",
			       c->users.i);
	if (!c->latency.set)
		ag_rule_report(ctx, &at, "constraints do not state the latency class (latency: "
			       "realtime, interactive or batch)");
	if (!c->compliance.set)
		ag_rule_report(ctx, &at, "constraints do not state compliance (compliance: "
			       "[HIPAA, GDPR, PCI-DSS, ...], or [] when none apply)");
}

const struct ag_rule ag_rule_constraints_stated = {
	"constraints-stated", "1", AG_SEV_ERROR, false,
	"The non-functional requirements are stated: scale, latency, compliance",
	"The seed's Phase 1 starts with \"Identify Non-Functional Requirements\": "
	"1k users or 10M users? Real-time or batch? HIPAA, GDPR, PCI-DSS? \"These "
	"constraints dictate the tech stack, not your personal preference.\" "
	"Without them every later decision is a matter of taste.",
	"Add to arch/system.yaml:\n  constraints:\n    users: 100000\n"
	"    latency: interactive\n    compliance: [GDPR]   # or [] when none apply",
	check_constraints_stated};

static void check_latency_budget(struct ag_ctx *ctx)
{
	const struct ag_constraints *c = &ctx->model->sys.constraints;
	if (c->latency.set && c->latency.e != AG_LAT_BATCH && !c->p99_ms.set)
		ag_rule_report(ctx, &c->latency.pos,
			       "latency is '%s' but no p99_ms target says how fast", c->latency.s);
	if (c->p99_ms.set && c->p99_ms.i <= 0)
		ag_rule_report(ctx, &c->p99_ms.pos, "p99_ms must be positive, not %lld",
			       c->p99_ms.i);
	if (c->availability.set && (c->availability.d <= 0 || c->availability.d >= 100))
		ag_rule_report(ctx, &c->availability.pos,
			       "availability is a percentage between 0 and 100 (exclusive), "
			       "not %s", c->availability.s);
}

const struct ag_rule ag_rule_latency_budget = {
	"latency-budget", "1", AG_SEV_WARNING, false,
	"A real-time or interactive latency class comes with a number",
	"\"Real-time (Gaming) or Batch (Reporting)?\" decides the stack only once it "
	"is a number: 50 ms rules out what 500 ms allows. A class without a target "
	"cannot be tested or traded off.",
	"Add p99_ms to constraints, e.g. `p99_ms: 300`.",
	check_latency_budget};

static void check_capabilities_stated(struct ag_ctx *ctx)
{
	const struct ag_system *s = &ctx->model->sys;
	if (s->capabilities.n == 0) {
		struct ag_pos at = system_file_pos(ctx->model, &s->capabilities.pos);
		ag_rule_report(ctx, &at,
			       "no capabilities are listed, so no buy-vs-build decision is "
			       "recorded");
	}
}

const struct ag_rule ag_rule_capabilities_stated = {
	"capabilities-stated", "1", AG_SEV_ERROR, false,
	"The capabilities the system needs are listed for the buy-vs-build decision",
	"\"Should we build a Chat system or use Stream.io? Should we build Auth or "
	"use Auth0?\" The question has to be asked of every capability before "
	"anyone starts building.",
	"List capabilities in arch/system.yaml:\n  capabilities:\n"
	"    - {name: Auth, core: false, decision: buy, vendor: Auth0}\n"
	"    - {name: Pricing engine, core: true, decision: build}",
	check_capabilities_stated};

static void check_capability_decided(struct ag_ctx *ctx)
{
	const struct ag_capability *c = ctx->model->sys.capabilities.v;
	for (size_t i = 0; i < ctx->model->sys.capabilities.n; i++) {
		if (!c[i].core.set)
			ag_rule_report(ctx, &c[i].pos,
				       "capability '%s' does not say whether it is core "
				       "(core: true or false)", c[i].name.s ? c[i].name.s : "?");
		if (!c[i].decision.set)
			ag_rule_report(ctx, &c[i].pos,
				       "capability '%s' has no buy-or-build decision "
				       "(decision: buy or build)", c[i].name.s ? c[i].name.s : "?");
		else if (c[i].decision.e == AG_DEC_BUY && !c[i].vendor.set)
			ag_rule_report(ctx, &c[i].decision.pos,
				       "capability '%s' is bought but names no vendor",
				       c[i].name.s ? c[i].name.s : "?");
	}
}

const struct ag_rule ag_rule_capability_decided = {
	"capability-decided", "1", AG_SEV_ERROR, false,
	"Every capability says whether it is core and whether it is bought or built",
	"Buy vs build is a decision, and a decision that is not written down is "
	"made again by whoever gets there first. Bought capabilities name the "
	"vendor so the dependency is visible.",
	"Give each capability `core: true|false` and `decision: buy|build`, and a "
	"`vendor:` when bought.",
	check_capability_decided};

static void check_build_needs_adr(struct ag_ctx *ctx)
{
	const struct ag_capability *c = ctx->model->sys.capabilities.v;
	for (size_t i = 0; i < ctx->model->sys.capabilities.n; i++) {
		if (!c[i].decision.set || c[i].decision.e != AG_DEC_BUILD || !c[i].core.set ||
		    c[i].core.b || !c[i].name.set)
			continue;
		if (!ag_accepted_adr_naming(ctx->model, c[i].name.s, c[i].name.len))
			ag_rule_report(ctx, &c[i].decision.pos,
				       "'%s' is not core but is built, and no Accepted ADR "
				       "names it to say why", c[i].name.s);
	}
}

const struct ag_rule ag_rule_build_needs_adr = {
	"build-needs-adr", "1", AG_SEV_ERROR, false,
	"Building a non-core capability needs an Accepted ADR that says why",
	"\"Only build your Core Differentiator. Buy everything else.\" Building "
	"Auth or Chat yourself spends the team on what customers do not pay you "
	"for; sometimes that is right (cost, compliance, no vendor fits), and then "
	"the reason belongs in a decision record.",
	"Buy it (decision: buy, vendor: ...), or record the decision: an ADR in "
	"arch/decisions/ (the seed's template) titled e.g. \"Build <capability> "
	"in-house\" whose title or Decision names the capability, says why, and is "
	"Accepted.",
	check_build_needs_adr};

static void check_buy_core(struct ag_ctx *ctx)
{
	const struct ag_capability *c = ctx->model->sys.capabilities.v;
	for (size_t i = 0; i < ctx->model->sys.capabilities.n; i++)
		if (c[i].core.set && c[i].core.b && c[i].decision.set &&
		    c[i].decision.e == AG_DEC_BUY)
			ag_rule_report(ctx, &c[i].decision.pos,
				       "'%s' is the core differentiator but is bought%s%s",
				       c[i].name.s ? c[i].name.s : "?",
				       c[i].vendor.set ? " from " : "",
				       c[i].vendor.set ? c[i].vendor.s : "");
}

const struct ag_rule ag_rule_buy_core = {
	"buy-core", "1", AG_SEV_WARNING, false,
	"The core differentiator is built, not bought",
	"What makes the business different is the one thing the seed says to "
	"build. Buying it hands the differentiator to a vendor that sells the same "
	"thing to your competitors.",
	"Mark the capability `core: false` if it is not really the differentiator, "
	"or plan to build it.",
	check_buy_core};

static void check_boundary_style(struct ag_ctx *ctx)
{
	const struct ag_boundaries *b = &ctx->model->sys.boundaries;
	if (!b->style.set) {
		struct ag_pos at = system_file_pos(ctx->model, &b->pos);
		ag_rule_report(ctx, &at, "the boundaries do not declare an architecture style "
			       "(style: monolith, modular-monolith, microservices or serverless)");
	}
}

const struct ag_rule ag_rule_boundary_style = {
	"boundary-style", "1", AG_SEV_ERROR, false,
	"The boundaries declare an architecture style",
	"\"Monolith or Microservices? (Hint: Start with Monolith).\" The style "
	"decides where the boundaries are drawn and what they cost to operate; "
	"leaving it implicit lets it drift.",
	"Add `style: monolith` (or modular-monolith, microservices, serverless) "
	"under boundaries.",
	check_boundary_style};

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted ids of every relation endpoint, so membership is O(log n) even for
 * models with thousands of elements. NULL when there are none or on ENOMEM
 * (ctx->err is set then). */
static const char **relation_endpoints(struct ag_ctx *ctx, size_t *n)
{
	const struct ag_boundaries *b = &ctx->model->sys.boundaries;
	const struct ag_relation *r = b->relations.v;
	*n = 0;
	if (!b->relations.n)
		return NULL;
	const char **ends = malloc(2 * b->relations.n * sizeof(*ends));
	if (!ends) {
		ctx->err = AG_ENOMEM;
		return NULL;
	}
	for (size_t i = 0; i < b->relations.n; i++) {
		if (r[i].from.set)
			ends[(*n)++] = r[i].from.s;
		if (r[i].to.set)
			ends[(*n)++] = r[i].to.s;
	}
	qsort(ends, *n, sizeof(*ends), str_cmp);
	return ends;
}

static bool in_relation(const char **ends, size_t n, const struct ag_scalar *id)
{
	return ends && bsearch(&id->s, ends, n, sizeof(*ends), str_cmp) != NULL;
}

static void check_context_drawable(struct ag_ctx *ctx)
{
	const struct ag_model *m = ctx->model;
	const struct ag_boundaries *b = &m->sys.boundaries;
	struct ag_pos at = system_file_pos(m, &b->pos);
	if (!m->sys.system.name.set) {
		struct ag_pos sp = system_file_pos(m, &m->sys.system.pos);
		ag_rule_report(ctx, &sp, "the system has no name (system: {name: ...}), so the "
			       "context diagram has no centre");
	}
	if (b->people.n == 0)
		ag_rule_report(ctx, &at, "no people are declared: who uses the system? "
			       "(boundaries.people)");
	if (b->containers.n == 0)
		ag_rule_report(ctx, &at, "no containers are declared: what is inside the "
			       "boundary? (boundaries.containers)");
	if (b->relations.n == 0)
		ag_rule_report(ctx, &at, "no relations are declared, so the context shows no "
			       "interactions (boundaries.relations)");
	size_t nends;
	const char **ends = relation_endpoints(ctx, &nends);
	const struct ag_element *pe = b->people.v, *ex = b->external.v;
	for (size_t i = 0; i < b->people.n; i++)
		if (pe[i].id.set && b->relations.n && !in_relation(ends, nends, &pe[i].id))
			ag_rule_report(ctx, &pe[i].pos, "person '%s' takes part in no relation",
				       pe[i].id.s);
	for (size_t i = 0; i < b->external.n; i++)
		if (ex[i].id.set && b->relations.n && !in_relation(ends, nends, &ex[i].id))
			ag_rule_report(ctx, &ex[i].pos,
				       "external system '%s' takes part in no relation",
				       ex[i].id.s);
	const struct ag_relation *r = b->relations.v;
	for (size_t i = 0; i < b->relations.n; i++)
		if (!r[i].label.set || !r[i].label.len)
			ag_rule_report(ctx, &r[i].pos, "relation %s -> %s has no label",
				       r[i].from.s ? r[i].from.s : "?", r[i].to.s ? r[i].to.s : "?");
	free(ends);
}

const struct ag_rule ag_rule_context_drawable = {
	"context-drawable", "1", AG_SEV_ERROR, false,
	"A context diagram can be drawn: people, the system, external systems, "
	"labelled relations",
	"Phase 1's output is \"a high-level context diagram showing system "
	"interactions\". It needs someone who uses the system, what is inside the "
	"boundary, what is outside it, and labelled lines between them: \"Where "
	"does the Mobile App end and the Backend begin?\"",
	"Declare boundaries.people, boundaries.containers and boundaries.relations "
	"in arch/system.yaml; give every relation a label and connect every person "
	"and external system. `archgate diagram` draws the result.",
	check_context_drawable};

static void check_discovered_draft(struct ag_ctx *ctx)
{
	const struct ag_boundaries *b = &ctx->model->sys.boundaries;
	const struct ag_container *c = b->containers.v;
	for (size_t i = 0; i < b->containers.n; i++)
		if (c[i].discovered.set)
			ag_rule_report(ctx, &c[i].discovered.pos,
				       "container '%s' is a draft archgate init discovered at %s: "
				       "check it, then delete `discovered:`",
				       c[i].id.s ? c[i].id.s : "?", c[i].discovered.s);
	const struct ag_relation *r = b->relations.v;
	for (size_t i = 0; i < b->relations.n; i++)
		if (r[i].discovered.set)
			ag_rule_report(ctx, &r[i].discovered.pos,
				       "relation %s -> %s is a draft archgate init discovered at %s: "
				       "say what happens along it, then delete `discovered:`",
				       r[i].from.s ? r[i].from.s : "?", r[i].to.s ? r[i].to.s : "?",
				       r[i].discovered.s);
}

const struct ag_rule ag_rule_discovered_draft = {
	"discovered-draft", "1", AG_SEV_ERROR, false,
	"What archgate init discovered is confirmed by a person",
	"Discovery reads what the repository holds (compose services, Kubernetes "
	"workloads, Dockerfiles, CODEOWNERS); it cannot know what the team "
	"means by it. A guess left unconfirmed becomes a decision nobody made: "
	"\"Where does the Mobile App end and the Backend begin?\" is for the team "
	"to answer.",
	"Check the container or relation in arch/system.yaml (its name, kind, "
	"tech and owner; a relation's label), then delete its `discovered:` line. "
	"Delete the element instead if it is not part of the system.",
	check_discovered_draft};

static void check_microservices_justified(struct ag_ctx *ctx)
{
	const struct ag_model *m = ctx->model;
	const struct ag_scalar *st = &m->sys.boundaries.style;
	if (!st->set || st->e != AG_STYLE_MICROSERVICES)
		return;
	long long min_teams = ag_policy_microservices_min_teams(&m->policy);
	const struct ag_scalar *teams = &m->sys.constraints.teams;
	const struct ag_adr *adr = ag_accepted_adr_naming(m, "microservices", 13);
	if (!adr)
		adr = ag_accepted_adr_naming(m, "microservice", 12);
	if (!adr)
		ag_rule_report(ctx, &st->pos,
			       "style is microservices and no Accepted ADR records why "
			       "(\"Start with Monolith\")");
	else if (teams->set && teams->i < min_teams)
		ag_rule_report(ctx, &st->pos,
			       "style is microservices with %lld team%s (fewer than %lld); "
			       "'%s' does not change that the team cannot staff the services",
			       teams->i, teams->i == 1 ? "" : "s", min_teams, adr->title);
}

const struct ag_rule ag_rule_microservices_justified = {
	"microservices-justified", "1", AG_SEV_ERROR, true,
	"Microservices only with a recorded justification and the teams to run them",
	"\"Monolith or Microservices? (Hint: Start with Monolith).\" And a red flag: "
	"\"Microservices will solve our spaghetti code.\" (Now you have distributed "
	"spaghetti.) Microservices trade code complexity for operational "
	"complexity; without enough teams to own the services that trade is a "
	"loss.",
	"Choose style: monolith or modular-monolith, or record the decision in an "
	"Accepted ADR whose title or Decision names microservices, and state constraints.teams "
	"(at least thresholds.microservices_min_teams, default 3).",
	check_microservices_justified};
