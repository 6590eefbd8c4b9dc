package dev.spillway.dlq.render;

import java.util.regex.Pattern;

/**
 * Normalises exception messages for grouping: the variable parts (numbers, quoted values, UUIDs, hex) become
 * placeholders, so that "offset 17" and "offset 18" count as one kind of failure.
 */
public final class Messages {

    /** Messages are grouped on their first line, at most this long after normalising. */
    public static final int MAX_LENGTH = 160;

    private static final Pattern UUID =
            Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern HEX = Pattern.compile("\\b0x[0-9a-fA-F]+\\b");
    private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"[^\"]*\"");
    private static final Pattern SINGLE_QUOTED = Pattern.compile("'[^']*'");
    private static final Pattern NUMBER = Pattern.compile("-?\\b\\d+(\\.\\d+)?\\b");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Messages() {
    }

    public static String normalize(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        String line = message.strip();
        int newline = line.indexOf('\n');
        if (newline >= 0) {
            line = line.substring(0, newline).strip();
        }
        line = UUID.matcher(line).replaceAll("<uuid>");
        line = HEX.matcher(line).replaceAll("<hex>");
        line = DOUBLE_QUOTED.matcher(line).replaceAll("\"<…>\"");
        line = SINGLE_QUOTED.matcher(line).replaceAll("'<…>'");
        line = NUMBER.matcher(line).replaceAll("<n>");
        line = SPACES.matcher(line).replaceAll(" ");
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH) + "…";
    }

    /** The first {@code maxLines} lines of a stack trace and a count of the ones left out. */
    public static String cutStackTrace(String stackTrace, int maxLines) {
        if (stackTrace == null) {
            return null;
        }
        String[] lines = stackTrace.strip().split("\\R");
        if (lines.length <= maxLines) {
            return String.join("\n", lines);
        }
        StringBuilder cut = new StringBuilder();
        for (int i = 0; i < maxLines; i++) {
            cut.append(lines[i]).append('\n');
        }
        return cut.append("\t... ").append(lines.length - maxLines).append(" more lines").toString();
    }
}
