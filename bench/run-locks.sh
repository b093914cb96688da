#!/usr/bin/env bash
# Lock benchmark (issue 10): this project's fenced Redlock against RedLock.net 2.3.2 and DistributedLock.Redis 1.1.1
# (multi-database RedLock mode), side by side in one process on the same fresh redis-servers and connections, on 1 and
# on 3 nodes. Uncontended acquire+release latency (p50/p99/p99.9), then acquisitions/s with WORKERS tasks contending
# for RESOURCES resources. Implementations alternate within each of ROUNDS rounds.
#
# The lock nodes run without persistence (a valid lock-node configuration, docs/locks.md: every restart is an empty
# one), so the figures measure the lock algorithms and the network round trips, not a disk's fsync.
#
# Parameters (environment):
#   NODE_COUNTS="1 3"  ITERATIONS=5000  ROUNDS=3  SECONDS_CONTENDED=5  WORKERS=16  RESOURCES=4
#   SKIP_BUILD=0  REDIS_SERVER=/usr/bin/redis-server  KEEP_LOGS=0
set -euo pipefail

NODE_COUNTS=${NODE_COUNTS:-"1 3"}
ITERATIONS=${ITERATIONS:-5000}
ROUNDS=${ROUNDS:-3}
SECONDS_CONTENDED=${SECONDS_CONTENDED:-5}
WORKERS=${WORKERS:-16}
RESOURCES=${RESOURCES:-4}
SKIP_BUILD=${SKIP_BUILD:-0}
REDIS_SERVER=${REDIS_SERVER:-/usr/bin/redis-server}
KEEP_LOGS=${KEEP_LOGS:-0}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh" run-locks

if [[ "$SKIP_BUILD" != 1 ]]; then
  log "building Release (LockBench)"
  build_release bench/LockBench/LockBench.csproj
fi
BENCH_DLL=$ROOT/bench/LockBench/bin/Release/net10.0/GridTokenX.Bench.LockBench.dll

# Fresh nodes for every node count: a cluster that grows from 1 to 3 nodes has two sentinel-less nodes, which the
# fencing scheme cannot tell from a majority that lost its data (docs/locks.md, "Limits").
for n in $NODE_COUNTS; do
  start_lock_nodes "$n" "n$n"
  list=$(IFS=,; echo "${LOCK_PORTS[*]}")
  log "$n node(s) on ports $list (no persistence): $ITERATIONS acquire+release x $ROUNDS rounds, $WORKERS workers on $RESOURCES resources for ${SECONDS_CONTENDED}s x $ROUNDS"
  dotnet exec "$BENCH_DLL" "$list" "$ITERATIONS" "$ROUNDS" "$SECONDS_CONTENDED" "$WORKERS" "$RESOURCES"
done
