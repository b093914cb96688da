#!/usr/bin/env bash
# Market activation benchmark (issue 12, "Activation time of a market with 1,000,000 historical trades, before and
# after"). Writes one market's history, TRADES trades over DAYS days made by the real Market class (a standing book of
# BOOK orders, then maker/taker pairs: one trade and two final orders each), through the real journal store
# (RedisJournalStore, a checkpoint every GridTokenX:Trading:SnapshotEvery commands as the grain takes them) into two
# fresh redis-servers (AOF on, appendfsync everysec, as in docker-compose):
#   untrimmed  every history segment kept: what the commit before trimming wrote and activated;
#   trimmed    trimmed as a market now trims (default HistoryRetention, read model and settlement at the head).
# Then, for each, a fresh process activates the market ROUNDS times as OrderBookGrain.OnActivateAsync does
# (RedisJournalStore.LoadAsync + MarketRecovery.Recover) and prints a row: activation p50 (min-max) over the rounds
# (round 1 includes JIT), what Redis sent, and the process memory after (the activated market held).
#
# Parameters (environment): TRADES=1000000  DAYS=30  ROUNDS=5  BOOK=1000  USERS=1000  BATCH=500
#   SKIP_BUILD=0  REDIS_SERVER=/usr/bin/redis-server  KEEP_LOGS=0
set -euo pipefail

TRADES=${TRADES:-1000000}
DAYS=${DAYS:-30}
ROUNDS=${ROUNDS:-5}
BOOK=${BOOK:-1000}
USERS=${USERS:-1000}
BATCH=${BATCH:-500}
SKIP_BUILD=${SKIP_BUILD:-0}
REDIS_SERVER=${REDIS_SERVER:-/usr/bin/redis-server}
KEEP_LOGS=${KEEP_LOGS:-0}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh" run-activation

if [[ "$SKIP_BUILD" != 1 ]]; then
  log "building Release (ActivationBench)"
  build_release bench/ActivationBench/ActivationBench.csproj
fi
BENCH_DLL=$ROOT/bench/ActivationBench/bin/Release/net10.0/GridTokenX.Bench.ActivationBench.dll

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
start_redis untrimmed; UNTRIMMED_PORT=$REDIS_PORT
start_redis trimmed; TRIMMED_PORT=$REDIS_PORT
log "writing $TRADES trades over $DAYS days (book $BOOK orders, $USERS users, batches of $BATCH commands) into both journals"
write_started=$SECONDS
dotnet exec "$BENCH_DLL" write "127.0.0.1:$UNTRIMMED_PORT" "127.0.0.1:$TRIMMED_PORT" "$TRADES" "$DAYS" "$BOOK" "$USERS" "$BATCH"
WRITE_SECONDS=$(( SECONDS - write_started ))

redis_summary() { # port
  local history used
  history=$(redis-cli -p "$1" --raw LLEN 'gtx:history:{ENERGY-USD}')
  used=$(redis-cli -p "$1" --raw INFO memory | sed -n 's/^used_memory_human:\(.*\)\r$/\1/p')
  echo "$history segments in gtx:history, Redis used_memory $used"
}
log "untrimmed journal: $(redis_summary "$UNTRIMMED_PORT")"
log "trimmed journal: $(redis_summary "$TRIMMED_PORT")"

echo
echo "Market activation, $TRADES trades over $DAYS days (written in ${WRITE_SECONDS}s), $ROUNDS rounds each; load average before: $LOAD_BEFORE, $(nproc) cores"
echo
echo "| journal | history segments read | trades in memory | orders in memory | commands replayed | Redis sent | activation p50 ms (min–max) | Redis read / rebuild p50 ms | managed heap after | RSS after (peak) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
dotnet exec "$BENCH_DLL" activate "127.0.0.1:$UNTRIMMED_PORT" untrimmed "$ROUNDS" "$TRADES"
dotnet exec "$BENCH_DLL" activate "127.0.0.1:$TRIMMED_PORT" trimmed "$ROUNDS" "$TRADES"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
