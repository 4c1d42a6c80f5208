#!/usr/bin/env bash
# Runs the two sample services with Phoenix Observability live, and, when they are
# installed, a Prometheus loaded with the services' generated rules and an Alertmanager
# with their generated configuration, delivering to a local receiver that prints what it
# gets. Sends traffic (pipeline runs, an interrupt, failures, LLM tokens, database work)
# and prints where to look. Everything listens on 127.0.0.1; Ctrl-C stops it all.
# Build first: ./mvnw -B package -DskipTests
set -euo pipefail
export LC_ALL=C
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/target/demo"
mkdir -p "$work"

jar() { ls "$root/$1"/target/"$1"-*.jar 2>/dev/null | grep -v -e original -e sources -e tests | head -n 1; }
orchestrator_jar="$(jar sample-orchestrator)"
gateway_jar="$(jar sample-gateway)"
if [[ -z "$orchestrator_jar" || -z "$gateway_jar" ]]; then
	echo "Build the samples first: ./mvnw -B package -DskipTests" >&2
	exit 1
fi

prometheus_bin="$(command -v prometheus || true)"
alertmanager_bin="$(command -v prometheus-alertmanager || command -v alertmanager || true)"

pids=()
cleanup() {
	trap - EXIT INT TERM
	if ((${#pids[@]})); then
		kill "${pids[@]}" 2>/dev/null || true
		wait "${pids[@]}" 2>/dev/null || true
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Throwaway secrets, read by Alertmanager from files as in production: the "Slack" URL
# and the "PagerDuty" endpoint are the local receiver
receiver=http://127.0.0.1:5001
mkdir -p "$work/secrets"
printf '%s' "$receiver/slack" >"$work/secrets/slack-api-url"
printf '%s' "demo-routing-key" >"$work/secrets/pagerduty-routing-key"
alerting=(--phoenix.slo.alertmanager.slack-api-url-file="$work/secrets/slack-api-url"
	--phoenix.slo.alertmanager.pagerduty-routing-key-file="$work/secrets/pagerduty-routing-key"
	--phoenix.slo.alertmanager.pagerduty-url="$receiver/pagerduty"
	--phoenix.slo.alertmanager.webhook-url="$receiver/webhook"
	# Notifications within seconds, for the demo; production keeps the defaults
	--phoenix.slo.alertmanager.group-wait=5s --phoenix.slo.alertmanager.group-interval=10s
	# The demo runs the served Alertmanager configuration: its receiver URLs unredacted,
	# which only loopback callers see here
	--phoenix.slo.endpoint.show-values=always)

# Loopback only: HTTP and the orchestrator's gRPC server (9091)
loopback=(--server.address=127.0.0.1 --spring.grpc.server.address=127.0.0.1)
java -jar "$orchestrator_jar" --server.port=8081 "${loopback[@]}" "${alerting[@]}" >"$work/orchestrator.log" 2>&1 &
pids+=($!)
java -jar "$gateway_jar" --server.port=8080 "${loopback[@]}" --gateway.orchestrator-host=127.0.0.1 "${alerting[@]}" \
	>"$work/gateway.log" 2>&1 &
pids+=($!)

echo "Starting the orchestrator (:8081) and the gateway (:8080)..."
for port in 8081 8080; do
	for _ in $(seq 1 240); do
		curl -fs "http://127.0.0.1:$port/health/readiness" >/dev/null 2>&1 && break
		sleep 0.5
	done
done

# The generated files, as the services serve them: the same as target/prometheus of each
for service in orchestrator:8081 gateway:8080; do
	name="${service%%:*}"
	curl -fs "http://127.0.0.1:${service##*:}/actuator/slo/rules" >"$work/$name-rules.yml"
	curl -fs "http://127.0.0.1:${service##*:}/actuator/slo/dashboard" >"$work/$name-dashboard.json"
done
# Both services render the same routes from the same properties: one configuration serves both
curl -fs http://127.0.0.1:8081/actuator/slo/alertmanager >"$work/alertmanager.yml"

java "$root/sample-gateway/demo/Receiver.java" 5001 "$work/receiver.log" &
pids+=($!)

if [[ -n "$alertmanager_bin" ]]; then
	"$alertmanager_bin" --config.file="$work/alertmanager.yml" --storage.path="$work/alertmanager-data" \
		--web.listen-address=127.0.0.1:9093 --web.external-url=http://127.0.0.1:9093 --cluster.listen-address= \
		>"$work/alertmanager.log" 2>&1 &
	pids+=($!)
else
	echo "Alertmanager is not installed (prometheus-alertmanager or alertmanager on the PATH): skipping it."
fi

if [[ -n "$prometheus_bin" ]]; then
	{
		cat <<'YAML'
global:
  scrape_interval: 5s
  evaluation_interval: 5s
rule_files:
YAML
		echo "  - $work/orchestrator-rules.yml"
		echo "  - $work/gateway-rules.yml"
		if [[ -n "$alertmanager_bin" ]]; then
			printf 'alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [%s]\n' "'127.0.0.1:9093'"
		fi
		cat <<'YAML'
scrape_configs:
  - job_name: phoenix-samples
    metrics_path: /health/metrics
    static_configs:
      - targets: ['127.0.0.1:8080', '127.0.0.1:8081']
YAML
	} >"$work/prometheus.yml"
	"$prometheus_bin" --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prometheus-data" \
		--web.listen-address=127.0.0.1:9090 --web.external-url=http://127.0.0.1:9090 >"$work/prometheus.log" 2>&1 &
	pids+=($!)
else
	echo "Prometheus is not installed (prometheus on the PATH): skipping it and the graph links."
fi

run() { curl -s -o /dev/null -w "%{http_code}" -X POST "http://127.0.0.1:8080/api/pipelines/$1/runs" \
	-H 'Content-Type: application/json' -H "X-Correlation-ID: $2" -d "$3"; }
grpc() { curl -s -o /dev/null -w "%{http_code}" -X POST "http://127.0.0.1:8080/api/grpc/pipelines/$1/runs" \
	-H "X-Correlation-ID: $2"; }
echo "Traffic: summarize=$(run summarize demo-1 '{"text":"a report"}')" \
	"triage=$(run triage demo-2 '{"text":"a report"}')" \
	"triage-interrupted=$(run triage demo-3 '{}')" \
	"broken=$(run broken demo-4 '{}')" \
	"unknown=$(run unknown demo-5 '{}')" \
	"triage-over-grpc=$(grpc triage demo-6)"

# Keeps the graphs moving until Ctrl-C: successful runs (LLM calls, tokens, statements on
# the pool), a triage without text (a clarification interrupt) and a failing pipeline,
# whose errors burn the pipeline-success budget fast enough to page
traffic() {
	while true; do
		for _ in 1 2 3; do
			run summarize "" '{"text":"a report"}' >/dev/null
			run triage "" '{"text":"a report"}' >/dev/null
		done
		run triage "" '{}' >/dev/null
		run broken "" '{}' >/dev/null
		sleep 1
	done
}
traffic &
pids+=($!)

urlencode() {
	local string="$1" out="" char i
	for ((i = 0; i < ${#string}; i++)); do
		char="${string:i:1}"
		case "$char" in
		[a-zA-Z0-9.~_-]) out+="$char" ;;
		*) printf -v char '%%%02X' "'$char" && out+="$char" ;;
		esac
	done
	printf '%s' "$out"
}

cat <<TXT

Phoenix Observability is live. Where to look:
  Health      curl http://127.0.0.1:8080/health/readiness   (also /health/liveness, /health/dependencies)
  Metrics     curl http://127.0.0.1:8080/health/metrics     (Prometheus text; the orchestrator is on :8081)
  A request   curl -i -X POST http://127.0.0.1:8080/api/pipelines/summarize/runs -H 'Content-Type: application/json' -H 'X-Correlation-ID: my-id' -d '{}'
              (response headers X-Correlation-ID, X-Request-ID and traceresponse name the request in logs and traces)
  JSON logs   $work/gateway.log and $work/orchestrator.log: grep demo-1 (HTTP) or demo-6 (gRPC) in both to follow one request
  SLOs        curl http://127.0.0.1:8081/actuator/slo   (rules: /actuator/slo/rules, alertmanager: /actuator/slo/alertmanager)
  Dashboards  $work/orchestrator-dashboard.json and gateway-dashboard.json, generated for each service
              (/actuator/slo/dashboard), and docs/dashboards/*.json: import them into Grafana
  Receiver    $receiver prints every notification here and in $work/receiver.log
TXT
if [[ -n "$alertmanager_bin" ]]; then
	echo "  Alertmanager http://127.0.0.1:9093  (configuration: $work/alertmanager.yml)"
fi
if [[ -n "$prometheus_bin" ]]; then
	echo "  Prometheus  http://127.0.0.1:9090  (rules: http://127.0.0.1:9090/rules, alerts: http://127.0.0.1:9090/alerts)"
	orchestrator='service="sample-orchestrator"'
	panels=(
		"Pipeline success ratio|(sum by (pipeline) (rate(pipeline_executions_total{$orchestrator,status=\"success\"}[1m]))
or 0 * sum by (pipeline) (rate(pipeline_executions_total{$orchestrator}[1m])))
/ sum by (pipeline) (rate(pipeline_executions_total{$orchestrator}[1m]))"
		"p99 latency|histogram_quantile(0.99, sum by (service, le) (rate(http_server_requests_seconds_bucket[1m])))"
		"Tokens by model|sum by (gen_ai_request_model, gen_ai_token_type) (rate(gen_ai_client_token_usage_total{$orchestrator}[1m]))"
		"DB pool utilisation|max by (pool) (hikaricp_connections_active{$orchestrator} / hikaricp_connections_max{$orchestrator})"
		"Error ratio|sum by (service) (rate(http_server_requests_seconds_count{outcome=\"SERVER_ERROR\"}[1m]))
/ sum by (service) (rate(http_server_requests_seconds_count[1m]))"
		"Alerts|ALERTS"
	)
	echo "  Graphs of the key panels (data after two scrapes, about 15 seconds):"
	for panel in "${panels[@]}"; do
		printf '    %-24s http://127.0.0.1:9090/graph?g0.expr=%s&g0.tab=0&g0.range_input=15m\n' \
			"${panel%%|*}" "$(urlencode "${panel#*|}")"
	done
fi
cat <<TXT
  Traces      start an OpenTelemetry collector on :4318 and restart with
              MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT=http://127.0.0.1:4318/v1/traces

The failing pipeline burns the pipeline-success budget: within a minute Prometheus fires
SloBurnRatePage1h and Alertmanager delivers it to the receiver, which prints it below.
Press Ctrl-C to stop.
TXT
wait
