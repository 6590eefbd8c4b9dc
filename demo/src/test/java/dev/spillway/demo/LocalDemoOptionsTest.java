package dev.spillway.demo;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalDemoOptionsTest {

    @Test
    void missingZipSaysHowToBuildIt() {
        assertThatThrownBy(() -> LocalDemo.Options.parse(new String[0]))
                .isInstanceOf(LocalDemo.UsageException.class)
                .hasMessageContaining("--zip is required");
    }

    @Test
    void unknownArgumentIsNamed() {
        assertThatThrownBy(() -> LocalDemo.Options.parse(new String[] {"--frobnicate"}))
                .hasMessageContaining("'--frobnicate'");
    }

    @Test
    void flagWithoutValueIsNamed() {
        assertThatThrownBy(() -> LocalDemo.Options.parse(new String[] {"--zip"}))
                .hasMessageContaining("--zip needs a value");
    }
}
