/*
 * site_mermaid.c - fenced Mermaid blocks drawn as SVG at build time by the
 * Mermaid CLI, when one is installed (arch/decisions/0054).
 *
 * The renderer is a program that takes mmdc's options (-i input, -o
 * output, -c Mermaid config, -p puppeteer config, -q); opts->mermaid names
 * it, a path or a name looked up on PATH (the CLI passes "mmdc" unless
 * ARCHGATE_MERMAID says otherwise). It is run without a shell through
 * proc.h, with a timeout, once per diagram not in the cache, on files in a
 * private temporary folder: archgate writes the diagram's source there and
 * two configs of its own, and reads the SVG back.
 *
 * - Mermaid's config: securityLevel strict (no click callbacks, labels
 *   sanitised by Mermaid itself), htmlLabels off (labels are SVG text, not
 *   HTML in a foreignObject), deterministic ids from a fixed seed (the
 *   same diagram gives the same bytes), and those keys listed as `secure`
 *   so an %%{init}%% directive in the diagram cannot change them.
 * - Puppeteer's config: the browser (opts->mermaid_browser, else chromium
 *   or Chrome found on PATH), with every network request refused (a proxy
 *   that is not there, loopback included, and a resolver that resolves
 *   nothing): the page Mermaid draws in is a file:// one and needs none,
 *   and an image a diagram names is never fetched. --no-sandbox only when
 *   archgate runs as root (Chromium refuses to start there otherwise).
 *
 * The SVG it writes is untrusted: ag_site_svg_clean() rewrites it, and the
 * page shows it as an <img> (which runs no script and loads nothing) with
 * the diagram's source below. A rendered SVG is kept in opts->mermaid_cache
 * under a hash of the source, the configs and the renderer's identity
 * (its path, size and modification time), next to the source it came
 * from: a hit needs the same source byte for byte, and what is read from
 * the cache is cleaned again, so an edited cache file can add nothing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/fsutil.h"
#include "base/proc.h"
#include "site_impl.h"

#define SVG_LIMIT ((size_t)16 << 20)

struct ag_site_memo {
	char key[33];
	char *src;
	size_t n;
	struct ag_buf svg;
};

static const char mermaid_config[] =
	"{\"theme\":\"default\",\"securityLevel\":\"strict\",\"deterministicIds\":true,"
	"\"deterministicIDSeed\":\"archgate\",\"htmlLabels\":false,"
	"\"flowchart\":{\"htmlLabels\":false},\"class\":{\"htmlLabels\":false},"
	"\"state\":{\"htmlLabels\":false},"
	"\"secure\":[\"secure\",\"securityLevel\",\"startOnLoad\",\"maxTextSize\","
	"\"suppressErrorRendering\",\"maxEdges\",\"htmlLabels\",\"flowchart\",\"class\","
	"\"state\",\"deterministicIds\",\"deterministicIDSeed\",\"dompurifyConfig\","
	"\"themeCSS\",\"fontFamily\",\"altFontFamily\"]}\n";

/* The program `name` as a path: itself when it has a '/', else the first
 * executable of that name on PATH; NULL when there is none. */
static char *find_program(const char *name)
{
	if (!name || !*name)
		return NULL;
	if (strchr(name, '/'))
		return access(name, X_OK) ? NULL : realpath(name, NULL);
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		const char *e = strchr(path, ':');
		size_t l = e ? (size_t)(e - path) : strlen(path);
		if (l) {
			struct ag_buf b = AG_BUF_INIT;
			ag_buf_add(&b, path, l);
			ag_buf_addc(&b, '/');
			ag_buf_adds(&b, name);
			struct stat st;
			char *r = NULL;
			if (!ag_buf_err(&b) && !stat(b.data, &st) && S_ISREG(st.st_mode) &&
			    !access(b.data, X_OK))
				r = realpath(b.data, NULL);
			ag_buf_release(&b);
			if (r)
				return r;
		}
		path += l + (e != NULL);
	}
	return NULL;
}

static bool find_word(const char *s, size_t n, const char *w)
{
	size_t l = strlen(w);
	for (size_t i = 0; i + l <= n; i++)
		if (!memcmp(s + i, w, l))
			return true;
	return false;
}

static unsigned long long fnv(unsigned long long h, const void *p, size_t n)
{
	const unsigned char *c = p;
	for (size_t i = 0; i < n; i++) {
		h ^= c[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Looks the renderer and the browser up and writes the configs, once per
 * build. */
static void prepare(struct ag_site_mermaid *mm)
{
	mm->looked = true;
	mm->cmd = find_program(mm->o->mermaid);
	if (!mm->cmd)
		return;
	struct stat st;
	struct ag_buf id = AG_BUF_INIT;
	ag_buf_adds(&id, mm->cmd);
	if (!stat(mm->cmd, &st))
		ag_buf_printf(&id, "\n%lld\n%lld\n", (long long)st.st_size,
			      (long long)st.st_mtime);
	static const char *const browsers[] = {"chromium", "chromium-browser",
					       "google-chrome-stable", "google-chrome", NULL};
	if (mm->o->mermaid_browser && *mm->o->mermaid_browser)
		mm->browser = find_program(mm->o->mermaid_browser);
	for (size_t i = 0; !mm->browser && !(mm->o->mermaid_browser && *mm->o->mermaid_browser) &&
			   browsers[i]; i++)
		mm->browser = find_program(browsers[i]);
	struct ag_buf pc = AG_BUF_INIT;
	ag_buf_adds(&pc, "{\"headless\":\"shell\",");
	if (mm->browser) {
		ag_buf_adds(&pc, "\"executablePath\":");
		ag_buf_json_str(&pc, mm->browser, strlen(mm->browser));
		ag_buf_addc(&pc, ',');
	}
	ag_buf_adds(&pc, "\"args\":[");
	if (geteuid() == 0)
		ag_buf_adds(&pc, "\"--no-sandbox\",");
	ag_buf_adds(&pc, "\"--disable-gpu\",\"--no-first-run\",\"--disable-background-networking\","
		    "\"--disable-component-update\",\"--disable-sync\","
		    "\"--proxy-server=127.0.0.1:9\",\"--proxy-bypass-list=<-loopback>\","
		    "\"--host-resolver-rules=MAP * ~NOTFOUND\"]}\n");
	ag_buf_add(&id, pc.data, pc.len);
	ag_buf_adds(&id, mermaid_config);
	mm->ident_a = fnv(0xcbf29ce484222325ULL, id.data, id.len);
	mm->ident_b = fnv(0x84222325cbf29ce4ULL, id.data, id.len);
	const char *tmp = getenv("TMPDIR");
	char templ[4096];
	ag_snprintf(templ, sizeof templ, "%s/archgate-mermaid-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!ag_buf_err(&pc) && !ag_buf_err(&id) && mkdtemp(templ)) {
		mm->tmpdir = strdup(templ);
		char *p = mm->tmpdir ? ag_path_join(mm->tmpdir, "puppeteer.json") : NULL;
		char *c = mm->tmpdir ? ag_path_join(mm->tmpdir, "mermaid.json") : NULL;
		if (!p || !c || ag_write_new(p, pc.data, pc.len) ||
		    ag_write_new(c, mermaid_config, strlen(mermaid_config))) {
			free(mm->cmd);
			mm->cmd = NULL; /* cannot run it: as if it were not there */
		}
		free(p);
		free(c);
	} else {
		free(mm->cmd);
		mm->cmd = NULL;
	}
	ag_buf_release(&pc);
	ag_buf_release(&id);
}

static void cleanup_tmp(struct ag_site_mermaid *mm)
{
	static const char *const files[] = {"puppeteer.json", "mermaid.json", "in.mmd", "out.svg",
					    "batch.md", "batch-out.md", NULL};
	if (!mm->tmpdir)
		return;
	for (size_t i = 0; files[i]; i++) {
		char *p = ag_path_join(mm->tmpdir, files[i]);
		if (p)
			unlink(p);
		free(p);
	}
	rmdir(mm->tmpdir);
	free(mm->tmpdir);
	mm->tmpdir = NULL;
}

/* The cache's file for `key` with extension `ext`, malloc'd. */
static char *cache_path(const struct ag_site_mermaid *mm, const char *key, const char *ext)
{
	char name[64];
	ag_snprintf(name, sizeof name, "%s.%s", key, ext);
	return ag_path_join(mm->o->mermaid_cache, name);
}

static bool cache_get(const struct ag_site_mermaid *mm, const char *key, const char *src,
		      size_t n, struct ag_buf *svg)
{
	if (!mm->o->mermaid_cache || !*mm->o->mermaid_cache)
		return false;
	char *pm = cache_path(mm, key, "mmd"), *ps = cache_path(mm, key, "svg");
	char *dm = NULL, *ds = NULL;
	size_t lm = 0, ls = 0;
	bool ok = pm && ps && !ag_read_file(pm, n + 1, &dm, &lm) && lm == n &&
		  !memcmp(dm, src, n) && !ag_read_file(ps, SVG_LIMIT, &ds, &ls) &&
		  !ag_site_svg_clean(ds, ls, svg);
	free(pm), free(ps), free(dm), free(ds);
	return ok;
}

static void cache_put(const struct ag_site_mermaid *mm, const char *key, const char *src,
		      size_t n, const struct ag_buf *svg)
{
	if (!mm->o->mermaid_cache || !*mm->o->mermaid_cache || ag_mkdirs(mm->o->mermaid_cache))
		return;
	char *pm = cache_path(mm, key, "mmd"), *ps = cache_path(mm, key, "svg");
	/* the SVG first: an entry counts only once its source is there too */
	if (pm && ps) {
		int rc = ag_write_new(ps, svg->data, svg->len);
		if (rc == AG_EEXIST) { /* a stale or foreign entry: replaced only if ours */
			rc = ag_write_replace(ps, svg->data, svg->len);
			unlink(pm);
		}
		if (!rc)
			ag_write_new(pm, src, n);
	}
	free(pm), free(ps);
}

/* What the renderer's stderr says went wrong: its first line holding
 * "Error" (mmdc: "Error: Parse error on line 2:"), else its last line that
 * is not a stack frame; at most 200 bytes, as terminal-safe text. */
static void error_line(struct ag_buf *why, const struct ag_buf *err)
{
	const char *best = NULL, *last = NULL;
	size_t bl = 0, ll = 0;
	for (const char *l = err->data, *end = err->data + err->len; l < end;) {
		const char *e = memchr(l, '\n', (size_t)(end - l));
		size_t n = e ? (size_t)(e - l) : (size_t)(end - l);
		while (n && (l[n - 1] == '\r' || l[n - 1] == ' '))
			n--;
		const char *t = l;
		while (t < l + n && (*t == ' ' || *t == '\t'))
			t++;
		bool frame = (size_t)(l + n - t) > 3 && !memcmp(t, "at ", 3);
		if (n && !frame) {
			last = l, ll = n;
			if (!best && find_word(l, n, "Error"))
				best = l, bl = n;
		}
		l = e ? e + 1 : end;
	}
	if (!best)
		best = last, bl = ll;
	if (best)
		ag_buf_text_str(why, best, bl > 200 ? 200 : bl);
}

static void key_of(const struct ag_site_mermaid *mm, const char *src, size_t n, char key[33])
{
	unsigned long long a = fnv(mm->ident_a, src, n), b = fnv(mm->ident_b, src, n);
	ag_snprintf(key, 33, "%016llx%016llx", a, b);
}

static struct ag_site_memo *memo_find(const struct ag_site_mermaid *mm, const char *key,
				      const char *src, size_t n)
{
	for (size_t i = 0; i < mm->nmemo; i++)
		if (!strcmp(mm->memo[i].key, key) && mm->memo[i].n == n &&
		    !memcmp(mm->memo[i].src, src, n))
			return &mm->memo[i];
	return NULL;
}

/* Keep a drawn (cleaned) SVG for this build; takes `svg`. */
static int memo_add(struct ag_site_mermaid *mm, const char *key, const char *src, size_t n,
		    struct ag_buf *svg)
{
	struct ag_site_memo *v = realloc(mm->memo, (mm->nmemo + 1) * sizeof(*v));
	if (!v)
		return AG_ENOMEM;
	mm->memo = v;
	struct ag_site_memo *m = &v[mm->nmemo];
	m->src = malloc(n + 1);
	if (!m->src)
		return AG_ENOMEM;
	memcpy(m->src, src, n);
	m->src[n] = 0;
	m->n = n;
	memcpy(m->key, key, 33);
	m->svg = *svg;
	ag_buf_init(svg);
	mm->nmemo++;
	return 0;
}

/* Whether mmdc's Markdown reader would read `src` back as it is inside a
 * ```mermaid fence: no fence of its own (``` ~~~ :::) in it. */
static bool batchable(const char *src, size_t n)
{
	return n && src[n - 1] == '\n' && !find_word(src, n, "```") && !find_word(src, n, ":::") &&
	       !find_word(src, n, "~~~") && !memchr(src, '\r', n);
}

int ag_site_mermaid_batch(struct ag_site_mermaid *mm, const char *const *srcs,
			  const size_t *lens, size_t n)
{
	if (!mm->o->mermaid || !*mm->o->mermaid || n < 2)
		return 0;
	if (!mm->looked)
		prepare(mm);
	if (!mm->cmd)
		return 0;
	struct ag_buf md = AG_BUF_INIT, svg = AG_BUF_INIT;
	size_t *pick = calloc(n, sizeof(*pick)), k = 0;
	int rc = pick ? 0 : AG_ENOMEM;
	for (size_t i = 0; !rc && i < n; i++) {
		char key[33];
		key_of(mm, srcs[i], lens[i], key);
		if (!batchable(srcs[i], lens[i]) || memo_find(mm, key, srcs[i], lens[i]))
			continue;
		bool dup = false;
		for (size_t j = 0; j < k && !dup; j++)
			dup = lens[pick[j]] == lens[i] && !memcmp(srcs[pick[j]], srcs[i], lens[i]);
		if (dup)
			continue;
		if (cache_get(mm, key, srcs[i], lens[i], &svg)) {
			rc = memo_add(mm, key, srcs[i], lens[i], &svg);
			continue;
		}
		ag_buf_reset(&svg);
		pick[k++] = i;
		ag_buf_adds(&md, "```mermaid\n");
		ag_buf_add(&md, srcs[i], lens[i]);
		ag_buf_adds(&md, "```\n\n");
	}
	if (!rc)
		rc = ag_buf_err(&md);
	char *in = ag_path_join(mm->tmpdir, "batch.md"), *out = ag_path_join(mm->tmpdir, "batch-out.md");
	char *pc = ag_path_join(mm->tmpdir, "puppeteer.json");
	char *mc = ag_path_join(mm->tmpdir, "mermaid.json");
	if (!rc && (!in || !out || !pc || !mc))
		rc = AG_ENOMEM;
	bool ran = false;
	if (!rc && k >= 2) {
		unlink(in);
		if (!ag_write_new(in, md.data, md.len)) {
			const char *argv[] = {mm->cmd, "-q", "-p", pc, "-c", mc, "-i", in, "-o", out,
					      "-a", mm->tmpdir, NULL};
			struct ag_proc p = AG_PROC_INIT;
			p.argv = argv;
			unsigned each = mm->o->mermaid_timeout_ms ? mm->o->mermaid_timeout_ms : 60000;
			p.timeout_ms = each + (unsigned)(k < 60 ? k : 60) * 10000;
			mm->runs++;
			ran = !ag_proc_run(&p, NULL) && p.exit_code == 0;
		}
	}
	for (size_t j = 0; !rc && k >= 2 && j < k; j++) {
		char name[64];
		ag_snprintf(name, sizeof name, "batch-out-%zu.svg", j + 1);
		char *f = ag_path_join(mm->tmpdir, name);
		char *d = NULL;
		size_t l = 0;
		if (!f) {
			rc = AG_ENOMEM;
			break;
		}
		if (ran && !ag_read_file(f, SVG_LIMIT, &d, &l)) {
			ag_buf_reset(&svg);
			if (!ag_site_svg_clean(d, l, &svg)) {
				char key[33];
				size_t i = pick[j];
				key_of(mm, srcs[i], lens[i], key);
				cache_put(mm, key, srcs[i], lens[i], &svg);
				rc = memo_add(mm, key, srcs[i], lens[i], &svg);
				mm->rendered++;
			}
		}
		free(d);
		unlink(f);
		free(f);
	}
	if (in)
		unlink(in);
	if (out)
		unlink(out);
	free(in), free(out), free(pc), free(mc), free(pick);
	ag_buf_release(&md);
	ag_buf_release(&svg);
	return rc;
}

int ag_site_mermaid(struct ag_site_mermaid *mm, const char *src, size_t n, char key[33],
		    struct ag_buf *svg, struct ag_buf *why)
{
	if (!mm->o->mermaid || !*mm->o->mermaid)
		return AG_ENOENT;
	if (!mm->looked)
		prepare(mm);
	if (!mm->cmd)
		return AG_ENOENT;
	key_of(mm, src, n, key);
	const struct ag_site_memo *hit = memo_find(mm, key, src, n);
	if (hit) {
		mm->cached++;
		return ag_buf_add(svg, hit->svg.data, hit->svg.len);
	}
	if (cache_get(mm, key, src, n, svg)) {
		mm->cached++;
		return 0;
	}
	char *in = ag_path_join(mm->tmpdir, "in.mmd"), *out = ag_path_join(mm->tmpdir, "out.svg");
	char *pc = ag_path_join(mm->tmpdir, "puppeteer.json");
	char *mc = ag_path_join(mm->tmpdir, "mermaid.json");
	int rc = in && out && pc && mc ? 0 : AG_ENOMEM;
	if (!rc) {
		unlink(in);
		unlink(out);
		rc = ag_write_new(in, src, n);
		if (rc)
			ag_buf_printf(why, "cannot write its input: %s", ag_strerror(rc));
	}
	struct ag_buf err = AG_BUF_INIT;
	if (!rc) {
		const char *argv[] = {mm->cmd, "-q", "-p", pc, "-c", mc, "-i", in, "-o", out, NULL};
		struct ag_proc p = AG_PROC_INIT;
		p.argv = argv;
		p.err = &err;
		p.out = NULL;
		p.timeout_ms = mm->o->mermaid_timeout_ms ? mm->o->mermaid_timeout_ms : 60000;
		mm->runs++;
		rc = ag_proc_run(&p, NULL);
		if (rc == AG_ELIMIT || p.timed_out) {
			ag_buf_printf(why, "it did not finish within %u s", p.timeout_ms / 1000);
			rc = AG_EIO;
		} else if (rc) {
			ag_buf_printf(why, "it could not be started (%s)", ag_strerror(rc));
			rc = AG_EIO;
		} else if (p.exit_code != 0) {
			if (p.signal)
				ag_buf_printf(why, "it was ended by signal %d", p.signal);
			else
				ag_buf_printf(why, "it exited with status %d", p.exit_code);
			if (err.len) {
				ag_buf_adds(why, ": ");
				error_line(why, &err);
			}
			rc = AG_EIO;
		}
	}
	if (!rc) {
		char *d = NULL;
		size_t l = 0;
		rc = ag_read_file(out, SVG_LIMIT, &d, &l);
		if (rc) {
			ag_buf_printf(why, "it wrote no SVG (%s)", ag_strerror(rc));
			rc = AG_EIO;
		} else if (ag_site_svg_clean(d, l, svg)) {
			ag_buf_adds(why, "its SVG is not well-formed XML");
			rc = AG_EIO;
		}
		free(d);
	}
	if (!rc) {
		mm->rendered++;
		cache_put(mm, key, src, n, svg);
	}
	if (in)
		unlink(in);
	if (out)
		unlink(out);
	free(in), free(out), free(pc), free(mc);
	ag_buf_release(&err);
	return rc == AG_ENOMEM ? AG_ENOMEM : rc ? AG_EIO : 0;
}

void ag_site_mermaid_release(struct ag_site_mermaid *mm)
{
	cleanup_tmp(mm);
	for (size_t i = 0; i < mm->nmemo; i++) {
		free(mm->memo[i].src);
		ag_buf_release(&mm->memo[i].svg);
	}
	free(mm->memo);
	mm->memo = NULL;
	mm->nmemo = 0;
	free(mm->cmd);
	free(mm->browser);
	mm->cmd = mm->browser = NULL;
}
