package dev.spillway.connect.rest.extract;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An item's JSON text copied from the response body instead of written again, when the copy is exactly what
 * {@link ItemValues#rewrite} would write: compact (no whitespace between tokens), every escape one that Jackson's
 * generator writes itself ({@code \" \\ \b \f \n \r \t} and {@code \}{@code u00XX}, upper-case hex, for the other
 * control characters) and well-formed UTF-8. Anything else (pretty-printed pages, {@code \/}, other
 * {@code \}{@code u} escapes, broken UTF-8) is written again, so the text users get does not depend on which path
 * made it.
 */
final class VerbatimJson {

    private VerbatimJson() {
    }

    /** The text of {@code body[start, end)}, a complete JSON value; empty if it must be written again. */
    static Optional<String> text(byte[] body, int start, int end) {
        boolean ascii = true;
        boolean inString = false;
        for (int i = start; i < end; i++) {
            int b = body[i];
            if (inString) {
                if (b == '"') {
                    inString = false;
                } else if (b == '\\') {
                    // The page parser accepted the value, so an escape is complete inside it.
                    int escaped = body[++i];
                    if (escaped == 'u') {
                        if (!generatorWritesUnicodeEscape(body, i + 1)) {
                            return Optional.empty();
                        }
                        i += 4;
                    } else if (escaped == '/') {
                        return Optional.empty();
                    }
                } else if (b < 0) {
                    ascii = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                return Optional.empty();
            }
        }
        int length = end - start;
        if (ascii) {
            return Optional.of(new String(body, start, length, StandardCharsets.ISO_8859_1));
        }
        try {
            // newDecoder() reports malformed input, where new String(..) would replace it silently.
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body, start, length))
                .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** {@code body[at, at + 4)} are the hex digits of a {@code \}{@code u} escape. */
    private static boolean generatorWritesUnicodeEscape(byte[] body, int at) {
        if (body[at] != '0' || body[at + 1] != '0') {
            return false;
        }
        int high = body[at + 2];
        int low = body[at + 3];
        int lowValue = low >= '0' && low <= '9' ? low - '0' : low >= 'A' && low <= 'F' ? low - 'A' + 10 : -1;
        if (lowValue < 0 || high != '0' && high != '1') {
            return false;
        }
        int c = (high - '0') * 16 + lowValue;
        // These five have short escapes, which is what the generator writes for them.
        return c != '\b' && c != '\t' && c != '\n' && c != '\f' && c != '\r';
    }
}
