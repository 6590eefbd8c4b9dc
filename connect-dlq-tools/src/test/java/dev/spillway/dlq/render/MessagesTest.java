package dev.spillway.dlq.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void variablePartsBecomePlaceholders() {
        assertThat(Messages.normalize("Unexpected character ('x' (code 120)): at line: 1, column: 7"))
                .isEqualTo(Messages.normalize("Unexpected character ('y' (code 121)): at line: 1, column: 12"))
                .isEqualTo("Unexpected character ('<…>' (code <n>)): at line: <n>, column: <n>");
        assertThat(Messages.normalize("id 123e4567-e89b-12d3-a456-426614174000 at 0xCAFE, \"name\""))
                .isEqualTo("id <uuid> at <hex>, \"<…>\"");
    }

    @Test
    void firstLineOnlyAndNoMessage() {
        assertThat(Messages.normalize("first line\nsecond")).isEqualTo("first line");
        assertThat(Messages.normalize(null)).isEqualTo("(no message)");
        assertThat(Messages.normalize("  ")).isEqualTo("(no message)");
        assertThat(Messages.normalize("a".repeat(500))).hasSize(Messages.MAX_LENGTH + 1);
    }

    @Test
    void stackTracesAreCut() {
        String trace = "E: boom\n\tat a(A.java:1)\n\tat b(B.java:2)\n\tat c(C.java:3)";
        assertThat(Messages.cutStackTrace(trace, 2)).isEqualTo("E: boom\n\tat a(A.java:1)\n\t... 2 more lines");
        assertThat(Messages.cutStackTrace(trace, 10)).isEqualTo(trace);
        assertThat(Messages.cutStackTrace(null, 3)).isNull();
    }
}
