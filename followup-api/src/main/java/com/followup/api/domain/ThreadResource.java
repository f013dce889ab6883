package com.followup.api.domain;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followup.api.access.Visibility;
import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.Secrets;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.db.JdbiInterviewRecords;
import com.followup.api.notifications.Outbox;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import com.followup.api.representations.PlanView;
import com.followup.core.model.Channel;
import com.followup.core.model.Contact;
import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.model.ReplyKind;
import com.followup.core.model.TouchKind;
import com.followup.core.notes.NoteCheck;
import com.followup.core.notes.NoteChecker;
import com.followup.core.repository.PolicyStore;
import com.followup.core.rules.Plan;
import com.followup.core.rules.PlanEvaluator;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The thread of an interview: touches the candidate sent and replies that came back. A touch that breaks a
 * rule is stored with its breaches, never refused, so the recruiter sees it. With an {@code Idempotency-Key}
 * header a retried request returns the first one's result instead of logging twice.
 *
 * <p>Its root path is the interviews' own: Jersey merges resources of one path, whereas a longer root path
 * ({@code /api/interviews/{id}}) would capture {@code /api/interviews/7/plan} and answer 404 (JAX-RS
 * matching does not backtrack to another root resource).
 */
@Path("/api/interviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.RECRUITER, Role.Names.CANDIDATE})
public class ThreadResource {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    public record TouchRequest(
            @NotNull TouchKind kind,
            @NotNull Channel channel,
            @NotNull Long recipientId,
            @Size(max = 500) String address,
            @NotNull OffsetDateTime sentAt,
            @Size(max = 500) String subject,
            @Size(max = 20000) String text) {}

    public record TouchView(
            long id,
            long interviewId,
            TouchKind kind,
            Channel channel,
            long recipientId,
            String address,
            OffsetDateTime sentAt,
            Optional<String> subject,
            Optional<String> text,
            List<PlanView.BreachView> breaches,
            JsonNode noteFindings) {}

    public record ReplyRequest(
            @NotNull Long fromContactId,
            @NotNull OffsetDateTime receivedAt,
            @NotNull ReplyKind kind,
            LocalDate newDecisionDate) {}

    public record ReplyView(
            long id,
            long interviewId,
            long fromContactId,
            OffsetDateTime receivedAt,
            ReplyKind kind,
            Optional<LocalDate> newDecisionDate) {}

    private final Jdbi jdbi;
    private final Audit audit;
    private final PolicyStore policies;
    private final PlanEvaluator evaluator;
    private final ObjectMapper json;
    private final NoteChecker checker;
    private final Clock clock;
    private final PlanSummaries summaries;

    public ThreadResource(
            Jdbi jdbi,
            Audit audit,
            PolicyStore policies,
            PlanEvaluator evaluator,
            ObjectMapper json,
            NoteChecker checker,
            Clock clock,
            PlanSummaries summaries) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.evaluator = requireNonNull(evaluator, "evaluator is null");
        this.json = requireNonNull(json, "json is null");
        this.checker = requireNonNull(checker, "checker is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.summaries = requireNonNull(summaries, "summaries is null");
    }

    @GET
    @Path("/{id}/touches")
    public List<TouchView> touches(@Auth UserPrincipal user, @PathParam("id") long interviewId) {
        Instant now = clock.instant();
        Conversation thread = jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, interviewId);
            return thread(handle, interviewId);
        });
        Plan plan = evaluator.evaluate(thread.record(), policies.current(), now);
        return thread.record().touches().stream()
                .map(touch -> touchView(thread, plan, touch.id().value()))
                .toList();
    }

    /** An interview's record with the note findings stored with its touches. */
    private record Conversation(InterviewRecord record, Map<Long, JsonNode> noteFindings) {}

    private Conversation thread(Handle handle, long interviewId) {
        InterviewRecord record = JdbiInterviewRecords.load(handle, List.of(new InterviewId(interviewId)))
                .get(0);
        Map<Long, JsonNode> findings = new HashMap<>();
        handle.createQuery("SELECT id, note_findings::text AS findings FROM touches WHERE interview_id = :id")
                .bind("id", interviewId)
                .map((rs, context) -> {
                    try {
                        findings.put(rs.getLong("id"), json.readTree(rs.getString("findings")));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("stored note findings are not JSON", e);
                    }
                    return Boolean.TRUE;
                })
                .list();
        return new Conversation(record, findings);
    }

    private String findingsJson(InterviewRecord record, Contact recipient, String text) {
        NoteCheck check = checker.check(NoteDrafts.draft(
                record, recipient, text, Optional.empty(), policies.current().noteChecks()));
        try {
            return json.writeValueAsString(
                    check.findings().stream().map(NoteDrafts.FindingView::of).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("note findings are always serialisable", e);
        }
    }

    @POST
    @Path("/{id}/touches")
    @ApiResponse(
            responseCode = "201",
            description = "The touch as logged, with the breaches it causes",
            content = @Content(schema = @Schema(implementation = TouchView.class)))
    @ApiResponse(
            responseCode = "200",
            description = "A retry with the same Idempotency-Key: the first request's touch",
            content = @Content(schema = @Schema(implementation = TouchView.class)))
    public Response logTouch(
            @Auth UserPrincipal user,
            @PathParam("id") long interviewId,
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            @NotNull @Valid TouchRequest request) {
        Instant now = clock.instant();
        Stored stored =
                storeOnce(user, interviewId, "touches", idempotencyKey, request, (handle, before, key, requestHash) -> {
                    Instant sentAt = request.sentAt().toInstant();
                    requireAfterInterview(before, sentAt, now, "sentAt");
                    Contact recipient = contactOfCompany(handle, before, request.recipientId(), "recipientId");
                    String address = addressFor(request, recipient);
                    // Notes are checked again when logged (R14-R17); the findings stay with the touch for reports.
                    String findings = NoteDrafts.isNote(request.kind())
                                    && request.text() != null
                                    && !request.text().isBlank()
                            ? findingsJson(before, recipient, request.text())
                            : "[]";
                    long id = handle.createUpdate(
                                    """
                            INSERT INTO touches (interview_id, kind, channel, recipient_id, address, sent_at, subject, text,
                                                 note_findings, idempotency_key, request_hash, created_by)
                            VALUES (:interview, :kind, :channel, :recipient, :address, :sentAt, :subject, :text,
                                    CAST(:findings AS jsonb), :key, :hash, :user)
                            """)
                            .bind("interview", interviewId)
                            .bind("kind", request.kind().name())
                            .bind("channel", request.channel().name())
                            .bind("recipient", request.recipientId())
                            .bind("address", address)
                            .bind("sentAt", sentAt)
                            .bind("subject", blankToNull(request.subject()))
                            .bind("text", blankToNull(request.text()))
                            .bind("findings", findings)
                            .bind("key", key.orElse(null))
                            .bind("hash", requestHash)
                            .bind("user", user.id())
                            .executeAndReturnGeneratedKeys("id")
                            .mapTo(Long.class)
                            .one();
                    audit.record(
                            handle,
                            user,
                            "touch.logged",
                            "touch",
                            id,
                            Map.of("interview", interviewId, "kind", request.kind(), "channel", request.channel()));
                    return id;
                });
        return Response.status(stored.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(touchAfter(user, interviewId, stored.id(), now))
                .build();
    }

    @GET
    @Path("/{id}/replies")
    public List<ReplyView> replies(@Auth UserPrincipal user, @PathParam("id") long interviewId) {
        return jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, interviewId);
            return repliesOf(handle, interviewId, Optional.empty());
        });
    }

    /** The interview's replies in time order, or only the one with {@code onlyId}. */
    private static List<ReplyView> repliesOf(Handle handle, long interviewId, Optional<Long> onlyId) {
        ZoneId zone = zoneOf(handle, interviewId);
        return handle.createQuery(
                        """
                        SELECT id, interview_id, from_contact_id, received_at, kind, new_decision_date
                          FROM replies
                         WHERE interview_id = :id AND (CAST(:only AS bigint) IS NULL OR id = :only)
                         ORDER BY received_at, id
                        """)
                .bind("id", interviewId)
                .bind("only", onlyId.orElse(null))
                .map((rs, context) -> new ReplyView(
                        rs.getLong("id"),
                        rs.getLong("interview_id"),
                        rs.getLong("from_contact_id"),
                        PlanView.at(JdbiInterviewRecords.instant(rs, "received_at"), zone),
                        ReplyKind.valueOf(rs.getString("kind")),
                        Optional.ofNullable(rs.getObject("new_decision_date", LocalDate.class))))
                .list();
    }

    @POST
    @Path("/{id}/replies")
    @ApiResponse(
            responseCode = "201",
            description = "The reply as logged",
            content = @Content(schema = @Schema(implementation = ReplyView.class)))
    @ApiResponse(
            responseCode = "200",
            description = "A retry with the same Idempotency-Key: the first request's reply",
            content = @Content(schema = @Schema(implementation = ReplyView.class)))
    public Response logReply(
            @Auth UserPrincipal user,
            @PathParam("id") long interviewId,
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            @NotNull @Valid ReplyRequest request) {
        Instant now = clock.instant();
        Stored stored =
                storeOnce(user, interviewId, "replies", idempotencyKey, request, (handle, before, key, requestHash) -> {
                    requireAfterInterview(before, request.receivedAt().toInstant(), now, "receivedAt");
                    contactOfCompany(handle, before, request.fromContactId(), "fromContactId");
                    long id = handle.createUpdate(
                                    """
                            INSERT INTO replies (interview_id, from_contact_id, received_at, kind, new_decision_date,
                                                 idempotency_key, request_hash, created_by)
                            VALUES (:interview, :from, :receivedAt, :kind, :date, :key, :hash, :user)
                            """)
                            .bind("interview", interviewId)
                            .bind("from", request.fromContactId())
                            .bind("receivedAt", request.receivedAt().toInstant())
                            .bind("kind", request.kind().name())
                            .bind("date", request.newDecisionDate())
                            .bind("key", key.orElse(null))
                            .bind("hash", requestHash)
                            .bind("user", user.id())
                            .executeAndReturnGeneratedKeys("id")
                            .mapTo(Long.class)
                            .one();
                    // Reply-aware reminders: a reply restarts the thread, so the status-check reminders waiting in the
                    // outbox are taken back with the reply, in its transaction (docs/notifications.md).
                    Outbox.cancelStatusCheckReminders(handle, interviewId, now, "the company replied");
                    audit.record(
                            handle,
                            user,
                            "reply.logged",
                            "reply",
                            id,
                            Map.of("interview", interviewId, "kind", request.kind()));
                    return id;
                });
        // The caller's scope was checked when the reply was stored; read back just that row.
        ReplyView view = jdbi.withHandle(handle -> repliesOf(handle, interviewId, Optional.of(stored.id())))
                .get(0);
        return Response.status(stored.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(view)
                .build();
    }

    /** A row stored by this request, or by an earlier one with the same idempotency key. */
    private record Stored(long id, boolean created) {}

    /** Stores the row of a new touch or reply, given the interview's record as it was before. */
    @FunctionalInterface
    private interface Insert {
        long insert(Handle handle, InterviewRecord before, Optional<String> key, String requestHash);
    }

    /**
     * One transaction: the caller may see the interview; a request already stored under the same idempotency
     * key answers that row (a retry); otherwise {@code insert} stores it.
     */
    private Stored storeOnce(
            UserPrincipal user, long interviewId, String table, String idempotencyKey, Object request, Insert insert) {
        Optional<String> key = key(idempotencyKey);
        String requestHash = hashOf(request);
        return jdbi.inTransaction(handle -> {
            Visibility.requireInterview(handle, user, interviewId);
            Optional<Stored> earlier = earlier(handle, table, user, key, requestHash, interviewId);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            InterviewRecord before = JdbiInterviewRecords.load(handle, List.of(new InterviewId(interviewId)))
                    .get(0);
            return new Stored(insert.insert(handle, before, key, requestHash), true);
        });
    }

    private static Optional<Stored> earlier(
            Handle handle,
            String table,
            UserPrincipal user,
            Optional<String> key,
            String requestHash,
            long interviewId) {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        // Serialises concurrent retries of one key: the second waits, then finds the first one's row.
        handle.createQuery("SELECT pg_advisory_xact_lock(hashtext(:lock))::text")
                .bind("lock", table + ":" + user.id() + ":" + key.get())
                .mapTo(String.class)
                .one();
        return handle.createQuery("SELECT id, interview_id, request_hash FROM " + table
                        + " WHERE created_by = :user AND idempotency_key = :key")
                .bind("user", user.id())
                .bind("key", key.get())
                .map((rs, context) -> {
                    if (rs.getLong("interview_id") != interviewId
                            || !requestHash.equals(rs.getString("request_hash"))) {
                        throw new ProblemException(Problem.of(
                                ErrorCode.IDEMPOTENCY_KEY_REUSED,
                                "This Idempotency-Key was used for a different request; use a new key for a new"
                                        + " request."));
                    }
                    return new Stored(rs.getLong("id"), false);
                })
                .findOne();
    }

    private TouchView touchAfter(UserPrincipal user, long interviewId, long touchId, Instant now) {
        // The thread and its summary's generation from one snapshot, so the plan evaluated for the answer is also
        // stored as the interview's summary: the next dashboard need not evaluate it again (decision 0009).
        record Loaded(Conversation thread, long generation) {}
        Loaded loaded = jdbi.inTransaction(
                TransactionIsolationLevel.REPEATABLE_READ,
                handle -> new Loaded(thread(handle, interviewId), PlanSummaries.generationOf(handle, interviewId)));
        Plan plan = summaries.evaluateAndStore(loaded.thread().record(), loaded.generation(), now);
        return touchView(loaded.thread(), plan, touchId);
    }

    private static TouchView touchView(Conversation thread, Plan plan, long touchId) {
        InterviewRecord record = thread.record();
        ZoneId zone = record.candidate().zone();
        com.followup.core.model.Touch touch = record.touches().stream()
                .filter(candidate -> candidate.id().value() == touchId)
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("Touch " + touchId));
        List<PlanView.BreachView> breaches = plan.breaches().stream()
                .filter(breach ->
                        breach.touch().filter(id -> id.value() == touchId).isPresent())
                .map(breach -> PlanView.breach(breach, zone))
                .toList();
        return new TouchView(
                touchId,
                record.interview().id().value(),
                touch.kind(),
                touch.channel(),
                touch.recipient().value(),
                touch.address(),
                PlanView.at(touch.sentAt(), zone),
                touch.subject(),
                touch.text(),
                breaches,
                thread.noteFindings().get(touchId));
    }

    private static void requireAfterInterview(InterviewRecord record, Instant at, Instant now, String field) {
        if (at.isBefore(record.interview().end())) {
            throw ProblemException.badRequest(
                    ErrorCode.BEFORE_INTERVIEW_END,
                    "Follow-ups and replies come after the interview, which ended at "
                            + PlanView.at(
                                    record.interview().end(), record.candidate().zone()) + ".",
                    List.of(Problem.FieldError.of(field, "is before the interview ended")));
        }
        if (at.isAfter(now.plus(com.followup.api.interviews.Interviews.FUTURE_TOLERANCE))) {
            throw ProblemException.badRequest(
                    ErrorCode.IN_THE_FUTURE,
                    "Log what happened, once it happened: this time is in the future.",
                    List.of(Problem.FieldError.of(field, "is in the future")));
        }
    }

    private static Contact contactOfCompany(Handle handle, InterviewRecord record, long contactId, String field) {
        return handle.createQuery(
                        "SELECT id, company_id, name, title, role, business_email, business_phone, linkedin_url"
                                + " FROM contacts WHERE id = :id AND company_id = :company")
                .bind("id", contactId)
                .bind("company", record.company().id().value())
                .map((rs, context) -> JdbiInterviewRecords.contact(rs))
                .findOne()
                .orElseThrow(() -> ProblemException.badRequest(
                        ErrorCode.UNKNOWN_CONTACT,
                        "Contact " + contactId + " is not a contact of "
                                + record.company().name() + ".",
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

    private static ZoneId zoneOf(Handle handle, long interviewId) {
        return ZoneId.of(handle.createQuery(
                        "SELECT ca.zone FROM interviews i JOIN candidates ca ON ca.id = i.candidate_id WHERE i.id = :id")
                .bind("id", interviewId)
                .mapTo(String.class)
                .one());
    }

    private String hashOf(Object request) {
        try {
            return Secrets.hash(json.writeValueAsString(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request body is always serialisable", e);
        }
    }

    private static Optional<String> key(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        if (header.length() > 200) {
            throw ProblemException.badRequest(
                    ErrorCode.IDEMPOTENCY_KEY_TOO_LONG,
                    "An Idempotency-Key has at most 200 characters.",
                    List.of(Problem.FieldError.of(IDEMPOTENCY_KEY, "is longer than 200 characters")));
        }
        return Optional.of(header.trim());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
