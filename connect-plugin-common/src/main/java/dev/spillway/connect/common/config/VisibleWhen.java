package dev.spillway.connect.common.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.ConfigDef;

/**
 * A recommender that shows a dependent key only while another key holds one of some values, such as the OAuth2 keys
 * only with {@code http.auth.type=oauth2}. Config UIs and the worker's {@code validate} use it to hide the keys
 * that the chosen mode or type does not read.
 */
public final class VisibleWhen implements ConfigDef.Recommender {

    private final String key;
    private final Set<? extends ConfigChoice> values;
    private final List<Object> choices;

    private VisibleWhen(String key, Set<? extends ConfigChoice> values, List<Object> choices) {
        this.key = key;
        this.values = values;
        this.choices = choices;
    }

    /** Visible while {@code key} is one of {@code choices}. */
    @SafeVarargs
    public static <E extends Enum<E> & ConfigChoice> VisibleWhen keyIs(String key, E... choices) {
        return new VisibleWhen(key, Set.copyOf(java.util.Arrays.asList(choices)), List.of());
    }

    /** The same visibility, and the dependent key's own choices listed. */
    public <E extends Enum<E> & ConfigChoice> VisibleWhen listing(Class<E> type) {
        return new VisibleWhen(key, values, List.copyOf(ConfigChoice.values(type)));
    }

    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return choices;
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
        Object current = parsedConfig.get(key);
        // In any case, as the validator accepts it.
        return current != null && values.stream().anyMatch(choice -> choice.matches(current.toString()));
    }
}
