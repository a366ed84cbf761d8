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

static const char *const radar_usage[] = {
	"archgate radar <scan|init|list|render|export|import|catalog> ...",
	"",
	"The tech radar in arch/radar.yaml, checked against the repository's real",
	"manifests, lockfiles, images, Terraform, workflows and source files.",
	"The gates run in `archgate check`: radar-hold-in-use, radar-trial-needs-adr,",
	"radar-unlisted and radar-languages (`archgate explain RULE`).",
	"",
	"Examples:",
	"  archgate radar scan --format json | jq '.technologies[] | select(.ring == null)'",
	"  archgate radar render > radar.svg",
	"  archgate radar export --format byor > radar.csv",
	"  archgate radar import radar.csv > arch/radar.yaml",
	NULL};

static const char *const scan_usage[] = {
	"archgate radar scan [PATH] [--format text|json|cyclonedx] [--write]", "",
	"The technologies in use, each with its ring and its evidence (file:line,",
	"the matched text and how it is used: direct, dev, transitive, ci, image or",
	"infra). PATH defaults to the repository root (the arch folder's parent, or",
	"the current folder when there is no arch folder); the model containers'",
	"tech counts as in use. Only direct, image and infra use counts for the",
	"radar rules unless archgate.yaml's radar.in_use says otherwise. The JSON",
	"shape is stable (see docs/json.md); cyclonedx is a CycloneDX 1.5 bill of",
	"technologies.", "",
	"--write adds an entry to arch/radar.yaml for every technology found that",
	"it does not list (quadrant from the catalog, ring radar.new_ring, default",
	"assess, evidence as comments), creating the file when there is none. It",
	"never changes an entry a person wrote.", "",
	"Examples:", "  archgate radar scan --format json | jq '.technologies[].name'",
	"  archgate radar scan ../other-repo --format cyclonedx > bom.json",
	"  archgate radar scan --write && git diff arch/radar.yaml", NULL};

enum { SCAN_FORMAT, SCAN_WRITE };
static const struct cli_option scan_options[] = {
	[SCAN_FORMAT] = CLI_VALUE("format", "FMT", "text (default), json or cyclonedx"),
	[SCAN_WRITE] = CLI_FLAG("write", "propose radar.yaml entries for what was found"),
};

static const char *radar_dir(const struct ag_model *m)
{
	return m->arch_dir;
}

/* --write: the proposals into the radar.yaml of the model, or of PATH/arch
 * when there is no arch folder (created then). */
static int scan_write(struct cli_ctx *c, const struct ag_model *m, const char *root,
		      const struct ag_scan *s)
{
	char path[4096];
	const char *dir = m ? m->arch_dir : NULL;
	char adir[4096];
	if (!dir) {
		snprintf(adir, sizeof(adir), "%s/arch", root);
		dir = adir;
	}
	if ((size_t)snprintf(path, sizeof(path), "%s/radar.yaml", dir) >= sizeof(path)) {
		fprintf(stderr, "archgate radar: the path of radar.yaml is too long\n");
		return AG_EXIT_USAGE;
	}
	/* the radar the proposals go in: the model's, or the defaults */
	struct ag_arena a;
	ag_arena_init(&a, 0);
	struct ag_radar dflt;
	memset(&dflt, 0, sizeof(dflt));
	struct ag_diags d;
	ag_diags_init(&d);
	const struct ag_radar *r = m ? &m->radar : NULL;
	if (!r) {
		struct ag_loader l = {&a, &d, "radar.yaml", 0};
		if (ag_radar_load(&l, NULL, &dflt)) {
			ag_arena_release(&a);
			ag_diags_release(&d);
			fprintf(stderr, "archgate radar: out of memory\n");
			return AG_EXIT_USAGE;
		}
		r = &dflt;
	}
	char *old = NULL;
	size_t len = 0;
	bool exists = m && m->radar.present;
	int rc = 0;
	if (exists && (rc = ag_read_file(path, (size_t)16 << 20, &old, &len))) {
		fprintf(stderr, "archgate radar: cannot read '%s': %s\n", path, ag_strerror(rc));
		ag_arena_release(&a);
		ag_diags_release(&d);
		return AG_EXIT_USAGE;
	}
	struct ag_buf out = AG_BUF_INIT;
	size_t added = 0;
	rc = ag_radar_propose(&out, path, old, len, s, r,
			      ag_policy_new_ring(m ? &m->policy : NULL), &added, &d);
	free(old);
	cli_print_diags(&d, cli_color_stderr(c));
	ag_diags_release(&d);
	ag_radar_release(&dflt);
	ag_arena_release(&a);
	if (!rc && added) {
		if (!exists && (rc = ag_mkdirs(dir)) == 0)
			rc = ag_write_new(path, out.data, out.len);
		else if (exists)
			rc = ag_write_replace_in(m->root, path, out.data, out.len);
		if (rc)
			fprintf(stderr, "archgate radar: cannot write '%s': %s\n", path,
				ag_strerror(rc));
	}
	ag_buf_release(&out);
	if (rc)
		return AG_EXIT_USAGE;
	printf("%s: %zu entr%s proposed (ring %s)%s\n", path, added, added == 1 ? "y" : "ies",
	       ag_policy_new_ring(m ? &m->policy : NULL),
	       added ? "" : "; every technology found is on the radar");
	return AG_EXIT_OK;
}

/* `radar scan` and `radar init`: the scan, reported as `fmt` or (write)
 * proposed into radar.yaml. */
static int scan_run(struct cli_ctx *c, const char *fmt, bool write)
{
	int rc;
	if (c->npos > 1)
		return cli_usage_error(c, "expected at most one PATH");
	const struct ag_model *m;
	if ((rc = write ? cli_model_locked(c, radar_dir, &m) : cli_model(c, &m)))
		return rc;
	struct ag_scan s;
	ag_scan_init(&s);
	struct ag_diags d;
	ag_diags_init(&d);
	const char *root = c->npos ? c->pos[0] : m ? m->root : ".";
	if (m && c->npos) {
		/* another tree judged against this radar: its files only, not
		 * this model's containers */
		struct ag_model shadow = *m;
		memset(&shadow.sys, 0, sizeof(shadow.sys));
		shadow.root = c->pos[0];
		rc = ag_usage_collect(&shadow, NULL, &s, &d);
	} else if (m) {
		rc = ag_usage_collect(m, NULL, &s, &d);
	} else {
		/* no arch folder: any folder, the catalog only */
		rc = ag_scan_dir(&s, root, NULL, &d);
	}
	if (rc == AG_EIO) {
		fprintf(stderr, "archgate radar: cannot read the folder '%s'\n", root);
		ag_scan_release(&s);
		ag_diags_release(&d);
		return AG_EXIT_USAGE;
	}
	cli_print_diags(&d, false);
	ag_diags_release(&d);
	if (!rc && write) {
		rc = scan_write(c, m, root, &s);
		ag_scan_release(&s);
		return rc;
	}
	const struct ag_radar *r = m ? &m->radar : NULL;
	struct ag_buf out = AG_BUF_INIT;
	if (!rc)
		rc = !strcmp(fmt, "json")	 ? ag_scan_report_json(&out, &s, r)
		     : !strcmp(fmt, "cyclonedx") ? ag_scan_report_cyclonedx(&out, &s, r)
						 : ag_scan_report_text(&out, &s, r, cli_color(c));
	ag_scan_release(&s);
	return cli_output(c, &out, rc);
}

static int radar_scan(struct cli_ctx *c)
{
	const char *fmt = c->opt[SCAN_FORMAT] ? c->opt[SCAN_FORMAT] : "text";
	if (strcmp(fmt, "text") && strcmp(fmt, "json") && strcmp(fmt, "cyclonedx"))
		return cli_usage_error(c, "writes text, json or cyclonedx, not '%s'", fmt);
	bool write = c->opt[SCAN_WRITE] != NULL;
	if (write && c->opt[SCAN_FORMAT])
		return cli_usage_error(c, "--write writes radar.yaml; it takes no --format");
	return scan_run(c, fmt, write);
}

static const char *const init_usage[] = {
	"archgate radar init [PATH]", "",
	"A radar from reality: `archgate radar scan --write`. Every technology",
	"found that arch/radar.yaml does not list gets an entry (quadrant from the",
	"catalog, ring radar.new_ring, default assess, evidence as comments);",
	"without a radar.yaml (or an arch folder) one is created. An entry a",
	"person wrote is never changed, so it can be run again at any time.", "",
	"Example:", "  archgate radar init && git diff arch/radar.yaml", NULL};

static int radar_init(struct cli_ctx *c)
{
	return scan_run(c, "text", true);
}

static const struct cli_command radar_init_cmd = {
	.name = "init", .summary = "Propose radar.yaml entries for every technology found",
	.usage = init_usage, .arch = CLI_ARCH_OPTIONAL, .parts = AG_LOAD_ALL, .run = radar_init,
};

static const struct cli_command radar_scan_cmd = {
	.name = "scan", .summary = "Technologies in use, with their ring and evidence",
	.usage = scan_usage, CLI_OPTIONS(scan_options), .arch = CLI_ARCH_OPTIONAL,
	.parts = AG_LOAD_ALL, .run = radar_scan,
};

static const char *const list_usage[] = {
	"archgate radar list [--format FMT]", "",
	"The radar's entries: ring, quadrant, and whether each is new or moved.", "",
	"Example:", "  archgate radar list", NULL};

static int radar_list(struct cli_ctx *c)
{
	int rc;
	bool json = c->format == AG_FMT_JSON;
	if (c->npos)
		return cli_usage_error(c, "unexpected argument '%s'", c->pos[0]);
	const struct ag_model *m;
	if ((rc = cli_model(c, &m)))
		return rc;
	struct ag_buf out = AG_BUF_INIT;
	rc = json ? ag_radar_list_json(&out, &m->radar) : ag_radar_list_text(&out, &m->radar);
	return cli_output(c, &out, rc);
}

static const struct cli_command radar_list_cmd = {
	.name = "list", .summary = "The radar's entries: ring, quadrant, new or moved",
	.usage = list_usage, .formats = CLI_TEXT_JSON, CLI_MODEL, .run = radar_list,
};

static const char *const render_usage[] = {
	"archgate radar render [--format svg]", "",
	"A deterministic SVG radar to stdout (print-ready; numbered blips, legend,",
	"markers for new and moved).", "",
	"Example:", "  archgate radar render > radar.svg", NULL};

enum { XFMT };
static const struct cli_option render_options[] = {
	[XFMT] = CLI_VALUE("format", "FMT", "svg (the only one)"),
};

static int radar_render(struct cli_ctx *c)
{
	int rc;
	if (c->opt[XFMT] && strcmp(c->opt[XFMT], "svg"))
		return cli_usage_error(c, "writes svg, not '%s'",
				       c->opt[XFMT]);
	if (c->npos)
		return cli_usage_error(c, "unexpected argument '%s' (redirect stdout to a file)", c->pos[0]);
	const struct ag_model *m;
	if ((rc = cli_model(c, &m)))
		return rc;
	struct ag_buf out = AG_BUF_INIT;
	rc = ag_radar_svg(&out, &m->radar, NULL);
	return cli_output(c, &out, rc);
}

static const struct cli_command radar_render_cmd = {
	.name = "render", .summary = "The radar as SVG",
	.usage = render_usage, CLI_OPTIONS(render_options), CLI_MODEL, .run = radar_render,
};

static const char *const export_usage[] = {
	"archgate radar export --format byor|zalando|backstage", "",
	"The radar in another tool's format: Thoughtworks Build Your Own Radar",
	"CSV, Zalando tech-radar JSON or Backstage tech-radar JSON.", "",
	"Example:", "  archgate radar export --format byor > radar.csv", NULL};

static const struct cli_option export_options[] = {
	/* the exchange formats, not the report formats */
	[XFMT] = CLI_VALUE("format", "FMT", "byor, zalando or backstage (required)"),
};

static int radar_export(struct cli_ctx *c)
{
	int rc;
	if (c->npos)
		return cli_usage_error(c, "unexpected argument '%s'", c->pos[0]);
	int f = c->opt[XFMT] ? ag_radar_xfmt_parse(c->opt[XFMT]) : -1;
	if (f < 0)
		return cli_usage_error(c, "needs --format byor, zalando or backstage%s%s%s", c->opt[XFMT] ? " (not '" : "",
				       c->opt[XFMT] ? c->opt[XFMT] : "",
				       c->opt[XFMT] ? "')" : "");
	const struct ag_model *m;
	if ((rc = cli_model(c, &m)))
		return rc;
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_buf out = AG_BUF_INIT;
	char today[11];
	cli_today(today);
	rc = ag_radar_export_dated(&out, &m->radar, (enum ag_radar_xfmt)f, today, &d);
	cli_print_diags(&d, false);
	ag_diags_release(&d);
	if (rc == AG_EINVAL) {
		ag_buf_release(&out);
		return AG_EXIT_USAGE;
	}
	return cli_output(c, &out, rc);
}

static const struct cli_command radar_export_cmd = {
	.name = "export", .summary = "Export to BYOR CSV, Zalando or Backstage JSON",
	.usage = export_usage, CLI_OPTIONS(export_options), CLI_MODEL, .run = radar_export,
};

static const char *const import_usage[] = {
	"archgate radar import FILE [--from byor|zalando]", "",
	"Print a radar.yaml made from a BYOR CSV or a Zalando JSON file (the",
	"format is guessed from the content unless --from says).", "",
	"Example:", "  archgate radar import radar.csv > arch/radar.yaml", NULL};

enum { IMPORT_FROM };
static const struct cli_option import_options[] = {
	[IMPORT_FROM] = CLI_VALUE("from", "FMT", "byor or zalando (default: guessed)"),
};

static int radar_import(struct cli_ctx *c)
{
	int rc;
	if (c->npos != 1)
		return cli_usage_error(c, "expected one FILE");
	int f = -1;
	if (c->opt[IMPORT_FROM]) {
		f = ag_radar_xfmt_parse(c->opt[IMPORT_FROM]);
		if (f != AG_RX_BYOR && f != AG_RX_ZALANDO)
			return cli_usage_error(c, "reads byor or zalando, not '%s'", c->opt[IMPORT_FROM]);
	}
	char *data;
	size_t len;
	rc = ag_read_file(c->pos[0], (size_t)64 << 20, &data, &len);
	if (rc) {
		fprintf(stderr, "archgate radar: cannot read '%s': %s\n", c->pos[0],
			rc == AG_ELIMIT ? "larger than 64 MiB" : ag_strerror(rc));
		return AG_EXIT_USAGE;
	}
	struct ag_diags d;
	ag_diags_init(&d);
	struct ag_buf out = AG_BUF_INIT;
	char today[11];
	cli_today(today);
	rc = ag_radar_import(&out, c->pos[0], data, len, f, today, &d);
	free(data);
	cli_print_diags(&d, false);
	ag_diags_release(&d);
	if (rc == AG_EINVAL || rc == AG_EPARSE) {
		ag_buf_release(&out);
		return AG_EXIT_USAGE;
	}
	return cli_output(c, &out, rc);
}

static const struct cli_command radar_import_cmd = {
	.name = "import", .summary = "A radar.yaml from a BYOR CSV or Zalando JSON file",
	.usage = import_usage, CLI_OPTIONS(import_options), .run = radar_import,
};

static const char *const catalog_usage[] = {
	"archgate radar catalog [NAME] [--format FMT]", "",
	"The built-in catalog: technologies and the packages, images and files",
	"that give them away. NAME may be a technology, an alias or a package",
	"(mongoose, pypi:psycopg, docker:postgres). Exit 1 when NAME is unknown.", "",
	"Example:", "  archgate radar catalog pypi:psycopg", NULL};

static int radar_catalog(struct cli_ctx *c)
{
	int rc;
	bool json = c->format == AG_FMT_JSON;
	if (c->npos > 1)
		return cli_usage_error(c, "expected at most one NAME");
	const struct ag_tech *only = NULL;
	if (c->npos && !(only = ag_catalog_find(c->pos[0], strlen(c->pos[0])))) {
		/* not a name: maybe a package, image or file ("mongoose", or
		 * "pypi:psycopg" to say which ecosystem) */
		struct ag_matcher mt;
		if (ag_matcher_init(&mt) == 0) {
			const char *q = c->pos[0], *colon = strchr(q, ':');
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
	if (c->npos && !only) {
		fprintf(stderr, "archgate radar: '%s' is not in the catalog (add a mapping to "
			"radar.yaml to teach the scanner)\n", c->pos[0]);
		return AG_EXIT_FAIL;
	}
	struct ag_buf out = AG_BUF_INIT;
	rc = ag_catalog_report(&out, only, json);
	return cli_output(c, &out, rc);
}

static const struct cli_command radar_catalog_cmd = {
	.name = "catalog", .summary = "The built-in catalog of technologies and their evidence",
	.usage = catalog_usage, .formats = CLI_TEXT_JSON, .run = radar_catalog,
};

const struct cli_command cli_cmd_radar = {
	.name = "radar", .summary = "Tech radar: scan what is in use, render SVG, export, import",
	.usage = radar_usage,
	.subs = CLI_SUBS(&radar_scan_cmd, &radar_init_cmd, &radar_list_cmd, &radar_render_cmd,
			 &radar_export_cmd, &radar_import_cmd, &radar_catalog_cmd),
};
