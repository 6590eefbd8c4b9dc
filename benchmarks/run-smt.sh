#!/usr/bin/env bash
# Runs the SMT JMH benchmarks (Spillway against Kafka's MaskField and Debezium's ExtractNewRecordState)
# with the GC profiler for bytes allocated per record, and writes JMH's JSON to benchmarks/target/.
# Extra arguments go to JMH, e.g. ./benchmarks/run-smt.sh MaskBenchmark -p width=10
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests -pl benchmarks -am package
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main \
  -prof gc -rf json -rff benchmarks/target/jmh-smt.json "${@:-dev.spillway.benchmarks.smt}"
