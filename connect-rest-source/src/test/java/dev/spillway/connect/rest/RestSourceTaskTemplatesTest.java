package dev.spillway.connect.rest;

import static dev.spillway.connect.rest.TaskHarness.ids;
import static dev.spillway.connect.rest.TaskHarness.range;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Whole tasks whose requests are written as templates: a GraphQL body holding ${cursor} and ${limit}, a search API
 * walked with a search_after array of two sort values, and per-endpoint templated parameters; each resumed after a
 * restart from its committed offsets.
 */
class RestSourceTaskTemplatesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @AutoClose
    private final QueryApi api = QueryApi.start(25);

    /** GraphQL with the cursor and page size in the body template; the state goes nowhere else. */
    static Map<String, String> graphqlTemplate(String baseUrl) {
        Map<String, String> config = TaskHarness.config(baseUrl, "items=/graphql");
        config.put("topic.template", "${prefix}templated");
        config.put("http.request.method", "POST");
        config.put("http.request.body", "{\"query\":\"query($first:Int,$after:String){items(first:$first,"
            + "after:$after){nodes{id name} pageInfo{endCursor}}}\",\"variables\":{\"first\":${limit},"
            + "\"after\":\"${cursor}\"}}");
        config.put("records.pointer", "/data/items/nodes");
        config.put("pagination.type", "cursor");
        config.put("pagination.cursor.pointer", "/data/items/pageInfo/endCursor");
        config.put("pagination.param.location", "template");
        config.put("pagination.limit.param", "first");
        config.put("pagination.limit", "10");
        return config;
    }

    /** Elasticsearch-style search_after with the sort values [ts, id] of the last hit; ts ties span pages. */
    static Map<String, String> sortedSearch(String baseUrl) {
        Map<String, String> config = TaskHarness.config(baseUrl, "sorted=/sorted");
        config.put("http.request.method", "POST");
        config.put("http.request.body", "{\"size\":${limit},\"sort\":[{\"ts\":\"asc\"},{\"id\":\"asc\"}]}");
        config.put("records.pointer", "/hits");
        config.put("pagination.type", "since");
        config.put("pagination.since.filter", "exclusive");
        config.put("pagination.param.location", "body");
        config.put("pagination.param.body.pointer", "/search_after");
        config.put("pagination.param.body.type", "array");
        config.put("pagination.param.body.array.pointers", "/ts,/id");
        config.put("pagination.limit", "10");
        return config;
    }

    /** A GET list that wants the connector's tenant parameter and the endpoint's own paging parameters. */
    static Map<String, String> perEndpointParams(String baseUrl) {
        Map<String, String> config = TaskHarness.config(baseUrl, "list=/list");
        config.put("records.pointer", "/items");
        config.put("pagination.type", "cursor");
        config.put("pagination.cursor.pointer", "/next");
        config.put("pagination.param.location", "template");
        config.put("pagination.limit.param", "size");
        config.put("pagination.limit", "10");
        config.put("http.request.params", "tenant=acme,from=0");
        config.put("endpoint.list.request.params", "from=${cursor}");
        return config;
    }

    @Test
    void aGraphqlBodyTemplateCarriesTheCursorAndIsFilledAgainAfterARestart() throws Exception {
        Map<String, String> config = graphqlTemplate(api.baseUrl().toString());
        Map<Map<String, Object>, Map<String, Object>> committed;
        try (TaskHarness harness = new TaskHarness(config)) {
            assertThat(ids(harness.pollRecords(25, TIMEOUT))).containsExactlyElementsOf(range(1, 25));
            committed = harness.offsets;
        }
        assertThat(api.bodies().get(0)).as("no cursor yet: after is left out")
            .endsWith("\"variables\":{\"first\":10}}");
        assertThat(api.bodies().get(1)).endsWith("\"variables\":{\"first\":10,\"after\":\"c10\"}}");
        api.append(7);
        int before = api.bodies().size();
        try (TaskHarness restarted = new TaskHarness(config, committed)) {
            assertThat(ids(restarted.pollRecords(7, TIMEOUT))).containsExactlyElementsOf(range(26, 32));
            assertThat(restarted.pollFor(Duration.ofMillis(200))).isEmpty();
        }
        assertThat(api.bodies().get(before)).as("the restart fills the stored cursor")
            .endsWith("\"variables\":{\"first\":10,\"after\":\"c25\"}}");
    }

    @Test
    void aSearchAfterArrayWalksTiesOnTheFirstSortFieldAndResumesExactly() throws Exception {
        Map<String, String> config = sortedSearch(api.baseUrl().toString());
        Map<Map<String, Object>, Map<String, Object>> committed;
        try (TaskHarness harness = new TaskHarness(config)) {
            assertThat(ids(harness.pollRecords(25, TIMEOUT))).as("every item once, in order, ties included")
                .containsExactlyElementsOf(range(1, 25));
            assertThat(harness.pollFor(Duration.ofMillis(200))).isEmpty();
            committed = harness.offsets;
        }
        assertThat(api.bodies().get(0)).isEqualTo("{\"size\":10,\"sort\":[{\"ts\":\"asc\"},{\"id\":\"asc\"}]}");
        // Exclusive: the next page starts after the item before the last one, which comes back and is skipped.
        assertThat(api.bodies().get(1)).endsWith("\"search_after\":[" + QueryApi.ts(9) + ",9]}");
        assertThat(committed.values()).singleElement().asString()
            .contains("since=[" + QueryApi.ts(24) + ",24]").contains("tie=[" + QueryApi.ts(25) + ",25]");

        api.append(6);
        try (TaskHarness restarted = new TaskHarness(config, committed)) {
            assertThat(ids(restarted.pollRecords(6, TIMEOUT))).as("only the new items")
                .containsExactlyElementsOf(range(26, 31));
            assertThat(restarted.pollFor(Duration.ofMillis(200))).isEmpty();
        }
    }

    @Test
    void anEndpointsOwnParamsReplaceTheConnectorsOfTheSameNameAndAreFilledAgainAfterARestart() throws Exception {
        Map<String, String> config = perEndpointParams(api.baseUrl().toString());
        Map<Map<String, Object>, Map<String, Object>> committed;
        try (TaskHarness harness = new TaskHarness(config)) {
            assertThat(ids(harness.pollRecords(25, TIMEOUT))).containsExactlyElementsOf(range(1, 25));
            committed = harness.offsets;
        }
        assertThat(api.queries().get(0)).isEqualTo("size=10&tenant=acme");
        assertThat(api.queries().get(1)).isEqualTo("size=10&tenant=acme&from=10");
        api.append(3);
        int before = api.queries().size();
        try (TaskHarness restarted = new TaskHarness(config, committed)) {
            assertThat(ids(restarted.pollRecords(3, TIMEOUT))).containsExactlyElementsOf(range(26, 28));
        }
        assertThat(api.queries().get(before)).isEqualTo("size=10&tenant=acme&from=25");
    }

    @Test
    void templatesThatThePaginationCannotFillAreRefusedOnTheirKey() {
        Map<String, String> config = graphqlTemplate(api.baseUrl().toString());
        config.put("http.request.body", "{\"variables\":{\"page\":${page}}}");
        assertThat(errors(config)).contains("http.request.body: uses ${page}, which pagination.type=cursor of"
            + " endpoint 'items' never has a value for");

        Map<String, String> list = perEndpointParams(api.baseUrl().toString());
        list.put("endpoint.list.request.params", "from=${offset}");
        assertThat(errors(list)).contains("endpoints: endpoint.list.request.params: parameter from uses ${offset},"
            + " which pagination.type=cursor of endpoint 'list' never has a value for");

        list.put("endpoint.list.request.params", "from=${nope}");
        assertThat(errors(list)).singleElement().asString().startsWith("endpoints: endpoint.list.request.params:"
            + " parameter from has an unknown placeholder ${nope}");

        list.put("endpoint.list.request.params", "from=1");
        assertThat(errors(list)).singleElement().asString().startsWith("pagination.param.location: is template for"
            + " endpoint 'list', but neither");
    }

    @Test
    void aBodyTemplateThatIsNotJsonOrHasAnUnknownPlaceholderIsRefusedOnTheKey() {
        Map<String, String> config = graphqlTemplate(api.baseUrl().toString());
        config.put("http.request.body", "{\"variables\":{\"after\":\"${cursor}\",\"x\":${secret}}}");
        assertThat(errors(config)).singleElement().asString()
            .startsWith("http.request.body has an unknown placeholder ${secret}");
        config.put("http.request.body", "{\"variables\":{\"first\":${limit}");
        assertThat(errors(config)).singleElement().asString().startsWith("http.request.body is not JSON");
    }

    @Test
    void anArrayStateNeedsSinceItsPointersAndABody() {
        Map<String, String> config = sortedSearch(api.baseUrl().toString());
        config.remove("pagination.param.body.array.pointers");
        assertThat(errors(config)).singleElement().asString().startsWith("pagination.param.body.array.pointers");
        config.put("pagination.param.body.array.pointers", "/ts,/id");
        config.put("pagination.since.initial", "1700000000");
        assertThat(errors(config)).singleElement().asString().startsWith("pagination.since.initial");
        config.put("pagination.since.initial", "[1700000000, 0]");
        assertThat(errors(config)).isEmpty();
        config.put("pagination.param.location", "header");
        config.put("pagination.param.header", "X-After");
        assertThat(errors(config)).anySatisfy(error -> assertThat(error).startsWith("pagination.param.body.type"));
    }

    private static List<String> errors(Map<String, String> config) {
        return new RestSourceConnector().validate(config).configValues().stream()
            .flatMap(value -> value.errorMessages().stream().map(message -> prefixed(value, message))).toList();
    }

    private static String prefixed(ConfigValue value, String message) {
        return message.startsWith(value.name()) ? message : value.name() + ": " + message;
    }
}
