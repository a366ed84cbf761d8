/*
 * probe.c - the requests of probe.h and what their answers are checked
 * against. Every request goes through net/http.h, so the loopback rule,
 * the deadlines and the body cap are the client's, not repeated here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api_status.h"
#include "base/arena.h"
#include "base/buf.h"
#include "net/http.h"
#include "probe.h"
#include "yaml/yaml_tree.h"

static bool lhex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

static bool all_lhex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!lhex(s[i]))
			return false;
	return true;
}

static bool all_zero(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != '0')
			return false;
	return true;
}

int ag_traceparent_check(const char *v, char *why, size_t whylen, char trace_id[33])
{
	size_t n = strlen(v);
	if (n < 55) {
		ag_snprintf(why, whylen, "is %zu characters; a traceparent is "
			    "VERSION-TRACEID-PARENTID-FLAGS, 55 characters for version 00", n);
		return -1;
	}
	if (!all_lhex(v, 2) || v[2] != '-') {
		ag_snprintf(why, whylen, "does not start with a version of two lowercase hex digits");
		return -1;
	}
	if (!memcmp(v, "ff", 2)) {
		ag_snprintf(why, whylen, "has version ff, which is invalid");
		return -1;
	}
	if (!all_lhex(v + 3, 32) || v[35] != '-') {
		ag_snprintf(why, whylen, "has no trace-id of 32 lowercase hex digits");
		return -1;
	}
	if (all_zero(v + 3, 32)) {
		ag_snprintf(why, whylen, "has the all-zero trace-id, which is invalid");
		return -1;
	}
	if (!all_lhex(v + 36, 16) || v[52] != '-') {
		ag_snprintf(why, whylen, "has no parent-id of 16 lowercase hex digits");
		return -1;
	}
	if (all_zero(v + 36, 16)) {
		ag_snprintf(why, whylen, "has the all-zero parent-id, which is invalid");
		return -1;
	}
	if (!all_lhex(v + 53, 2)) {
		ag_snprintf(why, whylen, "has no trace-flags of two lowercase hex digits");
		return -1;
	}
	if (!memcmp(v, "00", 2) && n != 55) {
		ag_snprintf(why, whylen, "has text after the flags; version 00 is exactly 55 "
			    "characters");
		return -1;
	}
	if (n > 55 && v[55] != '-') {
		ag_snprintf(why, whylen, "has no '-' after the flags before further fields");
		return -1;
	}
	if (trace_id) {
		memcpy(trace_id, v + 3, 32);
		trace_id[32] = '\0';
	}
	return 0;
}

static bool lcalpha(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool key_char(char c)
{
	return lcalpha(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '*' || c == '/';
}

int ag_tracestate_check(const char *v, char *why, size_t whylen)
{
	const char *keys[32];
	size_t klen[32];
	size_t members = 0;
	const char *p = v;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		const char *m = p;
		while (*p && *p != ',')
			p++;
		const char *e = p;
		while (e > m && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e > m) {
			if (members >= 32) {
				ag_snprintf(why, whylen, "has more than 32 list members");
				return -1;
			}
			const char *eq = memchr(m, '=', (size_t)(e - m));
			if (!eq) {
				ag_snprintf(why, whylen, "has a member without '=': '%.*s'",
					    (int)((size_t)(e - m) > 40 ? 40 : (size_t)(e - m)), m);
				return -1;
			}
			size_t kl = (size_t)(eq - m);
			const char *at = memchr(m, '@', kl);
			bool ok = kl > 0 && kl <= 256;
			if (ok && at) {
				size_t tl = (size_t)(at - m), sl = kl - tl - 1;
				ok = tl >= 1 && tl <= 241 && sl >= 1 && sl <= 14 &&
				     (lcalpha(m[0]) || (m[0] >= '0' && m[0] <= '9')) && lcalpha(at[1]);
				for (size_t i = 0; ok && i < kl; i++)
					ok = m + i == at || key_char(m[i]);
			} else if (ok) {
				ok = lcalpha(m[0]);
				for (size_t i = 1; ok && i < kl; i++)
					ok = key_char(m[i]);
			}
			if (!ok) {
				ag_snprintf(why, whylen, "has an invalid key '%.*s' (lowercase letters, "
					    "digits, _-*/ and one @)", (int)(kl > 40 ? 40 : kl), m);
				return -1;
			}
			size_t vl = (size_t)(e - eq - 1);
			ok = vl >= 1 && vl <= 256;
			for (size_t i = 0; ok && i < vl; i++) {
				unsigned char c = (unsigned char)eq[1 + i];
				ok = c >= 0x20 && c <= 0x7e && c != ',' && c != '=';
			}
			if (!ok) {
				ag_snprintf(why, whylen, "has an invalid value for '%.*s' (1 to 256 "
					    "printable characters, no ',' or '=')", (int)(kl > 40 ? 40 : kl),
					    m);
				return -1;
			}
			for (size_t i = 0; i < members; i++)
				if (klen[i] == kl && !memcmp(keys[i], m, kl)) {
					ag_snprintf(why, whylen, "has the key '%.*s' twice",
						    (int)(kl > 40 ? 40 : kl), m);
					return -1;
				}
			keys[members] = m;
			klen[members] = kl;
			members++;
		}
		if (!*p)
			break;
		p++;
	}
	return 0;
}

/* ---- the requests ------------------------------------------------------------------- */

static unsigned long long fnv(const char *s, unsigned long long h)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* Where the path of an http(s) URL starts (its '/', or the end). */
static const char *path_of(const char *url)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	while (*p && *p != '/' && *p != '?' && *p != '#')
		p++;
	return p;
}

static bool path_ends_metrics(const char *url)
{
	const char *p = path_of(url);
	size_t n = strcspn(p, "?#");
	while (n > 1 && p[n - 1] == '/')
		n--;
	return n >= 8 && !memcmp(p + n - 8, "/metrics", 8);
}

static bool media_is(const char *m, const char *want)
{
	return !strcmp(m, want);
}

static void check_status(struct ag_probe_target *t, long status, const char *what, int *err)
{
	const char *reason = NULL;
	enum ag_http_status_kind k = ag_http_status((int)status, &reason);
	if (k == AG_HTTP_UNREGISTERED || k == AG_HTTP_UNUSED)
		*err |= ag_probe_add(&t->f, "probe-status", AG_SEV_ERROR, 0, 0,
				     "%s answered %ld, which is not a registered HTTP status code",
				     what, status);
}

/* An error answer: RFC 9457 application/problem+json with a status that
 * agrees. */
static void check_problem(struct ag_probe_target *t, const struct ag_http_resp *rs,
			  const char *what, int *err)
{
	char media[128];
	ag_http_media_type(rs, media, sizeof(media));
	if (!media_is(media, "application/problem+json")) {
		*err |= ag_probe_add(&t->f, "probe-problem-json", AG_SEV_ERROR, 0, 0,
				     "%s answered %ld with '%s', not application/problem+json "
				     "(RFC 9457)", what, rs->status, *media ? media : "no body type");
		return;
	}
	struct ag_arena a;
	ag_arena_init(&a, 0);
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_ynode *root = NULL;
	const char *body = rs->body.data ? rs->body.data : "";
	if (ag_yaml_parse(&a, "body", body, rs->body.len, &root, &d) || !root ||
	    root->kind != AG_Y_MAP || body[strspn(body, " \t\r\n")] != '{') {
		*err |= ag_probe_add(&t->f, "probe-problem-json", AG_SEV_ERROR, 0, 0,
				     "%s answered %ld with an application/problem+json body that is "
				     "not a JSON object", what, rs->status);
	} else {
		const struct ag_ynode *st = ag_yaml_get(root, "status");
		const struct ag_ynode *title = ag_yaml_get(root, "title");
		const struct ag_ynode *type = ag_yaml_get(root, "type");
		long long sv;
		if (st && (ag_yaml_int(st, &sv) || sv != rs->status))
			*err |= ag_probe_add(&t->f, "probe-problem-json", AG_SEV_ERROR, 0, 0,
					     "%s answered %ld but the problem's status is %s", what,
					     rs->status, st->kind == AG_Y_SCALAR ? st->str : "not a number");
		if (!title && !type)
			*err |= ag_probe_add(&t->f, "probe-problem-json", AG_SEV_WARNING, 0, 0,
					     "%s answered %ld with a problem that has neither type nor "
					     "title; say what went wrong", what, rs->status);
	}
	ag_diags_release(&d);
	ag_arena_release(&a);
}

static void check_trace(struct ag_probe_target *t, const struct ag_http_resp *rs, const char *sent,
			int *err)
{
	const char *tr = ag_http_header(rs, "traceresponse");
	const char *tp = ag_http_header(rs, "traceparent");
	char why[256], id[33];
	if (tp && ag_traceparent_check(tp, why, sizeof(why), NULL))
		*err |= ag_probe_add(&t->f, "probe-trace", AG_SEV_ERROR, 0, 0,
				     "the traceparent header of the answer %s", why);
	const char *ts = ag_http_header(rs, "tracestate");
	if (ts && ag_tracestate_check(ts, why, sizeof(why)))
		*err |= ag_probe_add(&t->f, "probe-trace", AG_SEV_ERROR, 0, 0,
				     "the tracestate header of the answer %s", why);
	if (!tr) {
		*err |= ag_probe_add(&t->f, "probe-trace", AG_SEV_WARNING, 0, 0,
				     "no traceresponse header: nothing says the service joined "
				     "the trace of the traceparent it was sent (W3C Trace Context "
				     "Level 2)");
		return;
	}
	if (ag_traceparent_check(tr, why, sizeof(why), id)) {
		*err |= ag_probe_add(&t->f, "probe-trace", AG_SEV_ERROR, 0, 0,
				     "the traceresponse header %s", why);
		return;
	}
	if (memcmp(id, sent + 3, 32))
		*err |= ag_probe_add(&t->f, "probe-trace", AG_SEV_WARNING, 0, 0,
				     "the traceresponse has trace-id %s, not the %.32s that was "
				     "sent: the service started a trace of its own", id, sent + 3);
}

int ag_probe_url(const char *url, const struct ag_probe_opts *o, struct ag_probe_target *t,
		 struct ag_diags *d)
{
	memset(t, 0, sizeof(*t));
	if (!(t->url = strdup(url)))
		return AG_ENOMEM;
	unsigned long long h1 = fnv(url, 1469598103934665603ull);
	unsigned long long h2 = fnv("archgate", h1), h3 = fnv("probe", h2);
	ag_snprintf(t->traceparent, sizeof(t->traceparent), "00-%016llx%016llx-%016llx-01", h1,
		    h2 | 1, h3 | 1);
	char tph[96];
	ag_snprintf(tph, sizeof(tph), "traceparent: %s", t->traceparent);
	const char *accept = o->text_only ? "Accept: text/plain;version=0.0.4;q=1,*/*;q=0.1"
					  : "Accept: application/openmetrics-text;version=1.0.0;"
					    "q=0.9,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
	const char *headers[] = {tph, "tracestate: archgate=probe", accept, NULL};
	struct ag_http_req rq = {0};
	rq.url = url;
	rq.headers = headers;
	rq.timeout_ms = o->timeout_ms;
	rq.max_body = o->max_body;
	rq.allow_remote = o->allow_remote;
	struct ag_http_resp rs;
	ag_http_resp_init(&rs);
	int rc = ag_http_do(&rq, &rs, d);
	int err = 0;
	if (rc == AG_ENOMEM) {
		ag_http_resp_release(&rs);
		return rc;
	}
	if (rc == AG_ELIMIT) {
		t->reached = true;
		err |= ag_probe_add(&t->f, "probe-status", AG_SEV_ERROR, 0, 0,
				    "the answer is larger than the %zu bytes a probe reads",
				    o->max_body ? o->max_body : AG_HTTP_DEFAULT_MAX_BODY);
		ag_http_resp_release(&rs);
		return err;
	}
	if (rc) {
		ag_http_resp_release(&rs);
		return 0; /* unreachable: the diagnostic says why */
	}
	t->reached = true;
	t->status = rs.status;
	ag_http_media_type(&rs, t->media, sizeof(t->media));
	check_status(t, rs.status, "GET", &err);
	check_trace(t, &rs, t->traceparent, &err);
	bool om = media_is(t->media, "application/openmetrics-text");
	bool text = media_is(t->media, "text/plain");
	bool want_metrics = path_ends_metrics(url);
	if (rs.status >= 400) {
		err |= ag_probe_add(&t->f, "probe-status", AG_SEV_ERROR, 0, 0,
				    "GET answered %ld: the request failed", rs.status);
		check_problem(t, &rs, "GET", &err);
	} else if (om || (text && want_metrics)) {
		t->metrics = true;
		t->openmetrics = om;
		err |= ag_metrics_lint(rs.body.data ? rs.body.data : "", rs.body.len, om, &t->f,
				       &t->stats);
	} else if (want_metrics) {
		err |= ag_probe_add(&t->f, "probe-metrics", AG_SEV_ERROR, 0, 0,
				    "a /metrics path answered '%s', not a metrics exposition "
				    "(text/plain; version=0.0.4 or application/openmetrics-text)",
				    *t->media ? t->media : "no body type");
	}
	ag_http_resp_release(&rs);
	if (t->metrics || want_metrics || t->status >= 400 || o->no_errors || err)
		return err;
	/* 2: a path that cannot exist, below the URL's */
	struct ag_buf u = AG_BUF_INIT;
	const char *p = path_of(url);
	size_t pl = strcspn(p, "?#");
	ag_buf_add(&u, url, (size_t)(p - url) + pl);
	if (!pl || p[pl - 1] != '/')
		ag_buf_addc(&u, '/');
	ag_buf_printf(&u, "archgate-probe-%08llx-no-such-path", h3 & 0xffffffffull);
	if (u.err) {
		ag_buf_release(&u);
		return AG_ENOMEM;
	}
	struct ag_http_req rq2 = rq;
	rq2.url = u.data;
	ag_http_resp_init(&rs);
	rc = ag_http_do(&rq2, &rs, d);
	if (rc == 0) {
		t->error_status = rs.status;
		check_status(t, rs.status, "GET of an unknown path", &err);
		if (rs.status < 400 || rs.status >= 500)
			err |= ag_probe_add(&t->f, "probe-error-status", AG_SEV_ERROR, 0, 0,
					    "GET of an unknown path (%s) answered %ld; a missing "
					    "resource is a 404", u.data + (p - url), rs.status);
		else
			check_problem(t, &rs, "GET of an unknown path", &err);
	} else if (rc == AG_ENOMEM) {
		err = rc;
	}
	ag_http_resp_release(&rs);
	ag_buf_release(&u);
	return err ? AG_ENOMEM : 0;
}

void ag_probe_target_release(struct ag_probe_target *t)
{
	free(t->url);
	ag_probe_findings_release(&t->f);
	memset(t, 0, sizeof(*t));
}
