package com.followup.api.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.Role;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApi.Reply;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Corrections over HTTP on the whole application (issue 14, decision 0019): a recruiter corrects the candidate's
 * thank-you and the plan follows, a stale version and a retraction without a reason are problem details, a
 * retracted reply disappears from the list unless asked for, and the audit log shows each change before and after.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CorrectionsApiTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = TestApp.app(DATABASE);

    @Test
    void aRecruiterCorrectsAndRetractsWhatTheCandidateLogged() throws Exception {
        TestApp.user(DATABASE, "admin@agency.test", "Ada Admin", Role.ADMIN);
        long recruiterId = TestApp.user(DATABASE, "rita@agency.test", "Rita Recruiter", Role.RECRUITER);
        long candidateUser = TestApp.user(DATABASE, "cara@example.test", "Cara Candidate", Role.CANDIDATE);
        TestApi api = TestApp.api(APP);
        TestApi.Session admin = api.login("admin@agency.test", TestApp.PASSWORD);
        long candidateId = status(
                        api.post(
                                admin,
                                "/api/candidates",
                                Map.of(
                                        "name",
                                        "Cara Candidate",
                                        "email",
                                        "cara@example.test",
                                        "zone",
                                        "Europe/Berlin",
                                        "userId",
                                        candidateUser)),
                        201)
                .get("id")
                .asLong();
        status(api.put(admin, "/api/candidates/" + candidateId + "/recruiters/" + recruiterId, Map.of()), 200);
        TestApi.Session cara = api.login("cara@example.test", TestApp.PASSWORD);
        TestApi.Session rita = api.login("rita@agency.test", TestApp.PASSWORD);
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).truncatedTo(ChronoUnit.MINUTES);
        JsonNode interview = status(
                api.post(
                        cara,
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
                                List.of(Map.of("name", "Hannah Hiring", "businessEmail", "hannah@northwind.test")))),
                201);
        String path = "/api/interviews/" + interview.get("id").asLong();
        long hannah = interview.get("interviewers").get(0).get("contactId").asLong();

        // Cara logs her thank-you with the wrong recipient kind: a status check, three hours after the end.
        Map<String, Object> touch = new HashMap<>(Map.of(
                "kind",
                "STATUS_CHECK",
                "channel",
                "EMAIL",
                "recipientId",
                hannah,
                "sentAt",
                end.plusHours(3).toString(),
                "text",
                "Dear Hannah, thank you for the conversation about the pipeline."));
        JsonNode logged = status(api.post(cara, path + "/touches", touch), 201);
        assertThat(logged.get("version").asInt()).isEqualTo(1);
        assertThat(thankYouState(api, cara, path)).isNotIn("DONE_ON_TIME", "DONE_LATE");

        // Rita corrects it: it was a thank-you.
        touch.put("kind", "THANK_YOU");
        touch.put("version", 1);
        JsonNode corrected =
                status(api.put(rita, path + "/touches/" + logged.get("id").asLong(), touch), 200);
        assertThat(corrected.get("kind").asText()).isEqualTo("THANK_YOU");
        assertThat(corrected.get("version").asInt()).isEqualTo(2);
        assertThat(corrected.get("retraction").isNull()).isTrue();
        assertThat(thankYouState(api, cara, path)).isEqualTo("DONE_ON_TIME");

        // Cara's form still says version 1: refused as problem details, nothing changed.
        touch.put("text", "Something else.");
        Reply stale = api.put(cara, path + "/touches/" + logged.get("id").asLong(), touch);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(stale.json().get("code").asText()).isEqualTo("STALE_VERSION");
        Reply noReason =
                api.post(cara, path + "/touches/" + logged.get("id").asLong() + "/retraction", Map.of("version", 2));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("errors").findValuesAsText("field")).contains("reason");

        // A reply logged by mistake is retracted; the list leaves it out unless asked for.
        JsonNode reply = status(
                api.post(
                        cara,
                        path + "/replies",
                        Map.of(
                                "fromContactId",
                                hannah,
                                "receivedAt",
                                end.plusHours(5).toString(),
                                "kind",
                                "DECISION")),
                201);
        JsonNode retracted = status(
                api.post(
                        rita,
                        path + "/replies/" + reply.get("id").asLong() + "/retraction",
                        Map.of("reason", "That e-mail was about another role.", "version", 1)),
                200);
        assertThat(retracted.at("/retraction/reason").asText()).isEqualTo("That e-mail was about another role.");
        assertThat(retracted.at("/retraction/byName").asText()).isEqualTo("Rita Recruiter");
        assertThat(status(api.get(cara, path + "/replies"), 200)).isEmpty();
        assertThat(status(api.get(cara, path + "/replies?includeRetracted=true"), 200))
                .extracting(node -> node.get("id").asLong())
                .containsExactly(reply.get("id").asLong());
        Reply again = api.post(
                cara,
                path + "/replies/" + reply.get("id").asLong() + "/retraction",
                Map.of("reason", "again", "version", 2));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("ALREADY_RETRACTED");

        // The audit log: who changed what, before and after.
        JsonNode entries =
                status(api.get(admin, "/api/audit?entityType=touch"), 200).get("items");
        JsonNode correction = null;
        for (JsonNode entry : entries) {
            if (entry.get("action").asText().equals("touch.corrected")) {
                correction = entry;
            }
        }
        assertThat(correction).isNotNull();
        assertThat(correction.get("actorUserId").asLong()).isEqualTo(recruiterId);
        JsonNode details = new ObjectMapper().readTree(correction.get("details").asText());
        assertThat(details.at("/before/kind").asText()).isEqualTo("STATUS_CHECK");
        assertThat(details.at("/after/kind").asText()).isEqualTo("THANK_YOU");
    }

    private static String thankYouState(TestApi api, TestApi.Session caller, String path) {
        for (JsonNode step : status(api.get(caller, path + "/plan"), 200).get("steps")) {
            if (step.get("kind").asText().equals("THANK_YOU")) {
                return step.get("state").asText();
            }
        }
        throw new AssertionError("no thank-you step");
    }

    private static JsonNode status(Reply reply, int expected) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(expected);
        return reply.json();
    }
}
