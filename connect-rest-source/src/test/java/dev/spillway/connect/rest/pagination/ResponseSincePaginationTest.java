package dev.spillway.connect.rest.pagination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.connect.rest.extract.JsonPointers;
import dev.spillway.connect.rest.extract.PageParser;
import dev.spillway.connect.rest.extract.ParsedPage;
import dev.spillway.connect.rest.net.MalformedPageException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

class ResponseSincePaginationTest {

    private static final URI ENDPOINT = URI.create("https://api.example.com/export?type=tickets");
    private final ResponseSincePagination byBody = new ResponseSincePagination(JsonPointers.parse("/end_time"), null,
        "start_time", "100", FixedParams.NONE);
    private final ResponseSincePagination byHeader = new ResponseSincePagination(null, "X-Next", "start_time", "",
        FixedParams.NONE);

    private static ParsedPage page(Pagination pagination, String body, Map<String, List<String>> headers)
            throws MalformedPageException {
        return new PageParser(JsonPointers.parse("/items"), pagination.bodyPointers())
            .parse(ENDPOINT, body.getBytes(StandardCharsets.UTF_8), HttpHeaders.of(headers, (a, b) -> true));
    }

    @Test
    void sendsTheWatermarkAndContinuesFromTheOneTheResponseGives() throws Exception {
        PagePosition first = PagePosition.start(byBody.first());
        assertThat(byBody.uri(ENDPOINT, first.state())).hasToString(
            "https://api.example.com/export?type=tickets&start_time=100");
        assertThat(byBody.next(first, page(byBody, "{\"items\":[{\"id\":1}],\"end_time\":1700000000}", Map.of())))
            .contains(PagePosition.start(PageState.of("since", "1700000000")));
        assertThat(byHeader.uri(ENDPOINT, byHeader.first())).hasToString(ENDPOINT.toString());
        assertThat(byHeader.next(PagePosition.start(byHeader.first()),
            page(byHeader, "{\"items\":[{\"id\":1}]}", Map.of("X-Next", List.of(" 2024-05-01T00:00:00Z ")))))
            .contains(PagePosition.start(PageState.of("since", "2024-05-01T00:00:00Z")));
    }

    @Test
    void theWalkEndsOnAnEmptyPageAMissingOrTheSameWatermark() throws Exception {
        PagePosition at = PagePosition.start(PageState.of("since", "200"));
        assertThat(byBody.next(at, page(byBody, "{\"items\":[],\"end_time\":300}", Map.of()))).isEmpty();
        assertThat(byBody.next(at, page(byBody, "{\"items\":[{\"id\":1}]}", Map.of()))).isEmpty();
        assertThat(byBody.next(at, page(byBody, "{\"items\":[{\"id\":1}],\"end_time\":null}", Map.of()))).isEmpty();
        assertThat(byBody.next(at, page(byBody, "{\"items\":[{\"id\":1}],\"end_time\":200}", Map.of()))).isEmpty();
        assertThat(byBody.positionsAreStable()).isTrue();
        assertThat(byBody.type()).isEqualTo("since");
    }

    @Test
    void anOversizedWatermarkFailsThePage() {
        String huge = "9".repeat(1001);
        assertThatThrownBy(() -> byBody.next(PagePosition.start(byBody.first()),
            page(byBody, "{\"items\":[{\"id\":1}],\"end_time\":\"" + huge + "\"}", Map.of())))
            .isInstanceOf(MalformedPageException.class).hasMessageContaining("longer than 1000 characters");
    }
}
