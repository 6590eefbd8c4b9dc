package dev.spillway.testcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PropertiesFileTest {

    @Test
    void rendersInMapOrderWithoutTimestamp() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("b", "2");
        props.put("a", "1");

        String text = PropertiesFile.render("first\nsecond", props);

        assertThat(text).isEqualTo("# first\n# second\nb=2\na=1\n");
    }

    @Test
    void specialCharactersSurviveLoading() throws IOException {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("plain", "value");
        props.put("key with spaces", " leading and inner spaces ");
        props.put("separators=:", "a=b:c#d!e");
        props.put("path", "C:\\kafka\\plugins,/opt/x");
        props.put("control", "line1\nline2\ttab\r");
        props.put("unicode", "Grüße €");
        props.put("empty", "");
        props.put("pattern", "[%d] %p %X{connector.context}%m (%c)%n");

        Properties loaded = new Properties();
        // Kafka and log4j load property files as ISO-8859-1.
        loaded.load(new ByteArrayInputStream(PropertiesFile.render(null, props).getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(loaded).containsExactlyInAnyOrderEntriesOf(props);
    }
}
