# Shared by run.sh and profile.sh; sourced, not run. Expects BENCH, OUT and LOAD_CPU.

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
