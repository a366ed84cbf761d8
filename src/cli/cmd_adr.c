/*
 * cmd_adr.c - `archgate adr ...`: decision records, created in the seed's
 * template, read in any format, kept consistent.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "records/adr_edit.h"
#include "cli.h"
#include "base/fsutil.h"

const char *const usage_adr[] = {
	"archgate adr <new|list|show|toc|graph|lint|accept|reject|deprecate|supersede|"
	"link|renumber|mv> ...",
	"",
	"Decision records in the seed's ADR template. Existing adr-tools, MADR and",
	"log4brains records are read where they are (arch/decisions, .adr-dir,",
	"doc/adr, docs/decisions, ...) and keep their format when changed.",
	"",
	"  adr new TITLE [--supersedes N] [--no-edit] [--template T] [--deciders D]",
	"                          write NNNN-slug.md, status Proposed; opens $VISUAL or",
	"                          $EDITOR on a terminal (T: seed, adr-tools, madr,",
	"                          log4brains; default: the format already in use)",
	"  adr list [--status S] [--tag T] [--since DATE] [--until DATE] [--format json]",
	"  adr show N [--format json]",
	"  adr toc [--in FILE]     table of contents, to stdout or between the markers",
	"                          <!-- archgate:adr-toc --> and <!-- archgate:end --> in FILE",
	"  adr graph [--format dot|mermaid]",
	"  adr lint [--format FMT] the adr-* and rfc-* rules of `check` (text, json,",
	"                          sarif, junit, github)",
	"  adr accept|reject|deprecate N",
	"  adr supersede OLD NEW   OLD is superseded by NEW; both records updated",
	"  adr link N TYPE M [REVERSE]",
	"                          e.g. adr link 4 Amends 2 \"Amended by\"",
	"  adr renumber            give duplicate numbers (two branches both made 0042)",
	"                          the next free number and rewrite every link",
	"  adr mv N NEW-TITLE|NEW-NUMBER",
	"                          rename a record and rewrite every link to it",
	"",
	"N is a record's number (3 or 0003 matches only number 3), file name or slug.",
	"",
	"Examples:",
	"  archgate adr new \"Use PostgreSQL for orders\"",
	"  archgate adr new --supersedes 3 \"Use PostgreSQL 17\"",
	"  archgate adr list --status accepted --format json",
	"  archgate adr toc --in README.md", NULL};

#define ALL_FORMATS 0x1fu

static int load(const struct cli_args *a, struct ag_model *m)
{
	int rc = cli_load_records(a, m);
	if (rc)
		ag_model_release(m);
	return rc;
}

static const struct ag_adr *find(const struct ag_model *m, const char *ref)
{
	bool amb;
	const struct ag_adr *r = ag_adrs_find(&m->adrs, ref, &amb);
	if (amb)
		fprintf(stderr, "archgate adr: '%s' matches more than one record; run "
			"'archgate adr renumber' or use the file name\n", ref);
	else if (!r)
		fprintf(stderr, "archgate adr: no decision record '%s' in %s\n", ref,
			m->adrs.dir_rel);
	return r;
}

static int finish(struct ag_model *m, struct ag_diags *d, int rc)
{
	cli_print_diags(d, false);
	if (rc && !d->n)
		fprintf(stderr, "archgate adr: %s\n", ag_strerror(rc));
	ag_diags_release(d);
	ag_model_release(m);
	return rc ? AG_EXIT_USAGE : 0;
}

static void open_editor(const char *path, const struct cli_args *a)
{
	if (a->val[OPT_NO_EDIT] || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return;
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		/* through the shell so EDITOR="code --wait" works */
		execl("/bin/sh", "sh", "-c", "$ARCHGATE_EDITOR \"$1\"", "sh", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0) {
		int st;
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
	}
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

static int adr_new(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("adr", argc, argv, 1u << OPT_DIR | 1u << OPT_SUPERSEDES |
			   1u << OPT_NO_EDIT | 1u << OPT_TEMPLATE | 1u << OPT_DECIDERS, &a);
	if (rc)
		return rc;
	if (a.npos != 1)
		return cli_usage_error("adr", "adr new takes one TITLE (quote it)");
	const char *title = a.pos[0];
	const char *problem = ag_adr_title_problem(title);
	if (problem)
		return cli_usage_error("adr", "%s", problem);
	struct ag_model m;
	if ((rc = load(&a, &m)))
		return rc;
	struct ag_diags d;
	ag_diags_init(&d);
	const struct ag_adr *old = NULL;
	if (a.val[OPT_SUPERSEDES] && !(old = find(&m, a.val[OPT_SUPERSEDES]))) {
		ag_model_release(&m);
		return AG_EXIT_USAGE;
	}
	char today[11];
	cli_today(today);
	struct ag_adr_new o = {title, ag_adrs_majority_format(&m.adrs), today,
			       a.val[OPT_DECIDERS], NULL};
	if (a.val[OPT_TEMPLATE] && parse_template(a.val[OPT_TEMPLATE], &o.format)) {
		ag_model_release(&m);
		return cli_usage_error("adr", "unknown template '%s' (seed, adr-tools, madr, "
				       "log4brains)", a.val[OPT_TEMPLATE]);
	}
	char prefix[9];
	snprintf(prefix, sizeof(prefix), "%.4s%.2s%.2s", today, today + 5, today + 8);
	o.prefix = prefix;
	char *path = NULL;
	int number;
	rc = ag_adr_create(m.adrs.dir, &o, &path, &number);
	if (rc) {
		fprintf(stderr, "archgate adr: cannot create a record in '%s': %s\n",
			m.adrs.dir, ag_strerror(rc));
		return finish(&m, &d, rc);
	}
	if (old) {
		/* re-read so the new record is known, then link both ways */
		char *old_name = strdup(old->name);
		ag_model_release(&m);
		if ((rc = load(&a, &m)) || !old_name) {
			free(path);
			free(old_name);
			return rc ? rc : AG_EXIT_USAGE;
		}
		const char *base = strrchr(path, '/') + 1;
		const struct ag_adr *nw = NULL, *od = NULL;
		for (size_t i = 0; i < m.adrs.n; i++) {
			if (!strcmp(m.adrs.v[i].name, base))
				nw = &m.adrs.v[i];
			if (!strcmp(m.adrs.v[i].name, old_name))
				od = &m.adrs.v[i];
		}
		free(old_name);
		rc = nw && od ? ag_adr_supersede(&m.adrs, od, nw, &d) : AG_ENOENT;
	}
	if (!rc) {
		printf("%s\n", path);
		fflush(stdout);
		const char *ed = getenv("VISUAL");
		if (!ed || !*ed)
			ed = getenv("EDITOR");
		if (ed && *ed) {
			setenv("ARCHGATE_EDITOR", ed, 1);
			open_editor(path, &a);
		}
	}
	free(path);
	return finish(&m, &d, rc);
}

static void json_str(struct ag_buf *b, const char *s)
{
	if (s)
		ag_buf_json_str(b, s, strlen(s));
	else
		ag_buf_adds(b, "null");
}

static void adr_json(struct ag_buf *b, const struct ag_adr *r, bool text)
{
	ag_buf_adds(b, "{\"number\":");
	if (r->number >= 0)
		ag_buf_printf(b, "%d", r->number);
	else
		ag_buf_adds(b, "null");
	ag_buf_adds(b, ",\"title\":");
	json_str(b, r->title);
	ag_buf_adds(b, ",\"status\":");
	json_str(b, r->status_text ? ag_adr_status_name(r->status) : NULL);
	ag_buf_adds(b, ",\"status_text\":");
	json_str(b, r->status_text);
	ag_buf_adds(b, ",\"date\":");
	json_str(b, r->date);
	ag_buf_adds(b, ",\"file\":");
	json_str(b, r->file);
	ag_buf_adds(b, ",\"format\":");
	json_str(b, ag_adr_format_name(r->format));
	ag_buf_adds(b, ",\"deciders\":");
	json_str(b, r->deciders);
	ag_buf_adds(b, ",\"tags\":[");
	for (size_t k = 0; k < r->ntags; k++) {
		if (k)
			ag_buf_addc(b, ',');
		json_str(b, r->tags[k]);
	}
	ag_buf_adds(b, "],\"links\":[");
	for (size_t k = 0; k < r->nlinks; k++) {
		ag_buf_adds(b, k ? ",{\"type\":" : "{\"type\":");
		json_str(b, r->links[k].type);
		ag_buf_adds(b, ",\"target\":");
		json_str(b, r->links[k].target);
		ag_buf_addc(b, '}');
	}
	ag_buf_addc(b, ']');
	if (text) {
		ag_buf_adds(b, ",\"text\":");
		ag_buf_json_str(b, r->text, r->len);
	}
	ag_buf_addc(b, '}');
}

static bool has_tag(const struct ag_adr *r, const char *tag)
{
	for (size_t k = 0; k < r->ntags; k++)
		if (!strcasecmp(r->tags[k], tag))
			return true;
	return false;
}

static int parse_date_opt(const char *v, long *days)
{
	return v ? ag_date_parse(v, strlen(v), days) : 0;
}

static int adr_list(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("adr", argc, argv, 1u << OPT_DIR | 1u << OPT_FORMAT | 1u << OPT_STATUS |
			   1u << OPT_TAG | 1u << OPT_SINCE | 1u << OPT_UNTIL, &a);
	if (rc)
		return rc;
	if (a.npos)
		return cli_usage_error("adr", "adr list takes no arguments");
	enum ag_format fmt;
	if ((rc = cli_format("adr", &a, 1u << AG_FMT_TEXT | 1u << AG_FMT_JSON, &fmt)))
		return rc;
	long since = 0, until = 0;
	if (parse_date_opt(a.val[OPT_SINCE], &since) || parse_date_opt(a.val[OPT_UNTIL], &until))
		return cli_usage_error("adr", "--since and --until take a date YYYY-MM-DD");
	enum ag_adr_status want = AG_ADR_UNKNOWN;
	if (a.val[OPT_STATUS] &&
	    (want = ag_adr_status_parse(a.val[OPT_STATUS], strlen(a.val[OPT_STATUS]))) == AG_ADR_UNKNOWN)
		return cli_usage_error("adr", "unknown status '%s' (proposed, accepted, rejected, "
				       "deprecated, superseded)", a.val[OPT_STATUS]);
	struct ag_model m;
	if ((rc = load(&a, &m)))
		return rc;
	struct ag_buf out = AG_BUF_INIT;
	bool color = cli_color(&a);
	if (fmt == AG_FMT_JSON)
		ag_buf_addc(&out, '[');
	size_t shown = 0;
	for (size_t i = 0; i < m.adrs.n; i++) {
		const struct ag_adr *r = &m.adrs.v[i];
		long days;
		bool dated = r->date && !ag_date_parse(r->date, strlen(r->date), &days);
		if ((a.val[OPT_STATUS] && r->status != want) ||
		    (a.val[OPT_TAG] && !has_tag(r, a.val[OPT_TAG])) ||
		    (a.val[OPT_SINCE] && (!dated || days < since)) ||
		    (a.val[OPT_UNTIL] && (!dated || days > until)))
			continue;
		if (fmt == AG_FMT_JSON) {
			if (shown)
				ag_buf_addc(&out, ',');
			adr_json(&out, r, false);
		} else {
			char num[16] = "-";
			if (r->number >= 0)
				snprintf(num, sizeof(num), "%04d", r->number);
			const char *sc = !color ? "" : r->status == AG_ADR_ACCEPTED ? "\033[32m"
						     : r->status == AG_ADR_PROPOSED ? "\033[33m" : "\033[2m";
			ag_buf_printf(&out, "%-6s %s%-11s%s %-10s %s\n", num, sc,
				      r->status_text ? ag_adr_status_name(r->status) : "(none)",
				      color ? "\033[0m" : "", r->date ? r->date : "-", r->title);
		}
		shown++;
	}
	if (fmt == AG_FMT_JSON)
		ag_buf_adds(&out, "]\n");
	rc = cli_write(&out);
	ag_buf_release(&out);
	ag_model_release(&m);
	return rc;
}

static int adr_show(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("adr", argc, argv, 1u << OPT_DIR | 1u << OPT_FORMAT, &a);
	if (rc)
		return rc;
	if (a.npos != 1)
		return cli_usage_error("adr", "adr show takes one record (number or name)");
	enum ag_format fmt;
	if ((rc = cli_format("adr", &a, 1u << AG_FMT_TEXT | 1u << AG_FMT_JSON, &fmt)))
		return rc;
	struct ag_model m;
	if ((rc = load(&a, &m)))
		return rc;
	const struct ag_adr *r = find(&m, a.pos[0]);
	struct ag_buf out = AG_BUF_INIT;
	if (r && fmt == AG_FMT_JSON) {
		adr_json(&out, r, true);
		ag_buf_addc(&out, '\n');
	} else if (r) {
		ag_buf_add(&out, r->text, r->len);
	}
	rc = r ? cli_write(&out) : AG_EXIT_USAGE;
	ag_buf_release(&out);
	ag_model_release(&m);
	return rc;
}

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

static void toc(const struct ag_model *m, const char *link_dir, struct ag_buf *out)
{
	for (size_t i = 0; i < m->adrs.n; i++) {
		const struct ag_adr *r = &m->adrs.v[i];
		struct ag_buf label = AG_BUF_INIT, path = AG_BUF_INIT, abs = AG_BUF_INIT;
		ag_adr_label(r, &label);
		ag_buf_printf(&abs, "%s/%s", m->adrs.dir, r->name);
		if (link_dir)
			relpath(link_dir, abs.data, &path);
		else
			ag_buf_adds(&path, r->name);
		ag_buf_printf(out, "* [%s](%s)", label.data ? label.data : "", path.data);
		if (r->status_text)
			ag_buf_printf(out, " — %s", ag_adr_status_name(r->status));
		ag_buf_addc(out, '\n');
		ag_buf_release(&label);
		ag_buf_release(&path);
		ag_buf_release(&abs);
	}
}

static int adr_toc(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("adr", argc, argv, 1u << OPT_DIR | 1u << OPT_IN, &a);
	if (rc)
		return rc;
	if (a.npos)
		return cli_usage_error("adr", "adr toc takes no arguments");
	struct ag_model m;
	if ((rc = load(&a, &m)))
		return rc;
	struct ag_buf out = AG_BUF_INIT;
	if (!a.val[OPT_IN]) {
		ag_buf_adds(&out, "# Architecture Decision Records\n\n");
		toc(&m, NULL, &out);
		rc = cli_write(&out);
		ag_buf_release(&out);
		ag_model_release(&m);
		return rc;
	}
	static const char begin[] = "<!-- archgate:adr-toc -->", end[] = "<!-- archgate:end -->";
	const char *file = a.val[OPT_IN];
	char *data = NULL;
	size_t len;
	rc = ag_read_file(file, (size_t)16 << 20, &data, &len);
	const char *b = rc ? NULL : strstr(data, begin);
	const char *e = b ? strstr(b, end) : NULL;
	if (rc) {
		fprintf(stderr, "archgate adr: cannot read '%s': %s\n", file, ag_strerror(rc));
		rc = AG_EXIT_USAGE;
	} else if (!b || !e) {
		fprintf(stderr, "archgate adr: '%s' has no '%s' ... '%s' markers; add them where "
			"the table of contents belongs\n", file, begin, end);
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
		toc(&m, dir, &out);
		ag_buf_add(&out, e, len - (size_t)(e - data));
		free(dir);
		rc = ag_write_replace(file, out.data, out.len);
		if (rc) {
			fprintf(stderr, "archgate adr: cannot write '%s': %s\n", file, ag_strerror(rc));
			rc = AG_EXIT_USAGE;
		}
	}
	free(data);
	ag_buf_release(&out);
	ag_model_release(&m);
	return rc;
}

static void graph_label(struct ag_buf *b, const struct ag_adr *r, bool dot)
{
	struct ag_buf l = AG_BUF_INIT;
	ag_adr_label(r, &l);
	for (const char *p = l.data ? l.data : ""; *p; p++) {
		if (*p == '"')
			ag_buf_adds(b, dot ? "\\\"" : "#quot;");
		else if (*p == '\\' && dot)
			ag_buf_adds(b, "\\\\");
		else
			ag_buf_addc(b, *p);
	}
	ag_buf_release(&l);
}

static int adr_graph(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("adr", argc, argv, 1u << OPT_DIR | 1u << OPT_FORMAT, &a);
	if (rc)
		return rc;
	const char *f = a.val[OPT_FORMAT] ? a.val[OPT_FORMAT] : "dot";
	bool dot = !strcmp(f, "dot");
	if (!dot && strcmp(f, "mermaid"))
		return cli_usage_error("adr", "adr graph formats are dot and mermaid, not '%s'", f);
	struct ag_model m;
	if ((rc = load(&a, &m)))
		return rc;
	struct ag_buf b = AG_BUF_INIT;
	ag_buf_adds(&b, dot ? "digraph adrs {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n"
			    : "flowchart LR\n");
	for (size_t i = 0; i < m.adrs.n; i++) {
		const struct ag_adr *r = &m.adrs.v[i];
		ag_buf_printf(&b, dot ? "  n%zu [label=\"" : "  n%zu[\"", i);
		graph_label(&b, r, dot);
		ag_buf_printf(&b, dot ? "\\n%s\", URL=\"%s\"%s];\n" : "<br/>%s\"]\n",
			      ag_adr_status_name(r->status), r->name,
			      dot ? (r->status == AG_ADR_SUPERSEDED || r->status == AG_ADR_DEPRECATED
					     ? ", style=\"rounded,dashed\"" : "") : "");
	}
	for (size_t i = 0; i < m.adrs.n; i++) {
		const struct ag_adr *r = &m.adrs.v[i];
		for (size_t k = 0; k < r->nlinks; k++) {
			const struct ag_adr_link *l = &r->links[k];
			/* draw each pair once: from the side whose type is not "... by",
			 * and a symmetric type ("Relates to") from the lower record */
			size_t tl = strlen(l->type);
			if (tl > 3 && !strcasecmp(l->type + tl - 3, " by"))
				continue;
			const struct ag_adr *t = ag_adrs_link_target(&m.adrs, l);
			if (!t)
				continue;
			size_t ti = (size_t)(t - m.adrs.v);
			const char *rev = ag_adr_link_reverse(l->type);
			if (rev && !strcasecmp(rev, l->type) && ti < i)
				continue;
			if (dot)
				ag_buf_printf(&b, "  n%zu -> n%zu [label=\"%s\"];\n", i, ti, l->type);
			else
				ag_buf_printf(&b, "  n%zu -->|%s| n%zu\n", i, l->type, ti);
		}
	}
	if (dot)
		ag_buf_adds(&b, "}\n");
	rc = cli_write(&b);
	ag_buf_release(&b);
	ag_model_release(&m);
	return rc;
}

static int adr_lint(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("adr", argc, argv, 1u << OPT_DIR | 1u << OPT_FORMAT, &a);
	if (rc)
		return rc;
	enum ag_format fmt;
	if ((rc = cli_format("adr", &a, ALL_FORMATS, &fmt)))
		return rc;
	struct ag_model m;
	if ((rc = load(&a, &m)))
		return rc;
	static const char *const only[] = {"adr-", "rfc-", NULL};
	struct ag_check_opts opts = {NULL, 0, only};
	struct ag_result res;
	rc = ag_check_run(&m, &opts, &res);
	struct ag_buf out = AG_BUF_INIT;
	struct ag_report_opts ro = {cli_color(&a), AG_VERSION};
	if (!rc)
		rc = ag_report_check(&out, fmt, &m, &res, &ro);
	int exit_code = rc ? AG_EXIT_USAGE : cli_write(&out);
	if (!exit_code && res.errors)
		exit_code = AG_EXIT_FAIL;
	ag_buf_release(&out);
	ag_result_release(&res);
	ag_model_release(&m);
	return exit_code;
}

static int adr_status(int argc, char **argv, enum ag_adr_status st)
{
	struct cli_args a;
	int rc = cli_parse("adr", argc, argv, 1u << OPT_DIR, &a);
	if (rc)
		return rc;
	if (a.npos != 1)
		return cli_usage_error("adr", "expected one record (number or name)");
	struct ag_model m;
	if ((rc = load(&a, &m)))
		return rc;
	const struct ag_adr *r = find(&m, a.pos[0]);
	struct ag_diags d;
	ag_diags_init(&d);
	if (!r) {
		ag_model_release(&m);
		return AG_EXIT_USAGE;
	}
	rc = ag_adr_set_status(&m.adrs, r, st, &d);
	if (!rc)
		printf("%s: %s\n", r->file, ag_adr_status_name(st));
	return finish(&m, &d, rc);
}

static int adr_supersede(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("adr", argc, argv, 1u << OPT_DIR, &a);
	if (rc)
		return rc;
	if (a.npos != 2)
		return cli_usage_error("adr", "adr supersede takes OLD NEW");
	struct ag_model m;
	if ((rc = load(&a, &m)))
		return rc;
	const struct ag_adr *o = find(&m, a.pos[0]), *n = o ? find(&m, a.pos[1]) : NULL;
	struct ag_diags d;
	ag_diags_init(&d);
	if (!o || !n || o == n) {
		if (o && o == n)
			fprintf(stderr, "archgate adr: a record cannot supersede itself\n");
		ag_model_release(&m);
		return AG_EXIT_USAGE;
	}
	rc = ag_adr_supersede(&m.adrs, o, n, &d);
	if (!rc)
		printf("%s is superseded by %s\n", o->file, n->file);
	return finish(&m, &d, rc);
}

static int adr_link(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("adr", argc, argv, 1u << OPT_DIR, &a);
	if (rc)
		return rc;
	if (a.npos != 3 && a.npos != 4)
		return cli_usage_error("adr", "adr link takes N TYPE M [REVERSE]");
	const char *type = a.pos[1];
	const char *reverse = a.npos == 4 ? a.pos[3] : ag_adr_link_reverse(type);
	if (!reverse)
		return cli_usage_error("adr", "no known reverse for link type '%s'; give it: adr "
				       "link N \"%s\" M \"REVERSE\"", type, type);
	for (const char *p = type; *p; p++)
		if (!isalpha((unsigned char)*p) && *p != ' ' && *p != '-')
			return cli_usage_error("adr", "link types are words ('Amends', 'Relates "
					       "to'), not '%s'", type);
	struct ag_model m;
	if ((rc = load(&a, &m)))
		return rc;
	const struct ag_adr *f = find(&m, a.pos[0]), *t = f ? find(&m, a.pos[2]) : NULL;
	struct ag_diags d;
	ag_diags_init(&d);
	if (!f || !t) {
		ag_model_release(&m);
		return AG_EXIT_USAGE;
	}
	rc = ag_adr_link(&m.adrs, f, type, t, reverse, &d);
	if (!rc)
		printf("%s %s %s\n", f->file, type, t->file);
	return finish(&m, &d, rc);
}

static int adr_renumber(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("adr", argc, argv, 1u << OPT_DIR, &a);
	if (rc)
		return rc;
	if (a.npos)
		return cli_usage_error("adr", "adr renumber takes no arguments");
	struct ag_diags moves, d;
	ag_diags_init(&moves);
	ag_diags_init(&d);
	moves.max = 100000;
	for (int round = 0; round < 100000; round++) {
		struct ag_model m;
		if ((rc = load(&a, &m)))
			break;
		rc = ag_adrs_renumber(&m.adrs, &moves, &d);
		ag_model_release(&m);
		if (rc <= 0)
			break;
	}
	for (size_t i = 0; i < moves.n; i++)
		printf("renumbered %s\n", moves.v[i].message);
	if (!rc && !moves.n)
		printf("no duplicate numbers\n");
	cli_print_diags(&d, false);
	ag_diags_release(&moves);
	ag_diags_release(&d);
	return rc ? AG_EXIT_USAGE : 0;
}

static int adr_mv(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("adr", argc, argv, 1u << OPT_DIR, &a);
	if (rc)
		return rc;
	if (a.npos != 2)
		return cli_usage_error("adr", "adr mv takes N and a new title or number");
	const char *to = a.pos[1];
	size_t k = 0;
	while (isdigit((unsigned char)to[k]))
		k++;
	int number = k && !to[k] && k <= 6 ? ag_leading_number(to) : -1;
	const char *problem = number < 0 ? ag_adr_title_problem(to) : NULL;
	if (problem)
		return cli_usage_error("adr", "%s", problem);
	struct ag_model m;
	if ((rc = load(&a, &m)))
		return rc;
	const struct ag_adr *r = find(&m, a.pos[0]);
	struct ag_diags d;
	ag_diags_init(&d);
	if (!r) {
		ag_model_release(&m);
		return AG_EXIT_USAGE;
	}
	const struct ag_adr *clash;
	if (number >= 0 && ag_adrs_by_number(&m.adrs, number, &clash) && clash != r) {
		fprintf(stderr, "archgate adr: number %d is taken by %s\n", number, clash->file);
		ag_model_release(&m);
		return AG_EXIT_USAGE;
	}
	char *np = NULL;
	rc = ag_adr_move(&m.adrs, r, number < 0 ? to : NULL, number, &np, &d);
	if (!rc) /* both paths as the records are shown: relative to the root */
		printf("%s -> %s/%s\n", r->file, m.adrs.dir_rel,
		       np ? strrchr(np, '/') + 1 : r->name);
	free(np);
	return finish(&m, &d, rc);
}

static const struct {
	const char *name;
	int (*fn)(int, char **);
} subcommands[] = {
	{"new", adr_new},         {"list", adr_list},   {"show", adr_show},
	{"toc", adr_toc},         {"graph", adr_graph}, {"lint", adr_lint},
	{"supersede", adr_supersede}, {"link", adr_link}, {"renumber", adr_renumber},
	{"mv", adr_mv},
};

int cmd_adr(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		cli_help("adr");
		return argc < 2 ? AG_EXIT_USAGE : 0;
	}
	for (int i = 2; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			cli_help("adr");
			return 0;
		}
		else if (!strcmp(argv[i], "--"))
			break;
	const char *sub = argv[1];
	if (!strcmp(sub, "accept"))
		return adr_status(argc - 1, argv + 1, AG_ADR_ACCEPTED);
	if (!strcmp(sub, "reject"))
		return adr_status(argc - 1, argv + 1, AG_ADR_REJECTED);
	if (!strcmp(sub, "deprecate"))
		return adr_status(argc - 1, argv + 1, AG_ADR_DEPRECATED);
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (!strcmp(sub, subcommands[i].name))
			return subcommands[i].fn(argc - 1, argv + 1);
	return cli_usage_error("adr", "unknown subcommand '%s'", sub);
}
