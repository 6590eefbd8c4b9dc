package dev.spillway.connect.rest;

import dev.spillway.connect.common.config.Problem;
import dev.spillway.connect.common.version.PluginVersion;
import dev.spillway.connect.rest.offset.SourceOffset;
import dev.spillway.connect.rest.offset.SourcePartition;
import dev.spillway.connect.rest.pagination.Pagination;
import dev.spillway.connect.rest.pagination.PaginationSettings;
import dev.spillway.connect.rest.pagination.PaginationType;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Polls JSON HTTP APIs page by page into Kafka, one source partition per endpoint, with offsets that say exactly
 * where a restarted task resumes.
 */
public final class RestSourceConnector extends SourceConnector {

    /** Rendered at the top of the generated configuration reference. */
    public static final String OVERVIEW_DOC = "Polls JSON HTTP APIs into Kafka: each endpoint is walked page by page"
        + " (cursor, next URL, Link header, page number, offset/limit or a since-watermark), each item becomes a"
        + " record, and the source offset is the request that fetched the item's page plus the number of its items"
        + " already emitted, so a restart resumes without skipping or repeating items. After the last page it waits"
        + " poll.interval.ms and asks again from there. Transient HTTP failures are retried with backoff; other"
        + " failures stop the task rather than skip a page. See docs/rest-source.md.";

    private Map<String, String> props;
    private RestSourceConfig config;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public ConfigDef config() {
        return RestSourceConfig.configDef();
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        this.config = new RestSourceConfig(props);
        config.requireValid();
    }

    @Override
    public Class<? extends Task> taskClass() {
        return RestSourceTask.class;
    }

    /**
     * Endpoints round-robin over {@code min(maxTasks, endpoints)} tasks: endpoint {@code i} goes to task
     * {@code i % tasks}, so the split only depends on the order of the {@code endpoints} list.
     */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<String> entries = config.endpointEntries();
        int tasks = Math.min(maxTasks, entries.size());
        List<List<String>> assigned = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            assigned.add(new ArrayList<>());
        }
        for (int i = 0; i < entries.size(); i++) {
            assigned.get(i % tasks).add(entries.get(i).trim());
        }
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<String> own : assigned) {
            Map<String, String> taskConfig = new HashMap<>(props);
            taskConfig.put(RestSourceTaskConfig.TASK_ENDPOINTS_CONFIG, String.join(",", own));
            configs.add(taskConfig);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    /**
     * The ConfigDef's own checks, then the cross-setting checks, each on the key it is about; then, if all pass and
     * {@code validate.probe} is on, one request for the first page of the first endpoint.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = result.configValues().stream()
            .collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        // The answer echoes every value: URLs in it lose their userinfo and query values, as in error messages.
        for (ConfigValue value : result.configValues()) {
            Object shown = RestSourceConfig.shown(value.name(), value.value());
            if (value.value() != null && !(value.value() instanceof Password) && !shown.equals(value.value())) {
                value.value(shown);
            }
        }
        RestSourceConfig parsed;
        try {
            parsed = new RestSourceConfig(connectorConfigs);
        } catch (ConfigException e) {
            // A single setting is invalid: the ConfigDef validation above already reported it on its key.
            return result;
        }
        for (Problem problem : parsed.problems()) {
            ConfigValue value = values.get(problem.key());
            if (value != null) {
                value.addErrorMessage(problem.message());
            }
        }
        boolean valid = result.configValues().stream().allMatch(value -> value.errorMessages().isEmpty());
        if (valid && parsed.http().validateProbe()) {
            EndpointProbe.problem(parsed)
                .ifPresent(problem -> values.get(EndpointSettings.ENDPOINTS_CONFIG).addErrorMessage(problem));
        }
        return result;
    }

    /**
     * Offsets are exact positions (request state plus items emitted), and on restart the task re-reads from the
     * committed offset only, so with exactly-once support on the worker records and offsets commit atomically and
     * each item is written once. That holds when the same request returns the same items, which each
     * {@link PaginationType#positionsAreStable()} answers; every endpoint's type must say yes.
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        RestSourceConfig parsed;
        try {
            parsed = new RestSourceConfig(connectorConfig);
        } catch (ConfigException e) {
            return ExactlyOnceSupport.UNSUPPORTED;
        }
        try {
            for (String endpoint : parsed.endpointNames()) {
                PaginationSettings pagination = parsed.paginationSettings(endpoint);
                if (!pagination.problems().isEmpty() || !pagination.type().positionsAreStable()) {
                    return ExactlyOnceSupport.UNSUPPORTED;
                }
            }
        } catch (ConfigException | IllegalArgumentException e) {
            return ExactlyOnceSupport.UNSUPPORTED;
        }
        return ExactlyOnceSupport.SUPPORTED;
    }

    /** Checks offsets supplied through {@code PATCH /connectors/<name>/offsets}; a null offset resets an endpoint. */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        RestSourceConfig parsed = new RestSourceConfig(connectorConfig);
        Set<String> names = parsed.endpointNames();
        Map<String, java.net.URI> urls = parsed.endpoints().stream()
            .collect(Collectors.toMap(Endpoint::name, Endpoint::url));
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            SourcePartition partition;
            try {
                partition = SourcePartition.fromMap(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw new ConnectException("Invalid source partition: " + e.getMessage(), e);
            }
            if (!names.contains(partition.endpoint())) {
                throw new ConnectException("Partition " + entry.getKey() + " names no endpoint of this connector;"
                    + " endpoints are " + names);
            }
            if (entry.getValue() == null) {
                continue;
            }
            SourceOffset offset;
            try {
                offset = SourceOffset.fromMap(entry.getValue());
            } catch (IllegalArgumentException e) {
                throw new ConnectException("Invalid offset for endpoint '" + partition.endpoint() + "': "
                    + e.getMessage(), e);
            }
            PaginationType pagination = parsed.paginationSettings(partition.endpoint()).type();
            if (!pagination.wrote(offset.pagination())) {
                throw new ConnectException("Offset for endpoint '" + partition.endpoint() + "' is for pagination "
                    + offset.pagination() + ", but the endpoint uses " + pagination.configValue());
            }
            try {
                // The same check a task applies to a stored next link before requesting it.
                Pagination own = parsed.pagination(partition.endpoint());
                if (own != null) {
                    own.uri(urls.get(partition.endpoint()), offset.position().state());
                }
            } catch (IllegalArgumentException e) {
                throw new ConnectException("Invalid offset for endpoint '" + partition.endpoint() + "': "
                    + e.getMessage());
            }
        }
        return true;
    }
}
