package dev.spillway.connect.rest.pagination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.connect.rest.extract.JsonPointers;
import dev.spillway.connect.rest.extract.MalformedPageException;
import dev.spillway.connect.rest.extract.PageParser;
import dev.spillway.connect.rest.extract.ParsedPage;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Each strategy's request URLs and next positions, on parsed pages without HTTP. */
class PaginationTest {

    private static final URI ENDPOINT = URI.create("https://api.example.com/v1/items?status=open");
    private static final FixedParams LIMIT_3 = new FixedParams("limit", 3);

    private static ParsedPage page(Pagination pagination, String body, Map<String, List<String>> headers, URI uri)
            throws MalformedPageException {
        return new PageParser(JsonPointers.parse("/items"), pagination.bodyPointers())
            .parse(uri, body.getBytes(StandardCharsets.UTF_8), HttpHeaders.of(headers, (a, b) -> true));
    }

    private static ParsedPage page(Pagination pagination, String body) throws MalformedPageException {
        return page(pagination, body, Map.of(), ENDPOINT);
    }

    private static String items(String... ids) {
        return "{\"items\":[" + String.join(",", java.util.Arrays.stream(ids).map(id -> "{\"id\":" + id
            + ",\"ts\":\"2024-01-0" + id + "\"}").toList()) + "]";
    }

    @Test
    void cursor() throws Exception {
        CursorPagination cursor = new CursorPagination(JsonPointers.parse("/meta/next"), "after", LIMIT_3);
        assertThat(cursor.uri(ENDPOINT, cursor.first()))
            .hasToString("https://api.example.com/v1/items?status=open&limit=3");
        assertThat(cursor.uri(ENDPOINT, PageState.of("cursor", "x/y")))
            .hasToString("https://api.example.com/v1/items?status=open&limit=3&after=x%2Fy");
        PagePosition at = PagePosition.start(cursor.first());
        assertThat(cursor.next(at, page(cursor, items("1", "2") + ",\"meta\":{\"next\":\"c2\"}}")))
            .contains(PagePosition.start(PageState.of("cursor", "c2")));
        assertThat(cursor.next(at, page(cursor, items("1") + ",\"meta\":{\"next\":null}}"))).isEmpty();
        assertThat(cursor.next(at, page(cursor, items("1") + ",\"meta\":{\"next\":\"\"}}"))).isEmpty();
        assertThat(cursor.next(at, page(cursor, items("1") + "}"))).isEmpty();
        assertThat(cursor.positionsAreStable()).isTrue();
    }

    @Test
    void nextUrlResolvesRelativeLinksAndRefusesOtherOrigins() throws Exception {
        NextUrlPagination next = NextUrlPagination.fromBody(JsonPointers.parse("/next"), LIMIT_3);
        PagePosition at = PagePosition.start(next.first());
        assertThat(next.uri(ENDPOINT, next.first())).hasToString("https://api.example.com/v1/items?status=open&limit=3");
        assertThat(next.next(at, page(next, items("1") + ",\"next\":\"items?page=2\"}")))
            .contains(PagePosition.start(PageState.of("url", "https://api.example.com/v1/items?page=2")));
        PageState followed = PageState.of("url", "https://api.example.com/v1/items?page=2");
        assertThat(next.uri(ENDPOINT, followed)).hasToString("https://api.example.com/v1/items?page=2");
        assertThatThrownBy(() -> next.next(at, page(next, items("1") + ",\"next\":\"https://evil.example/steal\"}")))
            .isInstanceOf(MalformedPageException.class).hasMessageContaining("another origin");
        assertThat(next.next(at, page(next, items("1") + "}"))).isEmpty();
    }

    @Test
    void linkHeader() throws Exception {
        NextUrlPagination link = NextUrlPagination.fromLinkHeader(FixedParams.NONE);
        PagePosition at = PagePosition.start(link.first());
        ParsedPage withNext = page(link, items("1") + "}",
            Map.of("Link", List.of("</v1/items?page=2>; rel=\"next\"")), ENDPOINT);
        assertThat(link.next(at, withNext))
            .contains(PagePosition.start(PageState.of("url", "https://api.example.com/v1/items?page=2")));
        assertThat(link.next(at, page(link, items("1") + "}"))).isEmpty();
        assertThat(link.type()).isEqualTo("link-header");
    }

    @Test
    void pageNumberStopsAtAShortOrEmptyPage() throws Exception {
        PageNumberPagination pages = new PageNumberPagination("p", 1, LIMIT_3);
        assertThat(pages.uri(ENDPOINT, pages.first())).hasToString("https://api.example.com/v1/items?status=open&limit=3&p=1");
        PagePosition first = PagePosition.start(pages.first());
        assertThat(pages.next(first, page(pages, items("1", "2", "3") + "}")))
            .contains(PagePosition.start(PageState.of("page", 2)));
        assertThat(pages.next(first, page(pages, items("1", "2") + "}"))).isEmpty();
        PageNumberPagination unsized = new PageNumberPagination("p", 0, FixedParams.NONE);
        assertThat(unsized.next(first, page(unsized, items("1") + "}"))).isPresent();
        assertThat(unsized.next(first, page(unsized, items() + "}"))).isEmpty();
        assertThat(pages.positionsAreStable()).isFalse();
    }

    @Test
    void offsetLimitAdvancesByTheItemsRead() throws Exception {
        OffsetLimitPagination offsets = new OffsetLimitPagination("from", LIMIT_3);
        PagePosition at = PagePosition.start(PageState.of("offset", 6));
        assertThat(offsets.uri(ENDPOINT, at.state())).hasToString("https://api.example.com/v1/items?status=open&limit=3&from=6");
        assertThat(offsets.next(at, page(offsets, items("7", "8", "9") + "}")))
            .contains(PagePosition.start(PageState.of("offset", 9)));
        assertThat(offsets.next(at, page(offsets, items("7") + "}"))).isEmpty();
        assertThatThrownBy(() -> new OffsetLimitPagination("offset", FixedParams.NONE))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sinceCarriesTheWatermarkAndTheNumberOfItemsAtIt() throws Exception {
        SincePagination since = new SincePagination(JsonPointers.parse("/ts"), "updated_since", "", LIMIT_3);
        assertThat(since.uri(ENDPOINT, since.first())).hasToString("https://api.example.com/v1/items?status=open&limit=3");
        PagePosition at = PagePosition.start(since.first());
        String body = "{\"items\":[{\"ts\":\"2024-01-01\"},{\"ts\":\"2024-01-02\"},{\"ts\":\"2024-01-02\"}]}";
        assertThat(since.next(at, page(since, body)))
            .contains(new PagePosition(PageState.of("since", "2024-01-02"), 2));
        assertThat(since.uri(ENDPOINT, PageState.of("since", "2024-01-02")))
            .hasToString("https://api.example.com/v1/items?status=open&limit=3&updated_since=2024-01-02");
        assertThat(since.next(at, page(since, "{\"items\":[]}"))).isEmpty();
        assertThat(new SincePagination(JsonPointers.parse("/ts"), "s", "2020", LIMIT_3).first())
            .isEqualTo(PageState.of("since", "2020"));
    }

    @Test
    void sinceComparesNumbersNumerically() throws Exception {
        SincePagination since = new SincePagination(JsonPointers.parse("/id"), "since_id", null, FixedParams.NONE);
        ParsedPage numbers = page(since, "{\"items\":[{\"id\":9},{\"id\":10},{\"id\":10.0}]}");
        assertThat(since.next(PagePosition.start(since.first()), numbers))
            .contains(new PagePosition(PageState.of("since", "10"), 2));
    }

    @Test
    void sinceFailsOnAFullPageAtTheWatermarkAndOnItemsWithoutTheField() throws Exception {
        SincePagination since = new SincePagination(JsonPointers.parse("/ts"), "since", null, LIMIT_3);
        PagePosition at = new PagePosition(PageState.of("since", "5"), 3);
        assertThatThrownBy(() -> since.next(at, page(since, "{\"items\":[{\"ts\":\"5\"},{\"ts\":\"5\"},{\"ts\":\"5\"}]}")))
            .isInstanceOf(MalformedPageException.class).hasMessageContaining("raise pagination.limit");
        assertThatThrownBy(() -> since.next(at, page(since, "{\"items\":[{\"id\":1}]}")))
            .isInstanceOf(MalformedPageException.class).hasMessageContaining("since pointer '/ts'");
    }

    @Test
    void noneIsOneRequestPerWalk() throws Exception {
        NoPagination none = new NoPagination(FixedParams.NONE);
        assertThat(none.uri(ENDPOINT, none.first())).isEqualTo(ENDPOINT);
        assertThat(none.next(PagePosition.start(none.first()), page(none, items("1") + "}"))).isEmpty();
    }
}
