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
    void anUnusableNextLinkIsNotQuotedWithItsToken() throws Exception {
        NextUrlPagination next = NextUrlPagination.fromBody(JsonPointers.parse("/next"), LIMIT_3);
        PagePosition at = PagePosition.start(next.first());
        assertThatThrownBy(() -> next.next(at, page(next, items("1") + ",\"next\":\"items?a%zz&token=s3cr3t\"}")))
            .isInstanceOf(MalformedPageException.class).hasMessageContaining("token=***")
            .hasMessageContaining("Malformed escape pair at index").hasMessageNotContaining("s3cr3t").hasNoCause();
        // A space or a bar an API left unencoded is sent encoded, as browsers do.
        assertThat(next.next(at, page(next, items("1") + ",\"next\":\"items?a b|c\"}")).get().state().string("url"))
            .get().asString().endsWith("items?a%20b%7Cc");
        assertThatThrownBy(() -> next.next(at, page(next, items("1") + ",\"next\":\"ftp://h/x?token=s3cr3t\"}")))
            .isInstanceOf(MalformedPageException.class).hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> next.uri(ENDPOINT, PageState.of("url", "https://evil.example.com/x?token=s3cr3t")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another origin")
            .hasMessageNotContaining("s3cr3t");
        assertThat(next.uri(ENDPOINT, PageState.of("url", "https://api.example.com/v1/items?page=2")))
            .hasToString("https://api.example.com/v1/items?page=2");
    }

    /** The items of a since page with these ts values, in order; which were skipped, and the position after. */
    private static List<String> walk(SincePagination since, PagePosition at, String... ts) throws Exception {
        String body = "{\"items\":[" + String.join(",", java.util.Arrays.stream(ts)
            .map(t -> "{\"ts\":\"" + t + "\"}").toList()) + "]}";
        PageProgress progress = since.progress(at);
        List<String> emitted = new java.util.ArrayList<>();
        ParsedPage page = page(since, body);
        for (int i = 0; i < page.items().size(); i++) {
            if (!progress.alreadyEmitted(page.items().get(i), i)) {
                emitted.add(ts[i]);
            }
        }
        assertThat(since.next(at, page)).contains(progress.position());
        return emitted;
    }

    private static PagePosition since(String since, long skip) {
        return new PagePosition(PageState.of("since", since), skip);
    }

    /** The bug: an API filtering with '>' returns no item at the watermark, yet the first item was skipped by count. */
    @Test
    void sinceSkipsOnlyItemsAtTheStoredWatermarkSoAnExclusiveApiLosesNothing() throws Exception {
        SincePagination since = new SincePagination(JsonPointers.parse("/ts"), "since", null, LIMIT_3);
        // Exclusive API: after since=2 (one item at 2 emitted) it returns 3, 4, 5 - none of them was emitted.
        assertThat(walk(since, since("2", 1), "3", "4", "5")).containsExactly("3", "4", "5");
        // Inclusive API: the item at 2 comes back and is skipped; nothing is repeated.
        assertThat(walk(since, since("2", 1), "2", "3", "4")).containsExactly("3", "4");
        // Two items at 2 emitted, a third at 2 not yet: only two are skipped.
        assertThat(walk(since, since("2", 2), "2", "2", "2")).containsExactly("2");
        assertThat(since.progress(since("2", 2)).position()).isEqualTo(since("2", 2));
    }

    @Test
    void sincePositionAfterEachItemCountsTheItemsAtItsValue() throws Exception {
        SincePagination since = new SincePagination(JsonPointers.parse("/ts"), "since", null, FixedParams.NONE);
        PageProgress progress = since.progress(since("2", 1));
        List<PagePosition> after = new java.util.ArrayList<>();
        ParsedPage page = page(since, "{\"items\":[{\"ts\":\"2\"},{\"ts\":\"2\"},{\"ts\":\"3\"},"
            + "{\"ts\":\"3\"},{\"ts\":\"4\"}]}");
        for (int i = 0; i < page.items().size(); i++) {
            progress.alreadyEmitted(page.items().get(i), i);
            after.add(progress.position());
        }
        assertThat(after).containsExactly(since("2", 1), since("2", 2), since("3", 1), since("3", 2), since("4", 1));
    }

    /** Exclusive: the next request sends the value below the tie, so the rest of a tie split by a page end comes back. */
    @Test
    void sinceExclusiveRequestsBelowTheTieAndSkipsTheEmittedPartOfIt() throws Exception {
        SincePagination since = new SincePagination(JsonPointers.parse("/ts"), "since", null,
            SincePagination.Filter.EXCLUSIVE, LIMIT_3);
        PagePosition first = PagePosition.start(since.first());
        PageProgress progress = since.progress(first);
        ParsedPage page = page(since, "{\"items\":[{\"ts\":\"1\"},{\"ts\":\"2\"},{\"ts\":\"2\"}]}");
        for (int i = 0; i < 3; i++) {
            assertThat(progress.alreadyEmitted(page.items().get(i), i)).isFalse();
        }
        PagePosition next = new PagePosition(PageState.fromValues(Map.of("since", "1", "tie", "2")), 2);
        assertThat(progress.position()).isEqualTo(next);
        assertThat(since.next(first, page)).contains(next);
        assertThat(since.uri(ENDPOINT, next.state())).hasToString(
            "https://api.example.com/v1/items?status=open&limit=3&since=1");
        // '> 1' returns the tie again: its two emitted items are skipped, the third is not.
        assertThat(walk(since, next, "2", "2", "2")).containsExactly("2");
        // Misconfigured against an inclusive API: the items at 1 come back too, and are skipped as well.
        assertThat(walk(since, next, "1", "2")).isEmpty();
        // An item published late between 1 and the tie is emitted once, and the next request no longer returns it.
        PagePosition late = new PagePosition(PageState.fromValues(Map.of("since", "1.5", "tie", "2")), 2);
        assertThat(walk(since, next, "1.5", "2", "2")).containsExactly("1.5");
        assertThat(since.next(next, page(since, "{\"items\":[{\"ts\":\"1.5\"},{\"ts\":\"2\"}]}")))
            .contains(late);
    }

    /** The hint for a user whose inclusive setting meets an API filtering with '>'. */
    @Test
    void sinceTellsAnExclusiveApiFromTheAbsenceOfTheItemsAtTheWatermark() throws Exception {
        SincePagination since = new SincePagination(JsonPointers.parse("/ts"), "since", null, LIMIT_3);
        String above = "{\"items\":[{\"ts\":\"3\"},{\"ts\":\"4\"}]}";
        assertThat(since.looksExclusive(since("2", 1), page(since, above))).isTrue();
        assertThat(since.looksExclusive(since("2", 1), page(since, "{\"items\":[{\"ts\":\"2\"},{\"ts\":\"3\"}]}")))
            .isFalse();
        assertThat(since.looksExclusive(since("2", 0), page(since, above))).as("nothing emitted at 2").isFalse();
        assertThat(since.looksExclusive(since("2", 1), page(since, "{\"items\":[]}"))).isFalse();
        SincePagination exclusive = new SincePagination(JsonPointers.parse("/ts"), "since", null,
            SincePagination.Filter.EXCLUSIVE, LIMIT_3);
        assertThat(exclusive.looksExclusive(since("2", 1), page(exclusive, above))).isFalse();
    }

    /** Offsets written before ties were kept apart ({since, skip} only) resume: their tie is at since. */
    @Test
    void sinceResumesFromOffsetsOfEarlierVersions() throws Exception {
        SincePagination since = new SincePagination(JsonPointers.parse("/ts"), "since", null,
            SincePagination.Filter.EXCLUSIVE, FixedParams.NONE);
        assertThat(walk(since, since("5", 2), "5", "5", "6")).containsExactly("6");
        assertThat(walk(since, since("5", 2), "6", "7")).containsExactly("6", "7");
        assertThat(since.next(since("5", 2), page(since, "{\"items\":[{\"ts\":\"6\"}]}")))
            .contains(new PagePosition(PageState.fromValues(Map.of("since", "5", "tie", "6")), 1));
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
