#!/usr/bin/env bash
# HTTP service benchmark: POST throughput vs pgbench, NDJSON streaming vs MessageStore.stream,
# on an embedded PostgreSQL 17, in a JVM limited to 256 MiB of heap. Run from the repository root:
#   app/bench/http.sh            (options: -Dbench.seconds=15 -Dbench.rows=1000000)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -pl app -am test-compile dependency:build-classpath -Dspotless.check.skip=true \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
PGBENCH=$(command -v pgbench || echo /usr/lib/postgresql/15/bin/pgbench)
exec java -Xmx256m -Dbench.pgbench="$PGBENCH" "$@" \
  -cp "app/target/test-classes:app/target/classes:$(cat app/target/bench.classpath)" \
  dev.chatstore.app.bench.HttpBenchmark
