package com.followup.reports;

import com.followup.api.notifications.Outbox;
import com.followup.api.notifications.OutboxKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Mails a scheduled report by writing, in the caller's transaction, one outbox message per recipient (the admins for
 * the agency's report, the recruiter for theirs). Each message names the archived report instead of carrying its
 * files, and the outbox sender attaches them when it sends; so each recipient's mail is sent, retried and given up on
 * its own, and a refused address holds up nobody else. The dedupe key {@code report:{week}:{scope}:{user}} makes the
 * queueing idempotent, whatever the number of servers.
 */
public final class ReportMailer {
    private ReportMailer() {}

    /** Someone a report goes to. */
    record Recipient(long userId, String email) {}

    /** Queues the report's mail to each recipient not queued yet; returns how many messages were written. */
    static int enqueue(Handle handle, String week, ReportScope scope, long reportId, Instant now) {
        int written = 0;
        for (Recipient recipient : recipients(handle, scope)) {
            Optional<Long> id = Outbox.enqueue(
                    handle,
                    new Outbox.NewMessage(
                            recipient.userId(),
                            recipient.email(),
                            OutboxKind.WEEKLY_REPORT,
                            dedupeKey(week, scope, recipient.userId()),
                            subject(week, scope),
                            body(week),
                            Optional.empty(),
                            now,
                            Optional.of(reportId)),
                    now);
            if (id.isPresent()) {
                written++;
            }
        }
        return written;
    }

    static String dedupeKey(String week, ReportScope scope, long userId) {
        return "report:" + week + ":" + scope + ":" + userId;
    }

    private static List<Recipient> recipients(Handle handle, ReportScope scope) {
        return scope.recruiterId()
                .map(recruiter -> handle.createQuery(
                                "SELECT id, email FROM users WHERE id = :id AND active AND role = 'RECRUITER'")
                        .bind("id", recruiter)
                        .map((rs, context) -> new Recipient(rs.getLong("id"), rs.getString("email")))
                        .list())
                .orElseGet(() -> handle.createQuery(
                                "SELECT id, email FROM users WHERE role = 'ADMIN' AND active ORDER BY id")
                        .map((rs, context) -> new Recipient(rs.getLong("id"), rs.getString("email")))
                        .list());
    }

    private static String subject(String week, ReportScope scope) {
        return "Follow-up report " + week + (scope.isAgency() ? " (agency)" : " (your candidates)");
    }

    private static String body(String week) {
        return "The weekly follow-up report for " + week + " is attached as PDF and CSV.\n"
                + "Every figure is explained in the report; earlier versions stay in the archive.\n";
    }
}
