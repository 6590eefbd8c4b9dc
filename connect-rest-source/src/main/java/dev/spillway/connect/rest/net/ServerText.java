package dev.spillway.connect.rest.net;

/**
 * Text a server sent (an error body, an OAuth2 error description), made fit to quote in an exception or a log line:
 * one line, short. A server's text must not forge log lines (CR/LF), move a terminal's cursor (escape sequences) or
 * bury the message under a megabyte of HTML.
 */
public final class ServerText {

    /** How many characters of a server's text are quoted. */
    public static final int MAX_QUOTED = 200;

    private ServerText() {
    }

    /**
     * {@code text} with every run of control characters and whitespace (line breaks included) turned into one
     * space, stripped, and cut to {@value #MAX_QUOTED} characters followed by an ellipsis; empty for null.
     */
    public static String quote(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_QUOTED + 1));
        boolean space = false;
        for (int i = 0; i < text.length() && out.length() <= MAX_QUOTED; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c) || isInvisibleFormat(c)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        if (out.length() > MAX_QUOTED) {
            // Do not cut a surrogate pair in half.
            int cut = Character.isHighSurrogate(out.charAt(MAX_QUOTED - 1)) ? MAX_QUOTED - 1 : MAX_QUOTED;
            out.setLength(cut);
            out.append('…');
        }
        return out.toString();
    }

    /** Bidirectional overrides and similar format characters that make a quoted text read differently. */
    private static boolean isInvisibleFormat(char c) {
        return Character.getType(c) == Character.FORMAT;
    }
}
