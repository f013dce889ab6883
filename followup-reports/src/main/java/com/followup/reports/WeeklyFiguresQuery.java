package com.followup.reports;

import static java.util.Objects.requireNonNull;

import com.followup.core.model.Channel;
import com.followup.core.policy.AgencyPolicy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * The report's figures in one SQL statement ({@code weeklyFigures.sql}): PostgreSQL reads the week's interviews,
 * touches and replies and returns one row per group, so the server never holds the agency's rows.
 */
public final class WeeklyFiguresQuery {
    private static final String SQL = ClasspathSqlLocator.create().locate(WeeklyFiguresQuery.class, "weeklyFigures");

    /** How far before and after the reported weeks holidays are passed to the SQL (decision dates, replies). */
    private static final int HOLIDAY_MARGIN_DAYS = 120;

    private WeeklyFiguresQuery() {}

    public static String sql() {
        return SQL;
    }

    /**
     * The figures of {@code parameters}' week per group, and of every trend week for the whole scope, per recruiter and
     * per company (a group without an interview in a week has no row: {@link WeeklyReport} fills in zeros).
     */
    public static List<FigureRow> run(Handle handle, WeeklyParameters parameters, AgencyPolicy policy) {
        requireNonNull(handle, "handle is null");
        requireNonNull(parameters, "parameters is null");
        requireNonNull(policy, "policy is null");
        List<FigureRow> rows = new ArrayList<>();
        handle.createQuery(SQL)
                .bind("zone", parameters.zone().getId())
                .bind("agency_name", parameters.agencyName())
                .bind("week", parameters.week().toString())
                .bind("trend_start", utc(parameters.firstTrendWeek().start(parameters.zone())))
                .bind("week_end", utc(parameters.week().end(parameters.zone())))
                .bind("as_of", utc(parameters.asOf()))
                .bind("response_window_seconds", WeeklyParameters.RESPONSE_WINDOW.toSeconds())
                .bind("recruiter_id", parameters.scope().recruiterId().orElse(null))
                .bind("thank_you_deadline_seconds", policy.thankYouDeadline().toSeconds())
                .bind("ideal_start_seconds", policy.idealWindowStart().toSeconds())
                .bind("ideal_end_days", policy.idealWindowEndDaysLater())
                .bind("ideal_end_time", policy.idealWindowEndTime().toString())
                .bind("debrief_seconds", policy.debriefWithin().toSeconds())
                .bind("spacing_seconds", policy.spacing().toSeconds())
                .bind("status_check_limit", policy.statusCheckLimit())
                .bind(
                        "first_status_check_channel",
                        policy.firstStatusCheckChannel().name())
                .bind(
                        "later_status_check_channels",
                        policy.laterStatusCheckChannels().stream()
                                .map(Channel::name)
                                .sorted()
                                .toArray(String[]::new))
                .bind("business_days_after_decision", policy.businessDaysAfterDecision())
                .bind("status_check_opens_at", policy.statusCheckOpensAt().toString())
                // R6: the typed holidays and the chosen country's public ones, around the weeks the figures cover (a
                // decision date lies near its interview); the SQL walks business days over this list.
                .bind(
                        "holidays",
                        policy
                                .calendar()
                                .holidaysBetween(
                                        LocalDate.ofInstant(
                                                        parameters
                                                                .firstTrendWeek()
                                                                .start(parameters.zone()),
                                                        parameters.zone())
                                                .minusDays(HOLIDAY_MARGIN_DAYS),
                                        LocalDate.ofInstant(parameters.week().end(parameters.zone()), parameters.zone())
                                                .plusDays(HOLIDAY_MARGIN_DAYS))
                                .stream()
                                .map(LocalDate::toString)
                                .toArray(String[]::new))
                .setFetchSize(1000)
                .map((rs, context) -> row(rs))
                .forEach(rows::add);
        return rows;
    }

    private static OffsetDateTime utc(java.time.Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static FigureRow row(ResultSet rs) throws SQLException {
        return new FigureRow(
                rs.getString("week"),
                Dimension.valueOf(rs.getString("dimension")),
                rs.getLong("group_id"),
                rs.getString("name"),
                rs.getLong("interviews"),
                rs.getLong("thank_you_steps"),
                rs.getLong("thank_you_due"),
                rs.getLong("thank_you_on_time"),
                rs.getLong("thank_you_late"),
                rs.getLong("thank_you_missed"),
                rs.getLong("thank_you_sent"),
                rs.getLong("thank_you_ideal"),
                rs.getLong("debriefs_due"),
                rs.getLong("debriefs_on_time"),
                rs.getLong("timelines_recorded"),
                rs.getLong("status_checks"),
                rs.getLong("r6_breaches"),
                rs.getLong("r7_breaches"),
                rs.getLong("r8_breaches"),
                rs.getLong("r10_breaches"),
                rs.getLong("touches"),
                rs.getLong("r12_breaches"),
                rs.getLong("r13_breaches"),
                rs.getLong("r18_interviews_left_out"),
                rs.getLong("followed_up"),
                rs.getLong("responded"),
                optionalLong(rs, "response_median_seconds"),
                optionalLong(rs, "response_p90_seconds"),
                rs.getLong("ghosted"),
                rs.getLong("followed_up_counted"),
                rs.getLong("responded_within_window"));
    }

    private static OptionalLong optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
