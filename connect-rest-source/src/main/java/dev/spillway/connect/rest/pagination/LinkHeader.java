package dev.spillway.connect.rest.pagination;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the {@code rel="next"} target in RFC 8288 {@code Link} header values, such as
 * {@code <https://api.example.com/items?page=2>; rel="next", <...>; rel="last"}. Commas inside {@code <...>} and
 * quoted strings do not split links; {@code rel} may list several relation types.
 */
public final class LinkHeader {

    private LinkHeader() {
    }

    public static Optional<String> next(List<String> headerValues) {
        for (String value : headerValues) {
            Optional<String> next = next(value);
            if (next.isPresent()) {
                return next;
            }
        }
        return Optional.empty();
    }

    public static Optional<String> next(String value) {
        int i = 0;
        int length = value.length();
        while (i < length) {
            int open = value.indexOf('<', i);
            if (open < 0) {
                return Optional.empty();
            }
            int close = value.indexOf('>', open);
            if (close < 0) {
                return Optional.empty();
            }
            String target = value.substring(open + 1, close);
            // Parameters run until the next comma outside quotes.
            int end = close + 1;
            boolean quoted = false;
            while (end < length && (quoted || value.charAt(end) != ',')) {
                char c = value.charAt(end);
                if (c == '\\' && quoted) {
                    end++;
                } else if (c == '"') {
                    quoted = !quoted;
                }
                end++;
            }
            if (hasNextRel(value.substring(close + 1, Math.min(end, length)))) {
                return Optional.of(target.trim());
            }
            i = end + 1;
        }
        return Optional.empty();
    }

    private static boolean hasNextRel(String params) {
        for (String param : params.split(";")) {
            String[] pair = param.split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("rel")) {
                String rel = pair[1].trim();
                if (rel.length() >= 2 && rel.startsWith("\"") && rel.endsWith("\"")) {
                    rel = rel.substring(1, rel.length() - 1);
                }
                for (String type : rel.trim().split("\\s+")) {
                    if (type.toLowerCase(Locale.ROOT).equals("next")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
