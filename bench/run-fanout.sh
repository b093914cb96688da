#!/usr/bin/env bash
# WebSocket fan-out benchmark (issue 3): CONNECTIONS sockets held by one API host, all subscribed to
# market:ENERGY-USD (or spread over MARKETS markets), fed first through the real system (crossing orders -> OrderBookGrain -> Redis journal ->
# Orleans stream on Redis Streams -> API host -> sockets) and then, over the very same sockets, by an in-process
# broadcast inside the same API host (no Orleans, no Redis): the baseline. Also the host's memory per idle socket.
#
# Everything runs on this machine, on loopback: a fresh redis-server, one Silo and one API host in Redis mode with
# market events on (Release builds via `dotnet exec`; the API host is bench/FanoutHost, the production ApiHost plus
# the in-process feed and two bench-only routes), and bench/FanoutClient, which holds the sockets and drives orders.
#
# Parameters (environment):
#   CONNECTIONS=10000   sockets (each process needs that many file descriptors; ulimit -n is raised if it can be)
#   MARKETS=1           markets the sockets are spread over (socket k watches market k mod MARKETS: ENERGY-USD, then
#                       ZONE1-USD ...); with one, every socket watches market:ENERGY-USD, the hot-market worst case
#   RATE=2              crossing order pairs per second in the Orleans phase, over all markets (each makes a trade_executed and a
#                       price_update, plus an order_book_update per journal batch: about 3-4 market events)
#   BASELINE_RATE=auto  events/s of the in-process broadcast; auto = the rate the Orleans phase delivered
#   PHASES=orleans,baseline   feeds to measure, in this order, over the same sockets; "idle" (no feed) measures
#                       what holding the sockets costs in CPU by itself
#   WARMUP=15  DURATION=20  SETTLE=3  RAMP=500   per phase; SETTLE = quiet seconds after connecting and after a phase.
#                       15 s because at 10,000 sockets the Orleans feed starts behind (first events seconds late) and
#                       needs about 10 s to catch up; with 5 s that transient lands in the measured window
#   DEFLATE=0           1 = the client offers permessage-deflate (as browsers do)
#   SKIP_BUILD=0        1 = reuse the existing Release build
#   REDIS_SERVER=/usr/bin/redis-server
#   KEEP_LOGS=0         1 = keep the work directory (logs, client output) after the run
#   RATE_LIMITS=on      on = limits far above the load (bench/lib.sh); off = disabled
#   FANOUT_SAMPLE_ALLOCATIONS=0   1 = the API host samples its allocations by type and the report lists the top ones
#                       (an in-process event listener: it costs the host CPU, so latencies of such a run are not comparable)
set -euo pipefail

CONNECTIONS=${CONNECTIONS:-10000}
MARKETS=${MARKETS:-1}
RATE=${RATE:-2}
BASELINE_RATE=${BASELINE_RATE:-auto}
PHASES=${PHASES:-orleans,baseline}
WARMUP=${WARMUP:-15}
DURATION=${DURATION:-20}
SETTLE=${SETTLE:-3}
RAMP=${RAMP:-500}
DEFLATE=${DEFLATE:-0}
SKIP_BUILD=${SKIP_BUILD:-0}
REDIS_SERVER=${REDIS_SERVER:-/usr/bin/redis-server}
KEEP_LOGS=${KEEP_LOGS:-0}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh" run-fanout

# The host and the client each hold one descriptor per socket, plus their own files and Redis/Orleans connections.
need=$(( CONNECTIONS + 1000 ))
if (( $(ulimit -n) < need )); then ulimit -n "$need" 2>/dev/null || { log "ulimit -n is $(ulimit -n), need $need"; exit 1; }; fi

if [[ "$SKIP_BUILD" != 1 ]]; then
  log "building Release (Silo, FanoutHost with ApiHost, FanoutClient)"
  build_release src/Silo/Silo.csproj bench/FanoutHost/FanoutHost.csproj bench/FanoutClient/FanoutClient.csproj
fi
SILO_DLL=$ROOT/src/Silo/bin/Release/net10.0/GridTokenX.Silo.dll
HOST_DLL=$ROOT/bench/FanoutHost/bin/Release/net10.0/GridTokenX.Bench.FanoutHost.dll
CLIENT_DLL=$ROOT/bench/FanoutClient/bin/Release/net10.0/GridTokenX.Bench.FanoutClient.dll

start_redis

SIGNING_KEY="fanout-bench-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
export GridTokenX__Redis__ConnectionString="127.0.0.1:$REDIS_PORT"
export GridTokenX__ClusterId="fanout-bench-$$-$RANDOM"
# The bench's markets (FanoutOptions.Symbol names them the same way), all on ENERGY-USD's grid and limits.
if (( MARKETS > 1 )); then
  for (( i = 0; i < MARKETS; i++ )); do
    symbol=$([[ $i == 0 ]] && echo ENERGY-USD || echo "ZONE$i-USD")
    export "GridTokenX__Markets__${i}__Symbol=$symbol" "GridTokenX__Markets__${i}__TickSize=0.0001" "GridTokenX__Markets__${i}__LotSize=0.001" \
      "GridTokenX__Markets__${i}__MinPrice=0.0100" "GridTokenX__Markets__${i}__MaxPrice=10.0000" "GridTokenX__Markets__${i}__MinQuantity=0.001" \
      "GridTokenX__Markets__${i}__MaxQuantity=100000"
  done
fi
export Auth__SigningKey="$SIGNING_KEY"
export DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production
bench_rate_limits

start_silo "$SILO_DLL"
start_api "$HOST_DLL"

log "client: $CONNECTIONS sockets over $MARKETS market(s) ($RAMP at a time), phases $PHASES, $RATE order pairs/s, baseline $BASELINE_RATE events/s, warm-up $WARMUP s, measured $DURATION s"
client_args=(--url "$API_URL" --connections "$CONNECTIONS" --markets "$MARKETS" --ramp "$RAMP" --phases "$PHASES" --pairs-per-second "$RATE"
  --baseline-rate "$BASELINE_RATE" --signing-key "$SIGNING_KEY" --warmup "$WARMUP" --duration "$DURATION" --settle "$SETTLE"
  --cpu-pids "redis:$REDIS_PID,silo:$SILO_PID,apihost:$API_PID,client:self")
if [[ "$DEFLATE" == 1 ]]; then client_args+=(--deflate); fi
dotnet exec "$CLIENT_DLL" "${client_args[@]}" >"$WORK/client.out" 2>&1 &
CLIENT_PID=$!; PIDS+=("$CLIENT_PID")
wait "$CLIENT_PID" || { cat "$WORK/client.out"; log "client failed"; KEEP_LOGS=1; exit 1; }
cat "$WORK/client.out"

check_alive

memory=$(grep '^MEMORY connections=' "$WORK/client.out" || true)
baseline=$(grep '^RESULT phase=baseline ' "$WORK/client.out" || true)
echo
echo "== fan-out summary (latency = client receipt - event timestamp, ms; memory = API host per idle socket) =="
printf '%-20s %8s %11s %13s %13s %8s %8s %8s %8s %13s %16s %14s\n' scenario markets connections 'events/s/sock' 'deliveries/s' p50 p99 p99.9 max slow-closes 'mem/idle RSS,GC' 'p99/baseline'
for phase in baseline orleans; do
  r=$(grep "^RESULT phase=$phase " "$WORK/client.out" || true)
  [[ -n "$r" ]] || continue
  name=$([[ $phase == baseline ]] && echo 'baseline in-process' || echo 'Orleans+Redis')
  ratio=$(awk -v a="$(field "$r" p99)" -v b="$(field "$baseline" p99)" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }')
  printf '%-20s %8s %11s %13s %13s %8s %8s %8s %8s %13s %16s %14s\n' "$name" "$MARKETS" "$(field "$r" connections)" "$(field "$r" events_per_socket)" \
    "$(field "$r" deliveries)" "$(field "$r" p50)" "$(field "$r" p99)" "$(field "$r" p999)" "$(field "$r" max)" "$(field "$r" slow_consumer)" \
    "$(field "$memory" rss_per_connection),$(field "$memory" gc_heap_per_connection) B" "$ratio"
done
if [[ -n "$memory" ]]; then
  echo "API host memory per idle subscribed socket: RSS $(field "$memory" rss_per_connection) B, GC heap (after a full GC) $(field "$memory" gc_heap_per_connection) B"
fi
