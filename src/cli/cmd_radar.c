/*
 * cmd_radar.c - `archgate radar ...`: the tech radar checked against what
 * the repository really uses, drawn, and exchanged with other radar tools.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "base/fsutil.h"
#include "radar/radar_catalog.h"
#include "radar/radar_export.h"
#include "radar/radar_scan.h"
#include "radar/radar_svg.h"

const char *const usage_radar[] = {
	"archgate radar <scan|list|render|export|import|catalog> ...",
	"",
	"The tech radar in arch/radar.yaml, checked against the repository's real",
	"manifests, lockfiles, images, Terraform, workflows and source files.",
	"",
	"  radar scan [PATH] [--format text|json]",
	"                          technologies in use, each with its ring and its",
	"                          evidence (file:line and the matched text); PATH",
	"                          defaults to the repository root (the arch folder's",
	"                          parent). Model containers' tech counts as in use.",
	"  radar list [--format text|json]",
	"                          the radar's entries: ring, quadrant, new or moved",
	"  radar render            a deterministic SVG radar to stdout (print-ready;",
	"                          numbered blips, legend, markers for new and moved)",
	"  radar export --format byor|zalando|backstage",
	"                          Thoughtworks Build Your Own Radar CSV, Zalando",
	"                          tech-radar JSON or Backstage tech-radar JSON",
	"  radar import FILE [--from byor|zalando]",
	"                          print a radar.yaml made from a BYOR CSV or a Zalando",
	"                          JSON file (format guessed from the content)",
	"  radar catalog [NAME] [--format text|json]",
	"                          the built-in catalog: technologies and the packages,",
	"                          images and files that give them away; NAME may be a",
	"                          technology, an alias or a package (mongoose,",
	"                          pypi:psycopg, docker:postgres)",
	"",
	"The gates run in `archgate check`: radar-hold-in-use, radar-trial-needs-adr,",
	"radar-unlisted and radar-languages (`archgate explain RULE`).",
	"",
	"Examples:",
	"  archgate radar scan --format json | jq '.technologies[] | select(.ring == null)'",
	"  archgate radar render > radar.svg",
	"  archgate radar export --format byor > radar.csv",
	"  archgate radar import radar.csv > arch/radar.yaml",
	NULL};

static int finish(struct ag_model *m, struct ag_buf *out, int rc)
{
	int code = rc ? AG_EXIT_USAGE : cli_write(out);
	if (rc)
		fprintf(stderr, "archgate radar: %s\n", ag_strerror(rc));
	ag_buf_release(out);
	if (m)
		ag_model_release(m);
	return code;
}

static int load(const struct cli_args *a, struct ag_model *m)
{
	int rc = cli_load_model(a, m);
	if (rc)
		ag_model_release(m);
	return rc;
}

static int text_or_json(const char *sub, const struct cli_args *a, bool *json)
{
	*json = false;
	const char *f = a->val[OPT_FORMAT];
	if (!f || !strcmp(f, "text"))
		return 0;
	if (!strcmp(f, "json")) {
		*json = true;
		return 0;
	}
	return cli_usage_error("radar", "radar %s: unknown format '%s' (use text or json)", sub, f);
}

static int radar_scan(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("radar", argc, argv, 1u << OPT_DIR | 1u << OPT_FORMAT, &a);
	if (rc)
		return rc;
	bool json;
	if ((rc = text_or_json("scan", &a, &json)))
		return rc;
	if (a.npos > 1)
		return cli_usage_error("radar", "radar scan takes at most one PATH");
	struct ag_model m;
	if ((rc = load(&a, &m)))
		return rc;
	struct ag_scan s;
	ag_scan_init(&s);
	struct ag_diags d;
	ag_diags_init(&d);
	if (a.npos) {
		/* another tree judged against this radar: its files only, not
		 * this model's containers */
		struct ag_model shadow = m;
		memset(&shadow.sys, 0, sizeof(shadow.sys));
		shadow.root = a.pos[0];
		rc = ag_usage_collect(&shadow, NULL, &s, &d);
		if (rc == AG_EIO) {
			fprintf(stderr, "archgate radar: cannot read the folder '%s'\n", a.pos[0]);
			ag_scan_release(&s);
			ag_diags_release(&d);
			ag_model_release(&m);
			return AG_EXIT_USAGE;
		}
	} else {
		rc = ag_usage_collect(&m, NULL, &s, &d);
	}
	cli_print_diags(&d, false);
	ag_diags_release(&d);
	struct ag_buf out = AG_BUF_INIT;
	if (!rc)
		rc = json ? ag_scan_report_json(&out, &s, &m.radar)
			  : ag_scan_report_text(&out, &s, &m.radar, cli_color(&a));
	ag_scan_release(&s);
	return finish(&m, &out, rc);
}

static int radar_list(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("radar", argc, argv, 1u << OPT_DIR | 1u << OPT_FORMAT, &a);
	if (rc)
		return rc;
	bool json;
	if ((rc = text_or_json("list", &a, &json)))
		return rc;
	if (a.npos)
		return cli_usage_error("radar", "radar list takes no arguments");
	struct ag_model m;
	if ((rc = load(&a, &m)))
		return rc;
	struct ag_buf out = AG_BUF_INIT;
	rc = json ? ag_radar_list_json(&out, &m.radar) : ag_radar_list_text(&out, &m.radar);
	return finish(&m, &out, rc);
}

static int radar_render(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("radar", argc, argv, 1u << OPT_DIR | 1u << OPT_FORMAT, &a);
	if (rc)
		return rc;
	if (a.val[OPT_FORMAT] && strcmp(a.val[OPT_FORMAT], "svg"))
		return cli_usage_error("radar", "radar render writes svg, not '%s'",
				       a.val[OPT_FORMAT]);
	if (a.npos)
		return cli_usage_error("radar", "radar render takes no arguments (redirect "
				       "stdout to a file)");
	struct ag_model m;
	if ((rc = load(&a, &m)))
		return rc;
	struct ag_buf out = AG_BUF_INIT;
	rc = ag_radar_svg(&out, &m.radar, NULL);
	return finish(&m, &out, rc);
}

static int radar_export(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("radar", argc, argv, 1u << OPT_DIR | 1u << OPT_FORMAT, &a);
	if (rc)
		return rc;
	if (a.npos)
		return cli_usage_error("radar", "radar export takes no arguments");
	int f = a.val[OPT_FORMAT] ? ag_radar_xfmt_parse(a.val[OPT_FORMAT]) : -1;
	if (f < 0)
		return cli_usage_error("radar", "radar export needs --format byor, zalando or "
				       "backstage%s%s%s", a.val[OPT_FORMAT] ? " (not '" : "",
				       a.val[OPT_FORMAT] ? a.val[OPT_FORMAT] : "",
				       a.val[OPT_FORMAT] ? "')" : "");
	struct ag_model m;
	if ((rc = load(&a, &m)))
		return rc;
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_buf out = AG_BUF_INIT;
	char today[11];
	cli_today(today);
	rc = ag_radar_export_dated(&out, &m.radar, (enum ag_radar_xfmt)f, today, &d);
	cli_print_diags(&d, false);
	ag_diags_release(&d);
	if (rc == AG_EINVAL) {
		ag_buf_release(&out);
		ag_model_release(&m);
		return AG_EXIT_USAGE;
	}
	return finish(&m, &out, rc);
}

static int radar_import(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("radar", argc, argv, 1u << OPT_FROM, &a);
	if (rc)
		return rc;
	if (a.npos != 1)
		return cli_usage_error("radar", "radar import takes one FILE");
	int f = -1;
	if (a.val[OPT_FROM]) {
		f = ag_radar_xfmt_parse(a.val[OPT_FROM]);
		if (f != AG_RX_BYOR && f != AG_RX_ZALANDO)
			return cli_usage_error("radar", "radar import reads byor or zalando, not "
					       "'%s'", a.val[OPT_FROM]);
	}
	char *data;
	size_t len;
	rc = ag_read_file(a.pos[0], (size_t)64 << 20, &data, &len);
	if (rc) {
		fprintf(stderr, "archgate radar: cannot read '%s': %s\n", a.pos[0],
			rc == AG_ELIMIT ? "larger than 64 MiB" : ag_strerror(rc));
		return AG_EXIT_USAGE;
	}
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_buf out = AG_BUF_INIT;
	char today[11];
	cli_today(today);
	rc = ag_radar_import(&out, a.pos[0], data, len, f, today, &d);
	free(data);
	cli_print_diags(&d, false);
	ag_diags_release(&d);
	if (rc == AG_EINVAL || rc == AG_EPARSE) {
		ag_buf_release(&out);
		return AG_EXIT_USAGE;
	}
	return finish(NULL, &out, rc);
}

static int radar_catalog(int argc, char **argv)
{
	struct cli_args a;
	int rc = cli_parse("radar", argc, argv, 1u << OPT_FORMAT, &a);
	if (rc)
		return rc;
	bool json;
	if ((rc = text_or_json("catalog", &a, &json)))
		return rc;
	if (a.npos > 1)
		return cli_usage_error("radar", "radar catalog takes at most one NAME");
	const struct ag_tech *only = NULL;
	if (a.npos && !(only = ag_catalog_find(a.pos[0], strlen(a.pos[0])))) {
		/* not a name: maybe a package, image or file ("mongoose", or
		 * "pypi:psycopg" to say which ecosystem) */
		struct ag_matcher mt;
		if (ag_matcher_init(&mt) == 0) {
			const char *q = a.pos[0], *colon = strchr(q, ':');
			int only_eco = colon ? ag_eco_parse(q, (size_t)(colon - q)) : -1;
			const char *key = only_eco >= 0 ? colon + 1 : q;
			for (int e = 0; e < AG_ECO__COUNT && !only; e++) {
				if (only_eco >= 0 && e != only_eco)
					continue;
				const struct ag_match_target *t =
					ag_matcher_lookup(&mt, (enum ag_eco)e, key, strlen(key));
				if (t && t->tech)
					only = t->tech;
			}
			ag_matcher_release(&mt);
		}
	}
	if (a.npos && !only) {
		fprintf(stderr, "archgate radar: '%s' is not in the catalog (add a mapping to "
			"radar.yaml to teach the scanner)\n", a.pos[0]);
		return AG_EXIT_FAIL;
	}
	struct ag_buf out = AG_BUF_INIT;
	rc = ag_catalog_report(&out, only, json);
	return finish(NULL, &out, rc);
}

static const struct {
	const char *name;
	int (*fn)(int, char **);
} subcommands[] = {
	{"scan", radar_scan},     {"list", radar_list},     {"render", radar_render},
	{"export", radar_export}, {"import", radar_import}, {"catalog", radar_catalog},
};

int cmd_radar(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		cli_help("radar");
		return argc < 2 ? AG_EXIT_USAGE : 0;
	}
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			cli_help("radar");
			return 0;
		}
		if (!strcmp(argv[i], "--"))
			break;
	}
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].fn(argc - 1, argv + 1);
	return cli_usage_error("radar", "unknown subcommand '%s'", argv[1]);
}
