package dev.spillway.dlq.filter;

/**
 * Offsets {@code from} to {@code to}, both inclusive, in every partition of the dead-letter topic. Written
 * {@code FROM..TO}, {@code FROM..} or {@code ..TO}.
 */
public record OffsetRange(long from, long to) {

    public OffsetRange {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("invalid offset range " + from + ".." + to);
        }
    }

    public boolean contains(long offset) {
        return offset >= from && offset <= to;
    }

    public static OffsetRange parse(String text) {
        int dots = text.indexOf("..");
        if (dots < 0) {
            throw new IllegalArgumentException("offset range must be FROM..TO, FROM.. or ..TO, not '" + text + "'");
        }
        String from = text.substring(0, dots).strip();
        String to = text.substring(dots + 2).strip();
        try {
            long start = from.isEmpty() ? 0 : Long.parseLong(from);
            long end = to.isEmpty() ? Long.MAX_VALUE : Long.parseLong(to);
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("offset range '" + text + "' is empty or negative");
            }
            return new OffsetRange(start, end);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("offset range must be FROM..TO with whole numbers, not '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return from + ".." + (to == Long.MAX_VALUE ? "" : String.valueOf(to));
    }
}
