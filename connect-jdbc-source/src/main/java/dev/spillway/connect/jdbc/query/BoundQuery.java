package dev.spillway.connect.jdbc.query;

import dev.spillway.connect.jdbc.schema.ZeroInDate;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** SQL text whose every value is a bind parameter, with those values in order. */
public record BoundQuery(String sql, List<Object> parameters) {

    public BoundQuery {
        parameters = List.copyOf(parameters);
    }

    public PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bind(statement);
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
        return statement;
    }

    public void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            int index = i + 1;
            if (value instanceof BigDecimal decimal) {
                // A long keeps an index on a BIGINT column usable; only ids beyond Long go as NUMERIC.
                if (decimal.scale() <= 0 && decimal.abs().compareTo(LONG_MAX) <= 0) {
                    statement.setLong(index, decimal.longValueExact());
                } else {
                    statement.setBigDecimal(index, decimal);
                }
            } else if (value instanceof Instant instant) {
                statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
            } else if (value instanceof ZeroInDate zero) {
                // The database's own text, cast by the server: no Java date-time holds a zero month or day.
                statement.setString(index, zero.text());
            } else {
                statement.setObject(index, value);
            }
        }
    }

    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
}
