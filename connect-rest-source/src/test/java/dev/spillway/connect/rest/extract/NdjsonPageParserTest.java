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

class NdjsonPageParserTest {

    private static final URI URI_ = URI.create("http://127.0.0.1/export");
    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);

    private static ParsedPage parse(String body) throws MalformedPageException {
        return new PageParser(JsonPointers.parse(""), List.of(), ResponseFormat.NDJSON)
            .parse(URI_, body.getBytes(StandardCharsets.UTF_8), NO_HEADERS);
    }

    @Test
    void eachLineIsOneItemWithOrWithoutTheLastLineBreak() throws Exception {
        assertThat(parse("{\"id\":1,\"n\":\"a\"}\n{\"id\":2}\r\n\n  {\"id\":3}").items()).extracting(Item::json)
            .containsExactly("{\"id\":1,\"n\":\"a\"}", "{\"id\":2}", "{\"id\":3}");
        assertThat(parse("{\"id\":1}\n").items()).extracting(Item::json).containsExactly("{\"id\":1}");
        assertThat(parse("1\n\"two\"\n[3]\nnull\n").items()).extracting(Item::json)
            .containsExactly("1", "\"two\"", "[3]", "null");
    }

    @Test
    void anItemKeepsItsFieldsForKeyPointersAndEveryDigit() throws Exception {
        Item item = parse("{\"id\":12345678901234567890123,\"name\":\"x\"}\n").items().get(0);
        assertThat(item.json()).isEqualTo("{\"id\":12345678901234567890123,\"name\":\"x\"}");
        assertThat(item.value()).isInstanceOf(Map.class);
    }

    @Test
    void anEmptyBodyIsAnEmptyPage() throws Exception {
        assertThat(parse("").items()).isEmpty();
        assertThat(parse("\n\n").items()).isEmpty();
    }

    @Test
    void aBrokenLineFailsThePageRatherThanBeingSkipped() {
        assertThatThrownBy(() -> parse("{\"id\":1}\n{\"id\":2\n{\"id\":3}\n"))
            .isInstanceOf(MalformedPageException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse("{\"id\":1}\n{\"id\":"))
            .isInstanceOf(MalformedPageException.class);
    }
}
