package com.followup.api.privacy;

import static java.util.Objects.requireNonNull;

import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.problem.Versions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long personal data is kept (issue 20, decision 0035): a candidate N months after their last activity, a contact
 * N months after their last interview (24 and 24 unless the agency says otherwise). The daily pass erases who is past
 * it, one person a transaction, on one server at a time (a session advisory lock) and once a day across servers (the
 * policy row's {@code last_run_at}); an admin sees beforehand who will be erased and when.
 */
public final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    /** pg_advisory_lock key of the pass: "retention" in ASCII, distinct from the other locks' keys. */
    static final long LOCK_KEY = 0x726574656e74L;
    /** A pass runs at most this often, whichever server's job wakes first. */
    static final Duration ONCE_A_DAY = Duration.ofHours(23);
    /** How far ahead the preview looks. */
    public static final Duration PREVIEW_AHEAD = Duration.ofDays(30);

    private final Jdbi jdbi;
    private final Erasures erasures;
    private final Audit audit;
    private final Clock clock;

    public Retention(Jdbi jdbi, Erasures erasures, Audit audit, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.erasures = requireNonNull(erasures, "erasures is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The retention policy as stored. */
    public record RetentionPolicy(
            int candidateMonths, int contactMonths, boolean enabled, int version, Optional<Instant> lastRunAt) {}

    /** A change of it, naming the version read. */
    public record RetentionPolicyRequest(
            Integer candidateMonths, Integer contactMonths, Boolean enabled, Integer version) {}

    /** Someone the policy will erase: since when they are past it (or will be, within the preview's 30 days). */
    public record Due(String kind, long id, String name, Instant lastActivity, Instant erasedFrom) {}

    /** The preview: the policy, and who it erases at the next pass or within {@link #PREVIEW_AHEAD}. */
    public record Preview(RetentionPolicy policy, Instant asOf, List<Due> due) {}

    public RetentionPolicy policy(UserPrincipal admin) {
        requireAdmin(admin);
        return jdbi.withHandle(Retention::read);
    }

    public RetentionPolicy update(UserPrincipal admin, RetentionPolicyRequest request) {
        requireAdmin(admin);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw ProblemException.badRequest(ErrorCode.VALIDATION_FAILED, "A body is required.", List.of());
        }
        checkMonths("candidateMonths", request.candidateMonths(), errors);
        checkMonths("contactMonths", request.contactMonths(), errors);
        if (request.enabled() == null) {
            errors.add(Problem.FieldError.of("enabled", "is required (true or false)"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(
                    ErrorCode.VALIDATION_FAILED, "The retention policy is not valid.", errors);
        }
        Versions.require(request.version());
        return jdbi.inTransaction(handle -> {
            int updated = handle.createUpdate(
                            """
                            UPDATE retention_policy SET candidate_months = :candidate, contact_months = :contact,
                                   enabled = :enabled, version = version + 1, updated_at = :now, updated_by = :by
                            WHERE id = 1 AND version = :version
                            """)
                    .bind("candidate", request.candidateMonths())
                    .bind("contact", request.contactMonths())
                    .bind("enabled", request.enabled())
                    .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                    .bind("by", admin.id())
                    .bind("version", request.version())
                    .execute();
            Versions.requireUpdated(updated, "retention policy");
            audit.record(
                    handle,
                    admin,
                    "privacy.retention_updated",
                    "retention_policy",
                    1,
                    Map.of(
                            "candidateMonths", request.candidateMonths(),
                            "contactMonths", request.contactMonths(),
                            "enabled", request.enabled()));
            return read(handle);
        });
    }

    private static void checkMonths(String field, Integer months, List<Problem.FieldError> errors) {
        if (months == null || months < 1 || months > 1200) {
            errors.add(Problem.FieldError.of(field, "must be a whole number of months from 1 to 1200"));
        }
    }

    /** Who the policy erases, now or within {@link #PREVIEW_AHEAD}, soonest first. */
    public Preview preview(UserPrincipal admin) {
        requireAdmin(admin);
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            RetentionPolicy policy = read(handle);
            return new Preview(policy, now, due(handle, policy, now.plus(PREVIEW_AHEAD)));
        });
    }

    /**
     * The daily pass: erases everyone past the policy as of now, one person a transaction, and returns how many. Does
     * nothing while another server runs it, within a day of the last pass, or when the policy is off.
     */
    public int pass() {
        return jdbi.withHandle(handle -> {
            boolean locked = handle.createQuery("SELECT pg_try_advisory_lock(:key)")
                    .bind("key", LOCK_KEY)
                    .mapTo(Boolean.class)
                    .one();
            if (!locked) {
                return 0;
            }
            try {
                Instant now = clock.instant();
                RetentionPolicy policy = read(handle);
                if (!policy.enabled()
                        || policy.lastRunAt()
                                .filter(last -> last.isAfter(now.minus(ONCE_A_DAY)))
                                .isPresent()) {
                    return 0;
                }
                int erased = 0;
                for (Due due : due(handle, policy, now)) {
                    if (Thread.currentThread().isInterrupted()) {
                        // The server stops: the rest is the next pass's, here or elsewhere.
                        return erased;
                    }
                    PersonKind kind = PersonKind.valueOf(due.kind().toUpperCase(java.util.Locale.ROOT));
                    boolean done = handle.inTransaction(
                            transaction -> erasures.eraseIfPresent(transaction, kind, due.id(), Erasures.Via.RETENTION)
                                    .isPresent());
                    erased += done ? 1 : 0;
                }
                handle.createUpdate("UPDATE retention_policy SET last_run_at = :now WHERE id = 1")
                        .bind("now", now.atOffset(ZoneOffset.UTC))
                        .execute();
                if (erased > 0) {
                    LOG.info("Retention erased {} people past the agency's policy", erased);
                }
                return erased;
            } finally {
                handle.createQuery("SELECT pg_advisory_unlock(:key)")
                        .bind("key", LOCK_KEY)
                        .mapTo(Boolean.class)
                        .one();
            }
        });
    }

    /** The people whose retention ends before {@code until}, soonest first. */
    static List<Due> due(Handle handle, RetentionPolicy policy, Instant until) {
        return handle.createQuery(
                        """
                        WITH candidate_activity AS (
                            SELECT c.id, c.name, GREATEST(c.created_at,
                                       (SELECT max(i.ends_at) FROM interviews i WHERE i.candidate_id = c.id),
                                       (SELECT max(GREATEST(t.sent_at, t.created_at)) FROM touches t
                                          JOIN interviews i ON i.id = t.interview_id WHERE i.candidate_id = c.id),
                                       (SELECT max(GREATEST(r.received_at, r.created_at)) FROM replies r
                                          JOIN interviews i ON i.id = r.interview_id WHERE i.candidate_id = c.id),
                                       (SELECT max(d.written_at) FROM debriefs d
                                          JOIN interviews i ON i.id = d.interview_id WHERE i.candidate_id = c.id),
                                       (SELECT max(o.at) FROM outcomes o
                                          JOIN interviews i ON i.id = o.interview_id WHERE i.candidate_id = c.id),
                                       (SELECT max(s.last_seen_at) FROM sessions s WHERE s.user_id = c.user_id))
                                   AS last_activity
                            FROM candidates c WHERE c.erased_at IS NULL
                        ), contact_activity AS (
                            SELECT ct.id, ct.name, GREATEST(ct.created_at,
                                       (SELECT max(i.ends_at) FROM interview_interviewers ii
                                          JOIN interviews i ON i.id = ii.interview_id WHERE ii.contact_id = ct.id))
                                   AS last_activity
                            FROM contacts ct WHERE ct.erased_at IS NULL
                        )
                        SELECT * FROM (
                            SELECT 'candidate' AS kind, id, name, last_activity,
                                   last_activity + make_interval(months => :candidate_months) AS erased_from
                            FROM candidate_activity
                            UNION ALL
                            SELECT 'contact', id, name, last_activity,
                                   last_activity + make_interval(months => :contact_months)
                            FROM contact_activity
                        ) due
                        WHERE erased_from <= :until
                        ORDER BY erased_from, kind, id
                        """)
                .bind("candidate_months", policy.candidateMonths())
                .bind("contact_months", policy.contactMonths())
                .bind("until", until.atOffset(ZoneOffset.UTC))
                .map((rows, context) -> new Due(
                        rows.getString("kind"),
                        rows.getLong("id"),
                        rows.getString("name"),
                        rows.getTimestamp("last_activity").toInstant(),
                        rows.getTimestamp("erased_from").toInstant()))
                .list();
    }

    private static RetentionPolicy read(Handle handle) {
        return handle.createQuery(
                        "SELECT candidate_months, contact_months, enabled, version, last_run_at FROM retention_policy"
                                + " WHERE id = 1")
                .map((rows, context) -> {
                    java.sql.Timestamp last = rows.getTimestamp("last_run_at");
                    return new RetentionPolicy(
                            rows.getInt("candidate_months"),
                            rows.getInt("contact_months"),
                            rows.getBoolean("enabled"),
                            rows.getInt("version"),
                            Optional.ofNullable(last).map(java.sql.Timestamp::toInstant));
                })
                .one();
    }

    private static void requireAdmin(UserPrincipal user) {
        if (!user.is(Role.ADMIN)) {
            throw ProblemException.forbidden(ErrorCode.FORBIDDEN, "Only an admin sees and sets the retention policy.");
        }
    }
}
