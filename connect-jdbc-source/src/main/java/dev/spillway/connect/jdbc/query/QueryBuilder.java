package dev.spillway.connect.jdbc.query;

import dev.spillway.connect.jdbc.dialect.Dialect;
import dev.spillway.connect.jdbc.discovery.TableId;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the SELECTs of one table or custom query. Identifiers are quoted by the dialect; values are always bind
 * parameters. A custom query is wrapped as a derived table, so the incremental conditions apply to its result
 * whether or not it has a WHERE, GROUP BY or UNION of its own.
 */
public final class QueryBuilder {

    static final String ALIAS = "spillway_src";

    private final Dialect dialect;
    private final String from;

    private QueryBuilder(Dialect dialect, String from) {
        this.dialect = dialect;
        this.from = from;
    }

    public static QueryBuilder forTable(Dialect dialect, TableId table) {
        return new QueryBuilder(dialect, dialect.quote(table));
    }

    public static QueryBuilder forQuery(Dialect dialect, String query) {
        return new QueryBuilder(dialect, "(" + stripTerminator(query) + ") " + ALIAS);
    }

    /** A trailing semicolon would end the statement inside the parentheses. */
    static String stripTerminator(String query) {
        String trimmed = query.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        return trimmed;
    }

    /**
     * True if the driver would run this source's SQL as several statements: a custom query that closes the
     * derived table's parentheses and adds statements of its own (see {@link Dialect#isMultiStatement}).
     */
    public boolean isMultiStatement() {
        return dialect.isMultiStatement(bulk().sql()) || dialect.isMultiStatement(probe().sql());
    }

    /** No rows, only the result's metadata: the columns and their types. */
    public BoundQuery probe() {
        return new BoundQuery("SELECT * FROM " + from + " WHERE 1 = 0", List.of());
    }

    public BoundQuery bulk() {
        return new BoundQuery("SELECT * FROM " + from, List.of());
    }

    public BoundQuery maxId(String idColumn) {
        return new BoundQuery("SELECT MAX(" + dialect.quoteIdentifier(idColumn) + ") FROM " + from, List.of());
    }

    /**
     * {@code after < id <= upTo} in id order, at most {@code limit} rows; {@code after} null for the very first
     * rows.
     */
    public BoundQuery incrementing(String idColumn, BigDecimal after, BigDecimal upTo, int limit) {
        String id = dialect.quoteIdentifier(idColumn);
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(from).append(" WHERE ");
        if (after != null) {
            sql.append(id).append(" > ? AND ");
            parameters.add(after);
        }
        sql.append(id).append(" <= ?");
        parameters.add(upTo);
        sql.append(" ORDER BY ").append(id).append(dialect.limitClause(limit));
        return new BoundQuery(sql.toString(), parameters);
    }

    /** {@code after < ts < before} in timestamp order; the caller keeps groups of equal timestamps whole. */
    public BoundQuery timestamp(List<String> timestampColumns, Object after, Object before, int limit) {
        return timestamp(timestampColumns, after, false, before, limit);
    }

    /**
     * The same, from {@code ts >= after} if {@code afterInclusive}: where a table split for its first catch-up
     * starts, since its ranges read only {@code ts < after}.
     */
    public BoundQuery timestamp(List<String> timestampColumns, Object after, boolean afterInclusive, Object before,
                                int limit) {
        String ts = timestampExpression(timestampColumns);
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(from).append(" WHERE ");
        if (after != null) {
            sql.append(ts).append(afterInclusive ? " >= ? AND " : " > ? AND ");
            parameters.add(after);
        }
        sql.append(ts).append(" < ?");
        parameters.add(before);
        sql.append(" ORDER BY ").append(ts).append(dialect.limitClause(limit));
        return new BoundQuery(sql.toString(), parameters);
    }

    /** Every row with exactly this timestamp: a group too big for one batch is read whole. */
    public BoundQuery timestampEquals(List<String> timestampColumns, Object value) {
        return new BoundQuery("SELECT * FROM " + from + " WHERE " + timestampExpression(timestampColumns) + " = ?",
            List.of(value));
    }

    /**
     * {@code (ts, id) > (afterTs, afterId)} and {@code ts < before}, in (ts, id) order, written out as
     * {@code ts > ? OR (ts = ? AND id > ?)} because not every database compares row values.
     */
    public BoundQuery timestampIncrementing(List<String> timestampColumns, String idColumn, Object afterTs,
                                            BigDecimal afterId, Object before, int limit) {
        return timestampIncrementing(timestampColumns, idColumn, afterTs, afterId, false, before, limit);
    }

    /** The same, from {@code ts >= afterTs} if {@code afterInclusive} and there is no {@code afterId}. */
    public BoundQuery timestampIncrementing(List<String> timestampColumns, String idColumn, Object afterTs,
                                            BigDecimal afterId, boolean afterInclusive, Object before, int limit) {
        String ts = timestampExpression(timestampColumns);
        String id = dialect.quoteIdentifier(idColumn);
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(from).append(" WHERE ");
        if (afterTs != null) {
            if (afterId != null) {
                sql.append("(").append(ts).append(" > ? OR (").append(ts).append(" = ? AND ").append(id)
                    .append(" > ?)) AND ");
                parameters.add(afterTs);
                parameters.add(afterTs);
                parameters.add(afterId);
            } else {
                sql.append(ts).append(afterInclusive ? " >= ? AND " : " > ? AND ");
                parameters.add(afterTs);
            }
        }
        sql.append(ts).append(" < ?");
        parameters.add(before);
        sql.append(" ORDER BY ").append(ts).append(", ").append(id).append(dialect.limitClause(limit));
        return new BoundQuery(sql.toString(), parameters);
    }

    /** The key columns alone, in key order: the rows a split plan counts its bounds from. */
    public BoundQuery keys(List<String> keys) {
        String columns = keys.stream().map(dialect::quoteIdentifier).collect(Collectors.joining(", "));
        return new BoundQuery("SELECT " + columns + " FROM " + from + " ORDER BY " + columns, List.of());
    }

    /**
     * One key range of a parallel snapshot, in key order: {@code after < key <= hi} ({@code after} is the range's
     * lower bound or the last key read; null: open), and {@code filter} (the mode's high-water mark, or null).
     */
    public BoundQuery range(List<String> keys, List<Object> after, List<Object> hi, Filter filter, int limit) {
        List<Object> parameters = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (after != null) {
            conditions.add(compare(keys, after, true, parameters));
        }
        if (hi != null) {
            conditions.add(compare(keys, hi, false, parameters));
        }
        if (filter != null) {
            String column = filter.timestampColumns() != null ? timestampExpression(filter.timestampColumns())
                : dialect.quoteIdentifier(filter.idColumn());
            conditions.add(column + (filter.timestampColumns() != null ? " < ?" : " <= ?"));
            parameters.add(filter.upTo());
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(from);
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        sql.append(" ORDER BY ").append(keys.stream().map(dialect::quoteIdentifier).collect(Collectors.joining(", ")))
            .append(dialect.limitClause(limit));
        return new BoundQuery(sql.toString(), parameters);
    }

    /**
     * The high-water mark of a range in an incremental mode: {@code id <= upTo}, or {@code ts < upTo} (the
     * horizon bound, exclusive as in the timestamp reader).
     */
    public record Filter(String idColumn, List<String> timestampColumns, Object upTo) {
        public static Filter id(String column, Object upTo) {
            return new Filter(column, null, upTo);
        }

        public static Filter timestamp(List<String> columns, Object before) {
            return new Filter(null, columns, before);
        }
    }

    /** {@code key > values} (greater) or {@code key <= values}, as a row value or written out. */
    String compare(List<String> keys, List<Object> values, boolean greater, List<Object> parameters) {
        List<String> columns = keys.stream().map(dialect::quoteIdentifier).toList();
        if (columns.size() == 1) {
            parameters.add(values.get(0));
            return columns.get(0) + (greater ? " > ?" : " <= ?");
        }
        if (dialect.rowValueComparison()) {
            parameters.addAll(values);
            return "(" + String.join(", ", columns) + ")" + (greater ? " > (" : " <= (")
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        }
        // a >= ? first, so the database can seek on the key's index; then the exact order.
        StringBuilder sql = new StringBuilder("(").append(columns.get(0)).append(greater ? " >= ?" : " <= ?")
            .append(" AND ");
        parameters.add(values.get(0));
        sql.append(expanded(columns, values, 0, greater, parameters)).append(")");
        return sql.toString();
    }

    private static String expanded(List<String> columns, List<Object> values, int i, boolean greater,
                                   List<Object> parameters) {
        String column = columns.get(i);
        parameters.add(values.get(i));
        if (i == columns.size() - 1) {
            return column + (greater ? " > ?" : " <= ?");
        }
        String strict = column + (greater ? " > ?" : " < ?");
        parameters.add(values.get(i));
        String rest = expanded(columns, values, i + 1, greater, parameters);
        return "(" + strict + " OR (" + column + " = ? AND " + rest + "))";
    }

    /** One column as is; several as COALESCE in the configured order (the first non-null one counts). */
    String timestampExpression(List<String> columns) {
        if (columns.size() == 1) {
            return dialect.quoteIdentifier(columns.get(0));
        }
        return columns.stream().map(dialect::quoteIdentifier).collect(Collectors.joining(", ", "COALESCE(", ")"));
    }
}
