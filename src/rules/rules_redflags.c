/*
 * rules_redflags.c - the seed's red flags: "If you catch yourself thinking
 * ... ALL of these mean: STOP. Return to Phase 1."
 *
 * Every rule here has red_flag set, so an active finding reopens Phase 1 on
 * the board. The text detectors read decision records, RFCs and the debt
 * register sentence by sentence and look for the *argument*, not a phrase:
 * a big company named as the reason ("because Google uses it", "this is how
 * Netflix does it", "Spotify-style squads"), microservices proposed as the
 * cure for code quality, a data migration deferred. Quoted text, block
 * quotes, code, rejected alternatives and negated sentences ("we are not
 * Google") are not arguments, and a company named as a product ("Google
 * Cloud") is not an authority.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"
#include "rules_impl.h"

/* ---- sentences ---- */

struct sentence {
	const char *s; /* lowercased copy, words separated by single spaces */
	size_t len;
	const bool *orig_upper; /* whether the original letter at i was uppercase */
	struct ag_pos pos; /* where the sentence starts */
	const char *orig;  /* the sentence as written, for the message */
	size_t orig_len;
};

typedef bool (*detector)(const struct sentence *st, size_t *at);

static bool has(const struct sentence *st, const char *w)
{
	return ag_find_word(st->s, st->len, w, strlen(w)) != NULL;
}

static bool has_any(const struct sentence *st, const char *const *ws)
{
	for (size_t i = 0; ws[i]; i++)
		if (has(st, ws[i]))
			return true;
	return false;
}

/* Words of a sentence: index -> (start, len) in st->s. */
static size_t words(const struct sentence *st, size_t *start, size_t *len, size_t max)
{
	size_t n = 0, i = 0;
	while (i < st->len && n < max) {
		while (i < st->len && !isalnum((unsigned char)st->s[i]))
			i++;
		size_t b = i;
		while (i < st->len && (isalnum((unsigned char)st->s[i]) || st->s[i] == '\''))
			i++;
		if (i > b) {
			start[n] = b;
			len[n++] = i - b;
		}
	}
	return n;
}

static bool word_is(const struct sentence *st, size_t b, size_t l, const char *const *set)
{
	for (size_t k = 0; set[k]; k++)
		if (!strncmp(st->s + b, set[k], l) && set[k][l] == '\0')
			return true;
	return false;
}

/* ---- appeal to authority ---- */

static const char *const big_companies[] = {
	"google", "netflix", "amazon", "facebook", "uber", "spotify", "microsoft", "apple",
	"twitter", "linkedin", "airbnb", "faang", "maang", "meta", "meta's", "google's",
	"netflix's", "amazon's", "facebook's", "uber's", "spotify's", "apple's", NULL};
/* names that are also ordinary words count only when capitalised */
static const char *const capital_only[] = {"meta", "meta's", "apple", "apple's", "uber",
					   "uber's", NULL};
/* "Google Cloud", "Amazon S3": the company as a product we buy */
static const char *const product_words[] = {
	"cloud", "maps", "analytics", "workspace", "play", "pay", "fonts", "bigquery", "docs",
	"drive", "ads", "firebase", "s3", "sqs", "sns", "dynamodb", "rds", "aurora", "ec2",
	"lambda", "web", "store", "app", "azure", "teams", "office", "sign", "login", "oauth",
	"id", "api", "apis", "sdk", "kms", "pub", "spanner", "vertex", "gemini", "keyspaces",
	"opensearch", "elasticache", "cognito", "ses", "kinesis", "redshift", NULL};
static const char *const cue_before[] = {
	"because", "since", "like", "as", "way", "by", "for", "what", "if", "how", "copy",
	"follow", "following", "emulate", "trust", "proven", "tested", NULL};
static const char *const cue_after[] = {
	"uses", "use", "used", "does", "did", "do", "runs", "run", "built", "builds", "chose",
	"chooses", "picked", "recommends", "scale", "style", "approach", "way", "model",
	"is", "swears", "relies", "went", "moved", "proved", "proves", NULL};
/* anywhere in the sentence: the argument is being rejected */
static const char *const authority_negations[] = {
	"unlike", "irrelevant", "regardless", "red flag", "no reason", "not a reason",
	"nothing to do with", "is not an argument", "isn't an argument", NULL};
/* just before the company: "we are not Google", "if we ever reach Google's
 * scale", "two of us worked at Amazon" */
static const char *const negation_before[] = {
	"not", "isn't", "aren't", "never", "unlike", "reach", "reaches", "reached",
	"worked", "work", "working", "joined", "left", "ex", "former", NULL};

static bool authority(const struct sentence *st, size_t *at)
{
	size_t b[96], l[96];
	size_t n = words(st, b, l, 96);
	for (size_t i = 0; i < n; i++) {
		if (!word_is(st, b[i], l[i], big_companies))
			continue;
		if (word_is(st, b[i], l[i], capital_only) &&
		    !(st->orig_upper && st->orig_upper[b[i]]))
			continue;
		if (i + 1 < n && word_is(st, b[i + 1], l[i + 1], product_words))
			continue;
		bool cue = false;
		for (size_t k = i > 3 ? i - 3 : 0; k < i && !cue; k++)
			cue = word_is(st, b[k], l[k], cue_before);
		for (size_t k = i + 1; k < n && k <= i + 3 && !cue; k++)
			cue = word_is(st, b[k], l[k], cue_after);
		if (!cue)
			continue;
		bool negated = false;
		for (size_t k = i > 4 ? i - 4 : 0; k < i && !negated; k++)
			negated = word_is(st, b[k], l[k], negation_before);
		if (negated || has_any(st, authority_negations))
			continue;
		*at = b[i];
		return true;
	}
	return false;
}

/* ---- microservices to fix code quality ---- */

static const char *const quality_words[] = {
	"spaghetti", "messy", "mess", "tangled", "untangle", "big ball of mud", "code quality",
	"maintainability", "maintainable", "clean up", "cleaner", "hard to change",
	"unmaintainable", "technical debt", "tech debt", "coupling", "coupled", NULL};
static const char *const cure_words[] = {
	"solve", "solves", "fix", "fixes", "cure", "clean", "untangle", "get rid", "improve",
	"improves", "so that", "because", "help", "helps", "address", "reduce", "will make",
	"will give", "enforce", "force", NULL};
static const char *const spaghetti_negations[] = {
	"distributed spaghetti", "won't", "will not", "doesn't", "does not", "do not", "don't",
	"cannot", "can't", "not solve", "not fix", "not improve", "never", "rather than",
	"instead of", "red flag", "myth", "by themselves", "by itself", "on their own", NULL};

static bool spaghetti(const struct sentence *st, size_t *at)
{
	const char *m = ag_find_word(st->s, st->len, "microservices", 13);
	if (!m)
		m = ag_find_word(st->s, st->len, "microservice", 12);
	if (!m || !has_any(st, quality_words) || !has_any(st, cure_words) ||
	    has_any(st, spaghetti_negations))
		return false;
	*at = (size_t)(m - st->s);
	return true;
}

/* ---- data migration deferred ---- */

static const char *const later_words[] = {
	"later", "afterwards", "after launch", "after go-live", "after the launch",
	"at some point", "down the road", "eventually", "tbd", "to be decided",
	"figure out", "figure it out", "in a future phase", "next quarter", "another time",
	"once we", "when we get to it", NULL};
static const char *const migration_negations[] = {
	"not later", "must not", "never", "up front", "upfront", "before cutover",
	"before launch", "before the launch", "cannot be deferred", "can't defer",
	"not be deferred", "red flag", "data gravity", NULL};

/* The clause around position `at`: between , ; : ( ) or the sentence ends. */
static struct sentence clause_at(const struct sentence *st, size_t at)
{
	size_t b = at, e = at;
	while (b > 0 && !strchr(",;:()", st->s[b - 1]))
		b--;
	while (e < st->len && !strchr(",;:()", st->s[e]))
		e++;
	struct sentence c = *st;
	c.s = st->s + b;
	c.len = e - b;
	c.orig_upper = st->orig_upper ? st->orig_upper + b : NULL;
	return c;
}

static bool migrate_later(const struct sentence *st, size_t *at)
{
	static const char *const mig[] = {"migrate", "migration", "migrating", "migrated", NULL};
	static const char *const data[] = {"data", "database", "records", "schema", NULL};
	for (size_t k = 0; mig[k]; k++) {
		const char *m = ag_find_word(st->s, st->len, mig[k], strlen(mig[k]));
		if (!m)
			continue;
		/* the deferral must be about the migration: same clause */
		struct sentence c = clause_at(st, (size_t)(m - st->s));
		if (!has_any(&c, data) || !has_any(&c, later_words) ||
		    has_any(st, migration_negations))
			continue;
		*at = (size_t)(m - st->s);
		return true;
	}
	return false;
}

/* ---- scanning documents ---- */

/* Normalise a paragraph into a sentence buffer: lowercase, quotes removed
 * (quoted text is not the author's argument), inline code removed. */
static void emit_sentences(struct ag_ctx *ctx, const char *file, const char *text,
			   const size_t *line_of, const size_t *col_of, size_t n,
			   detector det, const char *what)
{
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		bool end = i == n || ((text[i] == '.' || text[i] == '!' || text[i] == '?' ||
				       text[i] == ';') && (i + 1 == n || text[i + 1] == ' '));
		if (!end)
			continue;
		size_t len = i - start;
		if (len > 3) {
			/* a run-on sentence is read up to its first 2,047 bytes */
			char low[2048];
			bool upper[2048];
			size_t k = 0, stop = len < sizeof(low) ? i : start + sizeof(low) - 1;
			bool quoted = false, single = false, code = false;
			for (size_t j = start; j < stop; j++) {
				unsigned char c = (unsigned char)text[j];
				if (c == '`')
					code = !code;
				else if (c == '"')
					quoted = !quoted;
				else if (j + 2 < stop && !memcmp(text + j, "\xe2\x80\x9c", 3)) /* “ */
					quoted = true;
				else if (j + 2 < stop && !memcmp(text + j, "\xe2\x80\x9d", 3)) /* ” */
					quoted = false;
				else if (j + 2 < stop && !memcmp(text + j, "\xe2\x80\x98", 3)) /* ‘ */
					single = true;
				else if (single && j + 2 < stop && !memcmp(text + j, "\xe2\x80\x99", 3))
					single = false; /* ’ closes ‘ (elsewhere it is an apostrophe) */
				upper[k] = isupper(c) != 0;
				low[k++] = quoted || single || code ? ' ' : (char)tolower(c);
			}
			struct sentence st = {low, k, upper,
					      {file, (int)line_of[start] + 1, (int)col_of[start] + 1},
					      text + start, len};
			size_t at;
			if (det(&st, &at)) {
				struct ag_pos p = {file, (int)line_of[start + at] + 1,
						   (int)col_of[start + at] + 1};
				while (st.orig_len && (*st.orig == ' '))
					st.orig++, st.orig_len--;
				ag_rule_report(ctx, &p, "%s: \"%.*s%s\"", what,
					       (int)(st.orig_len > 120 ? 117 : st.orig_len), st.orig,
					       st.orig_len > 120 ? "..." : "");
			}
		}
		start = i + 1;
	}
}

/* Run a detector over a Markdown document's prose: paragraphs of text
 * lines, outside code, block quotes and tables (tables hold options, and
 * the chosen option's reasons are in the Decision prose). */
/* Trigger words, with their lengths and hashes of their lowercase forms,
 * so a paragraph's words are compared by number, not by string. */
struct needs {
	const char *const *w;
	size_t n;
	size_t len[16];
	uint32_t hash[16];
};

static uint32_t lower_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint32_t)(unsigned char)tolower((unsigned char)s[i])) * 16777619u;
	return h;
}

static void needs_init(struct needs *nd, const char *const *w)
{
	nd->w = w;
	nd->n = 0;
	for (; w[nd->n] && nd->n < 16; nd->n++) {
		nd->len[nd->n] = strlen(w[nd->n]);
		nd->hash[nd->n] = lower_hash(w[nd->n], nd->len[nd->n]);
	}
}

/* Whether a paragraph has one of the trigger words (case-insensitive, whole
 * words): one pass over its words, so paragraphs that cannot match are never
 * split into sentences. */
static bool para_needs(const char *p, size_t n, const struct needs *nd)
{
	for (size_t i = 0; i < n;) {
		if (!isalnum((unsigned char)p[i])) {
			i++;
			continue;
		}
		size_t b = i;
		uint32_t h = 2166136261u;
		while (i < n && isalnum((unsigned char)p[i]))
			h = (h ^ (uint32_t)(unsigned char)tolower((unsigned char)p[i++])) * 16777619u;
		for (size_t k = 0; k < nd->n; k++)
			if (nd->hash[k] == h && nd->len[k] == i - b &&
			    !strncasecmp(p + b, nd->w[k], i - b))
				return true;
	}
	return false;
}

static void flush(struct ag_ctx *ctx, const char *file, struct ag_buf *para,
		  const size_t *line_of, const size_t *col_of, detector det, const char *what,
		  const struct needs *needs)
{
	if (para->len && para_needs(para->data, para->len, needs))
		emit_sentences(ctx, file, para->data, line_of, col_of, para->len, det, what);
	ag_buf_reset(para);
}

/* Run a detector over a Markdown document's prose: paragraphs of text
 * lines, outside code, block quotes and tables (tables hold options, and
 * the chosen option's reasons are in the Decision prose); headings are
 * paragraphs of their own. */
static void scan_md(struct ag_ctx *ctx, const char *file, const char *text,
		    const struct ag_md *md, detector det, const char *what,
		    const struct needs *needs)
{
	struct ag_buf para = AG_BUF_INIT;
	size_t *line_of = NULL, *col_of = NULL, cap = 0;
	for (size_t i = 0; i <= md->n && !ctx->err; i++) {
		const struct ag_md_line *l = i < md->n ? &md->lines[i] : NULL;
		bool heading = l && l->kind == AG_MD_HEADING;
		bool prose = l && (l->kind == AG_MD_TEXT || heading) && l->text.s[0] != '>';
		if (!prose || heading) {
			flush(ctx, file, &para, line_of, col_of, det, what, needs);
			if (!prose)
				continue;
		}
		size_t need = para.len + l->text.len + 1;
		if (need > cap) {
			cap = need * 2;
			size_t *a = realloc(line_of, cap * sizeof(*a));
			size_t *b = a ? realloc(col_of, cap * sizeof(*b)) : NULL;
			if (a)
				line_of = a;
			if (!a || !b) {
				ctx->err = AG_ENOMEM;
				break;
			}
			col_of = b;
		}
		size_t c0 = (size_t)(l->text.s - (text + l->off));
		for (size_t k = 0; k <= l->text.len; k++) {
			line_of[para.len + k] = i;
			col_of[para.len + k] = c0 + k;
		}
		if (ag_buf_add(&para, l->text.s, l->text.len) ||
		    ag_buf_addc(&para, heading ? '.' : ' ')) {
			ctx->err = AG_ENOMEM;
			break;
		}
		if (heading)
			flush(ctx, file, &para, line_of, col_of, det, what, needs);
	}
	ag_buf_release(&para);
	free(line_of);
	free(col_of);
}

/* Scan the prose of live records; `needs` (a NULL-terminated list of words)
 * skips, through the token index, records that contain none of them. */
static void scan_records(struct ag_ctx *ctx, detector det, const char *what,
			 const char *const *needs)
{
	const struct ag_model *m = ctx->model;
	struct needs nd;
	needs_init(&nd, needs);
	for (size_t i = 0; i < m->adrs.n; i++) {
		const struct ag_adr *a = &m->adrs.v[i];
		if (a->status == AG_ADR_REJECTED || a->status == AG_ADR_SUPERSEDED ||
		    a->status == AG_ADR_DEPRECATED)
			continue;
		bool any = false;
		for (size_t k = 0; needs[k] && !any; k++)
			any = ag_adr_has_token(a, needs[k], strlen(needs[k]));
		if (any)
			scan_md(ctx, a->file, a->text, &a->md, det, what, &nd);
	}
	for (size_t i = 0; i < m->rfcs.n; i++) {
		const struct ag_rfc *r = &m->rfcs.v[i];
		if (r->status == AG_RFC_REJECTED || r->status == AG_RFC_WITHDRAWN)
			continue;
		scan_md(ctx, r->file, r->text, &r->md, det, what, &nd);
	}
}

/* Free text of the model that carries arguments: debt plans and titles. */
static void scan_model_text(struct ag_ctx *ctx, detector det, const char *what)
{
	const struct ag_debt *d = ctx->model->sys.debt.v;
	for (size_t i = 0; i < ctx->model->sys.debt.n; i++) {
		const struct ag_scalar *fields[] = {&d[i].plan, &d[i].title};
		for (size_t f = 0; f < 2; f++) {
			const struct ag_scalar *sc = fields[f];
			if (!sc->set)
				continue;
			size_t *lo = calloc(sc->len + 1, sizeof(*lo)), *co = calloc(sc->len + 1, sizeof(*co));
			if (!lo || !co) {
				free(lo);
				free(co);
				ctx->err = AG_ENOMEM;
				return;
			}
			for (size_t k = 0; k <= sc->len; k++) {
				lo[k] = (size_t)sc->pos.line - 1;
				co[k] = (size_t)sc->pos.col - 1;
			}
			emit_sentences(ctx, sc->pos.file, sc->s, lo, co, sc->len, det, what);
			free(lo);
			free(co);
		}
	}
}

static void check_authority(struct ag_ctx *ctx)
{
	static const char *const needs[] = {"google", "netflix", "amazon", "facebook", "uber",
					    "spotify", "microsoft", "apple", "twitter", "linkedin",
					    "airbnb", "faang", "maang", "meta", NULL};
	scan_records(ctx, authority, "argues from a big company's authority", needs);
}

const struct ag_rule ag_rule_authority = {
	"authority-appeal", "1", AG_SEV_ERROR, true,
	"Decisions are argued from our constraints, not from a big company's",
	"Red flag: \"Let's use Kubernetes because Google uses it.\" (You are not "
	"Google.) A company with a thousand times our traffic, staff and budget "
	"made its choice under constraints we do not have. \"These constraints "
	"dictate the tech stack, not your personal preference\" — nor theirs.",
	"Rewrite the argument from the stated constraints (users, latency, "
	"compliance, team size). If the sentence only mentions the company, say "
	"so plainly, or waive the finding with the reason.",
	check_authority};

static void check_spaghetti(struct ag_ctx *ctx)
{
	static const char *const needs[] = {"microservices", "microservice", NULL};
	scan_records(ctx, spaghetti, "proposes microservices to fix code quality", needs);
}

const struct ag_rule ag_rule_spaghetti = {
	"microservices-for-spaghetti", "1", AG_SEV_ERROR, true,
	"Microservices are not proposed as the cure for messy code",
	"Red flag: \"Microservices will solve our spaghetti code.\" (Now you have "
	"distributed spaghetti.) Network boundaries do not untangle a design; they "
	"freeze the tangle in place and add latency, partial failure and "
	"versioning to it.",
	"Untangle the code first (a modular monolith with enforced module "
	"boundaries), and argue for services only from scaling or team "
	"constraints.",
	check_spaghetti};

static void check_migrate_later(struct ag_ctx *ctx)
{
	static const char *const needs[] = {"migrate", "migration", "migrating", "migrated", NULL};
	scan_records(ctx, migrate_later, "defers the data migration", needs);
	scan_model_text(ctx, migrate_later, "defers the data migration");
}

const struct ag_rule ag_rule_migrate_later = {
	"data-migration-deferred", "1", AG_SEV_ERROR, true,
	"The data migration is planned, not deferred",
	"Red flag: \"We'll figure out how to migrate the data later.\" (Data "
	"gravity is real.) The data decides what the new system can be; a design "
	"that has not planned its migration has not met its hardest constraint.",
	"Plan the migration now: which store owns each entity during and after the "
	"move, how it is backfilled and verified, and how to roll back.",
	check_migrate_later};

/* ---- Kubernetes below the stated scale ---- */

static const char *const k8s_words[] = {"kubernetes", "k8s", "eks", "gke", "aks", "openshift",
					"k3s", NULL};

static void check_kubernetes(struct ag_ctx *ctx)
{
	const struct ag_model *m = ctx->model;
	const struct ag_scalar *users = &m->sys.constraints.users;
	long long min = m->policy.thresholds.kubernetes_min_users.set
				? m->policy.thresholds.kubernetes_min_users.i : 1000000;
	if (!users->set || users->i >= min)
		return;
	const struct ag_container *c = m->sys.boundaries.containers.v;
	for (size_t i = 0; i < m->sys.boundaries.containers.n; i++) {
		const struct ag_scalar *t = c[i].tech.v;
		for (size_t k = 0; k < c[i].tech.n; k++) {
			bool k8s = false;
			for (size_t w = 0; k8s_words[w] && !k8s; w++)
				k8s = ag_find_word(t[k].s, t[k].len, k8s_words[w], strlen(k8s_words[w]));
			if (k8s)
				ag_rule_report(ctx, &t[k].pos, "'%s' runs on %s, but the system serves "
					       "%lld users (below %lld)", c[i].id.s, t[k].s, users->i, min);
		}
	}
	const struct ag_adr *a = NULL;
	for (size_t w = 0; k8s_words[w] && !a; w++)
		a = ag_accepted_adr_naming(m, k8s_words[w], strlen(k8s_words[w]));
	if (a)
		ag_rule_report(ctx, &a->title_pos, "'%s' decides on Kubernetes, but the system "
			       "serves %lld users (below %lld)", a->title, users->i, min);
}

const struct ag_rule ag_rule_kubernetes = {
	"kubernetes-scale", "1", AG_SEV_ERROR, true,
	"No Kubernetes below the scale that needs it",
	"Red flag: \"Let's use Kubernetes because Google uses it.\" (You are not "
	"Google.) Kubernetes pays off with many services, teams and machines; "
	"below that it is a second product to operate. The threshold is "
	"thresholds.kubernetes_min_users (default 1,000,000).",
	"Run on a managed container service (Cloud Run, ECS/Fargate, Fly.io) or a "
	"PaaS until the stated scale needs an orchestrator; or waive with a reason "
	"that comes from the constraints.",
	check_kubernetes};

/* ---- technology nobody wrote down ---- */

struct alias {
	const char *a, *b;
};
static const struct alias aliases[] = {
	{"postgres", "postgresql"}, {"pg", "postgresql"}, {"k8s", "kubernetes"},
	{"js", "javascript"}, {"ts", "typescript"}, {"mongo", "mongodb"},
	{"node", "node.js"}, {"nodejs", "node.js"}, {"es", "elasticsearch"},
	{"sqs", "amazon sqs"}, {"s3", "amazon s3"}, {"dotnet", ".net"}, {"c#", ".net"},
	{"tf", "terraform"}, {"gcp", "google cloud"}, {"aws", "amazon web services"},
};

/* "Go" is also a verb: the language counts only as "Go" or "golang". */
static bool mentions_go(const struct ag_adr *a)
{
	if (ag_adr_mentions(a, "golang", 6))
		return true;
	for (const char *p = a->text; (p = strstr(p, "Go")) != NULL; p += 2) {
		bool left = p == a->text || !isalnum((unsigned char)p[-1]);
		bool right = !isalnum((unsigned char)p[2]);
		if (left && right)
			return true;
	}
	return false;
}

static bool documented(const struct ag_model *m, const char *tech, size_t n)
{
	bool go = n == 2 && !strncasecmp(tech, "go", 2);
	for (size_t i = 0; i < m->adrs.n; i++) {
		const struct ag_adr *a = &m->adrs.v[i];
		if (a->status == AG_ADR_REJECTED)
			continue;
		if (go ? mentions_go(a) : ag_adr_mentions(a, tech, n))
			return true;
		for (size_t k = 0; k < sizeof(aliases) / sizeof(aliases[0]); k++) {
			const char *other = NULL;
			if (strlen(aliases[k].a) == n && !strncasecmp(aliases[k].a, tech, n))
				other = aliases[k].b;
			else if (strlen(aliases[k].b) == n && !strncasecmp(aliases[k].b, tech, n))
				other = aliases[k].a;
			if (other && ag_adr_mentions(a, other, strlen(other)))
				return true;
		}
	}
	return false;
}

static void check_undocumented(struct ag_ctx *ctx)
{
	const struct ag_model *m = ctx->model;
	const struct ag_container *c = m->sys.boundaries.containers.v;
	for (size_t i = 0; i < m->sys.boundaries.containers.n; i++) {
		/* a draft init discovered is not the team's model yet (it is a
		 * discovered-draft finding): its tech is judged once confirmed */
		if (c[i].discovered.set)
			continue;
		const struct ag_scalar *t = c[i].tech.v;
		for (size_t k = 0; k < c[i].tech.n; k++) {
			/* report each technology once, at its first use */
			bool seen = false;
			for (size_t pi = 0; pi <= i && !seen; pi++) {
				const struct ag_scalar *pt = c[pi].tech.v;
				size_t lim = pi == i ? k : c[pi].discovered.set ? 0 : c[pi].tech.n;
				for (size_t pk = 0; pk < lim && !seen; pk++)
					seen = !strcasecmp(pt[pk].s, t[k].s);
			}
			if (!seen && !documented(m, t[k].s, t[k].len))
				ag_rule_report(ctx, &t[k].pos, "'%s' is in use ('%s') but no decision "
					       "record mentions it", t[k].s, c[i].id.s);
		}
	}
}

const struct ag_rule ag_rule_undocumented = {
	"undocumented-technology", "1", AG_SEV_ERROR, true,
	"Every technology in the model is named by a decision record",
	"Red flag: \"I don't need to write this down, it's in my head.\" (Bus "
	"factor risk.) A technology nobody recorded a reason for is kept forever "
	"by fear or removed by accident.",
	"Write the ADR that chose it (`archgate adr new \"Use <technology> for "
	"...\"`), or name it in the existing record that covers it.",
	check_undocumented};
