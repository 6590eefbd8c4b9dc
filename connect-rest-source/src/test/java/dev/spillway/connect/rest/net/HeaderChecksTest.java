package dev.spillway.connect.rest.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderChecksTest {

    @Test
    void restrictedAndHopByHopNamesAreRefused() {
        for (String name : new String[] {"Host", "connection", "Content-Length", "Expect", "Upgrade",
            "Transfer-Encoding", "TE", "Keep-Alive", "Trailer"}) {
            assertThat(HeaderChecks.nameProblem(name)).as(name).isPresent();
        }
        assertThat(HeaderChecks.nameProblem("X-API-Key")).isEmpty();
        assertThat(HeaderChecks.nameProblem("Authorization")).isEmpty();
        assertThat(HeaderChecks.nameProblem("X API Key")).isPresent();
        assertThat(HeaderChecks.nameProblem("")).isPresent();
    }

    @Test
    void valuesWithLineBreaksOrControlCharactersAreRefusedWithoutQuotingThem() {
        for (String value : new String[] {"s3cr3t\n", "s3cr3t\r", "s3\r\nX-Evil: 1", "s3cr3t\u0000", "s3\u007f",
            "s3\u20ac"}) {
            assertThat(HeaderChecks.valueProblem(value)).as(value)
                .hasValueSatisfying(problem -> assertThat(problem).doesNotContain("s3"));
        }
        assertThat(HeaderChecks.valueProblem("abc.DEF-123_~+/=")).isEmpty();
        assertThat(HeaderChecks.valueProblem("Bearer abc")).isEmpty();
    }
}
