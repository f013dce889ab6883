package com.followup.core.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Wall-clock moments in a person's zone, turned into instants the rules can compare. */
public final class LocalMoments {
    private LocalMoments() {}

    /**
     * {@code time} on {@code date} in {@code zone}. A time that falls into a daylight-saving gap moves forward by the
     * length of the gap, as {@link java.time.ZonedDateTime#of} does; an ambiguous one takes the earlier offset.
     */
    public static Instant at(LocalDate date, LocalTime time, ZoneId zone) {
        return date.atTime(time).atZone(zone).toInstant();
    }

    /** The calendar day of {@code moment} in {@code zone}. */
    public static LocalDate dayOf(Instant moment, ZoneId zone) {
        return LocalDate.ofInstant(moment, zone);
    }

    /**
     * R2 "next morning": {@code time} on the calendar day {@code daysLater} days after the day of {@code moment}, in
     * {@code zone}. Calendar days, not 24-hour periods, so a daylight-saving night changes nothing.
     */
    public static Instant daysLaterAt(Instant moment, int daysLater, LocalTime time, ZoneId zone) {
        return at(dayOf(moment, zone).plusDays(daysLater), time, zone);
    }

    /** {@code moment} as a person in {@code zone} reads it: "Monday 2026-05-18 09:00 (Europe/Berlin)". */
    public static String describe(Instant moment, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(moment, zone);
        return local.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + local.toLocalDate() + " "
                + local.toLocalTime().truncatedTo(ChronoUnit.MINUTES) + " (" + zone.getId() + ")";
    }
}
