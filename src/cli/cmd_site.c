/*
 * cmd_site.c - `archgate site` (the architecture as a static website) and
 * `archgate serve` (that site on 127.0.0.1, rebuilt on changes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "site/site.h"

static const char *const site_usage[] = {
	"archgate site [--out DIR] [--no-graphviz] [--format FMT] [--dir DIR]", "",
	"Build the architecture as a static website: the phase board, the decision",
	"records (filters by status, tag, deciders, package and date; each record with",
	"its links both ways and its supersede chain), the RFCs and their sign-off,",
	"the context and container diagrams, the radar with every blip linked to its",
	"entry, the SLOs, debt, migration and cost, and the findings of check, with a",
	"search index built in. Pages open from file:// and from any static host;",
	"nothing is fetched from a network. Every text from the repository is escaped",
	"and links other than http, https, mailto and relative ones are dropped.", "",
	"The site is written beside DIR and then moved into place in one step; an",
	"existing DIR is replaced only if archgate built it (its .archgate-site",
	"manifest lists every file in it). The same repository gives the same bytes.", "",
	"Examples:",
	"  archgate site --out public",
	"  archgate site --out /tmp/arch-site && xdg-open /tmp/arch-site/index.html", NULL};

enum { SITE_OUT, SITE_NO_GRAPHVIZ };
static const struct cli_option site_options[] = {
	[SITE_OUT] = CLI_VALUE("out", "DIR", "the folder to write (default: site)"),
	[SITE_NO_GRAPHVIZ] = CLI_FLAG("no-graphviz", "do not run Graphviz 'dot' for the diagrams\n"
				      "(they are shown as Mermaid source)"),
};

static int run_site(struct cli_ctx *c)
{
	if (c->npos)
		return cli_usage_error(c, "unexpected argument '%s'", c->pos[0]);
	const char *out = c->opt[SITE_OUT] ? c->opt[SITE_OUT] : "site";
	if (!*out)
		return cli_usage_error(c, "--out needs a folder name");
	const struct ag_model *m;
	int rc = cli_model(c, &m);
	if (rc)
		return rc;
	struct ag_check_opts co = {0};
	struct ag_result res;
	rc = ag_check_run(m, &co, &res);
	if (rc) {
		fprintf(stderr, "archgate site: %s\n", ag_strerror(rc));
		ag_result_release(&res);
		return AG_EXIT_USAGE;
	}
	struct ag_site_opts so = {.out = out, .diagrams_svg = !c->opt[SITE_NO_GRAPHVIZ]};
	struct ag_site_stats st;
	struct ag_buf why = AG_BUF_INIT;
	rc = ag_site_build(m, &res, &so, &st, &why);
	ag_result_release(&res);
	if (rc) {
		if (why.len)
			fprintf(stderr, "archgate site: %s; not writing '%s' (remove it or choose "
				"another --out)\n", cli_text(c, why.data), cli_text(c, out));
		else
			fprintf(stderr, "archgate site: cannot write '%s': %s\n", cli_text(c, out),
				ag_strerror(rc));
		ag_buf_release(&why);
		return AG_EXIT_USAGE;
	}
	ag_buf_release(&why);
	struct ag_buf b = AG_BUF_INIT;
	if (c->format == AG_FMT_JSON) {
		struct ag_json w;
		ag_json_init(&w, &b, AG_JSON_PRETTY);
		ag_json_begin_object(&w);
		ag_json_kv_str(&w, "out", out);
		ag_json_kv_int(&w, "pages", (long long)st.pages);
		ag_json_kv_int(&w, "files", (long long)st.files);
		ag_json_kv_int(&w, "bytes", (long long)st.bytes);
		ag_json_kv_int(&w, "records", (long long)st.records);
		ag_json_kv_int(&w, "rfcs", (long long)st.rfcs);
		ag_json_kv_int(&w, "radar_entries", (long long)st.entries);
		ag_json_end_object(&w);
		rc = ag_json_finish(&w);
		if (!rc)
			rc = ag_buf_addc(&b, '\n');
	} else {
		rc = ag_buf_printf(&b, "wrote %zu pages (%zu files, %zu bytes) to %s/: %zu decision "
				   "records, %zu RFCs, %zu radar entries\n", st.pages, st.files,
				   st.bytes, cli_text(c, out), st.records, st.rfcs, st.entries);
	}
	return cli_output(c, &b, rc);
}

const struct cli_command cli_cmd_site = {
	.name = "site",
	.summary = "Build the architecture as a static website (board, records, radar, diagrams)",
	.usage = site_usage, CLI_OPTIONS(site_options), .formats = CLI_TEXT_JSON, CLI_MODEL,
	.run = run_site,
};
