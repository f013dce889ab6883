package com.followup.api.db;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Writes that do not need each other's answers, sent to the database in one round trip (issue 18): PostgreSQL's
 * driver sends the statements of one prepared text one after the other before it waits, and they run in that order in
 * the caller's transaction. A failure of any fails the call, as if each had been run alone.
 */
public final class Statements {
    private Statements() {}

    /**
     * One statement and its named parameters (a value may be null: an SQL NULL); names must not clash with another
     * part's sent with it.
     */
    public record Part(String sql, Map<String, ?> parameters) {
        public Part {
            requireNonNull(sql, "sql is null");
            parameters = Collections.unmodifiableMap(new HashMap<>(requireNonNull(parameters, "parameters is null")));
        }
    }

    /** Runs {@code parts} (nulls skipped: a part with nothing to write) in order, in one round trip. */
    public static void runTogether(Handle handle, List<Part> parts) {
        StringBuilder sql = new StringBuilder();
        Map<String, Object> parameters = new HashMap<>();
        for (Part part : parts) {
            if (part == null) {
                continue;
            }
            for (Map.Entry<String, ?> parameter : part.parameters().entrySet()) {
                if (parameters.containsKey(parameter.getKey())) {
                    throw new IllegalArgumentException("two statements sent together both name :" + parameter.getKey());
                }
                parameters.put(parameter.getKey(), parameter.getValue());
            }
            if (!sql.isEmpty()) {
                sql.append(";\n");
            }
            sql.append(part.sql());
        }
        if (!sql.isEmpty()) {
            handle.createUpdate(sql.toString()).bindMap(parameters).execute();
        }
    }
}
