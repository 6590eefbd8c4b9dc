package dev.spillway.connect.smt.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.kafka.connect.errors.DataException;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Parses one JSON document from a string or UTF-8 bytes into a tree.
 *
 * <p>Strict: trailing content after the document and duplicate object members are errors. Numbers with a
 * fraction or exponent are read exactly (as {@code BigDecimal}, trailing zeros kept), so that a {@code Decimal}
 * gets every digit and its scale is the one written. Error messages name the line and column and at most the
 * offending token, never the whole input, which may hold personal data.
 *
 * <p>Thread-safe.
 */
public final class JsonReader {

    private final ObjectMapper mapper = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
        .build();

    /**
     * @param input a {@code String}, {@code byte[]} or {@code ByteBuffer} (UTF-8; the buffer's position is not
     *              changed)
     * @return the document; a JSON {@code null} is a {@code NullNode}
     * @throws DataException if the input is of another type or not exactly one JSON document
     */
    public JsonNode read(Object input) {
        JsonNode node;
        try {
            if (input instanceof String text) {
                node = mapper.readTree(text);
            } else if (input instanceof byte[] bytes) {
                node = mapper.readTree(bytes);
            } else if (input instanceof ByteBuffer buffer) {
                node = buffer.hasArray()
                    ? mapper.readTree(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining())
                    : mapper.readTree(copy(buffer));
            } else {
                throw new DataException("expected a JSON string (or UTF-8 bytes) but found a "
                    + input.getClass().getName());
            }
        } catch (JacksonException e) {
            throw new DataException("not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw new DataException("not valid JSON: " + e.getMessage(), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new DataException("not valid JSON: the text is empty");
        }
        return node;
    }

    private static byte[] copy(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static String describe(JacksonException e) {
        String problem = e.getOriginalMessage();
        // Jackson's first line says what is wrong; the rest repeats it for humans or suggests workarounds.
        int newline = problem == null ? -1 : problem.indexOf('\n');
        String text = newline < 0 ? String.valueOf(problem) : problem.substring(0, newline);
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            text += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        return text;
    }
}
