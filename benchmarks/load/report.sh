# The Markdown report of benchmarks/load/run.sh (sourced): write_report prints one run's section
# from the R_* arrays that lib.sh's measure, pgbench_run and sqlite3_group_commit fill.

# 12345 -> 12,345; empty stays empty
fmt() { [[ -z ${1:-} ]] && return 0; echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

# ratio A B: A / B as "0.42x", or "n/a"
ratio() {
  awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "n/a";
    else printf (a / b < 0.1 ? "%.3fx" : "%.2fx"), a / b }'
}

# goal_row LABEL A B GOAL: a ratio table row, with the goal met or missed
goal_row() {
  local r
  r=$(ratio "$2" "$3")
  local verdict
  verdict=$(awk -v r="${r%x}" -v g="$4" 'BEGIN { if (r == "n/a" || g == "") print "";
    else if (r + 0 >= g + 0) print "met"; else printf "missed (%.0f%% of the goal)", 100 * r / g }')
  echo "| $1 | $(fmt "$2") / $(fmt "$3") | **$r** | ${4:+>= ${4}x} | $verdict |"
}

cell() { # KEY: rate | p50 | p99 | errors | JVM CPU | PG CPU
  local k=$1
  if [[ -z ${R_RATE[$k]:-} ]]; then
    echo " | | | | | "
  else
    echo "$(fmt "${R_RATE[$k]}") | ${R_P50[$k]} | ${R_P99[$k]} | ${R_ERR[$k]} | ${R_CPU[$k]} | ${R_DBCPU[$k]:-}"
  fi
}

machine() {
  local cpu mem
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  mem=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
  echo "- machine: $(nproc) CPUs ($cpu), $mem RAM, Linux $(uname -r);" \
    "$(java -version 2>&1 | head -1 | sed 's/"//g'); PostgreSQL ${PG_VERSION:-not run};" \
    "sqlite3 $(sqlite3 --version | cut -d' ' -f1); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
  local commit
  commit=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
  [[ -n $(cd "$ROOT" && git status --porcelain -- app storage-* benchmarks/reference 2>/dev/null) ]] \
    && commit="$commit (with uncommitted changes)"
  echo "- code: $commit; service jar built $(date -u -r "$APP_JAR" '+%Y-%m-%d %H:%M UTC')"
  echo "- load average (1, 5, 15 min) at start: $LOAD_START; at the end: $LOAD_END;" \
    "processes above 5% CPU at start: ${TOP_START:-none}"
  echo "- wrk: $CONNECTIONS connections, $THREADS threads, warm-up ${WARMUP} s, then ${DURATION} s" \
    "measured; both services in \`java $JAVA_OPTS\`, $POOL_SIZE pooled PostgreSQL connections;" \
    "${CHATSTORE_ARGS:+chatstore also given \`$CHATSTORE_ARGS\`;}" \
    "pgbench -c $CONNECTIONS -j $THREADS -M $PGBENCH_MODE -T $DURATION (5 s warm-up);" \
    "JFR $([[ $JFR == 1 ]] && echo "on during chatstore's measured runs" || echo off)"
}

write_report() {
  local mode="full"
  [[ $WARMUP == 20 && $DURATION == 30 ]] || mode="warm-up ${WARMUP} s, ${DURATION} s measured"
  [[ $QUICK == 1 ]] && mode="QUICK (smoke test: short runs, figures not for quoting)"
  [[ $BACKENDS == "postgres sqlite" ]] || mode="$mode, backends: $BACKENDS"
  echo
  echo "## Run of $STARTED, $mode"
  echo
  machine
  echo
  echo "### HTTP, wrk"
  echo
  echo "Rates in requests/s, latencies in ms, errors = non-2xx answers plus socket errors and timeouts," \
    "CPU = % of one core over the measured run (JVM: the service; PG: the whole PostgreSQL server)."
  echo
  echo "| backend | path | chatstore req/s | p50 | p99 | errors | JVM CPU | PG CPU |" \
    "reference req/s | p50 | p99 | errors | JVM CPU | PG CPU | chatstore / reference |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  local b p
  for b in $BACKENDS; do
    for p in post page me; do
      local label=$p
      [[ $p == post ]] && label="POST a message, 16 channels"
      [[ $p == page ]] && label="GET newest page of 50"
      [[ $p == me ]] && label="GET /users/me (reference: the user row)"
      echo "| $b | $label | $(cell "chatstore-$b-$p") | $(cell "reference-$b-$p") |" \
        "$(ratio "${R_RATE[chatstore-$b-$p]:-}" "${R_RATE[reference-$b-$p]:-}") |"
    done
  done
  echo
  echo "### The databases' own tools, same run"
  echo
  echo "| tool | statement | rate /s | p50 | p99 | failures | PG CPU |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  local k
  for k in pgbench-insert pgbench-post pgbench-post1 pgbench-page sqlite3-post; do
    [[ -n ${R_RATE[$k]:-} ]] || continue
    local what
    case $k in
      pgbench-insert) what="pgbench | plain insert into messages, a channel per client" ;;
      pgbench-post) what="pgbench | the post's transaction: \`UPDATE channels ... RETURNING\`, then insert" ;;
      pgbench-post1) what="pgbench | the post as chatstore's one statement (CTE)" ;;
      pgbench-page) what="pgbench | \`SELECT ... WHERE channel_id = ? ORDER BY seq DESC LIMIT 50\`" ;;
      sqlite3-post) what="sqlite3 CLI | the post's two statements, 16 posts per \`BEGIN IMMEDIATE\`, WAL, synchronous=FULL (posts/s)" ;;
    esac
    echo "| $what | $(fmt "${R_RATE[$k]}") | ${R_P50[$k]:-} | ${R_P99[$k]:-} | ${R_ERR[$k]:-} | ${R_DBCPU[$k]:-} |"
  done
  echo
  echo "### Ratios (the goals of issue 9)"
  echo
  echo "| ratio | rates | value | goal | |"
  echo "|---|---|---:|---|---|"
  if [[ " $BACKENDS " == *" postgres "* ]]; then
    goal_row "PostgreSQL: HTTP post / pgbench post transaction" "${R_RATE[chatstore-postgres-post]:-}" "${R_RATE[pgbench-post]:-}" 0.5
    goal_row "PostgreSQL: HTTP post / pgbench plain insert" "${R_RATE[chatstore-postgres-post]:-}" "${R_RATE[pgbench-insert]:-}" ""
    goal_row "PostgreSQL: HTTP page / pgbench page select" "${R_RATE[chatstore-postgres-page]:-}" "${R_RATE[pgbench-page]:-}" 0.2
  fi
  if [[ " $BACKENDS " == *" sqlite "* ]]; then
    goal_row "SQLite: HTTP post / sqlite3 group commit" "${R_RATE[chatstore-sqlite-post]:-}" "${R_RATE[sqlite3-post]:-}" 0.25
  fi
  for b in $BACKENDS; do
    for p in post page me; do
      goal_row "$b: HTTP $p / reference $p" "${R_RATE[chatstore-$b-$p]:-}" "${R_RATE[reference-$b-$p]:-}" 0.7
    done
  done
  if [[ " $BACKENDS " == *" postgres "* ]]; then
    goal_row "PostgreSQL: reference post / pgbench post transaction" "${R_RATE[reference-postgres-post]:-}" "${R_RATE[pgbench-post]:-}" ""
    goal_row "PostgreSQL: reference page / pgbench page select" "${R_RATE[reference-postgres-page]:-}" "${R_RATE[pgbench-page]:-}" ""
  fi
  if [[ " $BACKENDS " == *" sqlite "* ]]; then
    goal_row "SQLite: reference post / sqlite3 group commit" "${R_RATE[reference-sqlite-post]:-}" "${R_RATE[sqlite3-post]:-}" ""
  fi
  if [[ $JFR == 1 ]]; then
    echo
    echo "### JFR profiles of chatstore's measured runs"
    local f
    for f in "$WORK"/chatstore-*.jfr; do
      [[ -f $f ]] || continue
      echo
      echo "<details><summary>$(basename "$f" .jfr)</summary>"
      echo
      "$HERE/jfr-top.sh" "$f" 15 || echo "(jfr could not read $f)"
      echo
      echo "</details>"
    done
  fi
}
