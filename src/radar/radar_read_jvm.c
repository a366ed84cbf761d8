/*
 * radar_read_jvm.c - the JVM: Maven's pom.xml and Gradle build files
 * (Groovy, Kotlin and version catalogs).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "radar_scan_impl.h"

/* The text between <tag> and </tag> on this line. */
static bool xml_tag(const char *s, const char *e, const char *tag, const char **v, size_t *vl)
{
	char open[64];
	snprintf(open, sizeof(open), "<%s>", tag);
	size_t on = strlen(open);
	for (const char *p = s; p + on <= e; p++) {
		if (memcmp(p, open, on))
			continue;
		const char *t = p + on, *q = t;
		while (q < e && *q != '<')
			q++;
		*v = t;
		*vl = (size_t)(q - t);
		while (*vl && isspace((unsigned char)t[*vl - 1]))
			(*vl)--;
		return true;
	}
	return false;
}

static bool has(const char *s, const char *e, const char *lit)
{
	size_t n = strlen(lit);
	for (const char *p = s; p + n <= e; p++)
		if (!memcmp(p, lit, n))
			return true;
	return false;
}

void ag_read_pom(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	int in_dep = 0, excl = 0, aline = 0;
	bool test = false; /* <scope>test</scope>: a test dependency (ADR 0030) */
	/* <build> and <reporting>: plugins and their dependencies are build
	 * tools (JaCoCo, Checkstyle, GraalVM native), dev (ADR 0056) */
	int build = 0;
	char group[256] = "", art[256] = "";
	const char *s;
	size_t n;
	while (next_line(&l, &s, &n)) {
		const char *e = s + n;
		if (has(s, e, "<build>") || has(s, e, "<reporting>"))
			build++;
		if ((has(s, e, "</build>") || has(s, e, "</reporting>")) && build)
			build--;
		if (has(s, e, "<exclusions>"))
			excl++;
		if (has(s, e, "</exclusions>") && excl)
			excl--;
		if (has(s, e, "<dependency>") || has(s, e, "<plugin>") || has(s, e, "<parent>")) {
			if (in_dep && *art) { /* a plugin's own dependencies start */
				char key[520];
				size_t kn = ag_snprintf(key, sizeof(key), "%s:%s",
							*group ? group : "org.apache.maven.plugins", art);
				c->kind = build ? AG_EVIDENCE_DEV : AG_EVIDENCE_MANIFEST;
				hit_key(c, AG_ECO_MAVEN, key, kn, aline);
				c->kind = AG_EVIDENCE_MANIFEST;
			}
			in_dep = 1;
			test = false;
			group[0] = art[0] = '\0';
			aline = 0;
		}
		if (in_dep && !excl) {
			const char *v;
			size_t vl;
			if (xml_tag(s, e, "groupId", &v, &vl) && vl < sizeof(group)) {
				memcpy(group, v, vl);
				group[vl] = '\0';
			}
			if (xml_tag(s, e, "scope", &v, &vl) && vl == 4 && !memcmp(v, "test", 4))
				test = true;
			if (xml_tag(s, e, "artifactId", &v, &vl) && vl < sizeof(art)) {
				memcpy(art, v, vl);
				art[vl] = '\0';
				aline = l.no;
			}
		}
		if (in_dep && (has(s, e, "</dependency>") || has(s, e, "</plugin>") ||
			       has(s, e, "</parent>"))) {
			in_dep = 0;
			if (*art) {
				char key[520];
				size_t kn = ag_snprintf(key, sizeof(key), "%s:%s",
							*group ? group : "org.apache.maven.plugins", art);
				c->kind = test || build ? AG_EVIDENCE_DEV : AG_EVIDENCE_MANIFEST;
				hit_key(c, AG_ECO_MAVEN, key, kn, aline);
				c->kind = AG_EVIDENCE_MANIFEST;
			}
		}
	}
}

static bool gav_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '.' || ch == '-' || ch == '_';
}

/* "group:artifact[:version][@classifier]" -> "group:artifact" */
static size_t gav(const char *s, size_t n)
{
	size_t i = 0;
	bool letter = false;
	while (i < n && gav_char(s[i]))
		letter |= isalpha((unsigned char)s[i]), i++;
	if (!i || i >= n || s[i] != ':' || !letter)
		return 0;
	size_t g = i++;
	while (i < n && gav_char(s[i]))
		i++;
	if (i == g + 1)
		return 0;
	size_t end = i;
	if (i < n && s[i] != ':' && s[i] != '@')
		return 0;
	return end;
}

/* A quoted string at p (after blanks): [*t, *t + return), or 0. */
static size_t quoted_at(const char *p, const char *e, const char **t)
{
	p = skip_ws(p, e);
	if (p >= e || (*p != '"' && *p != '\''))
		return 0;
	char q = *p++;
	const char *s = p;
	while (p < e && *p != q)
		p++;
	if (p >= e)
		return 0;
	*t = s;
	return (size_t)(p - s);
}

/* plugins { id("org.springframework.boot") version "3.2.0"; kotlin("jvm") }
 * on one line (Kotlin DSL, also Groovy's id 'x'): every plugin on it. */
static bool gradle_plugins_line(struct ctx *c, const char *s, const char *e, int line)
{
	if (!starts(s, e, "plugins"))
		return false;
	/* plugins are build tools, as Maven's <build> plugins are (ADR 0056) */
	c->kind = AG_EVIDENCE_DEV;
	const char *brace = memchr(s, '{', (size_t)(e - s));
	if (!brace || skip_ws(brace + 1, e) >= e)
		return false;
	for (const char *p = brace + 1; p < e; p++) {
		bool word = p == brace + 1 || !isalnum((unsigned char)p[-1]);
		if (!word)
			continue;
		const char *t;
		size_t tn;
		if (e - p > 7 && !memcmp(p, "kotlin(", 7) && (tn = quoted_at(p + 7, e, &t)) &&
		    tn <= 200) {
			char key[256];
			size_t kn = ag_snprintf(key, sizeof(key), "org.jetbrains.kotlin.%.*s",
						(int)tn, t);
			ag_scan_hit(c, AG_ECO_MAVEN, key, kn, line, t, tn);
		} else if (e - p > 3 && p[0] == 'i' && p[1] == 'd' && (p[2] == '(' || p[2] == ' ') &&
			   (tn = quoted_at(p + 3, e, &t)) && memchr(t, '.', tn)) {
			hit_key(c, AG_ECO_MAVEN, t, tn, line);
		}
	}
	return true;
}

/* A line in a test, tool or workstation-only configuration:
 * testImplementation, androidTestImplementation, integrationTest...,
 * checkstyle, detekt, ktlint, pmd, spotbugs..., developmentOnly (ADR 0030,
 * 0056). */
static bool gradle_dev_config(const char *s, const char *e)
{
	static const char *const tools[] = {"checkstyle", "detekt", "ktlint", "pmd",
					    "spotbugs", "developmentOnly", "jacocoAgent"};
	if (starts(s, e, "test") || starts(s, e, "androidTest") || starts(s, e, "integrationTest"))
		return true;
	for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]); i++) {
		size_t n = strlen(tools[i]);
		if ((size_t)(e - s) > n && !memcmp(s, tools[i], n) &&
		    (s[n] == ' ' || s[n] == '(' || s[n] == '\t' || s[n] == '"' || s[n] == '\''))
			return true;
	}
	return false;
}

void ag_read_gradle(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	const char *s, *e;
	while (next_trimmed(&l, &s, &e)) {
		if (starts(s, e, "//"))
			continue;
		/* testImplementation, testRuntimeOnly, androidTestImplementation,
		 * testFixturesApi ...: test dependencies (ADR 0030) */
		c->kind = gradle_dev_config(s, e) ? AG_EVIDENCE_DEV : AG_EVIDENCE_MANIFEST;
		if (gradle_plugins_line(c, s, e, l.no))
			continue;
		/* kotlin("jvm") */
		if (starts(s, e, "kotlin(\"")) {
			const char *t = s + 8, *q = t;
			while (q < e && *q != '"')
				q++;
			/* an unclosed or overlong name is no plugin id: the
			 * evidence would point past the line */
			if (q == e || q - t > 200)
				continue;
			char key[256];
			size_t kn = ag_snprintf(key, sizeof(key), "org.jetbrains.kotlin.%.*s",
						(int)(q - t), t);
			ag_scan_hit(c, AG_ECO_MAVEN, key, kn, l.no, s,
				    (size_t)(q - s) + 1 + (q + 1 < e && q[1] == ')'));
			continue;
		}
		/* id 'x' / id("x") / id = "x" (version catalogs): plugin ids,
		 * build tools (ADR 0056) */
		bool plugin = starts(s, e, "id ") || starts(s, e, "id(") || starts(s, e, "id=") ||
			      has(s, e, " id = ") || has(s, e, "{ id = ") || has(s, e, "{id=");
		if (plugin)
			c->kind = AG_EVIDENCE_DEV;
		const char *group = NULL;
		size_t gl = 0;
		for (const char *p = s; p < e; p++) {
			if (*p != '"' && *p != '\'')
				continue;
			char q = *p;
			const char *t = ++p;
			while (p < e && *p != q)
				p++;
			size_t tn = (size_t)(p - t);
			size_t k = gav(t, tn);
			if (k) {
				hit_key(c, AG_ECO_MAVEN, t, k, l.no);
			} else if (plugin && tn && memchr(t, '.', tn)) {
				hit_key(c, AG_ECO_MAVEN, t, tn, l.no);
				break;
			} else if (p - t > 0) {
				/* group: 'g', name: 'a' (map notation) */
				const char *before = t - 1;
				while (before > s && (before[-1] == ' ' || before[-1] == ':' ||
						      before[-1] == '='))
					before--;
				if (before - s >= 5 && !memcmp(before - 5, "group", 5)) {
					group = t;
					gl = tn;
				} else if (group && before - s >= 4 && !memcmp(before - 4, "name", 4)) {
					char key[520];
					size_t kn = ag_snprintf(key, sizeof(key), "%.*s:%.*s", (int)gl,
								group, (int)tn, t);
					hit_key(c, AG_ECO_MAVEN, key, kn, l.no);
					group = NULL;
				}
			}
		}
	}
}
