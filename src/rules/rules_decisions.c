/*
 * rules_decisions.c - Phase 2, Technical Consensus: decision records and RFCs.
 *
 * "Write the RFC ... List 'Alternatives Considered' and why they were
 * rejected. Review: get sign-off." and the ADR template: "Use this for every
 * significant technical decision". These rules read ADRs in every format
 * archgate understands (adr.h) and RFCs (rfc.h); `archgate adr lint` runs the
 * adr-* and rfc-* rules alone.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "rules_impl.h"

/* Lines that only repeat a template's prompt are not content. */
static const char *const placeholders[] = {
	/* the seed's template */
	"What forces are at play? Business constraints, technical debt, team skillsets.",
	"We will [decision]. We chose [option A] over [option B].",
	"What becomes easier?", "What performance/cost benefits?", "What becomes harder?",
	"What new risks?", "What stays the same?", "[Link to RFC]", "[Link to prototype]",
	/* adr-tools' template */
	"The issue motivating this decision, and any context that influences or constrains the decision.",
	"The change that we're proposing or have agreed to implement.",
	"What becomes easier or more difficult to do and any risks introduced by the change that will need to be mitigated.",
	/* archgate's RFC template */
	"One paragraph: what is proposed, for whom.",
	"Why are we doing this? What problem does it solve?",
	"The design, in enough detail to review. Don't dictate: propose.",
	"Source of truth: which store owns each entity?",
	"Consistency model: strong or eventual, and why?",
	"Data gravity: does the compute move to the data?",
	"What does it cost per month, and per active user?",
	/* archgate's MADR rendering */
	"Chosen option: \"Option A\", because [justification].",
	"Good, because [positive consequence]", "Bad, because [negative consequence]",
	"Good, because ...", "Bad, because ...",
};

static struct ag_span strip_bullet(struct ag_span t)
{
	if (t.len > 2 && (t.s[0] == '-' || t.s[0] == '*' || t.s[0] == '+') && t.s[1] == ' ')
		t = ag_span_trim((struct ag_span){t.s + 2, t.len - 2});
	return t;
}

static bool is_placeholder(struct ag_span t)
{
	t = strip_bullet(ag_span_trim(t));
	if (!t.len || ag_span_eq(t, "...") || ag_span_eq(t, "tbd") || ag_span_eq(t, "todo") ||
	    ag_span_eq(t, "?") || ag_span_eq(t, "-") || ag_span_eq(t, "n/a"))
		return true;
	if ((t.s[0] == '{' && t.s[t.len - 1] == '}') || (t.s[0] == '[' && t.s[t.len - 1] == ']' &&
							  !memchr(t.s, '(', t.len)))
		return true;
	for (size_t i = 0; i < sizeof(placeholders) / sizeof(placeholders[0]); i++)
		if (ag_span_eq(t, placeholders[i]))
			return true;
	return false;
}

/* Whether a section has content beyond blank lines, comments and template
 * prompts. Sub-headings are not content, their bodies are. */
static bool section_has_content(const struct ag_md *d, size_t h)
{
	size_t end = ag_md_section_end(d, h);
	for (size_t i = h + 1; i < end; i++) {
		const struct ag_md_line *l = &d->lines[i];
		if (l->kind == AG_MD_TEXT && !is_placeholder(l->text))
			return true;
		if (l->kind == AG_MD_TABLE && !ag_md_is_separator(l->text)) {
			struct ag_span c[16];
			int n = ag_md_cells(l->text, c, 16);
			for (int k = 0; k < n; k++)
				if (!is_placeholder(c[k]))
					return true;
		}
		if (l->kind == AG_MD_FENCE)
			return true;
	}
	return false;
}

static struct ag_pos line_pos(const char *file, size_t line)
{
	return (struct ag_pos){file, (int)line + 1, 1};
}

static struct ag_pos adr_pos(const struct ag_adr *a)
{
	if (a->title_pos.file)
		return a->title_pos;
	return (struct ag_pos){a->file, 1, 1};
}

static long find_section(const struct ag_md *d, const char *const *names)
{
	for (size_t k = 0; names[k]; k++) {
		for (size_t i = 0; i < d->n; i++) {
			const struct ag_md_line *l = &d->lines[i];
			if (l->kind == AG_MD_HEADING && l->level >= 2 && ag_span_prefix(l->text, names[k]))
				return (long)i;
		}
	}
	return -1;
}

/* ---- adr-sections ---- */

/* The first level-2+ heading that starts with a name of section `kind`
 * (built-in, in every language archgate knows, or archgate.yaml's). */
static long find_kind(const struct ag_md *d, const struct ag_adr_vocab *v,
		      enum ag_adr_section kind)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct ag_md_line *l = &d->lines[i];
		if (l->kind == AG_MD_HEADING && l->level >= 2 &&
		    ag_adr_section_is(v, kind, l->text, true))
			return (long)i;
	}
	return -1;
}

static void require_kind(struct ag_ctx *ctx, const struct ag_adr *a, struct ag_pos at,
			 enum ag_adr_section kind, const char *const *madr_names)
{
	const struct ag_md *d = &a->md;
	long h = madr_names ? find_section(d, madr_names) : -1;
	if (h < 0)
		h = find_kind(d, &ctx->model->adr_vocab, kind);
	const char *name = madr_names ? madr_names[0] : ag_adr_section_names(kind)[0];
	if (h < 0)
		ag_rule_report(ctx, &at, "the '%s' section is missing", name);
	else if (!section_has_content(d, (size_t)h)) {
		struct ag_pos p = line_pos(a->file, (size_t)h);
		ag_rule_report(ctx, &p, "the '%s' section is empty or still the template's "
			       "prompt", name);
	}
}

static const char *const sec_madr_context[] = {"Context and Problem Statement", NULL};
static const char *const sec_madr_outcome[] = {"Decision Outcome", NULL};

static void check_adr_sections(struct ag_ctx *ctx)
{
	const struct ag_adrs *as = &ctx->model->adrs;
	for (size_t i = 0; i < as->n; i++) {
		const struct ag_adr *a = &as->v[i];
		struct ag_pos at = adr_pos(a);
		if (!*a->title)
			ag_rule_report(ctx, &at, "the record has no '# Title' heading");
		bool madr = a->format == AG_ADRF_MADR || a->format == AG_ADRF_LOG4BRAINS;
		if (madr) {
			require_kind(ctx, a, at, AG_ADRS_CONTEXT, sec_madr_context);
			require_kind(ctx, a, at, AG_ADRS_DECISION, sec_madr_outcome);
		} else {
			require_kind(ctx, a, at, AG_ADRS_CONTEXT, NULL);
			require_kind(ctx, a, at, AG_ADRS_DECISION, NULL);
			require_kind(ctx, a, at, AG_ADRS_CONSEQUENCES, NULL);
		}
	}
}

const struct ag_rule ag_rule_adr_sections = {
	"adr-sections", "2", AG_SEV_ERROR, false,
	"Decision records have a real Context, Decision and Consequences",
	"The seed: \"Explain why you made a decision, don't just give orders.\" A "
	"record whose Context or Consequences is missing, or still the template's "
	"prompt, records an order, not a decision: the next team cannot tell what "
	"forces were at play or what was traded away.",
	"Fill in the section: Context (the forces: business constraints, debt, "
	"skills), Decision (\"We will ... We chose A over B.\"), Consequences "
	"(positive, negative, neutral).",
	check_adr_sections};

/* ---- adr-alternatives (ADRs and RFCs) ---- */

static bool placeholder_option(const struct ag_span *c, int n)
{
	if (n < 1)
		return true;
	struct ag_span o = c[0];
	bool generic = ag_span_prefix(o, "option ") && o.len <= 18;
	for (int k = 1; k < n; k++)
		if (!is_placeholder(c[k]))
			return false;
	return generic || is_placeholder(o);
}

static bool chosen_option(const struct ag_span *c, int n, int why)
{
	if (ag_find_word(c[0].s, c[0].len, "chosen", 6) || ag_find_word(c[0].s, c[0].len, "selected", 8))
		return true;
	if (why >= 0 && why < n) {
		struct ag_span w = c[why];
		if (ag_span_eq(w, "n/a") || ag_span_eq(w, "na") || ag_span_eq(w, "—") ||
		    ag_span_eq(w, "-") || ag_span_prefix(w, "chosen") || ag_span_prefix(w, "n/a "))
			return true;
	}
	return false;
}

/* The seed's table: >= 2 real options, a "Why Rejected" for each not chosen. */
/* The severity of the seed-template rules for a record: the rule's own
 * for records in the seed's template (and RFCs), a warning for formats that
 * never had the section. */
static enum ag_severity template_sev(const struct ag_ctx *ctx, const struct ag_adr *a)
{
	return !a || (a->format == AG_ADRF_SEED && a->seed_marks) ? ctx->rule->severity
								  : AG_SEV_WARNING;
}

#define REPORT(sev, pos, ...) ag_rule_report_sev(ctx, sev, pos, __VA_ARGS__)

static void check_table(struct ag_ctx *ctx, const char *file, const struct ag_md *d, long h,
			const char *what, enum ag_severity sev)
{
	size_t end = ag_md_section_end(d, (size_t)h);
	struct ag_pos hp = line_pos(file, (size_t)h);
	long header = -1;
	for (size_t i = (size_t)h + 1; i < end; i++)
		if (d->lines[i].kind == AG_MD_TABLE) {
			header = (long)i;
			break;
		}
	if (header < 0) {
		REPORT(sev, &hp, "%s has no alternatives table (Option | Pros | Cons | "
			       "Why Rejected)", what);
		return;
	}
	struct ag_span c[16];
	int nh = ag_md_cells(d->lines[header].text, c, 16), why = -1;
	for (int k = 0; k < nh; k++)
		if (ag_find_word(c[k].s, c[k].len, "rejected", 8) || ag_find_word(c[k].s, c[k].len, "why", 3))
			why = k;
	size_t real = 0, chosen = 0;
	for (size_t i = (size_t)header + 1; i < end; i++) {
		const struct ag_md_line *l = &d->lines[i];
		if (l->kind != AG_MD_TABLE)
			break;
		if (ag_md_is_separator(l->text))
			continue;
		int n = ag_md_cells(l->text, c, 16);
		if (placeholder_option(c, n))
			continue;
		real++;
		if (chosen_option(c, n, why)) {
			chosen++;
			continue;
		}
		struct ag_pos rp = line_pos(file, i);
		if (why < 0) {
			REPORT(sev, &rp, "the alternatives table has no 'Why Rejected' column");
			return;
		}
		if (why >= n || is_placeholder(c[why]))
			REPORT(sev, &rp, "alternative '%.*s' does not say why it was rejected",
				       (int)c[0].len, c[0].s);
	}
	if (real < 2)
		REPORT(sev, &hp, "%s considers %zu real alternative%s; a decision needs "
			       "at least two options", what, real, real == 1 ? "" : "s");
	else if (!chosen)
		REPORT(sev, &hp, "no alternative is marked '(chosen)' (or 'N/A' under "
			       "Why Rejected)");
}

/* An option's or the chosen option's words without markup: link text for
 * "[T](url)", no **, _, `, quotes, no trailing punctuation. */
static size_t plain_option(struct ag_span o, char *buf, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < o.len && k + 1 < n; i++) {
		char c = o.s[i];
		if (c == ']' && i + 1 < o.len && o.s[i + 1] == '(') {
			const char *rp = memchr(o.s + i, ')', o.len - i);
			if (rp) {
				i = (size_t)(rp - o.s);
				continue;
			}
		}
		if (strchr("[]*_`\"'", c))
			continue;
		buf[k++] = c;
	}
	while (k && (strchr(" .,;:!?", buf[k - 1])))
		k--;
	size_t st = 0;
	while (st < k && buf[st] == ' ')
		st++;
	memmove(buf, buf + st, k - st);
	k -= st;
	buf[k] = '\0';
	return k;
}

/* The next word of s[*i..n) (letters and digits); its length, 0 at the end. */
static size_t next_word(const char *s, size_t n, size_t *i)
{
	while (*i < n && !isalnum((unsigned char)s[*i]))
		(*i)++;
	size_t st = *i;
	while (*i < n && isalnum((unsigned char)s[*i]))
		(*i)++;
	return *i - st;
}

/* Whether the words of `s` (at least three) appear in order in `l`, which
 * has at most two words more. */
static bool words_within(const char *s, size_t sn, const char *l, size_t ln)
{
	size_t si = 0, li = 0, sw = 0, lw = 0, matched = 0;
	size_t k;
	for (size_t t = 0; next_word(s, sn, &t);)
		sw++;
	for (size_t t = 0; next_word(l, ln, &t);)
		lw++;
	if (sw < 3 || lw < sw || lw - sw > 2)
		return false;
	while ((k = next_word(s, sn, &si)) != 0) {
		const char *w = s + si - k;
		size_t m;
		bool hit = false;
		while (!hit && (m = next_word(l, ln, &li)) != 0)
			hit = m == k && !strncasecmp(w, l + li - m, k);
		if (!hit)
			return false;
		matched++;
	}
	return matched == sw;
}

/* Whether option `o` is the chosen one: equal, or one names the other
 * whole-word ("PostgreSQL" and "PostgreSQL 16 on RDS"). */
static bool same_option(struct ag_span o, struct ag_span chosen)
{
	char a[256], b[256];
	size_t an = plain_option(o, a, sizeof(a)), bn = plain_option(chosen, b, sizeof(b));
	if (!an || !bn)
		return false;
	/* "Option 2: Kafka" is chosen as "Kafka" or as "Option 2" */
	if (ag_find_word(a, an, b, bn) || ag_find_word(b, bn, a, an))
		return true;
	/* a slip of wording: "Write the own tool" chosen as "Write own tool",
	 * the shorter's words (three or more) in order in the longer, which has
	 * at most two more */
	return words_within(a, an, b, bn) || words_within(b, bn, a, an);
}

/* The options listed under heading `h`: top-level bullets or numbered
 * items (sub-bullets are their details), or sub-headings. */
static size_t list_options(const struct ag_md *d, long h, struct ag_span *opts, size_t *lines,
			   size_t max)
{
	size_t end = ag_md_section_end(d, (size_t)h), n = 0;
	int sub = d->lines[h].level + 1;
	long indent = -1;
	for (size_t i = (size_t)h + 1; i < end && n < max; i++) {
		const struct ag_md_line *l = &d->lines[i];
		if (l->kind == AG_MD_HEADING && l->level == sub) {
			opts[n] = l->text;
			lines[n++] = i;
			continue;
		}
		if (l->kind != AG_MD_TEXT)
			continue;
		struct ag_span t = l->text;
		long ind = (long)(t.s - (d->text + l->off));
		size_t k = 0;
		while (k < t.len && isdigit((unsigned char)t.s[k]))
			k++;
		if (!((t.len > 2 && strchr("-*+", t.s[0]) && t.s[1] == ' ') ||
		      (k && k + 1 < t.len && (t.s[k] == '.' || t.s[k] == ')') && t.s[k + 1] == ' ')))
			continue;
		if (indent < 0)
			indent = ind;
		if (ind > indent)
			continue; /* a sub-bullet: the option's detail */
		struct ag_span o = ag_span_trim((struct ag_span){t.s + (k ? k + 1 : 2), t.len - (k ? k + 1 : 2)});
		if (is_placeholder(o) || (ag_span_prefix(o, "option ") && o.len <= 8))
			continue;
		opts[n] = o;
		lines[n++] = i;
	}
	return n;
}

/* MADR: "Considered Options" bullets, "Chosen option:", and a "Bad" for each
 * other option under "Pros and Cons of the Options". */
static void check_madr_options(struct ag_ctx *ctx, const struct ag_adr *a, long h)
{
	const struct ag_md *d = &a->md;
	struct ag_span opts[64];
	size_t lines[64];
	size_t n = list_options(d, h, opts, lines, 64);
	struct ag_pos hp = line_pos(a->file, (size_t)h);
	if (n < 2) {
		ag_rule_report(ctx, &hp, "the record considers %zu real option%s; a decision "
			       "needs at least two", n, n == 1 ? "" : "s");
		return;
	}
	struct ag_span chosen = {NULL, 0};
	for (size_t i = 0; i < d->n && !chosen.s; i++) {
		struct ag_span t = strip_bullet(d->lines[i].text);
		while (t.len && (t.s[0] == '*' || t.s[0] == '_'))
			t.s++, t.len--;
		if (d->lines[i].kind == AG_MD_TEXT && ag_span_prefix(t, "chosen option")) {
			const char *colon = memchr(t.s, ':', t.len);
			struct ag_span r = colon ? (struct ag_span){colon + 1, (size_t)(t.s + t.len - colon - 1)}
						 : (struct ag_span){t.s + 13, t.len - 13};
			const char *q1 = memchr(r.s, '"', r.len);
			const char *q2 = q1 ? memchr(q1 + 1, '"', (size_t)(r.s + r.len - q1 - 1)) : NULL;
			if (q2) {
				chosen = (struct ag_span){q1 + 1, (size_t)(q2 - q1 - 1)};
			} else {
				/* up to ", because" */
				const char *comma = NULL;
				for (const char *p = r.s; p + 8 < r.s + r.len && !comma; p++)
					if (*p == ',' && !strncasecmp(p + 1, " because", 8))
						comma = p;
				chosen = ag_span_trim(comma ? (struct ag_span){r.s, (size_t)(comma - r.s)} : r);
			}
		}
	}
	if (!chosen.s) {
		/* a Decision Outcome written as prose ("we decided to prefer X and
		 * neglected Y") that names a considered option says it too */
		long o = ag_md_heading(d, 2, "Decision Outcome", 0);
		size_t oe = o >= 0 ? ag_md_section_end(d, (size_t)o) : 0;
		for (size_t i = o >= 0 ? (size_t)o + 1 : 0; i < oe; i++) {
			if (d->lines[i].kind != AG_MD_TEXT)
				continue;
			for (size_t k = 0; k < n; k++) {
				char b[256];
				size_t bn = plain_option(opts[k], b, sizeof(b));
				if (bn && ag_find_word(d->lines[i].text.s, d->lines[i].text.len, b, bn))
					return;
			}
		}
		ag_rule_report(ctx, &hp, "no 'Chosen option:' line says which option was chosen");
		return;
	}
	bool found = false;
	for (size_t k = 0; k < n; k++)
		found = found || same_option(opts[k], chosen);
	if (!found) {
		REPORT(AG_SEV_WARNING, &hp, "the chosen option '%.*s' is not one of the considered "
		       "options", (int)chosen.len, chosen.s);
	}
	/* MADR makes "Pros and Cons of the Options" optional: an option
	 * without a "Bad, because" is no finding */
}

static const char *const sec_alternatives[] = {"Alternatives Considered", "Alternatives",
					       "Options Considered", NULL};
static const char *const sec_considered[] = {"Considered Options", NULL};

/* "### Option 1: Kafka", "### Option 2: ..." anywhere: options weighed. */
static size_t option_headings(const struct ag_md *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		if (d->lines[i].kind == AG_MD_HEADING && d->lines[i].level >= 3 &&
		    (ag_span_prefix(d->lines[i].text, "option ") ||
		     ag_span_prefix(d->lines[i].text, "option:") ||
		     ag_span_prefix(d->lines[i].text, "alternative ") ||
		     ag_span_prefix(d->lines[i].text, "alternative:")))
			n++;
	return n;
}

static bool names_options(struct ag_span t)
{
	return ag_find_word(t.s, t.len, "options", 7) || ag_find_word(t.s, t.len, "alternatives", 12);
}

/* The list items right after line `i` (blank lines between them allowed),
 * top-level only. */
static size_t items_after(const struct ag_md *d, size_t i)
{
	size_t n = 0;
	long indent = -1;
	for (size_t k = i + 1; k < d->n; k++) {
		const struct ag_md_line *l = &d->lines[k];
		if (l->kind == AG_MD_BLANK)
			continue;
		if (l->kind != AG_MD_TEXT)
			break;
		struct ag_span t = l->text;
		size_t q = 0;
		while (q < t.len && isdigit((unsigned char)t.s[q]))
			q++;
		if (!((t.len > 2 && strchr("-*+", t.s[0]) && t.s[1] == ' ') ||
		      (q && q + 1 < t.len && (t.s[q] == '.' || t.s[q] == ')') && t.s[q + 1] == ' ')))
			break;
		long ind = (long)(t.s - (d->text + l->off));
		if (indent < 0)
			indent = ind;
		if (ind <= indent && !is_placeholder(strip_bullet(t)))
			n++;
	}
	return n;
}

/* Options weighed in another format's words: a heading that names them
 * ("### Implementation Options", "## Dismissed alternatives") over two or
 * more items or sub-headings, or a line that introduces them ("We
 * discussed three options:") followed by two or more items. */
static bool options_listed(const struct ag_md *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct ag_md_line *l = &d->lines[i];
		if (l->kind == AG_MD_HEADING && l->level >= 2 && names_options(l->text)) {
			struct ag_span opts[8];
			size_t lines[8];
			if (list_options(d, (long)i, opts, lines, 8) >= 2)
				return true;
		} else if (l->kind == AG_MD_TEXT && names_options(l->text) && items_after(d, i) >= 2) {
			return true;
		}
	}
	return false;
}

static void check_adr_alternatives(struct ag_ctx *ctx)
{
	const struct ag_adrs *as = &ctx->model->adrs;
	const struct ag_adr_vocab *v = &ctx->model->adr_vocab;
	for (size_t i = 0; i < as->n; i++) {
		const struct ag_adr *a = &as->v[i];
		if (a->status == AG_ADR_REJECTED || a->status == AG_ADR_DEPRECATED)
			continue;
		enum ag_severity sev = template_sev(ctx, a);
		long h = find_section(&a->md, sec_considered);
		if (h >= 0) {
			check_madr_options(ctx, a, h);
			continue;
		}
		h = find_section(&a->md, sec_alternatives);
		if (h < 0)
			h = find_kind(&a->md, v, AG_ADRS_ALTERNATIVES);
		if (h >= 0) {
			size_t end = ag_md_section_end(&a->md, (size_t)h);
			bool table = false;
			for (size_t k = (size_t)h + 1; k < end && !table; k++)
				table = a->md.lines[k].kind == AG_MD_TABLE;
			if (table || (a->format == AG_ADRF_SEED && a->seed_marks)) {
				check_table(ctx, a->file, &a->md, h, "the record", sev);
				continue;
			}
			/* another format's list of options: two real ones suffice */
			struct ag_span opts[64];
			size_t lines[64];
			size_t n = list_options(&a->md, h, opts, lines, 64);
			if (n < 2) {
				struct ag_pos hp = line_pos(a->file, (size_t)h);
				REPORT(sev, &hp, "the record considers %zu real option%s; a decision "
				       "needs at least two", n, n == 1 ? "" : "s");
			}
			continue;
		}
		if (!(a->format == AG_ADRF_SEED && a->seed_marks) &&
		    (option_headings(&a->md) >= 2 || options_listed(&a->md)))
			continue;
		struct ag_pos at = adr_pos(a);
		REPORT(sev, &at, "no alternatives are recorded (an 'Alternatives Considered' "
		       "table, or MADR's 'Considered Options')");
	}
	const struct ag_rfcs *rs = &ctx->model->rfcs;
	for (size_t i = 0; i < rs->n; i++) {
		const struct ag_rfc *r = &rs->v[i];
		if (r->status == AG_RFC_DRAFT || r->status == AG_RFC_WITHDRAWN)
			continue;
		long h = find_section(&r->md, sec_alternatives);
		if (h >= 0) {
			check_table(ctx, r->file, &r->md, h, "the RFC", ctx->rule->severity);
		} else {
			struct ag_pos at = {r->file, 1, 1};
			ag_rule_report(ctx, &at, "the RFC has no 'Alternatives Considered' section");
		}
	}
}

const struct ag_rule ag_rule_adr_alternatives = {
	"adr-alternatives", "2", AG_SEV_ERROR, false,
	"Decisions and RFCs weigh at least two real alternatives and say why each "
	"rejected one lost",
	"The seed's RFC step: \"List 'Alternatives Considered' and why they were "
	"rejected.\" A decision with one option was not a decision; an alternative "
	"without a reason for rejecting it will be proposed again next year.",
	"Fill in the Alternatives Considered table: one row per real option, the "
	"chosen one marked '(chosen)' with N/A under Why Rejected, every other row "
	"with the reason it lost. An error for records in the seed's template; a "
	"warning for adr-tools, log4brains and MADR records, whose formats never "
	"had the table, and for home-grown records that show none of the seed's "
	"metadata lines; satisfied there by any heading that lists two options "
	"('Options considered', 'Dismissed alternatives', '### Option 1', "
	"'#### Option: X', a heading in another language, sub-sections), or by "
	"a line naming the options right before two list items. MADR records "
	"need a 'Chosen option:' that is one of the Considered Options (matched "
	"through link markup, punctuation and a slip of one or two words), or a "
	"Decision Outcome in prose that names one.",
	check_adr_alternatives};

/* ---- adr-status, adr-date ---- */

/* Whether any record of `a`'s folder (package) states a status. */
static bool folder_statuses(const struct ag_adrs *as, const struct ag_adr *a)
{
	for (size_t i = 0; i < as->n; i++)
		if (as->v[i].status_text && as->v[i].package == a->package)
			return true;
	return false;
}

static void check_adr_status(struct ag_ctx *ctx)
{
	const struct ag_adrs *as = &ctx->model->adrs;
	for (size_t i = 0; i < as->n; i++) {
		const struct ag_adr *a = &as->v[i];
		if (!a->status_text && a->format != AG_ADRF_MADR) {
			/* MADR makes the status optional; a folder whose records
			 * never state one keeps a format without the field: a
			 * warning there */
			struct ag_pos at = adr_pos(a);
			ag_rule_report_sev(ctx, folder_statuses(as, a) ? ctx->rule->severity
								       : AG_SEV_WARNING,
					   &at, "the record has no status (Proposed, Accepted, "
					   "Deprecated or Superseded)");
		} else if (a->status_text && a->status == AG_ADR_UNKNOWN) {
			ag_rule_report(ctx, &a->status_pos, "status '%s' is not one of Proposed, "
				       "Accepted, Rejected, Deprecated, Superseded", a->status_text);
		}
		if (a->phase && ag_phase_index(a->phase) < 0)
			ag_rule_report(ctx, &a->phase_pos, "phase '%s' is not one of 1, 1.5, 2, 2.5, "
				       "3, 4, so phase order cannot be checked", a->phase);
	}
}

const struct ag_rule ag_rule_adr_status = {
	"adr-status", "2", AG_SEV_ERROR, false,
	"Every decision record has a valid status (and a valid phase, if it names one)",
	"The template's lifecycle is Proposed | Accepted | Deprecated | Superseded. "
	"Gates count only Accepted decisions, so a record whose status cannot be "
	"read is invisible to every rule that asks \"was this decided?\".",
	"Write one of Proposed, Accepted, Rejected, Deprecated or Superseded on the "
	"status line, or use `archgate adr accept N` and friends. Statuses as teams "
	"write them count too (Draft, Pending, On hold, Approved, Withdrawn, Partly "
	"superseded, ... and their German, French, Spanish, Portuguese, Chinese "
	"and Japanese words); MADR records may have no status at all, and in a "
	"folder whose records never state one a missing status is a warning.",
	check_adr_status};

/* Whether any record of `a`'s folder (package) has a date: a folder whose
 * records never do follows a format without the field (Nygard's own). */
static bool folder_dates(const struct ag_adrs *as, const struct ag_adr *a)
{
	for (size_t i = 0; i < as->n; i++)
		if (as->v[i].date && as->v[i].package == a->package)
			return true;
	return false;
}

/* "20250909-slug.md": a name that starts with a valid YYYYMMDD date. */
static bool dated_name(const char *name)
{
	char iso[11];
	long days;
	for (int k = 0; k < 8; k++)
		if (!isdigit((unsigned char)name[k]))
			return false;
	if (name[8] != '-')
		return false;
	memcpy(iso, name, 4);
	iso[4] = '-';
	memcpy(iso + 5, name + 4, 2);
	iso[7] = '-';
	memcpy(iso + 8, name + 6, 2);
	iso[10] = '\0';
	return !ag_date_parse(iso, 10, &days);
}

static void check_adr_date(struct ag_ctx *ctx)
{
	const struct ag_adrs *as = &ctx->model->adrs;
	for (size_t i = 0; i < as->n; i++) {
		const struct ag_adr *a = &as->v[i];
		long days;
		size_t dl = a->date ? strlen(a->date) : 0;
		/* "2019-05-13, updated 2023-02-05": the leading date counts */
		if (dl > 10 && !isdigit((unsigned char)a->date[10]) && !ag_date_parse(a->date, 10, &days))
			dl = 10;
		if (!a->date) {
			/* MADR makes the date optional; so does a folder without any */
			struct ag_pos at = adr_pos(a);
			/* ... and a date-prefixed name (log4brains') carries one */
			if (a->format != AG_ADRF_MADR && folder_dates(as, a) && !dated_name(a->name))
				ag_rule_report(ctx, &at, "the record has no date");
		} else if (ag_date_parse(a->date, dl, &days)) {
			ag_rule_report(ctx, &a->date_pos, "date '%s' is not an ISO date (YYYY-MM-DD)",
				       a->date);
		} else if (days > ctx->today + 1) {
			ag_rule_report(ctx, &a->date_pos, "date %s is in the future", a->date);
		}
	}
}

const struct ag_rule ag_rule_adr_date = {
	"adr-date", "2", AG_SEV_ERROR, false,
	"Every decision record has an ISO date",
	"Decisions are read in order: what was known when, what superseded what. "
	"A record without a parseable date cannot be placed on that timeline.",
	"Write the date as YYYY-MM-DD on the Date line (a date in prose, 'Date of "
	"submission: 2019-06-21', counts; 'Review Date: ...' is another date). "
	"MADR records may have no date, nor may a date-prefixed record "
	"(YYYYMMDD-slug.md) whose name carries it.",
	check_adr_date};

/* ---- adr-links ---- */

/* The link of `t` that points back at `a` (by file name or by number). */
static const struct ag_adr_link *link_back(const struct ag_adrs *as, const struct ag_adr *t,
					   const struct ag_adr *a)
{
	for (size_t k = 0; k < t->nlinks; k++)
		if (ag_adrs_link_target(as, &t->links[k]) == a)
			return &t->links[k];
	return NULL;
}

/* "Replaces" says what "Supersedes" says. */
static const char *canon_type(const char *t)
{
	if (!strcasecmp(t, "replaces"))
		return "Supersedes";
	if (!strcasecmp(t, "replaced by"))
		return "Superseded by";
	return t;
}

static void check_adr_links(struct ag_ctx *ctx)
{
	const struct ag_adrs *as = &ctx->model->adrs;
	for (size_t i = 0; i < as->n; i++) {
		const struct ag_adr *a = &as->v[i];
		bool superseded_by = false;
		for (size_t k = 0; k < a->nlinks; k++) {
			const struct ag_adr_link *l = &a->links[k];
			if (!strncasecmp(l->type, "superseded by", 13))
				superseded_by = true;
			const struct ag_adr *t = ag_adrs_link_target(as, l);
			if (!t) {
				ag_rule_report(ctx, &l->pos, "'%s' link to '%s' does not resolve to a "
					       "decision record", l->type, l->target);
				continue;
			}
			const struct ag_adr_link *back = link_back(as, t, a);
			const char *rev = ag_adr_link_reverse(l->type);
			/* log4brains and MADR show the other side themselves */
			if (!back && (a->format == AG_ADRF_LOG4BRAINS || a->format == AG_ADRF_MADR))
				continue;
			if (!back)
				ag_rule_report(ctx, &l->pos, "%s says '%s %s' but %s has no link back%s%s%s",
					       a->name, l->type, t->name, t->name,
					       rev ? " (expected '" : "", rev ? rev : "", rev ? "')" : "");
			else if (rev && strcasecmp(canon_type(back->type), canon_type(rev)))
				ag_rule_report(ctx, &l->pos, "%s says '%s %s' but %s links back with "
					       "'%s', not '%s'", a->name, l->type, t->name, t->name,
					       back->type, rev);
		}
		if (superseded_by && a->status != AG_ADR_SUPERSEDED && a->status_text)
			ag_rule_report(ctx, &a->status_pos, "the record is superseded by another but "
				       "its status is '%s'", a->status_text);
	}
}

const struct ag_rule ag_rule_adr_links = {
	"adr-links", "2", AG_SEV_ERROR, false,
	"Links between decision records resolve and are reciprocal",
	"A record that says it supersedes another, while the other still reads as "
	"Accepted, leaves two live answers to one question. Links are only useful "
	"when both ends agree.",
	"Use `archgate adr supersede OLD NEW` or `archgate adr link N TYPE M "
	"REVERSE`, which always update both records; fix or remove links to files "
	"that no longer exist.",
	check_adr_links};

/* ---- adr-number-unique ---- */

static int cmp_num(const void *x, const void *y)
{
	const struct ag_adr *a = *(const struct ag_adr *const *)x, *b = *(const struct ag_adr *const *)y;
	if (a->number != b->number)
		return a->number < b->number ? -1 : 1;
	return strcmp(a->name, b->name);
}

static void check_adr_number_unique(struct ag_ctx *ctx)
{
	const struct ag_adrs *as = &ctx->model->adrs;
	if (as->n < 2)
		return;
	const struct ag_adr **v = malloc(as->n * sizeof(*v));
	if (!v) {
		ctx->err = AG_ENOMEM;
		return;
	}
	size_t n = 0;
	for (size_t i = 0; i < as->n; i++)
		if (as->v[i].number >= 0)
			v[n++] = &as->v[i];
	qsort(v, n, sizeof(*v), cmp_num);
	/* numbers are unique within a folder: a subfolder or package keeps
	 * its own (MADR's local IDs) */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j-- > 0 && v[j]->number == v[i]->number;) {
			if (v[j]->package != v[i]->package &&
			    (!v[j]->package || !v[i]->package || strcmp(v[j]->package, v[i]->package)))
				continue;
			struct ag_pos at = {v[i]->file, 1, 1};
			ag_rule_report(ctx, &at, "number %d is also used by %s (two branches both "
				       "made it); run 'archgate adr renumber'", v[i]->number,
				       v[j]->name);
			break;
		}
	free(v);
}

const struct ag_rule ag_rule_adr_number_unique = {
	"adr-number-unique", "2", AG_SEV_ERROR, false,
	"Decision record numbers are unique",
	"Records are cited by number (\"see ADR 42\"). When two branches both "
	"created 0042, every citation of 42 is ambiguous and tools pick one at "
	"random.",
	"Run `archgate adr renumber`: the later record gets the next free number "
	"and every link to it is rewritten.",
	check_adr_number_unique};

/* ---- rfc-signoff, adr-cites-draft-rfc ---- */

static void check_rfc_signoff(struct ag_ctx *ctx)
{
	const struct ag_model *m = ctx->model;
	const char *roles[64];
	size_t n = ag_policy_signoff_roles(&m->policy, roles, 64);
	bool distinct = ag_policy_distinct_signers(&m->policy);
	for (size_t i = 0; i < m->rfcs.n; i++) {
		const struct ag_rfc *r = &m->rfcs.v[i];
		struct ag_pos at = r->status_line >= 0 ? r->status_pos : (struct ag_pos){r->file, 1, 1};
		if (!r->status_text) {
			ag_rule_report(ctx, &at, "the RFC has no status (Draft, In Review, Accepted, "
				       "Rejected, Withdrawn)");
			continue;
		}
		if (r->status == AG_RFC_UNKNOWN) {
			ag_rule_report(ctx, &at, "status '%s' is not one of Draft, In Review, "
				       "Accepted, Rejected, Withdrawn", r->status_text);
			continue;
		}
		if (r->status != AG_RFC_ACCEPTED)
			continue;
		const char *first = NULL;
		bool one_person = true;
		for (size_t k = 0; k < n; k++) {
			const char *role = roles[k];
			const struct ag_signature *s = ag_rfc_signature(r, role);
			if (!s || !*s->name) {
				ag_rule_report(ctx, &at, "the RFC is Accepted without a sign-off from %s",
					       role);
				one_person = false;
				continue;
			}
			const char *who = *s->email ? s->email : s->name;
			if (!first)
				first = who;
			else if (strcasecmp(first, who))
				one_person = false;
		}
		if (distinct && n > 1 && one_person && first)
			ag_rule_report(ctx, &at, "every role of the RFC was signed by %s alone", first);
	}
}

const struct ag_rule ag_rule_rfc_signoff = {
	"rfc-signoff", "2", AG_SEV_ERROR, false,
	"An Accepted RFC is signed by every sign-off role, by more than one person",
	"\"Review: Get sign-off from the Lead Backend, Lead Mobile, and DevOps.\" "
	"Consensus means the people who will build and run the design agreed to "
	"it; a self-approved RFC is a dictate with extra steps.",
	"Collect the missing sign-offs with `archgate rfc sign N --role ROLE`; "
	"`archgate rfc status N` shows who is missing.",
	check_rfc_signoff};

/* RFC numbers an ADR cites: links into an rfcs/ folder, or "RFC-12". */
static void check_adr_cites_draft_rfc(struct ag_ctx *ctx)
{
	const struct ag_model *m = ctx->model;
	if (!m->rfcs.n)
		return;
	for (size_t i = 0; i < m->adrs.n; i++) {
		const struct ag_adr *a = &m->adrs.v[i];
		if (a->status != AG_ADR_ACCEPTED)
			continue;
		for (size_t li = 0; li < a->md.n; li++) {
			const struct ag_md_line *l = &a->md.lines[li];
			const char *s = a->text + l->off, *e = s + l->len;
			for (const char *p = s; p < e; p++) {
				int num = -1;
				if (e - p > 5 && !strncmp(p, "rfcs/", 5) && isdigit((unsigned char)p[5]))
					num = ag_leading_number(p + 5);
				else if (e - p > 4 && !strncmp(p, "RFC-", 4) && isdigit((unsigned char)p[4]) &&
					 (p == s || !isalnum((unsigned char)p[-1])))
					num = ag_leading_number(p + 4);
				if (num < 0)
					continue;
				const struct ag_rfc *r = ag_rfcs_by_number(&m->rfcs, num);
				if (r && (r->status == AG_RFC_DRAFT || r->status == AG_RFC_REVIEW)) {
					struct ag_pos at = {a->file, (int)li + 1, (int)(p - s) + 1};
					ag_rule_report(ctx, &at, "the Accepted decision cites RFC-%03d '%s', "
						       "which is still %s", num, r->title,
						       ag_rfc_status_name(r->status));
				}
				while (p < e && (isalnum((unsigned char)*p) || *p == '/' || *p == '-'))
					p++;
			}
		}
	}
}

const struct ag_rule ag_rule_adr_cites_draft_rfc = {
	"adr-cites-draft-rfc", "2", AG_SEV_ERROR, false,
	"An Accepted decision does not rest on an RFC that is still a draft",
	"The RFC is where consensus is reached; an ADR that cites a draft records a "
	"decision the reviewers have not agreed to yet. Phase 2 means \"aligning "
	"the experts\" before deciding.",
	"Finish the RFC's review and sign-off (`archgate rfc status N`), or move "
	"the decision back to Proposed.",
	check_adr_cites_draft_rfc};
