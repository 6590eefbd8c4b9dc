package dev.spillway.demo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.spillway.testcluster.Await;
import dev.spillway.testcluster.ConnectCluster;
import dev.spillway.testcluster.ConnectorStatus;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The demo's JDBC pipeline: Spillway's JDBC source reading the embedded PostgreSQL's {@code orders} table in
 * {@code timestamp+incrementing} mode while a writer changes it, or, with {@code --jdbc-url}, the user's own tables,
 * only ever read.
 */
final class JdbcPipeline implements AutoCloseable {

    static final String CONNECTOR = "demo-jdbc-source";
    static final String TOPIC_PREFIX = "demo-jdbc.";
    static final String EMBEDDED_TOPIC = TOPIC_PREFIX + EmbeddedOrdersDatabase.TABLE;
    private static final Duration STATUS_EVERY = Duration.ofSeconds(20);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /**
     * The user's database, read-only. {@code tables} is the include list (null: the default schema's tables),
     * {@code incrementingColumn} switches from one bulk snapshot to incrementing mode.
     */
    record UserDatabase(String url, String user, String password, String tables, String incrementingColumn) {

        private static final Pattern SECRET_IN_URL =
                Pattern.compile("(?i)((?:password|pwd)=)[^&;]*|(//[^/:@]*:)[^/@]*@");
        private static final Pattern MARIADB_DATABASE =
                Pattern.compile("jdbc:(?:mariadb|mysql)://[^/]*/([^?;/]+).*");

        /** The include list: the given one, else every table of PostgreSQL's public schema or the URL's database. */
        String includeList() {
            if (tables != null) {
                return tables;
            }
            if (url.startsWith("jdbc:postgresql:")) {
                return "public\\..*";
            }
            Matcher database = MARIADB_DATABASE.matcher(url);
            if (database.matches()) {
                return database.group(1).replaceAll("([^A-Za-z0-9_])", "\\\\$1") + "\\..*";
            }
            throw new LocalDemo.UsageException("--jdbc-tables is needed for " + displayUrl()
                    + ": a regular expression over schema.table, e.g. 'sales\\.orders'");
        }

        /** The URL as it can be printed: any password in it replaced. */
        String displayUrl() {
            Matcher matcher = SECRET_IN_URL.matcher(url);
            StringBuilder shown = new StringBuilder();
            while (matcher.find()) {
                String prefix = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                matcher.appendReplacement(shown, Matcher.quoteReplacement(
                        prefix + "****" + (matcher.group(2) != null ? "@" : "")));
            }
            return matcher.appendTail(shown).toString();
        }

        @Override
        public String toString() {
            return "UserDatabase[url=" + displayUrl() + ", user=" + user + ", password="
                    + (password == null ? "none" : "****") + ", tables=" + tables
                    + ", incrementingColumn=" + incrementingColumn + "]";
        }
    }

    private final ConnectCluster cluster;
    private final PrintStream out;
    private final ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demo-jdbc-status");
        thread.setDaemon(true);
        return thread;
    });
    private EmbeddedOrdersDatabase database;

    JdbcPipeline(ConnectCluster cluster, PrintStream out) {
        this.cluster = cluster;
        this.out = out;
    }

    /**
     * Starts the embedded PostgreSQL and the pipeline on it, prints the snapshot and the first live changes, then a
     * status line every few seconds. Without a usable embedded PostgreSQL it says why and leaves the pipeline out.
     */
    void runEmbedded(Path workDir) throws Exception {
        out.printf("%nStarting an embedded PostgreSQL (binaries from Maven Central) for the JDBC pipeline...%n");
        try {
            database = EmbeddedOrdersDatabase.start(workDir);
        } catch (Exception e) {
            out.printf("  The embedded PostgreSQL did not start, so the JDBC pipeline is left out: %s%n"
                    + "  (details in %s; point the demo at a database of yours with --jdbc-url)%n",
                    rootMessage(e), workDir.resolve("postgres.log"));
            return;
        }
        Map<String, String> config = baseConfig(database.jdbcUrl(), EmbeddedOrdersDatabase.USER, null);
        config.put("table.include.list", EmbeddedOrdersDatabase.TABLE.replace(".", "\\."));
        config.put("mode", "timestamp+incrementing");
        config.put("timestamp.column.name", "updated_at");
        config.put("incrementing.column.name", "id");
        config.put("poll.interval.ms", "1000");
        // Kafka's own SMT: updated_at as ISO text rather than epoch milliseconds.
        config.put("transforms", "isoTime");
        config.put("transforms.isoTime.type", "org.apache.kafka.connect.transforms.TimestampConverter$Value");
        config.put("transforms.isoTime.field", "updated_at");
        config.put("transforms.isoTime.target.type", "string");
        config.put("transforms.isoTime.format", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
        if (!create(config)) {
            return;
        }
        List<ConsumerRecord<byte[], byte[]>> snapshot = cluster.topics()
                .awaitRecords(EMBEDDED_TOPIC, EmbeddedOrdersDatabase.INITIAL_ORDERS, Duration.ofSeconds(90));
        out.printf("%nPipeline %s: PostgreSQL %s at %s, table %s (timestamp+incrementing on updated_at, id; "
                + "key = primary key) -> topic %s, %d records; the first three:%n", CONNECTOR,
                database.serverVersion(), database.jdbcUrl(), EmbeddedOrdersDatabase.TABLE, EMBEDDED_TOPIC,
                snapshot.size());
        snapshot.stream().limit(3).forEach(this::printRecord);
        out.printf("  ... last: %s%n", describe(snapshot.get(snapshot.size() - 1)));

        database.startWriting();
        int seen = snapshot.size();
        List<ConsumerRecord<byte[], byte[]>> changes = cluster.topics()
                .awaitRecords(EMBEDDED_TOPIC, seen + 6, Duration.ofSeconds(90));
        out.printf("  Now one order is inserted and two are updated every second; the first changes on the topic:%n");
        changes.subList(seen, seen + 3).forEach(this::printRecord);
        status.scheduleWithFixedDelay(this::printEmbeddedStatus, STATUS_EVERY.toMillis(), STATUS_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Reads the user's tables once in bulk, or by their incrementing column; never writes to that database. */
    void runUserDatabase(UserDatabase user) {
        Map<String, String> config = baseConfig(user.url(), user.user(), user.password());
        config.put("table.include.list", user.includeList());
        if (user.incrementingColumn() != null) {
            config.put("mode", "incrementing");
            config.put("incrementing.column.name", user.incrementingColumn());
        } else {
            // One snapshot per demo run, not a re-read every few seconds of tables that may be large.
            config.put("mode", "bulk");
            config.put("poll.interval.ms", Long.toString(Duration.ofHours(1).toMillis()));
        }
        String mode = user.incrementingColumn() == null ? "bulk, one snapshot an hour"
                : "incrementing on " + user.incrementingColumn();
        out.printf("%nJDBC pipeline on your database %s (user %s, tables matching '%s', %s; read only)...%n",
                user.displayUrl(), user.user() == null ? "from the URL" : user.user(), config.get("table.include.list"),
                mode);
        if (!create(config)) {
            return;
        }
        Map<String, Long> counts = awaitQuiet();
        if (counts.isEmpty()) {
            out.printf("  No rows arrived within the wait (empty tables?); the connector keeps running.%n");
            return;
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        out.printf("%nPipeline %s: %s -> %d topic(s), %d records so far:%n", CONNECTOR, user.displayUrl(),
                counts.size(), total);
        counts.forEach((topic, count) -> {
            out.printf("  %s: %d records; the first two:%n", topic, count);
            cluster.topics().readFirst(topic, 2).forEach(this::printRecord);
        });
    }

    /** Validates, creates and awaits the connector; on any problem prints it (no secrets) and returns false. */
    private boolean create(Map<String, String> config) {
        JsonNode validation = cluster.rest().validate(config.get("connector.class"), config);
        List<String> errors = new ArrayList<>();
        for (JsonNode entry : validation.path("configs")) {
            for (JsonNode error : entry.path("value").path("errors")) {
                errors.add(entry.path("value").path("name").asText() + ": " + error.asText());
            }
        }
        if (!errors.isEmpty()) {
            out.printf("  The JDBC pipeline is left out, the connector's validation failed:%n");
            errors.forEach(error -> out.printf("    %s%n", error));
            return false;
        }
        cluster.rest().createConnector(CONNECTOR, config);
        ConnectorStatus running = cluster.rest().awaitStatus(CONNECTOR, Duration.ofSeconds(90),
                "running or failed", s -> s.isRunning(1) || s.isFailed() || !s.failedTasks().isEmpty());
        if (!running.isRunning(1)) {
            String trace = running.trace() != null || running.failedTasks().isEmpty() ? running.trace()
                    : running.failedTasks().get(0).trace();
            out.printf("  The JDBC connector failed: %s%n", trace == null ? running.state() : firstLine(trace));
            return false;
        }
        return true;
    }

    private static Map<String, String> baseConfig(String url, String user, String password) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "dev.spillway.connect.jdbc.JdbcSourceConnector");
        config.put("tasks.max", "1");
        config.put("connection.url", url);
        if (user != null) {
            config.put("connection.user", user);
        }
        if (password != null) {
            config.put("connection.password", password);
        }
        config.put("topic.prefix", TOPIC_PREFIX);
        // Plain JSON, decimals as numbers: records a person can read.
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("value.converter.decimal.format", "NUMERIC");
        return config;
    }

    /** Waits until records arrived on the pipeline's topics and stopped growing for a few seconds (or 2 minutes). */
    private Map<String, Long> awaitQuiet() {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Map<String, Long> last = Map.of();
        int quietPolls = 0;
        while (System.nanoTime() < deadline) {
            Map<String, Long> counts = new LinkedHashMap<>();
            cluster.topics().listTopics().stream().filter(t -> t.startsWith(TOPIC_PREFIX)).sorted()
                    .forEach(topic -> counts.put(topic, cluster.topics().endOffset(topic)));
            counts.values().removeIf(count -> count == 0);
            quietPolls = !counts.isEmpty() && counts.equals(last) ? quietPolls + 1 : 0;
            if (quietPolls >= 3) {
                return counts;
            }
            last = counts;
            Await.pause(Duration.ofSeconds(2));
        }
        return last;
    }

    private void printEmbeddedStatus() {
        try {
            long records = cluster.topics().endOffset(EMBEDDED_TOPIC);
            out.printf("  [%s] %s: %d orders inserted, %d updated since the snapshot; topic %s: %d records%n",
                    LocalTime.now().format(CLOCK), CONNECTOR, database.inserts(),
                    database.updates(), EMBEDDED_TOPIC, records);
        } catch (RuntimeException e) {
            // Shutting down: the broker may already be gone.
        }
    }

    private void printRecord(ConsumerRecord<byte[], byte[]> record) {
        out.printf("  %s%n", describe(record));
    }

    private static String describe(ConsumerRecord<byte[], byte[]> record) {
        return "key=" + text(record.key()) + " value=" + text(record.value());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return Optional.ofNullable(root.getMessage()).orElse(root.getClass().getSimpleName());
    }

    /** The embedded PostgreSQL's URL, once it runs. */
    Optional<String> embeddedUrl() {
        return Optional.ofNullable(database).map(EmbeddedOrdersDatabase::jdbcUrl);
    }

    /** Stops the status line and the embedded database (if any); idempotent. */
    @Override
    public void close() {
        status.shutdownNow();
        if (database != null) {
            database.close();
        }
    }
}
