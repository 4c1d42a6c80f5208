#!/usr/bin/env bash
#
# Builds the three variants of the benchmark app (bare, boot-default, phoenix) and the
# WebFlux build, and measures them interleaved (A B C A B C ...) on one machine: the app
# on one core, wrk, the open-loop load generator and the stubs on another (taskset).
# Prints medians over the rounds and the ratios phoenix/bare and phoenix/boot-default.
#
# Usage: benchmarks/run.sh            (defaults below; override with environment variables)
#        ROUNDS=5 DURATION=15 benchmarks/run.sh
#        SKIP_BUILD=1 benchmarks/run.sh
#        SOAK=600 benchmarks/run.sh   (adds the soak: collector refusing and hanging,
#                                      heap after GC every minute for 600 s)
#        SOAK=600 ROUNDS=0 benchmarks/run.sh   (the soak alone)
#        ENCODING=0 benchmarks/run.sh          (without the JSON-encoding micro-benchmark)
#        SAMPLING_MODES=1 benchmarks/run.sh    (adds phoenix at 10% with head sampling and at
#                                               10% with tail sampling, in the first rounds)
#        PHOENIX_CHOICES=1 benchmarks/run.sh   (adds phoenix at 10% sampling and phoenix
#                                               without the access log, in the first rounds)
#
# Warm-up matters more than anything else here: the app shares one core with its JIT
# compilers, and under 50 busy request threads the compilers get a fiftieth of it, so an
# app measured after a short warm-up at full load is measured half interpreted (bare
# /hello goes from 3k to 33k requests/s over its first minute that way). Each app is
# therefore warmed at low concurrency first, which leaves the compilers most of the core,
# and until its throughput at full load stops rising (less than 5% from one warm-up pass
# to the next).
#
# Everything listens on 127.0.0.1 on free ports, and every load run stops by itself.

set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-15}
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
COLLECTOR_SCENARIOS=${COLLECTOR_SCENARIOS:-1}
REACTOR_MODES=${REACTOR_MODES:-1}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/benchmarks
OUT=${OUT:-$BENCH/target/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
RAW=$OUT/raw.tsv
: > "$RAW"
# shellcheck source=benchmarks/common.sh
. "$BENCH/common.sh"

log() {
	echo "[$(date -u +%H:%M:%S)] $*" >&2
}

record() { # variant metric value
	printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$RAW"
}

if [ -z "${SKIP_BUILD:-}" ]; then
	log "building"
	(cd "$ROOT" && ./mvnw -B -q package -Pbenchmark-apps -DskipTests \
		-pl benchmarks,benchmarks/apps/bare,benchmarks/apps/actuator-only,benchmarks/apps/boot-default,benchmarks/apps/phoenix,benchmarks/apps/phoenix-webflux -am)
fi
command -v wrk > /dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }

start_stubs $((ROUNDS * 1200 + ${SOAK:-0} + 1200))

APP_PID=
APP_PORT=
# start_app <name> <jar> <otlp-endpoint> [extra args...]; records startup to first 200 in ms
start_app() {
	local name=$1 jar=$2 endpoint=$3
	shift 3
	APP_PORT=$(free_port)
	local began
	began=$(date +%s%N)
	taskset -c "$APP_CPU" java -Xms"$HEAP" -Xmx"$HEAP" -jar "$jar" --server.port="$APP_PORT" \
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

# wrk_rate <path> <seconds> [connections]: sets RPS to the requests/s wrk measured and
# REQUESTS to the number of requests it completed
RPS=
REQUESTS=
wrk_rate() {
	local output
	output=$(taskset -c "$LOAD_CPU" wrk -t1 -c"${3:-$CONNECTIONS}" -d"$2"s --latency "http://127.0.0.1:$APP_PORT$1")
	if echo "$output" | grep -q "Non-2xx"; then
		echo "non-2xx responses on $1" >&2
	fi
	RPS=$(echo "$output" | awk '/Requests\/sec/ {print $2}')
	REQUESTS=$(echo "$output" | awk '/requests in/ {print $1}')
}

# Passes of low concurrency (the JIT compilers get the core) and full load, until the
# full-load throughput of /hello stops rising; records how many passes it took
warm_up() {
	local variant=$1 previous=0 pass
	for pass in $(seq "$WARMUP_PASSES"); do
		wrk_rate /hello/1 "$WARMUP" 2
		wrk_rate /work/1 "$WARMUP" 2
		wrk_rate /work/1 5
		wrk_rate /hello/1 10
		if awk -v now="$RPS" -v before="$previous" 'BEGIN {exit !(now < before * 1.05)}'; then
			break
		fi
		previous=$RPS
	done
	record "$variant" warmup_passes "$pass"
}



# open_loop <path> <rate>: constant-rate latency run; records p50/p99
open_loop() {
	local variant=$1 path=$2 rate=$3 line
	line=$(taskset -c "$LOAD_CPU" java -Xmx256m -cp "$CP" io.phoenix.observability.benchmarks.OpenLoopLoad \
		"$APP_PORT" "$path" "$rate" "$DURATION" 32)
	echo "$line" >> "$OUT/open-loop.log"
	record "$variant" "p50_ms_hello_open" "$(echo "$line" | sed 's/.*p50_ms=\([0-9.]*\).*/\1/')"
	record "$variant" "p99_ms_hello_open" "$(echo "$line" | sed 's/.*p99_ms=\([0-9.]*\).*/\1/')"
	record "$variant" "p999_ms_hello_open" "$(echo "$line" | sed 's/.*p999_ms=\([0-9.]*\).*/\1/')"
}

# measure <variant> <jar> <otlp-endpoint> [extra args]
LAT_RATE=
measure() {
	local variant=$1 jar=$2 endpoint=$3
	shift 3
	start_app "$variant" "$jar" "$endpoint" "$@"
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
	if [ "$variant" = bare ]; then
		LAT_RATE=$(awk -v r="$hello" 'BEGIN {printf "%d", r / 2}')
	fi
	if [ -n "$LAT_RATE" ]; then
		open_loop "$variant" /hello/ "$LAT_RATE"
	fi
	if [ "$variant" = phoenix ]; then
		# Every served request is one access-log line, or counted as dropped; the
		# server's own request count is the reference (scrapes are neither logged nor
		# counted)
		sleep 2
		local lines dropped served scrape
		scrape=$(curl -s "http://127.0.0.1:$APP_PORT/actuator/prometheus")
		lines=$(grep -c '"logger":"phoenix.access"' "$OUT/app-$variant.log" || true)
		dropped=$(echo "$scrape" | awk '/^phoenix_logging_events_dropped_total/ {s += $2} END {printf "%d", s}')
		served=$(echo "$scrape" |
			awk '/^http_server_requests_seconds_count/ && !/actuator/ {s += $2} END {printf "%d", s}')
		record "$variant" access_lines "$lines"
		record "$variant" access_dropped "$dropped"
		record "$variant" log_lines_plus_dropped_minus_requests $((lines + dropped - served))
	fi
	log "$variant: startup ${STARTUP_MS} ms, /hello ${hello}/s, /work ${work}/s"
	stop_app
}

# Startup to the first 200 only
measure_startup() {
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
		APP_CPU=$cpu start_app "soak-$scenario" "$(jar_of phoenix)" "$endpoint"
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
	measure bare "$(jar_of bare)" "http://127.0.0.1:$SINK_PORT/v1/traces"
	measure_startup actuator-only
	measure boot-default "$(jar_of boot-default)" "http://127.0.0.1:$SINK_PORT/v1/traces"
	measure phoenix "$(jar_of phoenix)" "http://127.0.0.1:$SINK_PORT/v1/traces"
	if [ "$PHOENIX_CHOICES" = 1 ] && [ "$round" -le "$AUX_ROUNDS" ]; then
		measure phoenix-sampled-0.1 "$(jar_of phoenix)" "http://127.0.0.1:$SINK_PORT/v1/traces" \
			--management.tracing.sampling.probability=0.1
		measure phoenix-no-access-log "$(jar_of phoenix)" "http://127.0.0.1:$SINK_PORT/v1/traces" \
			--phoenix.observability.access-log.enabled=false
	fi
	if [ "$SAMPLING_MODES" = 1 ] && [ "$round" -le "$AUX_ROUNDS" ]; then
		# Same ratio, decided before the request (head) or after it (tail); phoenix
		# above is the 100% reference
		measure phoenix-head-0.1 "$(jar_of phoenix)" "http://127.0.0.1:$SINK_PORT/v1/traces" \
			--management.tracing.sampling.probability=0.1 --phoenix.observability.tracing.sampling.mode=head
		measure phoenix-tail-0.1 "$(jar_of phoenix)" "http://127.0.0.1:$SINK_PORT/v1/traces" \
			--management.tracing.sampling.probability=0.1 --phoenix.observability.tracing.sampling.mode=tail
	fi
	if [ "$REACTOR_MODES" = 1 ] && [ "$round" -le "$AUX_ROUNDS" ]; then
		measure webflux-auto "$(jar_of phoenix-webflux)" "http://127.0.0.1:$SINK_PORT/v1/traces" \
			--spring.reactor.context-propagation=auto
		measure webflux-limited "$(jar_of phoenix-webflux)" "http://127.0.0.1:$SINK_PORT/v1/traces" \
			--spring.reactor.context-propagation=limited
	fi
	if [ "$COLLECTOR_SCENARIOS" = 1 ] && [ "$round" -le "$AUX_ROUNDS" ]; then
		for scenario in healthy refused hanging; do
			case $scenario in
				healthy) endpoint="http://127.0.0.1:$SINK_PORT/v1/traces" ;;
				refused) endpoint="http://127.0.0.1:$REFUSED_PORT/v1/traces" ;;
				hanging) endpoint="http://127.0.0.1:$HANGING_PORT/v1/traces" ;;
			esac
			start_app "collector-$scenario" "$(jar_of phoenix)" "$endpoint" \
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

{
	echo "# $(date -u +%FT%TZ), $(nproc) cores, rounds=$ROUNDS duration=${DURATION}s warmup=${WARMUP}s connections=$CONNECTIONS"
	echo "# load at the end: $(uptime)"
	echo
	echo "| figure | bare | boot-default | phoenix | phoenix/bare | phoenix/boot-default |"
	echo "|---|---|---|---|---|---|"
	for metric in rps_hello rps_work startup_ms alloc_bytes_per_request_hello p50_ms_hello_open p99_ms_hello_open \
		p999_ms_hello_open warmup_passes; do
		b=$(median bare $metric)
		d=$(median boot-default $metric)
		p=$(median phoenix $metric)
		echo "| $metric | $b | $d | $p | $(ratio "$p" "$b") | $(ratio "$p" "$d") |"
	done
	echo
	echo "Open-loop rate for the latency rows: half of bare's /hello throughput in the same round."
	a=$(median actuator-only startup_ms)
	echo "Startup of actuator-only: $a ms; phoenix/actuator-only: $(ratio "$(median phoenix startup_ms)" "$a")"
	echo "Allocation added per /hello request, phoenix - bare: $(awk -v p="$(median phoenix alloc_bytes_per_request_hello)" \
		-v b="$(median bare alloc_bytes_per_request_hello)" 'BEGIN {print p - b}') bytes"
	echo "Access-log lines + dropped - requests (phoenix, per round; 0 is exact): $(awk -F'\t' '$2 == "log_lines_plus_dropped_minus_requests" {printf "%s ", $3}' "$RAW")"
	if [ "$PHOENIX_CHOICES" = 1 ]; then
		echo
		echo "| phoenix, one setting changed | sampling 1.0, access log (as above) | sampling 0.1 | no access log | 0.1 / 1.0 | no access log / access log |"
		echo "|---|---|---|---|---|---|"
		for metric in rps_hello rps_work alloc_bytes_per_request_hello; do
			p=$(median phoenix $metric)
			t=$(median phoenix-sampled-0.1 $metric)
			n=$(median phoenix-no-access-log $metric)
			echo "| $metric | $p | $t | $n | $(ratio "$t" "$p") | $(ratio "$n" "$p") |"
		done
	fi
	if [ "$SAMPLING_MODES" = 1 ]; then
		echo
		echo "| phoenix, sampling mode | head 1.0 (as above) | head 0.1 | tail 0.1 | tail 0.1 / head 1.0 | tail 0.1 / head 0.1 |"
		echo "|---|---|---|---|---|---|"
		for metric in rps_hello rps_work alloc_bytes_per_request_hello p99_ms_hello_open; do
			p=$(median phoenix $metric)
			h=$(median phoenix-head-0.1 $metric)
			t=$(median phoenix-tail-0.1 $metric)
			echo "| $metric | $p | $h | $t | $(ratio "$t" "$p") | $(ratio "$t" "$h") |"
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
} | tee "$OUT/summary.md"
log "raw results and logs in $OUT"
