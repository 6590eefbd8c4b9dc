package dev.spillway.connect.rest.pagination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.connect.rest.extract.JsonPointers;
import dev.spillway.connect.rest.extract.PageParser;
import dev.spillway.connect.rest.extract.ParsedPage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

class SortValuesTest {

    @Test
    void readsAndWritesAJsonArrayOfStringsAndNumbersKeepingEveryDigit() {
        List<Object> values = SortValues.parse("[12345678901234567890123, 1.50, \"a\\\"b\"]");
        assertThat(values).containsExactly(new BigInteger("12345678901234567890123"), new BigDecimal("1.50"), "a\"b");
        assertThat(SortValues.text(values)).isEqualTo("[12345678901234567890123,1.50,\"a\\\"b\"]");
        assertThat(SortValues.parse(SortValues.text(values))).isEqualTo(values);
    }

    @Test
    void anythingButAnArrayOfScalarsIsRefused() {
        assertThatThrownBy(() -> SortValues.parse("42")).hasMessage("not a JSON array");
        assertThatThrownBy(() -> SortValues.parse("[{\"a\":1}]")).hasMessageContaining("other than strings");
        assertThatThrownBy(() -> SortValues.parse("[1] [2]")).hasMessage("more than one JSON value");
        assertThatThrownBy(() -> SortValues.parse("[1,")).hasMessageStartingWith("not a JSON array:");
    }

    @Test
    void arraysCompareElementByElementAlsoAgainstTheirStoredText() {
        assertThat(SincePagination.compare(List.of(2L, 1L), "[1,9]")).isPositive();
        assertThat(SincePagination.compare(List.of(2L, 1L), "[2,1]")).isZero();
        assertThat(SincePagination.compare("[2,\"b\"]", List.of(2L, "c"))).isNegative();
        assertThat(SincePagination.compare(List.of(10L), List.of(9L))).as("numbers, not text").isPositive();
        assertThat(SincePagination.compare(List.of(1L), List.of(1L, 0L))).as("a prefix first").isNegative();
    }

    @Test
    void anArrayWatermarkIsTheLastItemsSortValuesWithTiesOnTheFirstField() throws Exception {
        SincePagination since = new SincePagination(null, List.of(JsonPointers.parse("/ts"),
            JsonPointers.parse("/id")), "search_after", null, SincePagination.Filter.INCLUSIVE, FixedParams.NONE);
        String body = "{\"items\":[{\"ts\":5,\"id\":1},{\"ts\":5,\"id\":2},{\"ts\":6,\"id\":3}]}";
        ParsedPage page = new PageParser(JsonPointers.parse("/items"), since.bodyPointers())
            .parse(URI.create("https://x/s"), body.getBytes(StandardCharsets.UTF_8),
                HttpHeaders.of(Map.of(), (a, b) -> true));
        PagePosition next = since.next(PagePosition.start(since.first()), page).orElseThrow();
        assertThat(next.state().string("since")).contains("[6,3]");
        assertThat(next.skip()).isEqualTo(1);
        assertThat(since.uri(URI.create("https://x/s"), next.state()).getRawQuery())
            .isEqualTo("search_after=%5B6%2C3%5D");

        String missing = "{\"items\":[{\"ts\":7}]}";
        ParsedPage bad = new PageParser(JsonPointers.parse("/items"), since.bodyPointers())
            .parse(URI.create("https://x/s"), missing.getBytes(StandardCharsets.UTF_8),
                HttpHeaders.of(Map.of(), (a, b) -> true));
        assertThatThrownBy(() -> since.next(next, bad)).hasMessageContaining("'/id' of pagination.param.body.array"
            + ".pointers");
    }
}
