package dev.spillway.packaging.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The operations kit in {@code etc/monitoring/} is well-formed: the alert rules pass {@code promtool check rules}
 * (skipped with a reason where promtool is not installed, never on CI, where {@code .ci/run} provides it), every
 * alert has a severity and a summary, the exporter rules are YAML, and the Grafana dashboard is JSON whose every
 * query is narrowed by the {@code cluster}, {@code job} and {@code instance} variables. That the series exist is
 * PluginMetricsIT's part: it scrapes a real worker.
 */
class MonitoringFilesTest {

    private static final Path MONITORING = Path.of(System.getProperty("spillway.repo.root"),
            "packaging", "src", "main", "hub", "etc", "monitoring");
    private static final Pattern SERIES = Pattern.compile("\\b((?:spillway|kafka_connect)_[a-z0-9_]*[a-z0-9])\\b"
            + "(\\{[^}]*\\})?");
    private static final List<String> SCOPE = List.of("cluster=~\"$cluster\"", "job=~\"$job\"",
            "instance=~\"$instance\"");

    @Test
    void alertRulesPassPromtool() throws Exception {
        Path promtool = promtool();
        Path rules = MONITORING.resolve("prometheus-alerts.yml");
        Process process = new ProcessBuilder(promtool.toString(), "check", "rules", rules.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as("promtool check rules:%n%s", output).isZero();
        assertThat(output).contains("SUCCESS");
    }

    @Test
    void everyAlertHasASeveritySummaryAndAnExpressionOnExportedNames() throws IOException {
        JsonNode groups = new YAMLMapper().readTree(MONITORING.resolve("prometheus-alerts.yml").toFile())
                .get("groups");
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : groups) {
            for (JsonNode rule : group.get("rules")) {
                String alert = rule.path("alert").asText();
                alerts.add(alert);
                assertThat(rule.path("labels").path("severity").asText()).as("severity of %s", alert)
                        .isIn("critical", "warning");
                assertThat(rule.path("annotations").path("summary").asText()).as("summary of %s", alert)
                        .isNotBlank();
                assertThat(SERIES.matcher(rule.path("expr").asText()).find()).as("series in %s", alert).isTrue();
            }
        }
        assertThat(alerts).doesNotHaveDuplicates().contains("ConnectTaskFailed", "SpillwayRestLagGrowing",
                "SpillwayJdbcLagGrowing", "SpillwayJdbcPoolWaiting", "SpillwayGuardRouting",
                "SpillwayMaskFieldMissing");
    }

    @Test
    void exporterRulesAreYaml() throws IOException {
        JsonNode config = new YAMLMapper().readTree(MONITORING.resolve("prometheus-jmx-exporter.yml").toFile());
        assertThat(config.get("rules").isArray()).isTrue();
        assertThat(config.get("rules").size()).isGreaterThan(5);
    }

    /** The exporter's way: the first rule whose pattern matches {@code domain<key=value, ...><>attribute: value}. */
    @Test
    void exporterRulesLabelATableAndAKeyRangeApart() throws IOException {
        JsonNode rules = new YAMLMapper().readTree(MONITORING.resolve("prometheus-jmx-exporter.yml").toFile())
                .get("rules");
        for (String domain : List.of("spillway<type=jdbc-source-task-metrics", "kafka.connect<type=plugins")) {
            assertThat(export(rules, domain + ", connector=c, task=0, table=public.orders><>rows-total: 5"))
                    .isEqualTo("spillway_jdbc_source_rows_total {connector=c, task=0, table=public.orders}");
            assertThat(export(rules, domain + ", connector=c, task=0, table=public.orders, range=3><>lag-ms: 5"))
                    .isEqualTo("spillway_jdbc_source_lag_ms {connector=c, task=0, table=public.orders, range=3}");
            assertThat(export(rules, domain + ", connector=c, task=1, query=orders><>queries-total: 5"))
                    .isEqualTo("spillway_jdbc_source_queries_total {connector=c, task=1, query=orders}");
        }
    }

    private static String export(JsonNode rules, String line) {
        for (JsonNode rule : rules) {
            Matcher matcher = Pattern.compile("^.*(?:" + rule.get("pattern").asText() + ").*$").matcher(line);
            if (matcher.matches()) {
                List<String> labels = new ArrayList<>();
                rule.path("labels").fields().forEachRemaining(label -> labels.add(expand(matcher, label.getKey())
                        + "=" + expand(matcher, label.getValue().asText())));
                return expand(matcher, rule.get("name").asText()).toLowerCase().replace('-', '_') + " {"
                        + String.join(", ", labels) + "}";
            }
        }
        return "no rule";
    }

    private static String expand(Matcher matcher, String template) {
        StringBuilder out = new StringBuilder();
        Matcher group = Pattern.compile("\\$(\\d)").matcher(template);
        while (group.find()) {
            group.appendReplacement(out, Matcher.quoteReplacement(matcher.group(Integer.parseInt(group.group(1)))));
        }
        return group.appendTail(out).toString();
    }

    /**
     * Every transform metric that docs/operations.md lists comes out of the exporter rules as
     * {@code spillway_transform_<metric>}, a counter when it ends in {@code -total} and a gauge otherwise, with its
     * tags as labels. Matched as the exporter's agent matches: the first rule whose pattern, anchored as
     * {@code ^.*(?:<pattern>).*$}, matches {@code domain<key=value, ...><>attribute: value}.
     */
    @Test
    void everyDocumentedTransformMetricIsExportedWithItsType() throws IOException {
        JsonNode rules = new YAMLMapper().readTree(MONITORING.resolve("prometheus-jmx-exporter.yml").toFile())
                .get("rules");
        List<String> metrics = documentedTransformMetrics();
        assertThat(metrics).contains("non-envelope-records-total", "error-topic-records-total",
                "missing-fields-total", "distinct-topics", "refused-topics-total");
        for (String metric : metrics) {
            String line = "spillway<type=transform-metrics, connector=orders-sink, task=3, transform=Mask.Value-2><>"
                    + metric + ": 7.0";
            JsonNode rule = null;
            Matcher match = null;
            for (JsonNode candidate : rules) {
                Matcher matcher = Pattern.compile("^.*(?:" + candidate.path("pattern").asText() + ").*$")
                        .matcher(line);
                if (matcher.matches()) {
                    rule = candidate;
                    match = matcher;
                    break;
                }
            }
            assertThat(rule).as("an exporter rule for %s", metric).isNotNull();
            String name = match.replaceAll(rule.path("name").asText()).toLowerCase(java.util.Locale.ROOT)
                    .replace('-', '_');
            assertThat(name).as("name of %s", metric).isEqualTo("spillway_transform_" + metric.replace('-', '_'));
            assertThat(rule.path("type").asText()).as("type of %s", metric)
                    .isEqualTo(metric.endsWith("-total") ? "COUNTER" : "GAUGE");
            JsonNode labels = rule.path("labels");
            assertThat(match.replaceAll(labels.path("connector").asText())).isEqualTo("orders-sink");
            assertThat(match.replaceAll(labels.path("task").asText())).isEqualTo("3");
            assertThat(match.replaceAll(labels.path("transform").asText())).isEqualTo("Mask.Value-2");
        }
    }

    /** The metric names (second column) of the table under "### Transforms" in docs/operations.md. */
    private static List<String> documentedTransformMetrics() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("spillway.repo.root"), "docs",
                "operations.md"), StandardCharsets.UTF_8);
        int start = lines.indexOf("### Transforms");
        assertThat(start).as("a Transforms section in docs/operations.md").isNotNegative();
        List<String> metrics = new ArrayList<>();
        Pattern row = Pattern.compile("^\\| [^|]+ \\| `([a-z0-9-]+)` \\|");
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            Matcher matcher = row.matcher(line);
            if (matcher.find()) {
                metrics.add(matcher.group(1));
            }
        }
        return metrics;
    }

    @Test
    void everyDashboardQueryIsScopedByClusterJobAndInstance() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("grafana-dashboard.json").toFile());
        List<String> variables = new ArrayList<>();
        dashboard.get("templating").get("list").forEach(v -> variables.add(v.get("name").asText()));
        assertThat(variables).containsSubsequence("cluster", "job", "instance");

        List<String> queries = new ArrayList<>();
        dashboard.get("templating").get("list").forEach(v -> {
            if (v.get("type").asText().equals("query")) {
                queries.add(v.get("query").get("query").asText());
            }
        });
        dashboard.get("panels").forEach(panel -> panel.path("targets").forEach(t -> queries.add(t.get("expr")
                .asText())));
        assertThat(queries).hasSizeGreaterThan(30);
        int selectors = 0;
        for (String query : queries) {
            Matcher matcher = SERIES.matcher(query);
            while (matcher.find()) {
                selectors++;
                String labels = matcher.group(2) == null ? "" : matcher.group(2);
                List<String> expected = query.startsWith("label_values") ? scopeAbove(query) : SCOPE;
                for (String matcherText : expected) {
                    assertThat(labels).as("%s in the query %s", matcherText, query).contains(matcherText);
                }
            }
        }
        assertThat(selectors).isGreaterThanOrEqualTo(queries.size());
    }

    /** A variable's own query filters by the variables before it only (cluster, then job, then instance). */
    private static List<String> scopeAbove(String query) {
        if (query.endsWith(", cluster)")) {
            return List.of();
        }
        if (query.endsWith(", job)")) {
            return SCOPE.subList(0, 1);
        }
        if (query.endsWith(", instance)")) {
            return SCOPE.subList(0, 2);
        }
        return SCOPE;
    }

    /** promtool from -Dspillway.promtool or the PATH; absent, the test is skipped locally and fails on CI. */
    private static Path promtool() {
        String configured = System.getProperty("spillway.promtool");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("promtool is not installed: CI must check the alert rules (.ci/run installs Debian's prometheus)");
        }
        Assumptions.assumeTrue(false, "promtool is not installed (Debian package prometheus, or -Dspillway.promtool=<path>):"
                + " alert rules not checked by promtool here");
        return null;
    }
}
