package dev.spillway.connect.smt.field;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.util.List;

/**
 * Validates a {@code STRING} config holding one {@link FieldPath}, or a {@code LIST} config holding at least one,
 * so that a malformed path fails when the connector is validated rather than on the first record.
 */
public final class FieldPathValidator implements ConfigDef.Validator {

    private final boolean list;

    private FieldPathValidator(boolean list) {
        this.list = list;
    }

    /** For a {@code STRING} config holding one path. */
    public static FieldPathValidator single() {
        return new FieldPathValidator(false);
    }

    /** For a {@code LIST} config holding one or more paths. */
    public static FieldPathValidator list() {
        return new FieldPathValidator(true);
    }

    @Override
    public void ensureValid(String name, Object value) {
        // Missing required values are reported by ConfigDef itself; optional ones may be null.
        if (value == null) {
            return;
        }
        if (!list) {
            parse(name, value, value);
            return;
        }
        List<?> paths = (List<?>) value;
        if (paths.isEmpty()) {
            throw new ConfigException(name, value, "at least one field path is required");
        }
        for (Object path : paths) {
            parse(name, value, path);
        }
    }

    private static void parse(String name, Object configValue, Object path) {
        try {
            FieldPath.parse((String) path);
        } catch (ConfigException e) {
            throw new ConfigException(name, configValue, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return list
            ? "one or more comma-separated field paths, e.g. customer.email,items[*].sku,`a.b`.c"
            : "a field path, e.g. customer.address.city or items[*].sku";
    }
}
