# Shared by the bench/run-*.sh scripts (sourced, not run): process clean-up, free ports and a fresh redis-server.
# The caller sets WORK (its temp directory), KEEP_LOGS, REDIS_SERVER and BENCH_NAME (log prefix), and appends every
# process it starts to PIDS. Sourcing it installs the clean-up on exit.
PIDS=()

bench_cleanup() {
  # Newest first, Redis (started first) last, so Orleans processes can leave their cluster cleanly.
  local i pid
  for (( i = ${#PIDS[@]} - 1; i >= 0; i-- )); do
    pid=${PIDS[i]}
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [[ "$KEEP_LOGS" == 1 ]]; then echo "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[%s] %s\n' "$BENCH_NAME" "$*" >&2; }

# A loopback TCP port nobody listens on (checked again right before use by the process itself failing to bind).
free_port() {
  local port
  while :; do
    port=$(( (RANDOM % 20000) + 20000 ))
    if ! ss -Htln "sport = :$port" | grep -q .; then echo "$port"; return; fi
  done
}

# Starts a fresh redis-server in $WORK on a free loopback port, AOF on with appendfsync everysec (as the production
# docker-compose), no RDB snapshots; sets REDIS_PORT and REDIS_PID.
start_redis() {
  REDIS_PORT=$(free_port)
  log "redis-server on 127.0.0.1:$REDIS_PORT (fresh, AOF on, appendfsync everysec, no RDB snapshots)"
  "$REDIS_SERVER" --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$WORK" --save '' \
    --appendonly yes --appendfsync everysec --daemonize no --logfile "$WORK/redis.log" &
  REDIS_PID=$!; PIDS+=("$REDIS_PID")
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -p "$REDIS_PORT" ping >/dev/null
}
