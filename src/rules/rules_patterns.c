/*
 * rules_patterns.c - Phase 1.5, Modern Architecture Patterns (2026).
 *
 * The seed's patterns each come with a trade-off: edge runtimes have no
 * filesystem and ~50 ms of CPU; global sub-100 ms targets need something
 * close to the user; collaborative and offline apps need a sync story; AI
 * features need their cost and latency controls. These rules hold declared
 * choices to those trade-offs.
 */
#include <string.h>
#include "rules_impl.h"

static void check_edge_runtime(struct ag_ctx *ctx)
{
	const struct ag_boundaries *b = &ctx->model->sys.boundaries;
	const struct ag_container *c = b->containers.v;
	for (size_t i = 0; i < b->containers.n; i++) {
		if (!c[i].runtime.set || c[i].runtime.e != AG_RT_EDGE)
			continue;
		if (c[i].filesystem.set && c[i].filesystem.b)
			ag_rule_report(ctx, &c[i].filesystem.pos,
				       "'%s' runs on an edge runtime but needs a filesystem; edge "
				       "runtimes have none", c[i].id.s);
		if (c[i].cpu_ms.set && c[i].cpu_ms.i > 50)
			ag_rule_report(ctx, &c[i].cpu_ms.pos,
				       "'%s' runs on an edge runtime but needs %lld ms of CPU per "
				       "request; edge runtimes allow about 50", c[i].id.s, c[i].cpu_ms.i);
		if (!c[i].cpu_ms.set)
			ag_rule_report(ctx, &c[i].runtime.pos,
				       "'%s' runs on an edge runtime but does not state its CPU time "
				       "per request (cpu_ms)", c[i].id.s);
	}
}

const struct ag_rule ag_rule_edge_runtime = {
	"edge-runtime-limits", "1.5", AG_SEV_ERROR, false,
	"Edge containers fit the edge: no filesystem, at most 50 ms of CPU",
	"\"Cloudflare Workers / Vercel Edge: Run code closest to users ... Trade-off: "
	"Limited runtime (no filesystem, max 50ms CPU time).\" Code that needs disk "
	"or heavy CPU fails at the edge in production, not in review.",
	"Keep at the edge only what fits (A/B tests, personalisation, auth checks, "
	"rate limiting): set `filesystem: false` and a `cpu_ms` of 50 or less, or "
	"move the container to `runtime: container` or `serverless`.",
	check_edge_runtime};

/* Something that puts responses close to users: an edge container, a cache
 * container, or an external CDN. */
static bool has_near_user_layer(const struct ag_model *m)
{
	const struct ag_boundaries *b = &m->sys.boundaries;
	const struct ag_container *c = b->containers.v;
	for (size_t i = 0; i < b->containers.n; i++) {
		if ((c[i].runtime.set && c[i].runtime.e == AG_RT_EDGE) ||
		    (c[i].kind.set && c[i].kind.e == AG_CK_CACHE))
			return true;
		const struct ag_scalar *t = c[i].tech.v;
		for (size_t k = 0; k < c[i].tech.n; k++)
			if (ag_find_word(t[k].s, t[k].len, "cdn", 3))
				return true;
	}
	static const char *const cdns[] = {"cdn", "cloudflare", "fastly", "cloudfront",
					   "akamai", "vercel", NULL};
	const struct ag_element *e = b->external.v;
	for (size_t i = 0; i < b->external.n; i++)
		for (size_t k = 0; cdns[k]; k++) {
			size_t n = strlen(cdns[k]);
			if ((e[i].kind.set && ag_find_word(e[i].kind.s, e[i].kind.len, cdns[k], n)) ||
			    (e[i].name.set && ag_find_word(e[i].name.s, e[i].name.len, cdns[k], n)))
				return true;
		}
	return false;
}

static bool is_global(const struct ag_constraints *c)
{
	return (c->global.set && c->global.b) || c->regions.n > 1;
}

static void check_global_latency(struct ag_ctx *ctx)
{
	const struct ag_constraints *c = &ctx->model->sys.constraints;
	if (!is_global(c) || !c->p99_ms.set || c->p99_ms.i >= 100)
		return;
	if (!has_near_user_layer(ctx->model))
		ag_rule_report(ctx, &c->p99_ms.pos,
			       "users are global and p99 must be %lld ms, but no edge runtime, "
			       "CDN or cache is declared", c->p99_ms.i);
}

const struct ag_rule ag_rule_global_latency = {
	"global-latency-edge", "1.5", AG_SEV_WARNING, false,
	"Global sub-100 ms targets have an edge, CDN or cache layer",
	"\"When: Global apps needing <100ms response times.\" Light needs ~70 ms to "
	"cross an ocean and back; a single region cannot answer the far side of "
	"the world in under 100 ms, however fast the code is.",
	"Declare what serves distant users: an external CDN (kind: cdn), a cache "
	"container (kind: cache) or an edge container (runtime: edge); or relax "
	"p99_ms, or state the regions honestly.",
	check_global_latency};

static const char *const local_first_words[] = {
	"local-first", "offline-first", "crdt", "crdts", "replicache", "electricsql",
	"electric sql", "powersync", "yjs", "automerge", "pouchdb", "couchdb", "realm",
	"sync engine", NULL};

static bool mentions_any(const char *s, size_t n, const char *const *words)
{
	for (size_t k = 0; words[k]; k++)
		if (ag_find_word(s, n, words[k], strlen(words[k])))
			return true;
	return false;
}

static bool has_sync_story(const struct ag_model *m)
{
	const struct ag_container *c = m->sys.boundaries.containers.v;
	for (size_t i = 0; i < m->sys.boundaries.containers.n; i++) {
		const struct ag_scalar *t = c[i].tech.v;
		for (size_t k = 0; k < c[i].tech.n; k++)
			if (mentions_any(t[k].s, t[k].len, local_first_words))
				return true;
	}
	const struct ag_capability *cap = m->sys.capabilities.v;
	for (size_t i = 0; i < m->sys.capabilities.n; i++)
		if ((cap[i].vendor.set && mentions_any(cap[i].vendor.s, cap[i].vendor.len, local_first_words)) ||
		    (cap[i].name.set && mentions_any(cap[i].name.s, cap[i].name.len, local_first_words)))
			return true;
	for (size_t k = 0; local_first_words[k]; k++)
		if (ag_accepted_adr_naming(m, local_first_words[k], strlen(local_first_words[k])))
			return true;
	return false;
}

static void check_local_first(struct ag_ctx *ctx)
{
	const struct ag_constraints *c = &ctx->model->sys.constraints;
	const struct ag_scalar *why = c->offline.set && c->offline.b ? &c->offline
				      : c->collaborative.set && c->collaborative.b ? &c->collaborative
										   : NULL;
	if (why && !has_sync_story(ctx->model))
		ag_rule_report(ctx, &why->pos,
			       "the app is %s but no local-first sync (CRDTs, Replicache, "
			       "ElectricSQL, PowerSync, ...) is declared or decided",
			       why == &c->offline ? "offline-capable" : "collaborative");
}

const struct ag_rule ag_rule_local_first = {
	"local-first-sync", "1.5", AG_SEV_ERROR, false,
	"Collaborative or offline apps have a local-first sync story",
	"\"Local-First Architecture: CRDTs (eventual consistency); Offline-First: App "
	"works without network, syncs when available. When: Collaborative apps.\" "
	"Bolting sync onto a request/response design later means rewriting its data "
	"layer.",
	"Name the sync approach: a container tech such as replicache, electricsql, "
	"powersync or yjs, or an Accepted ADR whose Decision names local-first or "
	"CRDTs.",
	check_local_first};

static void check_ai(struct ag_ctx *ctx)
{
	const struct ag_ai_feature *f = ctx->model->sys.ai.v;
	for (size_t i = 0; i < ctx->model->sys.ai.n; i++) {
		const char *n = f[i].name.s ? f[i].name.s : "?";
		if (f[i].vector_store.set && !(f[i].embedding_cache.set && f[i].embedding_cache.b))
			ag_rule_report(ctx, &f[i].pos, "AI feature '%s' uses a vector store but does "
				       "not cache embeddings (embedding_cache: true)", n);
		if (!(f[i].batching.set && f[i].batching.b))
			ag_rule_report(ctx, &f[i].pos, "AI feature '%s' does not batch model requests "
				       "(batching: true)", n);
		if (!f[i].streaming.set || f[i].streaming.e == AG_STREAM_NONE)
			ag_rule_report(ctx, f[i].streaming.set ? &f[i].streaming.pos : &f[i].pos,
				       "AI feature '%s' does not stream responses (streaming: sse or "
				       "websockets), so the UI blocks on the model", n);
	}
}

const struct ag_rule ag_rule_ai_controls = {
	"ai-controls", "1.5", AG_SEV_ERROR, false,
	"AI features cache embeddings, batch requests and stream responses",
	"\"Cost Management: Cache embeddings, batch requests, use smaller models. "
	"Latency: Stream responses (SSE/WebSockets), don't block UI.\" Model calls "
	"are the most expensive and slowest requests a product makes; without these "
	"controls both grow with every user.",
	"For each entry under `ai:` declare `embedding_cache: true` (when it has a "
	"vector_store), `batching: true` and `streaming: sse` or `websockets`.",
	check_ai};
