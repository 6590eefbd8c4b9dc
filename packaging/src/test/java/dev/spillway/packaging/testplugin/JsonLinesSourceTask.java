package dev.spillway.packaging.testplugin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** Emits every line of the file once, then idles; offsets are line numbers. */
public class JsonLinesSourceTask extends SourceTask {

    private final ObjectMapper json = new ObjectMapper();
    private final JsonConverter keyConverter = new JsonConverter();
    private final JsonConverter valueConverter = new JsonConverter();
    private String file;
    private String topic;
    private long next;

    @Override
    public void start(Map<String, String> props) {
        AbstractConfig config = new AbstractConfig(JsonLinesSourceConnector.CONFIG, props);
        file = config.getString(JsonLinesSourceConnector.FILE);
        topic = config.getString(JsonLinesSourceConnector.TOPIC);
        String schemas = String.valueOf(config.getBoolean(JsonLinesSourceConnector.SCHEMAS_ENABLE));
        keyConverter.configure(Map.of("schemas.enable", schemas), true);
        valueConverter.configure(Map.of("schemas.enable", schemas), false);
        Map<String, Object> offset = context.offsetStorageReader().offset(Map.of("file", file));
        next = offset == null ? 0 : ((Number) offset.get("line")).longValue() + 1;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConnectException("Cannot read " + file, e);
        }
        if (next >= lines.size()) {
            Thread.sleep(100);
            return null;
        }
        List<SourceRecord> records = new ArrayList<>();
        for (; next < lines.size(); next++) {
            try {
                JsonNode line = json.readTree(lines.get((int) next));
                SchemaAndValue key = decode(keyConverter, line.get("key"));
                SchemaAndValue value = decode(valueConverter, line.get("value"));
                records.add(new SourceRecord(Map.of("file", file), Map.of("line", next), topic, null,
                        key.schema(), key.value(), value.schema(), value.value()));
            } catch (IOException e) {
                throw new ConnectException("Bad JSON on line " + (next + 1) + " of " + file, e);
            }
        }
        return records;
    }

    private SchemaAndValue decode(JsonConverter converter, JsonNode node) throws IOException {
        if (node == null || node.isNull()) {
            return SchemaAndValue.NULL;
        }
        return converter.toConnectData(topic, json.writeValueAsBytes(node));
    }

    @Override
    public void stop() {
    }

    @Override
    public String version() {
        return "test";
    }
}
