package com.followup.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.Role;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.LocalDate;
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
 * Each use case that changes an interview's thread writes its webhook event, over HTTP on the whole application: the
 * event types, in order, with the ids of what changed; a refused request writes none; an endpoint with a private
 * address is refused when the configuration does not allow it is in {@link WebhooksTest}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WebhookEventsApiTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = TestApp.app(DATABASE);

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyChangeWritesItsEventAndARefusedOneWritesNone() throws Exception {
        TestApp.user(DATABASE, "admin@agency.test", "Ada Admin", Role.ADMIN);
        TestApi api = TestApp.api(APP);
        TestApi.Session admin = api.login("admin@agency.test", TestApp.PASSWORD);
        TestApi.Reply endpoint = api.post(
                admin,
                "/api/webhooks/endpoints",
                Map.of("url", "http://127.0.0.1:9/hook", "events", Webhooks.eventTypes()));
        assertThat(endpoint.status()).isEqualTo(201);
        assertThat(endpoint.json().get("secret").asText()).startsWith("whsec_");
        // The list never shows a secret.
        assertThat(api.get(admin, "/api/webhooks/endpoints").raw().body()).doesNotContain("whsec_");

        long candidateId = api.post(
                        admin,
                        "/api/candidates",
                        Map.of("name", "Cara", "email", "cara@example.test", "zone", "Europe/Berlin"))
                .json()
                .get("id")
                .asLong();
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).truncatedTo(ChronoUnit.MINUTES);
        TestApp.Interview interview = TestApp.interviewWithOneInterviewer(api, admin, candidateId, end.toInstant());
        String path = "/api/interviews/" + interview.interviewId();
        assertThat(api.put(
                                admin,
                                path + "/timeline",
                                Map.of(
                                        "decisionDate",
                                        LocalDate.now().plusDays(7).toString()))
                        .status())
                .isEqualTo(200);
        Map<String, Object> touch = new HashMap<>(Map.of(
                "kind",
                "THANK_YOU",
                "channel",
                "EMAIL",
                "recipientId",
                interview.contactId(),
                "sentAt",
                end.plusHours(3).toString(),
                "text",
                "Dear Ivy, thank you for your time; I am keen on the role and enjoyed the pipeline talk."));
        TestApi.Reply logged = api.post(admin, path + "/touches", touch);
        assertThat(logged.status()).isEqualTo(201);
        long touchId = logged.json().get("id").asLong();
        touch.put("version", 1);
        touch.put("sentAt", end.plusHours(4).toString());
        assertThat(api.put(admin, path + "/touches/" + touchId, touch).status()).isEqualTo(200);
        // Refused (a reply before the interview ended): nothing is written, so nothing is sent.
        assertThat(api.post(
                                admin,
                                path + "/replies",
                                Map.of(
                                        "fromContactId",
                                        interview.contactId(),
                                        "receivedAt",
                                        end.minusHours(5).toString(),
                                        "kind",
                                        "ACKNOWLEDGEMENT"))
                        .status())
                .isEqualTo(400);
        assertThat(api.post(
                                admin,
                                path + "/replies",
                                Map.of(
                                        "fromContactId",
                                        interview.contactId(),
                                        "receivedAt",
                                        end.plusHours(6).toString(),
                                        "kind",
                                        "ACKNOWLEDGEMENT"))
                        .status())
                .isEqualTo(201);
        assertThat(api.put(
                                admin,
                                path + "/outcome",
                                Map.of("kind", "OFFER", "at", end.plusHours(8).toString()))
                        .status())
                .isEqualTo(200);

        List<JsonNode> events = new ArrayList<>();
        for (String body : TestApp.jdbi(DATABASE).withHandle(handle -> handle.createQuery(
                        "SELECT body FROM webhook_events WHERE type NOT IN ('breach.detected', 'step.overdue',"
                                + " 'thread.closed') ORDER BY created_at, id")
                .mapTo(String.class)
                .list())) {
            events.add(JSON.readTree(body));
        }
        assertThat(events)
                .extracting(event -> event.get("type").asText())
                .containsExactly(
                        "interview.created",
                        "interview.changed",
                        "touch.logged",
                        "touch.corrected",
                        "reply.logged",
                        "outcome.recorded");
        assertThat(events)
                .extracting(event -> event.at("/data/interviewId").asLong())
                .containsOnly(interview.interviewId());
        assertThat(events.get(1).at("/data/part").asText()).isEqualTo("timeline");
        assertThat(events.get(2).at("/data/touchId").asLong()).isEqualTo(touchId);
        assertThat(events.get(5).at("/data/kind").asText()).isEqualTo("OFFER");
        // Payloads carry ids and facts, not the note's text or a person's name.
        assertThat(events.toString()).doesNotContain("Ivy", "pipeline");
        // One delivery of each to the one endpoint.
        int deliveries = TestApp.jdbi(DATABASE).withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id"
                                + " WHERE e.type NOT IN ('breach.detected', 'step.overdue', 'thread.closed')")
                .mapTo(Integer.class)
                .one());
        assertThat(deliveries).isEqualTo(6);
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndChangesNothing() {
        TestApp.user(DATABASE, "ida@agency.test", "Ida Admin", Role.ADMIN);
        TestApi api = TestApp.api(APP);
        TestApi.Session admin = api.login("ida@agency.test", TestApp.PASSWORD);
        int before = api.get(admin, "/api/webhooks/endpoints").json().size();

        TestApi.Reply noUrl = api.post(admin, "/api/webhooks/endpoints", Map.of("events", List.of("touch.logged")));
        assertThat(noUrl.status()).isEqualTo(400);
        assertThat(noUrl.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(noUrl.json().get("errors").findValuesAsText("field")).contains("url");
        TestApi.Reply notAUrl = api.post(
                admin, "/api/webhooks/endpoints", Map.of("url", "not a url", "events", List.of("touch.logged")));
        assertThat(notAUrl.status()).isEqualTo(400);
        assertThat(notAUrl.json().get("code").asText()).isEqualTo("WEBHOOK_URL_REFUSED");
        assertThat(notAUrl.json().get("errors").findValuesAsText("field")).containsExactly("url");
        TestApi.Reply unknownEvent = api.post(
                admin,
                "/api/webhooks/endpoints",
                Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("touch.logged", "touch.deleted")));
        assertThat(unknownEvent.status()).isEqualTo(400);
        assertThat(unknownEvent.json().get("code").asText()).isEqualTo("UNKNOWN_EVENT_TYPE");
        assertThat(unknownEvent.json().get("errors").findValuesAsText("field")).containsExactly("events[1]");
        TestApi.Reply noEvents = api.post(
                admin, "/api/webhooks/endpoints", Map.of("url", "http://127.0.0.1:9/hook", "events", List.of()));
        assertThat(noEvents.status()).isEqualTo(400);
        assertThat(api.get(admin, "/api/webhooks/endpoints").json().size()).isEqualTo(before);

        long id = api.post(
                        admin,
                        "/api/webhooks/endpoints",
                        Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("touch.logged")))
                .json()
                .at("/endpoint/id")
                .asLong();
        Map<String, Object> change = new HashMap<>(
                Map.of("url", "http://127.0.0.1:9/other", "events", List.of("reply.logged"), "enabled", false));
        TestApi.Reply noVersion = api.put(admin, "/api/webhooks/endpoints/" + id, change);
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.json().get("code").asText()).isEqualTo("VERSION_REQUIRED");
        change.put("version", 1);
        assertThat(api.put(admin, "/api/webhooks/endpoints/" + id, change).status())
                .isEqualTo(200);
        TestApi.Reply stale = api.put(admin, "/api/webhooks/endpoints/" + id, change);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("code").asText()).isEqualTo("STALE_VERSION");
        assertThat(api.get(admin, "/api/webhooks/endpoints/" + id)
                        .json()
                        .get("url")
                        .asText())
                .isEqualTo("http://127.0.0.1:9/other");
        assertThat(api.get(admin, "/api/webhooks/endpoints/999999").status()).isEqualTo(404);
        assertThat(api.post(admin, "/api/webhooks/deliveries/999999/redeliver", Map.of())
                        .status())
                .isEqualTo(404);
    }
}
