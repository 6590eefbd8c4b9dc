package dev.spillway.dlq.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.dlq.replay.TargetPolicy.Reason;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TargetPolicyTest {

    private final TargetPolicy defaults = TargetPolicy.defaults("dlq-orders");

    @Test
    void ordinaryTopicsAreAllowed() {
        for (String topic : new String[] {"orders", "orders.v2", "a-b_c.D9", "connect-configs-archive",
            "my-connect", "x".repeat(249)}) {
            assertThat(defaults.refusal(topic)).as(topic).isEmpty();
        }
    }

    @Test
    void internalTopicsAreAlwaysRefused() {
        for (String topic : new String[] {"__consumer_offsets", "__transaction_state", "_schemas",
            "_confluent-command", "__cluster_metadata", "_"}) {
            assertThat(defaults.refusal(topic)).as(topic).contains(Reason.INTERNAL);
            TargetPolicy permissive = new TargetPolicy("dlq", null, Pattern.compile(".*"));
            assertThat(permissive.refusal(topic)).as(topic).contains(Reason.INTERNAL);
        }
    }

    @Test
    void workerAndStreamsTopicsAreExcludedByDefault() {
        for (String topic : new String[] {"connect-configs", "connect-offsets", "connect-status",
            "docker-connect-configs", "connect-cluster-offsets", "mm2-offsets.source.internal",
            "source.checkpoints.internal", "app-store-changelog", "app-KSTREAM-0001-repartition"}) {
            assertThat(defaults.refusal(topic)).as(topic).contains(Reason.EXCLUDED);
        }
    }

    @Test
    void theDeadLetterTopicItselfIsRefused() {
        assertThat(defaults.refusal("dlq-orders")).contains(Reason.DEAD_LETTER_TOPIC);
        assertThat(new TargetPolicy("dlq-orders", null, Pattern.compile("dlq-.*")).refusal("dlq-orders"))
                .contains(Reason.DEAD_LETTER_TOPIC);
    }

    @Test
    void illegalNamesAreRefused() {
        for (String topic : new String[] {"", ".", "..", "orders\n", "orders\u001b[2J", "a b", "ünïcode",
            "x".repeat(250), "orders/../x", null}) {
            assertThat(defaults.refusal(topic)).as(String.valueOf(topic)).contains(Reason.ILLEGAL_NAME);
        }
    }

    @Test
    void allowListMustMatchTheWholeName() {
        TargetPolicy policy = new TargetPolicy("dlq", Pattern.compile(TargetPolicy.DEFAULT_EXCLUDE),
                Pattern.compile("orders|payments-.*"));
        assertThat(policy.refusal("orders")).isEmpty();
        assertThat(policy.refusal("payments-eu")).isEmpty();
        assertThat(policy.refusal("orders-archive")).contains(Reason.NOT_ALLOWED);
        assertThat(policy.refusal("xorders")).contains(Reason.NOT_ALLOWED);
    }

    @Test
    void anExcludePatternReplacesTheDefault() {
        TargetPolicy policy = new TargetPolicy("dlq", Pattern.compile(""), null);
        assertThat(policy.refusal("connect-configs")).isEqualTo(Optional.empty());
        TargetPolicy custom = new TargetPolicy("dlq", Pattern.compile("secret-.*"), null);
        assertThat(custom.refusal("secret-1")).contains(Reason.EXCLUDED);
        assertThat(custom.refusal("_schemas")).contains(Reason.INTERNAL);
    }
}
