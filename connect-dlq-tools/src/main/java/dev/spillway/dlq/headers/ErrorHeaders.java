package dev.spillway.dlq.headers;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Decodes the error-context headers that Kafka Connect, Spillway's Guard transform and Kafka Streams put on
 * dead-letter records. Every value is a UTF-8 string, numbers in decimal, as all three writers serialise them.
 *
 * <p>Connect <em>adds</em> its headers: a record that failed, was replayed with its headers and failed again
 * carries each one twice. The last value of each header is the latest failure, and is the one decoded.
 */
public final class ErrorHeaders {

    public static final String CONNECT_PREFIX = "__connect.errors.";
    public static final String CONNECT_TOPIC = CONNECT_PREFIX + "topic";
    public static final String CONNECT_PARTITION = CONNECT_PREFIX + "partition";
    public static final String CONNECT_OFFSET = CONNECT_PREFIX + "offset";
    public static final String CONNECT_CONNECTOR = CONNECT_PREFIX + "connector.name";
    public static final String CONNECT_TASK = CONNECT_PREFIX + "task.id";
    public static final String CONNECT_STAGE = CONNECT_PREFIX + "stage";
    public static final String CONNECT_CLASS = CONNECT_PREFIX + "class.name";
    public static final String CONNECT_EXCEPTION_CLASS = CONNECT_PREFIX + "exception.class.name";
    public static final String CONNECT_EXCEPTION_MESSAGE = CONNECT_PREFIX + "exception.message";
    public static final String CONNECT_STACKTRACE = CONNECT_PREFIX + "exception.stacktrace";

    public static final String SPILLWAY_PREFIX = "__spillway.errors.";
    public static final String GUARD_ALIAS = SPILLWAY_PREFIX + "transform.alias";

    public static final String STREAMS_PREFIX = "__streams.errors.";
    /** Streams writes {@code exception.toString()} here: the class name, then {@code ": message"} if any. */
    public static final String STREAMS_EXCEPTION = STREAMS_PREFIX + "exception";
    public static final String STREAMS_MESSAGE = STREAMS_PREFIX + "message";
    public static final String STREAMS_STACKTRACE = STREAMS_PREFIX + "stacktrace";
    public static final String STREAMS_TOPIC = STREAMS_PREFIX + "topic";
    public static final String STREAMS_PARTITION = STREAMS_PREFIX + "partition";
    public static final String STREAMS_OFFSET = STREAMS_PREFIX + "offset";

    /** Name prefixes of every error-context header this tool knows. */
    public static final List<String> PREFIXES = List.of(CONNECT_PREFIX, SPILLWAY_PREFIX, STREAMS_PREFIX);

    private ErrorHeaders() {
    }

    /** Whether {@code name} is an error-context header of any known writer. */
    public static boolean isErrorHeader(String name) {
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The error context of a record, or empty if it carries no error-context header at all (not a dead-letter
     * record).
     *
     * @throws CorruptHeaderException if a header is present but unreadable
     */
    public static Optional<ErrorContext> decode(Headers headers) {
        boolean connect = false;
        boolean streams = false;
        boolean guard = false;
        for (Header header : headers) {
            String name = header.key();
            connect |= name.startsWith(CONNECT_PREFIX);
            streams |= name.startsWith(STREAMS_PREFIX);
            guard |= name.equals(GUARD_ALIAS);
        }
        if (connect) {
            return Optional.of(decodeConnect(headers, guard));
        }
        if (streams) {
            return Optional.of(decodeStreams(headers));
        }
        if (guard) {
            return Optional.of(decodeConnect(headers, true));
        }
        return Optional.empty();
    }

    private static ErrorContext decodeConnect(Headers headers, boolean guard) {
        return new ErrorContext(
                guard ? ErrorSource.SPILLWAY_GUARD : ErrorSource.CONNECT,
                string(headers, CONNECT_TOPIC),
                integer(headers, CONNECT_PARTITION),
                longValue(headers, CONNECT_OFFSET),
                string(headers, CONNECT_CONNECTOR),
                integer(headers, CONNECT_TASK),
                string(headers, CONNECT_STAGE),
                string(headers, CONNECT_CLASS),
                string(headers, CONNECT_EXCEPTION_CLASS),
                string(headers, CONNECT_EXCEPTION_MESSAGE),
                string(headers, CONNECT_STACKTRACE),
                string(headers, GUARD_ALIAS),
                occurrences(headers, CONNECT_EXCEPTION_CLASS, CONNECT_TOPIC));
    }

    private static ErrorContext decodeStreams(Headers headers) {
        String exception = string(headers, STREAMS_EXCEPTION);
        String exceptionClass = exception;
        if (exception != null) {
            int colon = exception.indexOf(": ");
            exceptionClass = (colon < 0 ? exception : exception.substring(0, colon)).strip();
        }
        return new ErrorContext(
                ErrorSource.KAFKA_STREAMS,
                string(headers, STREAMS_TOPIC),
                integer(headers, STREAMS_PARTITION),
                longValue(headers, STREAMS_OFFSET),
                null,
                null,
                null,
                null,
                exceptionClass,
                string(headers, STREAMS_MESSAGE),
                string(headers, STREAMS_STACKTRACE),
                null,
                occurrences(headers, STREAMS_EXCEPTION, STREAMS_TOPIC));
    }

    private static int occurrences(Headers headers, String first, String second) {
        int count = Math.max(count(headers, first), count(headers, second));
        return Math.max(count, 1);
    }

    private static int count(Headers headers, String name) {
        int count = 0;
        for (Header ignored : headers.headers(name)) {
            count++;
        }
        return count;
    }

    /** The last value of a header as UTF-8 text; {@code null} if absent or written with a null value. */
    public static String string(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(header.value()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CorruptHeaderException(name, "is not UTF-8 text (" + header.value().length + " bytes)");
        }
    }

    private static Integer integer(Headers headers, String name) {
        Long value = longValue(headers, name);
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new CorruptHeaderException(name, "is out of range: " + value);
        }
        return value.intValue();
    }

    private static Long longValue(Headers headers, String name) {
        String text = string(headers, name);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new CorruptHeaderException(name, "is not a number: '" + abbreviate(text, 40) + "'");
        }
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
