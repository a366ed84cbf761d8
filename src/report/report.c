/*
 * report.c - check and status writers; see report.h.
 *
 * Output is deterministic (findings are sorted by the engine) so it can be
 * compared with golden files, and every writer escapes for its format:
 * JSON strings (through base/json.h), XML text and attributes, and
 * GitHub's workflow-command escaping (%, CR, LF; plus : and , in
 * properties).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "base/json.h"
#include "report.h"


/* The one table of --format names for report output, in enum ag_format order. */
static const char *const format_names[AG_FMT__COUNT] = {
	[AG_FMT_TEXT] = "text", [AG_FMT_JSON] = "json", [AG_FMT_SARIF] = "sarif",
	[AG_FMT_JUNIT] = "junit", [AG_FMT_GITHUB] = "github"};

int ag_format_parse(const char *s)
{
	for (int i = 0; i < AG_FMT__COUNT; i++)
		if (!strcmp(s, format_names[i]))
			return i;
	return -1;
}

const char *ag_format_name(enum ag_format f)
{
	return (unsigned)f < AG_FMT__COUNT ? format_names[f] : "text";
}

static const char *color(const struct ag_report_opts *o, const char *code)
{
	return o && o->color ? code : "";
}
#define RESET(o) color(o, "\033[0m")
#define BOLD(o) color(o, "\033[1m")
#define DIM(o) color(o, "\033[2m")

static const char *sev_color(const struct ag_report_opts *o, enum ag_severity s)
{
	switch (s) {
	case AG_SEV_ERROR: return color(o, "\033[1;31m");
	case AG_SEV_WARNING: return color(o, "\033[1;33m");
	default: return color(o, "\033[1;36m");
	}
}

int ag_report_finding_json(struct ag_json *w, const struct ag_finding *f)
{
	ag_json_begin_object(w);
	ag_json_kv_str(w, "rule", f->rule->id);
	ag_json_kv_str(w, "severity", ag_severity_name(f->sev));
	ag_json_kv_str(w, "phase", f->phase);
	ag_json_kv_str(w, "message", f->message);
	ag_json_kv_str(w, "file", f->file);
	ag_json_kv_int(w, "line", f->line);
	ag_json_kv_int(w, "col", f->col);
	ag_json_kv_bool(w, "red_flag", f->rule->red_flag);
	ag_json_kv_bool(w, "waived", f->waiver != NULL);
	if (f->baselined)
		ag_json_kv_bool(w, "baselined", true);
	if (f->waiver) {
		ag_json_key(w, "waiver");
		ag_json_begin_object(w);
		ag_json_kv_str(w, "reason", f->waiver->reason.s);
		ag_json_kv_str(w, "expires", f->waiver->expires.s);
		ag_json_end_object(w);
	}
	return ag_json_end_object(w);
}

/* Ends a JSON document: checks the writer once and adds the newline. */
static int json_done(struct ag_json *w)
{
	int rc = ag_json_finish(w);
	return rc ? rc : ag_buf_addc(w->out, '\n');
}

static int loc(struct ag_buf *b, const struct ag_finding *f)
{
	if (!f->file)
		return ag_buf_adds(b, "archgate");
	AG_TRY(ag_buf_text(b, f->file)); /* a newline in a file name forges no line */
	if (f->line > 0)
		return ag_buf_printf(b, ":%d:%d", f->line, f->col > 0 ? f->col : 1);
	return 0;
}

static int text_finding(struct ag_buf *b, const struct ag_finding *f,
			const struct ag_report_opts *o, const char *indent)
{
	AG_TRY(ag_buf_printf(b, "%s%s", indent, f->waiver ? DIM(o) : BOLD(o)));
	AG_TRY(loc(b, f));
	AG_TRY(ag_buf_printf(b, ":%s ", f->waiver ? "" : RESET(o)));
	if (f->waiver)
		AG_TRY(ag_buf_printf(b, "waived until %s: ", ag_text_plain(f->waiver->expires.s,
					  f->waiver->expires.len) ? f->waiver->expires.s : "?"));
	else
		AG_TRY(ag_buf_printf(b, "%s%s%s: ", sev_color(o, f->sev), ag_severity_name(f->sev),
				  RESET(o)));
	AG_TRY(ag_buf_text(b, f->message));
	AG_TRY(ag_buf_printf(b, " [%s%s]%s\n", f->rule->id,
			  f->rule->red_flag ? ", red flag" : "", f->waiver ? RESET(o) : ""));
	return 0;
}

static int summary_line(struct ag_buf *b, const struct ag_result *r)
{
	AG_TRY(ag_buf_printf(b, "%zu error%s, %zu warning%s, %zu note%s", r->errors,
			  r->errors == 1 ? "" : "s", r->warnings, r->warnings == 1 ? "" : "s",
			  r->notes, r->notes == 1 ? "" : "s"));
	if (r->waived)
		AG_TRY(ag_buf_printf(b, " (%zu waived)", r->waived));
	if (r->baselined)
		AG_TRY(ag_buf_printf(b, " (%zu known: in the baseline)", r->baselined));
	return 0;
}

static int check_text(struct ag_buf *b, const struct ag_model *m, const struct ag_result *r,
		      const struct ag_report_opts *o)
{
	size_t np;
	const struct ag_phase *ph = ag_phases(&np);
	for (size_t p = 0; p < np; p++) {
		bool header = false;
		for (size_t i = 0; i < r->findings.n; i++) {
			const struct ag_finding *f = &r->findings.v[i];
			if (ag_phase_index(f->phase) != (int)p || f->baselined)
				continue;
			if (!header) {
				AG_TRY(ag_buf_printf(b, "%s%sPhase %s: %s%s\n", b->len ? "\n" : "",
						  BOLD(o), ph[p].id, ph[p].name, RESET(o)));
				header = true;
			}
			AG_TRY(text_finding(b, f, o, "  "));
		}
	}
	if (b->len)
		AG_TRY(ag_buf_addc(b, '\n'));
	AG_TRY(summary_line(b, r));
	if (!r->errors)
		AG_TRY(ag_buf_printf(b, "; %scheck passed%s", color(o, "\033[1;32m"), RESET(o)));
	if (!r->errors && m && !m->adrs.n)
		AG_TRY(ag_buf_adds(b, ", but no decision records were found"));
	AG_TRY(ag_buf_addc(b, '\n'));
	if (r->findings.n)
		AG_TRY(ag_buf_printf(b, "To change a rule's severity, set it in %s/archgate.yaml: "
				  "'rules: {%s: %s}' (off, note, warning or error).\n",
				  m && *m->arch_rel ? m->arch_rel : "arch",
				  r->findings.v[r->findings.n - 1].rule->id,
				  r->findings.v[r->findings.n - 1].sev == AG_SEV_ERROR ? "warning" : "off"));
	return 0;
}

static int check_json(struct ag_buf *b, const struct ag_result *r)
{
	struct ag_json w;
	ag_json_init(&w, b, AG_JSON_COMPACT);
	ag_json_begin_object(&w);
	ag_json_kv_int(&w, "version", 1);
	ag_json_key(&w, "findings");
	ag_json_begin_array(&w);
	for (size_t i = 0; i < r->findings.n; i++)
		ag_report_finding_json(&w, &r->findings.v[i]);
	ag_json_end_array(&w);
	ag_json_key(&w, "summary");
	ag_json_begin_object(&w);
	ag_json_kv_uint(&w, "errors", r->errors);
	ag_json_kv_uint(&w, "warnings", r->warnings);
	ag_json_kv_uint(&w, "notes", r->notes);
	ag_json_kv_uint(&w, "waived", r->waived);
	if (r->baseline)
		ag_json_kv_uint(&w, "baselined", r->baselined);
	ag_json_end_object(&w);
	ag_json_end_object(&w);
	return json_done(&w);
}

static const char *sarif_level(enum ag_severity s)
{
	return s == AG_SEV_ERROR ? "error" : s == AG_SEV_WARNING ? "warning" : "note";
}

/* A relative path as an RFC 3986 URI reference: unreserved characters and
 * '/' stay, everything else is percent-encoded (spaces, ':', ',', UTF-8). */
static int uri_ref(struct ag_json *w, const char *path)
{
	struct ag_buf u = AG_BUF_INIT;
	ag_buf_uri_path(&u, path, strlen(path));
	int rc = ag_buf_err(&u) ? ag_json_fail(w, ag_buf_err(&u)) : ag_json_strn(w, u.data, u.len);
	ag_buf_release(&u);
	return rc;
}

/* {"text": s} */
static void sarif_text(struct ag_json *w, const char *key, const char *s)
{
	ag_json_key(w, key);
	ag_json_begin_object(w);
	ag_json_kv_str(w, "text", s);
	ag_json_end_object(w);
}

static int sarif_rule(struct ag_json *w, const struct ag_rule *ru)
{
	ag_json_begin_object(w);
	ag_json_kv_str(w, "id", ru->id);
	ag_json_kv_str(w, "name", ru->id);
	sarif_text(w, "shortDescription", ru->title);
	sarif_text(w, "fullDescription", ru->rationale);
	struct ag_buf h = AG_BUF_INIT, md = AG_BUF_INIT;
	ag_buf_printf(&h, "Why: %s\n\nFix: %s", ru->rationale, ru->fix);
	ag_buf_printf(&md, "**Why:** %s\n\n**Fix:**\n\n```\n%s\n```\n", ru->rationale, ru->fix);
	int rc = ag_buf_err(&h) ? ag_buf_err(&h) : ag_buf_err(&md);
	if (!rc) {
		ag_json_key(w, "help");
		ag_json_begin_object(w);
		ag_json_kv_strn(w, "text", h.data, h.len);
		ag_json_kv_strn(w, "markdown", md.data, md.len);
		ag_json_end_object(w);
	}
	ag_buf_release(&h);
	ag_buf_release(&md);
	if (rc)
		return ag_json_fail(w, rc);
	ag_json_key(w, "defaultConfiguration");
	ag_json_begin_object(w);
	ag_json_kv_str(w, "level", sarif_level(ru->severity));
	ag_json_end_object(w);
	ag_json_key(w, "properties");
	ag_json_begin_object(w);
	ag_json_kv_str(w, "phase", ru->phase);
	ag_json_kv_bool(w, "red_flag", ru->red_flag);
	ag_json_key(w, "tags");
	ag_json_begin_array(w);
	ag_json_str(w, "architecture");
	char tag[64];
	snprintf(tag, sizeof(tag), "phase-%s", ru->phase);
	ag_json_str(w, tag);
	if (ru->red_flag)
		ag_json_str(w, "red-flag");
	ag_json_end_array(w);
	ag_json_end_object(w);
	return ag_json_end_object(w);
}

/* baseline: whether arch/baseline.json was read, so that SARIF's
 * baselineState can say "new" or "unchanged" (SARIF 2.1.0 3.27.24) */
static int sarif_result(struct ag_json *w, const struct ag_finding *f, size_t rule_index,
			bool baseline)
{
	ag_json_begin_object(w);
	ag_json_kv_str(w, "ruleId", f->rule->id);
	ag_json_kv_uint(w, "ruleIndex", rule_index);
	ag_json_kv_str(w, "level", sarif_level(f->sev));
	if (baseline)
		ag_json_kv_str(w, "baselineState", f->baselined ? "unchanged" : "new");
	sarif_text(w, "message", f->message);
	if (f->file) {
		ag_json_key(w, "locations");
		ag_json_begin_array(w);
		ag_json_begin_object(w);
		ag_json_key(w, "physicalLocation");
		ag_json_begin_object(w);
		ag_json_key(w, "artifactLocation");
		ag_json_begin_object(w);
		ag_json_key(w, "uri");
		uri_ref(w, f->file);
		/* %SRCROOT% is left for the consumer to resolve (GitHub maps it to
		 * the checkout), so paths stay relative to the repository root. */
		ag_json_kv_str(w, "uriBaseId", "%SRCROOT%");
		ag_json_end_object(w);
		if (f->line > 0) {
			ag_json_key(w, "region");
			ag_json_begin_object(w);
			ag_json_kv_int(w, "startLine", f->line);
			ag_json_kv_int(w, "startColumn", f->col > 0 ? f->col : 1);
			ag_json_end_object(w);
		}
		ag_json_end_object(w);
		ag_json_end_object(w);
		ag_json_end_array(w);
	}
	if (f->waiver) {
		ag_json_key(w, "suppressions");
		ag_json_begin_array(w);
		ag_json_begin_object(w);
		ag_json_kv_str(w, "kind", "external");
		ag_json_kv_str(w, "status", "accepted");
		ag_json_kv_str(w, "justification", f->waiver->reason.s ? f->waiver->reason.s : "");
		ag_json_end_object(w);
		ag_json_end_array(w);
	}
	ag_json_key(w, "properties");
	ag_json_begin_object(w);
	ag_json_kv_str(w, "phase", f->phase);
	ag_json_end_object(w);
	return ag_json_end_object(w);
}

static int check_sarif(struct ag_buf *b, const struct ag_result *r,
		       const struct ag_report_opts *o)
{
	size_t nr;
	const struct ag_rule *const *rules = ag_rules_all(&nr);
	struct ag_json w;
	ag_json_init(&w, b, AG_JSON_COMPACT);
	ag_json_begin_object(&w);
	ag_json_kv_str(&w, "version", "2.1.0");
	ag_json_key(&w, "runs");
	ag_json_begin_array(&w);
	ag_json_begin_object(&w);
	ag_json_key(&w, "tool");
	ag_json_begin_object(&w);
	ag_json_key(&w, "driver");
	ag_json_begin_object(&w);
	ag_json_kv_str(&w, "name", "archgate");
	ag_json_kv_str(&w, "version", o && o->tool_version ? o->tool_version : "0");
	ag_json_key(&w, "rules");
	ag_json_begin_array(&w);
	for (size_t i = 0; i < nr; i++)
		sarif_rule(&w, rules[i]);
	ag_json_end_array(&w);
	ag_json_end_object(&w);
	ag_json_end_object(&w);
	ag_json_kv_str(&w, "columnKind", "unicodeCodePoints");
	ag_json_key(&w, "results");
	ag_json_begin_array(&w);
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct ag_finding *f = &r->findings.v[i];
		size_t idx = 0;
		while (idx < nr && rules[idx] != f->rule)
			idx++;
		sarif_result(&w, f, idx, r->baseline);
	}
	ag_json_end_array(&w);
	ag_json_end_object(&w);
	ag_json_end_array(&w);
	ag_json_end_object(&w);
	return json_done(&w);
}

static int xml(struct ag_buf *b, const char *s)
{
	return ag_buf_xml_str(b, s, strlen(s));
}

static int check_junit(struct ag_buf *b, const struct ag_model *m, const struct ag_result *r)
{
	size_t nr, np;
	const struct ag_rule *const *rules = ag_rules_all(&nr);
	const struct ag_phase *ph = ag_phases(&np);
	size_t tests = 0, failures = 0, skipped = 0;
	for (size_t i = 0; i < nr; i++)
		if (ag_phase_index(rules[i]->phase) <= r->max_phase)
			tests++;
	for (size_t i = 0; i < r->findings.n; i++) {
		tests++;
		failures += ag_finding_blocks(&r->findings.v[i]);
		skipped += r->findings.v[i].waiver || r->findings.v[i].baselined;
	}
	AG_TRY(ag_buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			  "<testsuites name=\"archgate\" tests=\"%zu\" failures=\"%zu\" "
			  "errors=\"0\" skipped=\"%zu\">\n", tests, failures, skipped));
	for (size_t p = 0; p < np && (int)p <= r->max_phase; p++) {
		size_t t = 0, fl = 0, sk = 0;
		for (size_t i = 0; i < nr; i++)
			t += ag_phase_index(rules[i]->phase) == (int)p;
		for (size_t i = 0; i < r->findings.n; i++)
			if (ag_phase_index(r->findings.v[i].phase) == (int)p) {
				t++;
				fl += ag_finding_blocks(&r->findings.v[i]);
				sk += r->findings.v[i].waiver || r->findings.v[i].baselined;
			}
		AG_TRY(ag_buf_printf(b, "  <testsuite name=\"Phase %s: ", ph[p].id));
		AG_TRY(xml(b, ph[p].name));
		AG_TRY(ag_buf_printf(b, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
				  "skipped=\"%zu\">\n", t, fl, sk));
		for (size_t i = 0; i < nr; i++) {
			const struct ag_rule *ru = rules[i];
			if (ag_phase_index(ru->phase) != (int)p)
				continue;
			int sev = m ? ag_policy_severity(&m->policy, ru->id, (int)ru->severity)
				    : (int)ru->severity;
			AG_TRY(ag_buf_printf(b, "    <testcase classname=\"archgate.phase-%s\" name=\"%s\"",
					  ru->phase, ru->id));
			if (sev == AG_SEV_OFF)
				AG_TRY(ag_buf_adds(b, "><skipped message=\"disabled by policy\"/></testcase>\n"));
			else
				AG_TRY(ag_buf_adds(b, "/>\n"));
		}
		for (size_t i = 0; i < r->findings.n; i++) {
			const struct ag_finding *f = &r->findings.v[i];
			if (ag_phase_index(f->phase) != (int)p)
				continue;
			struct ag_buf where = AG_BUF_INIT;
			int rc = loc(&where, f);
			if (!rc)
				rc = ag_buf_printf(b, "    <testcase classname=\"archgate.phase-%s\" "
						   "name=\"%s ", f->phase, f->rule->id);
			if (!rc)
				rc = xml(b, where.data);
			ag_buf_release(&where);
			AG_TRY(rc);
			AG_TRY(ag_buf_adds(b, "\""));
			if (f->file)
				AG_TRY(ag_buf_adds(b, " file=\""));
			if (f->file)
				AG_TRY(xml(b, f->file));
			if (f->file)
				AG_TRY(ag_buf_adds(b, "\""));
			AG_TRY(ag_buf_adds(b, ">"));
			if (f->waiver) {
				AG_TRY(ag_buf_adds(b, "<skipped message=\"waived: "));
				AG_TRY(xml(b, f->waiver->reason.s ? f->waiver->reason.s : ""));
				AG_TRY(ag_buf_adds(b, "\"/>"));
			} else if (f->baselined) {
				AG_TRY(ag_buf_adds(b, "<skipped message=\"known: in the baseline\"/>"));
			} else if (f->sev == AG_SEV_ERROR) {
				AG_TRY(ag_buf_adds(b, "<failure type=\"error\" message=\""));
				AG_TRY(xml(b, f->message));
				AG_TRY(ag_buf_adds(b, "\">"));
				AG_TRY(xml(b, f->rule->fix));
				AG_TRY(ag_buf_adds(b, "</failure>"));
			} else {
				AG_TRY(ag_buf_printf(b, "<system-out>%s: ", ag_severity_name(f->sev)));
				AG_TRY(xml(b, f->message));
				AG_TRY(ag_buf_adds(b, "</system-out>"));
			}
			AG_TRY(ag_buf_adds(b, "</testcase>\n"));
		}
		AG_TRY(ag_buf_adds(b, "  </testsuite>\n"));
	}
	return ag_buf_adds(b, "</testsuites>\n");
}

/* GitHub workflow commands: data escapes % CR LF; properties also : and , */
static int gh_escape(struct ag_buf *b, const char *s, bool property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': AG_TRY(ag_buf_adds(b, "%25")); break;
		case '\r': AG_TRY(ag_buf_adds(b, "%0D")); break;
		case '\n': AG_TRY(ag_buf_adds(b, "%0A")); break;
		case ':': AG_TRY(property ? ag_buf_adds(b, "%3A") : ag_buf_addc(b, ':')); break;
		case ',': AG_TRY(property ? ag_buf_adds(b, "%2C") : ag_buf_addc(b, ',')); break;
		default:
			/* other control bytes (ESC) would reach the log viewer raw */
			if ((unsigned char)*s < 0x20 || *s == 0x7f)
				AG_TRY(ag_buf_printf(b, "\\x%02x", (unsigned char)*s));
			else
				AG_TRY(ag_buf_addc(b, *s));
		}
	}
	return 0;
}

int ag_report_gh_escape(struct ag_buf *b, const char *s, bool property)
{
	return gh_escape(b, s, property);
}

static int check_github(struct ag_buf *b, const struct ag_result *r)
{
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct ag_finding *f = &r->findings.v[i];
		if (f->waiver || f->baselined)
			continue;
		const char *cmd = f->sev == AG_SEV_ERROR ? "error"
				  : f->sev == AG_SEV_WARNING ? "warning" : "notice";
		AG_TRY(ag_buf_printf(b, "::%s ", cmd));
		if (f->file) {
			AG_TRY(ag_buf_adds(b, "file="));
			AG_TRY(gh_escape(b, f->file, true));
			if (f->line > 0)
				AG_TRY(ag_buf_printf(b, ",line=%d,col=%d,", f->line, f->col > 0 ? f->col : 1));
			else
				AG_TRY(ag_buf_addc(b, ','));
		}
		AG_TRY(ag_buf_adds(b, "title="));
		struct ag_buf t = AG_BUF_INIT;
		int rc = ag_buf_printf(&t, "archgate %s (Phase %s)", f->rule->id, f->phase);
		if (!rc)
			rc = gh_escape(b, t.data, true);
		ag_buf_release(&t);
		AG_TRY(rc);
		AG_TRY(ag_buf_adds(b, "::"));
		AG_TRY(gh_escape(b, f->message, false));
		AG_TRY(ag_buf_addc(b, '\n'));
	}
	AG_TRY(summary_line(b, r));
	return ag_buf_addc(b, '\n');
}

int ag_report_check(struct ag_buf *out, enum ag_format fmt, const struct ag_model *m,
		    const struct ag_result *res, const struct ag_report_opts *opts)
{
	switch (fmt) {
	case AG_FMT_TEXT: return check_text(out, m, res, opts);
	case AG_FMT_JSON: return check_json(out, res);
	case AG_FMT_SARIF: return check_sarif(out, res, opts);
	case AG_FMT_JUNIT: return check_junit(out, m, res);
	case AG_FMT_GITHUB: return check_github(out, res);
	}
	return AG_EINVAL;
}

/* Blockers of phase p: its own blocking findings; Phase 1 also gets every
 * active red flag, since a red flag sends the team back there. */
static bool is_blocker(const struct ag_finding *f, int p)
{
	if (!ag_finding_blocks(f))
		return false;
	return ag_phase_index(f->phase) == p || (p == 0 && f->rule->red_flag);
}

static int status_json(struct ag_buf *b, const struct ag_result *r)
{
	size_t np;
	const struct ag_phase *ph = ag_phases(&np);
	struct ag_json w;
	ag_json_init(&w, b, AG_JSON_COMPACT);
	ag_json_begin_object(&w);
	ag_json_kv_int(&w, "version", 1);
	ag_json_kv_str(&w, "current", ph[r->board.current].id);
	ag_json_kv_bool(&w, "reopened", r->board.reopened);
	ag_json_key(&w, "phases");
	ag_json_begin_array(&w);
	for (size_t p = 0; p < np; p++) {
		ag_json_begin_object(&w);
		ag_json_kv_str(&w, "id", ph[p].id);
		ag_json_kv_str(&w, "name", ph[p].name);
		ag_json_kv_str(&w, "state", ag_phase_state_name(r->board.state[p]));
		ag_json_key(&w, "blockers");
		ag_json_begin_array(&w);
		for (size_t i = 0; i < r->findings.n; i++)
			if (is_blocker(&r->findings.v[i], (int)p))
				ag_report_finding_json(&w, &r->findings.v[i]);
		ag_json_end_array(&w);
		ag_json_end_object(&w);
	}
	ag_json_end_array(&w);
	ag_json_key(&w, "red_flags");
	ag_json_begin_array(&w);
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct ag_finding *f = &r->findings.v[i];
		if (f->rule->red_flag && ag_finding_blocks(f))
			ag_report_finding_json(&w, f);
	}
	ag_json_end_array(&w);
	ag_json_end_object(&w);
	return json_done(&w);
}

static int status_text(struct ag_buf *b, const struct ag_model *m, const struct ag_result *r,
		       const struct ag_report_opts *o)
{
	size_t np;
	const struct ag_phase *ph = ag_phases(&np);
	const char *name = m->sys.system.name.set ? m->sys.system.name.s : "(unnamed system)";
	AG_TRY(ag_buf_adds(b, BOLD(o)));
	AG_TRY(ag_buf_text(b, name)); /* from system.yaml: escaped (ADR-023) */
	AG_TRY(ag_buf_printf(b, "%s: four-phase board\n\n", RESET(o)));
	for (size_t p = 0; p < np; p++) {
		enum ag_phase_state st = r->board.state[p];
		size_t nb = 0, nk = 0;
		for (size_t i = 0; i < r->findings.n; i++) {
			const struct ag_finding *f = &r->findings.v[i];
			nb += is_blocker(f, (int)p);
			nk += f->baselined && !f->waiver && ag_phase_index(f->phase) == (int)p;
		}
		/* [~]: the gate passes on a baseline, the work is not done */
		const char *mark = st == AG_PHASE_COMPLETE ? (nk ? "[~]" : "[x]")
				   : st == AG_PHASE_OPEN ? "[ ]" : "[-]";
		const char *col = st == AG_PHASE_COMPLETE ? color(o, "\033[32m")
				  : st == AG_PHASE_OPEN ? color(o, "\033[1;33m") : DIM(o);
		bool current = (int)p == r->board.current && st != AG_PHASE_COMPLETE;
		AG_TRY(ag_buf_printf(b, "%s%s Phase %-4s %-34s %s%s", col, mark, ph[p].id, ph[p].name,
				  ag_phase_state_name(st), RESET(o)));
		if (nb || nk || current) /* pad only when something follows */
			AG_TRY(ag_buf_printf(b, "%*s", (int)(9 - strlen(ag_phase_state_name(st))), ""));
		if (nb)
			AG_TRY(ag_buf_printf(b, " %zu blocker%s", nb, nb == 1 ? "" : "s"));
		if (nk)
			AG_TRY(ag_buf_printf(b, "%s %zu known (in the baseline)", nb ? "," : "", nk));
		if (current)
			AG_TRY(ag_buf_adds(b, "  <- current"));
		AG_TRY(ag_buf_addc(b, '\n'));
		if (p == 0 && r->board.reopened)
			AG_TRY(ag_buf_printf(b, "      %sreopened by a red flag: STOP. Return to Phase 1.%s\n",
					  color(o, "\033[1;31m"), RESET(o)));
		for (size_t i = 0; i < r->findings.n; i++)
			if (is_blocker(&r->findings.v[i], (int)p))
				AG_TRY(text_finding(b, &r->findings.v[i], o, "      "));
	}
	size_t nflags = 0;
	for (size_t i = 0; i < r->findings.n; i++)
		nflags += r->findings.v[i].rule->red_flag && ag_finding_blocks(&r->findings.v[i]);
	AG_TRY(ag_buf_addc(b, '\n'));
	if (nflags)
		AG_TRY(ag_buf_printf(b, "%s%zu red flag%s active%s: STOP and follow the process "
				  "(archgate explain RULE says why)\n",
				  color(o, "\033[1;31m"), nflags, nflags == 1 ? "" : "s", RESET(o)));
	else
		AG_TRY(ag_buf_adds(b, "No red flags.\n"));
	bool all = true;
	for (size_t p = 0; p < np; p++)
		all = all && r->board.state[p] == AG_PHASE_COMPLETE;
	if (all) {
		AG_TRY(ag_buf_adds(b, "All phases complete.\n"));
		if (r->baselined)
			AG_TRY(ag_buf_printf(b, "The baseline holds %zu known finding%s: archgate next "
					  "names the first.\n", r->baselined,
					  r->baselined == 1 ? "" : "s"));
		return 0;
	}
	AG_TRY(ag_buf_printf(b, "Current phase: %s (%s)\n", ph[r->board.current].id,
			  ph[r->board.current].name));
	struct ag_next n;
	ag_next_step(r, &n);
	if (!n.step)
		return 0;
	AG_TRY(ag_buf_printf(b, "Next: %s (", n.step->rule->title));
	AG_TRY(loc(b, n.step));
	return ag_buf_adds(b, "): archgate next says how\n");
}

/* ---- the one next step (`archgate next`) ---------------------------------------------- */

/* The rule's place in the registry, which follows the seed. */
static size_t rule_rank(const struct ag_rule *rule)
{
	size_t n;
	const struct ag_rule *const *all = ag_rules_all(&n);
	for (size_t i = 0; i < n; i++)
		if (all[i] == rule)
			return i;
	return n;
}

void ag_next_step(const struct ag_result *r, struct ag_next *n)
{
	memset(n, 0, sizeof(*n));
	n->phase = r->board.current;
	bool all = true;
	for (int p = 0; p < AG_NPHASES; p++)
		all = all && r->board.state[p] == AG_PHASE_COMPLETE;
	/* In the seed's order (the registry's), and when a red flag reopened
	 * Phase 1, the red flags first: STOP. Ties keep the findings' order
	 * (file, then line). */
	size_t best = SIZE_MAX, best_known = SIZE_MAX;
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct ag_finding *f = &r->findings.v[i];
		size_t key = rule_rank(f->rule) + (f->rule->red_flag ? 0 : (size_t)1 << 20);
		if (f->baselined && !f->waiver) {
			n->nknown++;
			key += (size_t)ag_phase_index(f->phase) << 24; /* the earliest phase first */
			if (key < best_known) {
				best_known = key;
				n->known = f;
			}
		}
		if (all || !is_blocker(f, n->phase))
			continue;
		n->steps++;
		if (key < best) {
			best = key;
			n->step = f;
		}
	}
	if (n->step) {
		n->known = NULL;
		n->nknown = 0;
	}
}

/* `text` from its first line break on, each line indented by `indent`. */
static int indented(struct ag_buf *b, const char *text, const char *indent)
{
	for (const char *s = text; *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		AG_TRY(ag_buf_text_str(b, s, len));
		if (!nl)
			break;
		AG_TRY(ag_buf_printf(b, "\n%s", indent));
		s = nl + 1;
	}
	return ag_buf_addc(b, '\n');
}

static int next_text(struct ag_buf *b, const struct ag_result *r, const struct ag_next *n,
		     const struct ag_report_opts *o)
{
	size_t np;
	const struct ag_phase *ph = ag_phases(&np);
	if (!n->step) {
		AG_TRY(ag_buf_adds(b, "All phases complete: nothing blocks.\n"));
		if (r->warnings)
			AG_TRY(ag_buf_printf(b, "%zu warning%s remain%s: archgate check lists them.\n",
					  r->warnings, r->warnings == 1 ? "" : "s",
					  r->warnings == 1 ? "s" : ""));
		if (!n->known)
			return 0;
		/* a baseline is debt, not done: name the first of it */
		const struct ag_finding *f = n->known;
		AG_TRY(ag_buf_printf(b, "\nThe baseline holds %zu known finding%s. The first, in the "
				  "seed's order (Phase %s):\n", n->nknown, n->nknown == 1 ? "" : "s",
				  f->phase));
		AG_TRY(ag_buf_printf(b, "Next: %s\n", f->rule->title));
		AG_TRY(text_finding(b, f, o, "  "));
		AG_TRY(ag_buf_adds(b, "Do:  "));
		AG_TRY(indented(b, f->rule->fix, "     "));
		return ag_buf_adds(b, "Then `archgate baseline` drops it from arch/baseline.json.\n");
	}
	const struct ag_finding *f = n->step;
	AG_TRY(ag_buf_printf(b, "%sPhase %s (%s)", BOLD(o), ph[n->phase].id, ph[n->phase].name));
	if (n->phase == 0 && r->board.reopened)
		AG_TRY(ag_buf_printf(b, ", reopened by a red flag: STOP%s\n", RESET(o)));
	else
		AG_TRY(ag_buf_printf(b, "%s\n", RESET(o)));
	AG_TRY(ag_buf_printf(b, "Next: %s%s\n", f->rule->title,
			  f->rule->red_flag ? " (red flag)" : ""));
	AG_TRY(text_finding(b, f, o, "  "));
	AG_TRY(ag_buf_adds(b, "\nWhy: "));
	AG_TRY(indented(b, f->rule->rationale, "     "));
	AG_TRY(ag_buf_adds(b, "Do:  "));
	AG_TRY(indented(b, f->rule->fix, "     "));
	size_t left = n->steps - 1;
	if (left)
		return ag_buf_printf(b, "\nThen %zu more step%s in Phase %s (archgate status lists "
				     "them).\n", left, left == 1 ? "" : "s", ph[n->phase].id);
	return ag_buf_printf(b, "\nThis is the last step of Phase %s.\n", ph[n->phase].id);
}

/* "key": {"title", ["why",] "fix", "finding"} or null. */
static void step_json(struct ag_json *w, const char *key, const struct ag_finding *f, bool why)
{
	ag_json_key(w, key);
	if (!f) {
		ag_json_null(w);
		return;
	}
	ag_json_begin_object(w);
	ag_json_kv_str(w, "title", f->rule->title);
	if (why)
		ag_json_kv_str(w, "why", f->rule->rationale);
	ag_json_kv_str(w, "fix", f->rule->fix);
	ag_json_key(w, "finding");
	ag_report_finding_json(w, f);
	ag_json_end_object(w);
}

static int next_json(struct ag_buf *b, const struct ag_result *r, const struct ag_next *n)
{
	size_t np;
	const struct ag_phase *ph = ag_phases(&np);
	struct ag_json w;
	ag_json_init(&w, b, AG_JSON_COMPACT);
	ag_json_begin_object(&w);
	ag_json_kv_int(&w, "version", 1);
	ag_json_kv_str(&w, "phase", ph[n->phase].id);
	ag_json_kv_str(&w, "phase_name", ph[n->phase].name);
	ag_json_kv_bool(&w, "reopened", r->board.reopened);
	ag_json_kv_bool(&w, "complete", n->step == NULL);
	step_json(&w, "step", n->step, true);
	ag_json_kv_int(&w, "known", (long long)n->nknown);
	/* nothing blocks: the first finding the baseline holds */
	step_json(&w, "known_step", n->known, false);
	ag_json_kv_int(&w, "steps", (long long)n->steps);
	ag_json_kv_int(&w, "remaining", n->steps ? (long long)n->steps - 1 : 0);
	ag_json_end_object(&w);
	return json_done(&w);
}

int ag_report_next(struct ag_buf *out, enum ag_format fmt, const struct ag_result *res,
		   const struct ag_report_opts *opts)
{
	struct ag_next n;
	ag_next_step(res, &n);
	if (fmt == AG_FMT_JSON)
		return next_json(out, res, &n);
	if (fmt == AG_FMT_TEXT)
		return next_text(out, res, &n, opts);
	return AG_EINVAL;
}

int ag_report_status(struct ag_buf *out, enum ag_format fmt, const struct ag_model *m,
		     const struct ag_result *res, const struct ag_report_opts *opts)
{
	if (fmt == AG_FMT_JSON)
		return status_json(out, res);
	if (fmt == AG_FMT_TEXT)
		return status_text(out, m, res, opts);
	return AG_EINVAL;
}

/* A rule as `rules` and `explain` show it to programs. */
static int rule_json(struct ag_json *w, const struct ag_rule *r)
{
	ag_json_begin_object(w);
	ag_json_kv_str(w, "id", r->id);
	ag_json_kv_str(w, "phase", r->phase);
	ag_json_kv_str(w, "severity", ag_severity_name(r->severity));
	ag_json_kv_bool(w, "red_flag", r->red_flag);
	ag_json_kv_str(w, "title", r->title);
	ag_json_kv_str(w, "rationale", r->rationale);
	ag_json_kv_str(w, "fix", r->fix);
	return ag_json_end_object(w);
}

int ag_report_rules(struct ag_buf *b, enum ag_format fmt, const struct ag_report_opts *o)
{
	size_t nr;
	const struct ag_rule *const *rules = ag_rules_all(&nr);
	if (fmt == AG_FMT_JSON) {
		struct ag_json w;
		ag_json_init(&w, b, AG_JSON_COMPACT);
		ag_json_begin_array(&w);
		for (size_t i = 0; i < nr; i++)
			rule_json(&w, rules[i]);
		ag_json_end_array(&w);
		return json_done(&w);
	}
	int w = 0;
	for (size_t i = 0; i < nr; i++)
		if ((int)strlen(rules[i]->id) > w)
			w = (int)strlen(rules[i]->id);
	for (size_t i = 0; i < nr; i++) {
		const struct ag_rule *r = rules[i];
		AG_TRY(ag_buf_printf(b, "%s%-*s%s %-4s %-8s %s%s\n", BOLD(o), w, r->id, RESET(o),
				  r->phase, ag_severity_name(r->severity), r->title,
				  r->red_flag ? " (red flag)" : ""));
	}
	return 0;
}

/* Text indented and wrapped at 78 columns; explicit newlines are kept, and
 * lines of a code-like fix (starting with spaces) are never re-flowed. */
static int indent_block(struct ag_buf *b, const char *text, const char *indent)
{
	const size_t width = 78 - strlen(indent);
	for (const char *line = text; *line;) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		if (line[0] == ' ' || n <= width) {
			AG_TRY(ag_buf_printf(b, "%s%.*s\n", indent, (int)n, line));
		} else {
			const char *p = line, *end = line + n;
			while (p < end) {
				const char *cut = p + width < end ? p + width : end;
				if (cut < end) {
					const char *sp = cut;
					while (sp > p && *sp != ' ')
						sp--;
					if (sp > p)
						cut = sp;
				}
				AG_TRY(ag_buf_printf(b, "%s%.*s\n", indent, (int)(cut - p), p));
				p = cut;
				while (p < end && *p == ' ')
					p++;
			}
		}
		line = nl ? nl + 1 : line + n;
	}
	return 0;
}

int ag_report_explain(struct ag_buf *b, enum ag_format fmt, const struct ag_rule *r,
		      const struct ag_report_opts *o)
{
	if (fmt == AG_FMT_JSON) {
		struct ag_json w;
		ag_json_init(&w, b, AG_JSON_COMPACT);
		rule_json(&w, r);
		return json_done(&w);
	}
	int pi = ag_phase_index(r->phase);
	size_t np;
	const struct ag_phase *ph = ag_phases(&np);
	AG_TRY(ag_buf_printf(b, "%s%s%s: %s\n\n", BOLD(o), r->id, RESET(o), r->title));
	AG_TRY(ag_buf_printf(b, "  Phase:    %s (%s)\n  Severity: %s%s\n\n", r->phase,
			  pi >= 0 ? ph[pi].name : "?", ag_severity_name(r->severity),
			  r->red_flag ? ", red flag (reopens Phase 1)" : ""));
	AG_TRY(ag_buf_printf(b, "%sWhy%s\n", BOLD(o), RESET(o)));
	AG_TRY(indent_block(b, r->rationale, "  "));
	AG_TRY(ag_buf_printf(b, "\n%sFix%s\n", BOLD(o), RESET(o)));
	AG_TRY(indent_block(b, r->fix, "  "));
	return ag_buf_printf(b, "\nChange its severity or waive a finding in arch/archgate.yaml:\n"
			     "  rules:\n    %s: warning\n", r->id);
}

int ag_report_rules_markdown(struct ag_buf *b)
{
	size_t nr, np;
	const struct ag_rule *const *rules = ag_rules_all(&nr);
	const struct ag_phase *ph = ag_phases(&np);
	AG_TRY(ag_buf_adds(b, "# Rule reference\n\n"
			   "Generated by `archgate docs rules` from the rule registry; do not "
			   "edit by hand (CI fails when it is stale).\n\n"
			   "Every rule has an id, a phase, a default severity, the reason it "
			   "exists and how to fix a finding. Change a severity or waive a "
			   "finding in `arch/archgate.yaml` (see [model.md](model.md)).\n\n"));
	for (size_t p = 0; p < np; p++) {
		bool header = false;
		for (size_t i = 0; i < nr; i++) {
			const struct ag_rule *r = rules[i];
			if (ag_phase_index(r->phase) != (int)p)
				continue;
			if (!header) {
				AG_TRY(ag_buf_printf(b, "## Phase %s: %s\n\n", ph[p].id, ph[p].name));
				header = true;
			}
			AG_TRY(ag_buf_printf(b, "### `%s`\n\n%s.\n\n- Severity: %s%s\n\n**Why.** %s\n\n"
					  "**Fix.**\n\n```\n%s\n```\n\n",
					  r->id, r->title, ag_severity_name(r->severity),
					  r->red_flag ? " — red flag: an active finding reopens Phase 1"
						      : "",
					  r->rationale, r->fix));
		}
	}
	return 0;
}
