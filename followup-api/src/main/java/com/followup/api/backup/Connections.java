package com.followup.api.backup;

import com.followup.api.OperatorException;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.db.DataSourceFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** What the two commands share: their one connection, and how they tell an expected failure. */
final class Connections {
    private Connections() {}

    /** A connection of its own, with the configured driver properties (SSL settings, say) as the server has them. */
    static Connection open(DataSourceFactory database) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(database.getProperties());
        if (database.getUser() != null) {
            properties.setProperty("user", database.getUser());
        }
        if (database.getPassword() != null) {
            properties.setProperty("password", database.getPassword());
        }
        return DriverManager.getConnection(database.getUrl(), properties);
    }

    /**
     * One line on standard error for a failure the operator can act on (a refusal, a database that cannot be reached,
     * another {@link OperatorException}); anything else with its stack trace, since it is a bug to look into.
     */
    static void report(Cli cli, String command, Throwable error) {
        if (error instanceof SQLException sql && cannotConnect(sql.getSQLState())) {
            cli.getStdErr().println(command + ": cannot connect to the database: " + sql.getMessage());
            cli.getStdErr().flush();
        } else {
            OperatorException.print(cli, command, error);
        }
    }

    /** No connection (08), a login refused (28) or no such database (3D000): the configuration or the server. */
    private static boolean cannotConnect(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("28") || state.equals("3D000"));
    }
}
