/*
 * http.h - one HTTP client for everything archgate asks of a server: a
 * Prometheus query (`slo status --from prometheus`), a probe of a running
 * service (`probe URL`), a scrape of /metrics.
 *
 * It is a thin layer over libcurl (ADR-017) that makes the safe choices once:
 *
 *   - bounded: a deadline for the whole exchange and one for connecting, a cap
 *     on the response body and on its headers; past a cap the exchange stops
 *     with AG_ELIMIT, never a partial answer presented as whole;
 *   - loopback only unless the request says otherwise: the address a socket
 *     is about to connect to (after DNS) must be in 127.0.0.0/8 or ::1, so a
 *     name that resolves elsewhere is refused before a byte is sent;
 *   - http and https only, no redirects unless asked, no proxy from the
 *     environment unless asked (a CI runner's proxy must not see a probe of
 *     127.0.0.1), no cookies, no credentials in diagnostics;
 *   - errors are diagnostics ("cannot reach 'URL': connection refused"),
 *     never prints; the caller decides the exit code.
 *
 * Ownership: a response owns its buffers; ag_http_resp_release() frees them.
 * Thread-safety: calls from several threads are fine (libcurl is initialised
 * once through pthread_once; each call uses its own handle).
 */
#ifndef AG_NET_HTTP_H
#define AG_NET_HTTP_H

#include <stdbool.h>
#include "base/buf.h"
#include "base/diag.h"

#define AG_HTTP_DEFAULT_TIMEOUT_MS 10000L
#define AG_HTTP_DEFAULT_CONNECT_MS 3000L
#define AG_HTTP_DEFAULT_MAX_BODY ((size_t)16 << 20)
#define AG_HTTP_MAX_HEADERS 64

struct ag_http_req {
	const char *method;          /* NULL: GET */
	const char *url;
	const char *const *headers;  /* "Name: value" lines, NULL-terminated; may be NULL */
	const void *body;            /* request body, or NULL */
	size_t body_len;
	long timeout_ms;             /* whole exchange; 0: AG_HTTP_DEFAULT_TIMEOUT_MS */
	long connect_timeout_ms;     /* 0: AG_HTTP_DEFAULT_CONNECT_MS */
	size_t max_body;             /* response body cap; 0: AG_HTTP_DEFAULT_MAX_BODY */
	bool allow_remote;           /* false: loopback addresses only */
	bool follow_redirects;       /* at most 5 when true */
	bool use_env_proxy;          /* honour http_proxy and friends */
};

struct ag_http_header {
	char *name;  /* as sent, owned */
	char *value; /* trimmed, owned */
};

struct ag_http_resp {
	long status;                 /* final HTTP status, 0 when none arrived */
	struct ag_http_header headers[AG_HTTP_MAX_HEADERS];
	size_t nheaders;             /* of the final response only */
	bool headers_truncated;      /* more than AG_HTTP_MAX_HEADERS arrived */
	struct ag_buf body;
	char *http_version;          /* "1.1", "2" ...; owned, may be NULL */
	double total_ms;             /* time of the whole exchange */
};

void ag_http_resp_init(struct ag_http_resp *r);
void ag_http_resp_release(struct ag_http_resp *r);

/* Performs one request. Returns 0 when a response arrived (whatever its
 * status), else:
 *   AG_EINVAL  the URL is not http(s) or is malformed, or the address is
 *              not loopback and allow_remote is false
 *   AG_EIO     the server could not be reached, the connection broke, or
 *              the deadline passed (the diagnostic says which)
 *   AG_ELIMIT  the body exceeded max_body
 *   AG_ENOMEM
 * and appends one diagnostic (code "http") naming the URL and the cause. */
int ag_http_do(const struct ag_http_req *rq, struct ag_http_resp *rs, struct ag_diags *d);

/* The first value of header `name` (case-insensitive), or NULL. */
const char *ag_http_header(const struct ag_http_resp *r, const char *name);

/* The media type of Content-Type without parameters, lowercased, into out
 * (cap bytes); "" when absent. */
void ag_http_media_type(const struct ag_http_resp *r, char *out, size_t cap);

/* Percent-encodes s for a query component (RFC 3986 unreserved kept). */
int ag_http_query_escape(struct ag_buf *out, const char *s, size_t n);

#endif
