/*
 * test_diag.c - diagnostic lists (ownership, the `max` cap and `dropped`),
 * severity names and parsing, and ag_strerror.
 */
#include "base/diag.h"
#include "test.h"

TEST(add_copies_file_and_formats_message)
{
	struct ag_diags d;
	ag_diags_init(&d);
	char file[] = "arch/system.yaml";
	CHECK_EQ_INT(ag_diags_add(&d, AG_SEV_ERROR, file, 3, 7, "unknown key '%s'", "nmae"), 0);
	file[0] = 'X'; /* the list owns its own copy */
	REQUIRE(d.n == 1);
	CHECK_STR(d.v[0].file, "arch/system.yaml");
	CHECK_STR(d.v[0].message, "unknown key 'nmae'");
	CHECK_EQ_INT(d.v[0].line, 3);
	CHECK_EQ_INT(d.v[0].col, 7);
	CHECK_EQ_INT(d.v[0].sev, AG_SEV_ERROR);
	CHECK_STR(d.v[0].code, AG_DIAG_INPUT); /* the default code */
	ag_diags_release(&d);
	CHECK_EQ_INT(d.n, 0);
	CHECK(d.v == NULL);
}

TEST(every_diagnostic_has_a_code)
{
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_pos p = {"f", 1, 1};
	CHECK_EQ_INT(ag_diags_addc(&d, AG_SEV_ERROR, "sql", NULL, 1, 8, "no such column: %s",
				   "nope"), 0);
	CHECK_EQ_INT(ag_diags_addc(&d, AG_SEV_WARNING, NULL, "a.yaml", 2, 3, "w"), 0);
	CHECK_EQ_INT(ag_diags_addpos(&d, AG_SEV_NOTE, &p, "n"), 0);
	REQUIRE(d.n == 3);
	CHECK_STR(d.v[0].code, "sql");
	CHECK(d.v[0].file == NULL); /* no file: the code says which text */
	CHECK_EQ_INT(d.v[0].col, 8);
	CHECK_STR(d.v[0].message, "no such column: nope");
	CHECK_STR(d.v[1].code, AG_DIAG_INPUT); /* NULL: the default */
	CHECK_STR(d.v[1].file, "a.yaml");
	CHECK_STR(d.v[2].code, AG_DIAG_INPUT);
	ag_diags_release(&d);
}

TEST(addpos_and_null_positions)
{
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_pos p = {"arch/archgate.yaml", 2, 5};
	CHECK_EQ_INT(ag_diags_addpos(&d, AG_SEV_WARNING, &p, "%d waivers", 2), 0);
	CHECK_EQ_INT(ag_diags_addpos(&d, AG_SEV_NOTE, NULL, "no place"), 0);
	CHECK_EQ_INT(ag_diags_add(&d, AG_SEV_ERROR, NULL, 0, 0, "%s", "no file"), 0);
	REQUIRE(d.n == 3);
	CHECK_STR(d.v[0].file, "arch/archgate.yaml");
	CHECK_EQ_INT(d.v[0].line, 2);
	CHECK_STR(d.v[0].message, "2 waivers");
	CHECK(d.v[1].file == NULL);
	CHECK_EQ_INT(d.v[1].line, 0);
	CHECK(d.v[2].file == NULL);
	CHECK_EQ_INT(ag_diags_count(&d, AG_SEV_ERROR), 1);
	CHECK_EQ_INT(ag_diags_count(&d, AG_SEV_WARNING), 1);
	CHECK_EQ_INT(ag_diags_count(&d, AG_SEV_NOTE), 1);
	ag_diags_release(&d);
}

TEST(max_caps_the_list_and_counts_the_rest)
{
	struct ag_diags d;
	ag_diags_init(&d);
	for (int i = 0; i < 250; i++)
		CHECK_EQ_INT(ag_diags_add(&d, AG_SEV_ERROR, "f", i + 1, 1, "e%d", i), 0);
	CHECK_EQ_INT(d.n, 100); /* the default cap */
	CHECK_EQ_INT(d.dropped, 150);
	CHECK_STR(d.v[99].message, "e99");
	ag_diags_release(&d);

	ag_diags_init(&d);
	d.max = 3;
	for (int i = 0; i < 5; i++)
		ag_diags_add(&d, AG_SEV_NOTE, NULL, 0, 0, "n");
	CHECK_EQ_INT(d.n, 3);
	CHECK_EQ_INT(d.dropped, 2);
	ag_diags_release(&d);
}

TEST(long_messages)
{
	char big[3000];
	memset(big, 'm', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	struct ag_diags d;
	ag_diags_init(&d);
	CHECK_EQ_INT(ag_diags_add(&d, AG_SEV_ERROR, "f", 1, 1, "%s!", big), 0);
	REQUIRE(d.n == 1);
	CHECK_EQ_INT(strlen(d.v[0].message), sizeof(big));
	ag_diags_release(&d);
}

TEST(severity_names_and_parsing)
{
	CHECK_STR(ag_severity_name(AG_SEV_OFF), "off");
	CHECK_STR(ag_severity_name(AG_SEV_NOTE), "note");
	CHECK_STR(ag_severity_name(AG_SEV_WARNING), "warning");
	CHECK_STR(ag_severity_name(AG_SEV_ERROR), "error");
	CHECK_EQ_INT(ag_severity_parse("off", 3), AG_SEV_OFF);
	CHECK_EQ_INT(ag_severity_parse("note", 4), AG_SEV_NOTE);
	CHECK_EQ_INT(ag_severity_parse("warning", 7), AG_SEV_WARNING);
	CHECK_EQ_INT(ag_severity_parse("error", 5), AG_SEV_ERROR);
	CHECK_EQ_INT(ag_severity_parse("Error", 5), -1);
	CHECK_EQ_INT(ag_severity_parse("err", 3), -1);
	CHECK_EQ_INT(ag_severity_parse("errors", 6), -1);
	CHECK_EQ_INT(ag_severity_parse("errorX", 5), AG_SEV_ERROR); /* length honoured */
	CHECK_EQ_INT(ag_severity_parse("", 0), -1);
}

TEST(strerror_names_every_code)
{
	static const int codes[] = {AG_OK, AG_ENOMEM, AG_EIO, AG_EPARSE, AG_EINVAL,
				    AG_ENOENT, AG_EEXIST, AG_ELIMIT};
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		const char *s = ag_strerror(codes[i]);
		CHECK(s && *s && strcmp(s, "unknown error"));
		for (size_t k = 0; k < i; k++)
			if (!strcmp(s, ag_strerror(codes[k])))
				TEST_FAIL_("codes %d and %d share the text '%s'", codes[i], codes[k], s);
	}
	CHECK_STR(ag_strerror(-999), "unknown error");
	CHECK_STR(ag_strerror(AG_ELIMIT), "input exceeds a safety limit");
}

TEST_MAIN(
	TEST_ENTRY(add_copies_file_and_formats_message),
	TEST_ENTRY(every_diagnostic_has_a_code),
	TEST_ENTRY(addpos_and_null_positions),
	TEST_ENTRY(max_caps_the_list_and_counts_the_rest),
	TEST_ENTRY(long_messages),
	TEST_ENTRY(severity_names_and_parsing),
	TEST_ENTRY(strerror_names_every_code)
)
