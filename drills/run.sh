#!/usr/bin/env bash
# Incident drills at the default rules: both samples, a real Prometheus loading the rules they
# generate, a real Alertmanager with the configuration they generate and a local receiver.
# Steady traffic runs through the gateway while each fault is injected in turn, then
# recovered from; the results are written to drills/target/report.json.
#
#   drills/run.sh                 every fault, each waited for until its page is resolved
#   drills/run.sh llm-down        one fault (a comma-separated list for several)
#   RESOLVE=false drills/run.sh   time to page only, as CI runs llm-down
#   WARMUP=1800 drills/run.sh     seconds of healthy traffic first (default 1200): with a
#                                 fresh Prometheus, the one-hour burn windows hold only this
#
# Extra Maven arguments go in MVN_ARGS (such as MVN_ARGS=-o). Needs prometheus and
# alertmanager (Debian: prometheus, prometheus-alertmanager) on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

faults="${1:-all}"
resolve="${RESOLVE:-true}"
warmup="${WARMUP:-1200}"

# The orchestrator runs from its jar: package it in the same build
# shellcheck disable=SC2086
./mvnw -B ${MVN_ARGS:-} verify -pl sample-orchestrator,sample-gateway -am \
	-Dtest=IncidentDrillTests -Dsurefire.failIfNoSpecifiedTests=false \
	-Ddrills.faults="$faults" -Ddrills.resolve="$resolve" \
	-Ddrills.warmup-seconds="$warmup"

echo "Report: drills/target/report.json"
cat drills/target/report.json
