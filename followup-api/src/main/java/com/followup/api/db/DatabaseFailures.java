package com.followup.api.db;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.tomcat.jdbc.pool.PoolExhaustedException;
import org.jdbi.v3.core.ConnectionException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Tells a database that cannot be used just now (a restart, a crash, a full pool) from every other failure, and says
 * what is wrong in words an operator can act on. The failure may come wrapped: JDBI wraps the driver's exception in
 * {@code UnableToExecuteStatementException} or {@code ConnectionException}, and those may be wrapped again, so the
 * whole cause chain is read.
 */
public final class DatabaseFailures {
    /** SQLSTATEs of PostgreSQL that mean the server went away or will not take connections for now. */
    private static final Set<String> SERVER_UNAVAILABLE = Set.of(
            "57P01", // admin_shutdown: terminating connection due to administrator command (a fast or immediate stop)
            "57P02", // crash_shutdown: another backend crashed and the server restarts
            "57P03", // cannot_connect_now: the database system is starting up or shutting down
            "53300"); // too_many_connections

    private DatabaseFailures() {}

    /**
     * Whether {@code failure} means the database cannot be used at the moment, rather than that this request or this
     * code is wrong: a connection failure (SQLSTATE class 08), a server shutting down, restarting or starting up, no
     * connection to be had (JDBI's {@link ConnectionException}, which wraps anything that kept the pool from giving
     * one), or a pool whose connections were all busy for its whole wait.
     */
    public static boolean isUnavailable(Throwable failure) {
        return find(failure, DatabaseFailures::meansUnavailable).isPresent();
    }

    /** Whether it is the pool that had no free connection, the database itself being up. */
    public static boolean isPoolExhausted(Throwable failure) {
        return find(failure, PoolExhaustedException.class::isInstance).isPresent();
    }

    /**
     * What is wrong, in one line without a password: "cannot connect to jdbc:postgresql://db:5432/followup: Connection
     * refused", "the database system is shutting down", "no free connection in the pool ...".
     */
    public static String describe(String url, Throwable failure) {
        String where = withoutParameters(url);
        Optional<Throwable> exhausted = find(failure, PoolExhaustedException.class::isInstance);
        if (exhausted.isPresent()) {
            return "no free connection in the pool of " + where + ": "
                    + exhausted.get().getMessage();
        }
        Optional<Throwable> refused = find(failure, ConnectException.class::isInstance);
        if (refused.isPresent()) {
            return "cannot connect to " + where + ": " + refused.get().getMessage();
        }
        Optional<Throwable> server = find(
                failure, cause -> cause instanceof PSQLException postgres && postgres.getServerErrorMessage() != null);
        if (server.isPresent()) {
            ServerErrorMessage message = ((PSQLException) server.get()).getServerErrorMessage();
            return where + ": " + message.getMessage();
        }
        Optional<Throwable> sql = find(failure, SQLException.class::isInstance);
        Throwable shown = sql.orElse(failure);
        return where + ": " + (shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage());
    }

    /**
     * The URL without its parameters, which may hold a password ({@code ?user=followup&password=...}); PostgreSQL's
     * JDBC URLs put credentials nowhere else.
     */
    public static String withoutParameters(String url) {
        int parameters = url.indexOf('?');
        return parameters < 0 ? url : url.substring(0, parameters);
    }

    private static boolean meansUnavailable(Throwable cause) {
        if (cause instanceof ConnectionException || cause instanceof PoolExhaustedException) {
            return true;
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith("08") || SERVER_UNAVAILABLE.contains(state);
        }
        return false;
    }

    private static Optional<Throwable> find(Throwable failure, Predicate<Throwable> test) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (test.test(cause)) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }
}
