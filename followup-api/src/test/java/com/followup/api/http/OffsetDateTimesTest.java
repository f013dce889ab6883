package com.followup.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OffsetDateTimesTest {
    private static final List<ZoneId> ZONES = List.of(
            ZoneOffset.UTC,
            ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/St_Johns"),
            ZoneId.of("Asia/Kolkata"),
            ZoneId.of("Pacific/Chatham"),
            ZoneOffset.ofHoursMinutesSeconds(1, 2, 3),
            ZoneOffset.ofHours(-9));

    @Test
    void writesWhatTheIsoFormatterWrites() {
        Random random = new Random(18);
        List<OffsetDateTime> values = new java.util.ArrayList<>(List.of(
                OffsetDateTime.parse("2026-12-01T10:30:00Z"),
                OffsetDateTime.parse("2026-12-01T10:30:15+01:00"),
                OffsetDateTime.parse("2026-12-01T00:00:00.120-03:30"),
                OffsetDateTime.parse("2026-12-01T23:59:59.000001+05:45"),
                OffsetDateTime.parse("0001-01-01T00:00:00Z"),
                OffsetDateTime.parse("9999-12-31T23:59:59Z"),
                OffsetDateTime.parse("+10000-01-01T00:00:00Z")));
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L));
            if (random.nextInt(4) == 0) {
                instant = instant.plusNanos(random.nextInt(1_000_000_000));
            } else if (random.nextBoolean()) {
                instant = instant.minusSeconds(instant.getEpochSecond() % 60);
            }
            values.add(instant.atZone(ZONES.get(random.nextInt(ZONES.size()))).toOffsetDateTime());
        }
        for (OffsetDateTime value : values) {
            assertThat(OffsetDateTimes.format(value))
                    .as("%s", value)
                    .isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
        }
    }

    @Test
    void theModuleReplacesJacksonsSerializerWithTheSameText() throws Exception {
        OffsetDateTime value = OffsetDateTime.parse("2026-12-01T10:30:00+01:00");
        ObjectMapper jackson = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        ObjectMapper ours = jackson.copy().registerModule(OffsetDateTimes.module());
        assertThat(ours.writeValueAsString(List.of(value))).isEqualTo(jackson.writeValueAsString(List.of(value)));
        assertThat(ours.writeValueAsString(value)).isEqualTo("\"2026-12-01T10:30:00+01:00\"");
    }
}
