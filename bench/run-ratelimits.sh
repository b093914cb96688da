#!/usr/bin/env bash
# Rate-limit benchmark (issue 11), three suites on one fresh redis-server and one silo, everything on loopback:
#
#  1. on vs off: the real API host twice in the same run, limits on (far above the load, so nothing is refused) and
#     off, on a cheap route (GET /api/v1/markets: api + market_data, anonymous, one key) and on durable order placement
#     (POST /api/v1/orders: the auth check + api + trading + order_creation, USERS keys). Throughput and p50/p99.
#  2. side by side: one minimal host (bench/RateLimitHost), the same route and sliding-window limit, behind no
#     limiter, this project's limiter grain, RedisRateLimiting.AspNetCore 1.2.1 and in-process
#     System.Threading.RateLimiting.
#  3. accuracy: ROUNDS keys, each sent 3 x ACC_LIMIT requests at once through two hosts; exactly ACC_LIMIT must be
#     admitted. The API host with this project's limits, then the bench host with RedisRateLimiting and in-process.
#
# Parameters (environment):
#   CONCURRENCY=64  DURATION=10  WARMUP=5  USERS=100  ACC_LIMIT=500  ROUNDS=10
#   SUITES="onoff sidebyside accuracy"  SKIP_BUILD=0  REDIS_SERVER=/usr/bin/redis-server  KEEP_LOGS=0
set -euo pipefail

CONCURRENCY=${CONCURRENCY:-64}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
USERS=${USERS:-100}
ACC_LIMIT=${ACC_LIMIT:-500}
ROUNDS=${ROUNDS:-10}
SUITES=${SUITES:-"onoff sidebyside accuracy"}
SKIP_BUILD=${SKIP_BUILD:-0}
REDIS_SERVER=${REDIS_SERVER:-/usr/bin/redis-server}
KEEP_LOGS=${KEEP_LOGS:-0}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh" run-ratelimits

if [[ "$SKIP_BUILD" != 1 ]]; then
  log "building Release (Silo, ApiHost, LoadGenerator, RateLimitHost, RateLimitAccuracy)"
  build_release src/Silo/Silo.csproj src/ApiHost/ApiHost.csproj bench/LoadGenerator/LoadGenerator.csproj \
    bench/RateLimitHost/RateLimitHost.csproj bench/RateLimitAccuracy/RateLimitAccuracy.csproj
fi
SILO_DLL=$ROOT/src/Silo/bin/Release/net10.0/GridTokenX.Silo.dll
API_DLL=$ROOT/src/ApiHost/bin/Release/net10.0/GridTokenX.ApiHost.dll
HOST_DLL=$ROOT/bench/RateLimitHost/bin/Release/net10.0/GridTokenX.Bench.RateLimitHost.dll
LOADGEN_DLL=$ROOT/bench/LoadGenerator/bin/Release/net10.0/GridTokenX.Bench.LoadGenerator.dll
ACC_DLL=$ROOT/bench/RateLimitAccuracy/bin/Release/net10.0/GridTokenX.Bench.RateLimitAccuracy.dll

start_redis
cluster_environment rl-bench
# Orders reserve money since issue 10: every user is funded once on its first order (the accounts faucet), as in run-e2e.sh.
export GridTokenX__Accounts__Faucet__Usd=1000000000 GridTokenX__Accounts__Faucet__Kwh=1000000000
start_silo "$SILO_DLL"

# A process started in the background with its own environment; sets STARTED_URL and STARTED_PID. $1 name, $2 dll,
# then NAME=VALUE pairs.
start_host() {
  local name=$1 dll=$2; shift 2
  STARTED_URL="http://127.0.0.1:$(free_port)"
  env "$@" ASPNETCORE_URLS="$STARTED_URL" dotnet exec "$dll" >"$WORK/$name.log" 2>&1 &
  STARTED_PID=$!; PIDS+=("$STARTED_PID")
  wait_http "$STARTED_URL/health/ready" 60 "$name"
}
stop_host() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# Runs the load generator; prints its output and keeps its RESULT line in RESULT[$label].
declare -A RESULT
# CPU time (user + system, clock ticks) a process has used so far.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
declare -A CPU
load() { # label url scenario [host pid]: with a pid, also the host's and the silo's CPU per 2xx request (µs), a
  # measure of cost that a busy machine distorts far less than throughput
  local host0 silo0 host1 silo1 hz ok
  host0=$(cpu_ticks "${4:-0}"); silo0=$(cpu_ticks "$SILO_PID")
  dotnet exec "$LOADGEN_DLL" --url "$2" --scenario "$3" --signing-key "$SIGNING_KEY" --users "$USERS" \
    --concurrency "$CONCURRENCY" --duration "$DURATION" --warmup "$WARMUP" --label "$1" >"$WORK/$1.out"
  host1=$(cpu_ticks "${4:-0}"); silo1=$(cpu_ticks "$SILO_PID")
  cat "$WORK/$1.out"; echo
  RESULT[$1]=$(grep '^RESULT ' "$WORK/$1.out")
  if [[ -n "${4:-}" ]]; then
    hz=$(getconf CLK_TCK)
    # Warm-up and measured part together: the CPU counters cover both.
    ok=$(grep -oE '^2xx [0-9]+' "$WORK/$1.out" | awk '{print $2}'); ok=$(( ok + $(grep -oE '\(([0-9]+) ok\)' "$WORK/$1.out" | tr -dc 0-9) ))
    CPU[$1]=$(awk -v h=$(( host1 - host0 )) -v s=$(( silo1 - silo0 )) -v n="$ok" -v hz="$hz" \
      'BEGIN { printf "api host %.1f us, silo %.1f us", h * 1e6 / hz / n, s * 1e6 / hz / n }')
    echo "CPU per 2xx request ($1): ${CPU[$1]}"
  fi
}
row() { # label
  local r=${RESULT[$1]}
  printf '%-28s %9s %8s %8s %8s %8s\n' "$1" "$(field "$r" rps)" "$(field "$r" p50)" "$(field "$r" p99)" "$(field "$r" p999)" \
    "$(( $(field "$r" failed) + $(field "$r" warmup_failed) ))"
}
ratio() { awk -v a="$(field "${RESULT[$1]}" rps)" -v b="$(field "${RESULT[$2]}" rps)" -v pa="$(field "${RESULT[$1]}" p50)" \
  -v pb="$(field "${RESULT[$2]}" p50)" -v qa="$(field "${RESULT[$1]}" p99)" -v qb="$(field "${RESULT[$2]}" p99)" \
  'BEGIN { printf "%s / %s: throughput %.3f, p50 %+.2f ms, p99 %+.2f ms\n", ARGV[1], ARGV[2], a / b, pa - pb, qa - qb }' "$1" "$2"; }

if [[ " $SUITES " == *" onoff "* ]]; then
  (bench_rate_limits; start_host api-on "$API_DLL"; echo "$STARTED_URL $STARTED_PID" >"$WORK/on")
  read -r ON_URL ON_PID <"$WORK/on"; PIDS+=("$ON_PID")
  start_host api-off "$API_DLL" GridTokenX__RateLimits__Enabled=false; OFF_URL=$STARTED_URL; OFF_PID=$STARTED_PID
  log "suite onoff: limits on $ON_URL, off $OFF_URL; concurrency $CONCURRENCY, warm-up $WARMUP s, measured $DURATION s"
  for scenario in markets orders; do
    load "$scenario-off" "$OFF_URL" "$scenario" "$OFF_PID"
    load "$scenario-on" "$ON_URL" "$scenario" "$ON_PID"
    # How much of the limited host's work went without a grain call (leases) and how many calls it made.
    curl -s "$ON_URL/metrics" | grep -E '^gtx_ratelimit_(leased_admissions|grain_calls)' | sed "s/^/after $scenario-on: /" || true
  done
  stop_host "$ON_PID"; stop_host "$OFF_PID"
fi

if [[ " $SUITES " == *" sidebyside "* ]]; then
  # A limit no load here reaches (nothing refused), so each limiter's full cost is paid by every request.
  log "suite sidebyside: GET /api/v1/markets on bench/RateLimitHost, sliding window 1000000 per 1 s, one key"
  for mode in none gridtokenx redis inprocess; do
    start_host "host-$mode" "$HOST_DLL" RATELIMIT_MODE=$mode RATELIMIT_LIMIT=1000000 RATELIMIT_WINDOW_SECONDS=1
    load "host-$mode" "$STARTED_URL" markets
    stop_host "$STARTED_PID"
  done
fi

if [[ " $SUITES " == *" accuracy "* ]]; then
  log "suite accuracy: $ROUNDS keys x $(( 3 * ACC_LIMIT )) requests through two hosts, limit $ACC_LIMIT per 3600 s"
  lim=(GridTokenX__RateLimits__Policies__api__Limit=$ACC_LIMIT GridTokenX__RateLimits__Policies__api__WindowSeconds=3600
    GridTokenX__RateLimits__Policies__market_data__Burst=100000 GridTokenX__RateLimits__Policies__market_data__RefillPerSecond=100000)
  start_host acc-api-1 "$API_DLL" "${lim[@]}"; a1=$STARTED_URL; p1=$STARTED_PID
  start_host acc-api-2 "$API_DLL" "${lim[@]}"; a2=$STARTED_URL; p2=$STARTED_PID
  dotnet exec "$ACC_DLL" "$a1,$a2" "$ACC_LIMIT" "$ROUNDS" "$CONCURRENCY" "$SIGNING_KEY" gridtokenx-apihost | tee -a "$WORK/accuracy"
  stop_host "$p1"; stop_host "$p2"
  for mode in redis inprocess; do
    start_host "acc-$mode-1" "$HOST_DLL" RATELIMIT_MODE=$mode RATELIMIT_LIMIT=$ACC_LIMIT RATELIMIT_WINDOW_SECONDS=3600; h1=$STARTED_URL; p1=$STARTED_PID
    start_host "acc-$mode-2" "$HOST_DLL" RATELIMIT_MODE=$mode RATELIMIT_LIMIT=$ACC_LIMIT RATELIMIT_WINDOW_SECONDS=3600; h2=$STARTED_URL; p2=$STARTED_PID
    dotnet exec "$ACC_DLL" "$h1,$h2" "$ACC_LIMIT" "$ROUNDS" "$CONCURRENCY" - "$mode" | tee -a "$WORK/accuracy"
    stop_host "$p1"; stop_host "$p2"
  done
fi

echo "== summary (concurrency $CONCURRENCY, measured $DURATION s after $WARMUP s) =="
printf '%-28s %9s %8s %8s %8s %8s\n' run 'req/s' p50 p99 p99.9 non-2xx
for label in markets-off markets-on orders-off orders-on host-none host-gridtokenx host-redis host-inprocess; do
  [[ -n "${RESULT[$label]:-}" ]] && row "$label"
done
[[ -n "${RESULT[markets-on]:-}" ]] && ratio markets-on markets-off && ratio orders-on orders-off
for label in markets-off markets-on orders-off orders-on; do
  [[ -n "${CPU[$label]:-}" ]] && echo "CPU per 2xx request, $label: ${CPU[$label]}"
done
[[ -n "${RESULT[host-gridtokenx]:-}" ]] && ratio host-gridtokenx host-none && ratio host-redis host-none && ratio host-inprocess host-none \
  && ratio host-gridtokenx host-redis
[[ -s "$WORK/accuracy" ]] && cat "$WORK/accuracy"
exit 0
