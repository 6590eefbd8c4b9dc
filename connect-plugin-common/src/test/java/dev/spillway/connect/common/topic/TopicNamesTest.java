package dev.spillway.connect.common.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void legalNamesAreKafkasOwn() {
        assertThat(TopicNames.isLegal("public.orders")).isTrue();
        assertThat(TopicNames.isLegal("a-b_c.1")).isTrue();
        assertThat(TopicNames.isLegal("x".repeat(249))).isTrue();
        for (String illegal : new String[] {"", ".", "..", "order items", "заказы", "a/b", "x".repeat(250)}) {
            assertThat(TopicNames.isLegal(illegal)).as(illegal).isFalse();
        }
        assertThat(TopicNames.isLegal(null)).isFalse();
    }

    @Test
    void internalTopicsOfOtherToolsAreKnown() {
        for (String internal : new String[] {"connect-configs", "docker-connect-offsets", "connect-cluster-status",
            "kafka.connect-offsets", "mm2-offsets.src.internal", "mm2-offset-syncs.dst.internal",
            "src.checkpoints.internal"}) {
            assertThat(TopicNames.isOtherInternal(internal)).as(internal).isTrue();
        }
        for (String business : new String[] {"orders-status", "disconnect-status", "billing.internal",
            "orders-changelog", "public.internal"}) {
            assertThat(TopicNames.isOtherInternal(business)).as(business).isFalse();
        }
    }

    @Test
    void aTablesTopicMayStartWithOneUnderscoreButNotBeInternal() {
        assertThat(TopicNames.refusalForTable("_prisma_migrations")).isEmpty();
        assertThat(TopicNames.refusalForTable("public.orders")).isEmpty();
        assertThat(TopicNames.refusalForTable("__consumer_offsets")).get().asString().contains("internal");
        assertThat(TopicNames.refusalForTable("_schemas")).get().asString().contains("internal");
        assertThat(TopicNames.refusalForTable("connect-configs")).get().asString().contains("internal");
        // Left to the producer: a transform may rename it first.
        assertThat(TopicNames.refusalForTable("public.order items")).isEmpty();
    }
}
