#!/usr/bin/env bash
# Runs the whole suite on this machine, without Docker:
#   deploy/local/run.sh start    build if needed, start store, SMTP sink + five services, wait until healthy
#   deploy/local/run.sh status   what runs, and where
#   deploy/local/run.sh stop     stop everything this script started
# Honours PROVISIO_BOOTSTRAP, PROVISIO_DATA_DIR (default .data), GATEWAY_PORT (default 8080), PROVISIO_STORE_HEAP
# (the local store's -Xmx, default 512m), PROVISIO_STORE_CACHE_MB (its H2 page cache, default 16),
# PROVISIO_SMTP_PORT (the local SMTP sink, default 3025; SPRING_MAIL_HOST to use another),
# MONGODB_URI (default: a local store process), RABBITMQ_URI (default: RabbitMQ on localhost:5672, where
# each service logs in as its own user, created by deploy/local/rabbitmq-users.sh) and PROVISIO_JAVA_OPTS (extra
# JVM options for the five services, e.g. a GC to compare in a benchmark; split on spaces).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${PROVISIO_DATA_DIR:-$root/.data}"
mkdir -p "$data"
data="$(cd "$data" && pwd)"
logs="$data/logs"
pids="$data/pids"
gateway_port="${GATEWAY_PORT:-8080}"
store_port="${PROVISIO_STORE_PORT:-27017}"
smtp_port="${PROVISIO_SMTP_PORT:-3025}"
bootstrap="${PROVISIO_BOOTSTRAP:-$root/deploy/local/bootstrap.yaml}"
version="0.1.0-SNAPSHOT"

# service name, API port, management port (the gateway's API port is GATEWAY_PORT)
services=(
  "identity-service 8082 9082"
  "customer-service 8081 9081"
  "subscription-service 8083 9083"
  "notification-service 8084 9084"
  "gateway $gateway_port 9080"
)

say() { printf '%s\n' "$*"; }
fail() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

pid_of() { [ -f "$pids/$1.pid" ] && cat "$pids/$1.pid" || true; }
alive() { local pid; pid="$(pid_of "$1")"; [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

jar_of() {
  if [ "$1" = store ]; then echo "$root/devstack/target/devstack-$version-exec.jar"
  else echo "$root/$1/target/$1-$version-exec.jar"; fi
}

build_if_needed() {
  local missing=0 name
  for name in store identity-service customer-service subscription-service notification-service gateway; do
    [ -f "$(jar_of "$name")" ] || missing=1
  done
  if [ "$missing" = 1 ]; then
    say "Building the suite (first run; about two minutes)..."
    (cd "$root" && ./mvnw -B -q -DskipTests install) || fail "the build failed; run ./mvnw -B verify to see why"
  fi
}

ensure_rabbitmq() {
  if [ -n "${RABBITMQ_URI:-}" ]; then return; fi
  if port_open 5672; then return; fi
  if command -v rabbitmq-server >/dev/null 2>&1; then
    say "RabbitMQ is down: starting it (rabbitmq-server -detached)..."
    rabbitmq-server -detached >/dev/null 2>&1 || true
    for _ in $(seq 1 60); do port_open 5672 && return; sleep 1; done
    fail "RabbitMQ did not come up on localhost:5672 within 60 s; see its logs under /var/log/rabbitmq"
  fi
  fail "no RabbitMQ on localhost:5672. Install and start it (Debian: apt-get install rabbitmq-server; rabbitmq-server -detached), or set RABBITMQ_URI=amqp://user:pass@host:5672"
}

# Each service logs in to RabbitMQ as its own user (deploy/broker-permissions.tsv, ADR 013), unless RABBITMQ_URI
# names a broker of the caller's: then every service uses that URI, as before.
broker_users=""
ensure_broker_users() {
  if [ -n "${RABBITMQ_URI:-}" ]; then return; fi
  if "$root/deploy/local/rabbitmq-users.sh"; then
    broker_users="$root/deploy/local/.secrets"
  else
    say "WARNING: could not create the per-service RabbitMQ users (see above); the services use guest" >&2
  fi
}

rabbit_uri_for() {
  local password="$broker_users/rabbitmq-$1.password"
  if [ -n "$broker_users" ] && [ -r "$password" ]; then
    echo "amqp://$1:$(cat "$password")@localhost:5672"
  else
    echo "${RABBITMQ_URI:-amqp://guest:guest@localhost:5672}"
  fi
}

start_store() {
  if [ -n "${MONGODB_URI:-}" ]; then return; fi
  if alive store; then return; fi
  if port_open "$store_port"; then
    fail "port $store_port is taken by another process: stop it, set PROVISIO_STORE_PORT, or set MONGODB_URI"
  fi
  # The store keeps its secondary indexes in memory (ADR 008): a store with 10^5 onboardings needs a few GB.
  PROVISIO_DATA_DIR="$data" nohup "$JAVA_HOME/bin/java" "-Xmx${PROVISIO_STORE_HEAP:-512m}" -jar "$(jar_of store)" \
    "$store_port" \
    >>"$logs/store.log" 2>&1 &
  echo $! >"$pids/store.pid"
  # It listens once it has opened its file and rebuilt its in-memory indexes: seconds for a fresh store,
  # minutes for one that holds 10^5 onboardings. Waits while the process lives (at most 15 min).
  local waited=0
  while alive store && [ "$waited" -lt 1800 ]; do
    port_open "$store_port" && return
    if [ "$waited" = 20 ]; then
      say "The local store is opening $(du -sh "$data/store.mv" 2>/dev/null | cut -f1) of data and rebuilding its indexes..."
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  tail -n 30 "$logs/store.log" >&2
  fail "the local store did not start; its log is $logs/store.log"
}

# The e-mails' sink (devstack's LocalSmtp, GreenMail): a process of its own, as a relay is in production. Every
# message it receives is kept as $data/mail/<n>.eml. With SPRING_MAIL_HOST set, notification-service sends there.
start_smtp() {
  if [ -n "${SPRING_MAIL_HOST:-}" ]; then return; fi
  if alive smtp; then return; fi
  if port_open "$smtp_port"; then
    fail "port $smtp_port is taken by another process: stop it, set PROVISIO_SMTP_PORT, or set SPRING_MAIL_HOST"
  fi
  PROVISIO_DATA_DIR="$data" nohup "$JAVA_HOME/bin/java" -Xmx64m -cp "$(jar_of store)" \
    -Dloader.main=io.provisio.devstack.LocalSmtp org.springframework.boot.loader.launch.PropertiesLauncher \
    "$smtp_port" >>"$logs/smtp.log" 2>&1 &
  echo $! >"$pids/smtp.pid"
  local waited=0
  while alive smtp && [ "$waited" -lt 120 ]; do
    port_open "$smtp_port" && return
    sleep 0.5
    waited=$((waited + 1))
  done
  tail -n 30 "$logs/smtp.log" >&2
  fail "the local SMTP sink did not start; its log is $logs/smtp.log"
}

# The JIT's native memory (docs/PERFORMANCE.md, run 16): under load, C2 once compiles Spring Integration's
# DefaultAmqpHeaderMapper.extractStandardHeaders with ~275 MB of native memory (JDK 25), which glibc then keeps, so
# a service sat at 525-600 MiB resident instead of ~400. A ceiling per compilation stops that one (the method stays
# as C1 compiled it; the largest other compilation took 45 MB) and the JVM hands freed native memory back every 10 s.
# MemLimit needs JDK 22 or later; an older JVM runs without both.
jit_memory_opts=(-XX:CompileCommand=quiet '-XX:CompileCommand=MemLimit,*.*,100m' -XX:TrimNativeHeapInterval=10000)
check_jit_memory_opts() {
  "$JAVA_HOME/bin/java" "${jit_memory_opts[@]}" -version >/dev/null 2>&1 || jit_memory_opts=()
}

start_service() {
  local name="$1" port="$2" management="$3"
  if alive "$name"; then return; fi
  if port_open "$port"; then fail "port $port (for $name) is taken by another process"; fi
  local args=(--spring.profiles.active=local --server.port="$port" --management.server.port="$management")
  if [ "$name" = gateway ]; then
    args+=(--provisio.gateway.jwk-set-uri=http://localhost:8082/oauth2/jwks)
  fi
  if [ "$name" = customer-service ]; then
    # DEMO ONLY: the Idempotency-Key digest key (HMAC, ADR 012) of the local run. Production sets its own
    # PROVISIO_IDEMPOTENCY_KEY from a secret; never reuse this one. Exported for this service alone.
    local -x PROVISIO_IDEMPOTENCY_KEY="${PROVISIO_IDEMPOTENCY_KEY:-demo-only-idempotency-digest-key-for-the-local-run}"
  fi
  # shellcheck disable=SC2086 # PROVISIO_JAVA_OPTS is a list of options, split on purpose
  RABBITMQ_URI="$(rabbit_uri_for "$name")" \
  MONGODB_URI="${MONGODB_URI:-mongodb://127.0.0.1:$store_port}" \
  PROVISIO_BOOTSTRAP="$bootstrap" \
  PROVISIO_ISSUER="http://localhost:$gateway_port" \
  PROVISIO_SMTP_PORT="$smtp_port" \
  nohup "$JAVA_HOME/bin/java" -Xmx384m ${jit_memory_opts[@]+"${jit_memory_opts[@]}"} ${PROVISIO_JAVA_OPTS:-} -jar "$(jar_of "$name")" "${args[@]}" \
    >>"$logs/$name.log" 2>&1 &
  echo $! >"$pids/$name.pid"
}

await_healthy() {
  local deadline=$((SECONDS + ${PROVISIO_START_TIMEOUT:-420})) entry name port management pending
  while :; do
    pending=""
    for entry in "${services[@]}"; do
      read -r name port management <<<"$entry"
      if ! alive "$name"; then
        say "$name stopped while starting. Last lines of $logs/$name.log:" >&2
        tail -n 40 "$logs/$name.log" >&2
        stop_all >/dev/null
        exit 1
      fi
      curl -fsS -o /dev/null "http://localhost:$management/actuator/health/readiness" 2>/dev/null || pending="$pending $name"
    done
    [ -z "$pending" ] && return
    if [ "$SECONDS" -ge "$deadline" ]; then
      for name in $pending; do
        say "$name is not healthy after ${PROVISIO_START_TIMEOUT:-420} s (PROVISIO_START_TIMEOUT). Last lines of $logs/$name.log:" >&2
        tail -n 40 "$logs/$name.log" >&2
      done
      stop_all >/dev/null
      exit 1
    fi
    sleep 1
  done
}

stop_one() {
  local name="$1" pid
  pid="$(pid_of "$name")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    say "stopped $name"
  fi
  rm -f "$pids/$name.pid"
}

stop_all() {
  local i entry name
  for ((i = ${#services[@]} - 1; i >= 0; i--)); do
    read -r name _ _ <<<"${services[$i]}"
    stop_one "$name"
  done
  stop_one smtp
  # The store goes last, after every service has written its last state.
  stop_one store
}

status() {
  local entry name port management state
  for entry in "store - -" "smtp - -" "${services[@]}"; do
    read -r name port management <<<"$entry"
    if alive "$name"; then state="running (pid $(pid_of "$name"))"; else state="stopped"; fi
    if [ "$port" != - ] && alive "$name"; then
      if curl -fsS -o /dev/null "http://localhost:$management/actuator/health/readiness" 2>/dev/null; then
        state="$state, healthy"; else state="$state, not ready"; fi
    fi
    printf '%-22s %s\n' "$name" "$state"
  done
  alive gateway && say "Gateway: http://localhost:$gateway_port"
  return 0
}

case "${1:-}" in
  start)
    mkdir -p "$logs" "$pids"
    # shellcheck source=../../bin/jdk.sh
    . "$root/bin/jdk.sh"
    [ -r "$bootstrap" ] || fail "PROVISIO_BOOTSTRAP names $bootstrap, which is not a readable file"
    build_if_needed
    ensure_rabbitmq
    ensure_broker_users
    start_store
    start_smtp
    check_jit_memory_opts
    for entry in "${services[@]}"; do
      read -r name port management <<<"$entry"
      start_service "$name" "$port" "$management"
    done
    say "Waiting for the services to report healthy (logs in $logs)..."
    await_healthy
    say "Provisio is running. Gateway: http://localhost:$gateway_port"
    say "Demo client: nordic-it-api / change-me (deploy/local/bootstrap.yaml). Stop with: deploy/local/run.sh stop"
    [ -n "${SPRING_MAIL_HOST:-}" ] || say "E-mails: $data/mail/*.eml (SMTP sink on localhost:$smtp_port)"
    ;;
  stop) stop_all ;;
  status) status ;;
  *) say "usage: deploy/local/run.sh start|stop|status"; exit 2 ;;
esac
