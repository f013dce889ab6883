package com.followup.api.db;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

        /**
         * This statement with each of its parameters renamed with {@code suffix} (":ids" becomes ":ids_2"), so that
         * several statements of the same text can be sent together.
         */
        public Part suffixed(String suffix) {
            Map<String, Object> renamed = new HashMap<>();
            parameters.forEach((name, value) -> renamed.put(name + suffix, value));
            String text = PARAMETER
                    .matcher(sql)
                    .replaceAll(found -> Matcher.quoteReplacement(
                            parameters.containsKey(found.group(1)) ? found.group() + suffix : found.group()));
            return new Part(text, renamed);
        }
    }

    /**
     * The caller's transaction committed by the last statement sent together, in the same round trip as its writes
     * (issue 18). The driver then knows the transaction ended (the server says so as it answers), so the transaction's
     * own commit sends nothing and its after-commit callbacks run as usual. A failure of any statement before it, or of
     * the commit itself (a deferred constraint), fails the call and leaves nothing written. Only for a caller whose
     * transaction has nothing more to send.
     */
    public static final Part COMMIT = new Part("COMMIT", Map.of());

    /** A named parameter as JDBI reads it; "::" is a cast, not a parameter. */
    private static final Pattern PARAMETER = Pattern.compile("(?<!:):([A-Za-z_]\\w*)");

    /**
     * The parameters of {@code parts} (nulls skipped) in one map, to bind to their statements sent as one text; two
     * parts that name the same parameter are refused.
     */
    public static Map<String, Object> parametersOf(List<Part> parts) {
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
        }
        return parameters;
    }

    /** Runs {@code parts} (nulls skipped: a part with nothing to write) in order, in one round trip. */
    public static void runTogether(Handle handle, List<Part> parts) {
        StringBuilder sql = new StringBuilder();
        for (Part part : parts) {
            if (part == null) {
                continue;
            }
            if (!sql.isEmpty()) {
                sql.append(";\n");
            }
            sql.append(part.sql());
        }
        if (!sql.isEmpty()) {
            handle.createUpdate(sql.toString()).bindMap(parametersOf(parts)).execute();
        }
    }
}
