package com.followup.api.threads;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followup.api.access.Visibility;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Secrets;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.cache.ChangeFeed;
import com.followup.api.dashboard.PlanSummaries;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.db.Statements;
import com.followup.api.interviews.Interviews;
import com.followup.api.notifications.Outbox;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.problem.Versions;
import com.followup.api.representations.BreachWords;
import com.followup.api.representations.PlanView;
import com.followup.api.threads.ThreadBodies.DraftRequest;
import com.followup.api.threads.ThreadBodies.FindingView;
import com.followup.api.threads.ThreadBodies.NoteCheckView;
import com.followup.api.threads.ThreadBodies.ReplyCorrection;
import com.followup.api.threads.ThreadBodies.ReplyRequest;
import com.followup.api.threads.ThreadBodies.ReplyView;
import com.followup.api.threads.ThreadBodies.Retraction;
import com.followup.api.threads.ThreadBodies.TouchCorrection;
import com.followup.api.threads.ThreadBodies.TouchRequest;
import com.followup.api.threads.ThreadBodies.TouchView;
import com.followup.api.threads.ThreadRepository.EarlierRow;
import com.followup.api.threads.ThreadRepository.NewReply;
import com.followup.api.threads.ThreadRepository.NewTouch;
import com.followup.api.threads.ThreadRepository.ReplyChange;
import com.followup.api.threads.ThreadRepository.ReplyRow;
import com.followup.api.threads.ThreadRepository.Setting;
import com.followup.api.threads.ThreadRepository.TouchChange;
import com.followup.api.threads.ThreadRepository.TouchRow;
import com.followup.api.webhooks.WebhookEventType;
import com.followup.api.webhooks.WebhookEvents;
import com.followup.core.model.Contact;
import com.followup.core.model.ContactId;
import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.model.Reply;
import com.followup.core.model.ReplyId;
import com.followup.core.model.Touch;
import com.followup.core.model.TouchId;
import com.followup.core.model.TouchKind;
import com.followup.core.notes.NoteCheck;
import com.followup.core.notes.NoteChecker;
import com.followup.core.repository.PolicyStore;
import com.followup.core.rules.Plan;
import com.followup.core.rules.PlanEvaluator;
import com.followup.core.ruleset.RuleId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The thread use cases of an interview, for the API's {@code ThreadResource} and {@code NoteCheckResource} and the
 * portal's pages alike: touches the candidate sent, replies that came back, and the check of a thank-you draft. Each
 * takes the caller and a request, checks that the caller may see the interview ({@link Visibility}: 404 otherwise)
 * and that the request is valid, runs in one transaction, writes the audit entry of a change, and returns a view.
 *
 * <p>A touch that breaks a rule is stored with its breaches, never refused, so the recruiter sees it. With an
 * idempotency key a retried request answers the first one's result instead of logging twice.
 *
 * <p>A touch or reply logged by mistake is corrected in place or retracted with a reason (decision 0019): under the
 * version it was read at, checked by the same rules as a new one, never deleted, with its before and after in the
 * audit log. A retracted one stays visible on request but no longer counts: the interview's record leaves it out.
 */
public final class Threads {
    /** The header that carries an idempotency key, and the field its errors name. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final int MAX_IDEMPOTENCY_KEY = 200;

    /** A touch or reply stored by this request ({@code created}), or by an earlier one with the same key. */
    public record Logged<T>(T view, boolean created) {
        public Logged {
            requireNonNull(view, "view is null");
        }
    }

    private final Jdbi jdbi;
    private final Audit audit;
    private final JdbiInterviewRecords records;
    private final PolicyStore policies;
    private final PlanEvaluator evaluator;
    private final NoteChecker checker;
    private final PlanSummaries summaries;
    private final ObjectMapper json;
    private final Clock clock;
    private final ChangeFeed changes;
    private final TouchGroups groups;

    public Threads(
            Jdbi jdbi,
            Audit audit,
            JdbiInterviewRecords records,
            PolicyStore policies,
            PlanEvaluator evaluator,
            NoteChecker checker,
            PlanSummaries summaries,
            ObjectMapper json,
            Clock clock,
            ChangeFeed changes) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.records = requireNonNull(records, "records is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
        this.checker = requireNonNull(checker, "checker is null");
        this.summaries = requireNonNull(summaries, "summaries is null");
        this.json = requireNonNull(json, "json is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.changes = requireNonNull(changes, "changes is null");
        this.groups = new TouchGroups(jdbi, (handle, group) -> logAll(handle, group, true));
    }

    // ---- touches

    /** The interview's touches that count, each with the breaches it causes in the plan now and its note findings. */
    public List<TouchView> touches(UserPrincipal user, long interviewId) {
        return touches(user, interviewId, false);
    }

    /** The interview's touches, the retracted ones too (with their retraction, no breaches) when asked for. */
    public List<TouchView> touches(UserPrincipal user, long interviewId, boolean withRetracted) {
        Instant now = clock.instant();
        Conversation thread = jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, interviewId);
            return thread(handle, interviewId, null, withRetracted);
        });
        Plan plan = evaluator.evaluate(thread.record(), policies.current(), now);
        return thread.rows().stream().map(row -> touchView(row, plan)).toList();
    }

    /**
     * Logs a touch; a note (a thank-you) is checked again (R14-R17) and its findings are stored with it. The answer
     * is the touch with the breaches it causes. Touches logged at the same moment by other requests are written in
     * the same transaction ({@link TouchGroups}, issue 18); each is checked, and answered, as if alone.
     */
    public Logged<TouchView> logTouch(
            UserPrincipal user, long interviewId, TouchRequest request, Optional<String> idempotencyKey) {
        TouchToLog touch = touchToLog(user, interviewId, request, idempotencyKey);
        return answer(touch, groups.log(touch));
    }

    /**
     * {@link #logTouch} in the caller's transaction when there is one on this thread (mail-in logs the touches of an
     * e-mail with the e-mail's own records), never grouped with other requests'.
     */
    public Logged<TouchView> logTouchInCallersTransaction(
            UserPrincipal user, long interviewId, TouchRequest request, Optional<String> idempotencyKey) {
        TouchToLog touch = touchToLog(user, interviewId, request, idempotencyKey);
        List<Outcome> outcomes = jdbi.inTransaction(handle -> logAll(handle, List.of(touch), false));
        return answer(touch, outcomes.get(0));
    }

    /** A request to log a touch, checked as far as it can be without the database. */
    record TouchToLog(
            UserPrincipal user,
            long interviewId,
            TouchRequest request,
            Optional<String> key,
            String requestHash,
            Instant now) {}

    /**
     * What became of one touch of a group: logged ({@code view}), a retry of an earlier request ({@code earlier}),
     * or refused ({@code refused}, thrown to its caller).
     */
    record Outcome(TouchView view, Long earlier, RuntimeException refused) {
        static Outcome refused(RuntimeException e) {
            return new Outcome(null, null, e);
        }
    }

    private TouchToLog touchToLog(
            UserPrincipal user, long interviewId, TouchRequest request, Optional<String> idempotencyKey) {
        requireChannelFitsKind(request);
        return new TouchToLog(user, interviewId, request, key(idempotencyKey), hashOf(request), clock.instant());
    }

    private Logged<TouchView> answer(TouchToLog touch, Outcome outcome) {
        if (outcome.refused() != null) {
            throw outcome.refused();
        }
        if (outcome.earlier() != null) {
            return new Logged<>(touchAfter(touch.interviewId(), outcome.earlier(), touch.now()), false);
        }
        return new Logged<>(outcome.view(), true);
    }

    /** A touch checked against its interview's record, ready to be written. */
    private record Checked(int index, long candidateId, NewTouch touch, Contact recipient, InterviewRecord before) {}

    /**
     * Logs a group of touches of different interviews in the caller's transaction (issue 18): each caller's check
     * locks the summary rows of its interviews in one statement, the records are read in one round trip, each touch
     * is checked against its own record, then all are written with one statement each for the touches and the
     * summaries, and one round trip for the audit, the webhook events and the candidates' sums together. A touch refused by a check (a 404, a 400) is
     * answered with its error and writes nothing; any other failure fails the whole group, which its caller then
     * logs one at a time. Each plan is evaluated on the record with the touch added in memory and stored as the
     * interview's summary before the commit.
     *
     * <p>{@code commitWithWrites}: the caller's transaction ends with the writes, so its {@code COMMIT} goes in the
     * same round trip as they do and nothing may be sent after them ({@link TouchGroups}; issue 18: one round trip
     * fewer a group). A group whose commit fails fails as a whole, as if its writes had.
     */
    List<Outcome> logAll(Handle handle, List<TouchToLog> group, boolean commitWithWrites) {
        Outcome[] outcomes = new Outcome[group.size()];
        // Noted before the records are read: a notification heard after it may be a write they do not show (decision
        // 0042).
        long since = changes.rowChanges();
        // One round trip: each caller's check of their interviews with the summary rows locked, then the records
        // and the new touches' ids (issue 18). The records are read after the locks, so no other writer changes
        // them before this transaction ends; those of interviews a caller may not see are read and left unused.
        Map<Long, List<Integer>> byUser = new LinkedHashMap<>();
        for (int i = 0; i < group.size(); i++) {
            byUser.computeIfAbsent(group.get(i).user().id(), id -> new ArrayList<>())
                    .add(i);
        }
        Map<Long, Map<Long, Long>> visibleByUser = new HashMap<>();
        List<JdbiInterviewRecords.Leading> locks = new ArrayList<>();
        if (byUser.size() > 1) {
            // The users' checks lock user by user; every writer of summaries takes them in interview order
            // (changeset 0029, decision 0045), so the whole group's are taken in that order first.
            locks.add(new JdbiInterviewRecords.Leading(
                    PlanSummaries.interviewsLockedInOrder(
                            group.stream().mapToLong(TouchToLog::interviewId).toArray()),
                    rs -> {}));
        }
        for (List<Integer> indices : byUser.values()) {
            UserPrincipal user = group.get(indices.get(0)).user();
            Map<Long, Long> visible = new HashMap<>();
            visibleByUser.put(user.id(), visible);
            long[] ids =
                    indices.stream().mapToLong(i -> group.get(i).interviewId()).toArray();
            locks.add(new JdbiInterviewRecords.Leading(
                    Visibility.interviewsLockedStatement(user, ids, "_" + locks.size()),
                    rs -> visible.put(rs.getLong(1), rs.getLong(2))));
        }
        // The transaction's id, which its row notifications name (changeset 0026): this server's caches take the
        // records it writes and know those notifications as their own (decision 0042).
        long[] transaction = new long[1];
        locks.add(new JdbiInterviewRecords.Leading(
                new Statements.Part("SELECT CAST(pg_current_xact_id() AS text)", Map.of()),
                rs -> transaction[0] = Long.parseLong(rs.getString(1))));
        // An id that cannot be an interview's (zero, negative) is no record to read: the lock finds nothing, so 404.
        List<InterviewId> toRead = group.stream()
                .filter(touch -> touch.interviewId() > 0)
                .map(touch -> new InterviewId(touch.interviewId()))
                .distinct()
                .toList();
        JdbiInterviewRecords.Loaded loaded = records.loadForTouches(handle, toRead, locks);
        Map<Integer, Long> candidates = new HashMap<>();
        for (int i = 0; i < group.size(); i++) {
            TouchToLog touch = group.get(i);
            Long candidate = visibleByUser.get(touch.user().id()).get(touch.interviewId());
            if (candidate == null) {
                outcomes[i] = Outcome.refused(ProblemException.notFound("Interview " + touch.interviewId()));
            } else {
                candidates.put(i, candidate);
            }
        }
        // Attached only when a touch needs it (an idempotency key, a recipient not yet on the thread): attaching
        // costs a quarter of a group's CPU in JDBI's extension lookup (issue 18).
        Supplier<ThreadRepository> threads = new Supplier<>() {
            private ThreadRepository attached;

            @Override
            public ThreadRepository get() {
                if (attached == null) {
                    attached = handle.attach(ThreadRepository.class);
                }
                return attached;
            }
        };
        for (int i = 0; i < group.size(); i++) {
            TouchToLog touch = group.get(i);
            if (outcomes[i] == null && touch.key().isPresent()) {
                try {
                    Optional<Stored> earlier = earlierRequest(
                            threads.get(),
                            "touches",
                            ThreadRepository::earlierTouch,
                            touch.user(),
                            touch.interviewId(),
                            touch.key(),
                            touch.requestHash());
                    if (earlier.isPresent()) {
                        outcomes[i] = new Outcome(null, earlier.get().id(), null);
                    }
                } catch (ProblemException e) {
                    outcomes[i] = Outcome.refused(e);
                }
            }
        }
        Map<Long, InterviewRecord> byId = new HashMap<>();
        loaded.records().forEach(record -> byId.put(record.interview().id().value(), record));
        List<Checked> checked = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            if (outcomes[i] != null) {
                continue;
            }
            TouchToLog touch = group.get(i);
            String unreadable = loaded.unreadable().get(touch.interviewId());
            InterviewRecord before = byId.get(touch.interviewId());
            if (unreadable != null) {
                outcomes[i] =
                        Outcome.refused(new JdbiInterviewRecords.UnreadableInterview(touch.interviewId(), unreadable));
            } else if (before == null) {
                outcomes[i] = Outcome.refused(ProblemException.notFound("Interview " + touch.interviewId()));
            } else {
                try {
                    checked.add(check(handle, threads, i, candidates.get(i), touch, before));
                } catch (ProblemException e) {
                    outcomes[i] = Outcome.refused(e);
                }
            }
        }
        if (!checked.isEmpty()) {
            write(handle, group, checked, loaded.newTouchIds(), outcomes, transaction[0], since, commitWithWrites);
        }
        return List.of(outcomes);
    }

    /** One touch checked against its interview's record: its time, its recipient, its address, its note. */
    private Checked check(
            Handle handle,
            Supplier<ThreadRepository> threads,
            int index,
            long candidateId,
            TouchToLog touch,
            InterviewRecord before) {
        TouchRequest request = touch.request();
        // To the microsecond, as PostgreSQL keeps it: the answer shows the time as stored.
        Instant sentAt = request.sentAt().toInstant().truncatedTo(ChronoUnit.MICROS);
        requireAfterInterview(before, sentAt, touch.now(), "sentAt");
        Contact recipient = onTheThread(before, request.recipientId())
                .orElseGet(() -> contactOfCompany(
                        handle, touch.user(), threads.get(), before, request.recipientId(), "recipientId"));
        String address = addressFor(request, recipient);
        // Notes are checked again when logged (R14-R17); the findings stay with the touch for reports.
        String findings = NoteDrafts.isNote(request.kind())
                        && request.text() != null
                        && !request.text().isBlank()
                ? findingsJson(before, recipient, request.text(), Optional.empty())
                : "[]";
        NewTouch row = new NewTouch(
                touch.interviewId(),
                request.kind(),
                request.channel(),
                request.recipientId(),
                address,
                sentAt,
                blankToNull(request.subject()),
                blankToNull(request.text()),
                findings,
                touch.key().orElse(null),
                touch.requestHash(),
                touch.user().id());
        return new Checked(index, candidateId, row, recipient, before);
    }

    /** The checked touches written, evaluated, audited and announced, a statement or a round trip for all of each. */
    private void write(
            Handle handle,
            List<TouchToLog> group,
            List<Checked> checked,
            Map<Long, Long> newTouchIds,
            Outcome[] outcomes,
            long transaction,
            long since,
            boolean commitWithWrites) {
        long[] ids = checked.stream()
                .mapToLong(each -> newTouchIds.get(each.touch().interviewId()))
                .toArray();
        if (Arrays.stream(ids).distinct().count() != ids.length) {
            throw new IllegalStateException("a group of touches must name each interview once");
        }
        List<Audit.Change> changes = new ArrayList<>(checked.size());
        List<Map<String, Object>> events = new ArrayList<>(checked.size());
        List<InterviewRecord> afters = new ArrayList<>(checked.size());
        // Those whose contacts are as the database lists them (the recipient already on the thread): this server's
        // caches take them as written (decision 0042).
        List<InterviewRecord> kept = new ArrayList<>(checked.size());
        long[] candidateIds = new long[checked.size()];
        Instant now = Instant.MIN;
        for (int c = 0; c < checked.size(); c++) {
            Checked each = checked.get(c);
            NewTouch touch = each.touch();
            changes.add(new Audit.Change(
                    touch.createdBy(),
                    ids[c],
                    Map.of("interview", touch.interviewId(), "kind", touch.kind(), "channel", touch.channel())));
            events.add(Map.of(
                    "interviewId", touch.interviewId(),
                    "touchId", ids[c],
                    "kind", touch.kind(),
                    "channel", touch.channel(),
                    "sentAt", touch.sentAt()));
            InterviewRecord withRecipient = withContact(each.before(), each.recipient());
            InterviewRecord after = withRecipient.withTouch(new Touch(
                    new TouchId(ids[c]),
                    touch.kind(),
                    touch.channel(),
                    each.recipient().id(),
                    touch.address(),
                    touch.sentAt(),
                    Optional.ofNullable(touch.subject()),
                    Optional.ofNullable(touch.text())));
            afters.add(after);
            if (withRecipient == each.before()) {
                kept.add(after);
            }
            candidateIds[c] = each.candidateId();
            Instant at = group.get(each.index()).now();
            now = at.isAfter(now) ? at : now;
        }
        // The touches, their audit and their events go with the summaries and the candidates' sums, in one round trip
        // (issue 18).
        List<Statements.Part> writes =
                new ArrayList<>(PlanSummaries.touchesStoredWithTheirSummaries(ThreadRepository.insertTouchesStatement(
                        checked.stream().map(Checked::touch).toList(), ids)));
        writes.add(audit.recordAllStatement("touch.logged", "touch", changes));
        writes.add(WebhookEvents.emitAllStatement(WebhookEventType.TOUCH_LOGGED, events));
        PlanSummaries.Written written = summaries.evaluateWritten(afters, candidateIds, now);
        // The answers are built before anything is sent: with the commit in the same round trip (decision 0047), a
        // failure after it would have the group written again, its touches logged twice.
        for (int c = 0; c < checked.size(); c++) {
            Checked each = checked.get(c);
            NewTouch touch = each.touch();
            TouchRow stored = new TouchRow(
                    ids[c],
                    touch.interviewId(),
                    touch.kind(),
                    touch.channel(),
                    touch.recipientId(),
                    touch.address(),
                    touch.sentAt(),
                    touch.subject(),
                    touch.text(),
                    touch.findings(),
                    1,
                    null,
                    null,
                    null,
                    null,
                    each.before().candidate().zone().getId());
            outcomes[each.index()] =
                    new Outcome(touchView(stored, written.plans().get(c)), null, null);
        }
        // Once committed, this server's caches drop their answers about these candidates and interviews at once: the
        // requests are answered without waiting for the notification of the same rows (ThreadResource,
        // MarksItsChanges).
        long[] interviewIds =
                checked.stream().mapToLong(each -> each.touch().interviewId()).toArray();
        handle.afterCommit(() -> {
            this.changes.writtenHere(transaction, since, kept);
            this.changes.changedHere(candidateIds, interviewIds, transaction);
        });
        writes.addAll(written.statements());
        if (commitWithWrites) {
            writes.add(Statements.COMMIT);
        }
        Statements.runTogether(handle, writes);
    }

    /**
     * Judges a touch before it is logged ("a touch is judged before it is saved"): the same request and the same
     * checks of validity and access as {@link #logTouch}, then the plan evaluated with the touch added, exactly as it
     * would be once stored. Writes nothing. The words' moments are in {@code zone}, the candidate's by default.
     */
    public ThreadBodies.TouchCheckView checkTouch(
            UserPrincipal user, long interviewId, TouchRequest request, Optional<ZoneId> zone) {
        requireChannelFitsKind(request);
        Instant now = clock.instant();
        Instant sentAt = request.sentAt().toInstant();
        InterviewRecord withTouch = jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, interviewId);
            ThreadRepository threads = handle.attach(ThreadRepository.class);
            InterviewRecord before = record(interviewId);
            requireAfterInterview(before, sentAt, now, "sentAt");
            Contact recipient = contactOfCompany(handle, user, threads, before, request.recipientId(), "recipientId");
            Touch touch = new Touch(
                    UNSAVED,
                    request.kind(),
                    request.channel(),
                    recipient.id(),
                    addressFor(request, recipient),
                    sentAt,
                    Optional.ofNullable(blankToNull(request.subject())),
                    Optional.ofNullable(blankToNull(request.text())));
            return withContact(before, recipient).withTouch(touch);
        });
        // Evaluated at the touch's moment when it is a little ahead of the clock, so the touch counts as sent.
        Instant at = sentAt.isAfter(now) ? sentAt : now;
        Plan plan = evaluator.evaluate(withTouch, policies.current(), at);
        ZoneId words = zone.orElse(withTouch.candidate().zone());
        ZoneId candidate = withTouch.candidate().zone();
        PlanView view = PlanView.of(plan, withTouch);
        Optional<PlanView.StepView> step = view.steps().stream()
                .filter(one -> one.doneByTouchId().equals(Optional.of(UNSAVED.value())))
                .findFirst()
                .map(Threads::unsaved);
        Optional<Instant> notBefore = step.map(one -> one.earliest().toInstant());
        List<ThreadBodies.WouldBreach> breaches = plan.breaches().stream()
                .filter(breach -> breach.touch().equals(Optional.of(UNSAVED)))
                .map(breach -> new ThreadBodies.WouldBreach(
                        breach.rule().name(),
                        breach.rule().slug(),
                        BreachWords.warning(
                                breach.rule().name(), notBefore, breach.deadline(), breach.explanation(), words),
                        BreachWords.rewordWithZone(breach.explanation(), words),
                        early(breach.rule())
                                ? notBefore.map(moment -> PlanView.at(moment, candidate))
                                : Optional.empty(),
                        breach.deadline().map(deadline -> PlanView.at(deadline, candidate))))
                .toList();
        List<PlanView.AdviceView> advice = view.advice().stream()
                .filter(one -> one.touchId().equals(Optional.of(UNSAVED.value())))
                .map(one -> new PlanView.AdviceView(
                        one.kind(),
                        one.rule(),
                        BreachWords.reword(one.text(), words),
                        Optional.empty(),
                        one.contactId()))
                .toList();
        return new ThreadBodies.TouchCheckView(breaches, advice, step);
    }

    /** The id the touch under judgement has in the plan: positive, as a touch id must be, and never assigned. */
    private static final TouchId UNSAVED = new TouchId(Long.MAX_VALUE);

    private static boolean early(RuleId rule) {
        return rule == RuleId.R6 || rule == RuleId.R7;
    }

    /** The step as the unsaved touch would do it, without the placeholder id. */
    private static PlanView.StepView unsaved(PlanView.StepView step) {
        return new PlanView.StepView(
                step.kind(),
                step.sequence(),
                step.contactId(),
                step.contactName(),
                step.earliest(),
                step.ideal(),
                step.idealUntil(),
                step.deadline(),
                step.state(),
                step.rules(),
                Optional.empty(),
                step.timing(),
                step.brokenRules(),
                step.outcome());
    }

    /**
     * The contact as the record has it when they are on this interview's thread already (an interviewer, a recipient
     * of a touch, the sender of a reply): of the interview's company, and seen by whoever sees the interview (decision
     * 0025), so no query is needed; empty otherwise, and the caller asks the database.
     */
    private static Optional<Contact> onTheThread(InterviewRecord record, long contactId) {
        ContactId id = new ContactId(contactId);
        boolean onThread = record.interview().interviewers().contains(id)
                || record.touches().stream().anyMatch(touch -> touch.recipient().equals(id))
                || record.replies().stream().anyMatch(reply -> reply.from().equals(id));
        return onThread
                ? record.contacts().stream()
                        .filter(contact -> contact.id().equals(id))
                        .findFirst()
                : Optional.empty();
    }

    /** The record with the recipient among its contacts: a touch may go to a contact who did not interview. */
    private static InterviewRecord withContact(InterviewRecord record, Contact recipient) {
        boolean known =
                record.contacts().stream().anyMatch(contact -> contact.id().equals(recipient.id()));
        if (known) {
            return record;
        }
        List<Contact> contacts = new java.util.ArrayList<>(record.contacts());
        contacts.add(recipient);
        return new InterviewRecord(
                record.interview(),
                record.company(),
                record.candidate(),
                contacts,
                record.debrief(),
                record.timeline(),
                record.touches(),
                record.replies(),
                record.outcome());
    }

    // ---- replies

    /** The interview's replies that count. */
    public List<ReplyView> replies(UserPrincipal user, long interviewId) {
        return replies(user, interviewId, false);
    }

    /** The interview's replies, the retracted ones too (with their retraction) when asked for. */
    public List<ReplyView> replies(UserPrincipal user, long interviewId, boolean withRetracted) {
        return jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, interviewId);
            return handle.attach(ThreadRepository.class).replies(interviewId, withRetracted);
        });
    }

    /** Logs a reply; the status-check reminders waiting in the outbox are taken back with it. */
    public Logged<ReplyView> logReply(
            UserPrincipal user, long interviewId, ReplyRequest request, Optional<String> idempotencyKey) {
        requireDecisionDateOnUpdate(request);
        Instant now = clock.instant();
        Optional<String> key = key(idempotencyKey);
        String requestHash = hashOf(request);
        return jdbi.inTransaction(handle -> {
            // As a touch (issue 18): the summary row locked with the caller's check, the plan stored in this
            // transaction, so the dashboards need not evaluate the interview again.
            long candidateId = Visibility.requireInterviewLocked(handle, user, interviewId);
            ThreadRepository threads = handle.attach(ThreadRepository.class);
            Stored stored = earlierRequest(
                            threads, "replies", ThreadRepository::earlierReply, user, interviewId, key, requestHash)
                    .orElseGet(() -> {
                        InterviewRecord before = record(interviewId);
                        requireAfterInterview(before, request.receivedAt().toInstant(), now, "receivedAt");
                        Contact from = contactOfCompany(
                                handle, user, threads, before, request.fromContactId(), "fromContactId");
                        long id = threads.insertReply(new NewReply(
                                interviewId,
                                request.fromContactId(),
                                request.receivedAt().toInstant(),
                                request.kind(),
                                request.newDecisionDate(),
                                key.orElse(null),
                                requestHash,
                                user.id()));
                        // Reply-aware reminders: a reply restarts the thread, so the status-check reminders waiting
                        // in the outbox are taken back with the reply, in its transaction (docs/notifications.md).
                        Outbox.cancelStatusCheckReminders(handle, interviewId, now, "the company replied");
                        audit.record(
                                handle,
                                user,
                                "reply.logged",
                                "reply",
                                id,
                                Map.of("interview", interviewId, "kind", request.kind()));
                        WebhookEvents.emit(
                                handle,
                                WebhookEventType.REPLY_LOGGED,
                                Map.of(
                                        "interviewId",
                                        interviewId,
                                        "replyId",
                                        id,
                                        "kind",
                                        request.kind(),
                                        "receivedAt",
                                        request.receivedAt().toInstant()));
                        summaries.storeWritten(
                                handle,
                                withContact(before, from)
                                        .withReply(new Reply(
                                                new ReplyId(id),
                                                new ContactId(request.fromContactId()),
                                                request.receivedAt().toInstant(),
                                                request.kind(),
                                                Optional.ofNullable(request.newDecisionDate()))),
                                candidateId,
                                now);
                        return new Stored(id, true);
                    });
            ReplyView view = threads.reply(interviewId, stored.id())
                    .orElseThrow(() -> ProblemException.notFound("Reply " + stored.id()));
            return new Logged<>(view, stored.created());
        });
    }

    // ---- corrections (decision 0019)

    /**
     * Corrects a logged touch: the whole touch as it should have been, checked by the rules that check a new one,
     * for the version the caller read (409 {@code STALE_VERSION} otherwise). A note's findings are checked again. The
     * audit entry keeps the touch before and after; the answer is the touch with the breaches it causes now.
     *
     * <p>The record is not loaded before the change: a touch stored before the database checked it may be what keeps
     * the interview from loading, and correcting it is how it is repaired.
     */
    public TouchView correctTouch(UserPrincipal user, long interviewId, long touchId, TouchCorrection correction) {
        TouchRequest request = correction.asRequest();
        requireChannelFitsKind(request);
        int version = Versions.require(correction.version());
        Instant now = clock.instant();
        Instant sentAt = request.sentAt().toInstant();
        jdbi.useTransaction(handle -> {
            Visibility.requireInterview(handle, user, interviewId);
            ThreadRepository threads = handle.attach(ThreadRepository.class);
            TouchRow before = touchToChange(threads, interviewId, touchId, version);
            Setting setting = setting(threads, interviewId);
            requireAfterInterview(setting.endsAt(), ZoneId.of(setting.zone()), sentAt, now, "sentAt");
            Contact recipient = contactOfCompany(
                    handle,
                    user,
                    threads,
                    setting.companyId(),
                    setting.companyName(),
                    request.recipientId(),
                    "recipientId");
            String address = addressFor(request, recipient);
            // The core's own statement of a valid touch, the one the interview's record is loaded with.
            new Touch(
                    new TouchId(touchId),
                    request.kind(),
                    request.channel(),
                    recipient.id(),
                    address,
                    sentAt,
                    Optional.ofNullable(blankToNull(request.subject())),
                    Optional.ofNullable(blankToNull(request.text())));
            Versions.requireUpdated(
                    threads.correctTouch(new TouchChange(
                            touchId,
                            version,
                            request.kind(),
                            request.channel(),
                            request.recipientId(),
                            address,
                            sentAt,
                            blankToNull(request.subject()),
                            blankToNull(request.text()),
                            "[]")),
                    "touch " + touchId);
            if (NoteDrafts.isNote(request.kind()) && blankToNull(request.text()) != null) {
                // Checked again against the record as corrected (R14-R17), leaving out the note's own old text.
                InterviewRecord corrected = record(interviewId);
                threads.storeFindings(
                        touchId, findingsJson(corrected, recipient, request.text(), Optional.of(touchId)));
            }
            TouchRow after = touchRow(threads, interviewId, touchId);
            audit.record(handle, user, "touch.corrected", "touch", touchId, change(interviewId, before, after));
            WebhookEvents.emit(
                    handle,
                    WebhookEventType.TOUCH_CORRECTED,
                    Map.of("interviewId", interviewId, "touchId", touchId, "retracted", false));
        });
        return touchAfter(interviewId, touchId, now);
    }

    /**
     * Retracts a logged touch with a reason, for the version the caller read. It is kept, with who retracted it,
     * when and why, but no longer counts: the plan, the reports and the reminders leave it out. The record is not
     * loaded, so a touch the core cannot load can be retracted too.
     */
    public TouchView retractTouch(UserPrincipal user, long interviewId, long touchId, Retraction retraction) {
        String reason = requireReason(retraction.reason());
        int version = Versions.require(retraction.version());
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, interviewId);
            ThreadRepository threads = handle.attach(ThreadRepository.class);
            TouchRow before = touchToChange(threads, interviewId, touchId, version);
            Versions.requireUpdated(threads.retractTouch(touchId, version, now, user.id(), reason), "touch " + touchId);
            TouchRow after = touchRow(threads, interviewId, touchId);
            audit.record(handle, user, "touch.retracted", "touch", touchId, change(interviewId, before, after));
            WebhookEvents.emit(
                    handle,
                    WebhookEventType.TOUCH_CORRECTED,
                    Map.of("interviewId", interviewId, "touchId", touchId, "retracted", true));
            return touchView(after, List.of());
        });
    }

    /**
     * Corrects a logged reply, checked by the rules that check a new one, for the version the caller read; the audit
     * entry keeps it before and after. Like a touch, it is corrected without loading the record first.
     */
    public ReplyView correctReply(UserPrincipal user, long interviewId, long replyId, ReplyCorrection correction) {
        ReplyRequest request = correction.asRequest();
        requireDecisionDateOnUpdate(request);
        int version = Versions.require(correction.version());
        Instant now = clock.instant();
        Instant receivedAt = request.receivedAt().toInstant();
        return jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, interviewId);
            ThreadRepository threads = handle.attach(ThreadRepository.class);
            ReplyRow before = replyToChange(threads, interviewId, replyId, version);
            Setting setting = setting(threads, interviewId);
            requireAfterInterview(setting.endsAt(), ZoneId.of(setting.zone()), receivedAt, now, "receivedAt");
            Contact from = contactOfCompany(
                    handle,
                    user,
                    threads,
                    setting.companyId(),
                    setting.companyName(),
                    request.fromContactId(),
                    "fromContactId");
            new Reply(
                    new ReplyId(replyId),
                    from.id(),
                    receivedAt,
                    request.kind(),
                    Optional.ofNullable(request.newDecisionDate()));
            Versions.requireUpdated(
                    threads.correctReply(new ReplyChange(
                            replyId,
                            version,
                            request.fromContactId(),
                            receivedAt,
                            request.kind(),
                            request.newDecisionDate())),
                    "reply " + replyId);
            ReplyRow after = replyRow(threads, interviewId, replyId);
            audit.record(handle, user, "reply.corrected", "reply", replyId, change(interviewId, before, after));
            return after.view();
        });
    }

    /** Retracts a logged reply with a reason, for the version the caller read; it no longer counts. */
    public ReplyView retractReply(UserPrincipal user, long interviewId, long replyId, Retraction retraction) {
        String reason = requireReason(retraction.reason());
        int version = Versions.require(retraction.version());
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, interviewId);
            ThreadRepository threads = handle.attach(ThreadRepository.class);
            ReplyRow before = replyToChange(threads, interviewId, replyId, version);
            Versions.requireUpdated(threads.retractReply(replyId, version, now, user.id(), reason), "reply " + replyId);
            ReplyRow after = replyRow(threads, interviewId, replyId);
            audit.record(handle, user, "reply.retracted", "reply", replyId, change(interviewId, before, after));
            return after.view();
        });
    }

    /** The touch to change, locked: 404 when it is not the interview's, 409 when retracted or changed since. */
    private static TouchRow touchToChange(ThreadRepository threads, long interviewId, long touchId, int version) {
        TouchRow row = threads.touchForChange(interviewId, touchId)
                .orElseThrow(() -> ProblemException.notFound("Touch " + touchId));
        requireChangeable(row.retracted(), row.version(), version, "touch " + touchId);
        return row;
    }

    private static ReplyRow replyToChange(ThreadRepository threads, long interviewId, long replyId, int version) {
        ReplyRow row = threads.replyForChange(interviewId, replyId)
                .orElseThrow(() -> ProblemException.notFound("Reply " + replyId));
        requireChangeable(row.retracted(), row.version(), version, "reply " + replyId);
        return row;
    }

    private static void requireChangeable(boolean retracted, int current, int version, String what) {
        if (retracted) {
            throw ProblemException.conflict(
                    ErrorCode.ALREADY_RETRACTED,
                    "The " + what + " was retracted and no longer counts; log a new one if it did happen.");
        }
        Versions.requireUpdated(current == version ? 1 : 0, what);
    }

    private static TouchRow touchRow(ThreadRepository threads, long interviewId, long touchId) {
        return threads.touchRows(interviewId, touchId, true).stream()
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("Touch " + touchId));
    }

    private static ReplyRow replyRow(ThreadRepository threads, long interviewId, long replyId) {
        return threads.replyRows(interviewId, replyId, true).stream()
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("Reply " + replyId));
    }

    private static Setting setting(ThreadRepository threads, long interviewId) {
        return threads.setting(interviewId).orElseThrow(() -> ProblemException.notFound("Interview " + interviewId));
    }

    /** The audit entry's details of a correction or retraction: the row before and after. */
    private static Map<String, Object> change(
            long interviewId, ThreadRepository.Audited before, ThreadRepository.Audited after) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("interview", interviewId);
        details.put("before", before.audited());
        details.put("after", after.audited());
        return details;
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.badRequest(
                    ErrorCode.REASON_REQUIRED,
                    "Say why it is retracted, so whoever reads the thread later knows.",
                    List.of(Problem.FieldError.of("reason", "is required")));
        }
        if (reason.strip().length() > 500) {
            throw ProblemException.badRequest(
                    ErrorCode.REASON_REQUIRED,
                    "Say why in at most 500 characters.",
                    List.of(Problem.FieldError.of("reason", "is longer than 500 characters")));
        }
        return reason.strip();
    }

    // ---- the note check

    /** Checks a thank-you draft (R14 to R17) as the candidate types; stores nothing. */
    public NoteCheckView checkNote(UserPrincipal user, long interviewId, DraftRequest request) {
        record Loaded(InterviewRecord record, Contact recipient) {}
        Loaded loaded = jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, interviewId);
            InterviewRecord record = record(interviewId);
            Contact recipient = record.contacts().stream()
                    .filter(contact -> contact.id().value() == request.recipientId())
                    .findFirst()
                    .orElseGet(() -> contactOfCompany(
                            handle,
                            user,
                            handle.attach(ThreadRepository.class),
                            record,
                            request.recipientId(),
                            "recipientId"));
            return new Loaded(record, recipient);
        });
        return NoteCheckView.of(checker.check(NoteDrafts.draft(
                loaded.record(),
                loaded.recipient(),
                request.text(),
                Optional.empty(),
                policies.current().noteChecks())));
    }

    // ---- idempotency keys

    /** A row stored by this request, or by an earlier one with the same idempotency key. */
    private record Stored(long id, boolean created) {}

    /** The row an earlier request of the caller stored under {@code key}, if any. */
    @FunctionalInterface
    private interface Earlier {
        Optional<EarlierRow> find(ThreadRepository threads, long userId, String key);
    }

    /**
     * The row a request with the same idempotency key already stored in {@code table} (a retry), or empty when the
     * request is new and the caller stores it in the same transaction.
     */
    private static Optional<Stored> earlierRequest(
            ThreadRepository threads,
            String table,
            Earlier earlier,
            UserPrincipal user,
            long interviewId,
            Optional<String> key,
            String requestHash) {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        // Serialises concurrent retries of one key: the second waits, then finds the first one's row.
        threads.lockKey(table + ":" + user.id() + ":" + key.get());
        return earlier.find(threads, user.id(), key.get()).map(row -> replay(row, interviewId, requestHash));
    }

    private static Stored replay(EarlierRow row, long interviewId, String requestHash) {
        if (row.interviewId() != interviewId || !requestHash.equals(row.requestHash())) {
            throw new ProblemException(Problem.of(
                    ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different request; use a new key for a new request."));
        }
        return new Stored(row.id(), false);
    }

    // ---- reading the thread

    /** An interview's record with the stored rows of its touches (their versions, findings and retractions). */
    private record Conversation(InterviewRecord record, List<TouchRow> rows) {}

    private Conversation thread(Handle handle, long interviewId, Long only, boolean withRetracted) {
        InterviewRecord record = record(interviewId);
        List<TouchRow> rows = handle.attach(ThreadRepository.class).touchRows(interviewId, only, withRetracted);
        return new Conversation(record, rows);
    }

    /**
     * The interview's record through core's {@link InterviewRecords}, read in the calling use case's transaction
     * (JDBI reuses the thread's handle).
     */
    private InterviewRecord record(long interviewId) {
        return records.find(new InterviewId(interviewId))
                .orElseThrow(() -> ProblemException.notFound("Interview " + interviewId));
    }

    private TouchView touchAfter(long interviewId, long touchId, Instant now) {
        // The thread and its summary's generation from one snapshot, so the plan evaluated for the answer is also
        // stored as the interview's summary: the next dashboard need not evaluate it again (decision 0009).
        record Loaded(Conversation thread, long generation) {}
        Loaded loaded = jdbi.inTransaction(
                TransactionIsolationLevel.REPEATABLE_READ,
                handle -> new Loaded(
                        thread(handle, interviewId, touchId, true), PlanSummaries.generationOf(handle, interviewId)));
        Plan plan = summaries.evaluateAndStore(loaded.thread().record(), loaded.generation(), now);
        return loaded.thread().rows().stream()
                .findFirst()
                .map(row -> touchView(row, plan))
                .orElseThrow(() -> ProblemException.notFound("Touch " + touchId));
    }

    /** The touch with the breaches it causes in {@code plan}; a retracted one is not in the plan and causes none. */
    private TouchView touchView(TouchRow row, Plan plan) {
        ZoneId zone = ZoneId.of(row.zone());
        List<PlanView.BreachView> breaches = plan.breaches().stream()
                .filter(breach ->
                        breach.touch().filter(id -> id.value() == row.id()).isPresent())
                .map(breach -> PlanView.breach(breach, zone))
                .toList();
        return touchView(row, breaches);
    }

    private TouchView touchView(TouchRow row, List<PlanView.BreachView> breaches) {
        return new TouchView(
                row.id(),
                row.interviewId(),
                row.kind(),
                row.channel(),
                row.recipientId(),
                row.address(),
                PlanView.at(row.sentAt(), ZoneId.of(row.zone())),
                Optional.ofNullable(row.subject()),
                Optional.ofNullable(row.text()),
                breaches,
                readJson(row.findings()),
                row.version(),
                row.retraction());
    }

    // ---- validity

    /** The core's one statement of which channel a kind of touch fits (Touch.channelMismatch), as a field error. */
    private static void requireChannelFitsKind(TouchRequest request) {
        if (Touch.channelMismatch(request.kind(), request.channel()).isPresent()) {
            String network = request.kind() == TouchKind.FACEBOOK_FRIEND_REQUEST ? "Facebook" : "LinkedIn";
            throw ProblemException.badRequest(
                    ErrorCode.CHANNEL_DOES_NOT_FIT_KIND,
                    "A " + network + " request can only be sent on " + network + ": choose " + network
                            + " as the channel.",
                    List.of(Problem.FieldError.of("channel", "must be " + network + " for this kind of touch")));
        }
    }

    /** The core's one statement of which reply moves the decision date (Reply.misplacedDecisionDate). */
    private static void requireDecisionDateOnUpdate(ReplyRequest request) {
        if (Reply.misplacedDecisionDate(request.kind(), request.newDecisionDate() != null)
                .isPresent()) {
            throw ProblemException.badRequest(
                    ErrorCode.DECISION_DATE_NOT_AN_UPDATE,
                    "Only an update from the company moves its decision date: leave the date empty, or log the"
                            + " reply as an update.",
                    List.of(Problem.FieldError.of("newDecisionDate", "only an update names a new decision date")));
        }
    }

    private static void requireAfterInterview(InterviewRecord record, Instant at, Instant now, String field) {
        requireAfterInterview(record.interview().end(), record.candidate().zone(), at, now, field);
    }

    private static void requireAfterInterview(Instant end, ZoneId zone, Instant at, Instant now, String field) {
        if (at.isBefore(end)) {
            throw ProblemException.badRequest(
                    ErrorCode.BEFORE_INTERVIEW_END,
                    // The moment as every page writes it, with the zone it is in: the portal shows this detail as is.
                    "Follow-ups and replies come after the interview, which ended "
                            + BreachWords.whenWithZone(end, zone) + ".",
                    List.of(Problem.FieldError.of(field, "is before the interview ended")));
        }
        if (at.isAfter(now.plus(Interviews.FUTURE_TOLERANCE))) {
            throw ProblemException.badRequest(
                    ErrorCode.IN_THE_FUTURE,
                    "Log what happened, once it happened: this time is in the future.",
                    List.of(Problem.FieldError.of(field, "is in the future")));
        }
    }

    /**
     * A contact of the interview's company that the caller may see: a candidate names only the people on their own
     * interviews, and one they may not see is refused exactly as an unknown one, naming no id (decision 0025).
     */
    private static Contact contactOfCompany(
            Handle handle,
            UserPrincipal user,
            ThreadRepository threads,
            InterviewRecord record,
            long contactId,
            String field) {
        return contactOfCompany(
                handle,
                user,
                threads,
                record.company().id().value(),
                record.company().name(),
                contactId,
                field);
    }

    private static Contact contactOfCompany(
            Handle handle,
            UserPrincipal user,
            ThreadRepository threads,
            long companyId,
            String companyName,
            long contactId,
            String field) {
        return threads.contactOfCompany(contactId, companyId)
                .filter(contact -> Visibility.canSeeContactOf(handle, user, companyId, contactId))
                .orElseThrow(() -> ProblemException.badRequest(
                        ErrorCode.UNKNOWN_CONTACT,
                        "This is not a known contact of " + companyName + ".",
                        List.of(Problem.FieldError.of(field, "is not a contact of this interview's company"))));
    }

    /**
     * The address the touch went to: as given, or the contact's business one for the channel. R12 judges the
     * address later; an address the contact never gave is stored and flagged, not refused.
     */
    private static String addressFor(TouchRequest request, Contact recipient) {
        if (request.address() != null && !request.address().isBlank()) {
            return request.address().trim();
        }
        Optional<String> recorded =
                switch (request.channel()) {
                    case EMAIL -> recipient.businessEmail();
                    case PHONE, TEXT_MESSAGE -> recipient.businessPhone();
                    case LINKEDIN -> recipient.linkedInUrl();
                    case FACEBOOK, HANDWRITTEN_CARD_BY_HAND, HANDWRITTEN_CARD_BY_POST, PARCEL -> Optional.of("");
                };
        return recorded.orElseThrow(() -> ProblemException.badRequest(
                ErrorCode.ADDRESS_REQUIRED,
                recipient.name() + " has no business "
                        + request.channel().name().toLowerCase().replace('_', ' ')
                        + " address on record; say where the touch went.",
                List.of(Problem.FieldError.of(
                        "address", "is required: the contact has none on record for this channel"))));
    }

    private static Optional<String> key(Optional<String> header) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.empty();
        }
        if (header.get().length() > MAX_IDEMPOTENCY_KEY) {
            throw ProblemException.badRequest(
                    ErrorCode.IDEMPOTENCY_KEY_TOO_LONG,
                    "An Idempotency-Key has at most 200 characters.",
                    List.of(Problem.FieldError.of(IDEMPOTENCY_KEY, "is longer than 200 characters")));
        }
        return Optional.of(header.get().trim());
    }

    // ---- JSON

    private String findingsJson(InterviewRecord record, Contact recipient, String text, Optional<Long> excludeTouch) {
        NoteCheck check = checker.check(NoteDrafts.draft(
                record, recipient, text, excludeTouch, policies.current().noteChecks()));
        try {
            return json.writeValueAsString(
                    check.findings().stream().map(FindingView::of).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("note findings are always serialisable", e);
        }
    }

    private JsonNode readJson(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored note findings are not JSON", e);
        }
    }

    private String hashOf(Object request) {
        try {
            return Secrets.hash(json.writeValueAsString(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request body is always serialisable", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
