package dev.spillway.connect.jdbc.dialect;

import java.time.Instant;

/**
 * One look at the transactions in flight: the database's clock, and the start of the oldest transaction (or
 * statement) other sessions still have open, or null if there is none.
 */
public record HorizonSample(Instant now, Instant oldestInFlight) {

    /**
     * The earliest time a row that is not committed yet could carry, or have been given its sequence value at:
     * the oldest in-flight start, or now if nothing is in flight.
     */
    public Instant safeBefore() {
        return oldestInFlight == null || oldestInFlight.isAfter(now) ? now : oldestInFlight;
    }
}
