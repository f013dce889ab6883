package com.followup.api.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.Role;
import com.followup.api.testing.CoreChecks;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApi.Reply;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14, decision 0021: every check the core's stored records make in their constructors has three doors. The API
 * refuses the record first (400, a code, the field), the portal too (it calls the same services: followup-web's
 * {@code RecordChecksOnFormsTest} posts the forms that exist), and the database refuses what any other writer (an
 * import, a script, a future endpoint) sends, with a CHECK or a trigger.
 *
 * <p>{@link #ROWS} has one row per check, and {@link #everyCheckOfTheCoreHasARow} fails when the core has a check
 * without a row, or a constructor check without a name: {@link CoreChecks} reads the core's model sources.
 *
 * <p>The {@code requireNonNull} checks are not rows: a required component comes from a NOT NULL column (see
 * {@link #requiredComponentsComeFromNotNullColumns}), an optional one from a nullable column read as
 * {@code Optional}, and the API's bean validation answers a missing field with VALIDATION_FAILED.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RecordChecksTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP =
            TestApp.app(DATABASE, ConfigOverride.config("notifications.runJobs", "false"));

    static final Instant END = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
    static final String BLANK = "\u2003\t"; // an em space: @NotBlank lets it through, String.isBlank does not

    static TestApi api;
    static TestApi.Bearer admin;
    static Jdbi script;
    static Ids ids;

    /** The rows the attempts refer to: an interview at Acme with Ivy, and Olga of another company. */
    record Ids(long admin, long candidate, long acme, long ivy, long interview, long olga) {}

    /** An API request: the path, the method and the body. */
    record Request(String method, String path, Object body) {}

    /**
     * One check of the core and its doors. {@code api} is the request the API must refuse with {@code code} naming
     * {@code field}, or empty with {@code why} no request can carry it. {@code sql} is what a script sends; the
     * database must refuse it with a message containing {@code refusal} (a constraint's name or a trigger's text).
     */
    record Row(
            String check,
            Optional<Function<Ids, Request>> api,
            String code,
            String field,
            String why,
            Function<Ids, Script> sql,
            String refusal) {
        @Override
        public String toString() {
            return check;
        }
    }

    @FunctionalInterface
    interface Script {
        void run(Handle handle);
    }

    static Row refused(
            String check,
            Function<Ids, Request> api,
            String code,
            String field,
            Function<Ids, Script> sql,
            String refusal) {
        return new Row(check, Optional.of(api), code, field, null, sql, refusal);
    }

    static Row noRequest(String check, String why, Function<Ids, Script> sql, String refusal) {
        return new Row(check, Optional.empty(), null, null, why, sql, refusal);
    }

    static Map<String, Object> interview(Ids ids, Map<String, Object> changes) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "candidateId", ids.candidate(),
                "companyId", ids.acme(),
                "role", "Platform engineer",
                "start", END.minus(Duration.ofHours(1)).toString(),
                "end", END.toString(),
                "format", "VIDEO",
                "interviewers", List.of(Map.of("contactId", ids.ivy()))));
        body.putAll(changes);
        return body;
    }

    static Script update(String sql, Object... arguments) {
        return handle -> handle.execute(sql, arguments);
    }

    static final String SERVER_ASSIGNS = "the server assigns ids; an id in a request only refers to a row";
    static final String LOADER_JOINS = "the loader reads the interview's company and candidate through its own keys";

    static final List<Row> ROWS = List.of(
            refused(
                    "Candidate.blankName",
                    ids -> new Request(
                            "POST",
                            "/api/candidates",
                            Map.of("name", BLANK, "email", "blank@example.test", "zone", "Europe/London")),
                    "BLANK_NAME",
                    "name",
                    ids -> update(
                            "INSERT INTO candidates (name, email, zone) VALUES (?, 'blank-sql@example.test', 'UTC')",
                            BLANK),
                    "candidates_name_has_text"),
            refused(
                    "ClientCompany.blankName",
                    ids -> new Request("POST", "/api/companies", Map.of("name", BLANK)),
                    "BLANK_NAME",
                    "name",
                    ids -> update("INSERT INTO companies (name) VALUES (?)", BLANK),
                    "companies_name_has_text"),
            refused(
                    "Contact.blankName",
                    ids -> new Request(
                            "POST",
                            "/api/companies/" + ids.acme() + "/contacts",
                            Map.of("name", BLANK, "role", "INTERVIEWER")),
                    "BLANK_NAME",
                    "name",
                    ids -> update(
                            "INSERT INTO contacts (company_id, name, role) VALUES (?, ?, 'INTERVIEWER')",
                            ids.acme(),
                            BLANK),
                    "contacts_name_has_text"),
            refused(
                    "Contact.notAnEmailAddress",
                    ids -> new Request(
                            "POST",
                            "/api/companies/" + ids.acme() + "/contacts",
                            Map.of("name", "Nora", "role", "INTERVIEWER", "businessEmail", "@acme.test")),
                    "VALIDATION_FAILED",
                    "businessEmail",
                    ids -> update("UPDATE contacts SET business_email = '@acme.test' WHERE id = ?", ids.ivy()),
                    "contacts_business_email_check"),
            refused(
                    "Interview.endNotAfterStart",
                    ids -> new Request("POST", "/api/interviews", interview(ids, Map.of("start", END.toString()))),
                    "END_BEFORE_START",
                    "end",
                    ids -> update("UPDATE interviews SET starts_at = ends_at WHERE id = ?", ids.interview()),
                    "interviews_end_after_start"),
            refused(
                    "Interview.roundBelowOne",
                    ids -> new Request("POST", "/api/interviews", interview(ids, Map.of("round", 0))),
                    "VALIDATION_FAILED",
                    "round",
                    ids -> update("UPDATE interviews SET round = 0 WHERE id = ?", ids.interview()),
                    "interviews_round_check"),
            refused(
                    "Interview.noInterviewers",
                    ids -> new Request("POST", "/api/interviews", interview(ids, Map.of("interviewers", List.of()))),
                    "VALIDATION_FAILED",
                    "interviewers",
                    ids -> update("DELETE FROM interview_interviewers WHERE interview_id = ?", ids.interview()),
                    "has no interviewer"),
            refused(
                    "Interview.interviewerListedTwice",
                    ids -> new Request(
                            "POST",
                            "/api/interviews",
                            interview(
                                    ids,
                                    Map.of(
                                            "interviewers",
                                            List.of(Map.of("contactId", ids.ivy()), Map.of("contactId", ids.ivy()))))),
                    "DUPLICATE_INTERVIEWER",
                    "interviewers[1]",
                    ids -> update(
                            "INSERT INTO interview_interviewers (interview_id, contact_id, position) VALUES (?, ?, 7)",
                            ids.interview(),
                            ids.ivy()),
                    "interview_interviewers_pkey"),
            refused(
                    "CompanyOverrides.nonPositiveSpacing",
                    ids -> new Request("POST", "/api/companies", Map.of("name", "Hasty Ltd", "spacing", "PT0.5S")),
                    "INVALID_DURATION",
                    "spacing",
                    ids -> update("UPDATE companies SET spacing = interval '0.4 second' WHERE id = ?", ids.acme()),
                    "companies_spacing_in_seconds"),
            refused(
                    "CompanyOverrides.statusCheckLimitBelowOne",
                    ids -> new Request("POST", "/api/companies", Map.of("name", "Silent Ltd", "statusCheckLimit", 0)),
                    "VALIDATION_FAILED",
                    "statusCheckLimit",
                    ids -> update("UPDATE companies SET status_check_limit = 0 WHERE id = ?", ids.acme()),
                    "companies_status_check_limit_check"),
            refused(
                    "Timeline.nonPositiveSpacing",
                    ids -> new Request(
                            "PUT",
                            "/api/interviews/" + ids.interview() + "/timeline",
                            Map.of("preferredSpacing", "PT0S")),
                    "INVALID_DURATION",
                    "preferredSpacing",
                    // PostgreSQL counts a year as 360 days: "more than zero" to it, a negative duration to the loader.
                    ids -> update(
                            "INSERT INTO timelines (interview_id, preferred_spacing)"
                                    + " VALUES (?, interval '-1 year 362 days') ON CONFLICT (interview_id)"
                                    + " DO UPDATE SET preferred_spacing = EXCLUDED.preferred_spacing",
                            ids.interview()),
                    "timelines_preferred_spacing_in_seconds"),
            refused(
                    "Touch.channelMismatch",
                    ids -> new Request(
                            "POST",
                            "/api/interviews/" + ids.interview() + "/touches",
                            Map.of(
                                    "kind",
                                    "LINKEDIN_CONNECTION",
                                    "channel",
                                    "EMAIL",
                                    "recipientId",
                                    ids.ivy(),
                                    "sentAt",
                                    END.plus(Duration.ofHours(3)).toString())),
                    "CHANNEL_DOES_NOT_FIT_KIND",
                    "channel",
                    ids -> update(
                            "INSERT INTO touches (interview_id, kind, channel, recipient_id, address, sent_at,"
                                    + " created_by) VALUES (?, 'FACEBOOK_FRIEND_REQUEST', 'EMAIL', ?, 'x@acme.test', ?,"
                                    + " ?)",
                            ids.interview(),
                            ids.ivy(),
                            END.plus(Duration.ofHours(3)).atOffset(java.time.ZoneOffset.UTC),
                            ids.admin()),
                    "touches_channel_fits_kind"),
            refused(
                    "Reply.misplacedDecisionDate",
                    ids -> new Request(
                            "POST",
                            "/api/interviews/" + ids.interview() + "/replies",
                            Map.of(
                                    "fromContactId",
                                    ids.ivy(),
                                    "receivedAt",
                                    END.plus(Duration.ofDays(1)).toString(),
                                    "kind",
                                    "ACKNOWLEDGEMENT",
                                    "newDecisionDate",
                                    "2099-01-01")),
                    "DECISION_DATE_NOT_AN_UPDATE",
                    "newDecisionDate",
                    ids -> update(
                            "INSERT INTO replies (interview_id, from_contact_id, received_at, kind, new_decision_date,"
                                    + " created_by) VALUES (?, ?, ?, 'DECISION', DATE '2099-01-01', ?)",
                            ids.interview(),
                            ids.ivy(),
                            END.plus(Duration.ofDays(1)).atOffset(java.time.ZoneOffset.UTC),
                            ids.admin()),
                    "replies_decision_date_only_on_update"),
            refused(
                    "InterviewRecord.contactOfAnotherCompany",
                    ids -> new Request(
                            "POST",
                            "/api/interviews/" + ids.interview() + "/touches",
                            Map.of(
                                    "kind",
                                    "THANK_YOU",
                                    "channel",
                                    "EMAIL",
                                    "recipientId",
                                    ids.olga(),
                                    "sentAt",
                                    END.plus(Duration.ofHours(3)).toString())),
                    "UNKNOWN_CONTACT",
                    "recipientId",
                    ids -> update(
                            "INSERT INTO replies (interview_id, from_contact_id, received_at, kind, created_by)"
                                    + " VALUES (?, ?, ?, 'ACKNOWLEDGEMENT', ?)",
                            ids.interview(),
                            ids.olga(),
                            END.plus(Duration.ofDays(1)).atOffset(java.time.ZoneOffset.UTC),
                            ids.admin()),
                    "does not work for the company"),
            refused(
                    "InterviewRecord.unknownContact",
                    ids -> new Request(
                            "POST",
                            "/api/interviews/" + ids.interview() + "/replies",
                            Map.of(
                                    "fromContactId",
                                    987654321,
                                    "receivedAt",
                                    END.plus(Duration.ofDays(1)).toString(),
                                    "kind",
                                    "ACKNOWLEDGEMENT")),
                    "UNKNOWN_CONTACT",
                    "fromContactId",
                    ids -> update(
                            "INSERT INTO touches (interview_id, kind, channel, recipient_id, address, sent_at,"
                                    + " created_by) VALUES (?, 'THANK_YOU', 'EMAIL', 987654321, 'x@acme.test', ?, ?)",
                            ids.interview(),
                            END.plus(Duration.ofHours(3)).atOffset(java.time.ZoneOffset.UTC),
                            ids.admin()),
                    "touches_recipient_id_fkey"),
            noRequest(
                    "InterviewRecord.otherCompany",
                    LOADER_JOINS,
                    ids -> update("UPDATE interviews SET company_id = 987654321 WHERE id = ?", ids.interview()),
                    "interviews_company_id_fkey"),
            noRequest(
                    "InterviewRecord.otherCandidate",
                    LOADER_JOINS,
                    ids -> update("UPDATE interviews SET candidate_id = 987654321 WHERE id = ?", ids.interview()),
                    "interviews_candidate_id_fkey"),
            noRequest(
                    "InterviewId.notPositive",
                    SERVER_ASSIGNS,
                    ids -> update(
                            "INSERT INTO interviews (id, candidate_id, company_id, role, starts_at, ends_at, format)"
                                    + " OVERRIDING SYSTEM VALUE VALUES (0, ?, ?, 'r', now() - interval '2 hours',"
                                    + " now() - interval '1 hour', 'VIDEO')",
                            ids.candidate(),
                            ids.acme()),
                    "interviews_id_positive"),
            noRequest(
                    "CandidateId.notPositive",
                    SERVER_ASSIGNS,
                    ids -> update("INSERT INTO candidates (id, name, email, zone) OVERRIDING SYSTEM VALUE"
                            + " VALUES (0, 'Zed', 'zed@example.test', 'UTC')"),
                    "candidates_id_positive"),
            noRequest(
                    "CompanyId.notPositive",
                    SERVER_ASSIGNS,
                    ids -> update("INSERT INTO companies (id, name) OVERRIDING SYSTEM VALUE VALUES (-1, 'Zero Ltd')"),
                    "companies_id_positive"),
            noRequest(
                    "ContactId.notPositive",
                    SERVER_ASSIGNS,
                    ids -> update(
                            "INSERT INTO contacts (id, company_id, name, role) OVERRIDING SYSTEM VALUE"
                                    + " VALUES (0, ?, 'Zed', 'INTERVIEWER')",
                            ids.acme()),
                    "contacts_id_positive"),
            noRequest(
                    "TouchId.notPositive",
                    SERVER_ASSIGNS,
                    ids -> update(
                            "INSERT INTO touches (id, interview_id, kind, channel, recipient_id, address, sent_at,"
                                    + " created_by) OVERRIDING SYSTEM VALUE VALUES (0, ?, 'THANK_YOU', 'EMAIL', ?,"
                                    + " 'ivy@acme.test', ?, ?)",
                            ids.interview(),
                            ids.ivy(),
                            END.plus(Duration.ofHours(3)).atOffset(java.time.ZoneOffset.UTC),
                            ids.admin()),
                    "touches_id_positive"),
            noRequest(
                    "ReplyId.notPositive",
                    SERVER_ASSIGNS,
                    ids -> update(
                            "INSERT INTO replies (id, interview_id, from_contact_id, received_at, kind, created_by)"
                                    + " OVERRIDING SYSTEM VALUE VALUES (0, ?, ?, ?, 'ACKNOWLEDGEMENT', ?)",
                            ids.interview(),
                            ids.ivy(),
                            END.plus(Duration.ofDays(1)).atOffset(java.time.ZoneOffset.UTC),
                            ids.admin()),
                    "replies_id_positive"));

    @BeforeAll
    static void setUp() {
        api = TestApp.api(APP);
        script = Jdbi.create(DATABASE::connect);
        long adminId = TestApp.user(DATABASE, "admin@agency.test", "Ada Admin", Role.ADMIN);
        TestApi.Session session = api.login("admin@agency.test", TestApp.PASSWORD);
        admin = new TestApi.Bearer(api.post(session, "/api/users/" + adminId + "/tokens", Map.of("name", "tests"))
                .json()
                .get("token")
                .asText());
        long candidate = TestApp.created(api.post(
                admin,
                "/api/candidates",
                Map.of("name", "Cara Candidate", "email", "cara@example.test", "zone", "Europe/London")));
        TestApp.Interview interview = TestApp.interviewWithOneInterviewer(api, admin, candidate, END);
        long other = TestApp.created(api.post(admin, "/api/companies", Map.of("name", "Other Ltd")));
        long olga = TestApp.created(api.post(
                admin, "/api/companies/" + other + "/contacts", Map.of("name", "Olga Other", "role", "INTERVIEWER")));
        ids = new Ids(adminId, candidate, interview.companyId(), interview.contactId(), interview.interviewId(), olga);
    }

    static Stream<Row> rows() {
        return ROWS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theApiRefusesTheCheckFirstNamingTheField(Row row) {
        if (row.api().isEmpty()) {
            assertThat(row.why()).as("a check no request can carry says why").isNotBlank();
            return;
        }
        Map<String, Long> before = counts();
        Request request = row.api().get().apply(ids);
        Reply reply = "PUT".equals(request.method())
                ? api.put(admin, request.path(), request.body())
                : api.post(admin, request.path(), request.body());

        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(400);
        assertThat(reply.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(reply.json().get("code").asText()).isEqualTo(row.code());
        List<String> fields = new ArrayList<>();
        reply.json()
                .path("errors")
                .forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields).contains(row.field());
        assertThat(counts()).as("nothing is stored").isEqualTo(before);
        assertThat(api.get(admin, "/api/interviews/" + ids.interview() + "/plan")
                        .status())
                .isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theDatabaseRefusesWhatAScriptSends(Row row) {
        Map<String, Long> before = counts();
        // One transaction, as a script or an import would send it: a trigger checked at commit refuses it there.
        assertThatThrownBy(() ->
                        script.useTransaction(handle -> row.sql().apply(ids).run(handle)))
                .hasStackTraceContaining(row.refusal());
        assertThat(counts()).as("nothing is stored").isEqualTo(before);
        assertThat(api.get(admin, "/api/interviews/" + ids.interview() + "/plan")
                        .status())
                .isEqualTo(200);
    }

    /**
     * A spacing over a year is refused at every door (the fuzzer stored one and the plan's dates reached year
     * +1587344): the API names the field, the database's check refuses it too.
     */
    @Test
    void aSpacingOverAYearIsRefusedAtEveryDoor() {
        Reply company = api.post(admin, "/api/companies", Map.of("name", "Glacial Ltd", "spacing", "P366D"));
        assertThat(company.status()).as(company.raw().body()).isEqualTo(400);
        assertThat(company.json().get("code").asText()).isEqualTo("INVALID_DURATION");
        assertThat(company.raw().body()).contains("spacing").contains("365 days");
        Reply timeline = api.put(
                admin, "/api/interviews/" + ids.interview() + "/timeline", Map.of("preferredSpacing", "PT999999999H"));
        assertThat(timeline.status()).as(timeline.raw().body()).isEqualTo(400);
        assertThat(timeline.raw().body()).contains("preferredSpacing");
        assertThatThrownBy(() -> script.useTransaction(handle ->
                        handle.execute("UPDATE companies SET spacing = interval '400 days' WHERE id = ?", ids.acme())))
                .hasStackTraceContaining("companies_spacing_in_seconds");
        assertThat(api.post(admin, "/api/companies", Map.of("name", "Yearly Ltd", "spacing", "P365D"))
                        .status())
                .isEqualTo(201);
    }

    /** What the database accepts from the API still loads: the checks here refuse no valid record. */
    @Test
    void whatTheCoreAcceptsTheDatabaseAccepts() {
        Reply company = api.post(admin, "/api/companies", Map.of("name", "Patient Ltd", "spacing", "PT1S"));
        assertThat(company.status()).as(company.raw().body()).isEqualTo(201);
        Reply timeline = api.put(
                admin,
                "/api/interviews/" + ids.interview() + "/timeline",
                Map.of("preferredSpacing", "P10DT3H", "decisionDate", "2099-01-01"));
        assertThat(timeline.status()).as(timeline.raw().body()).isEqualTo(200);
        // A day less 23 hours is an hour to both; a no-break space is not white space to Java, so not to SQL either.
        script.useTransaction(handle -> {
            handle.execute(
                    "UPDATE timelines SET preferred_spacing = interval '1 day -23 hours' WHERE interview_id = ?",
                    ids.interview());
            handle.execute("UPDATE companies SET name = ? WHERE id = ?", "\u00a0", ids.acme());
        });
        assertThat(api.get(admin, "/api/interviews/" + ids.interview() + "/plan")
                        .status())
                .isEqualTo(200);
        script.useTransaction(handle -> handle.execute("UPDATE companies SET name = 'Acme' WHERE id = ?", ids.acme()));
    }

    /** The enumeration: one row per check of the core's model, and no check without a name (see CoreChecks). */
    @Test
    void everyCheckOfTheCoreHasARow() {
        assertThat(new TreeSet<>(ROWS.stream().map(Row::check).toList()))
                .as("one row per check of the core's model (add a row with its three doors)")
                .isEqualTo(CoreChecks.names());
    }

    /**
     * The null checks of the records' required components: the loader reads each from one of these columns, which
     * the database keeps NOT NULL (optional components come from nullable columns read as Optional).
     */
    @Test
    void requiredComponentsComeFromNotNullColumns() {
        List<String> required = List.of(
                "candidates.name",
                "candidates.zone",
                "companies.name",
                "companies.does_not_reply",
                "contacts.company_id",
                "contacts.name",
                "contacts.title",
                "contacts.role",
                "interviews.candidate_id",
                "interviews.company_id",
                "interviews.role",
                "interviews.starts_at",
                "interviews.ends_at",
                "interviews.format",
                "interviews.round",
                "interview_interviewers.contact_id",
                "debriefs.notes",
                "debriefs.unasked_questions",
                "debriefs.written_at",
                "debrief_concerns.contact_id",
                "debrief_concerns.concern",
                "touches.kind",
                "touches.channel",
                "touches.recipient_id",
                "touches.address",
                "touches.sent_at",
                "replies.from_contact_id",
                "replies.received_at",
                "replies.kind",
                "outcomes.kind",
                "outcomes.at");
        List<String> nullable = script.withHandle(
                handle -> handle.createQuery("SELECT table_name || '.' || column_name FROM information_schema.columns"
                                + " WHERE table_schema = current_schema() AND is_nullable = 'YES'")
                        .mapTo(String.class)
                        .list());
        assertThat(required).doesNotContainAnyElementsOf(nullable);
    }

    private static Map<String, Long> counts() {
        return script.withHandle(handle -> {
            Map<String, Long> counts = new java.util.TreeMap<>();
            for (String table : List.of(
                    "candidates",
                    "companies",
                    "contacts",
                    "interviews",
                    "interview_interviewers",
                    "timelines",
                    "debrief_concerns",
                    "touches",
                    "replies")) {
                counts.put(
                        table,
                        handle.createQuery("SELECT count(*) FROM " + table)
                                .mapTo(Long.class)
                                .one());
            }
            return counts;
        });
    }
}
