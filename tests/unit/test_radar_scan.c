/*
 * test_radar_scan.c - the scanner against the realistic fixture repository
 * (../cli/fixtures/radar-ecosystems, every ecosystem the scanner reads) and
 * against small trees built here: .gitignore semantics, skipped folders,
 * symlinks never followed, the size limit, determinism.
 */
#include "radar/radar_scan.h"
#include "test.h"
#include "util.h"

#define FIXTURE "../cli/fixtures/radar-ecosystems"

static const struct ag_used *used(const struct ag_scan *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].name, name))
			return &s->v[i];
	return NULL;
}

/* The technology has evidence file:line with exactly this matched text. */
static bool has_ev(const struct ag_scan *s, const char *name, const char *file, int line,
		   const char *match)
{
	const struct ag_used *u = used(s, name);
	for (size_t i = 0; u && i < u->nev; i++)
		if (!strcmp(u->ev[i].file, file) && u->ev[i].line == line &&
		    !strcmp(u->ev[i].match, match))
			return true;
	return false;
}

#define CHECK_EV(s, name, file, line, match)                                \
	do {                                                                \
		if (!has_ev((s), (name), (file), (line), (match)))          \
			TEST_FAIL_("no evidence %s:%d '%s' for %s", (file), (line), \
				   (match), (name));                        \
	} while (0)

static bool any_in(const struct ag_scan *s, const char *prefix)
{
	for (size_t i = 0; i < s->n; i++)
		for (size_t k = 0; k < s->v[i].nev; k++)
			if (!strncmp(s->v[i].ev[k].file, prefix, strlen(prefix)))
				return true;
	return false;
}

static int scan(struct ag_scan *s, const char *root, const struct ag_scan_opts *o,
		struct ag_diags *d)
{
	ag_scan_init(s);
	ag_diags_init(d);
	int rc = ag_scan_dir(s, root, o, d);
	if (rc)
		diag_dump(d);
	return rc;
}

TEST(every_ecosystem_with_its_evidence_line)
{
	struct ag_scan s;
	struct ag_diags d;
	REQUIRE(scan(&s, FIXTURE, NULL, &d) == 0);
	/* npm: manifest, lockfile v3, yarn v1, pnpm v9 */
	CHECK_EV(&s, "MongoDB", "services/web/package.json", 16, "mongoose");
	CHECK_EV(&s, "MongoDB", "services/web/package-lock.json", 15, "mongoose");
	CHECK_EV(&s, "MongoDB", "services/web/package-lock.json", 22, "mongodb");
	CHECK_EV(&s, "TypeScript", "services/web/package.json", 21, "typescript");
	CHECK_EV(&s, "Node.js", "services/web/package.json", 10, "engines.node");
	CHECK_EV(&s, "PostgreSQL", "services/web/package-lock.json", 28, "pg");
	CHECK_EV(&s, "Vue.js", "services/admin/package.json", 1, "vue");
	CHECK_EV(&s, "Redis", "services/admin/yarn.lock", 13, "redis");
	CHECK_EV(&s, "SvelteKit", "services/portal/pnpm-lock.yaml", 16, "@sveltejs/kit");
	CHECK_EV(&s, "Redis", "services/portal/pnpm-lock.yaml", 19, "ioredis");
	/* Go */
	CHECK_EV(&s, "Go", "services/pricing/go.mod", 3, "go 1.22");
	CHECK_EV(&s, "Gin", "services/pricing/go.mod", 6, "github.com/gin-gonic/gin");
	CHECK_EV(&s, "PostgreSQL", "services/pricing/go.mod", 7, "github.com/jackc/pgx/v5");
	CHECK_EV(&s, "Redis", "services/pricing/go.mod", 9, "github.com/redis/go-redis/v9");
	/* Rust: tables, target tables, [dependencies.x], Cargo.lock */
	CHECK_EV(&s, "Tokio", "services/ledger/Cargo.toml", 7, "tokio");
	CHECK_EV(&s, "PostgreSQL", "services/ledger/Cargo.toml", 15, "tokio-postgres");
	CHECK_EV(&s, "Redis", "services/ledger/Cargo.toml", 17, "redis");
	CHECK_EV(&s, "MongoDB", "services/ledger/Cargo.lock", 10, "mongodb");
	/* Python: requirements (extras, markers, -e #egg), PEP 621, Poetry,
	 * optional deps, Pipfile and Pipfile.lock */
	CHECK_EV(&s, "FastAPI", "services/ml/requirements.txt", 2, "fastapi");
	CHECK_EV(&s, "PostgreSQL", "services/ml/requirements.txt", 4, "psycopg");
	CHECK_EV(&s, "MongoDB", "services/ml/requirements.txt", 5, "pymongo");
	CHECK_EV(&s, "pytest", "services/ml/requirements-dev.txt", 1, "pytest");
	CHECK_EV(&s, "pgvector", "services/ml/pyproject.toml", 10, "pgvector");
	CHECK_EV(&s, "Django", "services/ml/pyproject.toml", 12, "Django");
	CHECK_EV(&s, "OpenTelemetry", "services/ml/pyproject.toml", 16, "opentelemetry-sdk");
	CHECK_EV(&s, "Flask", "services/ml/pyproject.toml", 20, "Flask");
	CHECK_EV(&s, "mypy", "services/ml/pyproject.toml", 23, "mypy");
	CHECK_EV(&s, "DuckDB", "services/reports/Pipfile", 8, "duckdb");
	CHECK_EV(&s, "NumPy", "services/reports/Pipfile.lock", 10, "numpy");
	CHECK_EV(&s, "Python", "services/reports/Pipfile", 14, "python_version");
	/* JVM: pom (parent, exclusions skipped, plugins), Gradle Kotlin DSL and
	 * a version catalog */
	CHECK_EV(&s, "Spring Boot", "services/billing/pom.xml", 6,
		 "org.springframework.boot:spring-boot-starter-parent");
	CHECK_EV(&s, "PostgreSQL", "services/billing/pom.xml", 14, "org.postgresql:postgresql");
	CHECK_EV(&s, "Apache Kafka", "services/billing/pom.xml", 19, "org.apache.kafka:kafka-clients");
	CHECK_EV(&s, "Flyway", "services/billing/pom.xml", 37, "org.flywaydb:flyway-maven-plugin");
	CHECK(!has_ev(&s, "MongoDB", "services/billing/pom.xml", 23,
		      "org.mongodb:mongodb-driver-sync")); /* an exclusion */
	CHECK_EV(&s, "Kotlin", "services/catalog/build.gradle.kts", 2, "kotlin(\"jvm\")");
	CHECK_EV(&s, "Spring Boot", "services/catalog/build.gradle.kts", 3, "org.springframework.boot");
	CHECK_EV(&s, "PostgreSQL", "services/catalog/build.gradle.kts", 9, "org.postgresql:postgresql");
	CHECK_EV(&s, "Redis", "services/catalog/gradle/libs.versions.toml", 5, "redis.clients:jedis");
	/* PHP and Ruby */
	CHECK_EV(&s, "PHP", "services/legacy-shop/composer.json", 4, "php");
	CHECK_EV(&s, "MongoDB", "services/legacy-shop/composer.json", 6, "mongodb/mongodb");
	CHECK_EV(&s, "Redis", "services/legacy-shop/composer.lock", 10, "predis/predis");
	CHECK_EV(&s, "Ruby on Rails", "services/storefront/Gemfile", 5, "rails");
	CHECK_EV(&s, "PostgreSQL", "services/storefront/Gemfile", 6, "pg");
	CHECK_EV(&s, "Redis", "services/storefront/Gemfile.lock", 7, "redis");
	/* images: Dockerfile with an ARG default and a build stage, compose */
	CHECK_EV(&s, "Node.js", "services/api/Dockerfile", 3, "node:20-alpine");
	CHECK_EV(&s, "Flyway", "services/api/Dockerfile.migrate", 1, "flyway/flyway:10");
	CHECK_EV(&s, "PostgreSQL", "docker-compose.yml", 3, "postgres:16-alpine");
	CHECK_EV(&s, "Redis", "docker-compose.yml", 7, "redis:7.2");
	CHECK_EV(&s, "MongoDB", "docker-compose.yml", 9, "mongo:7.0");
	CHECK_EV(&s, "Jaeger", "docker-compose.yml", 11, "docker.io/jaegertracing/all-in-one:1.57");
	/* Terraform: required_providers, provider blocks, resources */
	CHECK_EV(&s, "AWS", "infra/main.tf", 4, "hashicorp/aws");
	CHECK_EV(&s, "Cloudflare", "infra/main.tf", 8, "cloudflare/cloudflare");
	CHECK_EV(&s, "Amazon RDS", "infra/main.tf", 17, "aws_db_instance");
	CHECK_EV(&s, "Amazon SQS", "infra/main.tf", 21, "aws_sqs_queue");
	CHECK_EV(&s, "AWS Lambda", "infra/main.tf", 25, "aws_lambda_function");
	/* GitHub Actions: uses:, docker:// actions, service images */
	CHECK_EV(&s, "PostgreSQL", ".github/workflows/ci.yml", 8, "postgres:16");
	CHECK_EV(&s, "Node.js", ".github/workflows/ci.yml", 11, "actions/setup-node@v4");
	CHECK_EV(&s, "Go", ".github/workflows/ci.yml", 15, "actions/setup-go@v5");
	CHECK_EV(&s, "Terraform", ".github/workflows/ci.yml", 16, "hashicorp/setup-terraform@v3");
	CHECK_EV(&s, "Trivy", ".github/workflows/ci.yml", 18, "aquasec/trivy:0.52.0");
	CHECK_EV(&s, "GitHub Actions", ".github/workflows/ci.yml", 1, "ci.yml");
	/* Helm chart dependencies, well-known files, source languages */
	CHECK_EV(&s, "PostgreSQL", "charts/shop/Chart.yaml", 5, "postgresql");
	CHECK_EV(&s, "Redis", "charts/shop/Chart.yaml", 8, "redis");
	CHECK_EV(&s, "Cloudflare Workers", "edge/wrangler.toml", 1, "wrangler.toml");
	CHECK_EV(&s, "Rust", "services/ledger/src/main.rs", 1, ".rs");
	CHECK_EV(&s, "Java", "services/billing/src/main/java/shop/Billing.java", 1, ".java");
	CHECK_EV(&s, "PHP", "services/legacy-shop/index.php", 1, ".php");
	const struct ag_used *py = used(&s, "Python");
	REQUIRE(py);
	CHECK_EQ_INT(py->files, 2); /* app.py and the re-included scratch/keep.py */
	/* skipped: what .gitignore names (build, logs, scratch), node_modules, vendor */
	CHECK(!any_in(&s, "build/"));
	CHECK(!any_in(&s, "node_modules/"));
	CHECK(!any_in(&s, "vendor/"));
	CHECK(!any_in(&s, "scratch/tmp.py"));
	CHECK(any_in(&s, "scratch/keep.py"));
	CHECK(s.stats.ignored >= 4);
	/* sorted by name, deterministic */
	for (size_t i = 1; i < s.n; i++)
		CHECK(strcasecmp(s.v[i - 1].name, s.v[i].name) <= 0);
	ag_scan_release(&s);
	ag_diags_release(&d);
}

TEST(the_same_tree_gives_the_same_report)
{
	struct ag_buf a = AG_BUF_INIT, b = AG_BUF_INIT;
	for (int k = 0; k < 2; k++) {
		struct ag_scan s;
		struct ag_diags d;
		REQUIRE(scan(&s, FIXTURE, NULL, &d) == 0);
		REQUIRE(ag_scan_report_json(k ? &b : &a, &s, NULL) == 0);
		ag_scan_release(&s);
		ag_diags_release(&d);
	}
	REQUIRE(a.len == b.len);
	CHECK_MEM(a.data, b.data, a.len);
	CHECK_CONTAINS(a.data, "{\"technologies\":[");
	CHECK_CONTAINS(a.data, "\"ring\":null");
	ag_buf_release(&a);
	ag_buf_release(&b);
}

TEST(gitignore_semantics)
{
	char *t = make_tmpdir();
	REQUIRE(t);
	write_text(path_join(t, ".gitignore"), "# comment\n*.py\n!keep.py\n/only-top/\n"
		   "docs/**/gen\nbuild-*/\n\\#hash.go\n");
	write_text(path_join(t, "a.py"), "");
	write_text(path_join(t, "keep.py"), "");
	write_text(path_join(t, "sub/deep/b.py"), "");
	write_text(path_join(t, "only-top/x.go"), "");
	write_text(path_join(t, "sub/only-top/y.go"), "");       /* not anchored there */
	write_text(path_join(t, "docs/a/b/gen/z.rb"), "");
	write_text(path_join(t, "docs/gen/w.rb"), "");            /* ** matches zero dirs */
	write_text(path_join(t, "build-x/c.rs"), "");
	write_text(path_join(t, "build-x.rs"), "");               /* a file, not a folder */
	write_text(path_join(t, "#hash.go"), "");
	write_text(path_join(t, "sub/.gitignore"), "*.rs\n");
	write_text(path_join(t, "sub/n.rs"), "");
	write_text(path_join(t, "other/n.rs"), "");
	write_text(path_join(t, ".git/info/exclude"), "private.php\n");
	write_text(path_join(t, "private.php"), "");
	write_text(path_join(t, ".git/config.lua"), ""); /* .git is never read */
	struct ag_scan s;
	struct ag_diags d;
	REQUIRE(scan(&s, t, NULL, &d) == 0);
	const struct ag_used *py = used(&s, "Python"), *go = used(&s, "Go"),
			     *rb = used(&s, "Ruby"), *rs = used(&s, "Rust");
	REQUIRE(py);
	CHECK_EQ_INT(py->files, 1);
	CHECK_STR(py->ev[0].file, "keep.py");
	REQUIRE(go);
	CHECK_EQ_INT(go->files, 1);
	CHECK_STR(go->ev[0].file, "sub/only-top/y.go");
	CHECK(rb == NULL);
	REQUIRE(rs);
	CHECK_EQ_INT(rs->files, 2);
	CHECK_STR(rs->ev[0].file, "build-x.rs");
	CHECK_STR(rs->ev[1].file, "other/n.rs");
	CHECK(used(&s, "PHP") == NULL);
	CHECK(used(&s, "Lua") == NULL);
	ag_scan_release(&s);
	ag_diags_release(&d);
	rm_rf(t);
	free(t);
}

TEST(symlinks_are_never_followed)
{
	char *t = make_tmpdir(), *out = make_tmpdir();
	REQUIRE(t && out);
	write_text(path_join(out, "package.json"), "{\"dependencies\": {\"mongoose\": \"8\"}}\n");
	write_text(path_join(out, "x.php"), "<?php\n");
	write_text(path_join(t, "app.go"), "package main\n");
	CHECK(symlink(out, path_join(t, "escape")) == 0);
	CHECK(symlink(path_join(out, "package.json"), path_join(t, "package.json")) == 0);
	struct ag_scan s;
	struct ag_diags d;
	REQUIRE(scan(&s, t, NULL, &d) == 0);
	CHECK(used(&s, "MongoDB") == NULL);
	CHECK(used(&s, "PHP") == NULL);
	CHECK(used(&s, "Go") != NULL);
	CHECK_EQ_INT(s.stats.ignored, 2);
	ag_scan_release(&s);
	ag_diags_release(&d);
	rm_rf(t);
	rm_rf(out);
	free(t);
	free(out);
}

TEST(limits_bound_the_scan)
{
	char *t = make_tmpdir();
	REQUIRE(t);
	struct ag_buf big = AG_BUF_INIT;
	ag_buf_adds(&big, "{\"dependencies\": {\n");
	for (int i = 0; i < 2000; i++)
		ag_buf_printf(&big, "  \"pkg-%d\": \"1.0.0\",\n", i);
	ag_buf_adds(&big, "  \"mongoose\": \"8\"\n}}\n");
	write_bytes(path_join(t, "package.json"), big.data, big.len);
	ag_buf_release(&big);
	for (int i = 0; i < 30; i++) {
		char name[64];
		snprintf(name, sizeof(name), "src/f%02d.go", i);
		write_text(path_join(t, name), "package main\n");
	}
	struct ag_scan s;
	struct ag_diags d;
	struct ag_scan_opts o = {NULL, 4096, 0, 0};
	REQUIRE(scan(&s, t, &o, &d) == 0);
	CHECK(used(&s, "MongoDB") == NULL);
	CHECK_EQ_INT(s.stats.too_large, 1);
	CHECK_DIAG(&d, "not scanned: ", 0, 0);
	CHECK_EQ_INT(d.v[0].sev, AG_SEV_WARNING);
	CHECK_STR(d.v[0].file, "package.json");
	const struct ag_used *go = used(&s, "Go");
	REQUIRE(go);
	CHECK_EQ_INT(go->files, 30);
	CHECK_EQ_INT(go->total, 30);
	CHECK_EQ_INT(go->nev, 3); /* a language keeps three files as evidence */
	ag_scan_release(&s);
	ag_diags_release(&d);

	/* a .gitignore over the limit is said, not silently skipped (issue 10) */
	struct ag_buf gi = AG_BUF_INIT;
	while (gi.len <= 4096)
		ag_buf_adds(&gi, "*.generated\n");
	write_bytes(path_join(t, ".gitignore"), gi.data, gi.len);
	ag_buf_release(&gi);
	REQUIRE(scan(&s, t, &o, &d) == 0);
	CHECK_DIAG(&d, "its patterns are not applied", 0, 0);
	REQUIRE(diag_find(&d, "its patterns are not applied"));
	CHECK_STR(diag_find(&d, "its patterns are not applied")->file, ".gitignore");
	ag_scan_release(&s);
	ag_diags_release(&d);
	unlink(path_join(t, ".gitignore"));

	struct ag_scan_opts few = {NULL, 0, 10, 0};
	REQUIRE(scan(&s, t, &few, &d) == 0);
	CHECK_DIAG(&d, "scan stopped after 10 entries", 0, 0);
	ag_scan_release(&s);
	ag_diags_release(&d);

	/* the root itself must be readable */
	ag_scan_init(&s);
	ag_diags_init(&d);
	CHECK_EQ_INT(ag_scan_dir(&s, path_join(t, "nope"), NULL, &d), AG_EIO);
	ag_scan_release(&s);
	ag_diags_release(&d);
	rm_rf(t);
	free(t);
}

TEST(malformed_manifests_do_not_stop_the_scan)
{
	char *t = make_tmpdir();
	REQUIRE(t);
	write_text(path_join(t, "a/package.json"), "{\"dependencies\": {\"mongoose\": \"8\", ");
	write_text(path_join(t, "b/package.json"), "{\"dependencies\": [[[[[[[[[[[[[[[[[[[[");
	write_text(path_join(t, "c/pom.xml"), "<dependency><artifactId>");
	write_text(path_join(t, "d/go.mod"), "require (\n");
	write_text(path_join(t, "e/Dockerfile"), "FROM\nFROM --platform=x\nFROM ${UNSET}\n");
	write_text(path_join(t, "f/yarn.lock"), "\"\n:\n@:\n");
	write_text(path_join(t, "g/composer.json"), "\"");
	write_text(path_join(t, "h/package.json"), "{\"dependencies\": {\"pg\": \"8\"}}");
	struct ag_scan s;
	struct ag_diags d;
	REQUIRE(scan(&s, t, NULL, &d) == 0);
	/* a truncated file still yields what it declared before breaking */
	CHECK(used(&s, "MongoDB") != NULL);
	CHECK(used(&s, "PostgreSQL") != NULL);
	ag_scan_release(&s);
	ag_diags_release(&d);
	rm_rf(t);
	free(t);
}

/* issue 10: the Gradle reader used snprintf's return value as a length
 * (a stack over-read on a long kotlin("...") name) and pointed its
 * evidence two bytes past a file that ends inside kotlin("... (a heap
 * over-read). Under ASan either was a crash. */
TEST(gradle_kotlin_plugins_stay_inside_the_line)
{
	char *t = make_tmpdir();
	REQUIRE(t);
	char longname[400];
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	char text[600];
	snprintf(text, sizeof(text), "plugins {\n  kotlin(\"%s\")\n  kotlin(\"jvm\")\n}\n", longname);
	write_text(path_join(t, "a/build.gradle.kts"), text);
	write_text(path_join(t, "b/build.gradle.kts"), "plugins {\n  kotlin(\"spring");
	struct ag_scan s;
	struct ag_diags d;
	REQUIRE(scan(&s, t, NULL, &d) == 0);
	CHECK_EV(&s, "Kotlin", "a/build.gradle.kts", 3, "kotlin(\"jvm\")");
	/* the overlong name and the unclosed one are no plugin ids */
	const struct ag_used *k = used(&s, "Kotlin");
	for (size_t i = 0; k && i < k->nev; i++)
		CHECK(strcmp(k->ev[i].file, "b/build.gradle.kts") != 0 && k->ev[i].line != 2);
	ag_scan_release(&s);
	ag_diags_release(&d);
	rm_rf(t);
	free(t);
}

TEST_MAIN(TEST_ENTRY(every_ecosystem_with_its_evidence_line),
	  TEST_ENTRY(gradle_kotlin_plugins_stay_inside_the_line),
	  TEST_ENTRY(the_same_tree_gives_the_same_report),
	  TEST_ENTRY(gitignore_semantics),
	  TEST_ENTRY(symlinks_are_never_followed),
	  TEST_ENTRY(limits_bound_the_scan),
	  TEST_ENTRY(malformed_manifests_do_not_stop_the_scan))
