package com.followup.api.backup;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The session settings under which COPY text means the same thing when written and when read back, whatever the
 * server's or the database's defaults: ISO dates, PostgreSQL's own interval style, floats exact, UTC; and no time
 * limit set on the server to cut a long COPY short.
 */
final class SessionSettings {
    private SessionSettings() {}

    static void apply(Connection connection, String applicationName) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET application_name = '" + applicationName.replace("'", "''") + "'");
            statement.execute("SET DateStyle = 'ISO, YMD'");
            statement.execute("SET IntervalStyle = 'postgres'");
            statement.execute("SET extra_float_digits = 3");
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("SET statement_timeout = 0");
            statement.execute("SET lock_timeout = 0");
            statement.execute("SET idle_in_transaction_session_timeout = 0");
        }
    }
}
