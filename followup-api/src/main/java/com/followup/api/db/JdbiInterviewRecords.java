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
import java.sql.PreparedStatement;
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
 * part of the aggregate is fetched for all ids at once with {@code = ANY(:ids)}). The one place that loads them: the
 * server builds one instance in {@code FollowupApplication.run()} and hands it to every reader, who calls
 * {@link #findAll(Collection)} in a transaction of its own or {@link #findAll(Handle, Collection)} inside the one
 * its use case already has.
 */
public final class JdbiInterviewRecords implements InterviewRecords {
    private final Jdbi jdbi;

    public JdbiInterviewRecords(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /**
     * The interview's record, empty if there is none; {@link UnreadableInterview} if its stored rows break one of the
     * core's rules (written before the rule had its database check, or by another writer), so the caller can say so
     * instead of failing as a whole.
     */
    @Override
    public Optional<InterviewRecord> find(InterviewId id) {
        Loaded loaded = jdbi.inTransaction(handle -> loadAll(handle, List.of(id)));
        String reason = loaded.unreadable().get(id.value());
        if (reason != null) {
            throw new UnreadableInterview(id.value(), reason);
        }
        return loaded.records().stream().findFirst();
    }

    /** The records of {@code ids} that exist and can be read; an unreadable one is left out (see {@link #loadAll}). */
    @Override
    public List<InterviewRecord> findAll(Collection<InterviewId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbi.inTransaction(handle -> read(handle, ids).records());
    }

    /**
     * Loads inside the caller's transaction, so a write and the plan it shows (or a pass and the rows it read before)
     * see the same data. The nine queries go to PostgreSQL as one multi-statement request: one round trip instead of
     * nine, for any number of ids (docs/benchmarks.md). A part whose interview is not among the rows read (deleted
     * meanwhile) is left out.
     */
    public List<InterviewRecord> findAll(Handle handle, Collection<InterviewId> ids) {
        return read(handle, ids).records();
    }

    /**
     * What a batch load found: the records that could be built, and for each interview whose stored rows the core
     * refuses, why (the refusing check's message). One bad row never takes the others down with it (issue 14).
     */
    public record Loaded(List<InterviewRecord> records, Map<Long, String> unreadable, Map<Long, Long> newTouchIds) {
        public Loaded {
            records = List.copyOf(records);
            unreadable = Map.copyOf(unreadable);
            newTouchIds = Map.copyOf(newTouchIds);
        }

        public Loaded(List<InterviewRecord> records, Map<Long, String> unreadable) {
            this(records, unreadable, Map.of());
        }
    }

    /** An interview whose stored rows break a rule of the core: it exists but cannot be evaluated. */
    public static final class UnreadableInterview extends RuntimeException {
        private final long interviewId;
        private final String reason;

        public UnreadableInterview(long interviewId, String reason) {
            super("interview " + interviewId + " cannot be evaluated: " + reason);
            this.interviewId = interviewId;
            this.reason = reason;
        }

        public long interviewId() {
            return interviewId;
        }

        public String reason() {
            return reason;
        }
    }

    /** One part of the aggregate: its query (the interviews' ids as {@code :ids}, an array) and what each row adds. */
    private record Part(String sql, RowReader reader) {}

    /** What one row of a query's answer adds. */
    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * A statement sent before the records' queries in the same round trip, and what each of its rows adds: a group's
     * locks ({@code Visibility.interviewsLockedStatement}), so that the records are read after them. Its parameters
     * must not be named {@code ids}.
     */
    public record Leading(Statements.Part statement, RowReader reader) {
        public Leading {
            requireNonNull(statement, "statement is null");
            requireNonNull(reader, "reader is null");
        }
    }

    /*
     * Generic plans (issue 18): for a handful of interviews, PostgreSQL spent longer planning these queries again on
     * every call (custom plans: it never picks the generic plan of an "= ANY(:ids)" query, whose estimate of ten rows costs
     * more than the one row a custom plan sees) than running them: about 0.2 ms each, a millisecond of a touch's CPU. A
     * read of at most GENERIC_PLAN_LIMIT interviews therefore runs with plan_cache_mode set to force_generic_plan, and
     * the queries are written so that their generic plans probe primary keys: the companies and the candidates through
     * LATERAL subqueries that OFFSET 0 keeps from being merged into a join (a generic plan hashed the whole companies
     * table for the ten rows it guesses), the contacts by "= ANY(ARRAY(...))" instead of "IN (...)" (which became a
     * hash join over every contact). Larger reads (the summaries' batches) are planned for the ids they carry.
     */
    static final int GENERIC_PLAN_LIMIT = 16;

    private static final String GENERIC_PLANS = "SET LOCAL plan_cache_mode = force_generic_plan";

    private static final String DEFAULT_PLANS = "SET LOCAL plan_cache_mode TO DEFAULT";

    private static final String INTERVIEWS =
            """
            SELECT i.id, i.candidate_id, i.company_id, i.role, i.starts_at, i.ends_at, i.format, i.round,
                   ca.name AS candidate_name, ca.zone,
                   co.name AS company_name, co.spacing, co.status_check_limit, co.preferred_channel,
                   co.does_not_reply
              FROM interviews i
             CROSS JOIN LATERAL (SELECT name, zone FROM candidates WHERE id = i.candidate_id OFFSET 0) ca
             CROSS JOIN LATERAL (SELECT name, spacing, status_check_limit, preferred_channel, does_not_reply
                                   FROM companies WHERE id = i.company_id OFFSET 0) co
             WHERE i.id = ANY(:ids)
            """;
    private static final String INTERVIEWERS =
            "SELECT interview_id, contact_id FROM interview_interviewers WHERE interview_id = ANY(:ids)"
                    + " ORDER BY interview_id, position";
    private static final String CONTACTS =
            """
            SELECT id, company_id, name, title, role, business_email, business_phone, linkedin_url
              FROM contacts
             WHERE id = ANY(ARRAY(SELECT contact_id FROM interview_interviewers WHERE interview_id = ANY(:ids)
                                  UNION SELECT recipient_id FROM touches
                                         WHERE interview_id = ANY(:ids) AND retracted_at IS NULL
                                  UNION SELECT from_contact_id FROM replies
                                         WHERE interview_id = ANY(:ids) AND retracted_at IS NULL
                                  UNION SELECT contact_id FROM debrief_concerns WHERE interview_id = ANY(:ids)))
            """;
    private static final String DEBRIEFS =
            "SELECT interview_id, notes, unasked_questions, written_at FROM debriefs WHERE interview_id = ANY(:ids)";
    private static final String CONCERNS =
            "SELECT interview_id, contact_id, concern FROM debrief_concerns WHERE interview_id = ANY(:ids)"
                    + " ORDER BY interview_id, position";
    private static final String TIMELINES =
            "SELECT interview_id, decision_date, preferred_channel, preferred_spacing FROM timelines"
                    + " WHERE interview_id = ANY(:ids)";
    private static final String TOUCHES =
            """
            SELECT id, interview_id, kind, channel, recipient_id, address, sent_at, subject, text
              FROM touches WHERE interview_id = ANY(:ids) AND retracted_at IS NULL
            """;
    private static final String REPLIES =
            """
            SELECT id, interview_id, from_contact_id, received_at, kind, new_decision_date
              FROM replies WHERE interview_id = ANY(:ids) AND retracted_at IS NULL
            """;
    private static final String OUTCOMES = "SELECT interview_id, kind, at FROM outcomes WHERE interview_id = ANY(:ids)";

    /**
     * As {@link #findAll(Handle, Collection)}, and says which interviews could not be read and why. A row the core
     * refuses (a constructor's check, an unknown enum name, an unknown zone) marks its interview unreadable, or every
     * interview naming it for a contact; the rest load as usual. A retracted touch or reply (decision 0019) is not
     * part of the record: the plan, the reminders, the calendar and the summaries never see it.
     */
    public Loaded loadAll(Handle handle, Collection<InterviewId> ids) {
        return read(handle, ids);
    }

    /**
     * As {@link #loadAll}, for a group of touches about to be written, one for each of {@code ids}: with the records
     * come a new touch id for each interview ({@link Loaded#newTouchIds}, drawn from the touches' identity in the same
     * round trip), so that the touches, their summaries, audit rows and events can then be sent together. When the
     * read ran with generic plans (at most {@value #GENERIC_PLAN_LIMIT} interviews), the rest of the transaction
     * keeps them, so its inserts, updates and their triggers are not planned again either. An id a refused touch does
     * not use is a gap in the sequence, as after a rolled-back insert.
     */
    public Loaded loadForTouches(Handle handle, Collection<InterviewId> ids, List<Leading> leading) {
        return read(handle, ids, leading, true);
    }

    private static Loaded read(Handle handle, Collection<InterviewId> ids) {
        return read(handle, ids, List.of(), false);
    }

    private static final String NEW_TOUCH_IDS =
            """
            SELECT x.id AS interview_id, nextval(pg_get_serial_sequence('touches', 'id')) AS touch_id
              FROM unnest(CAST(:ids AS bigint[])) AS x(id)
            """;

    private static Loaded read(Handle handle, Collection<InterviewId> ids, List<Leading> leading, boolean forTouches) {
        long[] keys = ids.stream().mapToLong(InterviewId::value).distinct().toArray();
        if (keys.length == 0) {
            return new Loaded(List.of(), Map.of());
        }
        Map<Long, Parts> parts = new HashMap<>();
        Map<Long, Contact> contacts = new HashMap<>();
        Map<Long, String> unreadable = new HashMap<>();
        Map<Long, String> unreadableContacts = new HashMap<>();
        List<Part> queries = new ArrayList<>(List.of(
                new Part(
                        INTERVIEWS,
                        rs -> guarded(unreadable, rs.getLong("id"), () -> {
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
                            parts.put(part.id, part);
                        })),
                new Part(
                        INTERVIEWERS,
                        rs -> guarded(unreadable, rs.getLong("interview_id"), () -> {
                            Optional<Parts> part = partOf(parts, rs);
                            if (part.isPresent()) {
                                part.get().interviewers.add(new ContactId(rs.getLong("contact_id")));
                            }
                        })),
                new Part(
                        CONTACTS,
                        rs -> guarded(unreadableContacts, rs.getLong("id"), () -> {
                            Contact contact = contact(rs);
                            contacts.put(contact.id().value(), contact);
                        })),
                new Part(
                        DEBRIEFS,
                        rs -> guarded(unreadable, rs.getLong("interview_id"), () -> {
                            Optional<Parts> part = partOf(parts, rs);
                            if (part.isPresent()) {
                                part.get().debriefNotes = rs.getString("notes");
                                part.get().unasked = strings(rs.getArray("unasked_questions"));
                                part.get().debriefWrittenAt = instant(rs, "written_at");
                            }
                        })),
                new Part(
                        CONCERNS,
                        rs -> guarded(unreadable, rs.getLong("interview_id"), () -> {
                            Optional<Parts> part = partOf(parts, rs);
                            if (part.isPresent()) {
                                part.get()
                                        .concerns
                                        .add(new InterviewerConcern(
                                                new ContactId(rs.getLong("contact_id")), rs.getString("concern")));
                            }
                        })),
                new Part(
                        TIMELINES,
                        rs -> guarded(unreadable, rs.getLong("interview_id"), () -> {
                            Optional<Parts> part = partOf(parts, rs);
                            if (part.isPresent()) {
                                part.get().timeline = Optional.of(new Timeline(
                                        Optional.ofNullable(rs.getObject("decision_date", LocalDate.class)),
                                        Optional.ofNullable(rs.getString("preferred_channel"))
                                                .map(Channel::valueOf),
                                        interval(rs, "preferred_spacing")));
                            }
                        })),
                new Part(
                        TOUCHES,
                        rs -> guarded(unreadable, rs.getLong("interview_id"), () -> {
                            Optional<Parts> part = partOf(parts, rs);
                            if (part.isPresent()) {
                                part.get().touches.add(touch(rs));
                            }
                        })),
                new Part(
                        REPLIES,
                        rs -> guarded(unreadable, rs.getLong("interview_id"), () -> {
                            Optional<Parts> part = partOf(parts, rs);
                            if (part.isPresent()) {
                                part.get()
                                        .replies
                                        .add(new Reply(
                                                new ReplyId(rs.getLong("id")),
                                                new ContactId(rs.getLong("from_contact_id")),
                                                instant(rs, "received_at"),
                                                ReplyKind.valueOf(rs.getString("kind")),
                                                Optional.ofNullable(
                                                        rs.getObject("new_decision_date", LocalDate.class))));
                            }
                        })),
                new Part(
                        OUTCOMES,
                        rs -> guarded(unreadable, rs.getLong("interview_id"), () -> {
                            Optional<Parts> part = partOf(parts, rs);
                            if (part.isPresent()) {
                                part.get().outcome = Optional.of(
                                        new Outcome(OutcomeKind.valueOf(rs.getString("kind")), instant(rs, "at")));
                            }
                        }))));
        Map<Long, Long> newTouchIds = new HashMap<>();
        if (forTouches) {
            queries.add(
                    new Part(NEW_TOUCH_IDS, rs -> newTouchIds.put(rs.getLong("interview_id"), rs.getLong("touch_id"))));
        }
        readAll(handle, leading, queries, keys, forTouches);

        List<InterviewRecord> records = new ArrayList<>(parts.size());
        for (Parts part : parts.values()) {
            if (unreadable.containsKey(part.id)) {
                continue;
            }
            Optional<String> badContact = part.contactIds().stream()
                    .filter(unreadableContacts::containsKey)
                    .findFirst()
                    .map(contact -> "contact " + contact + ": " + unreadableContacts.get(contact));
            if (badContact.isPresent()) {
                unreadable.put(part.id, badContact.get());
                continue;
            }
            try {
                records.add(part.toRecord(contacts));
            } catch (RuntimeException e) {
                unreadable.put(part.id, reason(e));
            }
        }
        return new Loaded(records, unreadable, newTouchIds);
    }

    @FunctionalInterface
    private interface RowBody {
        void read() throws SQLException;
    }

    /**
     * Reads one row; if the core refuses what it holds, notes why against {@code key} (the first reason wins) instead
     * of failing the whole load. SQL errors still fail it: those are not about one record.
     */
    private static void guarded(Map<Long, String> unreadable, long key, RowBody body) throws SQLException {
        if (unreadable.containsKey(key)) {
            return;
        }
        try {
            body.read();
        } catch (RuntimeException e) {
            unreadable.put(key, reason(e));
        }
    }

    private static String reason(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Sends the leading statements and the queries as one text (one round trip; PostgreSQL runs them in order) and
     * reads their answers in order.
     */
    private static void readAll(
            Handle handle, List<Leading> leading, List<Part> queries, long[] keys, boolean keepGenericPlans) {
        boolean generic = keys.length <= GENERIC_PLAN_LIMIT && handle.isInTransaction();
        List<Statements.Part> statements = new ArrayList<>();
        List<RowReader> readers = new ArrayList<>();
        for (Leading first : leading) {
            statements.add(first.statement());
            readers.add(first.reader());
        }
        statements.add(new Statements.Part(
                String.join(";\n", queries.stream().map(Part::sql).toList()), Map.of("ids", keys)));
        queries.forEach(query -> readers.add(query.reader()));
        List<String> texts = new ArrayList<>();
        if (generic) {
            texts.add(GENERIC_PLANS);
        }
        statements.forEach(statement -> texts.add(statement.sql()));
        if (generic && !keepGenericPlans) {
            texts.add(DEFAULT_PLANS);
        }
        Map<String, Object> parameters = Statements.parametersOf(statements);
        handle.createQuery(String.join(";\n", texts)).bindMap(parameters).execute((sent, context) -> {
            PreparedStatement statement = sent.get(); // JDBI's supplier has executed it
            boolean hasRows = statement.getResultSet() != null;
            if (generic) {
                hasRows = statement.getMoreResults(); // past the SET
            }
            for (RowReader reader : readers) {
                if (!hasRows) {
                    throw new SQLException("expected the rows of every query read together");
                }
                try (ResultSet rs = statement.getResultSet()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
                hasRows = statement.getMoreResults();
            }
            return null;
        });
    }

    private static Optional<Parts> partOf(Map<Long, Parts> parts, ResultSet rs) throws SQLException {
        return Optional.ofNullable(parts.get(rs.getLong("interview_id")));
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

        /** Every contact this interview's record names. */
        List<Long> contactIds() {
            List<Long> ids = new ArrayList<>();
            interviewers.forEach(contact -> ids.add(contact.value()));
            touches.forEach(touch -> ids.add(touch.recipient().value()));
            replies.forEach(reply -> ids.add(reply.from().value()));
            concerns.forEach(concern -> ids.add(concern.interviewer().value()));
            return ids;
        }

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
