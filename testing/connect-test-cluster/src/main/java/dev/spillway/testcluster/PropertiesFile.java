package dev.spillway.testcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders {@code .properties} files readable by {@link java.util.Properties#load(java.io.InputStream)}, which is how
 * Kafka and log4j read them (ISO-8859-1, hence the unicode escapes). Unlike {@code Properties.store} it keeps the
 * map's iteration order and writes no timestamp, so files are stable and easy to read.
 */
final class PropertiesFile {

    private PropertiesFile() {
    }

    static String render(String comment, Map<String, String> properties) {
        StringBuilder out = new StringBuilder();
        if (comment != null && !comment.isEmpty()) {
            for (String line : comment.split("\n", -1)) {
                out.append("# ").append(line).append('\n');
            }
        }
        properties.forEach((key, value) -> {
            escape(key, true, out);
            out.append('=');
            escape(value, false, out);
            out.append('\n');
        });
        return out.toString();
    }

    static void write(Path file, String comment, Map<String, String> properties) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, render(comment, properties), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static void escape(String text, boolean isKey, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case '=', ':', '#', '!' -> out.append('\\').append(c);
                case ' ' -> {
                    // Spaces end a key; in a value only leading ones would be swallowed by the loader.
                    if (isKey || i == 0) {
                        out.append('\\');
                    }
                    out.append(' ');
                }
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
