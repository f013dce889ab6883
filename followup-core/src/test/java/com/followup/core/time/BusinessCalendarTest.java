package com.followup.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalTime NINE = LocalTime.of(9, 0);

    @Test
    @DisplayName("R6: weekends are not business days; a Friday's next business day is Monday")
    void weekend() {
        BusinessCalendar calendar = new BusinessCalendar(Set.of());

        assertThat(calendar.isBusinessDay(LocalDate.parse("2026-05-23"))).isFalse();
        assertThat(calendar.businessDaysAfter(LocalDate.parse("2026-05-22"), 1))
                .isEqualTo(LocalDate.parse("2026-05-25"));
        assertThat(calendar.businessDaysAfter(LocalDate.parse("2026-05-20"), 1))
                .isEqualTo(LocalDate.parse("2026-05-21"));
        assertThat(calendar.businessDaysAfter(LocalDate.parse("2026-05-22"), 3))
                .isEqualTo(LocalDate.parse("2026-05-27"));
    }

    @Test
    @DisplayName("R6: a holiday Monday after a Friday decision moves the opening to Tuesday 09:00")
    void holidayMonday() {
        BusinessCalendar calendar = new BusinessCalendar(Set.of(LocalDate.parse("2026-05-25")));

        assertThat(calendar.opensAfter(LocalDate.parse("2026-05-22"), 1, NINE, BERLIN))
                .isEqualTo(Instant.parse("2026-05-26T07:00:00Z"));
    }

    @Test
    @DisplayName("R6: 09:00 is read in the given zone, across a daylight-saving change")
    void acrossDaylightSaving() {
        BusinessCalendar calendar = new BusinessCalendar(Set.of());

        // Friday 2026-10-30, standard time returns on Sunday 2026-11-01 in New York: Monday 09:00 is UTC-5.
        assertThat(calendar.opensAfter(LocalDate.parse("2026-10-30"), 1, NINE, NEW_YORK))
                .isEqualTo(Instant.parse("2026-11-02T14:00:00Z"));
        // Friday 2026-03-27 in Berlin: summer time starts on Sunday, Monday 09:00 is UTC+2.
        assertThat(calendar.opensAfter(LocalDate.parse("2026-03-27"), 1, NINE, BERLIN))
                .isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
    }

    @Test
    @DisplayName("R2: the next day at noon is a calendar day, in the person's zone")
    void nextDayAtNoon() {
        Instant lateEvening = Instant.parse("2026-03-28T22:30:00Z");

        assertThat(LocalMoments.daysLaterAt(lateEvening, 1, LocalTime.NOON, BERLIN))
                .isEqualTo(Instant.parse("2026-03-29T10:00:00Z"));
        assertThat(LocalMoments.describe(Instant.parse("2026-05-25T07:00:00Z"), BERLIN))
                .isEqualTo("Monday 2026-05-25 09:00 (Europe/Berlin)");
    }

    @Test
    @DisplayName("Working hours: a moment outside 09:00-17:00, on a weekend or a holiday moves to the next opening")
    void nextWorkingMoment() {
        BusinessCalendar calendar = new BusinessCalendar(Set.of(LocalDate.parse("2026-12-25")));
        LocalTime five = LocalTime.of(17, 0);

        // Sunday 13 December 03:00 -> Monday 09:00.
        assertThat(calendar.nextWorkingMoment(Instant.parse("2026-12-13T02:00:00Z"), BERLIN, NINE, five))
                .isEqualTo(Instant.parse("2026-12-14T08:00:00Z"));
        // Tuesday 10:30 stays.
        assertThat(calendar.nextWorkingMoment(Instant.parse("2026-12-15T09:30:00Z"), BERLIN, NINE, five))
                .isEqualTo(Instant.parse("2026-12-15T09:30:00Z"));
        // Tuesday 07:00 -> Tuesday 09:00; Tuesday 17:30 -> Wednesday 09:00.
        assertThat(calendar.nextWorkingMoment(Instant.parse("2026-12-15T06:00:00Z"), BERLIN, NINE, five))
                .isEqualTo(Instant.parse("2026-12-15T08:00:00Z"));
        assertThat(calendar.nextWorkingMoment(Instant.parse("2026-12-15T16:30:00Z"), BERLIN, NINE, five))
                .isEqualTo(Instant.parse("2026-12-16T08:00:00Z"));
        // Thursday 24 December 18:00 -> the 25th is a holiday, then a weekend: Monday 28 December 09:00.
        assertThat(calendar.nextWorkingMoment(Instant.parse("2026-12-24T17:00:00Z"), BERLIN, NINE, five))
                .isEqualTo(Instant.parse("2026-12-28T08:00:00Z"));
    }

    @Test
    @DisplayName("R6: a country's public holidays count like the typed ones")
    void publicHolidays() {
        HolidayCalendar mondays = new HolidayCalendar() {
            @Override
            public boolean isHoliday(LocalDate date) {
                return date.getDayOfWeek() == java.time.DayOfWeek.MONDAY;
            }

            @Override
            public java.util.Optional<String> country() {
                return java.util.Optional.of("XX");
            }

            @Override
            public java.util.Optional<String> region() {
                return java.util.Optional.empty();
            }
        };
        BusinessCalendar calendar = new BusinessCalendar(Set.of(LocalDate.parse("2026-05-27")), mondays);

        assertThat(calendar.businessDaysAfter(LocalDate.parse("2026-05-22"), 1))
                .isEqualTo(LocalDate.parse("2026-05-26"));
        assertThat(calendar.holidaysBetween(LocalDate.parse("2026-05-25"), LocalDate.parse("2026-05-27")))
                .containsExactly(LocalDate.parse("2026-05-25"), LocalDate.parse("2026-05-27"));
    }
}
