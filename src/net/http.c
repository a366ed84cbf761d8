/*
 * http.c - the HTTP client over libcurl; see http.h for the contract.
 *
 * The loopback rule is enforced in CURLOPT_OPENSOCKETFUNCTION: libcurl hands
 * over each address it is about to connect to, after name resolution, and
 * a refused address never gets a socket. Checking the URL's host name
 * instead would let a name that resolves to another machine through.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "http.h"

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc = CURLE_FAILED_INIT;

static void curl_init(void)
{
	curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

void ag_http_resp_init(struct ag_http_resp *r)
{
	memset(r, 0, sizeof(*r));
	ag_buf_init(&r->body);
}

static void clear_headers(struct ag_http_resp *r)
{
	for (size_t i = 0; i < r->nheaders; i++) {
		free(r->headers[i].name);
		free(r->headers[i].value);
	}
	r->nheaders = 0;
	r->headers_truncated = false;
}

void ag_http_resp_release(struct ag_http_resp *r)
{
	clear_headers(r);
	ag_buf_release(&r->body);
	free(r->http_version);
	ag_http_resp_init(r);
}

struct xfer {
	struct ag_http_resp *rs;
	size_t max_body;
	bool too_big;
	bool oom;
	bool remote_refused;
	bool allow_remote;
	char refused_addr[INET6_ADDRSTRLEN];
};

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;
	size_t len = size * n;
	if (x->rs->body.len + len > x->max_body) {
		x->too_big = true;
		return 0; /* makes libcurl stop with CURLE_WRITE_ERROR */
	}
	if (ag_buf_add(&x->rs->body, p, len)) {
		x->oom = true;
		return 0;
	}
	return len;
}

static char *dup_trimmed(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static size_t on_header(char *p, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;
	size_t len = size * n;
	struct ag_http_resp *r = x->rs;
	if (len >= 5 && !memcmp(p, "HTTP/", 5)) {
		/* a new status line: a redirect or a 100 Continue came before */
		clear_headers(r);
		return len;
	}
	const char *colon = memchr(p, ':', len);
	if (!colon || colon == p)
		return len; /* the blank line that ends the block, or junk */
	if (r->nheaders == AG_HTTP_MAX_HEADERS) {
		r->headers_truncated = true;
		return len;
	}
	struct ag_http_header *h = &r->headers[r->nheaders];
	h->name = dup_trimmed(p, (size_t)(colon - p));
	h->value = dup_trimmed(colon + 1, len - (size_t)(colon - p) - 1);
	if (!h->name || !h->value) {
		free(h->name);
		free(h->value);
		x->oom = true;
		return 0;
	}
	r->nheaders++;
	return len;
}

static bool is_loopback(const struct sockaddr *sa, char *text, size_t cap)
{
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
		inet_ntop(AF_INET, &in->sin_addr, text, (socklen_t)cap);
		return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
		inet_ntop(AF_INET6, &in6->sin6_addr, text, (socklen_t)cap);
		if (IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr))
			return true;
		/* ::ffff:127.x.y.z */
		const unsigned char *b = in6->sin6_addr.s6_addr;
		static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
		return !memcmp(b, mapped, 12) && b[12] == 127;
	}
	snprintf(text, cap, "an address of family %d", sa->sa_family);
	return false;
}

static curl_socket_t open_socket(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct xfer *x = arg;
	(void)purpose;
	char text[INET6_ADDRSTRLEN];
	if (!x->allow_remote && !is_loopback(&a->addr, text, sizeof(text))) {
		x->remote_refused = true;
		snprintf(x->refused_addr, sizeof(x->refused_addr), "%s", text);
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/* The URL without user information, for diagnostics. */
static void url_for_humans(const char *url, char *out, size_t cap)
{
	const char *scheme_end = strstr(url, "://");
	const char *at = scheme_end ? strchr(scheme_end + 3, '@') : NULL;
	const char *slash = scheme_end ? strchr(scheme_end + 3, '/') : NULL;
	if (at && (!slash || at < slash))
		snprintf(out, cap, "%.*s://%s", (int)(scheme_end - url), url, at + 1);
	else
		snprintf(out, cap, "%s", url);
	/* control characters never reach a terminal through a diagnostic */
	for (char *p = out; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
}

static int fail(struct ag_diags *d, int rc, const char *url, const char *msg)
{
	char shown[512];
	url_for_humans(url ? url : "", shown, sizeof(shown));
	ag_diags_add(d, AG_SEV_ERROR, NULL, 0, 0, "cannot reach '%s': %s", shown, msg);
	return rc;
}

int ag_http_do(const struct ag_http_req *rq, struct ag_http_resp *rs, struct ag_diags *d)
{
	ag_http_resp_release(rs);
	if (!rq->url || (strncmp(rq->url, "http://", 7) && strncmp(rq->url, "https://", 8)))
		return fail(d, AG_EINVAL, rq->url, "only http:// and https:// URLs are allowed");
	pthread_once(&curl_once, curl_init);
	if (curl_init_rc != CURLE_OK)
		return fail(d, AG_EIO, rq->url, curl_easy_strerror(curl_init_rc));
	CURL *c = curl_easy_init();
	if (!c)
		return AG_ENOMEM;
	struct xfer x = {.rs = rs,
			 .max_body = rq->max_body ? rq->max_body : AG_HTTP_DEFAULT_MAX_BODY,
			 .allow_remote = rq->allow_remote};
	struct curl_slist *hdrs = NULL;
	int rc = 0;
	for (size_t i = 0; rq->headers && rq->headers[i]; i++) {
		struct curl_slist *n = curl_slist_append(hdrs, rq->headers[i]);
		if (!n) {
			rc = AG_ENOMEM;
			goto out;
		}
		hdrs = n;
	}
	long timeout = rq->timeout_ms > 0 ? rq->timeout_ms : AG_HTTP_DEFAULT_TIMEOUT_MS;
	long connect = rq->connect_timeout_ms > 0 ? rq->connect_timeout_ms : AG_HTTP_DEFAULT_CONNECT_MS;
	curl_easy_setopt(c, CURLOPT_URL, rq->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, connect < timeout ? connect : timeout);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &x);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &x);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &x);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "archgate/" AG_VERSION);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* whatever libcurl decodes */
	if (!rq->use_env_proxy)
		curl_easy_setopt(c, CURLOPT_PROXY, "");
	if (rq->follow_redirects) {
		curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
		curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	}
	if (hdrs)
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	const char *method = rq->method ? rq->method : "GET";
	if (!strcmp(method, "HEAD"))
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	else if (strcmp(method, "GET"))
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (rq->body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, (const char *)rq->body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)rq->body_len);
	}

	CURLcode cc = curl_easy_perform(c);
	double secs = 0;
	curl_easy_getinfo(c, CURLINFO_TOTAL_TIME, &secs);
	rs->total_ms = secs * 1000.0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &rs->status);
	long ver = 0;
	curl_easy_getinfo(c, CURLINFO_HTTP_VERSION, &ver);
	const char *vs = ver == CURL_HTTP_VERSION_1_0   ? "1.0"
			 : ver == CURL_HTTP_VERSION_1_1 ? "1.1"
			 : ver == CURL_HTTP_VERSION_2_0 ? "2"
							: NULL;
	if (vs && !(rs->http_version = strdup(vs)))
		x.oom = true;

	if (x.oom) {
		rc = AG_ENOMEM;
	} else if (x.remote_refused) {
		char msg[160];
		snprintf(msg, sizeof(msg), "it resolves to %s, which is not a loopback address "
			 "(use --allow-remote to probe other machines)", x.refused_addr);
		rc = fail(d, AG_EINVAL, rq->url, msg);
	} else if (x.too_big) {
		char msg[96];
		snprintf(msg, sizeof(msg), "the response is larger than %zu bytes", x.max_body);
		rc = fail(d, AG_ELIMIT, rq->url, msg);
	} else if (cc == CURLE_OPERATION_TIMEDOUT) {
		char msg[96];
		snprintf(msg, sizeof(msg), "no complete answer within %ld ms", timeout);
		rc = fail(d, AG_EIO, rq->url, msg);
	} else if (cc == CURLE_URL_MALFORMAT || cc == CURLE_UNSUPPORTED_PROTOCOL) {
		rc = fail(d, AG_EINVAL, rq->url, curl_easy_strerror(cc));
	} else if (cc != CURLE_OK) {
		char msg[256];
		snprintf(msg, sizeof(msg), "%s", curl_easy_strerror(cc));
		for (char *p = msg; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		rc = fail(d, AG_EIO, rq->url, msg);
	}
out:
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(c);
	if (rc) {
		/* never a partial answer presented as whole */
		long status = rs->status;
		double ms = rs->total_ms;
		ag_http_resp_release(rs);
		rs->status = rc == AG_ELIMIT ? status : 0;
		rs->total_ms = ms;
	}
	return rc;
}

const char *ag_http_header(const struct ag_http_resp *r, const char *name)
{
	for (size_t i = 0; i < r->nheaders; i++)
		if (!strcasecmp(r->headers[i].name, name))
			return r->headers[i].value;
	return NULL;
}

void ag_http_media_type(const struct ag_http_resp *r, char *out, size_t cap)
{
	if (!cap)
		return;
	out[0] = '\0';
	const char *ct = ag_http_header(r, "Content-Type");
	if (!ct)
		return;
	size_t k = 0;
	for (; *ct && *ct != ';' && k + 1 < cap; ct++)
		if (*ct != ' ' && *ct != '\t')
			out[k++] = (char)tolower((unsigned char)*ct);
	out[k] = '\0';
}

int ag_http_query_escape(struct ag_buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int rc;
		if (isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
			rc = ag_buf_addc(out, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			rc = ag_buf_add(out, e, 3);
		}
		if (rc)
			return rc;
	}
	return 0;
}
