package dev.spillway.connect.rest;

import java.util.regex.Pattern;

/** Topic names from {@code topic.template}, made legal for Kafka. */
final class TopicNames {

    static final int MAX_LENGTH = 249;
    private static final Pattern ILLEGAL = Pattern.compile("[^a-zA-Z0-9._-]");
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private TopicNames() {
    }

    /** {@code template} with {@code ${prefix}} and {@code ${endpoint}} replaced, then sanitized. */
    static String render(String template, String prefix, String endpoint) {
        return sanitize(template.replace("${prefix}", prefix).replace("${endpoint}", endpoint));
    }

    /** Replaces characters Kafka does not allow with '_', avoids '.' and '..', and truncates to 249 characters. */
    static String sanitize(String name) {
        String legal = ILLEGAL.matcher(name).replaceAll("_");
        if (legal.isEmpty() || legal.equals(".") || legal.equals("..")) {
            legal = "_" + legal;
        }
        return legal.length() > MAX_LENGTH ? legal.substring(0, MAX_LENGTH) : legal;
    }

    static boolean isLegal(String name) {
        return LEGAL.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }
}
