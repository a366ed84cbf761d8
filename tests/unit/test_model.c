/*
 * test_model.c - loading arch/ folders (fixtures/model/<name>/arch): the
 * typed model, structural validation (duplicate ids, dangling references
 * with did-you-mean), errors from both files in one run, and finding the
 * arch folder (walking up, $ARCHGATE_DIR, --dir).
 */
#include <limits.h>
#include "base/fsutil.h"
#include "model/model.h"
#include "test.h"
#include "util.h"

struct mfix {
	struct ag_model m;
	struct ag_diags diags;
	char *dir; /* absolute arch dir */
	int rc;
};

static int mload(struct mfix *f, const char *fixture)
{
	char rel[512];
	snprintf(rel, sizeof(rel), "fixtures/model/%s/arch", fixture);
	ag_diags_init(&f->diags);
	f->dir = realpath(rel, NULL);
	if (!f->dir) {
		fprintf(stderr, "missing fixture %s (cwd must be tests/unit)\n", rel);
		memset(&f->m, 0, sizeof(f->m));
		return f->rc = -100;
	}
	return f->rc = ag_model_load(&f->m, f->dir, &f->diags);
}

static void mfree(struct mfix *f)
{
	ag_model_release(&f->m);
	ag_diags_release(&f->diags);
	free(f->dir);
}

TEST(loads_a_complete_model)
{
	struct mfix f;
	mload(&f, "good");
	if (f.rc)
		diag_dump(&f.diags);
	REQUIRE(f.rc == 0);
	CHECK_EQ_INT(f.diags.n, 0);
	const struct ag_model *m = &f.m;
	CHECK(m->has_system);
	CHECK(m->has_policy);
	CHECK_STR(m->arch_dir, f.dir);
	CHECK_STR(m->arch_rel, "arch");
	char *root = realpath("fixtures/model/good", NULL);
	CHECK_STR(m->root, root);
	free(root);

	const struct ag_system *s = &m->sys;
	CHECK_STR(s->system.name.s, "Checkout");
	CHECK_STR(s->system.name.pos.file, "arch/system.yaml");
	CHECK_EQ_INT(s->system.name.pos.line, 2);
	CHECK_EQ_INT(s->constraints.users.i, 10000000);
	CHECK_EQ_INT(s->constraints.latency.e, AG_LAT_INTERACTIVE);
	CHECK(s->constraints.availability.d > 99.8 && s->constraints.availability.d < 100);
	CHECK_EQ_INT(s->constraints.compliance.n, 2);
	CHECK_EQ_INT(s->capabilities.n, 2);
	const struct ag_capability *cap = s->capabilities.v;
	CHECK_EQ_INT(cap[1].decision.e, AG_DEC_BUILD);
	CHECK(cap[1].core.b);
	CHECK_EQ_INT(s->boundaries.style.e, AG_STYLE_MONOLITH);
	CHECK_EQ_INT(s->boundaries.containers.n, 2);
	CHECK_EQ_INT(s->boundaries.relations.n, 4);
	const struct ag_container *db = ag_model_container(m, "db", 2);
	REQUIRE(db != NULL);
	CHECK_EQ_INT(db->kind.e, AG_CK_DATASTORE);
	CHECK_EQ_INT(db->tech.n, 1); /* `tech: postgres` is a list of one */
	CHECK_STR(ag_model_kind_of(m, "shopper", 7), "person");
	CHECK_STR(ag_model_kind_of(m, "stripe", 6), "external");
	CHECK_STR(ag_model_kind_of(m, "api", 3), "container");
	CHECK(ag_model_kind_of(m, "nobody", 6) == NULL);
	CHECK(ag_model_kind_of(m, "ap", 2) == NULL); /* length matters */
	CHECK(ag_model_container(m, "stripe", 6) == NULL);
	CHECK_EQ_INT(s->data.entities.n, 1);
	CHECK_EQ_INT(s->failure_modes.n, 1);
	CHECK_EQ_INT(s->cost.transfers.n, 1);
	CHECK_EQ_INT(s->debt.n, 1);
	CHECK_EQ_INT(s->migration.routes.n, 1);

	/* policy */
	CHECK_EQ_INT(m->policy.version.i, 1);
	CHECK_EQ_INT(m->policy.signoff.roles.n, 3);
	CHECK_EQ_INT(m->policy.noverrides, 2);
	CHECK_EQ_INT(ag_policy_severity(&m->policy, "buy-core", AG_SEV_WARNING), AG_SEV_OFF);
	CHECK_EQ_INT(ag_policy_severity(&m->policy, "latency-budget", AG_SEV_WARNING),
		     AG_SEV_ERROR);
	CHECK_EQ_INT(ag_policy_severity(&m->policy, "boundary-style", AG_SEV_NOTE), AG_SEV_NOTE);
	REQUIRE(m->policy.waivers.n == 1);
	const struct ag_waiver *w = m->policy.waivers.v;
	CHECK_STR(w->rule.s, "build-needs-adr");
	CHECK_STR(w->expires.s, "2027-03-31");
	CHECK_STR(w->expires.pos.file, "arch/archgate.yaml");
	CHECK_EQ_INT(w->expires.pos.line, 11);

	/* decisions: numbered .md files only, sorted */
	REQUIRE(m->adrs.n == 2);
	CHECK_STR(m->adrs.dir_rel, "arch/decisions");
	CHECK_STR(m->adrs.v[0].file, "arch/decisions/0001-record-decisions.md");
	CHECK_EQ_INT(m->adrs.v[0].status, AG_ADR_ACCEPTED);
	CHECK_EQ_INT(m->adrs.v[1].number, 2);
	CHECK_STR(m->adrs.v[1].phase, "2");
	mfree(&f);
}

TEST(duplicate_ids)
{
	struct mfix f;
	mload(&f, "dup-ids");
	CHECK_EQ_INT(f.rc, AG_EINVAL);
	CHECK_DIAG(&f.diags, "duplicate id 'api' (already used by the external system at line 10)",
		   12, 12);
	CHECK_DIAG(&f.diags, "duplicate id 'shopper' (already used by the person at line 8)", 13,
		   12);
	CHECK_DIAG(&f.diags, "duplicate capability 'search' (first at line 4)", 5, 12);
	CHECK_DIAG(&f.diags, "duplicate entity 'order' (first at line 16)", 17, 14);
	CHECK_DIAG(&f.diags, "duplicate debt id 'd1' (first at line 19)", 20, 10);
	CHECK_EQ_INT(ag_diags_count(&f.diags, AG_SEV_ERROR), 5);
	for (size_t i = 0; i < f.diags.n; i++)
		CHECK_STR(f.diags.v[i].file, "arch/system.yaml");
	mfree(&f);
}

TEST(dangling_references_with_did_you_mean)
{
	struct mfix f;
	mload(&f, "dangling");
	CHECK_EQ_INT(f.rc, AG_EINVAL);
	CHECK_DIAG(&f.diags, "relation target 'wbe' is not a defined id; did you mean 'web'?", 9,
		   27);
	CHECK_DIAG(&f.diags, "failure-mode dependency 'order-db' is not a defined id; did you "
		   "mean 'orders-db'?", 14, 18);
	CHECK_DIAG(&f.diags, "entity owner 'nothing-like-any-identifier' is not a defined id "
		   "(people, external systems and containers define ids)", 12, 0);
	CHECK_DIAG(&f.diags, "cost item container 'cdn' is not a defined id", 16, 0);
	CHECK_DIAG(&f.diags, "migration legacy system 'legacy-monolith' is not a defined id", 19,
		   0);
	/* 'system' and 'web' (relation source, migration target) are fine */
	CHECK_EQ_INT(ag_diags_count(&f.diags, AG_SEV_ERROR), 5);
	mfree(&f);
}

TEST(errors_in_both_files_are_all_reported)
{
	struct mfix f;
	mload(&f, "both-bad");
	CHECK_EQ_INT(f.rc, AG_EINVAL);
	CHECK_DIAG(&f.diags, "unknown key 'rulez' in archgate.yaml; did you mean 'rules'?", 2, 1);
	CHECK_DIAG(&f.diags, "'users' must be an integer, not a string ('many')", 2, 10);
	const struct ag_diag *a = diag_find(&f.diags, "rulez"), *b = diag_find(&f.diags, "users");
	if (a && b) {
		CHECK_STR(a->file, "arch/archgate.yaml");
		CHECK_STR(b->file, "arch/system.yaml");
	}
	mfree(&f);
}

TEST(custom_decisions_folder)
{
	struct mfix f;
	mload(&f, "custom-decisions");
	REQUIRE(f.rc == 0);
	REQUIRE(f.m.adrs.n == 1);
	CHECK_STR(f.m.adrs.dir_rel, "arch/adr");
	CHECK_STR(f.m.adrs.v[0].file, "arch/adr/0007-use-go.md");
	CHECK_EQ_INT(f.m.adrs.v[0].number, 7);
	CHECK_STR(f.m.adrs.v[0].title, "Use Go");
	CHECK_EQ_INT(f.m.adrs.v[0].status, AG_ADR_ACCEPTED);
	CHECK(!f.m.has_system);
	mfree(&f);
}

TEST(empty_arch_folder_loads)
{
	struct mfix f;
	mload(&f, "empty");
	CHECK_EQ_INT(f.rc, 0);
	CHECK_EQ_INT(f.diags.n, 0);
	CHECK(!f.m.has_system);
	CHECK(!f.m.has_policy);
	CHECK_EQ_INT(f.m.adrs.n, 0);
	mfree(&f);
}

TEST(oversized_yaml_is_refused_with_size)
{
	char *tmp = make_tmpdir();
	REQUIRE(tmp);
	const char *arch = path_join(tmp, "arch");
	REQUIRE(write_text(path_join(arch, "archgate.yaml"), "version: 1\n") == 0);
	/* a sparse 20 MB file costs no disk */
	const char *sys = path_join(arch, "system.yaml");
	FILE *fp = fopen(sys, "w");
	REQUIRE(fp);
	fseek(fp, 20 * 1000 * 1000 - 1, SEEK_SET);
	fputc('\n', fp);
	fclose(fp);
	struct ag_model m;
	struct ag_diags d;
	ag_diags_init(&d);
	CHECK_EQ_INT(ag_model_load(&m, arch, &d), AG_EINVAL);
	CHECK_DIAG(&d, "file is 19.1 MiB; archgate reads YAML files up to 16 MiB", 1, 1);
	ag_model_release(&m);
	ag_diags_release(&d);
	rm_rf(tmp);
	free(tmp);
}

TEST(read_file_limits)
{
	char *tmp = make_tmpdir();
	REQUIRE(tmp);
	const char *p = path_join(tmp, "f.txt");
	REQUIRE(write_text(p, "0123456789abcdef") == 0);
	char *data = NULL;
	size_t len = 0;
	CHECK_EQ_INT(ag_read_file(p, 100, &data, &len), 0);
	CHECK_STR(data, "0123456789abcdef");
	CHECK_EQ_INT(len, 16);
	free(data);
	CHECK_EQ_INT(ag_read_file(p, 10, &data, &len), AG_ELIMIT);
	CHECK(data == NULL);
	CHECK_EQ_INT(len, 16);
	CHECK_EQ_INT(ag_read_file(path_join(tmp, "missing"), 10, &data, &len), AG_ENOENT);
	CHECK_EQ_INT(ag_read_file(tmp, 10, &data, &len), AG_EIO); /* a folder */
	rm_rf(tmp);
	free(tmp);
}

/* A repository with arch/ at its root and a deep sub-folder. */
static char *make_repo(void)
{
	char *tmp = make_tmpdir();
	if (!tmp)
		return NULL;
	mkdir(path_join(tmp, "repo"), 0777);
	mkdir(path_join(tmp, "repo/arch"), 0777);
	mkdir(path_join(tmp, "repo/src"), 0777);
	mkdir(path_join(tmp, "repo/src/deep"), 0777);
	mkdir(path_join(tmp, "other"), 0777);
	mkdir(path_join(tmp, "other/arch"), 0777);
	return tmp;
}

TEST(find_walks_up)
{
	unsetenv("ARCHGATE_DIR");
	char *tmp = make_repo();
	REQUIRE(tmp);
	char *out = NULL;
	CHECK_EQ_INT(ag_model_find(NULL, path_join(tmp, "repo/src/deep"), &out), 0);
	CHECK_STR(out, path_join(tmp, "repo/arch"));
	free(out);
	out = NULL;
	CHECK_EQ_INT(ag_model_find(NULL, path_join(tmp, "repo"), &out), 0);
	CHECK_STR(out, path_join(tmp, "repo/arch"));
	free(out);
	out = NULL;
	/* from inside arch/ itself */
	CHECK_EQ_INT(ag_model_find(NULL, path_join(tmp, "repo/arch"), &out), 0);
	CHECK_STR(out, path_join(tmp, "repo/arch"));
	free(out);
	out = NULL;
	/* an empty explicit dir means "not given" */
	CHECK_EQ_INT(ag_model_find("", path_join(tmp, "repo/src"), &out), 0);
	CHECK_STR(out, path_join(tmp, "repo/arch"));
	free(out);
	rm_rf(tmp);
	free(tmp);
}

TEST(find_fails_when_there_is_none)
{
	unsetenv("ARCHGATE_DIR");
	char *tmp = make_tmpdir();
	REQUIRE(tmp);
	/* only meaningful when no ancestor of the temp folder has an arch/ */
	bool ancestor_has_arch = false;
	char probe[PATH_MAX];
	snprintf(probe, sizeof(probe), "%s", tmp);
	for (char *s; (s = strrchr(probe, '/')) != NULL;) {
		*s = '\0';
		char cand[PATH_MAX + 8];
		snprintf(cand, sizeof(cand), "%s/arch", probe);
		ancestor_has_arch |= ag_exists(cand);
	}
	char *out = (char *)1;
	if (!ancestor_has_arch) {
		CHECK_EQ_INT(ag_model_find(NULL, tmp, &out), AG_ENOENT);
		CHECK(out == NULL);
	} else {
		fprintf(stderr, "note: an ancestor of %s has arch/; walk-up miss not tested\n", tmp);
	}
	out = (char *)1;
	CHECK_EQ_INT(ag_model_find(NULL, path_join(tmp, "no/such/folder"), &out), AG_ENOENT);
	CHECK(out == NULL);
	rm_rf(tmp);
	free(tmp);
}

TEST(find_env_and_explicit)
{
	char *tmp = make_repo();
	REQUIRE(tmp);
	char *out = NULL;
	/* $ARCHGATE_DIR beats walking up */
	setenv("ARCHGATE_DIR", path_join(tmp, "other/arch"), 1);
	CHECK_EQ_INT(ag_model_find(NULL, path_join(tmp, "repo/src"), &out), 0);
	CHECK_STR(out, path_join(tmp, "other/arch"));
	free(out);
	out = NULL;
	/* an explicit dir beats $ARCHGATE_DIR, and is made absolute */
	REQUIRE(chdir(tmp) == 0);
	CHECK_EQ_INT(ag_model_find("repo/arch/", path_join(tmp, "other"), &out), 0);
	CHECK_STR(out, path_join(tmp, "repo/arch"));
	free(out);
	out = NULL;
	/* an explicit dir that is not a folder is an error, not a fallback */
	CHECK_EQ_INT(ag_model_find(path_join(tmp, "nope"), path_join(tmp, "repo"), &out),
		     AG_ENOENT);
	CHECK(out == NULL);
	REQUIRE(write_text(path_join(tmp, "file"), "x") == 0);
	CHECK_EQ_INT(ag_model_find(path_join(tmp, "file"), path_join(tmp, "repo"), &out),
		     AG_ENOENT);
	setenv("ARCHGATE_DIR", path_join(tmp, "nope"), 1);
	CHECK_EQ_INT(ag_model_find(NULL, path_join(tmp, "repo"), &out), AG_ENOENT);
	unsetenv("ARCHGATE_DIR");
	rm_rf(tmp);
	free(tmp);
}

TEST(release_twice_is_harmless)
{
	struct mfix f;
	mload(&f, "good");
	ag_model_release(&f.m);
	ag_model_release(&f.m);
	ag_diags_release(&f.diags);
	free(f.dir);
}

TEST_MAIN(
	TEST_ENTRY(loads_a_complete_model),
	TEST_ENTRY(duplicate_ids),
	TEST_ENTRY(dangling_references_with_did_you_mean),
	TEST_ENTRY(errors_in_both_files_are_all_reported),
	TEST_ENTRY(custom_decisions_folder),
	TEST_ENTRY(empty_arch_folder_loads),
	TEST_ENTRY(oversized_yaml_is_refused_with_size),
	TEST_ENTRY(read_file_limits),
	TEST_ENTRY(find_walks_up),
	TEST_ENTRY(find_fails_when_there_is_none),
	TEST_ENTRY(find_env_and_explicit),
	TEST_ENTRY(release_twice_is_harmless)
)
