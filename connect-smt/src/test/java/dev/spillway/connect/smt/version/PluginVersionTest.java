package dev.spillway.connect.smt.version;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PluginVersionTest {

    @Test
    void reportsTheVersionMavenBuilt() {
        assertThat(PluginVersion.get()).isEqualTo(System.getProperty("spillway.expected.version"));
    }
}
