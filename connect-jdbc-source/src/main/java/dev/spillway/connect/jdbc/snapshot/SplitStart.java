package dev.spillway.connect.jdbc.snapshot;

import dev.spillway.connect.jdbc.discovery.TableId;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the own incremental partition of a table split for its first catch-up starts when it has no offset yet:
 * at the plan's high-water mark {@code w} (null in bulk mode, where the table has no partition of its own while
 * it is split). One element of {@code task.split.tables}.
 */
public record SplitStart(TableId table, String plan, String w) {

    public String encode() {
        return URLEncoder.encode(table.encode(), StandardCharsets.UTF_8) + "&"
            + URLEncoder.encode(plan, StandardCharsets.UTF_8) + "&"
            + (w == null ? "" : URLEncoder.encode(w, StandardCharsets.UTF_8));
    }

    public static SplitStart decode(String encoded) {
        String[] parts = encoded.split("&", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a split table: " + encoded);
        }
        String w = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
        return new SplitStart(TableId.decode(URLDecoder.decode(parts[0], StandardCharsets.UTF_8)),
            URLDecoder.decode(parts[1], StandardCharsets.UTF_8), w.isEmpty() ? null : w);
    }
}
