#!/usr/bin/env bash
# The onboarding benchmark (issue 12). See bench/README.md.
#   bench/run.sh [--clients 64] [--warmup 300s] [--duration 60s] [--data DIR] [--keep] [--running]
#   bench/run.sh seed --count 100000 --data DIR [--templates 200] [--clients 96]
# Starts the suite with deploy/local/run.sh (data in DIR, default a fresh .data-bench/), runs the
# workload through the gateway, prints throughput, latency, failures, CPU per process and outbox lag,
# then the raw broker baseline, and stops the suite (unless --keep, or --running: use the suite that
# already runs under DIR and leave it running).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../bin/jdk.sh
. "$root/bin/jdk.sh"

mode=load
if [ "${1:-}" = seed ]; then mode=seed; shift; fi
data="" keep=0 running=0 load_args=() count=100000 templates=200
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --running) running=1; keep=1; shift ;;
    --count) count="$2"; load_args+=("$1" "$2"); shift 2 ;;
    --templates) templates="$2"; shift 2 ;;
    --clients|--warmup|--duration|--poll|--give-up) load_args+=("$1" "$2"); shift 2 ;;
    *) echo "bench/run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

version="0.1.0-SNAPSHOT"
bench_jar="$root/bench/target/bench-$version-exec.jar"
if [ ! -f "$bench_jar" ] || [ ! -f "$root/gateway/target/gateway-$version-exec.jar" ]; then
  echo "Building the suite and the benchmark client..."
  (cd "$root" && ./mvnw -B -q -Pbench -DskipTests install)
fi

if [ -z "$data" ]; then
  data="$root/.data-bench"
  if [ "$running" = 0 ] && [ "$mode" = load ]; then
    # A suite left running on this data (--keep) must stop before its data goes.
    PROVISIO_DATA_DIR="$data" "$root/deploy/local/run.sh" stop >/dev/null 2>&1 || true
    rm -rf "$data"
  fi
fi
mkdir -p "$data"
data="$(cd "$data" && pwd)"

export PROVISIO_DATA_DIR="$data"
export PROVISIO_BOOTSTRAP="$root/bench/bootstrap.yaml"
# The gateway's per-partner limit is not what is measured.
export PROVISIO_RATE_LIMIT=1000000

if [ "$running" = 0 ]; then
  "$root/deploy/local/run.sh" start
fi
stop_suite() { [ "$keep" = 1 ] || "$root/deploy/local/run.sh" stop >/dev/null; }
trap stop_suite EXIT

gateway="http://localhost:${GATEWAY_PORT:-8080}"
if [ "$mode" = seed ]; then
  # $templates onboardings through the saga, then copies of them up to $count (StoreCloner): the saga
  # alone would need hours for 100 000 at a few per second.
  "$JAVA_HOME/bin/java" -jar "$bench_jar" seed --gateway "$gateway" "${load_args[@]}" \
    --count "$(( templates < count ? templates : count ))"
  if [ "$count" -gt "$templates" ]; then
    "$JAVA_HOME/bin/java" -jar "$bench_jar" clone --mongo "mongodb://127.0.0.1:${PROVISIO_STORE_PORT:-27017}" \
      --count "$count"
  fi
  exit 0
fi

pid_args=()
for name in store smtp gateway customer-service identity-service subscription-service notification-service; do
  [ -f "$data/pids/$name.pid" ] && pid_args+=(--pid "$name=$(cat "$data/pids/$name.pid")")
done
rabbit_pid="$(pgrep -f 'beam.smp.*rabbit' | head -n 1 || true)"
[ -n "$rabbit_pid" ] && pid_args+=(--pid "rabbitmq=$rabbit_pid")
metrics_args=(
  --metrics customer-service=http://localhost:9081/actuator/prometheus
  --metrics identity-service=http://localhost:9082/actuator/prometheus
  --metrics subscription-service=http://localhost:9083/actuator/prometheus
  --metrics notification-service=http://localhost:9084/actuator/prometheus
)

echo "Store: $data ($(du -sh "$data" | cut -f1))"
"$JAVA_HOME/bin/java" -jar "$bench_jar" load --gateway "$gateway" "${pid_args[@]}" "${metrics_args[@]}" "${load_args[@]}"
echo
echo "Raw broker baseline (same machine, suite idle):"
"$JAVA_HOME/bin/java" -jar "$bench_jar" broker --uri "${RABBITMQ_URI:-amqp://guest:guest@localhost:5672}"
