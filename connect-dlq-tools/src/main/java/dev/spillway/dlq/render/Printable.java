package dev.spillway.dlq.render;

/**
 * Text from dead letters made safe for a terminal: anyone who can write to a dead-letter topic chooses its header
 * names and values, keys and values, and could otherwise move the cursor, rewrite earlier lines, change colours
 * (ANSI escapes), forge output lines (CR, LF) or reorder what is shown (Unicode bidirectional controls).
 *
 * <p>Every ISO control character (C0, DEL, C1) and every Unicode format character (category Cf: bidi overrides,
 * zero-width characters, the BOM) and the line/paragraph separators U+2028/U+2029 become visible escapes:
 * {@code \n}, {@code \r}, {@code \t}, and {@code \}{@code uXXXX} for the rest, so the result is one line. Backslashes
 * are kept as they are (a doubled one would garble JSON and paths in previews); a literal {@code \n} in the data
 * therefore looks like an escaped newline, which is harmless: it cannot start a line. JSON output needs none of
 * this: the JSON encoder escapes what JSON requires, and it is for programs.
 */
public final class Printable {

    private Printable() {
    }

    /** {@code text} with every control and format character escaped; {@code null} stays {@code null}. */
    public static String escape(String text) {
        return escape(text, false);
    }

    /**
     * One line of a stack trace: as {@link #escape(String)}, but tabs stay, they indent the frames (a tab can
     * move the cursor right, never overwrite or forge a line).
     */
    public static String escapeKeepingTabs(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepTabs) {
        if (text == null || isClean(text, keepTabs)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append(keepTabs ? "\t" : "\\t");
                default -> {
                    if (needsEscape(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * {@link #escape escaped} and cut to about {@code maxChars} characters, with the full length noted: for names
     * that can be arbitrarily long, such as a topic named by a header.
     */
    public static String abbreviate(String text, int maxChars) {
        if (text == null) {
            return null;
        }
        if (text.length() <= maxChars) {
            return escape(text);
        }
        int end = maxChars;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return escape(text.substring(0, end)) + "...(" + text.length() + " chars)";
    }

    private static boolean isClean(String text, boolean keepTabs) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (needsEscape(c) && !(keepTabs && c == '\t')) {
                return false;
            }
        }
        return true;
    }

    private static boolean needsEscape(char c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || c == '\u2028' || c == '\u2029';
    }
}
