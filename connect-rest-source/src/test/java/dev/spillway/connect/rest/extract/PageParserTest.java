package dev.spillway.connect.rest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.connect.rest.net.MalformedPageException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

class PageParserTest {

    private static final URI URI_ = URI.create("http://127.0.0.1/items");
    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);

    private static ParsedPage parse(String records, List<String> scalars, String body) throws MalformedPageException {
        PageParser parser = new PageParser(JsonPointers.parse(records), scalars.stream().map(JsonPointers::parse).toList());
        return parser.parse(URI_, body.getBytes(StandardCharsets.UTF_8), NO_HEADERS);
    }

    @Test
    void readsItemsAtANestedPointerAndTheScalarsAskedFor() throws Exception {
        ParsedPage page = parse("/data/results", List.of("/meta/next", "/meta/count"),
            "{\"meta\":{\"next\":\"abc\",\"count\":2,\"skipped\":{\"deep\":[1,2]}},"
                + "\"data\":{\"other\":[9],\"results\":[{\"id\":1},{\"id\":2,\"tags\":[\"a\"]}]}}");
        assertThat(page.items()).extracting(Item::json)
            .containsExactly("{\"id\":1}", "{\"id\":2,\"tags\":[\"a\"]}");
        assertThat(page.scalar("/meta/next")).contains("abc");
        assertThat(page.scalar("/meta/count")).contains("2");
        assertThat(page.items().get(1).value()).isEqualTo(Map.of("id", 2L, "tags", List.of("a")));
    }

    @Test
    void theEmptyPointerIsARootArray() throws Exception {
        ParsedPage page = parse("", List.of(), "[1, \"two\", null, {\"x\": true}]");
        assertThat(page.items()).extracting(Item::json).containsExactly("1", "\"two\"", "null", "{\"x\":true}");
    }

    @Test
    void numbersKeepEveryDigitInTheJsonText() throws Exception {
        ParsedPage page = parse("/items", List.of(),
            "{\"items\":[{\"big\":123456789012345678901234567890,\"price\":10.10,\"exp\":1e-7}]}");
        assertThat(page.items().get(0).json())
            .isEqualTo("{\"big\":123456789012345678901234567890,\"price\":10.10,\"exp\":1e-7}");
    }

    @Test
    void escapedNamesInPointers() throws Exception {
        ParsedPage page = parse("/a~1b/c~0d", List.of(), "{\"a/b\":{\"c~d\":[{\"id\":1}]}}");
        assertThat(page.items()).hasSize(1);
    }

    @Test
    void aNullArrayIsAnEmptyPage() throws Exception {
        assertThat(parse("/items", List.of(), "{\"items\":null}").items()).isEmpty();
    }

    @Test
    void aMissingRecordsPointerIsMalformedNotEmpty() {
        assertThatThrownBy(() -> parse("/items", List.of(), "{\"error\":\"rate limited\"}"))
            .isInstanceOf(MalformedPageException.class)
            .hasMessageContaining("nothing at records pointer '/items'");
    }

    @Test
    void somethingOtherThanAnArrayIsMalformed() {
        assertThatThrownBy(() -> parse("/items", List.of(), "{\"items\":{\"id\":1}}"))
            .isInstanceOf(MalformedPageException.class)
            .hasMessageContaining("holds an object, not an array");
    }

    @Test
    void invalidOrTruncatedJsonIsMalformed() {
        assertThatThrownBy(() -> parse("/items", List.of(), "{\"items\":[{\"id\":1},"))
            .isInstanceOf(MalformedPageException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse("", List.of(), "<html>oops</html>"))
            .isInstanceOf(MalformedPageException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse("", List.of(), ""))
            .isInstanceOf(MalformedPageException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> parse("", List.of(), "[1] [2]"))
            .isInstanceOf(MalformedPageException.class).hasMessageContaining("after its JSON document");
    }

    @Test
    void jsonBombsAreMalformedPagesNotStackOverflows() {
        assertThatThrownBy(() -> parse("/items", List.of(), "{\"items\":[" + "[".repeat(100_000)))
            .isInstanceOf(MalformedPageException.class).hasMessageContaining("nesting depth");
        assertThatThrownBy(() -> parse("", List.of(), "[" + "[".repeat(100_000) + "]".repeat(100_000) + "]"))
            .isInstanceOf(MalformedPageException.class).hasMessageContaining("nesting depth");
        assertThatThrownBy(() -> parse("/items", List.of(), "{\"items\":[{\"id\":" + "7".repeat(100_000) + "}]}"))
            .isInstanceOf(MalformedPageException.class).hasMessageContaining("Number value length");
        assertThatThrownBy(() -> parse("/items", List.of(), "{\"items\":[{\"" + "n".repeat(60_000) + "\":1}]}"))
            .isInstanceOf(MalformedPageException.class).hasMessageContaining("Name length");
        assertThatThrownBy(() -> parse("/items", List.of(), "{\"items\":[{\"id\":1},{\"id\":"))
            .isInstanceOf(MalformedPageException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void theLimitsAreSetExplicitly() {
        assertThat(ItemValues.LIMITS.getMaxNestingDepth()).isEqualTo(200);
        assertThat(ItemValues.LIMITS.getMaxNumberLength()).isEqualTo(1_000);
        assertThat(ItemValues.LIMITS.getMaxStringLength()).isEqualTo(20_000_000);
        assertThat(ItemValues.LIMITS.getMaxNameLength()).isEqualTo(50_000);
    }

    @Test
    void jacksonsQuotedTokenIsKeptToOneLine() {
        assertThatThrownBy(() -> parse("", List.of(), "[unrecognised\r\nFORGED-LINE]"))
            .isInstanceOf(MalformedPageException.class)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
    }
}
