#!/usr/bin/env bash
# A real GridTokenX cluster on this machine, on loopback: Redis (AOF on), K independent Redis nodes for Redlock, N silos
# and M API hosts as separate processes, with one shared signing key. Linux (reads /proc).
#
#   scripts/cluster.sh up [--silos N] [--api-hosts M] [--lock-nodes K] [--no-build]   (defaults 2, 2, 3)
#   scripts/cluster.sh status      each process, its port, whether it is up and ready (exit 0 only if all are ready)
#   scripts/cluster.sh down [--purge]   stops exactly what `up` started; --purge also deletes Redis data, key and logs
#   scripts/cluster.sh token --user carol [--role admin] [--ttl 1h]   a token signed with this cluster's key
#
# Everything lives in the state directory (GTX_CLUSTER_DIR, default .cluster/ in the repository): PIDs, logs, Redis
# data, the signing key (0600, never printed) and env (the tokens `up` printed, 0600). Ports (each checked free before
# anything starts):
#
#   GTX_CLUSTER_REDIS_PORT      main Redis; lock node i is this + i         default 6379 (lock nodes 6380…)
#   GTX_CLUSTER_API_PORT        API host j listens on this + j - 1           default 5080
#   GTX_CLUSTER_SILO_HTTP_PORT  silo i's health/metrics port: this + i - 1   default 5090
#   GTX_CLUSTER_SILO_PORT       silo i's silo-to-silo port: this + i - 1     default 11111
#   GTX_CLUSTER_GATEWAY_PORT    silo i's client gateway port: this + i - 1   default 30000
#   GTX_CLUSTER_BASE_PORT       if set, the defaults above become base, base+20, base+40, base+60, base+80 (tests)
#
# Other settings: GTX_CLUSTER_ID (Orleans cluster and service id, default gridtokenx), GTX_CLUSTER_CONFIGURATION
# (default Release), GTX_CLUSTER_READY_TIMEOUT (seconds, default 120), GTX_CLUSTER_STOP_TIMEOUT (seconds per group,
# default 45: longer than a silo's 30 s shutdown timeout). Any other GridTokenX__* or Logging__* variable in your
# environment reaches every silo and API host unchanged (e.g. GridTokenX__RateLimits__Enabled=false).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${GTX_CLUSTER_DIR:-$ROOT/.cluster}"
RUN="$STATE/run"
LOGS="$STATE/logs"
CONFIGURATION="${GTX_CLUSTER_CONFIGURATION:-Release}"
CLUSTER_ID="${GTX_CLUSTER_ID:-gridtokenx}"
READY_TIMEOUT="${GTX_CLUSTER_READY_TIMEOUT:-120}"
STOP_TIMEOUT="${GTX_CLUSTER_STOP_TIMEOUT:-45}"
SILO_DLL="$ROOT/src/Silo/bin/$CONFIGURATION/net10.0/GridTokenX.Silo.dll"
API_DLL="$ROOT/src/ApiHost/bin/$CONFIGURATION/net10.0/GridTokenX.ApiHost.dll"

if [ -n "${GTX_CLUSTER_BASE_PORT:-}" ]; then
  base=$GTX_CLUSTER_BASE_PORT
  REDIS_PORT="${GTX_CLUSTER_REDIS_PORT:-$base}"
  API_PORT="${GTX_CLUSTER_API_PORT:-$((base + 20))}"
  SILO_HTTP_PORT="${GTX_CLUSTER_SILO_HTTP_PORT:-$((base + 40))}"
  SILO_PORT="${GTX_CLUSTER_SILO_PORT:-$((base + 60))}"
  GATEWAY_PORT="${GTX_CLUSTER_GATEWAY_PORT:-$((base + 80))}"
else
  REDIS_PORT="${GTX_CLUSTER_REDIS_PORT:-6379}"
  API_PORT="${GTX_CLUSTER_API_PORT:-5080}"
  SILO_HTTP_PORT="${GTX_CLUSTER_SILO_HTTP_PORT:-5090}"
  SILO_PORT="${GTX_CLUSTER_SILO_PORT:-11111}"
  GATEWAY_PORT="${GTX_CLUSTER_GATEWAY_PORT:-30000}"
fi

die() { echo "cluster.sh: $*" >&2; exit 1; }

usage() {
  sed -n '5,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# --- the record of what runs: one file per process in $RUN, "pid starttime kind port" ---------------------------------

# The kernel's start time of a process (clock ticks since boot): with the PID it names one process for good, so a PID the
# kernel has since given to something else is never signalled.
start_time() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  # shellcheck disable=SC2086
  set -- $stat
  echo "${20}"
}

record() { echo "$2 $(start_time "$2") $3 $4" > "$RUN/$1"; }

# Every recorded name in stop order: API hosts, silos (they leave the cluster through Redis), lock nodes, Redis.
recorded() {
  local kind
  for kind in api silo lock redis; do
    # shellcheck disable=SC2012
    ls "$RUN" 2>/dev/null | grep -E "^$kind(-[0-9]+)?$" | sort -t- -k2 -n || true
  done
}

field() { awk -v n="$2" '{print $n}' "$RUN/$1"; }

is_running() {
  [ -f "$RUN/$1" ] || return 1
  local pid started now
  read -r pid started _ < "$RUN/$1"
  now=$(start_time "$pid") || return 1
  [ "$now" = "$started" ]
}

http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$1$2" 2>/dev/null || true; }

is_ready() {
  local kind port
  kind=$(field "$1" 3)
  port=$(field "$1" 4)
  case "$kind" in
    redis | lock) [ "$(redis-cli -p "$port" ping 2>/dev/null)" = "PONG" ] ;;
    *) [ "$(http_status "$port" /health/ready)" = "200" ] ;;
  esac
}

port_taken() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- up -------------------------------------------------------------------------------------------------------------

start_redis() { # name port dir fsync
  mkdir -p "$3"
  setsid redis-server --bind 127.0.0.1 --port "$2" --dir "$3" --appendonly yes --appendfsync "$4" --save "" \
    --maxmemory-policy noeviction --daemonize no < /dev/null > "$LOGS/$1.log" 2>&1 &
  record "$1" $! "${1%%-*}" "$2"
}

start_host() { # name kind dll port (environment comes from the caller's exported variables)
  (cd "$(dirname "$3")" && exec setsid dotnet exec "$3") < /dev/null > "$LOGS/$1.log" 2>&1 &
  record "$1" $! "$2" "$4"
}

cluster_env() {
  export GridTokenX__Redis__ConnectionString="127.0.0.1:$REDIS_PORT"
  export GridTokenX__ClusterId="$CLUSTER_ID" GridTokenX__ServiceId="$CLUSTER_ID"
  export Auth__SigningKey
  Auth__SigningKey=$(cat "$STATE/signing-key")
  export DOTNET_NOLOGO=1
  local k
  for k in $(seq 1 "$LOCK_NODES"); do export "GridTokenX__Redis__LockEndpoints__$((k - 1))=127.0.0.1:$((REDIS_PORT + k))"; done
}

issue_token() { (cd "$(dirname "$API_DLL")" && dotnet exec "$API_DLL" issue-token "$@"); }

wait_ready() {
  local deadline=$((SECONDS + READY_TIMEOUT)) name pending
  while :; do
    pending=""
    for name in $(recorded); do
      if ! is_running "$name"; then
        echo "cluster.sh: $name exited during start-up; its log: $LOGS/$name.log" >&2
        tail -n 20 "$LOGS/$name.log" >&2 || true
        return 1
      fi
      is_ready "$name" || pending="$pending $name"
    done
    [ -z "$pending" ] && return 0
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "cluster.sh: not ready after ${READY_TIMEOUT}s:$pending. Logs in $LOGS:" >&2
      for name in $pending; do echo "  $LOGS/$name.log" >&2; done
      return 1
    fi
    sleep 1
  done
}

up() {
  local silos=2 api_hosts=2 build=1
  LOCK_NODES=3
  while [ $# -gt 0 ]; do
    case "$1" in
      --silos) silos="${2:?}"; shift 2 ;;
      --api-hosts) api_hosts="${2:?}"; shift 2 ;;
      --lock-nodes) LOCK_NODES="${2:?}"; shift 2 ;;
      --no-build) build=0; shift ;;
      *) usage ;;
    esac
  done
  [[ "$silos" =~ ^[0-9]+$ && "$silos" -ge 1 && "$silos" -le 20 ]] || die "--silos must be 1 to 20."
  [[ "$api_hosts" =~ ^[0-9]+$ && "$api_hosts" -ge 1 && "$api_hosts" -le 20 ]] || die "--api-hosts must be 1 to 20."
  [[ "$LOCK_NODES" =~ ^[0-9]+$ && "$LOCK_NODES" -le 9 ]] || die "--lock-nodes must be 0 to 9 (0: locks on the main Redis; use 3 or 5)."
  command -v redis-server > /dev/null || die "redis-server is not installed (scripts/test.sh installs it with apt-get)."
  [ -d /proc/self ] || die "needs Linux (/proc)."

  (umask 077 && mkdir -p "$STATE")
  mkdir -p "$RUN" "$LOGS"
  for name in $(recorded); do
    is_running "$name" && die "already running ($name, pid $(field "$name" 1)); 'scripts/cluster.sh down' first."
    rm -f "$RUN/$name" # a record left by a machine restart or a SIGKILLed cluster
  done

  # Every port, with what it is for, checked before anything starts.
  local -a ports=() names=()
  local i
  ports+=("$REDIS_PORT"); names+=("redis (GTX_CLUSTER_REDIS_PORT)")
  for i in $(seq 1 "$LOCK_NODES"); do ports+=("$((REDIS_PORT + i))"); names+=("lock-$i (GTX_CLUSTER_REDIS_PORT + $i)"); done
  for i in $(seq 1 "$api_hosts"); do ports+=("$((API_PORT + i - 1))"); names+=("api-$i (GTX_CLUSTER_API_PORT)"); done
  for i in $(seq 1 "$silos"); do
    ports+=("$((SILO_HTTP_PORT + i - 1))" "$((SILO_PORT + i - 1))" "$((GATEWAY_PORT + i - 1))")
    names+=("silo-$i http (GTX_CLUSTER_SILO_HTTP_PORT)" "silo-$i silo port (GTX_CLUSTER_SILO_PORT)" "silo-$i gateway (GTX_CLUSTER_GATEWAY_PORT)")
  done
  local dup
  dup=$(printf '%s\n' "${ports[@]}" | sort | uniq -d | head -n 1)
  [ -z "$dup" ] || die "port $dup is given to two processes: spread the GTX_CLUSTER_*_PORT settings further apart."
  for i in "${!ports[@]}"; do
    [[ "${ports[$i]}" -ge 1 && "${ports[$i]}" -le 65535 ]] || die "port ${ports[$i]} for ${names[$i]} is out of range."
    if port_taken "${ports[$i]}"; then die "port ${ports[$i]} for ${names[$i]} is in use; set that variable to a free range."; fi
  done

  if [ "$build" = 1 ]; then
    echo "==> Building silo and API host ($CONFIGURATION; log: $LOGS/build.log)"
    { dotnet build "$ROOT/src/Silo" -c "$CONFIGURATION" -nologo && dotnet build "$ROOT/src/ApiHost" -c "$CONFIGURATION" -nologo; } \
      > "$LOGS/build.log" 2>&1 || { tail -n 30 "$LOGS/build.log" >&2; die "build failed; log: $LOGS/build.log"; }
  fi
  [ -f "$SILO_DLL" ] && [ -f "$API_DLL" ] || die "$SILO_DLL or $API_DLL is missing: run without --no-build."

  if [ ! -s "$STATE/signing-key" ]; then
    (umask 077 && openssl rand -hex 32 > "$STATE/signing-key")
  fi
  chmod 600 "$STATE/signing-key"

  # From here on, a failure or Ctrl-C stops whatever was started (the logs stay).
  STARTED=0
  trap 'if [ "$STARTED" = 0 ]; then echo "cluster.sh: start-up failed; stopping what was started (logs: $LOGS)" >&2; down >&2; fi' EXIT
  trap 'exit 130' INT TERM
  echo "==> Starting Redis (AOF) and $LOCK_NODES lock node(s)"
  start_redis redis "$REDIS_PORT" "$STATE/redis/main" everysec
  # Lock nodes persist every write before answering, so a fencing token never goes back (docs/locks.md).
  for i in $(seq 1 "$LOCK_NODES"); do start_redis "lock-$i" "$((REDIS_PORT + i))" "$STATE/redis/lock-$i" always; done
  wait_ready || false

  echo "==> Starting $silos silo(s) and $api_hosts API host(s)"
  cluster_env
  for i in $(seq 1 "$silos"); do
    ASPNETCORE_URLS="http://127.0.0.1:$((SILO_HTTP_PORT + i - 1))" GridTokenX__Silo__SiloPort="$((SILO_PORT + i - 1))" \
      GridTokenX__Silo__GatewayPort="$((GATEWAY_PORT + i - 1))" GridTokenX__Silo__AdvertisedHost=127.0.0.1 \
      GridTokenX__Silo__Name="silo-$i" GridTokenX__Alerts__Source="silo-$i" \
      start_host "silo-$i" silo "$SILO_DLL" "$((SILO_HTTP_PORT + i - 1))"
  done
  for i in $(seq 1 "$api_hosts"); do
    ASPNETCORE_URLS="http://127.0.0.1:$((API_PORT + i - 1))" GridTokenX__Alerts__Source="api-$i" \
      start_host "api-$i" api "$API_DLL" "$((API_PORT + i - 1))"
  done
  echo "==> Waiting until every process is ready (up to ${READY_TIMEOUT}s)"
  wait_ready || false

  local alice bob admin
  alice=$(issue_token --user alice --ttl 12h)
  bob=$(issue_token --user bob --ttl 12h)
  admin=$(issue_token --user admin --role admin --ttl 12h)
  STARTED=1
  {
    echo "export API=http://127.0.0.1:$API_PORT"
    for i in $(seq 1 "$api_hosts"); do echo "export API_$i=http://127.0.0.1:$((API_PORT + i - 1))"; done
    echo "export ALICE=$alice"
    echo "export BOB=$bob"
    echo "export ADMIN=$admin"
  } > "$STATE/env.tmp"
  chmod 600 "$STATE/env.tmp"
  mv "$STATE/env.tmp" "$STATE/env"

  echo
  echo "GridTokenX cluster is up: $silos silo(s), $api_hosts API host(s), Redis with $LOCK_NODES lock node(s); cluster id $CLUSTER_ID."
  status_table || true
  echo
  echo "Logs:  $LOGS"
  echo "State: $STATE (Redis AOF data, signing key; 'down --purge' deletes it)"
  echo "Tokens for alice, bob (users) and admin, valid 12 h (also in $STATE/env: 'source' it):"
  cat "$STATE/env"
  echo "More tokens: scripts/cluster.sh token --user carol [--role admin] [--ttl 1h]"
}

token() {
  [ -s "$STATE/signing-key" ] || die "no signing key in $STATE: 'up' makes one."
  [ -f "$API_DLL" ] || die "$API_DLL is missing: run 'up' (it builds) first."
  Auth__SigningKey=$(cat "$STATE/signing-key") GridTokenX__Redis__ConnectionString="127.0.0.1:$REDIS_PORT" issue_token "$@"
}

# --- status, down -----------------------------------------------------------------------------------------------------

status_table() {
  local name kind port pid state all=0 extra
  printf '%-8s %-8s %-7s %-10s %s\n' NAME PID PORT STATE ADDRESS
  for name in $(recorded); do
    read -r pid _ kind port < "$RUN/$name"
    if ! is_running "$name"; then
      state=down
      all=1
    elif is_ready "$name"; then
      state=ready
    else
      state=up
      all=1
    fi
    case "$kind" in
      redis | lock) extra="redis://127.0.0.1:$port" ;;
      silo) extra="http://127.0.0.1:$port (health, metrics; internal)" ;;
      *) extra="http://127.0.0.1:$port" ;;
    esac
    printf '%-8s %-8s %-7s %-10s %s\n' "$name" "$pid" "$port" "$state" "$extra"
  done
  return $all
}

status() {
  [ -n "$(recorded)" ] || { echo "No cluster recorded in $STATE."; return 1; }
  status_table
}

down() {
  local purge=0 kind name pid deadline left
  [ "${1:-}" = "--purge" ] && purge=1
  for kind in api silo lock redis; do
    left=""
    for name in $(recorded); do
      [ "$(field "$name" 3)" = "$kind" ] || continue
      if is_running "$name"; then
        kill -TERM "$(field "$name" 1)" 2> /dev/null || true
        left="$left $name"
      else
        rm -f "$RUN/$name"
      fi
    done
    deadline=$((SECONDS + STOP_TIMEOUT))
    while [ -n "$left" ]; do
      local still=""
      for name in $left; do
        if is_running "$name"; then still="$still $name"; else echo "stopped $name"; rm -f "$RUN/$name"; fi
      done
      left=$still
      [ -z "$left" ] && break
      if [ "$SECONDS" -ge "$deadline" ]; then
        for name in $left; do
          pid=$(field "$name" 1)
          echo "cluster.sh: $name (pid $pid) did not stop within ${STOP_TIMEOUT}s; SIGKILL" >&2
          kill -KILL "$pid" 2> /dev/null || true
          rm -f "$RUN/$name"
        done
        break
      fi
      sleep 0.2
    done
  done
  rm -f "$STATE/env"
  if [ "$purge" = 1 ]; then rm -rf "$STATE"; echo "deleted $STATE"; fi
}

case "${1:-}" in
  up) shift; up "$@" ;;
  down) shift; down "$@" ;;
  status) shift; status ;;
  token) shift; token "$@" ;;
  *) usage ;;
esac
