/*
 * cli.c - option parsing and output helpers shared by the commands.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

static const struct {
	const char *name;
	bool takes_value;
} options[OPT__COUNT] = {
	[OPT_HELP] = {"help", false},     [OPT_DIR] = {"dir", true},
	[OPT_FORMAT] = {"format", true},  [OPT_PHASE] = {"phase", true},
	[OPT_COLOR] = {"color", true},    [OPT_NO_COLOR] = {"no-color", false},
	[OPT_EXAMPLE] = {"example", false},
	[OPT_SUPERSEDES] = {"supersedes", true}, [OPT_NO_EDIT] = {"no-edit", false},
	[OPT_TEMPLATE] = {"template", true},     [OPT_STATUS] = {"status", true},
	[OPT_TAG] = {"tag", true},               [OPT_SINCE] = {"since", true},
	[OPT_UNTIL] = {"until", true},           [OPT_IN] = {"in", true},
	[OPT_ROLE] = {"role", true},             [OPT_NAME] = {"name", true},
	[OPT_EMAIL] = {"email", true},           [OPT_DECIDERS] = {"deciders", true},
	[OPT_AUTHOR] = {"author", true},         [OPT_RED_FLAGS] = {"red-flags", false},
	[OPT_VIEW] = {"view", true},             [OPT_OUTPUT] = {"output", true},
	[OPT_BY] = {"by", true},                 [OPT_THREADS] = {"threads", true},
	[OPT_ERRORS] = {"errors", true},         [OPT_DURATION] = {"duration", true},
	[OPT_WHERE] = {"where", true},           [OPT_TIME_FIELD] = {"time-field", true},
	[OPT_SLOWEST] = {"slowest", true},       [OPT_NO_PROGRESS] = {"no-progress", false},
	[OPT_FROM] = {"from", true},
};

int cli_parse(const char *cmd, int argc, char **argv, unsigned allowed,
	      struct cli_args *out)
{
	memset(out, 0, sizeof(*out));
	allowed |= 1u << OPT_HELP | 1u << OPT_COLOR | 1u << OPT_NO_COLOR;
	/* Positional arguments are compacted to the front of argv[1..] in place
	 * (every slot written has already been read), so nothing is allocated. */
	out->pos = argv + 1;
	bool only_pos = false;
	for (int i = 1; i < argc; i++) {
		char *arg = argv[i];
		if (only_pos || arg[0] != '-' || !arg[1]) {
			out->pos[out->npos++] = arg;
			continue;
		}
		if (!strcmp(arg, "--")) {
			only_pos = true;
			continue;
		}
		if (!strcmp(arg, "-h")) {
			out->val[OPT_HELP] = "";
			continue;
		}
		if (arg[1] != '-')
			return cli_usage_error(cmd, "unknown option '%s'", arg);
		const char *name = arg + 2, *eq = strchr(name, '=');
		size_t nl = eq ? (size_t)(eq - name) : strlen(name);
		int id = -1;
		for (int k = 0; k < OPT__COUNT; k++)
			if (strlen(options[k].name) == nl && !strncmp(options[k].name, name, nl))
				id = k;
		if (id < 0 || !(allowed & (1u << id)))
			return cli_usage_error(cmd, "unknown option '--%.*s'", (int)nl, name);
		if (!options[id].takes_value) {
			if (eq)
				return cli_usage_error(cmd, "option '--%s' takes no value",
						       options[id].name);
			out->val[id] = "";
		} else if (eq) {
			out->val[id] = eq + 1;
		} else if (i + 1 < argc) {
			out->val[id] = argv[++i];
		} else {
			return cli_usage_error(cmd, "option '--%s' needs a value",
					       options[id].name);
		}
	}
	if (out->val[OPT_COLOR] && strcmp(out->val[OPT_COLOR], "auto") &&
	    strcmp(out->val[OPT_COLOR], "always") && strcmp(out->val[OPT_COLOR], "never"))
		return cli_usage_error(cmd, "--color must be auto, always or never, not '%s'",
				       out->val[OPT_COLOR]);
	return 0;
}

bool cli_color(const struct cli_args *a)
{
	if (a->val[OPT_NO_COLOR])
		return false;
	const char *c = a->val[OPT_COLOR];
	if (c && !strcmp(c, "always"))
		return true;
	if (c && !strcmp(c, "never"))
		return false;
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return false;
	const char *term = getenv("TERM");
	if (term && !strcmp(term, "dumb"))
		return false;
	return isatty(STDOUT_FILENO);
}

void cli_print_diags(const struct ag_diags *d, bool color)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct ag_diag *g = &d->v[i];
		if (g->file && g->line > 0)
			fprintf(stderr, "%s:%d:%d: ", g->file, g->line, g->col > 0 ? g->col : 1);
		else if (g->file)
			fprintf(stderr, "%s: ", g->file);
		else
			fprintf(stderr, "archgate: ");
		const char *sev = ag_severity_name(g->sev);
		if (color && g->sev == AG_SEV_ERROR)
			fprintf(stderr, "\033[1;31m%s\033[0m: %s\n", sev, g->message);
		else
			fprintf(stderr, "%s: %s\n", sev, g->message);
	}
	if (d->dropped)
		fprintf(stderr, "archgate: %zu more problem%s not shown\n", d->dropped,
			d->dropped == 1 ? "" : "s");
}

/* Colour on stderr: the same switches as stdout, but stderr's TTY. */
static bool color_stderr(const struct cli_args *a)
{
	if (a->val[OPT_NO_COLOR] || (a->val[OPT_COLOR] && !strcmp(a->val[OPT_COLOR], "never")))
		return false;
	if (a->val[OPT_COLOR] && !strcmp(a->val[OPT_COLOR], "always"))
		return true;
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	return !(nc && *nc) && !(term && !strcmp(term, "dumb")) && isatty(STDERR_FILENO);
}

int cli_load_parts(const struct cli_args *a, struct ag_model *m, unsigned parts)
{
	memset(m, 0, sizeof(*m)); /* releasable whatever happens below */
	char cwd[4096];
	if (!getcwd(cwd, sizeof(cwd))) {
		fprintf(stderr, "archgate: cannot determine the current folder: %s\n",
			strerror(errno));
		return AG_EXIT_USAGE;
	}
	char *dir = NULL;
	const char *explicit_dir = a->val[OPT_DIR];
	if (ag_model_find(explicit_dir, cwd, &dir)) {
		const char *want = explicit_dir ? explicit_dir : getenv("ARCHGATE_DIR");
		if (want && *want)
			fprintf(stderr, "archgate: '%s' is not a folder\n", want);
		else
			fprintf(stderr, "archgate: no arch/ folder here or in any parent "
				"folder\n(run 'archgate init' to create one, or use --dir)\n");
		return AG_EXIT_USAGE;
	}
	struct ag_diags d;
	ag_diags_init(&d);
	int rc = ag_model_load_parts(m, dir, parts, &d);
	if (ag_rules_check_policy(&m->policy, &d) && !rc)
		rc = AG_EINVAL;
	free(dir);
	cli_print_diags(&d, color_stderr(a));
	ag_diags_release(&d);
	if (rc == AG_ENOMEM) {
		fprintf(stderr, "archgate: out of memory\n");
		return AG_EXIT_USAGE;
	}
	if (!rc && parts == AG_LOAD_ALL && !m->has_system && !m->has_policy && m->adrs.n == 0)
		fprintf(stderr, "archgate: warning: '%s' has no system.yaml, archgate.yaml "
			"or decisions yet\n", m->arch_dir);
	return rc ? AG_EXIT_USAGE : 0;
}

int cli_load_model(const struct cli_args *a, struct ag_model *m)
{
	return cli_load_parts(a, m, AG_LOAD_ALL);
}

static bool exists_in(const char *dir, const char *name)
{
	char *p = ag_path_join(dir, name);
	bool yes = p && access(p, F_OK) == 0;
	free(p);
	return yes;
}

int cli_load_records(const struct cli_args *a, struct ag_model *m)
{
	memset(m, 0, sizeof(*m));
	char cwd[4096];
	if (!getcwd(cwd, sizeof(cwd))) {
		fprintf(stderr, "archgate: cannot determine the current folder: %s\n",
			strerror(errno));
		return AG_EXIT_USAGE;
	}
	char *dir = NULL;
	if (ag_model_find(a->val[OPT_DIR], cwd, &dir)) {
		const char *want = a->val[OPT_DIR] ? a->val[OPT_DIR] : getenv("ARCHGATE_DIR");
		if (want && *want) {
			fprintf(stderr, "archgate: '%s' is not a folder\n", want);
			return AG_EXIT_USAGE;
		}
		/* no arch/: the nearest repository root, else here */
		char root[4096];
		snprintf(root, sizeof(root), "%s", cwd);
		for (;;) {
			if (exists_in(root, ".git") || exists_in(root, ".adr-dir"))
				break;
			char *slash = strrchr(root, '/');
			if (!slash || slash == root) {
				snprintf(root, sizeof(root), "%s", cwd);
				break;
			}
			*slash = '\0';
		}
		size_t n = strlen(root) + 6;
		if (!(dir = malloc(n))) {
			fprintf(stderr, "archgate: out of memory\n");
			return AG_EXIT_USAGE;
		}
		snprintf(dir, n, "%s%sarch", root, strcmp(root, "/") ? "/" : "");
	}
	struct ag_diags d;
	ag_diags_init(&d);
	int rc = ag_model_load_parts(m, dir, AG_LOAD_POLICY | AG_LOAD_RECORDS, &d);
	if (ag_rules_check_policy(&m->policy, &d) && !rc)
		rc = AG_EINVAL;
	free(dir);
	cli_print_diags(&d, color_stderr(a));
	ag_diags_release(&d);
	if (rc == AG_ENOMEM)
		fprintf(stderr, "archgate: out of memory\n");
	return rc ? AG_EXIT_USAGE : 0;
}

void cli_today(char out[11])
{
	ag_date_format(ag_today(), out);
}

char *cli_git_config(const char *key)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "git config --get %s 2>/dev/null", key);
	FILE *f = popen(cmd, "r");
	if (!f)
		return NULL;
	char buf[512];
	char *res = NULL;
	if (fgets(buf, sizeof(buf), f)) {
		buf[strcspn(buf, "\r\n")] = '\0';
		if (*buf)
			res = strdup(buf);
	}
	pclose(f);
	return res;
}

int cli_write(const struct ag_buf *b)
{
	/* the one place a command's output is checked (base/buf.h, ADR-018) */
	if (ag_buf_err(b)) {
		fprintf(stderr, "archgate: cannot write output: %s\n", ag_strerror(ag_buf_err(b)));
		return AG_EXIT_USAGE;
	}
	if (b->len && fwrite(b->data, 1, b->len, stdout) != b->len) {
		fprintf(stderr, "archgate: cannot write output: %s\n", strerror(errno));
		return AG_EXIT_USAGE;
	}
	if (fflush(stdout)) {
		fprintf(stderr, "archgate: cannot write output: %s\n", strerror(errno));
		return AG_EXIT_USAGE;
	}
	return 0;
}

int cli_format(const char *cmd, const struct cli_args *a, unsigned allowed,
	       enum ag_format *out)
{
	*out = AG_FMT_TEXT;
	if (!a->val[OPT_FORMAT])
		return 0;
	int f = ag_format_parse(a->val[OPT_FORMAT]);
	if (f < 0 || !(allowed & (1u << f))) {
		struct ag_buf list = AG_BUF_INIT;
		for (int i = 0; i < 5; i++)
			if (allowed & (1u << i))
				ag_buf_printf(&list, "%s%s", list.len ? ", " : "",
					      ag_format_name((enum ag_format)i));
		int rc = cli_usage_error(cmd, "unknown format '%s' (use %s)", a->val[OPT_FORMAT],
					 list.data ? list.data : "");
		ag_buf_release(&list);
		return rc;
	}
	*out = (enum ag_format)f;
	return 0;
}
