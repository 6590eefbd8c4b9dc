package dev.spillway.connect.rest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class TemplateTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:15:30.250Z");

    private static Optional<String> render(String template, Map<String, String> state) {
        return Template.parse(template).render(name -> Optional.ofNullable(state.get(name)), NOW);
    }

    @Test
    void fillsStateVariablesAndKeepsTheTextAroundThem() {
        assertThat(render("${cursor}", Map.of("cursor", "abc"))).contains("abc");
        assertThat(render("updated>${since} and page ${page}/${offset}/${limit}",
            Map.of("since", "2024-01-01", "page", "3", "offset", "20", "limit", "10")))
            .contains("updated>2024-01-01 and page 3/20/10");
        assertThat(render("$5 and $x", Map.of())).contains("$5 and $x");
        assertThat(Template.parse("${cursor}-${since}").variables()).containsExactly("cursor", "since");
    }

    @Test
    void aStateVariableWithoutAValueLeavesTheWholeValueOut() {
        assertThat(render("after:${cursor}", Map.of())).isEmpty();
    }

    @Test
    void fillsTheClockShiftedAndFormatted() {
        assertThat(render("${now}", Map.of())).contains("2026-12-07T10:15:30Z");
        assertThat(render("${now:ISO}", Map.of())).contains("2026-12-07T10:15:30Z");
        assertThat(render("${now-PT1H:ISO}", Map.of())).contains("2026-12-07T09:15:30Z");
        assertThat(render("${now+P1D:EPOCH}", Map.of())).contains(String.valueOf(NOW.getEpochSecond() + 86_400));
        assertThat(render("${now:EPOCH_MS}", Map.of())).contains(String.valueOf(NOW.toEpochMilli()));
        assertThat(render("${ now-PT15M:epoch }", Map.of())).contains(String.valueOf(NOW.getEpochSecond() - 900));
        assertThat(Template.parse("x${now}").usesClock()).isTrue();
        assertThat(Template.parse("x${cursor}").usesClock()).isFalse();
    }

    @Test
    void refusesUnknownAndMalformedPlaceholders() {
        assertThatThrownBy(() -> Template.parse("${token}")).hasMessageStartingWith(
            "has an unknown placeholder ${token}; known are ${cursor}");
        assertThatThrownBy(() -> Template.parse("${now-1h}")).hasMessageContaining("unknown placeholder ${now-1h}");
        assertThatThrownBy(() -> Template.parse("${now-PXT:ISO}")).hasMessageContaining("is not an ISO-8601 duration");
        assertThatThrownBy(() -> Template.parse("${now:RFC}")).hasMessageContaining("format RFC is none of");
        assertThatThrownBy(() -> Template.parse("a${cursor")).hasMessage("has a '${' without its closing '}'");
    }

    @Test
    void parsesNameValueParamsInOrder() {
        Map<String, Template> params = Template.parseParams(List.of("filter=a=b", " since = ${since} ", ""));
        assertThat(params.keySet()).containsExactly("filter", "since");
        assertThat(params.get("filter")).hasToString("a=b");
        assertThatThrownBy(() -> Template.parseParams(List.of("x=1", "x=2"))).hasMessage("parameter x is given twice");
        assertThatThrownBy(() -> Template.parseParams(List.of("novalue"))).hasMessage("entry 1 is not 'name=value'");
        assertThatThrownBy(() -> Template.parseParams(List.of("q=${secret}")))
            .hasMessageStartingWith("parameter q has an unknown placeholder ${secret}");
    }
}
