package dev.spillway.packaging.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The connector configurations in the docs' fenced {@code json} blocks, made into configs a worker can validate.
 *
 * <p>A block is a connector configuration if it names {@code connector.class} or any {@code transforms}/{@code
 * predicates} key; other blocks (records, command output) are data and are left alone. A block may be a fragment:
 * without braces (a few lines of a config), without {@code connector.class} or with {@code "..."} for it (it runs on
 * the file source connector then), without the {@code transforms}/{@code predicates} list (the aliases that have a
 * {@code .type} make it up). A fragment that sets keys of an alias without its {@code .type} is an error: the
 * block could not be checked, so it could rot.
 */
final class DocConfigBlocks {

    /** The connector a fragment without a connector of its own runs on: always on the worker, no external system. */
    static final String FILE_SOURCE = "org.apache.kafka.connect.file.FileStreamSourceConnector";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCED_JSON = Pattern.compile("(?ms)^```json\\s*\\n(.*?)^```");
    private static final Pattern ALIAS_KEY = Pattern.compile("^(transforms|predicates)\\.([^.]+)\\.(.+)$");

    /** One block: where it is, and the config to validate. */
    record Block(String where, Map<String, String> config) {
        String connectorClass() {
            return config.get("connector.class");
        }
    }

    private DocConfigBlocks() {
    }

    /** The connector-config blocks of every {@code *.md} under {@code docsDir}. */
    static List<Block> under(Path docsDir) {
        try (Stream<Path> files = Files.walk(docsDir)) {
            List<Block> blocks = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                blocks.addAll(in(docsDir.relativize(file).toString(), Files.readString(file)));
            }
            return blocks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The connector-config blocks of one markdown text; {@code name} says where they came from in messages. */
    static List<Block> in(String name, String markdown) {
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = FENCED_JSON.matcher(markdown);
        while (matcher.find()) {
            int line = (int) markdown.substring(0, matcher.start()).lines().count() + 1;
            String where = name + ":" + line;
            Map<String, String> config = parse(where, matcher.group(1));
            if (config != null) {
                blocks.add(new Block(where, complete(where, config)));
            }
        }
        return blocks;
    }

    /** The block as a string map, or null if it is data rather than a connector configuration. */
    private static Map<String, String> parse(String where, String block) {
        String text = block.strip();
        boolean looksLikeConfig = text.contains("\"connector.class\"") || text.contains("\"transforms")
                || text.contains("\"predicates");
        JsonNode node;
        try {
            node = JSON.readTree(text.startsWith("{") ? text : "{" + text + "}");
        } catch (JsonProcessingException e) {
            if (looksLikeConfig) {
                throw new IllegalArgumentException(where + ": a connector configuration block that is not JSON: "
                        + e.getOriginalMessage());
            }
            return null;
        }
        if (!node.isObject() || !looksLikeConfig) {
            return null;
        }
        Map<String, String> config = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException(where + ": " + field.getKey()
                        + " is not a string; Connect configs take string values");
            }
            config.put(field.getKey(), field.getValue().asText());
        }
        return config;
    }

    /** A fragment made whole: a connector, and the alias lists its typed aliases imply. */
    private static Map<String, String> complete(String where, Map<String, String> fragment) {
        Map<String, String> config = new LinkedHashMap<>();
        String connector = fragment.get("connector.class");
        if (connector == null || connector.equals("...")) {
            config.put("connector.class", FILE_SOURCE);
            config.put("topic", "docs-example");
        }
        config.putAll(fragment);
        if (connector != null && connector.equals("...")) {
            config.put("connector.class", FILE_SOURCE);
        }
        for (String kind : List.of("transforms", "predicates")) {
            Set<String> typed = new LinkedHashSet<>();
            Set<String> used = new LinkedHashSet<>();
            for (String key : fragment.keySet()) {
                Matcher matcher = ALIAS_KEY.matcher(key);
                if (matcher.matches() && matcher.group(1).equals(kind)) {
                    used.add(matcher.group(2));
                    if (matcher.group(3).equals("type")) {
                        typed.add(matcher.group(2));
                    }
                }
            }
            Set<String> untyped = new LinkedHashSet<>(used);
            untyped.removeAll(typed);
            if (!untyped.isEmpty()) {
                throw new IllegalArgumentException(where + ": " + kind + " " + untyped + " have keys but no "
                        + ".type; make the block whole so it can be validated");
            }
            if (!typed.isEmpty()) {
                config.putIfAbsent(kind, String.join(",", typed));
            }
        }
        return config;
    }
}
