/*
 * site.h - the architecture as a static website (`archgate site`).
 *
 * ag_site_build() renders one model and one check result into a folder of
 * plain HTML, CSS, SVG and a few kilobytes of JavaScript that reads from
 * file:// and from any static host: the phase board, the decision records
 * (a timeline with filters, each record with its links both ways), the
 * RFCs with their sign-off state, the context and container diagrams, the
 * radar with every blip linked to its entry, the SLOs, the debt register,
 * cost against the ceiling and the findings of `check`; and a search index
 * built at build time (assets/search.json, and assets/search-index.js, the
 * same JSON as a script, because a page opened from file:// may not fetch).
 * Layout and choices: arch/decisions/0038.
 *
 * Safety (arch/decisions/0037, ADR-023): every string from the repository
 * is escaped for where it goes (HTML text, attribute, JSON); Markdown goes
 * through md4c with raw HTML off and is rendered by site_md.c, which drops
 * every link and image whose URL the allowlist refuses (javascript:, data:,
 * vbscript:, ...). Pages carry a Content-Security-Policy that allows only
 * the site's own script and style.
 *
 * Output (site_out.c): the pages are written to a new folder next to the
 * destination, which then replaces the destination in one rename, so a
 * reader never sees half a site. A destination that exists is replaced
 * only when archgate built it (its manifest, .archgate-site, lists every
 * file in it; a file someone added makes the build refuse). The same
 * input gives the same bytes.
 */
#ifndef AG_SITE_H
#define AG_SITE_H

#include "base/buf.h"
#include "model/model.h"
#include "rules/rules.h"

/* The manifest of a built site, in the folder's top (one path a line). */
#define AG_SITE_MANIFEST ".archgate-site"

struct ag_site_opts {
	const char *out;       /* the destination folder */
	bool diagrams_svg;     /* run Graphviz for the diagrams (else their DOT as text) */
	/* Fenced ```mermaid blocks (site_mermaid.c, arch/decisions/0054): the
	 * Mermaid CLI to run (mmdc's options; a path or a name on PATH), NULL
	 * to show them as code; the browser it starts (NULL: chromium or
	 * Chrome on PATH); the folder where drawn diagrams are kept by content
	 * hash (NULL: none); its timeout per diagram (0: 60 s). */
	const char *mermaid;
	const char *mermaid_browser;
	const char *mermaid_cache;
	unsigned mermaid_timeout_ms;
	/* Warnings (a Mermaid block shown as code because the renderer is not
	 * installed or failed: "FILE:LINE: ..."), one line each, appended
	 * here; NULL: dropped. The build never fails for them. */
	struct ag_buf *warnings;
};

struct ag_site_stats {
	size_t pages, files, bytes;
	size_t mermaid_svg, mermaid_code; /* Mermaid blocks drawn, and shown as code */
	size_t records, rfcs, entries; /* decision records, RFCs, radar entries */
	size_t written, kept;          /* files written anew, unchanged ones kept */
};

/* One file of a site being built: its path inside the site and its bytes. */
struct ag_site_file {
	char *path;
	struct ag_buf data;
};

struct ag_site {
	struct ag_site_file *v;
	size_t n, alloc;
	size_t mermaid_svg, mermaid_code; /* Mermaid blocks drawn, shown as code */
};

/* Render every page of the site into `site` (memory only). `res` is the
 * check result of `m` (ag_check_run). Returns 0 or AG_ENOMEM. */
int ag_site_render(const struct ag_model *m, const struct ag_result *res,
		   const struct ag_site_opts *o, struct ag_site *site);
void ag_site_release(struct ag_site *site);

/* What a write did: files written anew, and files whose bytes were
 * already in the old site, hard-linked from it (ADR 0055). */
struct ag_site_write_stats {
	size_t written, kept;
};

/* Write `site` to opts->out atomically (see above); a file whose bytes the
 * site being replaced already has is that file, hard-linked, not written
 * again (its inode and mtime stay). Returns 0, AG_EEXIST when the
 * destination holds something archgate did not build (`why` names it), or
 * a write error (fsutil.h's causes). `st` may be NULL. */
int ag_site_write(const struct ag_site *site, const char *out, struct ag_site_write_stats *st,
		  struct ag_buf *why);

/* ag_site_render then ag_site_write; stats may be NULL. */
int ag_site_build(const struct ag_model *m, const struct ag_result *res,
		  const struct ag_site_opts *o, struct ag_site_stats *stats, struct ag_buf *why);

/* Markdown to HTML through md4c (site_md.c): raw HTML is text, links and
 * images the URL allowlist refuses keep their text and lose their URL,
 * relative links to "NAME.md" become "NAME.html" when resolve() says that
 * page exists (resolve may be NULL). `plain` (may be NULL) gets the text
 * for the search index. Returns 0 or AG_ENOMEM. */
struct ag_site_md_opts {
	/* A relative link target -> the href to write (into `out`), true when
	 * it rewrote it; NULL: links are kept as written. */
	bool (*resolve)(void *ctx, const char *target, size_t n, struct ag_buf *out);
	void *ctx;
	int heading_shift; /* added to every heading level (the page has an h1) */
	bool skip_first_h1; /* the record's own title heading */
	/* A fenced code block whose info string's first word is "mermaid":
	 * its text (entities not decoded: code is literal) and the byte offset
	 * in `text` of its first line. Returns true when it wrote the HTML to
	 * show instead into `html`, false to show it as code. NULL: code. */
	bool (*mermaid)(void *ctx, const char *code, size_t n, size_t offset, struct ag_buf *html);
};
int ag_site_md(struct ag_buf *html, struct ag_buf *plain, const char *text, size_t len,
	       const struct ag_site_md_opts *o);

/* Rewrite the untrusted SVG `s` into `out` keeping only what draws
 * (site_svg.c): no script, event handler, foreignObject, image, animation,
 * external reference, javascript:/data: value, or CSS that fetches.
 * Returns 0, AG_EINVAL when `s` is not one well-formed <svg> element (a
 * DOCTYPE, mismatched tags, an unquoted attribute: `out` unchanged), or
 * AG_ENOMEM. */
int ag_site_svg_clean(const char *s, size_t n, struct ag_buf *out);

#endif
