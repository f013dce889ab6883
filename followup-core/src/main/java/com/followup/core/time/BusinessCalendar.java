package com.followup.core.time;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * Business days for R6: Monday to Friday, minus the agency's holidays. Dates carry no zone; the caller turns the
 * chosen day into an instant in the candidate's zone.
 */
public final class BusinessCalendar {
    private final Set<LocalDate> holidays;

    public BusinessCalendar(Set<LocalDate> holidays) {
        this.holidays = Set.copyOf(requireNonNull(holidays, "holidays is null"));
    }

    public boolean isBusinessDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.contains(date);
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
