/*
 * serve.c - the site over HTTP (see serve.h).
 *
 * A snapshot is the served form of one build: for every file its MHD
 * response (a copy of the bytes, with every header set once), the gzip
 * variant when that is smaller, and their ETags (a 64-bit FNV-1a hash of
 * the bytes: the same bytes always get the same tag, across rebuilds and
 * restarts). Requests look files up in the snapshot under a read lock;
 * MHD counts references to responses, so a rebuild swaps the snapshot
 * under the write lock and drops its own references to the old one while
 * requests still sending it keep theirs.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
#include "base/json.h"
#include "serve.h"

#define CSP "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " \
	    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
#define EVENTS_PATH "/_archgate/events"

static const char live_js[] =
	"/* archgate serve: reload the page when the site is rebuilt. */\n"
	"(function () {\n"
	"  'use strict';\n"
	"  if (!window.EventSource) return;\n"
	"  var root = document.body.getAttribute('data-root') || '';\n"
	"  var es = new EventSource(root + '_archgate/events');\n"
	"  es.addEventListener('reload', function () { location.reload(); });\n"
	"})();\n";

struct file {
	const char *path; /* inside the snapshot's site */
	struct MHD_Response *plain, *gz;
	size_t len, gz_len;
	unsigned long long hash;
	char *gz_data; /* our copy of the gzip bytes, reused by the next build */
	const char *data; /* the bytes (in the snapshot's site, or live_js) */
	struct file *from; /* the old snapshot's file whose responses this took */
	char etag[24], etag_gz[28];
};

struct snap {
	struct ag_site site;
	struct file *v;
	size_t n;
};

/* Duration buckets of the request histogram, in seconds. */
static const double buckets[] = {0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5};
#define NBUCKETS (sizeof(buckets) / sizeof(buckets[0]))
static const int codes[] = {200, 304, 400, 403, 404, 405, 421, 500, 503};
#define NCODES (sizeof(codes) / sizeof(codes[0]))

struct srv {
	const struct ag_serve_opts *o;
	pthread_rwlock_t lock;
	struct snap *cur;
	pthread_mutex_t mu; /* with `changed`: the event streams wait for a rebuild */
	pthread_cond_t changed;
	unsigned long generation;
	bool stopping;
	char host[64];
	int port;
	atomic_ulong requests[NCODES + 1], bytes, hist[NBUCKETS + 1], rebuilds, rebuild_fail,
		streams;
	_Atomic double dur_sum_us;
};

static unsigned long long fnv(const char *s, size_t n)
{
	unsigned long long h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static const char *type_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	static const struct {
		const char *ext, *type;
	} types[] = {{".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
		     {".js", "text/javascript; charset=utf-8"}, {".json", "application/json"},
		     {".svg", "image/svg+xml"}, {".png", "image/png"}, {".jpg", "image/jpeg"},
		     {".jpeg", "image/jpeg"}, {".gif", "image/gif"}, {".txt", "text/plain; charset=utf-8"}};
	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcasecmp(dot, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}

static void common_headers(struct MHD_Response *r)
{
	MHD_add_response_header(r, "Content-Security-Policy", CSP);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
}

/* A file's answer: its type, validator and caching, and the site's
 * security headers. */
static void file_headers(struct MHD_Response *r, const char *type, const char *etag, bool gz)
{
	MHD_add_response_header(r, "Content-Type", type);
	if (gz)
		MHD_add_response_header(r, "Content-Encoding", "gzip");
	MHD_add_response_header(r, "ETag", etag);
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	MHD_add_response_header(r, "Vary", "Accept-Encoding");
	common_headers(r);
}

/* gzip of `s`, malloc'd, or NULL when it would not be smaller. Level 6,
 * but 1 for a file over 256 KB (the search index: 600 KB at 1,000 records,
 * rebuilt after every edit; level 1 takes a third of the time, and serve
 * answers on loopback, where the bigger result costs nothing). The level
 * follows from the size alone, so the same bytes get the same gzip. */
#define GZIP_FAST_OVER ((size_t)256 << 10)
static char *gzip(const char *s, size_t n, size_t *out_len)
{
	z_stream z = {0};
	if (deflateInit2(&z, n > GZIP_FAST_OVER ? 1 : 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	uLong cap = deflateBound(&z, (uLong)n);
	char *out = malloc(cap);
	if (!out) {
		deflateEnd(&z);
		return NULL;
	}
	z.next_in = (Bytef *)(uintptr_t)s;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	int r = deflate(&z, Z_FINISH);
	*out_len = z.total_out;
	deflateEnd(&z);
	if (r != Z_STREAM_END || *out_len >= n) {
		free(out);
		return NULL;
	}
	return out;
}

static void snap_free(struct snap *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		if (s->v[i].plain)
			MHD_destroy_response(s->v[i].plain);
		if (s->v[i].gz)
			MHD_destroy_response(s->v[i].gz);
		free(s->v[i].gz_data);
	}
	free(s->v);
	ag_site_release(&s->site);
	free(s);
}

static const struct file *snap_find(const struct snap *s, const char *path);

/* A snapshot that never went live gives back what it took over. */
static void snap_disown(struct snap *s)
{
	for (size_t i = 0; s && i < s->n; i++)
		if (s->v[i].from)
			s->v[i].plain = s->v[i].gz = NULL, s->v[i].gz_data = NULL;
}

/* The served form of a built site (which it takes). A file whose bytes
 * are those of the same file in `old` (may be NULL) takes over its
 * responses (plain and gzip) instead of making them again: after an edit
 * only the files that changed are copied and compressed (ADR 0055). The
 * old snapshot keeps them until snap_adopt(), after the swap. *changed
 * gets the number of files new or different. NULL on ENOMEM. */
static struct snap *snap_new(struct ag_site *site, const struct snap *old, size_t *changed)
{
	struct snap *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->site = *site;
	*site = (struct ag_site){0};
	s->v = calloc(s->site.n + 1, sizeof(*s->v));
	if (!s->v) {
		snap_free(s);
		return NULL;
	}
	*changed = 0;
	for (size_t i = 0; i < s->site.n; i++) {
		struct ag_site_file *f = &s->site.v[i];
		struct file *sf = &s->v[s->n++];
		sf->path = f->path;
		const char *data = f->data.data;
		size_t len = f->data.len;
		if (!strcmp(f->path, "assets/live.js")) {
			data = live_js;
			len = sizeof(live_js) - 1;
		}
		sf->len = len;
		/* the same bytes as before (memcmp runs at memory speed, the hash
		 * a byte at a time): the old hash and responses */
		const struct file *was = old ? snap_find(old, f->path) : NULL;
		bool same = was && was->len == len && was->plain && !memcmp(was->data, data, len);
		unsigned long long h = same ? was->hash : fnv(data, len);
		sf->hash = h;
		snprintf(sf->etag, sizeof sf->etag, "\"%016llx\"", h);
		snprintf(sf->etag_gz, sizeof sf->etag_gz, "\"%016llx-gz\"", h);
		if (same) {
			/* the same bytes: the same responses, handed over in snap_adopt() */
			sf->plain = was->plain;
			sf->gz = was->gz;
			sf->gz_data = was->gz_data;
			sf->gz_len = was->gz_len;
			sf->data = data;
			sf->from = (struct file *)(uintptr_t)was;
			continue;
		}
		(*changed)++;
		sf->data = data;
		sf->plain = MHD_create_response_from_buffer(len, (void *)(uintptr_t)data,
							    MHD_RESPMEM_MUST_COPY);
		if (!sf->plain) {
			snap_disown(s);
			snap_free(s);
			return NULL;
		}
		const char *type = type_of(f->path);
		file_headers(sf->plain, type, sf->etag, false);
		bool text = !strncmp(type, "text/", 5) || strstr(type, "json") || strstr(type, "svg");
		size_t zl = 0;
		char *z = text && len > 512 ? gzip(data, len, &zl) : NULL;
		if (z) {
			sf->gz_len = zl;
			sf->gz_data = z;
			/* a copy: MHD may still send it after this snapshot is freed */
			sf->gz = MHD_create_response_from_buffer(zl, z, MHD_RESPMEM_MUST_COPY);
			if (!sf->gz) {
				snap_disown(s);
				snap_free(s);
				return NULL;
			}
			file_headers(sf->gz, type, sf->etag_gz, true);
		}
	}
	return s;
}

/* After the swap (no request reads the old snapshot any more): the old
 * snapshot gives up the responses the new one took over. */
static void snap_adopt(struct snap *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct file *was = s->v[i].from;
		if (was)
			was->plain = was->gz = NULL, was->gz_data = NULL;
		s->v[i].from = NULL;
	}
}

static const struct file *snap_find(const struct snap *s, const char *path)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(s->v[mid].path, path);
		if (!c)
			return &s->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Whether the client accepts gzip (a "gzip" coding without q=0). */
static bool accepts_gzip(const char *ae)
{
	for (const char *p = ae; p && *p;) {
		while (*p == ' ' || *p == ',')
			p++;
		const char *e = p;
		while (*e && *e != ',')
			e++;
		size_t n = (size_t)(e - p);
		if (n >= 4 && !strncasecmp(p, "gzip", 4) && (n == 4 || p[4] == ';' || p[4] == ' ')) {
			const char *q = memchr(p, 'q', n);
			if (!q || !(q[1] == '=' && q[2] == '0' && (q + 3 >= e || q[3] == ',' ||
				     q[3] == ' ' || (q[3] == '.' && strspn(q + 4, "0") >= (size_t)(e - q - 4)))))
				return true;
		}
		p = e;
	}
	return false;
}

/* Whether If-None-Match names `etag` (or is "*"); W/ prefixes compare weakly. */
static bool etag_matches(const char *inm, const char *etag)
{
	size_t el = strlen(etag);
	for (const char *p = inm; p && *p;) {
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		if (*p == '*')
			return true;
		if (!strncmp(p, "W/", 2))
			p += 2;
		if (!strncmp(p, etag, el) && (p[el] == 0 || p[el] == ',' || p[el] == ' '))
			return true;
		while (*p && *p != ',')
			p++;
	}
	return false;
}

static const char *reason(int code)
{
	switch (code) {
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 421: return "Misdirected Request";
	case 503: return "Service Unavailable";
	default: return "Internal Server Error";
	}
}

struct reqlog {
	const char *method, *path;
	int code;
	size_t bytes;
	bool gz;
	struct timespec t0;
	char trace_id[33];    /* of a valid traceparent, or "" */
	char traceresponse[56];
};

/* ---- W3C Trace Context ------------------------------------------------------------------ */

static bool lower_hex(const char *p, size_t n, bool nonzero)
{
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f')))
			return false;
		any = any || p[i] != '0';
	}
	return any || !nonzero;
}

/* A span id of this server's: 16 hex digits, never all zero, from a
 * per-thread generator seeded once from the kernel. */
static void new_span_id(char out[17])
{
	static _Thread_local unsigned long long x;
	while (!x) {
		struct timespec t;
		clock_gettime(CLOCK_REALTIME, &t);
		x = (unsigned long long)t.tv_nsec * 0x9E3779B97F4A7C15ull ^
		    (unsigned long long)(uintptr_t)&t ^ (unsigned long long)t.tv_sec;
		FILE *f = fopen("/dev/urandom", "rb");
		if (f) {
			unsigned long long r = 0;
			if (fread(&r, sizeof r, 1, f) == 1)
				x ^= r;
			fclose(f);
		}
	}
	unsigned long long v;
	do { /* xorshift64* */
		x ^= x >> 12;
		x ^= x << 25;
		x ^= x >> 27;
		v = x * 0x2545F4914F6CDD1Dull;
	} while (!v);
	snprintf(out, 17, "%016llx", v);
}

/* A valid traceparent (version 00, or a later one read as 00 would be)
 * joins its trace: the request's trace id for the log and a traceresponse
 * naming this server's own span. Anything else is ignored, as the
 * recommendation says. */
static void join_trace(struct reqlog *l, const char *h)
{
	l->trace_id[0] = l->traceresponse[0] = 0;
	size_t n = h ? strlen(h) : 0;
	if (n < 55 || h[2] != '-' || h[35] != '-' || h[52] != '-' || !lower_hex(h, 2, false) ||
	    !strncmp(h, "ff", 2) || (!strncmp(h, "00", 2) && n != 55) || (n > 55 && h[55] != '-') ||
	    !lower_hex(h + 3, 32, true) || !lower_hex(h + 36, 16, true) || !lower_hex(h + 53, 2, false))
		return;
	char span[17];
	new_span_id(span);
	memcpy(l->trace_id, h + 3, 32);
	l->trace_id[32] = 0;
	snprintf(l->traceresponse, sizeof l->traceresponse, "00-%s-%s-%.2s", l->trace_id, span,
		 h + 53);
}

/* The headers every answer made for one request carries. */
static void request_headers(struct MHD_Response *r, const struct reqlog *l)
{
	common_headers(r);
	if (l->traceresponse[0])
		MHD_add_response_header(r, "traceresponse", l->traceresponse);
}

static double since_us(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) * 1e6 + (double)(t.tv_nsec - t0->tv_nsec) / 1e3;
}

static void account(struct srv *s, struct reqlog *l)
{
	size_t ci = NCODES;
	for (size_t i = 0; i < NCODES; i++)
		if (codes[i] == l->code)
			ci = i;
	atomic_fetch_add(&s->requests[ci], 1);
	atomic_fetch_add(&s->bytes, l->bytes);
	double us = since_us(&l->t0);
	size_t b = 0;
	while (b < NBUCKETS && us / 1e6 > buckets[b])
		b++;
	atomic_fetch_add(&s->hist[b], 1);
	double old = atomic_load(&s->dur_sum_us);
	while (!atomic_compare_exchange_weak(&s->dur_sum_us, &old, old + us))
		;
	if (!s->o->log)
		return;
	struct ag_buf b2 = AG_BUF_INIT;
	struct ag_json w;
	ag_json_init(&w, &b2, AG_JSON_COMPACT);
	ag_json_begin_object(&w);
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	struct tm tm;
	gmtime_r(&now.tv_sec, &tm);
	char ts[64];
	snprintf(ts, sizeof ts, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, now.tv_nsec / 1000000);
	ag_json_kv_str(&w, "time", ts);
	ag_json_kv_str(&w, "event", "request");
	ag_json_kv_str(&w, "method", l->method);
	ag_json_kv_str(&w, "path", l->path);
	if (l->trace_id[0])
		ag_json_kv_str(&w, "trace_id", l->trace_id);
	ag_json_kv_int(&w, "status", l->code);
	ag_json_kv_int(&w, "bytes", (long long)l->bytes);
	ag_json_key(&w, "gzip");
	ag_json_bool(&w, l->gz);
	ag_json_key(&w, "duration_ms");
	ag_json_double(&w, us / 1000.0, 3);
	ag_json_end_object(&w);
	if (!ag_json_finish(&w))
		s->o->log(s->o->ctx, b2.data, b2.len);
	ag_buf_release(&b2);
}

static enum MHD_Result problem(struct srv *s, struct MHD_Connection *c, struct reqlog *l,
			       int code, const char *detail)
{
	struct ag_buf b = AG_BUF_INIT;
	struct ag_json w;
	ag_json_init(&w, &b, AG_JSON_COMPACT);
	ag_json_begin_object(&w);
	ag_json_kv_str(&w, "type", "about:blank");
	ag_json_kv_str(&w, "title", reason(code));
	ag_json_kv_int(&w, "status", code);
	ag_json_kv_str(&w, "detail", detail);
	ag_json_kv_str(&w, "instance", l->path);
	ag_json_end_object(&w);
	ag_json_finish(&w);
	ag_buf_addc(&b, '\n');
	struct MHD_Response *r = MHD_create_response_from_buffer(b.len, b.data, MHD_RESPMEM_MUST_COPY);
	size_t blen = b.len;
	ag_buf_release(&b);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", "application/problem+json");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	request_headers(r, l);
	if (code == 405)
		MHD_add_response_header(r, "Allow", "GET, HEAD");
	l->code = code;
	l->bytes = strcmp(l->method, "HEAD") ? blen : 0;
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)code, r);
	MHD_destroy_response(r);
	account(s, l);
	return ret;
}

static void metrics_text(struct srv *s, struct ag_buf *b)
{
	ag_buf_adds(b, "# HELP archgate_serve_requests_total HTTP requests answered, by status code.\n"
		    "# TYPE archgate_serve_requests_total counter\n");
	for (size_t i = 0; i <= NCODES; i++) {
		unsigned long v = atomic_load(&s->requests[i]);
		if (i < NCODES)
			ag_buf_printf(b, "archgate_serve_requests_total{code=\"%d\"} %lu\n", codes[i], v);
		else
			ag_buf_printf(b, "archgate_serve_requests_total{code=\"other\"} %lu\n", v);
	}
	ag_buf_adds(b, "# HELP archgate_serve_request_duration_seconds Time to answer a request.\n"
		    "# TYPE archgate_serve_request_duration_seconds histogram\n");
	unsigned long cum = 0;
	for (size_t i = 0; i <= NBUCKETS; i++) {
		cum += atomic_load(&s->hist[i]);
		if (i < NBUCKETS)
			ag_buf_printf(b, "archgate_serve_request_duration_seconds_bucket{le=\"%g\"} %lu\n",
				      buckets[i], cum);
		else
			ag_buf_printf(b, "archgate_serve_request_duration_seconds_bucket{le=\"+Inf\"} %lu\n",
				      cum);
	}
	ag_buf_printf(b, "archgate_serve_request_duration_seconds_sum %.6f\n"
		      "archgate_serve_request_duration_seconds_count %lu\n",
		      atomic_load(&s->dur_sum_us) / 1e6, cum);
	ag_buf_printf(b, "# HELP archgate_serve_response_bytes_total Body bytes sent.\n"
		      "# TYPE archgate_serve_response_bytes_total counter\n"
		      "archgate_serve_response_bytes_total %lu\n"
		      "# HELP archgate_serve_rebuilds_total Site rebuilds after a change.\n"
		      "# TYPE archgate_serve_rebuilds_total counter\n"
		      "archgate_serve_rebuilds_total %lu\n"
		      "# HELP archgate_serve_rebuild_failures_total Rebuilds that failed (the last good site is kept).\n"
		      "# TYPE archgate_serve_rebuild_failures_total counter\n"
		      "archgate_serve_rebuild_failures_total %lu\n"
		      "# HELP archgate_serve_event_streams Live-reload streams open.\n"
		      "# TYPE archgate_serve_event_streams gauge\n"
		      "archgate_serve_event_streams %lu\n",
		      atomic_load(&s->bytes), atomic_load(&s->rebuilds),
		      atomic_load(&s->rebuild_fail), atomic_load(&s->streams));
	pthread_rwlock_rdlock(&s->lock);
	ag_buf_printf(b, "# HELP archgate_serve_site_files Files of the site being served.\n"
		      "# TYPE archgate_serve_site_files gauge\narchgate_serve_site_files %zu\n",
		      s->cur ? s->cur->n : 0);
	pthread_rwlock_unlock(&s->lock);
	pthread_mutex_lock(&s->mu);
	ag_buf_printf(b, "# HELP archgate_serve_site_generation Builds of the site since start.\n"
		      "# TYPE archgate_serve_site_generation gauge\narchgate_serve_site_generation %lu\n",
		      s->generation);
	pthread_mutex_unlock(&s->mu);
}

/* ---- the live-reload stream ----------------------------------------------------------- */

struct stream {
	struct srv *s;
	unsigned long seen;
	bool hello;
};

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct stream *st = cls;
	struct srv *s = st->s;
	(void)pos;
	if (!st->hello) {
		st->hello = true;
		return (ssize_t)ag_snprintf(buf, max, "retry: 1000\n: archgate live reload\n\n");
	}
	pthread_mutex_lock(&s->mu);
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 15;
	while (!s->stopping && s->generation == st->seen) {
		if (pthread_cond_timedwait(&s->changed, &s->mu, &until) == ETIMEDOUT)
			break;
	}
	bool stop = s->stopping, changed = s->generation != st->seen;
	unsigned long gen = s->generation;
	st->seen = gen;
	pthread_mutex_unlock(&s->mu);
	if (stop)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (changed)
		return (ssize_t)ag_snprintf(buf, max, "event: reload\ndata: %lu\n\n", gen);
	return (ssize_t)ag_snprintf(buf, max, ": ping\n\n"); /* finds closed connections */
}

static void stream_free(void *cls)
{
	struct stream *st = cls;
	atomic_fetch_sub(&st->s->streams, 1);
	free(st);
}

/* ---- requests ------------------------------------------------------------------------- */

static bool host_ok(struct srv *s, const char *host)
{
	if (!host)
		return true; /* HTTP/1.0 */
	size_t n = strlen(host);
	const char *colon = strrchr(host, ':');
	if (colon && !strchr(colon, ']'))
		n = (size_t)(colon - host);
	return (n == strlen(s->host) && !strncmp(host, s->host, n)) ||
	       (n == 9 && !strncasecmp(host, "localhost", 9)) ||
	       (n == 9 && !strncmp(host, "127.0.0.1", 9));
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_size, void **con_cls)
{
	struct srv *s = cls;
	(void)version, (void)upload;
	static int first;
	if (*con_cls != &first) { /* the headers: wait for the body (there is none) */
		*con_cls = &first;
		return MHD_YES;
	}
	struct reqlog l = {.method = method, .path = url};
	clock_gettime(CLOCK_MONOTONIC, &l.t0);
	join_trace(&l, MHD_lookup_connection_value(c, MHD_HEADER_KIND, "traceparent"));
	if (*upload_size) {
		*upload_size = 0; /* a body is read and ignored; the method decides */
		return MHD_YES;
	}
	if (!host_ok(s, MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host")))
		return problem(s, c, &l, 421, "this server answers only to its own address "
			       "(127.0.0.1 or localhost)");
	bool head = !strcmp(method, "HEAD");
	if (!head && strcmp(method, "GET"))
		return problem(s, c, &l, 405, "the site is read-only: GET and HEAD only");
	if (!url || url[0] != '/')
		return problem(s, c, &l, 400, "the request target must be a path");
	if (!strcmp(url, "/metrics")) {
		struct ag_buf b = AG_BUF_INIT;
		metrics_text(s, &b);
		struct MHD_Response *r =
			MHD_create_response_from_buffer(b.len, b.data, MHD_RESPMEM_MUST_COPY);
		l.bytes = head ? 0 : b.len;
		ag_buf_release(&b);
		if (!r)
			return MHD_NO;
		MHD_add_response_header(r, "Content-Type", "text/plain; version=0.0.4; charset=utf-8");
		MHD_add_response_header(r, "Cache-Control", "no-store");
		request_headers(r, &l);
		l.code = 200;
		enum MHD_Result ret = MHD_queue_response(c, 200, r);
		MHD_destroy_response(r);
		account(s, &l);
		return ret;
	}
	if (!strcmp(url, EVENTS_PATH)) {
		struct stream *st = calloc(1, sizeof(*st));
		if (!st)
			return problem(s, c, &l, 503, "out of memory");
		st->s = s;
		pthread_mutex_lock(&s->mu);
		st->seen = s->generation;
		pthread_mutex_unlock(&s->mu);
		struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 256,
									  stream_read, st, stream_free);
		if (!r) {
			free(st);
			return MHD_NO;
		}
		atomic_fetch_add(&s->streams, 1);
		MHD_add_response_header(r, "Content-Type", "text/event-stream");
		MHD_add_response_header(r, "Cache-Control", "no-store");
		request_headers(r, &l);
		l.code = 200;
		enum MHD_Result ret = MHD_queue_response(c, 200, r);
		MHD_destroy_response(r);
		account(s, &l);
		return ret;
	}
	/* exact paths of the site only: "/" and "/dir/" are their index.html */
	char path[1024];
	size_t ul = strlen(url);
	if (ul >= sizeof(path) - 16 || memchr(url, '\\', ul))
		return problem(s, c, &l, 404, "no such page in the site");
	memcpy(path, url + 1, ul);
	if (ul == 1 || url[ul - 1] == '/')
		memcpy(path + ul - 1, "index.html", 11);
	pthread_rwlock_rdlock(&s->lock);
	const struct file *f = s->cur ? snap_find(s->cur, path) : NULL;
	if (!f) {
		pthread_rwlock_unlock(&s->lock);
		return problem(s, c, &l, 404, "no such page in the site");
	}
	bool gz = f->gz && accepts_gzip(MHD_lookup_connection_value(c, MHD_HEADER_KIND,
								    "Accept-Encoding"));
	const char *etag = gz ? f->etag_gz : f->etag;
	const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
	enum MHD_Result ret;
	if (inm && etag_matches(inm, etag)) {
		pthread_rwlock_unlock(&s->lock);
		struct MHD_Response *r = MHD_create_response_from_buffer(0, NULL,
									MHD_RESPMEM_PERSISTENT);
		if (!r)
			return MHD_NO;
		MHD_add_response_header(r, "ETag", etag);
		MHD_add_response_header(r, "Cache-Control", "no-cache");
		MHD_add_response_header(r, "Vary", "Accept-Encoding");
		request_headers(r, &l);
		l.code = 304;
		l.gz = gz;
		ret = MHD_queue_response(c, 304, r);
		MHD_destroy_response(r);
	} else {
		struct MHD_Response *r = gz ? f->gz : f->plain;
		l.code = 200;
		l.gz = gz;
		l.bytes = head ? 0 : gz ? f->gz_len : f->len;
		if (l.traceresponse[0]) {
			/* a traced request: its own answer, with its traceresponse (a
			 * copy of the bytes: a rebuild may free the snapshot's) */
			r = gz ? MHD_create_response_from_buffer(f->gz_len, f->gz_data,
								  MHD_RESPMEM_MUST_COPY)
			       : MHD_create_response_from_buffer(f->len, (void *)(uintptr_t)f->data,
								  MHD_RESPMEM_MUST_COPY);
			if (r) {
				file_headers(r, type_of(f->path), gz ? f->etag_gz : f->etag, gz);
				request_headers(r, &l);
			}
			pthread_rwlock_unlock(&s->lock);
			if (!r)
				return MHD_NO;
			ret = MHD_queue_response(c, 200, r);
			MHD_destroy_response(r);
			account(s, &l);
			return ret;
		}
		/* MHD holds its own reference from here: a rebuild may free ours */
		ret = MHD_queue_response(c, 200, r);
		pthread_rwlock_unlock(&s->lock);
	}
	account(s, &l);
	return ret;
}

/* Percent-decoding of the request target, in place, instead of MHD's:
 * "%00" stays as written (decoded, a NUL would cut the path short and
 * "/index.html%00.js" would be "/index.html"), so it matches no file. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls, (void)c;
	static const char hex[] = "0123456789abcdef0123456789ABCDEF";
	char *w = s;
	for (const char *r = s; *r; r++) {
		const char *h1 = r[0] == '%' && r[1] ? strchr(hex, r[1]) : NULL;
		const char *h2 = h1 && r[2] ? strchr(hex, r[2]) : NULL;
		int v = h1 && h2 ? (int)((h1 - hex) % 16) * 16 + (int)((h2 - hex) % 16) : -1;
		if (v > 0) {
			*w++ = (char)v;
			r += 2;
		} else {
			*w++ = *r;
		}
	}
	*w = 0;
	return (size_t)(w - s);
}

/* ---- building and watching ------------------------------------------------------------ */

/* Where a build's time went: the caller's build (model, check, pages),
 * the snapshot (responses, gzip of what changed, the swap), in all (wall
 * clock), and the CPU time this thread spent on it (on a loaded machine
 * the wall clock also counts the time other processes ran; -1: not
 * measured). */
struct build_times {
	double build_ms, swap_ms, ms, cpu_ms;
};

static void log_build(struct srv *s, const char *event, size_t files, size_t changed,
		      const char *why, const struct build_times *t)
{
	if (!s->o->log)
		return;
	struct ag_buf b = AG_BUF_INIT;
	struct ag_json w;
	ag_json_init(&w, &b, AG_JSON_COMPACT);
	ag_json_begin_object(&w);
	ag_json_kv_str(&w, "event", event);
	if (why) {
		ag_json_kv_str(&w, "error", why);
	} else {
		ag_json_kv_int(&w, "files", (long long)files);
		ag_json_kv_int(&w, "changed", (long long)changed);
	}
	ag_json_key(&w, "duration_ms");
	ag_json_double(&w, t->ms, 1);
	ag_json_key(&w, "build_ms");
	ag_json_double(&w, t->build_ms, 1);
	if (!why) {
		ag_json_key(&w, "swap_ms");
		ag_json_double(&w, t->swap_ms, 1);
	}
	if (t->cpu_ms >= 0) {
		ag_json_key(&w, "cpu_ms");
		ag_json_double(&w, t->cpu_ms, 1);
	}
	ag_json_end_object(&w);
	if (!ag_json_finish(&w))
		s->o->log(s->o->ctx, b.data, b.len);
	ag_buf_release(&b);
}

static void free_paths(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Build, swap in, and (re)watch. */
static int rebuild(struct srv *s, int ifd, bool first, struct ag_buf *why)
{
	struct ag_site site = {0};
	char **watch = NULL;
	size_t nwatch = 0;
	ag_buf_reset(why);
	struct timespec t0, t1, c0, c1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	int rc = s->o->build(s->o->ctx, &site, &watch, &nwatch, why);
	double build_ms = since_us(&t0) / 1000;
	if (ifd >= 0)
		for (size_t i = 0; i < nwatch; i++)
			inotify_add_watch(ifd, watch[i], IN_CLOSE_WRITE | IN_CREATE | IN_DELETE |
					  IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY | IN_ATTRIB);
	free_paths(watch, nwatch);
	if (rc) {
		ag_site_release(&site);
		if (!first) {
			atomic_fetch_add(&s->rebuild_fail, 1);
			struct build_times bt = {build_ms, 0, since_us(&t0) / 1000, -1};
			log_build(s, "rebuild-failed", 0, 0, why->len ? why->data : ag_strerror(rc),
				  &bt);
		}
		return rc;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	size_t changed = 0;
	pthread_rwlock_rdlock(&s->lock);
	struct snap *n = snap_new(&site, s->cur, &changed); /* only this thread swaps s->cur */
	pthread_rwlock_unlock(&s->lock);
	if (!n) {
		ag_site_release(&site);
		return AG_ENOMEM;
	}
	pthread_rwlock_wrlock(&s->lock);
	struct snap *old = s->cur;
	s->cur = n;
	snap_adopt(n);
	pthread_rwlock_unlock(&s->lock);
	snap_free(old);
	pthread_mutex_lock(&s->mu);
	s->generation++;
	pthread_cond_broadcast(&s->changed);
	pthread_mutex_unlock(&s->mu);
	if (!first)
		atomic_fetch_add(&s->rebuilds, 1);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	double cpu_ms = (double)(c1.tv_sec - c0.tv_sec) * 1e3 + (double)(c1.tv_nsec - c0.tv_nsec) / 1e6;
	struct build_times bt = {build_ms, since_us(&t1) / 1000, since_us(&t0) / 1000, cpu_ms};
	log_build(s, first ? "built" : "rebuilt", n->n, changed, NULL, &bt);
	return 0;
}

int ag_serve_run(const struct ag_serve_opts *o, struct ag_buf *why)
{
	struct srv *s = calloc(1, sizeof(*s));
	if (!s)
		return AG_ENOMEM;
	s->o = o;
	pthread_rwlock_init(&s->lock, NULL);
	pthread_mutex_init(&s->mu, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_cond_init(&s->changed, &ca);
	pthread_condattr_destroy(&ca);
	snprintf(s->host, sizeof s->host, "%s", o->host ? o->host : "127.0.0.1");
	int ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	int rc = rebuild(s, ifd, true, why);
	struct MHD_Daemon *d = NULL;
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)o->port)};
	if (!rc && inet_pton(AF_INET, s->host, &sa.sin_addr) != 1) {
		ag_buf_printf(why, "'%s' is not an IPv4 address", s->host);
		rc = AG_EINVAL;
	}
	if (!rc) {
		d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
					     MHD_USE_POLL,
				     (uint16_t)o->port, NULL, NULL, handle, s,
				     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
				     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
				     MHD_OPTION_CONNECTION_LIMIT, (unsigned)512,
				     MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024,
				     MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
				     MHD_OPTION_END);
		if (!d) {
			ag_buf_printf(why, "cannot listen on %s:%d (%s)", s->host, o->port,
				      errno ? strerror(errno) : "the address may be in use");
			rc = AG_EIO;
		}
	}
	if (!rc) {
		const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
		s->port = info ? info->port : o->port;
		if (o->ready)
			o->ready(o->ctx, s->port);
	}
	/* the watcher: this thread */
	int debounce = o->debounce_ms > 0 ? o->debounce_ms : 100;
	while (!rc && !*o->stop) {
		struct pollfd p = {.fd = ifd, .events = POLLIN};
		int r = ifd >= 0 ? poll(&p, 1, 200) : (usleep(200000), 0);
		if (r <= 0 || !(p.revents & POLLIN))
			continue;
		/* drain, and keep draining while changes arrive (an editor writes
		 * a file in several steps; git checks out many) */
		char buf[8192];
		do {
			while (read(ifd, buf, sizeof buf) > 0)
				;
			p.revents = 0;
		} while (!*o->stop && poll(&p, 1, debounce) > 0);
		if (*o->stop)
			break;
		struct ag_buf w2 = AG_BUF_INIT;
		rebuild(s, ifd, false, &w2);
		ag_buf_release(&w2);
	}
	pthread_mutex_lock(&s->mu);
	s->stopping = true;
	pthread_cond_broadcast(&s->changed);
	pthread_mutex_unlock(&s->mu);
	if (d)
		MHD_stop_daemon(d);
	if (ifd >= 0)
		close(ifd);
	snap_free(s->cur);
	pthread_rwlock_destroy(&s->lock);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->changed);
	free(s);
	return rc;
}
