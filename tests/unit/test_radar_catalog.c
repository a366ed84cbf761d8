/*
 * test_radar_catalog.c - the built-in catalog: big enough, every technology
 * the seed names, no pattern or name claimed twice, and the matcher's
 * lookups (exact, prefix, longest prefix, PyPI normalisation, radar
 * mappings winning).
 */
#include <ctype.h>
#include "model/radar.h"
#include "radar/radar_catalog.h"
#include "test.h"

static const char *lookup(const struct ag_matcher *m, enum ag_eco eco, const char *key)
{
	const struct ag_match_target *t = ag_matcher_lookup(m, eco, key, strlen(key));
	return t ? t->name : NULL;
}

TEST(has_at_least_1000_technologies)
{
	size_t n;
	ag_catalog(&n);
	CHECK(n >= 1000);
}

TEST(every_technology_the_seed_names)
{
	/* the seed's radar and its Modern Architecture Stack (2026), as the
	 * seed writes them; each must resolve through a name or an alias */
	static const char *const seed[] = {
		"TypeScript", "Terraform", "Postgres", "Go", "Rust", "MongoDB", "PHP",
		"Kubernetes", "Cloudflare Workers", "Vercel Edge", "WASM", "wasmtime",
		"Spin (Fermyon)", "WASI", "CRDTs", "Replicache", "Electric SQL", "PowerSync",
		"pgvector", "Pinecone", "Weaviate", "OpenTelemetry", "Jaeger", "Tempo",
		"Honeycomb", "Datadog APM", "Stream.io", "Auth0", "AWS Lambda", "Cloud Run",
		"ECS/Fargate", "Fly.io", "Fastly Compute", "wasmCloud", "Postgres 17", "Neon",
		"Supabase", "ClickHouse", "BigQuery", "DuckDB", "Redis 7", "Valkey", "Dragonfly",
		"ElectricSQL", "Datadog", "New Relic", "Grafana Loki", "CloudWatch", "Mezmo",
		"Prometheus", "Grafana", "KEDA", "AWS Auto Scaling", "CloudWatch billing",
		"Infracost", "Spot instances", "Reserved capacity", "SSE", "WebSockets",
		"Microservices", "Monolith", "Serverless", "Edge", "Local-First", "JSON logs",
		"SLOs",
	};
	for (size_t i = 0; i < sizeof(seed) / sizeof(seed[0]); i++) {
		const char *s = seed[i];
		const struct ag_tech *t = ag_catalog_find(s, strlen(s));
		if (!t && !strcmp(s, "Edge"))
			t = ag_catalog_find("Edge computing", 14);
		if (!t)
			TEST_FAIL_("the seed names '%s' but the catalog does not know it", s);
	}
}

TEST(the_issue_examples_map_to_their_technology)
{
	struct ag_matcher m;
	REQUIRE(ag_matcher_init(&m) == 0);
	CHECK_STR(lookup(&m, AG_ECO_NPM, "mongodb"), "MongoDB");
	CHECK_STR(lookup(&m, AG_ECO_NPM, "mongoose"), "MongoDB");
	CHECK_STR(lookup(&m, AG_ECO_PYPI, "pymongo"), "MongoDB");
	CHECK_STR(lookup(&m, AG_ECO_DOCKER, "mongo"), "MongoDB");
	CHECK_STR(lookup(&m, AG_ECO_NPM, "pg"), "PostgreSQL");
	CHECK_STR(lookup(&m, AG_ECO_PYPI, "psycopg"), "PostgreSQL");
	CHECK_STR(lookup(&m, AG_ECO_PYPI, "psycopg2-binary"), "PostgreSQL");
	CHECK_STR(lookup(&m, AG_ECO_DOCKER, "postgres"), "PostgreSQL");
	CHECK_STR(lookup(&m, AG_ECO_GO, "github.com/jackc/pgx/v5"), "PostgreSQL");
	CHECK_STR(lookup(&m, AG_ECO_MAVEN, "org.postgresql:postgresql"), "PostgreSQL");
	CHECK_STR(lookup(&m, AG_ECO_COMPOSER, "php"), "PHP");
	CHECK_STR(lookup(&m, AG_ECO_EXT, ".ts"), "TypeScript");
	CHECK_STR(lookup(&m, AG_ECO_EXT, ".GO"), "Go"); /* case-insensitive */
	CHECK_STR(lookup(&m, AG_ECO_FILE, "wrangler.toml"), "Cloudflare Workers");
	CHECK_STR(lookup(&m, AG_ECO_TF_PROVIDER, "aws"), "AWS");
	CHECK_STR(lookup(&m, AG_ECO_TF_RESOURCE, "aws_sqs_queue"), "Amazon SQS");
	CHECK_STR(lookup(&m, AG_ECO_ACTIONS, "hashicorp/setup-terraform"), "Terraform");
	CHECK_STR(lookup(&m, AG_ECO_HELM, "postgresql"), "PostgreSQL");
	CHECK(lookup(&m, AG_ECO_NPM, "left-pad") == NULL);
	ag_matcher_release(&m);
}

TEST(prefixes_normalisation_and_longest_match)
{
	struct ag_matcher m;
	REQUIRE(ag_matcher_init(&m) == 0);
	/* PEP 503: case, '_' and '.' do not matter */
	CHECK_STR(lookup(&m, AG_ECO_PYPI, "Prometheus_Client"), "Prometheus");
	CHECK_STR(lookup(&m, AG_ECO_PYPI, "opentelemetry.sdk"), "OpenTelemetry");
	/* exact wins over a prefix: the @aws-sdk prefix is AWS, client-s3 is S3 */
	CHECK_STR(lookup(&m, AG_ECO_NPM, "@aws-sdk/client-s3"), "Amazon S3");
	CHECK_STR(lookup(&m, AG_ECO_NPM, "@aws-sdk/client-ec2"), "AWS");
	/* longest prefix wins: aws_cloudwatch_event_rule is EventBridge (exact),
	 * aws_cloudwatch_metric_alarm falls to the CloudWatch prefix */
	CHECK_STR(lookup(&m, AG_ECO_TF_RESOURCE, "aws_cloudwatch_event_rule"), "Amazon EventBridge");
	CHECK_STR(lookup(&m, AG_ECO_TF_RESOURCE, "aws_cloudwatch_metric_alarm"),
		  "Amazon CloudWatch");
	CHECK_STR(lookup(&m, AG_ECO_MAVEN, "org.springframework.boot:spring-boot-starter-web"),
		  "Spring Boot");
	CHECK_STR(lookup(&m, AG_ECO_MAVEN, "org.springframework:spring-core"), "Spring Framework");
	ag_matcher_release(&m);
}

TEST(radar_mappings_win_over_the_catalog)
{
	struct ag_matcher m;
	REQUIRE(ag_matcher_init(&m) == 0);
	CHECK(ag_matcher_add(&m, "npm:pg", 6, "Acme Postgres Wrapper", 21) == 0);
	CHECK(ag_matcher_add(&m, "docker:acme/*", 13, "Acme Base Image", 15) == 0);
	CHECK(ag_matcher_add(&m, "docker:valkey/valkey", 20, "redis", 5) == 0);
	CHECK(ag_matcher_add(&m, "nope", 4, "x", 1) == AG_EINVAL);
	CHECK_STR(lookup(&m, AG_ECO_NPM, "pg"), "Acme Postgres Wrapper");
	CHECK_STR(lookup(&m, AG_ECO_DOCKER, "acme/runtime"), "Acme Base Image");
	/* a mapping to a catalog name becomes that technology */
	const struct ag_match_target *t = ag_matcher_lookup(&m, AG_ECO_DOCKER, "valkey/valkey", 13);
	REQUIRE(t);
	CHECK_STR(t->name, "Redis");
	CHECK(t->tech != NULL);
	ag_matcher_release(&m);
}

struct seen {
	const struct ag_tech *owner;
	char key[256];
};

static bool collect(const char *norm, void *arg)
{
	struct seen *s = arg;
	snprintf(s->key, sizeof(s->key), "%s", norm);
	return false;
}

TEST(no_pattern_or_name_is_claimed_twice)
{
	size_t n;
	const struct ag_tech *cat = ag_catalog(&n);
	struct ag_matcher m;
	REQUIRE(ag_matcher_init(&m) == 0);
	for (size_t i = 0; i < n; i++) {
		const struct ag_tech *t = &cat[i];
		/* every pattern is well-formed, PyPI ones normalised, and looking
		 * it up (exact patterns) gives this technology back */
		for (const char *p = t->match; *p;) {
			while (*p == ' ')
				p++;
			size_t len = strcspn(p, " ");
			if (!len)
				break;
			char pat[256];
			snprintf(pat, sizeof(pat), "%.*s", (int)len, p);
			const char *why = ag_pattern_problem(pat, len);
			if (why)
				TEST_FAIL_("%s: pattern '%s': %s", t->name, pat, why);
			const char *colon = strchr(pat, ':');
			int eco = ag_eco_parse(pat, (size_t)(colon - pat));
			if (eco == AG_ECO_PYPI)
				for (const char *c = colon + 1; *c; c++)
					if (*c == '_' || *c == '.' || isupper((unsigned char)*c))
						TEST_FAIL_("%s: PyPI pattern '%s' is not PEP 503 "
							   "normalised", t->name, pat);
			if (pat[len - 1] != '*') {
				const struct ag_match_target *hit =
					ag_matcher_lookup(&m, (enum ag_eco)eco, colon + 1,
							  strlen(colon + 1));
				if (!hit || hit->tech != t)
					TEST_FAIL_("pattern '%s' of %s maps to %s", pat, t->name,
						   hit ? hit->name : "nothing");
			}
			p += len;
		}
		/* names and aliases identify one technology */
		struct seen s = {t, ""};
		ag_tech_names(t, collect, &s);
		const struct ag_tech *back = ag_catalog_find(t->name, strlen(t->name));
		if (back != t)
			TEST_FAIL_("the name '%s' finds %s", t->name, back ? back->name : "nothing");
		for (const char *a = t->aliases; *a;) {
			const char *end = strchr(a, '|');
			size_t len = end ? (size_t)(end - a) : strlen(a);
			const struct ag_tech *o = ag_catalog_find(a, len);
			if (o != t)
				TEST_FAIL_("alias '%.*s' of %s finds %s", (int)len, a, t->name,
					   o ? o->name : "nothing");
			a += len + (end ? 1 : 0);
		}
		/* a suggested quadrant of the default radar */
		if (strcmp(t->quadrant, "languages-and-frameworks") && strcmp(t->quadrant, "tools") &&
		    strcmp(t->quadrant, "platforms") && strcmp(t->quadrant, "techniques"))
			TEST_FAIL_("%s: quadrant '%s'", t->name, t->quadrant);
		if (!*t->category)
			TEST_FAIL_("%s has no category", t->name);
	}
	ag_matcher_release(&m);
}

TEST(implied_technologies_are_catalog_names_of_the_lines_patterns)
{
	size_t n, entries = 0;
	const struct ag_tech *cat = ag_catalog(&n);
	struct ag_matcher m;
	REQUIRE(ag_matcher_init(&m) == 0);
	for (size_t i = 0; i < n; i++) {
		const struct ag_tech *t = &cat[i];
		for (const char *e = t->implies; *e;) {
			size_t el = strcspn(e, ",");
			const char *gt = memchr(e, '>', el);
			if (!gt) {
				TEST_FAIL_("%s: implies entry '%.*s' has no '>'", t->name, (int)el, e);
				break;
			}
			entries++;
			/* the pattern's lookup carries exactly these names */
			const char *colon = memchr(e, ':', (size_t)(gt - e));
			REQUIRE(colon);
			int eco = ag_eco_parse(e, (size_t)(colon - e));
			const struct ag_match_target *hit = ag_matcher_lookup(
				&m, (enum ag_eco)eco, colon + 1, (size_t)(gt - colon - 1));
			if (!hit || hit->tech != t || !hit->implies ||
			    hit->implies_len != (size_t)(e + el - gt - 1) ||
			    memcmp(hit->implies, gt + 1, hit->implies_len))
				TEST_FAIL_("%s: '%.*s' does not carry what it implies", t->name,
					   (int)(gt - e), e);
			for (const char *a = gt + 1; a < e + el;) {
				const char *bar = memchr(a, '|', (size_t)(e + el - a));
				size_t len = bar ? (size_t)(bar - a) : (size_t)(e + el - a);
				const struct ag_tech *o = ag_catalog_find(a, len);
				if (!o || o == t)
					TEST_FAIL_("%s implies '%.*s', which is %s", t->name, (int)len,
						   a, o ? "itself" : "not in the catalog");
				a += len + (bar ? 1 : 0);
			}
			e += el + (e[el] == ',');
		}
	}
	CHECK(entries >= 10);
	const struct ag_match_target *web = ag_matcher_lookup(
		&m, AG_ECO_MAVEN, "org.springframework.boot:spring-boot-starter-web", 48);
	REQUIRE(web && web->implies);
	CHECK_STR(web->name, "Spring Boot");
	CHECK(web->implies_len == 41 && !memcmp(web->implies, "Spring Framework|Spring MVC|Apache Tomcat", 41));
	const struct ag_match_target *boot = ag_matcher_lookup(
		&m, AG_ECO_MAVEN, "org.springframework.boot:spring-boot-starter-cache", 50);
	REQUIRE(boot);
	CHECK(boot->implies == NULL);
	struct ag_buf b = AG_BUF_INIT;
	REQUIRE(ag_catalog_report(&b, ag_catalog_find("Spring Data JPA", 15), false) == 0);
	CHECK_CONTAINS(b.data, "maven:org.springframework.boot:spring-boot-starter-data-jpa brings: "
			       "Hibernate, Spring Boot\n");
	ag_buf_reset(&b);
	REQUIRE(ag_catalog_report(&b, ag_catalog_find("Spring Data JPA", 15), true) == 0);
	CHECK_CONTAINS(b.data, "\"implies\":[{\"match\":\"maven:org.springframework.boot:"
			       "spring-boot-starter-data-jpa\",\"technologies\":[\"Hibernate\","
			       "\"Spring Boot\"]}]");
	ag_buf_release(&b);
	ag_matcher_release(&m);
}

TEST(javascript_and_typescript_are_one_language_family)
{
	const struct ag_tech *js = ag_catalog_find("javascript", 10);
	const struct ag_tech *ts = ag_catalog_find("TS", 2);
	REQUIRE(js && ts);
	CHECK(js->flags & AG_TECH_LANGUAGE);
	CHECK_STR(js->family, ts->family);
	const struct ag_tech *sh = ag_catalog_find("bash", 4);
	REQUIRE(sh);
	CHECK(!(sh->flags & AG_TECH_LANGUAGE)); /* glue does not count */
}

TEST(the_catalog_report)
{
	struct ag_buf b = AG_BUF_INIT;
	const struct ag_tech *t = ag_catalog_find("mongo", 5);
	REQUIRE(ag_catalog_report(&b, t, false) == 0);
	CHECK_CONTAINS(b.data, "MongoDB  [Document store; platforms]");
	CHECK_CONTAINS(b.data, "npm:mongoose");
	ag_buf_reset(&b);
	REQUIRE(ag_catalog_report(&b, t, true) == 0);
	CHECK_CONTAINS(b.data, "\"name\":\"MongoDB\"");
	CHECK_CONTAINS(b.data, "\"docker:mongo\"");
	ag_buf_release(&b);
}

TEST_MAIN(TEST_ENTRY(has_at_least_1000_technologies),
	  TEST_ENTRY(every_technology_the_seed_names),
	  TEST_ENTRY(the_issue_examples_map_to_their_technology),
	  TEST_ENTRY(prefixes_normalisation_and_longest_match),
	  TEST_ENTRY(radar_mappings_win_over_the_catalog),
	  TEST_ENTRY(no_pattern_or_name_is_claimed_twice),
	  TEST_ENTRY(implied_technologies_are_catalog_names_of_the_lines_patterns),
	  TEST_ENTRY(javascript_and_typescript_are_one_language_family),
	  TEST_ENTRY(the_catalog_report))
