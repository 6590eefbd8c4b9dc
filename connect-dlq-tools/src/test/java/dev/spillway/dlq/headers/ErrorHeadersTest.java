package dev.spillway.dlq.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ErrorHeadersTest {

    private static RecordHeaders headers(String... namesAndValues) {
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            headers.add(namesAndValues[i], value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    @Test
    void decodesEveryConnectHeader() {
        ErrorContext context = ErrorHeaders.decode(headers(
                "trace", "abc",
                ErrorHeaders.CONNECT_TOPIC, "orders",
                ErrorHeaders.CONNECT_PARTITION, "2",
                ErrorHeaders.CONNECT_OFFSET, "12345678901",
                ErrorHeaders.CONNECT_CONNECTOR, "file-sink",
                ErrorHeaders.CONNECT_TASK, "0",
                ErrorHeaders.CONNECT_STAGE, "VALUE_CONVERTER",
                ErrorHeaders.CONNECT_CLASS, "org.apache.kafka.connect.json.JsonConverter",
                ErrorHeaders.CONNECT_EXCEPTION_CLASS, "org.apache.kafka.connect.errors.DataException",
                ErrorHeaders.CONNECT_EXCEPTION_MESSAGE, "Converting byte[] failed",
                ErrorHeaders.CONNECT_STACKTRACE, "org.apache.kafka.connect.errors.DataException: x\n\tat a.b(C.java:1)"))
                .orElseThrow();
        assertThat(context.source()).isEqualTo(ErrorSource.CONNECT);
        assertThat(context.originalTopic()).isEqualTo("orders");
        assertThat(context.originalPartition()).isEqualTo(2);
        assertThat(context.originalOffset()).isEqualTo(12345678901L);
        assertThat(context.connector()).isEqualTo("file-sink");
        assertThat(context.taskId()).isZero();
        assertThat(context.stage()).isEqualTo("VALUE_CONVERTER");
        assertThat(context.executingClass()).isEqualTo("org.apache.kafka.connect.json.JsonConverter");
        assertThat(context.exceptionClass()).isEqualTo("org.apache.kafka.connect.errors.DataException");
        assertThat(context.exceptionSimpleName()).isEqualTo("DataException");
        assertThat(context.exceptionMessage()).isEqualTo("Converting byte[] failed");
        assertThat(context.stackTrace()).startsWith("org.apache.kafka.connect.errors.DataException: x");
        assertThat(context.transformAlias()).isNull();
        assertThat(context.occurrences()).isEqualTo(1);
    }

    @Test
    void latestOfRepeatedConnectHeadersWins() {
        ErrorContext context = ErrorHeaders.decode(headers(
                ErrorHeaders.CONNECT_TOPIC, "orders", ErrorHeaders.CONNECT_EXCEPTION_CLASS, "a.First",
                ErrorHeaders.CONNECT_TOPIC, "orders", ErrorHeaders.CONNECT_EXCEPTION_CLASS, "b.Second"))
                .orElseThrow();
        assertThat(context.exceptionClass()).isEqualTo("b.Second");
        assertThat(context.occurrences()).isEqualTo(2);
    }

    @Test
    void guardRecordsAreTold() {
        ErrorContext context = ErrorHeaders.decode(headers(
                ErrorHeaders.CONNECT_TOPIC, "orders", ErrorHeaders.CONNECT_STAGE, "TRANSFORMATION",
                ErrorHeaders.GUARD_ALIAS, "mask")).orElseThrow();
        assertThat(context.source()).isEqualTo(ErrorSource.SPILLWAY_GUARD);
        assertThat(context.transformAlias()).isEqualTo("mask");
        assertThat(context.stage()).isEqualTo("TRANSFORMATION");
    }

    @Test
    void decodesKafkaStreamsHeaders() {
        ErrorContext context = ErrorHeaders.decode(headers(
                ErrorHeaders.STREAMS_EXCEPTION, "org.apache.kafka.common.errors.SerializationException: bad bytes",
                ErrorHeaders.STREAMS_MESSAGE, "bad bytes",
                ErrorHeaders.STREAMS_STACKTRACE, "trace",
                ErrorHeaders.STREAMS_TOPIC, "clicks",
                ErrorHeaders.STREAMS_PARTITION, "1",
                ErrorHeaders.STREAMS_OFFSET, "7")).orElseThrow();
        assertThat(context.source()).isEqualTo(ErrorSource.KAFKA_STREAMS);
        assertThat(context.exceptionClass()).isEqualTo("org.apache.kafka.common.errors.SerializationException");
        assertThat(context.exceptionMessage()).isEqualTo("bad bytes");
        assertThat(context.originalTopic()).isEqualTo("clicks");
        assertThat(context.originalPartition()).isEqualTo(1);
        assertThat(context.originalOffset()).isEqualTo(7);
        assertThat(context.connector()).isNull();
    }

    @Test
    void streamsExceptionWithoutMessageIsTheClass() {
        ErrorContext context = ErrorHeaders.decode(headers(
                ErrorHeaders.STREAMS_EXCEPTION, "java.lang.NullPointerException",
                ErrorHeaders.STREAMS_MESSAGE, null)).orElseThrow();
        assertThat(context.exceptionClass()).isEqualTo("java.lang.NullPointerException");
        assertThat(context.exceptionMessage()).isNull();
    }

    @Test
    void recordsWithoutErrorHeadersAreNotDeadLetters() {
        assertThat(ErrorHeaders.decode(headers("trace", "abc", "__connect", "x"))).isEmpty();
        assertThat(ErrorHeaders.decode(new RecordHeaders())).isEmpty();
    }

    @Test
    void nonNumericPartitionIsCorrupt() {
        assertThatThrownBy(() -> ErrorHeaders.decode(headers(ErrorHeaders.CONNECT_TOPIC, "orders",
                ErrorHeaders.CONNECT_PARTITION, "two")))
                .isInstanceOf(CorruptHeaderException.class)
                .hasMessage("header __connect.errors.partition is not a number: 'two'");
    }

    @Test
    void nonUtf8ValueIsCorrupt() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ErrorHeaders.CONNECT_TOPIC, new byte[] {(byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(() -> ErrorHeaders.decode(headers))
                .isInstanceOf(CorruptHeaderException.class)
                .hasMessageContaining("__connect.errors.topic is not UTF-8");
    }

    @Test
    void partitionOutOfIntRangeIsCorrupt() {
        assertThatThrownBy(() -> ErrorHeaders.decode(headers(ErrorHeaders.STREAMS_TOPIC, "t",
                ErrorHeaders.STREAMS_PARTITION, "99999999999")))
                .isInstanceOf(CorruptHeaderException.class).hasMessageContaining("out of range");
    }

    @Test
    void errorHeaderNamespaces() {
        assertThat(ErrorHeaders.isErrorHeader("__connect.errors.topic")).isTrue();
        assertThat(ErrorHeaders.isErrorHeader("__streams.errors.offset")).isTrue();
        assertThat(ErrorHeaders.isErrorHeader("__spillway.errors.transform.alias")).isTrue();
        assertThat(ErrorHeaders.isErrorHeader("__spillway.replay.count")).isFalse();
        assertThat(ErrorHeaders.isErrorHeader("trace-id")).isFalse();
    }

    @Test
    void aHugeReplayCountIsQuotedShort() {
        assertThatThrownBy(() -> dev.spillway.dlq.kafka.ReplayHeaders.replayCount(headers(
                "__spillway.replay.count", "n".repeat(1_000_000))))
                .isInstanceOf(CorruptHeaderException.class)
                .hasMessage("header __spillway.replay.count is not a number: '" + "n".repeat(40) + "...'");
    }
}
