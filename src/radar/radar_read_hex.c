/*
 * radar_read_hex.c - Elixir: mix.exs deps ({:name, "~> 1.0", opts});
 * `only: :test`, `only: [:dev, :test]` and `runtime: false` (or
 * `runtime: Mix.env() == :dev`) make a dependency dev use. Also asdf's .tool-versions ("nodejs 20.11.0"): each
 * tool line names its technology.
 */
#include <string.h>
#include "radar_scan_impl.h"

void ag_read_mix(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	bool deps = false;
	enum ag_evidence_kind was = c->kind;
	const char *s, *e;
	while (next_trimmed(&l, &s, &e)) {
		if (starts(s, e, "defp deps") || starts(s, e, "def deps"))
			deps = true;
		else if (deps && starts(s, e, "end") && (e - s == 3 || s[3] == ' '))
			deps = false;
		if (!deps)
			continue;
		for (const char *p = s; p + 2 < e; p++) {
			if (p[0] != '{' || p[1] != ':')
				continue;
			const char *t = p + 2, *q = t;
			while (q < e && (*q == '_' || (*q >= 'a' && *q <= 'z') ||
					 (*q >= '0' && *q <= '9')))
				q++;
			if (q == t)
				continue;
			bool dev = false;
			for (const char *r = q; r < e && *r != '}'; r++)
				if ((e - r >= 5 && !memcmp(r, "only:", 5)) ||
				    (e - r >= 8 && !memcmp(r, "runtime:", 8) &&
				     !(e - r >= 13 && !memcmp(r, "runtime: true", 13))))
					dev = true;
			/* only: :prod keeps it direct */
			for (const char *r = q; r + 11 <= e && *r != '}'; r++)
				if (!memcmp(r, "only: :prod", 11))
					dev = false;
			c->kind = dev ? AG_EVIDENCE_DEV : AG_EVIDENCE_MANIFEST;
			hit_key(c, AG_ECO_HEX, t, (size_t)(q - t), l.no);
			p = q - 1;
		}
	}
	c->kind = was;
}

void ag_read_tool_versions(struct ctx *c, const char *text, size_t len)
{
	static const struct {
		const char *tool, *tech;
	} tools[] = {
		{"nodejs", "Node.js"}, {"node", "Node.js"},     {"python", "Python"},
		{"ruby", "Ruby"},      {"golang", "Go"},        {"go", "Go"},
		{"java", "Java"},      {"rust", "Rust"},        {"elixir", "Elixir"},
		{"erlang", "Erlang"},  {"terraform", "Terraform"}, {"kotlin", "Kotlin"},
		{"scala", "Scala"},    {"php", "PHP"},          {"deno", "Deno"},
		{"bun", "Bun"},        {"dotnet", ".NET"},      {"dotnet-core", ".NET"},
		{"helm", "Helm"},      {"kubectl", "Kubernetes"}, {"zig", "Zig"},
		{"opentofu", "OpenTofu"}, {"pnpm", "pnpm"},     {"yarn", "Yarn"},
		{"poetry", "Poetry"},  {"uv", "uv"},            {"gradle", "Gradle"},
		{"maven", "Maven"},    {"kustomize", "Kustomize"}, {"skaffold", "Skaffold"},
		{"packer", "Packer"},  {"lua", "Lua"},          {"haskell", "Haskell"},
		{"ocaml", "OCaml"},    {"julia", "Julia"},      {"dart", "Dart"},
		{"flutter", "Flutter"},
	};
	struct lines l = {text, text + len, 0};
	const char *s, *e;
	while (next_trimmed(&l, &s, &e)) {
		const char *t;
		size_t tn;
		ag_scan_token(s, e, &t, &tn);
		if (!tn || *t == '#')
			continue;
		for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]); i++)
			if (strlen(tools[i].tool) == tn && !memcmp(tools[i].tool, t, tn))
				ag_scan_hit_name(c, tools[i].tech, l.no, s, (size_t)(e - s));
	}
}
