package com.followup.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.followup.api.FollowupConfiguration;
import com.followup.api.auth.PasswordHasher;
import com.followup.api.demo.DemoAgency;
import com.followup.api.demo.DemoData;
import com.followup.api.testing.TestApi;
import com.followup.api.testing.TestApp;
import com.followup.core.testing.PostgresDatabaseExtension;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The recruiter's dashboard on the demo agency (issue 16), through the API: most urgent first by what needs action,
 * a reason on every row, the latest breach in words, marking breaches as seen, and what a recruiter plans around.
 * Every answer is also checked against the OpenAPI document by {@link TestApi}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoDashboardTest {
    @RegisterExtension
    static final PostgresDatabaseExtension DATABASE = TestApp.migratedDatabase();

    static final DropwizardAppExtension<FollowupConfiguration> APP = TestApp.app(DATABASE);

    private static TestApi api;
    private static TestApi.Session priya;
    private static Jdbi jdbi;

    @BeforeAll
    static void loadTheDemo() {
        jdbi = Jdbi.create(DATABASE::connect);
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
        // The real clock, as the demo command uses: the order must hold whenever someone starts the demo.
        assertThat(new DemoData(new PasswordHasher())
                        .loadIfEmpty(jdbi, Clock.systemUTC())
                        .status())
                .isEqualTo(DemoData.Status.LOADED);
        api = TestApp.api(APP);
        priya = api.login("priya.raman@agency.example", DemoAgency.RECRUITER_PASSWORD);
    }

    private static List<JsonNode> rows(TestApi.Caller caller) {
        TestApi.Reply reply = api.get(caller, "/api/dashboard");
        assertThat(reply.status()).as(reply.raw()::body).isEqualTo(200);
        return StreamSupport.stream(reply.json().get("items").spliterator(), false)
                .toList();
    }

    private static List<String> names(List<JsonNode> rows) {
        return rows.stream().map(row -> row.get("name").asText()).toList();
    }

    private static JsonNode row(List<JsonNode> rows, String name) {
        return rows.stream()
                .filter(row -> row.get("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not on the dashboard: " + names(rows)));
    }

    @Test
    @Order(1)
    void aCandidateWithStepsDueSortsAboveCandidatesWithOnlyPastBreaches() {
        List<JsonNode> rows = rows(priya);
        List<String> names = names(rows);
        // Amelia: a Northwind interview that just ended, debrief and notes to do. Oliver: nothing to do now, only
        // breaches (a third status check, R8) and an interview still to come.
        JsonNode amelia = row(rows, "Amelia Hart");
        JsonNode oliver = row(rows, "Oliver Grant");
        assertThat(amelia.get("due").asInt()).isPositive();
        assertThat(oliver.get("due").asInt() + oliver.get("overdue").asInt()).isZero();
        assertThat(oliver.get("breaches").asInt()).isPositive();
        assertThat(names.indexOf("Amelia Hart")).isLessThan(names.indexOf("Oliver Grant"));
        assertThat(oliver.get("priority").asText()).isEqualTo("NEW_BREACHES");
        assertThat(oliver.get("newBreaches").asBoolean()).isTrue();
        // In general: every row with a step to do above every row with only breaches; each row says why it is where it
        // is, and the priorities never go up the list.
        int lastWithSomethingToDo = -1;
        int firstWithOnlyBreaches = Integer.MAX_VALUE;
        List<String> priorities = new ArrayList<>();
        for (int index = 0; index < rows.size(); index++) {
            JsonNode row = rows.get(index);
            assertThat(row.get("reason").asText()).as(row.get("name").asText()).isNotBlank();
            priorities.add(row.get("priority").asText());
            if (row.get("due").asInt() + row.get("overdue").asInt() > 0) {
                lastWithSomethingToDo = index;
            } else if (row.get("breaches").asInt() > 0) {
                firstWithOnlyBreaches = Math.min(firstWithOnlyBreaches, index);
            }
        }
        assertThat(lastWithSomethingToDo).as(names::toString).isLessThan(firstWithOnlyBreaches);
        List<String> order = List.of("OVERDUE", "DUE_SOON", "DUE", "NEW_BREACHES", "WAITING", "NOTHING_TO_DO");
        assertThat(priorities.stream().map(order::indexOf).toList()).isSorted();
        assertThat(amelia.get("reason").asText()).contains("Northwind Example").doesNotContain("nothing to do");
    }

    @Test
    @Order(2)
    void aRowWithOnlyBreachesShowsTheLatestOneInWordsWithItsRule() {
        JsonNode oliver = row(rows(priya), "Oliver Grant");
        JsonNode latest = oliver.get("latestBreach");
        assertThat(latest.get("rule").asText()).isEqualTo("R8");
        assertThat(latest.get("text").asText())
                .isEqualTo("Oliver sent Northwind Example one status check too many (R8)");
        assertThat(oliver.get("reason").asText()).contains(latest.get("text").asText());
    }

    @Test
    @Order(3)
    void whatARecruiterPlansAroundIsOnTheRow() {
        List<JsonNode> rows = rows(priya);
        // Oliver's Bluefield interview is still to come.
        JsonNode oliver = row(rows, "Oliver Grant");
        assertThat(oliver.get("nextInterview").get("company").asText()).isEqualTo("Bluefield Analytics");
        // Hannah (Marcus's): both threads ended without an answer; "ghosted", not "nothing to do".
        TestApi.Session marcus = api.login("marcus.bell@agency.example", DemoAgency.RECRUITER_PASSWORD);
        JsonNode hannah = row(rows(marcus), "Hannah Vogel");
        assertThat(hannah.get("endedWithoutAnswer")).hasSize(2);
        assertThat(StreamSupport.stream(hannah.get("endedWithoutAnswer").spliterator(), false)
                        .map(thread -> thread.get("status").asText())
                        .toList())
                .containsExactlyInAnyOrder("CLOSED_NO_RESPONSE", "CLOSED_NO_REPLY_EXPECTED");
        assertThat(hannah.get("lastContact").get("by").asText()).isEqualTo("CANDIDATE");
        // Sofia (Marcus's) was rejected yesterday: R19's optional thank-you is open, but it is not "due".
        JsonNode sofia = row(rows(marcus), "Sofia Marin");
        assertThat(sofia.get("reason").asText()).doesNotContain("thank-you after the rejection");
        if (sofia.get("mostUrgent") != null && !sofia.get("mostUrgent").isNull()) {
            assertThat(sofia.get("mostUrgent").get("kind").asText()).isNotEqualTo("THANKS_AFTER_REJECTION");
        }
    }

    @Test
    @Order(4)
    void anAssignedCandidateWithoutInterviewsIsInTheList() {
        long priyaId = jdbi.withHandle(
                handle -> handle.createQuery("SELECT id FROM users WHERE email = 'priya.raman@agency.example'")
                        .mapTo(Long.class)
                        .one());
        TestApi.Session admin = api.login("alex.morgan@agency.example", DemoAgency.ADMIN_PASSWORD);
        TestApi.Reply created = api.post(
                admin,
                "/api/candidates",
                Map.of("name", "Zoe Newcomer", "email", "zoe.newcomer@example.net", "zone", "Europe/London"));
        long newcomer = TestApp.created(created);
        assertThat(api.put(admin, "/api/candidates/" + newcomer + "/recruiters/" + priyaId, Map.of())
                        .status())
                .isBetween(200, 204);
        JsonNode zoe = row(rows(priya), "Zoe Newcomer");
        assertThat(zoe.get("interviews").asInt()).isZero();
        assertThat(zoe.get("reason").asText()).isEqualTo("No interviews yet");
    }

    @Test
    @Order(5)
    void markingBreachesAsSeenMovesTheRowDownForThatRecruiterOnly() {
        long oliver = row(rows(priya), "Oliver Grant").get("candidateId").asLong();
        TestApi.Reply seen = api.post(priya, "/api/dashboard/candidates/" + oliver + "/breaches-seen", Map.of());
        assertThat(seen.status()).as(seen.raw()::body).isEqualTo(200);
        assertThat(seen.json().get("breaches").asInt()).isPositive();

        List<JsonNode> rows = rows(priya);
        JsonNode after = row(rows, "Oliver Grant");
        assertThat(after.get("newBreaches").asBoolean()).isFalse();
        assertThat(after.get("priority").asText()).isEqualTo("NOTHING_TO_DO");
        // What Oliver's recruiter plans around now: the interview still to come.
        assertThat(after.get("reason").asText()).startsWith("Interview with Bluefield Analytics");
        // Still counted as breaches; the row still has the latest one in words.
        assertThat(after.get("breaches").asInt())
                .isEqualTo(seen.json().get("breaches").asInt());
        assertThat(after.get("latestBreach").get("rule").asText()).isEqualTo("R8");
        long audited = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM audit_log WHERE action = 'breaches.seen' AND entity_id = :id")
                .bind("id", Long.toString(oliver))
                .mapTo(Long.class)
                .one());
        assertThat(audited).isEqualTo(1L);

        // The admin has not seen them: for the admin, Oliver still has new breaches.
        TestApi.Session admin = api.login("alex.morgan@agency.example", DemoAgency.ADMIN_PASSWORD);
        assertThat(row(rows(admin), "Oliver Grant").get("newBreaches").asBoolean())
                .isTrue();
    }

    @Test
    @Order(6)
    void anotherRecruitersCandidateCannotBeMarked() {
        TestApi.Session lena = api.login("lena.fischer@agency.example", DemoAgency.RECRUITER_PASSWORD);
        long oliver = row(rows(priya), "Oliver Grant").get("candidateId").asLong();
        assertThat(api.post(lena, "/api/dashboard/candidates/" + oliver + "/breaches-seen", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(api.post(lena, "/api/dashboard/candidates/999999/breaches-seen", Map.of())
                        .status())
                .isEqualTo(404);
    }
}
