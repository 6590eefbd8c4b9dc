package dev.spillway.connect.rest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.header.Header;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class PageHeadersTest {

    private static final HttpHeaders RESPONSE = HttpHeaders.of(Map.of("X-Request-Id", List.of("r-9"),
        "X-Multi", List.of("a", "b")), (a, b) -> true);

    private static ParsedPage page(PageHeaders headers, List<String> otherPointers, String body) {
        List<com.fasterxml.jackson.core.JsonPointer> pointers = new ArrayList<>(headers.bodyPointers());
        otherPointers.forEach(pointer -> pointers.add(JsonPointers.parse(pointer)));
        try {
            return new PageParser(JsonPointers.parse("/data/items"), pointers)
                .parse(URI.create("http://127.0.0.1/x"), body.getBytes(StandardCharsets.UTF_8), RESPONSE);
        } catch (dev.spillway.connect.rest.net.MalformedPageException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Object> asMap(List<Header> headers) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        headers.forEach(header -> map.put(header.key(), header.value()));
        return map;
    }

    @Test
    void copiesBodyValuesOutsideTheRecordsAndResponseHeaders() {
        PageHeaders headers = PageHeaders.parse(List.of("request_id:/meta/request_id", "count:/meta/count",
            "done:/meta/done", "trace:header:x-request-id", "multi:header:X-Multi", "gone:/meta/absent",
            "nothing:/meta/null", "object:/meta/obj", "missing:header:X-Absent"), "/data/items", ResponseFormat.JSON);
        ParsedPage page = page(headers, List.of(), "{\"data\":{\"items\":[{\"id\":1}]},\"meta\":{\"request_id\":"
            + "\"req-1\",\"count\":12.50,\"done\":false,\"null\":null,\"obj\":{\"a\":1}}}");
        assertThat(page.items()).hasSize(1);
        assertThat(asMap(headers.of(page))).containsExactly(Map.entry("request_id", "req-1"),
            Map.entry("count", "12.50"), Map.entry("done", "false"), Map.entry("trace", "r-9"),
            Map.entry("multi", "a, b"));
    }

    @Test
    void aPointerAboveTheRecordsOrAnotherPointerStillLetsThemBeRead() {
        // /data is an object holding the records: no header, and the items are still found.
        PageHeaders headers = PageHeaders.parse(List.of("data:/data", "meta:/meta"), "/data/items",
            ResponseFormat.JSON);
        ParsedPage page = page(headers, List.of("/meta/next"),
            "{\"meta\":{\"next\":\"c2\"},\"data\":{\"items\":[{\"id\":1},{\"id\":2}]}}");
        assertThat(page.items()).hasSize(2);
        assertThat(page.scalar("/meta/next")).contains("c2");
        assertThat(headers.of(page)).isEmpty();
    }

    @Test
    void refusesWhatCannotWorkOrCouldLeakCredentials() {
        assertThatThrownBy(() -> PageHeaders.parse(List.of("spillway.rest.x:/meta/a"), "/items", ResponseFormat.JSON))
            .hasMessageContaining("reserved");
        assertThatThrownBy(() -> PageHeaders.parse(List.of("a:/m", "a:/n"), "/items", ResponseFormat.JSON))
            .hasMessageContaining("given twice");
        assertThatThrownBy(() -> PageHeaders.parse(List.of("a:meta"), "/items", ResponseFormat.JSON))
            .hasMessageContaining("neither a JSON pointer");
        assertThatThrownBy(() -> PageHeaders.parse(List.of("/meta"), "/items", ResponseFormat.JSON))
            .hasMessageContaining("name:/json/pointer");
        assertThatThrownBy(() -> PageHeaders.parse(List.of("a:/items/0/id"), "/items", ResponseFormat.JSON))
            .hasMessageContaining("inside the records array");
        assertThatThrownBy(() -> PageHeaders.parse(List.of("a:/meta"), "", ResponseFormat.JSON))
            .hasMessageContaining("inside the records array");
        assertThatThrownBy(() -> PageHeaders.parse(List.of("a:/meta"), "", ResponseFormat.NDJSON))
            .hasMessageContaining("only response headers");
        for (String credential : List.of("Set-Cookie", "authorization", "WWW-Authenticate", "X-Auth-Token",
                "X-Api-Key", "X-Session-Id", "X-Upstream-Secret")) {
            assertThatThrownBy(() -> PageHeaders.parse(List.of("a:header:" + credential), "/items",
                ResponseFormat.JSON)).hasMessageContaining("may carry credentials");
        }
        assertThatThrownBy(() -> PageHeaders.parse(List.of("a:header:bad name"), "/items", ResponseFormat.JSON))
            .hasMessageContaining("not an HTTP header name");
        assertThat(PageHeaders.parse(List.of("trace:header:X-Request-Id"), "", ResponseFormat.NDJSON).isEmpty())
            .isFalse();
        assertThat(PageHeaders.parse(List.of(), "/items", ResponseFormat.JSON)).isSameAs(PageHeaders.NONE);
    }
}
