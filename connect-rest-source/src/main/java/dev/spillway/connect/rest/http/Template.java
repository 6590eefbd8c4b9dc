package dev.spillway.connect.rest.http;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with placeholders filled for each request: {@code ${cursor}}, {@code ${since}}, {@code ${page}},
 * {@code ${offset}} (the pagination state), {@code ${limit}} ({@code pagination.limit}) and the clock,
 * {@code ${now}}, optionally shifted by an ISO-8601 duration and formatted: {@code ${now-PT1H:ISO}},
 * {@code ${now+P1D:EPOCH}}, {@code ${now:EPOCH_MS}}. Formats: {@code ISO} (an ISO-8601 instant in UTC, to the
 * second; the default), {@code EPOCH} (seconds), {@code EPOCH_MS} (milliseconds). Any other placeholder is an
 * error when the template is parsed, i.e. at validate time. The text outside placeholders is kept as it is;
 * {@code $} not followed by {@code {} is plain text.
 */
public final class Template {

    /** The placeholders filled from the pagination state and settings. */
    public static final Set<String> STATE_NAMES = Set.of("cursor", "since", "page", "offset", "limit");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern NOW = Pattern.compile("now(?:([+-])(P[0-9A-Za-z.]+))?(?::([A-Za-z_]+))?");

    /** One piece: literal text, a state variable, or the clock. */
    private sealed interface Part permits Literal, Variable, Now {
    }

    private record Literal(String text) implements Part {
    }

    private record Variable(String name) implements Part {
    }

    private record Now(Duration shift, Format format) implements Part {
    }

    /** How {@code ${now}} is written. */
    enum Format {
        ISO, EPOCH, EPOCH_MS;

        String format(Instant instant) {
            return switch (this) {
                case ISO -> DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
                case EPOCH -> String.valueOf(instant.getEpochSecond());
                case EPOCH_MS -> String.valueOf(instant.toEpochMilli());
            };
        }
    }

    private final String source;
    private final List<Part> parts;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the first unknown or malformed placeholder
     */
    public static Template parse(String text) {
        List<Part> parts = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        int at = 0;
        while (matcher.find()) {
            if (matcher.start() > at) {
                parts.add(new Literal(text.substring(at, matcher.start())));
            }
            parts.add(placeholder(matcher.group(1).trim()));
            at = matcher.end();
        }
        if (text.indexOf("${", at) >= 0) {
            throw new IllegalArgumentException("has a '${' without its closing '}'");
        }
        if (at < text.length()) {
            parts.add(new Literal(text.substring(at)));
        }
        return new Template(text, parts);
    }

    private static Part placeholder(String name) {
        if (STATE_NAMES.contains(name)) {
            return new Variable(name);
        }
        Matcher now = NOW.matcher(name);
        if (!now.matches()) {
            throw new IllegalArgumentException("has an unknown placeholder ${" + name + "}; known are ${cursor},"
                + " ${since}, ${page}, ${offset}, ${limit} and ${now}, ${now-PT1H:ISO}, ${now:EPOCH},"
                + " ${now:EPOCH_MS}");
        }
        Duration shift = Duration.ZERO;
        if (now.group(2) != null) {
            try {
                shift = Duration.parse(now.group(2));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("has ${" + name + "}, whose shift " + now.group(2) + " is not an"
                    + " ISO-8601 duration such as PT1H, PT15M or P1D");
            }
            if (now.group(1).equals("-")) {
                shift = shift.negated();
            }
        }
        Format format;
        try {
            format = now.group(3) == null ? Format.ISO : Format.valueOf(now.group(3).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has ${" + name + "}, whose format " + now.group(3) + " is none of"
                + " ISO, EPOCH, EPOCH_MS");
        }
        return new Now(shift, format);
    }

    /**
     * The text with every placeholder filled, or empty if a state variable it uses has no value (such as
     * {@code ${cursor}} on the first request), in which case the parameter is left out.
     */
    public Optional<String> render(Function<String, Optional<String>> variables, Instant now) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else if (part instanceof Variable variable) {
                Optional<String> value = variables.apply(variable.name());
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                out.append(value.get());
            } else if (part instanceof Now clock) {
                out.append(clock.format().format(now.plus(clock.shift())));
            }
        }
        return Optional.of(out.toString());
    }

    /** The state variables the template uses. */
    public Set<String> variables() {
        Set<String> names = new java.util.TreeSet<>();
        parts.forEach(part -> {
            if (part instanceof Variable variable) {
                names.add(variable.name());
            }
        });
        return names;
    }

    /** Whether the template reads the clock. */
    public boolean usesClock() {
        return parts.stream().anyMatch(part -> part instanceof Now);
    }

    @Override
    public String toString() {
        return source;
    }

    /** Parses {@code name=template} entries into an ordered map. */
    public static Map<String, Template> parseParams(List<String> entries) {
        Map<String, Template> params = new java.util.LinkedHashMap<>();
        int index = 0;
        for (String entry : entries) {
            index++;
            if (entry == null || entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("entry " + index + " is not 'name=value'");
            }
            String name = entry.substring(0, equals).trim();
            try {
                if (params.put(name, parse(entry.substring(equals + 1).trim())) != null) {
                    throw new IllegalArgumentException("parameter " + name + " is given twice");
                }
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith("parameter ") ? e
                    : new IllegalArgumentException("parameter " + name + " " + e.getMessage());
            }
        }
        return params;
    }
}
