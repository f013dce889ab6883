package com.followup.core.time;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Business days for R6 and the working hours of proposed status checks: Monday to Friday, minus the agency's typed
 * holidays and the public holidays of its chosen country. Dates carry no zone; the caller turns the chosen day into an
 * instant in the candidate's zone.
 */
public final class BusinessCalendar {
    private final Set<LocalDate> holidays;
    private final HolidayCalendar publicHolidays;

    public BusinessCalendar(Set<LocalDate> holidays) {
        this(holidays, HolidayCalendar.NONE);
    }

    public BusinessCalendar(Set<LocalDate> holidays, HolidayCalendar publicHolidays) {
        this.holidays = Set.copyOf(requireNonNull(holidays, "holidays is null"));
        this.publicHolidays = requireNonNull(publicHolidays, "publicHolidays is null");
    }

    public boolean isBusinessDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY
                && day != DayOfWeek.SUNDAY
                && !holidays.contains(date)
                && !publicHolidays.isHoliday(date);
    }

    /** The days from {@code from} to {@code to} (inclusive) that are holidays, typed or public, in date order. */
    public List<LocalDate> holidaysBetween(LocalDate from, LocalDate to) {
        List<LocalDate> found = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (holidays.contains(day) || publicHolidays.isHoliday(day)) {
                found.add(day);
            }
        }
        return found;
    }

    /**
     * Working hours for what the system proposes (R6, R7, R9): {@code moment} itself when it falls on a business day
     * between {@code opens} and {@code closes} (both inclusive) in {@code zone}; 09:00 (or {@code opens}) of the same
     * day when it is a business day and the moment is earlier; otherwise {@code opens} on the next business day. Only
     * the proposal moves: breaches are still judged on elapsed time.
     */
    public Instant nextWorkingMoment(Instant moment, ZoneId zone, LocalTime opens, LocalTime closes) {
        LocalDateTime local = LocalDateTime.ofInstant(moment, zone);
        LocalDate day = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        if (isBusinessDay(day)) {
            if (time.isBefore(opens)) {
                return LocalMoments.at(day, opens, zone);
            }
            if (!time.isAfter(closes)) {
                return moment;
            }
        }
        return LocalMoments.at(businessDaysAfter(day, 1), opens, zone);
    }

    /** The {@code count}-th business day after {@code date} (not counting {@code date} itself); count >= 1. */
    public LocalDate businessDaysAfter(LocalDate date, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        LocalDate day = date;
        int found = 0;
        while (found < count) {
            day = day.plusDays(1);
            if (isBusinessDay(day)) {
                found++;
            }
        }
        return day;
    }

    /**
     * R6: the moment a status check may go out when the company said it would decide by {@code decisionDate}: at
     * {@code timeOfDay} on the {@code businessDays}-th business day after it, in {@code zone}.
     */
    public Instant opensAfter(LocalDate decisionDate, int businessDays, LocalTime timeOfDay, ZoneId zone) {
        return LocalMoments.at(businessDaysAfter(decisionDate, businessDays), timeOfDay, zone);
    }
}
