/*
 * policy.c - loading arch/archgate.yaml; see policy.h.
 */
#include <string.h>
#include "policy.h"
#include "radar.h"

#define F AG_FIELD
#define SCHEMA AG_SCHEMA

static const struct ag_field signoff_fields[] = {
	F(ag_signoff, roles, AG_F_STRS, 0, NULL, NULL,
	  "The roles that must sign an RFC before it can be Accepted. The seed's "
	  "default: Lead Backend, Lead Mobile, DevOps.",
	  "signoff:\n  roles: [Lead Backend, Lead Mobile, DevOps]"),
	F(ag_signoff, distinct_signers, AG_F_BOOL, 0, NULL, NULL,
	  "When true (the default), one person cannot sign every role of one RFC.",
	  "signoff:\n  distinct_signers: true"),
};
static const struct ag_schema signoff_schema =
	SCHEMA(ag_signoff, "signoff", signoff_fields, NULL);

static const struct ag_field waiver_fields[] = {
	F(ag_waiver, rule, AG_F_STR, AG_F_REQUIRED, NULL, NULL,
	  "The id of the rule whose finding is waived.", "- rule: build-needs-adr"),
	F(ag_waiver, file, AG_F_STR, 0, NULL, NULL,
	  "Only findings in this file (path relative to the repository root).",
	  "  file: arch/system.yaml"),
	F(ag_waiver, match, AG_F_STR, 0, NULL, NULL,
	  "Only findings whose message contains this text.", "  match: Search"),
	F(ag_waiver, reason, AG_F_STR, AG_F_REQUIRED, NULL, NULL,
	  "Why the finding is acceptable for now. Required: a waiver without a "
	  "reason is an order, not a decision.",
	  "  reason: vendor contract ends in March; ADR in progress"),
	F(ag_waiver, expires, AG_F_DATE, AG_F_REQUIRED, NULL, NULL,
	  "The last day the waiver applies. From the day after, it is expired, and "
	  "an expired waiver is itself an error, so nothing is waived forever by "
	  "accident.",
	  "  expires: 2027-03-31"),
	F(ag_waiver, by, AG_F_STR, 0, NULL, NULL, "Who granted the waiver.",
	  "  by: Dana (Lead Backend)"),
};
static const struct ag_schema waiver_schema =
	SCHEMA(ag_waiver, "waiver", waiver_fields, NULL);

static const struct ag_field risky_fields[] = {
	F(ag_change_class, trailers, AG_F_STRS, 0, NULL, NULL,
	  "Commit trailers that make a commit risky: `Key: value` (key and value "
	  "compared without case) or `Key` alone for any value.",
	  "risky:\n  trailers: [\"Risk: high\"]"),
	F(ag_change_class, paths, AG_F_STRS, 0, NULL, NULL,
	  "A commit that touches a file matching one of these patterns is risky. "
	  "Patterns as in .gitignore, from the repository root: `migrations/` or "
	  "`migrations/**` for a folder, `*.sql` at any depth, `!` to take a path "
	  "out again (as in .gitignore, nothing comes back out of an excluded "
	  "`migrations/`: write `migrations/**` then).",
	  "risky:\n  paths: [migrations/, infra/**]"),
	F(ag_change_class, labels, AG_F_STRS, 0, NULL, NULL,
	  "Labels that make every commit of the range risky, as CI hands them to "
	  "`gate deploy --labels` (the pull request's labels).",
	  "risky:\n  labels: [risky, db-migration]"),
	F(ag_change_class, prefixes, AG_F_STRS, 0, NULL, NULL,
	  "Conventional-commit types whose subjects make a commit risky (`feat` "
	  "matches `feat:`, `feat(api):` and `feat!:`).",
	  "risky:\n  prefixes: [feat, refactor]"),
};
static const struct ag_schema risky_schema =
	SCHEMA(ag_change_class, "risky", risky_fields, NULL);

static const struct ag_field fix_fields[] = {
	F(ag_change_class, trailers, AG_F_STRS, 0, NULL, NULL,
	  "Commit trailers that make a commit a fix: `Key: value` or `Key` alone. "
	  "Default `Change-Type: fix`.",
	  "fix:\n  trailers: [\"Change-Type: fix\"]"),
	F(ag_change_class, labels, AG_F_STRS, 0, NULL, NULL,
	  "Labels (`gate deploy --labels`) that make every commit of the range a "
	  "fix. Default none.",
	  "fix:\n  labels: [hotfix]"),
	F(ag_change_class, prefixes, AG_F_STRS, 0, NULL, NULL,
	  "Conventional-commit types of fixes: `fix` (the default) matches `fix:`, "
	  "`fix(scope):` and `fix!:`.",
	  "fix:\n  prefixes: [fix, revert]"),
};
static const struct ag_schema fix_schema =
	SCHEMA(ag_change_class, "fix", fix_fields, NULL);

static const struct ag_field budget_fields[] = {
	F(ag_budget_policy, freeze_at, AG_F_NUM, 0, NULL, NULL,
	  "Share of the error budget burnt at which risky changes freeze (the "
	  "seed: 'If you burn 50% of error budget, freeze risky changes'). "
	  "Default 0.5.",
	  "error_budget:\n  freeze_at: 0.5"),
	F(ag_budget_policy, freeze_all_at, AG_F_NUM, 0, NULL, NULL,
	  "Share of the error budget burnt at which everything but fixes freezes. "
	  "Default 1.0 (the budget is spent); at least freeze_at.",
	  "error_budget:\n  freeze_all_at: 1.0"),
	F(ag_budget_policy, risky, AG_F_OBJ, 0, &risky_schema, NULL,
	  "What makes a commit risky for the freeze (ADR 0052): any trailer, path, "
	  "label or prefix listed here. With none of them set, every commit that "
	  "is not a fix is risky.", NULL),
	F(ag_budget_policy, fix, AG_F_OBJ, 0, &fix_schema, NULL,
	  "What makes a commit a fix, which passes the freeze past freeze_all_at "
	  "unless it is also risky.", NULL),
	F(ag_budget_policy, min_events, AG_F_INT, 0, NULL, NULL,
	  "The minimum-traffic guard of `archgate slo rules`: no burn-rate alert "
	  "fires on a window with fewer events than this, so five failed "
	  "requests at night do not page anyone. Default 0 (no guard).",
	  "error_budget:\n  min_events: 100"),
	F(ag_budget_policy, events, AG_F_STR, 0, NULL, NULL,
	  "Where `gate deploy` reads SLO status for the freeze: an event file "
	  "(relative to the repository root) that counts the SLOs whose metric "
	  "sources are of type archgate-events.",
	  "error_budget:\n  events: logs/requests.ndjson"),
	F(ag_budget_policy, prometheus, AG_F_STR, 0, NULL, NULL,
	  "Or: the Prometheus whose counters `gate deploy` reads for the freeze "
	  "(loopback only).",
	  "error_budget:\n  prometheus: http://127.0.0.1:9090"),
};
static const struct ag_schema budget_schema =
	SCHEMA(ag_budget_policy, "error_budget", budget_fields, NULL);

static const struct ag_field review_fields[] = {
	F(ag_review_policy, required, AG_F_BOOL, 0, NULL, NULL,
	  "Every commit must be reviewed by someone other than its author before "
	  "deployment (default true).",
	  "review:\n  required: true"),
	F(ag_review_policy, trailers, AG_F_STRS, 0, NULL, NULL,
	  "Commit trailers that record a review (default Reviewed-by), as git reads the "
	  "trailer block at the end of a message (letters, digits and -); a name in the "
	  "subject or body is no review.",
	  "review:\n  trailers: [Reviewed-by, Approved-by]"),
	F(ag_review_policy, deploy_tags, AG_F_STR, 0, NULL, NULL,
	  "Glob of the git tags that mark deployments (default deploy/*); the commits "
	  "between two deploy tags must all be reviewed.",
	  "review:\n  deploy_tags: release-*"),
};
static const struct ag_schema review_schema =
	SCHEMA(ag_review_policy, "review", review_fields, NULL);

static const struct ag_field threshold_fields[] = {
	F(ag_thresholds, microservices_min_teams, AG_F_INT, 0, NULL, NULL,
	  "Fewer teams than this make a microservices style a red flag even with "
	  "an ADR (default 3).",
	  "thresholds:\n  microservices_min_teams: 3"),
	F(ag_thresholds, kubernetes_min_users, AG_F_INT, 0, NULL, NULL,
	  "Below this many users, Kubernetes is a red flag ('You are not Google'). "
	  "Default 1000000.",
	  "thresholds:\n  kubernetes_min_users: 1000000"),
	F(ag_thresholds, max_languages, AG_F_INT, 0, NULL, NULL,
	  "Most programming languages the organisation runs in production "
	  "(default: the languages in the radar's Adopt ring).",
	  "thresholds:\n  max_languages: 3"),
	F(ag_thresholds, big_bang_share, AG_F_NUM, 0, NULL, NULL,
	  "Switching more than this share of migration routes in one change is a "
	  "big-bang rewrite (default 0.5).",
	  "thresholds:\n  big_bang_share: 0.5"),
	F(ag_thresholds, data_gravity_gb, AG_F_NUM, 0, NULL, NULL,
	  "Cross-region data flows of at least this many GB a month are flagged "
	  "(\"move compute to the data\"). Default 1000.",
	  "thresholds:\n  data_gravity_gb: 1000"),
};
static const struct ag_schema threshold_schema =
	SCHEMA(ag_thresholds, "thresholds", threshold_fields, NULL);

static const struct ag_field events_fields[] = {
	F(ag_events_policy, min_json_share, AG_F_NUM, 0, NULL, NULL,
	  "Least share of non-blank event-log lines that must be JSON events for "
	  "`archgate events lint` to pass ('All logs must be JSON'). Default 0.99.",
	  "events:\n  min_json_share: 0.99"),
	F(ag_events_policy, min_field_coverage, AG_F_NUM, 0, NULL, NULL,
	  "Least share of events that must carry each of "
	  "observability.required_fields. Default 0.99.",
	  "events:\n  min_field_coverage: 0.99"),
};
static const struct ag_schema events_schema =
	SCHEMA(ag_events_policy, "events", events_fields, NULL);

static const struct ag_field radar_policy_fields[] = {
	F(ag_radar_policy, in_use, AG_F_STRS, 0, NULL, NULL,
	  "The kinds of evidence that make a technology \"in use\" for the radar rules "
	  "(radar-hold-in-use, radar-trial-needs-adr, radar-unlisted, radar-languages): "
	  "direct, dev, transitive, ci, image, infra. Default [direct, image, infra]: a "
	  "test dependency, a lockfile-only package or a CI setup step is shown by "
	  "`archgate radar scan` but does not count (ADR 0030).",
	  "radar:\n  in_use: [direct, image, infra, dev]"),
	F(ag_radar_policy, new_ring, AG_F_STR, 0, NULL, NULL,
	  "The ring `archgate radar scan --write` proposes for technologies found "
	  "but not on the radar (default assess).",
	  "radar:\n  new_ring: assess"),
};
static const struct ag_schema radar_policy_schema =
	SCHEMA(ag_radar_policy, "radar", radar_policy_fields, NULL);
static const struct ag_field api_fields[] = {
	F(ag_api_policy, specs, AG_F_STRS, 0, NULL, NULL,
	  "OpenAPI/Swagger specs to lint besides those containers name (openapi:): "
	  "glob(3) patterns (*, ?, [...], {a,b}) from the repository root, inside it.",
	  "api:\n  specs: [\"services/*/openapi.yaml\", \"api/*.json\"]"),
};
static const struct ag_schema api_schema = SCHEMA(ag_api_policy, "api", api_fields, NULL);

static const struct ag_field baseline_fields[] = {
	F(ag_baseline_policy, red_flags, AG_F_BOOL, 0, NULL, NULL,
	  "Let `archgate baseline` record red flags too (default false). The seed "
	  "says STOP at a red flag, so a baselined one no longer reopens Phase 1: "
	  "allow it only while adopting archgate on a repository that already has "
	  "them, with the baseline reviewed like code.",
	  "baseline:\n  red_flags: true"),
};
static const struct ag_schema baseline_policy_schema =
	SCHEMA(ag_baseline_policy, "baseline", baseline_fields, NULL);

static const struct ag_field sections_fields[] = {
	F(ag_sections_policy, status, AG_F_STRS, 0, NULL, NULL,
	  "Other names of the Status section or field.", "sections:\n  status: [Stav]"),
	F(ag_sections_policy, date, AG_F_STRS, 0, NULL, NULL,
	  "Other names of the Date field.", "sections:\n  date: [Datum schvaleni]"),
	F(ag_sections_policy, context, AG_F_STRS, 0, NULL, NULL,
	  "Other names of the Context section.", "sections:\n  context: [Kontekst]"),
	F(ag_sections_policy, decision, AG_F_STRS, 0, NULL, NULL,
	  "Other names of the Decision section.", "sections:\n  decision: [Besluit]"),
	F(ag_sections_policy, consequences, AG_F_STRS, 0, NULL, NULL,
	  "Other names of the Consequences section.", "sections:\n  consequences: [Gevolgen]"),
	F(ag_sections_policy, alternatives, AG_F_STRS, 0, NULL, NULL,
	  "Other names of the section that lists the options weighed.",
	  "sections:\n  alternatives: [Overwogen opties]"),
};
static const struct ag_schema sections_schema =
	SCHEMA(ag_sections_policy, "sections", sections_fields, NULL);

static const struct ag_field policy_fields[] = {
	F(ag_policy, version, AG_F_INT, 0, NULL, NULL,
	  "Version of this file's format; 1.", "version: 1"),
	F(ag_policy, decisions, AG_F_STR, 0, NULL, NULL,
	  "Folder of the decision records, relative to the arch folder. Default: "
	  "where the repository keeps them (.adr-dir, .log4brains.yml, "
	  "catalog-info.yaml, docs/adr, ...), else decisions.",
	  "decisions: decisions"),
	F(ag_policy, sections, AG_F_OBJ, 0, &sections_schema, NULL,
	  "Names of decision-record sections and fields in a language archgate "
	  "does not know (English, Chinese, Japanese, German, French, Spanish and "
	  "Portuguese are built in).", NULL),
	F(ag_policy, signoff, AG_F_OBJ, 0, &signoff_schema, NULL,
	  "RFC sign-off policy.", NULL),
	{"rules", AG_F_NODE, offsetof(struct ag_policy, rules_node), 0, NULL, NULL,
	 "Per-rule severity: `off`, `note`, `warning` or `error`. Rule ids are "
	 "listed by `archgate rules`.",
	 "rules:\n  latency-budget: error\n  buy-core: off"},
	F(ag_policy, waivers, AG_F_OBJS, 0, &waiver_schema, NULL,
	  "Findings accepted for a while, each with a reason and an expiry date.",
	  NULL),
	F(ag_policy, error_budget, AG_F_OBJ, 0, &budget_schema, NULL,
	  "Error-budget policy.", NULL),
	F(ag_policy, review, AG_F_OBJ, 0, &review_schema, NULL,
	  "Code-review policy ('fine-toothed comb' review before deployment).", NULL),
	F(ag_policy, thresholds, AG_F_OBJ, 0, &threshold_schema, NULL,
	  "Numbers that some rules compare against.", NULL),
	F(ag_policy, events, AG_F_OBJ, 0, &events_schema, NULL,
	  "Phase 2.5: how structured event logs must be (`archgate events lint`).", NULL),
	F(ag_policy, radar, AG_F_OBJ, 0, &radar_policy_schema, NULL,
	  "Phase 3: what counts as use of a technology for the radar rules, and the ring "
	  "of proposed entries.", NULL),
	F(ag_policy, api, AG_F_OBJ, 0, &api_schema, NULL,
	  "Phase 3: which API specs are linted (`archgate api lint`, docs/api.md).", NULL),
	F(ag_policy, baseline, AG_F_OBJ, 0, &baseline_policy_schema, NULL,
	  "What `archgate baseline` may record as known (arch/baseline.json).", NULL),
};

const struct ag_schema ag_policy_schema =
	SCHEMA(ag_policy, "archgate.yaml", policy_fields,
	       "The team's policy: how strictly the rules apply.");

int ag_policy_load(struct ag_loader *l, const struct ag_ynode *root,
		   struct ag_policy *p)
{
	int rc = ag_schema_load(l, &ag_policy_schema, root, p);
	if (rc)
		return rc;
	const struct ag_ynode *r = p->rules_node;
	if (r && !ag_yaml_is_null(r)) {
		if (r->kind != AG_Y_MAP) {
			ag_diags_add(l->diags, AG_SEV_ERROR, l->file, r->line, r->col,
				     "'rules' must be a mapping of rule id to severity, not %s",
				     ag_yaml_describe(r));
			l->errors++;
		} else {
			p->overrides = ag_arena_alloc(l->arena, (r->n / 2 + 1) * sizeof(*p->overrides));
			if (!p->overrides)
				return AG_ENOMEM;
			for (size_t i = 0; i + 1 < r->n; i += 2) {
				const struct ag_ynode *k = r->kids[i], *v = r->kids[i + 1];
				int sev = v->kind == AG_Y_SCALAR ? ag_severity_parse(v->str, v->len) : -1;
				if (sev < 0) {
					ag_diags_add(l->diags, AG_SEV_ERROR, l->file, v->line, v->col,
						     "severity of '%s' must be off, note, warning or "
						     "error, not '%s'", k->str,
						     v->kind == AG_Y_SCALAR ? v->str : ag_yaml_describe(v));
					l->errors++;
					continue;
				}
				struct ag_rule_override *o = &p->overrides[p->noverrides++];
				o->rule = k->str;
				o->sev = sev;
				o->pos = (struct ag_pos){l->file, k->line, k->col};
			}
		}
	}
	const struct ag_waiver *w = p->waivers.v;
	for (size_t i = 0; i < p->waivers.n; i++) {
		if (w[i].reason.set && w[i].reason.len < 10) {
			ag_diags_add(l->diags, AG_SEV_ERROR, l->file, w[i].reason.pos.line,
				     w[i].reason.pos.col,
				     "waiver reason '%s' is too short to explain anything; say why",
				     w[i].reason.s);
			l->errors++;
		}
	}
	const struct ag_scalar *shares[2] = {&p->events.min_json_share,
					     &p->events.min_field_coverage};
	for (int i = 0; i < 2; i++)
		if (shares[i]->set && (shares[i]->d < 0 || shares[i]->d > 1)) {
			ag_diags_addpos(l->diags, AG_SEV_ERROR, &shares[i]->pos,
					"'%s' is a share between 0 and 1, not %s",
					i ? "min_field_coverage" : "min_json_share", shares[i]->s);
			l->errors++;
		}
	p->radar.in_use_mask = p->radar.in_use.set ? 0 : AG_USE_DEFAULT_IN_USE;
	const struct ag_scalar *iu = p->radar.in_use.v;
	for (size_t i = 0; i < p->radar.in_use.n; i++) {
		int u = iu[i].set ? ag_use_parse(iu[i].s, iu[i].len) : -1;
		if (u < 0) {
			ag_diags_addpos(l->diags, AG_SEV_ERROR, &iu[i].pos,
					"'%s' is not an evidence kind (direct, dev, transitive, ci, "
					"image, infra)", iu[i].s ? iu[i].s : "null");
			l->errors++;
			continue;
		}
		p->radar.in_use_mask |= AG_USE_BIT(u);
	}
	const struct ag_scalar *me = &p->error_budget.min_events;
	if (me->set && me->i < 0) {
		ag_diags_addpos(l->diags, AG_SEV_ERROR, &me->pos,
				"'min_events' is a number of events, 0 or more, not %s", me->s);
		l->errors++;
	}
	const struct ag_scalar *fz = &p->error_budget.freeze_at;
	if (fz->set && (fz->d <= 0 || fz->d > 1)) {
		ag_diags_addpos(l->diags, AG_SEV_ERROR, &fz->pos,
				"'freeze_at' is a share of the budget between 0 and 1, not %s",
				fz->s);
		l->errors++;
	}
	const struct ag_scalar *fa = &p->error_budget.freeze_all_at;
	if (fa->set && (fa->d <= 0 || fa->d < ag_policy_freeze_at(p))) {
		ag_diags_addpos(l->diags, AG_SEV_ERROR, &fa->pos,
				"'freeze_all_at' is a share of the budget above 0 and at least "
				"freeze_at (%.4g), not %s", ag_policy_freeze_at(p), fa->s);
		l->errors++;
	}
	return 0;
}

double ag_policy_freeze_at(const struct ag_policy *p)
{
	return p && p->error_budget.freeze_at.set ? p->error_budget.freeze_at.d : 0.5;
}

double ag_policy_freeze_all_at(const struct ag_policy *p)
{
	return p && p->error_budget.freeze_all_at.set ? p->error_budget.freeze_all_at.d : 1.0;
}

long long ag_policy_min_events(const struct ag_policy *p)
{
	return p && p->error_budget.min_events.set && p->error_budget.min_events.i > 0
		       ? p->error_budget.min_events.i : 0;
}

int ag_policy_severity(const struct ag_policy *p, const char *rule_id, int dflt)
{
	for (size_t i = 0; i < p->noverrides; i++)
		if (!strcmp(p->overrides[i].rule, rule_id))
			return p->overrides[i].sev;
	return dflt;
}

unsigned ag_policy_in_use(const struct ag_policy *p)
{
	return p && p->radar.in_use.set ? p->radar.in_use_mask : AG_USE_DEFAULT_IN_USE;
}

const char *ag_policy_new_ring(const struct ag_policy *p)
{
	return p && p->radar.new_ring.set && p->radar.new_ring.len ? p->radar.new_ring.s
								    : "assess";
}

long long ag_policy_microservices_min_teams(const struct ag_policy *p)
{
	return p->thresholds.microservices_min_teams.set
		       ? p->thresholds.microservices_min_teams.i : 3;
}

double ag_policy_min_json_share(const struct ag_policy *p)
{
	return p && p->events.min_json_share.set ? p->events.min_json_share.d : 0.99;
}

double ag_policy_min_field_coverage(const struct ag_policy *p)
{
	return p && p->events.min_field_coverage.set ? p->events.min_field_coverage.d : 0.99;
}

size_t ag_policy_signoff_roles(const struct ag_policy *p, const char **out, size_t max)
{
	static const char *const seed[] = {"Lead Backend", "Lead Mobile", "DevOps"};
	const struct ag_scalar *r = p->signoff.roles.v;
	size_t n = p->signoff.roles.n, k = 0;
	/* none named (or an empty list): the seed's roles, never no sign-off */
	for (size_t i = 0; i < (n ? n : 3) && k < max; i++)
		out[k++] = n ? r[i].s : seed[i];
	return k;
}

bool ag_policy_distinct_signers(const struct ag_policy *p)
{
	return !p->signoff.distinct_signers.set || p->signoff.distinct_signers.b;
}
