package com.followup.api.interviews;

import static java.util.Objects.requireNonNull;

import com.followup.api.access.Visibility;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.cache.ChangeFeed;
import com.followup.api.cache.ReadCache;
import com.followup.api.cache.Scope;
import com.followup.api.companies.Companies;
import com.followup.api.companies.CompanyBodies.ContactRequest;
import com.followup.api.companies.CompanyRepository;
import com.followup.api.interviews.InterviewBodies.Concern;
import com.followup.api.interviews.InterviewBodies.DebriefRequest;
import com.followup.api.interviews.InterviewBodies.InterviewRequest;
import com.followup.api.interviews.InterviewBodies.InterviewView;
import com.followup.api.interviews.InterviewBodies.InterviewerRequest;
import com.followup.api.interviews.InterviewBodies.OutcomeRequest;
import com.followup.api.interviews.InterviewBodies.TimelineRequest;
import com.followup.api.interviews.InterviewRepository.DebriefFields;
import com.followup.api.interviews.InterviewRepository.InterviewFields;
import com.followup.api.interviews.InterviewRepository.TimelineFields;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.problem.Versions;
import com.followup.api.representations.Page;
import com.followup.api.representations.PlanView;
import com.followup.api.webhooks.WebhookEventType;
import com.followup.api.webhooks.WebhookEvents;
import com.followup.core.model.ContactRole;
import com.followup.core.model.Interview;
import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.model.Timeline;
import com.followup.core.policy.AgencyPolicy;
import com.followup.core.repository.InterviewRecords;
import com.followup.core.repository.PolicyStore;
import com.followup.core.rules.Plan;
import com.followup.core.rules.PlanEvaluator;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The interview use cases, for the API's {@code InterviewResource} and the portal's pages alike. Each takes the
 * caller and a request, checks that the caller may see the interview ({@link Visibility}: 404 otherwise) and that
 * the request is valid, runs in one transaction, writes the audit entry of a change, and returns a view.
 */
public final class Interviews {
    /** How far in the future a "written at" or "sent at" may be, for clocks a little ahead of the server's. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final Jdbi jdbi;
    private final Audit audit;
    private final InterviewRecords records;
    private final PolicyStore policies;
    private final PlanEvaluator evaluator;
    private final Clock clock;
    /** An interview's record as a user may see it; the plan is evaluated from it at each request's instant. */
    private final ReadCache<VisibleInterview, InterviewRecord> visibleRecords;

    private record VisibleInterview(long userId, long interviewId) {}

    /**
     * How long an evaluated plan may be answered again (issue 18, decision 0041): a plan read within this time of the
     * last, from the same record and policy, gets the same answer, with the {@code evaluatedAt} it was evaluated at.
     */
    static final Duration PLAN_REUSE = Duration.ofSeconds(1);

    /** The last plan evaluated for a user's interview, from what, and its JSON once written. */
    private static final class Evaluated {
        private final InterviewRecord record;
        private final AgencyPolicy policy;
        private final Instant at;
        private final PlanView view;
        private volatile byte[] json;

        Evaluated(InterviewRecord record, AgencyPolicy policy, Instant at, PlanView view) {
            this.record = record;
            this.policy = policy;
            this.at = at;
            this.view = view;
        }

        /** Whether it is the plan of this very record and policy at {@code now}, up to {@link #PLAN_REUSE} later. */
        boolean answers(InterviewRecord record, AgencyPolicy policy, Instant now) {
            return this.record == record
                    && this.policy == policy
                    && !now.isBefore(at)
                    && now.isBefore(at.plus(PLAN_REUSE));
        }
    }

    /** Each kept for {@link #PLAN_REUSE} on the application's clock, the one its plans are evaluated at. */
    private final Cache<VisibleInterview, Evaluated> evaluated;

    public Interviews(
            Jdbi jdbi,
            Audit audit,
            InterviewRecords records,
            PolicyStore policies,
            PlanEvaluator evaluator,
            Clock clock,
            ChangeFeed changes) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.records = requireNonNull(records, "records is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.visibleRecords = new ReadCache<>(requireNonNull(changes, "changes is null"), clock, 50_000);
        // A record this server's touch writer committed is kept as it wrote it, for every user who had it (decision
        // 0042): the readers of that interview need not read it again for a touch logged here. A touch changes
        // nothing of who may see the interview.
        changes.onWritten((transaction, since, written) -> {
            for (InterviewRecord record : written) {
                long id = record.interview().id().value();
                visibleRecords.written(
                        Scope.interviewKey(id), transaction, since, key -> key.interviewId() == id ? record : null);
            }
        });
        this.evaluated = Caffeine.newBuilder()
                .maximumSize(4_096)
                .expireAfterWrite(PLAN_REUSE)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
        this.pages = new ReadCache<>(changes, clock, 10_000, PAGE_LAG);
    }

    /**
     * The caller's interviews, latest first; a constant number of statements whatever the page size or the agency's
     * size (the page's ids, the total, the views' three, and for a recruiter or a candidate the candidates the page is
     * about). A page is kept until a write about one of the caller's candidates is heard, and may then be served for
     * {@link #PAGE_LAG} more while writes keep coming (issue 18: it is what integrations poll); the caller's own writes
     * are seen at once.
     */
    public Page<InterviewView> list(UserPrincipal user, Long candidateId, Long companyId, int limit, long offset) {
        return pages.get(
                        new Listed(user.role(), user.id(), candidateId, companyId, limit, offset),
                        user.id(),
                        () -> jdbi.inTransaction(
                                handle -> listing(handle, user, candidateId, companyId, limit, offset)),
                        listing -> Optional.empty(),
                        Listing::about)
                .page();
    }

    /** A page read from the database, with the candidates it is about. */
    private static Listing listing(
            Handle handle, UserPrincipal user, Long candidateId, Long companyId, int limit, long offset) {
        boolean byCandidate = candidateId != null;
        boolean byCompany = companyId != null;
        List<Long> ids = filtered(
                        handle.createQuery(InterviewRepository.visibleIdsSql(user.role(), byCandidate, byCompany))
                                .bind("limit", limit)
                                .bind("offset", offset),
                        user,
                        candidateId,
                        companyId)
                .mapTo(Long.class)
                .list();
        long total = filtered(
                        handle.createQuery(InterviewRepository.visibleCountSql(user.role(), byCandidate, byCompany)),
                        user,
                        candidateId,
                        companyId)
                .mapTo(Long.class)
                .one();
        Scope about;
        if (byCandidate) {
            about = Scope.of(candidateId);
        } else if (user.role() == com.followup.api.auth.Role.ADMIN) {
            about = Scope.ALL;
        } else {
            about = Scope.of(handle.createQuery(InterviewRepository.visibleCandidatesSql(user.role()))
                    .bind("user", user.id())
                    .mapTo(Long.class)
                    .list());
        }
        Page<InterviewView> page =
                new Page<>(handle.attach(InterviewRepository.class).views(ids), total, limit, offset);
        return new Listing(page, about);
    }

    /** A page of the list and the candidates whose writes may change it. */
    private record Listing(Page<InterviewView> page, Scope about) {}

    private static <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T filtered(
            T statement, UserPrincipal user, Long candidateId, Long companyId) {
        if (user.role() != com.followup.api.auth.Role.ADMIN) {
            statement.bind("user", user.id());
        }
        if (candidateId != null) {
            statement.bind("candidate", candidateId);
        }
        if (companyId != null) {
            statement.bind("company", companyId);
        }
        return statement;
    }

    /** How long a page of the interview list may lag behind other users' writes while they keep coming. */
    static final Duration PAGE_LAG = Duration.ofMillis(500);

    private record Listed(
            com.followup.api.auth.Role role, long userId, Long candidateId, Long companyId, int limit, long offset) {}

    private final ReadCache<Listed, Listing> pages;

    public InterviewView get(UserPrincipal user, long id) {
        return jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, id);
            return view(handle, id);
        });
    }

    public InterviewView create(UserPrincipal user, InterviewRequest request) {
        return create(user, request, Optional.empty());
    }

    /** A new interview and, when given, what the company said at the close (R5), in one transaction. */
    public InterviewView create(UserPrincipal user, InterviewRequest request, Optional<TimelineRequest> timeline) {
        requireTimes(request);
        return jdbi.inTransaction(handle -> {
            InterviewRepository interviews = handle.attach(InterviewRepository.class);
            long candidateId = candidateFor(handle, user, request.candidateId());
            long companyId = companyFor(handle, user, request);
            List<Long> interviewers = interviewersFor(handle, user, companyId, request.interviewers());
            long id = interviews.insert(candidateId, companyId, fields(request));
            interviews.replaceInterviewers(id, interviewers);
            audit.record(handle, user, "interview.created", "interview", id, Map.of("candidate", candidateId));
            WebhookEvents.emit(
                    handle,
                    WebhookEventType.INTERVIEW_CREATED,
                    Map.of("interviewId", id, "candidateId", candidateId, "companyId", companyId));
            if (timeline.isPresent()) {
                writeTimeline(handle, interviews, user, id, timeline.get());
            }
            return view(handle, id);
        });
    }

    public InterviewView update(UserPrincipal user, long id, InterviewRequest request) {
        requireTimes(request);
        int version = Versions.require(request.version());
        return jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, id);
            InterviewRepository interviews = handle.attach(InterviewRepository.class);
            List<Long> interviewers = interviewersFor(handle, user, interviews.companyOf(id), request.interviewers());
            Versions.requireUpdated(interviews.update(id, version, fields(request)), "interview " + id);
            interviews.replaceInterviewers(id, interviewers);
            audit.record(handle, user, "interview.updated", "interview", id, Map.of());
            WebhookEvents.emit(
                    handle, WebhookEventType.INTERVIEW_CHANGED, Map.of("interviewId", id, "part", "details"));
            return view(handle, id);
        });
    }

    /** R5: what the company said at the close about its decision date and how it likes to be followed up. */
    public InterviewView putTimeline(UserPrincipal user, long id, TimelineRequest request) {
        return jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, id);
            writeTimeline(handle, handle.attach(InterviewRepository.class), user, id, request);
            return view(handle, id);
        });
    }

    private void writeTimeline(
            Handle handle, InterviewRepository interviews, UserPrincipal user, long id, TimelineRequest request) {
        String notes = request.notes() == null || request.notes().isBlank()
                ? null
                : request.notes().strip();
        TimelineFields fields = new TimelineFields(
                request.decisionDate(),
                request.preferredChannel() == null
                        ? null
                        : request.preferredChannel().name(),
                Companies.interval(request.preferredSpacing(), "preferredSpacing", Timeline::nonPositiveSpacing),
                notes);
        // Created when absent and no version is named; otherwise an update of the named version.
        if (!interviews.hasTimeline(id)) {
            interviews.insertTimeline(id, fields);
        } else {
            int version = Versions.require(request.version());
            Versions.requireUpdated(interviews.updateTimeline(id, version, fields), "timeline of interview " + id);
        }
        audit.record(handle, user, "interview.timeline", "interview", id, Map.of());
        WebhookEvents.emit(handle, WebhookEventType.INTERVIEW_CHANGED, Map.of("interviewId", id, "part", "timeline"));
    }

    /** R4, R20: the candidate's notes right after the interview. */
    public InterviewView putDebrief(UserPrincipal user, long id, DebriefRequest request) {
        Instant writtenAt = request.writtenAt() == null
                ? clock.instant()
                : request.writtenAt().toInstant();
        if (writtenAt.isAfter(clock.instant().plus(FUTURE_TOLERANCE))) {
            throw ProblemException.badRequest(
                    ErrorCode.IN_THE_FUTURE,
                    "A debrief cannot be written in the future.",
                    List.of(Problem.FieldError.of("writtenAt", "is in the future")));
        }
        return jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, id);
            InterviewRepository interviews = handle.attach(InterviewRepository.class);
            long companyId = interviews.companyOf(id);
            List<Concern> concerns = request.concerns() == null ? List.of() : request.concerns();
            for (int index = 0; index < concerns.size(); index++) {
                requireContactOf(
                        handle, user, companyId, concerns.get(index).contactId(), "concerns[" + index + "].contactId");
            }
            List<String> unasked = request.unaskedQuestions() == null ? List.of() : request.unaskedQuestions();
            DebriefFields fields = new DebriefFields(request.notes(), unasked.toArray(String[]::new), writtenAt);
            if (!interviews.hasDebrief(id)) {
                interviews.insertDebrief(id, fields);
            } else {
                int version = Versions.require(request.version());
                Versions.requireUpdated(interviews.updateDebrief(id, version, fields), "debrief of interview " + id);
            }
            interviews.replaceConcerns(id, concerns);
            audit.record(handle, user, "interview.debrief", "interview", id, Map.of());
            WebhookEvents.emit(
                    handle, WebhookEventType.INTERVIEW_CHANGED, Map.of("interviewId", id, "part", "debrief"));
            return view(handle, id);
        });
    }

    /** The company's decision: status checks are no longer needed; after a rejection R19 opens. */
    public InterviewView putOutcome(UserPrincipal user, long id, OutcomeRequest request) {
        return jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, id);
            handle.attach(InterviewRepository.class).putOutcome(id, request.kind(), request.at());
            audit.record(handle, user, "interview.outcome", "interview", id, Map.of("kind", request.kind()));
            WebhookEvents.emit(
                    handle,
                    WebhookEventType.OUTCOME_RECORDED,
                    Map.of(
                            "interviewId",
                            id,
                            "kind",
                            request.kind(),
                            "at",
                            request.at().toInstant()));
            return view(handle, id);
        });
    }

    /** The plan now: every step with its window and state, the breaches with their rule ids, advice. */
    public PlanView plan(UserPrincipal user, long id) {
        return evaluatedNow(user, id).view;
    }

    /**
     * {@link #plan(UserPrincipal, long)} as JSON, written by {@code write} once for each plan evaluated and kept with it
     * (decision 0041); the caller passes the same writer every time.
     */
    public byte[] planJson(UserPrincipal user, long id, Function<PlanView, byte[]> write) {
        Evaluated evaluated = evaluatedNow(user, id);
        byte[] json = evaluated.json;
        if (json == null) {
            json = write.apply(evaluated.view);
            evaluated.json = json;
        }
        return json;
    }

    private Evaluated evaluatedNow(UserPrincipal user, long id) {
        Instant now = clock.instant();
        VisibleInterview key = new VisibleInterview(user.id(), id);
        InterviewRecord record = visibleRecord(user, key);
        AgencyPolicy policy = policies.current();
        // Reused only for the very record and policy it was evaluated from: a write this server made or heard drops the
        // record, and the next read loads a new one (or a touch logged here puts in the record it wrote, decision
        // 0042).
        Evaluated last = evaluated.getIfPresent(key);
        if (last != null && last.answers(record, policy, now)) {
            return last;
        }
        Evaluated fresh =
                new Evaluated(record, policy, now, PlanView.of(evaluator.evaluate(record, policy, now), record));
        evaluated.put(key, fresh);
        return fresh;
    }

    /** The plan as it was or will be at {@code at} (the recruiter's "what if"). */
    public PlanView plan(UserPrincipal user, long id, Instant at) {
        // The record comes from core's InterviewRecords, read in this transaction (JDBI reuses the thread's handle).
        // Kept until a write to this interview or its candidate's own row is heard (issue 18: not until any write at
        // all, nor one to the candidate's other interviews).
        InterviewRecord record = visibleRecord(user, new VisibleInterview(user.id(), id));
        Plan plan = evaluator.evaluate(record, policies.current(), at);
        return PlanView.of(plan, record);
    }

    private InterviewRecord visibleRecord(UserPrincipal user, VisibleInterview key) {
        long id = key.interviewId();
        return visibleRecords.get(
                key,
                user.id(),
                () -> jdbi.inTransaction(handle -> {
                    Visibility.requireInterview(handle, user, id);
                    return records.find(new InterviewId(id))
                            .orElseThrow(() -> ProblemException.notFound("Interview " + id));
                }),
                kept -> Optional.empty(),
                kept -> Scope.ofInterview(
                        kept.candidate().id().value(), kept.interview().id().value()));
    }

    private static InterviewView view(Handle handle, long id) {
        return handle.attach(InterviewRepository.class)
                .view(id)
                .orElseThrow(() -> ProblemException.notFound("Interview " + id));
    }

    private static InterviewFields fields(InterviewRequest request) {
        return new InterviewFields(
                request.role().trim(),
                request.start(),
                request.end(),
                request.format(),
                request.round() == null ? 1 : request.round());
    }

    private static void requireTimes(InterviewRequest request) {
        if (Interview.endNotAfterStart(
                        request.start().toInstant(), request.end().toInstant())
                .isPresent()) {
            throw ProblemException.badRequest(
                    ErrorCode.END_BEFORE_START,
                    "The interview must end after it starts.",
                    List.of(Problem.FieldError.of("end", "must be after start")));
        }
        if (Duration.between(request.start(), request.end()).compareTo(Duration.ofHours(24)) > 0) {
            throw ProblemException.badRequest(
                    ErrorCode.TOO_LONG,
                    "An interview lasts at most 24 hours; record several rounds as several interviews.",
                    List.of(Problem.FieldError.of("end", "is more than 24 hours after start")));
        }
    }

    private static long candidateFor(Handle handle, UserPrincipal user, Long requested) {
        if (user.role() == Role.CANDIDATE) {
            long own = Visibility.candidateOf(handle, user);
            if (requested != null && requested != own) {
                throw ProblemException.notFound("Candidate " + requested);
            }
            return own;
        }
        if (requested == null) {
            throw ProblemException.badRequest(
                    ErrorCode.CANDIDATE_REQUIRED,
                    "Say whose interview this is.",
                    List.of(Problem.FieldError.of("candidateId", "is required")));
        }
        Visibility.requireCandidate(handle, user, requested);
        return requested;
    }

    /**
     * The interview's company: one the caller may see, named by its id, or found or created by its name. A candidate
     * naming the id of a company outside their view gets the answer of an id that does not exist, word for word
     * (decision 0025): the answer neither tells which ids exist nor widens what the candidate sees. Naming a company
     * by name may attach the interview to an existing company; its other contacts stay out of view.
     */
    private static long companyFor(Handle handle, UserPrincipal user, InterviewRequest request) {
        if (request.companyId() != null) {
            if (!Visibility.canSeeCompany(handle, user, request.companyId())) {
                throw ProblemException.badRequest(
                        ErrorCode.UNKNOWN_COMPANY,
                        "There is no such company to name by its id; name the company instead.",
                        List.of(Problem.FieldError.of("companyId", "is not a known company")));
            }
            return request.companyId();
        }
        if (request.companyName() == null || request.companyName().isBlank()) {
            throw ProblemException.badRequest(
                    ErrorCode.COMPANY_REQUIRED,
                    "Name the company, or give the id of a known one.",
                    List.of(Problem.FieldError.of("companyName", "is required when companyId is absent")));
        }
        return handle.attach(CompanyRepository.class).findOrCreateCompany(request.companyName());
    }

    /**
     * The interviewers' contact ids: a named contact the caller may see, or a new contact of the company, audited as
     * created by the caller in this transaction.
     */
    private List<Long> interviewersFor(
            Handle handle, UserPrincipal user, long companyId, List<InterviewerRequest> requests) {
        List<Long> ids = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int index = 0; index < requests.size(); index++) {
            InterviewerRequest request = requests.get(index);
            String field = "interviewers[" + index + "]";
            long id;
            if (request.contactId() != null) {
                requireContactOf(handle, user, companyId, request.contactId(), field + ".contactId");
                id = request.contactId();
            } else if (request.name() != null && !request.name().isBlank()) {
                id = handle.attach(CompanyRepository.class)
                        .insertContact(
                                user.id(),
                                companyId,
                                new ContactRequest(
                                        request.name(),
                                        request.title(),
                                        ContactRole.INTERVIEWER,
                                        request.businessEmail(),
                                        request.businessPhone(),
                                        request.linkedInUrl(),
                                        null));
                audit.record(
                        handle,
                        user,
                        "contact.created",
                        "contact",
                        id,
                        Map.of("company", companyId, "as", "interviewer"));
            } else {
                throw ProblemException.badRequest(
                        ErrorCode.INTERVIEWER_REQUIRED,
                        "Each interviewer needs a contactId or a name.",
                        List.of(Problem.FieldError.of(field, "needs a contactId or a name")));
            }
            if (!seen.add(id)) {
                throw ProblemException.badRequest(
                        ErrorCode.DUPLICATE_INTERVIEWER,
                        "The same person is listed twice.",
                        List.of(Problem.FieldError.of(field, "is listed twice")));
            }
            ids.add(id);
        }
        return ids;
    }

    /**
     * A contact of the company that the caller may see; a contact a candidate may not see is refused exactly as an
     * unknown one (decision 0025), so the answer names no id and tells nothing about which exist.
     */
    private static void requireContactOf(
            Handle handle, UserPrincipal user, long companyId, long contactId, String field) {
        if (!Visibility.canSeeContactOf(handle, user, companyId, contactId)) {
            throw ProblemException.badRequest(
                    ErrorCode.UNKNOWN_CONTACT,
                    "This is not a known contact of the interview's company.",
                    List.of(Problem.FieldError.of(field, "is not a contact of this company")));
        }
    }
}
