#!/usr/bin/env bash
# Runs the two sample services with Phoenix Observability live, sends them some traffic,
# and prints where to look. Build first: ./mvnw -B install -DskipTests
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/target/demo"
mkdir -p "$work"

jar() { ls "$root/$1"/target/"$1"-*.jar 2>/dev/null | grep -v original | head -n 1; }
orchestrator_jar="$(jar sample-orchestrator)"
gateway_jar="$(jar sample-gateway)"
if [[ -z "$orchestrator_jar" || -z "$gateway_jar" ]]; then
	echo "Build the samples first: ./mvnw -B install -DskipTests" >&2
	exit 1
fi

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; }
trap cleanup EXIT INT TERM

java -jar "$orchestrator_jar" --server.port=8081 >"$work/orchestrator.log" 2>&1 &
pids+=($!)
java -jar "$gateway_jar" --server.port=8080 --gateway.orchestrator-url=http://127.0.0.1:8081 >"$work/gateway.log" 2>&1 &
pids+=($!)

if command -v prometheus >/dev/null; then
	cat >"$work/prometheus.yml" <<'YAML'
global:
  scrape_interval: 5s
scrape_configs:
  - job_name: phoenix-samples
    metrics_path: /health/metrics
    static_configs:
      - targets: ['127.0.0.1:8080', '127.0.0.1:8081']
YAML
	prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prometheus-data" \
		--web.listen-address=127.0.0.1:9090 >"$work/prometheus.log" 2>&1 &
	pids+=($!)
fi

echo "Starting the orchestrator (:8081) and the gateway (:8080)..."
for port in 8081 8080; do
	for _ in $(seq 1 120); do
		curl -fs "http://127.0.0.1:$port/health/readiness" >/dev/null 2>&1 && break
		sleep 0.5
	done
done

run() { curl -s -o /dev/null -w "%{http_code}" -X POST "http://127.0.0.1:8080/api/pipelines/$1/runs" \
	-H 'Content-Type: application/json' -H "X-Correlation-ID: $2" -d '{}'; }
grpc() { curl -s -o /dev/null -w "%{http_code}" -X POST "http://127.0.0.1:8080/api/grpc/pipelines/$1/runs" \
	-H "X-Correlation-ID: $2"; }
echo "Traffic: summarize=$(run summarize demo-1) triage=$(run triage demo-2) unknown=$(run unknown demo-3) broken=$(run broken demo-4) triage-over-grpc=$(grpc triage demo-5)"

cat <<TXT

Phoenix Observability is live. Where to look:
  Health      curl http://127.0.0.1:8080/health/readiness   (also /health/liveness, /health/dependencies)
  Metrics     curl http://127.0.0.1:8080/health/metrics     (Prometheus text; the orchestrator is on :8081)
  A request   curl -i -X POST http://127.0.0.1:8080/api/pipelines/summarize/runs -H 'Content-Type: application/json' -H 'X-Correlation-ID: my-id' -d '{}'
              (response headers X-Correlation-ID, X-Request-ID and traceresponse name the request in logs and traces)
  JSON logs   $work/gateway.log and $work/orchestrator.log: grep demo-1 (HTTP) or demo-5 (gRPC) in both to follow one request
  SLOs        curl http://127.0.0.1:8081/actuator/slo   (rules: /actuator/slo/rules, alertmanager: /actuator/slo/alertmanager)
TXT
if command -v prometheus >/dev/null; then
	echo "  Prometheus  http://127.0.0.1:9090 (scraping both services' /health/metrics)"
fi
cat <<TXT
  Traces      start an OpenTelemetry collector on :4318 and restart with
              MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT=http://127.0.0.1:4318/v1/traces

Press Ctrl-C to stop.
TXT
wait
