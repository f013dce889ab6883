package com.followup.api.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.Role;
import com.followup.api.representations.BreachWords;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApi.Reply;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end on the whole application and a migrated PostgreSQL: an admin sets up a recruiter and a
 * candidate, the candidate records an interview and follows up, the company answers, the thread closes.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InterviewLifecycleTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = TestApp.app(DATABASE);

    @Test
    void aCandidatesInterviewFromCreationToAClosedThread() {
        TestApp.user(DATABASE, "admin@agency.test", "Ada Admin", Role.ADMIN);
        TestApi api = TestApp.api(APP);
        TestApi.Session admin = api.login("admin@agency.test", TestApp.PASSWORD);

        long recruiterId = created(api.post(
                        admin,
                        "/api/users",
                        Map.of(
                                "email", "rita@agency.test",
                                "displayName", "Rita Recruiter",
                                "role", "RECRUITER",
                                "password", TestApp.PASSWORD)))
                .get("id")
                .asLong();
        long candidateUserId = created(api.post(
                        admin,
                        "/api/users",
                        Map.of(
                                "email", "cara@example.test",
                                "displayName", "Cara Candidate",
                                "role", "CANDIDATE",
                                "password", TestApp.PASSWORD)))
                .get("id")
                .asLong();
        long candidateId = created(api.post(
                        admin,
                        "/api/candidates",
                        Map.of(
                                "name", "Cara Candidate",
                                "email", "cara@example.test",
                                "zone", "Europe/Berlin",
                                "userId", candidateUserId)))
                .get("id")
                .asLong();
        assertThat(api.put(admin, "/api/candidates/" + candidateId + "/recruiters/" + recruiterId, Map.of())
                        .json()
                        .get("recruiterIds"))
                .extracting(JsonNode::asLong)
                .containsExactly(recruiterId);

        TestApi.Session recruiter = api.login("rita@agency.test", TestApp.PASSWORD);
        long companyId = created(api.post(recruiter, "/api/companies", Map.of("name", "Northwind Traders")))
                .get("id")
                .asLong();

        // The candidate records an interview that ended 45 days ago, naming two interviewers. The company is named by
        // name: its id is not the candidate's to use before they have an interview there (decision 0025).
        TestApi.Session candidate = api.login("cara@example.test", TestApp.PASSWORD);
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusDays(45).truncatedTo(ChronoUnit.MINUTES);
        JsonNode interview = created(api.post(
                candidate,
                "/api/interviews",
                Map.of(
                        "companyName",
                        "Northwind Traders",
                        "role",
                        "Data engineer",
                        "start",
                        end.minusHours(1).toString(),
                        "end",
                        end.toString(),
                        "format",
                        "VIDEO",
                        "interviewers",
                        List.of(
                                Map.of(
                                        "name",
                                        "Hannah Hiring",
                                        "title",
                                        "Engineering manager",
                                        "businessEmail",
                                        "hannah@northwind.test"),
                                Map.of("name", "Ian Interviewer", "businessEmail", "ian@northwind.test")))));
        long interviewId = interview.get("id").asLong();
        assertThat(interview.get("companyId").asLong())
                .as("the recruiter's company")
                .isEqualTo(companyId);
        long hannah = interview.get("interviewers").get(0).get("contactId").asLong();
        long ian = interview.get("interviewers").get(1).get("contactId").asLong();
        assertThat(OffsetDateTime.parse(interview.get("start").asText()).getOffset())
                .as("shown in the candidate's zone")
                .isEqualTo(java.time.ZoneId.of("Europe/Berlin")
                        .getRules()
                        .getOffset(end.minusHours(1).toInstant()));

        // Right after the interview, with nothing done, the plan names the missed steps with their rule ids.
        JsonNode untouched =
                api.get(candidate, "/api/interviews/" + interviewId + "/plan").json();
        assertThat(rulesOf(untouched.get("breaches"))).contains("R20", "R3");
        // Each setting the plan used is named with its rule, in words people read.
        JsonNode noteLength = null;
        for (JsonNode setting : untouched.get("policy")) {
            if (setting.get("setting").asText().equals("NOTE_LENGTH")) {
                noteLength = setting;
            }
        }
        assertThat(noteLength).isNotNull();
        assertThat(noteLength.get("rule").asText()).isEqualTo("R15");
        assertThat(noteLength.get("value").asText())
                .isEqualTo("advice over 150 words, breach over 200 words, too similar at 0.8");

        // Debrief, timeline, a thank-you to each interviewer within the ideal window.
        assertThat(api.put(
                                candidate,
                                "/api/interviews/" + interviewId + "/debrief",
                                Map.of(
                                        "notes", "Talked about the streaming pipeline and on-call rotation.",
                                        "concerns",
                                                List.of(Map.of(
                                                        "contactId", hannah, "concern", "Little Kafka experience")),
                                        "unaskedQuestions", List.of("How large is the team?"),
                                        "writtenAt", end.plusHours(1).toString()))
                        .status())
                .isEqualTo(200);
        String decisionDate = end.plusDays(7).toLocalDate().toString();
        Reply timeline = api.put(
                candidate,
                "/api/interviews/" + interviewId + "/timeline",
                Map.of("decisionDate", decisionDate, "notes", "Hannah decides with the team lead; they may call."));
        assertThat(timeline.status()).isEqualTo(200);
        assertThat(timeline.json().at("/timeline/notes").asText())
                .isEqualTo("Hannah decides with the team lead; they may call.");
        assertThat(api.put(
                                candidate,
                                "/api/interviews/" + interviewId + "/timeline",
                                Map.of("notes", "x".repeat(4001), "version", 1))
                        .status())
                .isEqualTo(400);
        for (long interviewer : List.of(hannah, ian)) {
            Reply thanks = api.post(
                    candidate,
                    "/api/interviews/" + interviewId + "/touches",
                    Map.of(
                            "kind", "THANK_YOU",
                            "channel", "EMAIL",
                            "recipientId", interviewer,
                            "sentAt", end.plusHours(3).toString(),
                            "text", "Thank you for the conversation about the streaming pipeline."));
            assertThat(thanks.status()).isEqualTo(201);
            assertThat(thanks.json().get("breaches")).isEmpty();
            assertThat(thanks.json().get("address").asText()).endsWith("@northwind.test");
        }

        // Two status checks, each after the decision date and two weeks apart.
        api.post(
                candidate,
                "/api/interviews/" + interviewId + "/touches",
                Map.of(
                        "kind",
                        "STATUS_CHECK",
                        "channel",
                        "EMAIL",
                        "recipientId",
                        hannah,
                        "sentAt",
                        end.plusDays(10).toString()));
        Reply second = api.post(
                candidate,
                "/api/interviews/" + interviewId + "/touches",
                Map.of(
                        "kind",
                        "STATUS_CHECK",
                        "channel",
                        "PHONE",
                        "recipientId",
                        hannah,
                        "address",
                        "+49 30 1234567",
                        "sentAt",
                        end.plusDays(25).toString()));
        assertThat(rulesOf(second.json().get("breaches")))
                .as("a number the contact never gave")
                .containsOnly("R12");

        JsonNode ghosted =
                api.get(recruiter, "/api/interviews/" + interviewId + "/plan").json();
        assertThat(ghosted.get("thread").asText()).isEqualTo("CLOSED_NO_RESPONSE");
        assertThat(stepStates(ghosted, "THANK_YOU")).containsOnly("DONE_ON_TIME");
        assertThat(stepStates(ghosted, "DEBRIEF")).containsOnly("DONE_ON_TIME");

        // The company finally answers with its decision: the thread is decided, nothing is left to chase.
        Reply reply = api.post(
                recruiter,
                "/api/interviews/" + interviewId + "/replies",
                Map.of("fromContactId", hannah, "receivedAt", end.plusDays(40).toString(), "kind", "DECISION"));
        assertThat(reply.status()).isEqualTo(201);
        api.put(
                recruiter,
                "/api/interviews/" + interviewId + "/outcome",
                Map.of("kind", "REJECTION", "at", end.plusDays(40).toString()));
        JsonNode closed =
                api.get(candidate, "/api/interviews/" + interviewId + "/plan").json();
        assertThat(closed.get("thread").asText()).isEqualTo("DECIDED");
        assertThat(stepStates(closed, "STATUS_CHECK")).doesNotContain("OPEN", "DUE_SOON", "OVERDUE");

        // The recruiter's dashboard shows the candidate with the breach; the audit log has every write.
        JsonNode dashboard = api.get(recruiter, "/api/dashboard").json();
        assertThat(dashboard.get("items").get(0).get("candidateId").asLong()).isEqualTo(candidateId);
        assertThat(dashboard.get("items").get(0).get("breaches").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode audit = api.get(admin, "/api/audit?limit=100").json();
        assertThat(audit.get("items").findValuesAsText("action"))
                .contains(
                        "interview.created", "interview.debrief", "touch.logged", "reply.logged", "interview.outcome");
    }

    @Test
    void aForbiddenTouchIsStoredWithItsBreachNotRefused() {
        Setup setup = setUp("gift");
        Reply gift = api().post(
                        setup.candidate(),
                        "/api/interviews/" + setup.interviewId() + "/touches",
                        Map.of(
                                "kind",
                                "GIFT",
                                "channel",
                                "PARCEL",
                                "recipientId",
                                setup.contactId(),
                                "sentAt",
                                setup.end().plusHours(5).toString()));
        assertThat(gift.status()).isEqualTo(201);
        assertThat(rulesOf(gift.json().get("breaches"))).contains("R13");
        assertThat(api().get(setup.candidate(), "/api/interviews/" + setup.interviewId() + "/touches")
                        .json())
                .hasSize(1);
    }

    @Test
    void aRetriedTouchWithTheSameIdempotencyKeyIsLoggedOnce() {
        Setup setup = setUp("retry");
        Map<String, Object> touch = Map.of(
                "kind",
                "THANK_YOU",
                "channel",
                "EMAIL",
                "recipientId",
                setup.contactId(),
                "sentAt",
                setup.end().plusHours(4).toString(),
                "text",
                "Thank you for your time today.");
        String path = "/api/interviews/" + setup.interviewId() + "/touches";
        Reply first = api().postWithHeader(setup.candidate(), path, touch, "Idempotency-Key", "retry-1");
        Reply again = api().postWithHeader(setup.candidate(), path, touch, "Idempotency-Key", "retry-1");
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));

        Map<String, Object> different = new HashMap<>(touch);
        different.put("text", "Something else entirely.");
        Reply reused = api().postWithHeader(setup.candidate(), path, different, "Idempotency-Key", "retry-1");
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(api().get(setup.candidate(), path).json()).hasSize(1);
    }

    @Test
    void badInputGetsAClearErrorAndChangesNothing() {
        Setup setup = setUp("bad");
        String touches = "/api/interviews/" + setup.interviewId() + "/touches";

        Reply beforeInterview = api().post(
                        setup.candidate(),
                        touches,
                        Map.of(
                                "kind",
                                "THANK_YOU",
                                "channel",
                                "EMAIL",
                                "recipientId",
                                setup.contactId(),
                                "sentAt",
                                setup.end().minusHours(2).toString()));
        assertThat(beforeInterview.status()).isEqualTo(400);
        assertThat(beforeInterview.json().get("code").asText()).isEqualTo("BEFORE_INTERVIEW_END");
        assertThat(beforeInterview.json().get("errors").get(0).get("field").asText())
                .isEqualTo("sentAt");
        assertThat(beforeInterview.json().get("detail").asText())
                .as("the end as pages write it, in the candidate's zone")
                .endsWith("which ended "
                        + BreachWords.when(setup.end().toInstant(), java.time.ZoneId.of("Europe/London"))
                        + " (Europe/London).");

        Reply wrongType = api().post(
                        setup.candidate(),
                        touches,
                        "{\"kind\":\"THANK_YOU\",\"channel\":\"EMAIL\","
                                + "\"recipientId\":\"not a number\",\"sentAt\":\""
                                + setup.end().plusHours(3) + "\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("errors").get(0).get("field").asText()).isEqualTo("recipientId");

        Reply misspelt = api().post(
                        setup.candidate(),
                        touches,
                        Map.of(
                                "kind",
                                "THANK_YOU",
                                "channel",
                                "EMAIL",
                                "recipientId",
                                setup.contactId(),
                                "sentAt",
                                setup.end().plusHours(3).toString(),
                                "txt",
                                "A misspelt field name"));
        assertThat(misspelt.status()).isEqualTo(400);
        assertThat(misspelt.json().get("errors").get(0).get("field").asText()).isEqualTo("txt");
        assertThat(misspelt.json().get("errors").get(0).get("message").asText()).isEqualTo("is not a known field");

        Reply missing = api().post(setup.candidate(), touches, Map.of("kind", "THANK_YOU"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").findValuesAsText("field")).contains("channel", "recipientId", "sentAt");

        Reply unknownContact = api().post(
                        setup.candidate(),
                        touches,
                        Map.of(
                                "kind",
                                "THANK_YOU",
                                "channel",
                                "EMAIL",
                                "recipientId",
                                999_999,
                                "sentAt",
                                setup.end().plusHours(3).toString()));
        assertThat(unknownContact.status()).isEqualTo(400);
        assertThat(unknownContact.json().get("code").asText()).isEqualTo("UNKNOWN_CONTACT");

        Reply endBeforeStart = api().post(
                        setup.candidate(),
                        "/api/interviews",
                        Map.of(
                                "companyName",
                                "Contoso",
                                "role",
                                "Analyst",
                                "start",
                                setup.end().toString(),
                                "end",
                                setup.end().minusHours(1).toString(),
                                "format",
                                "PHONE",
                                "interviewers",
                                List.of(Map.of("name", "Someone"))));
        assertThat(endBeforeStart.status()).isEqualTo(400);
        assertThat(endBeforeStart.json().get("code").asText()).isEqualTo("END_BEFORE_START");

        assertThat(api().get(setup.candidate(), touches).json()).isEmpty();
        assertThat(api().get(setup.candidate(), "/api/interviews")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(api().get(setup.candidate(), "/api/interviews/999999").status())
                .isEqualTo(404);
    }

    @Test
    void aStaleVersionIsRefusedNotSilentlyOverwritten() {
        Setup setup = setUp("stale");
        String path = "/api/interviews/" + setup.interviewId();
        JsonNode current = api().get(setup.candidate(), path).json();
        Map<String, Object> change = new HashMap<>(Map.of(
                "role", "Senior data engineer",
                "start", current.get("start").asText(),
                "end", current.get("end").asText(),
                "format", "ON_SITE",
                "interviewers", List.of(Map.of("contactId", setup.contactId())),
                "version", current.get("version").asInt()));
        assertThat(api().put(setup.candidate(), path, change).status()).isEqualTo(200);
        Reply stale = api().put(setup.candidate(), path, change);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("code").asText()).isEqualTo("STALE_VERSION");
    }

    /** Issue 16: the dry-run of a touch over HTTP; a personal address is named before anything is saved. */
    @Test
    void theDryRunOfATouchNamesItsBreachesWithoutSavingIt() {
        Setup setup = setUp("dry-run");
        String path = "/api/interviews/" + setup.interviewId();
        Map<String, Object> touch = Map.of(
                "kind",
                "THANK_YOU",
                "channel",
                "EMAIL",
                "recipientId",
                setup.contactId(),
                "address",
                "someone@gmail.com",
                "sentAt",
                setup.end().plusHours(3).toString());

        Reply check = api().post(setup.candidate(), path + "/touches/check?zone=America/New_York", touch);

        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().get("breaches").findValuesAsText("rule")).containsExactly("R12");
        assertThat(check.json().get("breaches").get(0).get("warning").asText())
                .startsWith("Not a business address")
                .endsWith("(R12)");
        assertThat(check.json().get("step").get("outcome").asText()).isEqualTo("sent to a personal address (R12)");
        assertThat(api().get(setup.candidate(), path + "/touches").json()).isEmpty();

        Reply badZone = api().post(setup.candidate(), path + "/touches/check?zone=Mars/Olympus", touch);
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(badZone.json().get("code").asText()).isEqualTo("INVALID_ZONE");
    }

    @Test
    void theNoteCheckJudgesADraftWithoutSavingItAndALoggedNoteKeepsItsFindings() {
        Setup setup = setUp("notes");
        String path = "/api/interviews/" + setup.interviewId();
        Reply check = api().post(
                        setup.candidate(),
                        path + "/note-check",
                        Map.of("recipientId", setup.contactId(), "text", "thx 4 the chat, it was grate"));
        assertThat(check.status()).isEqualTo(200);
        List<String> codes = check.json().get("findings").findValuesAsText("code");
        assertThat(codes).contains("R17_TEXT_SPEAK", "R14_MISSING_INTEREST");
        JsonNode textSpeak = check.json().get("findings").get(codes.indexOf("R17_TEXT_SPEAK"));
        assertThat("thx 4 the chat, it was grate"
                        .substring(
                                textSpeak.get("start").asInt(),
                                textSpeak.get("end").asInt()))
                .isEqualTo("thx");
        assertThat(api().get(setup.candidate(), path + "/touches").json()).isEmpty();

        Reply logged = api().post(
                        setup.candidate(),
                        path + "/touches",
                        Map.of(
                                "kind",
                                "THANK_YOU",
                                "channel",
                                "EMAIL",
                                "recipientId",
                                setup.contactId(),
                                "sentAt",
                                setup.end().plusHours(3).toString(),
                                "text",
                                "thx 4 the chat"));
        assertThat(logged.status()).isEqualTo(201);
        assertThat(logged.json().get("noteFindings").findValuesAsText("rule")).contains("R17");
        assertThat(logged.json().get("breaches"))
                .as("note quality is advice, not a breach")
                .isEmpty();
    }

    private record Setup(TestApi.Session candidate, long interviewId, long contactId, OffsetDateTime end) {}

    private static TestApi api() {
        return TestApp.api(APP);
    }

    /** A candidate with a login and one interview that ended a day ago, with one interviewer. */
    private static Setup setUp(String name) {
        long userId = TestApp.user(DATABASE, name + "@example.test", "Candidate " + name, Role.CANDIDATE);
        TestApp.jdbi(DATABASE).useHandle(handle -> handle.createUpdate(
                        "INSERT INTO candidates (user_id, name, email, zone) VALUES (:user, :name, :email, 'Europe/London')")
                .bind("user", userId)
                .bind("name", "Candidate " + name)
                .bind("email", name + "@example.test")
                .execute());
        TestApi.Session candidate = api().login(name + "@example.test", TestApp.PASSWORD);
        OffsetDateTime end =
                OffsetDateTime.now(ZoneOffset.UTC).minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES);
        JsonNode interview = created(api().post(
                        candidate,
                        "/api/interviews",
                        Map.of(
                                "companyName",
                                "Company of " + name,
                                "role",
                                "Analyst",
                                "start",
                                end.minusHours(1).toString(),
                                "end",
                                end.toString(),
                                "format",
                                "ON_SITE",
                                "interviewers",
                                List.of(Map.of("name", "Pat Panel", "businessEmail", "pat@" + name + ".test")))));
        return new Setup(
                candidate,
                interview.get("id").asLong(),
                interview.get("interviewers").get(0).get("contactId").asLong(),
                end);
    }

    private static JsonNode created(Reply reply) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return reply.json();
    }

    private static List<String> rulesOf(JsonNode breaches) {
        List<String> rules = new ArrayList<>();
        breaches.forEach(breach -> rules.add(breach.get("rule").asText()));
        return rules;
    }

    private static List<String> stepStates(JsonNode plan, String kind) {
        List<String> states = new ArrayList<>();
        plan.get("steps").forEach(step -> {
            if (step.get("kind").asText().equals(kind)) {
                states.add(step.get("state").asText());
            }
        });
        return states;
    }
}
