/*
 * cmd_rfc.c - `archgate rfc ...`: design documents with alternatives and a
 * sign-off by the roles in archgate.yaml.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "records/adr_edit.h"
#include "records/records_report.h"
#include "cli.h"

static const char *const rfc_usage[] = {
	"archgate rfc <new|sign|status|list|accept|reject|withdraw|review> ...", "",
	"RFCs in arch/rfcs/: Summary, Motivation, Proposal, Alternatives Considered,",
	"Data Flow & Consistency, Failure Modes, Cost and a Sign-off table with the",
	"roles of archgate.yaml (default Lead Backend, Lead Mobile, DevOps).",
	"N is an RFC's number or file name.", "",
	"Examples:",
	"  archgate rfc new \"Move sessions to Redis\"",
	"  archgate rfc sign 1 --role DevOps",
	"  archgate rfc status 1", NULL};

/* The roles that sign, from the policy (or the seed's three). */
static size_t roles_of(const struct ag_model *m, const char **buf)
{
	return ag_policy_signoff_roles(&m->policy, buf, 64);
}

static const struct ag_rfc *find(const struct ag_model *m, const char *ref)
{
	bool amb;
	const struct ag_rfc *r = ag_rfcs_find(&m->rfcs, ref, &amb);
	struct ag_buf t1 = AG_BUF_INIT, t2 = AG_BUF_INIT; /* for the terminal (ADR-023) */
	if (!r)
		fprintf(stderr, "archgate rfc: %s RFC '%s' in %s\n", amb ? "more than one" : "no",
			ag_text_in(&t1, ref), ag_text_in(&t2, m->rfcs.dir_rel));
	ag_buf_release(&t1);
	ag_buf_release(&t2);
	return r;
}

static const char *const new_usage[] = {
	"archgate rfc new TITLE [--author NAME]", "",
	"Write the next arch/rfcs/NNNN-slug.md in the RFC template, status Draft,",
	"with a sign-off row for each role. Prints the path.", "",
	"Example:", "  archgate rfc new \"Move sessions to Redis\"", NULL};

enum { NEW_AUTHOR };
static const struct cli_option new_options[] = {
	[NEW_AUTHOR] = CLI_VALUE("author", "NAME", "the author (default: git config user.name)"),
};

static const char *rfcs_dir(const struct ag_model *m)
{
	return m->rfcs.dir;
}

static int rfc_new(struct cli_ctx *c)
{
	int rc;
	if (c->npos != 1)
		return cli_usage_error(c, "expected one TITLE (quote it)");
	const char *problem = ag_adr_title_problem(c->pos[0]);
	if (problem)
		return cli_usage_error(c, "%s", problem);
	if (c->opt[NEW_AUTHOR] && (problem = ag_text_problem(c->opt[NEW_AUTHOR])))
		return cli_usage_error(c, "--author %s", problem);
	const struct ag_model *m;
	if ((rc = cli_model(c, &m)))
		return rc;
	const char *roles[64];
	size_t nroles = roles_of(m, roles);
	char today[11];
	cli_today(today);
	char *author = c->opt[NEW_AUTHOR] ? strdup(c->opt[NEW_AUTHOR]) : cli_git_config("user.name");
	char *path = NULL;
	int number;
	rc = ag_rfc_create(m->rfcs.dir, c->pos[0], roles, nroles, today,
			   author ? author : "[Names]", &path, &number);
	if (rc)
		fprintf(stderr, "archgate rfc: cannot create an RFC in '%s': %s\n", m->rfcs.dir,
			ag_strerror(rc));
	else
		printf("%s\n", path);
	free(author);
	free(path);
	return rc ? AG_EXIT_USAGE : 0;
}

static const struct cli_command rfc_new_cmd = {
	.name = "new", .summary = "Write a new RFC with a sign-off table",
	.usage = new_usage, CLI_OPTIONS(new_options), CLI_RECORDS, .run = rfc_new,
};

static const char *const sign_usage[] = {
	"archgate rfc sign N --role ROLE [--name NAME] [--email EMAIL]", "",
	"Record a sign-off of RFC N for ROLE, with today's date. A role signs",
	"once, and one person cannot sign every role (signoff.distinct_signers).",
	"Exit 1 when the signature is refused.", "",
	"Example:", "  archgate rfc sign 1 --role DevOps", NULL};

enum { SIGN_ROLE, SIGN_NAME, SIGN_EMAIL };
static const struct cli_option sign_options[] = {
	[SIGN_ROLE] = CLI_VALUE("role", "ROLE", "the role signing (one of archgate.yaml's roles)"),
	[SIGN_NAME] = CLI_VALUE("name", "NAME", "who signs (default: git config user.name)"),
	[SIGN_EMAIL] = CLI_VALUE("email", "EMAIL", "their email (default: git config user.email)"),
};

static int rfc_sign(struct cli_ctx *c)
{
	int rc;
	if (c->npos != 1 || !c->opt[SIGN_ROLE])
		return cli_usage_error(c, "expected N and --role ROLE");
	char *name = c->opt[SIGN_NAME] ? strdup(c->opt[SIGN_NAME]) : cli_git_config("user.name");
	char *email = c->opt[SIGN_EMAIL] ? strdup(c->opt[SIGN_EMAIL]) : cli_git_config("user.email");
	if (!name || !email) {
		free(name);
		free(email);
		return cli_usage_error(c, "who is signing? set git config user.name and "
				       "user.email, or pass --name and --email");
	}
	const char *problem = ag_text_problem(name) ? ag_text_problem(name)
						    : ag_text_problem(email);
	if (problem || ag_text_problem(c->opt[SIGN_ROLE])) {
		const char *which = ag_text_problem(name) ? "--name" : ag_text_problem(email)
						? "--email" : "--role";
		if (!problem)
			problem = ag_text_problem(c->opt[SIGN_ROLE]);
		free(name);
		free(email);
		return cli_usage_error(c, "%s %s", which, problem);
	}
	const struct ag_model *m;
	if ((rc = cli_model_locked(c, rfcs_dir, &m))) {
		free(name);
		free(email);
		return rc;
	}
	const struct ag_rfc *r = find(m, c->pos[0]);
	struct ag_diags d;
	ag_diags_init(&d);
	const char *roles[64];
	size_t nroles = roles_of(m, roles);
	char today[11];
	cli_today(today);
	rc = r ? ag_rfc_sign(&m->rfcs, r, c->opt[SIGN_ROLE], name, email, today, roles, nroles,
			     ag_policy_distinct_signers(&m->policy), &d)
	       : AG_ENOENT;
	if (!rc)
		printf("%s: signed as %s by %s <%s> on %s\n", cli_text(c, r->file),
		       cli_text(c, c->opt[SIGN_ROLE]), cli_text(c, name), cli_text(c, email), today);
	cli_print_diags(&d, false);
	ag_diags_release(&d);
	free(name);
	free(email);
	/* a refused signature is a failed gate (1); a missing RFC is bad usage */
	return !rc ? 0 : rc == AG_EINVAL ? AG_EXIT_FAIL : AG_EXIT_USAGE;
}

static const struct cli_command rfc_sign_cmd = {
	.name = "sign", .summary = "Record a sign-off for a role",
	.usage = sign_usage, CLI_OPTIONS(sign_options), CLI_RECORDS, .run = rfc_sign,
};

static const char *const status_usage[] = {
	"archgate rfc status N [--format FMT]", "",
	"Who signed RFC N, and which roles are still missing.", "",
	"Example:", "  archgate rfc status 1", NULL};

static int rfc_status(struct cli_ctx *c)
{
	int rc;
	if (c->npos != 1)
		return cli_usage_error(c, "expected one RFC (number or file name)");
	enum ag_format fmt = c->format;
	const struct ag_model *m;
	if ((rc = cli_model(c, &m)))
		return rc;
	const struct ag_rfc *r = find(m, c->pos[0]);
	if (!r) {
		return AG_EXIT_USAGE;
	}
	const char *roles[64];
	size_t nroles = roles_of(m, roles);
	struct ag_buf b = AG_BUF_INIT;
	rc = cli_output(c, &b, ag_rfc_status_report(&b, fmt == AG_FMT_JSON, r, roles, nroles));
	return rc;
}

static const struct cli_command rfc_status_cmd = {
	.name = "status", .summary = "Who signed, who is still missing",
	.usage = status_usage, .formats = CLI_TEXT_JSON, CLI_RECORDS, .run = rfc_status,
};

static const char *const list_usage[] = {
	"archgate rfc list [--format FMT]", "",
	"List the RFCs: number, status, sign-offs and title.", "",
	"Example:", "  archgate rfc list --format json", NULL};

static int rfc_list(struct cli_ctx *c)
{
	int rc;
	enum ag_format fmt = c->format;
	const struct ag_model *m;
	if ((rc = cli_model(c, &m)))
		return rc;
	struct ag_buf b = AG_BUF_INIT;
	rc = cli_output(c, &b, ag_rfcs_list_report(&b, fmt == AG_FMT_JSON, &m->rfcs));
	return rc;
}

static const struct cli_command rfc_list_cmd = {
	.name = "list", .summary = "List the RFCs with their sign-offs",
	.usage = list_usage, .formats = CLI_TEXT_JSON, CLI_RECORDS, .run = rfc_list,
};

static const char *const accept_usage[] = {
	"archgate rfc accept N", "",
	"Set RFC N's status to Accepted; refused (exit 1) until every role has",
	"signed.", "", "Example:", "  archgate rfc accept 1", NULL};
static const char *const reject_usage[] = {
	"archgate rfc reject N", "", "Set RFC N's status to Rejected.", "",
	"Example:", "  archgate rfc reject 1", NULL};
static const char *const withdraw_usage[] = {
	"archgate rfc withdraw N", "", "Set RFC N's status to Withdrawn.", "",
	"Example:", "  archgate rfc withdraw 1", NULL};
static const char *const review_usage[] = {
	"archgate rfc review N", "", "Set RFC N's status to In Review.", "",
	"Example:", "  archgate rfc review 1", NULL};

/* arg: the status to set. */
static int rfc_set(struct cli_ctx *c)
{
	enum ag_rfc_status st = (enum ag_rfc_status)c->cmd->arg;
	int rc;
	if (c->npos != 1)
		return cli_usage_error(c, "expected one RFC (number or file name)");
	const struct ag_model *m;
	if ((rc = cli_model_locked(c, rfcs_dir, &m)))
		return rc;
	const struct ag_rfc *r = find(m, c->pos[0]);
	const char *roles[64];
	size_t nroles = roles_of(m, roles);
	struct ag_diags d;
	ag_diags_init(&d);
	rc = r ? ag_rfc_set_status(&m->rfcs, r, st, roles, nroles, &d) : AG_ENOENT;
	if (!rc)
		printf("%s: %s\n", cli_text(c, r->file), ag_rfc_status_name(st));
	cli_print_diags(&d, false);
	ag_diags_release(&d);
	return !rc ? 0 : rc == AG_EINVAL && r ? AG_EXIT_FAIL : AG_EXIT_USAGE;
}

static const struct cli_command rfc_accept_cmd = {
	.name = "accept", .summary = "Set Accepted; refused until every role has signed",
	.usage = accept_usage, CLI_RECORDS, .run = rfc_set, .arg = AG_RFC_ACCEPTED,
};

static const struct cli_command rfc_reject_cmd = {
	.name = "reject", .summary = "Set Rejected", .usage = reject_usage, CLI_RECORDS,
	.run = rfc_set, .arg = AG_RFC_REJECTED,
};

static const struct cli_command rfc_withdraw_cmd = {
	.name = "withdraw", .summary = "Set Withdrawn", .usage = withdraw_usage, CLI_RECORDS,
	.run = rfc_set, .arg = AG_RFC_WITHDRAWN,
};

static const struct cli_command rfc_review_cmd = {
	.name = "review", .summary = "Set In Review", .usage = review_usage, CLI_RECORDS,
	.run = rfc_set, .arg = AG_RFC_REVIEW,
};

const struct cli_command cli_cmd_rfc = {
	.name = "rfc", .summary = "RFCs: new, sign, status, list, accept", .usage = rfc_usage,
	.subs = CLI_SUBS(&rfc_new_cmd, &rfc_sign_cmd, &rfc_status_cmd, &rfc_list_cmd,
			 &rfc_accept_cmd, &rfc_reject_cmd, &rfc_withdraw_cmd, &rfc_review_cmd),
};
