package dev.spillway.connect.jdbc.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the secrets a JDBC URL may carry before it is logged, put in an exception or shown by validate():
 * password-like parameters ({@code ?password=}, {@code &password=}, {@code ;password=}, {@code (password=...)}
 * of MySQL's address syntax, {@code sslpassword}, {@code trustStorePassword}, ...) and the password of
 * {@code user:password@host} userinfo (and Oracle's {@code user/password@host}). Keys are compared
 * case-insensitively and URL-decoded, as drivers do. Over-redacting is harmless; under-redacting is not, so a
 * value runs to the separator its key was introduced with, whatever it contains.
 */
public final class Redactor {

    /** What a hidden value is replaced with. */
    public static final String MASK = "****";

    /**
     * Keys that hold a secret as a whole; also any key ending in "password" or "pwd" or with a number after
     * "password" (MySQL's password1..3), and any naming a secret, token or credential (Trino's accessToken,
     * OAuthClientSecret, SecretAccessKey); "passwordCharacterEncoding" is not one.
     */
    private static final Set<String> SECRET_KEYS = Set.of("password", "pwd", "passwd", "pass", "secret");

    /** A key=value pair after a separator: ?, &, ;, (, comma or whitespace, or at the very start. */
    private static final Pattern PARAMETER = Pattern.compile("(^|[?&;(,\\s])([^?&;(),=\\s]+)=");

    /**
     * {@code //user:password@} userinfo in an authority: the password runs to the last {@code @} before a
     * {@code /}, {@code ?} or {@code #}, or, holding those, to the first {@code @} before a host list's comma;
     * digits after the colon that run to such a delimiter (or a comma, a bracket) are a port, not a password, and
     * an IPv6 literal's brackets are no userinfo.
     */
    private static final Pattern USERINFO = Pattern.compile(
        "//([^/?#@\\s:\\[]*):(?!\\d+(?:[/?#;,\\]\\s]|$))(?:[^/?#\\s]*|[^@\\s,\\[\\]]*)@");

    /** Oracle thin: {@code jdbc:oracle:thin:user/password@host}. */
    private static final Pattern ORACLE_USERINFO = Pattern.compile("(?i)(jdbc:oracle:[a-z0-9]+:[^/@:\\s]*)/([^@\\s]*)@");

    private Redactor() {
    }

    /** The URL with every secret in it masked; null stays null. */
    public static String url(String url) {
        return url == null ? null : text(url);
    }

    /**
     * A message with the given URL's secrets masked wherever the URL appears, and with any other URL-like secret
     * masked too (drivers echo parts of the URL in their errors).
     */
    public static String text(String message, String url) {
        if (message == null) {
            return null;
        }
        String result = message;
        if (url != null && !url.isEmpty()) {
            result = result.replace(url, url(url));
        }
        return text(result);
    }

    /** Any text with the URL-like secrets in it masked. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        String masked = maskUserInfo(text);
        return maskParameters(masked);
    }

    private static String maskUserInfo(String text) {
        Matcher oracle = ORACLE_USERINFO.matcher(text);
        String result = oracle.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "/" + MASK + "@"));
        Matcher userinfo = USERINFO.matcher(result);
        return userinfo.replaceAll(m -> Matcher.quoteReplacement("//" + m.group(1) + ":" + MASK + "@"));
    }

    private static String maskParameters(String text) {
        StringBuilder out = new StringBuilder(text.length());
        Matcher matcher = PARAMETER.matcher(text);
        int position = 0;
        while (position < text.length() && matcher.find(position)) {
            int valueStart = matcher.end();
            boolean masked = isMasked(text, valueStart);
            if (!isSecretKey(matcher.group(2)) || masked) {
                // Not a secret, or already masked: a URL masked whole inside a message keeps what follows it.
                int skip = masked ? valueStart + MASK.length() : valueStart;
                out.append(text, position, skip);
                position = skip;
                continue;
            }
            int valueEnd = valueEnd(text, valueStart, matcher.group(1));
            out.append(text, position, valueStart).append(MASK);
            position = valueEnd;
        }
        out.append(text, Math.min(position, text.length()), text.length());
        return out.toString();
    }

    /** The mask followed by the end or a character no mask-like password would continue with. */
    private static boolean isMasked(String text, int valueStart) {
        int after = valueStart + MASK.length();
        return text.startsWith(MASK, valueStart)
            && (after == text.length() || !Character.isLetterOrDigit(text.charAt(after)) && text.charAt(after) != '*');
    }

    /**
     * Where a value ends: at the separator its key came after ({@code ?}/{@code &} pairs end at {@code &},
     * {@code ;} pairs at {@code ;}, {@code (} pairs at {@code )}); after a comma or at the start at the first
     * of those; always at whitespace, which no URL holds unencoded but which ends a URL quoted in a message.
     */
    private static int valueEnd(String text, int start, String separator) {
        String stops = switch (separator) {
            case "?", "&" -> "&";
            case ";" -> ";";
            case "(" -> ")";
            default -> "&;)#,";
        };
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (stops.indexOf(c) >= 0 || Character.isWhitespace(c)) {
                return i;
            }
        }
        return text.length();
    }

    static boolean isSecretKey(String rawKey) {
        String key;
        try {
            key = URLDecoder.decode(rawKey, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            key = rawKey;
        }
        key = key.strip().toLowerCase(Locale.ROOT);
        return SECRET_KEYS.contains(key) || key.endsWith("password") || key.endsWith("pwd")
            || key.matches(".*password\\d+") || key.contains("secret") || key.contains("token")
            || key.contains("credential");
    }
}
