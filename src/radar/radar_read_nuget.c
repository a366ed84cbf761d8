/*
 * radar_read_nuget.c - NuGet: .csproj, .fsproj and .vbproj projects
 * (PackageReference, the project SDK, UseMaui), Directory.Packages.props
 * (central PackageVersion pins, GlobalPackageReference),
 * Directory.Build.props/.targets and packages.config (ADR 0042).
 *
 * A test project's references are dev use: one whose file name says
 * "test", or that references Microsoft.NET.Test.Sdk, uses MSTest.Sdk or
 * sets IsTestProject. A reference with PrivateAssets="all" is a build tool
 * (an analyzer, a source generator): dev too. A central PackageVersion only
 * pins a version, the projects' PackageReference lines are the use: it is
 * transitive evidence.
 */
#include <string.h>
#include <strings.h>
#include "radar_scan_impl.h"

static const char *find(const char *s, const char *e, const char *lit)
{
	size_t n = strlen(lit);
	for (; s + n <= e; s++)
		if (!strncasecmp(s, lit, n))
			return s;
	return NULL;
}

/* The value of attribute `name="..."` on [s, e): its length, or 0. */
static size_t attr(const char *s, const char *e, const char *name, const char **v)
{
	size_t n = 0;
	*v = ag_scan_xml_attr(s, e, name, &n);
	return *v ? n : 0;
}

static bool test_project(const char *rel, const char *text, size_t len)
{
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	const char *end = text + len;
	return find(base, base + strlen(base), "test") ||
	       find(text, end, "Microsoft.NET.Test.Sdk") || find(text, end, "MSTest.Sdk") ||
	       find(text, end, "<IsTestProject>true");
}

void ag_read_nuget(struct ctx *c, const char *text, size_t len, bool packages_config)
{
	struct lines l = {text, text + len, 0};
	bool dev = !packages_config && test_project(c->rel, text, len);
	enum ag_evidence_kind was = c->kind;
	const char *s, *e;
	while (next_trimmed(&l, &s, &e)) {
		if (s >= e || *s != '<')
			continue;
		const char *v;
		size_t vn;
		enum ag_evidence_kind k = dev ? AG_EVIDENCE_DEV : AG_EVIDENCE_MANIFEST;
		if (packages_config) {
			if (!starts(s, e, "<package ") || !(vn = attr(s, e, "id", &v)))
				continue;
			const char *dv;
			size_t dn = attr(s, e, "developmentDependency", &dv);
			if (dn == 4 && !strncasecmp(dv, "true", 4))
				k = AG_EVIDENCE_DEV;
		} else if (starts(s, e, "<PackageReference") || starts(s, e, "<GlobalPackageReference")) {
			if (!(vn = attr(s, e, "Include", &v)) && !(vn = attr(s, e, "Update", &v)))
				continue;
			const char *pa;
			size_t pn = attr(s, e, "PrivateAssets", &pa);
			if (pn == 3 && !strncasecmp(pa, "all", 3))
				k = AG_EVIDENCE_DEV;
		} else if (starts(s, e, "<PackageVersion")) {
			if (!(vn = attr(s, e, "Include", &v)))
				continue;
			k = AG_EVIDENCE_LOCKFILE;
		} else if (starts(s, e, "<Project") || starts(s, e, "<Sdk ") ||
			   starts(s, e, "<Import ")) {
			if (!(vn = attr(s, e, "Sdk", &v)) && !(vn = attr(s, e, "Name", &v)))
				continue;
			/* Aspire.AppHost.Sdk/13.1.0: the SDK without its version */
			const char *sl = memchr(v, '/', vn);
			if (sl)
				vn = (size_t)(sl - v);
		} else if (starts_ci(s, e, "<UseMaui>true")) {
			c->kind = k;
			ag_scan_hit_name(c, ".NET MAUI", l.no, "UseMaui", 7);
			continue;
		} else {
			continue;
		}
		c->kind = k;
		hit_key(c, AG_ECO_NUGET, v, vn, l.no);
	}
	c->kind = was;
}
