package dev.spillway.testcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KafkaVersionsTest {

    @Test
    void parsesCommaSeparatedList() {
        assertThat(KafkaVersions.parse(" 3.9.2 , 4.3.1,,3.9.2 ")).containsExactly("3.9.2", "4.3.1");
    }

    @Test
    void blankMeansDefault() {
        assertThat(KafkaVersions.parse(null)).containsExactly("3.9.2", "4.3.1");
        assertThat(KafkaVersions.parse(" , ")).containsExactly("3.9.2", "4.3.1");
    }

    @Test
    void readsSystemProperty() {
        String previous = System.getProperty(KafkaVersions.PROPERTY);
        try {
            System.setProperty(KafkaVersions.PROPERTY, "4.0.0");
            assertThat(KafkaVersions.fromSystemProperty()).containsExactly("4.0.0");
        } finally {
            if (previous == null) {
                System.clearProperty(KafkaVersions.PROPERTY);
            } else {
                System.setProperty(KafkaVersions.PROPERTY, previous);
            }
        }
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> KafkaVersions.parse("3.9.2,latest")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latest");
        assertThatThrownBy(() -> KafkaVersions.requireValid("3.9/../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void majorAndMinor() {
        assertThat(KafkaVersions.major("3.9.2")).isEqualTo(3);
        assertThat(KafkaVersions.minor("3.9.2")).isEqualTo(9);
        assertThat(KafkaVersions.major("4.3.1")).isEqualTo(4);
        assertThat(KafkaVersions.major("10.0.0-rc1")).isEqualTo(10);
        assertThat(KafkaVersions.minor("4")).isZero();
        assertThat(KafkaVersions.atLeast("3.9.2", 3, 5)).isTrue();
        assertThat(KafkaVersions.atLeast("3.4.1", 3, 5)).isFalse();
        assertThat(KafkaVersions.atLeast("4.0.0", 3, 9)).isTrue();
    }
}
