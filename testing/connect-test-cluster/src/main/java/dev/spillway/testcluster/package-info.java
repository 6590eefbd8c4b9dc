/**
 * A real-cluster test kit: a single-node KRaft broker and Kafka Connect distributed workers, each in its own JVM,
 * started from Apache Kafka's own jars for a chosen Kafka version.
 *
 * <p>Entry point: {@link dev.spillway.testcluster.ConnectCluster#builder()}. Integration tests typically pair it with
 * {@link dev.spillway.testcluster.ClusterLogsOnFailure} so process logs show up in failure reports.
 */
package dev.spillway.testcluster;
