package dev.spillway.migrate;

import java.net.URI;
import java.util.Locale;

/**
 * What the JDBC URL says about how table names are qualified. Confluent names a table catalog.schema.table with
 * the absent parts left out (PostgreSQL: db.schema.table; MySQL/MariaDB, which have no schemas: db.table);
 * Spillway names it schema.table (on MariaDB/MySQL: database.table).
 */
enum SourceDatabase {
    POSTGRES(3), MARIADB(2);

    /** How many dot-separated parts Confluent's protocol-1 table name has on this database. */
    final int confluentParts;

    SourceDatabase(int confluentParts) {
        this.confluentParts = confluentParts;
    }

    static SourceDatabase of(String url) {
        String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return POSTGRES;
        }
        if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        throw new MigrationRefused("connection.url must be a PostgreSQL, MariaDB or MySQL JDBC URL to carry"
            + " offsets over (table names are qualified differently elsewhere); got a URL starting with '"
            + (lower.indexOf(':', 5) > 0 ? lower.substring(0, lower.indexOf(':', 5) + 1) : "?") + "'");
    }

    /** The database named in a MariaDB/MySQL URL's path ({@code jdbc:mysql://host:3306/shop?x=y}), or null. */
    static String databaseOf(String url) {
        int scheme = url.indexOf("//");
        if (scheme < 0) {
            return null;
        }
        try {
            String path = URI.create("x:" + url.substring(scheme).split("[?;]", 2)[0]).getPath();
            if (path == null || path.length() <= 1) {
                return null;
            }
            return path.substring(1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
