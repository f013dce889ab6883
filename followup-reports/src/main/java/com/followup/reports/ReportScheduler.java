package com.followup.reports;

import static java.util.Objects.requireNonNull;

import com.followup.api.ReportsConfiguration;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly run: at the configured day and time in the agency's zone, the week that ended is produced for the agency
 * (mailed to the admins) and for each recruiter (mailed to that recruiter). Safe with any number of servers: a unique
 * claim row per (week, scope) is inserted in the transaction that produces the report, so the first server to insert
 * produces it and the others, blocked on the same key, then see the conflict and skip it; if production fails the
 * claim rolls back with it and the next check retries. After the commit, each produced report whose mail is not queued
 * yet (taken with {@code FOR UPDATE SKIP LOCKED}) gets one outbox message per recipient ({@link ReportMailer}); the
 * outbox sender then sends each on its own, with its retries, so one refused address delays nobody else. The server
 * runs {@link #check()} every {@code checkEverySeconds} on an executor of Dropwizard's lifecycle ({@code ReportsModule}).
 */
public final class ReportScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);

    private final Jdbi jdbi;
    private final ReportService reports;
    private final ReportsConfiguration configuration;
    private final Clock clock;
    private final String serverId = UUID.randomUUID().toString();

    public ReportScheduler(Jdbi jdbi, ReportService reports, ReportsConfiguration configuration, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.reports = requireNonNull(reports, "reports is null");
        this.configuration = requireNonNull(configuration, "configuration is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** One check: produce what is due and not yet claimed, then queue the mail of what is produced and not queued. */
    public void check() {
        Optional<IsoWeek> due = dueWeek(clock.instant());
        if (due.isPresent()) {
            List<ReportScope> scopes = new ArrayList<>();
            scopes.add(ReportScope.AGENCY);
            recruiters().forEach(recruiter -> scopes.add(ReportScope.recruiter(recruiter)));
            for (ReportScope scope : scopes) {
                if (Thread.currentThread().isInterrupted()) {
                    // The server is stopping (its PeriodicJob interrupts): the rest is claimed by the next check, here
                    // or on
                    // another server, instead of holding up the shutdown for one report per recruiter.
                    return;
                }
                produceOnce(due.get(), scope);
            }
        }
        while (!Thread.currentThread().isInterrupted() && queueMailOfOne()) {
            // Until every produced report's mail is in the outbox.
        }
    }

    /**
     * The week whose report is due at {@code now}: the week before the latest scheduled moment, once that moment has
     * passed. With the default Monday 07:00 that is the week that just ended.
     */
    public Optional<IsoWeek> dueWeek(Instant now) {
        ZoneId zone = reports.zone();
        LocalDate today = LocalDate.ofInstant(now, zone);
        DayOfWeek day = configuration.getDay();
        LocalDate scheduledDay = today.with(TemporalAdjusters.previousOrSame(day));
        Instant scheduled =
                scheduledDay.atTime(configuration.localTime()).atZone(zone).toInstant();
        if (now.isBefore(scheduled)) {
            scheduledDay = scheduledDay.minusWeeks(1);
        }
        return Optional.of(IsoWeek.of(scheduledDay).minusWeeks(1));
    }

    private List<Long> recruiters() {
        return jdbi.withHandle(
                handle -> handle.createQuery("SELECT id FROM users WHERE role = 'RECRUITER' AND active ORDER BY id")
                        .mapTo(Long.class)
                        .list());
    }

    /** Produces the week for the scope unless another server (or an earlier check) already claimed it. */
    boolean produceOnce(IsoWeek week, ReportScope scope) {
        return jdbi.inTransaction(handle -> {
            boolean claimed = handle.createUpdate(
                                    """
                                    INSERT INTO report_schedule_claims (week, scope, claimed_by, claimed_at)
                                    VALUES (:week, :scope, :server, :now)
                                    ON CONFLICT (week, scope) DO NOTHING
                                    """)
                            .bind("week", week.toString())
                            .bind("scope", scope.toString())
                            .bind("server", serverId)
                            .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                            .execute()
                    == 1;
            if (!claimed) {
                return false;
            }
            ReportArchive.Entry entry =
                    reports.produce(handle, week, scope, Optional.empty(), ReportArchive.Via.SCHEDULE);
            handle.createUpdate("UPDATE report_schedule_claims SET report_id = :report WHERE week = :week"
                            + " AND scope = :scope")
                    .bind("report", entry.id())
                    .bind("week", week.toString())
                    .bind("scope", scope.toString())
                    .execute();
            LOG.info("weekly report {} for {} produced as report {}", week, scope, entry.id());
            return true;
        });
    }

    /**
     * Queues the mail of one produced report whose mail is not queued yet, in one transaction with the mark that it
     * is; false when there is none left. Sending it is the outbox sender's work.
     */
    boolean queueMailOfOne() {
        return jdbi.inTransaction(handle -> {
            Optional<Claim> claim = handle.createQuery(
                            """
                            SELECT week, scope, report_id FROM report_schedule_claims
                             WHERE report_id IS NOT NULL AND mail_queued_at IS NULL
                             ORDER BY claimed_at, week, scope
                             LIMIT 1 FOR UPDATE SKIP LOCKED
                            """)
                    .map((rs, context) ->
                            new Claim(rs.getString("week"), rs.getString("scope"), rs.getLong("report_id")))
                    .findOne();
            if (claim.isEmpty()) {
                return false;
            }
            Instant now = clock.instant();
            int queued = ReportMailer.enqueue(
                    handle,
                    claim.get().week(),
                    ReportScope.parse(claim.get().scope()),
                    claim.get().reportId(),
                    now);
            handle.createUpdate("UPDATE report_schedule_claims SET mail_queued_at = :now"
                            + " WHERE week = :week AND scope = :scope")
                    .bind("now", now.atOffset(ZoneOffset.UTC))
                    .bind("week", claim.get().week())
                    .bind("scope", claim.get().scope())
                    .execute();
            LOG.info(
                    "weekly report {} for {}: mail queued for {} recipients",
                    claim.get().week(),
                    claim.get().scope(),
                    queued);
            return true;
        });
    }

    private record Claim(String week, String scope, long reportId) {}
}
