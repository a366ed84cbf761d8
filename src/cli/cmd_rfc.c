/*
 * cmd_rfc.c - `archgate rfc ...`: design documents with alternatives and a
 * sign-off by the roles in archgate.yaml.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "records/adr_edit.h"
#include "cli.h"

const char *const usage_rfc[] = {
	"archgate rfc <new|sign|status|list|accept|reject|withdraw|review> ...", "",
	"RFCs in arch/rfcs/: Summary, Motivation, Proposal, Alternatives Considered,",
	"Data Flow & Consistency, Failure Modes, Cost and a Sign-off table with the",
	"roles of archgate.yaml (default Lead Backend, Lead Mobile, DevOps).", "",
	"  rfc new TITLE [--author NAME]",
	"  rfc sign N --role ROLE [--name NAME] [--email EMAIL]",
	"                          record a sign-off (name and email default to git",
	"                          config user.name and user.email); a role signs once,",
	"                          and one person cannot sign every role",
	"  rfc status N [--format json]   who signed, who is still missing",
	"  rfc list [--format json]",
	"  rfc accept N            set Accepted; refused until every role has signed",
	"  rfc review|reject|withdraw N", "",
	"Examples:",
	"  archgate rfc new \"Move sessions to Redis\"",
	"  archgate rfc sign 1 --role DevOps",
	"  archgate rfc status 1", NULL};

static const char *const default_roles[] = {"Lead Backend", "Lead Mobile", "DevOps"};

/* Roles from the policy, or the seed's three. `buf` must hold 64. */
static size_t roles_of(const struct ag_model *m, const char **buf)
{
	const struct ag_scalar *r = m->policy.signoff.roles.v;
	size_t n = m->policy.signoff.roles.n;
	if (!m->policy.signoff.roles.set) {
		for (size_t i = 0; i < 3; i++)
			buf[i] = default_roles[i];
		return 3;
	}
	for (size_t i = 0; i < n && i < 64; i++)
		buf[i] = r[i].s;
	return n < 64 ? n : 64;
}

static bool distinct(const struct ag_model *m)
{
	return !m->policy.signoff.distinct_signers.set || m->policy.signoff.distinct_signers.b;
}

static const struct ag_rfc *find(const struct ag_model *m, const char *ref)
{
	bool amb;
	const struct ag_rfc *r = ag_rfcs_find(&m->rfcs, ref, &amb);
	if (!r)
		fprintf(stderr, "archgate rfc: %s RFC '%s' in %s\n", amb ? "more than one" : "no",
			ref, m->rfcs.dir_rel);
	return r;
}

static int load(const struct cli_args *a, struct ag_model *m)
{
	int rc = cli_load_records(a, m);
	if (rc)
		ag_model_release(m);
	return rc;
}

static int rfc_new(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("rfc", argc, argv, 1u << OPT_DIR | 1u << OPT_AUTHOR, &a);
	if (rc)
		return rc;
	if (a.npos != 1)
		return cli_usage_error("rfc", "rfc new takes one TITLE (quote it)");
	const char *problem = ag_adr_title_problem(a.pos[0]);
	if (problem)
		return cli_usage_error("rfc", "%s", problem);
	struct ag_model m;
	if ((rc = load(&a, &m)))
		return rc;
	const char *roles[64];
	size_t nroles = roles_of(&m, roles);
	char today[11];
	cli_today(today);
	char *author = a.val[OPT_AUTHOR] ? strdup(a.val[OPT_AUTHOR]) : cli_git_config("user.name");
	char *path = NULL;
	int number;
	rc = ag_rfc_create(m.rfcs.dir, a.pos[0], roles, nroles, today,
			   author ? author : "[Names]", &path, &number);
	if (rc)
		fprintf(stderr, "archgate rfc: cannot create an RFC in '%s': %s\n", m.rfcs.dir,
			ag_strerror(rc));
	else
		printf("%s\n", path);
	free(author);
	free(path);
	ag_model_release(&m);
	return rc ? AG_EXIT_USAGE : 0;
}

static int rfc_sign(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("rfc", argc, argv, 1u << OPT_DIR | 1u << OPT_ROLE | 1u << OPT_NAME |
			   1u << OPT_EMAIL, &a);
	if (rc)
		return rc;
	if (a.npos != 1 || !a.val[OPT_ROLE])
		return cli_usage_error("rfc", "rfc sign takes N and --role ROLE");
	char *name = a.val[OPT_NAME] ? strdup(a.val[OPT_NAME]) : cli_git_config("user.name");
	char *email = a.val[OPT_EMAIL] ? strdup(a.val[OPT_EMAIL]) : cli_git_config("user.email");
	if (!name || !email) {
		free(name);
		free(email);
		return cli_usage_error("rfc", "who is signing? set git config user.name and "
				       "user.email, or pass --name and --email");
	}
	struct ag_model m;
	if ((rc = load(&a, &m))) {
		free(name);
		free(email);
		return rc;
	}
	const struct ag_rfc *r = find(&m, a.pos[0]);
	struct ag_diags d;
	ag_diags_init(&d);
	const char *roles[64];
	size_t nroles = roles_of(&m, roles);
	char today[11];
	cli_today(today);
	rc = r ? ag_rfc_sign(&m.rfcs, r, a.val[OPT_ROLE], name, email, today, roles, nroles,
			     distinct(&m), &d)
	       : AG_ENOENT;
	if (!rc)
		printf("%s: signed as %s by %s <%s> on %s\n", r->file, a.val[OPT_ROLE], name, email,
		       today);
	cli_print_diags(&d, false);
	ag_diags_release(&d);
	ag_model_release(&m);
	free(name);
	free(email);
	/* a refused signature is a failed gate (1); a missing RFC is bad usage */
	return !rc ? 0 : rc == AG_EINVAL ? AG_EXIT_FAIL : AG_EXIT_USAGE;
}

static int rfc_status(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("rfc", argc, argv, 1u << OPT_DIR | 1u << OPT_FORMAT, &a);
	if (rc)
		return rc;
	if (a.npos != 1)
		return cli_usage_error("rfc", "rfc status takes one RFC (number or file name)");
	enum ag_format fmt;
	if ((rc = cli_format("rfc", &a, 1u << AG_FMT_TEXT | 1u << AG_FMT_JSON, &fmt)))
		return rc;
	struct ag_model m;
	if ((rc = load(&a, &m)))
		return rc;
	const struct ag_rfc *r = find(&m, a.pos[0]);
	if (!r) {
		ag_model_release(&m);
		return AG_EXIT_USAGE;
	}
	const char *roles[64];
	size_t nroles = roles_of(&m, roles), missing = 0;
	struct ag_buf b = AG_BUF_INIT;
	if (fmt == AG_FMT_JSON) {
		ag_buf_adds(&b, "{\"file\":");
		ag_buf_json_str(&b, r->file, strlen(r->file));
		ag_buf_adds(&b, ",\"title\":");
		ag_buf_json_str(&b, r->title, strlen(r->title));
		ag_buf_printf(&b, ",\"status\":\"%s\",\"signoffs\":[", ag_rfc_status_name(r->status));
	} else {
		ag_buf_printf(&b, "%s: %s\nStatus: %s\n\n", r->file, r->title,
			      ag_rfc_status_name(r->status));
	}
	for (size_t i = 0; i < nroles; i++) {
		const struct ag_signature *s = ag_rfc_signature(r, roles[i]);
		bool ok = s && *s->name;
		missing += !ok;
		if (fmt == AG_FMT_JSON) {
			ag_buf_adds(&b, i ? ",{\"role\":" : "{\"role\":");
			ag_buf_json_str(&b, roles[i], strlen(roles[i]));
			ag_buf_printf(&b, ",\"signed\":%s", ok ? "true" : "false");
			if (ok) {
				ag_buf_adds(&b, ",\"name\":");
				ag_buf_json_str(&b, s->name, strlen(s->name));
				ag_buf_adds(&b, ",\"email\":");
				ag_buf_json_str(&b, s->email, strlen(s->email));
				ag_buf_adds(&b, ",\"date\":");
				ag_buf_json_str(&b, s->date, strlen(s->date));
			}
			ag_buf_addc(&b, '}');
		} else if (ok) {
			ag_buf_printf(&b, "  [x] %-16s %s <%s>, %s\n", roles[i], s->name, s->email, s->date);
		} else {
			ag_buf_printf(&b, "  [ ] %-16s missing\n", roles[i]);
		}
	}
	if (fmt == AG_FMT_JSON)
		ag_buf_printf(&b, "],\"missing\":%zu}\n", missing);
	else if (missing)
		ag_buf_printf(&b, "\n%zu sign-off%s missing\n", missing, missing == 1 ? "" : "s");
	else
		ag_buf_adds(&b, "\nEvery role has signed.\n");
	rc = cli_write(&b);
	ag_buf_release(&b);
	ag_model_release(&m);
	return rc;
}

static int rfc_list(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("rfc", argc, argv, 1u << OPT_DIR | 1u << OPT_FORMAT, &a);
	if (rc)
		return rc;
	enum ag_format fmt;
	if ((rc = cli_format("rfc", &a, 1u << AG_FMT_TEXT | 1u << AG_FMT_JSON, &fmt)))
		return rc;
	struct ag_model m;
	if ((rc = load(&a, &m)))
		return rc;
	struct ag_buf b = AG_BUF_INIT;
	if (fmt == AG_FMT_JSON)
		ag_buf_addc(&b, '[');
	for (size_t i = 0; i < m.rfcs.n; i++) {
		const struct ag_rfc *r = &m.rfcs.v[i];
		size_t signed_n = 0;
		for (size_t k = 0; k < r->nsigs; k++)
			signed_n += *r->sigs[k].name != '\0';
		if (fmt == AG_FMT_JSON) {
			ag_buf_printf(&b, "%s{\"number\":%d,\"title\":", i ? "," : "", r->number);
			ag_buf_json_str(&b, r->title, strlen(r->title));
			ag_buf_printf(&b, ",\"status\":\"%s\",\"file\":", ag_rfc_status_name(r->status));
			ag_buf_json_str(&b, r->file, strlen(r->file));
			ag_buf_printf(&b, ",\"signed\":%zu,\"roles\":%zu}", signed_n, r->nsigs);
		} else {
			ag_buf_printf(&b, "%04d  %-10s %zu/%zu signed  %s\n", r->number,
				      ag_rfc_status_name(r->status), signed_n, r->nsigs, r->title);
		}
	}
	if (fmt == AG_FMT_JSON)
		ag_buf_adds(&b, "]\n");
	rc = cli_write(&b);
	ag_buf_release(&b);
	ag_model_release(&m);
	return rc;
}

static int rfc_set(int argc, char **argv, enum ag_rfc_status st)
{
	struct cli_args a;
	int rc = cli_parse("rfc", argc, argv, 1u << OPT_DIR, &a);
	if (rc)
		return rc;
	if (a.npos != 1)
		return cli_usage_error("rfc", "expected one RFC (number or file name)");
	struct ag_model m;
	if ((rc = load(&a, &m)))
		return rc;
	const struct ag_rfc *r = find(&m, a.pos[0]);
	const char *roles[64];
	size_t nroles = roles_of(&m, roles);
	struct ag_diags d;
	ag_diags_init(&d);
	rc = r ? ag_rfc_set_status(&m.rfcs, r, st, roles, nroles, &d) : AG_ENOENT;
	if (!rc)
		printf("%s: %s\n", r->file, ag_rfc_status_name(st));
	cli_print_diags(&d, false);
	ag_diags_release(&d);
	ag_model_release(&m);
	return !rc ? 0 : rc == AG_EINVAL && r ? AG_EXIT_FAIL : AG_EXIT_USAGE;
}

int cmd_rfc(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		cli_help("rfc");
		return argc < 2 ? AG_EXIT_USAGE : 0;
	}
	for (int i = 2; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			cli_help("rfc");
			return 0;
		}
	const char *sub = argv[1];
	if (!strcmp(sub, "new"))
		return rfc_new(argc - 1, argv + 1);
	if (!strcmp(sub, "sign"))
		return rfc_sign(argc - 1, argv + 1);
	if (!strcmp(sub, "status"))
		return rfc_status(argc - 1, argv + 1);
	if (!strcmp(sub, "list"))
		return rfc_list(argc - 1, argv + 1);
	if (!strcmp(sub, "accept"))
		return rfc_set(argc - 1, argv + 1, AG_RFC_ACCEPTED);
	if (!strcmp(sub, "reject"))
		return rfc_set(argc - 1, argv + 1, AG_RFC_REJECTED);
	if (!strcmp(sub, "withdraw"))
		return rfc_set(argc - 1, argv + 1, AG_RFC_WITHDRAWN);
	if (!strcmp(sub, "review"))
		return rfc_set(argc - 1, argv + 1, AG_RFC_REVIEW);
	return cli_usage_error("rfc", "unknown subcommand '%s'", sub);
}
