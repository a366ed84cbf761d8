/*
 * cli_help.c - --help and the man page archgate(1), both rendered from the
 * command tree (cli.h): each command's usage lines, its option table, the
 * options the framework adds, and its subcommands. Nothing here is written
 * twice: a command declared in the tree is documented in both.
 *
 * A usage array is read in three parts: the synopsis (up to the first
 * blank line), the description (up to the line that starts with
 * "Example"), and the examples (to the end). Help prints the synopsis,
 * the description, the list of subcommands or the options, then the
 * examples.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"


struct parts {
	size_t syn_end;   /* synopsis: usage[0 .. syn_end) */
	size_t desc_end;  /* description: usage[syn_end + 1 .. desc_end), trailing blanks dropped */
	size_t ex;        /* examples: usage[ex ..], or the end */
	size_t n;
};

static struct parts split(const char *const *u)
{
	struct parts p = {0};
	while (u[p.n])
		p.n++;
	while (p.syn_end < p.n && *u[p.syn_end])
		p.syn_end++;
	p.ex = p.syn_end;
	while (p.ex < p.n && strncmp(u[p.ex], "Example", 7))
		p.ex++;
	p.desc_end = p.ex;
	while (p.desc_end > p.syn_end && !*u[p.desc_end - 1])
		p.desc_end--;
	return p;
}

/* The framework's options a leaf takes, after its own (see cli.c). */
struct listed {
	const struct cli_option *o;
	char help[256]; /* generated help (--format), else empty */
};

static size_t listed_options(const struct cli_command *cmd, bool root, struct listed *out,
			     size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < cmd->noptions && n < max; i++)
		if (cmd->options[i].name)
			out[n++] = (struct listed){&cmd->options[i], ""};
	if (root || cmd->subs)
		return n;
	if (cmd->formats && n < max) {
		struct listed *l = &out[n++];
		l->o = &cli_format_option;
		size_t k = 0, len = 0, nf = 0;
		while (cmd->formats[nf] != AG_FMT__COUNT)
			nf++;
		for (k = 0; k < nf && len < sizeof(l->help); k++)
			len += ag_snprintf(l->help + len, sizeof(l->help) - len, "%s%s%s",
					   !k ? "" : k + 1 == nf ? " or " : ", ",
					   ag_format_name(cmd->formats[k]), !k ? " (default)" : "");
	}
	if (cmd->arch == CLI_ARCH_OR_ROOT && n < max)
		out[n++] = (struct listed){&cli_dir_option,
					   "the arch folder (default: $ARCHGATE_DIR, the first arch/\n"
					   "found walking up, else arch/ at the repository root)"};
	else if (cmd->arch != CLI_ARCH_NONE && n < max)
		out[n++] = (struct listed){&cli_dir_option, ""};
	return n;
}

/* What every command takes, for the root's help and the man page. */
static size_t every_command(struct listed *l)
{
	size_t n = 0;
	l[n++] = (struct listed){&cli_format_option, "the output format, where the command has a "
				 "choice: text for\npeople (the default), json for programs, ..."};
	for (size_t i = 0; i < CLI_NCOMMON; i++)
		l[n++] = (struct listed){&cli_common_options[i], ""};
	return n;
}

static const char *help_of(const struct listed *l)
{
	return *l->help ? l->help : l->o->help ? l->o->help : "";
}

static void option_left(char *buf, size_t n, const struct cli_option *o)
{
	char sh[8] = "";
	if (o->short_name)
		snprintf(sh, sizeof(sh), "-%c, ", o->short_name);
	snprintf(buf, n, "%s--%s%s%s", sh, o->name, o->arg ? " " : "", o->arg ? o->arg : "");
}

static int text_options(struct ag_buf *b, const char *heading, const struct listed *l, size_t n)
{
	if (!n)
		return 0;
	size_t w = 0;
	char left[96];
	for (size_t i = 0; i < n; i++) {
		option_left(left, sizeof(left), l[i].o);
		if (strlen(left) > w)
			w = strlen(left);
	}
	w = w + 2 < 15 ? 15 : w + 2 > 22 ? 22 : w + 2;
	AG_TRY(ag_buf_printf(b, "\n%s\n", heading));
	for (size_t i = 0; i < n; i++) {
		option_left(left, sizeof(left), l[i].o);
		const char *h = help_of(&l[i]);
		if (strlen(left) + 1 > w)
			AG_TRY(ag_buf_printf(b, "  %s\n%*s", left, (int)w + 2, ""));
		else
			AG_TRY(ag_buf_printf(b, "  %-*s", (int)w, left));
		for (const char *p = h; *p; p++) {
			AG_TRY(ag_buf_addc(b, *p));
			if (*p == '\n' && p[1])
				AG_TRY(ag_buf_printf(b, "%*s", (int)w + 2, ""));
		}
		AG_TRY(ag_buf_addc(b, '\n'));
	}
	return 0;
}

int cli_render_help(struct ag_buf *b, const struct cli_command *cmd, const char *name)
{
	const char *const *u = cmd->usage;
	struct parts p = split(u);
	bool root = !*name;
	AG_TRY(ag_buf_printf(b, "usage: %s\n", u[0]));
	for (size_t i = 1; i < p.syn_end; i++)
		AG_TRY(ag_buf_printf(b, "%s\n", u[i]));
	for (size_t i = p.syn_end; i < p.desc_end; i++)
		AG_TRY(ag_buf_printf(b, "%s\n", u[i]));
	if (cmd->subs) {
		size_t w = 9;
		for (size_t i = 0; cmd->subs[i]; i++)
			if (strlen(cmd->subs[i]->name) + 1 > w)
				w = strlen(cmd->subs[i]->name) + 1;
		AG_TRY(ag_buf_adds(b, root ? "\nCommands:\n" : "\nSubcommands:\n"));
		for (size_t i = 0; cmd->subs[i]; i++)
			AG_TRY(ag_buf_printf(b, "  %-*s %s\n", (int)w, cmd->subs[i]->name,
					  cmd->subs[i]->summary));
	}
	struct listed l[64];
	size_t n = listed_options(cmd, root, l, 64);
	AG_TRY(text_options(b, "Options:", l, n));
	if (root)
		AG_TRY(text_options(b, "Options for every command:", l, every_command(l)));
	if (cmd->subs && !root)
		AG_TRY(ag_buf_printf(b, "\n'archgate %s SUBCOMMAND --help' shows one subcommand's "
				  "help.\n", name));
	if (p.ex < p.n)
		AG_TRY(ag_buf_addc(b, '\n'));
	for (size_t i = p.ex; i < p.n; i++)
		AG_TRY(ag_buf_printf(b, "%s\n", u[i]));
	return 0;
}

int cli_print_help(const struct cli_command *cmd, const char *name, FILE *to)
{
	struct ag_buf b = AG_BUF_INIT;
	int rc = cli_render_help(&b, cmd, name);
	if (rc || (b.len && fwrite(b.data, 1, b.len, to) != b.len) || fflush(to)) {
		ag_buf_release(&b);
		fprintf(stderr, "archgate: cannot write the help\n");
		return AG_EXIT_USAGE;
	}
	ag_buf_release(&b);
	return 0;
}

/* ---- the man page -------------------------------------------------------------------- */

/* Text for roff: backslashes and hyphens escaped, and a line that would
 * start with a control character guarded with \&. */
static int roff(struct ag_buf *b, const char *s, size_t n)
{
	if (n && (*s == '.' || *s == '\''))
		AG_TRY(ag_buf_adds(b, "\\&"));
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\')
			AG_TRY(ag_buf_adds(b, "\\e"));
		else if (s[i] == '-')
			AG_TRY(ag_buf_adds(b, "\\-"));
		else
			AG_TRY(ag_buf_addc(b, s[i]));
	}
	return 0;
}

static int roffs(struct ag_buf *b, const char *s)
{
	return roff(b, s, strlen(s));
}

/* Lines of hand-wrapped text: plain lines are filled into paragraphs,
 * indented ones (lists, tables, commands) kept as they are. */
static int man_text(struct ag_buf *b, const char *const *u, size_t from, size_t to)
{
	bool nofill = false;
	for (size_t i = from; i < to; i++) {
		const char *l = u[i];
		bool indented = *l == ' ';
		if (!*l) {
			if (nofill)
				AG_TRY(ag_buf_adds(b, ".fi\n"));
			nofill = false;
			AG_TRY(ag_buf_adds(b, ".PP\n"));
			continue;
		}
		if (indented != nofill)
			AG_TRY(ag_buf_adds(b, indented ? ".nf\n" : ".fi\n"));
		nofill = indented;
		AG_TRY(roffs(b, l));
		AG_TRY(ag_buf_addc(b, '\n'));
	}
	if (nofill)
		AG_TRY(ag_buf_adds(b, ".fi\n"));
	return 0;
}

/* Lines as they are (examples), without their indent: the page indents. */
static int man_lines(struct ag_buf *b, const char *const *u, size_t from, size_t to)
{
	AG_TRY(ag_buf_adds(b, ".nf\n"));
	for (size_t i = from; i < to; i++) {
		const char *l = u[i];
		while (*l == ' ')
			l++;
		AG_TRY(roffs(b, l));
		AG_TRY(ag_buf_addc(b, '\n'));
	}
	return ag_buf_adds(b, ".fi\n");
}

static int man_options(struct ag_buf *b, const struct listed *l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct cli_option *o = l[i].o;
		AG_TRY(ag_buf_adds(b, ".TP\n\\fB"));
		if (o->short_name)
			AG_TRY(ag_buf_printf(b, "\\-%c\\fR, \\fB", o->short_name));
		AG_TRY(ag_buf_adds(b, "\\-\\-"));
		AG_TRY(roffs(b, o->name));
		AG_TRY(ag_buf_adds(b, "\\fR"));
		if (o->arg) {
			AG_TRY(ag_buf_adds(b, " \\fI"));
			AG_TRY(roffs(b, o->arg));
			AG_TRY(ag_buf_adds(b, "\\fR"));
		}
		AG_TRY(ag_buf_addc(b, '\n'));
		const char *h = help_of(&l[i]);
		for (const char *p = h; *p;) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			AG_TRY(roff(b, p, len));
			AG_TRY(ag_buf_addc(b, '\n'));
			p += len + (nl != NULL);
		}
	}
	return 0;
}

static int man_command(struct ag_buf *b, const struct cli_command *cmd, const char *name)
{
	const char *const *u = cmd->usage;
	struct parts p = split(u);
	AG_TRY(ag_buf_adds(b, ".SS \""));
	AG_TRY(roffs(b, "archgate "));
	AG_TRY(roffs(b, name));
	AG_TRY(ag_buf_adds(b, "\"\n.nf\n"));
	for (size_t i = 0; i < p.syn_end; i++) {
		AG_TRY(roffs(b, u[i]));
		AG_TRY(ag_buf_addc(b, '\n'));
	}
	AG_TRY(ag_buf_adds(b, ".fi\n"));
	AG_TRY(man_text(b, u, p.syn_end, p.desc_end));
	struct listed l[64];
	size_t n = listed_options(cmd, false, l, 64);
	if (n) {
		AG_TRY(ag_buf_adds(b, ".PP\nOptions:\n.RS 4\n"));
		AG_TRY(man_options(b, l, n));
		AG_TRY(ag_buf_adds(b, ".RE\n"));
	}
	if (p.ex < p.n) {
		AG_TRY(ag_buf_adds(b, ".PP\n"));
		AG_TRY(roffs(b, u[p.ex]));
		AG_TRY(ag_buf_adds(b, "\n.RS 4\n"));
		AG_TRY(man_lines(b, u, p.ex + 1, p.n));
		AG_TRY(ag_buf_adds(b, ".RE\n"));
	}
	for (size_t i = 0; cmd->subs && cmd->subs[i]; i++) {
		char path[128];
		snprintf(path, sizeof(path), "%s %s", name, cmd->subs[i]->name);
		AG_TRY(man_command(b, cmd->subs[i], path));
	}
	return 0;
}

/* Sections of the man page that are not about one command. */
static const char man_tail[] =
	".SH EXIT STATUS\n"
	".TP\n.B 0\nall good\n"
	".TP\n.B 1\na gate or rule failed\n"
	".TP\n.B 2\nbad usage or bad input, reported as \\fIfile\\fR:\\fIline\\fR:\\fIcol\\fR: "
	"error: \\fImessage\\fR\n"
	".SH ENVIRONMENT\n"
	".TP\n.B ARCHGATE_DIR\nthe arch folder, when \\-\\-dir is not given\n"
	".TP\n.B ARCHGATE_TODAY\ntoday's date (YYYY\\-MM\\-DD) instead of the clock's, for "
	"waiver expiry and record dates\n"
	".TP\n.B NO_COLOR\nwhen set and not empty, no colour (see https://no\\-color.org)\n"
	".TP\n.B TERM\n\\fBdumb\\fR: no colour\n"
	".TP\n.BR VISUAL \", \" EDITOR\nthe editor \\fBadr new\\fR opens on a terminal\n"
	".SH FILES\n"
	".TP\n.I arch/archgate.yaml\nthe policy: sign\\-off roles, rule severities and waivers\n"
	".TP\n.I arch/system.yaml\nthe model: constraints, capabilities, boundaries, data, "
	"failure modes, observability, cost, debt, migration\n"
	".TP\n.I arch/radar.yaml\nthe tech radar\n"
	".TP\n.I arch/decisions/NNNN\\-slug.md\ndecision records (also where adr\\-tools and "
	"MADR keep them)\n"
	".TP\n.I arch/rfcs/NNNN\\-slug.md\nRFCs\n"
	".SH SEE ALSO\n"
	"\\fBgit\\fR(1), \\fBjq\\fR(1); docs/model.md and docs/rules.md "
	"(\\fBarchgate docs model\\fR, \\fBarchgate docs rules\\fR)\n";

int cli_render_man(struct ag_buf *b, const struct cli_command *root)
{
	const char *const *u = root->usage;
	struct parts p = split(u);
	AG_TRY(ag_buf_printf(b, ".\\\" archgate(1), generated by 'archgate docs man' from the "
			  "command tables in src/cli/;\n.\\\" do not edit by hand (CI fails when "
			  "it is stale).\n"
			  ".TH ARCHGATE 1 \"\" \"archgate %s\" \"User Commands\"\n.nh\n.ad l\n"
			  ".SH NAME\narchgate \\- ", AG_VERSION));
	AG_TRY(roffs(b, root->summary));
	AG_TRY(ag_buf_adds(b, "\n.SH SYNOPSIS\n.nf\n"));
	for (size_t i = 0; i < p.syn_end; i++) {
		AG_TRY(roffs(b, u[i]));
		AG_TRY(ag_buf_addc(b, '\n'));
	}
	for (size_t i = 0; root->subs[i]; i++) {
		AG_TRY(roffs(b, root->subs[i]->usage[0]));
		AG_TRY(ag_buf_addc(b, '\n'));
	}
	AG_TRY(ag_buf_adds(b, ".fi\n.SH DESCRIPTION\n"));
	AG_TRY(man_text(b, u, p.syn_end + 1, p.desc_end));
	AG_TRY(ag_buf_adds(b, ".SH OPTIONS\n"));
	struct listed l[64];
	size_t n = listed_options(root, true, l, 64);
	AG_TRY(man_options(b, l, n));
	AG_TRY(ag_buf_adds(b, ".SS \"Options for every command\"\n"));
	AG_TRY(man_options(b, l, every_command(l)));
	AG_TRY(ag_buf_adds(b, ".SH COMMANDS\n"));
	for (size_t i = 0; root->subs[i]; i++)
		AG_TRY(man_command(b, root->subs[i], root->subs[i]->name));
	if (p.ex < p.n) {
		AG_TRY(ag_buf_adds(b, ".SH EXAMPLES\n"));
		AG_TRY(man_lines(b, u, p.ex + 1, p.n));
	}
	return ag_buf_adds(b, man_tail);
}
