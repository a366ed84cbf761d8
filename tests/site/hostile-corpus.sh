#!/bin/bash
# hostile-corpus.sh ARCH: add the hostile records, radar entry and system
# name of the site's tests to the arch folder ARCH (made by `archgate init
# --example`): script tags, event handlers, javascript: and data: links,
# entities, SVG with script, quotes and broken UTF-8, in every place the
# site writes text from (titles, metadata, tags, bodies, code, radar names,
# descriptions and links, the system's name). Written for these tests.
set -eu
arch=$1
cat >"$arch/decisions/0100-hostile.md" <<'MD'
# ADR-0100: <script>alert("title")</script> "quoted" & 'single' <img src=x onerror=alert(1)>

**Status:** Accepted
**Date:** 2026-01-01
**Deciders:** <img src=x onerror=alert(2)>, "Mallory"
**Tags:** <b>x</b>, "><script>alert(3)</script>

## Context

<script>alert(4)</script>
<svg onload=alert(5)><script>alert(6)</script></svg>
<a href="javascript:alert(7)">raw link</a>
[click](javascript:alert(8)) [data](data:text/html,<script>alert(9)</script>)
[entity](&#106;avascript:alert(10)) [tab](java	script:alert(11)) [upper](JAVASCRIPT:alert(12))
![picture](javascript:alert(13)) ![svg](data:image/svg+xml,<svg/onload=alert(14)>)
[ok](https://example.org/a"b 'quote"title') <javascript:alert(15)>
[next](0101-other.md) and a [[wiki]] link

```html" onmouseover="alert(16)
<script>alert(17)</script>
```

## Decision

We will `<script>` nothing.
MD
printf '# ADR-0101: Broken \xff\xfe UTF-8 \xc3 here\n\n**Status:** Proposed\n**Date:** 2026-01-02\n\n## Context\n\nbytes \xed\xa0\x80 and \xf4\x90\x80\x80 end\n' \
	>"$arch/decisions/0101-other.md"
cat >>"$arch/radar.yaml" <<'YAML'
  - name: <script>alert(18)</script>
    quadrant: tools
    ring: assess
    description: '"><img src=x onerror=alert(19)>'
    links: ['javascript:alert(20)', 'https://example.org/?a=1&b="2"']
YAML
sed -i 's|^  name: Checkout$|  name: "Checkout <script>alert(21)</script>"|' "$arch/system.yaml"
