package dev.spillway.connect.rest;

import dev.spillway.connect.common.flow.InFlightRecords;
import dev.spillway.connect.common.rate.RateLimiter;
import dev.spillway.connect.common.version.PluginVersion;
import dev.spillway.connect.rest.auth.Authenticator;
import dev.spillway.connect.rest.http.HttpFetcher;
import dev.spillway.connect.rest.http.ServerWaitTooLongException;
import dev.spillway.connect.rest.metrics.EndpointMetrics;
import dev.spillway.connect.rest.metrics.RestTaskMetrics;
import dev.spillway.connect.rest.net.StopSignal;
import dev.spillway.connect.rest.net.TaskStoppingException;
import dev.spillway.connect.rest.offset.SourceOffset;
import dev.spillway.connect.rest.offset.SourcePartition;
import dev.spillway.connect.rest.pagination.PagePosition;
import dev.spillway.connect.rest.pagination.Pagination;
import dev.spillway.connect.rest.pagination.PaginationSettings;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Polls the endpoints assigned to it, one page per {@code poll()}, taking turns among the endpoints that are due.
 * Positions live in memory between polls; the stored offsets are only read in {@link #start}. The next page waits
 * while the worker holds too many unacknowledged records ({@link InFlightRecords}).
 */
public final class RestSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(RestSourceTask.class);
    /** Longest a {@code poll()} blocks while no endpoint is due, so pause and rebalance are not held up. */
    static final Duration MAX_IDLE_WAIT = Duration.ofSeconds(1);

    private final StopSignal stop = new StopSignal();
    private final List<EndpointReader> readers = new ArrayList<>();
    private Duration transientFailurePause;
    private int turn;
    private InFlightRecords inFlight;
    /** Registered in start(), unregistered in stop(), which the worker calls from another thread. */
    private volatile RestTaskMetrics metrics;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        RestSourceTaskConfig config;
        try {
            config = new RestSourceTaskConfig(props);
            config.requireValid();
        } catch (ConfigException e) {
            throw new ConnectException("Invalid REST source task configuration: " + e.getMessage(), e);
        }
        inFlight = InFlightRecords.forTask(props, 0);
        // The worker calls stop() only after a successful start(): a failed start must not leave MBeans behind.
        metrics = RestTaskMetrics.register(context, props);
        try {
            start(config);
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
    }

    private void start(RestSourceTaskConfig config) {
        transientFailurePause = config.http().retryPolicy().maxBackoff();
        HttpClient client = HttpFetcher.newClient(config.http().connectTimeout(), config.tls().sslContext());
        String userAgent = "spillway-rest-source/" + PluginVersion.get();
        Authenticator authenticator = config.authenticator(client, stop, userAgent);
        HttpFetcher fetcher = new HttpFetcher(client, authenticator, config.http().retryPolicy(),
            new RateLimiter(config.http().maxRequestsPerSecond()), config.http().readTimeout(), stop, userAgent, Clock.systemUTC(),
            config.http().limits());

        List<Endpoint> endpoints = config.endpoints();
        Map<Map<String, Object>, Map<String, Object>> stored = storedOffsets(endpoints);
        for (Endpoint endpoint : endpoints) {
            Pagination pagination = config.pagination(endpoint.name());
            Map<String, Object> offset = stored.get(new SourcePartition(endpoint.name()).toMap());
            PagePosition start = startPosition(endpoint, pagination, offset);
            RecordSettings recordSettings = config.records();
            RecordFactory records = new RecordFactory(endpoint, pagination.type(), recordSettings.keyPointer(),
                recordSettings.valueFormat(), recordSettings.timestampPointer(),
                recordSettings.valueFormat() == ValueFormat.STRUCT ? recordSettings.structs() : null,
                recordSettings.pageHeaders(endpoint, config.endpointSettings()));
            EndpointMetrics endpointMetrics = metrics.endpoint(endpoint.name(), EndpointReader.bySince(pagination));
            readers.add(new EndpointReader(endpoint, pagination, config.paginationSettings(endpoint.name()),
                fetcher, records, config.paginationSettings().maxPages(), config.endpointSettings().pollInterval(),
                start, endpointMetrics));
        }
        // Header names only: a value may be secret.
        LOG.info("REST source task started: {} endpoint(s) {}, authentication {}", readers.size(),
            endpoints.stream().map(e -> e.name() + " (" + e.method() + ", " + config.paginationType(e.name())
                + (e.headers().isEmpty() ? "" : ", headers " + e.headers().names()) + ")").toList(),
            authenticator.describe());
    }

    private Map<Map<String, Object>, Map<String, Object>> storedOffsets(Collection<Endpoint> endpoints) {
        OffsetStorageReader reader = context.offsetStorageReader();
        List<Map<String, Object>> partitions =
            endpoints.stream().map(endpoint -> new SourcePartition(endpoint.name()).toMap()).toList();
        Map<Map<String, Object>, Map<String, Object>> offsets = reader.offsets(partitions);
        return offsets == null ? Map.of() : offsets;
    }

    private static PagePosition startPosition(Endpoint endpoint, Pagination pagination, Map<String, Object> stored) {
        if (stored == null) {
            LOG.info("Endpoint '{}': no stored offset, starting at the first page", endpoint.name());
            return PagePosition.start(pagination.first());
        }
        SourceOffset offset;
        try {
            offset = SourceOffset.fromMap(stored);
        } catch (IllegalArgumentException e) {
            throw new ConnectException("Endpoint '" + endpoint.name() + "': the stored offset cannot be read: "
                + e.getMessage() + ". Reset or alter this connector's offsets (Kafka 3.6+: stop it, then DELETE or"
                + " PATCH /connectors/<name>/offsets).", e);
        }
        if (!pagination.kind().wrote(offset.pagination())) {
            // A cursor means nothing to a page-number walk: refuse rather than guess, which could skip items.
            throw new ConnectException("Endpoint '" + endpoint.name() + "': the stored offset was written with "
                + PaginationSettings.PAGINATION_TYPE_CONFIG + "=" + offset.pagination() + ", but the endpoint now"
                + " uses " + pagination.type() + ". Reset or alter this connector's offsets to start over.");
        }
        try {
            // A stored next link must lead to the endpoint's own origin (see NextUrlPagination.uri): fail here,
            // before any request, rather than send the credentials elsewhere or silently start over.
            pagination.uri(endpoint.url(), offset.position().state());
        } catch (IllegalArgumentException e) {
            throw new ConnectException("Endpoint '" + endpoint.name() + "': the stored offset cannot be resumed: "
                + e.getMessage() + ". It was written for another " + EndpointSettings.BASE_URL_CONFIG + " or"
                + " endpoint URL, or altered: reset this connector's offsets (stop it, then DELETE"
                + " /connectors/<name>/offsets) to start over, or PATCH them to a URL of the endpoint's origin.");
        }
        LOG.info("Endpoint '{}': resuming from the stored offset at {}", endpoint.name(), offset.position());
        return offset.position();
    }

    @Override
    public List<SourceRecord> poll() {
        if (stop.isStopped()) {
            return null;
        }
        if (!inFlight.hasRoom() && !inFlight.awaitRoom(MAX_IDLE_WAIT, stop::isStopped)) {
            return null;
        }
        EndpointReader reader = nextDue();
        if (reader == null) {
            long earliest = readers.stream().mapToLong(EndpointReader::dueAtNanos).min().orElse(Long.MAX_VALUE);
            Duration wait = Duration.ofNanos(Math.max(0, earliest - System.nanoTime()));
            stop.await(wait.compareTo(MAX_IDLE_WAIT) < 0 ? wait : MAX_IDLE_WAIT);
            return null;
        }
        try {
            List<SourceRecord> records = reader.readPage();
            inFlight.returned(records.size());
            return records.isEmpty() ? null : records;
        } catch (TaskStoppingException e) {
            return null;
        } catch (ServerWaitTooLongException e) {
            // The server asked for a longer wait than allowed: rest the endpoint for the longest allowed one.
            Duration rest = e.askAgainAfter();
            reader.postpone(rest.compareTo(transientFailurePause) > 0 ? rest : transientFailurePause);
            throw e;
        } catch (RetriableException e) {
            // The fetcher used up its retries; keep the position and let the worker poll again, later.
            reader.postpone(transientFailurePause);
            throw e;
        }
    }

    /** The worker acknowledged a record: see {@link InFlightRecords}. */
    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        inFlight.acknowledged();
    }

    /** The next endpoint in turn whose next page is due, or null. */
    private EndpointReader nextDue() {
        long now = System.nanoTime();
        for (int i = 0; i < readers.size(); i++) {
            EndpointReader reader = readers.get((turn + i) % readers.size());
            if (reader.dueAtNanos() - now <= 0) {
                turn = (turn + i + 1) % readers.size();
                return reader;
            }
        }
        return null;
    }

    @Override
    public void stop() {
        stop.stop();
        RestTaskMetrics registered = metrics;
        if (registered != null) {
            registered.close();
        }
    }
}
