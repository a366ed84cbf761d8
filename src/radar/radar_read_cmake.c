/*
 * radar_read_cmake.c - CMake: CMakeLists.txt and *.cmake files.
 *
 *   pkg_check_modules(PREFIX [REQUIRED] [QUIET] [IMPORTED_TARGET [GLOBAL]]
 *                     mod1 mod2>=1.0 ...)    pkgconfig:mod1 pkgconfig:mod2
 *   pkg_search_module(PREFIX ... mod ...)    pkgconfig:mod
 *   find_package(Name ...)                   cmake:Name
 *   find_dependency(Name ...)                cmake:Name  (package config files)
 *   FetchContent_Declare(name GIT_REPOSITORY url ...), ExternalProject_Add:
 *                                            cmake:name, else the repository's
 *                                            last path component
 *
 * All of it is direct use. A command is its name, blanks, then a
 * parenthesised argument list that may span lines; arguments are bare or
 * quoted, `#` starts a comment, `#[[...]]` and `[[...]]` are skipped. An
 * argument holding `${` names nothing we can know. Anything else in the
 * language is skipped: the readers never evaluate.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "radar_scan_impl.h"

#define MAX_ARGS 64

struct arg {
	const char *s;
	size_t n;
	int line;
};

/* Past a bracket construct "[=*[" ... "]=*]" at p (p[0] == '['), counting
 * newlines into *line; p itself when it is not one. */
static const char *skip_bracket(const char *p, const char *e, int *line)
{
	const char *q = p + 1;
	size_t eq = 0;
	while (q < e && *q == '=')
		q++, eq++;
	if (q >= e || *q != '[')
		return p;
	for (q++; q < e; q++) {
		if (*q == '\n')
			(*line)++;
		if (*q != ']')
			continue;
		const char *r = q + 1;
		size_t k = 0;
		while (r < e && *r == '=' && k < eq)
			r++, k++;
		if (k == eq && r < e && *r == ']')
			return r + 1;
	}
	return e;
}

/* Past a comment at p (p[0] == '#'). */
static const char *skip_comment(const char *p, const char *e, int *line)
{
	if (p + 1 < e && p[1] == '[') {
		const char *q = skip_bracket(p + 1, e, line);
		if (q != p + 1)
			return q;
	}
	while (p < e && *p != '\n')
		p++;
	return p;
}

static bool is_keyword(const struct arg *a)
{
	static const char *const kw[] = {
		"REQUIRED", "QUIET", "IMPORTED_TARGET", "GLOBAL", "NO_CMAKE_PATH",
		"NO_CMAKE_ENVIRONMENT_PATH",
	};
	for (size_t i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
		if (strlen(kw[i]) == a->n && !memcmp(kw[i], a->s, a->n))
			return true;
	return false;
}

static bool has_var(const struct arg *a)
{
	return memchr(a->s, '$', a->n) != NULL; /* ${VAR}, $ENV{VAR} */
}

/* pkg-config module list items: "glib-2.0>=2.10", also ";"-separated. */
static void modules(struct ctx *c, const struct arg *a)
{
	const char *p = a->s, *e = a->s + a->n;
	while (p < e) {
		const char *t = p;
		while (p < e && *p != ';')
			p++;
		const char *q = t;
		while (q < p && *q != '<' && *q != '>' && *q != '=' && *q != ' ')
			q++;
		hit_key(c, AG_ECO_PKGCONFIG, t, (size_t)(q - t), a->line);
		if (p < e)
			p++;
	}
}

static bool cmd_is(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && !strncasecmp(s, lit, n);
}

static void command(struct ctx *c, const char *name, size_t nn, const struct arg *v, size_t n)
{
	bool pkg = cmd_is(name, nn, "pkg_check_modules") || cmd_is(name, nn, "pkg_search_module");
	if (pkg) {
		/* the first argument is the variables' prefix; version
		 * operators may stand alone ("libfoo >= 1.0" as three) */
		for (size_t i = 1; i < n; i++) {
			if (is_keyword(&v[i]) || has_var(&v[i]) || !v[i].n)
				continue;
			char ch = v[i].s[0];
			if (ch == '<' || ch == '>' || ch == '=') {
				if (v[i].n <= 2 && i + 1 < n)
					i++; /* the version after a lone operator */
				continue;
			}
			if (isdigit((unsigned char)ch))
				continue;
			modules(c, &v[i]);
		}
		return;
	}
	if (!n || has_var(&v[0]))
		return;
	if (cmd_is(name, nn, "find_package") || cmd_is(name, nn, "find_dependency")) {
		hit_key(c, AG_ECO_CMAKE, v[0].s, v[0].n, v[0].line);
		return;
	}
	if (!cmd_is(name, nn, "FetchContent_Declare") && !cmd_is(name, nn, "ExternalProject_Add"))
		return;
	if (ag_matcher_lookup(&c->m, AG_ECO_CMAKE, v[0].s, v[0].n)) {
		hit_key(c, AG_ECO_CMAKE, v[0].s, v[0].n, v[0].line);
		return;
	}
	/* GIT_REPOSITORY https://github.com/google/googletest.git: googletest */
	for (size_t i = 1; i + 1 < n; i++) {
		if (!cmd_is(v[i].s, v[i].n, "GIT_REPOSITORY") || has_var(&v[i + 1]))
			continue;
		const char *s = v[i + 1].s, *e = s + v[i + 1].n;
		while (e > s && e[-1] == '/')
			e--;
		if (e - s > 4 && !strncasecmp(e - 4, ".git", 4))
			e -= 4;
		const char *b = e;
		while (b > s && b[-1] != '/' && b[-1] != ':')
			b--;
		ag_scan_hit(c, AG_ECO_CMAKE, b, (size_t)(e - b), v[i + 1].line, v[i + 1].s,
			    v[i + 1].n);
		return;
	}
}

void ag_read_cmake(struct ctx *c, const char *text, size_t len)
{
	const char *p = text, *e = text + len;
	int line = 1;
	while (p < e && !c->err) {
		char ch = *p;
		if (ch == '\n') {
			line++;
			p++;
			continue;
		}
		if (ch == '#') {
			p = skip_comment(p, e, &line);
			continue;
		}
		if (ch == '"') { /* a stray string outside a command */
			for (p++; p < e && *p != '"'; p++) {
				if (*p == '\\' && p + 1 < e)
					p++;
				if (*p == '\n')
					line++;
			}
			if (p < e)
				p++;
			continue;
		}
		if (!(isalpha((unsigned char)ch) || ch == '_')) {
			p++;
			continue;
		}
		const char *name = p;
		while (p < e && (isalnum((unsigned char)*p) || *p == '_'))
			p++;
		size_t nn = (size_t)(p - name);
		const char *q = skip_ws(p, e);
		if (q >= e || *q != '(')
			continue;
		p = q + 1;
		/* the arguments, up to the matching ')' */
		struct arg v[MAX_ARGS];
		size_t n = 0;
		int depth = 1;
		while (p < e && depth > 0) {
			ch = *p;
			if (ch == '\n') {
				line++;
				p++;
			} else if (ch == ' ' || ch == '\t' || ch == '\r') {
				p++;
			} else if (ch == '#') {
				p = skip_comment(p, e, &line);
			} else if (ch == '(') {
				depth++;
				p++;
			} else if (ch == ')') {
				depth--;
				p++;
			} else if (ch == '"') {
				const char *t = ++p;
				int at = line;
				for (; p < e && *p != '"'; p++) {
					if (*p == '\\' && p + 1 < e)
						p++;
					if (*p == '\n')
						line++;
				}
				if (n < MAX_ARGS)
					v[n++] = (struct arg){t, (size_t)(p - t), at};
				if (p < e)
					p++;
			} else if (ch == '[' && skip_bracket(p, e, &(int){0}) != p) {
				p = skip_bracket(p, e, &line);
			} else {
				const char *t = p;
				/* a NUL byte ends nothing in strchr's eyes: test it */
				while (p < e && *p && !strchr(" \t\r\n()\"#", *p)) {
					if (*p == '\\' && p + 1 < e && p[1] != '\n')
						p++;
					p++;
				}
				if (p == t) { /* a NUL byte: skip it */
					p++;
					continue;
				}
				if (n < MAX_ARGS)
					v[n++] = (struct arg){t, (size_t)(p - t), line};
			}
		}
		command(c, name, nn, v, n);
	}
}
