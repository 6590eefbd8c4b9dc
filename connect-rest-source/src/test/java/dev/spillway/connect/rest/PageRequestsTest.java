package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import dev.spillway.connect.rest.extract.JsonBody;
import dev.spillway.connect.rest.extract.ResponseFormat;
import dev.spillway.connect.rest.http.ApiRequest;
import dev.spillway.connect.rest.http.RequestHeaders;
import dev.spillway.connect.rest.http.RequestMethod;
import dev.spillway.connect.rest.pagination.PageState;
import dev.spillway.connect.rest.pagination.ParamPlacement;
import dev.spillway.connect.rest.pagination.ParamPlacement.Location;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

class PageRequestsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:15:30.250Z");

    private static final RequestHeaders ACCEPT = RequestHeaders.parse(List.of("Accept: application/vnd.v2+json"),
        false);

    private static Endpoint endpoint(RequestMethod method, String body) {
        return new Endpoint("items", URI.create("https://api.example.com/items?filter=open"), "items",
            JsonPointer.empty(), ACCEPT, method, body == null ? null : JsonBody.parse(body), Map.of(),
            ResponseFormat.JSON);
    }

    private static String body(ApiRequest request) {
        return request.body() == null ? null : new String(request.body(), StandardCharsets.UTF_8);
    }

    @Test
    void inTheQueryTheUrlOfThePaginationIsSentAsItIs() {
        URI uri = URI.create("https://api.example.com/items?filter=open&cursor=abc&limit=10");
        ApiRequest request = PageRequests.request(endpoint(RequestMethod.GET, null),
            new ParamPlacement(Location.QUERY, "cursor", null, null, false), uri, PageState.empty(), 0, NOW);
        assertThat(request.uri()).isEqualTo(uri);
        assertThat(request.method()).isEqualTo(RequestMethod.GET);
        assertThat(request.body()).isNull();
        assertThat(request.headers()).isEqualTo(ACCEPT);
    }

    @Test
    void inTheBodyTheStateLeavesTheQueryForThePointerDecoded() {
        ParamPlacement placement = new ParamPlacement(Location.BODY, "cursor", JsonPointer.compile("/variables/after"),
            null, false);
        ApiRequest request = PageRequests.request(endpoint(RequestMethod.POST, "{\"variables\":{\"first\":10}}"),
            placement, URI.create("https://api.example.com/items?filter=open&cursor=a%26b%20c&limit=10"), PageState.empty(), 0, NOW);
        assertThat(request.uri()).hasToString("https://api.example.com/items?filter=open&limit=10");
        assertThat(body(request)).isEqualTo("{\"variables\":{\"first\":10,\"after\":\"a&b c\"}}");

        ApiRequest first = PageRequests.request(endpoint(RequestMethod.POST, "{\"variables\":{\"after\":null}}"),
            placement, URI.create("https://api.example.com/items?filter=open"), PageState.empty(), 0, NOW);
        assertThat(body(first)).as("no state yet: the field is left out").isEqualTo("{\"variables\":{}}");
    }

    @Test
    void pageNumbersAndOffsetsAreNumbersInTheBody() {
        ParamPlacement placement = new ParamPlacement(Location.BODY, "page", JsonPointer.compile("/page"), null, true);
        ApiRequest request = PageRequests.request(endpoint(RequestMethod.POST, null), placement,
            URI.create("https://api.example.com/items?page=3"), PageState.empty(), 0, NOW);
        assertThat(body(request)).isEqualTo("{\"page\":3}");
        assertThat(request.uri()).hasToString("https://api.example.com/items");
    }

    @Test
    void inAHeaderTheStateIsAddedToTheConfiguredHeaders() {
        ParamPlacement placement = new ParamPlacement(Location.HEADER, "cursor", null, "X-Cursor", false);
        ApiRequest request = PageRequests.request(endpoint(RequestMethod.GET, null), placement,
            URI.create("https://api.example.com/items?filter=open&cursor=xyz"), PageState.empty(), 0, NOW);
        assertThat(request.headers().headers()).extracting(RequestHeaders.Header::toString)
            .containsExactly("Accept: application/vnd.v2+json", "X-Cursor: xyz");
        assertThat(request.uri()).hasToString("https://api.example.com/items?filter=open");
        assertThat(PageRequests.request(endpoint(RequestMethod.GET, null), placement,
            URI.create("https://api.example.com/items?filter=open"), PageState.empty(), 0, NOW).headers())
            .isEqualTo(ACCEPT);
    }

    @Test
    void templatedParamsAreFilledFromTheStateTheLimitAndTheClockAndEncoded() {
        Endpoint endpoint = new Endpoint("items", URI.create("https://api.example.com/items"), "items",
            JsonPointer.empty(), RequestHeaders.NONE, RequestMethod.GET, null, dev.spillway.connect.rest.http.Template
                .parseParams(List.of("filter=status:open & new", "after=${cursor}", "size=${limit}",
                    "until=${now-PT1H:ISO}", "ts=${now:EPOCH}")), ResponseFormat.JSON);
        ParamPlacement query = new ParamPlacement(Location.QUERY, "cursor", null, null, false);
        ApiRequest first = PageRequests.request(endpoint, query, URI.create("https://api.example.com/items"),
            PageState.empty(), 0, NOW);
        assertThat(first.uri()).as("no cursor and no limit yet: those parameters are left out").hasToString(
            "https://api.example.com/items?filter=status%3Aopen%20%26%20new&until=2026-12-07T09%3A15%3A30Z"
                + "&ts=1796638530");
        ApiRequest next = PageRequests.request(endpoint, query, URI.create("https://api.example.com/items"),
            PageState.of("cursor", "a b/c"), 50, NOW);
        assertThat(next.uri().getRawQuery()).contains("after=a%20b%2Fc").contains("size=50");
    }
}
