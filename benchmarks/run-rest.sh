#!/usr/bin/env bash
# Runs the REST source throughput benchmark: items/s from a loopback JSON API into Kafka through one real
# Connect worker, against a plain HttpClient loop that only fetches and parses the same pages.
# Extra arguments go to the benchmark, e.g. ./benchmarks/run-rest.sh --items 200000 --runs 5 --kafka-version 3.9.2
# --mode post reads the same items as a GraphQL POST (cursor in a body template); --mode both measures GET and POST.
# --connector-property k=v (repeatable) adds a setting to the connector, e.g. producer.override.batch.size=262144.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests -pl benchmarks -am package
exec java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.org.apache.kafka=error -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  dev.spillway.benchmarks.rest.RestSourceThroughput "$@"
