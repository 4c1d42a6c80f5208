#!/usr/bin/env bash
#
# Builds the benchmark app (bare, actuator-only, boot-default, phoenix; phoenix-webflux)
# and measures the builds interleaved (A B C A B C ...) on one machine: the app on one
# core, wrk, the open-loop load generator and the stubs on another (taskset). The builds
# of every round:
#
#   boot-default      Boot's own stack at 100% sampling (first: it sets the latency rate)
#   bare              no observability
#   agent             bare with the OpenTelemetry Java agent: 100% sampling, OTLP/HTTP to
#                     the same sink, its Prometheus exporter on, its logs exporter off
#   phoenix           Phoenix at 100% sampling
#   phoenix-defaults  Phoenix at its production defaults (a backend samples 10%, and keeps
#                     every error and slow trace: tail sampling)
#   boot-defaults     Boot's own stack at Boot's default sampling (10%)
#
# and actuator-only for startup. Prints medians over the rounds, every figure of the
# targets with the ratios of the same run, and writes them to targets.md as well.
#
# Usage: benchmarks/run.sh            (defaults below; override with environment variables)
#        ROUNDS=5 DURATION=15 benchmarks/run.sh
#        SKIP_BUILD=1 benchmarks/run.sh
#        AGENT=0 benchmarks/run.sh            (without the agent build)
#        LATENCY_SHARE=0.5 benchmarks/run.sh  (the open-loop rate, as a share of
#                                              boot-default's /hello throughput)
#        SOAK=600 benchmarks/run.sh   (adds the soak: collector refusing and hanging,
#                                      heap after GC every minute for 600 s)
#        SOAK=600 ROUNDS=0 benchmarks/run.sh   (the soak alone)
#        ENCODING=0 benchmarks/run.sh          (without the JSON-encoding micro-benchmark)
#        STARTUPS=1 benchmarks/run.sh          (one launch per build and round for the
#                                               startup figure instead of 3)
#        REACTOR_MODES=1 benchmarks/run.sh     (adds WebFlux with context propagation auto
#                                               and limited, in the first rounds)
#        COLLECTOR_SCENARIOS=1 benchmarks/run.sh  (adds phoenix with a healthy, a refusing
#                                               and a hanging collector, in the first rounds)
#        SAMPLING_MODES=1 benchmarks/run.sh    (adds phoenix at 10% with head sampling, in
#                                               the first rounds, beside phoenix-defaults,
#                                               whose default is tail sampling)
#        PHOENIX_CHOICES=1 benchmarks/run.sh   (adds phoenix without the access log, in the
#                                               first rounds, beside phoenix-defaults at 10%)
#
# Warm-up matters more than anything else here: the app shares one core with its JIT
# compilers, and under 50 busy request threads the compilers get a fiftieth of it, so an
# app measured after a short warm-up at full load is measured half interpreted (bare
# /hello goes from 3k to 33k requests/s over its first minute that way). Each app is
# therefore warmed at low concurrency first, which leaves the compilers most of the core,
# and until its throughput at full load stops rising (less than 5% from one warm-up pass
# to the next).
#
# Latency is measured open-loop at one fixed rate for every build of a round: a share
# (LATENCY_SHARE, 0.6) of boot-default's /hello throughput in that round. A rate set by
# the fastest build (bare) is above what the instrumented builds serve, and their
# percentiles then measure a queue that grows for the whole run; 60% of boot-default is
# below what every build served in earlier runs (phoenix, the slowest, served 0.70x
# boot-default), and it is the rate the targets name. The generator says when a build did
# not sustain the rate (sustained_hello_open, 0), and the summary marks such a row instead
# of comparing it.
#
# Spans: the sink counts the spans each app exported, and among them the server spans of
# application requests; the app's own request count (http.server.requests, or the
# agent's http.server.request.duration) says how many requests it served. At 100%
# sampling every request has one server span, so requests without their server span at
# the sink are spans the app dropped, whatever the build (its export queue is the only
# place they can go missing on loopback); Phoenix's own counter
# (phoenix.tracing.export.dropped.spans) is read too, and is exact at any sampling.
#
# Everything listens on 127.0.0.1 on free ports, and every load run stops by itself.

set -euo pipefail

ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-10}
WARMUP_PASSES=${WARMUP_PASSES:-6}
AUX_ROUNDS=${AUX_ROUNDS:-1}
SOAK=${SOAK:-}
ENCODING=${ENCODING:-1}
PHOENIX_CHOICES=${PHOENIX_CHOICES:-0}
SAMPLING_MODES=${SAMPLING_MODES:-0}
CONNECTIONS=${CONNECTIONS:-50}
APP_CPU=${APP_CPU:-1}
LOAD_CPU=${LOAD_CPU:-0}
HEAP=${HEAP:-512m}
COLLECTOR_SCENARIOS=${COLLECTOR_SCENARIOS:-0}
REACTOR_MODES=${REACTOR_MODES:-0}
AGENT=${AGENT:-1}
LATENCY_SHARE=${LATENCY_SHARE:-0.6}
STARTUPS=${STARTUPS:-3}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/benchmarks
OUT=${OUT:-$BENCH/target/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
RAW=$OUT/raw.tsv
: > "$RAW"
AGENT_JAR=$BENCH/target/agent/opentelemetry-javaagent.jar
# shellcheck source=benchmarks/common.sh
. "$BENCH/common.sh"

log() {
	echo "[$(date -u +%H:%M:%S)] $*" >&2
}

record() { # variant metric value
	printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$RAW"
}

# The builds of every round; boot-default first, since its throughput sets the latency rate
BUILDS="boot-default bare"
[ "$AGENT" = 1 ] && BUILDS="$BUILDS agent"
BUILDS="$BUILDS phoenix phoenix-defaults boot-defaults"

# What a full run takes, from its knobs: an app run is its startup (about 12 s), its
# warm-up passes (about 4 in past runs), three load runs and the readings around them
estimate() {
	local pass=$((2 * WARMUP + 15)) apps aux typical worst
	apps=$(($(echo "$BUILDS" | wc -w) * ROUNDS))
	aux=$(((2 * REACTOR_MODES + 3 * COLLECTOR_SCENARIOS + PHOENIX_CHOICES + SAMPLING_MODES) *
		(AUX_ROUNDS < ROUNDS ? AUX_ROUNDS : ROUNDS)))
	local launches=$(((STARTUPS - 1) * 15 * (apps + ROUNDS)))
	typical=$(((apps + aux) * (20 + (WARMUP_PASSES < 4 ? WARMUP_PASSES : 4) * pass + 3 * DURATION) + 15 * ROUNDS + launches))
	worst=$(((apps + aux) * (20 + WARMUP_PASSES * pass + 3 * DURATION) + 15 * ROUNDS + launches))
	local extra=$((90 * ENCODING))
	if [ -n "$SOAK" ]; then
		extra=$((extra + SOAK + 60))
	fi
	if [ -z "${SKIP_BUILD:-}" ]; then
		extra=$((extra + 180))
	fi
	echo "$((apps + aux)) app runs; about $(((typical + extra + 59) / 60)) minutes, at most $(((worst + extra + 59) / 60)) if every app needs all $WARMUP_PASSES warm-up passes"
}
RUN_STARTED=$(date +%s)
log "estimate: $(estimate)"

if [ -z "${SKIP_BUILD:-}" ]; then
	log "building"
	# An app jar whose own classes did not change is not written again, and Boot's
	# repackaging then keeps the Phoenix inside it: remove them so that the apps carry the
	# code being measured
	rm -f "$BENCH"/apps/*/target/*.jar "$BENCH"/apps/*/target/*.jar.original
	(cd "$ROOT" && ./mvnw -B -q package -Pbenchmark-apps -DskipTests \
		-pl benchmarks,benchmarks/apps/bare,benchmarks/apps/actuator-only,benchmarks/apps/boot-default,benchmarks/apps/phoenix,benchmarks/apps/phoenix-webflux -am)
fi
command -v wrk > /dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
if [ "$AGENT" = 1 ] && [ ! -f "$AGENT_JAR" ]; then
	echo "$AGENT_JAR is missing: run without SKIP_BUILD (the build copies it from Maven Central), or with AGENT=0" >&2
	exit 1
fi

# Until the end of the run, however long it takes
start_stubs

FULL=--management.tracing.sampling.probability=1.0

# configure <variant>: sets BUILD_JAR, the JVM options APP_JVM, the arguments BUILD_ARGS,
# BUILD_FULL (1 when every request is sampled) and METRICS_URL (after start_app, where
# the app's request count is scraped; empty for bare)
configure() {
	APP_JVM=()
	BUILD_ARGS=()
	BUILD_FULL=1
	METRICS=actuator
	case $1 in
		bare)
			BUILD_JAR=$(jar_of bare) BUILD_FULL=0 METRICS= ;;
		agent)
			BUILD_JAR=$(jar_of bare) METRICS=agent
			AGENT_METRICS_PORT=$(free_port)
			# The sink accepts logs too, but no other build ships its log lines over OTLP
			# (and this app writes none per request), so the logs exporter is off
			APP_JVM=(-javaagent:"$AGENT_JAR" -Dotel.service.name=benchmark-app -Dotel.traces.sampler=always_on
				-Dotel.exporter.otlp.protocol=http/protobuf
				-Dotel.exporter.otlp.traces.endpoint="http://127.0.0.1:$SINK_PORT/v1/traces"
				-Dotel.metrics.exporter=prometheus -Dotel.exporter.prometheus.host=127.0.0.1
				-Dotel.exporter.prometheus.port="$AGENT_METRICS_PORT" -Dotel.logs.exporter=none) ;;
		boot-default)
			BUILD_JAR=$(jar_of boot-default) BUILD_ARGS=("$FULL") ;;
		boot-defaults)
			BUILD_JAR=$(jar_of boot-default) BUILD_FULL=0 ;;
		phoenix)
			BUILD_JAR=$(jar_of phoenix) BUILD_ARGS=("$FULL") ;;
		phoenix-defaults)
			BUILD_JAR=$(jar_of phoenix) BUILD_FULL=0 ;;
		phoenix-no-access-log)
			BUILD_JAR=$(jar_of phoenix) BUILD_ARGS=("$FULL" --phoenix.observability.access-log.enabled=false) ;;
		phoenix-head-0.1)
			# The production default ratio, decided when the request starts: what keeping
			# every error and slow trace (the default, tail) costs beside it
			BUILD_JAR=$(jar_of phoenix) BUILD_FULL=0 BUILD_ARGS=(--phoenix.observability.tracing.sampling.mode=head) ;;
		webflux-auto | webflux-limited)
			# Its application.properties samples every request
			BUILD_JAR=$(jar_of phoenix-webflux) BUILD_ARGS=(--spring.reactor.context-propagation="${1#webflux-}") ;;
		*)
			echo "unknown build $1" >&2
			exit 1 ;;
	esac
}
APP_JVM=()

APP_PID=
APP_PORT=
# start_app <name> <jar> <otlp-endpoint> [extra args...], with the JVM options in APP_JVM;
# records startup to first 200 in ms
start_app() {
	local name=$1 jar=$2 endpoint=$3
	shift 3
	APP_PORT=$(free_port)
	local began
	began=$(date +%s%N)
	# The GC log (pauses with the JVM's uptime) is there to attribute latency stalls
	taskset -c "$APP_CPU" java -Xms"$HEAP" -Xmx"$HEAP" -Xlog:gc:file="$OUT/gc-$name.log":uptime "${APP_JVM[@]}" \
		-jar "$jar" --server.port="$APP_PORT" \
		--server.address=127.0.0.1 --bench.downstream-url="http://127.0.0.1:$DOWNSTREAM_PORT" \
		--management.opentelemetry.tracing.export.otlp.endpoint="$endpoint" "$@" > "$OUT/app-$name.log" 2>&1 &
	APP_PID=$!
	PIDS+=("$APP_PID")
	local tries=0
	until curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/hello/0"; do
		sleep 0.02
		tries=$((tries + 1))
		if [ $tries -gt 3000 ] || ! kill -0 "$APP_PID" 2>/dev/null; then
			echo "$name did not start; see $OUT/app-$name.log" >&2
			exit 1
		fi
	done
	STARTUP_MS=$((($(date +%s%N) - began) / 1000000))
}

stop_app() {
	kill "$APP_PID" 2>/dev/null || true
	wait "$APP_PID" 2>/dev/null || true
}

# Passes of low concurrency and full load until the full-load throughput of /hello stops
# rising (see warm_up_passes); records how many passes it took
warm_up() {
	warm_up_passes
	record "$1" warmup_passes "$WARMED_UP_AFTER"
}

# open_loop <variant> <path> <rate>: constant-rate latency run; records p50/p99/p999 and
# whether the build sustained the rate (1) or not (0)
open_loop() {
	local variant=$1 path=$2 rate=$3 line
	line=$(taskset -c "$LOAD_CPU" java -Xmx256m -cp "$CP" io.phoenix.observability.benchmarks.OpenLoopLoad \
		"$APP_PORT" "$path" "$rate" "$DURATION" 32)
	echo "$variant: $line" >> "$OUT/open-loop.log"
	field() {
		echo "$line" | sed "s/.*$1=\([^ ]*\).*/\1/"
	}
	record "$variant" "p50_ms_hello_open" "$(field p50_ms)"
	record "$variant" "p99_ms_hello_open" "$(field p99_ms)"
	record "$variant" "p999_ms_hello_open" "$(field p999_ms)"
	record "$variant" "sustained_hello_open" "$([ "$(field sustained)" = true ] && echo 1 || echo 0)"
	OPEN_LOOP="p99 $(field p99_ms) ms at ${rate}/s, sustained=$(field sustained)"
}

# sink_spans: prints the spans and the server spans the sink received so far
sink_spans() {
	curl -sf "http://127.0.0.1:$SINK_PORT/stats" | sed 's/.* spans=\([0-9]*\) server_spans=\([0-9]*\).*/\1 \2/'
}

# measure <variant>: one app run of that build (see configure)
LAT_RATE=
measure() {
	local variant=$1 spans_before server_before
	configure "$variant"
	# Startup varies by a fifth from one launch of the same jar to the next: the other
	# launches are for the startup figure only, the last one is measured
	extra_startups "$variant" "$BUILD_JAR" "${BUILD_ARGS[@]}"
	read -r spans_before server_before < <(sink_spans)
	start_app "$variant" "$BUILD_JAR" "http://127.0.0.1:$SINK_PORT/v1/traces" "${BUILD_ARGS[@]}"
	record "$variant" startup_ms "$STARTUP_MS"
	warm_up "$variant"
	local hello work before after
	before=$(allocated "$APP_PID")
	wrk_rate /hello/1 "$DURATION"
	after=$(allocated "$APP_PID")
	hello=$RPS
	record "$variant" alloc_bytes_per_request_hello $(((after - before) / REQUESTS))
	wrk_rate /work/1 "$DURATION"
	work=$RPS
	record "$variant" rps_hello "$hello"
	record "$variant" rps_work "$work"
	if [ "$variant" = boot-default ]; then
		LAT_RATE=$(awk -v r="$hello" -v s="$LATENCY_SHARE" 'BEGIN {printf "%d", r * s}')
		record round latency_rate "$LAT_RATE"
	fi
	OPEN_LOOP="no latency rate yet"
	if [ -n "$LAT_RATE" ]; then
		open_loop "$variant" /hello/ "$LAT_RATE"
		# How close to its own maximum the fixed rate runs this build
		record "$variant" latency_rate_per_max_rps "$(awk -v l="$LAT_RATE" -v r="$hello" 'BEGIN {printf "%.3f", l / r}')"
	fi
	# Asynchronous appenders and span export catch up; then the app's own counts
	sleep 2
	local scrape= served=
	case $METRICS in
		actuator)
			scrape=$(curl -s "http://127.0.0.1:$APP_PORT/actuator/prometheus")
			served=$(echo "$scrape" |
				awk '/^http_server_requests_seconds_count/ && !/actuator/ {s += $2} END {printf "%d", s}') ;;
		agent)
			scrape=$(curl -s "http://127.0.0.1:$AGENT_METRICS_PORT/metrics")
			served=$(echo "$scrape" | awk '/^http_server_request_duration_seconds_count/ {s += $2} END {printf "%d", s}') ;;
	esac
	if echo "$scrape" | grep -q '^phoenix_tracing_export_dropped_spans_total'; then
		record "$variant" spans_dropped_own_counter \
			"$(echo "$scrape" | awk '/^phoenix_tracing_export_dropped_spans_total/ {s += $2} END {printf "%d", s}')"
	fi
	if [ "$variant" = phoenix ]; then
		# Every served request is one access-log line, or counted as dropped; the
		# server's own request count is the reference (scrapes are neither logged nor
		# counted)
		local lines dropped
		lines=$(grep -c '"logger":"phoenix.access"' "$OUT/app-$variant.log" || true)
		dropped=$(echo "$scrape" | awk '/^phoenix_logging_events_dropped_total/ {s += $2} END {printf "%d", s}')
		record "$variant" access_lines "$lines"
		record "$variant" access_dropped "$dropped"
		record "$variant" log_lines_plus_dropped_minus_requests $((lines + dropped - served))
	fi
	# Stopping flushes the export queue: afterwards the sink holds every span the app
	# did not drop
	stop_app
	local spans spans_after server_after server
	read -r spans_after server_after < <(sink_spans)
	spans=$((spans_after - spans_before))
	server=$((server_after - server_before))
	local spanned="no spans"
	if [ -n "$served" ] && [ "$served" -gt 0 ]; then
		record "$variant" requests_served "$served"
		record "$variant" spans_per_request "$(awk -v s="$spans" -v n="$served" 'BEGIN {printf "%.3f", s / n}')"
		record "$variant" server_spans_per_request "$(awk -v s="$server" -v n="$served" 'BEGIN {printf "%.4f", s / n}')"
		spanned="$spans spans, $server server spans for $served requests"
		if [ "$BUILD_FULL" = 1 ]; then
			record "$variant" spans_dropped $((served - server))
		fi
	fi
	log "$variant: startup ${STARTUP_MS} ms, /hello ${hello}/s, /work ${work}/s, $OPEN_LOOP, $spanned"
}

# extra_startups <variant> <jar> [args...]: STARTUPS - 1 launches to the first 200, each
# recorded and stopped
extra_startups() {
	local variant=$1 jar=$2 launch
	shift 2
	for launch in $(seq 2 "$STARTUPS"); do
		start_app "$variant" "$jar" "http://127.0.0.1:$SINK_PORT/v1/traces" "$@"
		record "$variant" startup_ms "$STARTUP_MS"
		stop_app
	done
}

# Startup to the first 200 only, STARTUPS launches
measure_startup() {
	extra_startups "$1" "$(jar_of "$1")"
	start_app "$1" "$(jar_of "$1")" "http://127.0.0.1:$SINK_PORT/v1/traces"
	record "$1" startup_ms "$STARTUP_MS"
	log "$1: startup ${STARTUP_MS} ms"
	stop_app
}

# The soak: the collector refusing connections and the collector hanging, one app each
# (one core each), under a constant load for SOAK seconds; heap in use after a full GC
# once a minute, and the export-failure lines each wrote
heap_after_gc() {
	jcmd "$1" GC.run > /dev/null 2>&1
	jstat -gc "$1" | awk 'NR == 2 {printf "%.1f", ($3 + $4 + $6 + $8) / 1024}'
}
soak() {
	local scenario cpu minute endpoint
	declare -A SOAK_PIDS SOAK_PORTS
	cpu=0
	for scenario in refused hanging; do
		case $scenario in
			refused) endpoint="http://127.0.0.1:$REFUSED_PORT/v1/traces" ;;
			hanging) endpoint="http://127.0.0.1:$HANGING_PORT/v1/traces" ;;
		esac
		APP_CPU=$cpu start_app "soak-$scenario" "$(jar_of phoenix)" "$endpoint" "$FULL"
		SOAK_PIDS[$scenario]=$APP_PID
		SOAK_PORTS[$scenario]=$APP_PORT
		cpu=$((cpu + 1))
	done
	LOADS=()
	for scenario in refused hanging; do
		java -Xmx256m -cp "$CP" io.phoenix.observability.benchmarks.OpenLoopLoad "${SOAK_PORTS[$scenario]}" /hello/ \
			"${SOAK_RATE:-1000}" "$SOAK" 8 > "$OUT/soak-$scenario-load.log" 2>&1 &
		LOADS+=($!)
		PIDS+=($!)
	done
	echo "| minute | heap MB after GC (refused) | heap MB after GC (hanging) |" > "$OUT/soak.md"
	echo "|---|---|---|" >> "$OUT/soak.md"
	for minute in $(seq 0 $((SOAK / 60))); do
		echo "| $minute | $(heap_after_gc "${SOAK_PIDS[refused]}") | $(heap_after_gc "${SOAK_PIDS[hanging]}") |" >> "$OUT/soak.md"
		[ "$minute" -lt $((SOAK / 60)) ] && sleep 60
	done
	wait "${LOADS[@]}" 2>/dev/null || true
	for scenario in refused hanging; do
		kill "${SOAK_PIDS[$scenario]}" 2>/dev/null || true
		{
			echo
			echo "$scenario: $(cat "$OUT/soak-$scenario-load.log")"
			echo "$scenario: export-failure log lines: $(grep -c 'Failed to export' "$OUT/app-soak-$scenario.log" || true)"
			grep 'Failed to export' "$OUT/app-soak-$scenario.log" | sed 's/.*"timestamp":"\([^"]*\)".*/  at \1/' | head -30
		} >> "$OUT/soak.md"
	done
}

log "load: $(uptime)"
record machine cores "$(nproc)"
for round in $(seq "$ROUNDS"); do
	log "round $round of $ROUNDS"
	LAT_RATE=
	for build in $BUILDS; do
		measure "$build"
		if [ "$build" = bare ]; then
			measure_startup actuator-only
		fi
	done
	if [ "$round" -le "$AUX_ROUNDS" ]; then
		# phoenix-defaults (10%, tail sampling) of every round is the other side of these
		[ "$PHOENIX_CHOICES" = 1 ] && measure phoenix-no-access-log
		[ "$SAMPLING_MODES" = 1 ] && measure phoenix-head-0.1
		if [ "$REACTOR_MODES" = 1 ]; then
			measure webflux-auto
			measure webflux-limited
		fi
	fi
	if [ "$COLLECTOR_SCENARIOS" = 1 ] && [ "$round" -le "$AUX_ROUNDS" ]; then
		APP_JVM=()
		for scenario in healthy refused hanging; do
			case $scenario in
				healthy) endpoint="http://127.0.0.1:$SINK_PORT/v1/traces" ;;
				refused) endpoint="http://127.0.0.1:$REFUSED_PORT/v1/traces" ;;
				hanging) endpoint="http://127.0.0.1:$HANGING_PORT/v1/traces" ;;
			esac
			start_app "collector-$scenario" "$(jar_of phoenix)" "$endpoint" "$FULL" \
				--management.opentelemetry.tracing.export.schedule-delay=1s
			warm_up "collector-$scenario"
			wrk_rate /hello/1 "$DURATION"
			rps=$RPS
			record "collector-$scenario" rps_hello "$rps"
			# Heap still in use after a full collection: what the export queue holds on to
			heap=$(heap_after_gc "$APP_PID")
			record "collector-$scenario" heap_used_mb_after_gc "$heap"
			stop_app
			record "collector-$scenario" export_failure_log_lines \
				"$(grep -c 'Failed to export' "$OUT/app-collector-$scenario.log" || true)"
			log "collector $scenario: /hello ${rps}/s, ${heap} MB heap after GC"
		done
	fi
done

if [ -n "$SOAK" ]; then
	log "soak: ${SOAK}s"
	soak
fi
if [ "$ENCODING" = 1 ]; then
	# One thread encoding access-log events: Phoenix's JSON encoder against Logback's
	# pattern encoder with the same MDC and key-value pairs (events/s and bytes per event)
	log "JSON encoding benchmark"
	taskset -c "$APP_CPU" java -cp "$CP" org.openjdk.jmh.Main LogEncodingBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s \
		-prof gc -rf csv -rff "$OUT/encoding.csv" > "$OUT/encoding.log" 2>&1
fi


# Medians over the rounds, and the ratios measured in this run
median() { # variant metric
	awk -F'\t' -v v="$1" -v m="$2" '$1 == v && $2 == m {print $3}' "$RAW" | sort -g |
		awk '{a[NR] = $1} END {if (NR == 0) print "n/a"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.3f", a / b}'
}
# change <measured> <reference>: the difference as a signed percentage, such as +4.2%
change() {
	awk -v a="$1" -v b="$2" 'BEGIN {if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%+.1f%%", (a / b - 1) * 100}'
}
# sustained <variant>: "yes" when the build sustained the latency rate in every round
sustained() {
	awk -F'\t' -v v="$1" '$1 == v && $2 == "sustained_hello_open" {n++; s += $3}
		END {if (n == 0) print "n/a"; else if (s == n) print "yes"; else printf "no (%d of %d rounds)", n - s, n}' "$RAW"
}
# verdict <measured> <operator> <bound>: yes, no, or n/a when nothing was measured
verdict() {
	awk -v m="$1" -v o="$2" -v b="$3" 'BEGIN {if (m == "n/a" || b == "n/a" || m == "") {print "n/a"; exit}
		ok = (o == ">=") ? m >= b : m <= b; print ok ? "yes" : "no"}'
}
per_round() { # metric: the values of every round, in order
	awk -F'\t' -v m="$1" '$2 == m {printf "%s ", $3}' "$RAW"
}

EVENTS_PER_S=n/a
if [ -f "$OUT/encoding.csv" ]; then
	EVENTS_PER_S=$(awk -F, '{gsub(/"/, "")} $1 ~ "\\.json$" {printf "%.0f", $5}' "$OUT/encoding.csv")
fi

# targets: the issue's table, every figure from this run
targets() {
	local p d pd dd ag
	echo "| figure | target | measured | met |"
	echo "|---|---|---|---|"
	p=$(median phoenix rps_hello) d=$(median boot-default rps_hello)
	pd=$(median phoenix-defaults rps_hello) dd=$(median boot-defaults rps_hello) ag=$(median agent rps_hello)
	echo "| \`/hello\` throughput, phoenix / boot-default, both at 100% sampling | >= 1.0 | $(ratio "$p" "$d") ($p / $d requests/s) | $(verdict "$(ratio "$p" "$d")" ">=" 1.0) |"
	echo "| \`/hello\` throughput, phoenix at its production defaults (10% + every error and slow trace) / boot-default at Boot's defaults (10%) | >= 1.0 | $(ratio "$pd" "$dd") ($pd / $dd requests/s) | $(verdict "$(ratio "$pd" "$dd")" ">=" 1.0) |"
	echo "| \`/hello\` throughput, phoenix / the OpenTelemetry Java agent on the bare build, both at 100% | >= 1.0 | $(ratio "$p" "$ag") ($p / $ag requests/s; bare $(median bare rps_hello)) | $(verdict "$(ratio "$p" "$ag")" ">=" 1.0) |"
	local a b
	for pair in "phoenix boot-default 100% sampling" "phoenix-defaults boot-defaults production defaults / Boot's defaults"; do
		read -r a b label <<< "$pair"
		local pa ba
		pa=$(median "$a" alloc_bytes_per_request_hello) ba=$(median "$b" alloc_bytes_per_request_hello)
		echo "| allocation per \`/hello\` request, $a vs $b ($label) | <= boot-default's | $pa vs $ba bytes ($(ratio "$pa" "$ba")) | $(verdict "$pa" "<=" "$ba") |"
	done
	local rates
	rates=$(per_round latency_rate)
	for pair in "phoenix boot-default 100% sampling" "phoenix-defaults boot-defaults production defaults / Boot's defaults"; do
		read -r a b label <<< "$pair"
		local pp bp sa sb measured met
		pp=$(median "$a" p99_ms_hello_open) bp=$(median "$b" p99_ms_hello_open)
		sa=$(sustained "$a") sb=$(sustained "$b")
		measured="$pp vs $bp ms ($(ratio "$pp" "$bp"))"
		met=$(verdict "$pp" "<=" "$(awk -v b="$bp" 'BEGIN {print (b == "n/a") ? "n/a" : b * 1.2}')")
		if [ "$sa" != yes ] || [ "$sb" != yes ]; then
			measured="$measured; rate not sustained: $a $sa, $b $sb"
			met=n/a
		fi
		echo "| p99 latency of \`/hello\` at a fixed open-loop rate (${rates% }/s per round: $LATENCY_SHARE of boot-default's maximum), $a vs $b ($label) | <= 1.2x boot-default's p99 | $measured | $met |"
	done
	local sp sa sb
	sp=$(median phoenix-defaults startup_ms) sa=$(median actuator-only startup_ms) sb=$(median boot-defaults startup_ms)
	echo "| startup to first 200, phoenix (production defaults) vs Boot's stack (boot-defaults) | <= +5% | $(change "$sp" "$sb") ($sp vs $sb ms; actuator-only $sa ms, phoenix $(change "$sp" "$sa") over it) | $(verdict "$(ratio "$sp" "$sb")" "<=" 1.05) |"
	local pw bw
	pw=$(median phoenix-defaults rps_work) bw=$(median bare rps_work)
	echo "| \`/work\` throughput, phoenix at its production defaults / bare | within 2% (>= 0.98) | $(ratio "$pw" "$bw") ($pw / $bw requests/s) | $(verdict "$(ratio "$pw" "$bw")" ">=" 0.98) |"
	local own
	own=$(median phoenix-defaults spans_dropped_own_counter)
	echo "| spans dropped by the export queue, phoenix at production defaults | 0 | $own (Phoenix's own counter; $(median phoenix-defaults server_spans_per_request) server spans per request at the sink) | $(verdict "$own" "<=" 0) |"
	local dropped="" v
	for v in phoenix boot-default agent; do
		dropped="$dropped$v $(median "$v" spans_dropped) of $(median "$v" requests_served), "
	done
	echo "| spans dropped by the export queue at 100% sampling | counted and reported | ${dropped}requests without their server span at the sink (phoenix's own counter: $(median phoenix spans_dropped_own_counter)) | reported |"
	echo "| JSON encoding of an access-log event, one thread | >= 1M events/s | $EVENTS_PER_S events/s | $(verdict "$EVENTS_PER_S" ">=" 1000000) |"
}

{
	echo "# $(date -u +%FT%TZ), $(nproc) cores, rounds=$ROUNDS duration=${DURATION}s warmup=${WARMUP}s connections=$CONNECTIONS"
	echo "# load at the end: $(uptime)"
	echo
	header="| figure |"
	rule="|---|"
	for build in $BUILDS; do
		header="$header $build |"
		rule="$rule---|"
	done
	echo "$header phoenix/boot-default | phoenix-defaults/boot-defaults |"
	echo "$rule---|---|"
	for metric in rps_hello rps_work startup_ms alloc_bytes_per_request_hello p50_ms_hello_open p99_ms_hello_open \
		p999_ms_hello_open sustained_hello_open latency_rate_per_max_rps requests_served server_spans_per_request \
		spans_per_request spans_dropped spans_dropped_own_counter warmup_passes; do
		row="| $metric |"
		for build in $BUILDS; do
			if [ "$metric" = sustained_hello_open ]; then
				row="$row $(sustained "$build") |"
			else
				row="$row $(median "$build" $metric) |"
			fi
		done
		if [ "$metric" = sustained_hello_open ]; then
			echo "$row | |"
		else
			echo "$row $(ratio "$(median phoenix $metric)" "$(median boot-default $metric)") | $(ratio "$(median phoenix-defaults $metric)" "$(median boot-defaults $metric)") |"
		fi
	done
	echo
	echo "Sampling: boot-default, phoenix and agent 100%; phoenix-defaults at Phoenix's production default"
	echo "(environment=production, a backend), boot-defaults at Boot's default; bare traces nothing."
	echo "Open-loop rate for the latency rows, per round: $(per_round latency_rate)requests/s, $LATENCY_SHARE of"
	echo "boot-default's /hello throughput in the same round; latency_rate_per_max_rps is that rate over each"
	echo "build's own /hello throughput, sustained_hello_open whether the build kept up with it."
	echo "spans_dropped: requests without their server span at the sink (100% sampling only);"
	echo "spans_dropped_own_counter: phoenix_tracing_export_dropped_spans_total. requests_served is"
	echo "the app's own count (http.server.requests; the agent's http.server.request.duration)."
	a=$(median actuator-only startup_ms)
	echo "Startup of actuator-only: $a ms; phoenix-defaults/actuator-only: $(ratio "$(median phoenix-defaults startup_ms)" "$a")"
	echo "Allocation added per /hello request, phoenix - bare: $(awk -v p="$(median phoenix alloc_bytes_per_request_hello)" \
		-v b="$(median bare alloc_bytes_per_request_hello)" 'BEGIN {print p - b}') bytes"
	echo "Access-log lines + dropped - requests (phoenix, per round; 0 is exact): $(per_round log_lines_plus_dropped_minus_requests)"
	echo
	echo "## Against the targets"
	echo
	targets | tee "$OUT/targets.md"
	if [ "$PHOENIX_CHOICES" = 1 ]; then
		echo
		echo "| phoenix, one setting changed | sampling 1.0, access log (phoenix) | sampling 0.1 (phoenix-defaults) | no access log | 0.1 / 1.0 | no access log / access log |"
		echo "|---|---|---|---|---|---|"
		for metric in rps_hello rps_work alloc_bytes_per_request_hello; do
			p=$(median phoenix $metric)
			t=$(median phoenix-defaults $metric)
			n=$(median phoenix-no-access-log $metric)
			echo "| $metric | $p | $t | $n | $(ratio "$t" "$p") | $(ratio "$n" "$p") |"
		done
	fi
	if [ "$SAMPLING_MODES" = 1 ]; then
		echo
		echo "| phoenix, sampling mode | 1.0 (phoenix) | tail 0.1 (phoenix-defaults) | head 0.1 | tail 0.1 / 1.0 | tail 0.1 / head 0.1 |"
		echo "|---|---|---|---|---|---|"
		for metric in rps_hello rps_work alloc_bytes_per_request_hello p99_ms_hello_open; do
			p=$(median phoenix $metric)
			t=$(median phoenix-defaults $metric)
			h=$(median phoenix-head-0.1 $metric)
			echo "| $metric | $p | $t | $h | $(ratio "$t" "$p") | $(ratio "$t" "$h") |"
		done
	fi
	if [ "$REACTOR_MODES" = 1 ]; then
		echo
		echo "| WebFlux (phoenix) | context-propagation=auto | limited | auto/limited |"
		echo "|---|---|---|---|"
		for metric in rps_hello rps_work p99_ms_hello_open; do
			a=$(median webflux-auto $metric)
			l=$(median webflux-limited $metric)
			echo "| $metric | $a | $l | $(ratio "$a" "$l") |"
		done
	fi
	if [ "$COLLECTOR_SCENARIOS" = 1 ]; then
		echo
		echo "| collector (phoenix) | healthy | refused | hanging | refused/healthy | hanging/healthy |"
		echo "|---|---|---|---|---|---|"
		for metric in rps_hello export_failure_log_lines heap_used_mb_after_gc; do
			h=$(median collector-healthy $metric)
			r=$(median collector-refused $metric)
			g=$(median collector-hanging $metric)
			echo "| $metric | $h | $r | $g | $(ratio "$r" "$h") | $(ratio "$g" "$h") |"
		done
	fi
	if [ -f "$OUT/encoding.csv" ]; then
		echo
		echo "| encoding an access-log event, one thread | events/s | bytes allocated per event |"
		echo "|---|---|---|"
		for encoder in json jsonWithoutValueMasks pattern; do
			awk -F, -v e="$encoder" '{gsub(/"/, "")} $1 ~ "\\." e "$" {s = $5} $1 ~ "\\." e "[^A-Za-z]+gc\\.alloc\\.rate\\.norm$" {a = $5}
				END {printf "| %s | %.0f | %.0f |\n", e, s, a}' "$OUT/encoding.csv"
		done
	fi
	if [ -f "$OUT/soak.md" ]; then
		echo
		echo "Soak, ${SOAK}s, collector refusing and hanging, constant load:"
		echo
		cat "$OUT/soak.md"
	fi
	echo
	echo "Run took $((($(date +%s) - RUN_STARTED + 59) / 60)) minutes (estimated at the start: $(estimate))."
} | tee "$OUT/summary.md"
log "raw results and logs in $OUT"
