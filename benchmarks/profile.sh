#!/usr/bin/env bash
#
# Where the time or the bytes of one benchmark app go, per request: starts the app on one
# core, warms it up as run.sh does (passes until /hello throughput stops rising), profiles
# 15 s of /hello under wrk with async-profiler (loaded into the running JVM, so start-up and warm-up are left out), and
# prints the frames that cost most, in microseconds (cpu) or bytes (alloc) per request.
#
# Usage: benchmarks/profile.sh <bare|boot-default|phoenix> [cpu|alloc] [path]
#        e.g. benchmarks/profile.sh phoenix alloc /work/1
# Needs the apps built (benchmarks/run.sh builds them); the stubs (downstream and OTLP
# sink) are started here. The builds are profiled at 100% sampling, as run.sh compares
# them (SAMPLING=0.1 for another probability; APP_ARGS for more of the app's arguments, such as
# APP_ARGS=--phoenix.observability.tracing.sampling.mode=head).
#
# The collapsed stacks are kept in benchmarks/target/profiles/ for a flame graph.

set -euo pipefail

VARIANT=${1:?variant: bare, boot-default or phoenix}
EVENT=${2:-cpu}
REQUEST_PATH=${3:-/hello/1}
WARMUP=${WARMUP:-10}
WARMUP_PASSES=${WARMUP_PASSES:-6}
CONNECTIONS=50
APP_CPU=${APP_CPU:-1}
LOAD_CPU=${LOAD_CPU:-0}
PROFILER_VERSION=4.6

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/benchmarks
OUT=$BENCH/target/profiles
mkdir -p "$OUT"
LIB=$BENCH/target/profiler/linux-x64/libasyncProfiler.so

if [ ! -f "$LIB" ]; then
	(cd "$ROOT" && ./mvnw -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:$PROFILER_VERSION \
		-DoutputDirectory="$BENCH/target/profiler")
	(cd "$BENCH/target/profiler" && unzip -q -o "async-profiler-$PROFILER_VERSION.jar" 'linux-x64/*')
fi

# shellcheck source=benchmarks/common.sh
. "$BENCH/common.sh"
start_stubs

APP_PORT=$(free_port)
PORT=$APP_PORT
JAR=$(jar_of "$VARIANT")
taskset -c "$APP_CPU" java -Xms512m -Xmx512m -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 \
	--bench.downstream-url="http://127.0.0.1:$DOWNSTREAM_PORT" \
	--management.opentelemetry.tracing.export.otlp.endpoint="http://127.0.0.1:$SINK_PORT/v1/traces" \
	--management.tracing.sampling.probability="${SAMPLING:-1.0}" ${APP_ARGS:-} > "$OUT/app-$VARIANT.log" 2>&1 &
APP_PID=$!
PIDS+=("$APP_PID")
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/hello/0"; do sleep 0.1; done

load() { # seconds connections: prints requests/s and requests served
	taskset -c "$LOAD_CPU" wrk -t1 -c"$2" -d"$1"s "http://127.0.0.1:$PORT$REQUEST_PATH" |
		awk '/requests in/ {n = $1} /Requests\/sec/ {r = $2} END {print r, n}'
}
warm_up_passes
echo "$VARIANT: warmed up after $WARMED_UP_AFTER passes, /hello at ${RPS}/s in the last"

FILE=$OUT/$VARIANT-$EVENT.collapsed
case $EVENT in
	cpu) OPTIONS="event=itimer,interval=1ms" ;;
	alloc) OPTIONS="event=alloc" ;;
	*) echo "event: cpu or alloc" >&2; exit 1 ;;
esac
# The quotes keep jcmd from reading the options as its own name=value arguments
jcmd "$APP_PID" JVMTI.agent_load "$LIB" "\"start,$OPTIONS,file=$FILE\"" > /dev/null
BEFORE=$(allocated "$APP_PID")
read -r RPS REQUESTS < <(load 15 50)
AFTER=$(allocated "$APP_PID")
jcmd "$APP_PID" JVMTI.agent_load "$LIB" "\"stop,file=$FILE,collapsed\"" > /dev/null
echo "$VARIANT $REQUEST_PATH: $RPS requests/s while profiled; stacks in $FILE"

# cpu: samples are spread over the CPU time, one core's worth per second, so a frame's
# share times (1 s / requests per second) is its cost per request. alloc: samples are
# spread over the bytes allocated, so a frame's share times the bytes per request (read
# over JMX around the run) is its allocation per request.
python3 - "$FILE" "$EVENT" "$RPS" "$REQUESTS" "$((AFTER - BEFORE))" << 'EOF'
import collections, sys
path, event, rps, requests, allocated = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
total = 0
inclusive = collections.Counter()
leaf = collections.Counter()
for line in open(path):
    stack, _, count = line.rstrip().rpartition(' ')
    count = int(count)
    total += count
    frames = stack.split(';')
    leaf[frames[-1]] += count
    for frame in set(frames):
        inclusive[frame] += count
if event == 'cpu':
    scale, unit = 1e6 / rps / total, 'us/request'
else:
    scale, unit = allocated / requests / total, 'B/request'
print(f"{total * scale:10.1f} {unit} in all")
print(f"-- top frames by own cost ({unit})")
for frame, count in leaf.most_common(20):
    print(f"{count * scale:10.2f}  {frame[:150]}")
print(f"-- Phoenix, Micrometer, OpenTelemetry and Logback frames, inclusive ({unit})")
watched = ('io/phoenix', 'io/micrometer', 'io/opentelemetry', 'ch/qos/logback', 'net/logstash')
shown = [(frame, count) for frame, count in inclusive.most_common() if frame.startswith(watched)]
for frame, count in shown[:30]:
    print(f"{count * scale:10.2f}  {frame[:150]}")
EOF
