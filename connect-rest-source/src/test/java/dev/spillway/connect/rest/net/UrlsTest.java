package dev.spillway.connect.rest.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

class UrlsTest {

    @Test
    void setsAndReplacesQueryParametersEncoded() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("cursor", "a b&c=d");
        params.put("limit", "10");
        assertThat(Urls.withQueryParams(URI.create("https://h/items?status=open&cursor=old"), params))
            .hasToString("https://h/items?status=open&cursor=a%20b%26c%3Dd&limit=10");
        assertThat(Urls.withQueryParams(URI.create("https://h/items"), Map.of("page", "2")))
            .hasToString("https://h/items?page=2");
        assertThat(Urls.withQueryParams(URI.create("https://h/items"), Map.of())).hasToString("https://h/items");
    }

    @Test
    void acceptsOnlyHttpUrlsWithoutCredentials() {
        assertThat(Urls.parseHttpUrl("https://api.example.com/v1").getHost()).isEqualTo("api.example.com");
        assertThatThrownBy(() -> Urls.parseHttpUrl("ftp://h/x")).hasMessageContaining("http");
        assertThatThrownBy(() -> Urls.parseHttpUrl("/relative")).hasMessageContaining("http");
        assertThatThrownBy(() -> Urls.parseHttpUrl("https://user:pw@h/x")).hasMessageContaining("credentials");
        assertThatThrownBy(() -> Urls.parseHttpUrl("https://h/a b")).hasMessageContaining("not a valid URL");
    }

    @Test
    void logsNoQueryValuesUserinfoOrFragment() {
        assertThat(Urls.redact(URI.create("https://h:8443/items?token=secret")))
            .isEqualTo("https://h:8443/items?token=***");
        assertThat(Urls.redact(URI.create("https://h/items"))).isEqualTo("https://h/items");
        assertThat(Urls.redact(URI.create("https://h/items?page=2&access_token=s3cr3t&flag&=x#frag-s3cr3t")))
            .isEqualTo("https://h/items?page=***&access_token=***&***&=***");
        assertThat(Urls.redact("https://user:pw@h:1/x?a=b")).isEqualTo("https://***@h:1/x?a=***");
        assertThat(Urls.redact("https://us@er:p@w@h/x@y")).isEqualTo("https://***@h/x@y");
        // A password holding /, ? or # (not a valid URL, but quoted when refused).
        assertThat(Urls.redact("https://bob:pa/ss@api.example.com/v1")).isEqualTo("https://***@api.example.com/v1");
        assertThat(Urls.redact("https://bob:hunter#2@h/x")).isEqualTo("https://***@h/x");
        assertThat(Urls.redact("https://bob:p?ss@h/x")).isEqualTo("https://***@h/x");
        assertThat(Urls.redact("https://bob:1234@h/x")).isEqualTo("https://***@h/x");
        // A port, and an @ further on, are not userinfo.
        assertThat(Urls.redact("https://h:8443/v1?email=a@b.com")).isEqualTo("https://h:8443/v1?email=***");
        assertThat(Urls.redact("https://h/v1/a:b@c")).isEqualTo("https://h/v1/a:b@c");
        assertThat(Urls.redact("https://[::1]:8443/a?u=x@y")).isEqualTo("https://[::1]:8443/a?u=***");
        assertThat(Urls.redact("orders=/v1/orders?api_key=s3cr3t")).isEqualTo("orders=/v1/orders?api_key=***");
        assertThat(Urls.redact("not a url ?? x=1")).doesNotContain("1");
        assertThat(Urls.redact((String) null)).isEqualTo("null");
    }

    @Test
    void anInvalidUrlIsNotQuotedInTheErrorNorItsCause() {
        assertThatThrownBy(() -> Urls.parseHttpUrl("https://h/a b?token=s3cr3t"))
            .hasMessageNotContaining("s3cr3t").hasNoCause();
    }

    @Test
    void sameOriginComparesSchemeHostAndPort() {
        assertThat(Urls.sameOrigin(URI.create("https://h/a"), URI.create("https://H:443/b"))).isTrue();
        assertThat(Urls.sameOrigin(URI.create("https://h/a"), URI.create("http://h/a"))).isFalse();
        assertThat(Urls.sameOrigin(URI.create("https://h/a"), URI.create("https://evil/a"))).isFalse();
    }

    @Test
    void linksWithCharactersAUriMayNotHoldAreEncodedAsBrowsersDo() {
        assertThat(Urls.encodeIllegal("https://h/x?cursor=ab|cd&q=status:open sort")).isEqualTo(
            "https://h/x?cursor=ab%7Ccd&q=status:open%20sort");
        assertThat(Urls.encodeIllegal("/x?name=caf\u00e9&e=\ud83d\ude00")).isEqualTo("/x?name=caf%C3%A9&e=%F0%9F%98%80");
        assertThat(Urls.encodeIllegal("/x?already=%20ok")).isEqualTo("/x?already=%20ok");
        URI.create(Urls.encodeIllegal("https://h/x?a={\"b\"}^`<>\\"));
    }
}
