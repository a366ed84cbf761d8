#!/bin/bash
# t0560-radar-k8s: radar scan reads Kubernetes (ADR 0040): any YAML
# document with apiVersion and kind (its images under any registry path,
# its API group: Istio, Argo CD, Argo Rollouts, cert-manager, Knative,
# Gateway API), several documents a file, Helm templates' {{ }} skipped,
# kustomize images: overrides and helmCharts:, Helm values.yaml images,
# Skaffold; a YAML without apiVersion and kind names nothing.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

R=$T/repo
mkdir -p "$R/deploy/base" "$R/deploy/mesh" "$R/chart/templates" "$R/docs"
cat >"$R/deploy/base/cache.yaml" <<'EOF2'
# a cache and a queue, two documents
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cache
spec:
  template:
    spec:
      containers:
        - name: cache
          image: europe-docker.pkg.dev/acme-prod/mirror/library/redis:7.2@sha256:0123
      initContainers:
      - {name: wait, image: busybox:1.36}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: queue}
spec:
  template:
    spec:
      containers:
        - name: q
          image: "quay.io/acme/rabbitmq:3-management"
EOF2
cat >"$R/deploy/mesh/routes.yml" <<'EOF2'
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata: {name: shop}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
spec:
  source:
    chart: cert-manager
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
---
apiVersion: cert-manager.io/v1
kind: Certificate
---
apiVersion: serving.knative.dev/v1
kind: Service
spec:
  template:
    spec:
      containers:
        - image: ghcr.io/valkey-io/valkey:8
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
EOF2
cat >"$R/deploy/kustomization.yaml" <<'EOF2'
resources:
  - base/cache.yaml
images:
  - name: postgres
    newName: registry.acme.test/db/postgres
    newTag: "16"
  - name: nginx
    newTag: 1.27
helmCharts:
  - name: keda
    repo: https://charts.example.test
EOF2
cat >"$R/chart/Chart.yaml" <<'EOF2'
apiVersion: v2
name: shop
EOF2
cat >"$R/chart/values.yaml" <<'EOF2'
web:
  image:
    registry: docker.io
    repository: bitnami/mongodb
    tag: 7.0
search:
  image: opensearchproject/opensearch:2
proxy:
  image:
    repository: "{{ .Values.global.repo }}/envoy"
EOF2
cat >"$R/chart/templates/deploy.yaml" <<'EOF2'
apiVersion: {{ .Values.apiVersion }}
kind: Deployment
spec:
  template:
    spec:
      containers:
        - image: "{{ .Values.web.image.repository }}:{{ .Values.web.image.tag }}"
EOF2
cat >"$R/skaffold.yaml" <<'EOF2'
apiVersion: skaffold/v4beta6
kind: Config
build:
  artifacts:
    - image: shop-web
EOF2
cat >"$R/docs/notes.yaml" <<'EOF2'
image: memcached
kind: notes
EOF2

run_in "$R" "$ARCHGATE" radar scan --format json
expect_rc 0 "scan the manifests"
check "every pattern found, at its line, with its kind" python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
by = {t["name"]: t for t in d["technologies"]}
def ev(name):
    assert name in by, (name, sorted(by))
    return [(e["file"], e["line"], e["kind"]) for e in by[name]["evidence"]]
assert ("deploy/base/cache.yaml", 11, "image") in ev("Redis"), ev("Redis")
assert ("deploy/base/cache.yaml", 13, "image") in ev("BusyBox"), ev("BusyBox")
assert ("deploy/base/cache.yaml", 23, "image") in ev("RabbitMQ")
assert ("deploy/base/cache.yaml", 2, "infra") in ev("Kubernetes")
assert ("deploy/mesh/routes.yml", 1, "infra") in ev("Istio")
assert ("deploy/mesh/routes.yml", 5, "infra") in ev("Argo CD"), ev("Argo CD")
assert ("deploy/mesh/routes.yml", 9, "infra") in ev("cert-manager")   # the Application's chart
assert ("deploy/mesh/routes.yml", 11, "infra") in ev("Argo Rollouts")
assert ("deploy/mesh/routes.yml", 14, "infra") in ev("cert-manager")
assert ("deploy/mesh/routes.yml", 17, "infra") in ev("Knative")
assert ("deploy/mesh/routes.yml", 23, "image") in ev("Valkey")
assert ("deploy/mesh/routes.yml", 25, "infra") in ev("Kubernetes Gateway API")
assert ("deploy/kustomization.yaml", 5, "image") in ev("PostgreSQL")   # newName wins
assert ("deploy/kustomization.yaml", 7, "image") in ev("Nginx")        # name alone
assert ("deploy/kustomization.yaml", 10, "infra") in ev("KEDA")        # helmCharts
assert "Kustomize" in by and "Skaffold" in by and "Helm" in by
assert ("chart/values.yaml", 4, "image") in ev("MongoDB")              # image.repository
assert ("chart/values.yaml", 7, "image") in ev("OpenSearch")
assert "Envoy" not in by, "a templated value is never guessed"
assert "Memcached" not in by, "a YAML without apiVersion and kind names nothing"
for t in d["technologies"]:
    for e in t["evidence"]:
        assert e["line"] >= 1 and e["file"], e
PY

run_in "$R" "$ARCHGATE" radar scan
expect_rc 0 "text report"
expect_line "$OUT" "    deploy/mesh/routes.yml:1: networking.istio.io/v1beta1 (infra)" "the API group is the evidence"
expect_line "$OUT" "    deploy/base/cache.yaml:11: europe-docker.pkg.dev/acme-prod/mirror/library/redis:7.2@sha256:0123 (image)" "an image under a deep registry path"
finish
