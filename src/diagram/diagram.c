/*
 * diagram.c - context and container diagrams in six notations; see
 * diagram.h.
 *
 * Built in two steps so every notation draws the same picture: a view
 * (nodes and merged, labelled edges, with identifiers that are safe in every
 * notation) is computed once from the model, then a writer per notation
 * prints it. The writers differ only in syntax and in how they escape text,
 * and that is where the care goes: each notation has its own traps (Mermaid
 * decodes #name; entities, PlantUML expands macro names and Creole markup
 * inside strings and reads files in the platform charset, Structurizr
 * substitutes ${NAME} from the environment, DOT's HTML labels are XML).
 *
 * Output is appended without testing each result: struct ag_buf keeps
 * the first failure (base/buf.h, ADR-018), every later append is a no-op,
 * and the entry points return the buffer's error once at the end, which
 * keeps the writers readable.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/fsutil.h"
#include "diagram.h"
#include "diagram_svg.h"

/* ------------------------------------------------------------------------ */
/* Names                                                                    */

static const char *const view_names[] = {"context", "container"};
static const char *const format_names[AG_DIAG_NFORMATS] = {
	"mermaid", "mermaid-flowchart", "dot", "plantuml", "structurizr", "svg"};

const char *ag_diagram_view_name(enum ag_diagram_view v)
{
	return (unsigned)v < 2 ? view_names[v] : "context";
}

int ag_diagram_view_parse(const char *s)
{
	for (int i = 0; i < 2; i++)
		if (!strcmp(s, view_names[i]))
			return i;
	return -1;
}

const char *ag_diagram_format_name(enum ag_diagram_format f)
{
	return (unsigned)f < AG_DIAG_NFORMATS ? format_names[f] : "mermaid";
}

int ag_diagram_format_parse(const char *s)
{
	for (int i = 0; i < AG_DIAG_NFORMATS; i++)
		if (!strcmp(s, format_names[i]))
			return i;
	return -1;
}

int ag_diagram_format_for_path(const char *path)
{
	static const struct {
		const char *ext;
		enum ag_diagram_format f;
	} exts[] = {
		{".mmd", AG_DIAG_MERMAID},   {".mermaid", AG_DIAG_MERMAID},
		{".dot", AG_DIAG_DOT},       {".gv", AG_DIAG_DOT},
		{".puml", AG_DIAG_PLANTUML}, {".plantuml", AG_DIAG_PLANTUML},
		{".pu", AG_DIAG_PLANTUML},   {".dsl", AG_DIAG_STRUCTURIZR},
		{".svg", AG_DIAG_SVG},
	};
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	if (!dot)
		return -1;
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (!strcmp(dot, exts[i].ext))
			return (int)exts[i].f;
	return -1;
}

/* ------------------------------------------------------------------------ */
/* Short names for the appends (the buffer's error is checked at the end) */

static void put(struct ag_buf *o, const char *s)
{
	ag_buf_adds(o, s);
}

static void putn(struct ag_buf *o, const char *s, size_t n)
{
	ag_buf_add(o, s, n);
}

static void putch(struct ag_buf *o, char c)
{
	ag_buf_addc(o, c);
}

__attribute__((format(printf, 2, 3))) static void putf(struct ag_buf *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ag_buf_vprintf(o, fmt, ap);
	va_end(ap);
}

/* ------------------------------------------------------------------------ */
/* Text: words, wrapping and escaping                                       */

struct txt {
	const char *s;
	size_t len;
};

static struct txt txt_of(const struct ag_scalar *sc)
{
	struct txt t = {"", 0};
	if (sc && sc->set && sc->s) {
		t.s = sc->s;
		t.len = sc->len;
	}
	return t;
}

static struct txt txt_str(const char *s)
{
	struct txt t = {s, strlen(s)};
	return t;
}

/* Whitespace and control characters separate words; a diagram label is one
 * line of words, which each writer wraps or not. */
static bool is_sep(unsigned char c)
{
	return c <= ' ' || c == 0x7f;
}

static bool has_words(struct txt t)
{
	for (size_t i = 0; i < t.len; i++)
		if (!is_sep((unsigned char)t.s[i]))
			return true;
	return false;
}

/* Escapes one word (no whitespace inside) for a notation. */
typedef void (*escfn)(struct ag_buf *o, const char *s, size_t n);

static size_t utf8_width(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		w += ((unsigned char)s[i] & 0xC0) != 0x80;
	return w;
}

/* Write the words of `t` through `esc`, one space between words, starting a
 * new line (`brk`) before a word that would pass `width` code points (0: no
 * wrapping). */
static void put_words(struct ag_buf *o, struct txt t, escfn esc, size_t width, const char *brk)
{
	size_t i = 0, col = 0;
	bool first = true;
	while (i < t.len) {
		while (i < t.len && is_sep((unsigned char)t.s[i]))
			i++;
		size_t start = i;
		while (i < t.len && !is_sep((unsigned char)t.s[i]))
			i++;
		if (i == start)
			break;
		size_t w = utf8_width(t.s + start, i - start);
		if (!first) {
			if (width && col + 1 + w > width) {
				put(o, brk);
				col = 0;
			} else {
				esc(o, " ", 1);
				col++;
			}
		}
		esc(o, t.s + start, i - start);
		col += w;
		first = false;
	}
}

static void put_text(struct ag_buf *o, struct txt t, escfn esc)
{
	put_words(o, t, esc, 0, "");
}

/* Decode one UTF-8 sequence at s[*i]; invalid bytes give U+FFFD. The model
 * loader only accepts valid UTF-8, so that is belt and braces. */
static unsigned long utf8_next(const char *s, size_t n, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char c = u[*i];
	int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
	if (!len || *i + (size_t)len > n) {
		(*i)++;
		return 0xFFFD;
	}
	unsigned long cp = len == 1 ? c : c & (0x7F >> len);
	for (int k = 1; k < len; k++) {
		if ((u[*i + (size_t)k] & 0xC0) != 0x80) {
			(*i)++;
			return 0xFFFD;
		}
		cp = cp << 6 | (u[*i + (size_t)k] & 0x3F);
	}
	*i += (size_t)len;
	return cp;
}

/* Mermaid: the source is entity-encoded before parsing and decoded after
 * rendering, so #quot; #lt; #gt; #amp; #35; and #37; stand for " < > & #
 * and % everywhere (C4 strings cannot hold a quote at all); the one
 * Mermaid escaper (ADR-023) also takes '%' (no "%%{init}%%" directive),
 * brackets and '|'. */
static void esc_mermaid(struct ag_buf *o, const char *s, size_t n)
{
	ag_buf_mermaid_str(o, s, n);
}

/* The flowchart's title lives in the front matter, a YAML double-quoted
 * string that Mermaid prints as plain text (its entities are not decoded
 * there): YAML's escapes. Mermaid (11.x) turns a title's '&' into a
 * visible "&amp;" and no escape survives that, so it is written as the
 * fullwidth ampersand U+FF06 instead. */
static void esc_yaml(struct ag_buf *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '&') {
			put(o, "\xEF\xBC\x86");
			continue;
		}
		if (s[i] == '%') { /* no "%%" of a directive, even in front matter */
			put(o, "\\x25");
			continue;
		}
		if (s[i] == '"' || s[i] == '\\')
			putch(o, '\\');
		putch(o, s[i]);
	}
}

/* DOT HTML-like labels are XML: escape the five XML characters. */
static void esc_dot(struct ag_buf *o, const char *s, size_t n)
{
	ag_buf_xml_str(o, s, n);
}

/* PlantUML: inside a C4 macro argument the preprocessor still expands
 * function calls (`Rel(` in a label) and $variables, the renderer still
 * reads Creole markup (**, //, --, __, ~~, "", ==, [[) and <tags>, and the
 * file is read in the platform's charset. So: <U+XXXX> for ", <, >, &, \,
 * $, every non-ASCII character, a '(' right after a name character, and the
 * first of any doubled markup character; everything else as is. */
static bool puml_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '%' || c == '$';
}

static void esc_puml(struct ag_buf *o, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			unsigned long cp = utf8_next(s, n, &i);
			putf(o, "<U+%04lX>", cp);
			continue;
		}
		bool esc = strchr("\"<>&\\$", c) != NULL;
		if (c == '(' && i > 0 && puml_name_char(s[i - 1]))
			esc = true;
		if (strchr("*/-_~\"=[]'^", c) && i + 1 < n && s[i + 1] == (char)c)
			esc = true;
		if (esc)
			putf(o, "<U+%04X>", c);
		else
			putch(o, (char)c);
		i++;
	}
}

/* Structurizr DSL strings: \" is a quote and \n a line break; ${NAME} is
 * replaced by a constant or an environment variable of whoever renders the
 * file. A word joiner (U+2060, invisible) breaks up \n and ${ so both stay
 * literal text. */
static void esc_structurizr(struct ag_buf *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '"') {
			put(o, "\\\"");
		} else if ((c == '\\' && i + 1 < n && s[i + 1] == 'n') ||
			   (c == '$' && i + 1 < n && s[i + 1] == '{')) {
			putch(o, c);
			put(o, "\xE2\x81\xA0");
		} else {
			putch(o, c);
		}
	}
}

/* ------------------------------------------------------------------------ */
/* The view                                                                 */

enum nkind { N_PERSON, N_SYSTEM, N_CONTAINER, N_EXTERNAL };

struct node {
	enum nkind kind;
	const char *id;              /* generated: [A-Za-z][A-Za-z0-9_]*, unique */
	struct txt mid;              /* the model's id ("" for the system) */
	struct txt name, desc;
	struct txt ekind;            /* external systems: their kind */
	const struct ag_container *c; /* containers */
};

struct edge {
	size_t from, to; /* node indexes */
	struct txt *labels;
	size_t nlabels, alabels;
	struct txt *techs;
	size_t ntechs, atechs;
};

struct view {
	struct ag_arena arena;
	enum ag_diagram_view kind;
	enum ag_diagram_view asked; /* the view the user asked for */
	const struct ag_model *m;
	struct node *nodes;
	size_t nnodes;
	size_t sys; /* the system: a box (context) or the boundary (container) */
	struct edge *edges;
	size_t nedges;
	size_t npeople, nexternal, ncontainers, ndb;
	struct txt title;
};

static const char *const kind_display[] = {"Service", "Web app", "Mobile app", "Worker",
					   "Function", "Datastore", "Cache", "Queue",
					   "Container"};

static int container_kind(const struct ag_container *c)
{
	return c->kind.set && c->kind.e >= 0 && c->kind.e <= AG_CK_OTHER ? c->kind.e
									 : AG_CK_SERVICE;
}

static bool is_db(const struct node *n)
{
	if (n->kind != N_CONTAINER)
		return false;
	int k = container_kind(n->c);
	return k == AG_CK_DATASTORE || k == AG_CK_CACHE;
}

static bool is_queue(const struct node *n)
{
	return n->kind == N_CONTAINER && container_kind(n->c) == AG_CK_QUEUE;
}

/* An identifier every notation accepts: a kind prefix keeps it clear of
 * keywords (Mermaid's `end`, DOT's `node`) and of leading digits; other
 * characters become '_'; a clash after that gets _2, _3, ... */
static const char *make_id(struct view *v, const char *prefix, struct txt mid)
{
	size_t pl = strlen(prefix), n = pl + mid.len;
	char *id = ag_arena_alloc(&v->arena, n + 24);
	if (!id)
		return NULL;
	memcpy(id, prefix, pl);
	for (size_t i = 0; i < mid.len; i++) {
		char c = mid.s[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c == '_';
		id[pl + i] = ok ? c : '_';
	}
	id[n] = '\0';
	for (unsigned k = 2;; k++) {
		bool clash = false;
		for (size_t i = 0; i < v->nnodes && !clash; i++)
			clash = v->nodes[i].id && !strcmp(v->nodes[i].id, id);
		if (!clash)
			return id;
		snprintf(id + n, 24, "_%u", k);
	}
}

static int add_node(struct view *v, enum nkind kind, const char *prefix, struct txt mid,
		    struct txt name, struct txt desc)
{
	struct node *nd = &v->nodes[v->nnodes];
	memset(nd, 0, sizeof(*nd));
	nd->kind = kind;
	nd->mid = mid;
	nd->name = has_words(name) ? name : mid;
	nd->desc = desc;
	nd->id = kind == N_SYSTEM ? prefix : make_id(v, prefix, mid);
	if (!nd->id)
		return AG_ENOMEM;
	v->nnodes++;
	return 0;
}

/* The node a relation end names, or -1. In the context view every
 * container stands for the system. */
static long find_node(const struct view *v, const struct ag_scalar *ref)
{
	if (!ref->set || !ref->s)
		return -1;
	for (size_t i = 0; i < v->nnodes; i++) {
		const struct node *n = &v->nodes[i];
		if (n->mid.len == ref->len && n->mid.len && !memcmp(n->mid.s, ref->s, ref->len))
			return (long)i;
	}
	if (ag_model_container(v->m, ref->s, ref->len))
		return (long)v->sys; /* context view: containers are inside the box */
	const struct ag_scalar *sn = &v->m->sys.system.name;
	if (!strcmp(ref->s, "system") ||
	    (sn->set && sn->len == ref->len && !memcmp(sn->s, ref->s, ref->len)))
		return (long)v->sys;
	return -1;
}

static bool txt_eq(struct txt a, struct txt b)
{
	return a.len == b.len && !memcmp(a.s, b.s, a.len);
}

/* Add `t` to a list of distinct texts. */
static int add_distinct(struct view *v, struct txt **list, size_t *n, size_t *alloc,
			struct txt t)
{
	for (size_t i = 0; i < *n; i++)
		if (txt_eq((*list)[i], t))
			return 0;
	if (*n == *alloc) {
		size_t na = *alloc ? *alloc * 2 : 2;
		struct txt *nl = ag_arena_realloc_array(&v->arena, *list, *n, na, sizeof(**list));
		if (!nl)
			return AG_ENOMEM;
		*list = nl;
		*alloc = na;
	}
	(*list)[(*n)++] = t;
	return 0;
}

/* One relation onto the view. Context: relations between the same two
 * boxes become one edge listing each distinct label. Container: only
 * relations with the same ends and the same label are merged (Structurizr
 * refuses two of those). */
static int add_relation(struct view *v, const struct ag_relation *r)
{
	long f = find_node(v, &r->from), t = find_node(v, &r->to);
	if (f < 0 || t < 0)
		return 0; /* the loader reports dangling ids; draw what is sound */
	if (f == (long)v->sys && t == (long)v->sys)
		return 0; /* inside the box */
	if (v->kind == AG_VIEW_CONTAINER &&
	    ((f == (long)v->sys && v->nodes[t].kind == N_CONTAINER) ||
	     (t == (long)v->sys && v->nodes[f].kind == N_CONTAINER)))
		return 0; /* a part and its whole: nothing to draw */
	struct txt label = has_words(txt_of(&r->label)) ? txt_of(&r->label) : txt_str("Uses");
	struct edge *e = NULL;
	for (size_t i = 0; i < v->nedges && !e; i++) {
		struct edge *x = &v->edges[i];
		if (x->from == (size_t)f && x->to == (size_t)t &&
		    (v->kind == AG_VIEW_CONTEXT || txt_eq(x->labels[0], label)))
			e = x;
	}
	if (!e) {
		e = &v->edges[v->nedges++];
		memset(e, 0, sizeof(*e));
		e->from = (size_t)f;
		e->to = (size_t)t;
	}
	int rc = add_distinct(v, &e->labels, &e->nlabels, &e->alabels, label);
	if (!rc && has_words(txt_of(&r->tech)))
		rc = add_distinct(v, &e->techs, &e->ntechs, &e->atechs, txt_of(&r->tech));
	return rc;
}

static void view_release(struct view *v)
{
	ag_arena_release(&v->arena);
}

static int view_build(struct view *v, const struct ag_model *m, enum ag_diagram_view kind)
{
	memset(v, 0, sizeof(*v));
	ag_arena_init(&v->arena, 0);
	v->kind = kind;
	v->m = m;
	const struct ag_boundaries *b = &m->sys.boundaries;
	size_t cap = b->people.n + b->external.n + b->containers.n + 1;
	v->nodes = ag_arena_alloc(&v->arena, cap * sizeof(*v->nodes));
	v->edges = ag_arena_alloc(&v->arena, (b->relations.n + 1) * sizeof(*v->edges));
	if (!v->nodes || !v->edges)
		return AG_ENOMEM;

	const struct ag_element *pe = b->people.v, *ex = b->external.v;
	const struct ag_container *co = b->containers.v;
	int rc = 0;
	for (size_t i = 0; !rc && i < b->people.n; i++)
		rc = add_node(v, N_PERSON, "p_", txt_of(&pe[i].id), txt_of(&pe[i].name),
			      txt_of(&pe[i].description));
	v->npeople = b->people.n;
	if (rc)
		return rc;
	struct txt sysname = txt_of(&m->sys.system.name);
	if (!has_words(sysname))
		sysname = txt_str("The system");
	v->sys = v->nnodes;
	rc = add_node(v, N_SYSTEM, "sys", txt_str(""), sysname,
		      txt_of(&m->sys.system.description));
	if (rc)
		return rc;
	v->nodes[v->sys].mid = txt_str(""); /* matched by name or "system" only */
	if (kind == AG_VIEW_CONTAINER) {
		for (size_t i = 0; !rc && i < b->containers.n; i++) {
			rc = add_node(v, N_CONTAINER, "c_", txt_of(&co[i].id), txt_of(&co[i].name),
				      txt_of(&co[i].description));
			if (!rc) {
				v->nodes[v->nnodes - 1].c = &co[i];
				v->ndb += is_db(&v->nodes[v->nnodes - 1]);
			}
		}
		v->ncontainers = b->containers.n;
	}
	for (size_t i = 0; !rc && i < b->external.n; i++) {
		rc = add_node(v, N_EXTERNAL, "e_", txt_of(&ex[i].id), txt_of(&ex[i].name),
			      txt_of(&ex[i].description));
		if (!rc)
			v->nodes[v->nnodes - 1].ekind = txt_of(&ex[i].kind);
	}
	v->nexternal = b->external.n;
	const struct ag_relation *r = b->relations.v;
	for (size_t i = 0; !rc && i < b->relations.n; i++)
		rc = add_relation(v, &r[i]);
	if (rc)
		return rc;

	const char *pre = kind == AG_VIEW_CONTEXT ? "System Context diagram for "
						  : "Container diagram for ";
	size_t pl = strlen(pre);
	char *title = ag_arena_alloc(&v->arena, pl + sysname.len + 1);
	if (!title)
		return AG_ENOMEM;
	memcpy(title, pre, pl);
	memcpy(title + pl, sysname.s, sysname.len);
	v->title.s = title;
	v->title.len = pl + sysname.len;
	return 0;
}

/* "Web app: typescript, next.js" - a container's kind and technology. */
static void put_techn(struct ag_buf *o, const struct node *n, escfn esc)
{
	put_text(o, txt_str(kind_display[container_kind(n->c)]), esc);
	const struct ag_scalar *t = n->c->tech.v;
	bool first = true;
	for (size_t i = 0; i < n->c->tech.n; i++) {
		if (!has_words(txt_of(&t[i])))
			continue;
		esc(o, first ? ": " : ", ", 2);
		put_text(o, txt_of(&t[i]), esc);
		first = false;
	}
}

/* The distinct labels of an edge, `sep` between them (wrapped at `width`
 * with `brk` when width > 0). */
static void put_labels(struct ag_buf *o, const struct edge *e, escfn esc, const char *sep,
		       size_t width, const char *brk)
{
	for (size_t i = 0; i < e->nlabels; i++) {
		if (i)
			put(o, sep);
		put_words(o, e->labels[i], esc, width, brk);
	}
}

static void put_techs(struct ag_buf *o, const struct edge *e, escfn esc)
{
	for (size_t i = 0; i < e->ntechs; i++) {
		if (i)
			esc(o, ", ", 2);
		put_text(o, e->techs[i], esc);
	}
}

/* The comment every diagram opens with. It names no path (output must not
 * depend on where the model lives) and has no "--" (an XML comment in SVG
 * cannot hold one). */
static void put_marker(struct ag_buf *o, const struct view *v, enum ag_diagram_format fmt)
{
	putf(o, "%s (view: %s, format: %s) from the architecture model; edit the model "
		"and run it again rather than editing this file",
	     AG_DIAGRAM_MARKER, ag_diagram_view_name(v->asked), ag_diagram_format_name(fmt));
}

/* C4's colours (c4model.com), shared by the notations that take colours. */
#define C_PERSON "#08427b"
#define C_PERSON_LINE "#073b6f"
#define C_SYSTEM "#1168bd"
#define C_SYSTEM_LINE "#0b4884"
#define C_CONTAINER "#438dd5"
#define C_CONTAINER_LINE "#3c7fc0"
#define C_EXTERNAL "#8c8c8c"
#define C_EXTERNAL_LINE "#6b6b6b"

/* ------------------------------------------------------------------------ */
/* Mermaid C4Context / C4Container                                          */

static void mermaid_c4_node(struct ag_buf *o, const struct node *n, const char *indent)
{
	static const char *const macro[] = {"Person", "System", "Container", "System_Ext"};
	const char *mac = macro[n->kind];
	if (is_db(n))
		mac = "ContainerDb";
	else if (is_queue(n))
		mac = "ContainerQueue";
	putf(o, "%s%s(%s, \"", indent, mac, n->id);
	put_text(o, n->name, esc_mermaid);
	if (n->kind == N_CONTAINER) {
		put(o, "\", \"");
		put_techn(o, n, esc_mermaid);
	}
	put(o, "\", \"");
	put_text(o, n->desc, esc_mermaid);
	put(o, "\")\n");
}

/* The C4 element list shared by Mermaid's C4 and PlantUML's C4 macros:
 * every node outside the system, and in the container view the system as a
 * System_Boundary holding its containers. */
static void c4_nodes(struct ag_buf *o, const struct view *v, escfn esc,
		     void (*node)(struct ag_buf *o, const struct node *n, const char *indent))
{
	for (size_t i = 0; i < v->nnodes; i++) {
		const struct node *n = &v->nodes[i];
		if (n->kind == N_CONTAINER)
			continue;
		if (n->kind == N_SYSTEM && v->kind == AG_VIEW_CONTAINER) {
			putf(o, "System_Boundary(%s, \"", n->id);
			put_text(o, n->name, esc);
			put(o, "\") {\n");
			for (size_t k = 0; k < v->nnodes; k++)
				if (v->nodes[k].kind == N_CONTAINER)
					node(o, &v->nodes[k], "  ");
			put(o, "}\n");
			continue;
		}
		node(o, n, "");
	}
}

static void render_mermaid_c4(struct ag_buf *o, const struct view *v)
{
	put(o, "%% ");
	put_marker(o, v, AG_DIAG_MERMAID);
	put(o, "\n");
	put(o, v->kind == AG_VIEW_CONTEXT ? "C4Context\n" : "C4Container\n");
	put(o, "title ");
	put_text(o, v->title, esc_mermaid);
	put(o, "\n\n");
	c4_nodes(o, v, esc_mermaid, mermaid_c4_node);
	put(o, "\n");
	for (size_t i = 0; i < v->nedges; i++) {
		const struct edge *e = &v->edges[i];
		const struct node *f = &v->nodes[e->from], *t = &v->nodes[e->to];
		if (v->kind == AG_VIEW_CONTAINER && (e->from == v->sys || e->to == v->sys)) {
			/* Mermaid's C4 renderer cannot end an arrow on a boundary */
			putf(o, "%%%% not drawn (Mermaid C4 cannot draw an arrow to a boundary): "
				"%s -> %s: ", f->id, t->id);
			put_labels(o, e, esc_mermaid, "; ", 0, "");
			put(o, "\n");
			continue;
		}
		putf(o, "Rel(%s, %s, \"", f->id, t->id);
		put_labels(o, e, esc_mermaid, "; ", 0, "");
		put(o, "\"");
		if (e->ntechs) {
			put(o, ", \"");
			put_techs(o, e, esc_mermaid);
			put(o, "\"");
		}
		put(o, ")\n");
	}
	/* Mermaid's C4 diagrams have no legend: draw the key as a boundary of
	 * sample elements. */
	put(o, "\nBoundary(key, \"Key\", \"\") {\n"); /* no "[system]" under it */
	if (v->npeople)
		put(o, "  Person(key_person, \"Person\")\n");
	if (v->kind == AG_VIEW_CONTEXT) {
		put(o, "  System(key_system, \"Software system\")\n");
	} else {
		if (v->ncontainers > v->ndb)
			put(o, "  Container(key_container, \"Container\")\n");
		if (v->ndb)
			put(o, "  ContainerDb(key_datastore, \"Datastore\")\n");
	}
	if (v->nexternal)
		put(o, "  System_Ext(key_external, \"External system\")\n");
	put(o, "}\n");
	put(o, "UpdateLayoutConfig($c4ShapeInRow=\"3\", $c4BoundaryInRow=\"1\")\n");
}

/* ------------------------------------------------------------------------ */
/* Mermaid flowchart                                                        */

#define WRAP_DESC 34
#define WRAP_EDGE 30

static void flow_node(struct ag_buf *o, const struct node *n, const char *indent)
{
	const char *open = "[\"", *close = "\"]";
	if (n->kind == N_PERSON) {
		open = "(\"";
		close = "\")";
	} else if (is_db(n)) {
		open = "[(\"";
		close = "\")]";
	}
	putf(o, "%s%s%s<b>", indent, n->id, open);
	put_text(o, n->name, esc_mermaid);
	put(o, "</b><br>[");
	switch (n->kind) {
	case N_PERSON: put(o, "Person"); break;
	case N_SYSTEM: put(o, "Software System"); break;
	case N_CONTAINER: put_techn(o, n, esc_mermaid); break;
	case N_EXTERNAL:
		put(o, "External System");
		if (has_words(n->ekind)) {
			put(o, ": ");
			put_text(o, n->ekind, esc_mermaid);
		}
		break;
	}
	put(o, "]");
	if (has_words(n->desc)) {
		put(o, "<br><br>");
		put_text(o, n->desc, esc_mermaid); /* Mermaid wraps labels itself */
	}
	putf(o, "%s\n", close);
}

static void flow_class(struct ag_buf *o, const struct view *v, enum nkind kind, bool db,
		       const char *cls)
{
	bool any = false;
	for (size_t i = 0; i < v->nnodes; i++) {
		const struct node *n = &v->nodes[i];
		if (n->kind != kind || (kind == N_CONTAINER && is_db(n) != db))
			continue;
		if (kind == N_SYSTEM && v->kind == AG_VIEW_CONTAINER)
			continue;
		putf(o, "%s%s", any ? "," : "  class ", n->id);
		any = true;
	}
	if (any)
		putf(o, " %s\n", cls);
}

static void render_mermaid_flowchart(struct ag_buf *o, const struct view *v)
{
	/* the title is front matter, which must open the file: the marker is
	 * a YAML comment inside it */
	put(o, "---\n# ");
	put_marker(o, v, AG_DIAG_MERMAID_FLOWCHART);
	put(o, "\ntitle: \"");
	put_text(o, v->title, esc_yaml);
	put(o, "\"\n---\nflowchart TB\n");
	for (size_t i = 0; i < v->nnodes; i++) {
		const struct node *n = &v->nodes[i];
		if (n->kind == N_CONTAINER)
			continue;
		if (n->kind == N_SYSTEM && v->kind == AG_VIEW_CONTAINER) {
			putf(o, "  subgraph %s[\"<b>", n->id);
			put_text(o, n->name, esc_mermaid);
			put(o, "</b><br>[Software System]\"]\n");
			for (size_t k = 0; k < v->nnodes; k++)
				if (v->nodes[k].kind == N_CONTAINER)
					flow_node(o, &v->nodes[k], "    ");
			put(o, "  end\n");
			continue;
		}
		flow_node(o, n, "  ");
	}
	for (size_t i = 0; i < v->nedges; i++) {
		const struct edge *e = &v->edges[i];
		putf(o, "  %s -->|\"", v->nodes[e->from].id);
		put_labels(o, e, esc_mermaid, "<br>", 0, "");
		if (e->ntechs) {
			put(o, "<br><i>[");
			put_techs(o, e, esc_mermaid);
			put(o, "]</i>");
		}
		putf(o, "\"| %s\n", v->nodes[e->to].id);
	}
	put(o, "  subgraph key[\"Key\"]\n    direction LR\n");
	if (v->npeople)
		put(o, "    key_person(\"Person\")\n");
	if (v->kind == AG_VIEW_CONTEXT) {
		put(o, "    key_system[\"Software system\"]\n");
	} else {
		if (v->ncontainers > v->ndb)
			put(o, "    key_container[\"Container\"]\n");
		if (v->ndb)
			put(o, "    key_datastore[(\"Datastore\")]\n");
	}
	if (v->nexternal)
		put(o, "    key_external[\"External system\"]\n");
	put(o, "  end\n");
	put(o, "  classDef person fill:" C_PERSON ",stroke:" C_PERSON_LINE ",color:#ffffff\n"
	       "  classDef system fill:" C_SYSTEM ",stroke:" C_SYSTEM_LINE ",color:#ffffff\n"
	       "  classDef container fill:" C_CONTAINER ",stroke:" C_CONTAINER_LINE
	       ",color:#ffffff\n"
	       "  classDef external fill:" C_EXTERNAL ",stroke:" C_EXTERNAL_LINE
	       ",color:#ffffff,stroke-dasharray:5 3\n"
	       );
	flow_class(o, v, N_PERSON, false, "person");
	flow_class(o, v, N_SYSTEM, false, "system");
	flow_class(o, v, N_CONTAINER, false, "container");
	flow_class(o, v, N_CONTAINER, true, "container");
	flow_class(o, v, N_EXTERNAL, false, "external");
	if (v->kind == AG_VIEW_CONTAINER)
		putf(o, "  style %s fill:none,stroke:#444444,stroke-dasharray:6 4\n",
		     v->nodes[v->sys].id);
	put(o, "  style key fill:#ffffff,stroke:#999999\n");
	if (v->npeople)
		put(o, "  class key_person person\n");
	if (v->kind == AG_VIEW_CONTEXT) {
		put(o, "  class key_system system\n");
	} else {
		if (v->ncontainers > v->ndb)
			put(o, "  class key_container container\n");
		if (v->ndb)
			put(o, "  class key_datastore container\n");
	}
	if (v->nexternal)
		put(o, "  class key_external external\n");
}

/* ------------------------------------------------------------------------ */
/* Graphviz DOT                                                             */

#define DOT_FONT "Helvetica,Arial,sans-serif"

static void dot_node(struct ag_buf *o, const struct node *n, const char *indent)
{
	static const char *const fill[] = {C_PERSON, C_SYSTEM, C_CONTAINER, C_EXTERNAL};
	static const char *const line[] = {C_PERSON_LINE, C_SYSTEM_LINE, C_CONTAINER_LINE,
					   C_EXTERNAL_LINE};
	putf(o, "%s%s [label=<<b>", indent, n->id);
	put_text(o, n->name, esc_dot);
	put(o, "</b><br/><font point-size=\"9\">[");
	switch (n->kind) {
	case N_PERSON: put(o, "Person"); break;
	case N_SYSTEM: put(o, "Software System"); break;
	case N_CONTAINER: put_techn(o, n, esc_dot); break;
	case N_EXTERNAL:
		put(o, "External System");
		if (has_words(n->ekind)) {
			put(o, ": ");
			put_text(o, n->ekind, esc_dot);
		}
		break;
	}
	put(o, "]</font>");
	if (has_words(n->desc)) {
		put(o, "<br/><br/>");
		put_words(o, n->desc, esc_dot, WRAP_DESC, "<br/>");
	}
	putf(o, ">, fillcolor=\"%s\", color=\"%s\"", fill[n->kind], line[n->kind]);
	if (is_db(n))
		put(o, ", shape=cylinder, style=filled");
	else if (n->kind == N_EXTERNAL)
		put(o, ", style=\"filled,rounded,dashed\"");
	put(o, "]\n");
}

/* The DOT node an arrow ends at. In the container view the system is a
 * cluster, which an arrow cannot end at: it is drawn to the first container
 * (or to an invisible point in an empty cluster) and clipped at the
 * boundary with lhead/ltail. */
static const char *dot_end(const struct view *v, size_t idx)
{
	if (v->kind != AG_VIEW_CONTAINER || idx != v->sys)
		return v->nodes[idx].id;
	for (size_t k = 0; k < v->nnodes; k++)
		if (v->nodes[k].kind == N_CONTAINER)
			return v->nodes[k].id;
	return v->nodes[idx].id;
}

static void render_dot(struct ag_buf *o, const struct view *v)
{
	put(o, "// ");
	put_marker(o, v, AG_DIAG_DOT);
	putf(o, "\ndigraph %s {\n", v->kind == AG_VIEW_CONTEXT ? "context" : "containers");
	put(o, "  graph [label=<<b>");
	put_text(o, v->title, esc_dot);
	/* top-down reads best for the few boxes of a context; containers
	 * read left to right: people, the boundary, then the systems it uses */
	putf(o, "</b>>, labelloc=t, fontsize=20, fontname=\"" DOT_FONT "\", rankdir=%s, ",
	     v->kind == AG_VIEW_CONTEXT ? "TB" : "LR");
	put(o, "newrank=true, compound=true, nodesep=0.6, ranksep=0.9, pad=0.3]\n"
	       "  node [shape=box, style=\"filled,rounded\", fontname=\"" DOT_FONT "\", "
	       "fontsize=11, fontcolor=\"#ffffff\", penwidth=1.5, margin=\"0.25,0.12\"]\n"
	       "  edge [fontname=\"" DOT_FONT "\", fontsize=10, color=\"#666666\", "
	       "fontcolor=\"#333333\", penwidth=1.2, arrowsize=0.8]\n\n");
	for (size_t i = 0; i < v->nnodes; i++) {
		const struct node *n = &v->nodes[i];
		if (n->kind == N_CONTAINER)
			continue;
		if (n->kind == N_SYSTEM && v->kind == AG_VIEW_CONTAINER) {
			putf(o, "  subgraph cluster_%s {\n    label=<<b>", n->id);
			put_text(o, n->name, esc_dot);
			put(o, "</b><br/><font point-size=\"10\">[Software System]</font>>\n"
			       "    style=\"dashed,rounded\"; color=\"#444444\"; "
			       "fontcolor=\"#444444\"; fontsize=14; margin=16\n");
			for (size_t k = 0; k < v->nnodes; k++)
				if (v->nodes[k].kind == N_CONTAINER)
					dot_node(o, &v->nodes[k], "    ");
			if (!v->ncontainers) /* an empty cluster is not drawn */
				putf(o, "    %s [shape=point, style=invis, label=\"\"]\n", n->id);
			put(o, "  }\n");
			continue;
		}
		dot_node(o, n, "  ");
	}
	put(o, "\n");
	for (size_t i = 0; i < v->nedges; i++) {
		const struct edge *e = &v->edges[i];
		putf(o, "  %s -> %s [label=<", dot_end(v, e->from), dot_end(v, e->to));
		/* arrows merged between the same two boxes: one bullet a relation,
		 * so their labels do not run together */
		if (e->nlabels > 1)
			put(o, "&#8226; ");
		put_labels(o, e, esc_dot, "<br/>&#8226; ", WRAP_EDGE, "<br/>");
		if (e->ntechs) {
			put(o, "<br/><font point-size=\"9\"><i>[");
			put_techs(o, e, esc_dot);
			put(o, "]</i></font>");
		}
		put(o, ">");
		/* container view: arrows to the whole system end at the boundary */
		if (v->kind == AG_VIEW_CONTAINER && e->from == v->sys)
			putf(o, ", ltail=cluster_%s", v->nodes[v->sys].id);
		if (v->kind == AG_VIEW_CONTAINER && e->to == v->sys)
			putf(o, ", lhead=cluster_%s", v->nodes[v->sys].id);
		put(o, "]\n");
	}
	if (v->kind == AG_VIEW_CONTEXT) {
		/* the key: one table in a node of its own, which Graphviz puts on
		 * the first rank (the top right of the context) */
		put(o, "\n  key [shape=plain, style=solid, fillcolor=\"#ffffff\", "
		       "fontcolor=\"#333333\", fontsize=10, label=<"
		       "<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"5\" "
		       "color=\"#999999\">"
		       "<tr><td colspan=\"2\" align=\"left\"><b>Key</b></td></tr>");
		if (v->npeople)
			put(o, "<tr><td bgcolor=\"" C_PERSON "\" width=\"30\"></td>"
			       "<td align=\"left\">Person</td></tr>");
		put(o, "<tr><td bgcolor=\"" C_SYSTEM "\" width=\"30\"></td>"
		       "<td align=\"left\">Software system (this one)</td></tr>");
		if (v->nexternal)
			put(o, "<tr><td bgcolor=\"" C_EXTERNAL "\" width=\"30\"></td>"
			       "<td align=\"left\">External system (outside the boundary)</td></tr>");
		put(o, "<tr><td width=\"30\">&#8594;</td><td align=\"left\">Relation: what "
		       "happens<br/><i>[technology]</i></td></tr></table>>]\n}\n");
		return;
	}
	/* the container key: a cluster of small nodes drawn as the diagram
	 * draws them (a datastore a cylinder, the boundary a dashed box), a
	 * column on one rank beside the containers (a table cell has no
	 * cylinder) */
	static const struct {
		const char *id, *label, *attrs;
	} keys[] = {
		{"key_person", "Person", "fillcolor=\"" C_PERSON "\", color=\"" C_PERSON_LINE "\""},
		{"key_container", "Container",
		 "fillcolor=\"" C_CONTAINER "\", color=\"" C_CONTAINER_LINE "\""},
		{"key_datastore", "Datastore or cache",
		 "shape=cylinder, style=filled, fillcolor=\"" C_CONTAINER "\", color=\"" C_CONTAINER_LINE "\""},
		{"key_boundary", "System boundary",
		 "style=\"dashed,rounded\", color=\"#444444\", fontcolor=\"#444444\""},
		{"key_external", "External system (outside the boundary)",
		 "style=\"filled,rounded,dashed\", fillcolor=\"" C_EXTERNAL "\", color=\"" C_EXTERNAL_LINE "\""},
	};
	bool shown[] = {v->npeople > 0, v->ncontainers > v->ndb, v->ndb > 0, true, v->nexternal > 0};
	put(o, "\n  subgraph cluster_key {\n    label=<<b>Key</b>>; labeljust=l; style=solid; "
	       "color=\"#999999\"; fontcolor=\"#333333\"; fontsize=10; margin=8\n"
	       "    node [fontsize=9, width=1.9, height=0.3, margin=\"0.08,0.04\"]\n"
	       "    key_relation [shape=plain, style=\"\", fontcolor=\"#333333\", "
	       "label=<&#8594; Relation: what happens<br/><i>[technology]</i>>]\n");
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++)
		if (shown[i])
			putf(o, "    %s [label=\"%s\", %s]\n", keys[i].id, keys[i].label, keys[i].attrs);
	/* one rank of an LR layout is a column that stacks a chain's first
	 * node lowest: the chain runs backwards to read top down */
	put(o, "    { rank=same; ");
	const char *order[sizeof(keys) / sizeof(*keys) + 1];
	size_t no = 0;
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++)
		if (shown[i])
			order[no++] = keys[i].id;
	order[no++] = "key_relation";
	for (size_t i = 0; i < no; i++)
		putf(o, "%s%s", i ? " -> " : "", order[no - 1 - i]);
	put(o, " [style=invis] }\n  }\n");
	put(o, "}\n");
}

/* ------------------------------------------------------------------------ */
/* PlantUML with the C4 standard library                                    */

static void puml_node(struct ag_buf *o, const struct node *n, const char *indent)
{
	static const char *const macro[] = {"Person", "System", "Container", "System_Ext"};
	putf(o, "%s%s(%s, \"", indent, is_db(n) ? "ContainerDb" : macro[n->kind], n->id);
	put_text(o, n->name, esc_puml);
	if (n->kind == N_CONTAINER) {
		put(o, "\", \"");
		put_techn(o, n, esc_puml);
	}
	put(o, "\"");
	if (has_words(n->desc)) {
		put(o, ", \"");
		put_text(o, n->desc, esc_puml);
		put(o, "\"");
	}
	put(o, ")\n");
}

static void render_plantuml(struct ag_buf *o, const struct view *v)
{
	put(o, "@startuml\n' ");
	put_marker(o, v, AG_DIAG_PLANTUML);
	putf(o, "\n!include <C4/%s>\n\nLAYOUT_WITH_LEGEND()\ntitle ",
	     v->kind == AG_VIEW_CONTEXT ? "C4_Context" : "C4_Container");
	put_text(o, v->title, esc_puml);
	put(o, "\n\n");
	c4_nodes(o, v, esc_puml, puml_node);
	put(o, "\n");
	for (size_t i = 0; i < v->nedges; i++) {
		const struct edge *e = &v->edges[i];
		putf(o, "Rel(%s, %s, \"", v->nodes[e->from].id, v->nodes[e->to].id);
		put_labels(o, e, esc_puml, "; ", 0, "");
		put(o, "\"");
		if (e->ntechs) {
			put(o, ", \"");
			put_techs(o, e, esc_puml);
			put(o, "\"");
		}
		put(o, ")\n");
	}
	put(o, "@enduml\n");
}

/* ------------------------------------------------------------------------ */
/* Structurizr DSL                                                          */

/* Structurizr wants unique names among people and software systems (and
 * among containers): a name used before gets " (id)" appended. */
static void sz_name(struct ag_buf *o, const struct view *v, size_t idx)
{
	const struct node *n = &v->nodes[idx];
	bool top = n->kind != N_CONTAINER;
	bool dup = false;
	for (size_t i = 0; i < idx && !dup; i++) {
		const struct node *p = &v->nodes[i];
		if ((p->kind != N_CONTAINER) == top && txt_eq(p->name, n->name))
			dup = true;
	}
	put(o, "\"");
	put_text(o, n->name, esc_structurizr);
	if (dup) {
		put(o, " (");
		put_text(o, n->mid.len ? n->mid : txt_str("system"), esc_structurizr);
		put(o, ")");
	}
	put(o, "\"");
}

static void render_structurizr(struct ag_buf *o, const struct view *cv)
{
	enum ag_diagram_view kind = cv->asked;
	/* `cv` is always the container view: Structurizr derives the context
	 * view from the containers itself (implied relationships). */
	const struct node *sys = &cv->nodes[cv->sys];
	put(o, "// ");
	put_marker(o, cv, AG_DIAG_STRUCTURIZR);
	put(o, "\nworkspace \"");
	put_text(o, sys->name, esc_structurizr);
	put(o, "\" \"The architecture model of ");
	put_text(o, sys->name, esc_structurizr);
	put(o, ", from archgate\" {\n\n    model {\n");
	for (size_t i = 0; i < cv->nnodes; i++) {
		const struct node *n = &cv->nodes[i];
		if (n->kind == N_CONTAINER)
			continue;
		putf(o, "        %s = %s ", n->id, n->kind == N_PERSON ? "person" : "softwareSystem");
		sz_name(o, cv, i);
		put(o, " \"");
		put_text(o, n->desc, esc_structurizr);
		put(o, "\"");
		if (n->kind == N_EXTERNAL)
			put(o, " \"External\"");
		if (n->kind != N_SYSTEM || !cv->ncontainers) {
			put(o, "\n");
			continue;
		}
		put(o, " {\n");
		for (size_t k = 0; k < cv->nnodes; k++) {
			const struct node *c = &cv->nodes[k];
			if (c->kind != N_CONTAINER)
				continue;
			putf(o, "            %s = container ", c->id);
			sz_name(o, cv, k);
			put(o, " \"");
			put_text(o, c->desc, esc_structurizr);
			put(o, "\" \"");
			const struct ag_scalar *t = c->c->tech.v;
			bool any = false;
			for (size_t j = 0; j < c->c->tech.n; j++) {
				if (!has_words(txt_of(&t[j])))
					continue;
				if (any)
					put(o, ", ");
				put_text(o, txt_of(&t[j]), esc_structurizr);
				any = true;
			}
			putf(o, "\" \"%s%s\"\n", kind_display[container_kind(c->c)],
			     is_db(c) ? ",Database" : "");
		}
		put(o, "        }\n");
	}
	put(o, "\n");
	for (size_t i = 0; i < cv->nedges; i++) {
		const struct edge *e = &cv->edges[i];
		putf(o, "        %s -> %s \"", cv->nodes[e->from].id, cv->nodes[e->to].id);
		put_labels(o, e, esc_structurizr, "; ", 0, "");
		put(o, "\"");
		if (e->ntechs) {
			put(o, " \"");
			put_techs(o, e, esc_structurizr);
			put(o, "\"");
		}
		put(o, "\n");
	}
	put(o, "    }\n\n    views {\n");
	if (kind == AG_VIEW_CONTEXT)
		putf(o, "        systemContext %s \"context\" {\n", sys->id);
	else
		putf(o, "        container %s \"containers\" {\n", sys->id);
	put(o, "            include *\n            autoLayout tb\n            title \"");
	put(o, kind == AG_VIEW_CONTEXT ? "System Context diagram for " : "Container diagram for ");
	put_text(o, sys->name, esc_structurizr);
	put(o, "\"\n        }\n\n");
	put(o, "        styles {\n"
	       "            element \"Element\" {\n                color #ffffff\n            }\n"
	       "            element \"Person\" {\n                background " C_PERSON "\n"
	       "                shape Person\n            }\n"
	       "            element \"Software System\" {\n                background " C_SYSTEM
	       "\n            }\n"
	       "            element \"Container\" {\n                background " C_CONTAINER
	       "\n            }\n"
	       "            element \"Database\" {\n                shape Cylinder\n"
	       "            }\n"
	       "            element \"Queue\" {\n                shape Pipe\n            }\n"
	       "            element \"External\" {\n                background " C_EXTERNAL
	       "\n                border dashed\n            }\n"
	       "        }\n    }\n}\n");
}

/* ------------------------------------------------------------------------ */
/* Entry points                                                             */

/* SVG: the DOT diagram laid out by Graphviz, with the marker comment put
 * right after the XML declaration. */
static int render_svg(struct ag_buf *out, const struct view *v, struct ag_buf *err)
{
	struct ag_buf dot = AG_BUF_INIT, svg = AG_BUF_INIT;
	render_dot(&dot, v);
	int rc = ag_buf_err(&dot) ? ag_buf_err(&dot)
				  : ag_diagram_svg_from_dot(dot.data, dot.len, &svg, err);
	if (!rc) {
		const char *nl = memchr(svg.data, '\n', svg.len);
		size_t head = nl && !strncmp(svg.data, "<?xml", 5) ? (size_t)(nl - svg.data) + 1 : 0;
		putn(out, svg.data, head);
		put(out, "<!-- ");
		/* the marker text has no "--", which XML comments forbid */
		put_marker(out, v, AG_DIAG_SVG);
		put(out, " -->\n");
		putn(out, svg.data + head, svg.len - head);
		rc = ag_buf_err(out);
	}
	ag_buf_release(&dot);
	ag_buf_release(&svg);
	return rc;
}

int ag_diagram_render(struct ag_buf *out, const struct ag_model *m,
		      enum ag_diagram_view view, enum ag_diagram_format fmt,
		      struct ag_buf *err)
{
	if ((unsigned)view > AG_VIEW_CONTAINER || (unsigned)fmt >= AG_DIAG_NFORMATS)
		return AG_EINVAL;
	struct view v;
	/* Structurizr always gets the containers; it draws the context itself */
	int rc = view_build(&v, m, fmt == AG_DIAG_STRUCTURIZR ? AG_VIEW_CONTAINER : view);
	v.asked = view;
	if (rc) {
		view_release(&v);
		return rc;
	}
	switch (fmt) {
	case AG_DIAG_MERMAID: render_mermaid_c4(out, &v); break;
	case AG_DIAG_MERMAID_FLOWCHART: render_mermaid_flowchart(out, &v); break;
	case AG_DIAG_DOT: render_dot(out, &v); break;
	case AG_DIAG_PLANTUML: render_plantuml(out, &v); break;
	case AG_DIAG_STRUCTURIZR: render_structurizr(out, &v); break;
	case AG_DIAG_SVG: rc = render_svg(out, &v, err); break;
	}
	view_release(&v);
	return rc ? rc : ag_buf_err(out);
}

bool ag_diagram_is_generated(const char *data, size_t len)
{
	size_t ml = strlen(AG_DIAGRAM_MARKER), line = 0;
	for (size_t i = 0; i < len && line < 3; i++) {
		if (data[i] == '\n') {
			line++;
			continue;
		}
		if (len - i >= ml && !memcmp(data + i, AG_DIAGRAM_MARKER, ml))
			return true;
	}
	return false;
}

int ag_diagram_output_state(const char *path)
{
	struct stat st;
	if (lstat(path, &st))
		return errno == ENOENT ? AG_ENOENT : AG_EIO;
	if (!S_ISREG(st.st_mode))
		return AG_EEXIST;
	int fd; /* a FIFO swapped in after the lstat is refused, not waited on */
	if (ag_open_read(path, &fd))
		return AG_EIO;
	char head[512];
	ssize_t n = ag_read_fd(fd, head, sizeof(head));
	close(fd);
	if (n < 0)
		return AG_EIO;
	return ag_diagram_is_generated(head, (size_t)n) ? 0 : AG_EEXIST;
}
