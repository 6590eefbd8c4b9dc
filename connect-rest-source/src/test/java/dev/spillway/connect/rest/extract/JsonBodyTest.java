package dev.spillway.connect.rest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonPointer;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

class JsonBodyTest {

    @Test
    void setsAValueAtAPointerCreatingTheObjectsOnTheWayAndLeavesTheOriginalAsItWas() {
        JsonBody body = JsonBody.parse("{\"query\":\"q\",\"n\":12345678901234567890123,\"f\":1.50}");
        JsonBody set = body.with(JsonPointer.compile("/variables/after"), "c10", false);
        assertThat(set.toString())
            .isEqualTo("{\"query\":\"q\",\"n\":12345678901234567890123,\"f\":1.50,\"variables\":{\"after\":\"c10\"}}");
        assertThat(body.toString()).isEqualTo("{\"query\":\"q\",\"n\":12345678901234567890123,\"f\":1.50}");
        assertThat(set.with(JsonPointer.compile("/variables/after"), BigInteger.valueOf(3), false).toString())
            .endsWith("\"variables\":{\"after\":3}}");
    }

    @Test
    void removingAFieldThatIsNotThereChangesNothing() {
        JsonBody body = JsonBody.parse("{\"variables\":{\"first\":10,\"after\":null}}");
        assertThat(body.with(JsonPointer.compile("/variables/after"), null, true).toString())
            .isEqualTo("{\"variables\":{\"first\":10}}");
        assertThat(body.with(JsonPointer.compile("/other/after"), null, true).toString())
            .isEqualTo("{\"variables\":{\"first\":10,\"after\":null}}");
    }

    @Test
    void refusesWhatIsNotOneJsonObjectWithoutQuotingIt() {
        assertThatThrownBy(() -> JsonBody.parse("[1]")).hasMessage("must be a JSON object ({...})");
        assertThatThrownBy(() -> JsonBody.parse("{\"a\":1}{\"b\":2}")).hasMessageStartingWith("holds more than one");
        assertThatThrownBy(() -> JsonBody.parse("{\"token\":\"s3cr3t\",")).hasMessageStartingWith("is not JSON")
            .hasMessageContaining("line 1").hasMessageNotContaining("s3cr3t");
        // A bare word is a token Jackson would quote.
        assertThatThrownBy(() -> JsonBody.parse("{\"token\":s3cr3t}")).hasMessageStartingWith("is not JSON")
            .hasMessageContaining("column").hasMessageNotContaining("s3cr3t");
    }

    @Test
    void refusesToSetThroughAValueThatIsNotAnObject() {
        assertThatThrownBy(() -> JsonBody.parse("{\"variables\":[1]}")
            .with(JsonPointer.compile("/variables/after"), "x", false))
            .hasMessageContaining("not an object on the way to /variables/after");
    }
}
