package dev.spillway.connect.smt.field;


import java.util.ArrayList;
import java.util.List;

/**
 * Parses the path syntax documented on {@link FieldPath}.
 *
 * <p>Names follow KIP-821 {@code field.syntax.version=v2} exactly, except that a bare (unquoted) name ends at
 * {@code [} and must not contain {@code ]}, and that a closing backtick may also be followed by {@code [}.
 */
final class FieldPathParser {

    private static final char DOT = '.';
    private static final char BACKTICK = '`';
    private static final char BACKSLASH = '\\';
    private static final char OPEN_BRACKET = '[';
    private static final char CLOSE_BRACKET = ']';

    private final String text;
    private final List<PathStep> steps = new ArrayList<>();

    private FieldPathParser(String text) {
        this.text = text;
    }

    static List<PathStep> parse(String text) {
        if (text == null) {
            throw new InvalidFieldPathException(null, "the path is missing (null)", -1);
        }
        return new FieldPathParser(text).parse();
    }

    private List<PathStep> parse() {
        if (text.isEmpty()) {
            throw new InvalidFieldPathException(text, "the path is empty", -1);
        }
        int pos = 0;
        while (true) {
            pos = text.charAt(pos) == BACKTICK ? parseQuotedName(pos) : parseBareName(pos);
            while (pos < text.length() && text.charAt(pos) == OPEN_BRACKET) {
                pos = parseIndex(pos);
            }
            if (pos == text.length()) {
                return List.copyOf(steps);
            }
            if (text.charAt(pos) != DOT) {
                throw failure("expected '.', '[' or the end of the path but found '" + text.charAt(pos) + "'", pos);
            }
            pos++;
            if (pos == text.length()) {
                throw failure("the path ends with '.'; a field name must follow every '.'", pos - 1);
            }
        }
    }

    /** A name without backticks runs to the next '.', '[' or the end; backticks inside it are literal. */
    private int parseBareName(int start) {
        int pos = start;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == DOT || c == OPEN_BRACKET) {
                break;
            }
            if (c == CLOSE_BRACKET) {
                throw failure("unexpected ']'; wrap a field name that contains brackets in backticks", pos);
            }
            pos++;
        }
        if (pos == start) {
            if (pos < text.length() && text.charAt(pos) == OPEN_BRACKET) {
                throw failure("missing field name before '['; an array index follows a field name", pos);
            }
            throw failure("empty field name; write `` to address a field whose name is empty", pos);
        }
        steps.add(new PathStep.Name(text.substring(start, pos)));
        return pos;
    }

    /**
     * A quoted name ends at the first backtick that is followed by '.', '[' or the end of the path and is not
     * preceded by a backslash. A backslash before such a backtick makes it literal and is dropped; every other
     * character, including backticks elsewhere and other backslashes, is taken as is (KIP-821 rules).
     */
    private int parseQuotedName(int opening) {
        StringBuilder name = new StringBuilder();
        int segmentStart = opening + 1;
        int searchFrom = opening + 1;
        while (true) {
            int backtick = text.indexOf(BACKTICK, searchFrom);
            if (backtick < 0) {
                throw unclosedBacktick(opening);
            }
            boolean atEnd = backtick == text.length() - 1;
            boolean inClosingPosition = atEnd
                || text.charAt(backtick + 1) == DOT
                || text.charAt(backtick + 1) == OPEN_BRACKET;
            if (!inClosingPosition) {
                searchFrom = backtick + 1;
                continue;
            }
            boolean escaped = text.charAt(backtick - 1) == BACKSLASH;
            if (escaped) {
                if (atEnd) {
                    throw unclosedBacktick(opening);
                }
                name.append(text, segmentStart, backtick - 1).append(BACKTICK);
                segmentStart = backtick + 1;
                searchFrom = backtick + 1;
                continue;
            }
            name.append(text, segmentStart, backtick);
            steps.add(new PathStep.Name(name.toString()));
            return backtick + 1;
        }
    }

    private int parseIndex(int opening) {
        int closing = text.indexOf(CLOSE_BRACKET, opening + 1);
        if (closing < 0) {
            throw failure("'[' is not closed by ']'", opening);
        }
        String index = text.substring(opening + 1, closing);
        if (index.equals("*")) {
            steps.add(new PathStep.AnyIndex());
            return closing + 1;
        }
        if (index.isEmpty()) {
            throw failure("empty array index; write a non-negative integer or '*' between the brackets", opening);
        }
        for (int i = 0; i < index.length(); i++) {
            if (!isAsciiDigit(index.charAt(i))) {
                throw failure("array index must be a non-negative integer or '*' but was '" + index + "'",
                    opening + 1);
            }
        }
        try {
            steps.add(new PathStep.Index(Integer.parseInt(index)));
        } catch (NumberFormatException e) {
            throw failure("array index " + index + " is larger than " + Integer.MAX_VALUE, opening + 1);
        }
        return closing + 1;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private InvalidFieldPathException unclosedBacktick(int opening) {
        return failure("the backtick that opens a field name is not closed; a closing backtick must be followed by"
            + " '.', '[' or the end of the path, and a backslash before a backtick in that position makes it"
            + " part of the name", opening);
    }

    private InvalidFieldPathException failure(String problem, int position) {
        return new InvalidFieldPathException(text, problem, position);
    }
}
