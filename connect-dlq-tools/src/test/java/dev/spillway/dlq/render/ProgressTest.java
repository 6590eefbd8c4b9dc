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

    @Test
    void linesOffATerminalEveryTenSecondsWithRateAndEta() {
        StringWriter text = new StringWriter();
        long[] now = {0};
        Progress progress = new Progress(new PrintWriter(text), Progress.Style.LINES, "export", 20_000,
                () -> now[0]);
        now[0] = Progress.LINE_INTERVAL_NANOS - 1;
        progress.update(4_000, 10);
        assertThat(text.toString()).as("nothing before the first interval").isEmpty();
        now[0] = Progress.LINE_INTERVAL_NANOS;
        progress.update(5_000, 12);
        now[0] += 1_000_000_000L;
        progress.update(5_500, 12);
        now[0] = 2 * Progress.LINE_INTERVAL_NANOS;
        progress.update(10_000, 30);
        progress.finish();
        assertThat(text.toString().lines()).containsExactly(
                "export: 5000/20000 offsets (25%), 12 matched, 500 offsets/s, ETA 30s",
                "export: 10000/20000 offsets (50%), 30 matched, 500 offsets/s, ETA 20s");
    }

    @Test
    void plainLineWithoutAnyProgressHasNoEta() {
        Progress progress = new Progress(new PrintWriter(new StringWriter()), Progress.Style.LINES, "check ", 7,
                () -> 0L);
        assertThat(progress.plainLine(0, 0, 10_000_000_000L))
                .isEqualTo("check: 0/7 offsets (0%), 0 matched, 0 offsets/s, ETA unknown");
        assertThat(Progress.Durations.text(3725)).isEqualTo("1h02m");
        assertThat(Progress.Durations.text(185)).isEqualTo("3m05s");
    }

    @Test
    void styleFollowsTheTerminalAndTheOptions() {
        assertThat(Progress.style(false, true, true)).isEqualTo(Progress.Style.BAR);
        assertThat(Progress.style(false, false, true)).as("records on the same terminal").isEqualTo(Progress.Style.NONE);
        assertThat(Progress.style(false, false, false)).isEqualTo(Progress.Style.LINES);
        assertThat(Progress.style(true, true, true)).isEqualTo(Progress.Style.NONE);
        assertThat(Progress.style(true, true, false)).isEqualTo(Progress.Style.NONE);
    }
}
