package dev.spillway.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Workers with plugin.discovery=service_load find the connector only through this file. */
class ServiceFilesTest {

    @Test
    void listsTheConnector() throws Exception {
        String resource = "META-INF/services/" + SourceConnector.class.getName();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            List<String> names = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
            assertThat(names).containsExactly(JdbcSourceConnector.class.getName());
            assertThat(Class.forName(names.get(0)).getConstructor().newInstance()).isInstanceOf(SourceConnector.class);
        }
    }
}
