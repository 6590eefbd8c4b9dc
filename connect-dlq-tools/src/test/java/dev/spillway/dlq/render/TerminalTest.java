package dev.spillway.dlq.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTest {

    /** A JDK 22+ console: present even when redirected, and says which. */
    public static final class NewConsole {
        private final boolean terminal;

        NewConsole(boolean terminal) {
            this.terminal = terminal;
        }

        public boolean isTerminal() {
            return terminal;
        }
    }

    /** A JDK 17 console: exists only on a terminal, and has no isTerminal(). */
    public static final class OldConsole {
    }

    @Test
    void noConsoleIsNoTerminal() {
        assertThat(Terminal.interactive(null, "xterm-256color", "/dev/pts/1")).isFalse();
    }

    @Test
    void aRedirectedConsoleOnNewJdksIsNoTerminal() {
        assertThat(Terminal.interactive(new NewConsole(false), "xterm", "/dev/pts/1")).isFalse();
        assertThat(Terminal.interactive(new NewConsole(true), "xterm", "/dev/pts/1")).isTrue();
    }

    @Test
    void anOldConsoleIsATerminal() {
        assertThat(Terminal.interactive(new OldConsole(), "xterm", null)).isTrue();
    }

    @Test
    void aDumbOrMissingTermCannotRedrawALine() {
        assertThat(Terminal.interactive(new NewConsole(true), "dumb", "/dev/pts/1")).isFalse();
        assertThat(Terminal.interactive(new NewConsole(true), null, "/dev/pts/1")).isFalse();
    }

    @Test
    void stderrRedirectedToAFileOrPipeIsNoTerminal() {
        assertThat(Terminal.interactive(new NewConsole(true), "xterm", "/var/log/job.log")).isFalse();
        assertThat(Terminal.interactive(new OldConsole(), "xterm", "pipe:[4242]")).isFalse();
        assertThat(Terminal.interactive(new OldConsole(), "xterm", "/dev/tty1")).isTrue();
    }

    @Test
    void theseTestsDoNotRunOnATerminal() {
        // Maven's forked JVM has its streams piped: the real check must say so.
        assertThat(Terminal.interactive()).isFalse();
    }
}
