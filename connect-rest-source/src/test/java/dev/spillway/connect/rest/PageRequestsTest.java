package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import dev.spillway.connect.rest.extract.JsonBody;
import dev.spillway.connect.rest.http.ApiRequest;
import dev.spillway.connect.rest.http.RequestHeaders;
import dev.spillway.connect.rest.http.RequestMethod;
import dev.spillway.connect.rest.pagination.ParamPlacement;
import dev.spillway.connect.rest.pagination.ParamPlacement.Location;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

class PageRequestsTest {

    private static final RequestHeaders ACCEPT = RequestHeaders.parse(List.of("Accept: application/vnd.v2+json"),
        false);

    private static Endpoint endpoint(RequestMethod method, String body) {
        return new Endpoint("items", URI.create("https://api.example.com/items?filter=open"), "items",
            JsonPointer.empty(), ACCEPT, method, body == null ? null : JsonBody.parse(body));
    }

    private static String body(ApiRequest request) {
        return request.body() == null ? null : new String(request.body(), StandardCharsets.UTF_8);
    }

    @Test
    void inTheQueryTheUrlOfThePaginationIsSentAsItIs() {
        URI uri = URI.create("https://api.example.com/items?filter=open&cursor=abc&limit=10");
        ApiRequest request = PageRequests.request(endpoint(RequestMethod.GET, null),
            new ParamPlacement(Location.QUERY, "cursor", null, null, false), uri);
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
            placement, URI.create("https://api.example.com/items?filter=open&cursor=a%26b%20c&limit=10"));
        assertThat(request.uri()).hasToString("https://api.example.com/items?filter=open&limit=10");
        assertThat(body(request)).isEqualTo("{\"variables\":{\"first\":10,\"after\":\"a&b c\"}}");

        ApiRequest first = PageRequests.request(endpoint(RequestMethod.POST, "{\"variables\":{\"after\":null}}"),
            placement, URI.create("https://api.example.com/items?filter=open"));
        assertThat(body(first)).as("no state yet: the field is left out").isEqualTo("{\"variables\":{}}");
    }

    @Test
    void pageNumbersAndOffsetsAreNumbersInTheBody() {
        ParamPlacement placement = new ParamPlacement(Location.BODY, "page", JsonPointer.compile("/page"), null, true);
        ApiRequest request = PageRequests.request(endpoint(RequestMethod.POST, null), placement,
            URI.create("https://api.example.com/items?page=3"));
        assertThat(body(request)).isEqualTo("{\"page\":3}");
        assertThat(request.uri()).hasToString("https://api.example.com/items");
    }

    @Test
    void inAHeaderTheStateIsAddedToTheConfiguredHeaders() {
        ParamPlacement placement = new ParamPlacement(Location.HEADER, "cursor", null, "X-Cursor", false);
        ApiRequest request = PageRequests.request(endpoint(RequestMethod.GET, null), placement,
            URI.create("https://api.example.com/items?filter=open&cursor=xyz"));
        assertThat(request.headers().headers()).extracting(RequestHeaders.Header::toString)
            .containsExactly("Accept: application/vnd.v2+json", "X-Cursor: xyz");
        assertThat(request.uri()).hasToString("https://api.example.com/items?filter=open");
        assertThat(PageRequests.request(endpoint(RequestMethod.GET, null), placement,
            URI.create("https://api.example.com/items?filter=open")).headers()).isEqualTo(ACCEPT);
    }
}
