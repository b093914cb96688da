#!/usr/bin/env bash
# Orleans Redis Streams provider vs a raw XADD/XREADGROUP loop, against one fresh redis-server in the same run.
#
# Everything runs on this machine, on loopback: a fresh redis-server (AOF on, appendfsync everysec, as in the
# production docker-compose) and one bench process (bench/StreamBench) that hosts the raw loop and an in-process
# Orleans silo with the provider, one after the other. See docs/benchmarks.md, "Streams: provider vs raw Redis Streams".
#
# Parameters (environment); the defaults are the tool's own, see `dotnet bench/StreamBench/bin/Release/net10.0/GridTokenX.Bench.StreamBench.dll --help`:
#   TRANSPORTS=raw,provider  PERIODS=100,10  RATES=1000,10000  SATURATE=true  IN_FLIGHT=64
#   DURATION=10  WARMUP=5  PADDING=160  IDLE=0  QUEUES=1  NOTIFY_WAIT=1000  REPEAT=1
#   SKIP_BUILD=0                      1 = reuse the existing Release build
#   REDIS_SERVER=/usr/bin/redis-server
#   KEEP_LOGS=0                       1 = keep the work directory (Redis log, AOF) after the run
set -euo pipefail

SKIP_BUILD=${SKIP_BUILD:-0}
REDIS_SERVER=${REDIS_SERVER:-/usr/bin/redis-server}
KEEP_LOGS=${KEEP_LOGS:-0}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh" run-streams

if [[ "$SKIP_BUILD" != 1 ]]; then
  log "building Release (StreamBench)"
  build_release bench/StreamBench/StreamBench.csproj
fi
BENCH_DLL=$ROOT/bench/StreamBench/bin/Release/net10.0/GridTokenX.Bench.StreamBench.dll

start_redis
log "redis $("$REDIS_SERVER" --version | awk '{print $3}'), $(nproc) cores, $(dotnet --version 2>/dev/null || echo '?') SDK"

args=(--redis "127.0.0.1:$REDIS_PORT" --redis-pid "$REDIS_PID")
add() { if [[ -n "${!1:-}" ]]; then args+=("$2" "${!1}"); fi; }
add TRANSPORTS --transports; add PERIODS --periods; add RATES --rates; add SATURATE --saturate; add IN_FLIGHT --in-flight
add DURATION --duration; add WARMUP --warmup; add PADDING --padding; add IDLE --idle; add QUEUES --queues; add NOTIFY_WAIT --notify-wait; add REPEAT --repeat

dotnet exec "$BENCH_DLL" "${args[@]}" &
BENCH_PID=$!; PIDS+=("$BENCH_PID")
wait "$BENCH_PID"
if ! kill -0 "$REDIS_PID" 2>/dev/null; then
  echo "!! redis-server (pid $REDIS_PID) is no longer running; the numbers above are not valid."; KEEP_LOGS=1
fi
