#!/usr/bin/env bash
# Mint benchmark (issue 10, "Mints per second"): mints/s and mint latency through the real grain path (reading grain
# -> Minter: Redlock on wallet:{user}, one fenced idempotent money write, reading grain state), a silo in the
# benchmark's process over a fresh Redis (AOF on, appendfsync everysec, as in docker-compose), with Redlock over 1 and
# over 3 independent lock nodes (fresh, no persistence: docs/locks.md). USERS workers each mint PER_USER readings of
# their own user one after another (the wallet lock is per user, so a user's mints are serial by design); the first
# mint per user is untimed warm-up. The last column checks conservation: sources == mints and imbalance 0.
#
# Parameters (environment): NODE_COUNTS="1 3"  USERS=16  PER_USER=200  SKIP_BUILD=0  REDIS_SERVER=/usr/bin/redis-server  KEEP_LOGS=0
set -euo pipefail

NODE_COUNTS=${NODE_COUNTS:-"1 3"}
USERS=${USERS:-16}
PER_USER=${PER_USER:-200}
SKIP_BUILD=${SKIP_BUILD:-0}
REDIS_SERVER=${REDIS_SERVER:-/usr/bin/redis-server}
KEEP_LOGS=${KEEP_LOGS:-0}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh" run-mints

if [[ "$SKIP_BUILD" != 1 ]]; then
  log "building Release (MintBench)"
  build_release bench/MintBench/MintBench.csproj
fi
BENCH_DLL=$ROOT/bench/MintBench/bin/Release/net10.0/GridTokenX.Bench.MintBench.dll

echo "| lock nodes | users (workers) | mints timed | mints/s | p50 ms | p99 ms | p99.9 ms | conservation |"
echo "|---|---|---|---|---|---|---|---|"
for n in $NODE_COUNTS; do
  start_redis "main-n$n"
  start_lock_nodes "$n" "n$n"
  list=$(IFS=,; printf '127.0.0.1:%s\n' "${LOCK_PORTS[@]}" | paste -sd,)
  log "$n lock node(s) ($list), main Redis 127.0.0.1:$REDIS_PORT: $USERS users x $PER_USER readings"
  dotnet exec "$BENCH_DLL" "127.0.0.1:$REDIS_PORT" "$list" "$USERS" "$PER_USER"
done
