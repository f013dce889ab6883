package com.followup.api.db;

import io.dropwizard.db.DataSourceFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;

/** The Liquibase changelog of the schema and the one way the server applies it. */
public final class DatabaseMigrations {
    public static final String CHANGELOG = "db/changelog.xml";

    private DatabaseMigrations() {}

    /** Applies every pending changeset on a connection of its own, closed afterwards. */
    public static void migrate(DataSourceFactory database) throws SQLException, LiquibaseException {
        try (Connection connection =
                DriverManager.getConnection(database.getUrl(), database.getUser(), database.getPassword())) {
            migrate(connection);
        }
    }

    /** Applies every pending changeset; Liquibase's lock table keeps concurrent servers from racing. */
    public static void migrate(Connection connection) throws LiquibaseException {
        Database database =
                DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        // Not closed: closing Liquibase would close the caller's connection, which the caller owns.
        Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database);
        liquibase.update(new Contexts(), new LabelExpression());
    }
}
