package com.followup.api.db;

import static java.util.Objects.requireNonNull;

import com.followup.core.model.Candidate;
import com.followup.core.model.CandidateId;
import com.followup.core.model.Channel;
import com.followup.core.model.ClientCompany;
import com.followup.core.model.CompanyId;
import com.followup.core.model.CompanyOverrides;
import com.followup.core.model.Contact;
import com.followup.core.model.ContactId;
import com.followup.core.model.ContactRole;
import com.followup.core.model.Debrief;
import com.followup.core.model.Interview;
import com.followup.core.model.InterviewFormat;
import com.followup.core.model.InterviewId;
import com.followup.core.model.InterviewRecord;
import com.followup.core.model.InterviewerConcern;
import com.followup.core.model.Outcome;
import com.followup.core.model.OutcomeKind;
import com.followup.core.model.Reply;
import com.followup.core.model.ReplyId;
import com.followup.core.model.ReplyKind;
import com.followup.core.model.Timeline;
import com.followup.core.model.Touch;
import com.followup.core.model.TouchId;
import com.followup.core.model.TouchKind;
import com.followup.core.repository.InterviewRecords;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.util.PGInterval;

/**
 * Loads interview records from PostgreSQL: a fixed number of queries for any number of interviews (each
 * part of the aggregate is fetched for all ids at once with {@code = ANY(:ids)}).
 */
public final class JdbiInterviewRecords implements InterviewRecords {
    private final Jdbi jdbi;

    public JdbiInterviewRecords(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    @Override
    public Optional<InterviewRecord> find(InterviewId id) {
        return findAll(List.of(id)).stream().findFirst();
    }

    @Override
    public List<InterviewRecord> findAll(Collection<InterviewId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbi.inTransaction(handle -> load(handle, ids));
    }

    /** Loads inside the caller's transaction, so a write and the plan it shows see the same data. */
    public static List<InterviewRecord> load(Handle handle, Collection<InterviewId> ids) {
        long[] keys = ids.stream().mapToLong(InterviewId::value).distinct().toArray();
        Map<Long, Parts> parts = new HashMap<>();

        handle.createQuery(
                        """
                        SELECT i.id, i.candidate_id, i.company_id, i.role, i.starts_at, i.ends_at, i.format, i.round,
                               ca.name AS candidate_name, ca.zone,
                               co.name AS company_name, co.spacing, co.status_check_limit, co.preferred_channel,
                               co.does_not_reply
                          FROM interviews i
                          JOIN candidates ca ON ca.id = i.candidate_id
                          JOIN companies co ON co.id = i.company_id
                         WHERE i.id = ANY(:ids)
                        """)
                .bind("ids", keys)
                .map((rs, context) -> {
                    Parts part = new Parts();
                    part.id = rs.getLong("id");
                    part.candidate = new Candidate(
                            new CandidateId(rs.getLong("candidate_id")),
                            rs.getString("candidate_name"),
                            ZoneId.of(rs.getString("zone")));
                    part.company = new ClientCompany(
                            new CompanyId(rs.getLong("company_id")),
                            rs.getString("company_name"),
                            new CompanyOverrides(
                                    interval(rs, "spacing"),
                                    integer(rs, "status_check_limit"),
                                    Optional.ofNullable(rs.getString("preferred_channel"))
                                            .map(Channel::valueOf),
                                    rs.getBoolean("does_not_reply")));
                    part.role = rs.getString("role");
                    part.start = instant(rs, "starts_at");
                    part.end = instant(rs, "ends_at");
                    part.format = InterviewFormat.valueOf(rs.getString("format"));
                    part.round = rs.getInt("round");
                    return part;
                })
                .forEach(part -> parts.put(part.id, part));
        if (parts.isEmpty()) {
            return List.of();
        }

        handle.createQuery("SELECT interview_id, contact_id FROM interview_interviewers WHERE interview_id = ANY(:ids)"
                        + " ORDER BY interview_id, position")
                .bind("ids", keys)
                .map((rs, context) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .forEach(row -> parts.get(row[0]).interviewers.add(new ContactId(row[1])));

        Map<Long, Contact> contacts = new HashMap<>();
        handle.createQuery(
                        """
                        SELECT id, company_id, name, title, role, business_email, business_phone, linkedin_url
                          FROM contacts
                         WHERE id IN (SELECT contact_id FROM interview_interviewers WHERE interview_id = ANY(:ids)
                                      UNION SELECT recipient_id FROM touches WHERE interview_id = ANY(:ids)
                                      UNION SELECT from_contact_id FROM replies WHERE interview_id = ANY(:ids)
                                      UNION SELECT contact_id FROM debrief_concerns WHERE interview_id = ANY(:ids))
                        """)
                .bind("ids", keys)
                .map((rs, context) -> contact(rs))
                .forEach(contact -> contacts.put(contact.id().value(), contact));

        handle.createQuery("SELECT interview_id, notes, unasked_questions, written_at FROM debriefs"
                        + " WHERE interview_id = ANY(:ids)")
                .bind("ids", keys)
                .map((rs, context) -> {
                    Parts part = parts.get(rs.getLong("interview_id"));
                    part.debriefNotes = rs.getString("notes");
                    part.unasked = strings(rs.getArray("unasked_questions"));
                    part.debriefWrittenAt = instant(rs, "written_at");
                    return part;
                })
                .list();
        handle.createQuery(
                        "SELECT interview_id, contact_id, concern FROM debrief_concerns WHERE interview_id = ANY(:ids)"
                                + " ORDER BY interview_id, position")
                .bind("ids", keys)
                .map((rs, context) -> {
                    parts.get(rs.getLong("interview_id"))
                            .concerns
                            .add(new InterviewerConcern(
                                    new ContactId(rs.getLong("contact_id")), rs.getString("concern")));
                    return Boolean.TRUE;
                })
                .list();

        handle.createQuery("SELECT interview_id, decision_date, preferred_channel, preferred_spacing FROM timelines"
                        + " WHERE interview_id = ANY(:ids)")
                .bind("ids", keys)
                .map((rs, context) -> {
                    parts.get(rs.getLong("interview_id")).timeline = Optional.of(new Timeline(
                            Optional.ofNullable(rs.getObject("decision_date", LocalDate.class)),
                            Optional.ofNullable(rs.getString("preferred_channel"))
                                    .map(Channel::valueOf),
                            interval(rs, "preferred_spacing")));
                    return Boolean.TRUE;
                })
                .list();

        handle.createQuery(
                        """
                        SELECT id, interview_id, kind, channel, recipient_id, address, sent_at, subject, text
                          FROM touches WHERE interview_id = ANY(:ids)
                        """)
                .bind("ids", keys)
                .map((rs, context) -> {
                    parts.get(rs.getLong("interview_id")).touches.add(touch(rs));
                    return Boolean.TRUE;
                })
                .list();

        handle.createQuery(
                        """
                        SELECT id, interview_id, from_contact_id, received_at, kind, new_decision_date
                          FROM replies WHERE interview_id = ANY(:ids)
                        """)
                .bind("ids", keys)
                .map((rs, context) -> {
                    parts.get(rs.getLong("interview_id"))
                            .replies
                            .add(new Reply(
                                    new ReplyId(rs.getLong("id")),
                                    new ContactId(rs.getLong("from_contact_id")),
                                    instant(rs, "received_at"),
                                    ReplyKind.valueOf(rs.getString("kind")),
                                    Optional.ofNullable(rs.getObject("new_decision_date", LocalDate.class))));
                    return Boolean.TRUE;
                })
                .list();

        handle.createQuery("SELECT interview_id, kind, at FROM outcomes WHERE interview_id = ANY(:ids)")
                .bind("ids", keys)
                .map((rs, context) -> {
                    parts.get(rs.getLong("interview_id")).outcome =
                            Optional.of(new Outcome(OutcomeKind.valueOf(rs.getString("kind")), instant(rs, "at")));
                    return Boolean.TRUE;
                })
                .list();

        List<InterviewRecord> records = new ArrayList<>(parts.size());
        for (Parts part : parts.values()) {
            records.add(part.toRecord(contacts));
        }
        return records;
    }

    /** The columns of one interview's aggregate, gathered query by query. */
    private static final class Parts {
        long id;
        Candidate candidate;
        ClientCompany company;
        String role;
        Instant start;
        Instant end;
        InterviewFormat format;
        int round;
        final List<ContactId> interviewers = new ArrayList<>();
        String debriefNotes;
        List<String> unasked = List.of();
        Instant debriefWrittenAt;
        final List<InterviewerConcern> concerns = new ArrayList<>();
        Optional<Timeline> timeline = Optional.empty();
        final List<Touch> touches = new ArrayList<>();
        final List<Reply> replies = new ArrayList<>();
        Optional<Outcome> outcome = Optional.empty();

        InterviewRecord toRecord(Map<Long, Contact> contactsById) {
            Interview interview = new Interview(
                    new InterviewId(id), company.id(), candidate.id(), role, start, end, format, round, interviewers);
            Map<Long, Contact> mine = new HashMap<>();
            interviewers.forEach(contact -> mine.put(contact.value(), contactsById.get(contact.value())));
            touches.forEach(touch -> mine.put(
                    touch.recipient().value(),
                    contactsById.get(touch.recipient().value())));
            replies.forEach(reply ->
                    mine.put(reply.from().value(), contactsById.get(reply.from().value())));
            concerns.forEach(concern -> mine.put(
                    concern.interviewer().value(),
                    contactsById.get(concern.interviewer().value())));
            Optional<Debrief> debrief = debriefNotes == null
                    ? Optional.empty()
                    : Optional.of(new Debrief(debriefNotes, concerns, unasked, debriefWrittenAt));
            return new InterviewRecord(
                    interview,
                    company,
                    candidate,
                    List.copyOf(mine.values()),
                    debrief,
                    timeline,
                    touches,
                    replies,
                    outcome);
        }
    }

    public static Contact contact(ResultSet rs) throws SQLException {
        return new Contact(
                new ContactId(rs.getLong("id")),
                new CompanyId(rs.getLong("company_id")),
                rs.getString("name"),
                rs.getString("title"),
                ContactRole.valueOf(rs.getString("role")),
                Optional.ofNullable(rs.getString("business_email")),
                Optional.ofNullable(rs.getString("business_phone")),
                Optional.ofNullable(rs.getString("linkedin_url")));
    }

    public static Touch touch(ResultSet rs) throws SQLException {
        return new Touch(
                new TouchId(rs.getLong("id")),
                TouchKind.valueOf(rs.getString("kind")),
                Channel.valueOf(rs.getString("channel")),
                new ContactId(rs.getLong("recipient_id")),
                rs.getString("address"),
                instant(rs, "sent_at"),
                Optional.ofNullable(rs.getString("subject")),
                Optional.ofNullable(rs.getString("text")));
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Optional<Integer> integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    /** PostgreSQL intervals as durations; months are not used by Followup's intervals (days at most). */
    public static Optional<Duration> interval(ResultSet rs, String column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return Optional.empty();
        }
        PGInterval interval = (PGInterval) value;
        long seconds = Math.round(interval.getSeconds());
        return Optional.of(Duration.ofDays(interval.getDays() + 30L * interval.getMonths() + 365L * interval.getYears())
                .plusHours(interval.getHours())
                .plusMinutes(interval.getMinutes())
                .plusSeconds(seconds));
    }

    static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return List.of((String[]) array.getArray());
    }
}
