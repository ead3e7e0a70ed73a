#!/usr/bin/env bash
# Waiting-room benchmark: queue-edge's ceiling (/queue/ping), joins by distinct logged-in shoppers, polls by
# distinct tickets over a long line, and Redis commands per poll. Everything runs on 127.0.0.1 on free ports,
# with its own Redis and keys; nothing of the local stack is touched. See bench/README.md.
#
# Knobs (environment): WARMUP=120 (s of mixed load first)  DURATION=30s  CONNECTIONS=256  THREADS=1  RUNS=3
#   SHOPPERS=10000  TICKETS=10000  WAITING=1000000  JOIN_WAITING=1000  COUNT_POLLS=20000  COUNT_CONCURRENCY=32
#   SCENARIOS="ping join poll count"  QE_JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseParallelGC -XX:NewRatio=1 -XX:-UseAdaptiveSizePolicy -XX:SurvivorRatio=4"
#   ACCEPT_LANGUAGE="ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7" (sent with every request; empty: none)  BUILD=1 (force a rebuild)
#   PROFILE=1 (async-profiler in queue-edge during each measured round: <scenario>-<round>.collapsed and profile.md,
#   queue-edge's CPU per request by part; Linux only; profiling slows every round, so keep such a run's figures apart)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

WARMUP=${WARMUP:-120}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-256}
# One wrk thread drives the 256 connections: at 25,000 requests/s it needs about 40% of one core. With two, the
# generator's threads and queue-edge's two event loops took turns on the two cores, and rounds showed p99 of
# 300-900 ms and socket timeouts that one thread made rare (alternating runs in bench/README.md, "Why one wrk thread").
THREADS=${THREADS:-1}
RUNS=${RUNS:-3}
SHOPPERS=${SHOPPERS:-10000}
TICKETS=${TICKETS:-10000}
WAITING=${WAITING:-1000000}
JOIN_WAITING=${JOIN_WAITING:-1000}
COUNT_POLLS=${COUNT_POLLS:-20000}
COUNT_CONCURRENCY=${COUNT_CONCURRENCY:-32}
SCENARIOS=${SCENARIOS:-"ping join poll count"}
# the Accept-Language a browser sends with every request (here Chrome set to Korean); empty sends none
ACCEPT_LANGUAGE=${ACCEPT_LANGUAGE-"ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7"}
LANG_ARGS=()
[ -z "$ACCEPT_LANGUAGE" ] || LANG_ARGS=(-H "Accept-Language: $ACCEPT_LANGUAGE")
# the collector and young generation queue-edge runs with in docker-compose.yaml (JAVA_TOOL_OPTIONS there)
QE_JAVA_OPTS=${QE_JAVA_OPTS:-"-Xms1g -Xmx1g -XX:+UseParallelGC -XX:NewRatio=1 -XX:-UseAdaptiveSizePolicy -XX:SurvivorRatio=4"}
JOIN_PID=1001   # sale open, admissions an hour away, line not empty: every join takes a place
POLL_PID=1002   # live sale admitting 10/s over $WAITING waiting
SMALL_PID=1003  # live sale with 1,000 waiting, admitting 1 every 10 s (Redis commands per poll must not grow with the line)

if ! command -v wrk >/dev/null 2>&1; then
  echo "bench: wrk is not installed. Install it: 'apt-get install wrk' (Debian/Ubuntu) or 'brew install wrk' (macOS)." >&2
  exit 1
fi
. scripts/jdk.sh
PROFILE=${PROFILE:-0}

# --- build if needed ---------------------------------------------------------------------------------
stale() {
  [ ! -f queue-edge/target/queue-edge.jar ] || [ ! -f bench/target/classpath.txt ] && return 0
  [ -n "$(find shared/src queue-edge/src bench/src pom.xml -newer bench/target/classpath.txt -type f 2>/dev/null | head -n 1)" ]
}
if [ "${BUILD:-0}" = 1 ] || stale; then
  echo "bench: building queue-edge and the bench tool ..."
  # offline first (fast once the repository is filled); on a fresh machine that attempt cannot resolve the parent
  # POM, so its output is dropped and the online build, which prints any real error, runs instead
  ./mvnw -B -o -q package -DskipTests -pl bench -am >/dev/null 2>&1 || ./mvnw -B -q package -DskipTests -pl bench -am
fi
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
tool() { java -Xmx1g -cp "$CP" dev.astraphe.bench.BenchTool "$@"; }

# --- async-profiler, for PROFILE=1 (Maven Central's jar carries the native agent) ----------------------------
AGENT=""
if [ "$PROFILE" = 1 ]; then
  case "$(uname -sm)" in
    "Linux x86_64") AP_OS=linux-x64 ;;
    "Linux aarch64") AP_OS=linux-arm64 ;;
    *) echo "bench: PROFILE=1 needs Linux on x86-64 or arm64 (async-profiler's agent)" >&2; exit 1 ;;
  esac
  AP_VERSION=4.2
  AP_DIR=bench/target/async-profiler
  AGENT="$AP_DIR/$AP_OS/libasyncProfiler.so"
  if [ ! -f "$AGENT" ]; then
    ap_copy() { ./mvnw -B -q -N "$@" dependency:copy -Dartifact="tools.profiler:async-profiler:$AP_VERSION:jar:$AP_OS" \
      -DoutputDirectory="$AP_DIR"; }
    ap_copy -o >/dev/null 2>&1 || ap_copy
    (cd "$AP_DIR" && jar xf "async-profiler-$AP_VERSION-$AP_OS.jar" "$AP_OS/libasyncProfiler.so")
  fi
fi

# --- machine and result folder -------------------------------------------------------------------------
OUT="bench/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
[ -n "$CPU" ] || CPU=$(sysctl -n machdep.cpu.brand_string 2>/dev/null || echo unknown)
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime | sed 's/.*averages*: //'; }
MACHINE="nproc=$(nproc 2>/dev/null || sysctl -n hw.ncpu) cpu=\"$CPU\" java=$(java -version 2>&1 | head -n 1) wrk=\"$( (wrk -v 2>&1 || true) | head -n 1)\""
echo "bench: $MACHINE"
echo "bench: load average now $(load); results in $OUT"

free_port() {
  local p
  while :; do
    p=$(( (RANDOM % 20000) + 30000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
REDIS_PORT=$(free_port); QE_PORT=$(free_port); MGMT_PORT=$(free_port); NO_KAFKA=$(free_port)
while [ "$QE_PORT" = "$REDIS_PORT" ]; do QE_PORT=$(free_port); done
while [ "$MGMT_PORT" = "$QE_PORT" ] || [ "$MGMT_PORT" = "$REDIS_PORT" ]; do MGMT_PORT=$(free_port); done

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

wait_for() { # seconds, description, command...
  local deadline=$(( $(date +%s) + $1 )) what=$2; shift 2
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "bench: $what did not come up; see $OUT" >&2; exit 1; fi
    sleep 0.5
  done
}

# --- Redis, keys, seed data -----------------------------------------------------------------------------
redis_up() { grep -q "redis ready" "$OUT/redis.log" || ! kill -0 "$REDIS_JAVA" 2>/dev/null; }
for attempt in 1 2 3; do
  # java itself in the background (not the tool function's subshell), so that the trap can stop it
  java -Xmx256m -cp "$CP" dev.astraphe.bench.BenchTool redis --port "$REDIS_PORT" --dir "$OUT/redis" >"$OUT/redis.log" 2>&1 &
  REDIS_JAVA=$!
  PIDS+=("$REDIS_JAVA")
  wait_for 60 "Redis on $REDIS_PORT" redis_up
  grep -q "redis ready" "$OUT/redis.log" && break
  [ "$attempt" = 3 ] && { echo "bench: Redis did not start; see $OUT/redis.log" >&2; exit 1; }
  REDIS_PORT=$(free_port) # somebody took the port in between
done
echo "bench: Redis on 127.0.0.1:$REDIS_PORT"
tool keys --dir "$OUT/keys"

tool sale --redis-port "$REDIS_PORT" --product "$JOIN_PID" --mode join
tool line --redis-port "$REDIS_PORT" --product "$JOIN_PID" --count "$JOIN_WAITING" --first-user 1
tool sale --redis-port "$REDIS_PORT" --product "$POLL_PID" --mode poll
tool line --redis-port "$REDIS_PORT" --product "$POLL_PID" --count "$WAITING" --first-user 1
tool sale --redis-port "$REDIS_PORT" --product "$SMALL_PID" --mode poll --batch 1 --interval 10
tool line --redis-port "$REDIS_PORT" --product "$SMALL_PID" --count 1000 --first-user 1
# The unmeasured shoppers ahead of the tickets: every other one of product 1002's front tenth keeps being seen (the
# rest are dropped when the ticks reach them), all of product 1003's. See bench/README.md, "Keeping the front alive".
java -Xmx128m -cp "$CP" dev.astraphe.bench.BenchTool keepalive --redis-port "$REDIS_PORT" \
  --lines "$POLL_PID:$((WAITING / 10)):2,$SMALL_PID:1000:1" >"$OUT/keepalive.log" 2>&1 &
PIDS+=($!)
tool sessions --redis-port "$REDIS_PORT" --count "$SHOPPERS" --first-user 5000000 --out "$OUT/sessions.txt"
tool tickets --classes queue-edge/target/classes --secret-file "$OUT/keys/ticket-hmac.txt" --product "$POLL_PID" \
  --waiting "$WAITING" --count "$TICKETS" --first-user 1 --out "$OUT/tickets-$POLL_PID.txt"
tool tickets --classes queue-edge/target/classes --secret-file "$OUT/keys/ticket-hmac.txt" --product "$SMALL_PID" \
  --waiting 1000 --count 1000 --first-user 1 --out "$OUT/tickets-$SMALL_PID.txt"

# --- queue-edge -----------------------------------------------------------------------------------------
# No Kafka: the sale hashes above are what the schedule consumer would have materialised; the consumer keeps
# retrying a closed port quietly.
# Its collections and safepoints are logged (gc.log) so that a latency tail can be matched to a pause or ruled out.
# shellcheck disable=SC2086
java $QE_JAVA_OPTS -Xlog:gc,safepoint:file="$ROOT/$OUT/gc.log":time,uptime -jar queue-edge/target/queue-edge.jar \
  --server.port="$QE_PORT" --management.server.port="$MGMT_PORT" \
  --spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$REDIS_PORT" \
  --spring.kafka.bootstrap-servers="127.0.0.1:$NO_KAFKA" --spring.kafka.admin.auto-create=false \
  --logging.level.org.apache.kafka=OFF --logging.level.org.springframework.kafka=OFF \
  --astraphe.ticket.secret-file="$ROOT/$OUT/keys/ticket-hmac.txt" \
  --astraphe.admission.key-file="$ROOT/$OUT/keys/admission-ec.json" \
  --astraphe.links.queue="http://127.0.0.1:$QE_PORT/queue" >"$OUT/queue-edge.log" 2>&1 &
QE_PID=$!
PIDS+=("$QE_PID")
BASE="http://127.0.0.1:$QE_PORT/queue"
wait_for 120 "queue-edge on $QE_PORT" curl -sf "$BASE/ping"
echo "bench: queue-edge on $BASE (java $QE_JAVA_OPTS)"

# --- sanity: a join gets a place (ticket cookie), a poll is served -----------------------------------------
read -r S_ID S_COOKIE S_HEADER < "$OUT/sessions.txt"
JOIN_STATUS=$(curl -s -o "$OUT/sanity-join.html" -D "$OUT/sanity-join.headers" -w '%{http_code}' -X POST \
  -H "Cookie: SESSION=$S_ID; QUEUE-XSRF-TOKEN=$S_COOKIE" -H "X-XSRF-TOKEN: $S_HEADER" -H "HX-Request: true" \
  -H "Content-Type: application/x-www-form-urlencoded" ${LANG_ARGS[@]+"${LANG_ARGS[@]}"} "$BASE/p/$JOIN_PID/join")
if [ "$JOIN_STATUS" != 200 ] || ! grep -qi "set-cookie: ASTRAPHE_TKT_$JOIN_PID=" "$OUT/sanity-join.headers"; then
  echo "bench: a seeded shopper's join did not get a place (HTTP $JOIN_STATUS); see $OUT/sanity-join.*" >&2; exit 1
fi
T1=$(head -n 1 "$OUT/tickets-$POLL_PID.txt")
POLL_STATUS=$(curl -s -o "$OUT/sanity-poll.html" -w '%{http_code}' -H "Cookie: ASTRAPHE_TKT_$POLL_PID=$T1" \
  -H "HX-Request: true" ${LANG_ARGS[@]+"${LANG_ARGS[@]}"} "$BASE/p/$POLL_PID/poll")
if [ "$POLL_STATUS" != 200 ] || grep -qi 'hx-post=[^ ]*join' "$OUT/sanity-poll.html"; then
  echo "bench: a minted ticket's poll was not served as waiting (HTTP $POLL_STATUS); see $OUT/sanity-poll.html" >&2; exit 1
fi
echo "bench: sanity join (place + ticket) and poll OK"

# --- load -------------------------------------------------------------------------------------------------
JOIN_ARGS=(-s bench/wrk/join.lua "$BASE/p/$JOIN_PID/join" -- "$OUT/sessions.txt")
POLL_ARGS=(-s bench/wrk/poll.lua "$BASE/p/$POLL_PID/poll" -- "$OUT/tickets-$POLL_PID.txt")
run_wrk() { # scenario threads connections duration -> wrk output on stdout
  case "$1" in
    ping) wrk -t"$2" -c"$3" -d"$4" --latency ${LANG_ARGS[@]+"${LANG_ARGS[@]}"} "$BASE/ping" ;;
    join) wrk -t"$2" -c"$3" -d"$4" --latency ${LANG_ARGS[@]+"${LANG_ARGS[@]}"} "${JOIN_ARGS[@]}" "$2" "/queue/p/$JOIN_PID/join" ;;
    poll) wrk -t"$2" -c"$3" -d"$4" --latency ${LANG_ARGS[@]+"${LANG_ARGS[@]}"} "${POLL_ARGS[@]}" "$2" "/queue/p/$POLL_PID/poll" "ASTRAPHE_TKT_$POLL_PID" ;;
  esac
}

if [ "$WARMUP" -gt 0 ]; then
  echo "bench: warming the JIT with ${WARMUP}s of mixed load (ping + joins + polls at once) ..."
  run_wrk ping 1 64 "${WARMUP}s" >"$OUT/warmup-ping.txt" &
  w1=$!
  run_wrk join 1 96 "${WARMUP}s" >"$OUT/warmup-join.txt" &
  w2=$!
  run_wrk poll 1 96 "${WARMUP}s" >"$OUT/warmup-poll.txt" &
  w3=$!
  wait $w1 $w2 $w3
fi

to_ms() { # 1.23ms | 456.00us | 1.02s | 1.50m -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; printf "%.2f", n }'
}
parse() { # file -> "rps p50ms p99ms errors"
  local rps p50 p99 non2xx sock
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$1")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$1")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$1")")
  non2xx=$(awk '/Non-2xx or 3xx responses/ {print $NF}' "$1"); non2xx=${non2xx:-0}
  sock=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$1"); sock=${sock:-0}
  echo "$rps $p50 $p99 $((non2xx + sock))"
}
median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

declare -A RPS P50 P99 ERR
RUN_LOG="$OUT/runs.md"
echo "| round | scenario | started (UTC) | load avg before | requests/s | p50 ms | p99 ms | errors (non-2xx + socket) |" >"$RUN_LOG"
echo "|---|---|---|---|---|---|---|---|" >>"$RUN_LOG"
MEASURED=""
for scenario in ping join poll; do
  case " $SCENARIOS " in *" $scenario "*) MEASURED="$MEASURED $scenario" ;; esac
done
for round in $(seq 1 "$RUNS"); do
  for scenario in $MEASURED; do
    before=$(load)
    started=$(date -u +%H:%M:%S)
    file="$OUT/$scenario-$round.txt"
    # Redis's own counters around each join round: its cost per join (redis-per-join.txt, and the summary)
    if [ "$scenario" = join ]; then tool redis-snapshot --redis-port "$REDIS_PORT" --out "$OUT/redis-before-join-$round.txt"; fi
    if [ "$PROFILE" = 1 ]; then tool profile-start --pid "$QE_PID" --agent "$AGENT" >"$OUT/profile-event.txt"; fi
    { echo "# load average before: $before"; run_wrk "$scenario" "$THREADS" "$CONNECTIONS" "$DURATION"; } >"$file"
    if [ "$PROFILE" = 1 ]; then tool profile-stop --pid "$QE_PID" --agent "$AGENT" --out "$OUT/$scenario-$round.collapsed"; fi
    if [ "$scenario" = join ]; then
      tool redis-snapshot --redis-port "$REDIS_PORT" --out "$OUT/redis-after-join-$round.txt"
      tool redis-per-request --before "$OUT/redis-before-join-$round.txt" --after "$OUT/redis-after-join-$round.txt" \
        --requests "$(awk '/ requests in / {print $1; exit}' "$file")" | sed "s/^/round $round: /" >>"$OUT/redis-per-join.txt"
    fi
    read -r rps p50 p99 err <<<"$(parse "$file")"
    RPS[$scenario]+="$rps "; P50[$scenario]+="$p50 "; P99[$scenario]+="$p99 "; ERR[$scenario]=$(( ${ERR[$scenario]:-0} + err ))
    echo "| $round | $scenario | $started | $before | $rps | $p50 | $p99 | $err |" >>"$RUN_LOG"
    printf 'bench: round %s %-5s load %-16s %10s req/s  p50 %7s ms  p99 %7s ms  errors %s\n' "$round" "$scenario" "$before" "$rps" "$p50" "$p99" "$err"
    sleep 2
  done
done

# --- Redis commands per poll ---------------------------------------------------------------------------------
COUNT_LOG="$OUT/commands-per-poll.txt"
: >"$COUNT_LOG"
if [[ " $SCENARIOS " == *" count "* ]]; then
  for pid in "$SMALL_PID" "$POLL_PID"; do
    waiting=$([ "$pid" = "$SMALL_PID" ] && echo 1000 || echo "$WAITING")
    echo "== product $pid, $waiting waiting, load average before $(load)" >>"$COUNT_LOG"
    tool count-polls --redis-port "$REDIS_PORT" --url "$BASE/p/$pid/poll" --cookie "ASTRAPHE_TKT_$pid" \
      --tickets "$OUT/tickets-$pid.txt" --requests "$COUNT_POLLS" --concurrency "$COUNT_CONCURRENCY" | tee -a "$COUNT_LOG"
  done
fi
per_poll() { grep -A1 "^== product $1," "$COUNT_LOG" | sed -n 's/.* per_poll=\([0-9.]*\) .*net_per_poll=\([0-9.-]*\).*/\1 (net \2)/p'; }

LINES_AFTER=$(tool stats --redis-port "$REDIS_PORT" --product "$POLL_PID"; tool stats --redis-port "$REDIS_PORT" --product "$SMALL_PID")

if [ "$PROFILE" = 1 ]; then tool profile-summary --dir "$OUT" --out "$OUT/profile.md" >/dev/null; fi

# --- summary --------------------------------------------------------------------------------------------------
# the five longest safepoints in gc.log, as "time  total ms  operation"
longest_stops() {
  sed -n 's/^\[\([^]]*\)\].*Safepoint "\([^"]*\)".*Total: \([0-9]*\) ns.*/\3 \1 \2/p' "$OUT/gc.log" 2>/dev/null \
    | sort -rn | head -n 5 | awk '{printf "%s  %.1f ms  %s\n", $2, $1 / 1e6, $3}'
}
SUMMARY="$OUT/summary.md"
{
  echo "# Waiting-room benchmark $(basename "$OUT")"
  echo
  echo "Machine: $MACHINE"
  echo
  echo "Command: \`WARMUP=$WARMUP DURATION=$DURATION CONNECTIONS=$CONNECTIONS THREADS=$THREADS RUNS=$RUNS ACCEPT_LANGUAGE='$ACCEPT_LANGUAGE' bench/run-queue-bench.sh\`"
  echo "(queue-edge \`java $QE_JAVA_OPTS\`, $SHOPPERS shoppers, $TICKETS tickets over $WAITING waiting, joins into a line of $JOIN_WAITING+)"
  if [ "$PROFILE" = 1 ]; then
    echo
    echo "**Profiled** (PROFILE=1, event $(cat "$OUT/profile-event.txt")): every round ran with async-profiler in queue-edge,"
    echo "which slows it; compare these figures only with other profiled runs. Where the CPU went: profile.md."
  fi
  echo
  echo "Median of $RUNS runs, wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency:"
  echo
  echo "| scenario | requests/s | p50 ms | p99 ms | % of ping | errors |"
  echo "|---|---|---|---|---|---|"
  ping_rps=$(echo "${RPS[ping]:-}" | tr ' ' '\n' | grep . | median || true)
  for scenario in $MEASURED; do
    m_rps=$(echo "${RPS[$scenario]}" | tr ' ' '\n' | grep . | median)
    m_p50=$(echo "${P50[$scenario]}" | tr ' ' '\n' | grep . | median)
    m_p99=$(echo "${P99[$scenario]}" | tr ' ' '\n' | grep . | median)
    pct=$([ -n "$ping_rps" ] && awk -v a="$m_rps" -v b="$ping_rps" 'BEGIN {printf "%.1f%%", 100 * a / b}' || echo "-")
    echo "| $scenario | $m_rps | $m_p50 | $m_p99 | $pct | ${ERR[$scenario]} |"
  done
  if [ -s "$OUT/redis-per-join.txt" ]; then
    echo
    echo "Redis per join, each join round (Redis's own counters; commands include those the join script calls):"
    echo
    sed 's/^/- /' "$OUT/redis-per-join.txt"
  fi
  if [ -s "$COUNT_LOG" ]; then
    echo
    echo "Redis commands per poll ($COUNT_POLLS polls, $COUNT_CONCURRENCY at a time; 'net' subtracts an idle stretch as long as the run):"
    echo
    echo "| waiting | commands per poll |"
    echo "|---|---|"
    echo "| 1,000 | $(per_poll "$SMALL_PID") |"
    echo "| $WAITING | $(per_poll "$POLL_PID") |"
  fi
  echo
  echo "The lines after the runs (measured tickets start at position $((WAITING / 10 + 1)) of product $POLL_PID and 101 of $SMALL_PID):"
  echo
  echo "$LINES_AFTER" | sed 's/^/- /'
  echo
  echo "queue-edge's longest stops of the whole run (gc.log: every safepoint, collections included; local time, total):"
  echo
  longest_stops | sed 's/^/- /'
  echo
  echo "Every run:"
  echo
  cat "$RUN_LOG"
} >"$SUMMARY"
echo
cat "$SUMMARY"
