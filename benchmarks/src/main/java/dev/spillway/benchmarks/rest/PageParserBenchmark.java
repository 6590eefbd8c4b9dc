package dev.spillway.benchmarks.rest;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;

import dev.spillway.connect.rest.extract.Item;
import dev.spillway.connect.rest.extract.JsonPointers;
import dev.spillway.connect.rest.extract.PageParser;
import dev.spillway.connect.rest.extract.ParsedPage;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The REST source's page parser alone, on one page of {@link BenchApi}'s items (100 items of about 1 KB): the
 * time to read a page and take from each item what a record needs (the key at {@code /id}, and the JSON text or the
 * map as {@code value.format} asks), against Jackson only tokenizing the page (what the raw loop of
 * {@link RestSourceThroughput} does). Uses only the parser's public API, so the same benchmark runs against older
 * builds of connect-rest-source for a before/after comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PageParserBenchmark {

    private static final URI URI_ = URI.create("http://127.0.0.1/items");
    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);
    private static final JsonFactory FACTORY = new JsonFactory();

    /** {@code compact} as BenchApi writes it, {@code pretty} with whitespace inside the items. */
    @Param({"compact", "pretty"})
    public String layout;

    private byte[] page;
    private PageParser parser;
    private JsonPointer key;

    @Setup
    public void setUp() {
        StringBuilder body = new StringBuilder("{\"items\":[");
        String padding = "x".repeat(BenchApi.ITEM_BYTES - BenchApi.item(999_999, "").length());
        for (int id = 1; id <= 100; id++) {
            String item = BenchApi.item(id, padding);
            body.append(id > 1 ? "," : "").append("pretty".equals(layout) ? item.replace(",\"", ",\n    \"") : item);
        }
        body.append("],\"next_cursor\":\"100\"}");
        page = body.toString().getBytes(StandardCharsets.UTF_8);
        parser = new PageParser(JsonPointers.parse("/items"), List.of(JsonPointers.parse("/next_cursor")));
        key = JsonPointers.parse("/id");
    }

    /** value.format=json-string with key.pointer=/id. */
    @Benchmark
    public void jsonString(Blackhole blackhole) throws Exception {
        ParsedPage parsed = parser.parse(URI_, page, NO_HEADERS);
        for (Item item : parsed.items()) {
            blackhole.consume(item.json());
            blackhole.consume(item.textAt(key));
        }
    }

    /** value.format=schemaless with key.pointer=/id. */
    @Benchmark
    public void schemaless(Blackhole blackhole) throws Exception {
        ParsedPage parsed = parser.parse(URI_, page, NO_HEADERS);
        for (Item item : parsed.items()) {
            blackhole.consume(item.value());
            blackhole.consume(item.textAt(key));
        }
    }

    /** Jackson tokenizing the page and nothing else: the floor. */
    @Benchmark
    public long tokenizeOnly() throws Exception {
        long tokens = 0;
        try (JsonParser tokenizer = FACTORY.createParser(page)) {
            while (tokenizer.nextToken() != null) {
                tokens++;
            }
        }
        return tokens;
    }
}
