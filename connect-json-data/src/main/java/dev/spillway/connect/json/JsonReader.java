package dev.spillway.connect.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ValueNode;
import dev.spillway.connect.common.text.SafeText;
import org.apache.kafka.connect.errors.DataException;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;

/**
 * Parses one JSON document from a string or UTF-8 bytes into a tree.
 *
 * <p>Strict: trailing content after the document and duplicate object members are errors. Numbers with a
 * fraction or exponent are read exactly (as {@code BigDecimal}, trailing zeros kept), so that a {@code Decimal}
 * gets every digit and its scale is the one written. Error messages name the line and column and at most the
 * offending token, never the whole input, which may hold personal data. Nesting, number and string sizes are
 * bounded by {@link JsonLimits}; past a bound the document is invalid, with a message naming the setting.
 *
 * <p>Thread-safe.
 */
public final class JsonReader {

    /** Jackson's description of a problem is cut to this; it can quote a token of up to 256 characters. */
    private static final int MAX_PROBLEM = 200;

    private final JsonLimits limits;
    private final ObjectMapper mapper;

    public JsonReader(JsonLimits limits) {
        this.limits = limits;
        JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxNumberLength(limits.maxNumberLength())
                .maxStringLength(limits.maxStringLength())
                .maxNameLength(limits.maxStringLength())
                .build())
            .build();
        this.mapper = JsonMapper.builder(factory)
            .nodeFactory(new BoundedNumbers(limits.maxNumberLength()))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();
    }

    /**
     * Refuses decimals whose exponent is out of bounds as they are read: {@code 1e-1000000000} is 14 characters,
     * but a {@code Decimal} schema of its scale, or its plain text (for hashing, routing, converters), has a
     * billion digits. Jackson bounds the length of a number's text, not its exponent.
     */
    private static final class BoundedNumbers extends JsonNodeFactory {
        private static final long serialVersionUID = 1L;

        private final int maxExponent;

        BoundedNumbers(int maxExponent) {
            super(false);
            this.maxExponent = maxExponent;
        }

        @Override
        public ValueNode numberNode(BigDecimal value) {
            if (value != null && Math.abs((long) value.scale()) > maxExponent) {
                throw new ExponentOutOfRange(value.scale());
            }
            return super.numberNode(value);
        }
    }

    private static final class ExponentOutOfRange extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final int scale;

        ExponentOutOfRange(int scale) {
            super(null, null, false, false);
            this.scale = scale;
        }
    }

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
        } catch (StreamConstraintsException e) {
            throw new DataException("not valid JSON: " + exceeded(e));
        } catch (ExponentOutOfRange e) {
            throw exponentOutOfRange(e);
        } catch (JacksonException e) {
            if (e.getCause() instanceof ExponentOutOfRange exponent) {
                throw exponentOutOfRange(exponent);
            }
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

    private DataException exponentOutOfRange(ExponentOutOfRange e) {
        return new DataException("not valid JSON: a number has an exponent beyond "
            + JsonLimits.MAX_NUMBER_LENGTH_CONFIG + "=" + limits.maxNumberLength() + " (its decimal scale is "
            + e.scale + ")");
    }

    /** Which bound the document broke, named by the setting to raise. */
    private String exceeded(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        String what;
        if (message.contains("nesting depth")) {
            what = "it nests deeper than " + JsonLimits.MAX_NESTING_DEPTH_CONFIG + "=" + limits.maxNestingDepth();
        } else if (message.startsWith("Number")) {
            what = "a number is longer than " + JsonLimits.MAX_NUMBER_LENGTH_CONFIG + "=" + limits.maxNumberLength()
                + " characters";
        } else if (message.startsWith("String") || message.startsWith("Name")) {
            what = "a string or name is longer than " + JsonLimits.MAX_STRING_LENGTH_CONFIG + "="
                + limits.maxStringLength() + " characters";
        } else {
            return describe(e);
        }
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            what += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        return what;
    }

    private static String describe(JacksonException e) {
        String problem = e.getOriginalMessage();
        // Jackson's first line says what is wrong; the rest repeats it for humans or suggests workarounds.
        int newline = problem == null ? -1 : problem.indexOf('\n');
        // Jackson quotes the offending token, which is record data: one clean line, and short.
        String text = SafeText.oneLine(newline < 0 ? String.valueOf(problem) : problem.substring(0, newline),
            MAX_PROBLEM);
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            text += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        return text;
    }
}
