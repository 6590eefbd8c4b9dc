package dev.spillway.connect.rest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.spillway.connect.rest.net.MalformedPageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Items are built lazily from slices of the body (text copied when it is what a generator would write); these tests
 * hold every form to what the page parser produced when it built both forms of every item in one pass, kept below
 * as {@link #reference}.
 */
class ItemFormsTest {

    private static final URI URI_ = URI.create("http://127.0.0.1/items");
    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);
    private static final List<String> POINTERS = List.of("", "/id", "/a", "/a/b", "/a/b/0", "/arr", "/arr/1", "/arr/x",
        "/0", "/missing", "/id/deeper", "/n", "/s", "/dup", "/a~1b", "/m~0n");

    @ParameterizedTest
    @ValueSource(strings = {
        // nested objects and arrays
        "[{\"id\":1,\"a\":{\"b\":[10,{\"c\":null}],\"e\":{}},\"arr\":[[],[1,[2]],{\"x\":true}]}]",
        // whitespace between items, none inside
        " [ {\"id\":1} ,\n\t{\"id\":2},\r\n{\"id\":\"three\"} ] ",
        // pretty-printed items: written again, compact
        "[\n  {\n    \"id\" : 1,\n    \"a\" : { \"b\" : [ 1, 2 ] },\n    \"s\" : \"a b\"\n  }\n]",
        // pretty-printed items with escapes and unicode
        "[\n {\n  \"s\" : \"q\\\" \u00e9 \\u0001 \\\\\" ,\n  \"t\" : [ 1 , { } , \"\\n\" ]\n }\n, \"x y\" , 1 ]",
        // top-level fields read from the bytes or parsed: every kind of value at /id
        "[{\"id\":123456789012345678},{\"id\":-123456789012345678},{\"id\":1234567890123456789},{\"id\":0},"
            + "{\"id\":-0},{\"id\":1.0},{\"id\":1e2},{\"id\":\"a\\\"b\"},{\"id\":\"\u00e9\"},{\"id\":\"\"},"
            + "{\"id\":true},{\"id\":false},{\"id\":null},{\"id\":{\"x\":1}},{\"id\":[1]},{},{\"ID\":1},"
            + "{ \"id\" : 5 , \"s\" : \"x\" }]",
        // items that are not objects
        "[1,-2.5e-3,\"text\",null,true,false,[1,2,[3]],\"\",[],{}]",
        // numbers: exponents, signs, zero, beyond a long
        "[{\"n\":1e5},{\"n\":1E+5},{\"n\":-0},{\"n\":-0.0e-0},{\"n\":10.10},{\"n\":123456789012345678901234567890},"
            + "{\"n\":9223372036854775807},{\"n\":-9223372036854775808},{\"n\":1.7976931348623157e309}]",
        // unicode, raw: 2-, 3- and 4-byte UTF-8
        "[{\"s\":\"caf\u00e9 \u20ac \ud83d\ude00 \ufffd\",\"\u00e9t\u00e9\":1}]",
        // escapes the generator writes itself: copied
        "[{\"s\":\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0000\\u001F\\u0007\"}]",
        // escapes the generator writes otherwise: written again
        "[{\"s\":\"\\/\"},{\"s\":\"\\u00e9\"},{\"s\":\"\\u001f\"},{\"s\":\"\\u000a\"},{\"s\":\"\\u0041\"},"
            + "{\"s\":\"\\ud83d\\ude00\"},{\"s\":\"\\ud800\"},{\"s\\u0041\":1}]",
        // names that need escaping in a pointer, repeated names (the last one counts)
        "[{\"a/b\":1,\"m~n\":2,\"dup\":1,\"dup\":{\"x\":2}},{\"id\":1,\"id\":2},{\"a\":{\"b\":1},\"a\":{\"c\":1}}]",
        // arrays and objects at the pointers
        "[{\"a\":[1,2],\"0\":\"zero\",\"arr\":{\"1\":\"one\",\"x\":\"ex\"}},[\"first\",\"second\"]]",
    })
    void everyFormIsWhatBothFormsInOnePassWere(String body) throws Exception {
        assertSameAsReference(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aByteOrderMarkAndOtherEncodings() throws Exception {
        String body = "[{\"id\":1,\"s\":\"\u00e9\"},\"x\"]";
        assertSameAsReference(("\ufeff" + body).getBytes(StandardCharsets.UTF_8));
        assertSameAsReference(body.getBytes(StandardCharsets.UTF_16BE));
        assertSameAsReference(body.getBytes(Charset.forName("UTF-32LE")));
    }

    @Test
    void itemsInAnObjectPage() throws Exception {
        byte[] body = "{\"next\":\"c\",\"items\":[{\"id\":1,\"arr\":[1, 2]},{\"id\":2}],\"after\":[{\"id\":3}]}"
            .getBytes(StandardCharsets.UTF_8);
        ParsedPage page = new PageParser(JsonPointers.parse("/items"), List.of(JsonPointers.parse("/next")))
            .parse(URI_, body, NO_HEADERS);
        assertThat(page.items()).extracting(Item::json).containsExactly("{\"id\":1,\"arr\":[1,2]}", "{\"id\":2}");
        assertThat(page.scalar("/next")).contains("c");
    }

    @Test
    void pointersKeepEveryDigitOfANumberThatTheValueRounds() throws Exception {
        Item item = parse("[{\"ts\":1700000000.5,\"id\":123456789012345678901234567890,\"f\":0.1000000000000000055}]")
            .get(0);
        for (int pass = 0; pass < 2; pass++) {
            assertThat(item.textAt(JsonPointers.parse("/ts"))).contains("1700000000.5");
            assertThat(item.textAt(JsonPointers.parse("/id"))).contains("123456789012345678901234567890");
            assertThat(item.textAt(JsonPointers.parse("/f"))).contains("0.1000000000000000055");
            assertThat(item.textAt(JsonPointers.parse(""))).contains(
                "{\"ts\":1700000000.5,\"id\":123456789012345678901234567890,\"f\":0.1000000000000000055}");
            // The record value is Connect's: doubles.
            assertThat(((Map<?, ?>) item.value()).get("ts")).isEqualTo(1.7000000005E9);
        }
        // An exponent is written out, as an API takes a number back.
        Item exponent = parse("[{\"ts\":1e3,\"f\":1.5E-7}]").get(0);
        assertThat(exponent.textAt(JsonPointers.parse("/ts"))).contains("1000");
        assertThat(exponent.textAt(JsonPointers.parse("/f"))).contains("0.00000015");
    }

    @Test
    void pointersAreTheSameBeforeAndAfterTheValueIsBuilt() throws Exception {
        List<Item> items = parse("[{\"id\":1,\"ts\":\"2026-01-01T00:00:00Z\",\"o\":{\"id\":[1,2]}}]");
        Item item = items.get(0);
        JsonPointer nested = JsonPointers.parse("/o/id");
        assertThat(item.at(nested)).contains(List.of(1L, 2L));
        assertThat(item.textAt(nested)).contains("[1,2]");
        assertThat(item.textAt(JsonPointers.parse("/id"))).contains("1");
        item.value();
        assertThat(item.at(nested)).contains(List.of(1L, 2L));
        assertThat(item.textAt(JsonPointers.parse("/id"))).contains("1");
    }

    @Test
    void compactTextIsCopiedAndOtherTextIsNot() {
        assertThat(verbatim("{\"a\":[1,2.5e3,\"\u00e9\\n\\u001F\"],\"b\":null}")).isPresent();
        assertThat(verbatim("\"ascii only\"")).contains("\"ascii only\"");
        assertThat(verbatim("{\"a\": 1}")).contains("{\"a\":1}");
        assertThat(verbatim("[1,\n2]")).contains("[1,2]");
        assertThat(verbatim("{ \"a\" : \"x\\\" \\u0001\" ,\r\n\t\"\u00e9\" : [ ] }"))
            .contains("{\"a\":\"x\\\" \\u0001\",\"\u00e9\":[]}");
        assertThat(verbatim("\"\\/\"")).isEmpty();
        assertThat(verbatim("\"\\u00e9\"")).isEmpty();
        assertThat(verbatim("\"\\u001f\"")).isEmpty();
        assertThat(verbatim("\"\\u0009\"")).isEmpty();
        // Spaces inside strings are text, not layout.
        assertThat(verbatim("{\"a b\":\" \\\" \"}")).contains("{\"a b\":\" \\\" \"}");
    }

    @Test
    void brokenUtf8IsStillAMalformedPage() {
        byte[][] bodies = {
            {'[', '"', (byte) 0xC3, '"', ']'},
            {'[', '"', (byte) 0xE2, (byte) 0x82, '"', ']'},
            {'[', '{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}', ']'},
            {'[', '"', (byte) 0x80, '"', ']'},
        };
        for (byte[] body : bodies) {
            assertThatThrownBy(() -> reference(body)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> parse(body)).isInstanceOf(MalformedPageException.class)
                .hasMessageContaining("not valid JSON");
        }
    }

    @Test
    void utf8ThatJacksonAndTheJdkReadDifferentlyIsWrittenAgain() throws Exception {
        // An encoded surrogate (CESU-8): the JDK's strict decoder refuses it, so the text comes from the parser.
        byte[] body = {'[', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ']'};
        List<Reference> expected;
        try {
            expected = reference(body);
        } catch (IOException e) {
            assertThatThrownBy(() -> parse(body)).isInstanceOf(MalformedPageException.class);
            return;
        }
        assertThat(parse(body).get(0).json()).isEqualTo(expected.get(0).json());
    }

    @Test
    void aStringPastTheParsersLengthLimitStillFailsThePage() {
        int limit = StreamReadConstraints.defaults().getMaxStringLength();
        String body = "[{\"id\":1},{\"s\":\"" + "x".repeat(limit + 1) + "\"}]";
        assertThatThrownBy(() -> parse(body)).isInstanceOf(MalformedPageException.class)
            .hasMessageContaining("String value length");
    }

    private static Optional<String> verbatim(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return VerbatimJson.text(bytes, 0, bytes.length);
    }

    private static List<Item> parse(String body) throws MalformedPageException {
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Item> parse(byte[] body) throws MalformedPageException {
        return new PageParser(JsonPointers.parse(""), List.of()).parse(URI_, body, NO_HEADERS).items();
    }

    private static void assertSameAsReference(byte[] body) throws Exception {
        List<Reference> expected = reference(body);
        // Each form on its own, as each value format asks for it, and pointers before and after the value.
        List<Item> textFirst = parse(body);
        List<Item> pointersFirst = parse(body);
        List<Item> valueFirst = parse(body);
        assertThat(textFirst).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Reference reference = expected.get(i);
            assertThat(textFirst.get(i).json()).as("text of item %d", i).isEqualTo(reference.json());
            assertThat(valueFirst.get(i).value()).as("value of item %d", i).isEqualTo(reference.value());
            for (String text : POINTERS) {
                JsonPointer pointer = JsonPointers.parse(text);
                // Pointers read exact numbers, for watermarks and keys; the value has Connect's doubles.
                Object expectedAt = JsonPointers.valueAt(reference.exact(), pointer).orElse(null);
                assertThat(pointersFirst.get(i).at(pointer).orElse(null)).as("item %d at '%s'", i, text)
                    .isEqualTo(expectedAt);
                assertThat(pointersFirst.get(i).textAt(pointer).orElse(null)).as("item %d text at '%s'", i, text)
                    .isEqualTo(expectedAt == null ? null : JsonText.asText(expectedAt));
                assertThat(valueFirst.get(i).at(pointer).orElse(null)).isEqualTo(expectedAt);
            }
            assertThat(pointersFirst.get(i).json()).isEqualTo(reference.json());
            assertThat(valueFirst.get(i).json()).isEqualTo(reference.json());
        }
    }

    private record Reference(Object value, Object exact, String json) {
    }

    /** The items of a root array as the page parser read them before: map and generated text in one pass. */
    private static List<Reference> reference(byte[] body) throws IOException {
        JsonFactory factory = new JsonFactory();
        List<Reference> items = new ArrayList<>();
        List<Object> exact = new ArrayList<>();
        try (JsonParser parser = factory.createParser(body)) {
            parser.nextToken();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                try (JsonGenerator discard = factory.createGenerator(new StringWriter())) {
                    exact.add(copy(parser, discard, true));
                }
            }
        }
        try (JsonParser parser = factory.createParser(body)) {
            parser.nextToken();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                StringWriter json = new StringWriter();
                Object value;
                try (JsonGenerator generator = factory.createGenerator(json)) {
                    value = copy(parser, generator, false);
                }
                items.add(new Reference(value, exact.get(items.size()), json.toString()));
            }
        }
        return items;
    }

    private static Object copy(JsonParser parser, JsonGenerator generator, boolean exact) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                generator.writeStartObject();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    generator.writeFieldName(name);
                    parser.nextToken();
                    object.put(name, copy(parser, generator, exact));
                }
                generator.writeEndObject();
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                generator.writeStartArray();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(copy(parser, generator, exact));
                }
                generator.writeEndArray();
                return array;
            }
            case VALUE_STRING -> {
                String text = parser.getText();
                generator.writeString(text);
                return text;
            }
            case VALUE_NUMBER_INT -> {
                generator.writeNumber(parser.getText());
                if (parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    return parser.getLongValue();
                }
                return exact ? (Object) parser.getBigIntegerValue() : (Object) parser.getDoubleValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                generator.writeNumber(parser.getText());
                return exact ? (Object) parser.getDecimalValue() : (Object) parser.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                boolean bool = parser.getBooleanValue();
                generator.writeBoolean(bool);
                return bool;
            }
            case VALUE_NULL -> {
                generator.writeNull();
                return null;
            }
            default -> throw new IOException("unexpected JSON token " + parser.currentToken());
        }
    }
}
