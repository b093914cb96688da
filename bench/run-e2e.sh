#!/usr/bin/env bash
# End-to-end benchmark of durable order placement: load generator -> ApiHost -> Orleans silo -> Redis journal,
# with a trivial endpoint of the same ApiHost (GET /health/live) measured in the same run as the baseline.
#
# Everything runs on this machine, on loopback: a fresh redis-server (AOF on, appendfsync everysec, as in the
# production docker-compose), one Silo and one ApiHost in Redis mode (Release builds via `dotnet exec`) and the
# load generator. They all share the same cores, so the numbers are a lower bound of what the server side can do.
#
# Parameters (environment):
#   CONCURRENCY=64  DURATION=20  WARMUP=10  USERS=100  load shape (the same concurrency for both scenarios); the
#                                                       warm-up is 10 s because with both cores busy tiered JIT needs
#                                                       5-10 s to reach steady state
#   SCENARIOS="baseline orders"                         what to run, in order
#   SKIP_BUILD=0                                        1 = reuse the existing Release build
#   REDIS_SERVER=/usr/bin/redis-server
#   SERVER_GC=                                          unset = the hosts' own default (Server GC for the web SDK);
#                                                       0/1 sets DOTNET_gcServer for the silo and the API host
#   SAMPLE_CPU=1                                        1 = per-process CPU over the measured part (from /proc)
#   SNAPSHOT_EVERY=                                     unset = the default; sets GridTokenX__Trading__SnapshotEvery
#                                                       (commands between market snapshots) for the silo
#   KEEP_LOGS=0                                         1 = keep the work directory (logs, AOF) after the run
#   FUNDED=1                                            1 = every user is funded once on its first order (the
#                                                       accounts faucet, GridTokenX__Accounts__Faucet__*), so orders
#                                                       reserve and trades settle as in production; 0 = no funds
#                                                       (every order is refused insufficient_funds)
#   RATE_LIMITS=on                                      on = limits far above the load (bench/lib.sh); off = disabled
set -euo pipefail

CONCURRENCY=${CONCURRENCY:-64}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-10}
USERS=${USERS:-100}
SCENARIOS=${SCENARIOS:-"baseline orders"}
SKIP_BUILD=${SKIP_BUILD:-0}
REDIS_SERVER=${REDIS_SERVER:-/usr/bin/redis-server}
SERVER_GC=${SERVER_GC:-}
SNAPSHOT_EVERY=${SNAPSHOT_EVERY:-}
SAMPLE_CPU=${SAMPLE_CPU:-1}
KEEP_LOGS=${KEEP_LOGS:-0}
FUNDED=${FUNDED:-1}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh" run-e2e

if [[ "$SKIP_BUILD" != 1 ]]; then
  log "building Release (Silo, ApiHost, LoadGenerator)"
  build_release src/Silo/Silo.csproj src/ApiHost/ApiHost.csproj bench/LoadGenerator/LoadGenerator.csproj
fi
SILO_DLL=$ROOT/src/Silo/bin/Release/net10.0/GridTokenX.Silo.dll
API_DLL=$ROOT/src/ApiHost/bin/Release/net10.0/GridTokenX.ApiHost.dll
LOADGEN_DLL=$ROOT/bench/LoadGenerator/bin/Release/net10.0/GridTokenX.Bench.LoadGenerator.dll

start_redis

SIGNING_KEY="e2e-bench-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
export GridTokenX__Redis__ConnectionString="127.0.0.1:$REDIS_PORT"
export GridTokenX__ClusterId="e2e-bench-$$-$RANDOM"
export Auth__SigningKey="$SIGNING_KEY"
export DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production
bench_rate_limits
if [[ -n "$SERVER_GC" ]]; then export DOTNET_gcServer="$SERVER_GC"; fi
if [[ -n "$SNAPSHOT_EVERY" ]]; then export GridTokenX__Trading__SnapshotEvery="$SNAPSHOT_EVERY"; fi
if [[ "$FUNDED" == 1 ]]; then export GridTokenX__Accounts__Faucet__Usd=1000000000 GridTokenX__Accounts__Faucet__Kwh=1000000000; fi

start_silo "$SILO_DLL" "DOTNET_gcServer=${DOTNET_gcServer:-default}, SnapshotEvery=${SNAPSHOT_EVERY:-default}"
start_api "$API_DLL"
unset DOTNET_gcServer # the load generator keeps its own (workstation) GC

cpu_ticks() { # utime+stime of a process, in clock ticks
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0
}
machine_ticks() { # busy and total ticks of the whole machine (every engineer's processes included)
  awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8; total = busy + $5 + $6; print busy, total }' /proc/stat
}
sample_cpu() { # CPU used by each process over exactly the measured part of a run (100% = one core)
  local loadgen=$1 names=(redis silo apihost loadgen) pids=("$REDIS_PID" "$SILO_PID" "$API_PID" "$1") before=() i line
  # Half a second inside the measured window at both ends, so every process is still alive when it is read.
  sleep "$(awk -v w="$WARMUP" 'BEGIN { print w + 0.5 }')"
  for i in "${!pids[@]}"; do before[i]=$(cpu_ticks "${pids[i]}"); done
  read -r busy0 total0 < <(machine_ticks)
  local t0=$EPOCHREALTIME
  sleep "$(awk -v d="$DURATION" 'BEGIN { print (d > 1.5 ? d - 1 : 0.5) }')"
  local t1=$EPOCHREALTIME hz ours=0
  hz=$(getconf CLK_TCK)
  read -r busy1 total1 < <(machine_ticks)
  line="  cpu:"
  for i in "${!pids[@]}"; do
    local d=$(( $(cpu_ticks "${pids[i]}") - before[i] ))
    ours=$(( ours + d ))
    line+=$(awk -v n="${names[i]}" -v d="$d" -v hz="$hz" -v a="$t0" -v b="$t1" 'BEGIN { printf " %s %.0f%%", n, 100 * d / hz / (b - a) }')
  done
  line+=$(awk -v bz=$(( busy1 - busy0 )) -v tt=$(( total1 - total0 )) -v o="$ours" -v n="$(nproc)" \
    'BEGIN { printf " | machine %.0f%% of %d cores busy, of which other processes %.0f%%", 100 * n * bz / tt, n, 100 * n * (bz - o) / tt }')
  echo "$line"
}

declare -A RESULT
for scenario in $SCENARIOS; do
  log "scenario $scenario: concurrency $CONCURRENCY, warm-up $WARMUP s, measured $DURATION s, $USERS users"
  dotnet exec "$LOADGEN_DLL" --url "$API_URL" --scenario "$scenario" --signing-key "$SIGNING_KEY" --users "$USERS" \
    --concurrency "$CONCURRENCY" --duration "$DURATION" --warmup "$WARMUP" >"$WORK/$scenario.out" &
  LOADGEN_PID=$!; PIDS+=("$LOADGEN_PID")
  if [[ "$SAMPLE_CPU" == 1 ]]; then sample_cpu "$LOADGEN_PID" >"$WORK/$scenario.cpu" & SAMPLER_PID=$!; PIDS+=("$SAMPLER_PID"); fi
  wait "$LOADGEN_PID"
  if [[ "$SAMPLE_CPU" == 1 ]]; then wait "$SAMPLER_PID" 2>/dev/null || true; fi
  cat "$WORK/$scenario.out"
  if [[ "$SAMPLE_CPU" == 1 && -s "$WORK/$scenario.cpu" ]]; then echo "per-process CPU (100% = one core) during the measured part:"; cat "$WORK/$scenario.cpu"; fi
  echo
  RESULT[$scenario]=$(grep '^RESULT ' "$WORK/$scenario.out")
  check_alive
done

if [[ -n "${RESULT[orders]:-}" && -n "${RESULT[baseline]:-}" ]]; then
  echo "== summary (concurrency $CONCURRENCY) =="
  printf '%-10s %10s %9s %9s %9s %9s %9s %8s\n' scenario 'req/s' p50 p90 p99 p99.9 max non-2xx
  for s in baseline orders; do
    r=${RESULT[$s]}
    printf '%-10s %10s %9s %9s %9s %9s %9s %8s\n' "$s" "$(field "$r" rps)" "$(field "$r" p50)" "$(field "$r" p90)" \
      "$(field "$r" p99)" "$(field "$r" p999)" "$(field "$r" max)" "$(( $(field "$r" failed) + $(field "$r" warmup_failed) ))"
  done
  awk -v o="$(field "${RESULT[orders]}" rps)" -v b="$(field "${RESULT[baseline]}" rps)" \
    'BEGIN { if (b > 0) printf "orders / baseline throughput: %.3f (%.1f%%)\n", o / b, 100 * o / b }'
fi
redis_get() { redis-cli -p "$REDIS_PORT" --raw "$@" 2>/dev/null || true; }
echo "after the run: ENERGY-USD journal head $(redis_get GET 'gtx:journal:{ENERGY-USD}:head'), last snapshot at $(redis_get HGET 'gtx:snapshot:{ENERGY-USD}' seq) \
($(redis_get HSTRLEN 'gtx:snapshot:{ENERGY-USD}' data) bytes), journal stream $(redis_get XLEN 'gtx:journal:{ENERGY-USD}') batches, \
redis used_memory $(redis_get INFO memory | sed -n 's/^used_memory_human:\(.*\)\r*$/\1/p' | tr -d '\r'), AOF $(du -sh "$WORK/appendonlydir" 2>/dev/null | cut -f1)"
echo "events: ENERGY-USD published head recorded with the last journal write $(redis_get GET 'gtx:journal:{ENERGY-USD}:published'); \
publication (silo): $(curl -fsS "http://127.0.0.1:$SILO_HTTP/metrics" 2>/dev/null | grep -E '^gtx_events_(backpressure_(waits|refusals)_total|published_total|publish_(commands|duration_seconds)_(sum|count))' | tr '\n' ' ' || true)"

# Settlement (commits with accounts only): trades executed vs settled, and execution-to-settled latency from the
# silo's histogram (p50/p99 are the upper bounds of the buckets they fall in).
settlement_report() {
  local metrics
  metrics=$(curl -fsS "http://127.0.0.1:$SILO_HTTP/metrics" 2>/dev/null || true)
  grep -q '^gtx_settlement_' <<<"$metrics" || return 0
  echo "settlement: trades $(sed -n 's/^gtx_trades_total{[^}]*} \([0-9.e+]*\).*/\1/p' <<<"$metrics" | awk '{ s += $1 } END { print s + 0 }'), \
settled $(sed -n 's/^gtx_settlement_trades_total{[^}]*} \([0-9.e+]*\).*/\1/p' <<<"$metrics" | awk '{ s += $1 } END { print s + 0 }'), \
retries $(sed -n 's/^gtx_settlement_retries_total{[^}]*} \([0-9.e+]*\).*/\1/p' <<<"$metrics" | awk '{ s += $1 } END { print s + 0 }')$1"
  grep '^gtx_settlement_latency_seconds_bucket' <<<"$metrics" \
    | sed -n 's/.*le="\([^"]*\)".* \([0-9.e+]*\).*/\1 \2/p' | sort -g -k1,1 | awk '
      { le[NR] = ($1 == "+Inf" ? $1 : $1 * 1000); c[NR] = $2; n = NR }
      END { total = c[n]; if (total == 0) exit; p50 = ""; p99 = "";
            for (i = 1; i <= n; i++) { if (p50 == "" && c[i] >= 0.5 * total) p50 = le[i]; if (p99 == "" && c[i] >= 0.99 * total) p99 = le[i] }
            printf "settlement latency (trade executed -> settled): %d trades, p50 <= %s ms, p99 <= %s ms\n", total, p50, p99 }'
}
settlement_report " (at the end of the load)"
sleep 5
settlement_report " (5 s later: what was still pending at the end has drained if these match)"
echo "redis commands (calls, usec per call): $(redis_get INFO commandstats | sed -n 's/^cmdstat_\(evalsha\|eval\|xadd\|set\|get\):calls=\([0-9]*\),usec=[0-9]*,usec_per_call=\([0-9.]*\).*/\1 \2 \3/p' | tr -d '\r' | tr '\n' ';')"
