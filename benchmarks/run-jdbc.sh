#!/usr/bin/env bash
# JDBC source benchmark (docs/benchmarks.md, "JDBC source"): the connector in incrementing mode, safe defaults and
# bare settings (no key, no horizon) alternated, with worker CPU per million rows from /proc/<pid>/stat, on one
# Kafka 3.9.2 worker against a plain JDBC loop + KafkaProducer, on the loopback PostgreSQL and MariaDB
# (127.0.0.1:5432 user postgres db test; 127.0.0.1:3306 user root db test).
# Usage: [JFR=true] [VARIANTS=DEFAULTS,BARE] [ROUNDS=2] benchmarks/run-jdbc.sh [rows] [POSTGRES,MARIADB]
#   JFR=true: worker profile in target/; VARIANTS: any of DEFAULTS, BARE, KEY_ONLY, HORIZON_ONLY, run in that
#   order ROUNDS times.
set -uo pipefail
cd "$(dirname "$0")/.."
rows="${1:-5000000}"
dbs="${2:-POSTGRES,MARIADB}"
log="connect-jdbc-source/target/jdbc-benchmark.log"
mkdir -p "$(dirname "$log")"
mvn -B -ntp -pl connect-jdbc-source -am verify -Dspillway.it.kafka.versions=3.9.2 \
  -Dtest='dev.spillway.connect.jdbc.**.*Test' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=JdbcBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dspillway.bench.rows="$rows" -Dspillway.bench.dbs="$dbs" -Dspillway.bench.jfr="${JFR:-false}" \
  -Dspillway.bench.variants="${VARIANTS:-DEFAULTS,BARE}" -Dspillway.bench.rounds="${ROUNDS:-2}" \
  -Dspillway.bench.worker.jvm="${WORKER_JVM:-}" -Dspillway.bench.worker.properties="${WORKER_PROPERTIES:-}" \
  > "$log" 2>&1
status=$?
grep -E "RESULT|loaded|limit:|JFR" "$log"
[ "$status" -eq 0 ] || echo "mvn failed ($status); see $log"
exit "$status"
