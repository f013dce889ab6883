package com.followup.api.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Every {@code OffsetDateTime} of the API written as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} writes it, the
 * common case without the formatter (issue 18: Jackson's serializer goes through {@code DateTimeFormatter}, 6 % of a
 * plan answer's CPU; a plan carries a dozen moments or more). A moment with whole seconds in the years 1 to 9999 (all the
 * API stores: decision 0018) is the JDK's own {@code LocalDateTime.toString()}, seconds added when they are zero, and
 * the offset's id; anything else goes to the formatter. {@code OffsetDateTimesTest} compares both over many values.
 */
public final class OffsetDateTimes {
    private OffsetDateTimes() {}

    /** The module to register after Dropwizard's JavaTimeModule, so that its serializer is the one used. */
    public static SimpleModule module() {
        return new SimpleModule("FollowupOffsetDateTimes").addSerializer(OffsetDateTime.class, new Serializer());
    }

    /** The text of {@code value}, exactly as {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value)}. */
    public static String format(OffsetDateTime value) {
        int year = value.getYear();
        if (value.getNano() != 0 || year < 1 || year > 9999) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
        }
        // "2026-12-01T10:30" or "2026-12-01T10:30:15": the formatter always writes the seconds.
        String local = value.toLocalDateTime().toString();
        return value.getSecond() == 0
                ? local + ":00" + value.getOffset().getId()
                : local + value.getOffset().getId();
    }

    private static final class Serializer extends StdSerializer<OffsetDateTime> {
        Serializer() {
            super(OffsetDateTime.class);
        }

        @Override
        public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeString(format(value));
        }
    }
}
