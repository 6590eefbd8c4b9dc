package dev.spillway.connect.jdbc.dialect;

import java.time.Duration;
import java.time.Instant;

/**
 * One look at the transactions in flight: the database's clock, the start of the oldest transaction (or
 * statement) other sessions still have open, or null if there is none, and how much older than {@code now} the
 * database's list of open transactions may be (zero where the list is live): transactions begun in that window
 * are not in it.
 */
public record HorizonSample(Instant now, Instant oldestInFlight, Duration staleness) {

    public HorizonSample {
        if (staleness.isNegative()) {
            throw new IllegalArgumentException("staleness must not be negative: " + staleness);
        }
    }

    /** A sample from a live list of transactions. */
    public HorizonSample(Instant now, Instant oldestInFlight) {
        this(now, oldestInFlight, Duration.ZERO);
    }

    /**
     * The earliest time a row that is not committed yet could carry, or have been given its sequence value at:
     * the oldest in-flight start, or the time the list of transactions is known to be from if that is earlier.
     */
    public Instant safeBefore() {
        Instant seenUpTo = now.minus(staleness);
        return oldestInFlight == null || oldestInFlight.isAfter(seenUpTo) ? seenUpTo : oldestInFlight;
    }
}
