package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.connect.rest.http.RequestHeaders;
import dev.spillway.connect.rest.http.RequestSettings;
import dev.spillway.connect.rest.pagination.PaginationSettings;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

class EndpointSettingsTest {

    private static final ConfigDef DEF = RecordSettings.define(EndpointSettings.definePolling(
        EndpointSettings.define(PaginationSettings.define(new ConfigDef()))));

    private static EndpointSettings settings(Map<String, String> raw, Map<String, Object> overrides) {
        return new EndpointSettings(DEF.parse(raw), overrides);
    }

    @Test
    void endpointsResolveAgainstTheBaseUrlWithTheirOwnTopicAndPointer() {
        Map<String, String> raw = Map.of("http.base.url", "https://api.example.com/v1/", "endpoints",
            "/orders,people=https://crm.example.com/people", "topic.prefix", "api.", "poll.interval.ms", "5000");
        EndpointSettings endpoints = settings(raw, Map.of("people.topic", "crm-people",
            "people.records.pointer", "/data"));
        List<Endpoint> resolved = endpoints.endpoints(endpoints.entries(), new RecordSettings(DEF.parse(raw)));
        assertThat(resolved).extracting(Endpoint::name).containsExactly("orders", "people");
        assertThat(resolved).extracting(endpoint -> endpoint.url().toString())
            .containsExactly("https://api.example.com/v1/orders", "https://crm.example.com/people");
        assertThat(resolved).extracting(Endpoint::topic).containsExactly("api.orders", "crm-people");
        assertThat(resolved.get(1).recordsPointer().toString()).isEqualTo("/data");
        assertThat(endpoints.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(endpoints.credentialTargets())
            .containsExactly("https://api.example.com/v1/", "https://crm.example.com/people");
        assertThat(endpoints.problems(new PaginationSettings(DEF.parse(raw)))).isEmpty();
    }

    @Test
    void anEndpointsPaginationOverridesComeBackAsPaginationKeys() {
        EndpointSettings endpoints = settings(Map.of("endpoints", "https://api.example.com/v1/people"),
            Map.of("v1.people.pagination.type", "cursor", "v1.people.topic", "people", "v1.peoplex.pagination.limit", "5"));
        assertThat(endpoints.paginationOverrides("v1.people")).isEqualTo(Map.of("pagination.type", "cursor"));
        assertThat(EndpointSettings.names(endpoints.entries())).containsExactly("v1.people");
    }

    @Test
    void anEndpointsRequestHeadersGoOverTheConnectors() {
        ConfigDef def = RequestSettings.define(new ConfigDef(DEF));
        Map<String, String> raw = Map.of("endpoints", "a=https://api.example.com/a,b=https://api.example.com/b",
            "http.request.headers", "Accept: application/vnd.v1+json");
        EndpointSettings endpoints = new EndpointSettings(def.parse(raw),
            Map.of("b.request.headers", "Accept: text/csv, X-Extra: 1"));
        RequestSettings request = new RequestSettings(def.parse(raw));
        List<Endpoint> resolved = endpoints.endpoints(endpoints.entries(), new RecordSettings(def.parse(raw)),
            request);
        assertThat(resolved.get(0).headers().headers()).extracting(RequestHeaders.Header::toString)
            .containsExactly("Accept: application/vnd.v1+json");
        assertThat(resolved.get(1).headers().headers()).extracting(RequestHeaders.Header::toString)
            .containsExactly("Accept: text/csv", "X-Extra: 1");
        assertThat(endpoints.problems(new PaginationSettings(def.parse(raw)), request)).isEmpty();

        EndpointSettings bad = new EndpointSettings(def.parse(raw), Map.of("b.request.headers", "Connection: close"));
        assertThat(bad.problems(new PaginationSettings(def.parse(raw)), request)).singleElement()
            .satisfies(problem -> assertThat(problem.message()).startsWith("endpoint.b.request.headers: entry 1"));
    }
}
