/*
 * test_radar_use.c - how a technology is used (ADR 0030): every reader's
 * test and build dependencies are dev, lockfile-only packages (and
 * pip-compile "# via" pins, go.mod "// indirect") transitive, workflow
 * actions and service images ci; only direct, image and infra use counts
 * for the radar rules unless archgate.yaml's radar.in_use says so;
 * generated and vendored code gives no language away; a .h is C++ beside
 * C++. Each pattern is a small tree written here, not a copied repository.
 */
#include "radar/radar_scan.h"
#include "rules/rules.h"
#include "test.h"
#include "util.h"

static const struct ag_used *used(const struct ag_scan *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].name, name))
			return &s->v[i];
	return NULL;
}

/* The kinds of use of `name` as "dev,transitive" (in enum order), or "-"
 * when the scan did not find it. */
static const char *kinds(const struct ag_scan *s, const char *name)
{
	static char buf[128];
	const struct ag_used *u = used(s, name);
	if (!u)
		return "-";
	buf[0] = '\0';
	for (int k = 0; k < AG_USE__COUNT; k++)
		if (u->uses[k]) {
			if (buf[0])
				strcat(buf, ",");
			strcat(buf, ag_use_name((enum ag_use)k));
		}
	return buf;
}

#define CHECK_KINDS(s, name, want) CHECK_STR(kinds((s), (name)), (want))

static int scan_tree(struct ag_scan *s, const char *root)
{
	struct ag_diags d;
	ag_scan_init(s);
	ag_diags_init(&d);
	int rc = ag_scan_dir(s, root, NULL, &d);
	if (rc)
		diag_dump(&d);
	ag_diags_release(&d);
	return rc;
}

TEST(test_and_build_dependencies_are_dev)
{
	char *t = make_tmpdir();
	REQUIRE(t);
	write_text(path_join(t, "web/package.json"),
		   "{\n  \"dependencies\": {\"express\": \"^4\"},\n"
		   "  \"devDependencies\": {\"jest\": \"^29\"},\n"
		   "  \"optionalDependencies\": {\"@types/aws-lambda\": \"^8\"}\n}\n");
	write_text(path_join(t, "ledger/Cargo.toml"),
		   "[package]\nname = \"ledger\"\n[dependencies]\ntokio = \"1\"\n"
		   "[target.'cfg(unix)'.dev-dependencies]\nwasm-bindgen = \"0.2\"\n");
	write_text(path_join(t, "billing/pom.xml"),
		   "<project>\n  <dependencies>\n    <dependency>\n"
		   "      <groupId>org.postgresql</groupId>\n"
		   "      <artifactId>postgresql</artifactId>\n    </dependency>\n"
		   "    <dependency>\n      <groupId>org.junit.jupiter</groupId>\n"
		   "      <artifactId>junit-jupiter</artifactId>\n"
		   "      <scope>test</scope>\n    </dependency>\n  </dependencies>\n</project>\n");
	write_text(path_join(t, "catalog/build.gradle.kts"),
		   "dependencies {\n    testImplementation(\"org.testcontainers:postgresql:1.19.0\")\n}\n");
	write_text(path_join(t, "ml/pyproject.toml"),
		   "[project]\ndependencies = [\"fastapi\"]\n"
		   "[project.optional-dependencies]\ntest = [\"pytest\"]\n"
		   "[dependency-groups]\nlint = [\"ruff\"]\n"
		   "[tool.uv]\ndev-dependencies = [\"mypy\"]\n");
	write_text(path_join(t, "reports/pyproject.toml"),
		   "[tool.poetry.dependencies]\npython = \"^3.12\"\npsycopg = \"^3\"\n"
		   "[tool.poetry.group.dev.dependencies]\nblack = \"^24\"\n");
	write_text(path_join(t, "shop/Gemfile"),
		   "source \"https://rubygems.org\"\ngem \"rails\"\n"
		   "group :development, :test do\n  if ENV[\"CI\"]\n    gem \"rails\"\n  end\n"
		   "  gem \"rspec-rails\"\nend\n"
		   "gem \"pg\", group: :production\n");
	write_text(path_join(t, "legacy/composer.json"),
		   "{\"require\": {\"laravel/framework\": \"^11\"},\n"
		   " \"require-dev\": {\"phpunit/phpunit\": \"^11\"}}\n");
	struct ag_scan s;
	REQUIRE(scan_tree(&s, t) == 0);
	CHECK_KINDS(&s, "Express", "direct");
	CHECK_KINDS(&s, "Jest", "dev");
	CHECK_KINDS(&s, "AWS Lambda", "dev"); /* @types/x is typing, never use of x */
	CHECK_KINDS(&s, "Tokio", "direct");
	CHECK_KINDS(&s, "WebAssembly", "dev");
	CHECK_KINDS(&s, "PostgreSQL", "direct"); /* pom, pyproject, Gemfile (production) */
	CHECK_KINDS(&s, "JUnit", "dev");
	CHECK_KINDS(&s, "Testcontainers", "dev");
	CHECK_KINDS(&s, "FastAPI", "direct");
	CHECK_KINDS(&s, "pytest", "dev");
	CHECK_KINDS(&s, "Ruff", "dev");
	CHECK_KINDS(&s, "mypy", "dev");
	CHECK_KINDS(&s, "Black", "dev");
	CHECK_KINDS(&s, "Ruby on Rails", "direct,dev"); /* also inside an if in the group */
	CHECK_KINDS(&s, "RSpec", "dev");
	CHECK_KINDS(&s, "Laravel", "direct");
	CHECK_KINDS(&s, "PHPUnit", "dev");
	CHECK(ag_used_in_use(used(&s, "Express"), s.in_use));
	CHECK(!ag_used_in_use(used(&s, "Jest"), s.in_use));
	CHECK(ag_used_in_use(used(&s, "Jest"), s.in_use | AG_USE_BIT(AG_USE_DEV)));
	ag_scan_release(&s);
	rm_rf(t);
	free(t);
}

TEST(lockfile_only_and_compiled_pins_are_transitive)
{
	char *t = make_tmpdir();
	REQUIRE(t);
	/* platform-only crates live in every Cargo.lock */
	write_text(path_join(t, "Cargo.lock"),
		   "[[package]]\nname = \"tokio\"\n\n[[package]]\nname = \"wasm-bindgen\"\n");
	write_text(path_join(t, "Cargo.toml"), "[dependencies]\ntokio = \"1\"\n");
	/* pip-compile: "# via -r" is direct, "# via gradio" transitive */
	write_text(path_join(t, "svc/requirements.txt"),
		   "# autogenerated by pip-compile\nfastapi==0.110\n    # via -r requirements.in\n"
		   "pymongo==4.6\n    # via gradio\npsycopg==3.1\n    # via\n"
		   "    #   -r requirements.in\n    #   sqlalchemy\n");
	write_text(path_join(t, "svc/requirements-dev.txt"), "pytest\n");
	write_text(path_join(t, "old/requirements.txt"),
		   "flask==3.0              # via -r requirements.in\n"
		   "redis==5.0              # via celery\n");
	write_text(path_join(t, "api/go.mod"),
		   "module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n"
		   "\tgithub.com/redis/go-redis/v9 v9.5.1 // indirect\n)\n");
	struct ag_scan s;
	REQUIRE(scan_tree(&s, t) == 0);
	CHECK_KINDS(&s, "Tokio", "direct,transitive");
	CHECK_KINDS(&s, "WebAssembly", "transitive");
	CHECK(!ag_used_in_use(used(&s, "WebAssembly"), s.in_use));
	CHECK_KINDS(&s, "FastAPI", "direct");
	CHECK_KINDS(&s, "MongoDB", "transitive");
	CHECK_KINDS(&s, "PostgreSQL", "direct");
	CHECK_KINDS(&s, "pytest", "dev");
	CHECK_KINDS(&s, "Gin", "direct");
	CHECK_KINDS(&s, "Redis", "transitive"); /* go.mod // indirect, inline # via */
	CHECK_KINDS(&s, "Flask", "direct");
	ag_scan_release(&s);
	rm_rf(t);
	free(t);
}

TEST(workflow_steps_are_ci)
{
	char *t = make_tmpdir();
	REQUIRE(t);
	write_text(path_join(t, ".github/workflows/ci.yml"),
		   "jobs:\n  test:\n    services:\n      db:\n        image: mongo:7\n"
		   "    steps:\n      - uses: shivammathur/setup-php@v2\n"
		   "      - uses: docker://postgres:16\n");
	write_text(path_join(t, "compose.yaml"), "services:\n  cache:\n    image: redis:7\n");
	struct ag_scan s;
	REQUIRE(scan_tree(&s, t) == 0);
	CHECK_KINDS(&s, "PHP", "ci");
	CHECK_KINDS(&s, "MongoDB", "ci");
	CHECK_KINDS(&s, "PostgreSQL", "ci");
	CHECK_KINDS(&s, "Redis", "image");
	/* the workflow is use of the CI service: ci, not what the system runs
	 * (ADR 0056) */
	CHECK_KINDS(&s, "GitHub Actions", "ci");
	ag_scan_release(&s);
	rm_rf(t);
	free(t);
}

TEST(generated_and_vendored_code_gives_no_language)
{
	char *t = make_tmpdir();
	REQUIRE(t);
	write_text(path_join(t, "src/main.go"), "package main\n");
	write_text(path_join(t, "api/msg.pb.go"), "package api\n");
	write_text(path_join(t, "api/msg_pb2.py"), "x = 1\n");
	write_text(path_join(t, "web/dist/app.js"), "x\n");
	write_text(path_join(t, "web/app.min.js"), "x\n");
	write_text(path_join(t, "third_party/lib/x.rb"), "x\n");
	write_text(path_join(t, "vendor/y.php"), "<?php\n");
	write_text(path_join(t, "gen/client.ts"), "x\n");
	write_text(path_join(t, "ext/lib.rs"), "x\n");
	write_text(path_join(t, "ext/Cargo.toml"), "[dependencies]\ntokio = \"1\"\n");
	write_text(path_join(t, "keep/ok.ts"), "x\n");
	write_text(path_join(t, ".gitattributes"),
		   "# marks\ngen/** linguist-generated\next/ linguist-vendored=true\n"
		   "keep/** linguist-generated\nkeep/ok.ts -linguist-generated\n");
	/* build/ holds Dockerfiles in many layouts: manifests are still read */
	write_text(path_join(t, "build/Dockerfile"), "FROM postgres:16\n");
	struct ag_scan s;
	REQUIRE(scan_tree(&s, t) == 0);
	CHECK_KINDS(&s, "Go", "direct");
	CHECK_EQ_INT(used(&s, "Go") ? used(&s, "Go")->files : 0, 1);
	CHECK_KINDS(&s, "Python", "-");
	CHECK_KINDS(&s, "Ruby", "-");
	CHECK_KINDS(&s, "PHP", "-");
	CHECK_KINDS(&s, "Rust", "-");
	CHECK_KINDS(&s, "Tokio", "-"); /* a vendored folder is not scanned at all */
	CHECK_KINDS(&s, "PostgreSQL", "image");
	const struct ag_used *ts = used(&s, "TypeScript");
	CHECK(ts && ts->files == 1 && !strcmp(ts->ev[0].file, "keep/ok.ts"));
	const struct ag_used *js = used(&s, "JavaScript");
	CHECK(!js);
	ag_scan_release(&s);
	rm_rf(t);
	free(t);
}

TEST(a_header_is_cpp_beside_cpp)
{
	char *t = make_tmpdir();
	REQUIRE(t);
	/* C++ beside it: C++; a generated .pb.h says nothing */
	write_text(path_join(t, "svc/server.cc"), "int main() {}\n");
	write_text(path_join(t, "svc/server.h"), "#pragma once\n");
	write_text(path_join(t, "svc/msg.pb.h"), "#pragma once\n");
	/* headers in include/ of a C++-only tree: C++ */
	write_text(path_join(t, "include/api.h"), "#pragma once\n");
	struct ag_scan s;
	REQUIRE(scan_tree(&s, t) == 0);
	CHECK_KINDS(&s, "C", "-");
	const struct ag_used *cpp = used(&s, "C++");
	CHECK(cpp && cpp->files == 3);
	ag_scan_release(&s);
	/* a .c anywhere: a header without C++ beside it is C */
	write_text(path_join(t, "lib/x.c"), "int x;\n");
	REQUIRE(scan_tree(&s, t) == 0);
	const struct ag_used *c = used(&s, "C");
	CHECK(c && c->files == 2); /* lib/x.c, include/api.h */
	cpp = used(&s, "C++");
	CHECK(cpp && cpp->files == 2);
	ag_scan_release(&s);
	rm_rf(t);
	free(t);
}

/* ---- the rules ---- */

struct run {
	struct ag_model m;
	struct ag_diags d;
	struct ag_result res;
	int rc;
};

static const char *const only_radar[] = {"radar-", NULL};

static void check_tree(struct run *r, const char *arch)
{
	memset(r, 0, sizeof(*r));
	ag_diags_init(&r->d);
	char *abs = realpath(arch, NULL);
	r->rc = abs ? ag_model_load(&r->m, abs, &r->d) : -100;
	free(abs);
	if (r->rc) {
		diag_dump(&r->d);
		return;
	}
	long today;
	ag_date_parse("2026-11-25", 10, &today);
	struct ag_check_opts o = {.today = today, .only = only_radar};
	r->rc = ag_check_run(&r->m, &o, &r->res);
}

static void done(struct run *r)
{
	ag_result_release(&r->res);
	ag_model_release(&r->m);
	ag_diags_release(&r->d);
}

static size_t count_at(const struct run *r, const char *rule, const char *file)
{
	size_t n = 0;
	for (size_t i = 0; i < r->res.findings.n; i++) {
		const struct ag_finding *f = &r->res.findings.v[i];
		n += !strcmp(f->rule->id, rule) && (!file || (f->file && !strcmp(f->file, file)));
	}
	return n;
}

static const char RADAR[] =
	"entries:\n"
	"  - {name: PHP, quadrant: languages-and-frameworks, ring: hold}\n"
	"  - {name: WebAssembly, quadrant: platforms, ring: hold}\n"
	"  - {name: Jest, quadrant: tools, ring: trial}\n"
	"  - {name: Go, quadrant: languages-and-frameworks, ring: adopt}\n"
	"  - {name: GitHub Actions, quadrant: tools, ring: adopt}\n"
	"  - {name: Tokio, quadrant: languages-and-frameworks, ring: adopt}\n"
	"  - {name: Rust, quadrant: languages-and-frameworks, ring: adopt}\n"
	"  - {name: Express, quadrant: languages-and-frameworks, ring: adopt}\n"
	"  - {name: JavaScript, quadrant: languages-and-frameworks, ring: adopt}\n";

static char *noisy_repo(void)
{
	char *t = make_tmpdir();
	if (!t)
		return NULL;
	write_text(path_join(t, "arch/radar.yaml"), RADAR);
	write_text(path_join(t, ".github/workflows/ci.yml"),
		   "jobs:\n  t:\n    steps:\n      - uses: shivammathur/setup-php@v2\n");
	write_text(path_join(t, "Cargo.toml"), "[dependencies]\ntokio = \"1\"\n");
	write_text(path_join(t, "Cargo.lock"), "[[package]]\nname = \"wasm-bindgen\"\n");
	write_text(path_join(t, "src/main.rs"), "fn main() {}\n");
	write_text(path_join(t, "web/package.json"),
		   "{\"dependencies\": {\"express\": \"4\"}, \"devDependencies\": {\"jest\": \"29\"}}\n");
	write_text(path_join(t, "web/index.js"), "x\n");
	return t;
}

TEST(noise_is_shown_but_not_counted)
{
	char *t = noisy_repo();
	REQUIRE(t);
	struct run r;
	check_tree(&r, path_join(t, "arch"));
	REQUIRE(r.rc == 0);
	/* setup-php is no PHP in use, wasm-bindgen in Cargo.lock no
	 * WebAssembly, a devDependency no Trial use: nothing fails */
	CHECK_EQ_INT(count_at(&r, "radar-hold-in-use", NULL), 0);
	CHECK_EQ_INT(count_at(&r, "radar-trial-needs-adr", NULL), 0);
	CHECK_EQ_INT(count_at(&r, "radar-languages", NULL), 0);
	CHECK_EQ_INT(count_at(&r, "radar-unlisted", NULL), 0);
	done(&r);
	rm_rf(t);
	free(t);
}

TEST(policy_makes_other_kinds_count)
{
	char *t = noisy_repo();
	REQUIRE(t);
	write_text(path_join(t, "arch/archgate.yaml"),
		   "radar:\n  in_use: [direct, image, infra, ci, transitive, dev]\n");
	struct run r;
	check_tree(&r, path_join(t, "arch"));
	REQUIRE(r.rc == 0);
	CHECK_EQ_INT(count_at(&r, "radar-hold-in-use", ".github/workflows/ci.yml"), 1);
	CHECK_EQ_INT(count_at(&r, "radar-hold-in-use", "Cargo.lock"), 1);
	CHECK_EQ_INT(count_at(&r, "radar-trial-needs-adr", "web/package.json"), 1);
	done(&r);
	/* a kind that does not exist is an input error at its place */
	write_text(path_join(t, "arch/archgate.yaml"), "radar:\n  in_use: [direct, tests]\n");
	check_tree(&r, path_join(t, "arch"));
	CHECK(r.rc != 0 || r.d.n > 0);
	CHECK(diag_find(&r.d, "'tests' is not an evidence kind") != NULL);
	done(&r);
	rm_rf(t);
	free(t);
}

TEST(a_language_finding_names_its_source_files)
{
	char *t = make_tmpdir();
	REQUIRE(t);
	write_text(path_join(t, "arch/radar.yaml"),
		   "entries:\n  - {name: Go, quadrant: languages-and-frameworks, ring: adopt}\n"
		   "  - {name: PHP, quadrant: languages-and-frameworks, ring: trial}\n");
	/* the workflow sorts first; the finding must still name index.php */
	write_text(path_join(t, ".github/workflows/ci.yml"),
		   "jobs:\n  t:\n    steps:\n      - uses: shivammathur/setup-php@v2\n");
	write_text(path_join(t, "main.go"), "package main\n");
	write_text(path_join(t, "shop/index.php"), "<?php\n");
	struct run r;
	check_tree(&r, path_join(t, "arch"));
	REQUIRE(r.rc == 0);
	CHECK_EQ_INT(count_at(&r, "radar-languages", "shop/index.php"), 1);
	CHECK_EQ_INT(count_at(&r, "radar-trial-needs-adr", "shop/index.php"), 1);
	CHECK_EQ_INT(count_at(&r, "radar-trial-needs-adr", ".github/workflows/ci.yml"), 0);
	done(&r);
	rm_rf(t);
	free(t);
}

TEST_MAIN(TEST_ENTRY(test_and_build_dependencies_are_dev),
	  TEST_ENTRY(lockfile_only_and_compiled_pins_are_transitive),
	  TEST_ENTRY(workflow_steps_are_ci),
	  TEST_ENTRY(generated_and_vendored_code_gives_no_language),
	  TEST_ENTRY(a_header_is_cpp_beside_cpp),
	  TEST_ENTRY(noise_is_shown_but_not_counted),
	  TEST_ENTRY(policy_makes_other_kinds_count),
	  TEST_ENTRY(a_language_finding_names_its_source_files))
