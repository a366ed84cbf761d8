#!/bin/bash
# t0707-slo-sla-rules: "Define SLOs Before SLAs": sla-looser-than-slo (an
# SLA at or above its SLO, an SLA without an SLO) and
# slo-within-dependencies (an SLO above the product of what its container
# calls: other containers' SLOs, external systems' SLAs).
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

cp -R "$FIXTURES/clean/arch" arch
Y=arch/system.yaml
run "$ARCHGATE" check --dir arch
expect_rc 0 "the clean model passes"
expect_not_contains "$OUT" "sla-looser-than-slo" "no SLA, no finding"

# an SLA looser than the 99.9% SLO: fine
sed -i 's/tracing: w3c}/tracing: w3c, sla: 99.5}/' $Y
run "$ARCHGATE" check --dir arch
expect_rc 0 "an SLA of 99.5 under an SLO of 99.9"
expect_not_contains "$OUT" "sla-looser-than-slo" "passes"

# an SLA as strict as the SLO
sed -i 's/sla: 99.5}/sla: 99.9}/' $Y
run "$ARCHGATE" check --dir arch
expect_rc 1 "an SLA of 99.9 over an SLO of 99.9"
expect_contains "$OUT" "arch/system.yaml:23:145: error: 'web' promises 99.9% in its SLA but its SLO 'web-availability' (arch/slo/web.yaml:1) aims at 99.9%: the SLO must be stricter [sla-looser-than-slo]" "at the sla, naming the SLO"

# an SLA without an SLO
rm arch/slo/web.yaml
run "$ARCHGATE" check --dir arch
expect_rc 1 "an SLA and no SLO"
expect_contains "$OUT" "'web' promises 99.9% in its SLA but has no SLO with a target: define the SLO first [sla-looser-than-slo]" "says define the SLO first"
cp "$FIXTURES/clean/arch/slo/web.yaml" arch/slo/
sed -i 's/, sla: 99.9}/}/' $Y

# dependencies: Stripe promises 99.99, the database's SLO is 99.95;
# together 99.94%: a 99.9% SLO fits, a 99.95% one does not
sed -i 's/kind: payment-gateway}/kind: payment-gateway, sla: 99.99}/' $Y
printf 'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: db-availability\nspec:\n  service: db\n  timeWindow: [{duration: 30d, isRolling: true}]\n  budgetingMethod: Occurrences\n  objectives: [{target: 0.9995}]\n' > arch/slo/db.yaml
run "$ARCHGATE" check --dir arch
expect_not_contains "$OUT" "slo-within-dependencies" "99.9% on 99.95% and 99.99% dependencies fits"
sed -i 's/target: 0.999}/target: 0.9995}/' arch/slo/web.yaml
run "$ARCHGATE" check --dir arch
expect_contains "$OUT" "arch/slo/web.yaml:1:1: warning: SLO 'web-availability' of 'web' aims at 99.95%, but what it calls is available 99.94% of the time together (db 99.95%, stripe 99.99%): it cannot be met without retries, fallbacks or a cache [slo-within-dependencies]" "99.95% on the same dependencies cannot be met"

run "$ARCHGATE" rules
expect_contains "$OUT" "sla-looser-than-slo" "the rule is listed"
expect_contains "$OUT" "slo-within-dependencies" "and so is the other"
run "$ARCHGATE" explain sla-looser-than-slo
expect_rc 0 "explain the rule"
expect_contains "$OUT" "Define SLOs Before SLAs" "quotes the seed"
finish
