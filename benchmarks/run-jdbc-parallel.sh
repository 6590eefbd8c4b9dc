#!/usr/bin/env bash
# JDBC source parallel snapshot benchmark (docs/benchmarks.md, "Parallel snapshot"): one table's first
# incrementing catch-up, unsplit with one task, then split into key ranges with 1, 2 and 4 tasks on one Kafka 3.9.2
# worker and with 2 and 4 tasks on two; rows/s and all workers' CPU per million rows, on the loopback PostgreSQL
# and MariaDB (127.0.0.1:5432 user postgres db test; 127.0.0.1:3306 user root db test).
# Usage: benchmarks/run-jdbc-parallel.sh [rows] [POSTGRES,MARIADB]
set -uo pipefail
cd "$(dirname "$0")/.."
rows="${1:-5000000}"
dbs="${2:-POSTGRES,MARIADB}"
log="connect-jdbc-source/target/jdbc-parallel-benchmark.log"
mkdir -p "$(dirname "$log")"
mvn -B -ntp -pl connect-jdbc-source -am verify -Dspillway.it.kafka.versions=3.9.2 \
  -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ParallelSnapshotBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dspillway.bench.parallel.rows="$rows" -Dspillway.bench.dbs="$dbs" > "$log" 2>&1
status=$?
grep -E "RESULT" "$log"
[ "$status" -eq 0 ] || echo "mvn failed ($status); see $log"
exit "$status"
