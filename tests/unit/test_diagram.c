/*
 * test_diagram.c - the context and container views (which boxes, which
 * arrows, merged labels), each notation's escaping, generated identifiers,
 * determinism, the generated-file marker and --output's ownership check,
 * and Graphviz as a subprocess (skipped where `dot` is not installed).
 *
 * Models are written as system.yaml into a temporary folder and loaded the
 * way archgate loads them; the real tools' verdict on the output is the
 * CLI tests' job (tests/cli/t04*-diagram-*.sh).
 */
#include "diagram/diagram.h"
#include "diagram/diagram_svg.h"
#include "model/model.h"
#include "test.h"
#include "util.h"

struct dfix {
	char *tmp;
	struct ag_model m;
	struct ag_diags diags;
	int rc;
};

static int dload(struct dfix *f, const char *yaml)
{
	memset(f, 0, sizeof(*f));
	ag_diags_init(&f->diags);
	f->tmp = make_tmpdir();
	if (!f->tmp)
		return f->rc = -100;
	char arch[4096];
	snprintf(arch, sizeof(arch), "%s/arch", f->tmp);
	if (write_text(path_join(arch, "system.yaml"), yaml))
		return f->rc = -101;
	f->rc = ag_model_load_parts(&f->m, arch, AG_LOAD_SYSTEM, &f->diags);
	if (f->rc)
		diag_dump(&f->diags);
	return f->rc;
}

static void dfree(struct dfix *f)
{
	ag_model_release(&f->m);
	ag_diags_release(&f->diags);
	rm_rf(f->tmp);
	free(f->tmp);
}

/* Render into a malloc'd string (NULL on failure). */
static char *render(const struct ag_model *m, enum ag_diagram_view v, enum ag_diagram_format f)
{
	struct ag_buf b = AG_BUF_INIT;
	if (ag_diagram_render(&b, m, v, f, NULL)) {
		ag_buf_release(&b);
		return NULL;
	}
	return ag_buf_detach(&b, NULL);
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; p && (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

#define CHECK_NOT_CONTAINS(hay, needle)                                      \
	do {                                                                 \
		const char *th_ = (hay);                                     \
		if (th_ && strstr(th_, (needle)))                            \
			TEST_FAIL_("\"%s\" should not appear in:\n%s", (needle), th_); \
	} while (0)

static const char shop[] =
	"system: {name: Shop, description: Sells things}\n"
	"boundaries:\n"
	"  people:\n"
	"    - {id: buyer, name: Buyer}\n"
	"    - {id: clerk, name: Clerk}\n"
	"  external:\n"
	"    - {id: psp, name: Payments, kind: payment-gateway}\n"
	"  containers:\n"
	"    - {id: web, name: Web, kind: web, tech: [typescript, next.js]}\n"
	"    - {id: api, name: API, tech: [go]}\n"
	"    - {id: db, name: Orders DB, kind: datastore, tech: [postgres]}\n"
	"    - {id: cache, name: Cache, kind: cache}\n"
	"  relations:\n"
	"    - {from: buyer, to: web, label: Orders with, tech: HTTPS}\n"
	"    - {from: buyer, to: api, label: Orders with, tech: HTTP/2}\n"
	"    - {from: buyer, to: psp, label: Pays with}\n"
	"    - {from: web, to: api, label: Calls}\n"
	"    - {from: api, to: db, label: Stores orders in}\n"
	"    - {from: api, to: psp, label: Charges cards with, tech: HTTPS}\n"
	"    - {from: web, to: psp, label: Loads the card form from, tech: HTTPS}\n"
	"    - {from: psp, to: api, label: Confirms payments to}\n"
	"    - {from: clerk, to: system}\n"
	"    - {from: api, to: Shop, label: Is part of}\n";

TEST(names_round_trip)
{
	for (int v = 0; v < 2; v++)
		CHECK_EQ_INT(ag_diagram_view_parse(ag_diagram_view_name((enum ag_diagram_view)v)), v);
	for (int f = 0; f < AG_DIAG_NFORMATS; f++)
		CHECK_EQ_INT(ag_diagram_format_parse(
				     ag_diagram_format_name((enum ag_diagram_format)f)), f);
	CHECK_EQ_INT(ag_diagram_view_parse("components"), -1);
	CHECK_EQ_INT(ag_diagram_format_parse("png"), -1);
	CHECK_EQ_INT(ag_diagram_format_parse(""), -1);
	CHECK_EQ_INT(ag_diagram_format_for_path("docs/context.svg"), AG_DIAG_SVG);
	CHECK_EQ_INT(ag_diagram_format_for_path("c.mmd"), AG_DIAG_MERMAID);
	CHECK_EQ_INT(ag_diagram_format_for_path("c.gv"), AG_DIAG_DOT);
	CHECK_EQ_INT(ag_diagram_format_for_path("c.puml"), AG_DIAG_PLANTUML);
	CHECK_EQ_INT(ag_diagram_format_for_path("workspace.dsl"), AG_DIAG_STRUCTURIZR);
	CHECK_EQ_INT(ag_diagram_format_for_path("c.png"), -1);
	CHECK_EQ_INT(ag_diagram_format_for_path("v1.2/context"), -1); /* dot in a folder */
	CHECK_EQ_INT(ag_diagram_format_for_path("context"), -1);
}

TEST(context_collapses_containers_into_the_system)
{
	struct dfix f;
	REQUIRE(dload(&f, shop) == 0);
	char *d = render(&f.m, AG_VIEW_CONTEXT, AG_DIAG_MERMAID);
	REQUIRE(d);
	CHECK_CONTAINS(d, "C4Context\ntitle System Context diagram for Shop\n");
	CHECK_CONTAINS(d, "System(sys, \"Shop\", \"Sells things\")");
	CHECK_CONTAINS(d, "System_Ext(e_psp, \"Payments\", \"\")");
	/* no container is drawn */
	CHECK_NOT_CONTAINS(d, "Container(");
	CHECK_NOT_CONTAINS(d, "c_web");
	/* buyer->web and buyer->api: one arrow, the label once, both techs */
	CHECK_CONTAINS(d, "Rel(p_buyer, sys, \"Orders with\", \"HTTPS, HTTP/2\")\n");
	CHECK_EQ_INT(count(d, "Rel(p_buyer, sys"), 1);
	/* api->psp and web->psp: one arrow, each distinct label */
	CHECK_CONTAINS(d, "Rel(sys, e_psp, \"Charges cards with; Loads the card form from\", "
			  "\"HTTPS\")\n");
	/* direction matters */
	CHECK_CONTAINS(d, "Rel(e_psp, sys, \"Confirms payments to\")\n");
	/* a person to an external system stays */
	CHECK_CONTAINS(d, "Rel(p_buyer, e_psp, \"Pays with\")\n");
	/* relations inside the system are not drawn; no label -> "Uses" */
	CHECK_NOT_CONTAINS(d, "Calls");
	CHECK_NOT_CONTAINS(d, "Stores orders");
	CHECK_NOT_CONTAINS(d, "Is part of");
	CHECK_CONTAINS(d, "Rel(p_clerk, sys, \"Uses\")\n");
	CHECK_EQ_INT(count(d, "Rel("), 5);
	/* the key */
	CHECK_CONTAINS(d, "Boundary(key, \"Key\", \"\")");
	CHECK_CONTAINS(d, "System_Ext(key_external, \"External system\")");
	free(d);
	dfree(&f);
}

TEST(container_view_draws_every_relation)
{
	struct dfix f;
	REQUIRE(dload(&f, shop) == 0);
	char *d = render(&f.m, AG_VIEW_CONTAINER, AG_DIAG_DOT);
	REQUIRE(d);
	CHECK_CONTAINS(d, "subgraph cluster_sys {");
	CHECK_CONTAINS(d, "Container diagram for Shop");
	CHECK_CONTAINS(d, "[Web app: typescript, next.js]");
	CHECK_CONTAINS(d, "[Service: go]");
	CHECK_CONTAINS(d, "[Cache]");
	/* datastores and caches are cylinders, the rest boxes */
	CHECK_CONTAINS(d, "[Datastore: postgres]</font>>, fillcolor=\"#438dd5\", "
			  "color=\"#3c7fc0\", shape=cylinder");
	CHECK_EQ_INT(count(d, "shape=cylinder"), 3); /* two datastores and the key's */
	/* external systems are marked as such */
	CHECK_CONTAINS(d, "[External System: payment-gateway]");
	CHECK_CONTAINS(d, "style=\"filled,rounded,dashed\"");
	CHECK_CONTAINS(d, "  p_buyer -> c_web [label=<Orders with<br/>");
	CHECK_CONTAINS(d, "  p_buyer -> c_api [label=<Orders with<br/>");
	CHECK_CONTAINS(d, "  c_web -> c_api [label=<Calls>]");
	CHECK_CONTAINS(d, "  c_api -> c_db [label=<Stores orders in>]");
	/* to the whole system: drawn to the boundary */
	CHECK_CONTAINS(d, "  p_clerk -> c_web [label=<Uses>, lhead=cluster_sys]");
	/* a container and its own system: nothing to draw */
	CHECK_NOT_CONTAINS(d, "Is part of");
	/* 9 relations, and the key's invisible chain of 6 nodes (5 arrows) */
	CHECK_EQ_INT(count(d, " -> "), 14);
	/* the key draws each kind as the diagram does */
	CHECK_CONTAINS(d, "  subgraph cluster_key {");
	CHECK_CONTAINS(d, "    key_datastore [label=\"Datastore or cache\", shape=cylinder");
	CHECK_CONTAINS(d, "    key_boundary [label=\"System boundary\", style=\"dashed,rounded\"");
	free(d);
	dfree(&f);
}

TEST(container_view_in_every_notation)
{
	struct dfix f;
	REQUIRE(dload(&f, shop) == 0);
	char *c4 = render(&f.m, AG_VIEW_CONTAINER, AG_DIAG_MERMAID);
	char *fl = render(&f.m, AG_VIEW_CONTAINER, AG_DIAG_MERMAID_FLOWCHART);
	char *pu = render(&f.m, AG_VIEW_CONTAINER, AG_DIAG_PLANTUML);
	char *sz = render(&f.m, AG_VIEW_CONTAINER, AG_DIAG_STRUCTURIZR);
	REQUIRE(c4 && fl && pu && sz);
	CHECK_CONTAINS(c4, "System_Boundary(sys, \"Shop\") {\n");
	CHECK_CONTAINS(c4, "  ContainerDb(c_db, \"Orders DB\", \"Datastore: postgres\", \"\")\n");
	CHECK_CONTAINS(c4, "Rel(c_api, c_db, \"Stores orders in\")\n");
	/* Mermaid C4 cannot end an arrow on a boundary: said, not drawn */
	CHECK_CONTAINS(c4, "%% not drawn (Mermaid C4 cannot draw an arrow to a boundary): "
			   "p_clerk -> sys: Uses\n");
	CHECK_CONTAINS(fl, "  subgraph sys[\"<b>Shop</b><br>[Software System]\"]\n");
	CHECK_CONTAINS(fl, "    c_db[(\"<b>Orders DB</b><br>[Datastore: postgres]\")]\n");
	CHECK_CONTAINS(fl, "  p_clerk -->|\"Uses\"| sys\n");
	CHECK_CONTAINS(fl, "  subgraph key[\"Key\"]\n");
	CHECK_CONTAINS(pu, "!include <C4/C4_Container>\n");
	CHECK_CONTAINS(pu, "LAYOUT_WITH_LEGEND()\n");
	CHECK_CONTAINS(pu, "  ContainerDb(c_db, \"Orders DB\", \"Datastore: postgres\")\n");
	CHECK_CONTAINS(pu, "Rel(p_clerk, sys, \"Uses\")\n");
	CHECK_CONTAINS(sz, "            c_db = container \"Orders DB\" \"\" \"postgres\" "
			   "\"Datastore,Database\"\n");
	CHECK_CONTAINS(sz, "        p_clerk -> sys \"Uses\"\n");
	CHECK_CONTAINS(sz, "        container sys \"containers\" {\n");
	CHECK_CONTAINS(sz, "title \"Container diagram for Shop\"");
	free(c4);
	free(fl);
	free(pu);
	free(sz);
	dfree(&f);
}

TEST(structurizr_context_keeps_the_containers)
{
	/* Structurizr derives the context view from the containers itself */
	struct dfix f;
	REQUIRE(dload(&f, shop) == 0);
	char *sz = render(&f.m, AG_VIEW_CONTEXT, AG_DIAG_STRUCTURIZR);
	REQUIRE(sz);
	CHECK_CONTAINS(sz, "(view: context, format: structurizr)");
	CHECK_CONTAINS(sz, "c_api = container");
	CHECK_CONTAINS(sz, "        systemContext sys \"context\" {\n");
	CHECK_CONTAINS(sz, "title \"System Context diagram for Shop\"");
	CHECK_NOT_CONTAINS(sz, "container sys");
	free(sz);
	dfree(&f);
}

TEST(every_format_has_a_title_a_key_and_the_marker)
{
	struct dfix f;
	REQUIRE(dload(&f, shop) == 0);
	static const char *const key[] = {"Boundary(key, \"Key\", \"\")", "subgraph key[\"Key\"]",
					  "<b>Key</b>", "LAYOUT_WITH_LEGEND()", "styles {"};
	for (int v = 0; v < 2; v++) {
		for (int fmt = 0; fmt < AG_DIAG_SVG; fmt++) {
			char *d = render(&f.m, (enum ag_diagram_view)v, (enum ag_diagram_format)fmt);
			REQUIRE(d);
			CHECK(ag_diagram_is_generated(d, strlen(d)));
			CHECK_CONTAINS(d, v ? "Container diagram for Shop"
					    : "System Context diagram for Shop");
			CHECK_CONTAINS(d, key[fmt]);
			/* deterministic: the same model gives the same bytes */
			char *again = render(&f.m, (enum ag_diagram_view)v,
					     (enum ag_diagram_format)fmt);
			REQUIRE(again);
			CHECK_STR(again, d);
			free(again);
			free(d);
		}
	}
	struct ag_buf b = AG_BUF_INIT;
	CHECK_EQ_INT(ag_diagram_render(&b, &f.m, (enum ag_diagram_view)7, AG_DIAG_DOT, NULL),
		     AG_EINVAL);
	CHECK_EQ_INT(ag_diagram_render(&b, &f.m, AG_VIEW_CONTEXT, (enum ag_diagram_format)42,
				       NULL), AG_EINVAL);
	ag_buf_release(&b);
	dfree(&f);
}

static const char nasty[] =
	"system: {name: \"Ch\xc3\xa9 \\\"Q\\\" <b>x</b> & #1\"}\n"
	"boundaries:\n"
	"  people:\n"
	"    - {id: a-b, name: \"Rel(a, b) ${HOME} $tags **bold** // -- \\\\n\"}\n"
	"    - {id: a.b, name: \"Two\\nlines\\tand tab\"}\n"
	"  external:\n"
	"    - {id: x, name: \"[[link]] ~~w~~ \\\"\\\" == 50%\"}\n"
	"  relations:\n"
	"    - {from: a-b, to: x, label: \"Says \\\"hi\\\" <&> %date()\"}\n";

TEST(mermaid_escapes_with_entities)
{
	struct dfix f;
	REQUIRE(dload(&f, nasty) == 0);
	char *c4 = render(&f.m, AG_VIEW_CONTEXT, AG_DIAG_MERMAID);
	char *fl = render(&f.m, AG_VIEW_CONTEXT, AG_DIAG_MERMAID_FLOWCHART);
	REQUIRE(c4 && fl);
	CHECK_CONTAINS(c4, "title System Context diagram for Ch\xc3\xa9 #quot;Q#quot; "
			   "#lt;b#gt;x#lt;/b#gt; #amp; #35;1\n");
	CHECK_CONTAINS(c4, "Rel(p_a_b, e_x, \"Says #quot;hi#quot; #lt;#amp;#gt; #37;date()\")");
	/* line breaks and tabs are word breaks */
	CHECK_CONTAINS(c4, "Person(p_a_b_2, \"Two lines and tab\", \"\")");
	/* the flowchart's title is front matter: YAML escapes, and '&' as
	 * U+FF06 (Mermaid would show a plain one as "&amp;") */
	CHECK_CONTAINS(fl, "title: \"System Context diagram for Ch\xc3\xa9 \\\"Q\\\" "
			   "<b>x</b> \xef\xbc\x86 #1\"\n");
	CHECK_CONTAINS(fl, "<b>Rel(a, b) ${HOME} $tags **bold** // -- \\n</b>");
	free(c4);
	free(fl);
	dfree(&f);
}

TEST(dot_escapes_as_xml)
{
	struct dfix f;
	REQUIRE(dload(&f, nasty) == 0);
	char *d = render(&f.m, AG_VIEW_CONTEXT, AG_DIAG_DOT);
	REQUIRE(d);
	CHECK_CONTAINS(d, "<b>System Context diagram for Ch\xc3\xa9 &quot;Q&quot; "
			  "&lt;b&gt;x&lt;/b&gt; &amp; #1</b>");
	CHECK_CONTAINS(d, "[label=<Says &quot;hi&quot; &lt;&amp;&gt; %date()>]");
	CHECK_CONTAINS(d, "<b>Two lines and tab</b>");
	free(d);
	dfree(&f);
}

TEST(plantuml_escapes_macros_markup_and_non_ascii)
{
	struct dfix f;
	REQUIRE(dload(&f, nasty) == 0);
	char *d = render(&f.m, AG_VIEW_CONTEXT, AG_DIAG_PLANTUML);
	REQUIRE(d);
	CHECK_CONTAINS(d, "title System Context diagram for Ch<U+00E9> <U+0022>Q<U+0022> "
			  "<U+003C>b<U+003E>x<U+003C>/b<U+003E> <U+0026> #1\n");
	/* a macro call, variables, doubled Creole characters, a backslash */
	CHECK_CONTAINS(d, "Person(p_a_b, \"Rel<U+0028>a, b) <U+0024>{HOME} <U+0024>tags "
			  "<U+002A>*bold<U+002A>* <U+002F>/ <U+002D>- <U+005C>n\")");
	CHECK_CONTAINS(d, "System_Ext(e_x, \"<U+005B>[link<U+005D>] <U+007E>~w<U+007E>~ "
			  "<U+0022><U+0022> <U+003D>= 50%\")");
	CHECK_CONTAINS(d, "Rel(p_a_b, e_x, \"Says <U+0022>hi<U+0022> <U+003C><U+0026><U+003E> "
			  "%date<U+0028>)\")");
	/* nothing but ASCII is left for the platform charset to misread */
	for (const unsigned char *p = (const unsigned char *)d; *p; p++)
		if (*p >= 0x80) {
			TEST_FAIL_("non-ASCII byte 0x%02x in PlantUML output", *p);
			break;
		}
	free(d);
	dfree(&f);
}

TEST(structurizr_escapes_quotes_and_substitutions)
{
	struct dfix f;
	REQUIRE(dload(&f, nasty) == 0);
	char *d = render(&f.m, AG_VIEW_CONTAINER, AG_DIAG_STRUCTURIZR);
	REQUIRE(d);
	CHECK_CONTAINS(d, "workspace \"Ch\xc3\xa9 \\\"Q\\\" <b>x</b> & #1\"");
	/* ${ and \n broken up by an invisible word joiner (U+2060) */
	CHECK_CONTAINS(d, "p_a_b = person \"Rel(a, b) $\xe2\x81\xa0{HOME} $tags **bold** // -- "
			  "\\\xe2\x81\xa0n\"");
	CHECK_CONTAINS(d, "p_a_b -> e_x \"Says \\\"hi\\\" <&> %date()\"");
	CHECK_NOT_CONTAINS(d, "${");
	free(d);
	dfree(&f);
}

TEST(structurizr_names_are_made_unique)
{
	struct dfix f;
	REQUIRE(dload(&f, "system: {name: Mail}\n"
			  "boundaries:\n"
			  "  people: [{id: u, name: Mail}]\n"
			  "  external: [{id: smtp, name: Mail}]\n"
			  "  containers: [{id: a, name: Box}, {id: b, name: Box}]\n") == 0);
	char *d = render(&f.m, AG_VIEW_CONTAINER, AG_DIAG_STRUCTURIZR);
	REQUIRE(d);
	CHECK_CONTAINS(d, "p_u = person \"Mail\" \"\"\n");
	CHECK_CONTAINS(d, "sys = softwareSystem \"Mail (system)\" \"\" {\n");
	CHECK_CONTAINS(d, "c_a = container \"Box\" ");
	CHECK_CONTAINS(d, "c_b = container \"Box (b)\" ");
	CHECK_CONTAINS(d, "e_smtp = softwareSystem \"Mail (smtp)\" \"\" \"External\"\n");
	free(d);
	dfree(&f);
}

TEST(identifiers_are_safe_and_unique)
{
	struct dfix f;
	REQUIRE(dload(&f, "system: {name: S}\n"
			  "boundaries:\n"
			  "  people: [{id: end, name: A}, {id: a-b, name: B}, {id: a_b, name: C},\n"
			  "           {id: a.b, name: D}, {id: 9x, name: E},\n"
			  "           {id: \"z\xc3\xbc\", name: F}]\n"
			  "  containers: [{id: node, name: N}]\n") == 0);
	char *d = render(&f.m, AG_VIEW_CONTAINER, AG_DIAG_MERMAID_FLOWCHART);
	REQUIRE(d);
	CHECK_CONTAINS(d, "  p_end(");
	CHECK_CONTAINS(d, "  p_a_b(\"<b>B</b>");
	CHECK_CONTAINS(d, "  p_a_b_2(\"<b>C</b>");
	CHECK_CONTAINS(d, "  p_a_b_3(\"<b>D</b>");
	CHECK_CONTAINS(d, "  p_9x(");
	CHECK_CONTAINS(d, "  p_z__(");
	CHECK_CONTAINS(d, "    c_node[");
	free(d);
	dfree(&f);
}

TEST(an_empty_model_still_draws)
{
	struct dfix f;
	REQUIRE(dload(&f, "system: {name: Lonely}\n") == 0);
	for (int v = 0; v < 2; v++)
		for (int fmt = 0; fmt < AG_DIAG_SVG; fmt++) {
			char *d = render(&f.m, (enum ag_diagram_view)v, (enum ag_diagram_format)fmt);
			CHECK(d != NULL);
			CHECK_CONTAINS(d, "Lonely");
			free(d);
		}
	/* DOT: an empty cluster would vanish, so it holds an invisible point */
	char *d = render(&f.m, AG_VIEW_CONTAINER, AG_DIAG_DOT);
	CHECK_CONTAINS(d, "    sys [shape=point, style=invis, label=\"\"]\n");
	free(d);
	dfree(&f);
}

TEST(marker_is_found_in_the_first_three_lines)
{
	const char *m = AG_DIAGRAM_MARKER;
	char buf[512];
	snprintf(buf, sizeof(buf), "%%%% %s (view: context)\nC4Context\n", m);
	CHECK(ag_diagram_is_generated(buf, strlen(buf)));
	snprintf(buf, sizeof(buf), "<?xml version=\"1.0\"?>\n<!-- %s -->\n", m);
	CHECK(ag_diagram_is_generated(buf, strlen(buf)));
	snprintf(buf, sizeof(buf), "1\n2\n' %s\n", m);
	CHECK(ag_diagram_is_generated(buf, strlen(buf)));
	snprintf(buf, sizeof(buf), "1\n2\n3\n' %s\n", m);
	CHECK(!ag_diagram_is_generated(buf, strlen(buf)));
	CHECK(!ag_diagram_is_generated("", 0));
	CHECK(!ag_diagram_is_generated("generated by archgate", 21)); /* cut short */
	CHECK(!ag_diagram_is_generated("digraph hand_drawn {}\n", 22));
}

TEST(output_state_refuses_what_archgate_did_not_write)
{
	char *tmp = make_tmpdir();
	REQUIRE(tmp);
	const char *mine = path_join(tmp, "mine.dot");
	const char *theirs = path_join(tmp, "theirs.dot");
	const char *link = path_join(tmp, "link.dot");
	const char *dir = path_join(tmp, "dir.dot");
	REQUIRE(write_text(mine, "// " AG_DIAGRAM_MARKER " (view: context)\ndigraph{}\n") == 0);
	REQUIRE(write_text(theirs, "digraph hand_drawn {}\n") == 0);
	REQUIRE(symlink(mine, link) == 0);
	REQUIRE(mkdir(dir, 0777) == 0);
	CHECK_EQ_INT(ag_diagram_output_state(path_join(tmp, "new.dot")), AG_ENOENT);
	CHECK_EQ_INT(ag_diagram_output_state(mine), 0);
	CHECK_EQ_INT(ag_diagram_output_state(theirs), AG_EEXIST);
	CHECK_EQ_INT(ag_diagram_output_state(link), AG_EEXIST); /* not followed */
	CHECK_EQ_INT(ag_diagram_output_state(dir), AG_EEXIST);
	rm_rf(tmp);
	free(tmp);
}

static bool have_dot(void)
{
	return system("command -v dot >/dev/null 2>&1") == 0;
}

TEST(svg_through_graphviz)
{
	if (!have_dot()) {
		fprintf(stderr, "skip: no Graphviz 'dot' on PATH\n");
		return;
	}
	struct dfix f;
	REQUIRE(dload(&f, shop) == 0);
	struct ag_buf b = AG_BUF_INIT, err = AG_BUF_INIT;
	CHECK_EQ_INT(ag_diagram_render(&b, &f.m, AG_VIEW_CONTAINER, AG_DIAG_SVG, &err), 0);
	REQUIRE(b.data);
	CHECK(!strncmp(b.data, "<?xml", 5));
	/* the marker comes right after the XML declaration */
	const char *nl = strchr(b.data, '\n');
	REQUIRE(nl);
	CHECK(!strncmp(nl + 1, "<!-- " AG_DIAGRAM_MARKER " (view: container, format: svg)",
		       strlen("<!-- " AG_DIAGRAM_MARKER " (view: container, format: svg)")));
	CHECK(ag_diagram_is_generated(b.data, b.len));
	CHECK_CONTAINS(b.data, "Container diagram for Shop");
	CHECK_CONTAINS(b.data, "</svg>");
	ag_buf_release(&b);
	ag_buf_release(&err);
	dfree(&f);
}

TEST(svg_reports_dot_errors_and_a_missing_dot)
{
	if (!have_dot()) {
		fprintf(stderr, "skip: no Graphviz 'dot' on PATH\n");
		return;
	}
	struct ag_buf svg = AG_BUF_INIT, err = AG_BUF_INIT;
	const char bad[] = "digraph { a -> }\n";
	CHECK_EQ_INT(ag_diagram_svg_from_dot(bad, strlen(bad), &svg, &err), AG_EIO);
	CHECK_CONTAINS(err.data, "syntax error");
	ag_buf_reset(&svg);
	ag_buf_reset(&err);
	/* a big graph: larger than any pipe buffer both ways */
	struct ag_buf big = AG_BUF_INIT;
	REQUIRE(ag_buf_adds(&big, "digraph {\n") == 0);
	for (int i = 0; i < 3000; i++)
		REQUIRE(ag_buf_printf(&big, "  n%d -> n%d [label=\"edge %d\"]\n", i, i + 1, i) == 0);
	REQUIRE(ag_buf_adds(&big, "}\n") == 0);
	CHECK_EQ_INT(ag_diagram_svg_from_dot(big.data, big.len, &svg, &err), 0);
	CHECK_CONTAINS(svg.data, "edge 2999");
	ag_buf_release(&big);
	ag_buf_reset(&svg);
	/* no dot on PATH */
	setenv("PATH", "/nonexistent", 1);
	CHECK_EQ_INT(ag_diagram_svg_from_dot("digraph{}", 9, &svg, &err), AG_ENOENT);
	ag_buf_release(&svg);
	ag_buf_release(&err);
}

TEST_MAIN(TEST_ENTRY(names_round_trip), TEST_ENTRY(context_collapses_containers_into_the_system),
	  TEST_ENTRY(container_view_draws_every_relation),
	  TEST_ENTRY(container_view_in_every_notation),
	  TEST_ENTRY(structurizr_context_keeps_the_containers),
	  TEST_ENTRY(every_format_has_a_title_a_key_and_the_marker),
	  TEST_ENTRY(mermaid_escapes_with_entities), TEST_ENTRY(dot_escapes_as_xml),
	  TEST_ENTRY(plantuml_escapes_macros_markup_and_non_ascii),
	  TEST_ENTRY(structurizr_escapes_quotes_and_substitutions),
	  TEST_ENTRY(structurizr_names_are_made_unique),
	  TEST_ENTRY(identifiers_are_safe_and_unique), TEST_ENTRY(an_empty_model_still_draws),
	  TEST_ENTRY(marker_is_found_in_the_first_three_lines),
	  TEST_ENTRY(output_state_refuses_what_archgate_did_not_write),
	  TEST_ENTRY(svg_through_graphviz), TEST_ENTRY(svg_reports_dot_errors_and_a_missing_dot))
