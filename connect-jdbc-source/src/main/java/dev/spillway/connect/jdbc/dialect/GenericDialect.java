package dev.spillway.connect.jdbc.dialect;

import dev.spillway.connect.jdbc.schema.ColumnTypes;
import dev.spillway.connect.jdbc.discovery.DiscoveredTable;
import dev.spillway.connect.jdbc.discovery.TableId;
import dev.spillway.connect.jdbc.discovery.TableType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * ANSI SQL through {@link java.sql.DatabaseMetaData}: double-quoted identifiers, {@code FETCH FIRST n ROWS ONLY},
 * no row estimates and no transaction horizon (incremental modes fall back to {@code horizon.delay.ms}).
 */
public class GenericDialect implements Dialect {

    private static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "pg_catalog", "sys",
        "mysql", "performance_schema", "system");

    @Override
    public String name() {
        return "generic";
    }

    /**
     * Any driver may be PostgreSQL- or MariaDB-like (or report their type names), so both sets of names apply,
     * but for MariaDB's {@code BOOLEAN}: behind another driver that name is a true boolean (H2, HSQLDB, Derby),
     * and MariaDB's and MySQL's URLs never reach this dialect.
     */
    @Override
    public ColumnTypes columnTypes() {
        return GENERIC_TYPES;
    }

    private static final ColumnTypes BOTH = ColumnTypes.both(PostgresColumnTypes.INSTANCE, MariaDbColumnTypes.INSTANCE);

    private static final ColumnTypes GENERIC_TYPES = new ColumnTypes() {
        @Override
        public NamedType byName(String typeName, int precision, boolean signed) {
            return typeName.equals("BOOLEAN") ? null : BOTH.byName(typeName, precision, signed);
        }

        @Override
        public boolean isText(String lowerCaseName) {
            return BOTH.isText(lowerCaseName);
        }

        @Override
        public boolean hasSpecialNumbers(String lowerCaseName) {
            return BOTH.hasSpecialNumbers(lowerCaseName);
        }
    };

    @Override
    public String quoteIdentifier(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String limitClause(int rows) {
        return " FETCH FIRST " + rows + " ROWS ONLY";
    }

    @Override
    public List<DiscoveredTable> discover(Connection connection) throws SQLException {
        List<DiscoveredTable> tables = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE", "VIEW"})) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (schema != null && SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                TableType type = "VIEW".equalsIgnoreCase(rs.getString("TABLE_TYPE")) ? TableType.VIEW : TableType.TABLE;
                tables.add(new DiscoveredTable(new TableId(schema, rs.getString("TABLE_NAME")), type, 0));
            }
        }
        return tables;
    }
}
