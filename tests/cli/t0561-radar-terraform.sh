#!/bin/bash
# t0561-radar-terraform: radar scan reads Terraform (ADR 0041): module
# sources (registry addresses with //subdirs and versions, GitHub and
# git:: addresses, local paths naming nothing), helm_release charts, and
# resource types mapped to cloud services across AWS, Google Cloud and
# Azure; a CI folder's Terraform is ci, not infra.
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

R=$T/repo
mkdir -p "$R/infra/aws" "$R/infra/gcp" "$R/infra/azure" "$R/.github/terraform"
cat >"$R/infra/aws/main.tf" <<'EOF2'
module "cluster" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.0"
  name    = "shop"
}

module "network" {
  source = "git::https://github.com/terraform-aws-modules/terraform-aws-vpc.git?ref=v5.0.0"
}

module "local" {
  source = "./modules/queue"
}

resource "helm_release" "autoscaler" {
  name       = "karpenter"
  repository = "oci://public.ecr.aws/karpenter"
  chart      = "karpenter"
  set {
    name = "x"
  }
}

resource "aws_elasticache_replication_group" "cart" {
  engine = "valkey"
}
resource "aws_kms_key" "k" {}
EOF2
cat >"$R/infra/gcp/main.tf" <<'EOF2'
resource "google_redis_instance" "cart" {
  memory_size_gb = 1
}
resource "google_spanner_instance" "orders" {}
module "sub" {
  source = "terraform-google-modules/kubernetes-engine/google//modules/private-cluster"
}
EOF2
cat >"$R/infra/azure/main.tf" <<'EOF2'
resource "azurerm_cosmosdb_account" "docs" {}
resource "azurerm_servicebus_namespace" "bus" {}
module "other" {
  source = "acme/widget/azurerm"
}
EOF2
cat >"$R/.github/terraform/state.tf" <<'EOF2'
resource "google_storage_bucket" "ci_cache" {}
EOF2

run_in "$R" "$ARCHGATE" radar scan --format json
expect_rc 0 "scan the Terraform"
check "modules, charts and resources name their services" python3 - "$OUT" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
by = {t["name"]: t for t in d["technologies"]}
def ev(name):
    assert name in by, (name, sorted(by))
    return [(e["file"], e["line"], e["kind"]) for e in by[name]["evidence"]]
assert ("infra/aws/main.tf", 2, "infra") in ev("Amazon EKS")
assert ("infra/aws/main.tf", 8, "infra") in ev("Amazon VPC"), ev("Amazon VPC")   # GitHub address
assert ("infra/aws/main.tf", 18, "infra") in ev("Karpenter")      # helm_release chart
assert ("infra/aws/main.tf", 24, "infra") in ev("Amazon ElastiCache")
assert ("infra/aws/main.tf", 27, "infra") in ev("AWS KMS")
assert ("infra/gcp/main.tf", 1, "infra") in ev("Memorystore")
assert ("infra/gcp/main.tf", 4, "infra") in ev("Cloud Spanner")
assert ("infra/gcp/main.tf", 6, "infra") in ev("Google Kubernetes Engine")  # //subdir
assert ("infra/azure/main.tf", 1, "infra") in ev("Azure Cosmos DB")
assert ("infra/azure/main.tf", 2, "infra") in ev("Azure Service Bus")
assert ("infra/azure/main.tf", 4, "infra") in ev("Microsoft Azure")  # unknown module: its provider
assert by["Google Cloud Storage"]["kinds"] == ["ci"], by["Google Cloud Storage"]
assert not by["Google Cloud Storage"]["in_use"]
PY
finish
