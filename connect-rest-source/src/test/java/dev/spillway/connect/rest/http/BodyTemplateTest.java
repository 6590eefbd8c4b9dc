package dev.spillway.connect.rest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

class BodyTemplateTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:15:30.250Z");

    private static Function<String, Optional<String>> state(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }

    @Test
    void aQuotedPlaceholderGivesAStringEscapedAndABareOneANumberWhenItIsOne() {
        BodyTemplate body = BodyTemplate.parse("{\"a\":\"${cursor}\",\"q\":\"updated>${since} \\\"x\\\"\","
            + "\"n\":${limit},\"c\":${cursor},\"list\":[${page},\"${page}\"],\"t\":\"${now-PT1H}\"}");
        assertThat(body.render(state(Map.of("cursor", "a\"b\\c", "since", "2026-01-01T00:00:00Z", "limit", "50",
                "page", "3")), NOW))
            .hasToString("{\"a\":\"a\\\"b\\\\c\",\"q\":\"updated>2026-01-01T00:00:00Z \\\"x\\\"\",\"n\":50,"
                + "\"c\":\"a\\\"b\\\\c\",\"list\":[3,\"3\"],\"t\":\"2026-12-07T09:15:30Z\"}");
        assertThat(body.variables()).containsExactly("cursor", "limit", "page", "since");
    }

    @Test
    void aValueWhoseStateHasNoValueYetIsLeftOutOfItsObjectOrArray() {
        BodyTemplate body = BodyTemplate.parse("{\"v\":{\"first\":10,\"after\":\"${cursor}\"},\"xs\":[1,${cursor}],"
            + "\"keep\":null,\"dollar\":\"$5 and ${ not a placeholder\"}".replace("${ not", "$ not"));
        assertThat(body.render(state(Map.of()), NOW))
            .hasToString("{\"v\":{\"first\":10},\"xs\":[1],\"keep\":null,\"dollar\":\"$5 and $ not a placeholder\"}");
    }

    @Test
    void numbersKeepEveryDigitAndBareDecimalsStayNumbers() {
        BodyTemplate body = BodyTemplate.parse("{\"big\":${offset},\"d\":${since},\"s\":${cursor}}");
        assertThat(body.render(state(Map.of("offset", "123456789012345678901234", "since", "1.50",
            "cursor", "12a")), NOW)).hasToString("{\"big\":123456789012345678901234,\"d\":1.50,\"s\":\"12a\"}");
    }

    @Test
    void unknownPlaceholdersAndBrokenJsonAreRefusedWhenParsed() {
        assertThatThrownBy(() -> BodyTemplate.parse("{\"a\":\"${token}\"}"))
            .hasMessageStartingWith("has an unknown placeholder ${token}");
        assertThatThrownBy(() -> BodyTemplate.parse("{\"a\":${token}}"))
            .hasMessageStartingWith("has an unknown placeholder ${token}");
        assertThatThrownBy(() -> BodyTemplate.parse("{\"a\":${cursor}")).hasMessageStartingWith("is not JSON");
        assertThatThrownBy(() -> BodyTemplate.parse("{\"a\":\"${cursor\"}")).hasMessageContaining("'${'");
    }

    @Test
    void aBodyWithoutPlaceholdersIsSentAsItIs() {
        BodyTemplate body = BodyTemplate.parse("{\"query\":\"{ items { id } }\",\"n\":1.0}");
        assertThat(body.render(state(Map.of()), NOW)).hasToString("{\"query\":\"{ items { id } }\",\"n\":1.0}");
        assertThat(body).hasToString("{\"query\":\"{ items { id } }\",\"n\":1.0}");
        assertThat(body.variables()).isEmpty();
    }
}
