#!/bin/bash
# t0563-radar-corpus-mirrors: bench/radar-corpus.sh --mirrors reads bare git
# mirrors laid out as OWNER+NAME/repo (the layout a mirror store keeps),
# exports each HEAD to a temporary checkout NAME, measures it against
# NAME.truth, and sums core and direct recall over the corpus.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

W=$T/work
mkdir -p "$W/k8s" "$T/mirrors/acme+shop" "$T/truth"
cat >"$W/k8s/db.yaml" <<'EOF2'
apiVersion: apps/v1
kind: StatefulSet
spec:
  template:
    spec:
      containers:
        - image: ghcr.io/acme/mirror/postgres:16
EOF2
printf '{"dependencies": {"express": "^4"}}\n' >"$W/package.json"
git -C "$W" init -q
git -C "$W" add -A
git -C "$W" -c user.name=T -c user.email=t@example.test commit -qm one
git clone -q --bare "$W" "$T/mirrors/acme+shop/repo"
cat >"$T/truth/shop.truth" <<'TRUTH'
PostgreSQL | image | core
Kubernetes | infra | core
Express    | direct
Redis      | direct | core
TRUTH

run env PATH=/usr/bin:/bin ARCHGATE="$ARCHGATE" bash "$AG_SRC/bench/radar-corpus.sh" --mirrors "$T/mirrors" "$T/truth" --json
expect_rc 0 "the corpus script reads mirrors"
check "the mirror's HEAD was scanned, recall summed" python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
(shop,) = d["repos"]
assert shop["repo"] == "shop" and shop["truth"] == 4, shop
assert shop["missed"] == ["Redis"], shop
assert d["summary"]["recall_core"] == round(2 / 3, 4), d["summary"]
assert d["summary"]["recall_direct"] == 0.5, d["summary"]
PY
finish
