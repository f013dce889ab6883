package com.followup.api.db;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.health.HealthCheck;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Whether a connection from the pool answers, and if not, what is wrong in words: "cannot connect to
 * jdbc:postgresql://db:5432/followup: Connection refused", "...: the database system is shutting down". It replaces
 * Dropwizard's check of the pool, whose message is the Java exception's text; the URL is shown without its
 * parameters, so never with a password.
 */
public final class DatabaseHealthCheck extends HealthCheck {
    private static final int TIMEOUT_SECONDS = 2;

    private final DataSource pool;
    private final String url;

    public DatabaseHealthCheck(DataSource pool, String url) {
        this.pool = requireNonNull(pool, "pool is null");
        this.url = requireNonNull(url, "url is null");
    }

    @Override
    protected Result check() {
        String where = DatabaseFailures.withoutParameters(url);
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(TIMEOUT_SECONDS)
                    ? Result.healthy(where + " answers")
                    : Result.unhealthy(where + " does not answer within " + TIMEOUT_SECONDS + " s");
        } catch (SQLException | RuntimeException e) {
            return Result.unhealthy(DatabaseFailures.describe(url, e));
        }
    }
}
