package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import dev.spillway.connect.rest.extract.ResponseFormat;
import dev.spillway.connect.rest.http.ApiRequest;
import dev.spillway.connect.rest.http.BodyTemplate;
import dev.spillway.connect.rest.http.Template;
import dev.spillway.connect.rest.pagination.ParamPlacement.BodyType;
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
            JsonPointer.empty(), ACCEPT, method, body == null ? null : BodyTemplate.parse(body), Map.of(),
            ResponseFormat.JSON);
    }

    private static String body(ApiRequest request) {
        return request.body() == null ? null : new String(request.body(), StandardCharsets.UTF_8);
    }

    @Test
    void inTheQueryTheUrlOfThePaginationIsSentAsItIs() {
        URI uri = URI.create("https://api.example.com/items?filter=open&cursor=abc&limit=10");
        ApiRequest request = PageRequests.request(endpoint(RequestMethod.GET, null),
            new ParamPlacement(Location.QUERY, "cursor", null, null, BodyType.STRING), uri, PageState.empty(), 0, NOW);
        assertThat(request.uri()).isEqualTo(uri);
        assertThat(request.method()).isEqualTo(RequestMethod.GET);
        assertThat(request.body()).isNull();
        assertThat(request.headers()).isEqualTo(ACCEPT);
    }

    @Test
    void inTheBodyTheStateLeavesTheQueryForThePointerDecoded() {
        ParamPlacement placement = new ParamPlacement(Location.BODY, "cursor", JsonPointer.compile("/variables/after"),
            null, BodyType.STRING);
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
        ParamPlacement placement = new ParamPlacement(Location.BODY, "page", JsonPointer.compile("/page"), null, BodyType.NUMBER);
        ApiRequest request = PageRequests.request(endpoint(RequestMethod.POST, null), placement,
            URI.create("https://api.example.com/items?page=3"), PageState.empty(), 0, NOW);
        assertThat(body(request)).isEqualTo("{\"page\":3}");
        assertThat(request.uri()).hasToString("https://api.example.com/items");
    }

    @Test
    void inAHeaderTheStateIsAddedToTheConfiguredHeaders() {
        ParamPlacement placement = new ParamPlacement(Location.HEADER, "cursor", null, "X-Cursor", BodyType.STRING);
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
        ParamPlacement query = new ParamPlacement(Location.QUERY, "cursor", null, null, BodyType.STRING);
        ApiRequest first = PageRequests.request(endpoint, query, URI.create("https://api.example.com/items"),
            PageState.empty(), 0, NOW);
        assertThat(first.uri()).as("no cursor and no limit yet: those parameters are left out").hasToString(
            "https://api.example.com/items?filter=status%3Aopen%20%26%20new&until=2026-12-07T09%3A15%3A30Z"
                + "&ts=1796638530");
        ApiRequest next = PageRequests.request(endpoint, query, URI.create("https://api.example.com/items"),
            PageState.of("cursor", "a b/c"), 50, NOW);
        assertThat(next.uri().getRawQuery()).contains("after=a%20b%2Fc").contains("size=50");
    }

    @Test
    void bodyTemplatesAreFilledPerRequestAndTheStateCanStillBeSetAtThePointer() {
        Endpoint endpoint = endpoint(RequestMethod.POST, "{\"query\":\"q\",\"variables\":{\"first\":${limit},"
            + "\"after\":\"${cursor}\",\"note\":\"from \\\"${cursor}\\\" on\"},\"at\":${now:EPOCH}}");
        ParamPlacement query = new ParamPlacement(Location.QUERY, "cursor", null, null, BodyType.STRING);
        ApiRequest first = PageRequests.request(endpoint, query, URI.create("https://api.example.com/items"),
            PageState.empty(), 25, NOW);
        assertThat(body(first)).as("no cursor yet: its fields are left out")
            .isEqualTo("{\"query\":\"q\",\"variables\":{\"first\":25},\"at\":1796638530}");
        ApiRequest next = PageRequests.request(endpoint, query, URI.create("https://api.example.com/items"),
            PageState.of("cursor", "a\"b\\c"), 25, NOW);
        assertThat(body(next)).isEqualTo("{\"query\":\"q\",\"variables\":{\"first\":25,\"after\":\"a\\\"b\\\\c\","
            + "\"note\":\"from \\\"a\\\"b\\\\c\\\" on\"},\"at\":1796638530}");
    }

    @Test
    void anArrayStateIsSentAsTheJsonArrayItHolds() {
        ParamPlacement placement = new ParamPlacement(Location.BODY, "since", JsonPointer.compile("/search_after"),
            null, BodyType.ARRAY);
        ApiRequest request = PageRequests.request(endpoint(RequestMethod.POST, "{\"size\":10}"), placement,
            URI.create("https://api.example.com/items?since=" + java.net.URLEncoder.encode("[1700000000,\"b-42\"]",
                StandardCharsets.UTF_8)), PageState.empty(), 0, NOW);
        assertThat(body(request)).isEqualTo("{\"size\":10,\"search_after\":[1700000000,\"b-42\"]}");
    }

    @Test
    void aNumberStateIsANumberAndAStateThatIsNoneFailsNamingTheKey() {
        ParamPlacement placement = new ParamPlacement(Location.BODY, "cursor", JsonPointer.compile("/after"), null,
            BodyType.NUMBER);
        assertThat(body(PageRequests.request(endpoint(RequestMethod.POST, null), placement,
            URI.create("https://api.example.com/items?cursor=12345678901234567890"), PageState.empty(), 0, NOW)))
            .isEqualTo("{\"after\":12345678901234567890}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PageRequests.request(endpoint(RequestMethod.POST,
                null), placement, URI.create("https://api.example.com/items?cursor=abc"), PageState.empty(), 0, NOW))
            .hasMessageContaining("pagination.param.body.type is number");
    }

    @Test
    void anEndpointsOwnParamsReplaceAndExtendTheConnectors() {
        Map<String, Template> connector = Template.parseParams(List.of("filter=open", "size=${limit}"));
        Map<String, Template> merged = new java.util.LinkedHashMap<>(connector);
        merged.putAll(Template.parseParams(List.of("filter=closed", "after=${cursor}")));
        Endpoint endpoint = new Endpoint("items", URI.create("https://api.example.com/items"), "items",
            JsonPointer.empty(), RequestHeaders.NONE, RequestMethod.GET, null, merged, ResponseFormat.JSON);
        ApiRequest request = PageRequests.request(endpoint, new ParamPlacement(Location.QUERY, "cursor", null, null,
            BodyType.STRING), URI.create("https://api.example.com/items"), PageState.of("cursor", "c1"), 5, NOW);
        assertThat(request.uri().getRawQuery()).isEqualTo("filter=closed&size=5&after=c1");
    }
}
