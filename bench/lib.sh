# Shared by the bench/run-*.sh scripts: process bookkeeping, free loopback ports, readiness, a fresh Redis, silo and
# API host. Sourced as `source "$ROOT/bench/lib.sh" run-NAME` after the script's settings (KEEP_LOGS, REDIS_SERVER):
# it makes the work directory WORK, the list PIDS of processes to stop (oldest first) and the exit trap.

cleanup() {
  # Newest first (clients, API host, silo) and Redis last, so the silo can leave the cluster cleanly.
  local i pid
  for (( i = ${#PIDS[@]} - 1; i >= 0; i-- )); do
    pid=${PIDS[i]}
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [[ "$KEEP_LOGS" == 1 ]]; then echo "logs kept in $WORK"; else rm -rf "$WORK"; fi
}

log() { printf '[%s] %s\n' "$LOG_TAG" "$*" >&2; }

# A loopback TCP port no socket uses, below the kernel's ephemeral range: outgoing connections (10,000 of them in the
# fan-out benchmark, more from other people's runs) take their local ports from that range, and one of them could
# take a port between this check and the bind. The bind itself is the final check.
free_port() {
  local port low
  read -r low _ </proc/sys/net/ipv4/ip_local_port_range
  (( low > 21000 )) || low=32768
  while :; do
    port=$(( (RANDOM % (low - 20000)) + 20000 ))
    if ! ss -Htan "sport = :$port" | grep -q .; then echo "$port"; return; fi
  done
}

wait_http() { # url, seconds, name
  local url=$1 deadline=$(( SECONDS + $2 ))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if (( SECONDS > deadline )); then log "$3 not ready at $url after $2 s; last log lines:"; tail -n 30 "$WORK/$3.log" >&2 || true; exit 1; fi
    sleep 0.5
  done
}

# A fresh redis-server on a free loopback port, AOF on with appendfsync everysec as in the production
# docker-compose, no RDB snapshots. Sets REDIS_PORT and REDIS_PID. $1 (optional): a folder under WORK for its data,
# for scripts that start more than one (a second server in the same folder would load the first one's AOF).
start_redis() {
  local dir=$WORK/${1:-}
  mkdir -p "$dir"
  REDIS_PORT=$(free_port)
  log "redis-server on 127.0.0.1:$REDIS_PORT (fresh, AOF on, appendfsync everysec, no RDB snapshots)"
  "$REDIS_SERVER" --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$dir" --save '' \
    --appendonly yes --appendfsync everysec --daemonize no --logfile "$dir/redis.log" &
  REDIS_PID=$!; PIDS+=("$REDIS_PID")
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -p "$REDIS_PORT" ping >/dev/null
}

# Builds the given projects (paths relative to ROOT) in Release, quietly; prints the log only on failure.
build_release() {
  local project
  for project in "$@"; do
    dotnet build "$ROOT/$project" -c Release -nologo -v quiet >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
  done
}

# One silo in Redis mode (the caller exported the cluster settings) on free ports; sets SILO_PID. $1: the silo dll,
# $2: extra words for the log line.
start_silo() {
  local port gateway
  SILO_HTTP=$(free_port); port=$(free_port); gateway=$(free_port)
  log "silo: health http://127.0.0.1:$SILO_HTTP, silo port $port, gateway $gateway, cluster $GridTokenX__ClusterId${2:+, $2}"
  ASPNETCORE_URLS="http://127.0.0.1:$SILO_HTTP" GridTokenX__Silo__SiloPort=$port GridTokenX__Silo__GatewayPort=$gateway \
    dotnet exec "$1" >"$WORK/silo.log" 2>&1 &
  SILO_PID=$!; PIDS+=("$SILO_PID")
  wait_http "http://127.0.0.1:$SILO_HTTP/health/ready" 60 silo
}

# One API host on a free port, logging to api.log; sets API_URL and API_PID. $1: the host's dll.
start_api() {
  API_URL="http://127.0.0.1:$(free_port)"
  log "api host ($(basename "$1")): $API_URL"
  ASPNETCORE_URLS="$API_URL" dotnet exec "$1" >"$WORK/api.log" 2>&1 &
  API_PID=$!; PIDS+=("$API_PID")
  wait_http "$API_URL/health/ready" 60 api
}

# Says so (and keeps the logs) when Redis, the silo or the API host died during a run: its numbers are not valid.
check_alive() {
  local pair
  for pair in "redis:$REDIS_PID" "silo:$SILO_PID" "api:$API_PID"; do
    if ! kill -0 "${pair#*:}" 2>/dev/null; then
      echo "!! ${pair%%:*} (pid ${pair#*:}) is no longer running; the numbers above are not valid. Last log lines:"
      tail -n 20 "$WORK/${pair%%:*}.log" 2>/dev/null || true
      KEEP_LOGS=1
    fi
  done
}

# The settings every process of a benchmark's cluster shares, after start_redis: sets and exports SIGNING_KEY, the
# Redis connection, a fresh cluster id (prefix $1) and the production environment.
cluster_environment() {
  SIGNING_KEY="$1-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
  export GridTokenX__Redis__ConnectionString="127.0.0.1:$REDIS_PORT" GridTokenX__ClusterId="$1-$$-$RANDOM" Auth__SigningKey="$SIGNING_KEY"
  export DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production
}

# API.md's default limits are meant for people (100 requests a minute per key); a load test from one machine would
# spend them at once. Limits stay on, their cost part of what is measured, but far above any load here (windows of one
# second: an exact sliding window keeps 8 bytes per permit and key). RATE_LIMITS=off turns them off instead.
bench_rate_limits() {
  if [[ "${RATE_LIMITS:-on}" == off ]]; then export GridTokenX__RateLimits__Enabled=false; return; fi
  export GridTokenX__RateLimits__Enabled=true
  local p
  for p in api order_creation sensitive auth; do
    export "GridTokenX__RateLimits__Policies__${p}__Limit=100000" "GridTokenX__RateLimits__Policies__${p}__WindowSeconds=1"
  done
  for p in trading market_data; do
    export "GridTokenX__RateLimits__Policies__${p}__Burst=200000" "GridTokenX__RateLimits__Policies__${p}__RefillPerSecond=200000"
  done
}

# The value of name=value in a RESULT line: field "$line" name.
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

LOG_TAG=${1:?usage: source lib.sh run-NAME}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gtx-${LOG_TAG#run-}.XXXXXX")
PIDS=()
trap cleanup EXIT
trap 'exit 130' INT TERM

# N fresh lock nodes (redis-server, no persistence: a valid lock-node configuration, docs/locks.md) on free loopback
# ports; sets LOCK_PORTS. $1: how many, $2: a folder name under WORK for their data and logs.
start_lock_nodes() {
  local i port
  LOCK_PORTS=()
  for (( i = 0; i < $1; i++ )); do
    port=$(free_port)
    mkdir -p "$WORK/$2-node$i"
    "$REDIS_SERVER" --port "$port" --bind 127.0.0.1 --dir "$WORK/$2-node$i" --save '' --appendonly no --daemonize no \
      --logfile "$WORK/$2-node$i/redis.log" &
    PIDS+=("$!")
    for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
    redis-cli -p "$port" ping >/dev/null
    LOCK_PORTS+=("$port")
  done
}
