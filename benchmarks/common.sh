# Shared by run.sh and profile.sh; sourced, not run. Expects BENCH, OUT and LOAD_CPU, and
# APP_PORT, CONNECTIONS, WARMUP and WARMUP_PASSES for the load functions.

CP="$BENCH/target/classes:$BENCH/target/lib/*"
PIDS=()

cleanup() {
	for pid in "${PIDS[@]:-}"; do
		[ -n "$pid" ] && kill "$pid" 2>/dev/null || true
	done
}
trap cleanup EXIT

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

jar_of() {
	ls "$BENCH/apps/$1/target/"benchmark-app-"$1"-*.jar | grep -v original | head -1
}

# start_stubs: the downstream of /work, a healthy OTLP sink and a sink that never answers,
# on core LOAD_CPU, until this script ends (they watch its process, so they go with it even
# when it is killed outright); sets their ports, and REFUSED_PORT where nothing listens
start_stubs() {
	DOWNSTREAM_PORT=$(free_port)
	SINK_PORT=$(free_port)
	HANGING_PORT=$(free_port)
	REFUSED_PORT=$(free_port)
	taskset -c "$LOAD_CPU" java -Xmx256m -cp "$CP" io.phoenix.observability.benchmarks.Stubs \
		"$DOWNSTREAM_PORT" "$SINK_PORT" "$HANGING_PORT" $$ > "$OUT/stubs.log" 2>&1 &
	PIDS+=($!)
	until grep -q "stubs ready" "$OUT/stubs.log" 2>/dev/null; do sleep 0.2; done
}

# allocated <pid>: bytes allocated so far by the live threads of that JVM
allocated() {
	taskset -c "$LOAD_CPU" java -cp "$CP" io.phoenix.observability.benchmarks.AllocationProbe "$1"
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

# warm_up_passes: passes of low concurrency (the JIT compilers get the core) and full load,
# until the full-load throughput of /hello rises less than 5% from one pass to the next, at
# most WARMUP_PASSES; sets WARMED_UP_AFTER to the number of passes it took
WARMED_UP_AFTER=
warm_up_passes() {
	local previous=0 pass
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
	WARMED_UP_AFTER=$pass
}
