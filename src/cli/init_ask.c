/*
 * init_ask.c - `archgate init`'s guided Phase 1 on a terminal: the seed's
 * questions in its order (scale, latency, compliance, availability, buy vs
 * build per capability, monolith or microservices), what discovery found
 * shown beside them, a way back ('<'), an explanation ('?'), and a summary
 * before anything is written. Plain line prompts: they work over ssh, in
 * tmux and in a dumb terminal. Only called on a terminal; off one (CI),
 * init takes flags and defaults and never asks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "cli.h"
#include "init_ask.h"

enum { Q_USERS, Q_LATENCY, Q_COMPLIANCE, Q_AVAILABILITY, Q_CAPABILITIES, Q_STYLE, Q_COUNT };

struct ask {
	FILE *in, *out;
	struct ag_arena *arena;
	struct ag_phase1 *a;
	const struct ag_discovery *x;
};

enum reply { R_ANSWER, R_DEFAULT, R_BACK, R_HELP, R_EOF };

/* One line from the user, trimmed, in buf. */
static enum reply ask_line(struct ask *k, const char *prompt, const char *dflt, char *buf,
			   size_t cap)
{
	fprintf(k->out, "%s%s%s%s: ", prompt, dflt ? " [" : "", dflt ? dflt : "", dflt ? "]" : "");
	fflush(k->out);
	if (!fgets(buf, (int)cap, k->in))
		return R_EOF;
	size_t n = strlen(buf);
	if (n && buf[n - 1] != '\n' && !feof(k->in)) { /* too long: drop the rest */
		int ch;
		while ((ch = fgetc(k->in)) != EOF && ch != '\n')
			;
	}
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' ' ||
		     buf[n - 1] == '\t'))
		buf[--n] = '\0';
	size_t s = strspn(buf, " \t");
	memmove(buf, buf + s, n - s + 1);
	/* a name or value must be text people can read back */
	for (char *p = buf; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	if (!strcmp(buf, "<"))
		return R_BACK;
	if (!strcmp(buf, "?"))
		return R_HELP;
	return *buf ? R_ANSWER : R_DEFAULT;
}

/* A copy in the answers' arena; "" when it is full (answers are short). */
static const char *keep(struct ask *k, const char *s)
{
	const char *c = ag_arena_strdup(k->arena, s);
	return c ? c : "";
}

static bool yes(const char *s)
{
	return !strcasecmp(s, "y") || !strcasecmp(s, "yes") || !strcasecmp(s, "true");
}

static bool no(const char *s)
{
	return !strcasecmp(s, "n") || !strcasecmp(s, "no") || !strcasecmp(s, "false");
}

static const char *const help[Q_COUNT] = {
	"\"1k users or 10M users?\" The scale decides the stack: a single Postgres "
	"serves the first; the second needs sharding, queues and caches.",
	"\"Real-time (Gaming) or Batch (Reporting)?\" realtime: milliseconds "
	"matter (games, trading); interactive: a person waits; batch: reports "
	"and jobs. A class needs a number: the p99 in milliseconds.",
	"\"HIPAA, GDPR, PCI-DSS?\" Each one constrains where data lives and who "
	"may touch it. 'none' is an answer too: it states that none apply.",
	"The availability target in percent: 99.9 allows 43.2 minutes of "
	"downtime in 30 days, 99.99 allows 4.3 minutes.",
	"\"Should we build a Chat system or use Stream.io? Should we build Auth or "
	"use Auth0?\" List what the system needs; build only the core "
	"differentiator, buy everything else.",
	"\"Monolith or Microservices? (Hint: Start with Monolith).\" Microservices "
	"trade code complexity for operational complexity; they need the teams "
	"to run them.",
};

/* Each returns R_ANSWER/R_DEFAULT when done, R_BACK or R_EOF. */

static enum reply q_users(struct ask *k)
{
	char buf[256];
	for (;;) {
		char d[32];
		ag_snprintf(d, sizeof(d), "%lld", k->a->users ? k->a->users : 10000);
		enum reply r = ask_line(k, "How many users must the system serve? (1k users or 10M "
					"users?)", d, buf, sizeof(buf));
		if (r == R_HELP) {
			fprintf(k->out, "  %s\n", help[Q_USERS]);
			continue;
		}
		if (r == R_DEFAULT) {
			k->a->users = k->a->users ? k->a->users : 10000;
			return r;
		}
		if (r != R_ANSWER)
			return r;
		char *end;
		/* 10k, 2.5M, 10_000_000 */
		char clean[256];
		size_t n = 0;
		for (const char *p = buf; *p && n + 1 < sizeof(clean); p++)
			if (*p != '_' && *p != ',')
				clean[n++] = *p;
		clean[n] = '\0';
		double v = strtod(clean, &end);
		if (*end == 'k' || *end == 'K')
			v *= 1e3, end++;
		else if (*end == 'm' || *end == 'M')
			v *= 1e6, end++;
		else if (*end == 'b' || *end == 'B')
			v *= 1e9, end++;
		if (end != clean && !*end && v >= 1 && v <= 1e12) {
			k->a->users = (long long)v;
			return R_ANSWER;
		}
		fprintf(k->out, "  a number of users, like 5000, 10k or 10M\n");
	}
}

static enum reply q_latency(struct ask *k)
{
	static const char *const classes[] = {"realtime", "interactive", "batch", NULL};
	char buf[256];
	for (;;) {
		enum reply r = ask_line(k, "Latency: realtime (gaming, trading), interactive (a "
					"person waits) or batch (reporting)?",
					k->a->latency ? k->a->latency : "interactive", buf,
					sizeof(buf));
		if (r == R_HELP) {
			fprintf(k->out, "  %s\n", help[Q_LATENCY]);
			continue;
		}
		if (r == R_BACK || r == R_EOF)
			return r;
		const char *c = NULL;
		if (r == R_DEFAULT)
			c = k->a->latency ? k->a->latency : "interactive";
		for (size_t i = 0; classes[i] && !c; i++)
			if (!strncasecmp(buf, classes[i], strlen(buf)))
				c = classes[i];
		if (!c) {
			fprintf(k->out, "  realtime, interactive or batch\n");
			continue;
		}
		k->a->latency = c;
		if (!strcmp(c, "batch"))
			return R_ANSWER;
		for (;;) {
			char d[32];
			ag_snprintf(d, sizeof(d), "%lld",
				    k->a->p99_ms ? k->a->p99_ms : !strcmp(c, "realtime") ? 50 : 300);
			r = ask_line(k, "  and the p99 target, in milliseconds?", d, buf, sizeof(buf));
			if (r == R_HELP) {
				fprintf(k->out, "  %s\n", help[Q_LATENCY]);
				continue;
			}
			if (r == R_BACK)
				break; /* back to the class */
			if (r == R_EOF)
				return r;
			char *end;
			long long v = strtoll(r == R_DEFAULT ? d : buf, &end, 10);
			if (r == R_ANSWER && (*end || v <= 0 || v > 3600000)) {
				fprintf(k->out, "  a number of milliseconds, like 300\n");
				continue;
			}
			k->a->p99_ms = v;
			return R_ANSWER;
		}
	}
}

static enum reply q_compliance(struct ask *k)
{
	char buf[1024];
	for (;;) {
		enum reply r = ask_line(k, "Compliance: which regimes apply? HIPAA, GDPR, PCI-DSS, "
					"... (comma-separated, or none)", "none", buf, sizeof(buf));
		if (r == R_HELP) {
			fprintf(k->out, "  %s\n", help[Q_COMPLIANCE]);
			continue;
		}
		if (r == R_BACK || r == R_EOF)
			return r;
		k->a->compliance_set = true;
		k->a->ncompliance = 0;
		if (r == R_DEFAULT || !strcasecmp(buf, "none"))
			return R_ANSWER;
		for (char *s = buf; *s;) {
			char *e = strchr(s, ',');
			if (e)
				*e = '\0';
			s += strspn(s, " \t");
			size_t n = strlen(s);
			while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
				s[--n] = '\0';
			if (n && k->a->ncompliance < AG_PHASE1_MAX_COMPLIANCE)
				k->a->compliance[k->a->ncompliance++] = keep(k, s);
			if (!e)
				break;
			s = e + 1;
		}
		return R_ANSWER;
	}
}

static enum reply q_availability(struct ask *k)
{
	char buf[256];
	for (;;) {
		enum reply r = ask_line(k, "Availability target, in percent? (99.9 allows 43.2 "
					"minutes of downtime in 30 days)", "99.9", buf, sizeof(buf));
		if (r == R_HELP) {
			fprintf(k->out, "  %s\n", help[Q_AVAILABILITY]);
			continue;
		}
		if (r == R_BACK || r == R_EOF)
			return r;
		char *end;
		double v = r == R_DEFAULT ? 99.9 : strtod(buf, &end);
		if (r == R_ANSWER && (*end && strcmp(end, "%")))
			v = -1;
		if (v > 0 && v < 100) {
			k->a->availability = v;
			return R_ANSWER;
		}
		fprintf(k->out, "  a percentage below 100, like 99.9\n");
	}
}

static enum reply q_capabilities(struct ask *k)
{
	char buf[512];
	fprintf(k->out, "Buy vs build: the capabilities the system needs. \"Should we build a "
			"Chat system or use Stream.io?\n  Should we build Auth or use Auth0?\" "
			"Only build your core differentiator.\n");
	k->a->ncap = 0;
	while (k->a->ncap < AG_PHASE1_MAX_CAPS) {
		enum reply r = ask_line(k, "  capability (Enter when done)", NULL, buf, sizeof(buf));
		if (r == R_HELP) {
			fprintf(k->out, "  %s\n", help[Q_CAPABILITIES]);
			continue;
		}
		if (r == R_BACK || r == R_EOF)
			return r;
		if (r == R_DEFAULT)
			return R_ANSWER;
		size_t i = k->a->ncap;
		k->a->cap[i].name = keep(k, buf);
		r = ask_line(k, "    is it the core differentiator? (y/n)", "n", buf, sizeof(buf));
		if (r == R_EOF)
			return r;
		if (r == R_BACK)
			continue; /* ask for the capability again */
		k->a->cap[i].core = r == R_ANSWER && yes(buf);
		const char *d = k->a->cap[i].core ? "build" : "buy";
		do
			r = ask_line(k, "    buy or build?", d, buf, sizeof(buf));
		while (r == R_ANSWER && strcasecmp(buf, "buy") && strcasecmp(buf, "build"));
		if (r == R_EOF)
			return r;
		if (r == R_BACK)
			continue;
		k->a->cap[i].buy = r == R_DEFAULT ? !k->a->cap[i].core : !strcasecmp(buf, "buy");
		k->a->cap[i].vendor = NULL;
		if (k->a->cap[i].buy) {
			r = ask_line(k, "    from which vendor? (Auth0, Stream.io, Stripe, ...)", NULL,
				     buf, sizeof(buf));
			if (r == R_EOF)
				return r;
			if (r == R_ANSWER)
				k->a->cap[i].vendor = keep(k, buf);
		}
		k->a->ncap++;
	}
	return R_ANSWER;
}

static enum reply q_style(struct ask *k)
{
	static const char *const styles[] = {"monolith", "modular-monolith", "microservices",
					     "serverless", NULL};
	size_t services = 0;
	for (size_t i = 0; k->x && i < k->x->nc; i++)
		services += !strcmp(k->x->c[i].kind, "service") || !strcmp(k->x->c[i].kind, "worker");
	char prompt[256], buf[256];
	ag_snprintf(prompt, sizeof(prompt),
		    "Monolith or microservices? (Hint: Start with Monolith.)%s%zu%s",
		    services ? " Discovery found " : "", services,
		    services == 1 ? " service" : services ? " services" : "");
	if (!services) /* "...Monolith.)" without a count */
		prompt[strlen(prompt) - 1] = '\0';
	for (;;) {
		enum reply r = ask_line(k, prompt, k->a->style ? k->a->style : "monolith", buf,
					sizeof(buf));
		if (r == R_HELP) {
			fprintf(k->out, "  %s\n", help[Q_STYLE]);
			continue;
		}
		if (r == R_BACK || r == R_EOF)
			return r;
		const char *s = r == R_DEFAULT ? (k->a->style ? k->a->style : "monolith") : NULL;
		for (size_t i = 0; styles[i] && !s; i++)
			if (!strcasecmp(buf, styles[i]))
				s = styles[i];
		if (!s) {
			fprintf(k->out, "  monolith, modular-monolith, microservices or serverless\n");
			continue;
		}
		k->a->style = s;
		return R_ANSWER;
	}
}

static void summary(struct ask *k)
{
	const struct ag_phase1 *a = k->a;
	fprintf(k->out, "\nSummary (written to arch/system.yaml):\n");
	fprintf(k->out, "  users:        %lld\n", a->users);
	fprintf(k->out, "  latency:      %s", a->latency);
	if (a->p99_ms && strcmp(a->latency, "batch"))
		fprintf(k->out, ", p99 %lld ms", a->p99_ms);
	fprintf(k->out, "\n  compliance:   ");
	for (size_t i = 0; i < a->ncompliance; i++)
		fprintf(k->out, "%s%s", i ? ", " : "", a->compliance[i]);
	fprintf(k->out, "%s\n", a->ncompliance ? "" : "none");
	fprintf(k->out, "  availability: %g%%\n", a->availability);
	fprintf(k->out, "  capabilities: %s\n", a->ncap ? "" : "none listed");
	for (size_t i = 0; i < a->ncap; i++)
		fprintf(k->out, "    %s: %s%s%s%s\n", a->cap[i].name, a->cap[i].core ? "core, " : "",
			a->cap[i].buy ? "buy" : "build", a->cap[i].vendor ? " from " : "",
			a->cap[i].vendor ? a->cap[i].vendor : "");
	fprintf(k->out, "  style:        %s\n", a->style);
	if (k->x && k->x->nc)
		fprintf(k->out, "  and %zu discovered container%s, as drafts to confirm\n", k->x->nc,
			k->x->nc == 1 ? "" : "s");
}

int init_ask(struct ag_phase1 *a, struct ag_arena *arena, const struct ag_discovery *x,
	     FILE *in, FILE *out)
{
	struct ask k = {in, out, arena, a, x};
	enum reply (*const q[Q_COUNT])(struct ask *) = {q_users, q_latency, q_compliance,
						       q_availability, q_capabilities, q_style};
	fprintf(out, "Phase 1, Constraints & Trade-offs: \"BEFORE designing the system\".\n"
		     "Enter takes the [default]; '<' goes back a question, '?' explains it, "
		     "Ctrl-D stops without writing.\n\n");
	for (int i = 0; i < Q_COUNT;) {
		fprintf(out, "%d/%d ", i + 1, Q_COUNT);
		enum reply r = q[i](&k);
		if (r == R_EOF) {
			fprintf(out, "\nstopped: nothing written\n");
			return 1;
		}
		i = r == R_BACK ? (i ? i - 1 : 0) : i + 1;
	}
	for (;;) {
		summary(&k);
		char buf[64];
		enum reply r = ask_line(&k, "\nWrite it? (y: write, n: stop, <: back to the questions)",
					"y", buf, sizeof(buf));
		if (r == R_EOF || (r == R_ANSWER && no(buf))) {
			fprintf(out, "stopped: nothing written\n");
			return 1;
		}
		if (r == R_BACK)
			return init_ask(a, arena, x, in, out); /* from the start, answers as defaults */
		if (r == R_DEFAULT || yes(buf))
			return 0;
	}
}
