package com.followup.api.notifications;

import static java.util.Objects.requireNonNull;

import com.followup.api.dashboard.PlanSummary;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.policy.JdbiPolicyStore;
import com.followup.api.representations.BreachWords;
import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.rules.Breach;
import com.followup.core.rules.Plan;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.rules.Step;
import com.followup.core.rules.StepKind;
import com.followup.core.rules.StepState;
import com.followup.core.rules.ThreadStatus;
import com.followup.core.ruleset.RuleId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Turns plans into outbox messages, once a minute on every server. A run holds a transaction-scoped advisory lock, so
 * runs of several servers take turns; the dedupe keys would keep them from writing a message twice anyway.
 */
public final class ReminderPlanner {
    /** The advisory lock of the planner ("followup reminders"). */
    static final long LOCK = 0x466f6c6c52656d31L;

    private final Jdbi jdbi;
    private final JdbiInterviewRecords records;
    private final Clock clock;
    private final JdbiPolicyStore policies;
    private final PlanEvaluator evaluator;
    private final CandidateReminders reminders;
    private final NotificationsConfiguration configuration;
    private final ZoneId agencyZone;
    /**
     * The recruiters whose digest of one date was found empty, so the later passes of that day do not evaluate their
     * interviews again: an optimisation only, each server keeps its own. Only the date being planned is kept, and a pass
     * for another date starts afresh, so this holds at most one entry a recruiter; a set of keys naming the date grew by
     * one a recruiter every day for as long as the server ran.
     */
    private volatile EmptyDigests emptyDigests = new EmptyDigests(LocalDate.MIN);

    private record EmptyDigests(LocalDate date, Set<Long> recruiters) {
        EmptyDigests(LocalDate date) {
            this(date, ConcurrentHashMap.newKeySet());
        }
    }

    public ReminderPlanner(
            Jdbi jdbi,
            JdbiInterviewRecords records,
            Clock clock,
            JdbiPolicyStore policies,
            PlanEvaluator evaluator,
            CandidateReminders reminders,
            NotificationsConfiguration configuration,
            ZoneId agencyZone) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.records = requireNonNull(records, "records is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
        this.reminders = requireNonNull(reminders, "reminders is null");
        this.configuration = requireNonNull(configuration, "configuration is null");
        this.agencyZone = requireNonNull(agencyZone, "agencyZone is null");
    }

    /** One planning run; false when another server's run held the lock. */
    public boolean runOnce() {
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            boolean locked = handle.createQuery("SELECT pg_try_advisory_xact_lock(:lock)")
                    .bind("lock", LOCK)
                    .mapTo(Boolean.class)
                    .one();
            if (!locked) {
                return false;
            }
            planCandidates(handle, now);
            planRecruiters(handle, now);
            return true;
        });
    }

    private record Recipient(long userId, String email) {}

    /**
     * Plans the candidates' reminders. Only interviews that may have something new are looked at: never planned, their
     * inputs written since (the generation counted in plan_summaries), another policy, or the clock past the first
     * instant their plan changes state by itself. What each was planned at is recorded in planned_reminders.
     */
    private void planCandidates(Handle handle, Instant now) {
        Map<Recipient, List<Long>> interviews = new LinkedHashMap<>();
        Map<Long, Long> generations = new HashMap<>();
        JdbiPolicyStore.Versioned policy = policies.currentVersioned();
        handle.createQuery(
                        """
                        SELECT u.id AS user_id, c.email, i.id AS interview_id, coalesce(s.input_generation, -1) AS generation
                          FROM interviews i
                          JOIN candidates c ON c.id = i.candidate_id
                          JOIN users u ON u.id = c.user_id
                          LEFT JOIN notification_preferences p ON p.user_id = u.id
                          LEFT JOIN plan_summaries s ON s.interview_id = i.id
                          LEFT JOIN planned_reminders r ON r.interview_id = i.id
                         WHERE u.active AND COALESCE(p.email_enabled, true)
                           AND i.ends_at > :since AND i.starts_at <= :now
                           AND (r.interview_id IS NULL OR s.interview_id IS NULL
                                OR r.input_generation <> s.input_generation OR r.policy_version <> :policyVersion
                                OR r.valid_until <= :now)
                         ORDER BY u.id, i.id
                        """)
                .bind("since", now.minus(configuration.getLookBack()))
                .bind("now", now)
                .bind("policyVersion", policy.version())
                .map((rs, context) -> {
                    generations.put(rs.getLong("interview_id"), rs.getLong("generation"));
                    return Map.entry(
                            new Recipient(rs.getLong("user_id"), rs.getString("email")), rs.getLong("interview_id"));
                })
                .forEach(row -> interviews
                        .computeIfAbsent(row.getKey(), key -> new ArrayList<>())
                        .add(row.getValue()));
        PreparedBatch planned = handle.prepareBatch(
                """
                INSERT INTO planned_reminders (interview_id, input_generation, policy_version, valid_until, planned_at)
                VALUES (:interview, :generation, :policyVersion, :validUntil, :now)
                ON CONFLICT (interview_id) DO UPDATE SET input_generation = excluded.input_generation,
                    policy_version = excluded.policy_version, valid_until = excluded.valid_until,
                    planned_at = excluded.planned_at
                """);
        for (Map.Entry<Recipient, List<Long>> candidate : interviews.entrySet()) {
            if (Thread.currentThread().isInterrupted()) {
                // The server is stopping: what is planned so far commits, the other candidates' interviews are still
                // unplanned and the next run, here or on another server, takes them.
                break;
            }
            List<InterviewRecord> loaded = records.findAll(
                    handle, candidate.getValue().stream().map(InterviewId::new).toList());
            List<ReminderItem> items = new ArrayList<>();
            Map<String, Instant> deadlines = new LinkedHashMap<>();
            ZoneId zone = null;
            for (InterviewRecord record : loaded) {
                zone = record.candidate().zone();
                Plan plan = evaluator.evaluate(record, policy.policy(), now);
                long interviewId = record.interview().id().value();
                planned.bind("interview", interviewId)
                        .bind("generation", generations.get(interviewId))
                        .bind("policyVersion", policy.version())
                        .bind(
                                "validUntil",
                                PlanSummary.of(plan, record, policy.policy())
                                        .validUntil()
                                        .orElse(null))
                        .bind("now", now)
                        .add();
                for (ReminderItem item : CandidateReminders.itemsOf(plan)) {
                    items.add(item);
                    CandidateReminders.stepOf(plan, item)
                            .flatMap(step -> step.window().deadline())
                            .ifPresent(deadline -> deadlines.put(item.key(), deadline));
                }
            }
            Set<String> known = new HashSet<>(Outbox.knownItems(
                    handle, items.stream().map(ReminderItem::key).toList()));
            List<ReminderItem> fresh =
                    items.stream().filter(item -> !known.contains(item.key())).toList();
            if (!fresh.isEmpty() && zone != null) {
                enqueueCandidate(handle, candidate.getKey(), zone, fresh, deadlines, now);
            }
        }
        if (planned.size() > 0) {
            planned.execute();
        }
    }

    /**
     * At most one digest a local day, in the sending hours; an item due within hours that missed the day's digest
     * gets its own message, at once in the sending hours, or outside them when the deadline would pass first.
     */
    private void enqueueCandidate(
            Handle handle,
            Recipient recipient,
            ZoneId zone,
            List<ReminderItem> items,
            Map<String, Instant> deadlines,
            Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate date = local.toLocalDate();
        Instant due;
        if (local.toLocalTime().isBefore(configuration.getCandidateSendFrom())) {
            due = morning(date, zone);
        } else if (local.toLocalTime().isBefore(configuration.getCandidateSendUntil())) {
            due = now;
        } else {
            date = date.plusDays(1);
            due = morning(date, zone);
        }
        if (addToDigest(handle, recipient, date, due, items, now)) {
            return;
        }
        List<ReminderItem> urgent = items.stream()
                .filter(item -> item.event() == ReminderItem.Event.DUE_SOON)
                .toList();
        List<ReminderItem> later = items.stream()
                .filter(item -> item.event() == ReminderItem.Event.OPENS)
                .toList();
        if (!urgent.isEmpty()) {
            Instant nextMorning = due.isAfter(now) ? due : morning(date.plusDays(1), zone);
            boolean deadlineFirst = urgent.stream()
                    .map(item -> deadlines.getOrDefault(item.key(), item.moment()))
                    .anyMatch(deadline -> deadline.isBefore(nextMorning));
            Instant urgentDue = due.equals(now) || deadlineFirst ? now : nextMorning;
            String key = "candidate:" + recipient.userId() + ":urgent:"
                    + urgent.get(0).key();
            Optional<Long> id =
                    Outbox.enqueue(handle, placeholder(recipient, OutboxKind.CANDIDATE_URGENT, key, urgentDue), now);
            id.ifPresent(outboxId -> fill(handle, outboxId, recipient, OutboxKind.CANDIDATE_URGENT, urgent, now));
        }
        if (!later.isEmpty()) {
            addToDigest(handle, recipient, date.plusDays(1), morning(date.plusDays(1), zone), later, now);
        }
    }

    private Instant morning(LocalDate date, ZoneId zone) {
        return date.atTime(configuration.getCandidateSendFrom()).atZone(zone).toInstant();
    }

    /** Adds the items to the digest of {@code date}; false when that day's digest was already claimed or sent. */
    private boolean addToDigest(
            Handle handle, Recipient recipient, LocalDate date, Instant due, List<ReminderItem> items, Instant now) {
        String key = "candidate:" + recipient.userId() + ":digest:" + date;
        Optional<Outbox.Stored> existing = Outbox.lockByKey(handle, key);
        long id;
        if (existing.isEmpty()) {
            id = Outbox.enqueue(handle, placeholder(recipient, OutboxKind.CANDIDATE_DIGEST, key, due), now)
                    .orElseThrow();
        } else {
            switch (existing.get().state()) {
                case PENDING -> {}
                case CANCELLED ->
                    // Nothing of it went out (its items were taken back), so the day still has its one digest.
                    handle.createUpdate("UPDATE outbox SET state = 'PENDING', due_at = :due, next_attempt_at = :due,"
                                    + " last_error = NULL WHERE id = :id")
                            .bind("id", existing.get().id())
                            .bind("due", due)
                            .execute();
                case SENDING, SENT, FAILED -> {
                    return false;
                }
            }
            id = existing.get().id();
        }
        fill(handle, id, recipient, OutboxKind.CANDIDATE_DIGEST, items, now);
        return true;
    }

    private static Outbox.NewMessage placeholder(Recipient recipient, OutboxKind kind, String key, Instant due) {
        return new Outbox.NewMessage(
                recipient.userId(), recipient.email(), kind, key, "(being planned)", "", Optional.empty(), due);
    }

    private void fill(
            Handle handle, long outboxId, Recipient recipient, OutboxKind kind, List<ReminderItem> items, Instant now) {
        for (ReminderItem item : items) {
            Outbox.addItem(handle, outboxId, item, now);
        }
        String unsubscribe = unsubscribeUrl(Preferences.of(handle, recipient.userId(), now));
        Optional<MailText> text = reminders.render(handle, outboxId, kind, unsubscribe, now);
        if (text.isPresent()) {
            Outbox.rewrite(
                    handle,
                    outboxId,
                    text.get().subject(),
                    text.get().text(),
                    Optional.of(text.get().html()));
        } else {
            Outbox.cancelEmptyMessages(handle, now, "nothing left to remind of");
        }
    }

    String unsubscribeUrl(Preferences.Preference preference) {
        return configuration.unsubscribeUrl(preference.userId());
    }

    // The recruiters' digest: what needs them from the day before the digest hour, once a day.
    private void planRecruiters(Handle handle, Instant now) {
        ZonedDateTime local = now.atZone(agencyZone);
        // Read on every run, so an admin's change applies from the next run without a restart. The dedupe key
        // names the day, not the hour: moving the hour never sends a second digest on one day.
        int digestHour = NotificationSettings.recruiterDigestHour(handle, configuration);
        LocalDate date = local.getHour() >= digestHour
                ? local.toLocalDate()
                : local.toLocalDate().minusDays(1);
        Instant digestAt = date.atTime(digestHour, 0).atZone(agencyZone).toInstant();
        Instant since = digestAt.minus(java.time.Duration.ofDays(1));
        List<Recipient> recruiters = handle.createQuery(
                        """
                        SELECT u.id, u.email FROM users u
                          LEFT JOIN notification_preferences p ON p.user_id = u.id
                         WHERE u.role = 'RECRUITER' AND u.active AND COALESCE(p.email_enabled, true)
                           AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dedupe_key = 'recruiter:' || u.id || ':digest:' || :date)
                         ORDER BY u.id
                        """)
                .bind("date", date.toString())
                .map((rs, context) -> new Recipient(rs.getLong("id"), rs.getString("email")))
                .list();
        AgencyPolicy policy = policies.current();
        EmptyDigests empty = emptyDigests;
        if (!empty.date().equals(date)) {
            empty = new EmptyDigests(date);
            emptyDigests = empty;
        }
        for (Recipient recruiter : recruiters) {
            if (Thread.currentThread().isInterrupted()) {
                break; // the server is stopping: the digests not written yet are written by the next run
            }
            String key = "recruiter:" + recruiter.userId() + ":digest:" + date;
            if (empty.recruiters().contains(recruiter.userId())) {
                continue;
            }
            List<Long> ids = handle.createQuery(
                            """
                            SELECT i.id FROM interviews i
                              JOIN recruiter_assignments a ON a.candidate_id = i.candidate_id
                             WHERE a.recruiter_id = :recruiter AND i.ends_at > :since AND i.starts_at <= :now
                             ORDER BY i.id
                            """)
                    .bind("recruiter", recruiter.userId())
                    .bind("since", since.minus(configuration.getLookBack()))
                    .bind("now", digestAt)
                    .mapTo(Long.class)
                    .list();
            List<MailText.Line> lines = new ArrayList<>();
            for (InterviewRecord record :
                    records.findAll(handle, ids.stream().map(InterviewId::new).toList())) {
                Plan plan = evaluator.evaluate(record, policy, digestAt);
                lines.addAll(needsRecruiter(record, plan, since, digestAt));
            }
            if (lines.isEmpty()) {
                empty.recruiters().add(recruiter.userId());
                continue;
            }
            String unsubscribe = unsubscribeUrl(Preferences.of(handle, recruiter.userId(), now));
            MailText text = MailText.of(
                    "Followup: " + lines.size() + (lines.size() == 1 ? " thing needs" : " things need") + " you",
                    "Hello,",
                    "Since " + MailText.moment(since, agencyZone) + " these need your attention:",
                    lines,
                    unsubscribe,
                    "This digest comes once a day at " + digestHour + ":00 and only when something needs you.");
            Outbox.enqueue(
                    handle,
                    new Outbox.NewMessage(
                            recruiter.userId(),
                            recruiter.email(),
                            OutboxKind.RECRUITER_DIGEST,
                            key,
                            text.subject(),
                            text.text(),
                            Optional.of(text.html()),
                            now),
                    now);
        }
    }

    private List<MailText.Line> needsRecruiter(InterviewRecord record, Plan plan, Instant since, Instant until) {
        List<MailText.Line> lines = new ArrayList<>();
        String who = record.candidate().name() + ", " + record.interview().role() + " at "
                + record.company().name();
        String link = configuration.getPortalBaseUrl() + "/interviews/"
                + record.interview().id().value();
        for (Step step : plan.steps()) {
            boolean missed = step.state() == StepState.MISSED || step.state() == StepState.OVERDUE;
            Optional<Instant> deadline = step.window().deadline();
            if (missed && deadline.isPresent() && inPeriod(deadline.get(), since, until)) {
                lines.add(new MailText.Line(
                        who + ": missed the "
                                + step.kind()
                                        .name()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .replace('_', '-') + " deadline",
                        Optional.of("Deadline " + MailText.moment(deadline.get(), agencyZone)),
                        link,
                        rules(step.rules())));
            }
            if (step.kind() == StepKind.CLOSING
                    && plan.thread() == ThreadStatus.CLOSED_NO_RESPONSE
                    && inPeriod(step.window().earliest(), since, until)) {
                lines.add(new MailText.Line(
                        who + ": the company did not answer the status checks (ghosted)",
                        Optional.of(
                                "Thread closed " + MailText.moment(step.window().earliest(), agencyZone)),
                        link,
                        rules(step.rules())));
            }
        }
        for (Breach breach : plan.breaches()) {
            // A missed deadline is listed above with its step.
            if (breach.touch().isPresent() && inPeriod(breach.at(), since, until)) {
                lines.add(new MailText.Line(
                        who + ": " + BreachWords.reword(breach.explanation(), agencyZone),
                        Optional.of("On " + MailText.moment(breach.at(), agencyZone)),
                        link,
                        breach.rule().name()));
            }
        }
        return lines;
    }

    private static boolean inPeriod(Instant moment, Instant since, Instant until) {
        return !moment.isBefore(since) && moment.isBefore(until);
    }

    private static String rules(Set<RuleId> rules) {
        return rules.stream().map(RuleId::name).sorted().collect(Collectors.joining(", "));
    }
}
