package dev.spillway.connect.rest.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerTextTest {

    @Test
    void controlCharactersAndLineBreaksBecomeOneSpace() {
        assertThat(ServerText.quote("  upstream\r\n2026-01-01 ERROR forged\u001b[2J \t line\u202e  "))
            .isEqualTo("upstream 2026-01-01 ERROR forged [2J line");
    }

    @Test
    void longTextIsCut() {
        String quoted = ServerText.quote("x".repeat(10_000));
        assertThat(quoted).hasSize(ServerText.MAX_QUOTED + 1).endsWith("…");
        assertThat(ServerText.quote("\uD83D\uDE00".repeat(500))).hasSize(ServerText.MAX_QUOTED + 1);
    }

    @Test
    void nullAndBlankAreEmpty() {
        assertThat(ServerText.quote(null)).isEmpty();
        assertThat(ServerText.quote(" \r\n ")).isEmpty();
    }
}
