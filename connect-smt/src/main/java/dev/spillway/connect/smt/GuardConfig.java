package dev.spillway.connect.smt;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.transforms.Transformation;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Configuration of the {@link Guard} transform: its own settings, and the inner transforms with their settings
 * under {@code transforms.<alias>.}, in the worker's syntax.
 */
public final class GuardConfig extends AbstractConfig {

    private static final String CHAIN_GROUP = "Inner transforms";
    private static final String ERRORS_GROUP = "Error topic";

    public static final String TRANSFORMS_CONFIG = "transforms";
    public static final String TRANSFORMS_DOC = "Aliases of the inner transforms, comma-separated, applied in"
        + " this order. Each alias needs 'transforms.<alias>.type' (the class, with a public no-argument"
        + " constructor) and takes that transform's settings as 'transforms.<alias>.<setting>', as in a connector"
        + " configuration. Because the worker strips Guard's own prefix, a connector writes them as"
        + " transforms.<guard alias>.transforms.<alias>.type and so on. Inner predicates are not supported.";
    private static final String TRANSFORMS_DISPLAY = "Inner transforms";

    public static final String TRANSFORM_PREFIX = "transforms.";
    public static final String TYPE_SUFFIX = "type";
    /** Settings the worker handles for its own chain; Guard does not, so it rejects them. */
    private static final List<String> UNSUPPORTED_SUFFIXES = List.of("predicate", "negate");

    public static final String ERROR_TOPIC_CONFIG = "error.topic";
    public static final String ERROR_TOPIC_DOC = "The topic that records go to, unchanged as they entered Guard,"
        + " when an inner transform throws. They carry the __connect.errors.* headers of Connect's dead letter"
        + " queue and __spillway.errors.transform.alias, and no partition, so that the producer chooses (sink records, which must have one, keep theirs).";
    private static final String ERROR_TOPIC_DISPLAY = "Error topic";

    public static final String INCLUDE_STACKTRACE_CONFIG = "errors.include.stacktrace";
    public static final String INCLUDE_STACKTRACE_DOC = "Whether routed records carry the exception's stack"
        + " trace in the __connect.errors.exception.stacktrace header, as Connect's dead letter queue does. Stack"
        + " traces can be several kilobytes; they count towards the producer's max.request.size.";
    public static final boolean INCLUDE_STACKTRACE_DEFAULT = true;
    private static final String INCLUDE_STACKTRACE_DISPLAY = "Include stack trace";

    public static final String CONNECTOR_NAME_CONFIG = "connector.name";
    public static final String CONNECTOR_NAME_DOC = "The value of the __connect.errors.connector.name header. A"
        + " transform is not told which connector runs it, so the header is absent unless this is set (typically"
        + " to the connector's name). The __connect.errors.task.id header is always absent, for the same reason.";
    private static final String CONNECTOR_NAME_DISPLAY = "Connector name";

    private static final ConfigDef CONFIG_DEF = new ConfigDef()
        .define(TRANSFORMS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new ValidAliases(), Importance.HIGH,
            TRANSFORMS_DOC, CHAIN_GROUP, 1, Width.LONG, TRANSFORMS_DISPLAY)
        .define(ERROR_TOPIC_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
            new RouteByFieldConfig.ValidTopicName(), Importance.HIGH, ERROR_TOPIC_DOC, ERRORS_GROUP, 1,
            Width.MEDIUM, ERROR_TOPIC_DISPLAY)
        .define(INCLUDE_STACKTRACE_CONFIG, Type.BOOLEAN, INCLUDE_STACKTRACE_DEFAULT, Importance.LOW,
            INCLUDE_STACKTRACE_DOC, ERRORS_GROUP, 2, Width.SHORT, INCLUDE_STACKTRACE_DISPLAY)
        .define(CONNECTOR_NAME_CONFIG, Type.STRING, null, Importance.LOW, CONNECTOR_NAME_DOC, ERRORS_GROUP, 3,
            Width.MEDIUM, CONNECTOR_NAME_DISPLAY);

    /** One inner transform: its alias, class, and the settings to configure it with. */
    public record InnerTransform(String alias, Class<? extends Transformation<?>> type, Map<String, Object> config) {
        public InnerTransform {
            config = Map.copyOf(config);
        }
    }

    private final List<InnerTransform> innerTransforms;

    public GuardConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals, false);
        List<InnerTransform> inner = new ArrayList<>();
        for (String alias : getList(TRANSFORMS_CONFIG)) {
            inner.add(innerTransform(alias.trim()));
        }
        this.innerTransforms = List.copyOf(inner);
    }

    /** A copy of the definition of every setting, for {@code Transformation.config()} and documentation. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    private InnerTransform innerTransform(String alias) {
        String prefix = TRANSFORM_PREFIX + alias + ".";
        // Like the worker: the inner transform gets its settings without the prefix, 'type' included.
        Map<String, Object> config = originalsWithPrefix(prefix);
        for (String unsupported : UNSUPPORTED_SUFFIXES) {
            if (config.containsKey(unsupported)) {
                throw new ConfigException(prefix + unsupported, config.get(unsupported), "predicates are not"
                    + " supported on transforms inside Guard; put the predicate on Guard itself");
            }
        }
        Object type = config.get(TYPE_SUFFIX);
        if (type == null || type.toString().isBlank()) {
            throw new ConfigException(prefix + TYPE_SUFFIX, type, "the class of inner transform '" + alias
                + "' is required");
        }
        return new InnerTransform(alias, loadTransformClass(prefix + TYPE_SUFFIX, type), config);
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Transformation<?>> loadTransformClass(String key, Object type) {
        Class<?> cls;
        if (type instanceof Class<?> given) {
            cls = given;
        } else {
            cls = loadClass(key, type.toString().trim());
        }
        if (!Transformation.class.isAssignableFrom(cls)) {
            throw new ConfigException(key, type, "the class does not implement " + Transformation.class.getName());
        }
        if (Modifier.isAbstract(cls.getModifiers()) || !Modifier.isPublic(cls.getModifiers())) {
            throw new ConfigException(key, type, "the class must be public and concrete (for transforms with"
                + " Key and Value variants, name one, such as " + Mask.Value.class.getName() + ")");
        }
        try {
            if (!Modifier.isPublic(cls.getConstructor().getModifiers())) {
                throw new NoSuchMethodException();
            }
        } catch (NoSuchMethodException e) {
            throw new ConfigException(key, type, "the class has no public no-argument constructor");
        }
        if (cls == Guard.class) {
            throw new ConfigException(key, type, "Guard cannot wrap another Guard");
        }
        return (Class<? extends Transformation<?>>) cls;
    }

    /**
     * The worker runs transforms with the connector's plugin class loader as context loader, which also finds
     * other plugins; Guard's own loader is the fallback (for Spillway's transforms and in tests).
     *
     * <p>Loaded without initialising: a class's static initialiser is code that runs on the worker, so it only
     * runs once the class has passed every check above (it implements {@link Transformation}, is public, concrete
     * and has a public no-argument constructor), when Guard instantiates it. A configuration that names some other
     * class on the worker's class path is rejected without running any of its code.
     */
    private static Class<?> loadClass(String key, String name) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            try {
                return Class.forName(name, false, context);
            } catch (ClassNotFoundException e) {
                // Fall through to our own loader.
            }
        }
        try {
            return Class.forName(name, false, GuardConfig.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigException(key, name, "class not found; check the name, and that its plugin is"
                + " installed on the worker's plugin.path");
        }
    }

    /** The inner transforms in the order they run. */
    public List<InnerTransform> innerTransforms() {
        return innerTransforms;
    }

    public String errorTopic() {
        return getString(ERROR_TOPIC_CONFIG);
    }

    public boolean includeStacktrace() {
        return getBoolean(INCLUDE_STACKTRACE_CONFIG);
    }

    public Optional<String> connectorName() {
        return Optional.ofNullable(getString(CONNECTOR_NAME_CONFIG));
    }

    private static final class ValidAliases implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            List<?> aliases = (List<?>) value;
            if (aliases == null) {
                return;
            }
            if (aliases.isEmpty()) {
                throw new ConfigException(name, value, "at least one inner transform is required");
            }
            Set<String> seen = new HashSet<>();
            for (Object alias : aliases) {
                String text = alias.toString().trim();
                if (text.isEmpty()) {
                    throw new ConfigException(name, value, "an alias is empty");
                }
                if (!seen.add(text)) {
                    throw new ConfigException(name, value, "the alias '" + text + "' is listed twice");
                }
            }
        }

        @Override
        public String toString() {
            return "one or more distinct aliases, comma-separated";
        }
    }
}
