/*
 * cli.c - the one way through the command tree (see cli.h): option parsing
 * from each command's own table, subcommand dispatch with did-you-mean, the
 * setup a command's table asks for, and the output helpers every command
 * shares.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "base/fsutil.h"
#include "base/proc.h"
#include "records/adr_edit.h"
#include "cli.h"

/* Options the framework adds to a command's own table (help texts are in
 * cli_help.c's renderer, which lists them the same way). */
const struct cli_option cli_format_option = CLI_VALUE("format", "FMT", NULL);
const struct cli_option cli_dir_option =
	CLI_VALUE("dir", "DIR", "the arch folder (default: $ARCHGATE_DIR, or the first\n"
		  "arch/ found walking up from the current folder)");
enum { COMMON_COLOR, COMMON_NO_COLOR, COMMON_HELP };
const struct cli_option cli_common_options[CLI_NCOMMON] = {
	[COMMON_COLOR] = CLI_VALUE("color", "WHEN", "auto, always or never (NO_COLOR is honoured)"),
	[COMMON_NO_COLOR] = CLI_FLAG("no-color", "the same as --color never"),
	[COMMON_HELP] = {.name = "help", .short_name = 'h',
			 .help = "the command's help, with an example"},
};

static size_t count_subs(const struct cli_command *cmd)
{
	size_t n = 0;
	while (cmd->subs && cmd->subs[n])
		n++;
	return n;
}

const struct cli_command *cli_find_sub(const struct cli_command *cmd, const char *name)
{
	for (size_t i = 0; cmd->subs && cmd->subs[i]; i++)
		if (!strcmp(cmd->subs[i]->name, name))
			return cmd->subs[i];
	return NULL;
}

int cli_usage_error(const struct cli_ctx *c, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "archgate%s%s: ", *c->name ? " " : "", c->name);
	/* the message quotes arguments: escaped for the terminal (ADR-023) */
	struct ag_buf m = AG_BUF_INIT, t = AG_BUF_INIT;
	va_start(ap, fmt);
	int rc = ag_buf_vprintf(&m, fmt, ap);
	va_end(ap);
	if (!rc)
		rc = ag_buf_text_str(&t, m.data, m.len);
	fputs(rc ? "out of memory" : t.data, stderr);
	ag_buf_release(&m);
	ag_buf_release(&t);
	fprintf(stderr, "\nusage: %s\n(see 'archgate %s%s--help')\n", c->cmd->usage[0], c->name,
		*c->name ? " " : "");
	return AG_EXIT_USAGE;
}

/* ---- options -------------------------------------------------------------------------- */

/* Where a parsed option's value goes. */
enum slot { SLOT_OWN, SLOT_FORMAT, SLOT_DIR, SLOT_COMMON };

struct match {
	const struct cli_option *o;
	enum slot slot;
	size_t i;
};

/* Every option `cmd` takes, in the order --help lists them; `leaf` adds the
 * framework's (parents take only -h/--help). Calls fn for each until it
 * returns true; returns whether one did. */
static bool each_option(const struct cli_command *cmd, bool leaf,
			bool (*fn)(const struct match *m, void *ctx), void *ctx)
{
	struct match m;
	for (size_t i = 0; i < cmd->noptions; i++) {
		m = (struct match){&cmd->options[i], SLOT_OWN, i};
		if (cmd->options[i].name && fn(&m, ctx))
			return true;
	}
	if (leaf && cmd->formats) {
		m = (struct match){&cli_format_option, SLOT_FORMAT, 0};
		if (fn(&m, ctx))
			return true;
	}
	if (leaf && cmd->arch != CLI_ARCH_NONE) {
		m = (struct match){&cli_dir_option, SLOT_DIR, 0};
		if (fn(&m, ctx))
			return true;
	}
	for (size_t i = leaf ? 0 : COMMON_HELP; i < CLI_NCOMMON; i++) {
		m = (struct match){&cli_common_options[i], SLOT_COMMON, i};
		if (fn(&m, ctx))
			return true;
	}
	return false;
}

struct lookup {
	const char *name; /* long name (not NUL-terminated at nl) or NULL for short */
	size_t nl;
	char short_name;
	struct match found;
	const char *names[256]; /* every long name, for did-you-mean */
	size_t nnames;
};

static bool lookup_one(const struct match *m, void *ctx)
{
	struct lookup *l = ctx;
	if (l->name) {
		if (l->nnames < sizeof(l->names) / sizeof(l->names[0]))
			l->names[l->nnames++] = m->o->name;
		if (strlen(m->o->name) == l->nl && !strncmp(m->o->name, l->name, l->nl)) {
			l->found = *m;
			return true;
		}
	} else if (m->o->short_name && m->o->short_name == l->short_name) {
		l->found = *m;
		return true;
	}
	return false;
}

static void set_value(struct cli_ctx *c, const struct match *m, const char *v)
{
	switch (m->slot) {
	case SLOT_OWN:
		c->opt[m->i] = v;
		break;
	case SLOT_FORMAT:
		c->format_name = v;
		break;
	case SLOT_DIR:
		c->dir = v;
		break;
	case SLOT_COMMON:
		if (m->i == COMMON_COLOR)
			c->color_when = v;
		else if (m->i == COMMON_NO_COLOR)
			c->no_color = true;
		else
			c->help = true;
		break;
	}
}

/* Parse argv[1..] into c (c->cmd and c->name set). A leaf takes options
 * and positional arguments in any order (until "--"); a parent stops at
 * its first positional argument, the subcommand, whose index goes to
 * *next. Prints and returns AG_EXIT_USAGE on bad usage. */
static int parse(struct cli_ctx *c, int argc, char **argv, bool leaf, int *next)
{
	const struct cli_command *cmd = c->cmd;
	c->opt = calloc(cmd->noptions + 1, sizeof(*c->opt));
	if (!c->opt) {
		fprintf(stderr, "archgate: out of memory\n");
		return AG_EXIT_USAGE;
	}
	/* Positional arguments are compacted to the front of argv[1..] in place
	 * (every slot written has already been read), so nothing is allocated. */
	c->pos = argv + 1;
	c->npos = 0;
	bool only_pos = false;
	int i = 1;
	for (; i < argc; i++) {
		char *arg = argv[i];
		if (only_pos || arg[0] != '-' || !arg[1]) {
			if (!leaf)
				break;
			c->pos[c->npos++] = arg;
			continue;
		}
		if (leaf && !strcmp(arg, "--")) {
			only_pos = true;
			continue;
		}
		struct lookup l = {0};
		if (arg[1] != '-') {
			/* -h; a short option with a value takes it as -pVALUE or -p VALUE */
			l.short_name = arg[1];
			if (!each_option(cmd, leaf, lookup_one, &l) || (arg[2] && !l.found.o->arg))
				return cli_usage_error(c, "unknown option '%s'", arg);
			if (!l.found.o->arg)
				set_value(c, &l.found, "");
			else if (arg[2])
				set_value(c, &l.found, arg + 2);
			else if (i + 1 < argc)
				set_value(c, &l.found, argv[++i]);
			else
				return cli_usage_error(c, "option '-%c' needs a value", arg[1]);
			continue;
		}
		l.name = arg + 2;
		const char *eq = strchr(l.name, '=');
		l.nl = eq ? (size_t)(eq - l.name) : strlen(l.name);
		if (!each_option(cmd, leaf, lookup_one, &l)) {
			const char *hint = ag_did_you_mean(l.name, l.nl, l.names, l.nnames);
			if (hint)
				return cli_usage_error(c, "unknown option '--%.*s'; did you mean '--%s'?",
						       (int)l.nl, l.name, hint);
			return cli_usage_error(c, "unknown option '--%.*s'", (int)l.nl, l.name);
		}
		const struct cli_option *o = l.found.o;
		if (!o->arg) {
			if (eq)
				return cli_usage_error(c, "option '--%s' takes no value", o->name);
			set_value(c, &l.found, "");
		} else if (eq) {
			set_value(c, &l.found, eq + 1);
		} else if (i + 1 < argc) {
			set_value(c, &l.found, argv[++i]);
		} else {
			return cli_usage_error(c, "option '--%s' needs a value", o->name);
		}
	}
	if (next)
		*next = i;
	if (c->color_when && strcmp(c->color_when, "auto") && strcmp(c->color_when, "always") &&
	    strcmp(c->color_when, "never"))
		return cli_usage_error(c, "--color must be auto, always or never, not '%s'",
				       c->color_when);
	return 0;
}

/* --format against the command's list; the first is the default. */
static int check_format(struct cli_ctx *c)
{
	const enum ag_format *f = c->cmd->formats;
	c->format = f ? f[0] : AG_FMT_TEXT;
	if (!f || !c->format_name)
		return 0;
	for (size_t i = 0; f[i] != AG_FMT__COUNT; i++)
		if (!strcmp(c->format_name, ag_format_name(f[i]))) {
			c->format = f[i];
			return 0;
		}
	struct ag_buf list = AG_BUF_INIT;
	for (size_t i = 0; f[i] != AG_FMT__COUNT; i++)
		ag_buf_printf(&list, "%s%s", i ? ", " : "", ag_format_name(f[i]));
	int rc = cli_usage_error(c, "unknown format '%s' (use %s)", c->format_name,
				 list.data ? list.data : "");
	ag_buf_release(&list);
	return rc;
}

/* ---- output helpers ------------------------------------------------------------------- */

static bool color_for(const struct cli_ctx *c, int fd)
{
	if (c->no_color || (c->color_when && !strcmp(c->color_when, "never")))
		return false;
	if (c->color_when && !strcmp(c->color_when, "always"))
		return true;
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return false;
	const char *term = getenv("TERM");
	if (term && !strcmp(term, "dumb"))
		return false;
	return isatty(fd);
}

bool cli_color(const struct cli_ctx *c)
{
	return color_for(c, STDOUT_FILENO);
}

bool cli_color_stderr(const struct cli_ctx *c)
{
	return color_for(c, STDERR_FILENO);
}

/* Each diagnostic is one line: its file name and message go through the
 * terminal escaper (ADR-023), so a newline or an ESC in a file name, a
 * commit subject or a manifest value can neither forge a line of its own
 * ("x.md:1:1: error: ...") nor drive the terminal. */
void cli_print_diags(const struct ag_diags *d, bool color)
{
	struct ag_buf line = AG_BUF_INIT;
	for (size_t i = 0; i < d->n; i++) {
		const struct ag_diag *g = &d->v[i];
		ag_buf_reset(&line);
		if (g->file) {
			ag_buf_text(&line, g->file);
			if (g->line > 0)
				ag_buf_printf(&line, ":%d:%d", g->line, g->col > 0 ? g->col : 1);
		} else {
			ag_buf_adds(&line, "archgate");
		}
		const char *sev = ag_severity_name(g->sev);
		if (color && g->sev == AG_SEV_ERROR)
			ag_buf_printf(&line, ": \033[1;31m%s\033[0m: ", sev);
		else
			ag_buf_printf(&line, ": %s: ", sev);
		ag_buf_text(&line, g->message);
		ag_buf_addc(&line, '\n');
		if (!ag_buf_err(&line))
			fputs(line.data, stderr);
		else
			fprintf(stderr, "archgate: %s\n", ag_strerror(ag_buf_err(&line)));
	}
	ag_buf_release(&line);
	if (d->dropped)
		fprintf(stderr, "archgate: %zu more problem%s not shown\n", d->dropped,
			d->dropped == 1 ? "" : "s");
}

void cli_today(char out[11])
{
	ag_date_format(ag_today(), out);
}

char *cli_git_config(const char *key)
{
	const char *argv[] = {"git", "config", "--get", key, NULL};
	struct ag_buf out = AG_BUF_INIT;
	struct ag_proc p = AG_PROC_INIT;
	p.argv = argv;
	p.out = &out;
	p.out_max = 4096;
	p.timeout_ms = 10000;
	char *res = NULL;
	/* unset, no git, not a repository: all mean "not configured" */
	if (!ag_proc_run(&p, NULL) && p.exit_code == 0 && !ag_buf_err(&out)) {
		size_t n = strcspn(out.data, "\r\n");
		if (n)
			res = strndup(out.data, n);
	}
	ag_buf_release(&out);
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

int cli_output(const struct cli_ctx *c, struct ag_buf *b, int rc)
{
	if (rc)
		fprintf(stderr, "archgate %s: %s\n", c->name, ag_strerror(rc));
	int code = rc ? AG_EXIT_USAGE : cli_write(b);
	ag_buf_release(b);
	return code;
}

/* ---- setup: the arch folder and the model --------------------------------------------- */

static bool exists_in(const char *dir, const char *name)
{
	char *p = ag_path_join(dir, name);
	bool yes = p && access(p, F_OK) == 0;
	free(p);
	return yes;
}

/* arch/ at the nearest folder above `cwd` with .git or .adr-dir, else in
 * `cwd` itself: where records go when there is no arch folder yet. */
static char *root_arch(const char *cwd)
{
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
	char *dir = malloc(n);
	if (dir)
		snprintf(dir, n, "%s%sarch", root, strcmp(root, "/") ? "/" : "");
	return dir;
}

/* A command that only reads the records does not read them while an
 * interrupted edit's journal is pending (ADR-026): some records may be as
 * the edit made them and some as they were, and a check, list or status
 * over that would be silently wrong. Editing commands finish the edit
 * (cmd_adr.c's edit_model); `adr recover` does only that. */
static int refuse_pending(struct cli_ctx *c)
{
	const struct ag_model *m = &c->model;
	if (c->edit || !(c->cmd->parts & AG_LOAD_RECORDS) || !m->adrs.dir)
		return 0;
	const char *name;
	int r = ag_adrs_pending(m->adrs.dir, &name);
	if (r <= 0)
		return 0;
	struct ag_buf path = AG_BUF_INIT;
	const char *rel = m->adrs.dir_rel;
	if (rel && *rel && strcmp(rel, "."))
		ag_buf_printf(&path, "%s/%s", rel, name);
	else
		ag_buf_adds(&path, name);
	struct ag_diags d;
	ag_diags_init(&d);
	ag_diags_add(&d, AG_SEV_ERROR, path.data ? path.data : name, 0, 0,
		     "an edit of the decision records was interrupted and is not finished; "
		     "run 'archgate adr recover' to finish it (or remove '%s' to keep the "
		     "records as they are)", path.data ? path.data : name);
	cli_print_diags(&d, cli_color_stderr(c));
	ag_diags_release(&d);
	ag_buf_release(&path);
	ag_model_release(&c->model);
	c->have_model = false;
	return AG_EXIT_USAGE;
}

static int load(struct cli_ctx *c)
{
	const struct cli_command *cmd = c->cmd;
	memset(&c->model, 0, sizeof(c->model)); /* releasable whatever happens below */
	char cwd[4096];
	if (!getcwd(cwd, sizeof(cwd))) {
		fprintf(stderr, "archgate: cannot determine the current folder: %s\n",
			strerror(errno));
		return AG_EXIT_USAGE;
	}
	char *dir = NULL;
	if (ag_model_find(c->dir, cwd, &dir)) {
		const char *want = c->dir ? c->dir : getenv("ARCHGATE_DIR");
		if (want && *want) {
			fprintf(stderr, "archgate: '%s' is not a folder\n", want);
			return AG_EXIT_USAGE;
		}
		if (cmd->arch == CLI_ARCH_OPTIONAL)
			return 0;
		if (cmd->arch != CLI_ARCH_OR_ROOT) {
			fprintf(stderr, "archgate: no arch/ folder here or in any parent "
				"folder\n(run 'archgate init' to create one, or use --dir)\n");
			return AG_EXIT_USAGE;
		}
		if (!(dir = root_arch(cwd))) {
			fprintf(stderr, "archgate: out of memory\n");
			return AG_EXIT_USAGE;
		}
	}
	struct ag_diags d;
	ag_diags_init(&d);
	int rc = ag_model_load_parts(&c->model, dir, cmd->parts, &d);
	/* whoever loads the policy checks it against the rule registry */
	if ((cmd->parts & AG_LOAD_POLICY) && ag_rules_check_policy(&c->model.policy, &d) && !rc)
		rc = AG_EINVAL;
	free(dir);
	cli_print_diags(&d, cli_color_stderr(c));
	ag_diags_release(&d);
	if (rc) {
		if (rc == AG_ENOMEM)
			fprintf(stderr, "archgate: out of memory\n");
		ag_model_release(&c->model);
		return AG_EXIT_USAGE;
	}
	c->have_model = true;
	const struct ag_model *m = &c->model;
	if ((rc = refuse_pending(c)))
		return rc;
	if (cmd->parts == AG_LOAD_ALL && !m->has_system && !m->has_policy && m->adrs.n == 0)
		fprintf(stderr, "archgate: warning: '%s' has no system.yaml, archgate.yaml "
			"or decisions yet\n", m->arch_dir);
	return 0;
}

int cli_model(struct cli_ctx *c, const struct ag_model **m)
{
	if (!c->tried_model) {
		c->tried_model = true;
		c->model_rc = c->cmd->arch == CLI_ARCH_NONE ? 0 : load(c);
	}
	*m = c->have_model ? &c->model : NULL;
	return c->model_rc;
}

bool cli_no_records(const struct cli_ctx *c, const struct ag_model *m)
{
	(void)c;
	if (!m || m->adrs.n)
		return false;
	fprintf(stderr, "archgate: no decision records found");
	if (m->adrs.how)
		fprintf(stderr, " in %s (named by %s)", m->adrs.dir_rel, m->adrs.how);
	fprintf(stderr, "; looked in:\n");
	for (size_t i = 0; i < m->adrs.nlooked; i++)
		fprintf(stderr, "  %s\n", m->adrs.looked[i]);
	for (size_t i = 0; i < m->adrs.npkgs; i++)
		fprintf(stderr, "  %s (log4brains package %s)\n", m->adrs.pkgs[i].dir_rel,
			m->adrs.pkgs[i].name);
	fprintf(stderr, "Point archgate at the records with --dir FOLDER, ARCHGATE_DIR=FOLDER, "
		"or 'decisions: PATH' (relative to %s/) in %s/archgate.yaml.\n",
		m->arch_rel, m->arch_rel);
	return true;
}

int cli_reload(struct cli_ctx *c)
{
	if (c->have_model)
		ag_model_release(&c->model);
	c->have_model = false;
	c->tried_model = false;
	const struct ag_model *m;
	return cli_model(c, &m);
}

int cli_model_locked(struct cli_ctx *c, const char *(*folder)(const struct ag_model *m),
		     const struct ag_model **m)
{
	int rc = cli_model(c, m);
	if (rc || c->locked || !*m)
		return rc;
	const char *dir = folder(*m);
	if (!dir)
		return 0;
	int lrc = ag_dir_lock(dir, &c->lock_fd);
	if (lrc == AG_ENOENT)
		return 0;
	if (lrc) {
		fprintf(stderr, "archgate %s: cannot lock '%s': %s\n", c->name, dir,
			ag_strerror(lrc));
		return AG_EXIT_USAGE;
	}
	c->locked = true;
	if ((rc = cli_reload(c)))
		return rc;
	return cli_model(c, m);
}

/* ---- the tree --------------------------------------------------------------------------- */

const char *cli_text(struct cli_ctx *c, const char *s)
{
	struct ag_buf *b = &c->text[c->ntext++ % (sizeof(c->text) / sizeof(c->text[0]))];
	if (!b->data)
		*b = (struct ag_buf)AG_BUF_INIT;
	return ag_text_in(b, s);
}

static void ctx_release(struct cli_ctx *c)
{
	for (size_t i = 0; i < sizeof(c->text) / sizeof(c->text[0]); i++)
		if (c->text[i].data)
			ag_buf_release(&c->text[i]);
	if (c->have_model)
		ag_model_release(&c->model);
	if (c->locked)
		ag_dir_unlock(c->lock_fd);
	free(c->opt);
}

static int run_leaf(struct cli_ctx *c, int argc, char **argv)
{
	int rc = parse(c, argc, argv, true, NULL);
	if (!rc && c->help)
		return cli_print_help(c->cmd, c->name, stdout);
	if (!rc)
		rc = check_format(c);
	return rc ? rc : c->cmd->run(c);
}

/* Walk from `cmd` (named `name`, argv[0]) down to a leaf and run it. */
static int dispatch(const struct cli_command *cmd, const char *name, int argc, char **argv)
{
	struct cli_ctx c = {.cmd = cmd, .name = name};
	int rc;
	if (!cmd->subs) {
		rc = run_leaf(&c, argc, argv);
		ctx_release(&c);
		return rc;
	}
	int next;
	rc = parse(&c, argc, argv, false, &next);
	bool root = !*name;
	if (!rc && root && c.opt[CLI_ROOT_DIR]) /* the root's --dir: every command's default */
		setenv("ARCHGATE_DIR", c.opt[CLI_ROOT_DIR], 1);
	if (!rc && root && c.opt[CLI_ROOT_VERSION]) {
		printf("archgate %s\n", AG_VERSION);
	} else if (!rc && c.help) {
		rc = cli_print_help(cmd, name, stdout);
	} else if (!rc && next >= argc) {
		cli_print_help(cmd, name, stderr);
		rc = AG_EXIT_USAGE;
	} else if (!rc) {
		const char *sub_name = argv[next];
		const struct cli_command *sub = cli_find_sub(cmd, sub_name);
		if (sub) {
			char path[128];
			snprintf(path, sizeof(path), "%s%s%s", name, root ? "" : " ", sub->name);
			free(c.opt);
			return dispatch(sub, path, argc - next, argv + next);
		}
		size_t n = count_subs(cmd);
		const char *names[64];
		for (size_t k = 0; k < n && k < 64; k++)
			names[k] = cmd->subs[k]->name;
		const char *hint = ag_did_you_mean(sub_name, strlen(sub_name), names, n < 64 ? n : 64);
		if (root) {
			fprintf(stderr, "archgate: '%s' is not an archgate command", sub_name);
			if (hint)
				fprintf(stderr, "; did you mean '%s'?", hint);
			fprintf(stderr, "\n(see 'archgate --help')\n");
			rc = AG_EXIT_USAGE;
		} else if (hint) {
			rc = cli_usage_error(&c, "unknown subcommand '%s'; did you mean '%s'?", sub_name,
					     hint);
		} else {
			rc = cli_usage_error(&c, "unknown subcommand '%s'", sub_name);
		}
	}
	ctx_release(&c);
	return rc;
}

int cli_main(const struct cli_command *root, int argc, char **argv)
{
	return dispatch(root, "", argc, argv);
}
