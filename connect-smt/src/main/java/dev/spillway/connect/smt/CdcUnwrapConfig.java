package dev.spillway.connect.smt;

import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.smt.cdc.HeaderFieldDrop;
import dev.spillway.connect.smt.cdc.MetadataField;
import dev.spillway.connect.smt.cdc.RowTopic;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the {@link CdcUnwrap} transform. Keys, values and defaults are those of Debezium's
 * {@code ExtractNewRecordState} (3.2 and later) wherever Spillway offers the same feature.
 */
public final class CdcUnwrapConfig extends AbstractConfig {

    private static final String DELETES_GROUP = "Deletes and tombstones";
    private static final String FIELDS_GROUP = "Metadata fields";
    private static final String HEADERS_GROUP = "Metadata headers";
    private static final String ROUTING_GROUP = "Routing";
    private static final String DROP_GROUP = "Dropped fields";

    /** The field that the rewrite modes add to every row, as Debezium does. */
    public static final String DELETED_FIELD = "__deleted";

    public static final String DELETE_TOMBSTONE_HANDLING_MODE_CONFIG = "delete.tombstone.handling.mode";
    public static final String DELETE_TOMBSTONE_HANDLING_MODE_DOC = "What to do with delete events (op=d) and with"
        + " tombstones (records with a null value, which Debezium writes after each delete), with the values and"
        + " meaning of Debezium's setting of the same name. 'tombstone': a delete becomes a record with a null"
        + " value (keeping the key, and with a schema, the row's value schema); original tombstones are dropped."
        + " 'delete-to-tombstone': a delete becomes a true tombstone (null value and null value schema); original"
        + " tombstones are dropped. 'drop': deletes and tombstones are both dropped. 'rewrite': a delete becomes"
        + " its 'before' row plus a field " + DELETED_FIELD + "='true', every other row gets " + DELETED_FIELD
        + "='false' (an optional string field), and tombstones are dropped. 'rewrite-with-tombstone': as"
        + " 'rewrite', but tombstones are kept.";
    public static final String DELETE_TOMBSTONE_HANDLING_MODE_DEFAULT = DeleteTombstoneHandling.TOMBSTONE.configValue();
    private static final String DELETE_TOMBSTONE_HANDLING_MODE_DISPLAY = "Delete and tombstone handling";

    public static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";
    public static final String REPLACE_NULL_WITH_DEFAULT_DOC = "In the rewrite modes, whether a null column whose"
        + " schema has a default value is emitted as that default, as Debezium's setting of the same name does"
        + " there (through Kafka's InsertField). Every other row keeps its values as they are, nulls included, in"
        + " every mode, as in Debezium. Rows without a schema have no defaults and are never changed.";
    public static final boolean REPLACE_NULL_WITH_DEFAULT_DEFAULT = true;
    private static final String REPLACE_NULL_WITH_DEFAULT_DISPLAY = "Replace nulls with defaults (rewrite modes)";

    public static final String ROUTE_BY_FIELD_CONFIG = "route.by.field";
    public static final String ROUTE_BY_FIELD_DOC = "A string column of the row whose value becomes the record's"
        + " topic, as with Debezium's setting of the same name: a top-level column name taken as it is, not a field"
        + " path (a dot or backtick is part of the name). Inserts, snapshot reads and updates read it from"
        + " the 'after' row, deletes (in every mode but 'drop') from the 'before' row. A null or blank value keeps"
        + " the topic; a null column with a default routes to the default. Empty: every record keeps its topic.";
    public static final String ROUTE_BY_FIELD_DEFAULT = "";
    private static final String ROUTE_BY_FIELD_DISPLAY = "Route by column";

    public static final String ADD_FIELDS_CONFIG = "add.fields";
    public static final String ADD_FIELDS_DOC = "Values of the change event to add to the row as fields,"
        + " comma-separated, such as op,source.ts_ms,table,lsn. Each entry is a field path into the envelope"
        + " (see docs/smt/field-paths.md). As in Debezium, a bare name is looked up where Debezium keeps it: op and"
        + " ts_ms in the envelope, id, total_order and data_collection_order in 'transaction', anything else in"
        + " 'source', and otherwise in the envelope. The added field is named add.fields.prefix followed by the"
        + " bare name (__table) or the path's names joined by underscores (__source_ts_ms), or by a name given"
        + " after a colon (source.ts_ms:event_time gives __event_time). A field the change event's schema (or"
        + " map) does not have is not added; one that is null, or inside a null struct, is added as null. Added"
        + " fields are optional and follow the row's fields (and " + DELETED_FIELD + ").";
    public static final String ADD_FIELDS_DEFAULT = "";
    private static final String ADD_FIELDS_DISPLAY = "Fields to add";

    public static final String ADD_FIELDS_PREFIX_CONFIG = "add.fields.prefix";
    public static final String ADD_FIELDS_PREFIX_DOC = "Prepended to the name of each field that add.fields adds.";
    public static final String ADD_FIELDS_PREFIX_DEFAULT = "__";
    private static final String ADD_FIELDS_PREFIX_DISPLAY = "Added field prefix";

    public static final String ADD_HEADERS_CONFIG = "add.headers";
    public static final String ADD_HEADERS_DOC = "Values of the change event to add as record headers,"
        + " comma-separated, with the same entries and naming as add.fields (using add.headers.prefix). With a"
        + " schema, each header has the field's schema made optional. A value the change event does not have adds"
        + " no header. Headers are added to every record the transform emits for a change event, including"
        + " deletes turned into tombstones; a kept tombstone gets only the header for 'op', with the value 'd'.";
    public static final String ADD_HEADERS_DEFAULT = "";
    private static final String ADD_HEADERS_DISPLAY = "Headers to add";

    public static final String ADD_HEADERS_PREFIX_CONFIG = "add.headers.prefix";
    public static final String ADD_HEADERS_PREFIX_DOC = "Prepended to the name of each header that add.headers adds.";
    public static final String ADD_HEADERS_PREFIX_DEFAULT = "__";
    private static final String ADD_HEADERS_PREFIX_DISPLAY = "Added header prefix";

    public static final String DROP_FIELDS_HEADER_NAME_CONFIG = "drop.fields.header.name";
    public static final String DROP_FIELDS_HEADER_NAME_DOC = "A record header that lists fields to drop from each"
        + " row, as Debezium's setting of the same name: typically the list of changed or unchanged columns that"
        + " Debezium's ExtractChangedRecordState writes (header.changed.name, header.unchanged.name); each entry is"
        + " a top-level field name taken as it is, not a field path. Applies to"
        + " every row emitted for a change event (for inserts and updates after add.fields, for rewritten deletes"
        + " before them). Without the header, or with a null or empty list, nothing is dropped. Empty: off.";
    public static final String DROP_FIELDS_HEADER_NAME_DEFAULT = "";
    private static final String DROP_FIELDS_HEADER_NAME_DISPLAY = "Header listing fields to drop";

    public static final String DROP_FIELDS_FROM_KEY_CONFIG = "drop.fields.from.key";
    public static final String DROP_FIELDS_FROM_KEY_DOC = "Whether the fields that " + DROP_FIELDS_HEADER_NAME_CONFIG
        + " lists are dropped from the record key too, as Debezium's setting of the same name.";
    public static final boolean DROP_FIELDS_FROM_KEY_DEFAULT = false;
    private static final String DROP_FIELDS_FROM_KEY_DISPLAY = "Drop from the key too";

    public static final String DROP_FIELDS_KEEP_SCHEMA_COMPATIBLE_CONFIG = "drop.fields.keep.schema.compatible";
    public static final String DROP_FIELDS_KEEP_SCHEMA_COMPATIBLE_DOC = "As Debezium's setting of the same name: true"
        + " drops only the listed fields whose schema is optional (required ones keep their values), so each"
        + " derived schema stays backward compatible; false drops every listed field. As in Debezium (which drops"
        + " through Kafka's ReplaceField), a row or key that loses fields, or with false any whose header lists"
        + " names, carries the defaults of its remaining null columns. Rows without a schema lose every listed"
        + " field.";
    public static final boolean DROP_FIELDS_KEEP_SCHEMA_COMPATIBLE_DEFAULT = true;
    private static final String DROP_FIELDS_KEEP_SCHEMA_COMPATIBLE_DISPLAY = "Drop optional fields only";

    /** Debezium settings that were replaced by delete.tombstone.handling.mode and that Spillway does not accept. */
    private static final List<String> REMOVED_DEBEZIUM_CONFIGS = List.of("drop.tombstones", "delete.handling.mode");

    private static final ConfigDef CONFIG_DEF = buildConfigDef();

    private final DeleteTombstoneHandling deleteTombstoneHandling;
    private final boolean replaceNullWithDefault;
    private final List<MetadataField> addFields;
    private final List<MetadataField> addHeaders;

    public CdcUnwrapConfig(Map<?, ?> originals) {
        // Like Kafka's own transforms, do not log every value again for each task.
        super(CONFIG_DEF, originals, false);
        rejectRemovedDebeziumConfigs(originals);
        this.deleteTombstoneHandling = ConfigChoice.parse(DeleteTombstoneHandling.class, DELETE_TOMBSTONE_HANDLING_MODE_CONFIG,
            getString(DELETE_TOMBSTONE_HANDLING_MODE_CONFIG));
        this.replaceNullWithDefault = getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
        this.addFields = parseAll(ADD_FIELDS_CONFIG, getString(ADD_FIELDS_PREFIX_CONFIG));
        this.addHeaders = parseAll(ADD_HEADERS_CONFIG, getString(ADD_HEADERS_PREFIX_CONFIG));
        if (deleteTombstoneHandling.rewrites()) {
            for (MetadataField field : addFields) {
                if (field.outputName().equals(DELETED_FIELD)) {
                    throw new ConfigException(ADD_FIELDS_CONFIG, getList(ADD_FIELDS_CONFIG), "'" + field
                        + "' would collide with the " + DELETED_FIELD + " field that "
                        + DELETE_TOMBSTONE_HANDLING_MODE_CONFIG + "=" + deleteTombstoneHandling.configValue()
                        + " adds; rename it with entry:name");
                }
            }
        }
    }

    /** A copy of the definition of every setting, for {@code Transformation.config()} and documentation. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    private static ConfigDef buildConfigDef() {
        int order = 0;
        ConfigDef def = new ConfigDef()
            .define(DELETE_TOMBSTONE_HANDLING_MODE_CONFIG, Type.STRING, DELETE_TOMBSTONE_HANDLING_MODE_DEFAULT,
                ConfigChoice.validator(DeleteTombstoneHandling.class), Importance.HIGH,
                DELETE_TOMBSTONE_HANDLING_MODE_DOC, DELETES_GROUP, ++order, Width.MEDIUM,
                DELETE_TOMBSTONE_HANDLING_MODE_DISPLAY,
                ConfigChoice.recommender(DeleteTombstoneHandling.class))
            .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, Type.BOOLEAN, REPLACE_NULL_WITH_DEFAULT_DEFAULT,
                Importance.LOW, REPLACE_NULL_WITH_DEFAULT_DOC, DELETES_GROUP, ++order, Width.SHORT,
                REPLACE_NULL_WITH_DEFAULT_DISPLAY);

        order = 0;
        def.define(ADD_FIELDS_CONFIG, Type.LIST, ADD_FIELDS_DEFAULT, new MetadataFieldsValidator(), Importance.MEDIUM,
                ADD_FIELDS_DOC, FIELDS_GROUP, ++order, Width.LONG, ADD_FIELDS_DISPLAY)
            .define(ADD_FIELDS_PREFIX_CONFIG, Type.STRING, ADD_FIELDS_PREFIX_DEFAULT, new ConfigDef.NonNullValidator(),
                Importance.LOW, ADD_FIELDS_PREFIX_DOC, FIELDS_GROUP, ++order, Width.SHORT, ADD_FIELDS_PREFIX_DISPLAY);

        order = 0;
        def.define(ADD_HEADERS_CONFIG, Type.LIST, ADD_HEADERS_DEFAULT, new MetadataFieldsValidator(),
                Importance.MEDIUM, ADD_HEADERS_DOC, HEADERS_GROUP, ++order, Width.LONG, ADD_HEADERS_DISPLAY)
            .define(ADD_HEADERS_PREFIX_CONFIG, Type.STRING, ADD_HEADERS_PREFIX_DEFAULT,
                new ConfigDef.NonNullValidator(), Importance.LOW, ADD_HEADERS_PREFIX_DOC, HEADERS_GROUP, ++order,
                Width.SHORT, ADD_HEADERS_PREFIX_DISPLAY);

        order = 0;
        def.define(DROP_FIELDS_HEADER_NAME_CONFIG, Type.STRING, DROP_FIELDS_HEADER_NAME_DEFAULT,
                new ConfigDef.NonNullValidator(), Importance.LOW, DROP_FIELDS_HEADER_NAME_DOC, DROP_GROUP, ++order,
                Width.MEDIUM, DROP_FIELDS_HEADER_NAME_DISPLAY)
            .define(DROP_FIELDS_FROM_KEY_CONFIG, Type.BOOLEAN, DROP_FIELDS_FROM_KEY_DEFAULT, Importance.LOW,
                DROP_FIELDS_FROM_KEY_DOC, DROP_GROUP, ++order, Width.SHORT, DROP_FIELDS_FROM_KEY_DISPLAY)
            .define(DROP_FIELDS_KEEP_SCHEMA_COMPATIBLE_CONFIG, Type.BOOLEAN, DROP_FIELDS_KEEP_SCHEMA_COMPATIBLE_DEFAULT,
                Importance.LOW, DROP_FIELDS_KEEP_SCHEMA_COMPATIBLE_DOC, DROP_GROUP, ++order, Width.SHORT,
                DROP_FIELDS_KEEP_SCHEMA_COMPATIBLE_DISPLAY);

        def.define(ROUTE_BY_FIELD_CONFIG, Type.STRING, ROUTE_BY_FIELD_DEFAULT, new ConfigDef.NonNullValidator(),
            Importance.LOW, ROUTE_BY_FIELD_DOC, ROUTING_GROUP, 1, Width.MEDIUM, ROUTE_BY_FIELD_DISPLAY);
        return def;
    }

    /**
     * A Debezium configuration carried over unchanged must not silently lose its delete handling: these keys are
     * unknown to {@code AbstractConfig}, which would ignore them.
     */
    private static void rejectRemovedDebeziumConfigs(Map<?, ?> originals) {
        for (String removed : REMOVED_DEBEZIUM_CONFIGS) {
            if (originals.containsKey(removed)) {
                throw new ConfigException(removed, originals.get(removed), "not supported (Debezium replaced it with "
                    + DELETE_TOMBSTONE_HANDLING_MODE_CONFIG + " in 2.5 and removed it in 3.x); set "
                    + DELETE_TOMBSTONE_HANDLING_MODE_CONFIG + " instead, see docs/smt/cdc-unwrap.md");
            }
        }
    }

    /** Parses every entry and rejects two entries that would add the same name. */
    private List<MetadataField> parseAll(String key, String prefix) {
        List<String> entries = getList(key);
        List<MetadataField> parsed = new ArrayList<>(entries.size());
        Map<String, MetadataField> byName = new HashMap<>();
        for (String entry : entries) {
            MetadataField field = MetadataField.parse(key, entry, prefix);
            MetadataField previous = byName.putIfAbsent(field.outputName(), field);
            if (previous != null) {
                throw new ConfigException(key, entries, "'" + previous + "' and '" + field
                    + "' would add the same name; rename one with entry:name");
            }
            parsed.add(field);
        }
        return List.copyOf(parsed);
    }

    public DeleteTombstoneHandling deleteTombstoneHandling() {
        return deleteTombstoneHandling;
    }

    /** Whether rows of the rewrite modes carry a column's default in place of its null, as in Debezium. */
    public boolean rewriteReplacesNullWithDefault() {
        return deleteTombstoneHandling.rewrites() && replaceNullWithDefault;
    }

    /** Where rows name their topic ({@value #ROUTE_BY_FIELD_CONFIG}); off if not set. */
    public RowTopic routeByField() {
        return new RowTopic(getString(ROUTE_BY_FIELD_CONFIG));
    }

    /** The fields that a header lists, to drop ({@value #DROP_FIELDS_HEADER_NAME_CONFIG}); off if not set. */
    public HeaderFieldDrop headerFieldDrop() {
        return new HeaderFieldDrop(getString(DROP_FIELDS_HEADER_NAME_CONFIG), getBoolean(DROP_FIELDS_FROM_KEY_CONFIG),
            getBoolean(DROP_FIELDS_KEEP_SCHEMA_COMPATIBLE_CONFIG));
    }

    /** The fields to add to each row, in order; empty if none. */
    public List<MetadataField> addFields() {
        return addFields;
    }

    /** The headers to add to each record, in order; empty if none. */
    public List<MetadataField> addHeaders() {
        return addHeaders;
    }

    /** The values of {@value #DELETE_TOMBSTONE_HANDLING_MODE_CONFIG}, as Debezium names them. */
    public enum DeleteTombstoneHandling implements ConfigChoice {
        DROP("drop"),
        TOMBSTONE("tombstone"),
        REWRITE("rewrite"),
        REWRITE_WITH_TOMBSTONE("rewrite-with-tombstone"),
        DELETE_TO_TOMBSTONE("delete-to-tombstone");

        private final String configValue;

        DeleteTombstoneHandling(String configValue) {
            this.configValue = configValue;
        }

        @Override
        public String configValue() {
            return configValue;
        }

        /** Whether rows carry {@value CdcUnwrapConfig#DELETED_FIELD} and deletes become their 'before' row. */
        public boolean rewrites() {
            return this == REWRITE || this == REWRITE_WITH_TOMBSTONE;
        }

        /** Whether incoming tombstones pass through; every other mode drops them. */
        public boolean keepsTombstones() {
            return this == REWRITE_WITH_TOMBSTONE;
        }
    }

    /** Checks each entry's syntax when the connector is validated; names are checked against the prefix later. */
    private static final class MetadataFieldsValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            for (Object entry : (List<?>) value) {
                MetadataField.parse(name, (String) entry, "");
            }
        }

        @Override
        public String toString() {
            return "comma-separated envelope field paths, each optionally followed by :name,"
                + " e.g. op,source.ts_ms,table,source.lsn:lsn";
        }
    }
}
