package com.followup.api.db;

import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;

/**
 * Dropwizard's pool settings with Followup's defaults for what the YAML leaves out; {@code config/followup.yml} states
 * the same values (a test holds them equal), and docs/configuration.md explains them.
 *
 * <p>A connection is checked before it is handed out, with JDBC's {@code isValid} (PostgreSQL's driver sends an empty
 * query: one round trip, nothing to parse or plan), at most once a second per connection. Dropwizard's defaults
 * check none on borrow and idle ones every 30 s, so after a database restart the pool handed out closed connections
 * for up to half a minute; now it notices within a second (decision 0015).
 */
public class FollowupDataSourceFactory extends DataSourceFactory {
    public static final boolean CHECK_ON_BORROW = true;
    public static final Duration VALIDATION_INTERVAL = Duration.seconds(1);
    public static final Duration VALIDATION_TIMEOUT = Duration.seconds(2);

    public FollowupDataSourceFactory() {
        setCheckConnectionOnBorrow(CHECK_ON_BORROW);
        setValidationInterval(VALIDATION_INTERVAL);
        setValidationQueryTimeout(VALIDATION_TIMEOUT);
        // No query: the pool then calls Connection.isValid, cheaper than "SELECT 1" (no statement to parse and plan).
        setValidationQuery(null);
    }
}
