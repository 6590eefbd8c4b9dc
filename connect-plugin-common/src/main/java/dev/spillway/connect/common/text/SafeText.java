package dev.spillway.connect.common.text;

/**
 * Text that came from records (an offending JSON token, an inner transform's exception message), made fit for a
 * log line or an error message: one line, no terminal escapes, and short. Control characters, Unicode format
 * characters (bidirectional overrides, zero-width characters) and line separators become visible escapes such as
 * {@code \n} and {@code \u001b}, so a record cannot forge log lines or rewrite a terminal that shows them.
 */
public final class SafeText {

    private SafeText() {
    }

    /** {@code text} escaped onto one line and cut after {@code maxChars} characters (noting the full length). */
    public static String oneLine(String text, int maxChars) {
        if (text == null) {
            return "null";
        }
        boolean cut = text.length() > maxChars;
        int end = cut ? maxChars : text.length();
        if (cut && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        StringBuilder out = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                        || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (cut) {
            out.append("... (").append(text.length()).append(" chars)");
        }
        return out.toString();
    }
}
