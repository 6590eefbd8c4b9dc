package dev.spillway.dlq.headers;

/** Who wrote a dead-letter record's error context, told apart by the headers it carries. */
public enum ErrorSource {
    /** Kafka Connect's sink dead letter queue (KIP-298), {@code __connect.errors.*}. */
    CONNECT,
    /** Spillway's Guard transform: Connect's header names plus {@code __spillway.errors.transform.alias}. */
    SPILLWAY_GUARD,
    /** Kafka Streams' exception handlers (KIP-1034), {@code __streams.errors.*}. */
    KAFKA_STREAMS
}
