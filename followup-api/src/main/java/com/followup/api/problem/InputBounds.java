package com.followup.api.problem;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * What every text and every date of a request body must be before anything reads it, checked once where JSON becomes
 * values: no NUL character (PostgreSQL's text cannot hold U+0000, and no name, note or address needs one), and dates
 * and instants in the years 1 to 9999 (what ISO-8601 writes with four digits; PostgreSQL stores more, but Java's
 * arithmetic on plans and the database's on intervals both stay well inside that range). A refused value answers 400
 * naming its field ({@link ProblemMappers.Json}), instead of a 500 from the database.
 */
public final class InputBounds {
    public static final int FIRST_YEAR = 1;
    public static final int LAST_YEAR = 9999;
    private static final Instant FIRST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private InputBounds() {}

    /** The Jackson module that checks every {@code String} and {@code java.time} value a body is read into. */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("followup-input-bounds");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(
                    DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                if (type == String.class || isDateOrInstant(type)) {
                    return new Checked(deserializer);
                }
                return deserializer;
            }
        });
        return module;
    }

    /** Why {@code text} cannot be stored, if it cannot: a NUL character. */
    public static Optional<String> textProblem(String text) {
        return text.indexOf('\0') >= 0 ? Optional.of("must not contain a NUL character (U+0000)") : Optional.empty();
    }

    /** Why {@code value} (a date or instant) cannot be stored, if it cannot: a year outside 1 to 9999. */
    public static Optional<String> dateProblem(Object value) {
        int year;
        if (value instanceof Instant instant) {
            // Instant's own range is wider than OffsetDateTime's: compare before converting.
            if (instant.isBefore(FIRST_INSTANT) || instant.isAfter(LAST_INSTANT)) {
                return Optional.of(outOfRange());
            }
            year = instant.atOffset(ZoneOffset.UTC).getYear();
        } else if (value instanceof OffsetDateTime dateTime) {
            year = dateTime.getYear();
        } else if (value instanceof ZonedDateTime dateTime) {
            year = dateTime.getYear();
        } else if (value instanceof LocalDateTime dateTime) {
            year = dateTime.getYear();
        } else if (value instanceof LocalDate date) {
            year = date.getYear();
        } else {
            return Optional.empty();
        }
        return year < FIRST_YEAR || year > LAST_YEAR ? Optional.of(outOfRange()) : Optional.empty();
    }

    private static String outOfRange() {
        return "must be in the years " + FIRST_YEAR + " to " + LAST_YEAR;
    }

    private static boolean isDateOrInstant(Class<?> type) {
        return type == Instant.class
                || type == OffsetDateTime.class
                || type == ZonedDateTime.class
                || type == LocalDateTime.class
                || type == LocalDate.class;
    }

    /** A value of a body that is well-formed JSON but cannot be accepted; the mapper names its field and code. */
    public static final class RefusedValue extends JsonMappingException {
        private final ErrorCode code;
        private final String reason;

        RefusedValue(JsonParser parser, ErrorCode code, String reason) {
            super(parser, reason);
            this.code = requireNonNull(code, "code is null");
            this.reason = requireNonNull(reason, "reason is null");
        }

        public ErrorCode code() {
            return code;
        }

        /** What is wrong with the value, without the field: "must not contain a NUL character (U+0000)". */
        public String reason() {
            return reason;
        }
    }

    /** The deserializer Jackson would use, followed by the check of what it read. */
    private static final class Checked extends DelegatingDeserializer {
        Checked(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Checked(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return check(parser, super.deserialize(parser, context));
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context, Object into) throws IOException {
            return check(parser, super.deserialize(parser, context, into));
        }

        private static Object check(JsonParser parser, Object value) throws RefusedValue {
            if (value instanceof String text) {
                Optional<String> problem = textProblem(text);
                if (problem.isPresent()) {
                    throw new RefusedValue(parser, ErrorCode.NUL_CHARACTER, problem.get());
                }
            } else if (value != null) {
                Optional<String> problem = dateProblem(value);
                if (problem.isPresent()) {
                    throw new RefusedValue(parser, ErrorCode.DATE_OUT_OF_RANGE, problem.get());
                }
            }
            return value;
        }
    }
}
