package dev.spillway.connect.jdbc.dialect;

import dev.spillway.connect.jdbc.security.Redactor;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Which database errors are worth retrying: lost or refused connections, a database starting up or shutting
 * down, timeouts, deadlocks, a missing table until the catalog confirms it was dropped (see
 * {@link #isMissingRelation}), a table
 * altered under a prepared statement or snapshot, as opposed to errors no retry fixes: bad credentials, a missing
 * database or privilege, bad SQL.
 */
public final class SqlErrors {

    /** 1412: the table definition changed under a consistent snapshot (ALTER TABLE while reading). */
    private static final Set<Integer> MARIADB_TRANSIENT = Set.of(1040, 1053, 1205, 1213, 1146, 2002, 2003, 2006,
        2013, 1927, 1412);
    /**
     * PostgreSQL, after ALTER TABLE changed a column's type under a server-side prepared statement; the pool
     * discards that connection, so the retry prepares afresh. (0A000 alone also means unsupported features.)
     */
    private static final String PG_CACHED_PLAN_CHANGED = "cached plan must not change result type";

    private SqlErrors() {
    }

    public static boolean isTransient(SQLException error) {
        if (isAuthentication(error) || isDefinite(error)) {
            return false;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                    || state.equals("40001") || state.equals("40P01") || state.equals("42P01")
                    || state.equals("HYT00") || state.equals("70100"))) {
                    return true;
                }
                if ("0A000".equals(state) && String.valueOf(sql.getMessage()).contains(PG_CACHED_PLAN_CHANGED)) {
                    return true;
                }
                if (MARIADB_TRANSIENT.contains(sql.getErrorCode()) && (state == null || !state.startsWith("28"))) {
                    return true;
                }
                if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException) {
                    return true;
                }
            } else if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Errors that say the setup is wrong, even when a pool wraps them in a transient-looking timeout: no access
     * to the database or table (SQLState class 42 except an undefined table, MariaDB 1044/1142), an unknown
     * database (3D000, MariaDB 1049).
     */
    private static boolean isDefinite(SQLException error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                int code = sql.getErrorCode();
                if (code == 1044 || code == 1049 || code == 1142 || code == 1227) {
                    return true;
                }
                if (state != null && (state.equals("3D000") || (state.startsWith("42") && !state.equals("42P01")
                    && code != 1146))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A table or view the statement names does not exist (PostgreSQL 42P01, MariaDB 1146): dropped, or renamed,
     * or only replaced for a moment. Not proof that it is gone: the task asks the catalog before it gives up on it.
     */
    public static boolean isMissingRelation(SQLException error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("42P01".equals(sql.getSQLState()) || sql.getErrorCode() == 1146)) {
                return true;
            }
        }
        return false;
    }

    /** Wrong user or password (SQLState class 28, MariaDB 1045). */
    public static boolean isAuthentication(SQLException error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if ((state != null && state.startsWith("28")) || sql.getErrorCode() == 1045) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The error and its causes in one line, for messages that must say what the database said; URL secrets a
     * driver may echo (a {@code password=} parameter, {@code user:password@}) are masked.
     */
    public static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null && text.length() < 600; t = t.getCause()) {
            if (text.length() > 0) {
                text.append(" <- ");
            }
            text.append(t.getMessage());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                text.append(" [SQLState ").append(sql.getSQLState()).append(']');
            }
        }
        // PostgreSQL adds "\n  Position: 15" and the like: one line, so that a log line or a task trace stays one.
        return Redactor.text(text.toString().replaceAll("\\s*\\R\\s*", " "));
    }
}
