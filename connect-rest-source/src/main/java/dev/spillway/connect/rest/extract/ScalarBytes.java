package dev.spillway.connect.rest.extract;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The common scalars read straight from a body the page parser has accepted, with the values {@link ItemValues#read}
 * gives them; anything less plain is left to a parser.
 */
final class ScalarBytes {

    /** Up to 18 digits always fit a long, which is what Jackson reads such an integer as. */
    private static final int MAX_DIGITS = 18;

    private ScalarBytes() {
    }

    /**
     * The scalar that starts at {@code body[at]} ({@code Optional.empty()} for JSON {@code null}); {@code null} if
     * it is not a plain one: an object or array, a string with an escape or a non-ASCII byte, a number with a
     * fraction or exponent or more than {@value #MAX_DIGITS} digits.
     */
    @SuppressWarnings("OptionalAssignedToNull")
    static Optional<Object> read(byte[] body, int at) {
        byte first = body[at];
        switch (first) {
            case '"' -> {
                int i = at + 1;
                for (byte b = body[i]; b != '"'; b = body[++i]) {
                    if (b == '\\' || b < 0) {
                        return null;
                    }
                }
                return Optional.of(new String(body, at + 1, i - at - 1, StandardCharsets.ISO_8859_1));
            }
            case 't' -> {
                return Optional.of(Boolean.TRUE);
            }
            case 'f' -> {
                return Optional.of(Boolean.FALSE);
            }
            case 'n' -> {
                return Optional.empty();
            }
            default -> {
                return integer(body, at);
            }
        }
    }

    @SuppressWarnings("OptionalAssignedToNull")
    private static Optional<Object> integer(byte[] body, int at) {
        boolean negative = body[at] == '-';
        int i = negative ? at + 1 : at;
        long value = 0;
        int digits = 0;
        // A valid JSON number ends at the end of the body or at a byte that is none of these.
        while (i < body.length && body[i] >= '0' && body[i] <= '9') {
            value = value * 10 + (body[i++] - '0');
            digits++;
        }
        if (digits == 0 || digits > MAX_DIGITS
                || i < body.length && (body[i] == '.' || body[i] == 'e' || body[i] == 'E')) {
            return null;
        }
        return Optional.of(negative ? -value : value);
    }
}
