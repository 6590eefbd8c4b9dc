package dev.spillway.connect.jdbc;

import java.util.Locale;

/**
 * jdbc:mysql: URLs for the bundled MariaDB driver, which refuses that scheme unless the URL carries
 * {@code permitMysqlScheme} (so that it does not take URLs meant for MySQL Connector/J when both are present).
 */
final class MariaDbUrls {

    static final String PERMIT = "permitMysqlScheme";

    private MariaDbUrls() {
    }

    static boolean isMysqlScheme(String url) {
        return url != null && url.toLowerCase(Locale.ROOT).startsWith("jdbc:mysql:");
    }

    /** The URL with {@code permitMysqlScheme} added as a parameter, unless it has it already. */
    static String permitMysqlScheme(String url) {
        if (url.contains(PERMIT)) {
            return url;
        }
        return url + (url.indexOf('?') >= 0 ? "&" : "?") + PERMIT;
    }
}
