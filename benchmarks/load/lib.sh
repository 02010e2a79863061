# Helpers of benchmarks/load/run.sh (sourced; not run on its own): processes, ports, HTTP set-up,
# wrk, pgbench, the sqlite3 CLI and CPU accounting. Every process started here is recorded in PIDS
# and stopped by cleanup(); every loop is bounded.

PIDS=()
CLK_TCK=$(getconf CLK_TCK)

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# need COMMAND DEBIAN-PACKAGE: installs the package with apt-get when the command is missing
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  log "$1 missing: apt-get install -y $2"
  local sudo=""
  [[ $(id -u) == 0 ]] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq "$2" >/dev/null \
    || die "could not install $2"
  command -v "$1" >/dev/null 2>&1 || die "$1 still missing after installing $2"
}

# a free TCP port on loopback (nothing answers a connect to it)
free_port() {
  local p i
  for i in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  die "no free port found"
}

# stop PID: TERM, then KILL after 20 s
stop_pid() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -KILL "$pid" 2>/dev/null || true
}

# as_pg CMD...: PostgreSQL's server refuses to run as root; run it as the postgres user then
as_pg() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() { # sets PGPORT, PGDATA_DIR
  PGPORT=$(free_port)
  local dir=$WORK/pg
  mkdir -p "$dir"
  [[ $(id -u) == 0 ]] && chown postgres: "$dir"
  PGDATA_DIR=$dir/data
  as_pg "$PGBIN/initdb" -D "$PGDATA_DIR" -U bench --auth=trust -E UTF8 --no-sync \
    >"$dir/initdb.log" 2>&1 || die "initdb failed: $(tail -5 "$dir/initdb.log")"
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$dir/server.log" -w -t 120 -o \
    "-c port=$PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir \
     -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=200 \
     -c shared_buffers=256MB" start >"$dir/pg_ctl.log" 2>&1 \
    || die "PostgreSQL did not start: $(tail -5 "$dir/server.log")"
  PG_STARTED=1
  PG_POSTMASTER=$(head -1 "$PGDATA_DIR/postmaster.pid")
  PSQL=("$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U bench)
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE chatstore" || die "CREATE DATABASE failed"
}

pg_stop() {
  [[ ${PG_STARTED:-0} == 1 ]] || return 0
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t 60 stop >/dev/null 2>&1 \
    || as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m immediate stop >/dev/null 2>&1 || true
  PG_STARTED=0
}

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  pg_stop
  if [[ ${KEEP:-0} == 1 ]]; then
    log "kept $WORK"
  elif [[ -n ${WORK:-} && -d $WORK ]]; then
    rm -rf "$WORK"
  fi
}

# start_java NAME PORT JAR ARGS...: sets SVC_PID; log in $WORK/NAME.log
start_java() {
  local name=$1 port=$2 jar=$3
  shift 3
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$jar" --server.port="$port" --server.address=127.0.0.1 "$@" \
    >"$WORK/$name.log" 2>&1 &
  SVC_PID=$!
  PIDS+=("$SVC_PID")
}

# wait_http URL PID LOG: until URL answers 200 (at most 240 s); fails if PID died
wait_http() {
  local url=$1 pid=$2 logfile=$3 i
  for i in $(seq 1 480); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$url" || true) == 200 ]] && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -30 "$logfile" >&2
      die "the service died while starting (its log above)"
    fi
    sleep 0.5
  done
  tail -30 "$logfile" >&2
  die "$url did not answer 200 within 240 s (the service's log above)"
}

# api METHOD PATH [BODY]: a request to the chatstore service (TOKEN if set); prints the body
api() {
  local method=$1 path=$2 body=${3:-}
  local args=(-s -f -X "$method" "$BASE$path" -H 'Content-Type: application/json')
  [[ -n ${TOKEN:-} ]] && args+=(-H "Authorization: Bearer $TOKEN")
  [[ -n $body ]] && args+=(-d "$body")
  curl "${args[@]}" || die "$method $path failed"
}

# set_up_chatstore: a user, a session, 16 post channels and a history channel of 100 messages.
# Sets TOKEN, AUTHOR, CHANNELS (comma-separated), HISTORY.
set_up_chatstore() {
  TOKEN=""
  local cred='{"username":"bench","password":"benchmark password"}'
  api POST /users "$cred" >/dev/null
  TOKEN=$(api POST /sessions "$cred" | jq -r .token)
  AUTHOR=$(api GET /users/me | jq -r .id)
  local ids=() i
  for i in $(seq 1 "$CONNECTIONS"); do
    ids+=("$(api POST /channels "{\"name\":\"load-$i\"}" | jq -r .id)")
  done
  CHANNELS=$(IFS=,; echo "${ids[*]}")
  HISTORY=$(api POST /channels '{"name":"history"}' | jq -r .id)
  seq 1 100 | xargs -P 4 -I{} curl -s -f -o /dev/null -X POST "$BASE/channels/$HISTORY/messages" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"body":"history message {}"}' || die "seeding the history channel failed"
  [[ $(api GET "/channels/$HISTORY/messages?limit=50" | jq '.items | length') == 50 ]] \
    || die "the history channel has no page of 50"
}

# CPU seconds x CLK_TCK of a process
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# CPU ticks of the PostgreSQL server: the postmaster's reaped children plus its live children
pg_ticks() {
  [[ ${PG_STARTED:-0} == 1 ]] || { echo 0; return; }
  local total pid
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$PG_POSTMASTER/stat")
  for pid in $(pgrep -P "$PG_POSTMASTER" || true); do
    total=$((total + $(cpu_ticks "$pid")))
  done
  echo "$total"
}

# rate COUNT NANOSECONDS: per second, with a decimal below 100
rate() { awk -v n="$1" -v ns="$2" 'BEGIN { r = n / (ns / 1e9); printf (r < 100 ? "%.1f" : "%.0f"), r }'; }

# describe PID: what a busy process is, for the report
describe() {
  local a
  a=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" | cut -c1-2000) || true
  case $a in
    *surefire*) echo "surefire test JVM" ;;
    *classworlds*) echo "maven" ;;
    *chatstore.jar*) echo "chatstore service" ;;
    "") echo "exited" ;;
    *) a=${a%% *}; echo "${a##*/}" ;;
  esac
}

percent() { awk -v t="$1" -v s="$2" -v hz="$CLK_TCK" 'BEGIN { printf "%.0f", (s > 0 ? 100 * t / hz / s : 0) }'; }

# measure KEY PID LUA PORT ENV...: warm-up, then the measured wrk run; results in R_* arrays
measure() {
  local key=$1 pid=$2 script=$3 port=$4
  shift 4
  local wrk=(wrk -t "$THREADS" -c "$CONNECTIONS" --timeout 10s -s "$LUA/$script" "http://127.0.0.1:$port")
  local envs=(BENCH_LUA="$LUA" BENCH_THREADS="$THREADS" BENCH_TOKEN="${TOKEN:-none}" "$@")
  log "$key: warm-up ${WARMUP}s"
  env "${envs[@]}" BENCH_NONCE="w$RANDOM$RANDOM" "${wrk[@]}" -d "${WARMUP}s" >"$WORK/$key.warmup.txt" 2>&1 \
    || die "wrk failed: $(tail -3 "$WORK/$key.warmup.txt")"
  if [[ $JFR == 1 && $key == chatstore-* ]]; then
    jcmd "$pid" JFR.start name="$key" settings=profile >/dev/null 2>&1 || log "JFR.start failed"
  fi
  local c0 p0 c1 p1
  c0=$(cpu_ticks "$pid")
  p0=$(pg_ticks)
  log "$key: measured ${DURATION}s"
  env "${envs[@]}" BENCH_NONCE="m$RANDOM$RANDOM" "${wrk[@]}" -d "${DURATION}s" >"$WORK/$key.txt" 2>&1 \
    || die "wrk failed: $(tail -3 "$WORK/$key.txt")"
  c1=$(cpu_ticks "$pid")
  p1=$(pg_ticks)
  if [[ $JFR == 1 && $key == chatstore-* ]]; then
    jcmd "$pid" JFR.stop name="$key" filename="$WORK/$key.jfr" >/dev/null 2>&1 || log "JFR.stop failed"
  fi
  local line
  line=$(grep '^RESULT ' "$WORK/$key.txt") || die "no RESULT from wrk: $(cat "$WORK/$key.txt")"
  eval "local ${line#RESULT }"
  R_RATE[$key]=$(rate "$requests" "$((duration_us * 1000))")
  R_P50[$key]=$(awk -v v="$p50_us" 'BEGIN { printf "%.1f", v / 1000 }')
  R_P99[$key]=$(awk -v v="$p99_us" 'BEGIN { printf "%.1f", v / 1000 }')
  R_ERR[$key]=$((status_errors + socket_errors + unexpected))
  R_CPU[$key]=$(percent $((c1 - c0)) "$DURATION")
  R_DBCPU[$key]=$([[ ${PG_STARTED:-0} == 1 ]] && percent $((p1 - p0)) "$DURATION" || echo "")
  if grep -q '^FIRST_UNEXPECTED' "$WORK/$key.txt"; then
    log "$key: $(grep '^FIRST_UNEXPECTED' "$WORK/$key.txt")"
  fi
  log "$key: ${R_RATE[$key]} req/s, p50 ${R_P50[$key]} ms, p99 ${R_P99[$key]} ms, errors ${R_ERR[$key]}"
}

# pgbench_run KEY SCRIPT: pgbench with CONNECTIONS clients, THREADS threads, a short warm-up first;
# latency percentiles from a 10% sample of the per-transaction log
pgbench_run() {
  local key=$1 script=$2 dir=$WORK/$1
  mkdir -p "$dir"
  local pgb=("$PGBIN/pgbench" -h 127.0.0.1 -p "$PGPORT" -U bench -n -c "$CONNECTIONS" -j "$THREADS" \
    -M "$PGBENCH_MODE" -f "$script")
  log "$key: warm-up $(( WARMUP < 5 ? WARMUP : 5 ))s"
  "${pgb[@]}" -T $(( WARMUP < 5 ? WARMUP : 5 )) chatstore >"$dir/warmup.txt" 2>&1 \
    || die "pgbench failed: $(tail -5 "$dir/warmup.txt")"
  local p0 p1
  p0=$(pg_ticks)
  log "$key: measured ${DURATION}s"
  (cd "$dir" && "${pgb[@]}" -T "$DURATION" -l --sampling-rate=0.1 chatstore >"$dir/out.txt" 2>&1) \
    || die "pgbench failed: $(tail -5 "$dir/out.txt")"
  p1=$(pg_ticks)
  R_RATE[$key]=$(awk '/^tps = / { printf "%.0f", $3 }' "$dir/out.txt")
  R_ERR[$key]=$(awk '/failed transactions:/ { print $5 }' "$dir/out.txt")
  R_ERR[$key]=${R_ERR[$key]:-0}
  local pct
  pct=$(cat "$dir"/pgbench_log.* | awk '{ print $3 }' | sort -n | awk '
    { v[NR] = $1 } END { if (NR == 0) { print "- -"; exit }
      printf "%.1f %.1f", v[int(NR * 0.5) + (NR * 0.5 > int(NR * 0.5))] / 1000,
                           v[int(NR * 0.99) + (NR * 0.99 > int(NR * 0.99))] / 1000 }')
  R_P50[$key]=${pct% *}
  R_P99[$key]=${pct#* }
  R_CPU[$key]=""
  R_DBCPU[$key]=$(percent $((p1 - p0)) "$DURATION")
  rm -f "$dir"/pgbench_log.*
  log "$key: ${R_RATE[$key]} tps, p50 ${R_P50[$key]} ms, p99 ${R_P99[$key]} ms"
}

# sqlite3_group_commit KEY DB: the post's two statements into each of the 16 channels, 16 posts per
# BEGIN IMMEDIATE, WAL, synchronous=FULL, for DURATION seconds; the rate is posts/s. Runs on a copy
# of DB's channels and messages tables (their indexes, the search index and its insert trigger, the
# 16 channels' rows), made with the CLI's writable_schema so that a CLI too old for some of DB's
# schema can still read it; SQLITE3_NOTE says what differs.
sqlite3_group_commit() {
  local key=$1 src=$2 dir=$WORK/sqlite3 batches=100
  local db=$dir/cli.db chunk=$dir/chunk.sql schema=$dir/schema.sql
  mkdir -p "$dir"
  sqlite3 "$src" "PRAGMA writable_schema = 1;" "SELECT sql || ';' FROM sqlite_master
    WHERE tbl_name IN ('channels', 'messages', 'message_search_docs', 'messages_fts')
      AND sql IS NOT NULL AND name NOT IN ('tr_messages_search_update', 'tr_messages_search_delete')
    ORDER BY rowid" >"$schema" || die "cannot read the schema of $src"
  SQLITE3_NOTE=""
  if ! sqlite3 :memory: <"$schema" >/dev/null 2>&1; then
    # Debian 12's CLI (3.40) predates FTS5's contentless_delete (3.43); inserts index the same
    sed -i 's/, *contentless_delete=1//' "$schema"
    SQLITE3_NOTE="sqlite3 $(sqlite3 --version | cut -d' ' -f1) predates FTS5 contentless_delete: index created without it"
    sqlite3 :memory: <"$schema" >/dev/null || die "the sqlite3 CLI cannot create chatstore's tables"
  fi
  local ids
  ids=$(echo "'${CHANNELS//,/\',\'}'")
  {
    echo "PRAGMA journal_mode = WAL;"
    cat "$schema"
    sqlite3 "$src" "PRAGMA writable_schema = 1;" ".mode insert channels" \
      "SELECT * FROM channels WHERE id IN ($ids)"
  } | sqlite3 -bail "$db" >/dev/null || die "cannot copy the channels for the sqlite3 CLI"
  awk -v q="'" -v channels="$CHANNELS" -v author="$AUTHOR" -v batches=$batches 'BEGIN {
    n = split(channels, ch, ",")
    print "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;"
    for (b = 1; b <= batches; b++) {
      print "BEGIN IMMEDIATE;"
      for (i = 1; i <= n; i++) {
        c = ch[i]
        print "UPDATE channels SET last_seq = last_seq + 1 WHERE id = " q "" c "" q " RETURNING last_seq;"
        print "INSERT INTO messages (id, channel_id, seq, author_id, body, parent_id, client_txn_id," \
          " created_at, version) VALUES (lower(printf(" q "%s-%s-7%s-%s-%s" q ", hex(randomblob(4))," \
          " hex(randomblob(2)), substr(hex(randomblob(2)), 2), hex(randomblob(2)), hex(randomblob(6))))," \
          " " q "" c "" q ", (SELECT last_seq FROM channels WHERE id = " q "" c "" q "), " q "" author "" q "," \
          " " q "hello from sqlite3" q ", NULL, " q "sqlite3-" q " || hex(randomblob(8))," \
          " CAST((julianday(" q "now" q ") - 2440587.5) * 86400000000 AS INTEGER), 1);"
      }
      print "COMMIT;"
    }
  }' >"$chunk"
  local mode
  mode=$(sqlite3 "$db" 'PRAGMA journal_mode;')
  [[ $(sqlite3 "$db" "SELECT count(*) FROM channels") == "$CONNECTIONS" ]] || die "channels not copied"
  [[ $mode == wal ]] || die "$db is not in WAL mode ($mode)"
  log "$key: warm-up (one chunk)"
  sqlite3 -bail "$db" <"$chunk" >/dev/null || die "sqlite3 failed"
  log "$key: measured ${DURATION}s"
  local start now posts=0 i
  start=$(date +%s%N)
  for i in $(seq 1 100000); do
    sqlite3 -bail "$db" <"$chunk" >/dev/null || die "sqlite3 failed"
    posts=$((posts + batches * CONNECTIONS))
    now=$(date +%s%N)
    (( now - start >= DURATION * 1000000000 )) && break
  done
  R_RATE[$key]=$(rate "$posts" "$((now - start))")
  R_P50[$key]=""; R_P99[$key]=""; R_ERR[$key]=0; R_CPU[$key]=""; R_DBCPU[$key]=""
  log "$key: ${R_RATE[$key]} posts/s"
}
