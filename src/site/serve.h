/*
 * serve.h - `archgate serve`: the site over HTTP on the loopback address,
 * rebuilt when the arch folder changes (arch/decisions/0039).
 *
 * The server holds the built site in memory (struct ag_site, from the
 * caller's build callback) and answers a request only with a file of it
 * looked up by its exact path: no path from a URL ever reaches the file
 * system, so "..", "%2e%2e", encoded slashes and symbolic links cannot
 * lead anywhere. It follows the seed's standards: a JSON access log line
 * per request (to the caller's log callback), Prometheus text at /metrics,
 * application/problem+json for every error status, strong ETags and
 * If-None-Match (304), HEAD, gzip when the client accepts it, a strict
 * Content-Security-Policy and nosniff on every response, and a Host check
 * (a page on another site cannot reach it through DNS rebinding).
 * /_archgate/events is a server-sent event stream that says "reload" after
 * every rebuild; the site's assets/live.js is answered with a script that
 * listens to it.
 *
 * Built on libmicrohttpd, one thread per connection (an event stream
 * waits on a condition variable, not on a poll loop). Rebuilds run on the
 * caller's thread, in ag_serve_run(), when inotify reports a change in
 * one of the folders the build callback names.
 */
#ifndef AG_SERVE_H
#define AG_SERVE_H

#include <signal.h>
#include "site.h"

struct ag_serve_opts {
	const char *host;  /* an IPv4 address; NULL: 127.0.0.1 */
	int port;          /* 0: any free port */
	/* Build the site into *out (fresh; the server owns it on success) and
	 * name the folders to watch (*watch: malloc'd array of malloc'd
	 * absolute paths, freed by the server). Returns 0, or an error with
	 * the reason in `why`. Called once before serving and after changes. */
	int (*build)(void *ctx, struct ag_site *out, char ***watch, size_t *nwatch,
		     struct ag_buf *why);
	void *ctx;
	/* One line of the access log or of a rebuild, JSON, no newline; from
	 * any thread (the callback serialises its own writes). */
	void (*log)(void *ctx, const char *line, size_t len);
	/* Called once the socket listens, with the port it got. */
	void (*ready)(void *ctx, int port);
	volatile sig_atomic_t *stop; /* set (from a signal handler) to stop */
	int debounce_ms;   /* wait for changes to settle; 0: 100 */
};

/* Serve until *stop. Returns 0, AG_EIO (why says: the address is taken,
 * inotify is unavailable ...) or the first build's error. */
int ag_serve_run(const struct ag_serve_opts *o, struct ag_buf *why);

#endif
