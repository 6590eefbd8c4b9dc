package dev.spillway.dlq.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void drawsABar() {
        Progress progress = new Progress(new PrintWriter(new StringWriter()), true, "export", 200);
        assertThat(progress.line(50, 10, 200))
                .isEqualTo("export [#######                       ] 25% 50/200 offsets, 10 matched");
    }

    @Test
    void silentWhenDisabled() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), false, "export", 10);
        progress.update(5, 5);
        progress.finish();
        assertThat(text.toString()).isEmpty();
    }
}
