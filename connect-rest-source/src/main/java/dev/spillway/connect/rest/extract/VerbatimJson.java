package dev.spillway.connect.rest.extract;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An item's JSON text copied from the response body instead of written again, when the copy is exactly what
 * {@link ItemValues#rewrite} would write: every escape one that Jackson's generator writes itself
 * ({@code \" \\ \b \f \n \r \t} and {@code \}{@code u00XX}, upper-case hex, for the other control characters) and
 * well-formed UTF-8. Whitespace between tokens is left out of the copy, as the generator writes none. Anything else
 * ({@code \/}, other {@code \}{@code u} escapes, broken UTF-8) is written again, so the text users get does not
 * depend on which path made it.
 */
final class VerbatimJson {

    private VerbatimJson() {
    }

    /** The text of {@code body[start, end)}, a complete JSON value; empty if it must be written again. */
    static Optional<String> text(byte[] body, int start, int end) {
        // Null while the slice is compact; once whitespace between tokens turns up, the bytes without it.
        byte[] compact = null;
        int length = 0;
        int copyFrom = start;
        for (int i = start; i < end; i++) {
            byte b = body[i];
            if (b == '"') {
                // The page parser accepted the value, so every string and escape in it is complete.
                for (i++; (b = body[i]) != '"'; i++) {
                    if (b == '\\') {
                        byte escaped = body[i + 1];
                        if (escaped == 'u' ? !generatorWritesUnicodeEscape(body, i + 2) : escaped == '/') {
                            return Optional.empty();
                        }
                        i += escaped == 'u' ? 5 : 1;
                    }
                }
            } else if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                // Layout only: the generator writes none, so neither does the copy.
                if (compact == null) {
                    compact = new byte[end - start];
                }
                System.arraycopy(body, copyFrom, compact, length, i - copyFrom);
                length += i - copyFrom;
                copyFrom = i + 1;
            }
        }
        byte[] bytes = body;
        int offset = start;
        if (compact == null) {
            length = end - start;
        } else {
            System.arraycopy(body, copyFrom, compact, length, end - copyFrom);
            length += end - copyFrom;
            bytes = compact;
            offset = 0;
        }
        // Fast for ASCII; where it replaced something (or the text holds U+FFFD itself), decode strictly.
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return Optional.of(text);
        }
        try {
            // newDecoder() reports malformed input, where new String(..) replaces it silently.
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, offset, length))
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
