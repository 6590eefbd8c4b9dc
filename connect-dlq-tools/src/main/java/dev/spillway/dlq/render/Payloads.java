package dev.spillway.dlq.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Classifies and renders record keys and values (raw bytes) as UTF-8, JSON or hex, whichever fits. */
public final class Payloads {

    /**
     * Only used to tell JSON from text; explicit bounds (rather than the Jackson version's defaults) keep a value
     * of 100 000 nested brackets or a huge number cheap: past them it is shown as text.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).maxNumberLength(1000)
                    .maxStringLength(10_000_000).build())
            .build();
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private Payloads() {
    }

    /** The best-fitting encoding of {@code bytes}; {@code null} input is not classified (callers print null). */
    public static Encoding classify(byte[] bytes) {
        String text = utf8(bytes);
        if (text == null || !printable(text)) {
            return Encoding.BINARY;
        }
        return isJsonContainer(text) ? Encoding.JSON : Encoding.TEXT;
    }

    /** The bytes as a string if they are valid UTF-8, else {@code null}. */
    public static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** A complete JSON object or array and nothing after it; scalars count as text. */
    static boolean isJsonContainer(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || (trimmed.charAt(0) != '{' && trimmed.charAt(0) != '[')) {
            return false;
        }
        try (JsonParser parser = JSON.createParser(trimmed)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * For people: {@code null}, the text (JSON as it is), or {@code hex:} and space-separated bytes, cut after
     * {@code maxChars} characters with a note of the full size.
     */
    public static String render(byte[] bytes, int maxChars) {
        if (bytes == null) {
            return "null";
        }
        String shown = switch (classify(bytes)) {
            case JSON, TEXT -> utf8(bytes);
            case BINARY -> "hex:" + HEX.formatHex(bytes, 0, Math.min(bytes.length, maxChars / 3 + 1));
        };
        if (shown.length() > maxChars) {
            return shown.substring(0, maxChars) + "... (" + bytes.length + " bytes)";
        }
        return shown;
    }
}
