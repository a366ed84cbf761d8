/*
 * advise.c - recommendations from the constraints; see advise.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "advise.h"
#include "base/buf.h"

static int add(struct ag_advices *o, const char *id, const char *pattern, const char *advice,
	       const char *tradeoff, const char *tools, const struct ag_pos *pos,
	       const char *fmt, ...) __attribute__((format(printf, 8, 9)));

static int add(struct ag_advices *o, const char *id, const char *pattern, const char *advice,
	       const char *tradeoff, const char *tools, const struct ag_pos *pos,
	       const char *fmt, ...)
{
	struct ag_advice *v = realloc(o->v, (o->n + 1) * sizeof(*v));
	if (!v)
		return AG_ENOMEM;
	o->v = v;
	struct ag_buf b = AG_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	int rc = ag_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (rc) {
		ag_buf_release(&b);
		return rc;
	}
	struct ag_advice *a = &o->v[o->n++];
	a->id = id;
	a->pattern = pattern;
	a->advice = advice;
	a->tradeoff = tradeoff;
	a->tools = tools;
	a->because = ag_buf_detach(&b, NULL);
	a->pos = pos ? *pos : (struct ag_pos){0};
	return 0;
}

static bool any_container(const struct ag_model *m, int kind, int runtime)
{
	const struct ag_container *c = m->sys.boundaries.containers.v;
	for (size_t i = 0; i < m->sys.boundaries.containers.n; i++)
		if ((kind < 0 || (c[i].kind.set && c[i].kind.e == kind)) &&
		    (runtime < 0 || (c[i].runtime.set && c[i].runtime.e == runtime)))
			return true;
	return false;
}

static bool uses_tech(const struct ag_model *m, const char *t)
{
	const struct ag_container *c = m->sys.boundaries.containers.v;
	for (size_t i = 0; i < m->sys.boundaries.containers.n; i++) {
		const struct ag_scalar *s = c[i].tech.v;
		for (size_t k = 0; k < c[i].tech.n; k++)
			if (ag_find_word(s[k].s, s[k].len, t, strlen(t)))
				return true;
	}
	return false;
}

static bool has_compliance(const struct ag_constraints *c, const char *name,
			   const struct ag_pos **pos)
{
	const struct ag_scalar *s = c->compliance.v;
	for (size_t i = 0; i < c->compliance.n; i++)
		if (ag_find_word(s[i].s, s[i].len, name, strlen(name))) {
			*pos = &s[i].pos;
			return true;
		}
	return false;
}

int ag_advise(const struct ag_model *m, struct ag_advices *o)
{
	memset(o, 0, sizeof(*o));
	const struct ag_constraints *c = &m->sys.constraints;
	bool global = (c->global.set && c->global.b) || c->regions.n > 1;
	int rc = 0;
	if (!rc && global && c->p99_ms.set && c->p99_ms.i < 100)
		rc = add(o, "edge-compute", "Edge compute",
			 "Run the latency-critical slice (auth checks, personalisation, A/B "
			 "tests, rate limiting) on an edge runtime close to users; keep state "
			 "and heavy work in the region.",
			 "Limited runtime: no filesystem, about 50 ms of CPU per request.",
			 "Cloudflare Workers, Vercel Edge, Fastly Compute", &c->p99_ms.pos,
			 "users are global and p99 must be %lld ms (sub-100 ms needs code "
			 "close to users)", c->p99_ms.i);
	if (!rc && c->latency.set && c->latency.e == AG_LAT_BATCH && any_container(m, -1, AG_RT_EDGE))
		rc = add(o, "no-edge-for-batch", "No edge runtime",
			 "Move edge containers back to a region: batch work gains nothing from "
			 "being close to users.",
			 "None: an edge runtime only adds limits (no filesystem, 50 ms CPU).",
			 "Cloud Run, ECS/Fargate, AWS Lambda", &c->latency.pos,
			 "the latency class is batch");
	const struct ag_container *ct = m->sys.boundaries.containers.v;
	for (size_t i = 0; !rc && i < m->sys.boundaries.containers.n; i++)
		if (ct[i].runtime.set && ct[i].runtime.e == AG_RT_SERVERLESS && ct[i].cpu_ms.set &&
		    ct[i].cpu_ms.i >= 100)
			rc = add(o, "wasm-backend", "WebAssembly backend",
				 "Compile the CPU-heavy function (Rust/Go to WASM) and run it on a "
				 "WASM serverless runtime: near-native speed with much faster cold "
				 "starts than containers.",
				 "A younger ecosystem: WASI is still growing, fewer libraries and "
				 "debugging tools.",
				 "wasmtime, Spin (Fermyon), wasmCloud, WASI", &ct[i].cpu_ms.pos,
				 "'%s' is serverless and needs %lld ms of CPU per request",
				 ct[i].id.s, ct[i].cpu_ms.i);
	const struct ag_scalar *lf = c->offline.set && c->offline.b ? &c->offline
				     : c->collaborative.set && c->collaborative.b ? &c->collaborative
										  : NULL;
	if (!rc && lf)
		rc = add(o, "local-first", "Local-first architecture",
			 "Keep a local replica on the device and sync through a sync engine; "
			 "model shared edits as CRDTs.",
			 "Eventual consistency: conflicts are resolved by merge rules, not by a "
			 "single source of truth at write time.",
			 "Replicache, ElectricSQL, PowerSync, CRDTs (Yjs, Automerge)", &lf->pos,
			 "the app is %s", lf == &c->offline ? "offline-capable" : "collaborative");
	const struct ag_ai_feature *ai = m->sys.ai.v;
	for (size_t i = 0; !rc && i < m->sys.ai.n; i++) {
		bool pg = uses_tech(m, "postgres") || uses_tech(m, "postgresql");
		rc = add(o, "ai-integration", "AI integration point",
			 pg ? "Store embeddings in pgvector next to the data in PostgreSQL; "
			      "cache embeddings, batch model requests, prefer the smallest model "
			      "that meets quality, and stream responses over SSE or WebSockets."
			    : "Store embeddings in a vector database; cache embeddings, batch "
			      "model requests, prefer the smallest model that meets quality, and "
			      "stream responses over SSE or WebSockets.",
			 "Model calls dominate cost and latency; a separate vector store is one "
			 "more system to run.",
			 pg ? "pgvector" : "pgvector, Pinecone, Weaviate", &ai[i].pos,
			 "AI feature '%s' is declared", ai[i].name.s ? ai[i].name.s : "?");
	}
	if (!rc && c->users.set && c->users.i < 1000000)
		rc = add(o, "start-with-monolith", "Monolith on managed containers",
			 "Start with a (modular) monolith on a managed container service; no "
			 "Kubernetes and no microservices until the constraints ask for them.",
			 "One deployable: teams coordinate releases.",
			 "Cloud Run, ECS/Fargate, Fly.io", &c->users.pos,
			 "the system serves %lld users (below 1,000,000)", c->users.i);
	if (!rc && c->users.set && c->users.i >= 10000000)
		rc = add(o, "no-single-node-datastore", "Replicated datastores and caching",
			 "No single-node datastore: replicate or shard the primary stores and "
			 "cache hot reads.",
			 "Replication lag and cache invalidation become design concerns.",
			 "Postgres 17 with replicas, Neon, Redis 7, Valkey, Dragonfly", &c->users.pos,
			 "the system serves %lld users", c->users.i);
	if (!rc && c->latency.set && c->latency.e == AG_LAT_REALTIME)
		rc = add(o, "realtime", "Real-time transport",
			 "Keep connections open (WebSockets) and state in memory close to the "
			 "session; avoid cold starts on the hot path.",
			 "Stateful servers are harder to scale and deploy than stateless ones.",
			 "WebSockets, Redis 7, Dragonfly", &c->latency.pos,
			 "the latency class is realtime");
	/* what a declared compliance regime asks of the design */
	static const struct {
		const char *regime, *id, *pattern, *advice, *tradeoff, *tools;
	} regimes[] = {
		{"PCI-DSS", "pci-scope", "Keep card data out of scope",
		 "Take card details in the payment provider's hosted fields so card "
		 "data never touches your systems; name the card data store if any.",
		 "Less control over the payment form's look and flow.",
		 "Stripe Payment Element, Adyen Drop-in"},
		{"HIPAA", "hipaa-vendors", "HIPAA-eligible services only",
		 "Store and process health data only in services covered by a Business "
		 "Associate Agreement; encrypt at rest and log access.",
		 "Fewer vendors to choose from; some managed services are not eligible.",
		 "AWS HIPAA-eligible services, Google Cloud with BAA"},
		{"GDPR", "gdpr-residency", "EU data residency and deletion",
		 "Keep personal data in EU regions, record a lawful basis per entity, "
		 "and design deletion (right to erasure) into every store that holds it.",
		 "Cross-region analytics must work on pseudonymised or aggregated data.",
		 "Postgres in an EU region, Neon, Supabase"},
	};
	for (size_t i = 0; !rc && i < sizeof(regimes) / sizeof(regimes[0]); i++) {
		const struct ag_pos *cp;
		if (has_compliance(c, regimes[i].regime, &cp))
			rc = add(o, regimes[i].id, regimes[i].pattern, regimes[i].advice,
				 regimes[i].tradeoff, regimes[i].tools, cp, "%s is declared",
				 regimes[i].regime);
	}
	if (rc)
		ag_advices_release(o);
	return rc;
}

void ag_advices_release(struct ag_advices *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i].because);
	free(a->v);
	memset(a, 0, sizeof(*a));
}
