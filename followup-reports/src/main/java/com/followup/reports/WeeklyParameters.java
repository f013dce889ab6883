package com.followup.reports;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * What a weekly report is about: the ISO week, whose interviews, and the instant the data is read at (only events up
 * to {@code asOf} count, so a report produced again later for the same week can differ; the archive keeps both).
 *
 * @param trendWeeks how many weeks the trend shows, the report's week included
 */
public record WeeklyParameters(
        IsoWeek week, ReportScope scope, Instant asOf, ZoneId zone, String agencyName, int trendWeeks) {
    public static final int TREND_WEEKS = 8;

    /**
     * The response figure's window (issue 17): a followed-up thread counts as answered when the company's first reply
     * came within 14 days (elapsed) of the first follow-up, the agency's default R7 spacing, after which the candidate
     * may check again. A thread whose first follow-up is younger than that is not counted yet, and a week whose end is
     * younger than that is pending (docs/reports.md, decision 0033).
     */
    public static final Duration RESPONSE_WINDOW = Duration.ofDays(14);

    /** The first week a report can be asked for: its trend weeks must not begin before 1970, {@link IsoWeek}'s range. */
    public static final IsoWeek EARLIEST_WEEK = new IsoWeek(1970, 1).plusWeeks(TREND_WEEKS - 1);

    public WeeklyParameters {
        requireNonNull(week, "week is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(asOf, "asOf is null");
        requireNonNull(zone, "zone is null");
        requireNonNull(agencyName, "agencyName is null");
        if (trendWeeks < 1) {
            throw new IllegalArgumentException("trendWeeks must be at least 1, got " + trendWeeks);
        }
    }

    public IsoWeek firstTrendWeek() {
        return week.minusWeeks(trendWeeks - 1);
    }

    /**
     * Whether the response within the window cannot be told yet for {@code week}: its end is less than the window
     * before the as-of instant, so some of its threads may still get their answer in time.
     */
    public boolean responsePending(IsoWeek week) {
        return asOf.isBefore(responseCountedFrom(week));
    }

    /** The instant from which {@code week}'s response within the window is counted: its end plus the window. */
    public Instant responseCountedFrom(IsoWeek week) {
        return week.end(zone).plus(RESPONSE_WINDOW);
    }
}
