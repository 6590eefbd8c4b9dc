package dev.spillway.benchmarks.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The raw limit: one thread, a plain {@link HttpClient}, every page fetched and fully tokenized by Jackson's streaming
 * parser (items counted, the next cursor read), nothing else. No Kafka, no records, no retries.
 */
final class RawHttpLoop {

    private static final JsonFactory JSON = new JsonFactory();

    private RawHttpLoop() {
    }

    /** Walks the whole API; returns the number of items seen. */
    static long walk(URI base, int limit) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long items = 0;
        String cursor = null;
        do {
            URI uri = base.resolve("/items?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri).GET()
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + uri);
            }
            cursor = null;
            try (JsonParser parser = JSON.createParser(response.body())) {
                int depth = 0;
                boolean inItems = false;
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    switch (token) {
                        case START_OBJECT, START_ARRAY -> {
                            if (inItems && depth == 2 && token == JsonToken.START_OBJECT) {
                                items++;
                            }
                            if (depth == 1 && token == JsonToken.START_ARRAY && "items".equals(parser.currentName())) {
                                inItems = true;
                            }
                            depth++;
                        }
                        case END_OBJECT, END_ARRAY -> {
                            depth--;
                            if (depth == 1) {
                                inItems = false;
                            }
                        }
                        case VALUE_STRING -> {
                            if (depth == 1 && "next_cursor".equals(parser.currentName())) {
                                cursor = parser.getText();
                            }
                        }
                        default -> { }
                    }
                }
            }
        } while (cursor != null);
        return items;
    }
}
