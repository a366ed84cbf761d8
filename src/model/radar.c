/*
 * radar.c - the radar.yaml schema, loading and validation; see radar.h.
 *
 * The schema tables are the single source of truth for the file's keys
 * (`archgate docs model` renders them). `rings` and `quadrants` are loaded
 * by hand because each item may be a plain id ("adopt") or a mapping with
 * a name, gate, colour and description; everything else goes through the
 * generic loader. Cross-checks (rings and quadrants that exist, duplicate
 * names, history order, the latest history agreeing with the ring) follow,
 * each reported at the line that has to change.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "radar.h"

#define F AG_FIELD
#define SCHEMA AG_SCHEMA

static const char *const gate_values[] = {"adopt", "trial", "assess", "hold", NULL};
/* in enum ag_radar_move order */
static const char *const moved_values[] = {"none", "new", "up", "down", NULL};

static const struct ag_field ring_fields[] = {
	F(ag_radar_ring, id, AG_F_STR, AG_F_REQUIRED, NULL, NULL,
	  "The ring's id, used by entries and history. A ring may also be written "
	  "as just its id: `rings: [adopt, trial, assess, hold]`.",
	  "rings:\n  - id: adopt"),
	F(ag_radar_ring, name, AG_F_STR, 0, NULL, NULL,
	  "Display name on the rendered radar and in exports (default: the id, "
	  "capitalised).", "    name: Adopt"),
	F(ag_radar_ring, gate, AG_F_ENUM, 0, NULL, gate_values,
	  "What archgate enforces for technologies in this ring: adopt (safe to "
	  "use), trial (in use only with an Accepted ADR that names it), assess "
	  "(no gate) or hold (in use is an error). Rings whose id is adopt, trial, "
	  "assess or hold have that gate by default; other rings must say.",
	  "    gate: trial"),
	F(ag_radar_ring, color, AG_F_STR, 0, NULL, NULL,
	  "Blip colour as #rgb or #rrggbb (default: a print-safe palette).",
	  "    color: \"#2e7d32\""),
	F(ag_radar_ring, description, AG_F_STR, 0, NULL, NULL,
	  "What the ring means for your teams.",
	  "    description: Safe to use for new services"),
};
static const struct ag_schema ring_schema =
	SCHEMA(ag_radar_ring, "ring", ring_fields, NULL);

static const struct ag_field quadrant_fields[] = {
	F(ag_radar_quadrant, id, AG_F_STR, AG_F_REQUIRED, NULL, NULL,
	  "The quadrant's id, used by entries. A quadrant may also be written as "
	  "just its id: `quadrants: [languages-and-frameworks, tools, platforms, "
	  "techniques]`.", "quadrants:\n  - id: platforms"),
	F(ag_radar_quadrant, name, AG_F_STR, 0, NULL, NULL,
	  "Display name (default: the id in words, capitalised).", "    name: Platforms"),
	F(ag_radar_quadrant, description, AG_F_STR, 0, NULL, NULL,
	  "What belongs in it.", "    description: Datastores, clouds and runtimes"),
};
static const struct ag_schema quadrant_schema =
	SCHEMA(ag_radar_quadrant, "quadrant", quadrant_fields, NULL);

static const struct ag_field event_fields[] = {
	F(ag_radar_event, date, AG_F_DATE, AG_F_REQUIRED, NULL, NULL,
	  "When the entry entered this ring.", "    - date: 2026-03-01"),
	F(ag_radar_event, ring, AG_F_STR, AG_F_REQUIRED, NULL, NULL,
	  "The ring it entered. The last item's ring must be the entry's ring.",
	  "      ring: trial"),
	F(ag_radar_event, note, AG_F_STR, 0, NULL, NULL,
	  "Why: the decision, the ADR, what was learnt.",
	  "      note: Two services in production; see ADR-014"),
};
static const struct ag_schema event_schema =
	SCHEMA(ag_radar_event, "history item", event_fields, NULL);

static const struct ag_field entry_fields[] = {
	F(ag_radar_entry, name, AG_F_STR, AG_F_REQUIRED, NULL, NULL,
	  "The technology, as people call it. Names are compared ignoring case "
	  "and punctuation, so `Node.js` matches `nodejs` in the model; catalog "
	  "aliases match too (`Postgres` is PostgreSQL).",
	  "- name: PostgreSQL"),
	F(ag_radar_entry, quadrant, AG_F_STR, AG_F_REQUIRED, NULL, NULL,
	  "Id (or name) of the quadrant it belongs to.", "  quadrant: platforms"),
	F(ag_radar_entry, ring, AG_F_STR, AG_F_REQUIRED, NULL, NULL,
	  "Id (or name) of its ring now.", "  ring: adopt"),
	F(ag_radar_entry, description, AG_F_STR, 0, NULL, NULL,
	  "Why it is in this ring; exported to BYOR, Zalando and Backstage.",
	  "  description: Our default datastore; strong consistency, mature tooling"),
	F(ag_radar_entry, links, AG_F_STRS, 0, NULL, NULL,
	  "URLs with more: the ADR, the RFC, a guide. Only http, https and mailto "
	  "URLs and relative paths are rendered and exported; others are left "
	  "out with a warning.",
	  "  links: [https://wiki.example.com/postgres]"),
	F(ag_radar_entry, aliases, AG_F_STRS, 0, NULL, NULL,
	  "Other names it goes by in manifests, the model and ADRs.",
	  "  aliases: [postgres, pg]"),
	F(ag_radar_entry, history, AG_F_OBJS, 0, &event_schema, NULL,
	  "Dated ring changes, oldest first. They tell the renderer and the "
	  "exports what is new, moved up or moved down in this edition.",
	  "  history:\n    - {date: 2025-04-01, ring: trial, note: First service}\n"
	  "    - {date: 2026-03-01, ring: adopt, note: Default for new services}"),
	F(ag_radar_entry, moved, AG_F_ENUM, 0, NULL, moved_values,
	  "The entry's mark in this edition when its history does not tell (a "
	  "radar imported from BYOR or Zalando knows the mark, not the dates). "
	  "Set, it wins over the history.",
	  "  moved: up"),
	F(ag_radar_entry, retired, AG_F_DATE, 0, NULL, NULL,
	  "The day the entry left the radar. Retired entries are kept for the "
	  "record but not drawn or exported; still in use, they are reported as "
	  "not on the radar.",
	  "  retired: 2026-06-30"),
};
static const struct ag_schema entry_schema =
	SCHEMA(ag_radar_entry, "entry", entry_fields, NULL);

static const struct ag_field mapping_fields[] = {
	F(ag_radar_mapping, technology, AG_F_STR, AG_F_REQUIRED, NULL, NULL,
	  "The technology the packages or images stand for (usually an entry's "
	  "name).", "- technology: Acme RPC"),
	F(ag_radar_mapping, match, AG_F_STRS, AG_F_REQUIRED, NULL, NULL,
	  "Patterns `ecosystem:name`, a trailing `*` for a prefix. Ecosystems: "
	  "npm, go, cargo, pypi, maven, composer, gem, docker, terraform, "
	  "terraform-resource, terraform-module, actions, helm, k8s, nuget, hex, "
	  "pkgconfig, cmake, ext, file. They win over the built-in catalog.",
	  "  match: [\"npm:@acme/rpc\", \"docker:acme/rpc-*\", \"maven:com.acme:rpc\"]"),
};
static const struct ag_schema mapping_schema =
	SCHEMA(ag_radar_mapping, "mapping", mapping_fields, NULL);

static const struct ag_field scan_fields[] = {
	F(ag_radar_scan_cfg, exclude, AG_F_STRS, 0, NULL, NULL,
	  "Paths the scanner skips, as .gitignore patterns relative to the "
	  "repository root (node_modules, vendor, .git and whatever .gitignore "
	  "ignores are always skipped).",
	  "scan:\n  exclude: [tests/fixtures/, \"examples/**/legacy\"]"),
};
static const struct ag_schema scan_schema =
	SCHEMA(ag_radar_scan_cfg, "scan", scan_fields, NULL);

static const struct ag_field radar_fields[] = {
	F(ag_radar, title, AG_F_STR, 0, NULL, NULL,
	  "Title of the rendered radar (default: Tech Radar).",
	  "title: Checkout Tech Radar"),
	F(ag_radar, edition, AG_F_DATE, 0, NULL, NULL,
	  "Date of this edition. Entries added or moved within recent_days before "
	  "it are marked new, moved up or moved down (default: the newest date in "
	  "the file, so the output depends on the file alone).",
	  "edition: 2026-11-01"),
	F(ag_radar, recent_days, AG_F_INT, 0, NULL, NULL,
	  "How far back from the edition a change still counts as new or moved "
	  "(default 180).", "recent_days: 90"),
	{"rings", AG_F_NODE, offsetof(struct ag_radar, rings_node), 0, &ring_schema, NULL,
	 "The rings from the centre outwards, 1 to 8 (default adopt, trial, "
	 "assess, hold). Each is an id or a mapping.",
	 "rings: [adopt, trial, assess, hold]"},
	{"quadrants", AG_F_NODE, offsetof(struct ag_radar, quadrants_node), 0,
	 &quadrant_schema, NULL,
	 "The sectors, clockwise from twelve o'clock, 1 to 8 (default the "
	 "Thoughtworks four). Each is an id or a mapping.",
	 "quadrants: [languages-and-frameworks, tools, platforms, techniques]"},
	F(ag_radar, entries, AG_F_OBJS, 0, &entry_schema, NULL,
	  "The technologies on the radar.", NULL),
	F(ag_radar, mappings, AG_F_OBJS, 0, &mapping_schema, NULL,
	  "Packages, images and files the scanner should recognise beyond the "
	  "built-in catalog (`archgate radar catalog` lists it).", NULL),
	F(ag_radar, scan, AG_F_OBJ, 0, &scan_schema, NULL,
	  "How `archgate radar scan` and the radar rules read the repository.", NULL),
};

const struct ag_schema ag_radar_schema = SCHEMA(ag_radar, "radar.yaml", radar_fields,
	"The tech radar.");

/* Defaults: the seed's rings and the Thoughtworks quadrants. Colours are
 * dark enough for white numbers and distinct in greyscale print. */
static const char *const palette[AG_RADAR_MAX_RINGS] = {
	"#2e7d32", "#1565c0", "#b26a00", "#c62828",
	"#6a1b9a", "#00838f", "#5d4037", "#455a64",
};
static const struct {
	const char *id, *name;
} default_rings[] = {{"adopt", "Adopt"}, {"trial", "Trial"}, {"assess", "Assess"},
		     {"hold", "Hold"}};
static const struct {
	const char *id, *name;
} default_quadrants[] = {
	{"languages-and-frameworks", "Languages & Frameworks"},
	{"tools", "Tools"},
	{"platforms", "Platforms"},
	{"techniques", "Techniques"},
};

size_t ag_radar_norm(const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	if (!cap)
		return 0;
	for (size_t i = 0; i < n && k + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isalnum(c))
			out[k++] = (char)tolower(c);
		else if (c == '+' || c == '#')
			out[k++] = (char)c;
		else if (c >= 0x80)
			out[k++] = (char)c; /* keep non-ASCII names distinct */
	}
	out[k] = '\0';
	return k;
}

bool ag_radar_same(const char *a, size_t an, const char *b, size_t bn)
{
	char x[256], y[256];
	size_t xl = ag_radar_norm(a, an, x, sizeof(x));
	size_t yl = ag_radar_norm(b, bn, y, sizeof(y));
	return xl && xl == yl && !memcmp(x, y, xl);
}

const char *ag_radar_gate_name(enum ag_radar_gate g)
{
	return g <= AG_GATE_HOLD ? gate_values[g] : "assess";
}

const char *ag_radar_move_name(enum ag_radar_move m)
{
	switch (m) {
	case AG_MOVE_NEW: return "new";
	case AG_MOVE_UP: return "moved up";
	case AG_MOVE_DOWN: return "moved down";
	case AG_MOVE_NONE: break;
	}
	return "no change";
}

static int find_ix(const struct ag_scalar *ids, const struct ag_scalar *names, size_t stride,
		   size_t n, const char *s, size_t len)
{
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++) {
			const struct ag_scalar *sc = (const struct ag_scalar *)
				((const char *)(pass ? names : ids) + i * stride);
			if (sc->s && sc->len == len && !strncasecmp(sc->s, s, len))
				return (int)i;
		}
	return -1;
}

int ag_radar_ring_index(const struct ag_radar *r, const char *s, size_t n)
{
	if (!r->rings)
		return -1;
	return find_ix(&r->rings[0].id, &r->rings[0].name, sizeof(*r->rings), r->nrings, s, n);
}

int ag_radar_quadrant_index(const struct ag_radar *r, const char *s, size_t n)
{
	if (!r->quadrants)
		return -1;
	return find_ix(&r->quadrants[0].id, &r->quadrants[0].name, sizeof(*r->quadrants),
		       r->nquadrants, s, n);
}

const char *ag_radar_ring_name(const struct ag_radar *r, int ix)
{
	if (ix < 0 || (size_t)ix >= r->nrings)
		return "?";
	return r->rings[ix].name.s ? r->rings[ix].name.s : r->rings[ix].id.s;
}

const char *ag_radar_quadrant_name(const struct ag_radar *r, int ix)
{
	if (ix < 0 || (size_t)ix >= r->nquadrants)
		return "?";
	return r->quadrants[ix].name.s ? r->quadrants[ix].name.s : r->quadrants[ix].id.s;
}

static struct ag_scalar lit(const char *s)
{
	struct ag_scalar sc;
	memset(&sc, 0, sizeof(sc));
	sc.s = s;
	sc.len = strlen(s);
	sc.set = true;
	return sc;
}

/* "languages-and-frameworks" -> "Languages and frameworks" */
static const char *display_name(struct ag_loader *l, const char *id, size_t n)
{
	for (size_t i = 0; i < 4; i++) {
		if (strlen(default_quadrants[i].id) == n && !memcmp(default_quadrants[i].id, id, n))
			return default_quadrants[i].name;
		if (strlen(default_rings[i].id) == n && !memcmp(default_rings[i].id, id, n))
			return default_rings[i].name;
	}
	char *s = ag_arena_strndup(l->arena, id, n);
	if (!s)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '-' || s[i] == '_')
			s[i] = ' ';
	if (n)
		s[0] = (char)toupper((unsigned char)s[0]);
	return s;
}

static bool valid_color(const char *s, size_t n)
{
	if ((n != 4 && n != 7) || s[0] != '#')
		return false;
	for (size_t i = 1; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* Load `rings:` or `quadrants:` (items are ids or mappings). */
static int load_axis(struct ag_loader *l, const struct ag_ynode *node, bool rings,
		     struct ag_radar *r)
{
	const char *what = rings ? "rings" : "quadrants";
	size_t max = rings ? AG_RADAR_MAX_RINGS : AG_RADAR_MAX_QUADRANTS;
	if (node->kind != AG_Y_SEQ) {
		ag_loader_error(l, node->line, node->col,
				"'%s' must be a list of ids or mappings, not %s", what,
				ag_yaml_describe(node));
		return 0;
	}
	if (node->n == 0 || node->n > max) {
		ag_loader_error(l, node->line, node->col, "a radar has 1 to %zu %s, not %zu", max,
				what, node->n);
		return 0;
	}
	size_t elsize = rings ? sizeof(struct ag_radar_ring) : sizeof(struct ag_radar_quadrant);
	void *v = ag_arena_alloc(l->arena, node->n * elsize);
	if (!v)
		return AG_ENOMEM;
	size_t k = 0;
	for (size_t i = 0; i < node->n; i++) {
		const struct ag_ynode *it = node->kids[i];
		void *el = (char *)v + k * elsize;
		memset(el, 0, elsize); /* the slot may hold a rejected item */
		struct ag_pos *pos = el; /* pos is the first member of both structs */
		struct ag_scalar *id = rings ? &((struct ag_radar_ring *)el)->id
					     : &((struct ag_radar_quadrant *)el)->id;
		if (it->kind == AG_Y_SCALAR && !ag_yaml_is_null(it) && it->len) {
			*pos = (struct ag_pos){l->file, it->line, it->col};
			*id = lit(it->str);
			id->pos = *pos;
		} else if (it->kind == AG_Y_MAP) {
			int before = l->errors;
			int rc = ag_schema_load(l, rings ? &ring_schema : &quadrant_schema, it, el);
			if (rc)
				return rc;
			if (l->errors != before)
				continue;
		} else {
			ag_loader_error(l, it->line, it->col,
					"each of '%s' is an id or a mapping, not %s", what,
					ag_yaml_describe(it));
			continue;
		}
		for (size_t j = 0; j < k; j++) {
			const struct ag_scalar *o = rings ? &((struct ag_radar_ring *)v)[j].id
							  : &((struct ag_radar_quadrant *)v)[j].id;
			if (!strcasecmp(o->s, id->s)) {
				ag_loader_error(l, id->pos.line, id->pos.col,
						"duplicate %s id '%s' (first at line %d)",
						rings ? "ring" : "quadrant", id->s, o->pos.line);
				goto next;
			}
		}
		if (rings) {
			struct ag_radar_ring *rg = el;
			if (!rg->name.set) {
				const char *nm = display_name(l, id->s, id->len);
				if (!nm)
					return AG_ENOMEM;
				rg->name = lit(nm);
			}
			/* a ring with a bad gate or colour is still a ring: entries
			 * that name it should not report it unknown as well */
			if (rg->gate.set) {
				rg->g = (enum ag_radar_gate)rg->gate.e;
			} else {
				int g = -1;
				for (int gi = 0; gate_values[gi]; gi++)
					if (!strcasecmp(gate_values[gi], id->s))
						g = gi;
				if (g < 0)
					ag_loader_error(l, id->pos.line, id->pos.col,
							"ring '%s' needs a gate saying what it "
							"enforces: write {id: %s, gate: "
							"adopt|trial|assess|hold}", id->s, id->s);
				rg->g = g < 0 ? AG_GATE_ASSESS : (enum ag_radar_gate)g;
			}
			if (rg->color.set && !valid_color(rg->color.s, rg->color.len)) {
				ag_loader_error(l, rg->color.pos.line, rg->color.pos.col,
						"color '%s' must be written #rgb or #rrggbb",
						rg->color.s);
				rg->color.set = false;
			}
			if (!rg->color.set)
				rg->color = lit(palette[k % AG_RADAR_MAX_RINGS]);
		} else {
			struct ag_radar_quadrant *q = el;
			if (!q->name.set) {
				const char *nm = display_name(l, id->s, id->len);
				if (!nm)
					return AG_ENOMEM;
				q->name = lit(nm);
			}
		}
		k++;
	next:;
	}
	if (rings) {
		r->rings = v;
		r->nrings = k;
	} else {
		r->quadrants = v;
		r->nquadrants = k;
	}
	return 0;
}

static int set_defaults(struct ag_loader *l, struct ag_radar *r)
{
	if (!r->rings) {
		r->rings = ag_arena_alloc(l->arena, 4 * sizeof(*r->rings));
		if (!r->rings)
			return AG_ENOMEM;
		for (size_t i = 0; i < 4; i++) {
			r->rings[i].id = lit(default_rings[i].id);
			r->rings[i].name = lit(default_rings[i].name);
			r->rings[i].color = lit(palette[i]);
			r->rings[i].g = (enum ag_radar_gate)i;
		}
		r->nrings = 4;
	}
	if (!r->quadrants) {
		r->quadrants = ag_arena_alloc(l->arena, 4 * sizeof(*r->quadrants));
		if (!r->quadrants)
			return AG_ENOMEM;
		for (size_t i = 0; i < 4; i++) {
			r->quadrants[i].id = lit(default_quadrants[i].id);
			r->quadrants[i].name = lit(default_quadrants[i].name);
		}
		r->nquadrants = 4;
	}
	return 0;
}

static const char *ids_hint(const struct ag_scalar *ids, size_t stride, size_t n,
			    const char *s, size_t len)
{
	const char *cands[AG_RADAR_MAX_RINGS] = {0};
	for (size_t i = 0; i < n && i < AG_RADAR_MAX_RINGS; i++)
		cands[i] = ((const struct ag_scalar *)((const char *)ids + i * stride))->s;
	return ag_did_you_mean(s, len, cands, n < AG_RADAR_MAX_RINGS ? n : AG_RADAR_MAX_RINGS);
}

static void list_ids(struct ag_buf *b, const struct ag_scalar *ids, size_t stride, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ag_buf_printf(b, "%s%s", i ? ", " : "",
			      ((const struct ag_scalar *)((const char *)ids + i * stride))->s);
}

static int resolve(struct ag_loader *l, const struct ag_radar *r, const struct ag_scalar *sc,
		   bool ring)
{
	if (!sc->set)
		return -1;
	int ix = ring ? ag_radar_ring_index(r, sc->s, sc->len)
		      : ag_radar_quadrant_index(r, sc->s, sc->len);
	if (ix >= 0)
		return ix;
	const struct ag_scalar *ids = ring ? &r->rings[0].id : &r->quadrants[0].id;
	size_t stride = ring ? sizeof(*r->rings) : sizeof(*r->quadrants);
	size_t n = ring ? r->nrings : r->nquadrants;
	const char *hint = ids_hint(ids, stride, n, sc->s, sc->len);
	struct ag_buf b = AG_BUF_INIT;
	list_ids(&b, ids, stride, n);
	/* the error is reported either way; a list that did not fit is left out */
	const char *list = ag_buf_err(&b) ? "" : b.data;
	if (hint)
		ag_loader_error(l, sc->pos.line, sc->pos.col,
				"unknown %s '%s'; did you mean '%s'? (%s)",
				ring ? "ring" : "quadrant", sc->s, hint, list);
	else
		ag_loader_error(l, sc->pos.line, sc->pos.col,
				"unknown %s '%s'; the radar's %s are: %s",
				ring ? "ring" : "quadrant", sc->s, ring ? "rings" : "quadrants",
				list);
	ag_buf_release(&b);
	return -1;
}

struct namekey {
	const char *key; /* canonical form */
	const struct ag_scalar *sc;
	const struct ag_radar_entry *entry;
	bool alias;
};

static int namekey_cmp(const void *a, const void *b)
{
	const struct namekey *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return x->sc->pos.line - y->sc->pos.line;
}

/* Names and aliases identify entries: two entries may not share one. */
static int check_names(struct ag_loader *l, struct ag_radar *r)
{
	struct ag_radar_entry *e = r->entries.v;
	size_t n = 0;
	for (size_t i = 0; i < r->entries.n; i++)
		n += 1 + e[i].aliases.n;
	if (n < 2)
		return 0;
	struct namekey *keys = malloc(n * sizeof(*keys));
	if (!keys)
		return AG_ENOMEM;
	size_t k = 0;
	int rc = 0;
	for (size_t i = 0; i < r->entries.n && !rc; i++) {
		for (size_t a = 0; a <= e[i].aliases.n; a++) {
			const struct ag_scalar *sc = a ? &((struct ag_scalar *)e[i].aliases.v)[a - 1]
						       : &e[i].name;
			if (!sc->set)
				continue;
			char buf[256];
			size_t bl = ag_radar_norm(sc->s, sc->len, buf, sizeof(buf));
			if (!bl) {
				ag_loader_error(l, sc->pos.line, sc->pos.col,
						"%s '%s' has no letters or digits to match on",
						a ? "alias" : "name", sc->s);
				continue;
			}
			char *key = ag_arena_strndup(l->arena, buf, bl);
			if (!key) {
				rc = AG_ENOMEM;
				break;
			}
			keys[k++] = (struct namekey){key, sc, &e[i], a > 0};
		}
	}
	if (!rc) {
		qsort(keys, k, sizeof(*keys), namekey_cmp);
		for (size_t i = 1; i < k; i++) {
			if (strcmp(keys[i].key, keys[i - 1].key))
				continue;
			if (keys[i].entry == keys[i - 1].entry)
				continue; /* an alias repeating its own name is harmless */
			size_t first = i - 1;
			while (first > 0 && !strcmp(keys[first - 1].key, keys[i].key))
				first--;
			const struct namekey *f = &keys[first];
			if (!keys[i].alias && !f->alias)
				ag_loader_error(l, keys[i].sc->pos.line, keys[i].sc->pos.col,
						"duplicate entry '%s' (first at line %d); an "
						"entry is in one ring at a time, so list it once",
						keys[i].sc->s, f->sc->pos.line);
			else
				ag_loader_error(l, keys[i].sc->pos.line, keys[i].sc->pos.col,
						"'%s' would name two entries: '%s' (line %d) and "
						"'%s' (line %d)", keys[i].sc->s, f->entry->name.s,
						f->entry->pos.line, keys[i].entry->name.s,
						keys[i].entry->pos.line);
		}
	}
	free(keys);
	return rc;
}

static void check_history(struct ag_loader *l, struct ag_radar *r, struct ag_radar_entry *e,
			  long *newest)
{
	struct ag_radar_event *h = e->history.v;
	e->added = -1;
	for (size_t i = 0; i < e->history.n; i++) {
		h[i].ring_ix = -1;
		if (!h[i].pos.file)
			continue; /* null item, reported already */
		h[i].ring_ix = resolve(l, r, &h[i].ring, true);
		if (!h[i].date.set)
			continue;
		if (e->added < 0)
			e->added = h[i].date.i;
		if (h[i].date.i > *newest)
			*newest = h[i].date.i;
		if (r->edition.set && h[i].date.i > r->edition.i)
			ag_loader_error(l, h[i].date.pos.line, h[i].date.pos.col,
					"history date %s is after the edition (%s)", h[i].date.s,
					r->edition.s);
		for (size_t j = i; j-- > 0;) {
			if (!h[j].date.set)
				continue;
			if (h[j].date.i > h[i].date.i)
				ag_loader_error(l, h[i].date.pos.line, h[i].date.pos.col,
						"history is not in date order: %s comes after %s "
						"(line %d)", h[i].date.s, h[j].date.s,
						h[j].date.pos.line);
			break;
		}
	}
	if (e->history.n && e->ring_ix >= 0) {
		const struct ag_radar_event *last = &h[e->history.n - 1];
		if (last->ring_ix >= 0 && last->ring_ix != e->ring_ix)
			ag_loader_error(l, e->ring.pos.line, e->ring.pos.col,
					"'%s' is in ring '%s' but its latest history item (line "
					"%d, %s) puts it in '%s'; add a dated history item for "
					"the move", e->name.s ? e->name.s : "?", e->ring.s,
					last->pos.line, last->date.s ? last->date.s : "?",
					last->ring.s);
	}
	if (e->retired.set && e->retired.i > *newest)
		*newest = e->retired.i;
}

static void compute_move(const struct ag_radar *r, struct ag_radar_entry *e)
{
	e->move = AG_MOVE_NONE;
	if (e->retired.set)
		return;
	if (e->moved.set) {
		e->move = (enum ag_radar_move)e->moved.e;
		return;
	}
	if (r->edition_day < 0 || !e->history.n)
		return;
	long from = r->edition_day - r->recent; /* changes after `from` are recent */
	const struct ag_radar_event *h = e->history.v;
	if (e->added > from && e->added <= r->edition_day) {
		e->move = AG_MOVE_NEW;
		return;
	}
	for (size_t i = e->history.n; i-- > 1;) {
		if (h[i].ring_ix < 0 || h[i - 1].ring_ix < 0 || h[i].ring_ix == h[i - 1].ring_ix)
			continue;
		if (h[i].date.set && h[i].date.i > from && h[i].date.i <= r->edition_day)
			e->move = h[i].ring_ix < h[i - 1].ring_ix ? AG_MOVE_UP : AG_MOVE_DOWN;
		return;
	}
}

static int diag_pos_cmp(const void *a, const void *b)
{
	const struct ag_diag *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return strcmp(x->message, y->message);
}

static int load(struct ag_loader *l, const struct ag_ynode *root, struct ag_radar *r);

int ag_radar_load(struct ag_loader *l, const struct ag_ynode *root, struct ag_radar *r)
{
	/* the checks run in several passes; report in the order of the file */
	size_t from = l->diags->n;
	int rc = load(l, root, r);
	if (l->diags->n - from > 1)
		qsort(l->diags->v + from, l->diags->n - from, sizeof(*l->diags->v), diag_pos_cmp);
	return rc;
}

static int load(struct ag_loader *l, const struct ag_ynode *root, struct ag_radar *r)
{
	int rc = ag_schema_load(l, &ag_radar_schema, root, r);
	if (rc)
		return rc;
	if (r->rings_node && !ag_yaml_is_null(r->rings_node) &&
	    (rc = load_axis(l, r->rings_node, true, r)))
		return rc;
	if (r->quadrants_node && !ag_yaml_is_null(r->quadrants_node) &&
	    (rc = load_axis(l, r->quadrants_node, false, r)))
		return rc;
	if ((rc = set_defaults(l, r)))
		return rc;
	r->recent = 180;
	if (r->recent_days.set) {
		if (r->recent_days.i <= 0 || r->recent_days.i > 36500)
			ag_loader_error(l, r->recent_days.pos.line, r->recent_days.pos.col,
					"recent_days must be between 1 and 36500, not %lld",
					r->recent_days.i);
		else
			r->recent = (long)r->recent_days.i;
	}

	long newest = -1;
	struct ag_radar_entry *e = r->entries.v;
	for (size_t i = 0; i < r->entries.n; i++) {
		e[i].quadrant_ix = e[i].ring_ix = -1;
		if (!e[i].pos.file)
			continue;
		e[i].quadrant_ix = resolve(l, r, &e[i].quadrant, false);
		e[i].ring_ix = resolve(l, r, &e[i].ring, true);
		check_history(l, r, &e[i], &newest);
		if (e[i].name.set && !e[i].name.len)
			ag_loader_error(l, e[i].name.pos.line, e[i].name.pos.col,
					"an entry's name is empty");
		/* renders and exports drop these (ADR-023): say so once, here */
		const struct ag_scalar *ln = e[i].links.v;
		for (size_t k = 0; k < e[i].links.n; k++)
			if (ln[k].set && !ag_url_allowed(ln[k].s, ln[k].len) &&
			    ag_diags_add(l->diags, AG_SEV_WARNING, l->file, ln[k].pos.line,
					 ln[k].pos.col, "link '%s' is not an http, https or mailto URL or "
					 "a relative path; renders and exports leave it out", ln[k].s))
				return AG_ENOMEM;
	}
	if ((rc = check_names(l, r)))
		return rc;
	r->edition_day = r->edition.set ? r->edition.i : newest;
	for (size_t i = 0; i < r->entries.n; i++)
		compute_move(r, &e[i]);

	const struct ag_radar_mapping *mp = r->mappings.v;
	for (size_t i = 0; i < r->mappings.n; i++) {
		const struct ag_scalar *pat = mp[i].match.v;
		for (size_t k = 0; k < mp[i].match.n; k++) {
			if (!pat[k].set)
				continue;
			const char *why = ag_pattern_problem(pat[k].s, pat[k].len);
			if (why)
				ag_loader_error(l, pat[k].pos.line, pat[k].pos.col,
						"pattern '%s': %s", pat[k].s, why);
		}
	}
	return 0;
}

void ag_radar_release(struct ag_radar *r)
{
	if (r->usage && r->usage_free)
		r->usage_free(r->usage);
	r->usage = NULL;
}

const struct ag_radar_entry *ag_radar_entry_named(const struct ag_radar *r,
						  const char *name, size_t n)
{
	char key[256];
	size_t kl = ag_radar_norm(name, n, key, sizeof(key));
	if (!kl)
		return NULL;
	const struct ag_radar_entry *e = r->entries.v;
	for (size_t i = 0; i < r->entries.n; i++) {
		char buf[256];
		if (!e[i].name.set)
			continue;
		size_t bl = ag_radar_norm(e[i].name.s, e[i].name.len, buf, sizeof(buf));
		if (bl == kl && !memcmp(buf, key, kl))
			return &e[i];
		const struct ag_scalar *al = e[i].aliases.v;
		for (size_t a = 0; a < e[i].aliases.n; a++) {
			if (!al[a].set)
				continue;
			bl = ag_radar_norm(al[a].s, al[a].len, buf, sizeof(buf));
			if (bl == kl && !memcmp(buf, key, kl))
				return &e[i];
		}
	}
	return NULL;
}

int ag_radar_doc(struct ag_buf *out)
{
	/* The loader reads rings and quadrants by hand (an item may be a bare
	 * id); for the reference they are lists of mappings, from the same
	 * field table. */
	struct ag_field fields[sizeof(radar_fields) / sizeof(radar_fields[0])];
	memcpy(fields, radar_fields, sizeof(fields));
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i].type == AG_F_NODE)
			fields[i].type = AG_F_OBJS;
	struct ag_schema s = ag_radar_schema;
	s.fields = fields;
	return ag_schema_doc(out, &s, "", 3);
}

static const char *const eco_names[AG_ECO__COUNT] = {
	[AG_ECO_NPM] = "npm",          [AG_ECO_GO] = "go",
	[AG_ECO_CARGO] = "cargo",      [AG_ECO_PYPI] = "pypi",
	[AG_ECO_MAVEN] = "maven",      [AG_ECO_COMPOSER] = "composer",
	[AG_ECO_GEM] = "gem",          [AG_ECO_DOCKER] = "docker",
	[AG_ECO_TF_PROVIDER] = "terraform",
	[AG_ECO_TF_RESOURCE] = "terraform-resource",
	[AG_ECO_ACTIONS] = "actions",  [AG_ECO_HELM] = "helm",
	[AG_ECO_EXT] = "ext",          [AG_ECO_FILE] = "file",
	[AG_ECO_NUGET] = "nuget",      [AG_ECO_HEX] = "hex",
	[AG_ECO_K8S] = "k8s",          [AG_ECO_TF_MODULE] = "terraform-module",
	[AG_ECO_PKGCONFIG] = "pkgconfig", [AG_ECO_CMAKE] = "cmake",
	[AG_ECO_PRECOMMIT] = "pre-commit", [AG_ECO_OS] = "os",
};

static const char *const use_names[AG_USE__COUNT] = {
	"direct", "dev", "transitive", "ci", "image", "infra",
};

int ag_use_parse(const char *s, size_t n)
{
	for (int i = 0; i < AG_USE__COUNT; i++)
		if (strlen(use_names[i]) == n && !memcmp(use_names[i], s, n))
			return i;
	return -1;
}

const char *ag_use_name(enum ag_use u)
{
	return (unsigned)u < AG_USE__COUNT ? use_names[u] : "direct";
}

int ag_eco_parse(const char *s, size_t n)
{
	for (int i = 0; i < AG_ECO__COUNT; i++)
		if (strlen(eco_names[i]) == n && !memcmp(eco_names[i], s, n))
			return i;
	return -1;
}

const char *ag_eco_name(enum ag_eco e)
{
	return (unsigned)e < AG_ECO__COUNT ? eco_names[e] : "?";
}

const char *ag_pattern_problem(const char *p, size_t n)
{
	const char *colon = memchr(p, ':', n);
	if (!colon)
		return "write ecosystem:name (npm, go, cargo, pypi, maven, composer, gem, "
		       "docker, terraform, terraform-resource, terraform-module, actions, helm, "
		       "k8s, nuget, hex, pkgconfig, cmake, ext, file)";
	if (ag_eco_parse(p, (size_t)(colon - p)) < 0)
		return "unknown ecosystem (npm, go, cargo, pypi, maven, composer, gem, docker, "
		       "terraform, terraform-resource, terraform-module, actions, helm, k8s, "
		       "nuget, hex, pkgconfig, cmake, ext, file)";
	size_t rest = n - (size_t)(colon - p) - 1;
	if (rest == 0 || (rest == 1 && colon[1] == '*'))
		return "the name after the ecosystem is empty";
	for (size_t i = 0; i < rest; i++) {
		char c = colon[1 + i];
		if (c == '*' && i + 1 != rest)
			return "'*' is allowed only at the end (a prefix)";
		if (c == ' ' || c == '\t')
			return "a pattern has no spaces";
	}
	return NULL;
}
