package dev.spillway.connect.common.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SafeTextTest {

    @Test
    void escapesControlAndFormatCharactersOntoOneLine() {
        assertThat(SafeText.oneLine("a\nb\r\tc\u001b[2J\u0007\u202e\u2028d", 100))
            .isEqualTo("a\\nb\\r\\tc\\u001b[2J\\u0007\\u202e\\u2028d");
        assertThat(SafeText.oneLine("plain ünïcode 😀", 100)).isEqualTo("plain ünïcode 😀");
        assertThat(SafeText.oneLine(null, 10)).isEqualTo("null");
    }

    @Test
    void cutsLongTextNotingItsLength() {
        assertThat(SafeText.oneLine("x".repeat(1000), 10)).isEqualTo("xxxxxxxxxx... (1000 chars)");
        assertThat(SafeText.oneLine("abc😀", 4)).isEqualTo("abc... (5 chars)");
    }
}
