#!/usr/bin/env bash
# Builds the Spillway plugin zip and starts a real local demo: a KRaft broker and a Kafka Connect worker,
# launched from Apache Kafka's own jars, with the zip unpacked into plugin.path. Ctrl-C stops everything.
# Extra arguments go to the demo, e.g. ./demo.sh --kafka-version 4.3.1, or --jdbc-url jdbc:postgresql://host/db
# --jdbc-user me to read your own tables instead of the embedded PostgreSQL (./demo.sh --help lists them all).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -ntp -q -Dstyle.color=never -DskipTests package
zip=$(ls packaging/target/spillway-spillway-connect-*.zip)
exec java -cp "demo/target/classes:$(cat demo/target/classpath.txt)" dev.spillway.demo.LocalDemo --zip "$zip" "$@"
