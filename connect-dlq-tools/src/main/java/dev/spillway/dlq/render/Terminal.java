package dev.spillway.dlq.render;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether stderr is a terminal a person watches, so that a redrawn progress bar suits it.
 *
 * <p>{@link System#console()} alone is not enough: from JDK 22 it returns a console even when the streams are
 * redirected, and says so only through {@code Console.isTerminal()} (called by reflection, as the tool runs on 17).
 * Before 22 a console means stdin and stdout are terminals, but stderr may still be redirected to a file, so on
 * Linux {@code /proc/self/fd/2} is checked too. {@code TERM=dumb} (Emacs shells, some CI) cannot redraw a line.
 */
public final class Terminal {

    private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

    private Terminal() {
    }

    /** Whether a progress bar may be drawn on stderr. */
    public static boolean interactive() {
        return interactive(System.console(), System.getenv("TERM"), stderrDevice());
    }

    /**
     * @param console  {@link System#console()}, or an object with the same {@code isTerminal()} in tests
     * @param term     the {@code TERM} variable, or null
     * @param stderrTo where stderr points ({@code /dev/pts/3}, {@code pipe:[123]}, a file), or null if unknown
     */
    static boolean interactive(Object console, String term, String stderrTo) {
        if (console == null || term == null || term.isBlank() || term.equals("dumb")) {
            return false;
        }
        if (stderrTo != null && !(stderrTo.startsWith("/dev/pts/") || stderrTo.startsWith("/dev/tty"))) {
            return false;
        }
        return isTerminal(console);
    }

    /** {@code Console.isTerminal()} where the JDK has it (22+); before that a console exists only on a terminal. */
    static boolean isTerminal(Object console) {
        Method method;
        try {
            method = console.getClass().getMethod("isTerminal");
        } catch (NoSuchMethodException e) {
            return true;
        }
        try {
            return Boolean.TRUE.equals(method.invoke(console));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Cannot tell: plain lines are safe anywhere, a bar is not.
            return false;
        }
    }

    private static String stderrDevice() {
        try {
            return Files.isSymbolicLink(STDERR_LINK) ? Files.readSymbolicLink(STDERR_LINK).toString() : null;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }
}
