package dev.spillway.dlq.render;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress on stderr, in one of three styles: a bar redrawn in place (at most every 200 ms) on a terminal, a plain
 * line every 10 seconds with rate and ETA elsewhere (Kubernetes Jobs, CI logs, where a bar would be noise), or
 * nothing ({@code --quiet}, {@code --no-progress}, machine-readable output).
 */
public final class Progress {

    /** How progress is shown. */
    public enum Style {
        BAR, LINES, NONE
    }

    private static final long REDRAW_NANOS = 200_000_000L;
    static final long LINE_INTERVAL_NANOS = 10_000_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final Style style;
    private final String label;
    private final long total;
    private final LongSupplier clock;
    private final long started;
    private long lastDraw;
    private boolean drawn;

    /** A bar if {@code enabled}, else nothing. */
    public Progress(PrintWriter err, boolean enabled, String label, long total) {
        this(err, enabled ? Style.BAR : Style.NONE, label, total);
    }

    public Progress(PrintWriter err, Style style, String label, long total) {
        this(err, style, label, total, System::nanoTime);
    }

    Progress(PrintWriter err, Style style, String label, long total, LongSupplier clock) {
        this.err = err;
        this.style = style;
        this.label = label;
        this.total = total;
        this.clock = clock;
        this.started = clock.getAsLong();
        this.lastDraw = started;
    }

    /**
     * The style for a command: nothing if silenced; on a terminal a bar where {@code barAllowed} (not while data
     * goes to the same terminal) and nothing otherwise; plain lines when stderr is not a terminal.
     */
    public static Style style(boolean silenced, boolean barAllowed) {
        return style(silenced, barAllowed, Terminal.interactive());
    }

    static Style style(boolean silenced, boolean barAllowed, boolean interactive) {
        if (silenced) {
            return Style.NONE;
        }
        if (interactive) {
            return barAllowed ? Style.BAR : Style.NONE;
        }
        return Style.LINES;
    }

    public void update(long done, long matched) {
        if (style == Style.NONE) {
            return;
        }
        long now = clock.getAsLong();
        if (style == Style.LINES) {
            // The first line only after a full interval: short runs stay silent.
            if (now - lastDraw < LINE_INTERVAL_NANOS) {
                return;
            }
            lastDraw = now;
            err.println(plainLine(done, matched, now - started));
            err.flush();
            return;
        }
        if (drawn && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        err.print("\r" + line(done, matched, total));
        err.flush();
    }

    String line(long done, long matched, long of) {
        long bounded = Math.min(done, Math.max(of, 1));
        int filled = of <= 0 ? WIDTH : (int) (WIDTH * bounded / of);
        int percent = of <= 0 ? 100 : (int) (100 * bounded / of);
        return label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "% "
                + done + "/" + of + " offsets, " + matched + " matched";
    }

    /** Such as {@code export: 5000/20000 offsets (25%), 120 matched, 500 offsets/s, ETA 30s}. */
    String plainLine(long done, long matched, long elapsedNanos) {
        long bounded = Math.min(done, Math.max(total, 0));
        int percent = total <= 0 ? 100 : (int) (100 * bounded / total);
        double seconds = elapsedNanos / 1e9;
        long rate = seconds > 0 ? Math.round(done / seconds) : 0;
        String eta = rate > 0 ? Durations.text((total - bounded + rate - 1) / rate) : "unknown";
        return label.strip() + ": " + done + "/" + total + " offsets (" + percent + "%), " + matched + " matched, "
                + rate + " offsets/s, ETA " + eta;
    }

    public void finish() {
        if (style == Style.BAR && drawn) {
            err.print("\r" + " ".repeat(WIDTH + label.length() + 60) + "\r");
            err.flush();
        }
    }

    /** Whole seconds as {@code 45s}, {@code 3m05s}, {@code 2h10m}. */
    static final class Durations {
        private Durations() {
        }

        static String text(long seconds) {
            if (seconds < 60) {
                return seconds + "s";
            }
            if (seconds < 3600) {
                return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
            }
            return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
        }
    }
}
