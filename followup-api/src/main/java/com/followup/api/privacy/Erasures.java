package com.followup.api.privacy;

import static java.util.Objects.requireNonNull;

import com.followup.api.audit.Audit;
import com.followup.api.auth.Role;
import com.followup.api.auth.UserPrincipal;
import com.followup.api.problem.ErrorCode;
import com.followup.api.problem.Problem;
import com.followup.api.problem.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Erasure of a candidate or a contact (issue 20, decision 0035). Personal fields are replaced ("Erased candidate
 * #12", an address at {@code erased.invalid}, texts emptied); the rows that carry figures (interviews, touches,
 * replies, outcomes) stay, anonymous, so past and future reports add up. Sessions, API tokens, account links, the
 * calendar feed's secret and the e-mail preferences' token die; the outbox drops pending mail to the person. Then every
 * text column of every table, the audit log's details included, is searched for the erased strings (names, addresses,
 * phone, profile URL), which are replaced too: a digest that named a candidate, an import's report, an audit entry.
 * The audit log keeps that an erasure happened, by whom and when, not what. Listeners (the reports) run in the same
 * transaction, so an archived report that named the person is re-produced without the name, or nothing is erased.
 */
public final class Erasures {
    /** Erased strings shorter than this are not searched for elsewhere: "Al" would rewrite every "Also". */
    static final int SHORTEST_SEARCHED = 3;

    private final Jdbi jdbi;
    private final Audit audit;
    private final Clock clock;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public Erasures(Jdbi jdbi, Audit audit, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** How an erasure was asked for. */
    public enum Via {
        REQUEST,
        RETENTION
    }

    /** What an erasure removed, for the listeners that keep other copies of it (the report archive). */
    public record Erased(PersonKind kind, long id, String replacement, List<String> strings, Instant at) {
        public Erased {
            requireNonNull(kind, "kind is null");
            requireNonNull(replacement, "replacement is null");
            strings = List.copyOf(strings);
            requireNonNull(at, "at is null");
        }
    }

    /**
     * Told of every erasure inside its transaction, after the database's rows were anonymised; a listener that
     * throws undoes the erasure.
     */
    @FunctionalInterface
    public interface Listener {
        void erased(Handle handle, Erased erased);
    }

    /** The answer to an erasure: who it was about (by their new name) and when. */
    public record ErasureView(String kind, long id, String name, Instant erasedAt, String via) {}

    /** A request's body: the person's current name, typed again, so an erasure is never a slip. */
    public record ErasureRequest(String confirmName) {}

    /** A person as the erasure page shows them before the admin confirms: who, and what an erasure touches. */
    public record Subject(
            PersonKind kind, long id, String name, Optional<Instant> erasedAt, long interviews, long touches) {}

    /** The person an admin is about to erase (or erased): 404 for an unknown one. */
    public Subject subject(UserPrincipal admin, PersonKind kind, long id) {
        if (!admin.is(Role.ADMIN)) {
            throw ProblemException.forbidden(ErrorCode.FORBIDDEN, "Only an admin erases personal data.");
        }
        String sql =
                switch (kind) {
                    case CANDIDATE ->
                        """
                            SELECT c.name, c.erased_at,
                                   (SELECT count(*) FROM interviews i WHERE i.candidate_id = c.id) AS interviews,
                                   (SELECT count(*) FROM touches t JOIN interviews i ON i.id = t.interview_id
                                     WHERE i.candidate_id = c.id) AS touches
                            FROM candidates c WHERE c.id = :id
                            """;
                    case CONTACT ->
                        """
                            SELECT ct.name, ct.erased_at,
                                   (SELECT count(*) FROM interview_interviewers ii WHERE ii.contact_id = ct.id)
                                       AS interviews,
                                   (SELECT count(*) FROM touches t WHERE t.recipient_id = ct.id) AS touches
                            FROM contacts ct WHERE ct.id = :id
                            """;
                };
        return jdbi.withHandle(handle -> handle.createQuery(sql)
                        .bind("id", id)
                        .map((rows, context) -> {
                            java.sql.Timestamp erased = rows.getTimestamp("erased_at");
                            return new Subject(
                                    kind,
                                    id,
                                    rows.getString("name"),
                                    Optional.ofNullable(erased).map(java.sql.Timestamp::toInstant),
                                    rows.getLong("interviews"),
                                    rows.getLong("touches"));
                        })
                        .findOne())
                .orElseThrow(() -> ProblemException.notFound(label(kind, id)));
    }

    public void addListener(Listener listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    /** Erases a person at an admin's request: 404 for an unknown one, 409 when already erased, 400 on a wrong name. */
    public ErasureView erase(UserPrincipal admin, PersonKind kind, long id, ErasureRequest request) {
        if (!admin.is(Role.ADMIN)) {
            throw ProblemException.forbidden(ErrorCode.FORBIDDEN, "Only an admin erases personal data.");
        }
        return jdbi.inTransaction(handle -> {
            Person person = lock(handle, kind, id).orElseThrow(() -> ProblemException.notFound(label(kind, id)));
            if (person.erasedAt() != null) {
                throw ProblemException.conflict(
                        ErrorCode.ALREADY_ERASED, label(kind, id) + " was erased on " + person.erasedAt() + ".");
            }
            String typed = request == null || request.confirmName() == null
                    ? ""
                    : request.confirmName().trim();
            if (!typed.equalsIgnoreCase(person.name().trim())) {
                throw ProblemException.badRequest(
                        ErrorCode.ERASURE_NOT_CONFIRMED,
                        "Type the " + kind.word() + "'s current name to confirm the erasure.",
                        List.of(Problem.FieldError.of(
                                "confirmName", "must be the " + kind.word() + "'s current name")));
            }
            return erase(handle, person, Optional.of(admin.id()), Via.REQUEST);
        });
    }

    /** Erases a person in the caller's transaction (the retention job); empty when already erased or gone. */
    Optional<ErasureView> eraseIfPresent(Handle handle, PersonKind kind, long id, Via via) {
        return lock(handle, kind, id)
                .filter(person -> person.erasedAt() == null)
                .map(person -> erase(handle, person, Optional.empty(), via));
    }

    private record Person(PersonKind kind, long id, String name, Instant erasedAt, Long userId, List<String> strings) {}

    private static Optional<Person> lock(Handle handle, PersonKind kind, long id) {
        String sql =
                switch (kind) {
                    case CANDIDATE ->
                        """
                            SELECT c.name, c.erased_at, c.user_id,
                                   ARRAY[c.name, c.email, u.email, u.display_name] AS strings
                            FROM candidates c LEFT JOIN users u ON u.id = c.user_id
                            WHERE c.id = :id FOR UPDATE OF c
                            """;
                    case CONTACT ->
                        """
                            SELECT ct.name, ct.erased_at, NULL::bigint AS user_id,
                                   ARRAY[ct.name, ct.business_email, ct.business_phone, ct.linkedin_url] AS strings
                            FROM contacts ct WHERE ct.id = :id FOR UPDATE
                            """;
                };
        return handle.createQuery(sql)
                .bind("id", id)
                .map((rows, context) -> {
                    java.sql.Timestamp erased = rows.getTimestamp("erased_at");
                    long user = rows.getLong("user_id");
                    String[] strings = (String[]) rows.getArray("strings").getArray();
                    Set<String> kept = new LinkedHashSet<>();
                    for (String string : strings) {
                        if (string != null && string.trim().length() >= SHORTEST_SEARCHED) {
                            kept.add(string.trim());
                        }
                    }
                    return new Person(
                            kind,
                            id,
                            rows.getString("name"),
                            erased == null ? null : erased.toInstant(),
                            rows.wasNull() ? null : user,
                            new ArrayList<>(kept));
                })
                .findOne();
    }

    private ErasureView erase(Handle handle, Person person, Optional<Long> actor, Via via) {
        Instant now = clock.instant();
        PersonKind kind = person.kind();
        long id = person.id();
        String replacement = kind.erasedName(id);
        switch (kind) {
            case CANDIDATE -> eraseCandidate(handle, person, replacement, now);
            case CONTACT -> eraseContact(handle, id, replacement, now);
        }
        scrubEverywhere(handle, person.strings(), replacement, kind.erasedEmail(id));
        handle.createUpdate(
                        """
                        INSERT INTO erasures (subject_kind, subject_id, erased_by, via, erased_at)
                        VALUES (:kind, :id, :by, :via, :at)
                        """)
                .bind("kind", kind.name())
                .bind("id", id)
                .bind("by", actor.orElse(null))
                .bind("via", via.name())
                .bind("at", now.atOffset(ZoneOffset.UTC))
                .execute();
        Erased erased = new Erased(kind, id, replacement, person.strings(), now);
        for (Listener listener : listeners) {
            listener.erased(handle, erased);
        }
        // What happened, by whom and when; not what was erased. The retention job acts for no user.
        Map<String, Object> details = Map.of("via", via.name());
        if (actor.isPresent()) {
            audit.record(handle, actor.get(), "privacy.erased", kind.word(), id, details);
        } else {
            handle.createUpdate(
                            """
                            INSERT INTO audit_log (at, actor_user_id, action, entity_type, entity_id, details)
                            VALUES (:at, NULL, 'privacy.erased', :type, :id, CAST(:details AS jsonb))
                            """)
                    .bind("at", now.atOffset(ZoneOffset.UTC))
                    .bind("type", kind.word())
                    .bind("id", String.valueOf(id))
                    .bind("details", "{\"via\": \"" + via.name() + "\"}")
                    .execute();
        }
        return new ErasureView(kind.word(), id, replacement, now, via.name());
    }

    private static void eraseCandidate(Handle handle, Person person, String replacement, Instant now) {
        long id = person.id();
        handle.createUpdate(
                        """
                        UPDATE candidates SET name = :name, email = :email, erased_at = :now, version = version + 1
                        WHERE id = :id
                        """)
                .bind("name", replacement)
                .bind("email", PersonKind.CANDIDATE.erasedEmail(id))
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("id", id)
                .execute();
        if (person.userId() != null) {
            long user = person.userId();
            // The login stays as a row (touches and audit entries name it as their author), unusable and nameless.
            handle.createUpdate(
                            """
                            UPDATE users SET email = :email, display_name = :name, active = false,
                                             password_hash = 'erased', version = version + 1
                            WHERE id = :user
                            """)
                    .bind("email", "erased-login-" + user + "@erased.invalid")
                    .bind("name", replacement)
                    .bind("user", user)
                    .execute();
            for (String table : List.of("sessions", "api_tokens", "account_links", "notification_preferences")) {
                handle.createUpdate("DELETE FROM " + table + " WHERE user_id = :user")
                        .bind("user", user)
                        .execute();
            }
            handle.createUpdate(
                            """
                            UPDATE outbox SET state = 'CANCELLED', locked_until = NULL,
                                              last_error = 'The recipient was erased.'
                            WHERE recipient_id = :user AND state IN ('PENDING', 'SENDING')
                            """)
                    .bind("user", user)
                    .execute();
            handle.createUpdate("UPDATE outbox SET recipient_email = :email WHERE recipient_id = :user")
                    .bind("email", "erased-login-" + user + "@erased.invalid")
                    .bind("user", user)
                    .execute();
        }
        // The secret addresses die with the person: the calendar feed's and mail-in's logging address (issue 19), and
        // the e-mails mail-in could not place (their texts).
        for (String table : List.of("calendar_feeds", "mail_in_addresses", "mail_in_unplaced")) {
            handle.createUpdate("DELETE FROM " + table + " WHERE candidate_id = :id")
                    .bind("id", id)
                    .execute();
        }
        String interviews = "SELECT id FROM interviews WHERE candidate_id = :id";
        for (String sql : List.of(
                "UPDATE debriefs SET notes = '', unasked_questions = '{}', version = version + 1 WHERE interview_id IN ("
                        + interviews + ")",
                "UPDATE debrief_concerns SET concern = '(erased)' WHERE interview_id IN (" + interviews + ")",
                "UPDATE timelines SET notes = NULL WHERE notes IS NOT NULL AND interview_id IN (" + interviews + ")",
                """
                UPDATE touches SET subject = NULL, text = NULL, note_findings = '[]',
                                   retraction_reason = CASE WHEN retraction_reason IS NULL THEN NULL
                                                            ELSE '(erased)' END
                WHERE interview_id IN (%s)
                """
                        .formatted(interviews),
                """
                UPDATE replies SET retraction_reason = '(erased)'
                WHERE retraction_reason IS NOT NULL AND interview_id IN (%s)
                """
                        .formatted(interviews))) {
            handle.createUpdate(sql).bind("id", id).execute();
        }
    }

    /** LinkedIn profile URLs compared as R12 compares them: no scheme, no "www.", no trailing slash, any case. */
    private static String profile(String column) {
        return "lower(rtrim(regexp_replace(regexp_replace(btrim(" + column
                + "), '^https?://', '', 'i'), '^www\\.', '', 'i'), '/'))";
    }

    /**
     * The contact's addresses become placeholders, and each touch sent to them the same placeholder when it went to
     * the recorded business address, another when not: R12's figures (a touch on a channel other than the recorded
     * business one) are the same before and after.
     */
    private static void eraseContact(Handle handle, long id, String replacement, Instant now) {
        String email = PersonKind.CONTACT.erasedEmail(id);
        String phone = "000";
        String linkedin = "https://erased.invalid/contact-" + id;
        handle.createUpdate(
                        """
                        UPDATE touches t SET address = CASE
                            WHEN t.channel = 'EMAIL' AND ct.business_email IS NOT NULL
                                 AND lower(btrim(ct.business_email)) = lower(btrim(t.address)) THEN :email
                            WHEN t.channel IN ('PHONE', 'TEXT_MESSAGE') AND ct.business_phone IS NOT NULL
                                 AND regexp_replace(t.address, '[^0-9]', '', 'g') <> ''
                                 AND regexp_replace(ct.business_phone, '[^0-9]', '', 'g')
                                     = regexp_replace(t.address, '[^0-9]', '', 'g') THEN :phone
                            WHEN t.channel = 'LINKEDIN' AND ct.linkedin_url IS NOT NULL
                                 AND %s = %s THEN :linkedin
                            ELSE '(erased)' END
                        FROM contacts ct WHERE ct.id = t.recipient_id AND t.recipient_id = :id
                        """
                                .formatted(profile("ct.linkedin_url"), profile("t.address")))
                .bind("email", email)
                .bind("phone", phone)
                .bind("linkedin", linkedin)
                .bind("id", id)
                .execute();
        handle.createUpdate(
                        """
                        UPDATE contacts SET name = :name, title = '',
                                            business_email = CASE WHEN business_email IS NULL THEN NULL ELSE :email END,
                                            business_phone = CASE WHEN business_phone IS NULL THEN NULL ELSE :phone END,
                                            linkedin_url = CASE WHEN linkedin_url IS NULL THEN NULL ELSE :linkedin END,
                                            erased_at = :now, version = version + 1
                        WHERE id = :id
                        """)
                .bind("name", replacement)
                .bind("email", email)
                .bind("phone", phone)
                .bind("linkedin", linkedin)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("id", id)
                .execute();
        handle.createUpdate("UPDATE debrief_concerns SET concern = '(erased)' WHERE contact_id = :id")
                .bind("id", id)
                .execute();
    }

    /** A text column of a table, and how it is stored. */
    private record TextColumn(String table, String column, String type) {}

    /** Tables that hold no one's data: Liquibase's own, and the erasures' record of ids. */
    private static final Set<String> SKIPPED_TABLES =
            Set.of("databasechangelog", "databasechangeloglock", "schema_fingerprint", "erasures");

    /**
     * Replaces the strings wherever they still are, in every text, JSON and text-array column of every table: mail
     * bodies that named the person, import reports, plan summaries, and the audit log's details, which an erasure
     * alone may update (followup.audit_scrub, changeset 0021). Case-insensitive, whole strings only.
     */
    static void scrubEverywhere(Handle handle, List<String> strings, String replacement, String replacementAddress) {
        if (strings.isEmpty()) {
            return;
        }
        List<TextColumn> columns = handle.createQuery(
                        """
                        SELECT c.table_name, c.column_name, c.udt_name
                        FROM information_schema.columns c
                        JOIN information_schema.tables t
                          ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                        WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
                          AND c.udt_name IN ('text', 'varchar', 'json', 'jsonb', '_text', '_varchar')
                          AND c.is_generated = 'NEVER'
                        ORDER BY c.table_name, c.ordinal_position
                        """)
                .map((rows, context) -> new TextColumn(rows.getString(1), rows.getString(2), rows.getString(3)))
                .list();
        // Addresses become an address (so a column that must hold one still does), everything else the new name.
        List<String> addresses =
                strings.stream().filter(string -> string.contains("@")).toList();
        List<String> others =
                strings.stream().filter(string -> !string.contains("@")).toList();
        handle.execute("SET LOCAL followup.audit_scrub = 'on'");
        for (TextColumn column : columns) {
            if (SKIPPED_TABLES.contains(column.table())) {
                continue;
            }
            if (!addresses.isEmpty()) {
                replace(handle, column, pattern(addresses), replacementAddress);
            }
            if (!others.isEmpty()) {
                replace(handle, column, pattern(others), replacement);
            }
        }
        handle.execute("SET LOCAL followup.audit_scrub = 'off'");
    }

    private static void replace(Handle handle, TextColumn column, String pattern, String replacement) {
        String name = quote(column.column());
        String table = quote(column.table());
        String sql =
                switch (column.type()) {
                    case "text", "varchar" ->
                        "UPDATE " + table + " SET " + name + " = regexp_replace(" + name
                                + ", :pattern, :replacement, 'gi') WHERE " + name + " ~* :pattern";
                    case "json", "jsonb" ->
                        "UPDATE " + table + " SET " + name + " = CAST(regexp_replace(CAST("
                                + name + " AS text), :pattern, :replacement, 'gi') AS " + column.type()
                                + ") WHERE CAST(" + name + " AS text) ~* :pattern";
                    default ->
                        "UPDATE " + table + " SET " + name
                                + " = ARRAY(SELECT regexp_replace(element, :pattern, :replacement, 'gi') FROM"
                                + " unnest(" + name + ") AS element) WHERE array_to_string(" + name
                                + ", ' ') ~* :pattern";
                };
        handle.createUpdate(sql)
                .bind("pattern", pattern)
                .bind("replacement", replacement)
                .execute();
    }

    /**
     * One case-insensitive PostgreSQL regular expression (for {@code ~*}) that matches any of the strings, longest
     * first, their punctuation taken literally; listeners search their own copies with it.
     */
    public static String pattern(List<String> strings) {
        List<String> sorted = new ArrayList<>(strings);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        List<String> escaped = new ArrayList<>();
        for (String string : sorted) {
            escaped.add(string.replaceAll("([^\\p{L}\\p{N}\\s])", "\\\\$1"));
        }
        return "(" + String.join("|", escaped) + ")";
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String label(PersonKind kind, long id) {
        return (kind == PersonKind.CANDIDATE ? "Candidate " : "Contact ") + id;
    }
}
