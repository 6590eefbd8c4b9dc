package dev.spillway.dlq.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void classifiesByBestFit() {
        assertThat(Payloads.classify(utf8("{\"a\":1}"))).isEqualTo(Encoding.JSON);
        assertThat(Payloads.classify(utf8(" [1, 2] "))).isEqualTo(Encoding.JSON);
        assertThat(Payloads.classify(utf8("{not json"))).isEqualTo(Encoding.TEXT);
        assertThat(Payloads.classify(utf8("{\"a\":1} trailing"))).isEqualTo(Encoding.TEXT);
        assertThat(Payloads.classify(utf8("42"))).isEqualTo(Encoding.TEXT);
        assertThat(Payloads.classify(utf8("zürich\tline\n"))).isEqualTo(Encoding.TEXT);
        assertThat(Payloads.classify(new byte[] {0, 1, 2})).isEqualTo(Encoding.BINARY);
        assertThat(Payloads.classify(new byte[] {(byte) 0xC3, (byte) 0x28})).isEqualTo(Encoding.BINARY);
    }

    @Test
    void rendersTextJsonAndHex() {
        assertThat(Payloads.render(null, 100)).isEqualTo("null");
        assertThat(Payloads.render(utf8("{\"a\":1}"), 100)).isEqualTo("{\"a\":1}");
        assertThat(Payloads.render(new byte[] {0, (byte) 0xff, 0x10}, 100)).isEqualTo("hex:00 ff 10");
    }

    @Test
    void cutsLongPayloads() {
        String rendered = Payloads.render(utf8("x".repeat(50)), 10);
        assertThat(rendered).isEqualTo("xxxxxxxxxx... (50 bytes)");
    }

    @Test
    void hostileJsonIsShownAsTextCheaply() {
        assertThat(Payloads.classify(utf8("[".repeat(100_000)))).isEqualTo(Encoding.TEXT);
        assertThat(Payloads.classify(utf8("[".repeat(300) + "]".repeat(300)))).isEqualTo(Encoding.TEXT);
        assertThat(Payloads.classify(utf8("[" + "9".repeat(5000) + "]"))).isEqualTo(Encoding.TEXT);
        assertThat(Payloads.classify(utf8("[".repeat(100) + "]".repeat(100)))).isEqualTo(Encoding.JSON);
    }
}
