#!/usr/bin/env bash
# The load benchmark of issue 9, in one command from anywhere in the repository:
#
#   benchmarks/load/run.sh                 # 20 s warm-up, 30 s measured per path (about 15 minutes)
#   QUICK=1 benchmarks/load/run.sh         # 5 s warm-up, 5 s measured: a smoke test
#
# wrk (16 connections, 2 threads, in its own process) against the chatstore service and against the
# bare reference service (benchmarks/reference), each on SQLite (a fresh file) and on a PostgreSQL 15
# server started here (fsync and synchronous_commit on); in the same run pgbench and the sqlite3 CLI
# on the same statements. Appends a Markdown report to benchmarks/load/results-<date>.md.
# Settings (environment): DURATION, WARMUP, QUICK, BACKENDS ("postgres sqlite"), JFR (1: profile
# chatstore's measured runs), PGBENCH_MODE (simple), JAVA_OPTS, POOL_SIZE (16), CHATSTORE_ARGS
# (more service arguments), PGBIN, RESULTS, KEEP (1: keep the
# temp dir with the raw output), REBUILD (1: rebuild the jars). See benchmarks/README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/benchmarks/load
LUA=$HERE/lua
# shellcheck source=lib.sh
source "$HERE/lib.sh"
# shellcheck source=report.sh
source "$HERE/report.sh"

QUICK=${QUICK:-0}
if [[ $QUICK == 1 ]]; then
  WARMUP=${WARMUP:-5} DURATION=${DURATION:-5}
else
  WARMUP=${WARMUP:-20} DURATION=${DURATION:-30}
fi
CONNECTIONS=16
THREADS=2
BACKENDS=${BACKENDS:-postgres sqlite}
JFR=${JFR:-1}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGBENCH_MODE=${PGBENCH_MODE:-simple}
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m}
CHATSTORE_ARGS=${CHATSTORE_ARGS:-}
POOL_SIZE=${POOL_SIZE:-16}
RESULTS=${RESULTS:-$HERE/results-$(date -u +%F).md}
APP_JAR=$ROOT/app/target/chatstore.jar
REF_JAR=$ROOT/benchmarks/reference/target/reference.jar
MVN=(mvn -B -o -ntp -q -DskipTests)

[[ $DURATION =~ ^[0-9]+$ && $DURATION -gt 0 && $WARMUP =~ ^[0-9]+$ ]] || die "DURATION/WARMUP: seconds"
need wrk wrk
need jq jq
need curl curl
need sqlite3 sqlite3
command -v java >/dev/null || die "java (17) is needed"
[[ $JFR != 1 ]] || command -v jcmd >/dev/null || die "JFR=1 needs jcmd and jfr (the JDK)"
for b in $BACKENDS; do
  [[ $b == postgres && ! -x $PGBIN/pgbench ]] \
    && die "PostgreSQL 15 binaries missing in $PGBIN: apt-get install postgresql-15 (or BACKENDS=sqlite)"
done

# stale: a source or pom of the jar's modules newer than the jar
stale() {
  local jar=$1
  shift
  [[ ${REBUILD:-0} == 1 || ! -f $jar ]] && return 0
  [[ -n $(cd "$ROOT" && find pom.xml "$@" -path '*/target' -prune -o -type f -newer "$jar" -print -quit) ]]
}
if stale "$APP_JAR" app storage-api storage-migrations storage-sqlite-bridge storage-r2dbc; then
  log "building $APP_JAR"
  (cd "$ROOT" && "${MVN[@]}" package -pl app -am) || die "building the service failed"
fi
if stale "$REF_JAR" benchmarks/reference; then
  log "building $REF_JAR"
  (cd "$ROOT" && "${MVN[@]}" package -pl benchmarks/reference) || die "building the reference failed"
fi

WORK=$(mktemp -d /tmp/chatstore-load.XXXXXX)
chmod 755 "$WORK"
trap cleanup EXIT
trap 'exit 130' INT TERM
declare -A R_RATE R_P50 R_P99 R_ERR R_CPU R_DBCPU

STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
TOP_START=""
while read -r pid pcpu; do
  TOP_START+="${TOP_START:+, }$(describe "$pid") $pcpu%"
done < <(top -b -n 2 -d 1 -w 200 2>/dev/null | awk '/^top -/ { n++ } n == 2 && $1 ~ /^[0-9]+$/ && $9 + 0 >= 5 { print $1, $9 }' || true)
log "load average at start: $LOAD_START; busy processes: ${TOP_START:-none}"

# run_service KIND BACKEND URL: start chatstore or the reference, measure its three paths, stop it
run_service() {
  local kind=$1 backend=$2 url=$3 port
  port=$(free_port)
  if [[ $kind == chatstore ]]; then
    start_java "chatstore-$backend" "$port" "$APP_JAR" --chatstore.storage.url="$url" \
      --chatstore.storage.properties.poolSize="$POOL_SIZE" --chatstore.password-hashing.strength=4 \
      --logging.level.root=warn $CHATSTORE_ARGS
    BASE=http://127.0.0.1:$port/api/v1
    wait_http "http://127.0.0.1:$port/actuator/health" "$SVC_PID" "$WORK/chatstore-$backend.log"
    set_up_chatstore
    log "chatstore on $backend: set up (16 channels, a history of 100 messages)"
    measure "chatstore-$backend-post" "$SVC_PID" post.lua "$port" BENCH_CHANNELS="$CHANNELS" \
      BENCH_PATH="/api/v1/channels/%s/messages"
    measure "chatstore-$backend-page" "$SVC_PID" get.lua "$port" \
      BENCH_PATH="/api/v1/channels/$HISTORY/messages?limit=50"
    measure "chatstore-$backend-me" "$SVC_PID" get.lua "$port" BENCH_PATH="/api/v1/users/me"
  else
    start_java "reference-$backend" "$port" "$REF_JAR" --reference.url="$url" \
      --reference.author="$AUTHOR" --reference.pool-size="$POOL_SIZE" --logging.level.root=warn \
      --spring.main.banner-mode=off
    wait_http "http://127.0.0.1:$port/ref/users/$AUTHOR" "$SVC_PID" "$WORK/reference-$backend.log"
    measure "reference-$backend-post" "$SVC_PID" post.lua "$port" BENCH_CHANNELS="$CHANNELS" \
      BENCH_PATH="/ref/channels/%s/messages"
    measure "reference-$backend-page" "$SVC_PID" get.lua "$port" \
      BENCH_PATH="/ref/channels/$HISTORY/messages?limit=50"
    measure "reference-$backend-me" "$SVC_PID" get.lua "$port" BENCH_PATH="/ref/users/$AUTHOR"
  fi
  stop_pid "$SVC_PID"
}

# pgbench on the tables chatstore created: 16 channels of its own (one per client, fixed ids)
run_pgbench() {
  local ch="('00000000-0000-4000-8000-' || lpad(:client_id::text, 12, '0'))::uuid"
  local cols="id, channel_id, seq, author_id, body, parent_id, client_txn_id, created_at, version"
  "${PSQL[@]}" -d chatstore -c "INSERT INTO channels (id, name, topic, kind, visibility, category,
      created_by, archived, last_seq, created_at, updated_at, version)
    SELECT ('00000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 'pgbench-' || n, topic,
      kind, visibility, category, created_by, archived, 0, created_at, updated_at, version
      FROM channels, generate_series(0, $((CONNECTIONS - 1))) n WHERE id = '${CHANNELS%%,*}'"
  cat >"$WORK/insert.sql" <<SQL
INSERT INTO messages ($cols) VALUES (gen_random_uuid(), $ch, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint, '$AUTHOR', 'hello from pgbench', NULL, gen_random_uuid()::text, now(), 1);
SQL
  cat >"$WORK/post.sql" <<SQL
BEGIN;
UPDATE channels SET last_seq = last_seq + 1 WHERE id = $ch RETURNING last_seq \gset
INSERT INTO messages ($cols) VALUES (gen_random_uuid(), $ch, :last_seq, '$AUTHOR', 'hello from pgbench', NULL, gen_random_uuid()::text, now(), 1);
END;
SQL
  cat >"$WORK/post1.sql" <<SQL
WITH next AS (UPDATE channels SET last_seq = last_seq + 1 WHERE id = $ch RETURNING last_seq) INSERT INTO messages ($cols) SELECT gen_random_uuid(), $ch, next.last_seq, '$AUTHOR', 'hello from pgbench', NULL, gen_random_uuid()::text, now(), 1 FROM next RETURNING seq;
SQL
  cat >"$WORK/page.sql" <<SQL
SELECT id, channel_id, seq, author_id, body, parent_id, client_txn_id, created_at, edited_at, deleted_at, version FROM messages WHERE channel_id = '$HISTORY' ORDER BY seq DESC LIMIT 50;
SQL
  pgbench_run pgbench-insert "$WORK/insert.sql"
  pgbench_run pgbench-post "$WORK/post.sql"
  pgbench_run pgbench-post1 "$WORK/post1.sql"
  pgbench_run pgbench-page "$WORK/page.sql"
}

for backend in $BACKENDS; do
  case $backend in
    postgres)
      pg_start
      log "PostgreSQL $("${PSQL[@]}" -d postgres -Atc 'SHOW server_version') on 127.0.0.1:$PGPORT"
      url="r2dbc:postgresql://bench@127.0.0.1:$PGPORT/chatstore"
      run_service chatstore postgres "$url"
      run_service reference postgres "$url"
      run_pgbench
      PG_VERSION=$("${PSQL[@]}" -d postgres -Atc 'SHOW server_version')
      pg_stop
      ;;
    sqlite)
      mkdir -p "$WORK/sqlite"
      run_service chatstore sqlite "sqlite:$WORK/sqlite/chatstore.db"
      run_service reference sqlite "sqlite:$WORK/sqlite/chatstore.db"
      sqlite3_group_commit sqlite3-post "$WORK/sqlite/chatstore.db"
      ;;
    *) die "unknown backend $backend (postgres, sqlite)" ;;
  esac
done

LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
write_report >>"$RESULTS"
log "report appended to $RESULTS"
