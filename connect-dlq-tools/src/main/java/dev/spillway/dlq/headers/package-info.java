/** Decoding of the error-context headers of Kafka Connect, Spillway's Guard and Kafka Streams dead letters. */
package dev.spillway.dlq.headers;
