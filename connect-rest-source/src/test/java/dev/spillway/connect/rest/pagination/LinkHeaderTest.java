package dev.spillway.connect.rest.pagination;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;

class LinkHeaderTest {

    @Test
    void findsTheNextLinkAmongOthers() {
        assertThat(LinkHeader.next("<https://api.example.com/items?page=1>; rel=\"first\","
            + " <https://api.example.com/items?page=3>; rel=\"next\", <https://api.example.com/items?page=9>; rel=last"))
            .contains("https://api.example.com/items?page=3");
    }

    @Test
    void relationTypesAreCaseInsensitiveAndMayBeSeveral() {
        assertThat(LinkHeader.next("</p2>; rel=\"prefetch NEXT\"")).contains("/p2");
        assertThat(LinkHeader.next("</p2>;rel=next")).contains("/p2");
    }

    @Test
    void commasInsideTargetsAndQuotedParametersDoNotSplitLinks() {
        assertThat(LinkHeader.next("</a?x=1,2>; title=\"a, b\"; rel=\"next\"")).contains("/a?x=1,2");
        assertThat(LinkHeader.next("</a>; title=\"rel=next, or not\", </b>; rel=\"next\"")).contains("/b");
    }

    @Test
    void noNextLink() {
        assertThat(LinkHeader.next("</a>; rel=\"prev\"")).isEmpty();
        assertThat(LinkHeader.next("garbage")).isEmpty();
        assertThat(LinkHeader.next(List.of())).isEmpty();
        assertThat(LinkHeader.next("</a>; rel=\"nextpage\"")).isEmpty();
    }

    @Test
    void searchesSeveralHeaderValues() {
        assertThat(LinkHeader.next(List.of("</a>; rel=prev", "</b>; rel=next"))).contains("/b");
    }
}
