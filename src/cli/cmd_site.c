/*
 * cmd_site.c - `archgate site` (the architecture as a static website) and
 * `archgate serve` (that site on 127.0.0.1, rebuilt on changes).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include <signal.h>
#include <unistd.h>
#include "site/serve.h"
#include "site/site.h"

static const char *const site_usage[] = {
	"archgate site [--out DIR] [--no-graphviz] [--no-mermaid] [--format FMT] [--dir DIR]", "",
	"Build the architecture as a static website: the phase board, the decision",
	"records (filters by status, tag, deciders, package and date; each record with",
	"its links both ways and its supersede chain), the RFCs and their sign-off,",
	"the context and container diagrams, the radar with every blip linked to its",
	"entry, the SLOs, debt, migration and cost, and the findings of check, with a",
	"search index built in. Pages open from file:// and from any static host;",
	"nothing is fetched from a network. Every text from the repository is escaped",
	"and links other than http, https, mailto and relative ones are dropped.", "",
	"A rebuild writes only the files whose bytes changed: the others are hard",
	"links to the old site's, so they keep their inode and mtime (rsync and",
	"static hosts see only the change).", "",
	"The site is written beside DIR and then moved into place in one step; an",
	"existing DIR is replaced only if archgate built it (its .archgate-site",
	"manifest lists every file in it). The same repository gives the same bytes.", "",
	"Fenced ```mermaid blocks are drawn as SVG by the Mermaid CLI when it is",
	"installed (mmdc on PATH, or the program ARCHGATE_MERMAID names), its output",
	"cleaned of anything that runs and kept in ~/.cache/archgate/mermaid; without",
	"it they are shown as code and one warning says where.", "",
	"Examples:",
	"  archgate site --out public",
	"  archgate site --out /tmp/arch-site && xdg-open /tmp/arch-site/index.html", NULL};

enum { SITE_OUT, SITE_NO_GRAPHVIZ, SITE_NO_MERMAID };
static const struct cli_option site_options[] = {
	[SITE_OUT] = CLI_VALUE("out", "DIR", "the folder to write (default: site)"),
	[SITE_NO_GRAPHVIZ] = CLI_FLAG("no-graphviz", "do not run Graphviz 'dot' for the diagrams\n"
				      "(they are shown as Mermaid source)"),
	[SITE_NO_MERMAID] = CLI_FLAG("no-mermaid", "do not run the Mermaid CLI for ```mermaid blocks\n"
				     "in records (they are shown as code)"),
};

/* The Mermaid renderer (ADR-054): ARCHGATE_MERMAID names it (a path or a
 * program on PATH; empty or "none": none), else mmdc; the browser it
 * starts is ARCHGATE_MERMAID_BROWSER when set; drawn diagrams are kept in
 * ARCHGATE_CACHE_DIR, else $XDG_CACHE_HOME/archgate, else
 * ~/.cache/archgate, in mermaid/. *cache is malloc'd (free it). */
static void mermaid_opts(struct ag_site_opts *so, bool off, char **cache)
{
	const char *cmd = getenv("ARCHGATE_MERMAID");
	if (!cmd)
		cmd = "mmdc";
	if (off || !*cmd || !strcmp(cmd, "none"))
		cmd = NULL;
	so->mermaid = cmd;
	so->mermaid_browser = getenv("ARCHGATE_MERMAID_BROWSER");
	const char *dir = getenv("ARCHGATE_CACHE_DIR"), *xdg = getenv("XDG_CACHE_HOME"),
		   *home = getenv("HOME");
	char *base = dir && *dir ? strdup(dir)
		: xdg && *xdg ? ag_path_join(xdg, "archgate")
		: home && *home ? ag_path_join(home, ".cache/archgate") : NULL;
	*cache = base ? ag_path_join(base, "mermaid") : NULL;
	free(base);
	so->mermaid_cache = *cache;
}

static int run_site(struct cli_ctx *c)
{
	if (c->npos)
		return cli_usage_error(c, "unexpected argument '%s'", c->pos[0]);
	const char *out = c->opt[SITE_OUT] ? c->opt[SITE_OUT] : "site";
	if (!*out)
		return cli_usage_error(c, "--out needs a folder name");
	const struct ag_model *m;
	int rc = cli_model(c, &m);
	if (rc)
		return rc;
	struct ag_check_opts co = {0};
	struct ag_result res;
	rc = ag_check_run(m, &co, &res);
	if (rc) {
		fprintf(stderr, "archgate site: %s\n", ag_strerror(rc));
		ag_result_release(&res);
		return AG_EXIT_USAGE;
	}
	struct ag_buf warn = AG_BUF_INIT;
	struct ag_site_opts so = {.out = out, .diagrams_svg = !c->opt[SITE_NO_GRAPHVIZ],
				  .warnings = &warn};
	char *cache = NULL;
	mermaid_opts(&so, c->opt[SITE_NO_MERMAID] != NULL, &cache);
	struct ag_site_stats st;
	struct ag_buf why = AG_BUF_INIT;
	rc = ag_site_build(m, &res, &so, &st, &why);
	ag_result_release(&res);
	free(cache);
	if (warn.len)
		fprintf(stderr, "%s", warn.data); /* file names text-escaped already */
	ag_buf_release(&warn);
	if (rc) {
		if (why.len)
			fprintf(stderr, "archgate site: %s; not writing '%s' (remove it or choose "
				"another --out)\n", cli_text(c, why.data), cli_text(c, out));
		else
			fprintf(stderr, "archgate site: cannot write '%s': %s\n", cli_text(c, out),
				ag_strerror(rc));
		ag_buf_release(&why);
		return AG_EXIT_USAGE;
	}
	ag_buf_release(&why);
	struct ag_buf b = AG_BUF_INIT;
	if (c->format == AG_FMT_JSON) {
		struct ag_json w;
		ag_json_init(&w, &b, AG_JSON_PRETTY);
		ag_json_begin_object(&w);
		ag_json_kv_str(&w, "out", out);
		ag_json_kv_int(&w, "pages", (long long)st.pages);
		ag_json_kv_int(&w, "files", (long long)st.files);
		ag_json_kv_int(&w, "bytes", (long long)st.bytes);
		ag_json_kv_int(&w, "written", (long long)st.written);
		ag_json_kv_int(&w, "unchanged", (long long)st.kept);
		ag_json_kv_int(&w, "records", (long long)st.records);
		ag_json_kv_int(&w, "rfcs", (long long)st.rfcs);
		ag_json_kv_int(&w, "radar_entries", (long long)st.entries);
		ag_json_key(&w, "mermaid");
		ag_json_begin_object(&w);
		ag_json_kv_int(&w, "svg", (long long)st.mermaid_svg);
		ag_json_kv_int(&w, "code", (long long)st.mermaid_code);
		ag_json_end_object(&w);
		ag_json_end_object(&w);
		rc = ag_json_finish(&w);
		if (!rc)
			rc = ag_buf_addc(&b, '\n');
	} else {
		rc = ag_buf_printf(&b, "wrote %zu pages (%zu files, %zu bytes; %zu changed, %zu "
				   "unchanged) to %s/: %zu decision records, %zu RFCs, %zu radar "
				   "entries\n", st.pages, st.files, st.bytes, st.written, st.kept,
				   cli_text(c, out), st.records, st.rfcs, st.entries);
	}
	return cli_output(c, &b, rc);
}

const struct cli_command cli_cmd_site = {
	.name = "site",
	.summary = "Build the architecture as a static website (board, records, radar, diagrams)",
	.usage = site_usage, CLI_OPTIONS(site_options), .formats = CLI_TEXT_JSON, CLI_MODEL,
	.run = run_site,
};

/* ---- archgate serve ------------------------------------------------------------------- */

static const char *const serve_usage[] = {
	"archgate serve [--port N] [--host ADDR] [--no-graphviz] [--no-mermaid] [--dir DIR]", "",
	"Serve the site of 'archgate site' on http://127.0.0.1:N/ (8080 by default; 0",
	"picks a free port), rebuilt in memory whenever a file of the arch folder, the",
	"decision records or the RFCs changes (inotify), and reloaded in the open pages",
	"(server-sent events at /_archgate/events). A rebuild that fails keeps the last",
	"good site and logs why. Only the site's own files are served, by exact path:",
	"nothing from the URL reaches the file system.", "",
	"Every response carries a strict Content-Security-Policy; pages have strong",
	"ETags (If-None-Match gives 304), HEAD works, gzip when the client accepts it;",
	"errors are application/problem+json; /metrics is Prometheus text. One JSON",
	"access log line per request goes to stderr; the URL is printed on stdout once",
	"the socket listens. Stops on SIGINT or SIGTERM.", "",
	"Examples:",
	"  archgate serve",
	"  archgate serve --port 0 --no-graphviz", NULL};

enum { SERVE_PORT, SERVE_HOST, SERVE_NO_GRAPHVIZ, SERVE_NO_MERMAID };
static const struct cli_option serve_options[] = {
	[SERVE_PORT] = CLI_VALUE("port", "N", "the TCP port (default 8080; 0: any free one)"),
	[SERVE_HOST] = CLI_VALUE("host", "ADDR", "the IPv4 address to listen on (default\n"
				 "127.0.0.1; another one exposes the site to that network)"),
	[SERVE_NO_GRAPHVIZ] = CLI_FLAG("no-graphviz", "do not run Graphviz 'dot' for the diagrams"),
	[SERVE_NO_MERMAID] = CLI_FLAG("no-mermaid", "do not run the Mermaid CLI for ```mermaid blocks"),
};

static volatile sig_atomic_t serve_stop;

static void on_signal(int sig)
{
	(void)sig;
	serve_stop = 1;
}

struct serve_ctx {
	struct cli_ctx *c;
	const char *arch_dir; /* absolute */
	bool svg;
	bool no_mermaid;
	bool first;
};

static int add_watch(char ***v, size_t *n, const char *dir)
{
	if (!dir || access(dir, F_OK))
		return 0;
	char **nv = realloc(*v, (*n + 1) * sizeof(**v));
	if (!nv)
		return AG_ENOMEM;
	*v = nv;
	if (!(nv[*n] = strdup(dir)))
		return AG_ENOMEM;
	(*n)++;
	return 0;
}

static void serve_log(void *ctx, const char *line, size_t len);

static int serve_build(void *ctx, struct ag_site *out, char ***watch, size_t *nwatch,
		       struct ag_buf *why)
{
	struct serve_ctx *sc = ctx;
	struct ag_model own;
	const struct ag_model *m = NULL;
	int rc = 0;
	if (sc->first) {
		/* the command's model, loaded (and any problem printed) by cli_model */
		sc->first = false;
		rc = cli_model(sc->c, &m);
		if (rc)
			return rc;
	} else {
		struct ag_diags d;
		ag_diags_init(&d);
		rc = ag_model_load(&own, sc->arch_dir, &d);
		if (!rc && ag_rules_check_policy(&own.policy, &d))
			rc = AG_EINVAL;
		for (size_t i = 0; rc && i < d.n && !why->len; i++)
			if (d.v[i].sev == AG_SEV_ERROR)
				ag_buf_printf(why, "%s:%d:%d: %s", d.v[i].file ? d.v[i].file : "",
					      d.v[i].line, d.v[i].col, d.v[i].message);
		ag_diags_release(&d);
		if (rc) {
			ag_model_release(&own);
			return rc;
		}
		m = &own;
	}
	struct ag_check_opts co = {0};
	struct ag_result res;
	rc = ag_check_run(m, &co, &res);
	struct ag_buf warn = AG_BUF_INIT;
	struct ag_site_opts so = {.diagrams_svg = sc->svg, .warnings = &warn};
	char *cache = NULL;
	mermaid_opts(&so, sc->no_mermaid, &cache);
	if (!rc)
		rc = ag_site_render(m, &res, &so, out);
	ag_result_release(&res);
	free(cache);
	/* each warning one JSON log line, like every line serve writes */
	for (const char *l = warn.data; !rc && l && *l;) {
		const char *e = strchr(l, '\n');
		size_t n = e ? (size_t)(e - l) : strlen(l);
		struct ag_buf j = AG_BUF_INIT;
		ag_buf_adds(&j, "{\"event\":\"warning\",\"message\":");
		ag_buf_json_str(&j, l, n);
		ag_buf_adds(&j, "}");
		if (!ag_buf_err(&j))
			serve_log(NULL, j.data, j.len);
		ag_buf_release(&j);
		l += n + (e != NULL);
	}
	ag_buf_release(&warn);
	*watch = NULL;
	*nwatch = 0;
	if (!rc)
		rc = add_watch(watch, nwatch, m->arch_dir);
	if (!rc)
		rc = add_watch(watch, nwatch, m->adrs.dir);
	for (size_t i = 0; !rc && i < m->adrs.npkgs; i++)
		rc = add_watch(watch, nwatch, m->adrs.pkgs[i].dir);
	if (!rc)
		rc = add_watch(watch, nwatch, m->rfcs.dir);
	static const char *const subs[] = {"slo", "slos", "decisions", "rfcs"};
	for (size_t i = 0; !rc && i < sizeof(subs) / sizeof(subs[0]); i++) {
		char *p = ag_path_join(m->arch_dir, subs[i]);
		rc = p ? add_watch(watch, nwatch, p) : AG_ENOMEM;
		free(p);
	}
	if (m == &own)
		ag_model_release(&own);
	return rc;
}

/* One access-log line: the line and its newline in one write(2), so the
 * request threads neither queue on stderr's lock nor make two system calls
 * a request, and lines from different threads never interleave (a write
 * to a pipe up to PIPE_BUF bytes, or to a file, is not split). */
static void serve_log(void *ctx, const char *line, size_t len)
{
	(void)ctx;
	char small[4096];
	char *b = len < sizeof small ? small : malloc(len + 1);
	if (!b)
		return;
	memcpy(b, line, len);
	b[len] = '\n';
	for (size_t off = 0; off <= len;) {
		ssize_t w = write(STDERR_FILENO, b + off, len + 1 - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	if (b != small)
		free(b);
}

static void serve_ready(void *ctx, int port)
{
	struct serve_ctx *sc = ctx;
	(void)sc;
	printf("serving http://%s:%d/\n", sc->c->opt[SERVE_HOST] ? sc->c->opt[SERVE_HOST]
		: "127.0.0.1", port);
	fflush(stdout);
}

static int run_serve(struct cli_ctx *c)
{
	if (c->npos)
		return cli_usage_error(c, "unexpected argument '%s'", c->pos[0]);
	int port = 8080;
	const char *p = c->opt[SERVE_PORT];
	if (p) {
		char *end;
		long v = strtol(p, &end, 10);
		if (!*p || *end || v < 0 || v > 65535)
			return cli_usage_error(c, "--port needs a number from 0 to 65535, not '%s'", p);
		port = (int)v;
	}
	const struct ag_model *m;
	int rc = cli_model(c, &m);
	if (rc)
		return rc;
	struct serve_ctx sc = {.c = c, .arch_dir = m->arch_dir, .svg = !c->opt[SERVE_NO_GRAPHVIZ],
			       .no_mermaid = c->opt[SERVE_NO_MERMAID] != NULL,
			       .first = true};
	struct sigaction sa = {.sa_handler = on_signal};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	struct ag_serve_opts so = {.host = c->opt[SERVE_HOST], .port = port, .build = serve_build,
				   .ctx = &sc, .log = serve_log, .ready = serve_ready,
				   .stop = &serve_stop};
	struct ag_buf why = AG_BUF_INIT;
	rc = ag_serve_run(&so, &why);
	if (rc && rc != AG_EXIT_USAGE)
		fprintf(stderr, "archgate serve: %s\n", why.len ? cli_text(c, why.data)
			: ag_strerror(rc));
	ag_buf_release(&why);
	return rc ? AG_EXIT_USAGE : 0;
}

const struct cli_command cli_cmd_serve = {
	.name = "serve",
	.summary = "Serve the site on 127.0.0.1, rebuilt and reloaded on changes",
	.usage = serve_usage, CLI_OPTIONS(serve_options), CLI_MODEL,
	.run = run_serve,
};
