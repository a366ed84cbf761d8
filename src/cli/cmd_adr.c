/*
 * cmd_adr.c - `archgate adr ...`: decision records, created in the seed's
 * template, read in any format, kept consistent.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "records/adr_edit.h"
#include "records/adr_template.h"
#include "records/records_report.h"
#include "cli.h"
#include "base/fsutil.h"
#include "base/proc.h"

static const char *const adr_usage[] = {
	"archgate adr <init|new|list|show|toc|graph|lint|accept|reject|deprecate|"
	"supersede|link|renumber|mv|recover> ...",
	"",
	"Decision records in the seed's ADR template. Existing adr-tools, MADR and",
	"log4brains records are read where they are (arch/decisions, .adr-dir,",
	"doc/adr, docs/decisions, ...) and keep their format when changed.",
	"N is a record's number (3 or 0003 matches only number 3), file name or slug.",
	"",
	"Examples:",
	"  archgate adr new \"Use PostgreSQL for orders\"",
	"  archgate adr new --supersedes 3 \"Use PostgreSQL 17\"",
	"  archgate adr list --status accepted --format json",
	"  archgate adr toc --in README.md", NULL};

static const struct ag_adr *find(const struct ag_model *m, const char *ref)
{
	bool amb;
	const struct ag_adr *r = ag_adrs_find(&m->adrs, ref, &amb);
	struct ag_buf t1 = AG_BUF_INIT, t2 = AG_BUF_INIT; /* for the terminal (ADR-023) */
	if (amb)
		fprintf(stderr, "archgate adr: '%s' matches more than one record; run "
			"'archgate adr renumber' or use the file name\n", ag_text_in(&t1, ref));
	else if (!r)
		fprintf(stderr, "archgate adr: no decision record '%s' in %s\n",
			ag_text_in(&t1, ref), ag_text_in(&t2, m->adrs.dir_rel));
	ag_buf_release(&t1);
	ag_buf_release(&t2);
	return r;
}

static const char *records_dir(const struct ag_model *m)
{
	return m->adrs.dir;
}

/* The model for a command that changes records: loaded under the records
 * folder's lock, held until the command ends (ADR-015), so that two edits
 * at once cannot both read a record and one write over the other's. */
static int edit_model(struct cli_ctx *c, const struct ag_model **m)
{
	c->edit = true;
	int rc = cli_model_locked(c, records_dir, m);
	if (rc || !*m || !(*m)->adrs.dir || !c->locked)
		return rc;
	/* an edit a crash interrupted is finished first (ADR-022) */
	struct ag_diags d;
	ag_diags_init(&d);
	int r = ag_adrs_recover((*m)->adrs.dir, (*m)->root, &d);
	cli_print_diags(&d, false);
	ag_diags_release(&d);
	if (r < 0)
		return AG_EXIT_USAGE;
	if (r > 0 && (rc = cli_reload(c)))
		return rc;
	return r > 0 ? cli_model(c, m) : 0;
}

/* The model and the record `ref` names (saying why when there is none):
 * 0, or the exit code; `edit`: under the lock (edit_model). */
static int load_record(struct cli_ctx *c, const char *ref, bool edit, const struct ag_model **m,
		       const struct ag_adr **r)
{
	int rc = edit ? edit_model(c, m) : cli_model(c, m);
	if (rc)
		return rc;
	*r = find(*m, ref);
	return *r ? 0 : AG_EXIT_USAGE;
}

static int finish(struct ag_diags *d, int rc)
{
	cli_print_diags(d, false);
	if (rc && !d->n)
		fprintf(stderr, "archgate adr: %s\n", ag_strerror(rc));
	ag_diags_release(d);
	return rc ? AG_EXIT_USAGE : 0;
}

/* $VISUAL, else $EDITOR, on the new record when archgate runs on a
 * terminal. Through the shell, so EDITOR="code --wait" works; the editor's
 * text reaches it as a variable, never as part of the script. What the
 * editor exits with is its business: the record is written either way. */
static void open_editor(const char *path, bool no_edit)
{
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (no_edit || !ed || !*ed || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return;
	setenv("ARCHGATE_EDITOR", ed, 1);
	const char *argv[] = {"$ARCHGATE_EDITOR \"$1\"", "sh", path, NULL};
	struct ag_proc p = AG_PROC_INIT;
	p.argv = argv;
	p.shell = true;
	p.interactive = true;
	struct ag_diags d;
	ag_diags_init(&d);
	ag_proc_run(&p, &d);
	cli_print_diags(&d, false);
	ag_diags_release(&d);
}

static int parse_template(const char *t, enum ag_adr_format *f)
{
	static const char *const names[] = {"seed", "adr-tools", "madr", "log4brains"};
	for (int i = 0; i < 4; i++)
		if (!strcmp(t, names[i]) || (i == 1 && !strcmp(t, "nygard"))) {
			*f = (enum ag_adr_format)i;
			return 0;
		}
	return -1;
}

static const char *const new_usage[] = {
	"archgate adr new TITLE [--supersedes N] [--no-edit] [--template T|FILE] [--deciders D]", "",
	"Write the next record with status Proposed and today's date, and open",
	"$VISUAL or $EDITOR on it when run on a terminal. Prints the path.",
	"The record is named and numbered the way the folder's records are",
	"(0012-slug.md, adr-012-slug.md, YYYYMMDD-slug.md) and written from the",
	"folder's own template when it has one: --template FILE, else",
	"$ADR_TEMPLATE (as adr-tools), else templates/template.md (adr-tools),",
	"adr-template.md (MADR) or template.md (MADR 2, log4brains) in the",
	"records folder; else the built-in template of the format in use.", "",
	"Examples:",
	"  archgate adr new \"Use PostgreSQL for orders\"",
	"  archgate adr new --no-edit --supersedes 3 \"Use PostgreSQL 17\"",
	"  archgate adr new --template docs/decisions/adr-template-minimal.md \"Use gRPC\"", NULL};

enum { NEW_SUPERSEDES, NEW_NO_EDIT, NEW_TEMPLATE, NEW_DECIDERS };
static const struct cli_option new_options[] = {
	[NEW_SUPERSEDES] = CLI_VALUE("supersedes", "N", "the new record supersedes record N (both\n"
				     "are updated and linked)"),
	[NEW_NO_EDIT] = CLI_FLAG("no-edit", "do not open an editor"),
	[NEW_TEMPLATE] = CLI_VALUE("template", "T", "a built-in template: seed, adr-tools (or\n"
				   "nygard), madr or log4brains; or a template FILE\n"
				   "(./madr for a file of that name); default: the\n"
				   "folder's template, else the format in use"),
	[NEW_DECIDERS] = CLI_VALUE("deciders", "D", "who decides (the template's deciders field)"),
};

/* The template file for a new record (--template FILE, $ADR_TEMPLATE, the
 * folder's own), read into *tpl; 0, or the exit code after saying why. */
static int read_template(struct cli_ctx *c, const struct ag_model *m, const char *given,
			 char **tpl, size_t *len, char **shown)
{
	char *path = NULL;
	*tpl = *shown = NULL;
	if (ag_adr_template_find(m->adrs.dir, given, given ? NULL : getenv("ADR_TEMPLATE"), &path))
		return AG_EXIT_USAGE;
	if (!path)
		return 0;
	int rc = ag_read_file(path, AG_ADR_MAX_BYTES, tpl, len);
	if (rc) {
		const char *why = rc == AG_ELIMIT ? "it is larger than 1 MiB" : ag_strerror(rc);
		if (given)
			cli_usage_error(c, "cannot read the template '%s': %s", path, why);
		else
			fprintf(stderr, "archgate adr: cannot read the template '%s'%s: %s\n", path,
				getenv("ADR_TEMPLATE") && *getenv("ADR_TEMPLATE") ? " ($ADR_TEMPLATE)" : "",
				why);
		free(path);
		return AG_EXIT_USAGE;
	}
	/* diagnostics name it as the records are named: from the root */
	size_t rl = strlen(m->root);
	char *abs = realpath(path, NULL);
	if (abs && !strncmp(abs, m->root, rl) && abs[rl] == '/')
		*shown = strdup(abs + rl + 1);
	free(abs);
	if (!*shown)
		*shown = path;
	else
		free(path);
	return 0;
}

static int adr_new(struct cli_ctx *c)
{
	if (c->npos != 1)
		return cli_usage_error(c, "expected one TITLE (quote it)");
	const char *title = c->pos[0];
	const char *problem = ag_adr_title_problem(title);
	if (problem)
		return cli_usage_error(c, "%s", problem);
	if (c->opt[NEW_DECIDERS] && (problem = ag_text_problem(c->opt[NEW_DECIDERS])))
		return cli_usage_error(c, "--deciders %s", problem);
	const struct ag_model *m;
	int rc = cli_model(c, &m);
	if (rc)
		return rc;
	struct ag_diags d;
	ag_diags_init(&d);
	const struct ag_adr *old = NULL;
	if (c->opt[NEW_SUPERSEDES] && !(old = find(m, c->opt[NEW_SUPERSEDES])))
		return AG_EXIT_USAGE;
	char today[11];
	cli_today(today);
	struct ag_adr_new o = {.title = title, .format = ag_adrs_majority_format(&m->adrs),
			       .date = today, .deciders = c->opt[NEW_DECIDERS], .adrs = &m->adrs};
	/* a folder without records yet, named by .log4brains.yml: log4brains' */
	if (!m->adrs.n && m->adrs.how && !strcmp(m->adrs.how, ".log4brains.yml"))
		o.format = AG_ADRF_LOG4BRAINS;
	const char *t = c->opt[NEW_TEMPLATE];
	char *tpl = NULL, *tpl_file = NULL;
	if (!t || parse_template(t, &o.format)) {
		if ((rc = read_template(c, m, t, &tpl, &o.tpl_len, &tpl_file)))
			return rc;
		o.tpl = tpl;
		o.tpl_file = tpl_file;
	}
	char prefix[9];
	snprintf(prefix, sizeof(prefix), "%.4s%.2s%.2s", today, today + 5, today + 8);
	o.prefix = prefix;
	char *path = NULL;
	int number;
	rc = ag_adr_create(m->adrs.dir, &o, &path, &number, &d);
	free(tpl);
	if (rc) {
		if (!d.n)
			fprintf(stderr, "archgate adr: cannot create a record in '%s': %s\n",
				m->adrs.dir, ag_strerror(rc));
		rc = finish(&d, rc);
		free(tpl_file);
		return rc;
	}
	free(tpl_file);
	if (old) {
		/* re-read so the new record is known, then link both ways */
		char *old_name = strdup(old->name);
		if (!old_name || (rc = cli_reload(c)) || (rc = edit_model(c, &m))) {
			free(path);
			free(old_name);
			return rc ? rc : AG_EXIT_USAGE;
		}
		const char *base = strrchr(path, '/') + 1;
		const struct ag_adr *nw = NULL, *od = NULL;
		for (size_t i = 0; i < m->adrs.n; i++) {
			if (!strcmp(m->adrs.v[i].name, base))
				nw = &m->adrs.v[i];
			if (!strcmp(m->adrs.v[i].name, old_name))
				od = &m->adrs.v[i];
		}
		free(old_name);
		rc = nw && od ? ag_adr_supersede(&m->adrs, od, nw, &d) : AG_ENOENT;
	}
	if (!rc) {
		printf("%s\n", path);
		fflush(stdout);
		open_editor(path, c->opt[NEW_NO_EDIT] != NULL);
	}
	free(path);
	return finish(&d, rc);
}

static const struct cli_command adr_new_cmd = {
	.name = "new", .summary = "Write a new record (status Proposed) in the template in use",
	.usage = new_usage, CLI_OPTIONS(new_options), CLI_RECORDS, .run = adr_new,
};

static const char *const init_usage[] = {
	"archgate adr init [DIR] [--template T|FILE]", "",
	"Set up a folder of decision records, as adr-tools' `adr init` does:",
	"create DIR (default: the folder archgate finds, arch/decisions in a new",
	"repository), write .adr-dir naming it at the repository root unless it",
	"is doc/adr (where adr-tools looks by itself), and, when the folder holds",
	"no record yet, write the first one, \"Record architecture decisions\",",
	"Accepted. A folder that already holds records is only pointed at.", "",
	"Examples:", "  archgate adr init docs/decisions",
	"  archgate adr init --template madr docs/decisions", NULL};

enum { INIT_TEMPLATE };
static const struct cli_option init_options[] = {
	[INIT_TEMPLATE] = CLI_VALUE("template", "T", "the first record's template, as for adr new"),
};

static const char init_context[] =
	"Decisions that shape this system are made in meetings, chats and pull requests, "
	"and the reasons behind them fade. People who join later, and we ourselves a year "
	"from now, need to know what was decided, why, and at what cost.";
static const char init_decision[] =
	"We will write a decision record for every significant decision: one Markdown file "
	"per decision in this folder, numbered in order, kept with the code and changed "
	"through the same reviews.";
static const char init_consequences[] =
	"Each decision has a short written history: the forces, the choice and its "
	"trade-offs. Reversing a decision takes a new record that supersedes the old one, so "
	"the old reasoning stays readable. A record takes some minutes to write.";
static const char init_alternatives[] =
	"## Alternatives Considered\n\n"
	"| Option | Pros | Cons | Why Rejected |\n"
	"|--------|------|------|---------------|\n"
	"| Decision records in the repository (chosen) | Reviewed with the code; history "
	"in git | Someone has to write them | N/A |\n"
	"| A wiki page of decisions | Easy to edit | Drifts from the code; no review | "
	"Nobody sees it change in a pull request |\n"
	"| No written record | No effort | Reasons are lost when people leave | The same "
	"questions are argued again |\n";

/* DIR (relative to the current folder) as an absolute path without "."
 * or ".." parts, malloc'd. */
static char *absolute_dir(const char *dir)
{
	char cwd[4096];
	if (dir[0] != '/' && !getcwd(cwd, sizeof(cwd)))
		return NULL;
	struct ag_buf in = AG_BUF_INIT, out = AG_BUF_INIT;
	ag_buf_printf(&in, "%s/%s", dir[0] == '/' ? "" : cwd, dir);
	char *s = ag_buf_detach(&in, NULL), *save = NULL;
	for (char *p = s ? strtok_r(s, "/", &save) : NULL; p; p = strtok_r(NULL, "/", &save)) {
		if (!strcmp(p, "."))
			continue;
		if (!strcmp(p, "..")) {
			char *sl = out.len ? strrchr(out.data, '/') : NULL;
			if (sl)
				out.len = (size_t)(sl - out.data), out.data[out.len] = '\0';
			continue;
		}
		ag_buf_printf(&out, "/%s", p);
	}
	free(s);
	if (!out.len)
		ag_buf_addc(&out, '/');
	return ag_buf_detach(&out, NULL);
}

/* The part of `abs` under `root`: "" for the root itself, NULL outside. */
static const char *under_root(const char *abs, const char *root)
{
	size_t rl = strlen(root);
	if (strncmp(abs, root, rl) || (abs[rl] && abs[rl] != '/'))
		return NULL;
	return abs[rl] ? abs + rl + 1 : "";
}

static int adr_init(struct cli_ctx *c)
{
	if (c->npos > 1)
		return cli_usage_error(c, "expected at most one DIR");
	enum ag_adr_format fmt = AG_ADRF_SEED;
	const char *t = c->opt[INIT_TEMPLATE];
	bool tpl_file = t && parse_template(t, &fmt);
	const struct ag_model *m;
	int rc = cli_model(c, &m);
	if (rc)
		return rc;
	char *abs = c->npos ? absolute_dir(c->pos[0]) : strdup(m->adrs.dir);
	char *root = realpath(m->root, NULL);
	const char *rel = abs && root ? under_root(abs, root) : NULL;
	if (!rel && abs && root && !strcmp(abs, m->adrs.dir))
		rel = m->adrs.dir_rel;
	if (!rel || !*rel) {
		if (abs && root)
			fprintf(stderr, "archgate adr: '%s' is not a folder inside the repository "
				"'%s'\n", c->npos ? c->pos[0] : abs, root);
		free(abs);
		free(root);
		return AG_EXIT_USAGE;
	}
	char *rel_copy = strdup(rel);
	rc = ag_mkdirs(abs);
	char *real = rc ? NULL : realpath(abs, NULL);
	if (rc || !real || !under_root(real, root) || !rel_copy) {
		fprintf(stderr, "archgate adr: cannot make the folder '%s': %s\n", abs,
			rc ? ag_strerror(rc) : "it leads out of the repository");
		free(abs);
		free(root);
		free(real);
		free(rel_copy);
		return AG_EXIT_USAGE;
	}
	free(real);
	/* .adr-dir, where adr-tools (and archgate) look for it */
	struct ag_buf b = AG_BUF_INIT, cur = AG_BUF_INIT;
	char *adr_dir = ag_path_join(root, ".adr-dir"), *old = NULL;
	size_t olen = 0;
	ag_buf_printf(&b, "%s\n", rel_copy);
	bool have = adr_dir && !ag_read_file(adr_dir, 4096, &old, &olen) && olen == b.len &&
		    !memcmp(old, b.data, b.len);
	/* doc/adr needs none, unless a .adr-dir names another folder */
	if (adr_dir && !have && (strcmp(rel_copy, "doc/adr") || ag_exists(adr_dir))) {
		rc = ag_exists(adr_dir) ? ag_write_replace_in(root, adr_dir, b.data, b.len)
					: ag_write_new(adr_dir, b.data, b.len);
		if (rc)
			fprintf(stderr, "archgate adr: cannot write '%s': %s\n", adr_dir,
				ag_strerror(rc));
		else
			printf("%s\n", adr_dir);
	}
	free(old);
	ag_buf_release(&b);
	ag_buf_release(&cur);
	/* the first record, in a folder that has none */
	char **names = NULL;
	size_t nn = 0;
	if (!rc)
		rc = ag_dir_list(abs, ag_record_file_name, &names, &nn);
	ag_dir_list_free(names, nn);
	struct ag_diags d;
	ag_diags_init(&d);
	char *path = NULL, *tpl = NULL, *shown = NULL;
	if (!rc && !nn) {
		char today[11];
		cli_today(today);
		struct ag_adrs none = {0};
		none.dir = abs;
		none.dir_rel = rel_copy;
		struct ag_adr_new o = {.title = "Record architecture decisions", .format = fmt,
				       .date = today, .context = init_context,
				       .decision = init_decision, .consequences = init_consequences,
				       .alternatives = init_alternatives};
		/* like adr-tools' init: its own text, not $ADR_TEMPLATE or the
		 * folder's template (a template FILE given here is used) */
		if (tpl_file)
			rc = read_template(c, m, t, &tpl, &o.tpl_len, &shown);
		o.tpl = tpl;
		o.tpl_file = shown;
		int number;
		if (!rc)
			rc = ag_adr_create(abs, &o, &path, &number, &d);
		/* the first decision is made by making it: Accepted */
		struct ag_arena a;
		ag_arena_init(&a, 0);
		char *text = NULL;
		size_t len;
		struct ag_adr r;
		if (!rc && !(rc = ag_read_file(path, AG_ADR_MAX_BYTES, &text, &len))) {
			char *at = ag_arena_strndup(&a, text, len);
			const char *file = strrchr(path, '/') + 1;
			rc = at ? ag_adr_parse(&a, file, at, len, &r) : AG_ENOMEM;
			struct ag_adrs one = none;
			one.v = &r;
			one.n = 1;
			if (!rc && r.status_line >= 0)
				rc = ag_adr_set_status(&one, &r, AG_ADR_ACCEPTED, &d);
		}
		free(text);
		ag_arena_release(&a);
		if (!rc)
			printf("%s\n", path);
	} else if (!rc) {
		printf("%s holds %zu record%s already; none written\n", rel_copy, nn,
		       nn == 1 ? "" : "s");
	}
	free(path);
	free(tpl);
	free(shown);
	free(adr_dir);
	free(abs);
	free(root);
	free(rel_copy);
	if (rc == AG_EXIT_USAGE) {
		ag_diags_release(&d);
		return rc;
	}
	return finish(&d, rc);
}

static const struct cli_command adr_init_cmd = {
	.name = "init", .summary = "Set up a records folder (.adr-dir, the first record)",
	.usage = init_usage, CLI_OPTIONS(init_options), CLI_RECORDS, .run = adr_init,
};

static int parse_date_opt(const char *v, long *days)
{
	return v ? ag_date_parse(v, strlen(v), days) : 0;
}

static const char *const list_usage[] = {
	"archgate adr list [--status S] [--tag T] [--since D] [--until D] [--package P] [--format F]",
	"",
	"List the decision records in order: number, status, date and title.",
	"The JSON shape is stable (see docs/json.md).", "",
	"Example:", "  archgate adr list --status accepted --format json", NULL};

enum { LIST_STATUS, LIST_TAG, LIST_SINCE, LIST_UNTIL, LIST_PACKAGE };
static const struct cli_option list_options[] = {
	[LIST_STATUS] = CLI_VALUE("status", "S", "only records with status S: a state (proposed,\n"
				  "accepted, rejected, deprecated, superseded) or a\n"
				  "status as written (draft, \"on hold\", approved)"),
	[LIST_TAG] = CLI_VALUE("tag", "T", "only records tagged T"),
	[LIST_SINCE] = CLI_VALUE("since", "DATE", "only records dated DATE (YYYY-MM-DD) or later"),
	[LIST_UNTIL] = CLI_VALUE("until", "DATE", "only records dated DATE or earlier"),
	[LIST_PACKAGE] = CLI_VALUE("package", "P", "only records of log4brains package P ('-':\n"
				   "the main folder)"),
};

static int adr_list(struct cli_ctx *c)
{
	int rc;
	if (c->npos)
		return cli_usage_error(c, "unexpected argument '%s'", c->pos[0]);
	enum ag_format fmt = c->format;
	const char *st = c->opt[LIST_STATUS];
	struct ag_adr_filter filter = {st != NULL, AG_ADR_UNKNOWN, c->opt[LIST_TAG],
				       c->opt[LIST_SINCE] != NULL, c->opt[LIST_UNTIL] != NULL, 0, 0,
				       c->opt[LIST_PACKAGE], NULL};
	if (parse_date_opt(c->opt[LIST_SINCE], &filter.since) ||
	    parse_date_opt(c->opt[LIST_UNTIL], &filter.until))
		return cli_usage_error(c, "--since and --until take a date YYYY-MM-DD");
	/* a lifecycle state matches every status that maps to it; any other
	 * word the status as written ("draft", "on hold") */
	static const char *const states[] = {"proposed", "accepted", "rejected", "deprecated",
					     "superseded", NULL};
	bool state = false;
	for (size_t k = 0; st && states[k]; k++)
		state = state || !strcasecmp(st, states[k]);
	if (st && state)
		filter.status = ag_adr_status_parse(st, strlen(st));
	else if (st) {
		filter.by_status = false;
		filter.status_text = st;
	}
	const struct ag_model *m;
	if ((rc = cli_model(c, &m)))
		return rc;
	if (st && !state && ag_adr_status_parse(st, strlen(st)) == AG_ADR_UNKNOWN) {
		bool any = false;
		for (size_t i = 0; i < m->adrs.n && !any; i++)
			any = ag_adr_status_text_is(&m->adrs.v[i], st);
		if (!any)
			return cli_usage_error(c, "unknown status '%s' (proposed, accepted, rejected, "
					       "deprecated, superseded, or a status as the records "
					       "write it)", st);
	}
	cli_no_records(c, m);
	struct ag_buf out = AG_BUF_INIT;
	return cli_output(c, &out, ag_adr_list_report(&out, fmt == AG_FMT_JSON, &m->adrs, &filter,
						      cli_color(c)));
}

static const struct cli_command adr_list_cmd = {
	.name = "list", .summary = "List the records (filter by status, tag, date)",
	.usage = list_usage, CLI_OPTIONS(list_options), .formats = CLI_TEXT_JSON, CLI_RECORDS,
	.run = adr_list,
};

static const char *const show_usage[] = {
	"archgate adr show N [--format FMT]", "",
	"Print one record as it is, or as JSON with its fields and text.", "",
	"Example:", "  archgate adr show 3 --format json", NULL};

static int adr_show(struct cli_ctx *c)
{
	int rc;
	if (c->npos != 1)
		return cli_usage_error(c, "expected one record (number or name)");
	enum ag_format fmt = c->format;
	const struct ag_model *m;
	const struct ag_adr *r;
	if ((rc = load_record(c, c->pos[0], false, &m, &r)))
		return rc;
	struct ag_buf out = AG_BUF_INIT;
	return cli_output(c, &out, ag_adr_show_report(&out, fmt == AG_FMT_JSON, r));
}

static const struct cli_command adr_show_cmd = {
	.name = "show", .summary = "Print one record", .usage = show_usage,
	.formats = CLI_TEXT_JSON, CLI_RECORDS, .run = adr_show,
};

/* Path of `target` relative to folder `from` (both absolute, normalised):
 * "../" for each of from's components past the common prefix, then the
 * rest of target. */
static void relpath(const char *from, const char *target, struct ag_buf *out)
{
	size_t common = 0; /* length of the common prefix, on a component boundary */
	for (size_t i = 0;; i++) {
		bool fe = from[i] == '\0' || from[i] == '/';
		bool te = target[i] == '\0' || target[i] == '/';
		if (fe && te) {
			common = i;
			if (!from[i] || !target[i])
				break;
		} else if (from[i] != target[i]) {
			break;
		}
		if (!from[i] || !target[i])
			break;
	}
	for (const char *p = from + common; *p; p++)
		if (*p == '/')
			ag_buf_adds(out, "../");
	const char *rest = target + common;
	if (*rest == '/')
		rest++;
	ag_buf_adds(out, rest);
}

/* A link prefix the user gave (adr-tools' -p: "https://wiki/adr/",
 * "../decisions/") as it is, except what would end or break a Markdown
 * link or a DOT string: spaces, ( ) < > " \\ and non-ASCII bytes are
 * percent-encoded. */
static void link_prefix(struct ag_buf *b, const char *p)
{
	for (; p && *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch <= ' ' || ch >= 0x7f || strchr("()<>\"\\`", ch))
			ag_buf_printf(b, "%%%02X", ch);
		else
			ag_buf_addc(b, (char)ch);
	}
}

/* Whether a prefix or extension is refused: a control character, or a
 * prefix that is no http, https, mailto or relative URL (ADR-023's
 * allowlist: no javascript: links in a published table). */
static bool bad_link_part(const char *p, bool prefix)
{
	for (const char *q = p; q && *q; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			return true;
	if (!p || !prefix)
		return false;
	struct ag_buf b = AG_BUF_INIT;
	link_prefix(&b, p);
	bool ok = ag_url_allowed(b.data ? b.data : "", b.len);
	ag_buf_release(&b);
	return !ok;
}

static void toc(const struct ag_model *m, const char *link_dir, const char *prefix,
		struct ag_buf *out)
{
	for (size_t i = 0; i < m->adrs.n; i++) {
		const struct ag_adr *r = &m->adrs.v[i];
		struct ag_buf label = AG_BUF_INIT, path = AG_BUF_INIT, abs = AG_BUF_INIT;
		ag_adr_label(r, &label);
		/* where the record is: a subfolder's or a package's records are
		 * not in the main folder (r->file is relative to the root) */
		const char *dir = m->adrs.dir, *rel = m->adrs.dir_rel;
		size_t dl = strlen(dir), rl = strlen(rel);
		bool at_root = !strcmp(rel, ".") || !rl;
		if (at_root)
			ag_buf_printf(&abs, "%s/%s", dir, r->file);
		else if (dl > rl && !strcmp(dir + dl - rl, rel) && dir[dl - rl - 1] == '/')
			ag_buf_printf(&abs, "%.*s%s", (int)(dl - rl), dir, r->file);
		else
			ag_buf_printf(&abs, "%s/%s", dir, r->name);
		relpath(link_dir ? link_dir : dir, abs.data, &path);
		/* the label and the path each through their escaper (ADR-023): a
		 * title cannot close the label, a file name cannot be a scheme */
		ag_buf_adds(out, "* [");
		ag_buf_md_str(out, label.data, label.len);
		ag_buf_adds(out, "](");
		link_prefix(out, prefix);
		ag_buf_uri_path(out, path.data, path.len);
		ag_buf_addc(out, ')');
		if (r->status_text)
			ag_buf_printf(out, " — %s", ag_adr_status_name(r->status));
		ag_buf_addc(out, '\n');
		ag_buf_release(&label);
		ag_buf_release(&path);
		ag_buf_release(&abs);
	}
}

static const char *const toc_usage[] = {
	"archgate adr toc [--in FILE] [-i INTRO] [-o OUTRO] [-p LINK-PREFIX]", "",
	"A Markdown table of contents of the records, to stdout, or written into",
	"FILE between the markers <!-- archgate:adr-toc --> and",
	"<!-- archgate:end --> (links relative to FILE). Links are URL-encoded",
	"(spaces, parentheses, non-ASCII file names). -i, -o and -p are",
	"adr-tools' `adr generate toc` options.", "",
	"Examples:", "  archgate adr toc > arch/decisions/README.md",
	"  archgate adr toc --in README.md",
	"  archgate adr toc -i intro.md -o outro.md -p https://wiki.example.com/adr/", NULL};

enum { TOC_IN, TOC_INTRO, TOC_OUTRO, TOC_PREFIX };
static const struct cli_option toc_options[] = {
	[TOC_IN] = CLI_VALUE("in", "FILE", "replace the table between the markers in FILE"),
	[TOC_INTRO] = {.name = "intro", .arg = "FILE", .short_name = 'i',
		       .help = "Markdown to put before the table (adr-tools -i)"},
	[TOC_OUTRO] = {.name = "outro", .arg = "FILE", .short_name = 'o',
		       .help = "Markdown to put after the table (adr-tools -o)"},
	[TOC_PREFIX] = {.name = "link-prefix", .arg = "P", .short_name = 'p',
			.help = "put P before every link (adr-tools -p)"},
};

/* The contents of an --intro or --outro FILE into *text (NULL: none);
 * 0, or the exit code after saying why. */
static int read_part(struct cli_ctx *c, const char *opt, const char *file, char **text)
{
	size_t len;
	*text = NULL;
	if (!file)
		return 0;
	int rc = ag_read_file(file, (size_t)1 << 20, text, &len);
	if (rc)
		return cli_usage_error(c, "cannot read the %s '%s': %s", opt, file,
				       rc == AG_ELIMIT ? "it is larger than 1 MiB" : ag_strerror(rc));
	if (memchr(*text, '\0', len)) {
		free(*text);
		*text = NULL;
		return cli_usage_error(c, "the %s '%s' is not text (it holds a NUL byte)", opt, file);
	}
	return 0;
}

/* The table with the intro and outro around it (adr-tools' layout: each
 * separated by a blank line). */
static void toc_all(const struct ag_model *m, const char *link_dir, const char *prefix,
		    const char *intro, const char *outro, struct ag_buf *out)
{
	if (intro && *intro) {
		ag_buf_adds(out, intro);
		ag_buf_adds(out, intro[strlen(intro) - 1] == '\n' ? "\n" : "\n\n");
	}
	toc(m, link_dir, prefix, out);
	if (outro && *outro) {
		ag_buf_addc(out, '\n');
		ag_buf_adds(out, outro);
		if (outro[strlen(outro) - 1] != '\n')
			ag_buf_addc(out, '\n');
	}
}

static int adr_toc(struct cli_ctx *c)
{
	int rc;
	if (c->npos)
		return cli_usage_error(c, "unexpected argument '%s'", c->pos[0]);
	const char *prefix = c->opt[TOC_PREFIX];
	if (bad_link_part(prefix, true))
		return cli_usage_error(c, "--link-prefix must be an http, https or relative URL "
				       "without control characters");
	char *intro = NULL, *outro = NULL;
	if ((rc = read_part(c, "intro", c->opt[TOC_INTRO], &intro)) ||
	    (rc = read_part(c, "outro", c->opt[TOC_OUTRO], &outro))) {
		free(intro);
		return rc;
	}
	const struct ag_model *m;
	if ((rc = c->opt[TOC_IN] ? edit_model(c, &m) : cli_model(c, &m))) {
		free(intro);
		free(outro);
		return rc;
	}
	cli_no_records(c, m);
	struct ag_buf out = AG_BUF_INIT;
	if (!c->opt[TOC_IN]) {
		ag_buf_adds(&out, "# Architecture Decision Records\n\n");
		toc_all(m, NULL, prefix, intro, outro, &out);
		rc = cli_write(&out);
		ag_buf_release(&out);
		free(intro);
		free(outro);
		return rc;
	}
	static const char begin[] = "<!-- archgate:adr-toc -->", end[] = "<!-- archgate:end -->";
	const char *file = c->opt[TOC_IN];
	char *data = NULL;
	size_t len;
	rc = ag_read_file(file, (size_t)16 << 20, &data, &len);
	const char *b = rc ? NULL : strstr(data, begin);
	const char *e = b ? strstr(b, end) : NULL;
	if (rc) {
		fprintf(stderr, "archgate adr: cannot read '%s': %s\n", cli_text(c, file),
			ag_strerror(rc));
		rc = AG_EXIT_USAGE;
	} else if (!b || !e) {
		fprintf(stderr, "archgate adr: '%s' has no '%s' ... '%s' markers; add them where "
			"the table of contents belongs\n", cli_text(c, file), begin, end);
		rc = AG_EXIT_USAGE;
	} else {
		char *dir = realpath(file, NULL);
		char *slash = dir ? strrchr(dir, '/') : NULL;
		if (slash)
			*slash = '\0';
		const char *nl = strchr(b, '\n');
		size_t head = nl && nl < e ? (size_t)(nl + 1 - data) : (size_t)(b - data) + strlen(begin);
		ag_buf_add(&out, data, head);
		if (head == (size_t)(b - data) + strlen(begin))
			ag_buf_addc(&out, '\n');
		toc_all(m, dir, prefix, intro, outro, &out);
		ag_buf_add(&out, e, len - (size_t)(e - data));
		free(dir);
		rc = ag_write_replace_in(m->root, file, out.data, out.len);
		if (rc) {
			fprintf(stderr, "archgate adr: cannot write '%s': %s\n", cli_text(c, file),
				ag_strerror(rc));
			rc = AG_EXIT_USAGE;
		}
	}
	free(data);
	free(intro);
	free(outro);
	ag_buf_release(&out);
	return rc;
}

static const struct cli_command adr_toc_cmd = {
	.name = "toc", .summary = "A table of contents, printed or kept up to date in a file",
	.usage = toc_usage, CLI_OPTIONS(toc_options), CLI_RECORDS, .run = adr_toc,
};

static void graph_label(struct ag_buf *b, const struct ag_adr *r, bool dot)
{
	struct ag_buf l = AG_BUF_INIT;
	ag_adr_label(r, &l);
	if (dot)
		ag_buf_dot_str(b, l.data, l.len);
	else
		ag_buf_mermaid_str(b, l.data, l.len);
	ag_buf_release(&l);
}

static const char *const graph_usage[] = {
	"archgate adr graph [--format dot|mermaid] [-p LINK-PREFIX] [-e LINK-EXTENSION]", "",
	"The records and their links (supersedes, amends, ...) as a Graphviz or",
	"Mermaid graph; superseded and deprecated records dashed. Each node links",
	"to its record: the file name, or with -p and -e (adr-tools' `adr",
	"generate graph` options) PREFIX + the name without .md + EXTENSION.", "",
	"Examples:", "  archgate adr graph | dot -Tsvg > decisions.svg",
	"  archgate adr graph -p https://docs.example.com/adr/ -e .html | dot -Tsvg > g.svg", NULL};

enum { GRAPH_FORMAT, GRAPH_PREFIX, GRAPH_EXT };
static const struct cli_option graph_options[] = {
	/* a graph's vocabulary, not the report formats */
	[GRAPH_FORMAT] = CLI_VALUE("format", "FMT", "dot (the default) or mermaid"),
	[GRAPH_PREFIX] = {.name = "link-prefix", .arg = "P", .short_name = 'p',
			  .help = "put P before every node's link (adr-tools -p)"},
	[GRAPH_EXT] = {.name = "link-extension", .arg = "E", .short_name = 'e',
		       .help = "link to NAME+E in place of NAME.md (adr-tools -e;\n"
			       "adr-tools' default is .html)"},
};

/* A node's link: [prefix] + the file name, or its stem + `ext`. */
static void graph_url(struct ag_buf *b, const struct ag_adr *r, const char *prefix,
		      const char *ext)
{
	size_t n = strlen(r->name);
	link_prefix(b, prefix);
	if (ext) {
		ag_buf_uri_path(b, r->name, n > 3 ? n - 3 : n);
		ag_buf_uri_path(b, ext, strlen(ext));
	} else {
		ag_buf_uri_path(b, r->name, n);
	}
}

static int adr_graph(struct cli_ctx *c)
{
	int rc;
	const char *f = c->opt[GRAPH_FORMAT] ? c->opt[GRAPH_FORMAT] : "dot";
	const char *prefix = c->opt[GRAPH_PREFIX], *ext = c->opt[GRAPH_EXT];
	bool dot = !strcmp(f, "dot");
	if (!dot && strcmp(f, "mermaid"))
		return cli_usage_error(c, "unknown format '%s' (use dot or mermaid)", f);
	if (bad_link_part(prefix, true) || bad_link_part(ext, false))
		return cli_usage_error(c, "--link-prefix must be an http, https or relative URL, "
				       "and neither it nor --link-extension may hold a control "
				       "character");
	const struct ag_model *m;
	if ((rc = cli_model(c, &m)))
		return rc;
	cli_no_records(c, m);
	struct ag_buf b = AG_BUF_INIT;
	ag_buf_adds(&b, dot ? "digraph adrs {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n"
			    : "flowchart LR\n");
	for (size_t i = 0; i < m->adrs.n; i++) {
		const struct ag_adr *r = &m->adrs.v[i];
		ag_buf_printf(&b, dot ? "  n%zu [label=\"" : "  n%zu[\"", i);
		graph_label(&b, r, dot);
		if (!dot) {
			ag_buf_printf(&b, "<br/>%s\"]\n", ag_adr_status_name(r->status));
			if (prefix || ext) { /* a link only when asked: Mermaid has no default */
				ag_buf_printf(&b, "  click n%zu href \"", i);
				graph_url(&b, r, prefix, ext);
				ag_buf_adds(&b, "\"\n");
			}
			continue;
		}
		/* the file name as a relative URI (no scheme, nothing to escape) */
		ag_buf_printf(&b, "\\n%s\", URL=\"", ag_adr_status_name(r->status));
		graph_url(&b, r, prefix, ext);
		ag_buf_printf(&b, "\"%s];\n", r->status == AG_ADR_SUPERSEDED ||
						      r->status == AG_ADR_DEPRECATED
						      ? ", style=\"rounded,dashed\"" : "");
	}
	for (size_t i = 0; i < m->adrs.n; i++) {
		const struct ag_adr *r = &m->adrs.v[i];
		for (size_t k = 0; k < r->nlinks; k++) {
			const struct ag_adr_link *l = &r->links[k];
			/* draw each pair once: from the side whose type is not "... by",
			 * and a symmetric type ("Relates to") from the lower record */
			size_t tl = strlen(l->type);
			const struct ag_adr *t = ag_adrs_link_target(&m->adrs, l);
			if (!t)
				continue;
			size_t ti = (size_t)(t - m->adrs.v);
			if (tl > 3 && !strcasecmp(l->type + tl - 3, " by")) {
				/* stated on this side only: draw it from the other */
				bool back = false;
				for (size_t j = 0; j < t->nlinks && !back; j++)
					back = ag_adrs_link_target(&m->adrs, &t->links[j]) == r;
				const char *rev = ag_adr_link_reverse(l->type);
				if (back || !rev)
					continue;
				if (dot)
					ag_buf_printf(&b, "  n%zu -> n%zu [label=\"%s\"];\n", ti, i, rev);
				else
					ag_buf_printf(&b, "  n%zu -->|%s| n%zu\n", ti, rev, i);
				continue;
			}
			const char *rev = ag_adr_link_reverse(l->type);
			if (rev && !strcasecmp(rev, l->type) && ti < i)
				continue;
			ag_buf_printf(&b, dot ? "  n%zu -> n%zu [label=\"" : "  n%zu -->|\"", i,
				      dot ? ti : 0);
			if (dot)
				ag_buf_dot_str(&b, l->type, strlen(l->type));
			else
				ag_buf_mermaid_str(&b, l->type, strlen(l->type));
			if (dot)
				ag_buf_adds(&b, "\"];\n");
			else
				ag_buf_printf(&b, "\"| n%zu\n", ti);
		}
	}
	if (dot)
		ag_buf_adds(&b, "}\n");
	rc = cli_write(&b);
	ag_buf_release(&b);
	return rc;
}

static const struct cli_command adr_graph_cmd = {
	.name = "graph", .summary = "The records and their links as a DOT or Mermaid graph",
	.usage = graph_usage, CLI_OPTIONS(graph_options), CLI_RECORDS, .run = adr_graph,
};

static const char *const lint_usage[] = {
	"archgate adr lint [--package P] [--format FMT]", "",
	"Run the adr-* and rfc-* rules of `archgate check` only: a real Context and",
	"Consequences, a \"Why rejected\" for every alternative, links that resolve,",
	"... Exit 1 when a finding of error severity remains.", "",
	"Example:", "  archgate adr lint --format github", NULL};

enum { LINT_PACKAGE };
static const struct cli_option lint_options[] = {
	[LINT_PACKAGE] = CLI_VALUE("package", "P", "only findings in log4brains package P's folder\n"
				   "('-': the main folder)"),
};

static int adr_lint(struct cli_ctx *c)
{
	int rc;
	enum ag_format fmt = c->format;
	const struct ag_model *m;
	if ((rc = cli_model(c, &m)))
		return rc;
	/* never "check passed" over records it could not see */
	if (cli_no_records(c, m) && !m->rfcs.n)
		return AG_EXIT_USAGE;
	const char *pkg = c->opt[LINT_PACKAGE], *pdir = NULL;
	if (pkg && !strcmp(pkg, "-"))
		pdir = m->adrs.dir_rel;
	for (size_t i = 0; pkg && !pdir && i < m->adrs.npkgs; i++)
		if (!strcmp(m->adrs.pkgs[i].name, pkg))
			pdir = m->adrs.pkgs[i].dir_rel;
	if (pkg && !pdir)
		return cli_usage_error(c, "no log4brains package '%s' (.log4brains.yml lists %zu)",
				       pkg, m->adrs.npkgs);
	static const char *const only[] = {"adr-", "rfc-", NULL};
	struct ag_check_opts opts = {.only = only};
	struct ag_result res;
	rc = ag_check_run(m, &opts, &res);
	if (!rc && pdir) {
		char prefix[4096];
		snprintf(prefix, sizeof(prefix), "%s/", pdir);
		ag_result_keep_files(&res, strcmp(pdir, ".") ? prefix : "");
	}
	struct ag_buf out = AG_BUF_INIT;
	struct ag_report_opts ro = {cli_color(c), AG_VERSION};
	if (!rc)
		rc = ag_report_check(&out, fmt, m, &res, &ro);
	int exit_code = rc ? AG_EXIT_USAGE : cli_write(&out);
	if (!exit_code && res.errors)
		exit_code = AG_EXIT_FAIL;
	ag_buf_release(&out);
	ag_result_release(&res);
	return exit_code;
}

static const struct cli_command adr_lint_cmd = {
	.name = "lint", .summary = "The decision-record rules of check, alone",
	.usage = lint_usage, CLI_OPTIONS(lint_options), .formats = CLI_ALL_FORMATS, CLI_RECORDS,
	.run = adr_lint,
};

static const char *const accept_usage[] = {
	"archgate adr accept N", "", "Set record N's status to Accepted.", "",
	"Example:", "  archgate adr accept 7", NULL};
static const char *const reject_usage[] = {
	"archgate adr reject N", "", "Set record N's status to Rejected.", "",
	"Example:", "  archgate adr reject 7", NULL};
static const char *const deprecate_usage[] = {
	"archgate adr deprecate N", "", "Set record N's status to Deprecated.", "",
	"Example:", "  archgate adr deprecate 2", NULL};

/* arg: the status to set. */
static int adr_status(struct cli_ctx *c)
{
	enum ag_adr_status st = (enum ag_adr_status)c->cmd->arg;
	int rc;
	if (c->npos != 1)
		return cli_usage_error(c, "expected one record (number or name)");
	const struct ag_model *m;
	const struct ag_adr *r;
	if ((rc = load_record(c, c->pos[0], true, &m, &r)))
		return rc;
	struct ag_diags d;
	ag_diags_init(&d);
	rc = ag_adr_set_status(&m->adrs, r, st, &d);
	if (!rc)
		printf("%s: %s\n", cli_text(c, r->file), ag_adr_status_name(st));
	return finish(&d, rc);
}

static const struct cli_command adr_accept_cmd = {
	.name = "accept", .summary = "Set a record's status to Accepted", .usage = accept_usage,
	CLI_RECORDS, .run = adr_status, .arg = AG_ADR_ACCEPTED,
};

static const struct cli_command adr_reject_cmd = {
	.name = "reject", .summary = "Set a record's status to Rejected", .usage = reject_usage,
	CLI_RECORDS, .run = adr_status, .arg = AG_ADR_REJECTED,
};

static const struct cli_command adr_deprecate_cmd = {
	.name = "deprecate", .summary = "Set a record's status to Deprecated",
	.usage = deprecate_usage, CLI_RECORDS, .run = adr_status, .arg = AG_ADR_DEPRECATED,
};

static const char *const supersede_usage[] = {
	"archgate adr supersede OLD NEW", "",
	"Record OLD as superseded by NEW: OLD's status becomes Superseded and both",
	"records link to each other.", "",
	"Example:", "  archgate adr supersede 3 9", NULL};

static int adr_supersede(struct cli_ctx *c)
{
	int rc;
	if (c->npos != 2)
		return cli_usage_error(c, "expected OLD NEW");
	const struct ag_model *m;
	if ((rc = edit_model(c, &m)))
		return rc;
	const struct ag_adr *o = find(m, c->pos[0]), *n = o ? find(m, c->pos[1]) : NULL;
	struct ag_diags d;
	ag_diags_init(&d);
	if (!o || !n || o == n) {
		if (o && o == n)
			fprintf(stderr, "archgate adr: a record cannot supersede itself\n");
		return AG_EXIT_USAGE;
	}
	rc = ag_adr_supersede(&m->adrs, o, n, &d);
	if (!rc)
		printf("%s is superseded by %s\n", cli_text(c, o->file), cli_text(c, n->file));
	return finish(&d, rc);
}

static const struct cli_command adr_supersede_cmd = {
	.name = "supersede", .summary = "OLD is superseded by NEW; both records updated",
	.usage = supersede_usage, CLI_RECORDS, .run = adr_supersede,
};

static const char *const link_usage[] = {
	"archgate adr link N TYPE M [REVERSE]", "",
	"Link record N to record M with TYPE (Amends, Relates to, ...) and M back",
	"to N with REVERSE (known types have a known reverse: Amends, Amended by).", "",
	"Example:", "  archgate adr link 4 Amends 2 \"Amended by\"", NULL};

static int adr_link(struct cli_ctx *c)
{
	int rc;
	if (c->npos != 3 && c->npos != 4)
		return cli_usage_error(c, "expected N TYPE M [REVERSE]");
	const char *type = c->pos[1];
	const char *reverse = c->npos == 4 ? c->pos[3] : ag_adr_link_reverse(type);
	if (!reverse)
		return cli_usage_error(c, "no known reverse for link type '%s'; give it: adr "
				       "link N \"%s\" M \"REVERSE\"", type, type);
	for (const char *p = type; *p; p++)
		if (!isalpha((unsigned char)*p) && *p != ' ' && *p != '-')
			return cli_usage_error(c, "link types are words ('Amends', 'Relates "
					       "to'), not '%s'", type);
	const struct ag_model *m;
	if ((rc = edit_model(c, &m)))
		return rc;
	const struct ag_adr *f = find(m, c->pos[0]), *t = f ? find(m, c->pos[2]) : NULL;
	struct ag_diags d;
	ag_diags_init(&d);
	if (!f || !t) {
		return AG_EXIT_USAGE;
	}
	rc = ag_adr_link(&m->adrs, f, type, t, reverse, &d);
	if (!rc)
		printf("%s %s %s\n", cli_text(c, f->file), type, cli_text(c, t->file));
	return finish(&d, rc);
}

static const struct cli_command adr_link_cmd = {
	.name = "link", .summary = "Link two records both ways",
	.usage = link_usage, CLI_RECORDS, .run = adr_link,
};

static const char *const renumber_usage[] = {
	"archgate adr renumber", "",
	"Give records that share a number (two branches both made 0042) the next",
	"free numbers, and rewrite every link to them.", "",
	"Example:", "  git merge feature && archgate adr renumber", NULL};

static int adr_renumber(struct cli_ctx *c)
{
	int rc;
	if (c->npos)
		return cli_usage_error(c, "unexpected argument '%s'", c->pos[0]);
	struct ag_diags moves, d;
	ag_diags_init(&moves);
	ag_diags_init(&d);
	moves.max = 100000;
	c->edit = true; /* it finishes a pending edit (edit_model) */
	for (int round = 0; round < 100000; round++) {
		const struct ag_model *m;
		if ((rc = cli_reload(c)) || (rc = edit_model(c, &m)))
			break;
		rc = ag_adrs_renumber(&m->adrs, &moves, &d);
		if (rc <= 0)
			break;
	}
	for (size_t i = 0; i < moves.n; i++)
		printf("renumbered %s\n", cli_text(c, moves.v[i].message));
	if (!rc && !moves.n)
		printf("no duplicate numbers\n");
	cli_print_diags(&d, false);
	ag_diags_release(&moves);
	ag_diags_release(&d);
	return rc ? AG_EXIT_USAGE : 0;
}

static const struct cli_command adr_renumber_cmd = {
	.name = "renumber", .summary = "Give duplicate numbers the next free ones, links rewritten",
	.usage = renumber_usage, CLI_RECORDS, .run = adr_renumber,
};

static const char *const recover_usage[] = {
	"archgate adr recover", "",
	"Finish an edit of the records that was interrupted (a crash or kill during",
	"renumber, mv, supersede or link left its journal, .archgate-journal, in the",
	"records folder): every file is written as the edit makes it, and temp files",
	"of cut-short writes are removed. Commands that only read (check, status,",
	"adr list, ...) refuse to run while a journal is pending; every editing",
	"command finishes it first, as this one does and nothing else.", "",
	"Example:", "  archgate adr recover && archgate check", NULL};

static int adr_recover(struct cli_ctx *c)
{
	if (c->npos)
		return cli_usage_error(c, "unexpected argument '%s'", c->pos[0]);
	const struct ag_model *m;
	c->edit = true;
	int rc = cli_model(c, &m);
	if (rc || !m || !m->adrs.dir) {
		if (!rc)
			printf("no records folder: nothing to recover\n");
		return rc;
	}
	int pending = ag_adrs_pending(m->adrs.dir, NULL);
	if (pending < 0) {
		fprintf(stderr, "archgate adr: %s\n", ag_strerror(pending));
		return AG_EXIT_USAGE;
	}
	if ((rc = edit_model(c, &m)))
		return rc;
	if (pending)
		printf("finished the interrupted edit in %s\n", m->adrs.dir_rel);
	else
		printf("no interrupted edit in %s\n", m->adrs.dir_rel);
	return 0;
}

static const struct cli_command adr_recover_cmd = {
	.name = "recover", .summary = "Finish an interrupted edit of the records (its journal)",
	.usage = recover_usage, CLI_RECORDS, .run = adr_recover,
};

static const char *const mv_usage[] = {
	"archgate adr mv N NEW-TITLE|NEW-NUMBER", "",
	"Rename record N (a new title, or a new number) and rewrite every link to",
	"it.", "",
	"Examples:", "  archgate adr mv 4 \"Use PostgreSQL for orders and carts\"",
	"  archgate adr mv 12 10", NULL};

static int adr_mv(struct cli_ctx *c)
{
	int rc;
	if (c->npos != 2)
		return cli_usage_error(c, "expected N and a new title or number");
	const char *to = c->pos[1];
	size_t k = 0;
	while (isdigit((unsigned char)to[k]))
		k++;
	int number = k && !to[k] && k <= 6 ? ag_leading_number(to) : -1;
	const char *problem = number < 0 ? ag_adr_title_problem(to) : NULL;
	if (problem)
		return cli_usage_error(c, "%s", problem);
	const struct ag_model *m;
	const struct ag_adr *r, *clash;
	if ((rc = load_record(c, c->pos[0], true, &m, &r)))
		return rc;
	if (number >= 0 && ag_adrs_by_number(&m->adrs, number, &clash) && clash != r) {
		fprintf(stderr, "archgate adr: number %d is taken by %s\n", number,
			cli_text(c, clash->file));
		return AG_EXIT_USAGE;
	}
	struct ag_diags d;
	ag_diags_init(&d);
	char *np = NULL;
	rc = ag_adr_move(&m->adrs, r, number < 0 ? to : NULL, number, &np, &d);
	if (!rc) /* both paths as the records are shown: relative to the root */
		printf("%s -> %s/%s\n", cli_text(c, r->file), cli_text(c, m->adrs.dir_rel),
		       cli_text(c, np ? strrchr(np, '/') + 1 : r->name));
	free(np);
	return finish(&d, rc);
}

static const struct cli_command adr_mv_cmd = {
	.name = "mv", .summary = "Rename or renumber a record, links rewritten",
	.usage = mv_usage, CLI_RECORDS, .run = adr_mv,
};

const struct cli_command cli_cmd_adr = {
	.name = "adr", .summary = "Decision records: new, list, show, toc, graph, lint, lifecycle",
	.usage = adr_usage,
	.subs = CLI_SUBS(&adr_init_cmd, &adr_new_cmd, &adr_list_cmd, &adr_show_cmd, &adr_toc_cmd,
			 &adr_graph_cmd, &adr_lint_cmd, &adr_accept_cmd, &adr_reject_cmd,
			 &adr_deprecate_cmd, &adr_supersede_cmd, &adr_link_cmd, &adr_renumber_cmd,
			 &adr_mv_cmd, &adr_recover_cmd),
};
