package dev.spillway.connect.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

class RestSourceConnectorTest {

    private final RestSourceConnector connector = new RestSourceConnector();

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> config = new HashMap<>();
        config.put("http.base.url", "https://api.example.com/v1");
        config.put("endpoints", "/orders");
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    /** Error messages of the validate call, by key, only keys with errors. */
    private Map<String, List<String>> errors(Map<String, String> config) {
        return connector.validate(config).configValues().stream()
            .filter(value -> !value.errorMessages().isEmpty())
            .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void validateShowsOnlyTheChosenTypesKeysAndListsTheChoices() {
        Map<String, ConfigValue> values = connector.validate(config("pagination.type", "cursor",
                "pagination.cursor.pointer", "/next", "auth.type", "bearer", "auth.bearer.token", "t"))
            .configValues().stream().collect(Collectors.toMap(ConfigValue::name, value -> value));
        assertThat(values.values()).allSatisfy(value -> assertThat(value.errorMessages()).isEmpty());
        assertThat(values.get("pagination.cursor.pointer").visible()).isTrue();
        assertThat(values.get("pagination.page.param").visible()).isFalse();
        assertThat(values.get("auth.bearer.token").visible()).isTrue();
        assertThat(values.get("auth.oauth2.client.secret").visible()).isFalse();
        assertThat(values.get("value.format").recommendedValues()).containsExactly("json-string", "schemaless", "struct");
        assertThat(values.get("auth.type").recommendedValues()).contains("oauth2");
    }

    @Test
    void theProbeReportsAnUnreadableFirstPageOnTheEndpointsKey() {
        try (SampleApi api = SampleApi.start(5)) {
            Map<String, String> good = Map.of("http.base.url", api.baseUrl().toString(),
                "endpoints", "/cursor/items", "records.pointer", "/items", "pagination.type", "cursor",
                "pagination.cursor.pointer", "/next_cursor", "validate.probe", "true");
            assertThat(errors(good)).isEmpty();

            Map<String, String> missing = new HashMap<>(good);
            missing.put("endpoints", "/no/such/items");
            assertThat(errors(missing)).containsOnlyKeys("endpoints");
            assertThat(errors(missing).get("endpoints").get(0)).contains("validate.probe=true").contains("HTTP 404");

            Map<String, String> wrongPointer = new HashMap<>(good);
            wrongPointer.put("records.pointer", "/data/results");
            assertThat(errors(wrongPointer)).containsOnlyKeys("endpoints");

            Map<String, String> notProbed = new HashMap<>(missing);
            notProbed.remove("validate.probe");
            assertThat(errors(notProbed)).isEmpty();
        }
    }

    @Test
    void aMinimalConfigIsValid() {
        assertThat(errors(config())).isEmpty();
        assertThat(errors(Map.of("endpoints", "https://api.example.com/items"))).isEmpty();
    }

    @Test
    void singleSettingErrorsNameTheirKey() {
        assertThat(errors(config("http.base.url", "api.example.com"))).containsOnlyKeys("http.base.url");
        assertThat(errors(config("records.pointer", "items"))).containsOnlyKeys("records.pointer");
        assertThat(errors(config("key.pointer", "id")).get("key.pointer").get(0)).contains("starts with '/'");
        assertThat(errors(config("pagination.type", "magic"))).containsOnlyKeys("pagination.type");
        assertThat(errors(config("endpoints", "orders"))).containsOnlyKeys("endpoints");
        assertThat(errors(config("auth.api.key.header", "X Key"))).containsOnlyKeys("auth.api.key.header");
    }

    @Test
    void crossSettingErrorsNameTheKeyToFix() {
        assertThat(errors(config("pagination.type", "cursor")).get("pagination.cursor.pointer"))
            .containsExactly("is required with pagination.type=cursor");
        assertThat(errors(config("pagination.type", "next-url"))).containsOnlyKeys("pagination.next.url.pointer");
        assertThat(errors(config("pagination.type", "offset-limit"))).containsOnlyKeys("pagination.limit");
        assertThat(errors(config("pagination.type", "since"))).containsOnlyKeys("pagination.since.pointer");
        assertThat(errors(config("auth.type", "basic", "auth.basic.username", "u")))
            .containsOnlyKeys("auth.basic.password");
        assertThat(errors(config("auth.type", "bearer"))).containsOnlyKeys("auth.bearer.token");
        assertThat(errors(config("auth.type", "api-key"))).containsOnlyKeys("auth.api.key.value");
        assertThat(errors(config("http.retry.backoff.ms", "5000", "http.retry.backoff.max.ms", "100")))
            .containsOnlyKeys("http.retry.backoff.max.ms");
        assertThat(errors(Map.of("endpoints", "/orders")).get("http.base.url").get(0))
            .contains("endpoint '/orders' is a path");
    }

    @Test
    void endpointListErrors() {
        assertThat(errors(config("endpoints", "/orders,/orders")).get("endpoints").get(0))
            .contains("two endpoints are named 'orders'");
        assertThat(errors(config("endpoint.nope.topic", "x")).get("endpoints").get(0))
            .contains("endpoint.nope.topic names no endpoint");
        assertThat(errors(config("endpoint.orders.colour", "x")).get("endpoints").get(0))
            .contains("not a per-endpoint setting");
        assertThat(errors(config("endpoint.orders.topic", "bad topic!")).get("endpoints").get(0))
            .contains("not a legal topic name");
        assertThat(errors(config("endpoint.orders.records.pointer", "data")).get("endpoints").get(0))
            .contains("starts with '/'");
        assertThat(errors(config("endpoints", "a=https://x/a,b=ftp://x/b")).get("endpoints").get(0))
            .contains("endpoint 'b=ftp://x/b'");
    }

    @Test
    void secretsAreHiddenInConfigErrors() {
        RestSourceConfig config = new RestSourceConfig(config("auth.type", "basic", "auth.basic.password", "hunter2"));
        assertThatThrownBy(config::requireValid).isInstanceOf(ConfigException.class)
            .hasMessageContaining("auth.basic.username").hasMessageNotContaining("hunter2");
        assertThat(RestSourceConfig.configDef().configKeys().get("auth.basic.password").type)
            .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
    }

    @Test
    void endpointsResolveAgainstTheBaseUrlWithNamesTopicsAndOverrides() {
        RestSourceConfig config = new RestSourceConfig(config(
            "http.base.url", "https://api.example.com/v1/",
            "endpoints", "/orders?status=open, people=/crm/people, https://other.example.com/a/b-c",
            "records.pointer", "/items",
            "topic.prefix", "rest.",
            "endpoint.people.topic", "crm-people",
            "endpoint.people.records.pointer", "/data/people"));
        config.requireValid();
        List<Endpoint> endpoints = config.endpoints();
        assertThat(endpoints).extracting(Endpoint::name).containsExactly("orders", "people", "a.b-c");
        assertThat(endpoints).extracting(e -> e.url().toString()).containsExactly(
            "https://api.example.com/v1/orders?status=open", "https://api.example.com/v1/crm/people",
            "https://other.example.com/a/b-c");
        assertThat(endpoints).extracting(Endpoint::topic).containsExactly("rest.orders", "crm-people", "rest.a.b-c");
        assertThat(endpoints).extracting(e -> e.recordsPointer().toString()).containsExactly("/items", "/data/people",
            "/items");
    }

    @Test
    void anEndpointCanHaveItsOwnPagination() {
        Map<String, String> mixed = config(
            "endpoints", "orders=/orders,v1.people=/v1/people",
            "pagination.type", "page-number",
            "endpoint.v1.people.pagination.type", "cursor",
            "endpoint.v1.people.pagination.cursor.pointer", "/next",
            "endpoint.v1.people.topic", "people");
        assertThat(errors(mixed)).isEmpty();
        RestSourceConfig config = new RestSourceConfig(mixed);
        assertThat(config.paginationType("orders")).isEqualTo("page-number");
        assertThat(config.paginationType("v1.people")).isEqualTo("cursor");
        assertThat(config.pagination("v1.people").type()).isEqualTo("cursor");
        assertThat(config.endpoints()).extracting(Endpoint::topic).endsWith("people");
        // One endpoint whose positions shift is enough to make exactly-once unsafe for the connector.
        assertThat(connector.exactlyOnceSupport(mixed)).isEqualTo(ExactlyOnceSupport.UNSUPPORTED);
        Map<String, String> stable = new HashMap<>(mixed);
        stable.put("pagination.type", "link-header");
        assertThat(connector.exactlyOnceSupport(stable)).isEqualTo(ExactlyOnceSupport.SUPPORTED);
    }

    @Test
    void perEndpointPaginationErrorsNameTheEndpointKey() {
        Map<String, List<String>> missingPointer = errors(config("endpoints", "orders=/orders",
            "endpoint.orders.pagination.type", "cursor"));
        assertThat(missingPointer).containsOnlyKeys("endpoints");
        assertThat(missingPointer.get("endpoints").get(0))
            .contains("endpoint.orders.pagination.cursor.pointer").contains("pagination.type=cursor");
        assertThat(errors(config("endpoints", "orders=/orders", "endpoint.orders.pagination.magic", "1"))
            .get("endpoints").get(0)).contains("pagination.magic is not a pagination setting");
        assertThat(errors(config("endpoints", "orders=/orders", "endpoint.orders.pagination.type", "magic"))
            .get("endpoints").get(0)).contains("endpoint 'orders'").contains("magic");
        assertThat(errors(config("endpoints", "orders=/orders", "endpoint.order.pagination.type", "cursor"))
            .get("endpoints").get(0)).contains("names no endpoint");
    }

    @Test
    void pageHeaderAndStructErrorsNameTheirKey() {
        assertThat(errors(config("records.pointer", "/items", "records.page.headers", "rid:/meta/request_id,"
            + "trace:header:X-Request-Id", "value.format", "struct", "value.struct.numbers", "decimal"))).isEmpty();
        assertThat(errors(config("records.pointer", "/items", "records.page.headers", "spillway.page:/meta/x"))
            .get("records.page.headers").get(0)).contains("reserved");
        assertThat(errors(config("records.page.headers", "rid:/meta/request_id")).get("records.page.headers")
            .get(0)).contains("inside the records array");
        assertThat(errors(config("records.format", "ndjson", "records.page.headers", "rid:/meta/request_id"))
            .get("records.page.headers").get(0)).contains("only response headers");
        assertThat(errors(config("records.pointer", "/items", "records.page.headers", "c:header:Set-Cookie"))
            .get("records.page.headers").get(0)).contains("may carry credentials");
        assertThat(errors(config("records.pointer", "/items", "endpoint.orders.records.page.headers",
            "rid:/items/0/id")).get("endpoints").get(0))
            .startsWith("endpoint.orders.records.page.headers: header 'rid'");
        assertThat(errors(config("records.pointer", "/items", "endpoint.orders.records.pointer", "/data",
            "endpoint.orders.records.page.headers", "rid:/items/request_id"))).isEmpty();
        assertThat(errors(config("value.struct.conflicts", "maybe"))).containsOnlyKeys("value.struct.conflicts");
    }

    @Test
    void settingsThatWouldSilentlyDoNothingAreRefused() {
        // An NDJSON body holds only items: a watermark read from the body would never move.
        assertThat(errors(config("records.format", "ndjson", "pagination.type", "since", "pagination.since.param",
            "since", "pagination.since.source", "response", "pagination.since.next.pointer", "/next"))
            .get("pagination.since.next.pointer").get(0)).contains("ndjson").contains("pagination.since.next.header");
        assertThat(errors(config("records.format", "ndjson", "pagination.type", "since", "pagination.since.param",
            "since", "pagination.since.source", "response", "pagination.since.next.header", "X-Next"))).isEmpty();
        // ${limit} with no page size would be left out of every request.
        assertThat(errors(config("http.request.params", "first=${limit}")).get("pagination.limit").get(0))
            .contains("${limit}");
        assertThat(errors(config("http.request.params", "first=${limit}", "pagination.limit", "50"))).isEmpty();
    }

    @Test
    void topicNamesAreSanitized() {
        assertThat(TopicNames.render("${prefix}${endpoint}", "my prefix/", "orders")).isEqualTo("my_prefix_orders");
        assertThat(TopicNames.sanitize("..")).isEqualTo("_..");
        assertThat(TopicNames.sanitize("x".repeat(300))).hasSize(249);
    }

    @Test
    void spreadsEndpointsRoundRobinOverAtMostOneTaskEach() {
        connector.start(config("endpoints", "/a,/b,/c,/d,/e"));
        List<Map<String, String>> two = connector.taskConfigs(2);
        assertThat(two).extracting(c -> c.get("task.endpoints")).containsExactly("/a,/c,/e", "/b,/d");
        assertThat(two.get(0)).containsEntry("http.base.url", "https://api.example.com/v1");
        assertThat(connector.taskConfigs(10)).hasSize(5);
        assertThat(connector.taskConfigs(1)).extracting(c -> c.get("task.endpoints")).containsExactly("/a,/b,/c,/d,/e");
        RestSourceTaskConfig task = new RestSourceTaskConfig(two.get(1));
        assertThat(task.endpoints()).extracting(Endpoint::name).containsExactly("b", "d");
    }

    @Test
    void exactlyOnceOnlyWhereAPositionStaysValid() {
        assertThat(connector.exactlyOnceSupport(config("pagination.type", "cursor",
            "pagination.cursor.pointer", "/next"))).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        assertThat(connector.exactlyOnceSupport(config("pagination.type", "link-header")))
            .isEqualTo(ExactlyOnceSupport.SUPPORTED);
        assertThat(connector.exactlyOnceSupport(config("pagination.type", "since",
            "pagination.since.pointer", "/ts"))).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        assertThat(connector.exactlyOnceSupport(config("pagination.type", "page-number")))
            .isEqualTo(ExactlyOnceSupport.UNSUPPORTED);
        assertThat(connector.exactlyOnceSupport(config())).isEqualTo(ExactlyOnceSupport.UNSUPPORTED);
    }

    @Test
    void alterOffsetsChecksPartitionsAndOffsets() {
        Map<String, String> config = config("pagination.type", "cursor", "pagination.cursor.pointer", "/next");
        Map<String, Object> orders = Map.of("endpoint", "orders");
        assertThat(connector.alterOffsets(config, Map.of(orders,
            Map.of("v", 1, "pagination", "cursor", "cursor", "c9", "skip", 0)))).isTrue();
        Map<Map<String, ?>, Map<String, ?>> reset = new HashMap<>();
        reset.put(orders, null);
        assertThat(connector.alterOffsets(config, reset)).isTrue();
        assertThatThrownBy(() -> connector.alterOffsets(config, Map.of(Map.of("endpoint", "nope"),
            Map.of("v", 1, "pagination", "cursor", "skip", 0)))).isInstanceOf(ConnectException.class)
            .hasMessageContaining("names no endpoint");
        assertThatThrownBy(() -> connector.alterOffsets(config, Map.of(orders,
            Map.of("v", 1, "pagination", "page-number", "page", 2, "skip", 0)))).isInstanceOf(ConnectException.class)
            .hasMessageContaining("page-number");
        assertThatThrownBy(() -> connector.alterOffsets(config, Map.of(orders, Map.of("cursor", "x"))))
            .isInstanceOf(ConnectException.class).hasMessageContaining("version");
    }

    @Test
    void reportsTheBuiltVersion() {
        assertThat(connector.version()).isEqualTo(System.getProperty("spillway.expected.version"));
        assertThat(new RestSourceTask().version()).isEqualTo(connector.version());
    }
}
