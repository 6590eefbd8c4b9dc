package dev.spillway.connect.rest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

class RequestHeadersTest {

    @Test
    void parsesNameValueEntriesTrimmingTheOptionalWhitespace() {
        RequestHeaders headers = RequestHeaders.parse(List.of("Accept:  application/vnd.api+json ",
            "X-Api-Version:2", "X-Empty:", ""), false);
        assertThat(headers.headers()).containsExactly(
            new RequestHeaders.Header("Accept", "application/vnd.api+json", false),
            new RequestHeaders.Header("X-Api-Version", "2", false),
            new RequestHeaders.Header("X-Empty", "", false));
        assertThat(headers.names()).containsExactly("Accept", "X-Api-Version", "X-Empty");
    }

    @Test
    void aValueMayHoldColons() {
        assertThat(RequestHeaders.parse(List.of("X-Since: 2024-01-01T00:00:00Z"), false).headers().get(0).value())
            .isEqualTo("2024-01-01T00:00:00Z");
    }

    @Test
    void refusesHopByHopAndClientManagedNamesWithoutQuotingTheValue() {
        for (String name : List.of("Host", "Connection", "content-length", "Transfer-Encoding", "Upgrade", "TE",
                "Keep-Alive", "Expect")) {
            assertThatThrownBy(() -> RequestHeaders.parse(List.of(name + ": s3cr3t"), true))
                .as(name).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 1: the name names a header the HTTP client manages itself")
                .hasMessageNotContaining("s3cr3t");
        }
    }

    @Test
    void refusesMalformedEntriesNamingThemByPosition() {
        assertThatThrownBy(() -> RequestHeaders.parse(List.of("Accept: a", "no colon s3cr3t"), false))
            .hasMessage("entry 2 is not 'Name: value' (no ':')");
        assertThatThrownBy(() -> RequestHeaders.parse(List.of("Bad Name: s3cr3t"), false))
            .hasMessageContaining("entry 1: the name is not an HTTP header name").hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> RequestHeaders.parse(List.of(": s3cr3t"), false))
            .hasMessageContaining("entry 1: the name is not an HTTP header name");
    }

    @Test
    void refusesLineBreaksAndControlCharactersInValuesWithoutQuotingThem() {
        assertThatThrownBy(() -> RequestHeaders.parse(List.of("X-Token: s3cr3t\r\nX-Injected: 1"), true))
            .hasMessage("header X-Token: the value contains a line break (CR or LF), e.g. a trailing newline copied"
                + " from a file");
        assertThatThrownBy(() -> RequestHeaders.parse(List.of("X-Token: s3\u0000cr3t"), true))
            .hasMessage("header X-Token: the value contains a control character");
        assertThatThrownBy(() -> RequestHeaders.parse(List.of("X-Token: s3cr\u20ac3t"), true))
            .hasMessageContaining("outside ISO-8859-1").hasMessageNotContaining("s3cr");
    }

    @Test
    void refusesANameGivenTwiceInAnyCase() {
        assertThatThrownBy(() -> RequestHeaders.parse(List.of("Accept: a", "ACCEPT: b"), false))
            .hasMessage("header ACCEPT is given twice");
    }

    @Test
    void laterHeadersReplaceEarlierOnesOfTheSameNameInAnyCase() {
        RequestHeaders connector = RequestHeaders.parse(List.of("Accept: application/json", "X-A: 1"), false);
        RequestHeaders endpoint = RequestHeaders.parse(List.of("accept: text/csv", "X-B: 2"), false);
        assertThat(connector.with(endpoint).headers()).containsExactly(
            new RequestHeaders.Header("accept", "text/csv", false),
            new RequestHeaders.Header("X-A", "1", false),
            new RequestHeaders.Header("X-B", "2", false));
        assertThat(connector.with(RequestHeaders.NONE)).isSameAs(connector);
        assertThat(connector.sharedNames(endpoint)).containsExactly("Accept");
    }

    @Test
    void appliedHeadersReplaceTheDefaultsOfTheRequest() {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1/x"))
            .header("Accept", "application/json");
        RequestHeaders.parse(List.of("Accept: application/vnd.v2+json", "X-Api-Version: 2"), false).apply(builder);
        HttpRequest request = builder.build();
        assertThat(request.headers().allValues("Accept")).containsExactly("application/vnd.v2+json");
        assertThat(request.headers().firstValue("X-Api-Version")).contains("2");
    }

    @Test
    void aSecretValueIsNeverInTheTextOfTheHeaders() {
        RequestHeaders secret = RequestHeaders.parse(List.of("X-Tenant-Token: s3cr3t"), true);
        assertThat(secret.toString()).isEqualTo("[X-Tenant-Token]");
        assertThat(secret.headers().get(0).toString()).isEqualTo("X-Tenant-Token: [hidden]");
    }
}
