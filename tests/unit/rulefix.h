/*
 * rulefix.h - the fixture the rule tests share: write a small arch/ folder,
 * load it, run the rules, and look at the findings. Each test file keeps
 * its own run() (what it writes around the model differs); this header has
 * what is the same in all of them. Include after test.h and util.h.
 */
#ifndef AG_TEST_RULEFIX_H
#define AG_TEST_RULEFIX_H

#include "model/model.h"
#include "rules/rules.h"

struct rfix {
	char *tmp;
	struct ag_model m;
	struct ag_diags diags;
	struct ag_result res;
	int rc;
};

static UNUSED_ void done(struct rfix *f)
{
	ag_result_release(&f->res);
	ag_model_release(&f->m);
	ag_diags_release(&f->diags);
	rm_rf(f->tmp);
	free(f->tmp);
}

static UNUSED_ size_t count(const struct rfix *f, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < f->res.findings.n; i++)
		n += !strcmp(f->res.findings.v[i].rule->id, rule);
	return n;
}

/* The first finding of `rule` whose message contains `needle` ("" for any). */
static UNUSED_ const struct ag_finding *find_msg(const struct rfix *f, const char *rule,
						 const char *needle)
{
	for (size_t i = 0; i < f->res.findings.n; i++) {
		const struct ag_finding *g = &f->res.findings.v[i];
		if (!strcmp(g->rule->id, rule) && strstr(g->message, needle))
			return g;
	}
	return NULL;
}

static UNUSED_ void dump(const struct rfix *f)
{
	for (size_t i = 0; i < f->res.findings.n; i++) {
		const struct ag_finding *g = &f->res.findings.v[i];
		fprintf(stderr, "    %s:%d:%d: %s: %s [%s, phase %s]%s\n",
			g->file ? g->file : "(none)", g->line, g->col, ag_severity_name(g->sev),
			g->message, g->rule->id, g->phase, g->waiver ? " (waived)" : "");
	}
}

#endif
