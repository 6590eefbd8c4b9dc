package dev.spillway.connect.smt.mask;

import dev.spillway.connect.smt.MaskConfig;
import dev.spillway.connect.smt.field.FieldPath;
import org.apache.kafka.connect.data.Schema;

import java.util.regex.Pattern;

/**
 * Mode {@code partial}: hides part of a string, either all but the first and last few characters or whatever a
 * regular expression matches. Strings only: any other type fails, since hiding "part" of a number or date has no
 * obvious meaning.
 */
abstract class PartialMasker extends FieldMasker {

    private static final String MODE = "partial";

    static PartialMasker create(MaskConfig config) {
        return config.partialRegex()
            .<PartialMasker>map(regex -> new ByRegex(regex, config.partialRegexReplacement()))
            .orElseGet(() -> new ByPosition(config.partialKeepFirst(), config.partialKeepLast(),
                config.partialMaskChar()));
    }

    @Override
    public final Schema update(FieldPath path, Schema schema) {
        if (schema.type() != Schema.Type.STRING) {
            throw cannotMask(path, MODE, "only string fields can be partially masked, but the field is "
                + describe(schema));
        }
        return schema;
    }

    @Override
    final Object maskValue(FieldPath path, Schema schema, Object value) {
        if (!(value instanceof String text)) {
            throw cannotMask(path, MODE, "only strings can be partially masked, but the value is a "
                + value.getClass().getName());
        }
        return mask(path, text);
    }

    abstract String mask(FieldPath path, String value);

    /** Keeps the first and last characters (code points) visible and replaces the rest one for one. */
    static final class ByPosition extends PartialMasker {
        private final int keepFirst;
        private final int keepLast;
        private final String maskChar;

        ByPosition(int keepFirst, int keepLast, String maskChar) {
            this.keepFirst = keepFirst;
            this.keepLast = keepLast;
            this.maskChar = maskChar;
        }

        @Override
        String mask(FieldPath path, String value) {
            int length = value.codePointCount(0, value.length());
            // Keeping the visible parts of a short value would reveal all of it: mask everything then.
            boolean revealsAll = (long) keepFirst + keepLast >= length;
            int visibleFirst = revealsAll ? 0 : keepFirst;
            int visibleLast = revealsAll ? 0 : keepLast;
            int hiddenEnd = value.offsetByCodePoints(0, length - visibleLast);
            int hiddenStart = value.offsetByCodePoints(0, visibleFirst);
            return value.substring(0, hiddenStart)
                + maskChar.repeat(length - visibleFirst - visibleLast)
                + value.substring(hiddenEnd);
        }
    }

    /** Replaces every match of a regular expression. */
    static final class ByRegex extends PartialMasker {
        private final Pattern regex;
        private final String replacement;

        ByRegex(Pattern regex, String replacement) {
            this.regex = regex;
            this.replacement = replacement;
        }

        @Override
        String mask(FieldPath path, String value) {
            try {
                return regex.matcher(value).replaceAll(replacement);
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                // A replacement that refers to a group the regex lacks only fails once something matches.
                throw cannotMask(path, MODE, "invalid " + MaskConfig.PARTIAL_REGEX_REPLACEMENT_CONFIG + " for "
                    + MaskConfig.PARTIAL_REGEX_CONFIG + ": " + e.getMessage());
            }
        }
    }
}
