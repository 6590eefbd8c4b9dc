package dev.spillway.dlq.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void cleanTextIsUnchanged() {
        assertThat(Printable.escape("orders-0@17 {\"a\": \"b\\\\c\"} ünïcode 😀")).isEqualTo(
                "orders-0@17 {\"a\": \"b\\\\c\"} ünïcode 😀");
        assertThat(Printable.escape(null)).isNull();
    }

    @Test
    void controlCharactersBecomeVisibleEscapes() {
        assertThat(Printable.escape("a\nb\rc\td")).isEqualTo("a\\nb\\rc\\td");
        assertThat(Printable.escape("\u001b[2J\u001b]0;owned\u0007")).isEqualTo("\\u001b[2J\\u001b]0;owned\\u0007");
        assertThat(Printable.escape("x\u007fy\u0085z\u0000")).isEqualTo("x\\u007fy\\u0085z\\u0000");
    }

    @Test
    void stackTraceLinesKeepTheirTabs() {
        assertThat(Printable.escapeKeepingTabs("\tat a(A.java:1)\r\u001b[1m")).isEqualTo("\tat a(A.java:1)\\r\\u001b[1m");
    }

    @Test
    void formatCharactersAndLineSeparatorsAreEscaped() {
        // Right-to-left override (Trojan Source), zero-width space, BOM, line and paragraph separators.
        assertThat(Printable.escape("a\u202eb\u200bc\ufeffd\u2028e\u2029f"))
                .isEqualTo("a\\u202eb\\u200bc\\ufeffd\\u2028e\\u2029f");
    }

    @Test
    void abbreviateCutsLongTextAndNotesItsLength() {
        assertThat(Printable.abbreviate("short\n", 10)).isEqualTo("short\\n");
        assertThat(Printable.abbreviate("x".repeat(10_000), 20)).isEqualTo("x".repeat(20) + "...(10000 chars)");
        // Never a lone half of a surrogate pair.
        assertThat(Printable.abbreviate("abc😀def", 4)).isEqualTo("abc...(8 chars)");
    }
}
