package com.followup.api.interviews;

import com.followup.api.access.Visibility;
import com.followup.api.auth.Role;
import com.followup.api.interviews.InterviewBodies.Concern;
import com.followup.api.interviews.InterviewBodies.DebriefView;
import com.followup.api.interviews.InterviewBodies.InterviewView;
import com.followup.api.interviews.InterviewBodies.Interviewer;
import com.followup.api.interviews.InterviewBodies.OutcomeView;
import com.followup.api.interviews.InterviewBodies.TimelineView;
import com.followup.api.representations.PlanView;
import com.followup.core.model.Channel;
import com.followup.core.model.InterviewFormat;
import com.followup.core.model.OutcomeKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.postgresql.util.PGInterval;

/**
 * The interview aggregate as the API shows it: the interview, its interviewers, timeline, debrief with concerns, and
 * outcome. Attached to the use case's handle ({@code handle.attach(InterviewRepository.class)}), so it runs in the
 * use case's transaction. {@link #views} loads any number of interviews in three statements.
 */
@RegisterConstructorMapper(InterviewRepository.InterviewRow.class)
@RegisterConstructorMapper(InterviewRepository.InterviewerRow.class)
@RegisterConstructorMapper(InterviewRepository.ConcernRow.class)
public interface InterviewRepository {
    /**
     * The caller's interviews, latest first, optionally of one candidate or one company: the same rows as {@link
     * Visibility#VISIBLE_CANDIDATES} allows, written for each role so that the planner has an index path for each
     * (issue 18: one query with every role's condition OR'd read all the agency's interviews for a recruiter's page).
     * A recruiter's are read candidate by candidate through {@code interviews_candidate}, at most the page's end of
     * each, then merged. Binds {@code :user}, {@code :limit}, {@code :offset} and, when filtered, {@code :candidate}
     * and {@code :company}.
     */
    static String visibleIdsSql(Role role, boolean byCandidate, boolean byCompany) {
        String filters = (byCandidate ? " AND i.candidate_id = :candidate" : "")
                + (byCompany ? " AND i.company_id = :company" : "");
        String order = " ORDER BY %1$s.ends_at DESC, %1$s.id DESC LIMIT :limit OFFSET :offset";
        return switch (role) {
            case ADMIN -> "SELECT i.id FROM interviews i WHERE TRUE" + filters + order.formatted("i");
            case RECRUITER ->
                """
                SELECT x.id
                  FROM recruiter_assignments a
                 CROSS JOIN LATERAL (SELECT i.id, i.ends_at FROM interviews i
                                      WHERE i.candidate_id = a.candidate_id%s
                                      ORDER BY i.ends_at DESC, i.id DESC LIMIT :limit + :offset) x
                 WHERE a.recruiter_id = :user"""
                                .formatted(filters)
                        + (byCandidate ? " AND a.candidate_id = :candidate" : "")
                        + order.formatted("x");
            case CANDIDATE ->
                "SELECT i.id FROM interviews i JOIN candidates c ON c.id = i.candidate_id WHERE c.user_id = :user"
                        + filters + order.formatted("i");
        };
    }

    /** The candidates a recruiter or a candidate login sees, binding {@code :user} (an admin sees all). */
    static String visibleCandidatesSql(Role role) {
        return role == Role.RECRUITER
                ? "SELECT candidate_id FROM recruiter_assignments WHERE recruiter_id = :user"
                : "SELECT id FROM candidates WHERE user_id = :user";
    }

    /** How many interviews {@link #visibleIdsSql} pages through; the same binds but the page's. */
    static String visibleCountSql(Role role, boolean byCandidate, boolean byCompany) {
        String filters = (byCandidate ? " AND i.candidate_id = :candidate" : "")
                + (byCompany ? " AND i.company_id = :company" : "");
        return switch (role) {
            case ADMIN -> "SELECT count(*) FROM interviews i WHERE TRUE" + filters;
            case RECRUITER ->
                "SELECT count(*) FROM recruiter_assignments a JOIN interviews i ON i.candidate_id = a.candidate_id"
                        + " WHERE a.recruiter_id = :user" + filters;
            case CANDIDATE ->
                "SELECT count(*) FROM interviews i JOIN candidates c ON c.id = i.candidate_id WHERE c.user_id = :user"
                        + filters;
        };
    }

    /** One interview with its one-to-one parts (timeline, debrief, outcome), which may be absent. */
    record InterviewRow(
            long id,
            long candidateId,
            String candidateName,
            String zone,
            long companyId,
            String companyName,
            String role,
            Instant startsAt,
            Instant endsAt,
            InterviewFormat format,
            int round,
            int version,
            LocalDate decisionDate,
            Channel preferredChannel,
            Duration preferredSpacing,
            String timelineNotes,
            Integer timelineVersion,
            String debriefNotes,
            String[] unaskedQuestions,
            Instant debriefWrittenAt,
            Integer debriefVersion,
            OutcomeKind outcomeKind,
            Instant outcomeAt) {}

    record InterviewerRow(long interviewId, long contactId, String name, String title) {}

    record ConcernRow(long interviewId, long contactId, String concern) {}

    @SqlQuery(
            """
            SELECT i.id, i.candidate_id, ca.name AS candidate_name, ca.zone, i.company_id, co.name AS company_name,
                   i.role, i.starts_at, i.ends_at, i.format, i.round, i.version,
                   t.decision_date, t.preferred_channel, t.preferred_spacing, t.notes AS timeline_notes,
                   t.version AS timeline_version,
                   d.notes AS debrief_notes, d.unasked_questions, d.written_at AS debrief_written_at,
                   d.version AS debrief_version,
                   o.kind AS outcome_kind, o.at AS outcome_at
              FROM interviews i
              JOIN candidates ca ON ca.id = i.candidate_id
              JOIN companies co ON co.id = i.company_id
              LEFT JOIN timelines t ON t.interview_id = i.id
              LEFT JOIN debriefs d ON d.interview_id = i.id
              LEFT JOIN outcomes o ON o.interview_id = i.id
             WHERE i.id = ANY(:ids)
            """)
    List<InterviewRow> interviewRows(@Bind("ids") long[] ids);

    @SqlQuery(
            """
            SELECT ii.interview_id, c.id AS contact_id, c.name, c.title
              FROM interview_interviewers ii
              JOIN contacts c ON c.id = ii.contact_id
             WHERE ii.interview_id = ANY(:ids)
             ORDER BY ii.interview_id, ii.position
            """)
    List<InterviewerRow> interviewerRows(@Bind("ids") long[] ids);

    @SqlQuery(
            """
            SELECT interview_id, contact_id, concern
              FROM debrief_concerns
             WHERE interview_id = ANY(:ids)
             ORDER BY interview_id, position
            """)
    List<ConcernRow> concernRows(@Bind("ids") long[] ids);

    /**
     * The views of {@code ids} in the order given, leaving out those that do not exist: three statements whatever
     * the number of ids. Times are shown in the candidate's zone.
     */
    default List<InterviewView> views(Collection<Long> ids) {
        long[] keys = ids.stream().mapToLong(Long::longValue).distinct().toArray();
        if (keys.length == 0) {
            return List.of();
        }
        Map<Long, InterviewRow> rows = new HashMap<>();
        interviewRows(keys).forEach(row -> rows.put(row.id(), row));
        Map<Long, List<Interviewer>> interviewers = new HashMap<>();
        for (InterviewerRow row : interviewerRows(keys)) {
            interviewers
                    .computeIfAbsent(row.interviewId(), id -> new ArrayList<>())
                    .add(new Interviewer(row.contactId(), row.name(), row.title()));
        }
        Map<Long, List<Concern>> concerns = new HashMap<>();
        for (ConcernRow row : concernRows(keys)) {
            concerns.computeIfAbsent(row.interviewId(), id -> new ArrayList<>())
                    .add(new Concern(row.contactId(), row.concern()));
        }
        List<InterviewView> views = new ArrayList<>(keys.length);
        for (long id : keys) {
            InterviewRow row = rows.get(id);
            if (row != null) {
                views.add(
                        Rows.view(row, interviewers.getOrDefault(id, List.of()), concerns.getOrDefault(id, List.of())));
            }
        }
        return views;
    }

    default Optional<InterviewView> view(long id) {
        return views(List.of(id)).stream().findFirst();
    }

    /** Turns rows into views. */
    final class Rows {
        private Rows() {}

        static InterviewView view(InterviewRow row, List<Interviewer> interviewers, List<Concern> concerns) {
            ZoneId zone = ZoneId.of(row.zone());
            Optional<TimelineView> timeline = row.timelineVersion() == null
                    ? Optional.empty()
                    : Optional.of(new TimelineView(
                            Optional.ofNullable(row.decisionDate()),
                            Optional.ofNullable(row.preferredChannel()),
                            Optional.ofNullable(row.preferredSpacing()),
                            Optional.ofNullable(row.timelineNotes()),
                            row.timelineVersion()));
            Optional<DebriefView> debrief = row.debriefVersion() == null
                    ? Optional.empty()
                    : Optional.of(new DebriefView(
                            row.debriefNotes(),
                            concerns,
                            row.unaskedQuestions() == null ? List.of() : List.of(row.unaskedQuestions()),
                            PlanView.at(row.debriefWrittenAt(), zone),
                            row.debriefVersion()));
            Optional<OutcomeView> outcome = row.outcomeKind() == null
                    ? Optional.empty()
                    : Optional.of(new OutcomeView(row.outcomeKind(), PlanView.at(row.outcomeAt(), zone)));
            return new InterviewView(
                    row.id(),
                    row.candidateId(),
                    row.candidateName(),
                    row.companyId(),
                    row.companyName(),
                    row.role(),
                    PlanView.at(row.startsAt(), zone),
                    PlanView.at(row.endsAt(), zone),
                    row.format(),
                    row.round(),
                    List.copyOf(interviewers),
                    timeline,
                    debrief,
                    outcome,
                    row.version());
        }
    }

    // ---- writes

    /** What the interview row itself holds, as a request gives it. */
    record InterviewFields(String role, OffsetDateTime start, OffsetDateTime end, InterviewFormat format, int round) {}

    @SqlQuery("SELECT company_id FROM interviews WHERE id = :id")
    long companyOf(@Bind("id") long interviewId);

    @SqlUpdate(
            """
            INSERT INTO interviews (candidate_id, company_id, role, starts_at, ends_at, format, round)
            VALUES (:candidate, :company, :fields.role, :fields.start, :fields.end, :fields.format, :fields.round)
            """)
    @GetGeneratedKeys("id")
    long insert(
            @Bind("candidate") long candidateId,
            @Bind("company") long companyId,
            @BindMethods("fields") InterviewFields fields);

    /** The number of rows updated: 0 when {@code version} is stale. */
    @SqlUpdate(
            """
            UPDATE interviews SET role = :fields.role, starts_at = :fields.start, ends_at = :fields.end,
                   format = :fields.format, round = :fields.round, version = version + 1
             WHERE id = :id AND version = :version
            """)
    int update(@Bind("id") long id, @Bind("version") int version, @BindMethods("fields") InterviewFields fields);

    @SqlUpdate("DELETE FROM interview_interviewers WHERE interview_id = :id")
    void deleteInterviewers(@Bind("id") long interviewId);

    @SqlBatch(
            "INSERT INTO interview_interviewers (interview_id, contact_id, position) VALUES (:id, :contact, :position)")
    void insertInterviewers(
            @Bind("id") long interviewId,
            @Bind("contact") List<Long> contacts,
            @Bind("position") List<Integer> positions);

    /** The interviewers of an interview, in the order given. */
    default void replaceInterviewers(long interviewId, List<Long> contacts) {
        deleteInterviewers(interviewId);
        if (!contacts.isEmpty()) {
            insertInterviewers(
                    interviewId,
                    contacts,
                    IntStream.range(0, contacts.size()).boxed().toList());
        }
    }

    /** R5: what the company said at the close; the channel as its name, the spacing as PostgreSQL's interval. */
    record TimelineFields(LocalDate decisionDate, String preferredChannel, PGInterval preferredSpacing, String notes) {}

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM timelines WHERE interview_id = :id)")
    boolean hasTimeline(@Bind("id") long interviewId);

    @SqlUpdate(
            """
            INSERT INTO timelines (interview_id, decision_date, preferred_channel, preferred_spacing, notes)
            VALUES (:id, :fields.decisionDate, :fields.preferredChannel, :fields.preferredSpacing, :fields.notes)
            """)
    void insertTimeline(@Bind("id") long interviewId, @BindMethods("fields") TimelineFields fields);

    @SqlUpdate(
            """
            UPDATE timelines SET decision_date = :fields.decisionDate, preferred_channel = :fields.preferredChannel,
                   preferred_spacing = :fields.preferredSpacing, notes = :fields.notes, recorded_at = now(),
                   version = version + 1
             WHERE interview_id = :id AND version = :version
            """)
    int updateTimeline(
            @Bind("id") long interviewId, @Bind("version") int version, @BindMethods("fields") TimelineFields fields);

    /** R4, R20: the candidate's notes right after the interview. */
    record DebriefFields(String notes, String[] unaskedQuestions, Instant writtenAt) {}

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM debriefs WHERE interview_id = :id)")
    boolean hasDebrief(@Bind("id") long interviewId);

    @SqlUpdate(
            """
            INSERT INTO debriefs (interview_id, notes, unasked_questions, written_at)
            VALUES (:id, :fields.notes, :fields.unaskedQuestions, :fields.writtenAt)
            """)
    void insertDebrief(@Bind("id") long interviewId, @BindMethods("fields") DebriefFields fields);

    @SqlUpdate(
            """
            UPDATE debriefs SET notes = :fields.notes, unasked_questions = :fields.unaskedQuestions,
                   written_at = :fields.writtenAt, version = version + 1
             WHERE interview_id = :id AND version = :version
            """)
    int updateDebrief(
            @Bind("id") long interviewId, @Bind("version") int version, @BindMethods("fields") DebriefFields fields);

    @SqlUpdate("DELETE FROM debrief_concerns WHERE interview_id = :id")
    void deleteConcerns(@Bind("id") long interviewId);

    @SqlBatch(
            """
            INSERT INTO debrief_concerns (interview_id, contact_id, position, concern)
            VALUES (:id, :contact, :position, :concern)
            """)
    void insertConcerns(
            @Bind("id") long interviewId,
            @Bind("contact") List<Long> contacts,
            @Bind("position") List<Integer> positions,
            @Bind("concern") List<String> concerns);

    /** The concerns of a debrief, in the order given (the debrief must exist). */
    default void replaceConcerns(long interviewId, List<Concern> concerns) {
        deleteConcerns(interviewId);
        if (!concerns.isEmpty()) {
            insertConcerns(
                    interviewId,
                    concerns.stream().map(Concern::contactId).toList(),
                    IntStream.range(0, concerns.size()).boxed().toList(),
                    concerns.stream().map(concern -> concern.concern().trim()).toList());
        }
    }

    @SqlUpdate(
            """
            INSERT INTO outcomes (interview_id, kind, at) VALUES (:id, :kind, :at)
            ON CONFLICT (interview_id) DO UPDATE SET kind = EXCLUDED.kind, at = EXCLUDED.at
            """)
    void putOutcome(@Bind("id") long interviewId, @Bind("kind") OutcomeKind kind, @Bind("at") OffsetDateTime at);
}
