package dev.spillway.dlq.render;

import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr, redrawn at most every 200 ms; silent unless enabled (on a terminal).
 */
public final class Progress {

    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private final String label;
    private final long total;
    private long lastDraw;
    private boolean drawn;

    public Progress(PrintWriter err, boolean enabled, String label, long total) {
        this.err = err;
        this.enabled = enabled;
        this.label = label;
        this.total = total;
    }

    /** Whether a progress bar suits: stderr and stdout on a terminal, i.e. not piped or redirected. */
    public static boolean onTerminal() {
        return System.console() != null;
    }

    public void update(long done, long matched) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
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

    public void finish() {
        if (enabled && drawn) {
            err.print("\r" + " ".repeat(WIDTH + label.length() + 60) + "\r");
            err.flush();
        }
    }
}
