/*
 * test_radar_rules.c - the radar gates inside the rule engine: Hold in use
 * fails at the manifest line, Trial needs an Accepted ADR naming it, in use
 * but not on the radar is a red flag, more languages than the radar allows
 * is a red flag; all silent without radar.yaml; waivers by file work.
 */
#include "rules/rules.h"
#include "test.h"
#include "util.h"

struct run {
	struct ag_model m;
	struct ag_diags d;
	struct ag_result res;
	int rc;
};

static const char *const only_radar[] = {"radar-", NULL};

static void check_dir(struct run *r, const char *arch_dir)
{
	memset(r, 0, sizeof(*r));
	ag_diags_init(&r->d);
	char *abs = realpath(arch_dir, NULL);
	if (!abs) {
		TEST_FAIL_("no fixture %s", arch_dir);
		r->rc = -100;
		return;
	}
	r->rc = ag_model_load(&r->m, abs, &r->d);
	free(abs);
	if (r->rc) {
		diag_dump(&r->d);
		return;
	}
	long today;
	ag_date_parse("2026-11-25", 10, &today); /* waivers expire against a fixed day */
	struct ag_check_opts o = {.today = today, .only = only_radar};
	r->rc = ag_check_run(&r->m, &o, &r->res);
}

static void done(struct run *r)
{
	ag_result_release(&r->res);
	ag_model_release(&r->m);
	ag_diags_release(&r->d);
}

static const struct ag_finding *find(const struct run *r, const char *rule, const char *file,
				     int line, const char *text)
{
	for (size_t i = 0; i < r->res.findings.n; i++) {
		const struct ag_finding *f = &r->res.findings.v[i];
		if (!strcmp(f->rule->id, rule) && f->file && !strcmp(f->file, file) &&
		    f->line == line && strstr(f->message, text))
			return f;
	}
	return NULL;
}

static void dump(const struct run *r)
{
	for (size_t i = 0; i < r->res.findings.n; i++) {
		const struct ag_finding *f = &r->res.findings.v[i];
		fprintf(stderr, "    %s:%d [%s] %s\n", f->file ? f->file : "-", f->line,
			f->rule->id, f->message);
	}
}

#define CHECK_FINDING(r, rule, file, line, text)                            \
	do {                                                                \
		if (!find((r), (rule), (file), (line), (text))) {           \
			TEST_FAIL_("no %s finding at %s:%d containing \"%s\"; got:", \
				   (rule), (file), (line), (text));          \
			dump(r);                                            \
		}                                                           \
	} while (0)

static size_t count(const struct run *r, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < r->res.findings.n; i++)
		n += !strcmp(r->res.findings.v[i].rule->id, rule);
	return n;
}

#define ECO "../cli/fixtures/radar-ecosystems/arch"

TEST(hold_in_use_fails_at_each_manifest)
{
	struct run r;
	check_dir(&r, ECO);
	REQUIRE(r.rc == 0);
	CHECK_FINDING(&r, "radar-hold-in-use", "services/web/package.json", 16,
		      "MongoDB is in the radar's Hold ring (arch/radar.yaml:27) but is used here: "
		      "mongoose");
	CHECK_FINDING(&r, "radar-hold-in-use", "docker-compose.yml", 9, "mongo:7.0");
	CHECK_FINDING(&r, "radar-hold-in-use", "services/ml/requirements.txt", 5, "pymongo");
	CHECK_FINDING(&r, "radar-hold-in-use", "services/legacy-shop/composer.json", 4,
		      "PHP is in the radar's Hold ring");
	CHECK_FINDING(&r, "radar-hold-in-use", "services/legacy-shop/index.php", 1, ".php");
	/* lockfile lines are transitive use: shown by the scan, not counted
	 * (ADR 0030; test_radar_use.c makes them count by policy) */
	size_t lock = 0;
	for (size_t i = 0; i < r.res.findings.n; i++)
		lock += r.res.findings.v[i].file &&
			!strcmp(r.res.findings.v[i].file, "services/web/package-lock.json") &&
			!strcmp(r.res.findings.v[i].rule->id, "radar-hold-in-use");
	CHECK_EQ_INT(lock, 0);
	CHECK_EQ_INT(count(&r, "radar-hold-in-use"), 6);
	done(&r);
}

TEST(trial_needs_an_accepted_adr)
{
	struct run r;
	check_dir(&r, ECO);
	REQUIRE(r.rc == 0);
	/* Go has ADR-001 (Accepted, names Go in its title); Rust has none */
	CHECK_FINDING(&r, "radar-trial-needs-adr", "services/ledger/src/main.rs", 1,
		      "Rust is in the radar's Trial ring and in use (1 source file, first "
		      "services/ledger/src/main.rs), but no Accepted ADR names it");
	CHECK_EQ_INT(count(&r, "radar-trial-needs-adr"), 1);
	done(&r);
}

TEST(unlisted_is_a_red_flag)
{
	struct run r;
	check_dir(&r, ECO);
	REQUIRE(r.rc == 0);
	const struct ag_finding *f = find(&r, "radar-unlisted", "services/ml/requirements.txt", 2,
					  "FastAPI is in use (fastapi in services/ml/requirements.txt) "
					  "but not on the radar");
	CHECK(f != NULL);
	CHECK(f && f->rule->red_flag);
	CHECK_FINDING(&r, "radar-unlisted", "edge/wrangler.toml", 1,
		      "Cloudflare Workers is in use (edge/wrangler.toml)");
	/* a radar mapping names a technology the catalog does not know */
	CHECK_FINDING(&r, "radar-unlisted", "services/ml/requirements.txt", 8, "Acme Feature Store");
	/* listed technologies (also through catalog aliases: Postgres) are not */
	for (size_t i = 0; i < r.res.findings.n; i++) {
		const struct ag_finding *g = &r.res.findings.v[i];
		if (strcmp(g->rule->id, "radar-unlisted"))
			continue;
		CHECK(!strstr(g->message, "PostgreSQL is in use"));
		CHECK(!strstr(g->message, "Redis is in use"));
		CHECK(!strstr(g->message, "Go is in use"));
	}
	CHECK(r.res.board.reopened);
	done(&r);
}

TEST(more_languages_than_the_adopt_ring)
{
	struct run r;
	check_dir(&r, ECO);
	REQUIRE(r.rc == 0);
	/* blamed on a real source file, not on the workflow's setup-go */
	CHECK_FINDING(&r, "radar-languages", "services/pricing/main.go", 1,
		      "8 languages are in use (Go, Java, Kotlin, PHP, Python, Ruby, Rust, "
		      "JavaScript/TypeScript) but the radar allows 2 (the languages in its Adopt ring: "
		      "JavaScript/TypeScript, Python)");
	done(&r);
}

TEST(no_radar_no_radar_findings)
{
	char *t = make_tmpdir();
	REQUIRE(t);
	write_text(path_join(t, "arch/system.yaml"),
		   "boundaries:\n  containers:\n    - {id: api, name: API, tech: [mongodb, php]}\n");
	write_text(path_join(t, "legacy/index.php"), "<?php\n");
	struct run r;
	check_dir(&r, path_join(t, "arch"));
	REQUIRE(r.rc == 0);
	CHECK_EQ_INT(r.res.findings.n, 0);
	done(&r);

	/* with a radar, the model's tech counts as in use at its system.yaml line */
	write_text(path_join(t, "arch/radar.yaml"),
		   "entries:\n  - {name: MongoDB, quadrant: platforms, ring: hold}\n"
		   "  - {name: PHP, quadrant: languages-and-frameworks, ring: adopt}\n");
	check_dir(&r, path_join(t, "arch"));
	REQUIRE(r.rc == 0);
	CHECK_FINDING(&r, "radar-hold-in-use", "arch/system.yaml", 3,
		      "MongoDB is in the radar's Hold ring (arch/radar.yaml:2) but is used here: "
		      "api: tech mongodb");
	CHECK_EQ_INT(r.res.findings.n, 1);
	done(&r);
	rm_rf(t);
	free(t);
}

TEST(waivers_by_file_and_the_language_threshold)
{
	char *t = make_tmpdir();
	REQUIRE(t);
	write_text(path_join(t, "arch/radar.yaml"),
		   "entries:\n"
		   "  - {name: MongoDB, quadrant: platforms, ring: hold}\n"
		   "  - {name: Go, quadrant: languages-and-frameworks, ring: adopt}\n"
		   "  - {name: Python, quadrant: languages-and-frameworks, ring: trial}\n"
		   "  - {name: pip, quadrant: tools, ring: adopt, aliases: [Flask]}\n");
	write_text(path_join(t, "arch/archgate.yaml"),
		   "thresholds: {max_languages: 1}\n"
		   "waivers:\n"
		   "  - rule: radar-hold-in-use\n    file: legacy/requirements.txt\n"
		   "    reason: the legacy catalogue moves to Postgres in Q1\n"
		   "    expires: 2027-03-31\n");
	write_text(path_join(t, "legacy/requirements.txt"), "flask\npymongo\n");
	write_text(path_join(t, "legacy/app.py"), "");
	write_text(path_join(t, "new/requirements.txt"), "pymongo\n");
	write_text(path_join(t, "new/main.go"), "package main\n");
	struct run r;
	check_dir(&r, path_join(t, "arch"));
	REQUIRE(r.rc == 0);
	const struct ag_finding *legacy = find(&r, "radar-hold-in-use", "legacy/requirements.txt",
					       2, "pymongo");
	const struct ag_finding *fresh = find(&r, "radar-hold-in-use", "new/requirements.txt", 1,
					      "pymongo");
	REQUIRE(legacy && fresh);
	CHECK(legacy->waiver != NULL);
	CHECK(fresh->waiver == NULL);
	/* an entry alias resolves Flask to the pip entry */
	CHECK(!find(&r, "radar-unlisted", "legacy/requirements.txt", 1, "Flask"));
	CHECK_FINDING(&r, "radar-languages", "legacy/app.py", 1,
		      "2 languages are in use (Go, Python) but the radar allows 1 "
		      "(thresholds.max_languages is 1)");
	CHECK_FINDING(&r, "radar-trial-needs-adr", "legacy/app.py", 1, "Python");
	done(&r);
	rm_rf(t);
	free(t);
}

TEST(retired_entries_are_off_the_radar)
{
	char *t = make_tmpdir();
	REQUIRE(t);
	write_text(path_join(t, "arch/radar.yaml"),
		   "entries:\n  - {name: Memcached, quadrant: platforms, ring: hold, "
		   "retired: 2025-12-31}\n");
	write_text(path_join(t, "docker-compose.yml"), "services:\n  c:\n    image: memcached:1.6\n");
	struct run r;
	check_dir(&r, path_join(t, "arch"));
	REQUIRE(r.rc == 0);
	CHECK_FINDING(&r, "radar-unlisted", "docker-compose.yml", 3,
		      "Memcached is in use (memcached:1.6 in docker-compose.yml) but was retired "
		      "from the radar on 2025-12-31 (arch/radar.yaml:2)");
	CHECK_EQ_INT(count(&r, "radar-hold-in-use"), 0);
	done(&r);
	rm_rf(t);
	free(t);
}

TEST_MAIN(TEST_ENTRY(hold_in_use_fails_at_each_manifest),
	  TEST_ENTRY(trial_needs_an_accepted_adr),
	  TEST_ENTRY(unlisted_is_a_red_flag),
	  TEST_ENTRY(more_languages_than_the_adopt_ring),
	  TEST_ENTRY(no_radar_no_radar_findings),
	  TEST_ENTRY(waivers_by_file_and_the_language_threshold),
	  TEST_ENTRY(retired_entries_are_off_the_radar))
