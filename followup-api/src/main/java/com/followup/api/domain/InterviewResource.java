package com.followup.api.domain;

import static java.util.Objects.requireNonNull;

import com.followup.api.access.Visibility;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.cache.ChangeFeed;
import com.followup.api.cache.ReadCache;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.representations.Page;
import com.followup.api.representations.PlanView;
import com.followup.core.model.Channel;
import com.followup.core.model.ContactRole;
import com.followup.core.model.InterviewFormat;
import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.model.OutcomeKind;
import com.followup.core.repository.PolicyStore;
import com.followup.core.rules.Plan;
import com.followup.core.rules.PlanEvaluator;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Interviews with their interviewers, the timeline learned at the close, the debrief, the outcome and the plan. */
@Path("/api/interviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
public class InterviewResource {
    /** An interviewer: an existing contact of the company, or a new one described here. */
    public record InterviewerRequest(
            Long contactId,
            @Size(max = 200) String name,
            @Size(max = 200) String title,
            @Email String businessEmail,
            String businessPhone,
            String linkedInUrl) {}

    public record InterviewRequest(
            Long candidateId,
            Long companyId,
            @Size(max = 200) String companyName,
            @NotBlank @Size(max = 200) String role,
            @NotNull OffsetDateTime start,
            @NotNull OffsetDateTime end,
            @NotNull InterviewFormat format,
            @Min(1) @Max(20) Integer round,
            @NotEmpty @Size(max = 10) List<@Valid InterviewerRequest> interviewers,
            Integer version) {}

    public record InterviewView(
            long id,
            long candidateId,
            String candidateName,
            long companyId,
            String companyName,
            String role,
            OffsetDateTime start,
            OffsetDateTime end,
            InterviewFormat format,
            int round,
            List<Interviewer> interviewers,
            Optional<TimelineView> timeline,
            Optional<DebriefView> debrief,
            Optional<OutcomeView> outcome,
            int version) {}

    public record Interviewer(long contactId, String name, String title) {}

    /** R5; {@code notes} is what was said about next steps, free text the rules do not read. */
    public record TimelineRequest(
            LocalDate decisionDate,
            Channel preferredChannel,
            Duration preferredSpacing,
            @Size(max = 4000) String notes,
            Integer version) {}

    public record TimelineView(
            Optional<LocalDate> decisionDate,
            Optional<Channel> preferredChannel,
            Optional<Duration> preferredSpacing,
            Optional<String> notes,
            int version) {}

    public record Concern(@NotNull Long contactId, @NotBlank @Size(max = 2000) String concern) {}

    public record DebriefRequest(
            @NotNull @Size(max = 20000) String notes,
            @Size(max = 20) List<@Valid Concern> concerns,
            @Size(max = 20) List<@NotBlank @Size(max = 1000) String> unaskedQuestions,
            OffsetDateTime writtenAt,
            Integer version) {}

    public record DebriefView(
            String notes,
            List<Concern> concerns,
            List<String> unaskedQuestions,
            OffsetDateTime writtenAt,
            int version) {}

    public record OutcomeRequest(@NotNull OutcomeKind kind, @NotNull OffsetDateTime at) {}

    public record OutcomeView(OutcomeKind kind, OffsetDateTime at) {}

    private final Jdbi jdbi;
    private final Audit audit;
    private final PolicyStore policies;
    private final PlanEvaluator evaluator;
    private final Clock clock;
    /** An interview's record as a user may see it; the plan is evaluated from it at each request's instant. */
    private final ReadCache<VisibleInterview, InterviewRecord> records;

    private record VisibleInterview(long userId, long interviewId) {}

    public InterviewResource(
            Jdbi jdbi, Audit audit, PolicyStore policies, PlanEvaluator evaluator, Clock clock, ChangeFeed changes) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.records = new ReadCache<>(changes, clock, 50_000);
    }

    @GET
    public Page<InterviewView> list(
            @Auth UserPrincipal user,
            @QueryParam("candidateId") Long candidateId,
            @QueryParam("companyId") Long companyId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) long offset) {
        String where =
                """
                 WHERE i.candidate_id IN (%s)
                   AND (CAST(:candidate AS bigint) IS NULL OR i.candidate_id = :candidate)
                   AND (CAST(:company AS bigint) IS NULL OR i.company_id = :company)
                """
                        .formatted(Visibility.VISIBLE_CANDIDATES);
        return jdbi.inTransaction(handle -> {
            List<Long> ids = Visibility.bind(
                            handle.createQuery("SELECT i.id FROM interviews i" + where
                                    + " ORDER BY i.ends_at DESC, i.id DESC LIMIT :limit OFFSET :offset"),
                            user)
                    .bind("candidate", candidateId)
                    .bind("company", companyId)
                    .bind("limit", limit)
                    .bind("offset", offset)
                    .mapTo(Long.class)
                    .list();
            long total = Visibility.bind(handle.createQuery("SELECT count(*) FROM interviews i" + where), user)
                    .bind("candidate", candidateId)
                    .bind("company", companyId)
                    .mapTo(Long.class)
                    .one();
            List<InterviewView> items = new ArrayList<>();
            for (long id : ids) {
                items.add(find(handle, id));
            }
            return new Page<>(items, total, limit, offset);
        });
    }

    @GET
    @Path("/{id}")
    public InterviewView get(@Auth UserPrincipal user, @PathParam("id") long id) {
        return jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, id);
            return find(handle, id);
        });
    }

    @POST
    @ApiResponse(
            responseCode = "201",
            description = "The new interview",
            content = @Content(schema = @Schema(implementation = InterviewView.class)))
    public Response create(@Auth UserPrincipal user, @NotNull @Valid InterviewRequest request) {
        requireTimes(request);
        InterviewView created = jdbi.inTransaction(handle -> {
            long candidateId = candidateFor(handle, user, request.candidateId());
            long companyId = companyFor(handle, user, request);
            List<Long> interviewers = interviewersFor(handle, companyId, request.interviewers());
            long id = handle.createUpdate(
                            """
                            INSERT INTO interviews (candidate_id, company_id, role, starts_at, ends_at, format, round)
                            VALUES (:candidate, :company, :role, :start, :end, :format, :round)
                            """)
                    .bind("candidate", candidateId)
                    .bind("company", companyId)
                    .bind("role", request.role().trim())
                    .bind("start", request.start())
                    .bind("end", request.end())
                    .bind("format", request.format().name())
                    .bind("round", request.round() == null ? 1 : request.round())
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            replaceInterviewers(handle, id, interviewers);
            audit.record(handle, user, "interview.created", "interview", id, Map.of("candidate", candidateId));
            return find(handle, id);
        });
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    public InterviewView update(
            @Auth UserPrincipal user, @PathParam("id") long id, @NotNull @Valid InterviewRequest request) {
        requireTimes(request);
        int version = Versions.require(request.version());
        return jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, id);
            long companyId = handle.createQuery("SELECT company_id FROM interviews WHERE id = :id")
                    .bind("id", id)
                    .mapTo(Long.class)
                    .one();
            List<Long> interviewers = interviewersFor(handle, companyId, request.interviewers());
            int updated = handle.createUpdate(
                            """
                            UPDATE interviews SET role = :role, starts_at = :start, ends_at = :end, format = :format,
                                   round = :round, version = version + 1
                             WHERE id = :id AND version = :version
                            """)
                    .bind("id", id)
                    .bind("version", version)
                    .bind("role", request.role().trim())
                    .bind("start", request.start())
                    .bind("end", request.end())
                    .bind("format", request.format().name())
                    .bind("round", request.round() == null ? 1 : request.round())
                    .execute();
            Versions.requireUpdated(updated, "interview " + id);
            replaceInterviewers(handle, id, interviewers);
            audit.record(handle, user, "interview.updated", "interview", id, Map.of());
            return find(handle, id);
        });
    }

    /** R5: what the company said at the close about its decision date and how it likes to be followed up. */
    @PUT
    @Path("/{id}/timeline")
    public InterviewView putTimeline(
            @Auth UserPrincipal user, @PathParam("id") long id, @NotNull @Valid TimelineRequest request) {
        Duration spacing = request.preferredSpacing();
        String notes = request.notes() == null || request.notes().isBlank()
                ? null
                : request.notes().strip();
        return jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, id);
            Object interval = CompanyResource.interval(spacing);
            upsertWithVersion(
                    handle,
                    "timelines",
                    id,
                    request.version(),
                    "INSERT INTO timelines (interview_id, decision_date, preferred_channel, preferred_spacing, notes)"
                            + " VALUES (:id, :date, :channel, :spacing, :notes)",
                    "UPDATE timelines SET decision_date = :date, preferred_channel = :channel,"
                            + " preferred_spacing = :spacing, notes = :notes, recorded_at = now(),"
                            + " version = version + 1"
                            + " WHERE interview_id = :id AND version = :version",
                    Map.of(),
                    statement -> statement
                            .bind("date", request.decisionDate())
                            .bind(
                                    "channel",
                                    request.preferredChannel() == null
                                            ? null
                                            : request.preferredChannel().name())
                            .bind("spacing", interval)
                            .bind("notes", notes));
            audit.record(handle, user, "interview.timeline", "interview", id, Map.of());
            return find(handle, id);
        });
    }

    /** R4, R20: the candidate's notes right after the interview. */
    @PUT
    @Path("/{id}/debrief")
    public InterviewView putDebrief(
            @Auth UserPrincipal user, @PathParam("id") long id, @NotNull @Valid DebriefRequest request) {
        Instant writtenAt = request.writtenAt() == null
                ? clock.instant()
                : request.writtenAt().toInstant();
        if (writtenAt.isAfter(clock.instant().plus(FUTURE_TOLERANCE))) {
            throw ProblemException.badRequest(
                    "IN_THE_FUTURE",
                    "A debrief cannot be written in the future.",
                    List.of(Problem.FieldError.of("writtenAt", "is in the future")));
        }
        return jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, id);
            long companyId = handle.createQuery("SELECT company_id FROM interviews WHERE id = :id")
                    .bind("id", id)
                    .mapTo(Long.class)
                    .one();
            List<Concern> concerns = request.concerns() == null ? List.of() : request.concerns();
            for (int index = 0; index < concerns.size(); index++) {
                requireContactOf(
                        handle, companyId, concerns.get(index).contactId(), "concerns[" + index + "].contactId");
            }
            List<String> unasked = request.unaskedQuestions() == null ? List.of() : request.unaskedQuestions();
            upsertWithVersion(
                    handle,
                    "debriefs",
                    id,
                    request.version(),
                    "INSERT INTO debriefs (interview_id, notes, unasked_questions, written_at)"
                            + " VALUES (:id, :notes, :unasked, :writtenAt)",
                    "UPDATE debriefs SET notes = :notes, unasked_questions = :unasked, written_at = :writtenAt,"
                            + " version = version + 1 WHERE interview_id = :id AND version = :version",
                    Map.of(),
                    statement -> statement
                            .bind("notes", request.notes())
                            .bind("unasked", unasked.toArray(String[]::new))
                            .bind("writtenAt", writtenAt));
            handle.createUpdate("DELETE FROM debrief_concerns WHERE interview_id = :id")
                    .bind("id", id)
                    .execute();
            for (int index = 0; index < concerns.size(); index++) {
                handle.createUpdate("INSERT INTO debrief_concerns (interview_id, contact_id, position, concern)"
                                + " VALUES (:id, :contact, :position, :concern)")
                        .bind("id", id)
                        .bind("contact", concerns.get(index).contactId())
                        .bind("position", index)
                        .bind("concern", concerns.get(index).concern().trim())
                        .execute();
            }
            audit.record(handle, user, "interview.debrief", "interview", id, Map.of());
            return find(handle, id);
        });
    }

    /** The company's decision: status checks are no longer needed; after a rejection R19 opens. */
    @PUT
    @Path("/{id}/outcome")
    public InterviewView putOutcome(
            @Auth UserPrincipal user, @PathParam("id") long id, @NotNull @Valid OutcomeRequest request) {
        return jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, id);
            handle.createUpdate(
                            """
                            INSERT INTO outcomes (interview_id, kind, at) VALUES (:id, :kind, :at)
                            ON CONFLICT (interview_id) DO UPDATE SET kind = EXCLUDED.kind, at = EXCLUDED.at
                            """)
                    .bind("id", id)
                    .bind("kind", request.kind().name())
                    .bind("at", request.at())
                    .execute();
            audit.record(handle, user, "interview.outcome", "interview", id, Map.of("kind", request.kind()));
            return find(handle, id);
        });
    }

    /** The plan: every step with its window and state, the breaches with their rule ids, advice. */
    @GET
    @Path("/{id}/plan")
    public PlanView plan(@Auth UserPrincipal user, @PathParam("id") long id, @QueryParam("at") String at) {
        // "at" shows the plan as it was or will be at another instant (the recruiter's "what if").
        Instant now = at == null || at.isBlank() ? clock.instant() : parseInstant(at, "at");
        InterviewRecord record = records.get(
                new VisibleInterview(user.id(), id),
                () -> jdbi.inTransaction(handle -> {
                    Visibility.requireInterview(handle, user, id);
                    return JdbiInterviewRecords.load(handle, List.of(new InterviewId(id)))
                            .get(0);
                }));
        Plan plan = evaluator.evaluate(record, policies.current(), now);
        return PlanView.of(plan, record);
    }

    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    static Instant parseInstant(String value, String field) {
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest(
                    "INVALID_INSTANT",
                    "'" + value + "' is not an instant with an offset.",
                    List.of(Problem.FieldError.of(
                            field, "is not an ISO-8601 instant such as 2026-03-30T12:00:00+02:00")));
        }
    }

    private static void requireTimes(InterviewRequest request) {
        if (!request.end().isAfter(request.start())) {
            throw ProblemException.badRequest(
                    "END_BEFORE_START",
                    "The interview must end after it starts.",
                    List.of(Problem.FieldError.of("end", "must be after start")));
        }
        if (Duration.between(request.start(), request.end()).compareTo(Duration.ofHours(24)) > 0) {
            throw ProblemException.badRequest(
                    "TOO_LONG",
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
                    "CANDIDATE_REQUIRED",
                    "Say whose interview this is.",
                    List.of(Problem.FieldError.of("candidateId", "is required")));
        }
        Visibility.requireCandidate(handle, user, requested);
        return requested;
    }

    private static long companyFor(Handle handle, UserPrincipal user, InterviewRequest request) {
        if (request.companyId() != null) {
            boolean exists = handle.createQuery("SELECT EXISTS (SELECT 1 FROM companies WHERE id = :id)")
                    .bind("id", request.companyId())
                    .mapTo(Boolean.class)
                    .one();
            if (!exists) {
                throw ProblemException.badRequest(
                        "UNKNOWN_COMPANY",
                        "Company " + request.companyId() + " does not exist.",
                        List.of(Problem.FieldError.of("companyId", "does not exist")));
            }
            return request.companyId();
        }
        if (request.companyName() == null || request.companyName().isBlank()) {
            throw ProblemException.badRequest(
                    "COMPANY_REQUIRED",
                    "Name the company, or give the id of a known one.",
                    List.of(Problem.FieldError.of("companyName", "is required when companyId is absent")));
        }
        return CompanyResource.findOrCreateCompany(handle, request.companyName());
    }

    private static List<Long> interviewersFor(Handle handle, long companyId, List<InterviewerRequest> requests) {
        List<Long> ids = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int index = 0; index < requests.size(); index++) {
            InterviewerRequest request = requests.get(index);
            String field = "interviewers[" + index + "]";
            long id;
            if (request.contactId() != null) {
                requireContactOf(handle, companyId, request.contactId(), field + ".contactId");
                id = request.contactId();
            } else if (request.name() != null && !request.name().isBlank()) {
                id = CompanyResource.insertContact(
                        handle,
                        companyId,
                        new CompanyResource.ContactRequest(
                                request.name(),
                                request.title(),
                                ContactRole.INTERVIEWER,
                                request.businessEmail(),
                                request.businessPhone(),
                                request.linkedInUrl(),
                                null));
            } else {
                throw ProblemException.badRequest(
                        "INTERVIEWER_REQUIRED",
                        "Each interviewer needs a contactId or a name.",
                        List.of(Problem.FieldError.of(field, "needs a contactId or a name")));
            }
            if (!seen.add(id)) {
                throw ProblemException.badRequest(
                        "DUPLICATE_INTERVIEWER",
                        "The same person is listed twice.",
                        List.of(Problem.FieldError.of(field, "is listed twice")));
            }
            ids.add(id);
        }
        return ids;
    }

    static void requireContactOf(Handle handle, long companyId, long contactId, String field) {
        boolean ok = handle.createQuery(
                        "SELECT EXISTS (SELECT 1 FROM contacts WHERE id = :id AND company_id = :company)")
                .bind("id", contactId)
                .bind("company", companyId)
                .mapTo(Boolean.class)
                .one();
        if (!ok) {
            throw ProblemException.badRequest(
                    "UNKNOWN_CONTACT",
                    "Contact " + contactId + " is not a contact of this interview's company.",
                    List.of(Problem.FieldError.of(field, "is not a contact of this company")));
        }
    }

    private static void replaceInterviewers(Handle handle, long interviewId, List<Long> contacts) {
        handle.createUpdate("DELETE FROM interview_interviewers WHERE interview_id = :id")
                .bind("id", interviewId)
                .execute();
        for (int position = 0; position < contacts.size(); position++) {
            handle.createUpdate("INSERT INTO interview_interviewers (interview_id, contact_id, position)"
                            + " VALUES (:id, :contact, :position)")
                    .bind("id", interviewId)
                    .bind("contact", contacts.get(position))
                    .bind("position", position)
                    .execute();
        }
    }

    /** Creates the child row when {@code version} is absent and none exists, else updates the named version. */
    private static void upsertWithVersion(
            Handle handle,
            String table,
            long interviewId,
            Integer version,
            String insert,
            String update,
            Map<String, Object> unused,
            java.util.function.UnaryOperator<org.jdbi.v3.core.statement.Update> binder) {
        boolean exists = handle.createQuery("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE interview_id = :id)")
                .bind("id", interviewId)
                .mapTo(Boolean.class)
                .one();
        if (!exists) {
            binder.apply(handle.createUpdate(insert).bind("id", interviewId)).execute();
            return;
        }
        int current = Versions.require(version);
        int updated = binder.apply(
                        handle.createUpdate(update).bind("id", interviewId).bind("version", current))
                .execute();
        Versions.requireUpdated(updated, table.substring(0, table.length() - 1) + " of interview " + interviewId);
    }

    static InterviewView find(Handle handle, long id) {
        ZoneId zone = handle.createQuery(
                        "SELECT ca.zone FROM interviews i JOIN candidates ca ON ca.id = i.candidate_id WHERE i.id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .findOne()
                .map(ZoneId::of)
                .orElseThrow(() -> ProblemException.notFound("Interview " + id));
        InterviewView base = handle.createQuery(
                        """
                        SELECT i.id, i.candidate_id, ca.name AS candidate_name, ca.zone, i.company_id,
                               co.name AS company_name, i.role, i.starts_at, i.ends_at, i.format, i.round, i.version
                          FROM interviews i
                          JOIN candidates ca ON ca.id = i.candidate_id
                          JOIN companies co ON co.id = i.company_id
                         WHERE i.id = :id
                        """)
                .bind("id", id)
                .map((rs, context) -> new InterviewView(
                        rs.getLong("id"),
                        rs.getLong("candidate_id"),
                        rs.getString("candidate_name"),
                        rs.getLong("company_id"),
                        rs.getString("company_name"),
                        rs.getString("role"),
                        PlanView.at(JdbiInterviewRecords.instant(rs, "starts_at"), zone),
                        PlanView.at(JdbiInterviewRecords.instant(rs, "ends_at"), zone),
                        InterviewFormat.valueOf(rs.getString("format")),
                        rs.getInt("round"),
                        List.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        rs.getInt("version")))
                .one();
        List<Interviewer> interviewers = handle.createQuery(
                        """
                        SELECT c.id, c.name, c.title FROM interview_interviewers ii JOIN contacts c ON c.id = ii.contact_id
                         WHERE ii.interview_id = :id ORDER BY ii.position
                        """)
                .bind("id", id)
                .map((rs, context) -> new Interviewer(rs.getLong("id"), rs.getString("name"), rs.getString("title")))
                .list();
        Optional<TimelineView> timeline = handle.createQuery(
                        "SELECT decision_date, preferred_channel, preferred_spacing, notes, version FROM timelines"
                                + " WHERE interview_id = :id")
                .bind("id", id)
                .map((rs, context) -> new TimelineView(
                        Optional.ofNullable(rs.getObject("decision_date", LocalDate.class)),
                        Optional.ofNullable(rs.getString("preferred_channel")).map(Channel::valueOf),
                        JdbiInterviewRecords.interval(rs, "preferred_spacing"),
                        Optional.ofNullable(rs.getString("notes")),
                        rs.getInt("version")))
                .findOne();
        List<Concern> concerns = handle.createQuery(
                        "SELECT contact_id, concern FROM debrief_concerns WHERE interview_id = :id ORDER BY position")
                .bind("id", id)
                .map((rs, context) -> new Concern(rs.getLong("contact_id"), rs.getString("concern")))
                .list();
        Optional<DebriefView> debrief = handle.createQuery(
                        "SELECT notes, unasked_questions, written_at, version FROM debriefs WHERE interview_id = :id")
                .bind("id", id)
                .map((rs, context) -> debrief(rs, concerns, zone))
                .findOne();
        Optional<OutcomeView> outcome = handle.createQuery("SELECT kind, at FROM outcomes WHERE interview_id = :id")
                .bind("id", id)
                .map((rs, context) -> new OutcomeView(
                        OutcomeKind.valueOf(rs.getString("kind")),
                        PlanView.at(JdbiInterviewRecords.instant(rs, "at"), zone)))
                .findOne();
        return new InterviewView(
                base.id(),
                base.candidateId(),
                base.candidateName(),
                base.companyId(),
                base.companyName(),
                base.role(),
                base.start(),
                base.end(),
                base.format(),
                base.round(),
                interviewers,
                timeline,
                debrief,
                outcome,
                base.version());
    }

    private static DebriefView debrief(ResultSet rs, List<Concern> concerns, ZoneId zone) throws SQLException {
        String[] unasked = (String[]) rs.getArray("unasked_questions").getArray();
        return new DebriefView(
                rs.getString("notes"),
                concerns,
                List.of(unasked),
                PlanView.at(JdbiInterviewRecords.instant(rs, "written_at"), zone),
                rs.getInt("version"));
    }
}
