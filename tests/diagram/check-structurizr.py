#!/usr/bin/env python3
"""check-structurizr.py - check a Structurizr DSL workspace without Structurizr.

    python3 check-structurizr.py FILE...

No Debian package parses the Structurizr DSL, so this reads it the way
Structurizr's own parser does (structurizr/java, structurizr-dsl: the
Tokenizer's quoting rules, one statement per line, `{` last on its line and
`}` alone on its line, no forward references) and checks what the model
behind it would reject:

  - braces balance and every block is one the DSL allows where it stands;
  - every identifier is defined once, before it is used;
  - people and software systems have unique names, containers unique names
    within their system (Model.checkNameIsUnique);
  - every relation joins two defined elements, is not between a container
    and its own system ("Relationships cannot be added between parents and
    children"), has a description, and no two have the same description
    between the same two elements;
  - views name a software system, have unique keys, a title; styles use
    known shapes and borders;
  - no ${NAME} survives in a string (Structurizr would substitute it from
    the environment of whoever renders the file).

Prints "ok FILE (N elements, M relations, K views)" or every problem found
as "FILE:LINE: message"; exits 1 when any file has a problem.
"""
import re
import sys

SHAPES = {s.lower() for s in (
    "Box RoundedBox Circle Ellipse Hexagon Diamond Cylinder Bucket Pipe Person Robot "
    "Folder WebBrowser Window Terminal Shell MobileDevicePortrait MobileDeviceLandscape "
    "Component").split()}
BORDERS = {"solid", "dashed", "dotted"}
IDENT = re.compile(r"^[A-Za-z0-9_-]+$")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def tokenize(line):
    """Structurizr's Tokenizer: whitespace-separated tokens, "quoted" ones
    may hold spaces and \\" (which Tokens.get() turns into a quote, as it
    turns \\n into a line break). Returns (tokens, balanced, stray): stray
    is an unquoted token with a quote in it, which Structurizr reads
    without complaint but not as the writer meant (`"a "b" c"` is the two
    tokens `a ` and `b"`)."""
    tokens, tok, started, quoted, stray = [], [], False, False, []
    line = line.strip()
    for i, c in enumerate(line):
        if not started:
            if c == '"':
                quoted, started, tok = True, True, []
            elif not c.isspace():
                quoted, started, tok = False, True, [c]
        else:
            if c == '"' and line[i - 1] == "\\":
                tok.append(c)
            elif quoted and c == '"':
                tokens.append("".join(tok))
                started = quoted = False
            elif not quoted and c.isspace():
                tokens.append("".join(tok))
                if '"' in tok:
                    stray.append("".join(tok))
                started = quoted = False
            else:
                tok.append(c)
    if started:
        tokens.append("".join(tok))
        if not quoted and '"' in tok:
            stray.append("".join(tok))
    unescaped = [t.replace('\\"', '"').replace("\\n", "\n") for t in tokens]
    return unescaped, not quoted, stray


def check(path):
    problems = []

    def bad(n, msg):
        problems.append(f"{path}:{n}: {msg}")

    with open(path, encoding="utf-8") as f:
        raw = f.read().split("\n")

    # join continuation lines, drop comments
    lines, buf, start, in_comment = [], "", 0, False
    for n, text in enumerate(raw, 1):
        s = text.strip()
        if in_comment:
            if s.endswith("*/"):
                in_comment = False
            continue
        if s.startswith("/*"):
            in_comment = not s.endswith("*/")
            continue
        if not buf and (not s or re.match(r"^(//|#)", s)):
            continue
        if not buf:
            start = n
        if s.endswith("\\"):
            buf += s[:-1]
            continue
        lines.append((start, buf + s))
        buf = ""

    stack = []  # (context, data)
    elements = {}  # identifier -> (kind, name, parent)
    top_names, container_names = set(), {}
    relations = set()
    view_keys = set()
    nviews = 0

    for n, text in lines:
        tokens, balanced, stray = tokenize(text)
        if not balanced:
            bad(n, "unterminated string")
            continue
        for t in stray:
            bad(n, f"stray quote in '{t}'")
        for t in tokens:
            if "${" in t:
                bad(n, f"'{t}' would be substituted from the environment")
        ctx = stack[-1][0] if stack else None
        if tokens == ["}"]:
            if not stack:
                bad(n, "'}' closes nothing")
            else:
                closing = stack.pop()
                if closing[0] == "view" and not closing[1].get("title"):
                    bad(n, "view without a title")
            continue
        if "}" in tokens:
            bad(n, "'}' must be on a line of its own")
        opens = tokens[-1] == "{"
        body = tokens[:-1] if opens else tokens
        if "{" in body:
            bad(n, "'{' must be the last token of its line")
        if not body:
            bad(n, "'{' alone on a line")
            continue
        kw = body[0].lower()

        if ctx is None:
            if kw != "workspace" or not opens:
                bad(n, "a workspace must come first")
            stack.append(("workspace", {}))
            continue
        if ctx == "workspace":
            if kw in ("model", "views") and len(body) == 1 and opens:
                stack.append((kw, {}))
            else:
                bad(n, f"unexpected '{body[0]}' in the workspace")
                if opens:
                    stack.append(("?", {}))
            continue
        if ctx in ("model", "softwareSystem"):
            if len(body) >= 2 and body[1] == "->":
                if opens:
                    bad(n, "a relation takes no block here")
                    stack.append(("?", {}))
                if len(body) < 3:
                    bad(n, "relation without a destination")
                    continue
                src, dst, rest = body[0], body[2], body[3:]
                for ident in (src, dst):
                    if ident.lower() not in elements:
                        bad(n, f"'{ident}' is not defined (before this line)")
                if src.lower() not in elements or dst.lower() not in elements:
                    continue
                if not rest or not rest[0].strip():
                    bad(n, f"relation {src} -> {dst} has no description")
                desc = rest[0] if rest else ""
                if (src.lower(), dst.lower(), desc) in relations:
                    bad(n, f'a relation "{desc}" between {src} and {dst} already exists')
                relations.add((src.lower(), dst.lower(), desc))
                ps, pd = elements[src.lower()][2], elements[dst.lower()][2]
                if ps == dst.lower() or pd == src.lower():
                    bad(n, f"relation between {src} and {dst}: parent and child")
                continue
            if len(body) >= 3 and body[1] == "=":
                ident, kind, args = body[0], body[2], body[3:]
                if not IDENT.match(ident):
                    bad(n, f"'{ident}' is not a valid identifier")
                if ident.lower() in elements:
                    bad(n, f"identifier '{ident}' is defined twice")
                allowed = ("person", "softwareSystem") if ctx == "model" else ("container",)
                if kind not in allowed:
                    bad(n, f"'{kind}' cannot be defined here")
                if not args or not args[0].strip():
                    bad(n, f"'{ident}' has no name")
                name = args[0] if args else ""
                parent = None
                if ctx == "model":
                    if name in top_names:
                        bad(n, f'a person or software system named "{name}" already exists')
                    top_names.add(name)
                else:
                    parent = stack[-1][1]["id"]
                    names = container_names.setdefault(parent, set())
                    if name in names:
                        bad(n, f'a container named "{name}" already exists')
                    names.add(name)
                max_args = 4 if kind == "container" else 3
                if len(args) > max_args:
                    bad(n, f"too many properties for {kind}")
                elements[ident.lower()] = (kind, name, parent)
                if opens:
                    if kind == "softwareSystem":
                        stack.append(("softwareSystem", {"id": ident.lower()}))
                    else:
                        bad(n, f"unexpected block for {kind}")
                        stack.append(("?", {}))
                continue
            bad(n, f"cannot read '{text.strip()}'")
            if opens:
                stack.append(("?", {}))
            continue
        if ctx == "views":
            if kw in ("systemcontext", "container") and opens:
                nviews += 1
                if len(body) < 2 or body[1].lower() not in elements:
                    bad(n, "a view must name a defined software system")
                elif elements[body[1].lower()][0] != "softwareSystem":
                    bad(n, f"'{body[1]}' is not a software system")
                key = body[2] if len(body) > 2 else None
                if key in view_keys:
                    bad(n, f"view key '{key}' is used twice")
                view_keys.add(key)
                stack.append(("view", {}))
            elif kw == "styles" and opens:
                stack.append(("styles", {}))
            else:
                bad(n, f"unexpected '{body[0]}' in views")
                if opens:
                    stack.append(("?", {}))
            continue
        if ctx == "view":
            if kw == "include":
                pass
            elif kw == "autolayout":
                if len(body) > 1 and body[1].lower() not in ("tb", "bt", "lr", "rl"):
                    bad(n, f"unknown autoLayout direction '{body[1]}'")
            elif kw == "title" and len(body) == 2:
                stack[-1][1]["title"] = body[1]
            else:
                bad(n, f"unexpected '{body[0]}' in a view")
            if opens:
                bad(n, "unexpected block in a view")
                stack.append(("?", {}))
            continue
        if ctx == "styles":
            if kw == "element" and len(body) == 2 and opens:
                stack.append(("style", {}))
            else:
                bad(n, f"unexpected '{body[0]}' in styles")
                if opens:
                    stack.append(("?", {}))
            continue
        if ctx == "style":
            if opens or len(body) != 2:
                bad(n, f"a style property takes one value: '{text.strip()}'")
            elif kw in ("background", "color", "colour", "stroke"):
                if not COLOUR.match(body[1]):
                    bad(n, f"'{body[1]}' is not a #rrggbb colour")
            elif kw == "shape":
                if body[1].lower() not in SHAPES:
                    bad(n, f"unknown shape '{body[1]}'")
            elif kw == "border":
                if body[1].lower() not in BORDERS:
                    bad(n, f"unknown border '{body[1]}'")
            else:
                bad(n, f"unknown style property '{body[0]}'")
            if opens:
                stack.append(("?", {}))
            continue
        if opens:
            stack.append(("?", {}))

    if stack:
        bad(len(raw), f"{len(stack)} block(s) not closed")
    if nviews == 0:
        bad(len(raw), "no views")
    if problems:
        for p in problems:
            print(p)
        return False
    print(f"ok {path} ({len(elements)} elements, {len(relations)} relations, {nviews} views)")
    return True


def main():
    ok = True
    for path in sys.argv[1:]:
        ok = check(path) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
