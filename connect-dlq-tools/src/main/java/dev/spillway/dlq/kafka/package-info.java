/** Client settings, topic checks, reading dead-letter topics and turning client errors into one-line messages. */
package dev.spillway.dlq.kafka;
