/*
 * radar_read_ci.c - what CI files and image builds install: Azure
 * Pipelines found by its content under any file name, and the tools that
 * install commands in workflow `run:` steps, pipeline `script:` steps and
 * Dockerfile `RUN` lines name (ADR 0060).
 *
 * An install command is read token by token, never run: `apt-get install`,
 * `apt install`, `apk add`, `dnf`/`yum`/`zypper install`, `brew install`,
 * `choco install` (the ecosystem os: of the catalog), `npm i -g`,
 * `pnpm add -g`, `yarn global add` (npm:), `pip install`, `python -m pip
 * install`, `pipx install`, `uv tool install` (pypi:), `gem install`,
 * `cargo install`, `go install`, `dotnet tool install`. Only the command's
 * package arguments are looked up, through the catalog's patterns: an
 * option, a path, a URL, a variable or a ${{ }} expression names nothing.
 * A command ends at &&, ||, ;, | or the end of a line not continued with
 * a backslash.
 */
#include <string.h>
#include <strings.h>
#include "radar_scan_impl.h"

enum imode {
	IM_NONE,   /* looking for a command */
	IM_VERB,   /* saw the tool, waiting for its install verb */
	IM_GLOBAL, /* yarn: saw "global", waiting for "add" */
	IM_PKGS,   /* reading package arguments */
	IM_SKIP,   /* not an install command: skip to its end */
};

/* The tools whose install verbs name packages, and where they are found. */
static const struct {
	const char *tool;
	const char *verb;
	const char *verb2; /* another verb, or NULL */
	enum ag_eco eco;
	bool global; /* only a global install names a tool (npm i -g) */
} tools[] = {
	{"apt-get", "install", NULL, AG_ECO_OS, false},
	{"apt", "install", NULL, AG_ECO_OS, false},
	{"aptitude", "install", NULL, AG_ECO_OS, false},
	{"apk", "add", NULL, AG_ECO_OS, false},
	{"dnf", "install", NULL, AG_ECO_OS, false},
	{"microdnf", "install", NULL, AG_ECO_OS, false},
	{"yum", "install", NULL, AG_ECO_OS, false},
	{"zypper", "install", "in", AG_ECO_OS, false},
	{"brew", "install", NULL, AG_ECO_OS, false},
	{"choco", "install", NULL, AG_ECO_OS, false},
	{"npm", "install", "i", AG_ECO_NPM, true},
	{"pnpm", "add", "install", AG_ECO_NPM, true},
	{"yarn", "global", NULL, AG_ECO_NPM, false},
	{"pip", "install", NULL, AG_ECO_PYPI, false},
	{"pip3", "install", NULL, AG_ECO_PYPI, false},
	{"pipx", "install", NULL, AG_ECO_PYPI, false},
	{"gem", "install", NULL, AG_ECO_GEM, false},
	{"cargo", "install", NULL, AG_ECO_CARGO, false},
	{"go", "install", NULL, AG_ECO_GO, false},
	{"dotnet", "tool", NULL, AG_ECO_NUGET, false},
};

/* The index of a tool in tools[] (pip for python -m pip and uv). */
static unsigned char tool_ix(const char *name)
{
	size_t i = 0;
	while (i + 1 < sizeof(tools) / sizeof(tools[0]) && strcmp(tools[i].tool, name))
		i++;
	return (unsigned char)i;
}

/* Options whose value is the next token (pip -r requirements.txt). */
static bool option_with_value(const char *t, size_t n)
{
	static const char *const opts[] = {
		"-r", "-c", "-e", "-i", "-t", "-o", "--requirement", "--constraint",
		"--editable", "--index-url", "--extra-index-url", "--target", "--prefix",
		"--root", "--registry", "--version", "-v", "--source", "--channel",
	};
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (strlen(opts[i]) == n && !memcmp(opts[i], t, n))
			return true;
	return false;
}

/* https://..., git+ssh://...: a URL */
static bool has_scheme(const char *t, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++)
		if (t[i] == ':' && t[i + 1] == '/' && t[i + 2] == '/')
			return true;
	return false;
}

static bool tok_is(const char *t, size_t n, const char *lit)
{
	return lit && strlen(lit) == n && !memcmp(t, lit, n);
}

void ag_install_reset(struct ag_install *st)
{
	memset(st, 0, sizeof(*st));
}

/* The package a token names, without its version: pkg=1.2 (apt), name@1
 * and @scope/name@1 (npm), path@v1 (go), requests[socks]>=2 (pip). */
static size_t package_name(enum ag_eco eco, const char *t, size_t n)
{
	size_t k = 0;
	if (eco == AG_ECO_PYPI) {
		const char *ns;
		k = ag_scan_pep508_name(t, t + n, &ns);
		return ns == t ? k : 0;
	}
	size_t from = eco == AG_ECO_NPM && n && t[0] == '@' ? 1 : 0;
	for (k = from; k < n; k++)
		if (t[k] == '@' || (eco == AG_ECO_OS && (t[k] == '=' || t[k] == ':')))
			break;
	return k;
}

/* Flushes the packages of a global-only command once it is known global. */
static void flush(struct ctx *c, struct ag_install *st)
{
	bool was = c->install;
	c->install = true;
	if (st->global || !tools[st->tool].global)
		for (size_t i = 0; i < st->npending; i++)
			ag_scan_hit(c, tools[st->tool].eco, st->pending[i].s, st->pending[i].n,
				    st->pending[i].line, st->pending[i].s, st->pending[i].n);
	c->install = was;
	st->npending = 0;
}

static void end_command(struct ctx *c, struct ag_install *st)
{
	if (st->mode == IM_PKGS)
		flush(c, st);
	st->mode = IM_NONE;
	st->global = false;
	st->skip_value = false;
	st->python = 0;
	st->npending = 0;
}

/* One token of a command line. */
static void token(struct ag_install *st, const char *t, size_t n, int line)
{
	switch (st->mode) {
	case IM_NONE:
		if (tok_is(t, n, "sudo") || tok_is(t, n, "env") || tok_is(t, n, "exec") ||
		    tok_is(t, n, "time") || memchr(t, '=', n))
			return; /* a prefix or VAR=value */
		/* python -m pip install, uv tool install, uv pip install */
		if (st->python == 0 && (tok_is(t, n, "python") || tok_is(t, n, "python3") ||
					tok_is(t, n, "uv"))) {
			st->python = 1;
			return;
		}
		if (st->python == 1 && (tok_is(t, n, "-m") || tok_is(t, n, "tool")))
			return;
		if (st->python == 1 && tok_is(t, n, "install")) {
			st->tool = tool_ix("pip");
			st->mode = IM_PKGS;
			return;
		}
		for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]); i++)
			if (tok_is(t, n, tools[i].tool)) {
				st->tool = (unsigned char)i;
				st->mode = IM_VERB;
				return;
			}
		st->mode = IM_SKIP;
		return;
	case IM_VERB:
		if (n && t[0] == '-') {
			if (tok_is(t, n, "-g") || tok_is(t, n, "--global"))
				st->global = true;
			return; /* apt-get -y install */
		}
		if (tok_is(t, n, tools[st->tool].verb) || tok_is(t, n, tools[st->tool].verb2)) {
			bool yarn = !strcmp(tools[st->tool].tool, "yarn");
			bool dotnet = !strcmp(tools[st->tool].tool, "dotnet");
			st->mode = yarn || dotnet ? IM_GLOBAL : IM_PKGS;
			return;
		}
		st->mode = IM_SKIP;
		return;
	case IM_GLOBAL: /* yarn global add, dotnet tool install */
		st->mode = tok_is(t, n, "add") || tok_is(t, n, "install") ? IM_PKGS : IM_SKIP;
		return;
	case IM_PKGS:
		if (st->skip_value) {
			st->skip_value = false;
			return;
		}
		if (n && t[0] == '-') {
			if (tok_is(t, n, "-g") || tok_is(t, n, "--global"))
				st->global = true;
			st->skip_value = option_with_value(t, n);
			return;
		}
		if (t[0] == '.' || memchr(t, '$', n) || memchr(t, '{', n) ||
		    has_scheme(t, n) ||
		    (tools[st->tool].eco != AG_ECO_GO && tools[st->tool].eco != AG_ECO_NPM &&
		     memchr(t, '/', n)))
			return; /* a path, a URL or a variable names no package */
		size_t pn = package_name(tools[st->tool].eco, t, n);
		if (!pn || st->npending >= sizeof(st->pending) / sizeof(st->pending[0]))
			return;
		st->pending[st->npending].s = t;
		st->pending[st->npending].n = pn;
		st->pending[st->npending].line = line;
		st->npending++;
		return;
	case IM_SKIP:
		return;
	}
}

bool ag_scan_install(struct ctx *c, struct ag_install *st, const char *s, const char *e,
		     int line)
{
	const char *p = s;
	bool continued = false;
	while (p < e) {
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (p >= e)
			break;
		if (*p == '#' && !st->in_expr)
			break; /* a comment to the end of the line */
		const char *t = p;
		while (p < e && *p != ' ' && *p != '\t')
			p++;
		size_t n = (size_t)(p - t);
		/* ${{ matrix.x }} and {{ .Values }}: one expression, names nothing */
		if (st->in_expr) {
			if (n >= 2 && t[n - 2] == '}' && t[n - 1] == '}')
				st->in_expr = false;
			continue;
		}
		if ((n >= 3 && !memcmp(t, "${{", 3)) || (n >= 2 && !memcmp(t, "{{", 2))) {
			st->in_expr = !(n >= 4 && t[n - 2] == '}' && t[n - 1] == '}');
			continue;
		}
		if (p >= e && n == 1 && *t == '\\') {
			continued = true;
			break;
		}
		if (tok_is(t, n, "&&") || tok_is(t, n, "||") || tok_is(t, n, ";") ||
		    tok_is(t, n, "|") || tok_is(t, n, "&")) {
			end_command(c, st);
			continue;
		}
		if (*t == '>' || *t == '<' || (n >= 2 && t[0] == '2' && t[1] == '>'))
			continue; /* a redirection */
		/* quotes around a token; a trailing ; or \ ends it */
		bool ends = false;
		while (n && (t[n - 1] == ';' || t[n - 1] == ')')) {
			ends = t[n - 1] == ';';
			n--;
		}
		if (p >= e && n && t[n - 1] == '\\') {
			continued = true;
			n--;
		}
		while (n && (*t == '"' || *t == '\'' || *t == '(')) {
			t++;
			n--;
		}
		while (n && (t[n - 1] == '"' || t[n - 1] == '\''))
			n--;
		if (n)
			token(st, t, n, line);
		if (ends)
			end_command(c, st);
	}
	if (!continued && !st->folded)
		end_command(c, st);
	return continued;
}

/* ---- workflow run: steps and pipeline script: steps ---- */

/* Whether a trimmed line is `key:` of `keys` (after an optional "- "):
 * the key's start in *ks, the value after it in [*vs, e). */
static bool step_key(const char *s, const char *e, const char *const *keys, const char **ks,
		     const char **vs)
{
	if (s < e && *s == '-')
		s = skip_ws(s + 1, e);
	for (size_t i = 0; keys[i]; i++)
		if (starts(s, e, keys[i])) {
			*ks = s;
			*vs = skip_ws(s + strlen(keys[i]), e);
			return true;
		}
	return false;
}

void ag_read_run_steps(struct ctx *c, const char *text, size_t len, const char *const *keys)
{
	struct lines l = {text, text + len, 0};
	struct ag_install st;
	ag_install_reset(&st);
	const char *s;
	size_t n;
	size_t block = 0; /* inside a block scalar: the key's indentation + 1 */
	while (next_line(&l, &s, &n)) {
		const char *e = s + n, *t = skip_ws(s, e);
		if (block) {
			size_t ind = (size_t)(t - s);
			if (t >= e)
				continue; /* a blank line inside the block */
			if (ind >= block) {
				ag_scan_install(c, &st, t, e, l.no);
				continue;
			}
			st.folded = false;
			end_command(c, &st);
			block = 0;
		}
		const char *k, *v;
		if (!step_key(t, e, keys, &k, &v))
			continue;
		if (v < e && (*v == '|' || *v == '>')) {
			block = (size_t)(k - s) + 1; /* deeper than the key itself */
			st.folded = *v == '>'; /* its lines are one line */
			continue;
		}
		if (v < e && (*v == '"' || *v == '\'')) {
			char q = *v++;
			const char *qe = memchr(v, q, (size_t)(e - v));
			e = qe ? qe : e;
		}
		ag_scan_install(c, &st, v, e, l.no);
		end_command(c, &st);
	}
	st.folded = false;
	end_command(c, &st);
}

/* ---- Azure Pipelines by content ---- */

bool ag_read_azure_pipelines(struct ctx *c, const char *text, size_t len)
{
	static const char *const tops[] = {"trigger:", "pr:", "pool:", "stages:", "jobs:",
					   "steps:"};
	struct lines l = {text, text + len, 0};
	const char *s;
	size_t n;
	int top = 0;
	bool task = false, k8s = false;
	while (next_line(&l, &s, &n)) {
		const char *e = s + n;
		if (!n || *s == '#')
			continue;
		if (*s != ' ' && *s != '\t') {
			for (size_t i = 0; i < sizeof(tops) / sizeof(tops[0]) && !top; i++)
				if (starts(s, e, tops[i]))
					top = l.no;
			k8s |= starts(s, e, "apiVersion:") || starts(s, e, "kind:");
		}
		const char *t = skip_ws(s, e);
		const char *k, *v;
		static const char *const marks[] = {"task:", "vmImage:", NULL};
		if (step_key(t, e, marks, &k, &v))
			task = true;
	}
	if (!top || !task || k8s)
		return false;
	/* the pipeline's own file is use of the CI service; what it names is
	 * CI setup (ADR 0041, 0056) */
	bool was = c->ci_file;
	enum ag_evidence_kind kind = c->kind;
	c->ci_file = true;
	c->kind = AG_EVIDENCE_FILE;
	const char *base = strrchr(c->rel, '/');
	base = base ? base + 1 : c->rel;
	ag_scan_hit_name(c, "Azure Pipelines", top, base, strlen(base));
	c->kind = AG_EVIDENCE_CI;
	static const char *const scripts[] = {"script:", "bash:", "pwsh:", "powershell:", NULL};
	ag_read_run_steps(c, text, len, scripts);
	c->ci_file = was;
	c->kind = kind;
	return true;
}
