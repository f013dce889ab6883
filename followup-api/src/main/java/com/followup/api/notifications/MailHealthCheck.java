package com.followup.api.notifications;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.health.HealthCheck;
import com.followup.api.mail.MailSender;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * Says whether e-mail goes out. Disabled sending (no SMTP host) is healthy, as in development, but said; unhealthy is
 * a message that FAILED in the last day or a due message waiting more than 15 minutes.
 */
public final class MailHealthCheck extends HealthCheck {
    private final Jdbi jdbi;
    private final Clock clock;
    private final MailSender mail;

    public MailHealthCheck(Jdbi jdbi, Clock clock, MailSender mail) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.mail = requireNonNull(mail, "mail is null");
    }

    @Override
    protected Result check() {
        java.time.Instant now = clock.instant();
        long pending = jdbi.withHandle(
                handle -> handle.createQuery("SELECT count(*) FROM outbox WHERE state IN ('PENDING', 'SENDING')")
                        .mapTo(Long.class)
                        .one());
        if (!mail.enabled()) {
            return Result.healthy("Sending is disabled (no smtp.host); " + pending + " messages wait in the outbox");
        }
        long failed = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM outbox WHERE state = 'FAILED' AND created_at > :since")
                .bind("since", now.minus(Duration.ofDays(1)))
                .mapTo(Long.class)
                .one());
        long late = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM outbox WHERE state IN ('PENDING', 'SENDING') AND next_attempt_at < :late")
                .bind("late", now.minus(Duration.ofMinutes(15)))
                .mapTo(Long.class)
                .one());
        if (failed > 0 || late > 0) {
            return Result.unhealthy(failed + " messages failed in the last day, " + late + " are late");
        }
        return Result.healthy(pending + " messages waiting");
    }
}
