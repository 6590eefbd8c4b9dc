package dev.spillway.dlq.kafka;

import dev.spillway.dlq.headers.CorruptHeaderException;
import dev.spillway.dlq.headers.ErrorHeaders;
import org.apache.kafka.common.header.Headers;

/** The header in which replay counts how often a record went round: the loop guard reads it back. */
public final class ReplayHeaders {

    public static final String REPLAY_COUNT = "__spillway.replay.count";

    private ReplayHeaders() {
    }

    /** The replay count a record carries, 0 without the header. */
    public static int replayCount(Headers headers) {
        String text = ErrorHeaders.string(headers, REPLAY_COUNT);
        if (text == null) {
            return 0;
        }
        try {
            int count = Integer.parseInt(text.strip());
            if (count < 0) {
                throw new CorruptHeaderException(REPLAY_COUNT, "is negative: " + count);
            }
            return count;
        } catch (NumberFormatException e) {
            // Quoted short: the header can be megabytes of anything.
            throw new CorruptHeaderException(REPLAY_COUNT, "is not a number: '"
                    + (text.length() <= 40 ? text : text.substring(0, 40) + "...") + "'");
        }
    }
}
